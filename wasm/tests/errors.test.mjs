// Bad input throws a JavaScript Error carrying the core's message and a kind, and the module
// keeps working for later calls.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;

// The minimal scorecard every front end's error tests share (line 10 is the measure's id).
const CARD = readFileSync(new URL('../../tests/fixtures/minimal/scorecard.toml', import.meta.url), 'utf8');

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

test('malformed JSON', () => {
  const e = thrown(() => Scorecard.fromJson('{"id": "t",\n "title": '));
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'BetteroffError');
  assert.equal(e.kind, 'syntax');
  assert.match(e.message, /^scorecard\.json:2: EOF while parsing a value/);
  assert.equal(e.errors[0].line, 2);
});

test('an unknown measure in CSV', () => {
  const card = Scorecard.fromToml(CARD);
  const e = thrown(() => card.addObservationsCsv('measure,period,value\nm,2019-04,32\nx9,2019-05,30\n'));
  assert.equal(e.kind, 'data');
  assert.equal(e.message, 'observations.csv:3: field "measure": unknown measure id "x9": the scorecard has no measure with that id');
  assert.deepEqual([e.errors[0].line, e.errors[0].field], [3, 'measure']);
});

test('a bad period, in a row object and in the as-of option', () => {
  const card = Scorecard.fromToml(CARD);
  const e = thrown(() => card.addObservations([{ measure: 'm', period: '2019-13', value: 1 }]));
  assert.equal(e.kind, 'period');
  assert.equal(e.message, 'observations (array), row 1: field "period": cannot read "2019-13" as a period: month must be 1 to 12');
  assert.equal(e.errors[0].row, 1);
  const a = thrown(() => card.score({ asOf: '05/30/2020' }));
  assert.equal(a.kind, 'period');
  assert.match(a.message, /^asOf: cannot read "05\/30\/2020" as a period: no such date \(read day first/);
  assert.equal(thrown(() => card.score({ asOf: 202005 })).kind, 'usage');
  assert.equal(thrown(() => card.addObservations('m,2019-04,1')).kind, 'usage');
});

test('the module keeps working after errors', () => {
  const card = Scorecard.fromToml(CARD);
  for (let i = 0; i < 3; i++) {
    thrown(() => card.addObservationsCsv('measure,period,value\nm,2019-04,NaN\n'));
    thrown(() => Scorecard.fromToml('id = '));
  }
  card.addObservationsCsv('measure,period,value\nm,2019-04,32\nm,2019-10,25\n');
  const m = card.score({ asOf: '2019-10' }).measures[0];
  // semantics section 5 worked check: expected 24.58%, at risk, progress 43.75%.
  assert.equal(m.status, 'at_risk');
  assert.equal(m.progress_pct, 43.75);
  assert.equal(Math.round(m.expected * 100) / 100, 24.58);
});

test('arguments of the wrong type are typed errors, not crashes', () => {
  for (const [call, message] of [
    [() => Scorecard.fromToml(123), 'the definition must be text (a string), not number'],
    [() => Scorecard.fromToml(null), 'the definition must be text (a string), not null'],
    [() => Scorecard.fromToml(CARD).addObservationsCsv({}), 'the CSV text must be text (a string), not object'],
    [() => Scorecard.fromToml(CARD).render(7), 'the format must be text (a string), not number'],
    [() => Scorecard.fromToml(CARD).chart(undefined), 'the measure id must be text (a string), not undefined'],
  ]) {
    const e = thrown(call);
    assert.ok(e instanceof Error);
    assert.equal(e.kind, 'usage');
    assert.ok(e.message.endsWith(message), e.message);
  }
  // The module still works.
  assert.equal(Scorecard.fromToml(CARD).periods().length, 0);
});

test('a file over the browser limit is a clear error, not an aborted module', () => {
  // 17 MB of observations against the browser's 16 MB (the core's 256 MB would exhaust
  // WebAssembly's memory while reading).
  const card = Scorecard.fromToml(CARD);
  const big = 'measure,period,value\n' + 'm,2019-04,32\n'.repeat(1_400_000);
  const e = thrown(() => card.addObservationsCsv(big));
  assert.equal(e.kind, 'usage');
  assert.match(e.message, /observations\.csv: the file is 17\.\d MB, over the limit of 16\.0 MB/);
  assert.equal(Scorecard.fromToml(CARD).periods().length, 0);
});

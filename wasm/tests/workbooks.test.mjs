// Workbooks from their bytes, as the dashboard opens them (core/tests/workbooks.rs and
// py/tests/test_workbooks.py hold the same cases): the WSoA's CSV files as one workbook give the
// golden vector byte for byte; dates typed as dates read as the measure's months; problems name
// the sheet and cell. The fixtures are written by `cargo run -p betteroff --example
// workbook_fixtures -- target/fixtures` (scripts/test-all.sh runs it first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;
const root = new URL('../../', import.meta.url);
const CARD = readFileSync(new URL('tests/fixtures/minimal/scorecard.toml', root), 'utf8');

function fixture(name) {
  const url = new URL(`target/fixtures/${name}`, root);
  assert.ok(existsSync(url), `${url.pathname} is missing: run cargo run -p betteroff --example workbook_fixtures -- target/fixtures`);
  return readFileSync(url);
}

test('the WSoA as a workbook gives the golden vector (warnings located in the sheet)', () => {
  const card = Scorecard.fromToml(readFileSync(new URL('examples/dudley-wsoa/scorecard.toml', root), 'utf8'),
    'examples/dudley-wsoa/scorecard.toml');
  card.addWorkbook(new Uint8Array(fixture('dudley-wsoa.xlsx')), 'wsoa.xlsx');
  const golden = JSON.parse(readFileSync(new URL('tests/vectors/dudley-wsoa-2020-05.json', root), 'utf8'));
  const got = JSON.parse(card.toJson({ asOf: '2020-05' }));
  // The golden vector, but for where each warning's figure came from (a CSV line there, a sheet
  // and cell here).
  assert.deepEqual(got.warnings.map((w) => w.location.sheet), golden.warnings.map(() => 'observations'));
  for (const r of [golden, got]) for (const w of r.warnings) delete w.location;
  assert.deepEqual(got, golden);
});

test('month-start date cells score as the tidy months, from a Uint8Array or an ArrayBuffer', () => {
  const tidy = Scorecard.fromToml(CARD);
  tidy.addObservationsCsv('measure,period,value\nm,2019-04,32\nm,2019-10,27\nm,2020-04,20\n');
  const want = tidy.score({ asOf: '2020-05' }).measures[0];
  // 32% to 16% by 2020-05-31 from 2019-04-30: at 2020-04-30, e = 32 - 16 x 366/397 = 17.249;
  // 20% falls short by 2.75, more than 1.6: off track (docs/semantics.md section 5).
  assert.deepEqual([want.status, want.expected], ['off_track', 17.24937]);
  const bytes = fixture('month-start.xlsx');
  for (const data of [new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)]) {
    const card = Scorecard.fromToml(CARD);
    card.addWorkbook(data, 'observations.xlsx');
    const report = card.score({ asOf: '2020-05' });
    const m = report.measures[0];
    assert.deepEqual([m.status, m.expected, m.period], [want.status, want.expected, '2020-04']);
    assert.deepEqual(report.warnings.map((w) => [w.code, w.location.sheet]), [['inferred_frequency', 'Observations']]);
  }
});

test('problems name the sheet and the cell, and nothing is added', () => {
  const card = Scorecard.fromToml(CARD);
  assert.throws(() => card.addWorkbook(new Uint8Array(fixture('bad-value.xlsx')), 'data.xlsx'), (e) => {
    assert.equal(e.kind, 'data');
    assert.ok(e.message.includes('data.xlsx, sheet "observations", cell C3: field "value": "thirty" is not a number'), e.message);
    assert.deepEqual(e.errors.map((x) => [x.sheet, x.cell, x.field]), [['observations', 'C3', 'value'], ['observations', 'A4', 'measure']]);
    return true;
  });
  assert.equal(card.score({ asOf: '2020-05' }).measures[0].status, 'no_data');
  assert.throws(() => Scorecard.fromToml(CARD).addWorkbook(new Uint8Array(fixture('no-sheet.xlsx')), 'book.xlsx'),
    /book\.xlsx: the workbook has no sheet named observations, comparators or actions \(its sheets are "Sheet1"\)/);
  assert.throws(() => Scorecard.fromToml(CARD).addWorkbook('not bytes'),
    /the workbook must be bytes \(a Uint8Array or an ArrayBuffer\), not string/);
});

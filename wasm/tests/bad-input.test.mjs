// The bad-input catalogue (tests/bad-input/cases.json) through the npm package: an Error with
// the same kind and message as the Rust core, CLI and Python; the module keeps working after.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;
const { cases } = JSON.parse(readFileSync(new URL('../../tests/bad-input/cases.json', import.meta.url), 'utf8'));

function load(files) {
  const card = files['scorecard.json'] !== undefined
    ? Scorecard.fromJson(files['scorecard.json'])
    : Scorecard.fromToml(files['scorecard.toml']);
  for (const [name, add] of [['observations.csv', 'addObservationsCsv'], ['comparators.csv', 'addComparatorsCsv'], ['actions.csv', 'addActionsCsv']]) {
    if (files[name] !== undefined) card[add](files[name], name);
  }
  return card.score();
}

for (const c of cases.filter((c) => (c.front_ends ?? ['javascript']).includes('javascript'))) {
  test(`catalogue: ${c.id}`, () => {
    if (c.expect.ok) {
      const report = load(c.files);
      assert.ok(report.measures.length > 0);
      assert.deepEqual(report.warnings.map(({ code, measure, message }) => ({ code, measure, message })), c.expect.warnings ?? []);
      return;
    }
    let error;
    try {
      load(c.files);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, `${c.id}: expected an Error`);
    assert.equal(error.kind, c.expect.kind, `${c.id}: ${error.message}`);
    assert.ok(error.message.startsWith(c.expect.message), `${c.id}:\n  got  ${error.message}\n  want ${c.expect.message}`);
  });
}

test('the module still works after every catalogued error', () => {
  const card = Scorecard.fromToml(readFileSync(new URL('../../tests/fixtures/minimal/scorecard.toml', import.meta.url), 'utf8'));
  card.addObservationsCsv('measure,period,value\nm,2019-04,32\n');
  assert.equal(card.score().measures[0].value, 32);
});

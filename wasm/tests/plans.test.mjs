// Plans as councils write them (issue 20) from JavaScript: windows and figures given only as a
// bound or an outcome, as in Rust (core/tests/plans.rs) and Python (py/tests/test_plans.py).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;

function loadExample(dir) {
  const path = (f) => new URL(`../../${dir}/${f}`, import.meta.url);
  const card = Scorecard.fromToml(readFileSync(path('scorecard.toml'), 'utf8'));
  for (const [file, add] of [['observations.csv', 'addObservationsCsv'], ['comparators.csv', 'addComparatorsCsv']]) {
    if (existsSync(path(file))) card[add](readFileSync(path(file), 'utf8'), file);
  }
  return card;
}

test('a rolling 12 months is its own series, labelled, with the other windows beside it', () => {
  const card = loadExample('examples/timeliness-plan');
  const m = card.score({ asOf: '2024-12' }).measures.find((x) => x.id === 'ehc20');
  assert.deepEqual(m.window, { kind: 'rolling', months: 12 });
  assert.equal(m.period_label, '12 months to Dec 2024');
  // 52% against a trajectory asking 54.58%: off track, whatever the quarter says.
  assert.equal(m.status, 'off_track');
  assert.deepEqual(m.other_windows.map((w) => w.label), ['calendar year 2024', 'Apr to Dec 2024, financial year to date']);
  assert.ok(card.render('text', { asOf: '2024-12' }).includes('52% (12 months to Dec 2024)'));
  card.free();
});

test('"not met" at the due date is missed, and a bound is shown as given', () => {
  const card = loadExample('examples/kpi-plan');
  const m = card.score({ asOf: '2024-Q3' }).measures.find((x) => x.id === 'ehc20');
  assert.equal(m.given, '< 60%');
  assert.equal(m.value, null);
  assert.equal(m.status, 'missed');
  assert.equal(m.target.value, 70);
  const interim = card.score({ asOf: '2024-Q1' }).measures.find((x) => x.id === 'ehc20');
  assert.equal(interim.given, 'not met');
  assert.equal(interim.status, 'at_risk');
  card.free();
});

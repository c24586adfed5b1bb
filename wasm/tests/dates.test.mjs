// Dates as spreadsheets and JavaScript write monthly figures (core/tests/dates.rs and
// py/tests/test_dates.py hold the same cases): a monthly measure reads them as its months, with
// the status and expected value of the tidy spelling. WSoA area 2 A3: 25% in October 2019 is
// expected 24.58%, at risk, progress 43.75%.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;
const CARD = readFileSync(new URL('../../tests/fixtures/minimal/scorecard.toml', import.meta.url), 'utf8');
const monthly = CARD.replace('polarity = "lower_is_better"\n', 'polarity = "lower_is_better"\nfrequency = "monthly"\n');

function measure(def, periods) {
  const card = Scorecard.fromToml(def);
  card.addObservations(periods.map((period, i) => ({ measure: 'm', period, value: [32, 25][i] })));
  return card.score({ asOf: '2019-10' }).measures[0];
}

test('month-start dates, datetimes and UTC-midnight Dates score as the months', () => {
  const tidy = measure(monthly, ['2019-04', '2019-10']);
  assert.deepEqual([tidy.status, tidy.expected, tidy.progress_pct], ['at_risk', 24.584383, 43.75]);
  for (const periods of [['2019-04-01', '2019-10-01'], ['2019-04-30T00:00:00', '2019-10-31T00:00:00'],
    [new Date(Date.UTC(2019, 3, 1)), new Date(Date.UTC(2019, 9, 1))]]) {
    const m = measure(monthly, periods);
    assert.deepEqual([m.status, m.expected, m.progress_pct, m.period], ['at_risk', 24.584383, 43.75, '2019-10'], String(periods));
  }
});

test('without a frequency the report says how the dates were read', () => {
  const m = measure(CARD, ['2019-04-01', '2019-10-01']);
  assert.deepEqual([m.status, m.expected], ['at_risk', 24.584383]);
  assert.ok(m.notes.some((n) => n.startsWith('No frequency is given; the figures are dated on the first of their months')));
});

test('a zoned time that is another day in UTC, and a quarter in a monthly measure, are refused', () => {
  // 1 April 2019 at local midnight in British Summer Time, as Date.toISOString writes it.
  assert.throws(() => measure(monthly, ['2019-03-31T23:00:00.000Z', '2019-10']),
    (e) => e.kind === 'period' && /a date and time with a time zone, other than midnight/.test(e.message));
  assert.throws(() => measure(monthly, ['2019-04', '2019-Q3']),
    (e) => e.kind === 'period' && /row 2: field "period": measure "m" is monthly, and 2019-Q3 is a quarter/.test(e.message));
});

test('percentages given as proportions are refused against a stated target', () => {
  const def = CARD.replace('target = { kind = "relative", change = -50, due = "2020-05" }', 'target = { kind = "absolute", value = 16, due = "2020-05" }');
  const card = Scorecard.fromToml(def);
  card.addObservations([{ measure: 'm', period: '2019-04', value: 0.32 }, { measure: 'm', period: '2019-10', value: 0.25 }]);
  assert.throws(() => card.score({ asOf: '2019-10' }),
    (e) => e.kind === 'data' && /its figures are all between 0 and 1 \(0\.32, 0\.25\), but its target is 16/.test(e.message));
});

test('warnings are listed, and refused with strict', () => {
  const card = Scorecard.fromToml(CARD);
  card.addObservations([{ measure: 'm', period: '2019-04-15', value: 32 }, { measure: 'm', period: '2019-10-20', value: 25 }]);
  assert.deepEqual(card.score({ asOf: '2019-10' }).warnings.map((w) => w.code), ['baseline_missing']);
  assert.throws(() => card.score({ asOf: '2019-10', strict: true }),
    (e) => e.kind === 'data' && /warning baseline_missing, refused in a strict run/.test(e.message));
});

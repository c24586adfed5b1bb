// Scorecard.scoreColumns: the core's full batch scoring from typed arrays, checked against the
// figures worked by hand in semantics section 5 (Dudley WSoA area 2 A3) and R's quantile type 7.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;

// The fixture every front end's batch test scores.
const DEFINITION = readFileSync(new URL('../../tests/fixtures/batch/wsoa-a3.toml', import.meta.url), 'utf8');

// Four areas, September and October 2019 (illustrative); area 4's October figure is missing.
const area = Uint32Array.from([1, 1, 2, 2, 3, 3, 4, 4]);
const measure = new Uint32Array(8);
const period = Uint32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
const value = Float64Array.from([26, 25, 30, 24, 31, 27, 28, NaN]);

test('statuses, quartiles, bands and ranks worked by hand', () => {
  const card = Scorecard.fromToml(DEFINITION);
  const c = card.scoreColumns(area, measure, ['A3a'], period, ['2019-09', '2019-10'], value);
  // At 2019-10, 184 of 397 days on: expected 32 - 16 x 184/397 = 24.58; 25 is short by 0.42
  // <= 1.6: at risk; 24 meets it: on track; 27 is short by 2.42: off track; missing: no data.
  assert.deepEqual([...c.status].map((k) => c.statusNames[k]), ['at_risk', 'on_track', 'off_track', 'no_data']);
  assert.ok(Math.abs(c.expected[0] - (32 - (16 * 184) / 397)) < 1e-12);
  assert.equal(c.target[0], 16);
  assert.equal(c.progressPct[0], 43.75);
  assert.equal(c.comparisonNames[c.comparison[0]], 'at_most');
  // October's 24, 25, 27: quartiles 24.5, 25, 26; 25 is band B (lower is better), rank 2.
  assert.deepEqual([c.q1[0], c.median[0], c.q3[0]], [24.5, 25, 26]);
  assert.equal(c.bandNames[c.band[0]], 'B');
  assert.equal(c.rank[0], 2);
  // Area 4, without an October figure, is benchmarked at October all the same (LAIT's rule:
  // the latest period with figures): the others' quartiles, no band (255).
  assert.deepEqual([c.benchmarkPeriod[3], c.q1[3], c.median[3], c.q3[3]], [1, 24.5, 25, 26]);
  assert.equal(c.band[3], 255);
  // Two points are too few for SPC: no limits, no rules (255).
  assert.ok(Number.isNaN(c.spcMean[0]));
  assert.deepEqual([...new Set(c.rule)], [255]);
});

test('bad columns are errors naming the row', () => {
  const card = Scorecard.fromToml(DEFINITION);
  assert.throws(() => card.scoreColumns(area, measure, ['B9'], period, ['2019-09', '2019-10'], value),
    (e) => e.kind === 'data' && /row 1: field "measure": the scorecard has no measure 'B9'/.test(e.message));
  const backwards = Uint32Array.from([1, 0, 0, 1, 0, 1, 0, 1]);
  assert.throws(() => card.scoreColumns(area, measure, ['A3a'], backwards, ['2019-09', '2019-10'], value),
    (e) => e.kind === 'data' && /row 2: field "period": 2019-09 does not follow 2019-10/.test(e.message));
});

test('a comparator target reads the named figures', () => {
  // "Match England" (lower is better): England's October figure is 26. Area 1's 25 meets it;
  // area 2's 24 too; area 3's 27 does not and, before any due date, is at risk.
  const card = Scorecard.fromToml(DEFINITION.replace(
    '{ kind = "relative", change = -50, due = "2020-05" }', '{ kind = "comparator", comparator = "England" }'));
  const c = card.scoreColumns(area, measure, ['A3a'], period, ['2019-09', '2019-10'], value, undefined,
    Uint32Array.from([0]), Uint32Array.from([1]), ['England'], Float64Array.from([26]));
  assert.deepEqual([...c.target].slice(0, 3), [26, 26, 26]);
  assert.deepEqual([...c.status].slice(0, 3).map((k) => c.statusNames[k]), ['achieved', 'achieved', 'at_risk']);
  assert.throws(() => card.scoreColumns(area, measure, ['A3a'], period, ['2019-09', '2019-10'], value, undefined,
    Uint32Array.from([0]), Uint32Array.from([1]), ['England', 'Region'], Float64Array.from([26])),
  (e) => e.kind === 'usage' && /same length/.test(e.message));
});

test('disclosure control as in the scorecard', () => {
  // A count of children: area 1's October 3 is a small count, withheld (status suppressed);
  // area 2's 12 is published. disclosureControl: false (internal use) scores the true 3.
  const card = Scorecard.fromToml('id = "c"\ntitle = "C"\n[[sections]]\nid = "s"\ntitle = "S"\n'
    + 'kind = "service"\n[[sections.measures]]\nid = "K"\nname = "Children"\nkind = "better_off"\n'
    + 'unit = "count"\npolarity = "lower_is_better"\n');
  const a = Uint32Array.from([1, 1, 2, 2]);
  const m = new Uint32Array(4);
  const p = Uint32Array.from([0, 1, 0, 1]);
  const v = Float64Array.from([10, 3, 11, 12]);
  const c = card.scoreColumns(a, m, ['K'], p, ['2019-09', '2019-10'], v);
  assert.deepEqual([...c.status].map((k) => c.statusNames[k]), ['suppressed', 'no_target']);
  assert.ok(Number.isNaN(c.value[0]));
  assert.equal(c.value[1], 12);
  const raw = card.scoreColumns(a, m, ['K'], p, ['2019-09', '2019-10'], v, undefined,
    undefined, undefined, undefined, undefined, false);
  assert.equal(raw.value[0], 3);
});

test('the icons of two areas, worked by hand', () => {
  // Twelve months from May 2019 (the CLI's test, cli/tests/score.rs, works the same figures):
  // area 1 alternates 10 and 11, then 30: limits 12.083333 ± 2.66 after the screening, 30 above
  // the upper limit and lower is better: concern_high; the target 16 above the upper limit:
  // consistent_pass. Area 2 alternates 20 and 21: limits 17.84 to 23.16, no rule:
  // common_cause; 16 below the lower limit: consistent_fail.
  const one = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 30];
  const two = [20, 21, 20, 21, 20, 21, 20, 21, 20, 21, 20, 21];
  const periods = one.map((_, i) => { const m = 4 + i; return `${2019 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`; });
  const card = Scorecard.fromToml(DEFINITION);
  const c = card.scoreColumns(
    Uint32Array.from([...one.map(() => 1), ...two.map(() => 2)]),
    new Uint32Array(24), ['A3a'],
    Uint32Array.from([...periods.keys(), ...periods.keys()]), periods,
    Float64Array.from([...one, ...two]));
  assert.deepEqual([...c.variationIcon].map((k) => c.variationIconNames[k]), ['concern_high', 'common_cause']);
  assert.deepEqual([...c.assurance].map((k) => c.assuranceNames[k]), ['consistent_pass', 'consistent_fail']);
  assert.deepEqual([c.spcLower[1], c.spcUpper[1]], [17.84, 23.16]);
});

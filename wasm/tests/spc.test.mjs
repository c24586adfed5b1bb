// spcColumns: the core's batch SPC from typed arrays, checked against figures worked by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { spcColumns } = betteroff;

test('limits and rules worked by hand', () => {
  // Series 7: 10, 12, 10, 12, ... (20 points): mean 11, every moving range 2, limits
  // 11 +/- 2.66 x 2 = 5.68 and 16.32, nothing special. Series 9: one point, no moving range,
  // so no limits; its centre line is the point itself (NHSRplotthedots' one-point case). Series 4: 1 .. 8: mean 4.5, moving range 1, limits 1.84 and 7.16; a 7-point
  // trend, but 1 and 8 lie outside the limits, which takes precedence.
  const ids = [...Array(20).fill(7), 9, ...Array(8).fill(4)];
  const values = [...Array.from({ length: 20 }, (_, i) => (i % 2 ? 12 : 10)), 3, 1, 2, 3, 4, 5, 6, 7, 8];
  const c = spcColumns(Uint32Array.from(ids), Float64Array.from(values), 'higher_is_better');
  assert.deepEqual([...c.series], [7, 9, 4]);
  assert.deepEqual([...c.points], [20, 1, 8]);
  assert.ok(Math.abs(c.upper[0] - 16.32) < 1e-12 && Math.abs(c.lower[0] - 5.68) < 1e-12);
  assert.equal(c.mean[1], 3);
  assert.equal(c.upper[1], null);
  assert.equal(c.mean[2], 4.5);
  const rules = [...c.rule].map((k) => c.ruleNames[k]);
  assert.deepEqual(new Set(rules.slice(0, 21)), new Set(['common_cause']));
  assert.deepEqual(rules.slice(21), ['below_lcl', ...Array(6).fill('trend_increasing'), 'above_ucl']);
  assert.equal(c.pointTypeNames[c.pointType[28]], 'special_cause_improvement');
});

test('bad columns are errors naming the problem', () => {
  assert.throws(() => spcColumns(Uint32Array.from([1, 2, 1]), Float64Array.from([1, 2, 3]), 'neutral'),
    (e) => e.kind === 'usage' && /series '1' appears again at row 3/.test(e.message));
  assert.throws(() => spcColumns(Uint32Array.from([1, 1]), Float64Array.from([1, NaN]), 'neutral'),
    (e) => e.kind === 'data' && /row 2: field "value": the value is not a finite number/.test(e.message));
  assert.throws(() => spcColumns(Uint32Array.from([1]), Float64Array.from([1]), 'up'),
    (e) => e.kind === 'usage' && /polarity must be/.test(e.message));
});

test('the Making Data Count icons and the summary matrix', () => {
  const bo = betteroff;
  const read = (f) => readFileSync(new URL(`../../examples/stockton/${f}`, import.meta.url), 'utf8');
  const card = bo.Scorecard.fromToml(read('scorecard.toml'));
  card.addObservationsCsv(read('observations.csv'), 'observations.csv');
  card.addComparatorsCsv(read('comparators.csv'), 'comparators.csv');
  const report = card.score();
  // Stockton's monthly EHC timeliness: 75% above the upper limit, higher is better.
  assert.deepEqual(report.summary.spc.map((r) => [r.id, r.variation_icon, r.assurance]),
    [['ehcp-20-weeks-monthly', 'improvement_high', 'inconsistent']]);
  assert.ok(card.spcSummaryCsv().split('\n')[1].startsWith('identified-early,ehcp-20-weeks-monthly,'));
  const icons = bo.spcIcons('improvement_high', 'inconsistent');
  assert.ok(icons.includes('aria-label="Variation: Special cause improvement: higher values"'));
  assert.ok(icons.includes('aria-label="Assurance: Passes and fails the target at random"'));
  assert.ok(bo.spcIcons('common_cause').includes('no significant change'));
  assert.throws(() => bo.spcIcons('sideways'), /unknown variation icon "sideways"/);
  card.free();
});

test('annotations are numbered and drawn on the charts', () => {
  const read = (f) => readFileSync(new URL(`../../examples/dudley-wsoa/${f}`, import.meta.url), 'utf8');
  const card = betteroff.Scorecard.fromToml(read('scorecard.toml'));
  card.addObservationsCsv(read('observations.csv'), 'observations.csv');
  card.addAnnotationsCsv(read('annotations.csv'), 'annotations.csv');
  card.addAnnotations([{ measure: '9.A1', period: '2020-04', text: 'Illustrative: a new page' }]);
  const m = card.score({ asOf: '2020-05' }).measures.find((x) => x.id === '9.A1');
  assert.deepEqual(m.annotations.map((a) => [a.number, a.period]),
    [[1, '2019-05'], [2, '2019-07'], [3, '2020-03'], [4, '2020-04']]);
  assert.equal((card.spcChart('9.A1', { asOf: '2020-05' }).match(/<g class="annotation">/g) ?? []).length, 4);
  assert.throws(() => card.addAnnotationsCsv('measure,period,text\nnope,2020-01,x\n'), /annotations.csv:2: field "measure": unknown measure id "nope"/);
  card.free();
});

// NHSRplotthedots 0.2.2's own answers (tests/reference/spc-reference-cases.json) through
// spcColumns and Scorecard, as core/tests/spc_reference.rs and py/tests/test_spc_reference.py
// check them. Where betteroff keeps a documented difference (docs/statistics.md), the expected
// value says so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { spcColumns, Scorecard } = betteroff;
const { cases } = JSON.parse(readFileSync(new URL('../../tests/reference/spc-reference-cases.json', import.meta.url), 'utf8'));

// NHSRplotthedots' rule text -> betteroff's rule key.
const RULE_KEYS = {
  'Above UCL': 'above_ucl',
  'Below LCL': 'below_lcl',
  '7 Point Trend (Increasing)': 'trend_increasing',
  '7 Point Trend (Decreasing)': 'trend_decreasing',
  '2 in 3 Above CL': 'two_in_three_above',
  '2 in 3 Below CL': 'two_in_three_below',
  '7 Points Above CL': 'shift_above',
  '7 Points Below CL': 'shift_below',
  'Common Cause': 'common_cause',
};
const POLARITY = { increase: 'higher_is_better', decrease: 'lower_is_better', neutral: 'neutral' };

// The package's icon, except with no limits, where it compares the target with NA and says
// "inconsistent": betteroff gives no icon (docs/statistics.md).
const expectedAssurance = (c) => (c.expected.upl === null && c.expected.assurance === 'inconsistent' ? null : c.expected.assurance);
const close = (a, b, tol) => (a === null || b === null ? a === b : Math.abs(a - b) <= tol);
const r6 = (x) => (x === null ? null : Math.round(x * 1e6) / 1e6);
const month = (i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

test('ten cases', () => assert.equal(cases.length, 10));

for (const c of cases) {
  const e = c.expected;
  test(`spcColumns: ${c.id}`, () => {
    const out = spcColumns(Uint32Array.from(c.values.map(() => 1)), Float64Array.from(c.values), POLARITY[c.improvement_direction],
      c.screen_outliers, c.fix_after_n_points ?? undefined);
    assert.deepEqual([...out.rule].map((k) => out.ruleNames[k]), e.rule.map((r) => RULE_KEYS[r]));
    assert.deepEqual([...out.pointType].map((k) => out.pointTypeNames[k]), e.point_types);
    assert.ok(close(out.mean[0], e.mean, 1e-12), 'mean');
    assert.ok(close(out.lower[0], e.lpl, 1e-12), 'lpl');
    assert.ok(close(out.upper[0], e.upl, 1e-12), 'upl');
  });

  test(`Scorecard: ${c.id}`, () => {
    const spc = c.fix_after_n_points ? [`fix_after = ${c.fix_after_n_points}`] : [];
    const target = c.target === null ? '' : `target = { kind = "absolute", value = ${JSON.stringify(c.target)} }\n`;
    const toml = 'id = "ref"\ntitle = "Reference cases"\nnotes = ["Illustrative figures: NHSRplotthedots\' reference cases."]\n'
      + `[analysis]\nspc_min_points = 2\nspc_screen_outliers = ${c.screen_outliers}\n`
      + '[[sections]]\nid = "s"\ntitle = "S"\nkind = "service"\n'
      + '[[sections.measures]]\nid = "m"\nname = "M"\nkind = "how_well"\nunit = "score"\n'
      + `polarity = "${POLARITY[c.improvement_direction]}"\nfrequency = "monthly"\n${target}spc = { ${spc.join(', ')} }\n`;
    const card = Scorecard.fromToml(toml);
    card.addObservations(c.values.map((value, i) => ({ measure: 'm', period: month(i), value })));
    const m = card.score({ asOf: month(c.values.length - 1) }).measures[0];
    if (c.values.length < 2) {
      // A scorecard gives SPC to series of at least 2 figures, and says why not.
      assert.equal(m.spc, null);
      assert.match(m.spc_missing, /^No SPC: 1 figure\(s\)/);
      return;
    }
    const p = m.spc.points;
    assert.deepEqual(p.map((x) => x.rule_text), e.rule);
    assert.deepEqual(p.map((x) => x.point_type), e.point_types);
    // The report rounds every figure to 6 decimals (the JSON contract).
    assert.deepEqual(p.map((x) => x.mean), e.mean_per_point.map(r6));
    assert.deepEqual(p.map((x) => x.lower), e.lpl_per_point.map(r6));
    assert.deepEqual(p.map((x) => x.upper), e.upl_per_point.map(r6));
    assert.equal(m.spc.variation, e.variation);
    assert.equal(m.spc.assurance, expectedAssurance(c));
  });
}

test('spcColumns options are checked', () => {
  assert.throws(() => spcColumns(Uint32Array.from([1, 1]), Float64Array.from([1, 2]), 'neutral', true, 1),
    (err) => err.kind === 'usage' && /fixAfter must be at least 2: limits need a moving range/.test(err.message));
});

test('spcColumns presets: abspc limits at 3 / 1.128 mean moving ranges', () => {
  // 0, 1 six times: mean 0.5, every moving range 1.
  const series = new Uint32Array(12);
  const values = Float64Array.from({ length: 12 }, (_, i) => i % 2);
  assert.equal(spcColumns(series, values, 'neutral').upper[0], 0.5 + 2.66);
  assert.equal(spcColumns(series, values, 'neutral', undefined, undefined, 'abspc').upper[0], 0.5 + 3 / 1.128);
  assert.throws(() => spcColumns(series, values, 'neutral', undefined, undefined, 'powerbi'),
    (e) => e.kind === 'usage' && /unknown SPC preset "powerbi": expected nhsr_plotthedots, mdc_excel, abspc, powerbi_spc/.test(e.message));
  // The Power BI SPC visual's 5-point trend: 0.1 to 0.5 after 0, 1 four times (by hand: mean
  // 0.40625, mean moving range 0.72, nothing near the limits, no run of 7 on one side).
  const rising = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0.1, 0.2, 0.3, 0.4, 0.5, 0, 1, 0]);
  const ids = new Uint32Array(16);
  assert.deepEqual([...spcColumns(ids, rising, 'higher_is_better').rule], Array(16).fill(0));
  assert.deepEqual([...spcColumns(ids, rising, 'higher_is_better', undefined, undefined, 'powerbi_spc').rule],
    [...Array(8).fill(0), ...Array(5).fill(3), 0, 0, 0]);
});

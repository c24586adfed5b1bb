// The "national" workload's full batch scoring by the npm package from Node
// (Scorecard.scoreColumns), timed and checked figure for figure against the native core's
// output in the same folder:
//   node bench/wasm_national.mjs target/bench/national-tenth
// The folder comes from `betteroff-bench national DIR AREAS MEASURES MONTHS`. Prints the median
// of seven runs and the ratio to the native core's one-thread median (wasm runs on one thread).

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Scorecard } = require('../wasm/pkg/node/betteroff.js');

const dir = process.argv[2] ?? 'target/bench/national-tenth';
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const typed = (name, Type) => {
  const raw = readFileSync(join(dir, name));
  return new Type(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
};
const lines = (name) => readFileSync(join(dir, name), 'utf8').split('\n');
const [area, measure, period] = ['area', 'measure', 'period'].map((c) => typed(`${c}.u32`, Uint32Array));
const value = typed('value.f64', Float64Array);
const card = Scorecard.fromToml(readFileSync(join(dir, 'definition.toml'), 'utf8'));
const [ids, periods] = [lines('measures.txt'), lines('periods.txt')];
// England's figure for each measure and month (NaN where none): the comparator columns.
const england = typed('england.f64', Float64Array);
const known = [...england.keys()].filter((k) => !Number.isNaN(england[k]));
const cMeasure = Uint32Array.from(known, (k) => Math.floor(k / periods.length));
const cPeriod = Uint32Array.from(known, (k) => k % periods.length);
const cName = known.map(() => 'England');
const cValue = Float64Array.from(known, (k) => england[k]);

const times = [];
let c;
for (let run = 0; run < 7; run += 1) {
  const t = process.hrtime.bigint();
  c = card.scoreColumns(area, measure, ids, period, periods, value, undefined, cMeasure, cPeriod, cName, cValue, false);
  times.push(Number(process.hrtime.bigint() - t) / 1e9);
}
times.sort((a, b) => a - b);

// Every figure against the core's files (NaN where none; 1e-9 of the figure's size).
const same = (a, b) => (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const code = (x) => (x === 255 ? NaN : x);
const checks = {
  value: c.value, baseline: c.baseline, target: c.target, expected: c.expected, progress_pct: c.progressPct,
  spc_mean: c.spcMean, spc_lower: c.spcLower, spc_upper: c.spcUpper, slope_per_year: c.slopePerYear,
  at_due: c.forecastAtDue, baseline_forecast: c.baselineForecast, q1: c.q1, median: c.median, q3: c.q3,
  rank: c.rank, areas: c.areas, bench_period: c.benchmarkPeriod,
  reachable: Float64Array.from(c.reachable, code), turned: Float64Array.from(c.turned, code),
  band: Float64Array.from(c.band, (b) => (b === 255 ? NaN : b + 1)),
};
let differing = 0;
for (const [name, ours] of Object.entries(checks)) {
  const core = typed(`core_${name}.f64`, Float64Array);
  for (let i = 0; i < core.length; i += 1) if (!same(ours[i], core[i])) differing += 1;
}
const status = typed('core_status.u8', Uint8Array);
for (let i = 0; i < status.length; i += 1) if (c.status[i] !== status[i]) differing += 1;
const rule = typed('core_rule.u8', Uint8Array);
for (let i = 0; i < rule.length; i += 1) if (c.rule[i] !== rule[i]) differing += 1;

const wasm = times[3];
const out = { rows: value.length, series: c.status.length, wasm_median_seconds: wasm,
  native_median_seconds: meta.core_median_seconds, ratio: wasm / meta.core_median_seconds, differing };
writeFileSync(join(dir, 'wasm.json'), JSON.stringify(out, null, 2));
console.log(`wasm (Node ${process.version}): ${value.length.toLocaleString()} rows, ${c.status.length.toLocaleString()} series, `
  + `median ${wasm.toFixed(4)} s, native one thread ${meta.core_median_seconds.toFixed(4)} s, `
  + `ratio ${out.ratio.toFixed(1)}x, figures differing ${differing}`);
if (differing) process.exit(1);

// The "spc" workload scored by the npm package from Node (batch SPC, spcColumns), timed and
// checked flag for flag against the native core's output in the same folder:
//   node bench/wasm_spc.mjs target/bench/spc-tenth
// The folder comes from `betteroff-bench spc DIR SERIES POINTS` (values.f64, core_rule.u8,
// meta.json). Prints the median of seven runs and the ratio to the native median.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { spcColumns } = require('../wasm/pkg/node/betteroff.js');

const dir = process.argv[2] ?? 'target/bench/spc-tenth';
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const raw = readFileSync(join(dir, 'values.f64'));
const values = new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
const core = readFileSync(join(dir, 'core_rule.u8'));
const ids = Uint32Array.from({ length: values.length }, (_, i) => Math.floor(i / meta.points));

const times = [];
let result;
for (let run = 0; run < 7; run += 1) {
  const t = process.hrtime.bigint();
  result = spcColumns(ids, values, 'higher_is_better');
  times.push(Number(process.hrtime.bigint() - t) / 1e9);
}
times.sort((a, b) => a - b);
let differing = 0;
for (let i = 0; i < core.length; i += 1) if (result.rule[i] !== core[i]) differing += 1;
const wasm = times[3];
const out = { values: values.length, wasm_median_seconds: wasm, native_median_seconds: meta.core_median_seconds,
  ratio: wasm / meta.core_median_seconds, differing };
writeFileSync(join(dir, 'wasm.json'), JSON.stringify(out, null, 2));
console.log(`wasm (Node ${process.version}): ${values.length.toLocaleString()} values, median ${wasm.toFixed(4)} s, `
  + `native ${meta.core_median_seconds.toFixed(4)} s, ratio ${out.ratio.toFixed(1)}x, flags differing ${differing}`);
if (differing) process.exit(1);

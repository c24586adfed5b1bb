// Fuzzes the JavaScript face of the core (the wasm records readers, the CSV readers through the
// UTF-8 decoder, scoreColumns, spcColumns, the renderers) with generated inputs of every type a
// caller can pass, until the time runs out. Each call must either return or throw a
// BetteroffError (or a TypeError for a value of the wrong JavaScript type); a WebAssembly trap
// (RuntimeError: unreachable, memory access out of bounds), any other error, a NaN or Infinity
// in a report, or a module that stops working after an error, is a failure: the input is printed
// and the script exits 1.
//
//   node fuzz/tables/fuzz_wasm.mjs [seconds = 600] [seed]
//
// Results are recorded in docs/robustness.md.

import { readFileSync } from 'node:fs';
import betteroff from '../../wasm/pkg/node/betteroff.js';

const { Scorecard, spcColumns, parsePeriod, projectDemand } = betteroff;
const seconds = Number(process.argv[2] ?? 600);
let seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const firstSeed = seed;
const CARD = readFileSync(new URL('./scorecard.toml', import.meta.url), 'utf8');

// A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed.
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];

const WEIRD = ['', ' ', '\u0000', '\u202e', '\u200b', '\ufeff', '=1+1', '@SUM(A1)', '-2', '\t', '\r\n', '"', ',', 'é', 'e\u0301',
  'ＡＢＣ', '😀', '\ud800', 'NaN', 'Infinity', '-0', '1e309', '0x10', '１２', '<script>', '](javascript:x)', 'c', 'x', '..', '-'];
const PERIODS = ['2019-04', '2019-05', '2019-10', '2020-05', '2020', '2019/20', 'FY2019/20', '2020-Q1', 'Autumn 2019', '2019-04-30',
  '2019-04-30T00:00:00', '2019-13', '0', '9999-12', '2019-W05', 'April 2019', '2019-4', ''];
const IDS = ['pct', 'cnt', 'rate', 'score', 'PCT', 'pct\u200b', 'nope', ''];
const GOOD_IDS = ['pct', 'cnt', 'rate', 'score'];
const GOOD_PERIODS = ['2019-04', '2019-05', '2019-06', '2019-10', '2020-01', '2020-05'];

function text() {
  switch (int(4)) {
    case 0: return pick(WEIRD);
    case 1: return pick(PERIODS);
    case 2: return pick(IDS);
    default: {
      let s = '';
      for (let i = int(12); i > 0; i--) s += String.fromCodePoint(pick([int(128), int(0x800), int(0x110000)]) % 0x110000 & ~0x800 | 0);
      return s;
    }
  }
}

function number() {
  return pick([0, -0, 1, 2, 3, 4, 5, 7, 10, 32, 99.5, 100, 101, -1, 1e308, -1e308, 5e-324, NaN, Infinity, -Infinity,
    2 ** 53 + 1, 0.1 + 0.2, int(1000) / 10, rand() * 200 - 50]);
}

function anyValue() {
  switch (int(10)) {
    case 0: return text();
    case 1: return null;
    case 2: return undefined;
    case 3: return rand() < 0.5;
    case 4: return BigInt(int(1000));
    case 5: return new Date(int(2 ** 31) * 1000);
    case 6: return [number()];
    case 7: return { value: number() };
    default: return number();
  }
}

const COLUMNS = {
  observations: ['measure', 'period', 'value', 'numerator', 'denominator', 'flag', 'note', 'breakdown', 'category'],
  comparators: ['measure', 'period', 'comparator', 'value', 'group', 'note'],
  actions: ['id', 'title', 'due', 'status', 'section', 'objective', 'lead', 'completed', 'note'],
};
const GOOD = {
  measure: () => (rand() < 0.9 ? pick(GOOD_IDS) : pick(IDS)), period: () => (rand() < 0.85 ? pick(GOOD_PERIODS) : pick(PERIODS)),
  value: () => (rand() < 0.85 ? int(100) : number()), numerator: number, denominator: number,
  flag: () => pick(['provisional', 'revised', 'missing', 'suppressed', 'x', '']), comparator: () => pick(['A', 'B', 'C', 'England', text()]),
  group: () => pick(['la', 'region', '']), breakdown: () => pick(['age', 'sex', '']), category: () => pick(['0-4', '5-10', text()]),
  status: () => pick(['not_started', 'in_progress', 'completed', 'withdrawn', 'done']), due: () => pick(PERIODS), completed: () => pick(PERIODS),
};

// A row that is mostly coherent (so that reading gets past the first check), then mutated.
function row(kind, i) {
  const r = {};
  if (kind === 'observations') {
    Object.assign(r, { measure: GOOD.measure(), period: GOOD_PERIODS[i % GOOD_PERIODS.length] });
    if (r.measure === 'pct' && rand() < 0.5) Object.assign(r, { numerator: int(50), denominator: 50 + int(100) });
    else r.value = GOOD.value();
    if (r.measure === 'cnt' && rand() < 0.3) Object.assign(r, { breakdown: 'age', category: GOOD.category() });
    if (rand() < 0.2) r.flag = GOOD.flag();
    if (rand() < 0.2) r.note = text();
  } else if (kind === 'comparators') {
    Object.assign(r, { measure: GOOD.measure(), period: GOOD.period(), comparator: GOOD.comparator(), value: GOOD.value() });
    if (rand() < 0.6) r.group = 'la';
  } else {
    Object.assign(r, { id: `A${i}`, title: text(), due: GOOD.due(), status: GOOD.status() });
    if (rand() < 0.3) r.completed = GOOD.completed();
    if (rand() < 0.3) r.lead = text();
  }
  for (const c of COLUMNS[kind]) {
    if (rand() < 0.04) r[c] = rand() < 0.5 && GOOD[c] ? GOOD[c]() : anyValue();
    if (rand() < 0.02) delete r[c];
  }
  if (rand() < 0.02) r[text()] = anyValue();
  return r;
}

function records(kind) {
  const out = [];
  for (let i = 1 + int(8); i > 0; i--) out.push(rand() < 0.02 ? anyValue() : row(kind, i));
  return rand() < 0.03 ? anyValue() : out;
}

function csv(kind) {
  const rows = records(kind);
  const list = Array.isArray(rows) ? rows.filter((r) => r && typeof r === 'object') : [];
  const cols = [...new Set(list.flatMap((r) => Object.keys(r)))].filter(() => rand() < 0.97);
  let s = cols.join(',') + '\n';
  for (const r of list) {
    s += cols.map((c) => {
      const t = r[c] === undefined ? '' : String(r[c]);
      return rand() < 0.2 || /[,"\n\r]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
    }).join(',') + pick(['\n', '\r\n', '\n', '']);
  }
  return s;
}

const allowed = (e) => e && (e.name === 'BetteroffError' || e instanceof TypeError);

// The JSON parses (a bare NaN would not) and holds no number beyond a double (1e999 parses
// to Infinity).
function noBadNumbers(json, where) {
  const walk = (v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${where}: a non-finite number in the JSON`);
    if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(json));
}

// Per step: calls that returned and calls refused with an error, to show what was reached.
const stats = {};
function once() {
  const log = [];
  const call = (name, f) => {
    log.push(name);
    const st = (stats[name.split(' ')[0]] ??= { ok: 0, refused: 0 });
    try {
      const r = f();
      st.ok++;
      return r;
    } catch (e) {
      if (!allowed(e)) {
        e.fuzzStep = name;
        throw e;
      }
      st.refused++;
      return undefined;
    }
  };
  const card = call('fromToml', () => Scorecard.fromToml(rand() < 0.95 ? CARD : pick([text(), 123, null, {}, CARD.slice(0, int(CARD.length))])));
  if (!card) return log;
  for (let k = int(4); k > 0; k--) {
    const kind = pick(['observations', 'comparators', 'actions']);
    const cap = kind[0].toUpperCase() + kind.slice(1);
    if (rand() < 0.5) call(`add${cap}`, () => card[`add${cap}`](records(kind)));
    else call(`add${cap}Csv`, () => card[`add${cap}Csv`](rand() < 0.95 ? csv(kind) : anyValue()));
  }
  const options = rand() < 0.9 ? { asOf: rand() < 0.6 ? undefined : pick(GOOD_PERIODS), disclosureControl: rand() < 0.8 } : anyValue();
  const report = call('score', () => card.score(options));
  if (report) {
    call('toJson', () => noBadNumbers(card.toJson(options), 'toJson'));
    for (const f of ['text', 'markdown', 'html', 'csv', 'json']) call(`render ${f}`, () => card.render(f, options));
    for (const m of report.measures ?? []) {
      call('chart', () => card.chart(m.id, options));
      call('spcChart', () => card.spcChart(m.id, options));
    }
  }
  // Batch scoring from columns: lengths, codes and texts out of step on purpose.
  const n = int(40);
  const ids = Array.from({ length: 1 + int(3) }, () => pick(IDS));
  const periods = Array.from({ length: 1 + int(4) }, () => pick(PERIODS));
  const u32 = (k, max) => Uint32Array.from({ length: k }, () => (rand() < 0.9 ? int(max) : int(2 ** 32)));
  const area = Uint32Array.from({ length: n }, (_, i) => Math.floor(i / 6) + (rand() < 0.05 ? 3 : 0));
  const measure = u32(n + (rand() < 0.05 ? 1 : 0), ids.length);
  const period = Uint32Array.from({ length: n }, (_, i) => (i % periods.length + (rand() < 0.05 ? 9 : 0)));
  const value = Float64Array.from({ length: n }, number);
  call('scoreColumns', () => card.scoreColumns(area, measure, ids, period, periods, value,
    rand() < 0.5 ? undefined : pick(PERIODS), undefined, undefined, undefined, undefined, rand() < 0.5));
  call('spcColumns', () => spcColumns(u32(n, 4).sort(), Float64Array.from({ length: n }, number),
    pick(['higher_is_better', 'lower_is_better', 'neutral', text()]), rand() < 0.5, rand() < 0.7 ? undefined : int(20)));
  call('parsePeriod', () => parsePeriod(rand() < 0.9 ? text() : anyValue()));
  call('projectDemand', () => projectDemand(number(), [[pick(PERIODS), number()]]));
  card.free?.();
  return log;
}

const start = Date.now();
let runs = 0;
const CHECK = Scorecard.fromToml(CARD);
CHECK.addObservationsCsv('measure,period,value\npct,2019-04,32\npct,2019-10,25\n');
const healthy = JSON.stringify(CHECK.score({ asOf: '2019-10' }).measures[0].status);
while ((Date.now() - start) / 1000 < seconds) {
  const at = seed;
  try {
    once();
  } catch (e) {
    console.error(`FAILED at run ${runs} (replay: node fuzz/tables/fuzz_wasm.mjs 1 ${at}), step ${e.fuzzStep}:`);
    console.error(e);
    process.exit(1);
  }
  runs++;
  // The module keeps working after every error.
  if (runs % 500 === 0 && JSON.stringify(CHECK.score({ asOf: '2019-10' }).measures[0].status) !== healthy) {
    console.error(`FAILED: the module changed its answer after run ${runs}`);
    process.exit(1);
  }
}
console.log(`fuzz_wasm: ${runs.toLocaleString('en-GB')} runs in ${seconds} s from seed ${firstSeed}, none failed`);
for (const [k, v] of Object.entries(stats)) console.log(`  ${k}: ${v.ok.toLocaleString('en-GB')} returned, ${v.refused.toLocaleString('en-GB')} refused`);

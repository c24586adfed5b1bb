// The npm package (wasm/pkg/node, built by wasm/build.sh) reproduces every golden vector in
// tests/vectors/ byte for byte, as the CLI and Python do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const read = (p) => readFileSync(join(root, p), 'utf8');

/** Loads an example directory the way a web page would: fetch each file, hand over the text. */
export function loadExample(dir) {
  const card = Scorecard.fromToml(read(`${dir}/scorecard.toml`));
  for (const [file, add] of [['observations.csv', 'addObservationsCsv'],
    ['comparators.csv', 'addComparatorsCsv'], ['actions.csv', 'addActionsCsv'],
    ['commentary.csv', 'addCommentaryCsv'], ['annotations.csv', 'addAnnotationsCsv']]) {
    if (existsSync(join(root, dir, file))) card[add](read(`${dir}/${file}`), `${dir}/${file}`);
  }
  // The published tables the definition names (EES, Fingertips), by their file names.
  for (const t of card.definition().tables ?? []) {
    for (const f of [t.file, t.meta].filter(Boolean)) card.addTable(read(`${dir}/${f}`), `${dir}/${f}`);
  }
  return card;
}

const manifest = JSON.parse(read('tests/vectors/manifest.json'));

for (const v of manifest.vectors) {
  test(`golden vector ${v.file}`, () => {
    const card = loadExample(v.example);
    const options = v.as_of ? { asOf: v.as_of } : undefined;
    const got = v.format === 'json' ? card.toJson(options)
      : v.format === 'html' ? card.toHtml(options)
        : card.render(v.format, options);
    assert.ok(got === read(v.file), `${v.file} differs`);
    card.free();
  });
}

test('score() returns a plain object following the JSON contract', () => {
  const card = loadExample('examples/dudley-wsoa');
  const report = card.score({ asOf: '2020-05' });
  assert.deepEqual(report, JSON.parse(read('tests/vectors/dudley-wsoa-2020-05.json')));
  const a3a = report.measures.find((m) => m.id === '2.A3a');
  // WSoA area 2 A3: 32% reduced by 50% -> 16% by May 2020; 17% then: missed.
  assert.equal(a3a.target.value, 16);
  assert.equal(a3a.status, 'missed');
  assert.deepEqual(card.periods().slice(0, 3), ['2017', '2018-04', '2018-05']);
});

test('rows as objects give the same report as CSV', () => {
  const csvCard = loadExample('examples/dorset');
  const card = Scorecard.fromJson(csvCard.definition());
  const parse = (text) => {
    const [head, ...lines] = text.trim().split('\n');
    const cols = head.split(',');
    return lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [cols[i], c === '' ? null : c])));
  };
  card.addObservations(parse(read('examples/dorset/observations.csv')));
  card.addComparators(parse(read('examples/dorset/comparators.csv')));
  // Byte for byte, but for where each warning's figure came from (a row here, a line there).
  const strip = (json) => {
    const r = JSON.parse(json);
    for (const w of r.warnings) delete w.location;
    return r;
  };
  const got = card.toJson();
  assert.deepEqual(strip(got), strip(read('tests/vectors/dorset-latest.json')));
  assert.ok(JSON.parse(got).warnings.every((w) => w.location.row !== null));
});

test('charts and projections', () => {
  const card = loadExample('examples/dudley-wsoa');
  const svg = card.chart('2.A3a', { asOf: '2020-05' });
  assert.ok(svg.includes('>Baseline 32%</text>') && svg.includes('>Target 16%</text>'));
  assert.ok(card.spcChart('9.A1', { asOf: '2020-05' }).includes('SPC chart of Local Offer usage'));
  assert.equal(card.spcChart('2.A3a', { asOf: '2020-05' }), undefined);
  // Dorset strategy table 3: 1,568 -> 1,598 -> 1,676 -> 1,693.
  const steps = betteroff.projectDemand(1568, { 2020: 1.9, 2025: 4.9, 2030: 1.0 });
  assert.deepEqual(steps.map((s) => s.rounded), [1598, 1676, 1693]);
  assert.deepEqual(betteroff.projectDemand(1568, [['2020', 1.9]]).map((s) => s.value), [1597.792]);
  assert.deepEqual(betteroff.parsePeriod('FY 2019/20'),
    { period: 'FY2019/20', kind: 'FinancialYear', start: '2019-04-01', end: '2020-03-31' });
  assert.match(betteroff.version(), /^betteroff 0\.1\.0 \(betteroff\.report\/2\)$/);
});

test('disclosure control is on unless switched off, and then the report says so', () => {
  const card = loadExample('examples/dudley-wsoa');
  // Dudley 12.B2: 1 permanent exclusion in Autumn 2019 is withheld (c); internal use shows it.
  const series = (o) => card.score(o).measures.find((m) => m.id === '12.B2').series.map((p) => [p.value, p.symbol]);
  assert.deepEqual(series({ asOf: '2020-05' }), [[null, 'c'], [0, null]]);
  assert.deepEqual(series({ asOf: '2020-05', disclosureControl: false }), [[1, null], [0, null]]);
  assert.ok(card.render('text', { asOf: '2020-05', disclosureControl: false }).includes('Disclosure control is OFF'));
});

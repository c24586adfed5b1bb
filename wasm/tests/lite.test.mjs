// The dashboard's small module (wasm/pkg/lite, `betteroff/lite`): the same core without TOML,
// workbooks, published tables or renderers. What it does give must be the full module's bytes:
// every JSON golden vector whose example has no published tables, read from the definition's
// JSON, and every bad-input case it can read, with the same kind and message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import betteroff from '../pkg/node/betteroff.js';
import * as lite from '../pkg/lite/betteroff-lite.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const read = (p) => readFileSync(join(root, p), 'utf8');
lite.initSync({ module: readFileSync(join(root, 'wasm/pkg/lite/betteroff-lite_bg.wasm')) });

const CSV = [['observations.csv', 'addObservationsCsv'], ['comparators.csv', 'addComparatorsCsv'],
  ['actions.csv', 'addActionsCsv'], ['commentary.csv', 'addCommentaryCsv'], ['annotations.csv', 'addAnnotationsCsv']];

/** An example read by the small module from the JSON the full module reads its TOML as. */
function liteExample(dir) {
  const definition = betteroff.Scorecard.fromToml(read(`${dir}/scorecard.toml`)).definition();
  const card = lite.Scorecard.fromJson(JSON.stringify(definition));
  for (const [file, add] of CSV) {
    if (existsSync(join(root, dir, file))) card[add](read(`${dir}/${file}`), `${dir}/${file}`);
  }
  return { card, definition };
}

const { vectors } = JSON.parse(read('tests/vectors/manifest.json'));
for (const v of vectors.filter((v) => v.format === 'json')) {
  test(`small module: golden vector ${v.file}`, (t) => {
    const { card, definition } = liteExample(v.example);
    if ((definition.tables ?? []).length > 0) {
      // Published tables are the full module's: the small one has no reader for them.
      assert.equal(card.addTable, undefined);
      t.skip('the example reads published tables (full module only)');
      return;
    }
    const got = card.toJson(v.as_of ? { asOf: v.as_of } : undefined);
    assert.ok(got === read(v.file), `${v.file} differs`);
    // score() is the same report as an object.
    assert.deepEqual(card.score(v.as_of ? { asOf: v.as_of } : undefined), JSON.parse(got));
  });
}

test('small module: what it leaves out is absent, not broken', () => {
  for (const name of ['fromToml']) assert.equal(lite.Scorecard[name], undefined, name);
  for (const name of ['definition', 'addWorkbook', 'addTable', 'toHtml', 'render', 'chart', 'spcChart', 'measurePage', 'measureDetail', 'scoreColumns']) {
    assert.equal(lite.Scorecard.prototype[name], undefined, name);
  }
  for (const name of ['spcColumns', 'projectDemand', 'parsePeriod']) assert.equal(lite[name], undefined, name);
  // The icons are drawn by both, the same.
  assert.equal(lite.spcIcons('concern_high', 'consistent_fail'), betteroff.spcIcons('concern_high', 'consistent_fail'));
  assert.equal(lite.version(), betteroff.version());
});

test('small module: a view\'s options are refused, not ignored', () => {
  const { card } = liteExample('examples/stockton');
  const whole = card.toJson();
  for (const [name, value] of [['strict', true], ['order', 'exceptions'], ['only', ['off_track']], ['measures', ['x']], ['view', 'v']]) {
    assert.throws(() => card.toJson({ [name]: value }), (e) => e.name === 'BetteroffError' && e.kind === 'usage'
      && e.message.includes(`${name} is an option of the full module (betteroff/web)`), name);
    assert.throws(() => card.score({ [name]: value }), /the small module scores the whole report/, name);
  }
  // Absent, undefined or null is no view: the whole report, as the full module gives it.
  assert.equal(card.toJson({ order: undefined, only: null }), whole);
});

// Bad input: every case whose files the small module has readers for (a definition, the CSV
// files), the definition given to both modules as JSON (the full module's reading of a TOML
// one): the same report, or the same error with the same kind, message and locations.
const { cases } = JSON.parse(read('tests/bad-input/cases.json'));
const asJson = (files) => {
  if (files['scorecard.json'] !== undefined) return files['scorecard.json'];
  try {
    return JSON.stringify(betteroff.Scorecard.fromToml(files['scorecard.toml']).definition());
  } catch {
    return null; // the TOML itself is the bad input: the full module's alone
  }
};
const readable = cases.filter((c) => (c.front_ends ?? ['javascript']).includes('javascript')
  && Object.keys(c.files).every((f) => /^scorecard\.(json|toml)$/.test(f) || CSV.some(([name]) => name === f))
  && asJson(c.files) !== null);

test('small module: the bad-input catalogue has cases it can read', () => {
  assert.ok(readable.length >= 10, `only ${readable.length} cases`);
});

for (const c of readable) {
  test(`small module: bad input ${c.id}, as the full module says it`, () => {
    const definition = asJson(c.files);
    const outcome = (m) => {
      try {
        const card = m.Scorecard.fromJson(definition);
        for (const [name, add] of CSV) if (c.files[name] !== undefined) card[add](c.files[name], name);
        return { report: card.toJson() };
      } catch (e) {
        return { kind: e.kind, message: e.message, errors: e.errors };
      }
    };
    assert.deepEqual(outcome(lite), outcome(betteroff));
  });
}

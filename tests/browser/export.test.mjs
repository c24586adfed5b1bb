// Export from the dashboard (issue 17, item 4): the view as the core renders it. With no filter,
// the downloaded JSON and HTML are the golden vectors' bytes (Dudley WSoA, May 2020); with a
// filter, the files list only the measures shown and say so; print hides the controls.
//
// Needs the web build of the package (wasm/build.sh writes wasm/pkg/web).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const vector = (f) => readFileSync(join(root, 'tests/vectors', f), 'utf8');
const golden = JSON.parse(vector('dudley-wsoa-2020-05.json'));
let browser;
let server;

before(async () => {
  server = await serve(root);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

/** Clicks `button` and returns the downloaded file's name and text. */
async function downloaded(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return [d.suggestedFilename(), Buffer.concat(chunks).toString('utf8')];
}

test('export: the golden bytes for the whole scorecard, the measures shown under a filter, and print', async () => {
  const { page, seen } = await open(browser, `${server.origin}/examples/dashboard/?card=dudley-wsoa&asof=2020-05`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  assert.match(await page.textContent('#export-what'), new RegExp(`Export all ${golden.measures.length} measures as of 2020-05`));
  const [jsonName, json] = await downloaded(page, '#export-json');
  assert.equal(jsonName, 'dudley-wsoa-2020-05.json');
  // The golden bytes, but for the files' names: a warning names the file as it was read, here
  // the page's ../dudley-wsoa/observations.csv where the CLI read examples/dudley-wsoa/....
  const asCli = (text) => text.replaceAll('../dudley-wsoa/', 'examples/dudley-wsoa/');
  assert.ok(json.includes('"file": "../dudley-wsoa/observations.csv"'));
  assert.equal(asCli(json), vector('dudley-wsoa-2020-05.json'));
  const [, html] = await downloaded(page, '#export-html');
  assert.equal(asCli(html), vector('dudley-wsoa-2020-05.html'));

  // Off track only: the files hold the measures shown, and say which.
  await page.selectOption('#status', 'off_track');
  const offTrack = golden.measures.filter((m) => m.status === 'off_track').map((m) => m.id);
  assert.match(await page.textContent('#export-what'), new RegExp(`Export the ${offTrack.length} measures shown in the dashboard \\(status Off track\\)`));
  const filtered = JSON.parse((await downloaded(page, '#export-json'))[1]);
  assert.deepEqual(filtered.measures.map((m) => m.id), offTrack);
  assert.ok(filtered.scorecard.notes.includes(
    `This report lists only the measures shown in the dashboard (status Off track): ${offTrack.length} of ${golden.measures.length}. The summary counts every measure.`));
  assert.deepEqual(filtered.summary, golden.summary);
  const [csvName, csv] = await downloaded(page, '#export-csv');
  assert.equal(csvName, 'dudley-wsoa-2020-05.csv');
  // The CSV's second column is the measure id (section, id, name, ...).
  assert.ok(csv.startsWith('section,id,name,'));
  assert.deepEqual(csv.trim().split('\n').slice(1).map((l) => l.split(',')[1]), offTrack);

  // Print: the measures, without the controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#controls'), false);
  assert.equal(await page.isVisible('#export'), false);
  assert.ok(await page.isVisible('#measures'));
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(seen.errors, []);
  await page.close();
});

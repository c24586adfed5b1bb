// A measure's page in the dashboard (issue 17, item 3): everything about one measure (its
// figures, both charts, the statistics in words, comparators, breakdowns, the turn-the-curve
// record and every note, from the core's render::measure_page), its address shareable, reached
// and left by the keyboard, without WCAG A or AA violations, printable.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const golden = JSON.parse(readFileSync(join(root, 'tests/vectors/dudley-wsoa-2020-05.json'), 'utf8'));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser;
let server;

before(async () => {
  server = await serve(root);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

test('a measure page: opened from its address and by the keyboard, all of the measure, printable', async () => {
  const base = `${server.origin}/examples/dashboard/?card=dudley-wsoa&asof=2020-05`;
  const { page, seen } = await open(browser, `${base}&measure=2.A3a`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const m = golden.measures.find((x) => x.id === '2.A3a');
  assert.ok(await page.isVisible('#page'));
  assert.equal(await page.isVisible('#measures'), false);
  assert.equal(await page.textContent('#page h2'), m.name);
  const text = await page.textContent('#page');
  // Its turn-the-curve record (the WSoA's partners), its notes, and the chart.
  for (const partner of m.turn_the_curve.partners) assert.ok(text.includes(partner), partner);
  for (const note of m.notes) assert.ok(text.includes(note), note);
  assert.ok(await page.locator('#page svg').first().isVisible());
  // No violation on the page.
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map((v) => v.id));
  assert.deepEqual(violations, []);
  // Print: the page without the controls or the back link.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#controls'), false);
  assert.equal(await page.isVisible('#back'), false);
  assert.ok(await page.isVisible('#page h2'));
  await page.emulateMedia({ media: 'screen' });

  // Back to the scorecard by the keyboard, then to another measure's page the same way.
  await page.focus('#back');
  await page.keyboard.press('Enter');
  assert.ok(await page.isVisible('#measures'));
  assert.equal(await page.isVisible('#page'), false);
  assert.equal(new URL(page.url()).searchParams.get('measure'), null);
  await page.focus('tr[data-measure="9.A1"] a.page-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('#page h2'), golden.measures.find((x) => x.id === '9.A1').name);
  assert.equal(new URL(page.url()).searchParams.get('measure'), '9.A1');
  // The heading has the focus, for a screen reader to start there.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2');
  // The browser's Back returns to the list.
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('measures').hidden);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

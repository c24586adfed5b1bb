// Accessibility (WCAG 2.2 AA) of the pages people read: axe-core, run in Chromium on the
// dashboard (examples/dashboard, with a measure's detail open, at 1200 and 320 px wide) and on the Dudley and Stockton
// HTML reports, finds no violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules.
//
// Needs the CLI built, the web build of the package and Debian's chromium; scripts/test-all.sh
// provides them. axe-core comes from npm (tests/browser/package.json).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = process.env.BETTEROFF_BIN ?? join(root, 'target/debug/betteroff');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let browser;
let server;
let reports;

before(async () => {
  reports = mkdtempSync(join(tmpdir(), 'betteroff-a11y-'));
  server = await serve(root);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
  }, TAGS);
}

test('the dashboard has no WCAG A or AA violation, on a desktop and at 320 px wide', async () => {
  for (const width of [1200, 320]) {
    const { page } = await open(browser, `${server.origin}/examples/dashboard/?card=dudley-wsoa&asof=2020-05`, { width, height: 900 });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await page.locator('#measures tbody tr[data-measure="9.A1"] button').click();
    assert.deepEqual(await violations(page), [], `${width} px`);
    // Reflow (WCAG 1.4.10): nothing wider than the window at 320 px but the charts, which scale.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `${width} px: the page is ${wide} px wider than the window`);
    await page.close();
  }
});

test('at 200% zoom the dashboard loses nothing: no sideways scroll, every control on screen, no violation', async () => {
  // A 1280 x 900 window at 200% zoom (WCAG 1.4.4, resize text): 640 x 450 CSS pixels, each
  // drawn twice the size.
  const { page } = await open(browser, `${server.origin}/examples/dashboard/?card=dudley-wsoa&asof=2020-05`, { width: 640, height: 450 }, 2);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.locator('#measures tbody tr[data-measure="9.A1"] button').click();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 1, `the page is ${wide} px wider than the window`);
  // Every control and every label lies within the window's width, none clipped or hidden.
  const off = await page.$$eval('select, input, button, label', (els) => els
    .filter((e) => e.offsetParent !== null)
    .map((e) => [e.id || e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
    .filter(([, r]) => r.left < 0 || r.right > window.innerWidth + 1 || r.width === 0)
    .map(([name]) => name));
  assert.deepEqual(off, []);
  assert.deepEqual(await violations(page), []);
  await page.screenshot({ path: join(root, 'target/screenshots/dashboard-zoom-200.png'), fullPage: true });
  await page.close();
});

for (const [name, dir, extra] of [
  ['dudley', 'examples/dudley-wsoa', ['--as-of', '2020-05']],
  ['stockton', 'examples/stockton', []],
]) {
  test(`the ${name} HTML report has no WCAG A or AA violation`, async () => {
    const file = join(reports, `${name}.html`);
    execFileSync(bin, ['report', dir, ...extra, '--format', 'html', '--output', file], { cwd: root });
    copyFileSync(file, join(root, 'target', `a11y-${name}.html`));
    const { page } = await open(browser, `${server.origin}/target/a11y-${name}.html`);
    await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
}

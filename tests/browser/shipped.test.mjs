// The shipped dashboard (examples/dashboard/build.sh): one self-contained page, opened from a
// shared drive (file://, where a browser fetches nothing) and from a static host, shows the
// golden figures and makes no request but for the page itself; built with --scorecard, it
// carries that scorecard instead. Also times the first paint and the scored scorecard (the
// figures docs/benchmarks.md records come from `node shipped.test.mjs`'s log).
//
// Needs the web build of the package (wasm/build.sh); the test builds the pages itself.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, open, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const shots = join(root, 'target/screenshots');
const golden = JSON.parse(readFileSync(join(root, 'tests/vectors/dudley-wsoa-2020-05.json'), 'utf8'));
const stockton = JSON.parse(readFileSync(join(root, 'tests/vectors/stockton-latest.json'), 'utf8'));
const dist = join(root, 'target/dashboard-test');
let browser;
let server;

function build(out, ...args) {
  execFileSync('bash', [join(root, 'examples/dashboard/build.sh'), out, ...args], { cwd: root, stdio: 'pipe' });
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  build(join(dist, 'examples'));
  build(join(dist, 'stockton'), '--scorecard', join(root, 'examples/stockton'));
  server = await serve(dist);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

/** Counts by status on the page. */
const counts = (page) => page.$$eval('#summary li[data-count]', (items) =>
  Object.fromEntries(items.map((li) => [li.dataset.count, Number(li.textContent.trim().split(' ').pop())])));
const nonzero = (v) => Object.fromEntries(Object.entries(v.summary.by_status).filter(([, n]) => n > 0));

for (const [where, url] of [
  ['a shared drive (file://)', () => pathToFileURL(join(dist, 'examples/index.html')).href],
  ['a static host', () => `${server.origin}/examples/index.html`],
]) {
  test(`the shipped page from ${where} shows the golden figures and asks for nothing`, async () => {
    const page = url();
    const { page: p, seen } = await open(browser, page);
    await p.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await p.selectOption('#card', 'dudley-wsoa');
    await p.selectOption('#asof', '2020-05');
    assert.deepEqual(await counts(p), nonzero(golden));
    // A chart opens: the engine runs inside the page.
    await p.locator('#measures tbody button').first().click();
    assert.ok(await p.locator('tr.chart svg').isVisible());
    assert.deepEqual(seen.errors, []);
    // The page itself, and the data: URLs of its own images; nothing else.
    assert.deepEqual(seen.requests.filter((u) => u !== page && !u.startsWith('data:')), []);
    await p.close();
  });
}

test('built with --scorecard, the page carries that scorecard', async () => {
  const { page, seen } = await open(browser, pathToFileURL(join(dist, 'stockton/index.html')).href, { width: 390, height: 844 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const options = await page.$$eval('#card option', (o) => o.map((x) => [x.value, x.textContent]));
  assert.deepEqual(options, [['stockton', stockton.scorecard.title]]);
  await page.selectOption('#asof', stockton.as_of);
  assert.deepEqual(await counts(page), nonzero(stockton));
  assert.match(await page.textContent('footer'), /Data: stockton, inside this page/);
  await page.screenshot({ path: join(shots, 'dashboard-shipped-phone.png'), fullPage: true });
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('first paint and a scored scorecard, timed', async () => {
  // Three loads of the shipped page from file:// (a cold browser context each): the browser's
  // first contentful paint, and the moment the scorecard is scored and shown (data-ready).
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(pathToFileURL(join(dist, 'examples/index.html')).href, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    const ready = Date.now() - start;
    // The page can be ready before the browser has recorded its first paint: wait for it.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10000 });
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    runs.push({ fcp, ready });
    await context.close();
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
  console.log(`shipped dashboard from file://: first contentful paint ${Math.round(median('fcp'))} ms, scored and shown ${median('ready')} ms (median of 3; runs ${JSON.stringify(runs)})`);
  assert.ok(runs.every((r) => r.fcp !== null && r.ready > 0));
});

// The dashboard (examples/dashboard) served on loopback, driven in headless Chromium: it loads
// the Dudley WSoA, shows the counts by status of the golden JSON for May 2020, filters to the
// off-track measures, and leaves a screenshot under target/screenshots/.
//
// Needs the web build of the package (wasm/build.sh writes wasm/pkg/web).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const shots = join(root, 'target/screenshots');
const golden = JSON.parse(readFileSync(join(root, 'tests/vectors/dudley-wsoa-2020-05.json'), 'utf8'));
let browser;
let server;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(root);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

test('the dashboard shows the golden figures and filters to off-track measures', async () => {
  const { page, seen } = await open(browser, `${server.origin}/examples/dashboard/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.selectOption('#card', 'dudley-wsoa');
  await page.selectOption('#asof', '2020-05');

  // Counts by status on the page equal the golden JSON's.
  const shown = await page.$$eval('#summary li[data-count]', (items) =>
    Object.fromEntries(items.map((li) => [li.dataset.count, Number(li.textContent.trim().split(' ').pop())])));
  const expected = Object.fromEntries(Object.entries(golden.summary.by_status).filter(([, n]) => n > 0));
  assert.deepEqual(shown, expected);
  assert.match(await page.textContent('#actions'), /Actions: 31 of 131 completed \(23\.7%\)/);

  // Filter to off-track measures: exactly those of the golden JSON are visible.
  await page.selectOption('#status', 'off_track');
  const rows = await page.$$eval('#measures tbody tr[data-measure]', (trs) => trs.map((tr) => tr.dataset.measure));
  const offTrack = golden.measures.filter((m) => m.status === 'off_track').map((m) => m.id);
  assert.deepEqual(rows, offTrack);
  assert.ok(offTrack.length > 0);
  for (const id of offTrack) {
    const name = golden.measures.find((m) => m.id === id).name;
    assert.ok(await page.getByRole('rowheader', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).isVisible());
  }

  // Keyboard: the chart button opens the turn-the-curve chart.
  await page.locator('#measures tbody button').first().focus();
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('tr.chart svg').isVisible());
  await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(server.origin)), [], 'no request leaves the site');
  await page.close();
});

test('a measure opened shows its turn-the-curve record, as the report does', async () => {
  const { page, seen } = await open(browser, `${server.origin}/examples/dashboard/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.selectOption('#card', 'dudley-wsoa');
  await page.selectOption('#asof', '2020-05');
  await page.locator('#measures tbody tr[data-measure="2.A3a"] button').click();
  const detail = page.locator('tr.chart');
  assert.ok(await detail.locator('svg').first().isVisible());
  for (const heading of ['Story behind the curve', 'Partners', 'Proposed actions']) {
    assert.ok(await detail.getByRole('heading', { name: heading }).isVisible(), heading);
  }
  const t = golden.measures.find((m) => m.id === '2.A3a').turn_the_curve;
  assert.match(await detail.textContent(), new RegExp(t.partners[0]));
  assert.match(await detail.textContent(), /2\.A\.3 Review the staff handbook.*\(In progress; lead SEND Manager DMBC; due 2020-02; overdue\)/);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('the dashboard keeps working offline once loaded', async () => {
  const { page } = await open(browser, `${server.origin}/examples/dashboard/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.context().setOffline(true);
  await page.selectOption('#card', 'dorset');
  await page.selectOption('#status', 'to_be_developed');
  const rows = await page.$$eval('#measures tbody tr[data-measure]', (trs) => trs.map((tr) => tr.dataset.measure));
  assert.deepEqual(rows, ['bo-11', 'bo-12']);
  await page.close();
});

test('every control has a label', async () => {
  const { page } = await open(browser, `${server.origin}/examples/dashboard/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  for (const name of ['Scorecard', 'As of', 'Section', 'Kind', 'Status']) {
    assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, name);
  }
  await page.close();
});

test('the dashboard shows names with script and markup as text and runs none of them', async () => {
  // A copy of the dashboard whose only scorecard has hostile names, served beside the package.
  const { cpSync, mkdtempSync, symlinkSync, writeFileSync, mkdirSync: mk } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const site = mkdtempSync(join(tmpdir(), 'betteroff-dash-'));
  cpSync(join(root, 'examples/dashboard'), join(site, 'examples/dashboard'), { recursive: true });
  symlinkSync(join(root, 'wasm'), join(site, 'wasm'));
  mk(join(site, 'examples/hostile'));
  writeFileSync(join(site, 'examples/hostile/scorecard.toml'), `
id = "hostile"
title = "<img src=x onerror=alert('title')>"
[[sections]]
id = "s"
title = "<script>alert('section')</script>"
kind = "priority"
[[sections.measures]]
id = "m"
name = "<script>alert(1)</script>"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"
notes = ["<img src=x onerror=alert('note')>"]
`);
  writeFileSync(join(site, 'examples/hostile/observations.csv'), 'measure,period,value\nm,2020-01,50\nm,2020-02,55\n');
  writeFileSync(join(site, 'examples/dashboard/scorecards.json'), JSON.stringify({ scorecards: [
    { id: 'hostile', title: '<b onmouseover=alert(3)>Hostile</b>', definition: '../hostile/scorecard.toml', observations: '../hostile/observations.csv' },
  ] }));
  const hostile = await serve(site);
  const { page, seen } = await open(browser, `${hostile.origin}/examples/dashboard/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.locator('#measures tbody button').first().click();
  await page.mouse.move(5, 5);
  assert.deepEqual(seen.dialogs, [], 'no script ran');
  assert.equal(await page.locator('main script, main img, [onerror], [onmouseover]').count(), 0);
  assert.equal(await page.locator('#measures th[scope=row]').first().innerText(), "<script>alert(1)</script>\n<img src=x onerror=alert('note')>");
  assert.deepEqual(seen.errors, []);
  await page.close();
  hostile.close();
});

test('an analyst opens their own scorecard folder: scored in the browser, nothing sent, kept until forgotten', async () => {
  const stockton = JSON.parse(readFileSync(join(root, 'tests/vectors/stockton-latest.json'), 'utf8'));
  const { page, seen } = await open(browser, `${server.origin}/examples/dashboard/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const before = seen.requests.length;
  // The Stockton folder's files, chosen with the file picker.
  const dir = join(root, 'examples/stockton');
  await page.setInputFiles('#files', ['scorecard.toml', 'observations.csv', 'comparators.csv'].map((f) => join(dir, f)));
  await page.waitForFunction(() => document.getElementById('card').value === 'own');
  const counts = async () => page.$$eval('#summary li[data-count]', (items) =>
    Object.fromEntries(items.map((li) => [li.dataset.count, Number(li.textContent.trim().split(' ').pop())])));
  const expected = Object.fromEntries(Object.entries(stockton.summary.by_status).filter(([, n]) => n > 0));
  assert.deepEqual(await counts(), expected, 'the counts of the golden vector');
  assert.match(await page.textContent('#title'), /Stockton-on-Tees SEND Strategy 2021-23/);
  assert.equal(await page.textContent('#file-errors'), '');
  // Nothing left the browser: no request since the page loaded.
  assert.deepEqual(seen.requests.slice(before), []);

  // Reloaded, the page opens it again from this browser's storage.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.inputValue('#card'), 'own');
  assert.deepEqual(await counts(), expected);

  // A broken file shows its error, naming the file, line and field, beside what did load.
  const bad = readFileSync(join(dir, 'observations.csv'), 'utf8').replace(/\n([^\n]*)\n/, '\n$1\nehcp-count,2022-13,5,,,,,,\n');
  await page.setInputFiles('#files', [
    { name: 'scorecard.toml', mimeType: 'text/plain', buffer: readFileSync(join(dir, 'scorecard.toml')) },
    { name: 'observations.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) },
    { name: 'comparators.csv', mimeType: 'text/csv', buffer: readFileSync(join(dir, 'comparators.csv')) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
  ]);
  await page.waitForFunction(() => document.getElementById('file-errors').children.length > 0);
  const problems = await page.$$eval('#file-errors li', (lis) => lis.map((li) => li.textContent));
  assert.ok(problems.some((p) => p.startsWith('observations.csv: observations.csv:3: field "period"')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('notes.txt: not a file of a scorecard')), problems.join('\n'));
  // The definition and the comparators loaded; with no observations it cannot be scored,
  // and the page says so instead of going blank.
  assert.equal(await page.inputValue('#card'), 'own');
  assert.match(await page.textContent('#summary'), /This scorecard cannot be scored: .*no reporting period/);
  assert.ok(await page.locator('#measures').isHidden());

  // Forgotten: gone from the list and from storage.
  await page.click('#forget');
  assert.ok(!(await page.$$eval('#card option', (os) => os.map((o) => o.value))).includes('own'));
  assert.equal(await page.evaluate(() => localStorage.getItem('betteroff.own-scorecard')), null);
  assert.deepEqual(seen.errors, []);
  await page.screenshot({ path: join(shots, 'dashboard-own-scorecard.png'), fullPage: true });
  await page.close();
});

test('filters, search and the view in the address', async () => {
  // A link to a view: Dudley in May 2020, red measures about parents.
  const { page, seen } = await open(browser, `${server.origin}/examples/dashboard/?card=dudley-wsoa&asof=2020-05&rag=red&q=parent`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.inputValue('#card'), 'dudley-wsoa');
  assert.equal(await page.inputValue('#asof'), '2020-05');
  const rows = async () => page.$$eval('#measures tbody tr[data-measure]', (trs) => trs.map((tr) => tr.dataset.measure));
  const want = golden.measures
    .filter((m) => m.rag === 'red' && (m.name.toLowerCase().includes('parent') || m.id.includes('parent')))
    .map((m) => m.id);
  assert.ok(want.length > 1);
  assert.deepEqual(await rows(), want);
  // The SPC filter: special cause improvement is Local Offer usage alone in May 2020.
  await page.fill('#q', '');
  await page.selectOption('#rag', '');
  await page.selectOption('#icon', 'improvement');
  assert.deepEqual(await rows(), golden.measures.filter((m) => m.spc?.variation_icon.startsWith('improvement')).map((m) => m.id));
  assert.deepEqual(await rows(), ['9.A1']);
  // The address follows the view, and never carries data.
  assert.equal(new URL(page.url()).search, '?card=dudley-wsoa&asof=2020-05&icon=improvement');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

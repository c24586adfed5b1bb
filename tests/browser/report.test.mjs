// The HTML report in headless Chromium: it renders with no console errors and no network
// requests, keeps names with markup as text, and leaves screenshots under target/screenshots/
// for people to look at.
//
// Needs the CLI built (target/debug/betteroff, or BETTEROFF_BIN) and Debian's chromium
// (/usr/bin/chromium, or CHROMIUM). scripts/test-all.sh provides both.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open as openPage, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = process.env.BETTEROFF_BIN ?? join(root, 'target/debug/betteroff');
const shots = join(root, 'target/screenshots');
const work = mkdtempSync(join(tmpdir(), 'betteroff-browser-'));
let browser;
let server;

before(async () => {
  mkdirSync(shots, { recursive: true });
  // Pages are served from the work folder on loopback, as a council's site would serve them.
  server = await serve(work);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

function report(dir, file, extra = []) {
  const out = join(work, file);
  execFileSync(bin, ['report', dir, '--format', 'html', '--output', out, ...extra], { cwd: root });
  return out;
}

async function open(path, viewport) {
  const url = `${server.origin}/${basename(path)}`;
  return { ...(await openPage(browser, url, viewport)), url };
}

test('the Dorset report renders with no console errors and no network requests', async () => {
  const path = report('examples/dorset', 'dorset.html');
  const { page, seen, url } = await open(path);
  assert.deepEqual(seen.errors, []);
  assert.ok(seen.requests.includes(url), 'requests are being recorded');
  assert.deepEqual(seen.requests.filter((u) => u !== url), [], 'only the page itself is loaded');
  assert.equal(await page.locator('h1').textContent(),
    'Dorset SEND Strategy 2018-21: Outcomes Based Accountability score card');
  // Status is text, not colour alone: the summary names each status present.
  const summary = await page.locator('section[aria-label="Summary"]').textContent();
  for (const label of ['Achieved', 'On track', 'At risk', 'Off track', 'Missed', 'Suppressed', 'To be developed']) {
    assert.ok(summary.includes(label), `summary shows ${label}`);
  }
  await page.screenshot({ path: join(shots, 'dorset-report.png'), fullPage: true });
  await page.close();
  const phone = await open(path, { width: 390, height: 844 });
  assert.deepEqual(phone.seen.errors, []);
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await phone.page.screenshot({ path: join(shots, 'dorset-report-phone.png') });
  await phone.page.close();
});

test('the WSoA report opens a chart without scripts', async () => {
  const path = report('examples/dudley-wsoa', 'wsoa.html', ['--as-of', '2020-05']);
  const { page, seen } = await open(path);
  assert.equal(await page.locator('script').count(), 0);
  const first = page.locator('details').first();
  await first.locator('summary').click();
  assert.ok(await first.locator('svg').isVisible(), 'the chart shows when its row is opened');
  assert.deepEqual(seen.errors, []);
  await page.screenshot({ path: join(shots, 'dudley-wsoa-report.png') });
  await page.close();
});

test('names with script and markup are shown as text and never run', async () => {
  const dir = join(work, 'hostile');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scorecard.toml'), `
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
target = { kind = "absolute", value = 80, due = "2021-01" }
notes = ["</details><svg onload=alert('note')>"]
`);
  writeFileSync(join(dir, 'observations.csv'), 'measure,period,value\nm,2020-01,50\nm,2020-02,55\n');
  writeFileSync(join(dir, 'comparators.csv'), 'measure,period,comparator,value\nm,2020-02,<b onmouseover=alert(5)>x</b>,60\n');
  const path = report(dir, 'hostile.html');
  const { page, seen } = await open(path);
  await page.locator('details summary').first().click();
  await page.mouse.move(10, 10);
  assert.deepEqual(seen.dialogs, [], 'no script ran');
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('[onload], [onerror], [onmouseover]').count(), 0);
  // The row's header: the name, its comparators, then its notes (visible, as text).
  const head = await page.locator('th[scope=row]').first().innerText();
  assert.ok(head.startsWith('<script>alert(1)</script>\nvs <b onmouseover=alert(5)>x</b> 60% (-5pp, worse)\n'), head);
  assert.ok(head.includes("</details><svg onload=alert('note')>"), head);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

// The board pack (issue 16, item 8): the Dorset, Dudley and Stockton HTML reports printed to
// PDF by headless Chromium on A4 portrait, each section and each turn-the-curve page starting
// a page, the charts (folded away on screen) printed, and no chart cut across a page; page 1
// of each PDF turned into a PNG (pdftoppm) under target/screenshots/ for people to look at.
//
// Needs the CLI built, Debian's chromium and poppler-utils (pdfinfo, pdftoppm);
// scripts/test-all.sh provides them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = process.env.BETTEROFF_BIN ?? join(root, 'target/debug/betteroff');
const shots = join(root, 'target/screenshots');
const work = mkdtempSync(join(tmpdir(), 'betteroff-pack-'));
let browser;
let server;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(work);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

// A4 in CSS pixels (96 per inch) less the page's 14 mm margins: 182 x 269 mm.
const mm = 96 / 25.4;
const PAGE = { width: 182 * mm, height: 269 * mm };

for (const [name, dir, extra] of [
  ['dorset', 'examples/dorset', []],
  ['dudley', 'examples/dudley-wsoa', ['--as-of', '2020-05', '--order', 'exceptions']],
  ['stockton', 'examples/stockton', []],
]) {
  test(`the ${name} board pack prints to A4 portrait PDF with every chart whole`, async () => {
    const html = join(work, `${name}.html`);
    execFileSync(bin, ['report', dir, '--format', 'html', '--output', html, ...extra], { cwd: root });
    const { page, seen } = await open(browser, `${server.origin}/${basename(html)}`,
      { width: Math.round(PAGE.width), height: 1000 });
    await page.emulateMedia({ media: 'print' });
    // Printed, every chart is shown (on screen the measures' charts fold away), is a block
    // that is not broken across pages, and fits within a page, so that Chromium never cuts it.
    const charts = await page.$$eval('svg[role="img"]', (svgs) => svgs.map((s) => {
      const box = s.getBoundingClientRect();
      return { height: box.height, width: box.width, breakInside: getComputedStyle(s).breakInside, display: getComputedStyle(s).display };
    }));
    assert.ok(charts.length > 0, 'the report has charts');
    for (const c of charts) {
      assert.ok(c.height > 0 && c.width > 0, 'a chart is printed');
      assert.equal(c.breakInside, 'avoid');
      assert.equal(c.display, 'block');
      assert.ok(c.height < PAGE.height && c.width <= PAGE.width + 1, `a chart of ${c.width} x ${c.height} fits a page`);
    }
    // Each section starts a page; so does each turn-the-curve page.
    const breaks = await page.$$eval('main > section, article.ttc', (els) => els.map((e) => getComputedStyle(e).breakBefore));
    assert.ok(breaks.length > 0 && breaks.every((b) => b === 'page'), String(breaks));
    // The status badges keep their colour in print, and never stand for the status alone.
    assert.equal(await page.$eval('.badge', (b) => getComputedStyle(b).printColorAdjust), 'exact');
    const pdf = join(shots, `board-pack-${name}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    assert.deepEqual(seen.errors, [], seen.requests.join(' '));
    await page.close();
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+59[45]\.\d* x 84[12]\.\d* pts \(A4\)/, info);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    assert.ok(pages > 1, `${pages} pages`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(shots, `board-pack-${name}-page-1`)]);
    assert.ok(existsSync(join(shots, `board-pack-${name}-page-1.png`)));
    writeFileSync(join(shots, `board-pack-${name}.txt`), `${pages} pages\n`);
  });
}

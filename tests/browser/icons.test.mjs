// Making Data Count in the browser (issue 15): the Dudley WSoA and Stockton HTML reports show
// both icons in every measure row that has SPC and in the summary matrix, each an image with
// its accessible name and a label beside it; no two text labels of a chart overlap, and no label lies across a drawn line. Screenshots
// of the matrix and a chart at desktop and phone widths go to target/screenshots/.
//
// Needs the CLI built and Debian's chromium; scripts/test-all.sh provides them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, serve } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = process.env.BETTEROFF_BIN ?? join(root, 'target/debug/betteroff');
const shots = join(root, 'target/screenshots');
const work = mkdtempSync(join(tmpdir(), 'betteroff-icons-'));
let browser;
let server;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(work);
  browser = await launch();
});

after(async () => { await browser?.close(); server?.close(); });

for (const [name, dir, extra] of [
  ['dudley', 'examples/dudley-wsoa', ['--as-of', '2020-05']],
  ['stockton', 'examples/stockton', []],
]) {
  test(`the ${name} report draws and names the icons, and its chart labels never overlap`, async () => {
    const file = `${name}.html`;
    execFileSync(bin, ['report', dir, ...extra, '--format', 'html', '--output', join(work, file)], { cwd: root });
    const json = JSON.parse(execFileSync(bin, ['report', dir, ...extra, '--format', 'json'], { cwd: root }).toString());
    const withSpc = json.measures.filter((m) => m.spc);
    assert.ok(withSpc.length > 0, `${name} has measures with SPC`);
    for (const width of [1200, 360]) {
      const { page, seen } = await open(browser, `${server.origin}/${file}`, { width, height: 900 });
      // Every measure row with SPC: both icons in its SPC cell, each an image named in words,
      // with the same words beside it.
      const rows = await page.$$eval('table.measures tbody tr:not(.detail):not(.breakdown)', (trs) => trs
        .filter((tr) => tr.querySelector('td[data-label="SPC"]'))
        .map((tr) => {
          const cell = tr.querySelector('td[data-label="SPC"]');
          return {
            name: tr.querySelector('th').firstChild.textContent,
            icons: [...cell.querySelectorAll('svg[role="img"]')].map((s) => s.getAttribute('aria-label')),
            labels: [...cell.querySelectorAll('.icon-label')].map((l) => l.textContent),
          };
        }));
      for (const m of withSpc) {
        const row = rows.find((r) => r.name === m.name);
        assert.ok(row, `the row of ${m.name}`);
        const want = [`Variation: ${m.spc.variation_icon_label}`];
        if (m.spc.assurance_label) want.push(`Assurance: ${m.spc.assurance_label}`);
        assert.deepEqual(row.icons, want, m.name);
        assert.deepEqual(row.labels, want.map((w) => w.replace(/^(Variation|Assurance): /, '')));
      }
      // The accessible names, as assistive technology reads them.
      for (const m of withSpc) {
        const n = await page.getByRole('img', { name: `Variation: ${m.spc.variation_icon_label}`, exact: true }).count();
        assert.ok(n >= 2, `${m.name}: the icon in its row and in the matrix (${n})`);
      }
      // The summary matrix: one row per measure with SPC, concern first, as the JSON says.
      const matrix = await page.$$eval('#spc-summary tbody tr th', (ths) => ths.map((t) => t.textContent));
      assert.deepEqual(matrix, json.summary.spc.map((r) => r.name));
      // Charts open, no two text labels of one chart overlap (the icons' letters sit inside
      // their own circles and are left out).
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      const overlaps = await page.$$eval('svg[role="img"]:not(.icon)', (svgs) => {
        const out = [];
        for (const svg of svgs) {
          const boxes = [...svg.querySelectorAll('text')]
            .filter((t) => !t.closest('svg.icon') && t.textContent.trim() !== '')
            .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
            .filter((t) => t.box.width > 0);
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i].box, boxes[j].box];
              const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
                && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
              if (overlap) out.push(`${svg.getAttribute('aria-labelledby') ?? ''}: "${boxes[i].text}" / "${boxes[j].text}"`);
            }
          }
        }
        return out;
      });
      assert.deepEqual(overlaps, [], `${name} at ${width}px`);
      // Nor does a label lie across a drawn line (a chart's polylines: the figures, the
      // stepped limits; and its lines: each phase's mean and limits, the target, the line to
      // it, the forecast, the median, the events' and gaps' dotted lines), sampled every half
      // pixel along each segment. Not the gridlines or the axis, which labels sit on by design;
      // the events' numbers and the gaps' symbols are marks on their own lines, left out.
      const crossings = await page.$$eval('svg[role="img"]:not(.icon)', (svgs) => {
        const out = [];
        for (const svg of svgs) {
          const ctm = svg.getScreenCTM();
          if (!ctm) continue;
          const toScreen = (x, y) => {
            const p = svg.createSVGPoint();
            p.x = x; p.y = y;
            return p.matrixTransform(ctm);
          };
          const drawn = (l) => !l.closest('svg.icon') && !l.closest('g[stroke="#d0d7de"]') && !l.classList.contains('axis');
          const lines = [...svg.querySelectorAll('polyline')].filter(drawn)
            .map((l) => [...l.points].map((p) => toScreen(p.x, p.y)))
            .concat([...svg.querySelectorAll('line')].filter(drawn)
              .map((l) => [toScreen(l.x1.baseVal.value, l.y1.baseVal.value), toScreen(l.x2.baseVal.value, l.y2.baseVal.value)]));
          const labels = [...svg.querySelectorAll('text')]
            .filter((t) => !t.closest('svg.icon') && !t.closest('g.annotation') && !t.closest('g.gap') && t.textContent.trim() !== '')
            .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
            .filter((t) => t.box.width > 0);
          for (const { text, box } of labels) {
            const inside = (p) => p.x > box.left + 0.5 && p.x < box.right - 0.5 && p.y > box.top + 0.5 && p.y < box.bottom - 0.5;
            const hit = lines.some((pts) => pts.slice(1).some((b, k) => {
              const a = pts[k];
              const steps = Math.max(1, Math.ceil(2 * Math.hypot(b.x - a.x, b.y - a.y)));
              for (let i = 0; i <= steps; i++) {
                if (inside({ x: a.x + ((b.x - a.x) * i) / steps, y: a.y + ((b.y - a.y) * i) / steps })) return true;
              }
              return false;
            }));
            if (hit) out.push(`${svg.getAttribute('aria-labelledby') ?? ''}: "${text}"`);
          }
        }
        return out;
      });
      assert.deepEqual(crossings, [], `${name} at ${width}px: labels across a line`);
      await page.locator('#spc-summary').screenshot({ path: join(shots, `mdc-${name}-matrix-${width}.png`) });
      const chart = page.locator('svg[aria-labelledby^="spc-"]').first();
      await chart.scrollIntoViewIfNeeded();
      await chart.screenshot({ path: join(shots, `mdc-${name}-spc-chart-${width}.png`) });
      assert.deepEqual(seen.errors, []);
      await page.close();
    }
  });
}

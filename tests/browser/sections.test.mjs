// The scorecard as results-based accountability reads it (issue 17, item 2): the Dudley SEND
// strategy's three priorities, each with its outcomes nested within it, the measures under the
// question they answer, with progress, a trend line named in words, comparators and icons; the
// section filter on a priority shows its outcomes' measures. The dashboard is the shipped page
// built with --scorecard examples/dudley-strategy (the golden vector dudley-strategy-latest).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, open } from './helpers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const golden = JSON.parse(readFileSync(join(root, 'tests/vectors/dudley-strategy-latest.json'), 'utf8'));
const dist = join(root, 'target/dashboard-sections');
let browser;

before(async () => {
  mkdirSync(join(root, 'target/screenshots'), { recursive: true });
  execFileSync('bash', [join(root, 'examples/dashboard/build.sh'), dist, '--scorecard', join(root, 'examples/dudley-strategy')], { cwd: root, stdio: 'pipe' });
  browser = await launch();
});

after(async () => { await browser?.close(); });

test('priorities hold their outcomes, and measures sit under their question', async () => {
  const { page, seen } = await open(browser, pathToFileURL(join(dist, 'index.html')).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  // The row groups in order: each priority, then its outcomes (level 2), as the golden
  // vector's sections and parents give them.
  const groups = await page.$$eval('#measures tbody', (bs) => bs.map((b) => [b.dataset.section, b.className, b.querySelector('tr.section th').textContent]));
  const expected = golden.sections
    .filter((s) => s.measures.length > 0 || golden.sections.some((c) => c.parent === s.id))
    // Titles that begin "Priority 1" or "Outcome 1.1" are not prefixed again.
    .map((s) => [s.id, s.parent ? 'level-2' : 'level-1', s.title]);
  assert.deepEqual(groups, expected);
  // Outcome 3.3's measures are population indicators; outcome 1.1's answers "Is anyone better
  // off?": each under its question's heading, in the outcome's own row group.
  const under = (section) => page.$$eval(`#measures tbody[data-section="${section}"] tr`, (trs) =>
    trs.map((tr) => (tr.classList.contains('question') ? `? ${tr.textContent}` : tr.dataset.measure ?? 'section')));
  assert.deepEqual(await under('p1-o1'), ['section', '? Is anyone better off?', 'p1o1-partners']);
  assert.deepEqual(await under('p3-o3'), ['section', '? Population indicators', 'p3o3-primary', 'p3o3-secondary', 'p3o3-special']);
  // Progress, and the trend in words.
  const m = golden.measures.find((x) => x.id === 'p1o1-partners');
  const pts = m.series.filter((p) => p.value !== null);
  const cells = await page.$eval('tr[data-measure="p1o1-partners"]', (tr) => ({
    progress: tr.querySelector('td[data-label="Progress"]').textContent,
    trend: tr.querySelector('svg.spark').getAttribute('aria-label'),
  }));
  assert.equal(cells.progress, `${Math.round(m.progress_pct * 10) / 10}%`);
  assert.match(cells.trend, new RegExp(`^Trend: ${pts.length} figures, from .+ \\(${pts[0].period}\\) to .+ \\(${pts[pts.length - 1].period}\\)$`));
  // Filtering on a priority shows its outcomes' measures.
  await page.selectOption('#section', 'p1');
  const ids = await page.$$eval('#measures tbody tr[data-measure]', (trs) => trs.map((tr) => tr.dataset.measure));
  assert.deepEqual(ids, golden.measures.filter((x) => x.section.startsWith('p1-')).map((x) => x.id));
  await page.selectOption('#section', '');
  await page.screenshot({ path: join(root, 'target/screenshots/dashboard-sections.png'), fullPage: true });
  assert.deepEqual(seen.errors, []);
  await page.close();
});

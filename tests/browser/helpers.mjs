// Shared by the browser tests: a static file server on 127.0.0.1 with the right MIME types
// (application/wasm for .wasm), Debian's Chromium launched headless, and a page that records
// console errors, requests and dialogs.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8', '.toml': 'text/plain; charset=utf-8',
};

/** Serves `dir` on a free loopback port; resolves to { origin, close }. */
export async function serve(dir) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // The browser asks for a site icon of its own accord; the pages have none.
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens `url`, recording console errors, page errors, dialogs and every request. `zoom` is
    the browser's zoom (2: 200%, a window of twice the viewport's pixels shown at twice the
    size). */
export async function open(browser, url, viewport = { width: 1200, height: 900 }, zoom = 1) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: zoom });
  const seen = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('dialog', async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, seen };
}

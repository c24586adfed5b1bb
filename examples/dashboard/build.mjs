// Assembles the self-contained dashboard page (examples/dashboard/build.sh runs it):
// index.html with style.css inlined, the scorecards' files as BETTEROFF_FILES, the WebAssembly
// module as base64, wasm-bindgen's classic-script glue and app.js, whose one import becomes the
// glue's global. Usage: node build.mjs OUT.html GLUE.js MODULE.wasm [SCORECARD_DIR ...]

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [out, gluePath, wasmPath, ...dirs] = process.argv.slice(2);
// The scorecard folder's files the dashboard reads (betteroff::SCORECARD_FILES, less workbooks
// and published tables, which a pre-loaded page does not carry).
const FILES = ['observations', 'comparators', 'actions', 'commentary', 'annotations'];

function fail(why) {
  console.error(`build.mjs: ${why}`);
  process.exit(1);
}

// The scorecards and their files, by the paths the page asks for.
const files = {};
let scorecards;
if (dirs.length === 0) {
  ({ scorecards } = JSON.parse(readFileSync(join(here, 'scorecards.json'), 'utf8')));
  for (const entry of scorecards) {
    for (const key of ['definition', ...FILES]) {
      if (entry[key]) files[entry[key]] = readFileSync(resolve(here, entry[key]), 'utf8');
    }
  }
} else {
  scorecards = dirs.map((dir) => {
    const id = basename(resolve(dir));
    const def = ['scorecard.toml', 'scorecard.json'].filter((f) => existsSync(join(dir, f)));
    if (def.length !== 1) fail(`${dir} needs one scorecard.toml or scorecard.json (it has ${def.length})`);
    const entry = { id, definition: `${id}/${def[0]}` };
    files[entry.definition] = readFileSync(join(dir, def[0]), 'utf8');
    for (const key of FILES) {
      const f = join(dir, `${key}.csv`);
      if (existsSync(f)) {
        entry[key] = `${id}/${key}.csv`;
        files[entry[key]] = readFileSync(f, 'utf8');
      }
    }
    return entry;
  });
}
files['scorecards.json'] = JSON.stringify({ scorecards });

const IMPORT = "import init, { Scorecard, spcIcons } from '../../wasm/pkg/web/betteroff.js';";
let app = readFileSync(join(here, 'app.js'), 'utf8');
if (!app.includes(IMPORT)) fail(`app.js no longer begins with its one import (${IMPORT}): update build.mjs`);
app = app.replace(IMPORT, [
  'const { Scorecard, spcIcons } = wasm_bindgen;',
  '// The module is in this page: compiled from its bytes, not fetched.',
  'const init = async () => wasm_bindgen.initSync({ module: Uint8Array.from(atob(BETTEROFF_WASM), (c) => c.charCodeAt(0)) });',
].join('\n'));
const glue = readFileSync(gluePath, 'utf8');
const css = readFileSync(join(here, 'style.css'), 'utf8');
const wasm = readFileSync(wasmPath).toString('base64');
// Text inside <script> must not close it: "</" is written "<\/" in the JSON, and the code
// (ours and wasm-bindgen's) is checked not to hold "</script".
const json = JSON.stringify(files).replaceAll('</', '<\\/');
for (const [name, code] of [['app.js', app], ['the glue', glue], ['style.css', css]]) {
  if (/<\/(script|style)/i.test(code)) fail(`${name} holds a closing tag`);
}
let html = readFileSync(join(here, 'index.html'), 'utf8');
const swap = (from, to) => {
  if (!html.includes(from)) fail(`index.html has no ${from}`);
  html = html.replace(from, () => to);
};
swap('<link rel="stylesheet" href="style.css">', `<style>\n${css}</style>`);
swap('<script type="module" src="app.js"></script>', [
  `<script>globalThis.BETTEROFF_FILES = ${json};</script>`,
  `<script>const BETTEROFF_WASM = "${wasm}";</script>`,
  `<script>\n${glue}</script>`,
  `<script type="module">\n${app}</script>`,
].join('\n'));
const names = scorecards.map((s) => s.id).join(', ');
swap('Data: <code>examples/dorset</code> and <code>examples/dudley-wsoa</code>, loaded once; after that the page works offline.',
  `Data: ${names.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}, inside this page (built by examples/dashboard/build.sh); it makes no request and works offline.`);
writeFileSync(out, html);
console.log(`${relative(process.cwd(), out)}: ${(html.length / 1024 / 1024).toFixed(2)} MB, scorecards ${names}`);

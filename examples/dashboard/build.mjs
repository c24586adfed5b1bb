// Assembles the self-contained dashboard page (examples/dashboard/build.sh runs it):
// index.html with style.css inlined, the scorecards' files as BETTEROFF_FILES, both WebAssembly
// modules as base64 (the small scoring one compiled at once, the full one only when the page
// first needs it), wasm-bindgen's classic-script glue of each and app.js, whose import becomes
// the small glue's global. A TOML definition is carried as the JSON the full module reads it as,
// so that the small module scores it, but only when both modules score it to the same report.
// Usage: node build.mjs OUT.html GLUE_DIR [SCORECARD_DIR ...]

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [out, glueDir, ...dirs] = process.argv.slice(2);
const root = resolve(here, '../..');
const LITE_WASM = join(root, 'wasm/pkg/lite/betteroff-lite_bg.wasm');
const FULL_WASM = join(root, 'wasm/pkg/web/betteroff_bg.wasm');
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

// TOML definitions as JSON for the small module, checked: both modules score the scorecard to
// the same bytes, or the TOML is kept (and the page loads the full module to read it).
// Which reader takes each file: app.js's own FILES map, read from its text (one list, there).
const appText = readFileSync(join(here, 'app.js'), 'utf8');
const filesMap = /const FILES = \{([^}]*)\};/.exec(appText);
if (!filesMap) fail('app.js no longer has its FILES map (file kind to reader): update build.mjs');
const ADD = Object.fromEntries([...filesMap[1].matchAll(/(\w+): '(\w+)'/g)].map((m) => [m[1], m[2]]));
for (const key of FILES) if (!ADD[key]) fail(`app.js's FILES map has no reader for ${key}`);
const full = createRequire(import.meta.url)(join(root, 'wasm/pkg/node/betteroff.js'));
const lite = await import(join(root, 'wasm/pkg/lite/betteroff-lite.js'));
lite.initSync({ module: readFileSync(LITE_WASM) });
for (const entry of scorecards) {
  if (!entry.definition.endsWith('.toml')) continue;
  let json = null;
  let why = 'its JSON scores differently';
  try {
    const a = full.Scorecard.fromToml(files[entry.definition]);
    const text = JSON.stringify(a.definition(), null, 1);
    const b = lite.Scorecard.fromJson(text);
    for (const key of FILES) {
      if (entry[key]) for (const c of [a, b]) c[ADD[key]](files[entry[key]], entry[key]);
    }
    if (a.toJson() === b.toJson()) json = text;
  } catch (e) {
    why = e.message;
  }
  if (json === null) {
    console.log(`${entry.definition}: kept as TOML (${why}), so the page loads the full module to read it`);
    continue;
  }
  delete files[entry.definition];
  entry.definition = entry.definition.replace(/\.toml$/, '.json');
  files[entry.definition] = json;
}
files['scorecards.json'] = JSON.stringify({ scorecards });

const IMPORT = "import init, { Scorecard, spcIcons } from '../../wasm/pkg/lite/betteroff-lite.js';";
const LOAD_FULL = "  const m = await import('../../wasm/pkg/web/betteroff.js');\n  await m.default();\n";
let app = appText;
if (!app.includes(IMPORT)) fail(`app.js no longer begins with its import (${IMPORT}): update build.mjs`);
if (!app.includes(LOAD_FULL)) fail(`app.js no longer loads the full module with (${LOAD_FULL}): update build.mjs`);
const bytes = (id) => `Uint8Array.from(atob(document.getElementById('${id}').textContent.trim()), (c) => c.charCodeAt(0))`;
app = app.replace(IMPORT, [
  'const { Scorecard, spcIcons } = wasm_bindgen;',
  '// The modules are in this page: compiled from their bytes, not fetched.',
  `const init = async () => wasm_bindgen.initSync({ module: ${bytes('betteroff-lite-wasm')} });`,
].join('\n')).replace(LOAD_FULL, [
  '  const m = betteroff_full;',
  `  m.initSync({ module: ${bytes('betteroff-full-wasm')} });`,
  '',
].join('\n'));
const glue = readFileSync(join(glueDir, 'betteroff-lite.js'), 'utf8');
const fullGlue = readFileSync(join(glueDir, 'betteroff.js'), 'utf8');
const css = readFileSync(join(here, 'style.css'), 'utf8');
const wasm = readFileSync(LITE_WASM).toString('base64');
const fullWasm = readFileSync(FULL_WASM).toString('base64');
// Text inside <script> must not close it: "</" is written "<\/" in the JSON, and the code
// (ours and wasm-bindgen's) is checked not to hold "</script".
const json = JSON.stringify(files).replaceAll('</', '<\\/');
for (const [name, code] of [['app.js', app], ['the glue', glue], ['the full glue', fullGlue], ['style.css', css]]) {
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
  // Data, not script: the browser does not parse the modules' bytes as code.
  `<script type="application/octet-stream" id="betteroff-lite-wasm">${wasm}</script>`,
  `<script type="application/octet-stream" id="betteroff-full-wasm">${fullWasm}</script>`,
  `<script>\n${glue}</script>`,
  `<script>\n${fullGlue}</script>`,
  `<script type="module">\n${app}</script>`,
].join('\n'));
const names = scorecards.map((s) => s.id).join(', ');
swap('Data: <code>examples/dorset</code> and <code>examples/dudley-wsoa</code>, loaded once; after that the page works offline.',
  `Data: ${names.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}, inside this page (built by examples/dashboard/build.sh); it makes no request and works offline.`);
writeFileSync(out, html);
console.log(`${relative(process.cwd(), out)}: ${(html.length / 1024 / 1024).toFixed(2)} MB, scorecards ${names}`);

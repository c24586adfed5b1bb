// The dashboard: loads both example scorecards once, scores them in the browser with the
// betteroff WebAssembly package, and lets a person choose the scorecard, the reporting period and
// filters, or open their own scorecard's files (read and scored here; nothing is sent). Names from the data are set as text (never as HTML); charts are the core's SVG, whose
// every name is escaped.

import init, { Scorecard, spcIcons } from '../../wasm/pkg/lite/betteroff-lite.js';

// Two modules of the same core: the small one (this import) reads a JSON definition and the
// CSV files, scores and draws the icons, which is all the first view needs; the full one (TOML
// definitions, workbooks, published tables, charts, measure pages, exports) is loaded the first
// time something needs it, then kept. Both give the same figures (the wasm tests check it).
const LITE = { Scorecard };
let fullLoading = null;
async function loadFull() {
  const m = await import('../../wasm/pkg/web/betteroff.js');
  await m.default();
  return m;
}
function full() {
  fullLoading ??= loadFull().catch((e) => { fullLoading = null; throw e; });
  return fullLoading;
}

/** A definition read by `engine`'s reader for its kind (JSON or TOML). */
function fromDefinition(engine, def) {
  return /\.json$/i.test(def.name) ? engine.Scorecard.fromJson(def.text) : engine.Scorecard.fromToml(def.text);
}

/** A scorecard, the module that read it and the files it was read from: scored where it was
    read, and read again by the full module (once) for a chart, a page or an export. */
class Card {
  constructor(engine, card, def, adds) {
    this.card = card;
    this.def = def;
    this.adds = adds;
    this.fullCard = engine === LITE ? null : card;
  }

  score(options) { return this.card.score(options); }

  periods() { return this.card.periods(); }

  title() { return this.card.title(); }

  /** The same scorecard in the full module. */
  async full() {
    if (!this.fullCard) {
      const c = fromDefinition(await full(), this.def);
      for (const a of this.adds) c[a.method](a.data, a.name);
      this.fullCard = c;
    }
    return this.fullCard;
  }
}

/** Reads a definition and its files, `adds` ([{ method, data, name }]), with the small module
    when it can read them all (a JSON definition and CSV files), else the full one. Every file's
    problem is returned beside whatever did load. */
async function openCard(def, adds, read = null) {
  const small = /\.json$/i.test(def.name) && adds.every((a) => Object.values(FILES).includes(a.method));
  const engine = small ? LITE : await full();
  let card;
  try {
    // A definition already read by the same module (openOwn's) is not read again.
    card = read?.engine === engine ? read.card : fromDefinition(engine, def);
  } catch (e) {
    return { card: null, problems: [{ file: def.name, message: e.message }] };
  }
  const problems = [];
  const kept = [];
  for (const a of adds) {
    try {
      card[a.method](a.data, a.name);
      kept.push(a);
    } catch (e) {
      problems.push({ file: a.name, message: e.message });
    }
  }
  return { card: new Card(engine, card, def, kept), problems };
}

const FILES = {
  observations: 'addObservationsCsv', comparators: 'addComparatorsCsv', actions: 'addActionsCsv', commentary: 'addCommentaryCsv', annotations: 'addAnnotationsCsv',
};
const STATUSES = [
  ['achieved', 'Achieved', 'green'], ['on_track', 'On track', 'green'], ['at_risk', 'At risk', 'amber'],
  ['off_track', 'Off track', 'red'], ['missed', 'Missed', 'red'], ['no_target', 'No target', 'grey'],
  ['no_data', 'No data', 'grey'], ['suppressed', 'Suppressed', 'grey'], ['to_be_developed', 'To be developed', 'grey'],
];
const $ = (id) => document.getElementById(id);
const cards = new Map();

// A shipped build (examples/dashboard/build.sh) carries the scorecards' files in the page, so
// that it works from a shared drive (file://, where a browser fetches nothing); served from this
// folder, the page fetches them.
const EMBEDDED = globalThis.BETTEROFF_FILES;

async function fetchText(url) {
  if (EMBEDDED) {
    if (Object.hasOwn(EMBEDDED, url)) return EMBEDDED[url];
    throw new Error(`${url}: not in this page (build it again with the file)`);
  }
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

/** One scorecard from the files scorecards.json lists for it. */
async function loadCard(entry) {
  const def = { name: entry.definition, text: await fetchText(entry.definition) };
  const adds = [];
  for (const [file, method] of Object.entries(FILES)) {
    if (entry[file]) adds.push({ method, data: await fetchText(entry[file]), name: entry[file] });
  }
  const { card, problems } = await openCard(def, adds);
  if (problems.length) throw new Error(`${problems[0].file}: ${problems[0].message}`);
  return card;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v; else if (k === 'data') Object.assign(e.dataset, v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function badge(status, label, rag) {
  return el('span', { class: `badge rag-${rag}`, data: { status } }, label);
}

function fill(select, options, keep) {
  select.replaceChildren(...options.map(([value, text]) => el('option', { value }, text)));
  const wanted = select.dataset.wanted;
  if (wanted !== undefined && options.some(([v]) => v === wanted)) {
    select.value = wanted;
    delete select.dataset.wanted;
  } else if (options.some(([v]) => v === keep)) {
    select.value = keep;
  }
}

function value(m, v) {
  if (v === null || v === undefined) return '–';
  // To the measure's decimal places (its data's precision, as every report shows it).
  const k = 10 ** (m.decimals ?? 1);
  const n = Math.round(v * k) / k;
  if (m.unit === 'percentage') return `${n}%`;
  if (m.unit === 'count') return Number.isInteger(v) ? v.toLocaleString('en-GB') : String(n);
  if (m.unit === 'days') return `${n} days`;
  if (m.unit === 'rate') return `${n} per ${m.per}`;
  return String(n);
}

function onCardChange() {
  const card = cards.get($('card').value);
  const periods = card.periods().reverse();
  fill($('asof'), periods.map((p) => [p, p]), $('asof').value);
  return render();
}

/** Draws the view; a measure's page comes from the full module, so this waits for it then. */
async function render() {
  const card = cards.get($('card').value);
  const asOf = $('asof').value || undefined;
  let report;
  try {
    report = card.score({ asOf });
  } catch (e) {
    // A scorecard that cannot be scored yet (no figures loaded): said, never a blank page.
    $('title').textContent = card.title();
    $('summary').replaceChildren(el('p', { class: 'problem' }, `This scorecard cannot be scored: ${e.message}`));
    $('summary').hidden = false;
    $('measures').hidden = true;
    $('empty').hidden = true;
    $('export').hidden = true;
    $('page').hidden = true;
    return;
  }
  document.title = `${report.scorecard.title}: as of ${report.as_of}`;
  $('title').textContent = `${report.scorecard.title}, as of ${report.as_of}`;
  fill($('section'), [['', 'All sections'], ...report.sections.map((s) => [s.id, s.title])], $('section').value);
  fill($('status'), [['', 'All statuses'], ...STATUSES.map(([s, l]) => [s, l])], $('status').value);
  summary(report);
  table(card, report, asOf);
  // A measure's page, when one is open, in place of the list.
  const onPage = pageMeasure !== null && report.measures.some((m) => m.id === pageMeasure);
  if (!onPage) pageMeasure = null;
  $('page').hidden = !onPage;
  if (onPage) {
    const shownFor = pageMeasure;
    let html;
    try {
      html = (await card.full()).measurePage(pageMeasure, { asOf });
    } catch (e) {
      html = null;
      $('page-body').replaceChildren(el('p', { class: 'problem' }, `This page cannot be shown: ${e.message}`));
    }
    // Another view chosen while the module loaded: that one is drawn instead.
    if (pageMeasure !== shownFor) return;
    // HTML from the core, whose every name is escaped.
    if (html !== null) $('page-body').innerHTML = html;
    const h = $('page').querySelector('h2');
    if (h) h.tabIndex = -1;
    $('measures').hidden = true;
    $('empty').hidden = true;
    $('export').hidden = true;
    $('back').href = stateParams(null);
    saveState();
  }
}

function summary(report) {
  const list = el('ul');
  for (const [status, label, rag] of STATUSES) {
    const n = report.summary.by_status[status];
    if (n > 0) list.append(el('li', { data: { count: status } }, badge(status, label, rag), ` ${n}`));
  }
  const parts = [el('p', {}, el('strong', {}, `${report.summary.measures} measures`)), list];
  const a = report.summary.actions;
  if (a.total > 0) {
    const pct = a.percent_complete === null ? '' : ` (${Math.round(a.percent_complete * 10) / 10}%)`;
    parts.push(el('p', { id: 'actions' }, `Actions: ${a.completed} of ${a.total - a.withdrawn} completed${pct} · ${a.in_progress} in progress · ${a.not_started} not started · ${a.overdue} overdue`));
  }
  $('summary').replaceChildren(...parts);
  $('summary').hidden = false;
}

/** Whether measure `m` shows under the filters and the search. */
// Each section's parent, for the report being shown (a priority's outcomes are within it).
let parents = new Map();

/** Whether section `id` is `within` or inside it. */
function inside(id, within) {
  for (let s = id, depth = 0; s && depth < 64; s = parents.get(s), depth++) if (s === within) return true;
  return false;
}

function shown(m) {
  const [section, kind, status, rag, icon] = ['section', 'kind', 'status', 'rag', 'icon'].map((id) => $(id).value);
  const q = $('q').value.trim().toLowerCase();
  const v = m.spc?.variation_icon ?? '';
  return (!section || inside(m.section, section)) && (!kind || m.kind === kind) && (!status || m.status === status)
    && (!rag || m.rag === rag) && (!icon || v === icon || v.startsWith(`${icon}_`))
    && (!q || m.name.toLowerCase().includes(q) || m.id.toLowerCase().includes(q));
}

// The view in the address (the scorecard, period, filters and search; never the data), so that
// a link opens the same view.
const STATE = ['card', 'asof', 'section', 'kind', 'status', 'rag', 'icon', 'q'];

// The measure whose page is open (in the address as measure=ID), or null for the scorecard.
let pageMeasure = new URLSearchParams(location.search).get('measure');

function stateParams(measure) {
  const params = new URLSearchParams();
  for (const id of STATE) if ($(id).value) params.set(id, $(id).value);
  if (measure) params.set('measure', measure);
  return `${location.pathname}${params.size ? `?${params}` : ''}`;
}

function saveState() {
  history.replaceState(null, '', stateParams(pageMeasure));
}

/** Opens measure `id`'s page (null: back to the scorecard), as a step the browser's Back undoes. */
async function goTo(id) {
  pageMeasure = id;
  history.pushState(null, '', stateParams(id));
  await render();
  if (id) $('page').querySelector('h2')?.focus();
  else $('measures').querySelector(`tr[data-measure] a.page-link`)?.focus();
}

function restoreState() {
  const params = new URLSearchParams(location.search);
  for (const id of STATE) {
    const v = params.get(id);
    if (v === null) continue;
    const e = $(id);
    if (e.tagName === 'SELECT' && ![...e.options].some((o) => o.value === v)) {
      // Options filled later (periods, sections) are kept for then.
      e.dataset.wanted = v;
    } else {
      e.value = v;
    }
  }
}

// The labels of the filters that are set, for the export's words: "section Area 2, RAG Red".
const FILTERS = [['section', 'section'], ['kind', 'kind'], ['status', 'status'], ['rag', 'RAG'], ['icon', 'SPC']];

/** The core's view of what the page shows: the reporting period and, when a filter or the
    search leaves measures out, those shown, with the words saying which. */
function viewOptions(report) {
  const asOf = $('asof').value || undefined;
  const set = FILTERS.filter(([id]) => $(id).value)
    .map(([id, name]) => `${name} ${$(id).selectedOptions[0].textContent}`);
  const q = $('q').value.trim();
  if (q) set.push(`search "${q}"`);
  if (set.length === 0) return { asOf };
  return { asOf, measures: report.measures.filter(shown).map((m) => m.id), view: `shown in the dashboard (${set.join(', ')})` };
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The export buttons: the core's own renderers of the view (the same bytes as the CLI's). */
function wireExport() {
  const current = () => {
    const card = cards.get($('card').value);
    const report = card.score({ asOf: $('asof').value || undefined });
    const options = viewOptions(report);
    return { card, options, stem: `${$('card').value}-${report.as_of}` };
  };
  // Every export from the full module: its renderers, and the views (order, statuses, the
  // measures shown) that the small module leaves out.
  $('export-html').addEventListener('click', async () => { const c = current(); download(`${c.stem}.html`, 'text/html', (await c.card.full()).toHtml(c.options)); });
  $('export-csv').addEventListener('click', async () => { const c = current(); download(`${c.stem}.csv`, 'text/csv', (await c.card.full()).render('csv', c.options)); });
  $('export-json').addEventListener('click', async () => { const c = current(); download(`${c.stem}.json`, 'application/json', (await c.card.full()).toJson(c.options)); });
  $('print').addEventListener('click', () => window.print());
}

// The three questions of results-based accountability, after the population indicators: the
// order measures are grouped in within each section.
const QUESTIONS = [
  ['indicator', 'Population indicators'], ['how_much', 'How much did we do?'],
  ['how_well', 'How well did we do it?'], ['better_off', 'Is anyone better off?'],
];
const COLUMNS = 9;

function table(card, report, asOf) {
  saveState();
  parents = new Map(report.sections.map((s) => [s.id, s.parent]));
  const rows = report.measures.filter(shown);
  const options = viewOptions(report);
  $('export-what').textContent = options.measures
    ? `Export the ${rows.length} measures ${options.view}:`
    : `Export all ${report.measures.length} measures as of ${report.as_of}:`;
  $('export').hidden = false;
  const byId = new Map(report.measures.map((m) => [m.id, m]));
  const children = new Map();
  for (const s of report.sections) {
    const p = s.parent && parents.has(s.parent) ? s.parent : null;
    if (!children.has(p)) children.set(p, []);
    children.get(p).push(s);
  }
  const grid = $('measures');
  for (const old of grid.querySelectorAll('tbody')) old.remove();
  // A section is shown when it, or a section within it, has a measure under the filters; its
  // measures come under the question they answer.
  const has = (s) => s.measures.some((id) => byId.has(id) && shown(byId.get(id)))
    || (children.get(s.id) ?? []).some(has);
  const emit = (s, level) => {
    if (!has(s)) return;
    const body = el('tbody', { data: { section: s.id }, class: `level-${Math.min(level, 3)}` });
    // The kind named before the title, unless the title already begins with it.
    const kindName = s.kind === 'priority' ? 'Priority' : s.kind === 'result' ? 'Outcome' : 'Service';
    const named = s.title.toLowerCase().startsWith(kindName.toLowerCase());
    body.append(el('tr', { class: 'section' }, el('th', { colspan: String(COLUMNS), scope: 'rowgroup', id: `section-${s.id}` },
      ...(named ? [] : [el('span', { class: 'section-kind' }, `${kindName}: `)]), s.title)));
    const mine = s.measures.map((id) => byId.get(id)).filter((m) => m && shown(m));
    for (const [kind, question] of QUESTIONS) {
      const asked = mine.filter((m) => m.kind === kind);
      if (asked.length === 0) continue;
      body.append(el('tr', { class: 'question' }, el('td', { colspan: String(COLUMNS) }, el('strong', {}, question))));
      for (const m of asked) body.append(row(card, m, asOf));
    }
    grid.append(body);
    for (const c of children.get(s.id) ?? []) emit(c, level + 1);
  };
  for (const s of children.get(null) ?? []) emit(s, 1);
  grid.hidden = rows.length === 0;
  $('empty').hidden = rows.length > 0;
}

/** One measure's row: status, name, latest (with its comparators), change, target, progress,
    trend, SPC icons and the button that opens its charts and details. */
function row(card, m, asOf) {
  const change = m.change.previous ? `${m.change.previous.label} on ${m.change.previous.from_period}` : '–';
  const target = m.target ? (m.target.value === null ? m.target.description
    : `${m.target.comparison === 'at_most' ? 'at most ' : m.target.comparison === 'at_least' ? 'at least ' : ''}${value(m, m.target.value)}${m.target.due ? ` by ${m.target.due}` : ''}`) : '–';
  // The visible word begins the accessible name (WCAG 2.5.3, label in name).
  const button = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-label': `Show chart and details of ${m.name}` }, 'Show');
  const page = el('a', { class: 'page-link', href: stateParams(m.id), 'aria-label': `Page of ${m.name}` }, 'Page');
  const latest = m.value === null
    ? (m.symbol && m.period ? `${m.symbol} (${m.period})` : m.period ? `no figure for ${m.period}` : 'no data')
    : `${value(m, m.value)} (${m.period})`;
  const compared = m.comparators.filter((c) => c.value !== null).slice(0, 2)
    .map((c) => `${c.name} ${value(m, c.value)}${c.gap_label ? ` (${c.gap_label})` : ''}`);
  const tr = el('tr', { data: { measure: m.id } },
    el('td', { 'data-label': 'Status' }, badge(m.status, m.status_label, m.rag)),
    el('th', { scope: 'row' }, m.name, el('span', { class: 'sub' }, m.notes.filter((n) => !n.startsWith('Target as worded')).slice(0, 1).join(''))),
    el('td', { 'data-label': 'Latest' }, latest, ...(compared.length ? [el('span', { class: 'sub' }, compared.join('; '))] : [])),
    el('td', { 'data-label': 'Change' }, `${change}${m.direction !== 'unknown' ? `, ${m.direction.replace('_', ' ')}` : ''}`),
    el('td', { 'data-label': 'Target' }, target),
    el('td', { 'data-label': 'Progress' }, m.progress_pct === null ? '–' : `${Math.round(m.progress_pct * 10) / 10}%`),
    el('td', { 'data-label': 'Trend' }, sparkline(m)),
    spcCell(m),
    el('td', { 'data-label': 'Chart' }, button, page));
  button.addEventListener('click', () => toggleChart(card, m, asOf, tr, button));
  page.addEventListener('click', (e) => { e.preventDefault(); goTo(m.id); });
  return tr;
}

const SVG = 'http://www.w3.org/2000/svg';

/** The measure's figures as a small line, named in words for those who cannot see it. */
function sparkline(m) {
  const pts = m.series.filter((p) => p.value !== null);
  if (pts.length < 2) return document.createTextNode('–');
  const ys = pts.map((p) => p.value);
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const [w, h] = [80, 22];
  const x = (i) => 2 + (i * (w - 4)) / (pts.length - 1);
  const y = (v) => (hi === lo ? h / 2 : h - 3 - ((v - lo) * (h - 6)) / (hi - lo));
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img', class: 'spark' })) svg.setAttribute(k, v);
  const [first, last] = [pts[0], pts[pts.length - 1]];
  svg.setAttribute('aria-label', `Trend: ${pts.length} figures, from ${value(m, first.value)} (${first.period}) to ${value(m, last.value)} (${last.period})`);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', pts.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '));
  for (const [k, v] of Object.entries({ fill: 'none', stroke: '#57606a', 'stroke-width': '1.5' })) line.setAttribute(k, v);
  const dot = document.createElementNS(SVG, 'circle');
  for (const [k, v] of Object.entries({ cx: x(pts.length - 1).toFixed(1), cy: y(last.value).toFixed(1), r: '2.2', fill: '#1f2328' })) dot.setAttribute(k, v);
  svg.append(line, dot);
  return svg;
}

// The Making Data Count icons, drawn by the core (SVG with its accessible name and a label).
function spcCell(m) {
  const cell = el('td', { 'data-label': 'SPC' });
  if (m.spc) cell.innerHTML = spcIcons(m.spc.variation_icon, m.spc.assurance);
  else cell.textContent = '–';
  return cell;
}

async function toggleChart(card, m, asOf, tr, button) {
  const open = button.getAttribute('aria-expanded') === 'true';
  if (open) {
    tr.nextElementSibling?.remove();
  } else {
    const cell = el('td', { colspan: String(COLUMNS) });
    try {
      const c = await card.full();
      // SVG and HTML from the core: every name in them is escaped. Beneath the chart, the
      // breakdown tables, the turn-the-curve record and the notes, as every report shows them.
      cell.innerHTML = c.chart(m.id, { asOf }) + (c.spcChart(m.id, { asOf }) ?? '')
        + c.measureDetail(m.id, { asOf });
    } catch (e) {
      cell.replaceChildren(el('p', { class: 'problem' }, `The chart cannot be shown: ${e.message}`));
    }
    tr.after(el('tr', { class: 'chart' }, cell));
  }
  button.setAttribute('aria-expanded', String(!open));
  button.textContent = open ? 'Show' : 'Hide';
  button.setAttribute('aria-label', `${button.textContent} chart and details of ${m.name}`);
}

// Your own scorecard: files chosen or dropped are read here, each added by the core's reader
// for its name; a file with problems shows them (file, line or sheet and cell, field) beside
// whatever did load. The files are kept in localStorage until forgotten.
const KEPT = 'betteroff.own-scorecard';
const WORKBOOK = /\.(xlsx|xlsm|xlsb|xls|ods)$/i;
let entries = [];

/** [{ name, text } or { name, base64 }] from File objects (a folder's files keep their names). */
async function readFiles(files) {
  const out = [];
  for (const f of files) {
    const name = f.name;
    if (WORKBOOK.test(name)) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push({ name, base64: btoa(bin) });
    } else {
      out.push({ name, text: await f.text() });
    }
  }
  return out;
}

/** A scorecard from read files, and every problem, per file. */
async function openOwn(files) {
  const def = files.find((f) => /^scorecard\.(toml|json)$/i.test(f.name))
    ?? files.find((f) => /\.toml$/i.test(f.name));
  if (!def) return { card: null, problems: [{ file: '(the files)', message: 'no scorecard.toml or scorecard.json among them: the definition is needed to read the rest' }] };
  // The tables the definition names, read by the module that reads the definition (the full
  // one for TOML); a JSON definition that names none is read by the small one.
  let tables = new Set();
  let read = null;
  try {
    const engine = /\.json$/i.test(def.name) ? LITE : await full();
    read = { engine, card: fromDefinition(engine, def) };
    tables = new Set(read.card.tableFiles());
  } catch {
    // openCard says what is wrong with the definition.
  }
  const problems = [];
  const adds = [];
  for (const f of files) {
    if (f === def) continue;
    const stem = f.name.toLowerCase().replace(/\.csv$/, '');
    if (f.base64 !== undefined) {
      adds.push({ method: 'addWorkbook', data: Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)), name: f.name });
    } else if (FILES[stem]) {
      adds.push({ method: FILES[stem], data: f.text, name: f.name });
    } else if (tables.has(f.name)) {
      adds.push({ method: 'addTable', data: f.text, name: f.name });
    } else {
      problems.push({ file: f.name, message: 'not a file of a scorecard (left out): expected observations.csv, comparators.csv, actions.csv, commentary.csv, annotations.csv, a workbook or a table the definition names' });
    }
  }
  const opened = await openCard(def, adds, read);
  return { card: opened.card, problems: [...opened.problems, ...problems] };
}

function showProblems(problems) {
  $('file-errors').replaceChildren(...problems.map((p) => el('li', {}, el('strong', {}, p.file), `: ${p.message}`)));
}

async function useOwn(files, keep) {
  const { card, problems } = await openOwn(files);
  showProblems(problems);
  if (!card) return;
  cards.set('own', card);
  const title = `Your scorecard: ${card.title()}`;
  if (!entries.some((e) => e[0] === 'own')) entries.push(['own', title]); else entries = entries.map((e) => (e[0] === 'own' ? ['own', title] : e));
  // Chosen now, or the view the address names (or none): shown; otherwise kept in the list.
  const asked = new URLSearchParams(location.search).get('card');
  if (keep || asked === null || asked === 'own') {
    fill($('card'), entries, 'own');
    $('card').value = 'own';
  } else {
    fill($('card'), entries, $('card').value);
  }
  $('forget').hidden = false;
  if (keep) {
    try { localStorage.setItem(KEPT, JSON.stringify(files)); } catch { showProblems([...problems, { file: '(this browser)', message: 'the files are too large to keep here; open them again next time' }]); }
  }
  await onCardChange();
}

async function openChosen(fileList) {
  await useOwn(await readFiles([...fileList]), true);
}

function wireOpening() {
  $('files').addEventListener('change', (e) => openChosen(e.target.files));
  $('folder').addEventListener('change', (e) => openChosen(e.target.files));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    openChosen(e.dataTransfer.files);
  });
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('files').click(); } });
  $('forget').addEventListener('click', () => {
    localStorage.removeItem(KEPT);
    cards.delete('own');
    entries = entries.filter((e) => e[0] !== 'own');
    fill($('card'), entries);
    $('forget').hidden = true;
    showProblems([]);
    onCardChange();
  });
}

async function main() {
  try {
    await init();
    const { scorecards } = JSON.parse(await fetchText('scorecards.json'));
    for (const entry of scorecards) cards.set(entry.id, await loadCard(entry));
    entries = scorecards.map((e) => [e.id, e.title ?? cards.get(e.id).title()]);
    fill($('card'), entries);
  } catch (e) {
    $('loading').textContent = `The scorecards could not be loaded: ${e.message}`;
    return;
  }
  $('loading').hidden = true;
  $('card').addEventListener('change', onCardChange);
  for (const id of ['asof', 'section', 'kind', 'status', 'rag', 'icon']) $(id).addEventListener('change', render);
  $('q').addEventListener('input', render);
  wireOpening();
  wireExport();
  $('back').addEventListener('click', (e) => { e.preventDefault(); goTo(null); });
  window.addEventListener('popstate', () => {
    pageMeasure = new URLSearchParams(location.search).get('measure');
    render();
  });
  restoreState();
  await onCardChange();
  // The scorecard opened last time, from this browser's storage.
  const kept = localStorage.getItem(KEPT);
  if (kept) {
    try { await useOwn(JSON.parse(kept), false); } catch { localStorage.removeItem(KEPT); }
  }
  document.body.dataset.ready = 'true';
}

main();

// The dashboard: loads both example scorecards once, scores them in the browser with the
// betteroff WebAssembly package, and lets a person choose the scorecard, the reporting period and
// filters. Names from the data are set as text (never as HTML); charts are the core's SVG, whose
// every name is escaped.

import init, { Scorecard, spcIcons } from '../../wasm/pkg/web/betteroff.js';

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

async function fetchText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

/** One scorecard from the files scorecards.json lists for it. */
async function loadCard(entry) {
  const card = entry.definition.endsWith('.json')
    ? Scorecard.fromJson(await fetchText(entry.definition))
    : Scorecard.fromToml(await fetchText(entry.definition));
  for (const [file, add] of Object.entries(FILES)) {
    if (entry[file]) card[add](await fetchText(entry[file]), entry[file]);
  }
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
  if (options.some(([v]) => v === keep)) select.value = keep;
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
  render();
}

function render() {
  const card = cards.get($('card').value);
  const asOf = $('asof').value || undefined;
  const report = card.score({ asOf });
  document.title = `${report.scorecard.title}: as of ${report.as_of}`;
  $('title').textContent = `${report.scorecard.title}, as of ${report.as_of}`;
  fill($('section'), [['', 'All sections'], ...report.sections.map((s) => [s.id, s.title])], $('section').value);
  fill($('status'), [['', 'All statuses'], ...STATUSES.map(([s, l]) => [s, l])], $('status').value);
  summary(report);
  table(card, report, asOf);
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

function table(card, report, asOf) {
  const [section, kind, status] = [$('section').value, $('kind').value, $('status').value];
  const rows = report.measures.filter((m) => (!section || m.section === section)
    && (!kind || m.kind === kind) && (!status || m.status === status));
  const body = $('measures').querySelector('tbody');
  body.replaceChildren();
  for (const m of rows) {
    const change = m.change.previous ? `${m.change.previous.label} on ${m.change.previous.from_period}` : '–';
    const target = m.target ? (m.target.value === null ? m.target.description
      : `${m.target.comparison === 'at_most' ? 'at most ' : m.target.comparison === 'at_least' ? 'at least ' : ''}${value(m, m.target.value)}${m.target.due ? ` by ${m.target.due}` : ''}`) : '–';
    const button = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-label': `Chart and details of ${m.name}` }, 'Show');
    const tr = el('tr', { data: { measure: m.id } },
      el('td', { 'data-label': 'Status' }, badge(m.status, m.status_label, m.rag)),
      el('th', { scope: 'row' }, m.name, el('span', { class: 'sub' }, m.notes.filter((n) => !n.startsWith('Target as worded')).slice(0, 1).join(''))),
      el('td', { 'data-label': 'Latest' }, m.value === null
        ? (m.symbol && m.period ? `${m.symbol} (${m.period})` : m.period ? `no figure for ${m.period}` : 'no data')
        : `${value(m, m.value)} (${m.period})`),
      el('td', { 'data-label': 'Change' }, `${change}${m.direction !== 'unknown' ? `, ${m.direction.replace('_', ' ')}` : ''}`),
      el('td', { 'data-label': 'Target' }, target),
      spcCell(m),
      el('td', { 'data-label': 'Chart' }, button));
    button.addEventListener('click', () => toggleChart(card, m, asOf, tr, button));
    body.append(tr);
  }
  $('measures').hidden = rows.length === 0;
  $('empty').hidden = rows.length > 0;
}

// The Making Data Count icons, drawn by the core (SVG with its accessible name and a label).
function spcCell(m) {
  const cell = el('td', { 'data-label': 'SPC' });
  if (m.spc) cell.innerHTML = spcIcons(m.spc.variation_icon, m.spc.assurance);
  else cell.textContent = '–';
  return cell;
}

function toggleChart(card, m, asOf, tr, button) {
  const open = button.getAttribute('aria-expanded') === 'true';
  if (open) {
    tr.nextElementSibling?.remove();
  } else {
    const cell = el('td', { colspan: '7' });
    // SVG and HTML from the core: every name in them is escaped. Beneath the chart, the
    // breakdown tables, the turn-the-curve record and the notes, as every report shows them.
    cell.innerHTML = card.chart(m.id, { asOf }) + (card.spcChart(m.id, { asOf }) ?? '')
      + card.measureDetail(m.id, { asOf });
    tr.after(el('tr', { class: 'chart' }, cell));
  }
  button.setAttribute('aria-expanded', String(!open));
  button.textContent = open ? 'Show' : 'Hide';
}

async function main() {
  try {
    await init();
    const { scorecards } = JSON.parse(await fetchText('scorecards.json'));
    for (const entry of scorecards) cards.set(entry.id, await loadCard(entry));
    fill($('card'), scorecards.map((e) => [e.id, e.title]));
  } catch (e) {
    $('loading').textContent = `The scorecards could not be loaded: ${e.message}`;
    return;
  }
  $('loading').hidden = true;
  $('card').addEventListener('change', onCardChange);
  for (const id of ['asof', 'section', 'kind', 'status']) $(id).addEventListener('change', render);
  onCardChange();
  document.body.dataset.ready = 'true';
}

main();

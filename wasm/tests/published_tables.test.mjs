// Published tables from their text, as a web page fetches them (core/tests/tables.rs and
// py/tests/test_published_tables.py hold the same cases): the EES file of examples/dorset-ees
// gives Dorset's Attainment 8 of the SEND Strategy 2018-21, table 4, with LAIT's band and rank.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;
const dir = new URL('../../examples/dorset-ees/', import.meta.url);
const read = (f) => readFileSync(new URL(f, dir), 'utf8');

test('an EES file named in [[tables]] gives strategy table 4', () => {
  const card = Scorecard.fromToml(read('scorecard.toml'));
  assert.deepEqual(card.definition().tables.map((t) => [t.format, t.file, t.area]), [['ees', 'ks4-attainment.csv', 'E06000059']]);
  // What the dashboard asks of either module: the title and which opened files are tables.
  assert.equal(card.title(), 'Dorset: Attainment 8 at Key Stage 4 by SEN status, from an EES file');
  assert.deepEqual(card.tableFiles(), ['ks4-attainment.csv', 'ks4-attainment.meta.csv']);
  card.addTable(read('ks4-attainment.csv'), 'ks4-attainment.csv');
  const by = Object.fromEntries(card.score().measures.map((m) => [m.id, m]));
  for (const [id, dorset, sn, england] of [['ctx-a8-all', 50.1, 50.4, 48.5], ['ctx-a8-sen-support', 37, 34.9, 36.2],
    ['ctx-a8-ehcp', 17.8, 17.2, 17], ['ctx-a8-no-sen', 53.4, 53.5, 53.3]]) {
    const c = Object.fromEntries(by[id].comparators.map((x) => [x.name, x.value]));
    assert.deepEqual([by[id].value, c['Statistical neighbours'], c.England], [dorset, sn, england], id);
  }
  // R type-7 quartiles of the 16 authorities 49.05, 49.9, 50.55: 50.1 is band B, rank 7.
  const b = by['ctx-a8-all'].benchmark;
  assert.deepEqual([b.q1, b.median, b.q3, b.band, b.rank], [49.05, 49.9, 50.55, 'B', 7]);
});

test('a table as bytes, as a file picker gives it, reads as its text; bad UTF-8 names the line', () => {
  const text = read('ks4-attainment.csv');
  const a = Scorecard.fromToml(read('scorecard.toml'));
  a.addTable(text, 'ks4-attainment.csv');
  const b = Scorecard.fromToml(read('scorecard.toml'));
  b.addTable(new TextEncoder().encode(text), 'ks4-attainment.csv');
  assert.equal(b.toJson(), a.toJson());
  const bad = new Uint8Array([...new TextEncoder().encode(text.split('\n').slice(0, 2).join('\n') + '\n'), 0xff, 0x0a]);
  assert.throws(() => Scorecard.fromToml(read('scorecard.toml')).addTable(bad, 'ks4-attainment.csv'),
    /ks4-attainment\.csv:3: the file is not valid UTF-8/);
});

test('a bad cell names the file, line and column', () => {
  const card = Scorecard.fromToml(read('scorecard.toml'));
  const bad = read('ks4-attainment.csv').replace('Dorset,Total,50.1', 'Dorset,Total,n/a');
  assert.throws(() => card.addTable(bad, 'ks4-attainment.csv'), (e) => {
    assert.equal(e.kind, 'data');
    assert.ok(e.message.includes('ks4-attainment.csv:4: field "avg_att8": "n/a" is not a number'), e.message);
    assert.deepEqual([e.errors[0].line, e.errors[0].field], [4, 'avg_att8']);
    return true;
  });
});

test('breakdowns as CSV: the published cells, as in Rust and Python', () => {
  const dir = new URL('../../examples/stockton/', import.meta.url);
  const card = Scorecard.fromToml(readFileSync(new URL('scorecard.toml', dir), 'utf8'));
  card.addObservationsCsv(readFileSync(new URL('observations.csv', dir), 'utf8'));
  card.addComparatorsCsv(readFileSync(new URL('comparators.csv', dir), 'utf8'));
  const lines = card.breakdownsCsv().split('\n');
  assert.equal(lines[0], 'measure,dimension,category,period,value,symbol,share_pct,change,change_from');
  // 449 of 1,383 EHC plans are for 5-10s; 0-4 (small) and 20-25 (with it) are withheld.
  assert.ok(lines.includes('ehcp-count,age_group,5-10,2022-Q4,449,,32.465654,8,2022-Q3'));
  assert.ok(lines.includes('ehcp-count,age_group,0-4,2022-Q4,,c,,,'));
});

test('a turn-the-curve record: its CSV rows and the detail a page shows, as in Rust and Python', () => {
  const dir = new URL('../../examples/dudley-wsoa/', import.meta.url);
  const card = Scorecard.fromToml(readFileSync(new URL('scorecard.toml', dir), 'utf8'));
  for (const [file, add] of [['observations.csv', 'addObservationsCsv'], ['comparators.csv', 'addComparatorsCsv'],
    ['actions.csv', 'addActionsCsv'], ['commentary.csv', 'addCommentaryCsv'], ['annotations.csv', 'addAnnotationsCsv']]) {
    card[add](readFileSync(new URL(file, dir), 'utf8'), file);
  }
  const lines = card.turnTheCurveCsv({ asOf: '2020-05' }).split('\n');
  assert.equal(lines[0], 'measure,part,item');
  assert.ok(lines.includes('2.A3a,Partners,SEND Manager DMBC'));
  const detail = card.measureDetail('2.A3a', { asOf: '2020-05' });
  assert.ok(detail.includes('<h4>Story behind the curve</h4>'));
  assert.ok(detail.includes('(In progress; lead SEND Manager DMBC; due 2020-02; overdue)'));
  // The June 2020 commentary shows from June.
  assert.ok(!card.measureDetail('2.A3a', { asOf: '2020-05' }).includes('Interim Annual Review Officers'));
  assert.ok(card.measureDetail('2.A3a', { asOf: '2020-06' }).includes('Interim Annual Review Officers'));
});

// The board pack's view from JavaScript: exceptions first and only some statuses, as in Rust
// (core/tests/board_pack.rs) and Python.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import betteroff from '../pkg/node/betteroff.js';

const { Scorecard } = betteroff;

function loadExample(dir) {
  const read = (f) => readFileSync(new URL(`../../${dir}/${f}`, import.meta.url), 'utf8');
  const card = Scorecard.fromToml(read('scorecard.toml'));
  for (const [file, add] of [['observations.csv', 'addObservationsCsv'], ['comparators.csv', 'addComparatorsCsv'],
    ['actions.csv', 'addActionsCsv'], ['commentary.csv', 'addCommentaryCsv'], ['annotations.csv', 'addAnnotationsCsv']]) {
    card[add](read(file), file);
  }
  return card;
}

test('exceptions first, and only some statuses', () => {
  const card = loadExample('examples/dudley-wsoa');
  const ordered = card.score({ asOf: '2020-05', order: 'exceptions' });
  assert.deepEqual(ordered.sections.find((s) => s.id === 'area-2').measures,
    ['2.A3a', '2.B4', '2.B1b', '2.A2', '2.B1c', '2.A3b', '2.A5', '2.B1a', '2.B5']);
  const only = card.score({ asOf: '2020-05', only: ['off_track', 'missed'] });
  assert.equal(only.measures.length, 14);
  assert.equal(only.summary.measures, 38);
  assert.ok(only.scorecard.notes.at(-1).startsWith('This report lists only the measures off track or missed: 14 of 38.'));
  assert.throws(() => card.score({ order: 'worst' }), /order must be "plan" or "exceptions"/);
  assert.throws(() => card.score({ only: 'late' }), /unknown status "late"/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffText, diffWords } from '../src/lib/diff.js';
import { daysBetween } from '../src/lib/dates.js';

test('a changed word shows as removed then added, the rest kept', () => {
  assert.deepEqual(diffWords('Slept badly most nights', 'Slept well most nights'), [
    { op: 'same', text: 'Slept ' },
    { op: 'del', text: 'badly' },
    { op: 'ins', text: 'well' },
    { op: 'same', text: ' most nights' },
  ]);
  assert.equal(diffText(diffWords('Slept badly most nights', 'Slept well most nights')), 'Slept [removed: badly][added: well] most nights');
});

test('added and removed text at the ends, and empty sides', () => {
  assert.equal(diffText(diffWords('Walked twice.', 'Walked twice. Felt calmer.')), 'Walked twice.[added:  Felt calmer.]');
  assert.equal(diffText(diffWords('', 'New text')), '[added: New text]');
  assert.equal(diffText(diffWords('Old text', '')), '[removed: Old text]');
  assert.deepEqual(diffWords('same', 'same'), [{ op: 'same', text: 'same' }]);
  assert.deepEqual(diffWords('', ''), []);
});

test('days between two calendar days, across a change of clocks', () => {
  assert.equal(daysBetween('2026-03-20', '2026-04-02'), 13);
  assert.equal(daysBetween('2026-04-02', '2026-05-15'), 43);
  assert.equal(daysBetween('2026-04-02', '2026-04-02'), 0);
  assert.equal(daysBetween('2026-04-02', '2026-03-28'), -5);
});

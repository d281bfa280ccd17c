import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PATTERNS, cycleSeconds, pacerScale, phaseAt } from '../src/lib/breathing.js';

test('box breathing walks in, hold, out, hold, four seconds each, then repeats', () => {
  const box = PATTERNS.box;
  assert.equal(cycleSeconds(box), 16);
  assert.equal(phaseAt(box, 0).label, 'Breathe in');
  assert.equal(phaseAt(box, 0).secondsLeft, 4);
  assert.equal(phaseAt(box, 3999).phase.kind, 'in');
  assert.equal(phaseAt(box, 4000).phase.kind, 'hold-in');
  assert.equal(phaseAt(box, 8000).label, 'Breathe out');
  assert.equal(phaseAt(box, 12000).phase.kind, 'hold-out');
  const again = phaseAt(box, 16000);
  assert.equal(again.phase.kind, 'in');
  assert.equal(again.cycle, 1);
});

test('4-7-8 uses its own durations', () => {
  const p = PATTERNS.relaxing;
  assert.equal(cycleSeconds(p), 19);
  assert.equal(phaseAt(p, 4000 + 6999).phase.kind, 'hold-in');
  assert.equal(phaseAt(p, 11000).phase.kind, 'out');
  assert.equal(phaseAt(p, 11000).secondsLeft, 8);
});

test('progress runs 0 to 1 within a phase; negative time is the start', () => {
  assert.equal(phaseAt(PATTERNS.coherent, 2500).progress, 0.5);
  assert.equal(phaseAt(PATTERNS.coherent, -50).progress, 0);
});

test('the circle grows on the in-breath, stays full on hold, shrinks on the out-breath', () => {
  assert.equal(pacerScale('in', 0), 0.5);
  assert.equal(pacerScale('in', 1), 1);
  assert.ok(pacerScale('in', 0.25) < pacerScale('in', 0.75));
  assert.equal(pacerScale('hold-in', 0.3), 1);
  assert.equal(pacerScale('out', 1), 0.5);
  assert.equal(pacerScale('hold-out', 0.5), 0.5);
  assert.equal(pacerScale('in', 7), 1, 'progress is clamped');
});

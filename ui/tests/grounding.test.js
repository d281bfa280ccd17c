import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STEPS, TOTAL, addNoticed, countNoticed, currentStep, isFinished, skipStep, startGrounding } from '../src/lib/grounding.js';

test('five things seen move the exercise on to touch', () => {
  let s = startGrounding();
  for (const thing of ['lamp', 'window', 'mug', 'plant', 'book']) s = addNoticed(s, thing);
  assert.equal(currentStep(s)?.sense, 'touch');
  assert.deepEqual(s.noticed[0], ['lamp', 'window', 'mug', 'plant', 'book']);
});

test('blank input is ignored', () => {
  const s = addNoticed(startGrounding(), '   ');
  assert.equal(countNoticed(s), 0);
  assert.equal(s.step, 0);
});

test('skipping a sense moves on; finishing all fifteen ends the exercise', () => {
  let s = skipStep(startGrounding());
  assert.equal(currentStep(s)?.sense, 'touch');
  s = startGrounding();
  for (const step of STEPS) for (let i = 0; i < step.count; i += 1) s = addNoticed(s, `${step.sense} ${i}`);
  assert.equal(isFinished(s), true);
  assert.equal(currentStep(s), null);
  assert.equal(countNoticed(s), TOTAL);
  assert.equal(TOTAL, 15);
  assert.equal(addNoticed(s, 'more'), s, 'nothing is added after the end');
});

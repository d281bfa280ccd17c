import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sectionHeading } from '../src/lib/safety-plan.js';

// Regression (issue 8): the safety plan numbered step 6 "Making the environment safe" as "7.".
test('sections are headed with their Stanley-Brown step, not their position', () => {
  // The core's safety_plan_sections, in order, as the editor receives them.
  const sections = [
    { step: 1, title: 'Warning signs that a crisis may be developing' },
    { step: 5, title: 'Professionals or agencies I can contact during a crisis' },
    { step: null, title: 'Crisis lines' },
    { step: 6, title: 'Making the environment safe' },
    { step: null, title: 'My reasons for living' },
  ];
  assert.deepEqual(sections.map(sectionHeading), [
    '1. Warning signs that a crisis may be developing',
    '5. Professionals or agencies I can contact during a crisis',
    'Crisis lines',
    '6. Making the environment safe',
    'My reasons for living',
  ]);
});

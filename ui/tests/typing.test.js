import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlChanged, holdsChanges } from '../src/lib/typing.js';

/** @param {Partial<import('../src/lib/typing.js').ControlLike>} over */
const input = (over) => ({ tagName: 'INPUT', type: 'text', value: '', defaultValue: '', ...over });

test('text typed into a field or a text area is a change; the value it was drawn with is not', () => {
  assert.equal(controlChanged(input({ value: 'Walked' })), true);
  assert.equal(controlChanged(input({ value: 'Walked', defaultValue: 'Walked' })), false);
  assert.equal(controlChanged({ tagName: 'TEXTAREA', value: 'Slept badly', defaultValue: '' }), true);
  assert.equal(controlChanged({ tagName: 'TEXTAREA', value: 'Saved text', defaultValue: 'Saved text' }), false);
  // Cleared by the person: also a change.
  assert.equal(controlChanged(input({ value: '', defaultValue: 'Old title' })), true);
});

test('boxes and choices compare with how they were drawn', () => {
  assert.equal(controlChanged(input({ type: 'checkbox', checked: true, defaultChecked: false })), true);
  assert.equal(controlChanged(input({ type: 'radio', checked: false, defaultChecked: false })), false);
  const options = (/** @type {boolean[]} */ selected, /** @type {boolean[]} */ defaults) =>
    selected.map((s, i) => ({ selected: s, defaultSelected: defaults[i] }));
  assert.equal(controlChanged({ tagName: 'SELECT', options: options([false, true], [true, false]) }), true);
  assert.equal(controlChanged({ tagName: 'SELECT', options: options([true, false], [true, false]) }), false);
  // Nothing marked selected: a single choice starts on its first option.
  assert.equal(controlChanged({ tagName: 'SELECT', options: options([true, false], [false, false]) }), false);
  assert.equal(controlChanged({ tagName: 'SELECT', options: options([false, true], [false, false]) }), true);
  assert.equal(controlChanged({ tagName: 'SELECT', multiple: true, options: options([false, false], [false, false]) }), false);
});

test('buttons, hidden fields, disabled fields and unvalued sliders hold nothing typed; a chosen file does', () => {
  assert.equal(controlChanged(input({ type: 'hidden', value: 'x' })), false);
  assert.equal(controlChanged(input({ type: 'submit', value: 'Save' })), false);
  assert.equal(controlChanged(input({ value: 'typed', disabled: true })), false);
  assert.equal(controlChanged(input({ type: 'range', value: '50', defaultValue: '' })), false);
  assert.equal(controlChanged(input({ type: 'range', value: '7', defaultValue: '5' })), true);
  assert.equal(controlChanged(input({ type: 'file', files: { length: 1 } })), true);
  assert.equal(controlChanged(input({ type: 'file', files: { length: 0 } })), false);
  assert.equal(controlChanged({ tagName: 'BUTTON', value: 'x', defaultValue: '' }), false);
});

test('a screen holds changes when any one of its controls does', () => {
  assert.equal(holdsChanges([]), false);
  assert.equal(holdsChanges([input({ value: 'a', defaultValue: 'a' }), input({ type: 'checkbox', checked: false })]), false);
  assert.equal(holdsChanges([input({ value: 'a', defaultValue: 'a' }), { tagName: 'TEXTAREA', value: 'new', defaultValue: '' }]), true);
});

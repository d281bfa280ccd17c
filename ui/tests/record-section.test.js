import { test } from 'node:test';
import assert from 'node:assert/strict';

// The component module defines a custom element class; give node the two globals it extends.
globalThis.HTMLElement ??= /** @type {typeof HTMLElement} */ (/** @type {unknown} */ (class {}));
const { readValues } = await import('../src/components/record-section/record-section.js');

test('form values become numbers, nulls for empty optional fields, and trimmed text', () => {
  /** @type {import('../src/components/record-section/record-section.js').FieldSpec[]} */
  const fields = [
    { name: 'title', label: 'Title', required: true },
    { name: 'hours', label: 'Hours', type: 'number' },
    { name: 'valid_to', label: 'Valid to', type: 'date' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ];
  /** @type {Record<string, string>} */
  const values = { title: '  First aid  ', hours: '2.5', valid_to: '', notes: '' };
  assert.deepEqual(readValues(fields, (n) => values[n]), { title: 'First aid', hours: 2.5, valid_to: null, notes: '' });
  assert.deepEqual(readValues(fields, (n) => /** @type {Record<string, string>} */ ({ ...values, hours: '' })[n]).hours, null);
});

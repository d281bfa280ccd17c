import { test } from 'node:test';
import assert from 'node:assert/strict';

// The component module defines a custom element class; give node the two globals it extends.
globalThis.HTMLElement ??= /** @type {typeof HTMLElement} */ (/** @type {unknown} */ (class {}));
const { readValues, rowActions } = await import('../src/components/record-section/record-section.js');

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

test('a row\'s Edit and Move to trash buttons name the row for screen readers, and its name is escaped', () => {
  assert.equal(String(rowActions(2, 'Referral to Citizens Advice')),
    '<span class="record-section__actions"><button type="button" class="button button--quiet" data-row-edit="2" aria-label="Edit Referral to Citizens Advice">Edit</button>'
    + '<button type="button" class="button button--quiet" data-row-trash="2" aria-label="Move Referral to Citizens Advice to trash">Move to trash</button></span>');
  assert.ok(String(rowActions(0, 'Tom & "Jerry"')).includes('aria-label="Edit Tom &amp; &quot;Jerry&quot;"'));
  assert.equal(String(rowActions(0, 'x', { edit: false, trash: false })), '');
  assert.ok(!String(rowActions(0, 'x', { edit: false })).includes('data-row-edit'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidLocale } from '../src/lib/locale-guard.js';

test('the POSIX "C" locale is not a language tag; real tags are', () => {
  assert.equal(isValidLocale('C'), false);
  assert.equal(isValidLocale(''), false);
  assert.equal(isValidLocale('en-GB'), true);
  assert.equal(isValidLocale('de'), true);
});

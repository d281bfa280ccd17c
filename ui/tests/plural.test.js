import { test } from 'node:test';
import assert from 'node:assert/strict';
import { count, noun } from '../src/lib/plural.js';

// Regression: the dashboard said "1 active clients" (issue 8, "1 active clients").
test('one active client is singular, every other count plural', () => {
  assert.equal(count(1, 'active client'), '1 active client');
  assert.equal(count(0, 'active client'), '0 active clients');
  assert.equal(count(2, 'active client'), '2 active clients');
});

test('irregular plurals are given, and fractions take the plural', () => {
  assert.equal(count(1, 'entry', 'entries'), '1 entry');
  assert.equal(count(10, 'entry', 'entries'), '10 entries');
  assert.equal(count(1.5, 'hour'), '1.5 hours');
  assert.equal(count(1, 'hour'), '1 hour');
  assert.equal(noun(1, 'match', 'matches'), 'match');
  assert.equal(noun(7, 'match', 'matches'), 'matches');
});

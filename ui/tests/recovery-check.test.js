import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGE_PREFIX, checkAnswer, normalise, pickChallenge, splitKey } from '../src/lib/recovery-check.js';

// A syntactically valid age identity (generated for this test; guards nothing).
const KEY = 'AGE-SECRET-KEY-1QQQXYZ9GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KHCE6MUA';

test('an age key keeps its prefix as group 1 and the rest in groups of six', () => {
  const groups = splitKey(KEY);
  assert.equal(groups[0], AGE_PREFIX);
  assert.equal(groups[1], 'QQQXYZ');
  assert.ok(groups.slice(1, -1).every((g) => g.length === 6));
  assert.equal(groups.slice(1).join(''), KEY.slice(AGE_PREFIX.length));
});

test('a key typed back in groups with spaces and lower case splits the same way', () => {
  const typed = splitKey(KEY).join(' ').toLowerCase();
  assert.deepEqual(splitKey(typed), splitKey(KEY));
});

test('challenges are two distinct groups, never the fixed first group', () => {
  for (let i = 0; i < 200; i += 1) {
    const [a, b] = pickChallenge(11);
    assert.ok(a >= 2 && b <= 11 && a < b, `${a}, ${b}`);
  }
  assert.deepEqual(pickChallenge(3, () => 0), [2, 3]);
  assert.deepEqual(pickChallenge(3, () => 0.999), [2, 3]);
  assert.throws(() => pickChallenge(2), RangeError);
});

test('answers are compared ignoring case, spaces and dashes, and wrong groups are named', () => {
  const groups = splitKey(KEY);
  assert.deepEqual(checkAnswer(groups, [2, 5], [' qqqxyz ', groups[4].toLowerCase()]), { ok: true, wrong: [] });
  assert.deepEqual(checkAnswer(groups, [2, 5], ['qqqxyz', 'nope']), { ok: false, wrong: [5] });
  assert.deepEqual(checkAnswer(groups, [2, 5], ['', '']), { ok: false, wrong: [2, 5] });
  assert.equal(normalise('ab-c d'), 'ABCD');
});

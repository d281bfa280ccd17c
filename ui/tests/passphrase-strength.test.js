import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_LENGTH, assessPassphrase, estimateBits } from '../src/lib/passphrase-strength.js';

test('empty and short passphrases are not acceptable and the hint says how many to add', () => {
  assert.equal(assessPassphrase('').acceptable, false);
  const short = assessPassphrase('abc');
  assert.equal(short.acceptable, false);
  assert.match(short.hint, new RegExp(`Add ${MIN_LENGTH - 3} more`));
});

test('common words and keyboard runs are penalised', () => {
  assert.ok(estimateBits('password1234') < estimateBits('tulip gravel 1234'.replace('1234', 'kx9q')));
  assert.equal(assessPassphrase('password1234').acceptable, false);
  assert.equal(assessPassphrase('qwertyuiop12').acceptable, false);
});

test('several unrelated words are acceptable and rated strong', () => {
  const result = assessPassphrase('calm river orange lantern 42');
  assert.equal(result.acceptable, true);
  assert.ok(result.score >= 3, `score ${result.score}`);
});

test('repeating one character does not count as length', () => {
  assert.equal(assessPassphrase('aaaaaaaaaaaaaaaaaaaa').acceptable, false);
});

test('labels follow the score', () => {
  assert.equal(assessPassphrase('').label, 'Very weak');
  assert.equal(assessPassphrase('calm river orange lantern 42 violet').label, 'Very strong');
});

/**
 * The recovery-key confirmation step: the user retypes two groups of the key they were shown,
 * which proves they copied it before the app forgets it.
 *
 * Usage:
 *   const groups = splitKey(recoveryKey);            // ['AGE-SECRET-KEY-1', 'QPZRY9', ...]
 *   const challenge = pickChallenge(groups.length);  // e.g. [2, 5] (1-based group numbers)
 *   checkAnswer(groups, challenge, ['qpzry9', 'x8gf2t']) // -> { ok: true } or { ok: false, wrong: [...] }
 */

/** The fixed start of every recovery key (the standard age secret-key form). */
export const AGE_PREFIX = 'AGE-SECRET-KEY-1';

/** Characters per group when a key is shown. */
export const GROUP_SIZE = 6;

/**
 * Splits a recovery key into the groups shown to the user. An age key keeps its fixed prefix
 * `AGE-SECRET-KEY-1` as the first group and shows the rest in groups of 6; any other key is
 * shown in groups of 6 throughout. Typing the groups back with spaces or dashes between them
 * is accepted by the unlock screen.
 * @param {string} key
 * @returns {string[]}
 */
export function splitKey(key) {
  const upper = String(key).trim().toUpperCase();
  const hasPrefix = upper.startsWith(AGE_PREFIX);
  const body = (hasPrefix ? upper.slice(AGE_PREFIX.length) : upper).replace(/[\s-]+/g, '');
  const groups = hasPrefix ? [AGE_PREFIX] : [];
  for (let i = 0; i < body.length; i += GROUP_SIZE) groups.push(body.slice(i, i + GROUP_SIZE));
  return groups;
}

/**
 * Normalises what a person typed: case, spaces and dashes do not matter.
 * @param {string} text
 * @returns {string}
 */
export function normalise(text) {
  return String(text).replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * Picks two distinct group numbers (1-based) to ask for, never the first group (which is often
 * a fixed prefix and proves nothing).
 * @param {number} count  number of groups (>= 3)
 * @param {() => number} [random]  source of randomness in [0, 1)
 * @returns {[number, number]}
 */
export function pickChallenge(count, random = Math.random) {
  if (count < 3) throw new RangeError('a recovery key has at least 3 groups');
  const first = 2 + Math.floor(random() * (count - 1));
  let second = 2 + Math.floor(random() * (count - 2));
  if (second >= first) second += 1;
  return first < second ? [first, second] : [second, first];
}

/**
 * Checks the retyped groups.
 * @param {string[]} groups
 * @param {number[]} challenge  1-based group numbers
 * @param {string[]} answers    what the user typed, in challenge order
 * @returns {{ok: boolean, wrong: number[]}}  wrong lists the group numbers that did not match
 */
export function checkAnswer(groups, challenge, answers) {
  const wrong = challenge.filter((n, i) => normalise(answers[i] ?? '') !== normalise(groups[n - 1] ?? '\u0000'));
  return { ok: wrong.length === 0, wrong };
}

/**
 * The recovery-key confirmation step: the user retypes two groups of the key they were shown,
 * which proves they copied it before the app forgets it.
 *
 * Usage:
 *   const groups = splitKey(recoveryKey);            // ['ABCD', 'EFGH', ...]
 *   const challenge = pickChallenge(groups.length);  // e.g. [2, 5] (1-based group numbers)
 *   checkAnswer(groups, challenge, ['efgh', 'mnop']) // -> { ok: true } or { ok: false, wrong: [...] }
 */

/**
 * Splits a recovery key into the groups shown to the user. Keys written with separators
 * (dashes or spaces) split on them; a key without separators is shown in groups of 4.
 * @param {string} key
 * @returns {string[]}
 */
export function splitKey(key) {
  const trimmed = String(key).trim();
  const parts = trimmed.split(/[\s-]+/).filter(Boolean);
  if (parts.length >= 4) return parts;
  const compact = trimmed.replace(/[\s-]+/g, '');
  const groups = [];
  for (let i = 0; i < compact.length; i += 4) groups.push(compact.slice(i, i + 4));
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

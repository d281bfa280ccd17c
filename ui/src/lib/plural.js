/**
 * Counts in words, with the noun in the right number: "1 active client", "2 active clients",
 * "1 entry", "3 entries". Every count the window shows goes through here, so none reads
 * "1 active clients" again.
 *
 * Usage:
 *   import { count } from '../../lib/plural.js';
 *   count(1, 'active client')            // "1 active client"
 *   count(3, 'entry', 'entries')         // "3 entries"
 *
 * English only, like the rest of the window: one form for exactly 1, the other for everything
 * else (0, 2, 1.5), as English grammar has it.
 */

/**
 * The noun for `n` things: `one` when n is exactly 1, otherwise `many` (default: `one` + "s").
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 * @returns {string}
 */
export function noun(n, one, many = `${one}s`) {
  return n === 1 ? one : many;
}

/**
 * `n` followed by the noun in the right number.
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 * @returns {string}
 */
export function count(n, one, many) {
  return `${n} ${noun(n, one, many)}`;
}

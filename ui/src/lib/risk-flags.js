/**
 * How the window speaks about risk flags: the level's word, and how long a flag has been open
 * (a flag open more than 7 days stands out: it has waited longer than a week of sessions).
 *
 * Usage: flagAge('2026-11-23', '2026-12-02') // { days: 9, text: 'open 9 days, over a week', old: true }
 */
import { count } from './plural.js';

/** @type {Record<import('../api.js').RiskLevel, string>} */
export const LEVELS = { low: 'Low', medium: 'Medium', high: 'High' };

/** Days after which an open flag is marked. */
export const OLD_AFTER_DAYS = 7;

/**
 * How long a flag raised on `raisedOn` has been open on `today` (both YYYY-MM-DD).
 * @param {string} raisedOn @param {string} today
 * @returns {{days: number, text: string, old: boolean}}
 */
export function flagAge(raisedOn, today) {
  const day = (/** @type {string} */ d) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  const days = Math.max(0, Math.round((day(today) - day(raisedOn)) / 86_400_000));
  const old = days > OLD_AFTER_DAYS;
  return { days, text: days === 0 ? 'open since today' : `open ${count(days, 'day')}${old ? ', over a week' : ''}`, old };
}

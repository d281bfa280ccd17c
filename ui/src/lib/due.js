/**
 * How the window words what is due: a goal's progress and next review, a credential's renewal.
 * Days are local calendar days (YYYY-MM-DD), counted on the calendar.
 *
 * Usage: renewalText('2026-05-15', '2026-04-02') // 'expires Fri, 15 May 2026, 43 days left'
 */
import { daysBetween, formatDay } from './dates.js';
import { count } from './plural.js';

/**
 * A goal's progress as people read it: "Progress: 70% across 2 steps" (skipped steps are not
 * counted), or "Progress: no steps yet".
 * @param {import('../api.js').Goal} g
 */
export function progressText(g) {
  const counted = g.steps.filter((s) => s.status !== 'skipped');
  if (!counted.length) return 'Progress: no steps yet';
  const mean = Math.floor(counted.reduce((sum, s) => sum + s.progress, 0) / counted.length);
  return `Progress: ${mean}% across ${count(counted.length, 'step')}`;
}

/**
 * When a goal's next review is, on `today`: "Next review: Thu, 2 Apr 2026, due today" /
 * ", overdue 3 days" / nothing added when it is still ahead; "No review planned." without one.
 * @param {string|undefined|null} next @param {string} today
 */
export function nextReviewText(next, today) {
  if (!next) return 'No review planned.';
  const late = daysBetween(next, today);
  return `Next review: ${formatDay(next)}${late === 0 ? ', due today' : late > 0 ? `, overdue ${count(late, 'day')}` : ''}`;
}

/**
 * A credential's renewal line after its name: "expired Fri, 20 Mar 2026, 13 days ago",
 * "expires Fri, 15 May 2026, 43 days left", "expires Thu, 2 Apr 2026, last day today".
 * @param {string} validTo @param {string} today
 */
export function renewalText(validTo, today) {
  const left = daysBetween(today, validTo);
  if (left < 0) return `expired ${formatDay(validTo)}, ${count(-left, 'day')} ago`;
  return `expires ${formatDay(validTo)}, ${left === 0 ? 'last day today' : `${count(left, 'day')} left`}`;
}

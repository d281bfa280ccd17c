/**
 * Turns dated values into what the chart draws and what a screen reader hears.
 *
 * Usage:
 *   const { x, y } = chartSeries([{ at: '2026-11-20', value: 6 }]);  // x in Unix seconds, sorted
 *   summarise('Mood', points) // "Mood: 3 entries from 2026-11-18 to 2026-11-20; latest 6, lowest 4, highest 7."
 */

/**
 * @param {{at: string, value: number}[]} points  `at` is a date (YYYY-MM-DD) or an RFC 3339 time
 * @returns {{x: number[], y: number[]}}
 */
export function chartSeries(points) {
  const rows = points
    .map((p) => ({ t: Date.parse(p.at.length === 10 ? `${p.at}T12:00:00Z` : p.at) / 1000, v: Number(p.value) }))
    .filter((r) => Number.isFinite(r.t) && Number.isFinite(r.v))
    .sort((a, b) => a.t - b.t);
  return { x: rows.map((r) => r.t), y: rows.map((r) => r.v) };
}

/**
 * @param {string} label
 * @param {{at: string, value: number}[]} points
 */
export function summarise(label, points) {
  if (points.length === 0) return `${label}: nothing recorded yet.`;
  const sorted = [...points].sort((a, b) => a.at.localeCompare(b.at));
  const values = sorted.map((p) => Number(p.value));
  const first = sorted[0].at.slice(0, 10);
  const last = sorted[sorted.length - 1].at.slice(0, 10);
  const n = sorted.length;
  return `${label}: ${n} ${n === 1 ? 'entry' : 'entries'} from ${first} to ${last}; latest ${values[n - 1]}, lowest ${Math.min(...values)}, highest ${Math.max(...values)}.`;
}

/** Seconds in a day (the charts' time scale is in Unix seconds). */
export const DAY = 86_400;

/**
 * The x-range a chart shows, in Unix seconds. With a window (`from`..`to`, YYYY-MM-DD) it is
 * exactly those whole days, so "last 30 days" shows 30 days whatever was recorded. Without
 * one it is the data's own span, widened to a week around its middle when shorter.
 *
 * The chart always passes this range to uPlot: left to itself, uPlot stretches a single point
 * (or points all on one day) to 86400 / 0.001 s = 1,000 days, which is how "Mood, last 30
 * days" once ran from 2027 to 2029.
 *
 * @param {number[]} x  sorted Unix seconds (from chartSeries)
 * @param {{from?: string, to?: string}} [window]
 * @returns {[number, number] | null}  null when there is nothing to show and no window
 */
export function xRange(x, window = {}) {
  if (window.from && window.to) {
    return [Date.parse(`${window.from}T00:00:00Z`) / 1000, Date.parse(`${window.to}T00:00:00Z`) / 1000 + DAY];
  }
  if (x.length === 0) return null;
  const min = x[0];
  const max = x[x.length - 1];
  if (max - min >= 7 * DAY) return [min, max];
  const middle = (min + max) / 2;
  return [middle - 3.5 * DAY, middle + 3.5 * DAY];
}

/**
 * Tick labels for the time axis, the way people here write dates: "29 Mar" within a span of
 * up to about ten months, "Mar 2026" beyond (uPlot's own default is US "3/29").
 *
 * @param {number[]} ticks  Unix seconds
 * @param {number} span  seconds between the ends of the axis
 */
export function tickLabels(ticks, span) {
  const long = span > 300 * DAY;
  return ticks.map((t) => new Date(t * 1000).toLocaleDateString('en-GB', long
    ? { month: 'short', year: 'numeric' }
    : { day: 'numeric', month: 'short' }));
}

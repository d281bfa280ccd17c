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

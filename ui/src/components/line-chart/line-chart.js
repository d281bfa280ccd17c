/**
 * <wk-line-chart>: a line chart of values over time (mood, PHQ-9, GAD-7...), drawn by uPlot
 * (vendored in ui/vendor/, pinned by package-lock.json), with a text summary and a data table
 * for screen readers and keyboard users.
 *
 * Usage:
 *   const chart = document.createElement('wk-line-chart');
 *   chart.data = { label: 'Mood (1–10)', min: 1, max: 10, from: '2026-10-23', to: '2026-11-21',
 *                  points: [{ at: '2026-11-20', value: 6 }, { at: '2026-11-21', value: 4 }] };
 *   container.append(chart);
 *
 * `from`/`to` (optional, YYYY-MM-DD) fix the x-axis to those whole days; without them it spans
 * the data (at least a week). The drawn range is also on the figure as `data-x-from` and
 * `data-x-to` (RFC 3339, UTC), so a test can read exactly what the axis shows.
 */
import uPlot from '../../../vendor/uPlot.esm.js';
import { html, render } from '../../lib/html.js';
import { chartSeries, summarise, tickLabels, xRange } from '../../lib/chart-data.js';

export class LineChart extends HTMLElement {
  constructor() {
    super();
    /** @type {{label: string, min?: number, max?: number, from?: string, to?: string, points: {at: string, value: number}[]}} */
    this.data = { label: '', points: [] };
    /** @type {uPlot|null} */
    this.plot = null;
  }

  connectedCallback() {
    const { label, points } = this.data;
    const { x, y } = chartSeries(points);
    const range = xRange(x, { from: this.data.from, to: this.data.to });
    render(this, html`
      <figure class="line-chart" data-x-from="${range ? new Date(range[0] * 1000).toISOString() : ''}" data-x-to="${range ? new Date(range[1] * 1000).toISOString() : ''}">
        <figcaption class="line-chart__caption">${label}</figcaption>
        <div class="line-chart__plot" role="img" aria-label="${summarise(label, points)}" data-plot></div>
        <details class="line-chart__table">
          <summary>Show the values as a table</summary>
          <table>
            <thead><tr><th scope="col">Date</th><th scope="col">${label}</th></tr></thead>
            <tbody>${points.map((p) => html`<tr><td>${p.at.slice(0, 10)}</td><td>${p.value}</td></tr>`)}</tbody>
          </table>
        </details>
      </figure>`);
    const target = /** @type {HTMLElement} */ (this.querySelector('[data-plot]'));
    if (x.length === 0) {
      target.textContent = 'Nothing recorded yet.';
      return;
    }
    const styles = getComputedStyle(document.documentElement);
    const accent = styles.getPropertyValue('--accent').trim() || '#1f6f66';
    const muted = styles.getPropertyValue('--text-muted').trim() || '#555';
    const grid = styles.getPropertyValue('--border').trim() || '#ccc';
    const width = Math.max(280, target.clientWidth || 560);
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const [lo, hi] = range ?? [x[0], x[x.length - 1]];
    this.plot = new uPlot({
      width,
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Always our own range (see xRange): uPlot's would stretch a lone day to 1,000 days.
        x: { time: true, range: () => [lo, hi] },
        y: { range: [this.data.min ?? null, this.data.max ?? null] },
      },
      axes: [{ ...axis, values: (/** @type {uPlot} */ _u, /** @type {number[]} */ ticks) => tickLabels(ticks, hi - lo) }, { ...axis, size: 40 }],
      series: [{}, { label, stroke: accent, width: 2, points: { show: true, size: 6, fill: accent } }],
    }, [x, y], target);
    this.resizer = new ResizeObserver(() => {
      const w = target.clientWidth;
      if (w > 0 && this.plot) this.plot.setSize({ width: w, height: 220 });
    });
    this.resizer.observe(target);
  }

  disconnectedCallback() {
    this.resizer?.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }
}

export function registerLineChart() {
  if (!customElements.get('wk-line-chart')) customElements.define('wk-line-chart', LineChart);
}

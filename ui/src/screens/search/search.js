/**
 * <wk-search-screen>: results of the global search (Ctrl+K, or the box in the header): every
 * kind of record, ranked, with the matching words marked, and a filter by kind.
 * Params: { query }.
 */
import * as api from '../../api.js';
import { navigate } from '../../lib/events.js';
import { formatDay } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { newestOnly } from '../../lib/newest.js';
import { whereHitOpens } from '../../lib/search-open.js';

const PAGE = 50;

export class SearchScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{query?: string}} */
    this.params = {};
    this.kind = '';
    /** A change of "Show" while a search runs: only the newest answer fills the results. */
    this.loads = newestOnly();
  }

  async connectedCallback() {
    const query = String(this.params.query ?? '');
    /** @type {[string, string][]} */
    let kinds = [];
    try {
      kinds = await api.searchKinds();
    } catch {
      kinds = [];
    }
    render(this, html`<section class="screen" aria-labelledby="search-title"><h1 id="search-title">Search: “${query}”</h1>
      <div class="field search__filter"><label for="search-kind">Show</label>
        <select id="search-kind" data-kind><option value="">Everything</option>${kinds.map(([k, label]) => html`<option value="${k}">${label}</option>`)}</select></div>
      <p class="muted" data-summary aria-live="polite">Searching…</p><ul class="record-list" data-results></ul></section>`);
    this.querySelector('[data-kind]')?.addEventListener('change', (e) => {
      this.kind = /** @type {HTMLSelectElement} */ (e.target).value;
      this.run(query);
    });
    this.run(query);
  }

  /** @param {string} query */
  async run(query) {
    const list = /** @type {HTMLElement} */ (this.querySelector('[data-results]'));
    const summary = /** @type {HTMLElement} */ (this.querySelector('[data-summary]'));
    const mine = this.loads();
    try {
      const { hits, has_more: more } = await api.searchEverything({ text: query, kinds: this.kind ? [this.kind] : [], limit: PAGE, offset: 0 });
      if (!mine()) return;
      summary.textContent = hits.length
        ? `${hits.length}${more ? '+' : ''} ${hits.length === 1 ? 'match' : 'matches'}, best first.`
        : 'Nothing matches. Try fewer or different words; a word ending in * matches its beginning.';
      render(list, html`${hits.map((h, i) => html`<li><button type="button" class="record-list__item" data-hit="${i}">
        <span><span class="badge">${h.label}</span> <strong>${h.title}</strong> <span class="muted">${h.date ? formatDay(h.date) : ''}</span></span>
        <span class="search__snippet">${h.snippet.map((p) => (p.highlight ? html`<mark>${p.text}</mark>` : p.text))}</span></button></li>`)}`);
      list.onclick = (e) => {
        const b = /** @type {HTMLElement} */ (e.target).closest('[data-hit]');
        if (!b) return;
        const target = whereHitOpens(hits[Number(b.getAttribute('data-hit'))]);
        if (target) navigate(this, target[0], target[1]);
      };
    } catch (e) {
      if (mine()) summary.textContent = api.toApiError(e).message;
    }
  }
}

export const searchScreen = {
  id: 'search', title: 'Search', section: /** @type {const} */ ('overview'), order: 9, nav: false,
  tag: 'wk-search-screen', element: SearchScreen,
};

/**
 * <wk-search-screen>: results of the global search (Ctrl+K, or the box in the header) across
 * clients, notes, goals, journal entries, safety plans and risk flags. Params: { query }.
 */
import * as api from '../../api.js';
import { navigate } from '../../lib/events.js';
import { formatDay } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';

const KINDS = {
  client: 'Client', note: 'Session note', goal: 'Goal', journal: 'Journal entry', safety_plan: 'Safety plan', risk_flag: 'Risk flag',
};

export class SearchScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{query?: string}} */
    this.params = {};
  }

  async connectedCallback() {
    const query = String(this.params.query ?? '');
    render(this, html`<section class="screen" aria-labelledby="search-title"><h1 id="search-title">Search: “${query}”</h1>
      <p class="muted" data-summary aria-live="polite">Searching…</p><ul class="record-list" data-results></ul></section>`);
    const list = /** @type {HTMLElement} */ (this.querySelector('[data-results]'));
    const summary = /** @type {HTMLElement} */ (this.querySelector('[data-summary]'));
    try {
      const hits = await api.searchEverything(query);
      summary.textContent = hits.length ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}.` : 'Nothing matches. Try fewer or different words; a word ending in * matches its beginning.';
      render(list, html`${hits.map((h, i) => html`<li><button type="button" class="record-list__item" data-hit="${i}">
        <span class="badge">${KINDS[/** @type {keyof KINDS} */ (h.kind)] ?? h.kind}</span>
        <strong>${h.title}</strong>
        <span class="muted">${h.date ? formatDay(h.date) : ''}</span>
        ${h.snippet ? html`<span>${h.snippet}</span>` : ''}</button></li>`)}`);
      list.addEventListener('click', (e) => {
        const b = /** @type {HTMLElement} */ (e.target).closest('[data-hit]');
        if (!b) return;
        const hit = hits[Number(b.getAttribute('data-hit'))];
        if (hit.kind === 'note') navigate(this, 'note', { id: hit.id, clientId: hit.client_id });
        else if (hit.kind === 'journal') navigate(this, 'journal', { id: hit.id });
        else if (hit.client_id) navigate(this, 'client', { id: hit.client_id });
        else if (hit.kind === 'safety_plan') navigate(this, 'safety-plan', {});
        else if (hit.kind === 'goal') navigate(this, 'my-goals', {});
      });
    } catch (e) {
      summary.textContent = api.toApiError(e).message;
    }
  }
}

export const searchScreen = {
  id: 'search', title: 'Search', section: /** @type {const} */ ('overview'), order: 9, nav: false,
  tag: 'wk-search-screen', element: SearchScreen,
};

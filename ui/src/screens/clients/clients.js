/**
 * <wk-clients-screen>: the mentor's clients: a filterable list and a form to add one.
 * Choosing a client opens their overview (the `client` screen). Below the list, the erasure log
 * (one nameless line per erased client; docs/decisions.md 51).
 */
import * as api from '../../api.js';
import { announce, navigate } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { newestOnly } from '../../lib/newest.js';

const STATUS_NAMES = { active: 'Active', paused: 'Paused', closed: 'Closed' };

export class ClientsScreen extends HTMLElement {
  /** The filter loads on every key: only the newest answer fills the list. */
  loads = newestOnly();

  connectedCallback() {
    render(this, html`
      <section class="screen" aria-labelledby="clients-title">
        <h1 id="clients-title">Clients</h1>
        <div class="clients-layout">
          <div>
            <form class="clients-filter" role="search" data-filter>
              <label for="client-filter">Find a client</label>
              <input id="client-filter" type="search" name="text" autocomplete="off">
              <label for="client-status">Status</label>
              <select id="client-status" name="status">
                <option value="">All</option>
                ${Object.entries(STATUS_NAMES).map(([k, v]) => html`<option value="${k}">${v}</option>`)}
              </select>
            </form>
            <ul class="record-list" data-list aria-live="polite"></ul>
            <h2 id="erasures-title">Erasure log</h2>
            <p class="muted">One line for each client erased: no name, only what is needed to show it was done.</p>
            <ul class="record-list" aria-labelledby="erasures-title" data-erasures></ul>
          </div>
          <form class="card" data-add novalidate aria-labelledby="add-client-title">
            <h2 id="add-client-title">Add a client</h2>
            <div class="field"><label for="client-name">Full name</label>
              <input id="client-name" name="name" type="text" autocomplete="off" required aria-describedby="client-name-error">
              <span class="field__error" id="client-name-error" data-error-for="name"></span></div>
            <div class="field"><label for="client-preferred">Preferred name <span class="muted">(optional)</span></label>
              <input id="client-preferred" name="preferred_name" type="text" autocomplete="off"></div>
            <div class="field"><label for="client-pronouns">Pronouns <span class="muted">(optional)</span></label>
              <input id="client-pronouns" name="pronouns" type="text" autocomplete="off"></div>
            <div class="field"><label for="client-start">Start date</label>
              <input id="client-start" name="start_date" type="date"></div>
            <p class="field__error" role="alert" data-error></p>
            <div class="actions"><button class="button" type="submit">Add client</button></div>
          </form>
        </div>
      </section>`);
    const filter = /** @type {HTMLFormElement} */ (this.querySelector('[data-filter]'));
    filter.addEventListener('input', () => this.load());
    filter.addEventListener('submit', (e) => e.preventDefault());
    const add = /** @type {HTMLFormElement} */ (this.querySelector('[data-add]'));
    add.addEventListener('submit', (e) => { e.preventDefault(); this.add(add); });
    this.querySelector('[data-list]')?.addEventListener('click', (e) => {
      const button = /** @type {HTMLElement} */ (e.target).closest('[data-client]');
      if (button) navigate(this, 'client', { id: button.getAttribute('data-client') });
    });
    this.load();
    this.loadErasures();
  }

  async loadErasures() {
    const list = /** @type {HTMLElement} */ (this.querySelector('[data-erasures]'));
    try {
      const erasures = await api.listErasures();
      render(list, erasures.length
        ? html`${erasures.map((e) => html`<li data-erasure>${e.line}${e.erasure.note ? ` · ${e.erasure.note}` : ''}</li>`)}`
        : html`<li class="muted">No client has been erased.</li>`);
    } catch (e) {
      render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
    }
  }

  async load() {
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-filter]'));
    const data = new FormData(form);
    const list = /** @type {HTMLElement} */ (this.querySelector('[data-list]'));
    const mine = this.loads();
    try {
      const clients = await api.listClients({ text: String(data.get('text') || '') || null, status: /** @type {import('../../api.js').ClientStatus | null} */ (String(data.get('status') || '') || null) });
      if (!mine()) return;
      render(list, clients.length
        ? html`${clients.map((c) => html`<li><button type="button" class="record-list__item" data-client="${c.id}">
              <strong>${c.preferred_name ? `${c.preferred_name} (${c.name})` : c.name}</strong>
              <span class="muted">${STATUS_NAMES[/** @type {keyof typeof STATUS_NAMES} */ (c.status)] ?? c.status}${c.pronouns ? ` · ${c.pronouns}` : ''}</span></button></li>`)}`
        : html`<li class="muted">No clients match. Add one with the form.</li>`);
    } catch (e) {
      if (mine()) render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
    }
  }

  /** @param {HTMLFormElement} form */
  async add(form) {
    const data = new FormData(form);
    const error = this.querySelector('[data-error]');
    const nameError = this.querySelector('[data-error-for="name"]');
    if (error) error.textContent = '';
    if (nameError) nameError.textContent = '';
    const name = String(data.get('name') ?? '').trim();
    const nameInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('name'));
    if (!name) {
      if (nameError) nameError.textContent = 'Enter the client’s name.';
      nameInput.setAttribute('aria-invalid', 'true');
      nameInput.focus();
      return;
    }
    nameInput.removeAttribute('aria-invalid');
    try {
      const client = await api.addClient({
        name,
        preferred_name: String(data.get('preferred_name') ?? '') || null,
        pronouns: String(data.get('pronouns') ?? '') || null,
        start_date: String(data.get('start_date') ?? '') || null,
      });
      form.reset();
      announce(this, `Added ${client.name}.`);
      navigate(this, 'client', { id: client.id });
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }
}

export const clientsScreen = {
  id: 'clients', title: 'Clients', section: /** @type {const} */ ('practice'), order: 0, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-clients-screen', element: ClientsScreen,
};

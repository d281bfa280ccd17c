/**
 * <wk-record-section>: one kind of record as a list plus an "add" form, described by data. Used
 * by the screens that keep simple records (consents, disclosures, referrals, resources,
 * credentials, training, supervision) so each is a few lines of configuration.
 *
 * Usage:
 *   const section = document.createElement('wk-record-section');
 *   section.config = {
 *     id: 'referrals', title: 'Referrals', addLabel: 'Add referral',
 *     fields: [{ name: 'referred_to', label: 'Referred to', required: true },
 *              { name: 'referred_on', label: 'Date', type: 'date', value: today() },
 *              { name: 'status', label: 'Status', type: 'select', options: { draft: 'Draft', sent: 'Sent' } }],
 *     load: () => api.listReferrals(clientId),
 *     item: (r) => html`<strong>${r.referred_to}</strong>`,
 *     save: (values) => api.addReferral({ ...values, client_id: clientId }),
 *   };
 *   container.append(section);
 *
 * Values reach `save` as strings, numbers (type 'number') or null (empty optional fields).
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';

/**
 * @typedef {{name: string, label: string, type?: 'text'|'date'|'number'|'textarea'|'select'|'url', options?: Record<string, string>, required?: boolean, value?: string, step?: string}} FieldSpec
 */

/**
 * One kind of record: how to list it (`load`, `item`) and add one (`fields`, `save`). The rows
 * are the records a command returns, typed from Rust (see api.js).
 * @template T
 * @typedef {object} SectionConfig
 * @property {string} id
 * @property {string} title
 * @property {string} addLabel
 * @property {string} [empty]
 * @property {FieldSpec[]} fields
 * @property {() => Promise<T[]>} load
 * @property {(row: T) => import('../../lib/html.js').SafeHtml} item
 * @property {(values: Record<string, string|number|null>) => Promise<unknown>} save
 */

/**
 * Declares a section's configuration, so the type of its rows (from `load`) types `item`.
 * @template T
 * @param {SectionConfig<T>} config
 * @returns {SectionConfig<unknown>} the same configuration, for `RecordSection.config`
 */
export function defineSection(config) {
  // A row only ever goes from `load` to `item` of the same configuration.
  return /** @type {SectionConfig<unknown>} */ (/** @type {unknown} */ (config));
}

/**
 * Turns form values into what the core expects: numbers for number fields, null for empty
 * optional fields, trimmed text otherwise.
 * @param {FieldSpec[]} fields
 * @param {(name: string) => string} get
 */
export function readValues(fields, get) {
  /** @type {Record<string, string|number|null>} */
  const out = {};
  for (const f of fields) {
    const raw = get(f.name);
    if (f.type === 'number') out[f.name] = raw.trim() === '' ? null : Number(raw);
    else if (raw.trim() === '' && !f.required) out[f.name] = f.type === 'textarea' ? '' : null;
    else out[f.name] = f.type === 'textarea' ? raw : raw.trim();
  }
  return out;
}

/**
 * The form's values as the record a command takes. The form's field names are the Rust
 * field names, and `readValues` gives each as a string, a number or null; the core validates
 * every field (and names the one at fault), so this is where form text becomes a typed record.
 * @template T
 * @param {Record<string, string|number|null>} values
 * @param {Partial<NoInfer<T>>} [extra] fields the form does not show (typed against the record)
 * @returns {T}
 */
export function formInput(values, extra = {}) {
  return /** @type {T} */ (/** @type {unknown} */ ({ ...values, ...extra }));
}

export class RecordSection extends HTMLElement {
  constructor() {
    super();
    /** @type {SectionConfig<unknown>|null} */
    this.config = null;
  }

  connectedCallback() {
    const c = this.config;
    if (!c) return;
    render(this, html`
      <section class="record-section" aria-labelledby="${c.id}-heading">
        <h2 id="${c.id}-heading">${c.title}</h2>
        <ul class="record-list" data-items aria-live="polite"><li class="muted">Loading…</li></ul>
        <details class="record-section__add">
          <summary>${c.addLabel}</summary>
          <form class="card" data-form novalidate>
            ${c.fields.map((f) => html`<div class="field"><label for="${c.id}-field-${f.name}">${f.label}${f.required ? '' : html` <span class="muted">(optional)</span>`}</label>
              ${f.type === 'textarea' ? html`<textarea id="${c.id}-field-${f.name}" name="${f.name}" rows="3">${f.value ?? ''}</textarea>`
                : f.type === 'select' ? html`<select id="${c.id}-field-${f.name}" name="${f.name}">${Object.entries(f.options ?? {}).map(([k, v]) => html`<option value="${k}" ${f.value === k ? html`selected` : ''}>${v}</option>`)}</select>`
                : html`<input id="${c.id}-field-${f.name}" name="${f.name}" type="${f.type ?? 'text'}" value="${f.value ?? ''}" ${f.step ? html`step="${f.step}"` : ''} autocomplete="off">`}</div>`)}
            <p class="field__error" role="alert" data-error></p>
            <div class="actions"><button class="button" type="submit">${c.addLabel}</button></div>
          </form>
        </details>
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-form]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.add(form); });
    this.load();
  }

  async load() {
    const c = this.config;
    const list = /** @type {HTMLElement|null} */ (this.querySelector('[data-items]'));
    if (!c || !list) return;
    try {
      const rows = await c.load();
      render(list, rows.length
        ? html`${rows.map((r) => html`<li class="record-list__item record-section__item">${c.item(r)}</li>`)}`
        : html`<li class="muted">${c.empty ?? 'Nothing recorded yet.'}</li>`);
    } catch (e) {
      render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
    }
  }

  /** @param {HTMLFormElement} form */
  async add(form) {
    const c = this.config;
    if (!c) return;
    const d = new FormData(form);
    const error = this.querySelector('[data-error]');
    const missing = c.fields.find((f) => f.required && !String(d.get(f.name) ?? '').trim());
    if (missing) {
      if (error) error.textContent = `Fill in “${missing.label}”.`;
      /** @type {HTMLElement|null} */ (form.querySelector(`[name="${missing.name}"]`))?.focus();
      return;
    }
    try {
      await c.save(readValues(c.fields, (n) => String(d.get(n) ?? '')));
      if (error) error.textContent = '';
      form.reset();
      announce(this, 'Saved.');
      await this.load();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }
}

export function registerRecordSection() {
  if (!customElements.get('wk-record-section')) customElements.define('wk-record-section', RecordSection);
}

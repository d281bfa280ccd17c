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
 *
 * Editing and the trash (optional, for kinds edited in place): with `edit` each row gets an
 * "Edit" button that opens the same form filled in from `edit.values(row)` and saves through
 * `edit.save(row, values)`; with `trash` each row gets "Move to trash", which calls
 * `api.moveToTrash(trash.kind, trash.id(row))` and says where to get it back, as the journal
 * does. `name(row)` names the row in the buttons' labels ("Edit Referral to Dr Lee").
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
 * @property {(row: T) => string} [name] the row in the Edit / Move to trash labels
 * @property {{values: (row: T) => Record<string, string>, save: (row: T, values: Record<string, string|number|null>) => Promise<unknown>}} [edit]
 * @property {{kind: string, id: (row: T) => string, what: string, after?: () => unknown}} [trash] `what`: "Referral" in "Referral moved to the trash."; `after` runs once it is there (a total to recount)
 * @property {(row: T) => boolean} [current] the row the screen was opened for (a search hit): marked `aria-current`, scrolled to and focused the first time the list shows it
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

/**
 * The "Edit" and "Move to trash" buttons of one row of a list, shared by every screen that
 * edits records in a list (this section, the activity log, thought records, the coping
 * toolbox, the journal's check-ins). `i` is the row's index in the rows passed to
 * `wireRowActions`; `name` names the row in the buttons' accessible labels.
 * @param {number} i @param {string} name @param {{edit?: boolean, trash?: boolean}} which
 */
export function rowActions(i, name, { edit = true, trash = true } = {}) {
  if (!edit && !trash) return html``;
  return html`<span class="record-section__actions">${edit ? html`<button type="button" class="button button--quiet" data-row-edit="${i}" aria-label="Edit ${name}">Edit</button>` : ''}${trash ? html`<button type="button" class="button button--quiet" data-row-trash="${i}" aria-label="Move ${name} to trash">Move to trash</button>` : ''}</span>`;
}

/**
 * Wires the buttons `rowActions` drew in `list`: Edit calls `edit(row)`; Move to trash moves the
 * row through `api.moveToTrash(kind, id(row))`, says "<what> moved to the trash. You can restore
 * it from Trash." (as the journal does) and calls `done()`, or announces the error.
 * @template T
 * @param {Element} list @param {T[]} rows
 * @param {{edit?: (row: T) => void, trash?: {kind: string, id: (row: T) => string, what: string, done: () => unknown}}} how
 */
export function wireRowActions(list, rows, how) {
  for (const b of list.querySelectorAll('[data-row-edit]')) {
    b.addEventListener('click', () => how.edit?.(rows[Number(b.getAttribute('data-row-edit'))]));
  }
  for (const b of list.querySelectorAll('[data-row-trash]')) {
    b.addEventListener('click', async () => {
      const t = how.trash;
      if (!t) return;
      try {
        await api.moveToTrash(t.kind, t.id(rows[Number(b.getAttribute('data-row-trash'))]));
        announce(list, `${t.what} moved to the trash. You can restore it from Trash.`);
        await t.done();
      } catch (e) {
        announce(list, api.toApiError(e).message, 'error');
      }
    });
  }
}

export class RecordSection extends HTMLElement {
  constructor() {
    super();
    /** @type {SectionConfig<unknown>|null} */
    this.config = null;
    /** The row being edited, or null when the form adds a new one. @type {unknown} */
    this.editing = null;
    /** Whether the `current` row was already scrolled to (once, not after every save). */
    this.shownCurrent = false;
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
            <div class="actions"><button class="button" type="submit" data-submit>${c.addLabel}</button>
              <button class="button button--quiet" type="button" data-cancel hidden>Cancel</button></div>
          </form>
        </details>
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-form]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.add(form); });
    this.querySelector('[data-cancel]')?.addEventListener('click', () => this.stopEditing(form));
    this.load();
  }

  async load() {
    const c = this.config;
    const list = /** @type {HTMLElement|null} */ (this.querySelector('[data-items]'));
    if (!c || !list) return;
    try {
      const rows = await c.load();
      const name = (/** @type {unknown} */ r) => (c.name ? c.name(r) : c.trash?.what ?? '');
      render(list, rows.length
        ? html`${rows.map((r, i) => html`<li class="record-list__item record-section__item" ${c.current?.(r) ? html`aria-current="true" tabindex="-1"` : ''}>${c.item(r)}${rowActions(i, name(r), { edit: !!c.edit, trash: !!c.trash })}</li>`)}`
        : html`<li class="muted">${c.empty ?? 'Nothing recorded yet.'}</li>`);
      const current = /** @type {HTMLElement|null} */ (list.querySelector('[aria-current="true"]'));
      if (current && !this.shownCurrent) {
        this.shownCurrent = true;
        current.scrollIntoView({ block: 'center' });
        current.focus();
      }
      wireRowActions(list, rows, {
        edit: (r) => this.startEditing(r),
        trash: c.trash ? { ...c.trash, done: () => this.afterTrash() } : undefined,
      });
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
      const values = readValues(c.fields, (n) => String(d.get(n) ?? ''));
      if (this.editing !== null && c.edit) await c.edit.save(this.editing, values);
      else await c.save(values);
      if (error) error.textContent = '';
      const edited = this.editing !== null;
      this.stopEditing(form);
      announce(this, edited ? 'Changes saved.' : 'Saved.');
      await this.load();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /**
   * Fills the form with a row's values and turns it into "Save changes" (with Cancel).
   * @param {unknown} row
   */
  startEditing(row) {
    const c = this.config;
    const form = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-form]'));
    if (!c?.edit || !form) return;
    this.editing = row;
    const values = c.edit.values(row);
    for (const f of c.fields) {
      const el = /** @type {HTMLInputElement|HTMLTextAreaElement|HTMLSelectElement|null} */ (form.querySelector(`[name="${f.name}"]`));
      if (el) el.value = values[f.name] ?? '';
    }
    const error = this.querySelector('[data-error]');
    if (error) error.textContent = '';
    const submit = this.querySelector('[data-submit]');
    if (submit) submit.textContent = 'Save changes';
    const summary = this.querySelector('.record-section__add summary');
    if (summary) summary.textContent = `Edit ${c.name ? c.name(row) : c.trash?.what ?? ''}`.trim();
    /** @type {HTMLElement|null} */ (this.querySelector('[data-cancel]'))?.removeAttribute('hidden');
    /** @type {HTMLDetailsElement|null} */ (this.querySelector('details'))?.setAttribute('open', '');
    /** @type {HTMLElement|null} */ (form.querySelector('input, textarea, select'))?.focus();
  }

  /**
   * Back to adding: the form emptied to its defaults, its labels back.
   * @param {HTMLFormElement} form
   */
  stopEditing(form) {
    const c = this.config;
    this.editing = null;
    form.reset();
    const submit = this.querySelector('[data-submit]');
    if (submit && c) submit.textContent = c.addLabel;
    const summary = this.querySelector('.record-section__add summary');
    if (summary && c) summary.textContent = c.addLabel;
    /** @type {HTMLElement|null} */ (this.querySelector('[data-cancel]'))?.setAttribute('hidden', '');
  }

  /** After a row went to the trash: stop editing it (the form is for a new one again), reload. */
  async afterTrash() {
    const form = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-form]'));
    if (form && this.editing !== null) this.stopEditing(form);
    await this.config?.trash?.after?.();
    await this.load();
  }
}

export function registerRecordSection() {
  if (!customElements.get('wk-record-section')) customElements.define('wk-record-section', RecordSection);
}

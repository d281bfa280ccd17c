/**
 * <wk-activation-screen>: the behavioural-activation log: plan or record an activity, and rate
 * how much mastery (achievement) and pleasure it gave, 0–10.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, formatTime, localTimestamp } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { rowActions, wireRowActions } from '../../components/record-section/record-section.js';

const STATUSES = { done: 'Done', planned: 'Planned', skipped: 'Skipped' };

export class ActivationScreen extends HTMLElement {
  constructor() {
    super();
    /** The activity being edited, or null when the form logs a new one. @type {import('../../api.js').ActivationEntry|null} */
    this.editing = null;
  }

  connectedCallback() {
    render(this, html`
      <section class="screen" aria-labelledby="ba-title">
        <h1 id="ba-title">Activity log</h1>
        <p class="screen__lead">Doing small things that matter to you lifts mood over time. Log what you did, or plan what you will do, and notice which activities help.</p>
        <form class="card activation-form" data-add novalidate>
          <div class="field"><label for="ba-activity">Activity</label><input id="ba-activity" name="activity" type="text" autocomplete="off"></div>
          <div class="field"><label for="ba-status">Status</label>
            <select id="ba-status" name="status">${Object.entries(STATUSES).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
          <div class="field"><label for="ba-mastery">Mastery (0–10)</label><input id="ba-mastery" name="mastery" type="number" min="0" max="10"></div>
          <div class="field"><label for="ba-pleasure">Pleasure (0–10)</label><input id="ba-pleasure" name="pleasure" type="number" min="0" max="10"></div>
          <p class="field__error" role="alert" data-error></p>
          <div class="actions"><button class="button" type="submit" data-submit>Log activity</button>
            <button class="button button--quiet" type="button" data-cancel hidden>Cancel</button></div>
        </form>
        <section aria-labelledby="ba-recent-title"><h2 id="ba-recent-title">Recent activities</h2><ul class="record-list" data-recent></ul></section>
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-add]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.add(form); });
    this.querySelector('[data-cancel]')?.addEventListener('click', () => this.stopEditing(form));
    this.load();
  }

  async load() {
    const list = /** @type {HTMLElement} */ (this.querySelector('[data-recent]'));
    try {
      const page = await api.listActivations({ limit: 20 });
      render(list, page.items.length
        ? html`${page.items.map((a, i) => html`<li class="record-list__item"><strong>${a.activity}</strong>
            <span class="muted">${formatDay(a.day)} ${formatTime(a.at)} · ${STATUSES[/** @type {keyof typeof STATUSES} */ (a.status)] ?? a.status}${a.mastery !== null ? ` · mastery ${a.mastery}` : ''}${a.pleasure !== null ? ` · pleasure ${a.pleasure}` : ''}</span>${rowActions(i, a.activity)}</li>`)}`
        : html`<li class="muted">Your activities will appear here.</li>`);
      const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-add]'));
      wireRowActions(list, page.items, {
        edit: (a) => this.startEditing(form, a),
        trash: { kind: 'activation', id: (a) => a.id, what: 'Activity', done: () => { if (this.editing) this.stopEditing(form); return this.load(); } },
      });
    } catch (e) {
      render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
    }
  }

  /** @param {HTMLFormElement} form */
  async add(form) {
    const d = new FormData(form);
    const num = (/** @type {string} */ k) => (d.get(k) === '' || d.get(k) === null ? null : Number(d.get(k)));
    const error = this.querySelector('[data-error]');
    try {
      const fields = { activity: String(d.get('activity') ?? ''), status: /** @type {import('../../api.js').ActivationStatus} */ (String(d.get('status') ?? 'done')), mastery: num('mastery'), pleasure: num('pleasure') };
      const editing = this.editing;
      // Stored in UTC; sent back with this computer's offset, so its day stays the local one.
      if (editing) await api.updateActivation(editing.id, { ...fields, at: localTimestamp(new Date(editing.at)), note: editing.note });
      else await api.addActivation({ ...fields, at: localTimestamp(), note: '' });
      if (error) error.textContent = '';
      this.stopEditing(form);
      announce(this, editing ? 'Changes saved.' : 'Activity logged.');
      this.load();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /**
   * The form filled in with an activity to correct, its button "Save changes".
   * @param {HTMLFormElement} form @param {import('../../api.js').ActivationEntry} a
   */
  startEditing(form, a) {
    this.editing = a;
    const set = (/** @type {string} */ name, /** @type {string} */ value) => {
      const el = /** @type {HTMLInputElement|HTMLSelectElement|null} */ (form.querySelector(`[name="${name}"]`));
      if (el) el.value = value;
    };
    set('activity', a.activity);
    set('status', a.status);
    set('mastery', a.mastery === null ? '' : String(a.mastery));
    set('pleasure', a.pleasure === null ? '' : String(a.pleasure));
    const submit = form.querySelector('[data-submit]');
    if (submit) submit.textContent = 'Save changes';
    form.querySelector('[data-cancel]')?.removeAttribute('hidden');
    /** @type {HTMLElement|null} */ (form.querySelector('[name="activity"]'))?.focus();
  }

  /**
   * Back to logging a new activity.
   * @param {HTMLFormElement} form
   */
  stopEditing(form) {
    this.editing = null;
    form.reset();
    const submit = form.querySelector('[data-submit]');
    if (submit) submit.textContent = 'Log activity';
    form.querySelector('[data-cancel]')?.setAttribute('hidden', '');
  }
}

export const activationScreen = {
  id: 'activation', title: 'Activity log', section: /** @type {const} */ ('journal'), order: 4, purpose: /** @type {const} */ ('journal'),
  tag: 'wk-activation-screen', element: ActivationScreen,
};

/**
 * <wk-thought-record-screen>: a CBT thought record, step by step: the situation, the moods and
 * how strong (0–100), the automatic thoughts with the "hot" one marked, evidence for and
 * against it, a balanced thought, and the moods re-rated. Recent records below.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { rowActions, wireRowActions } from '../../components/record-section/record-section.js';

const MOOD_ROWS = 2;
const THOUGHT_ROWS = 3;

export class ThoughtRecordScreen extends HTMLElement {
  constructor() {
    super();
    /** The record being edited, or null when the form writes a new one. @type {import('../../api.js').ThoughtRecord|null} */
    this.editing = null;
  }

  connectedCallback() {
    const rows = (/** @type {number} */ n) => Array.from({ length: n }, (_, i) => i);
    render(this, html`
      <section class="screen" aria-labelledby="tr-title">
        <h1 id="tr-title">Thought record</h1>
        <p class="screen__lead">When a feeling hits hard, slow it down: what happened, what went through your mind, and what else might be true.</p>
        <form class="card thought-record" data-record novalidate>
          <div class="field"><label for="tr-situation">1. Situation: where were you, what happened?</label>
            <textarea id="tr-situation" name="situation" rows="3"></textarea></div>
          <fieldset><legend>2. Moods and how strong (0–100)</legend>
            ${rows(MOOD_ROWS).map((i) => html`<div class="tr-row">
              <label for="tr-mood-${i}">Mood ${i + 1}</label><input id="tr-mood-${i}" name="mood-${i}" type="text" autocomplete="off">
              <label for="tr-int-${i}">Strength</label><input id="tr-int-${i}" name="intensity-${i}" type="number" min="0" max="100"></div>`)}
          </fieldset>
          <fieldset><legend>3. Automatic thoughts (mark the hot thought)</legend>
            ${rows(THOUGHT_ROWS).map((i) => html`<div class="tr-row">
              <label for="tr-thought-${i}">Thought ${i + 1}</label><input id="tr-thought-${i}" name="thought-${i}" type="text" autocomplete="off">
              <label class="choice"><input type="radio" name="hot" value="${i}" ${i === 0 ? html`checked` : ''}> Hot thought</label></div>`)}
          </fieldset>
          <div class="field"><label for="tr-for">4. Evidence that supports the hot thought</label><textarea id="tr-for" name="evidence_for" rows="3"></textarea></div>
          <div class="field"><label for="tr-against">5. Evidence that does not support it</label><textarea id="tr-against" name="evidence_against" rows="3"></textarea></div>
          <div class="field"><label for="tr-balanced">6. A balanced thought</label><textarea id="tr-balanced" name="balanced_thought" rows="2"></textarea></div>
          <fieldset><legend>7. Re-rate your moods now (0–100)</legend>
            ${rows(MOOD_ROWS).map((i) => html`<div class="field"><label for="tr-rerate-${i}">Mood ${i + 1} now</label>
              <input id="tr-rerate-${i}" name="rerated-${i}" type="number" min="0" max="100"></div>`)}
          </fieldset>
          <p class="field__error" role="alert" data-error></p>
          <div class="actions"><button class="button" type="submit" data-submit>Save thought record</button>
            <button class="button button--quiet" type="button" data-cancel hidden>Cancel</button></div>
        </form>
        <section aria-labelledby="tr-recent-title"><h2 id="tr-recent-title">Recent records</h2><ul class="record-list" data-recent></ul></section>
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-record]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.save(form); });
    this.querySelector('[data-recent]')?.addEventListener('wk-conflict-chosen', async (e) => {
      const id = /** @type {HTMLElement} */ (e.target).getAttribute('record-id');
      const items = await this.load();
      // A version taken is the record now: the form, still filled from the one before (and
      // with its version as base), would write that back over it. So it is filled again with
      // the record as it is; a version let go changed nothing, and what is typed stays.
      const chosen = items.find((r) => r.id === id);
      if (/** @type {CustomEvent<{use: boolean}>} */ (e).detail.use && this.editing?.id === id && chosen) this.startEditing(form, chosen);
    });
    this.querySelector('[data-cancel]')?.addEventListener('click', () => this.stopEditing(form));
    this.load();
  }

  /** Draws "Recent records"; returns them (none if they could not be read). */
  async load() {
    const list = /** @type {HTMLElement} */ (this.querySelector('[data-recent]'));
    try {
      const [page, conflicted] = await Promise.all([api.listThoughtRecords({ limit: 10 }), api.listConflictedRecords()]);
      // A record worked on on two computers at once keeps the other worksheet under it until
      // the person chooses (docs/decisions.md 70).
      const aside = new Set(conflicted.filter((c) => c.kind === 'thought_record').map((c) => c.record_id));
      render(list, page.items.length
        ? html`${page.items.map((r, i) => html`<li class="record-list__item"><strong>${formatDay(r.record_date)}</strong>
            <span>${r.situation}</span>${r.balanced_thought ? html`<span class="muted">Balanced: ${r.balanced_thought}</span>` : ''}${rowActions(i, `thought record of ${formatDay(r.record_date)}`)}${aside.has(r.id)
              ? html`<wk-text-conflicts kind="thought_record" record-id="${r.id}" nested></wk-text-conflicts>` : ''}</li>`)}`
        : html`<li class="muted">Your thought records will appear here.</li>`);
      const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-record]'));
      wireRowActions(list, page.items, {
        edit: (r) => this.startEditing(form, r),
        trash: { kind: 'thought_record', id: (r) => r.id, what: 'Thought record', done: () => { if (this.editing) this.stopEditing(form); return this.load(); } },
      });
      return page.items;
    } catch (e) {
      render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
      return [];
    }
  }

  /** @param {HTMLFormElement} form */
  async save(form) {
    const d = new FormData(form);
    const num = (/** @type {string} */ k) => (d.get(k) === '' || d.get(k) === null ? null : Number(d.get(k)));
    const moods = [];
    for (let i = 0; i < MOOD_ROWS; i += 1) {
      const name = String(d.get(`mood-${i}`) ?? '').trim();
      if (name) moods.push({ name, intensity: num(`intensity-${i}`) ?? 50, rerated: num(`rerated-${i}`) });
    }
    const hot = Number(d.get('hot') ?? 0);
    const thoughts = [];
    for (let i = 0; i < THOUGHT_ROWS; i += 1) {
      const text = String(d.get(`thought-${i}`) ?? '').trim();
      // A thought kept as it was keeps its belief rating (the form does not show it).
      const before = this.editing?.automatic_thoughts[i];
      if (text) thoughts.push({ text, belief: before && before.text === text ? before.belief : null, hot: i === hot });
    }
    // If the marked row was left empty, the first thought written is the hot one.
    if (thoughts.length && !thoughts.some((t) => t.hot)) thoughts[0].hot = true;
    const error = this.querySelector('[data-error]');
    try {
      const editing = this.editing;
      const record = {
        record_date: editing ? editing.record_date : today(),
        situation: String(d.get('situation') ?? ''),
        moods,
        automatic_thoughts: thoughts,
        evidence_for: String(d.get('evidence_for') ?? ''),
        evidence_against: String(d.get('evidence_against') ?? ''),
        balanced_thought: String(d.get('balanced_thought') ?? ''),
        balanced_belief: editing ? editing.balanced_belief : null,
      };
      if (editing) await api.updateThoughtRecord(editing.id, record, editing.text_version ?? '');
      else await api.addThoughtRecord(record);
      if (error) error.textContent = '';
      this.stopEditing(form);
      announce(this, editing ? 'Changes saved.' : 'Thought record saved.');
      this.load();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /**
   * The form filled in with a record to correct, its button "Save changes".
   * @param {HTMLFormElement} form @param {import('../../api.js').ThoughtRecord} r
   */
  startEditing(form, r) {
    this.editing = r;
    form.reset();
    const set = (/** @type {string} */ name, /** @type {string} */ value) => {
      const el = /** @type {HTMLInputElement|HTMLTextAreaElement|null} */ (form.querySelector(`[name="${name}"]`));
      if (el) el.value = value;
    };
    set('situation', r.situation);
    r.moods.slice(0, MOOD_ROWS).forEach((m, i) => {
      set(`mood-${i}`, m.name);
      set(`intensity-${i}`, String(m.intensity));
      set(`rerated-${i}`, m.rerated === null ? '' : String(m.rerated));
    });
    r.automatic_thoughts.slice(0, THOUGHT_ROWS).forEach((t, i) => {
      set(`thought-${i}`, t.text);
      const radio = /** @type {HTMLInputElement|null} */ (form.querySelector(`[name="hot"][value="${i}"]`));
      if (radio && t.hot) radio.checked = true;
    });
    set('evidence_for', r.evidence_for);
    set('evidence_against', r.evidence_against);
    set('balanced_thought', r.balanced_thought);
    const submit = form.querySelector('[data-submit]');
    if (submit) submit.textContent = 'Save changes';
    form.querySelector('[data-cancel]')?.removeAttribute('hidden');
    /** @type {HTMLElement|null} */ (form.querySelector('[name="situation"]'))?.focus();
  }

  /**
   * Back to writing a new record.
   * @param {HTMLFormElement} form
   */
  stopEditing(form) {
    this.editing = null;
    form.reset();
    const submit = form.querySelector('[data-submit]');
    if (submit) submit.textContent = 'Save thought record';
    form.querySelector('[data-cancel]')?.setAttribute('hidden', '');
  }
}

export const thoughtRecordScreen = {
  id: 'thought-record', title: 'Thought record', section: /** @type {const} */ ('journal'), order: 3, purpose: /** @type {const} */ ('journal'),
  tag: 'wk-thought-record-screen', element: ThoughtRecordScreen,
};

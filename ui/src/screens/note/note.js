/**
 * <wk-note-screen>: writes one session note. Every keystroke is autosaved (within about a third
 * of a second, durably, before "Saved" shows), so closing or killing the app loses nothing saved.
 * Finalising makes the note read-only; later changes are dated addenda. The client's goals can be
 * ticked as the ones the session worked on (saved with the note, shown on each goal). "Show
 * history" lists the note's revisions, each with its word differences from the one before
 * ("[removed: …]" and "[added: …]", in <del> and <ins>, so it reads the same aloud).
 *
 * Params: { id?: string, clientId: string, clientName?: string, private?: boolean }. Without `id`
 * a new note starts (it is created on the first change); with `private` it is a private note,
 * kept apart from the record for good, and the screen says so under its heading.
 */
import * as api from '../../api.js';
import { createAutosave } from '../../lib/autosave.js';
import { announce, navigate } from '../../lib/events.js';
import { formatDay, formatTime, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { diffWords } from '../../lib/diff.js';

const MODES = { in_person: 'In person', video: 'Video', phone: 'Phone' };
const STATUS_TEXT = { pending: 'Typing…', saving: 'Saving…', saved: 'Saved', error: 'Not saved' };
const REVISION_KINDS = { autosave: 'autosaved', save: 'saved', finalise: 'finalised' };

/** @type {Promise<import('../../api.js').TemplateInfo[]>|null} */
let templatesOnce = null;

export class NoteScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{id?: string, clientId?: string, clientName?: string, private?: boolean}} */
    this.params = {};
    /** @type {string|null} */
    this.noteId = null;
    /** @type {import('../../api.js').SessionNote|null} */
    this.note = null;
    /** @type {import('../../api.js').Goal[]} */
    this.goals = [];
    this.saver = createAutosave((draft) => this.persist(draft), {
      delayMs: 300,
      onStatus: (status, error) => this.showStatus(status, error),
    });
  }

  async connectedCallback() {
    render(this, html`<section class="screen"><h1>Session note</h1><p class="muted">Loading…</p></section>`);
    try {
      templatesOnce ??= api.noteTemplates();
      this.templates = await templatesOnce;
      this.noteId = this.params.id ?? null;
      this.note = this.noteId ? await api.getNote(this.noteId) : null;
      const clientId = this.note?.client_id ?? this.params.clientId;
      this.goals = clientId ? await api.listGoals({ client_id: clientId }) : [];
      this.draw();
    } catch (e) {
      render(this, html`<section class="screen"><h1>Session note</h1><p class="notice notice--error">${api.toApiError(e).message}</p></section>`);
    }
  }

  disconnectedCallback() {
    // Leaving the screen (not locking: a lock drops the vault first) saves what is pending.
    this.saver.flush().catch(() => {});
  }

  draw() {
    const note = this.note;
    const template = note?.template ?? 'soap';
    const def = this.templates?.find((t) => t.template === template) ?? this.templates?.[0];
    const texts = new Map((note?.sections ?? []).map((s) => [s.key, s.text]));
    const finalised = Boolean(note?.finalised_at);
    const who = this.params.clientName ?? 'client';
    const isPrivate = note ? note.private : Boolean(this.params.private);
    render(this, html`
      <section class="screen note ${isPrivate ? 'note--private' : ''}" aria-labelledby="note-title">
        <p><button type="button" class="button button--link" data-back>← Back to ${who}</button></p>
        <h1 id="note-title">${isPrivate ? 'Private note' : 'Session note'} · ${who}</h1>
        ${isPrivate ? html`<p class="note__private" data-private-badge><strong>Private note — not part of the record</strong>
          <span>Kept apart from the clinical record: left out of exports and shares unless you choose it one by one.</span></p>` : ''}
        <div data-text-conflicts-slot></div>
        ${finalised
          ? html`<p class="notice">Finalised ${formatDay(note?.finalised_at ?? '')}. The note is read-only; add an addendum to correct or add to it.</p>`
          : html`<p class="note__status" role="status" aria-live="polite" data-save-status>${note ? 'Saved' : 'Not started'}</p>`}
        <form class="note__form" data-note-form novalidate>
          <div class="note__meta">
            <div class="field"><label for="note-date">Session date</label>
              <input id="note-date" name="session_date" type="date" max="${today()}" value="${note?.session_date ?? today()}" ${finalised ? html`disabled` : ''}></div>
            <div class="field"><label for="note-duration">Minutes</label>
              <input id="note-duration" name="duration_minutes" type="number" min="1" max="600" value="${note?.duration_minutes ?? 50}" ${finalised ? html`disabled` : ''}></div>
            <div class="field"><label for="note-mode">Mode</label>
              <select id="note-mode" name="mode" ${finalised ? html`disabled` : ''}>
                ${Object.entries(MODES).map(([k, v]) => html`<option value="${k}" ${(note?.mode ?? 'in_person') === k ? html`selected` : ''}>${v}</option>`)}
              </select></div>
            <div class="field"><label for="note-template">Template</label>
              <select id="note-template" name="template" ${finalised ? html`disabled` : ''}>
                ${(this.templates ?? []).map((t) => html`<option value="${t.template}" ${t.template === template ? html`selected` : ''}>${t.title}</option>`)}
              </select></div>
          </div>
          ${(def?.sections ?? []).map((s) => html`
            <div class="field">
              <label for="section-${s.key}">${s.title}</label>
              <span class="field__hint" id="hint-${s.key}">${s.prompt}</span>
              ${finalised
                ? html`<div class="note__text" id="section-${s.key}" aria-describedby="hint-${s.key}">${texts.get(s.key) || html`<span class="muted">(empty)</span>`}</div>`
                : html`<textarea id="section-${s.key}" name="section:${s.key}" aria-describedby="hint-${s.key}" data-section="${s.key}">${texts.get(s.key) ?? ''}</textarea>`}
            </div>`)}
          ${finalised ? '' : html`<fieldset class="note__goals" data-goal-choices>
            <legend>Goals this session worked on</legend>
            ${this.goals.length === 0 ? html`<p class="muted">This client has no goals yet.</p>` : ''}
            ${this.goals.map((g) => html`<label class="note__goal"><input type="checkbox" name="goal" value="${g.id}" ${(note?.goal_ids ?? []).includes(g.id) ? html`checked` : ''}> ${g.title}</label>`)}
          </fieldset>`}
        </form>
        <section aria-labelledby="note-goals-title">
          <h2 id="note-goals-title">Goals worked on</h2>
          <ul data-note-goals></ul>
        </section>
        ${note ? html`<section aria-labelledby="note-attachments-title" data-attachments-section>
          <h2 id="note-attachments-title">Attachments</h2>
          <div data-note-attachments></div>
        </section>` : ''}
        <section aria-labelledby="history-title" class="note__history">
          <h2 id="history-title">History</h2>
          <button type="button" class="button button--quiet" data-show-history ${note ? '' : html`disabled`}>Show history</button>
          <ol class="revisions" data-history></ol>
        </section>
        ${finalised ? html`
          <section aria-labelledby="addenda-title">
            <h2 id="addenda-title">Addenda</h2>
            <ul class="addenda">${(note?.addenda ?? []).map((a) => html`<li><span class="muted">${formatDay(a.added_at)} ${formatTime(a.added_at)}</span> ${a.text}</li>`)}</ul>
            <form data-addendum novalidate>
              <div class="field"><label for="addendum">Add an addendum</label><textarea id="addendum" name="text"></textarea></div>
              <div class="actions"><button class="button" type="submit">Add addendum</button></div>
            </form>
          </section>`
          : html`<div class="actions">
              <button type="button" class="button" data-finalise ${note ? '' : html`disabled`}>Finalise note</button>
              <span class="muted">After finalising, the note can no longer be edited.</span>
            </div>`}
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-note-form]'));
    if (!finalised) {
      form.addEventListener('input', () => this.saver.change(this.readDraft(form)));
      // A ticked goal: WebKit sends 'input' for checkboxes too, but 'change' is the one every
      // engine sends; the autosave takes the latest draft either way.
      form.addEventListener('change', (e) => {
        if (/** @type {HTMLInputElement} */ (e.target).type === 'checkbox') this.saver.change(this.readDraft(form));
      });
      form.querySelector('#note-template')?.addEventListener('change', () => {
        this.saver.change(this.readDraft(form));
        this.saver.flush().then(() => this.draw());
      });
    }
    this.showGoals();
    if (note) {
      const conflicts = document.createElement('wk-text-conflicts');
      conflicts.record = { kind: 'session_note', id: note.id, finalised };
      conflicts.addEventListener('wk-conflict-chosen', () => this.reloadNote());
      this.querySelector('[data-text-conflicts-slot]')?.append(conflicts);
    }
    if (note) {
      // Attached to the note whether or not it is finalised: a worksheet belongs with its session.
      const files = document.createElement('wk-attachment-list');
      files.owner = { kind: 'session_note', id: note.id };
      this.querySelector('[data-note-attachments]')?.append(files);
    }
    this.querySelector('[data-show-history]')?.addEventListener('click', () => this.showHistory());
    this.querySelector('[data-back]')?.addEventListener('click', () => navigate(this, 'client', { id: this.params.clientId }));
    this.querySelector('[data-finalise]')?.addEventListener('click', () => this.finalise());
    this.querySelector('[data-addendum]')?.addEventListener('submit', (e) => {
      e.preventDefault();
      this.addAddendum(/** @type {HTMLFormElement} */ (e.target));
    });
  }

  /** After a choice between versions: the note as it is now (what was typed is saved first). */
  async reloadNote() {
    try {
      await this.saver.flush();
      if (this.noteId) this.note = await api.getNote(this.noteId);
      this.draw();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /**
   * @param {HTMLFormElement} form
   * @returns {import('../../api.js').NoteDraft}
   */
  readDraft(form) {
    const d = new FormData(form);
    /** @type {{key: string, text: string}[]} */
    const sections = [];
    for (const [name, value] of d.entries()) {
      if (name.startsWith('section:')) sections.push({ key: name.slice(8), text: String(value) });
    }
    // Keep texts of sections the current template does not show (after a template switch).
    for (const s of this.note?.sections ?? []) {
      if (!sections.some((x) => x.key === s.key) && s.text) sections.push(s);
    }
    return {
      session_date: String(d.get('session_date') || today()),
      duration_minutes: Number(d.get('duration_minutes') || 50),
      mode: /** @type {import('../../api.js').SessionMode} */ (String(d.get('mode') || 'in_person')),
      template: /** @type {import('../../api.js').NoteTemplate} */ (String(d.get('template') || 'soap')),
      sections,
      goal_ids: d.getAll('goal').map(String),
    };
  }

  /** @param {import('../../api.js').NoteDraft} draft */
  async persist(draft) {
    if (this.noteId) {
      // The version this editor last loaded or saved: a version saved meanwhile on another
      // computer is kept aside (and shown above the note) rather than written over.
      this.note = await api.saveNoteDraft(this.noteId, draft, this.note?.text_version ?? null);
    } else {
      const add = this.params.private ? api.addPrivateNote : api.addNote;
      this.note = await add({ client_id: this.params.clientId ?? '', ...draft });
      this.noteId = this.note.id;
      this.querySelector('[data-finalise]')?.removeAttribute('disabled');
      this.querySelector('[data-show-history]')?.removeAttribute('disabled');
    }
    this.showGoals();
  }

  /** The goals the note is linked to, as saved. */
  showGoals() {
    const list = this.querySelector('[data-note-goals]');
    if (!list) return;
    const ids = this.note?.goal_ids ?? [];
    const linked = this.goals.filter((g) => ids.includes(g.id));
    render(/** @type {HTMLElement} */ (list), linked.length
      ? html`${linked.map((g) => html`<li>${g.title}</li>`)}`
      : html`<li class="muted">Not linked to a goal.</li>`);
  }

  /** Lists the note's revisions, oldest first, each with what changed since the one before. */
  async showHistory() {
    const box = /** @type {HTMLElement|null} */ (this.querySelector('[data-history]'));
    if (!box || !this.noteId) return;
    try {
      await this.saver.flush();
      const revisions = await api.listNoteRevisions(this.noteId);
      /** @type {Map<string, string>} */
      const titles = new Map((this.templates ?? []).flatMap((t) => t.sections.map((s) => [s.key, s.title])));
      const goalTitle = (/** @type {string} */ id) => this.goals.find((g) => g.id === id)?.title ?? 'A goal in the trash';
      render(box, html`${revisions.map((r, i) => {
        const before = i > 0 ? revisions[i - 1] : null;
        const old = new Map((before?.sections ?? []).map((s) => [s.key, s.text]));
        const now = new Map(r.sections.map((s) => [s.key, s.text]));
        const keys = [...new Set([...now.keys(), ...old.keys()])].filter((k) => (old.get(k) ?? '') !== (now.get(k) ?? ''));
        const added = r.goal_ids.filter((g) => !(before?.goal_ids ?? []).includes(g));
        const removed = (before?.goal_ids ?? []).filter((g) => !r.goal_ids.includes(g));
        return html`<li class="revision" data-revision>
          <h3 class="revision__title">Revision ${i + 1}, ${REVISION_KINDS[r.kind]} ${formatDay(r.saved_at)} ${formatTime(r.saved_at)}</h3>
          ${keys.map((k) => html`<div class="revision__section" data-revision-section>
            <h4>${titles.get(k) ?? k}</h4>
            <p class="diff" data-diff>${diffWords(old.get(k) ?? '', now.get(k) ?? '').map((p) => (p.op === 'same'
              ? p.text
              : p.op === 'ins'
                ? html`<ins class="diff__ins">[added: ${p.text}]</ins>`
                : html`<del class="diff__del">[removed: ${p.text}]</del>`))}</p>
          </div>`)}
          ${added.length || removed.length ? html`<p data-revision-goals>Goals: ${[...added.map((g) => `added ${goalTitle(g)}`), ...removed.map((g) => `removed ${goalTitle(g)}`)].join(', ')}</p>` : ''}
          ${keys.length || added.length || removed.length ? '' : html`<p class="muted">No change to the text.</p>`}
        </li>`;
      })}`);
      /** @type {HTMLElement|null} */ (this.querySelector('#history-title'))?.setAttribute('tabindex', '-1');
      /** @type {HTMLElement|null} */ (this.querySelector('#history-title'))?.focus();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {'pending'|'saving'|'saved'|'error'} status @param {unknown} [error] */
  showStatus(status, error) {
    const el = this.querySelector('[data-save-status]');
    if (!el) return;
    el.textContent = status === 'error' ? `Not saved: ${api.toApiError(error).message}` : STATUS_TEXT[status];
    el.setAttribute('data-state', status);
  }

  async finalise() {
    await this.saver.flush();
    if (!this.noteId) return;
    try {
      this.note = await api.finaliseNote(this.noteId);
      announce(this, 'Note finalised. It is now read-only.');
      this.draw();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {HTMLFormElement} form */
  async addAddendum(form) {
    const text = String(new FormData(form).get('text') ?? '');
    try {
      await api.addAddendum(this.noteId ?? '', text);
      this.note = await api.getNote(this.noteId ?? '');
      announce(this, 'Addendum added.');
      this.draw();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }
}

export const noteScreen = {
  id: 'note', title: 'Session note', section: /** @type {const} */ ('practice'), order: 2, purpose: /** @type {const} */ ('mentor'), nav: false,
  tag: 'wk-note-screen', element: NoteScreen,
};

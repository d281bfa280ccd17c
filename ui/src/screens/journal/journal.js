/**
 * <wk-journal-screen>: the personal journal: today's prompt, an entry editor that autosaves as
 * you type (title, text, mood 1–10, tags) and moves an open entry to the trash, a quick mood
 * check-in, the mood chart for the last 30 days, recent check-ins to correct or move to the
 * trash, and recent entries to reopen and correct.
 */
import * as api from '../../api.js';
import { createAutosave } from '../../lib/autosave.js';
import { announce } from '../../lib/events.js';
import { daysAgo, formatDay, formatTime, localTimestamp, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { rowActions, wireRowActions } from '../../components/record-section/record-section.js';

const STATUS_TEXT = { pending: 'Typing…', saving: 'Saving…', saved: 'Saved', error: 'Not saved' };

export class JournalScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {import('../../api.js').JournalEntry|null} */
    this.entry = null;
    /** @type {import('../../api.js').Prompt|null} */
    this.prompt = null;
    /** @type {{id?: string}} */
    this.params = {};
    /** The check-in being corrected, or null when the check-in form saves a new one. @type {import('../../api.js').MoodCheckIn|null} */
    this.editingCheckin = null;
    this.saver = createAutosave((content) => this.persist(content), {
      delayMs: 300,
      onStatus: (status, error) => {
        const el = this.querySelector('[data-save-status]');
        if (!el) return;
        el.textContent = status === 'error' ? `Not saved: ${api.toApiError(error).message}` : STATUS_TEXT[status];
        el.setAttribute('data-state', status);
      },
    });
  }

  async connectedCallback() {
    try {
      this.prompt = await api.promptOfTheDay();
      // Opened from search: show that entry.
      if (this.params?.id) this.entry = await api.getJournalEntry(String(this.params.id));
    } catch {
      this.prompt ??= null;
    }
    this.draw();
    this.loadSide();
  }

  disconnectedCallback() {
    this.saver.flush().catch(() => {});
  }

  draw() {
    const e = this.entry;
    render(this, html`
      <section class="screen journal" aria-labelledby="journal-title">
        <h1 id="journal-title">Journal</h1>
        <div class="journal__grid">
          <form class="card journal__editor" data-entry novalidate aria-labelledby="entry-title-label">
            <h2 id="entry-title-label">${e ? `Entry for ${formatDay(e.entry_date)}` : 'New entry'}</h2>
            <div data-text-conflicts-slot></div>
            ${this.promptText() ? html`<p class="journal__prompt" data-prompt><span class="muted">${e?.prompt ? 'Prompt:' : 'Today’s prompt:'}</span> <span data-prompt-text>${this.promptText()}</span>
              <label class="choice"><input type="checkbox" name="use_prompt" ${e?.prompt ? html`checked` : ''}> Answer this prompt</label></p>` : ''}
            <div class="field"><label for="entry-title">Title <span class="muted">(optional)</span></label>
              <input id="entry-title" name="title" type="text" autocomplete="off" value="${e?.title ?? ''}"></div>
            <div class="field"><label for="entry-body">What’s on your mind?</label>
              <textarea id="entry-body" name="body" rows="10">${e?.body ?? ''}</textarea></div>
            <div class="field"><label for="entry-mood">Mood today: <output for="entry-mood" data-mood-out>${e?.mood ?? 5}</output> of 10</label>
              <input id="entry-mood" name="mood" type="range" min="1" max="10" step="1" value="${e?.mood ?? 5}"></div>
            <div class="field"><label for="entry-tags">Tags <span class="muted">(comma-separated, optional)</span></label>
              <input id="entry-tags" name="tags" type="text" autocomplete="off" value="${(e?.tags ?? []).join(', ')}"></div>
            <div class="actions">
              <span class="note__status" role="status" aria-live="polite" data-save-status>${e ? 'Saved' : 'Starts saving as you type'}</span>
              <button type="button" class="button button--quiet" data-new>Start a new entry</button>
              ${e ? html`<button type="button" class="button button--quiet" data-trash-entry aria-describedby="entry-trash-hint">Move to trash</button>
                <span class="field__hint" id="entry-trash-hint">You can restore it from Trash.</span>` : ''}
            </div>
          </form>
          ${e ? html`<section class="card journal__attachments" aria-labelledby="entry-attachments-title" data-attachments-section>
            <h2 id="entry-attachments-title">Attachments</h2>
            <div data-entry-attachments></div>
          </section>` : ''}
          <aside class="journal__side">
            <form class="card" data-checkin novalidate aria-labelledby="checkin-title">
              <h2 id="checkin-title" data-checkin-title>Quick mood check-in</h2>
              <div class="field"><label for="checkin-mood">How are you feeling? <output for="checkin-mood" data-checkin-out>5</output> of 10</label>
                <input id="checkin-mood" name="mood" type="range" min="1" max="10" step="1" value="5"></div>
              <div class="field"><label for="checkin-emotions">Feelings <span class="muted">(comma-separated, optional)</span></label>
                <input id="checkin-emotions" name="emotions" type="text" autocomplete="off"></div>
              <div class="actions"><button class="button" type="submit" data-checkin-submit>Save check-in</button>
                <button class="button button--quiet" type="button" data-checkin-cancel hidden>Cancel</button></div>
            </form>
            <div class="card" data-chart></div>
            <section aria-labelledby="checkins-title"><h2 id="checkins-title">Recent check-ins</h2><ul class="record-list" data-checkins></ul></section>
            <section aria-labelledby="recent-title"><h2 id="recent-title">Recent entries</h2><ul class="record-list" data-recent></ul></section>
          </aside>
        </div>
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-entry]'));
    form.addEventListener('input', () => {
      const out = this.querySelector('[data-mood-out]');
      if (out) out.textContent = String(new FormData(form).get('mood'));
      this.saver.change(this.readEntry(form));
    });
    form.addEventListener('submit', (ev) => ev.preventDefault());
    this.querySelector('[data-new]')?.addEventListener('click', async () => {
      await this.saver.flush();
      this.entry = null;
      this.showing(undefined);
      this.draw();
      this.loadSide();
      /** @type {HTMLElement|null} */ (this.querySelector('#entry-body'))?.focus();
    });
    this.querySelector('[data-trash-entry]')?.addEventListener('click', () => this.moveToTrash());
    if (e) {
      const conflicts = document.createElement('wk-text-conflicts');
      conflicts.record = { kind: 'journal_entry', id: e.id };
      conflicts.addEventListener('wk-conflict-chosen', () => this.reopen(e.id));
      this.querySelector('[data-text-conflicts-slot]')?.append(conflicts);
      const files = document.createElement('wk-attachment-list');
      files.owner = { kind: 'journal_entry', id: e.id };
      this.querySelector('[data-entry-attachments]')?.append(files);
    }
    const checkin = /** @type {HTMLFormElement} */ (this.querySelector('[data-checkin]'));
    checkin.addEventListener('input', () => {
      const out = this.querySelector('[data-checkin-out]');
      if (out) out.textContent = String(new FormData(checkin).get('mood'));
    });
    checkin.addEventListener('submit', (ev) => { ev.preventDefault(); this.checkIn(checkin); });
    this.querySelector('[data-checkin-cancel]')?.addEventListener('click', () => this.stopEditingCheckin(checkin));
    this.querySelector('[data-recent]')?.addEventListener('click', async (ev) => {
      const b = /** @type {HTMLElement} */ (ev.target).closest('[data-entry-id]');
      if (!b) return;
      await this.saver.flush();
      await this.reopen(b.getAttribute('data-entry-id') ?? '');
    });
  }

  /**
   * Remembers the open entry in the screen's params, which the frame keeps: when changes from
   * another computer arrive, the screen is drawn again with the same entry open.
   * @param {string|undefined} id
   */
  showing(id) {
    if (this.params) this.params.id = id;
  }

  /**
   * Shows entry `id` as it is now (what was typed is saved first).
   * @param {string} id
   */
  async reopen(id) {
    try {
      await this.saver.flush();
      this.entry = await api.getJournalEntry(id);
      this.showing(id);
      this.draw();
      this.loadSide();
    } catch (err) {
      announce(this, api.toApiError(err).message, 'error');
    }
  }

  /**
   * The prompt the open entry answers (its own, stored with it), or today's for an entry that
   * answers none yet.
   * @returns {string|null}
   */
  promptText() {
    return this.entry?.prompt ?? this.prompt?.text ?? null;
  }

  /** @param {HTMLFormElement} form */
  readEntry(form) {
    const d = new FormData(form);
    return {
      entry_date: this.entry?.entry_date ?? today(),
      title: String(d.get('title') ?? ''),
      body: String(d.get('body') ?? ''),
      // The core stores the prompt's words, so the entry still reads right when the built-in
      // set changes; an entry keeps the prompt it answered rather than today's.
      prompt: d.get('use_prompt') ? this.promptText() : null,
      mood: Number(d.get('mood') ?? 5),
      tags: String(d.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    };
  }

  /** @param {import('../../api.js').JournalEntryUpdate} content */
  async persist(content) {
    // `base`: the version this editor last loaded or saved, so that a version saved meanwhile
    // on another computer is kept aside (and shown above the entry) rather than written over.
    this.entry = this.entry
      ? await api.updateJournalEntry(this.entry.id, { ...content, base: this.entry.text_version ?? '' })
      : await api.addJournalEntry(content);
    this.showing(this.entry.id);
  }

  /** Moves the open entry to the trash (after saving what was typed) and starts a new one. */
  async moveToTrash() {
    try {
      await this.saver.flush();
      if (!this.entry) return;
      await api.moveJournalEntryToTrash(this.entry.id);
      this.entry = null;
      this.showing(undefined);
      this.draw();
      this.loadSide();
      announce(this, 'Entry moved to the trash. You can restore it from Trash.');
      /** @type {HTMLElement|null} */ (this.querySelector('#entry-body'))?.focus();
    } catch (err) {
      announce(this, api.toApiError(err).message, 'error');
    }
  }

  async loadSide() {
    try {
      const [from, to] = [daysAgo(29), today()];
      const [page, series, checkins, conflicted] = await Promise.all([api.listJournalEntries({ limit: 10 }), api.moodSeries(from, to), api.listMoodCheckins({ limit: 10 }), api.listConflictedRecords()]);
      const twoVersions = new Set(conflicted.filter((c) => c.kind === 'journal_entry').map((c) => c.record_id));
      const list = this.querySelector('[data-checkins]');
      const checkinForm = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-checkin]'));
      if (list && checkinForm) {
        render(/** @type {HTMLElement} */ (list), checkins.items.length
          ? html`${checkins.items.map((c, i) => html`<li class="record-list__item"><strong>Mood ${c.mood}/10</strong>
              <span class="muted">${formatDay(c.day)} ${formatTime(c.checked_at)}${c.emotions.length ? ` · ${c.emotions.join(', ')}` : ''}</span>${rowActions(i, `check-in of ${formatDay(c.day)} ${formatTime(c.checked_at)}`)}</li>`)}`
          : html`<li class="muted">Your check-ins will appear here.</li>`);
        wireRowActions(list, checkins.items, {
          edit: (c) => this.startEditingCheckin(checkinForm, c),
          trash: { kind: 'mood_checkin', id: (c) => c.id, what: 'Mood check-in', done: () => { if (this.editingCheckin) this.stopEditingCheckin(checkinForm); return this.loadSide(); } },
        });
      }
      const recent = this.querySelector('[data-recent]');
      if (recent) {
        render(/** @type {HTMLElement} */ (recent), page.items.length
          ? html`${page.items.map((e) => html`<li><button type="button" class="record-list__item" data-entry-id="${e.id}">
              <strong>${e.title || formatDay(e.entry_date)}</strong>
              <span class="muted">${formatDay(e.entry_date)}${e.mood ? ` · mood ${e.mood}/10` : ''}</span>${twoVersions.has(e.id) ? html` <span class="badge badge--warning" data-conflict-badge>Changed on two computers</span>` : ''}</button></li>`)}`
          : html`<li class="muted">Your entries will appear here.</li>`);
      }
      const chartBox = this.querySelector('[data-chart]');
      if (chartBox) {
        const chart = document.createElement('wk-line-chart');
        chart.data = { label: 'Mood, last 30 days (daily average, 1–10)', min: 1, max: 10, from, to, points: series.map((d) => ({ at: d.day, value: Math.round(d.average * 10) / 10 })) };
        chartBox.replaceChildren(chart);
      }
    } catch (err) {
      announce(this, api.toApiError(err).message, 'error');
    }
  }

  /** @param {HTMLFormElement} form */
  async checkIn(form) {
    const d = new FormData(form);
    const emotions = String(d.get('emotions') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const editing = this.editingCheckin;
    try {
      // Stored in UTC; sent back with this computer's offset, so its day stays the local one.
      if (editing) await api.updateMoodCheckin(editing.id, { at: localTimestamp(new Date(editing.checked_at)), mood: Number(d.get('mood')), emotions, energy: editing.energy, sleep_hours: editing.sleep_hours, note: editing.note });
      else await api.addMoodCheckin({ mood: Number(d.get('mood')), emotions, note: '' });
      announce(this, editing ? 'Check-in changes saved.' : 'Mood check-in saved.');
      this.stopEditingCheckin(form);
      this.loadSide();
    } catch (err) {
      announce(this, api.toApiError(err).message, 'error');
    }
  }

  /**
   * The check-in form filled in with a check-in to correct, its button "Save changes".
   * @param {HTMLFormElement} form @param {import('../../api.js').MoodCheckIn} c
   */
  startEditingCheckin(form, c) {
    this.editingCheckin = c;
    const mood = /** @type {HTMLInputElement} */ (form.querySelector('[name="mood"]'));
    mood.value = String(c.mood);
    const out = form.querySelector('[data-checkin-out]');
    if (out) out.textContent = String(c.mood);
    /** @type {HTMLInputElement} */ (form.querySelector('[name="emotions"]')).value = c.emotions.join(', ');
    const title = form.querySelector('[data-checkin-title]');
    if (title) title.textContent = `Edit check-in of ${formatDay(c.day)} ${formatTime(c.checked_at)}`;
    const submit = form.querySelector('[data-checkin-submit]');
    if (submit) submit.textContent = 'Save changes';
    form.querySelector('[data-checkin-cancel]')?.removeAttribute('hidden');
    mood.focus();
  }

  /**
   * Back to a new check-in.
   * @param {HTMLFormElement} form
   */
  stopEditingCheckin(form) {
    this.editingCheckin = null;
    form.reset();
    const out = form.querySelector('[data-checkin-out]');
    if (out) out.textContent = '5';
    const title = form.querySelector('[data-checkin-title]');
    if (title) title.textContent = 'Quick mood check-in';
    const submit = form.querySelector('[data-checkin-submit]');
    if (submit) submit.textContent = 'Save check-in';
    form.querySelector('[data-checkin-cancel]')?.setAttribute('hidden', '');
  }
}

export const journalScreen = {
  id: 'journal', title: 'Journal', section: /** @type {const} */ ('journal'), order: 0, purpose: /** @type {const} */ ('journal'),
  tag: 'wk-journal-screen', element: JournalScreen,
};

/**
 * <wk-text-conflicts>: the versions of a journal entry's, a session note's, a supervision note's
 * or a thought record's text, of a client's general notes or of a goal's wording, kept aside
 * because another version was saved over them on another computer at the same time
 * (docs/decisions.md 66, 69, 70, 73). Shown beside the record only while there are any: a heading "Changed on two computers
 * at once", then for each version "The version saved on <computer> on <day> at <time> is kept
 * aside:" with its words, and two buttons: keep the text on show (the version aside is let go)
 * or use this version instead (for a finalised note: add it as an addendum).
 *
 * Usage:
 *   const box = document.createElement('wk-text-conflicts');
 *   box.record = { kind: 'journal_entry', id: entry.id, finalised: false };
 *   box.addEventListener('wk-conflict-chosen', () => reloadTheRecord());
 *   editor.before(box);
 *
 * Or, inside a list drawn from a template, by attributes (its headings then one level lower):
 *   <wk-text-conflicts kind="supervision_note" record-id="…" nested></wk-text-conflicts>
 *
 * `wk-conflict-chosen` bubbles, its `detail.use` true when the version kept aside was taken
 * (the record's text, and its version, changed) and false when the text shown was kept.
 */
import * as api from '../../api.js';
import { formatDay, formatTime } from '../../lib/dates.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';

/**
 * Where a version kept aside came from, in a person's words.
 * @param {import('../../api.js').TextConflict} c
 */
export function conflictSource(c) {
  const from = c.device_name ?? (c.device ? `a computer not listed (id ${c.device.slice(0, 8)})` : 'another computer');
  return `The version saved on ${from} on ${formatDay(c.written_at)} at ${formatTime(c.written_at)}`;
}

export class TextConflicts extends HTMLElement {
  constructor() {
    super();
    /** @type {{kind: import('../../api.js').ConflictKind, id: string, finalised?: boolean} | null} */
    this.record = null;
    /** @type {import('../../api.js').TextConflict[]} */
    this.items = [];
  }

  connectedCallback() {
    const id = this.getAttribute('record-id');
    if (!this.record && id) {
      this.record = { kind: /** @type {import('../../api.js').ConflictKind} */ (this.getAttribute('kind')), id };
    }
    this.load();
  }

  async load() {
    if (!this.record) return;
    try {
      this.items = await api.listTextConflicts(this.record.kind, this.record.id);
      this.draw();
    } catch (e) {
      render(this, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
  }

  draw() {
    if (this.items.length === 0) {
      render(this, html``);
      return;
    }
    const finalised = Boolean(this.record?.finalised);
    const kind = this.record?.kind;
    /** @type {Partial<Record<import('../../api.js').ConflictKind, string>>} */
    const names = { session_note: 'note', supervision_note: 'supervision note', thought_record: 'thought record', goal: 'goal' };
    const what = (kind && names[kind]) ?? 'entry';
    const nested = this.hasAttribute('nested');
    const titleId = `text-conflicts-title-${this.record?.id ?? ''}`;
    const badge = html`<span class="badge badge--warning" data-conflict-badge>Changed on two computers at once</span>`;
    render(this, html`
      <section class="notice notice--warning text-conflicts" role="region" aria-labelledby="${titleId}" data-text-conflicts>
        ${nested ? html`<h3 id="${titleId}">${badge}</h3>` : html`<h2 id="${titleId}">${badge}</h2>`}
        <p>${finalised
          ? `This ${what} was finalised on one computer while it was being edited on another. The finalised text stays as it was signed; the other edit is kept here until you choose.`
          : kind === 'client'
            // A client's notes are read and changed in "Edit details", below the box.
            ? 'The general notes were edited on two computers at the same time. The later notes are in Edit details below; the other version is kept here until you choose, so nothing is lost.'
            : `This ${what} was edited on two computers at the same time. The later text is shown ${nested ? 'above' : 'below'}; the other is kept here until you choose, so nothing is lost.`}</p>
        ${this.items.map((c, i) => html`<article class="text-conflicts__version" data-conflict-version="${c.version}">
          ${nested ? html`<h4 data-conflict-source>${conflictSource(c)} is kept aside:</h4>` : html`<h3 data-conflict-source>${conflictSource(c)} is kept aside:</h3>`}
          ${c.title ? html`<p><strong data-conflict-title>${c.title}</strong></p>` : ''}
          <pre class="text-conflicts__text" data-conflict-text>${c.text}</pre>
          <div class="actions">
            <button type="button" class="button" data-use="${i}">${finalised ? 'Add it as an addendum' : 'Use this version instead'}</button>
            <button type="button" class="button button--quiet" data-keep="${i}">${finalised ? 'Let it go' : 'Keep the text shown'}</button>
          </div>
        </article>`)}
      </section>`);
    this.querySelectorAll('[data-use]').forEach((b) => b.addEventListener('click', () => this.choose(Number(b.getAttribute('data-use')), true)));
    this.querySelectorAll('[data-keep]').forEach((b) => b.addEventListener('click', () => this.choose(Number(b.getAttribute('data-keep')), false)));
  }

  /** @param {number} index @param {boolean} use */
  async choose(index, use) {
    const c = this.items[index];
    if (!c || !this.record) return;
    try {
      if (use) await api.useKeptVersion(c.kind, c.record_id, c.version);
      else await api.keepShownVersion(c.kind, c.record_id, c.version);
      announce(this, use
        ? (this.record.finalised ? 'Added as an addendum.' : 'That version is now the text shown.')
        : 'Kept the text shown; the other version is gone.');
      this.dispatchEvent(new CustomEvent('wk-conflict-chosen', { bubbles: true, detail: { use } }));
      await this.load();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }
}

export function registerTextConflicts() {
  if (!customElements.get('wk-text-conflicts')) customElements.define('wk-text-conflicts', TextConflicts);
}

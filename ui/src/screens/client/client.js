/**
 * <wk-client-screen>: one client's overview: risk flags first (open ones, raise and resolve, the
 * history; see client-flags.js), then goals and steps, the
 * next steps to take (new note, private note, record a measure, safety plan), session notes,
 * private notes in a section of their own ("not part of the record"), scores over time
 * and the current safety plan, with the client's details to correct and "Move to trash" (see
 * client-edit.js). General notes changed on two computers at once keep the other version in a
 * box above the details, which then open (docs/decisions.md 70). Reached from the clients list
 * (params: { id }).
 */
import * as api from '../../api.js';
import { navigate } from '../../lib/events.js';
import { formatDay } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { clientEditSection, wireClientEdit } from './client-edit.js';
import { clientFlagsSection, wireClientFlags } from './client-flags.js';
import { clientEraseSection, wireClientErase } from './client-erase.js';

/** The answers of the PHQ-9 and GAD-7 difficulty question, by stored index. */
const DIFFICULTY = ['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'];
const INSTRUMENT_NAMES = { phq9: 'PHQ-9', gad7: 'GAD-7', who5: 'WHO-5', phq2: 'PHQ-2', gad2: 'GAD-2', k10: 'K10' };

export class ClientScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{id?: string}} */
    this.params = {};
  }

  connectedCallback() {
    render(this, html`<section class="screen"><h1>Loading client…</h1></section>`);
    this.load();
  }

  /** @param {{notesChosen?: boolean}} [how]  `notesChosen`: just after a choice between versions of the general notes */
  async load({ notesChosen = false } = {}) {
    const id = String(this.params.id ?? '');
    try {
      const [client, flags, notes, measures, plan, disclosures, balance, retention, conflicted] = await Promise.all([
        api.getClient(id),
        api.listRiskFlags(id, true),
        api.listNotes({ client_id: id }),
        api.listMeasures(id, null),
        api.currentSafetyPlan(id),
        api.listDisclosures(id),
        api.clientBalance(id),
        api.clientRetention(id),
        api.listConflictedRecords(),
      ]);
      const notesAside = conflicted.some((c) => c.kind === 'client' && c.record_id === id);
      const instruments = [...new Set(measures.map((m) => m.instrument))];
      const histories = await Promise.all(instruments.map((i) => api.scoreHistory(id, i)));
      this.draw(client, flags, notes, measures, plan, instruments, histories, disclosures, balance, retention, { notesAside, notesChosen });
    } catch (e) {
      render(this, html`<section class="screen"><h1>Client</h1><p class="notice notice--error">${api.toApiError(e).message}</p></section>`);
    }
  }

  /**
   * @param {import('../../api.js').Client} client @param {import('../../api.js').RiskFlag[]} flags @param {import('../../api.js').SessionNote[]} notes
   * @param {import('../../api.js').MeasureAdministration[]} measures @param {import('../../api.js').SafetyPlan|null} plan
   * @param {import('../../api.js').Instrument[]} instruments @param {import('../../api.js').ScorePoint[][]} histories
   * @param {import('../../api.js').Disclosure[]} disclosures  the client's disclosure log, newest first
   * @param {string|null} balance what the client owes, as the core formats it (null before billing is set up)
   * @param {import('../../api.js').ClientRetention} retention  when the client's retention ends
   * @param {{notesAside: boolean, notesChosen: boolean}} notesState  whether the general notes
   *   have versions kept aside, and whether this draw follows a choice between them
   */
  draw(client, flags, notes, measures, plan, instruments, histories, disclosures, balance, retention, { notesAside, notesChosen }) {
    const name = client.preferred_name ? `${client.preferred_name} (${client.name})` : client.name;
    const recordNotes = notes.filter((n) => !n.private);
    const privateNotes = notes.filter((n) => n.private);
    const noteItem = (/** @type {import('../../api.js').SessionNote} */ n) => html`<li><button type="button" class="record-list__item" data-note="${n.id}">
                <strong>${formatDay(n.session_date)} · ${n.template.toUpperCase()}</strong>
                <span class="muted">${n.private ? 'Private · ' : ''}${n.finalised_at ? 'Finalised' : 'Draft'} · ${n.duration_minutes} min · ${n.mode.replace('_', ' ')}</span></button></li>`;
    const latest = new Map();
    for (const m of measures) if (!latest.has(m.instrument)) latest.set(m.instrument, m);
    render(this, html`
      <section class="screen client" aria-labelledby="client-title">
        <p><button type="button" class="button button--link" data-back>← All clients</button></p>
        <h1 id="client-title">${name}</h1>
        <p class="muted">${client.pronouns ? `${client.pronouns} · ` : ''}${client.status}${client.start_date ? ` · since ${formatDay(client.start_date)}` : ''}</p>
        ${balance === null ? '' : html`<p data-client-balance>Balance: ${balance}</p>`}
        ${clientFlagsSection(flags)}
        <div class="actions client__actions">
          <button type="button" class="button" data-new-note>New session note</button>
          <button type="button" class="button button--quiet" data-new-private-note>New private note</button>
          <button type="button" class="button button--quiet" data-measure>Record a measure</button>
          <button type="button" class="button button--quiet" data-plan>${plan ? 'Safety plan' : 'Write a safety plan'}</button>
        </div>
        ${notesAside ? html`<wk-text-conflicts kind="client" record-id="${client.id}"></wk-text-conflicts>` : ''}
        ${clientEditSection(client, notesAside || notesChosen)}
        ${clientEraseSection(client, retention)}
        <div class="client__grid">
          <section aria-labelledby="goals-title">
            <h2 id="goals-title">Goals and action plan</h2>
            <div data-goals></div>
          </section>
          <section aria-labelledby="notes-title">
            <h2 id="notes-title">Session notes</h2>
            <ul class="record-list" data-notes>
              ${recordNotes.length === 0 ? html`<li class="muted">No notes yet.</li>` : ''}
              ${recordNotes.map(noteItem)}
            </ul>
            <section class="private-notes" aria-labelledby="private-notes-title" data-private-notes-section>
              <h2 id="private-notes-title" class="client__subtitle">Private notes — not part of the record</h2>
              <p class="muted">Your own process notes. They are left out of every export and share unless you choose one by one.</p>
              <ul class="record-list" data-private-notes>
                ${privateNotes.length === 0 ? html`<li class="muted">No private notes.</li>` : ''}
                ${privateNotes.map(noteItem)}
              </ul>
            </section>
            <h2 class="client__subtitle">Scores</h2>
            ${instruments.length === 0 ? html`<p class="muted">No measures recorded yet.</p>` : ''}
            <div data-charts></div>
            <ul class="scores">
              ${[...latest.values()].map((m) => html`<li><strong>${INSTRUMENT_NAMES[/** @type {keyof typeof INSTRUMENT_NAMES} */ (m.instrument)] ?? m.instrument}</strong>
                ${m.total} · ${m.band_label}${m.functional_difficulty === null ? '' : ` · ${DIFFICULTY[m.functional_difficulty] ?? ''}`} <span class="muted">(${formatDay(m.administered_on)})</span></li>`)}
            </ul>
            <h2 class="client__subtitle" id="schedules-title">Measure schedules</h2>
            <div data-measure-schedules aria-labelledby="schedules-title"></div>
            <h2 class="client__subtitle">Safety plan</h2>
            <p>${plan ? `Version ${plan.version}, saved ${formatDay(plan.saved_at)}.` : html`<span class="muted">None written yet.</span>`}</p>
            <h2 class="client__subtitle" id="client-disclosures-title">Disclosure log</h2>
            <ul class="record-list" aria-labelledby="client-disclosures-title" data-client-disclosures>
              ${disclosures.length === 0 ? html`<li class="muted">Nothing has been shared.</li>` : ''}
              ${disclosures.map((d) => html`<li data-client-disclosure>${formatDay(d.disclosed_on)} · ${d.what} · to ${d.recipient}</li>`)}
            </ul>
          </section>
        </div>
        <section aria-labelledby="client-attachments-title" data-attachments-section>
          <h2 id="client-attachments-title">Attachments</h2>
          <div data-client-attachments></div>
        </section>
      </section>`);
    // Created here, not in the template, so it knows its client before it loads.
    const files = document.createElement('wk-attachment-list');
    files.owner = { kind: 'client', id: client.id };
    this.querySelector('[data-client-attachments]')?.append(files);
    const goals = document.createElement('wk-goal-list');
    goals.clientId = client.id;
    this.querySelector('[data-goals]')?.append(goals);
    const schedules = document.createElement('wk-measure-schedules');
    schedules.clientId = client.id;
    this.querySelector('[data-measure-schedules]')?.append(schedules);
    const charts = this.querySelector('[data-charts]');
    instruments.forEach((instrument, i) => {
      const chart = document.createElement('wk-line-chart');
      chart.data = {
        label: `${INSTRUMENT_NAMES[/** @type {keyof typeof INSTRUMENT_NAMES} */ (instrument)] ?? instrument} total`,
        min: instrument === 'k10' ? 10 : 0,
        points: histories[i].map((p) => ({ at: p.administered_on, value: p.total })),
      };
      charts?.append(chart);
    });
    this.querySelector('[data-back]')?.addEventListener('click', () => navigate(this, 'clients'));
    this.querySelector('[data-new-note]')?.addEventListener('click', () => navigate(this, 'note', { clientId: client.id, clientName: name }));
    this.querySelector('[data-measure]')?.addEventListener('click', () => navigate(this, 'measure', { clientId: client.id, clientName: name }));
    this.querySelector('[data-plan]')?.addEventListener('click', () => navigate(this, 'safety-plan', { clientId: client.id, clientName: name }));
    this.querySelector('[data-new-private-note]')?.addEventListener('click', () => navigate(this, 'note', { clientId: client.id, clientName: name, private: true }));
    for (const list of this.querySelectorAll('[data-notes], [data-private-notes]')) {
      list.addEventListener('click', (e) => {
        const b = /** @type {HTMLElement} */ (e.target).closest('[data-note]');
        if (b) navigate(this, 'note', { id: b.getAttribute('data-note'), clientId: client.id, clientName: name });
      });
    }
    wireClientEdit(this, client, () => this.load());
    // While a version of the general notes is kept aside, Edit details is open under the box so
    // both versions show; after the choice it stays open on the notes chosen.
    this.querySelector('wk-text-conflicts')?.addEventListener('wk-conflict-chosen', () => this.load({ notesChosen: true }));
    wireClientFlags(this, client.id, flags, () => this.load());
    wireClientErase(this, client);
    /** @type {HTMLElement|null} */ (this.querySelector('h1'))?.setAttribute('tabindex', '-1');
    // After a choice the button pressed is gone: the focus goes to the notes it left.
    /** @type {HTMLElement|null} */ (this.querySelector(notesChosen ? '#edit-notes' : 'h1'))?.focus();
  }
}

export const clientScreen = {
  id: 'client', title: 'Client', section: /** @type {const} */ ('practice'), order: 1, purpose: /** @type {const} */ ('mentor'), nav: false,
  tag: 'wk-client-screen', element: ClientScreen,
};

/**
 * <wk-my-record-screen>: the mentor's own professional record: credentials with their renewal
 * dates, training and CPD hours, and supervision notes.
 */
import * as api from '../../api.js';
import { daysAgo, formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { defineSection, formInput } from '../../components/record-section/record-section.js';
import { count } from '../../lib/plural.js';

export class MyRecordScreen extends HTMLElement {
  async connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="my-record-title"><h1 id="my-record-title">My professional record</h1>
      <p class="screen__lead" data-cpd aria-live="polite"></p><div data-sections></div></section>`);
    this.showCpd();
    const credentials = document.createElement('wk-record-section');
    credentials.config = defineSection({
      id: 'credentials', title: 'Credentials', addLabel: 'Add a credential',
      fields: [
        { name: 'title', label: 'Credential', required: true },
        { name: 'issuer', label: 'Issued by', required: true },
        { name: 'number', label: 'Number' },
        { name: 'valid_from', label: 'Valid from', type: 'date' },
        { name: 'valid_to', label: 'Valid until', type: 'date' },
        { name: 'notes', label: 'Notes', type: 'textarea' },
      ],
      load: () => api.listCredentials(),
      item: (c) => html`<strong>${c.title}</strong><span class="muted">${c.issuer}${c.valid_to ? ` · valid until ${formatDay(c.valid_to)}` : ''}</span>`,
      save: (v) => api.addCredential(formInput(v, { notes: String(v.notes ?? '') })),
      name: (c) => c.title,
      edit: {
        values: (c) => ({ title: c.title, issuer: c.issuer, number: c.number ?? '', valid_from: c.valid_from ?? '', valid_to: c.valid_to ?? '', notes: c.notes }),
        save: (c, v) => api.updateCredential(c.id, formInput(v, { notes: String(v.notes ?? '') })),
      },
      trash: { kind: 'credential', id: (c) => c.id, what: 'Credential' },
    });
    const training = document.createElement('wk-record-section');
    training.config = defineSection({
      id: 'training', title: 'Training and CPD', addLabel: 'Add training',
      fields: [
        { name: 'title', label: 'Course or activity', required: true },
        { name: 'provider', label: 'Provider', required: true },
        { name: 'completed_on', label: 'Completed on', type: 'date', value: today(), required: true },
        { name: 'hours', label: 'Hours', type: 'number', step: '0.5', required: true },
        { name: 'notes', label: 'Notes', type: 'textarea' },
      ],
      load: () => api.listTraining(),
      item: (t) => html`<strong>${t.title}</strong><span class="muted">${t.provider} · ${formatDay(t.completed_on)} · ${t.hours} h</span>`,
      save: async (v) => { await api.addTraining(formInput(v, { notes: String(v.notes ?? '') })); this.showCpd(); },
      name: (t) => t.title,
      edit: {
        values: (t) => ({ title: t.title, provider: t.provider, completed_on: t.completed_on, hours: String(t.hours), notes: t.notes }),
        save: async (t, v) => { await api.updateTraining(t.id, formInput(v, { notes: String(v.notes ?? '') })); this.showCpd(); },
      },
      trash: { kind: 'training_record', id: (t) => t.id, what: 'Training record', after: () => this.showCpd() },
    });
    const supervision = document.createElement('wk-record-section');
    supervision.config = defineSection({
      id: 'supervision', title: 'Supervision notes', addLabel: 'Add a supervision note',
      fields: [
        { name: 'held_on', label: 'Held on', type: 'date', value: today(), required: true },
        { name: 'supervisor', label: 'Supervisor', required: true },
        { name: 'notes', label: 'What we discussed', type: 'textarea', required: true },
        { name: 'actions', label: 'Actions', type: 'textarea' },
      ],
      // Each note with the versions of its words kept aside (rewritten on two computers at
      // once: docs/decisions.md 69), which show under it until the mentor chooses.
      load: async () => {
        const [notes, conflicted] = await Promise.all([api.listSupervisionNotes(), api.listConflictedRecords()]);
        const aside = new Set(conflicted.filter((r) => r.kind === 'supervision_note').map((r) => r.record_id));
        return notes.map((n) => ({ ...n, aside: aside.has(n.id) }));
      },
      item: (n) => html`<strong>${formatDay(n.held_on)} · ${n.supervisor}</strong><span>${n.notes}</span>${n.actions ? html`<span class="muted">Actions: ${n.actions}</span>` : ''}${n.aside
        ? html`<wk-text-conflicts kind="supervision_note" record-id="${n.id}" nested></wk-text-conflicts>` : ''}`,
      save: (v) => api.addSupervisionNote(formInput(v, { actions: String(v.actions ?? '') })),
      name: (n) => `Supervision with ${n.supervisor}`,
      edit: {
        values: (n) => ({ held_on: n.held_on, supervisor: n.supervisor, notes: n.notes, actions: n.actions }),
        // The version the form was filled from, so a version saved meanwhile on another
        // computer is kept aside rather than written over.
        save: (n, v) => api.updateSupervisionNote(n.id, formInput(v, { actions: String(v.actions ?? '') }), n.text_version ?? ''),
      },
      trash: { kind: 'supervision_note', id: (n) => n.id, what: 'Supervision note' },
    });
    // Choosing between versions changes the words the list shows.
    supervision.addEventListener('wk-conflict-chosen', () => /** @type {import('../../components/record-section/record-section.js').RecordSection} */ (supervision).load());
    /** @type {HTMLElement} */ (this.querySelector('[data-sections]')).append(credentials, training, supervision);
  }

  async showCpd() {
    const el = this.querySelector('[data-cpd]');
    try {
      const hours = await api.cpdHours(daysAgo(364), today());
      if (el) el.textContent = `CPD in the last 12 months: ${count(hours, 'hour')}.`;
    } catch (e) {
      if (el) el.textContent = api.toApiError(e).message;
    }
  }
}

export const myRecordScreen = {
  id: 'my-record', title: 'My professional record', section: /** @type {const} */ ('practice'), order: 6, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-my-record-screen', element: MyRecordScreen,
};

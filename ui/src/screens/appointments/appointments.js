/**
 * <wk-appointments-screen>: the mentor's next four weeks of sessions and a form to schedule one
 * (one-off, weekly or fortnightly, with a reminder). Reminders arrive as desktop notifications.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, formatTime, isoDay } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';

const MODES = { in_person: 'In person', video: 'Video', phone: 'Phone' };
const REPEATS = { none: 'Does not repeat', weekly: 'Every week', fortnightly: 'Every two weeks' };

export class AppointmentsScreen extends HTMLElement {
  async connectedCallback() {
    /** @type {import('../../api.js').Client[]} */
    let clients = [];
    try {
      clients = await api.listClients({ status: 'active' });
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
    render(this, html`
      <section class="screen" aria-labelledby="appointments-title">
        <h1 id="appointments-title">Appointments</h1>
        <div class="clients-layout">
          <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">Next four weeks</h2>
            <ul class="record-list" data-upcoming aria-live="polite"><li class="muted">Loading…</li></ul>
          </section>
          <form class="card" data-add novalidate aria-labelledby="schedule-title">
            <h2 id="schedule-title">Schedule a session</h2>
            ${clients.length === 0 ? html`<p class="muted">Add a client first (Clients).</p>` : ''}
            <div class="field"><label for="appt-client">Client</label>
              <select id="appt-client" name="client_id">${clients.map((c) => html`<option value="${c.id}">${c.preferred_name ?? c.name}</option>`)}</select></div>
            <div class="field"><label for="appt-start">Starts</label><input id="appt-start" name="start" type="datetime-local" required></div>
            <div class="field"><label for="appt-minutes">Length in minutes</label><input id="appt-minutes" name="minutes" type="number" min="5" max="600" value="50"></div>
            <div class="field"><label for="appt-mode">Mode</label>
              <select id="appt-mode" name="mode">${Object.entries(MODES).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
            <div class="field"><label for="appt-repeat">Repeats</label>
              <select id="appt-repeat" name="recurrence">${Object.entries(REPEATS).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
            <div class="field"><label for="appt-reminder">Remind me (minutes before)</label><input id="appt-reminder" name="reminder" type="number" min="0" max="10080" value="30"></div>
            <p class="field__error" role="alert" data-error></p>
            <div class="actions"><button class="button" type="submit" ${clients.length ? '' : html`disabled`}>Schedule</button></div>
          </form>
        </div>
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-add]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.add(form); });
    this.load();
  }

  async load() {
    const list = /** @type {HTMLElement} */ (this.querySelector('[data-upcoming]'));
    try {
      const items = await api.upcomingAppointments(28);
      // The day is the user's local day of the start (starts_at is UTC: its first ten characters
      // put a 00:45 BST session on the day before).
      render(list, items.length
        ? html`${items.map((o) => html`<li class="record-list__item">
            <strong>${formatDay(isoDay(new Date(o.starts_at)))} · ${formatTime(o.starts_at)}–${formatTime(o.ends_at)}</strong>
            <span>${o.client_name}</span>
            <span class="muted">${MODES[/** @type {keyof typeof MODES} */ (o.mode)] ?? o.mode}${o.recurring ? ' · repeats' : ''}${o.status !== 'scheduled' ? ` · ${o.status}` : ''}</span></li>`)}`
        : html`<li class="muted">Nothing scheduled in the next four weeks.</li>`);
    } catch (e) {
      render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
    }
  }

  /** @param {HTMLFormElement} form */
  async add(form) {
    const d = new FormData(form);
    const error = this.querySelector('[data-error]');
    const start = new Date(String(d.get('start') ?? ''));
    if (Number.isNaN(start.getTime())) {
      if (error) error.textContent = 'Choose the day and time the session starts.';
      /** @type {HTMLElement|null} */ (form.querySelector('#appt-start'))?.focus();
      return;
    }
    const minutes = Number(d.get('minutes') || 50);
    const end = new Date(start.getTime() + minutes * 60_000);
    try {
      await api.addAppointment({
        client_id: String(d.get('client_id') ?? ''),
        starts_at: start.toISOString(),
        ends_at: end.toISOString(),
        mode: /** @type {import('../../api.js').SessionMode} */ (String(d.get('mode') ?? 'in_person')),
        repeat: { recurrence: /** @type {import('../../api.js').Recurrence} */ (String(d.get('recurrence') ?? 'none')), until: null, count: null },
        reminder_minutes: d.get('reminder') === '' ? null : Number(d.get('reminder')),
        location: null,
        notes: '',
      });
      if (error) error.textContent = '';
      announce(this, 'Session scheduled.');
      this.load();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }
}

export const appointmentsScreen = {
  id: 'appointments', title: 'Appointments', section: /** @type {const} */ ('practice'), order: 3, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-appointments-screen', element: AppointmentsScreen,
};

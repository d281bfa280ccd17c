/**
 * <wk-appointments-screen>: the mentor's calendar. A day, a week (Monday to Sunday) or four
 * weeks of sessions, in this computer's time zone (a session kept in another zone also shows
 * its own local time and zone). Choose a session to mark it attended or no-show, cancel it with
 * a reason, move it, edit it (a series: this and all future sessions) or end its series.
 *
 * Keys (outside text fields): D day, W week, A four weeks; ← → , [ ] , PageUp PageDown move
 * back and forward by a day (day view) or a week; T goes to today.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, formatSpan, isoDay, localDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { newestOnly } from '../../lib/newest.js';

const MODES = { in_person: 'In person', video: 'Video', phone: 'Phone' };
const REPEATS = { none: 'Does not repeat', weekly: 'Every week', fortnightly: 'Every two weeks' };
const STATUS = { scheduled: '', cancelled: 'Cancelled', no_show: 'No-show', attended: 'Attended' };
const VIEWS = { day: 'Day', week: 'Week', agenda: 'Four weeks' };

/** @typedef {import('../../api.js').Occurrence} Occurrence */
/** @typedef {'day'|'week'|'agenda'} View */

/** `day` (YYYY-MM-DD) moved by `n` days. @param {string} day @param {number} n */
function addDays(day, n) {
  const d = new Date(`${day}T12:00:00`);
  d.setDate(d.getDate() + n);
  return isoDay(d);
}

/** The Monday of `day`'s week. @param {string} day */
function monday(day) {
  const d = new Date(`${day}T12:00:00`);
  return addDays(day, -((d.getDay() + 6) % 7));
}

/** The UTC instant of local midnight starting `day`. @param {string} day */
function midnight(day) {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** A datetime-local value for a UTC instant, on this computer's clock. @param {string} at */
function localInput(at) {
  const d = new Date(at);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${isoDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whether a location is a video link to show as a link. @param {string|null|undefined} l */
function isLink(l) {
  return /^https?:\/\/\S+$/i.test(l ?? '');
}

export class AppointmentsScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {View} */
    this.view = 'week';
    this.anchor = isoDay(new Date());
    this.zone = '';
    /** @type {Occurrence[]} */
    this.items = [];
    this.loads = newestOnly();
    /** @type {Occurrence|null} */
    this.selected = null;
    /** @type {Occurrence|null} the session whose details the form is editing */
    this.editing = null;
  }

  async connectedCallback() {
    /** @type {import('../../api.js').Client[]} */
    let clients = [];
    try {
      [clients, this.zone] = await Promise.all([api.listClients({ status: 'active' }), api.localTimeZone()]);
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
    render(this, html`
      <section class="screen" aria-labelledby="appointments-title" data-calendar-screen>
        <h1 id="appointments-title">Appointments</h1>
        <div class="actions" role="toolbar" aria-label="Calendar view" data-toolbar>
          ${Object.entries(VIEWS).map(([k, v]) => html`<button class="button button--quiet" type="button" data-view="${k}" aria-keyshortcuts="${k[0].toUpperCase()}">${v}</button>`)}
          <button class="button button--quiet" type="button" data-step="-1" aria-keyshortcuts="[ ArrowLeft PageUp">Previous</button>
          <button class="button button--quiet" type="button" data-today aria-keyshortcuts="T">Today</button>
          <button class="button button--quiet" type="button" data-step="1" aria-keyshortcuts="] ArrowRight PageDown">Next</button>
        </div>
        <p class="muted">Times in ${this.zone || 'this computer’s time zone'}. Keys: D day, W week, A four weeks, [ and ] back and forward, T today.</p>
        <div class="clients-layout">
          <section aria-labelledby="period-title">
            <h2 id="period-title" data-period></h2>
            <div data-calendar aria-live="polite"><p class="muted">Loading…</p></div>
          </section>
          <div>
            <section class="card" data-selected hidden aria-labelledby="selected-title"></section>
            <form class="card" data-add novalidate aria-labelledby="schedule-title">
              <h2 id="schedule-title" data-form-title>Schedule a session</h2>
              ${clients.length === 0 ? html`<p class="muted">Add a client first (Clients).</p>` : ''}
              <div class="field"><label for="appt-client">Client</label>
                <select id="appt-client" name="client_id">${clients.map((c) => html`<option value="${c.id}">${c.preferred_name ?? c.name}</option>`)}</select></div>
              <div class="field"><label for="appt-start">Starts</label><input id="appt-start" name="start" type="datetime-local" required></div>
              <div class="field"><label for="appt-minutes">Length in minutes</label><input id="appt-minutes" name="minutes" type="number" min="5" max="600" value="50"></div>
              <div class="field"><label for="appt-mode">Mode</label>
                <select id="appt-mode" name="mode">${Object.entries(MODES).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
              <div class="field"><label for="appt-location">Location or video link</label><input id="appt-location" name="location" type="text" maxlength="1000" autocomplete="off"></div>
              <div class="field"><label for="appt-repeat">Repeats</label>
                <select id="appt-repeat" name="recurrence">${Object.entries(REPEATS).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
              <div class="field"><label for="appt-count">Number of sessions (blank: no end)</label><input id="appt-count" name="count" type="number" min="1" max="520"></div>
              <div class="field"><label for="appt-reminder">Remind me (minutes before)</label><input id="appt-reminder" name="reminder" type="number" min="0" max="10080" value="30"></div>
              <p class="field__error" role="alert" data-error></p>
              <div class="actions">
                <button class="button" type="submit" data-submit ${clients.length ? '' : html`disabled`}>Schedule</button>
                <button class="button button--quiet" type="button" data-stop-editing hidden>Stop editing</button>
              </div>
            </form>
          </div>
        </div>
      </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-add]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.save(form); });
    this.querySelector('[data-stop-editing]')?.addEventListener('click', () => this.stopEditing());
    this.querySelectorAll('[data-view]').forEach((b) => b.addEventListener('click', () => this.show(/** @type {View} */ (/** @type {HTMLElement} */ (b).dataset.view))));
    this.querySelectorAll('[data-step]').forEach((b) => b.addEventListener('click', () => this.step(Number(/** @type {HTMLElement} */ (b).dataset.step))));
    this.querySelector('[data-today]')?.addEventListener('click', () => this.goToday());
    this.addEventListener('keydown', (e) => this.onKey(e));
    // A video link opens in the person's browser (the window itself never navigates away).
    this.addEventListener('click', async (e) => {
      const link = /** @type {HTMLElement} */ (e.target).closest('a[data-open-link]');
      if (!link) return;
      e.preventDefault();
      try {
        await api.openLink(link.getAttribute('href') ?? '');
        announce(this, 'Opened the link in your browser.');
      } catch (err) {
        announce(this, api.toApiError(err).message, 'error');
      }
    });
    this.load();
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    const target = /** @type {HTMLElement} */ (e.target);
    if (e.ctrlKey || e.metaKey || e.altKey || target.closest('input, select, textarea')) return;
    /** @type {Record<string, () => void>} */
    const keys = {
      d: () => this.show('day'), w: () => this.show('week'), a: () => this.show('agenda'), t: () => this.goToday(),
      '[': () => this.step(-1), ']': () => this.step(1),
      ArrowLeft: () => this.step(-1), ArrowRight: () => this.step(1), PageUp: () => this.step(-1), PageDown: () => this.step(1),
    };
    const action = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }

  /** @param {View} view */
  show(view) {
    this.view = view;
    this.load();
  }

  /** Back (-1) or forward (1): a day in the day view, a week otherwise. @param {number} n */
  step(n) {
    this.anchor = addDays(this.anchor, this.view === 'day' ? n : 7 * n);
    this.load();
  }

  goToday() {
    this.anchor = isoDay(new Date());
    this.load();
  }

  /** The first and the day after the last day shown. */
  span() {
    if (this.view === 'day') return [this.anchor, addDays(this.anchor, 1)];
    if (this.view === 'week') { const m = monday(this.anchor); return [m, addDays(m, 7)]; }
    return [this.anchor, addDays(this.anchor, 28)];
  }

  async load() {
    this.querySelectorAll('[data-view]').forEach((b) => b.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (b).dataset.view === this.view)));
    const [from, to] = this.span();
    const period = /** @type {HTMLElement} */ (this.querySelector('[data-period]'));
    period.textContent = this.view === 'day' ? formatDay(from)
      : this.view === 'week' ? `Week of ${formatDay(from)}` : `Four weeks from ${formatDay(from)}`;
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-calendar]'));
    render(box, html`<p class="muted">Loading…</p>`);
    const mine = this.loads();
    /** @type {Occurrence[]} */
    let items;
    try {
      items = await api.listOccurrences(midnight(from), midnight(to));
    } catch (e) {
      if (mine()) render(box, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
      return;
    }
    // A step or reload started since: its period is in the heading, and its sessions fill the view.
    if (!mine()) return;
    this.items = items;
    /** @type {string[]} */
    const days = [];
    for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
    const shown = this.view === 'agenda' ? days.filter((d) => this.items.some((o) => localDay(o.starts_at) === d)) : days;
    const empty = { day: 'No sessions on this day.', week: 'No sessions this week.', agenda: 'Nothing scheduled in these four weeks.' }[this.view];
    render(box, this.items.length === 0 ? html`<p class="muted" data-empty>${empty}</p>` : html`${shown.map((d) => html`
      <section class="calendar-day" aria-label="${formatDay(d)}">
        ${this.view === 'day' ? '' : html`<h3 data-day>${formatDay(d)}</h3>`}
        ${this.dayList(d)}
      </section>`)}`);
    box.querySelectorAll('[data-session]').forEach((b) => b.addEventListener('click', () => this.select(Number(/** @type {HTMLElement} */ (b).dataset.session))));
    if (this.selected) {
      const again = this.items.findIndex((o) => this.selected && o.appointment_id === this.selected.appointment_id && o.occurrence_start === this.selected.occurrence_start);
      if (again >= 0) this.select(again, false); else this.clearSelection();
    }
  }

  /** @param {string} day */
  dayList(day) {
    const here = this.items.map((o, i) => /** @type {const} */ ([o, i])).filter(([o]) => localDay(o.starts_at) === day);
    if (here.length === 0) return html`<p class="muted">No sessions</p>`;
    return html`<ul class="record-list" data-sessions>${here.map(([o, i]) => html`<li class="record-list__item${o.status === 'cancelled' ? ' is-cancelled' : ''}">${this.line(o, i)}</li>`)}</ul>`;
  }

  /** What one session reads as; its time is the button that chooses it. @param {Occurrence} o @param {number} i */
  line(o, i) {
    const other = o.time_zone !== this.zone ? ` (${o.local_start.slice(11, 16)} ${o.time_zone})` : '';
    const status = STATUS[/** @type {keyof typeof STATUS} */ (o.status)];
    const details = [
      MODES[/** @type {keyof typeof MODES} */ (o.mode)] ?? o.mode,
      ...(o.recurring ? ['repeats'] : []),
      ...(o.moved ? ['moved'] : []),
      ...(status ? [o.reason ? `${status}: ${o.reason}` : status] : []),
    ].join(' · ');
    const time = `${formatSpan(o.starts_at, o.ends_at)}${other}`;
    return html`<button class="link-button" type="button" data-session="${i}" aria-label="${time}, ${o.client_name}: choose"><strong>${time}</strong></button>
      <span>${o.client_name}</span>
      <span class="muted">${details}</span>
      ${o.location ? html`<span class="muted" data-location>${isLink(o.location) ? html`<a href="${o.location}" data-open-link rel="noopener noreferrer">${o.location}</a>` : o.location}</span>` : ''}`;
  }

  clearSelection() {
    this.selected = null;
    const panel = /** @type {HTMLElement} */ (this.querySelector('[data-selected]'));
    panel.hidden = true;
    render(panel, html``);
  }

  /** Shows the actions for session `i`. @param {number} i @param {boolean} [focus] */
  select(i, focus = true) {
    const o = this.items[i];
    if (!o) return;
    this.selected = o;
    const panel = /** @type {HTMLElement} */ (this.querySelector('[data-selected]'));
    panel.hidden = false;
    render(panel, html`
      <h2 id="selected-title" tabindex="-1" data-selected-title>${o.client_name}, ${formatDay(localDay(o.starts_at))} ${formatSpan(o.starts_at, o.ends_at)}</h2>
      <p class="muted" data-selected-status>${STATUS[/** @type {keyof typeof STATUS} */ (o.status)] || 'Scheduled'}${o.reason ? `: ${o.reason}` : ''}</p>
      <div class="actions">
        ${localDay(o.starts_at) > today()
          // The core refuses to mark a session after today (it would be billed before it happened).
          ? html`<p class="muted" data-mark-later>Attended or no-show can be marked from the day of the session.</p>`
          : html`<button class="button button--quiet" type="button" data-mark="attended">Attended</button>
        <button class="button button--quiet" type="button" data-mark="no_show">No-show</button>`}
        ${o.status !== 'scheduled' ? html`<button class="button button--quiet" type="button" data-mark="scheduled">Back to scheduled</button>` : ''}
        <button class="button button--quiet" type="button" data-edit>${o.recurring ? 'Edit this and future sessions' : 'Edit'}</button>
      </div>
      <form data-cancel novalidate>
        <div class="field"><label for="cancel-reason">Reason for cancelling</label><input id="cancel-reason" name="reason" type="text" maxlength="400" autocomplete="off"></div>
        <button class="button button--quiet" type="submit">Cancel this session</button>
      </form>
      <form data-move novalidate>
        <div class="field"><label for="move-start">Move this session to</label><input id="move-start" name="start" type="datetime-local" value="${localInput(o.starts_at)}"></div>
        <button class="button button--quiet" type="submit">Move</button>
      </form>
      ${o.recurring ? html`<form data-end novalidate>
        <div class="field"><label for="end-day">Last day of the series</label><input id="end-day" name="day" type="date" value="${localDay(o.starts_at)}"></div>
        <button class="button button--quiet" type="submit">End the series</button>
      </form>` : ''}
      <div class="actions">
        <button class="button button--quiet" type="button" data-trash>${o.recurring ? 'Move the whole series to the trash' : 'Move to the trash'}</button>
      </div>
      <p class="field__error" role="alert" data-action-error></p>`);
    const fail = (/** @type {unknown} */ e) => {
      const el = panel.querySelector('[data-action-error]');
      if (el) el.textContent = api.toApiError(e).message;
    };
    const done = async (/** @type {string} */ message) => { announce(this, message); await this.load(); };
    panel.querySelectorAll('[data-mark]').forEach((b) => b.addEventListener('click', async () => {
      const status = /** @type {import('../../api.js').OccurrenceStatus} */ (/** @type {HTMLElement} */ (b).dataset.mark);
      try {
        await api.setOccurrenceStatus(o.appointment_id, o.occurrence_start, status);
        await done(status === 'attended' ? 'Marked attended.' : status === 'no_show' ? 'Marked no-show.' : 'Back to scheduled.');
      } catch (e) { fail(e); }
    }));
    panel.querySelector('[data-edit]')?.addEventListener('click', () => this.startEditing(o));
    panel.querySelector('[data-cancel]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = String(new FormData(/** @type {HTMLFormElement} */ (e.target)).get('reason') ?? '');
      try {
        await api.cancelOccurrence(o.appointment_id, o.occurrence_start, reason);
        await done('Session cancelled.');
      } catch (err) { fail(err); /** @type {HTMLElement|null} */ (panel.querySelector('#cancel-reason'))?.focus(); }
    });
    panel.querySelector('[data-move]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const start = new Date(String(new FormData(/** @type {HTMLFormElement} */ (e.target)).get('start') ?? ''));
      if (Number.isNaN(start.getTime())) { fail(new Error('Choose the day and time to move the session to.')); return; }
      const length = new Date(o.ends_at).getTime() - new Date(o.starts_at).getTime();
      try {
        await api.moveOccurrence(o.appointment_id, o.occurrence_start, start.toISOString(), new Date(start.getTime() + length).toISOString());
        await done('Session moved.');
      } catch (err) { fail(err); }
    });
    panel.querySelector('[data-end]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const day = String(new FormData(/** @type {HTMLFormElement} */ (e.target)).get('day') ?? '');
      if (!/^\d{4}-\d\d-\d\d$/.test(day)) { fail(new Error('Choose the last day of the series.')); return; }
      try {
        await api.endSeries(o.appointment_id, day);
        await done(`Series ends on ${formatDay(day)}.`);
      } catch (err) { fail(err); }
    });
    // Booked in error: the appointment (a series with all its sessions) goes to the trash and
    // can be restored from there. A session that did not happen is cancelled instead.
    panel.querySelector('[data-trash]')?.addEventListener('click', async () => {
      try {
        await api.moveToTrash('appointment', o.appointment_id);
        this.clearSelection();
        await done(`${o.recurring ? 'Series' : 'Appointment'} moved to the trash. You can restore it from Trash.`);
      } catch (e) { fail(e); }
    });
    if (focus) /** @type {HTMLElement|null} */ (panel.querySelector('[data-selected-title]'))?.focus();
  }

  /** Fills the form with a session's appointment to change it (from this session on). @param {Occurrence} o */
  async startEditing(o) {
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-add]'));
    try {
      const a = await api.getAppointment(o.appointment_id);
      this.editing = o;
      const set = (/** @type {string} */ name, /** @type {string} */ value) => {
        const el = /** @type {HTMLInputElement|null} */ (form.elements.namedItem(name));
        if (el) el.value = value;
      };
      set('client_id', a.client_id);
      set('start', localInput(o.starts_at));
      set('minutes', String(Math.round((new Date(a.ends_at).getTime() - new Date(a.starts_at).getTime()) / 60_000)));
      set('mode', a.mode);
      set('location', a.location ?? '');
      set('recurrence', a.recurrence);
      // From a later session of a counted series, the sessions left (this one included).
      const weeks = a.recurrence === 'fortnightly' ? 14 : 7;
      const before = Math.round((new Date(o.occurrence_start).getTime() - new Date(a.starts_at).getTime()) / (weeks * 86_400_000));
      set('count', a.repeat_count === null ? '' : String(Math.max(1, a.repeat_count - before)));
      set('reminder', a.reminder_minutes === null ? '' : String(a.reminder_minutes));
      /** @type {HTMLElement} */ (this.querySelector('[data-form-title]')).textContent = o.recurring ? 'Edit this and future sessions' : 'Edit session';
      /** @type {HTMLElement} */ (this.querySelector('[data-submit]')).textContent = 'Save changes';
      /** @type {HTMLElement} */ (this.querySelector('[data-stop-editing]')).hidden = false;
      /** @type {HTMLElement|null} */ (form.querySelector('#appt-start'))?.focus();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  stopEditing() {
    this.editing = null;
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-add]'));
    form.reset();
    /** @type {HTMLElement} */ (this.querySelector('[data-form-title]')).textContent = 'Schedule a session';
    /** @type {HTMLElement} */ (this.querySelector('[data-submit]')).textContent = 'Schedule';
    /** @type {HTMLElement} */ (this.querySelector('[data-stop-editing]')).hidden = true;
  }

  /** @param {HTMLFormElement} form */
  async save(form) {
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
    const location = String(d.get('location') ?? '').trim();
    const recurrence = /** @type {import('../../api.js').Recurrence} */ (String(d.get('recurrence') ?? 'none'));
    /** @type {import('../../api.js').AppointmentDetails} */
    const details = {
      client_id: String(d.get('client_id') ?? ''),
      starts_at: start.toISOString(),
      ends_at: end.toISOString(),
      time_zone: this.editing?.time_zone ?? (this.zone || undefined),
      mode: /** @type {import('../../api.js').SessionMode} */ (String(d.get('mode') ?? 'in_person')),
      repeat: { recurrence, until: null, count: recurrence === 'none' || d.get('count') === '' ? null : Number(d.get('count')) },
      reminder_minutes: d.get('reminder') === '' ? null : Number(d.get('reminder')),
      location: location || null,
      notes: '',
    };
    try {
      if (this.editing) {
        await api.editSeriesFrom(this.editing.appointment_id, this.editing.occurrence_start, details);
        this.stopEditing();
        announce(this, 'Changes saved.');
      } else {
        await api.addAppointment(details);
        announce(this, 'Session scheduled.');
      }
      if (error) error.textContent = '';
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

/**
 * <wk-measure-schedules>: one client's measure schedules ("PHQ-9 every 4 weeks from 1 March"):
 * set one per instrument, pause, resume or remove it, and read when each is next due (from the
 * last time it was given, or the start day if never). The dashboard lists the ones due.
 *
 * Usage:
 *   const s = document.createElement('wk-measure-schedules');
 *   s.clientId = client.id;
 *   section.append(s);
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';

const NAMES = { phq9: 'PHQ-9', gad7: 'GAD-7', who5: 'WHO-5', phq2: 'PHQ-2', gad2: 'GAD-2', k10: 'K10' };

/** @param {string} instrument */
const nameOf = (instrument) => NAMES[/** @type {keyof typeof NAMES} */ (instrument)] ?? instrument;

/** "every 4 weeks", "every 10 days". @param {number} days */
export function everyWords(days) {
  if (days % 7 === 0) return days === 7 ? 'every week' : `every ${days / 7} weeks`;
  return days === 1 ? 'every day' : `every ${days} days`;
}

/**
 * When a schedule is next due, as the core computes it (src/clinical/schedules.rs, due_date):
 * the last administration plus the interval, never before the start day; the start day if the
 * instrument was never given.
 * @param {string|null} last  YYYY-MM-DD @param {string} startsOn @param {number} everyDays
 */
export function nextDue(last, startsOn, everyDays) {
  if (!last) return startsOn;
  const d = new Date(`${last}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + everyDays);
  const due = d.toISOString().slice(0, 10);
  return due > startsOn ? due : startsOn;
}

export class MeasureSchedules extends HTMLElement {
  constructor() {
    super();
    /** @type {string|null} */
    this.clientId = null;
    /** @type {import('../../api.js').MeasureSchedule[]} */
    this.schedules = [];
    /** @type {import('../../api.js').MeasureAdministration[]} */
    this.measures = [];
  }

  connectedCallback() {
    this.load();
  }

  async load() {
    try {
      [this.schedules, this.measures] = await Promise.all([
        api.listMeasureSchedules(this.clientId),
        api.listMeasures(this.clientId, null),
      ]);
      this.draw();
    } catch (e) {
      render(this, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
  }

  /** @param {string} instrument */
  lastGiven(instrument) {
    const days = this.measures.filter((m) => m.instrument === instrument).map((m) => m.administered_on).sort();
    return days.at(-1) ?? null;
  }

  draw() {
    const sorted = [...this.schedules].sort((a, b) => Object.keys(NAMES).indexOf(a.instrument) - Object.keys(NAMES).indexOf(b.instrument));
    render(this, html`
      <ul class="record-list measure-schedules" data-schedules>
        ${sorted.length === 0 ? html`<li class="muted">No measures scheduled.</li>` : ''}
        ${sorted.map((s) => html`<li data-schedule="${s.id}">
          <span data-schedule-text><strong>${nameOf(s.instrument)}</strong> ${everyWords(s.every_days)} from ${formatDay(s.starts_on)} · ${s.paused ? 'paused' : `next due ${formatDay(nextDue(this.lastGiven(s.instrument), s.starts_on, s.every_days))}`}</span>
          <span class="actions">
            <button type="button" class="button button--quiet" data-pause="${s.id}" data-paused="${s.paused ? '1' : '0'}">${s.paused ? 'Resume' : 'Pause'} ${nameOf(s.instrument)}</button>
            <button type="button" class="button button--quiet" data-remove="${s.id}">Remove ${nameOf(s.instrument)} schedule</button>
          </span></li>`)}
      </ul>
      <form class="measure-schedules__form" data-schedule-form novalidate aria-label="Set a measure schedule">
        <div class="field"><label for="schedule-instrument">Questionnaire</label>
          <select id="schedule-instrument" name="instrument">
            ${Object.entries(NAMES).map(([key, name]) => html`<option value="${key}">${name}</option>`)}
          </select></div>
        <div class="field"><label for="schedule-weeks">Every (weeks)</label>
          <input id="schedule-weeks" name="weeks" type="number" min="1" max="52" step="1" value="4" required></div>
        <div class="field"><label for="schedule-start">Starting</label>
          <input id="schedule-start" name="starts_on" type="date" value="${today()}" required></div>
        <p class="field__error" role="alert" data-schedule-error></p>
        <div class="actions"><button class="button" type="submit">Set schedule</button></div>
      </form>`);
    const form = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-schedule-form]'));
    form?.addEventListener('submit', (e) => { e.preventDefault(); this.save(form); });
    this.querySelector('[data-schedules]')?.addEventListener('click', (e) => {
      const target = /** @type {HTMLElement} */ (e.target);
      const pause = target.closest('[data-pause]');
      if (pause) this.pause(pause.getAttribute('data-pause') ?? '', pause.getAttribute('data-paused') !== '1');
      const remove = target.closest('[data-remove]');
      if (remove) this.removeSchedule(remove.getAttribute('data-remove') ?? '');
    });
  }

  /** @param {HTMLFormElement} form */
  async save(form) {
    const d = new FormData(form);
    const error = this.querySelector('[data-schedule-error]');
    const weeks = Number(d.get('weeks'));
    const startsOn = String(d.get('starts_on') ?? '');
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) {
      if (error) error.textContent = 'Every how many weeks? A whole number from 1 to 52.';
      return;
    }
    if (!/^\d{4}-\d\d-\d\d$/.test(startsOn)) {
      if (error) error.textContent = 'Choose the day it starts.';
      return;
    }
    try {
      const instrument = /** @type {import('../../api.js').Instrument} */ (String(d.get('instrument')));
      await api.setMeasureSchedule({ client_id: this.clientId, instrument, every_days: weeks * 7, starts_on: startsOn });
      announce(this, `${nameOf(instrument)} scheduled ${everyWords(weeks * 7)}.`);
      await this.load();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /** @param {string} id @param {boolean} paused */
  async pause(id, paused) {
    try {
      await api.setMeasureSchedulePaused(id, paused);
      await this.load();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {string} id */
  async removeSchedule(id) {
    try {
      await api.removeMeasureSchedule(id);
      await this.load();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }
}

export function registerMeasureSchedules() {
  if (!customElements.get('wk-measure-schedules')) customElements.define('wk-measure-schedules', MeasureSchedules);
}

/**
 * <wk-dashboard-screen>: the first screen after unlock. Greets, offers the calm tools, and shows
 * what needs attention today (appointments, overdue steps, open risk flags, recent mood) from the
 * vault's dashboard queries.
 */
import * as api from '../../api.js';
import { navigate } from '../../lib/events.js';
import { daysAgo, formatDay, formatTime, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { count } from '../../lib/plural.js';

/** How the dashboard names each instrument (the core's keys). */
const INSTRUMENT_NAMES = { phq9: 'PHQ-9', gad7: 'GAD-7', who5: 'WHO-5', phq2: 'PHQ-2', gad2: 'GAD-2' };

/** @param {Date} now */
export function greeting(now) {
  const h = now.getHours();
  return h < 5 ? 'Good evening' : h < 12 ? 'Good morning' : h < 18 ? 'Good afternoon' : 'Good evening';
}

export class DashboardScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {'mentor'|'journal'|'both'|null} */
    this.purpose = null;
  }

  connectedCallback() {
    render(this, html`
      <section class="screen" aria-labelledby="dashboard-title" data-ready="true">
        <h1 id="dashboard-title">${greeting(new Date())}</h1>
        <p class="screen__lead">Your vault is unlocked. Everything here stays encrypted on this computer.</p>
        <div class="dashboard-grid" data-panels></div>
        <h2 class="dashboard__subtitle">Calm tools</h2>
        <div class="dashboard-tools">
          <button type="button" class="card dashboard-tool" data-go="breathing"><strong>Breathing exercise</strong><span class="muted">Follow a slow, steady rhythm</span></button>
          <button type="button" class="card dashboard-tool" data-go="grounding"><strong>Grounding 5-4-3-2-1</strong><span class="muted">Come back to the present, sense by sense</span></button>
          <button type="button" class="card dashboard-tool dashboard-tool--crisis" data-crisis><strong>Crisis lines &amp; safety plan</strong><span class="muted">Who to call, and your plan</span></button>
        </div>
      </section>`);
    for (const button of this.querySelectorAll('[data-go]')) {
      button.addEventListener('click', () => navigate(this, button.getAttribute('data-go') ?? 'dashboard'));
    }
    this.querySelector('[data-crisis]')?.addEventListener('click', () => {
      this.dispatchEvent(new CustomEvent('wk-open-crisis', { bubbles: true }));
    });
    // Two frames later the dashboard has been painted: the mark the start-up timing reads.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      this.querySelector('section')?.setAttribute('data-painted-at', String(Date.now()));
    }));
    this.loadPanels();
  }

  /** Fills the panels from the vault: the practice's day, and the journal's mood. */
  async loadPanels() {
    const panels = /** @type {HTMLElement|null} */ (this.querySelector('[data-panels]'));
    if (!panels) return;
    const mentor = this.purpose !== 'journal';
    const journal = this.purpose !== 'mentor';
    try {
      const [day, mood, clients] = await Promise.all([
        mentor ? api.loadDashboard() : Promise.resolve(null),
        journal ? api.moodSeries(daysAgo(29), today()) : Promise.resolve(null),
        // Flags and measures due carry a client id, not a name. A flag stays in view even for a
        // client in the trash, so both lists give names.
        mentor ? Promise.all([api.listClients(), api.listClients({ deleted: true })]) : Promise.resolve([]),
      ]);
      const names = new Map(clients.flat().map((c) => [c.id, c.preferred_name ?? c.name]));
      const clientName = (/** @type {string|null} */ id) => (id ? names.get(id) ?? 'A client' : 'You');
      render(panels, html`
        ${day ? html`
          <section class="card" aria-labelledby="today-title">
            <h2 id="today-title">Today, ${formatDay(day.today)}</h2>
            ${day.todays_appointments.length
              ? html`<ul>${day.todays_appointments.map((o) => html`<li>${formatTime(o.starts_at)} · ${o.client_name}${o.status !== 'scheduled' ? ` (${o.status})` : ''}</li>`)}</ul>`
              : html`<p class="muted">No sessions today.</p>`}
            <p class="muted">${count(day.counts.active_clients, 'active client')} · ${count(day.counts.draft_notes, 'draft note')} · ${count(day.counts.active_goals, 'active goal')}</p>
          </section>
          <section class="card ${day.clinical.open_risk_flags.length ? 'card--alert' : ''}" aria-labelledby="flags-title">
            <h2 id="flags-title">Open risk flags</h2>
            ${day.clinical.open_risk_flags.length
              ? html`<ul>${day.clinical.open_risk_flags.map((f) => html`<li><button type="button" class="button button--link" data-client="${f.client_id ?? ''}">${clientName(f.client_id)}</button>: ${f.description}</li>`)}</ul>`
              : html`<p class="muted">None open.</p>`}
          </section>
          <section class="card" aria-labelledby="overdue-title">
            <h2 id="overdue-title">Overdue steps</h2>
            ${day.overdue_steps.length
              ? html`<ul>${day.overdue_steps.map((o) => html`<li>${o.step.description} <span class="muted">(${o.goal_title}, due ${formatDay(o.step.due_date)})</span></li>`)}</ul>`
              : html`<p class="muted">Nothing overdue.</p>`}
            ${day.clinical.measures_due.length ? html`<h3>Measures due</h3><ul>${day.clinical.measures_due.map((m) => html`<li>${clientName(m.schedule.client_id)}: ${INSTRUMENT_NAMES[m.schedule.instrument]} due ${formatDay(m.due_on)}</li>`)}</ul>` : ''}
          </section>` : ''}
        ${mood ? html`<section class="card dashboard__mood" data-mood-chart></section>` : ''}`);
      if (mood) {
        const chart = document.createElement('wk-line-chart');
        chart.data = { label: 'Mood, last 30 days (1–10)', min: 1, max: 10, points: mood.map((d) => ({ at: d.day, value: Math.round(d.average * 10) / 10 })) };
        this.querySelector('[data-mood-chart]')?.append(chart);
      }
      for (const b of panels.querySelectorAll('[data-client]')) {
        b.addEventListener('click', () => navigate(this, 'client', { id: b.getAttribute('data-client') }));
      }
    } catch (e) {
      render(panels, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
  }
}

export const dashboardScreen = {
  id: 'dashboard', title: 'Dashboard', section: /** @type {const} */ ('overview'), order: 0,
  tag: 'wk-dashboard-screen', element: DashboardScreen,
};

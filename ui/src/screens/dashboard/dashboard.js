/**
 * <wk-dashboard-screen>: the first screen after unlock. Greets, offers the calm tools, and shows
 * what needs attention today from the vault's dashboard query: appointments, open risk flags
 * (highest level first, then oldest, as the core orders them; one open more than 7 days is marked),
 * overdue steps, goals to review, measures due, referral follow-ups, credentials to renew with
 * the days left (the last four but goals under `clinical`, as the Rust `Dashboard` has them), and
 * recent mood.
 */
import * as api from '../../api.js';
import { navigate } from '../../lib/events.js';
import { daysAgo, formatDay, formatTime, today } from '../../lib/dates.js';
import { renewalText } from '../../lib/due.js';
import { html, render } from '../../lib/html.js';
import { count } from '../../lib/plural.js';
import { overdueLine } from '../../lib/billing.js';
import { LEVELS, flagAge } from '../../lib/risk-flags.js';
import { retentionEndedLine } from '../../lib/retention.js';

/**
 * How the dashboard names each instrument (the core's keys).
 * @type {Record<import('../../api.js').Instrument, string>}
 */
const INSTRUMENT_NAMES = { phq9: 'PHQ-9', gad7: 'GAD-7', who5: 'WHO-5', phq2: 'PHQ-2', gad2: 'GAD-2', k10: 'K10' };


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
    performance.mark('wk-dashboard-connected');
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
    /** @type {Promise<void>} */
    const painted = new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
      performance.mark('wk-dashboard-painted');
      this.querySelector('section')?.setAttribute('data-painted-at', String(Date.now()));
      resolve();
    })));
    this.loadPanels(painted);
  }

  /**
   * Fills the panels from the vault: the practice's day, and the journal's mood. The queries
   * start at once; their answers are drawn after the first paint, so the greeting and the calm
   * tools are on screen without waiting for them (docs/decisions.md 58). Marks the section
   * `data-panels-filled` when done, error or not.
   * @param {Promise<void>} painted  resolves once the frame without the panels is on screen
   */
  async loadPanels(painted) {
    const panels = /** @type {HTMLElement|null} */ (this.querySelector('[data-panels]'));
    if (!panels) return;
    const mentor = this.purpose !== 'journal';
    const journal = this.purpose !== 'mentor';
    const [from, to] = [daysAgo(29), today()];
    try {
      const [day, live, trashed, mood, overdueInvoices] = await Promise.all([
        mentor ? api.loadDashboard() : Promise.resolve(null),
        // Flags, measures and referrals carry a client id; the names come from the client list
        // (the trash too: a flag stays in view for a client in the trash).
        mentor ? api.listClients({}) : Promise.resolve([]),
        mentor ? api.listClients({ deleted: true }) : Promise.resolve([]),
        journal ? api.moodSeries(from, to) : Promise.resolve(null),
        mentor ? api.overdueInvoices() : Promise.resolve([]),
      ]);
      await painted;
      /** @type {Map<string, string>} */
      const names = new Map([...live, ...trashed].map((c) => [c.id, c.preferred_name ? `${c.preferred_name} (${c.name})` : c.name]));
      /** @param {string|null|undefined} id */
      const who = (id) => (id ? names.get(id) ?? 'A client' : 'You');
      /** @param {string|null|undefined} id */
      const person = (id) => (id
        ? html`<button type="button" class="button button--link" data-client="${id}">${who(id)}</button>`
        : html`${who(id)}`);
      const clinical = day?.clinical;
      render(panels, html`
        ${day && clinical ? html`
          <section class="card" aria-labelledby="today-title" data-panel="today">
            <h2 id="today-title">Today, ${formatDay(day.today)}</h2>
            ${day.todays_appointments.length
              ? html`<ul>${day.todays_appointments.map((o) => html`<li>${formatTime(o.starts_at)} · ${o.client_name}${o.status !== 'scheduled' ? ` (${o.status})` : ''}</li>`)}</ul>`
              : html`<p class="muted">No sessions today.</p>`}
            <p class="muted">${count(day.counts.active_clients, 'active client')} · ${count(day.counts.draft_notes, 'draft note')} · ${count(day.counts.active_goals, 'active goal')}</p>
          </section>
          <section class="card ${clinical.open_risk_flags.length ? 'card--alert' : ''}" aria-labelledby="flags-title" data-panel="risk-flags">
            <h2 id="flags-title">Open risk flags</h2>
            ${clinical.open_risk_flags.length
              ? html`<ul>${clinical.open_risk_flags.map((f) => {
                const age = flagAge(f.raised_on, day.today);
                return html`<li class="risk-flag risk-flag--${f.level}${age.old ? ' risk-flag--old' : ''}" data-flag="${f.id}">${person(f.client_id)}: ${LEVELS[f.level] ?? f.level} risk · raised ${formatDay(f.raised_on)} · <span class="risk-flag__age" data-flag-age>${age.old ? html`<strong>${age.text}</strong>` : age.text}</span> · ${f.description}</li>`;
              })}</ul>`
              : html`<p class="muted">None open.</p>`}
          </section>
          <section class="card" aria-labelledby="overdue-title" data-panel="overdue-steps">
            <h2 id="overdue-title">Overdue steps</h2>
            ${day.overdue_steps.length
              ? html`<ul>${day.overdue_steps.map((o) => html`<li>${o.step.description} <span class="muted">(${o.goal_title}, due ${formatDay(o.step.due_date)})</span></li>`)}</ul>`
              : html`<p class="muted">Nothing overdue.</p>`}
          </section>
          <section class="card ${overdueInvoices.length ? 'card--alert' : ''}" aria-labelledby="overdue-invoices-title" data-panel="overdue-invoices">
            <h2 id="overdue-invoices-title">Overdue invoices</h2>
            ${overdueInvoices.length
              ? html`<ul>${overdueInvoices.map((v) => html`<li data-overdue-invoice="${v.invoice.id}">${overdueLine(v)}</li>`)}</ul>`
              : html`<p class="muted">None overdue.</p>`}
          </section>
          <section class="card" aria-labelledby="retention-ended-title" data-panel="retention-ended">
            <h2 id="retention-ended-title">Retention ended</h2>
            ${day.retention_ended.length
              ? html`<ul>${day.retention_ended.map((r) => html`<li><button type="button" class="button button--link" data-client="${r.client_id}">${retentionEndedLine(r)}</button></li>`)}</ul>`
              : html`<p class="muted">No closed record has reached the end of its retention.</p>`}
          </section>
          <section class="card" aria-labelledby="goal-reviews-title" data-panel="goal-reviews-due">
            <h2 id="goal-reviews-title">Goals to review</h2>
            ${day.goal_reviews_due.length
              ? html`<ul>${day.goal_reviews_due.map((g) => html`<li data-goal-review="${g.goal_id}">${person(g.client_id)}: ${g.title}, review due ${formatDay(g.due_on)}, ${g.days_overdue > 0 ? `overdue ${count(g.days_overdue, 'day')}` : 'due today'}</li>`)}</ul>`
              : html`<p class="muted">None due.</p>`}
          </section>
          <section class="card" aria-labelledby="measures-title" data-panel="measures-due">
            <h2 id="measures-title">Measures due</h2>
            ${clinical.measures_due.length
              ? html`<ul>${clinical.measures_due.map((m) => html`<li>${person(m.schedule.client_id)}: ${INSTRUMENT_NAMES[m.schedule.instrument] ?? m.schedule.instrument}, due ${formatDay(m.due_on)}, ${m.days_overdue > 0 ? `overdue ${count(m.days_overdue, 'day')}` : 'due today'}</li>`)}</ul>`
              : html`<p class="muted">None due.</p>`}
          </section>
          <section class="card" aria-labelledby="follow-ups-title" data-panel="referral-follow-ups">
            <h2 id="follow-ups-title">Referral follow-ups</h2>
            ${clinical.referral_follow_ups.length
              ? html`<ul>${clinical.referral_follow_ups.map((r) => html`<li>${person(r.client_id)}: ${r.referred_to}, follow up ${formatDay(r.follow_up_on)}</li>`)}</ul>`
              : html`<p class="muted">None due.</p>`}
          </section>
          <section class="card" aria-labelledby="credentials-title" data-panel="credentials-expiring">
            <h2 id="credentials-title">Credentials to renew</h2>
            ${clinical.credentials_expiring.length
              ? html`<ul>${clinical.credentials_expiring.map((c) => html`<li>${c.title}${c.issuer ? ` (${c.issuer})` : ''}: ${c.valid_to ? renewalText(c.valid_to, day.today) : ''}</li>`)}</ul>`
              : html`<p class="muted">Nothing to renew in the next 60 days.</p>`}
          </section>` : ''}
        ${mood ? html`<section class="card dashboard__mood" data-mood-chart></section>` : ''}`);
      if (mood) {
        const chart = document.createElement('wk-line-chart');
        chart.data = { label: 'Mood, last 30 days (1–10)', min: 1, max: 10, from, to, points: mood.map((d) => ({ at: d.day, value: Math.round(d.average * 10) / 10 })) };
        this.querySelector('[data-mood-chart]')?.append(chart);
      }
      for (const b of panels.querySelectorAll('[data-client]')) {
        b.addEventListener('click', () => navigate(this, 'client', { id: b.getAttribute('data-client') }));
      }
      performance.mark('wk-dashboard-panels');
    } catch (e) {
      await painted;
      render(panels, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
    this.querySelector('section')?.setAttribute('data-panels-filled', '');
  }
}

export const dashboardScreen = {
  id: 'dashboard', title: 'Dashboard', section: /** @type {const} */ ('overview'), order: 0,
  tag: 'wk-dashboard-screen', element: DashboardScreen,
};

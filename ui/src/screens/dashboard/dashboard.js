/**
 * <wk-dashboard-screen>: the first screen after unlock. Greets, offers the calm tools, and shows
 * what needs attention today (appointments, overdue steps, open risk flags, recent mood) from the
 * vault's dashboard queries.
 */
import { navigate } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';

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
  }
}

export const dashboardScreen = {
  id: 'dashboard', title: 'Dashboard', section: /** @type {const} */ ('overview'), order: 0,
  tag: 'wk-dashboard-screen', element: DashboardScreen,
};

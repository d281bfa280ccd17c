/**
 * <wk-referrals-screen>: referrals (to whom, why, status, follow-up) and the resource library
 * (links and notes to share with clients). A referral's status and follow-up day can be changed
 * ("Update a referral"); follow-ups that have come show on the dashboard.
 * Params: { id } — a referral to show (a search hit): marked in the list and picked in
 * "Update a referral".
 */
import * as api from '../../api.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { announce } from '../../lib/events.js';
import { defineSection, formInput } from '../../components/record-section/record-section.js';

const STATUSES = { draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', completed: 'Completed' };

export class ReferralsScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{id?: string}} */
    this.params = {};
  }

  async connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="referrals-screen-title"><h1 id="referrals-screen-title">Referrals and resources</h1><div data-sections></div></section>`);
    /** @type {import('../../api.js').Client[]} */
    let clients = [];
    try {
      clients = await api.listClients({});
    } catch {
      clients = [];
    }
    const names = new Map(clients.map((c) => [c.id, c.preferred_name ?? c.name]));
    const referrals = document.createElement('wk-record-section');
    referrals.config = defineSection({
      id: 'referrals', title: 'Referrals', addLabel: 'Add a referral', empty: 'No referrals yet.',
      fields: [
        { name: 'client_id', label: 'Client', type: 'select', options: Object.fromEntries(names), required: true },
        { name: 'referred_to', label: 'Referred to', required: true },
        { name: 'reason', label: 'Reason', type: 'textarea', required: true },
        { name: 'referred_on', label: 'Date', type: 'date', value: today(), required: true },
        { name: 'status', label: 'Status', type: 'select', options: STATUSES, value: 'sent' },
        { name: 'follow_up_on', label: 'Follow up on', type: 'date' },
      ],
      load: async () => (await Promise.all(clients.map((c) => api.listReferrals(c.id)))).flat(),
      item: (r) => html`<strong>${(r.client_id && names.get(r.client_id)) || ''} → ${r.referred_to}</strong><span>${r.reason}</span>
        <span class="muted" data-referral-status>${STATUSES[r.status]} · ${formatDay(r.referred_on)}${r.follow_up_on ? ` · follow up ${formatDay(r.follow_up_on)}` : ''}</span>`,
      save: (v) => api.addReferral(formInput(v, { notes: '' })),
      name: (r) => `Referral to ${r.referred_to}`,
      edit: {
        values: (r) => ({ client_id: r.client_id ?? '', referred_to: r.referred_to, reason: r.reason, referred_on: r.referred_on,
          status: r.status, follow_up_on: r.follow_up_on ?? '' }),
        save: (r, v) => api.updateReferral(r.id, formInput(v, { notes: r.notes })),
      },
      trash: { kind: 'referral', id: (r) => r.id, what: 'Referral' },
      current: (r) => r.id === this.params.id,
    });
    const library = document.createElement('wk-record-section');
    library.config = defineSection({
      id: 'resources', title: 'Resource library', addLabel: 'Add a resource', empty: 'The library is empty.',
      fields: [
        { name: 'title', label: 'Title', required: true },
        { name: 'url', label: 'Link', type: 'url' },
        { name: 'category', label: 'Category', value: 'general', required: true },
        { name: 'notes', label: 'Notes', type: 'textarea' },
      ],
      load: () => api.listResources(),
      item: (r) => html`<strong>${r.title}</strong>${r.url ? html`<span class="muted">${r.url}</span>` : ''}<span>${r.notes}</span>`,
      save: (v) => api.addResource(formInput(v, { notes: String(v.notes ?? ''), tags: [] })),
      name: (r) => r.title,
      edit: {
        values: (r) => ({ title: r.title, url: r.url ?? '', category: r.category, notes: r.notes }),
        save: (r, v) => api.updateResource(r.id, formInput(v, { notes: String(v.notes ?? ''), tags: r.tags })),
      },
      trash: { kind: 'resource', id: (r) => r.id, what: 'Resource' },
    });
    const update = document.createElement('section');
    update.className = 'card referrals__update';
    update.setAttribute('aria-labelledby', 'referral-update-title');
    /** @type {HTMLElement} */ (this.querySelector('[data-sections]')).append(referrals, update, library);
    await this.drawUpdate(update, clients, names, referrals);
  }

  /**
   * The form to move a referral on: its status and follow-up day.
   * @param {HTMLElement} box @param {import('../../api.js').Client[]} clients @param {Map<string, string>} names
   * @param {HTMLElement & {load?: () => Promise<void>}} section
   */
  async drawUpdate(box, clients, names, section) {
    /** @type {import('../../api.js').Referral[]} */
    let all = [];
    try {
      all = (await Promise.all(clients.map((c) => api.listReferrals(c.id)))).flat();
    } catch (e) {
      render(box, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
      return;
    }
    // The referral the screen was opened for comes first in the pick, so the form is for it.
    const shown = all.findIndex((r) => r.id === this.params.id);
    if (shown > 0) all.unshift(...all.splice(shown, 1));
    render(box, html`<h2 id="referral-update-title">Update a referral</h2>
      ${all.length === 0 ? html`<p class="muted">No referrals yet.</p>` : html`
      <form data-referral-update novalidate>
        <div class="field"><label for="referral-pick">Referral</label>
          <select id="referral-pick" name="id">${all.map((r) => html`<option value="${r.id}">${(r.client_id && names.get(r.client_id)) || ''} → ${r.referred_to} (${formatDay(r.referred_on)})</option>`)}</select></div>
        <div class="field"><label for="referral-status">Status</label>
          <select id="referral-status" name="status">${Object.entries(STATUSES).map(([k, v]) => html`<option value="${k}" ${all[0]?.status === k ? html`selected` : ''}>${v}</option>`)}</select></div>
        <div class="field"><label for="referral-follow-up">Follow up on (leave empty to keep)</label><input id="referral-follow-up" name="follow_up_on" type="date"></div>
        <p class="field__error" role="alert" data-referral-error></p>
        <div class="actions"><button class="button" type="submit">Update referral</button></div>
      </form>`}`);
    const pick = /** @type {HTMLSelectElement|null} */ (box.querySelector('#referral-pick'));
    pick?.addEventListener('change', () => {
      const r = all.find((x) => x.id === pick.value);
      const status = /** @type {HTMLSelectElement|null} */ (box.querySelector('#referral-status'));
      if (r && status) status.value = r.status;
    });
    box.querySelector('[data-referral-update]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(/** @type {HTMLFormElement} */ (e.target));
      const error = box.querySelector('[data-referral-error]');
      try {
        const r = await api.setReferralStatus(String(d.get('id') ?? ''), /** @type {import('../../api.js').ReferralStatus} */ (String(d.get('status') ?? 'sent')), String(d.get('follow_up_on') ?? '') || null);
        announce(this, `Referral to ${r.referred_to}: ${STATUSES[r.status]}${r.follow_up_on ? `, follow up ${formatDay(r.follow_up_on)}` : ''}.`);
        await section.load?.();
        await this.drawUpdate(box, clients, names, section);
      } catch (err) {
        if (error) error.textContent = api.toApiError(err).message;
      }
    });
  }
}

export const referralsScreen = {
  id: 'referrals', title: 'Referrals & resources', section: /** @type {const} */ ('practice'), order: 5, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-referrals-screen', element: ReferralsScreen,
};

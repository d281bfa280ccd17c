/**
 * <wk-referrals-screen>: referrals (to whom, why, status, follow-up) and the resource library
 * (links and notes to share with clients).
 */
import * as api from '../../api.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';

const STATUSES = { draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', completed: 'Completed' };

export class ReferralsScreen extends HTMLElement {
  async connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="referrals-screen-title"><h1 id="referrals-screen-title">Referrals and resources</h1><div data-sections></div></section>`);
    let clients = [];
    try {
      clients = await api.listClients({});
    } catch {
      clients = [];
    }
    const names = new Map(clients.map((/** @type {any} */ c) => [c.id, c.preferred_name ?? c.name]));
    const referrals = /** @type {any} */ (document.createElement('wk-record-section'));
    referrals.config = {
      id: 'referrals', title: 'Referrals', addLabel: 'Add a referral', empty: 'No referrals yet.',
      fields: [
        { name: 'client_id', label: 'Client', type: 'select', options: Object.fromEntries(names), required: true },
        { name: 'referred_to', label: 'Referred to', required: true },
        { name: 'reason', label: 'Reason', type: 'textarea', required: true },
        { name: 'referred_on', label: 'Date', type: 'date', value: today(), required: true },
        { name: 'status', label: 'Status', type: 'select', options: STATUSES, value: 'sent' },
        { name: 'follow_up_on', label: 'Follow up on', type: 'date' },
      ],
      load: async () => (await Promise.all(clients.map((/** @type {any} */ c) => api.listReferrals(c.id)))).flat(),
      item: (/** @type {any} */ r) => html`<strong>${names.get(r.client_id) ?? ''} → ${r.referred_to}</strong><span>${r.reason}</span>
        <span class="muted">${STATUSES[/** @type {keyof STATUSES} */ (r.status)] ?? r.status} · ${formatDay(r.referred_on)}${r.follow_up_on ? ` · follow up ${formatDay(r.follow_up_on)}` : ''}</span>`,
      save: (/** @type {any} */ v) => api.addReferral({ ...v, notes: '' }),
    };
    const library = /** @type {any} */ (document.createElement('wk-record-section'));
    library.config = {
      id: 'resources', title: 'Resource library', addLabel: 'Add a resource', empty: 'The library is empty.',
      fields: [
        { name: 'title', label: 'Title', required: true },
        { name: 'url', label: 'Link', type: 'url' },
        { name: 'category', label: 'Category', value: 'general', required: true },
        { name: 'notes', label: 'Notes', type: 'textarea' },
      ],
      load: () => api.listResources(),
      item: (/** @type {any} */ r) => html`<strong>${r.title}</strong>${r.url ? html`<span class="muted">${r.url}</span>` : ''}<span>${r.notes}</span>`,
      save: (/** @type {any} */ v) => api.addResource({ ...v, notes: v.notes ?? '', tags: [] }),
    };
    /** @type {HTMLElement} */ (this.querySelector('[data-sections]')).append(referrals, library);
  }
}

export const referralsScreen = {
  id: 'referrals', title: 'Referrals & resources', section: /** @type {const} */ ('practice'), order: 5, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-referrals-screen', element: ReferralsScreen,
};

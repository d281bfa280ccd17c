/**
 * <wk-referrals-screen>: referrals (to whom, why, status, follow-up) and the resource library
 * (links and notes to share with clients).
 */
import * as api from '../../api.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { defineSection, formInput } from '../../components/record-section/record-section.js';

const STATUSES = { draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', completed: 'Completed' };

export class ReferralsScreen extends HTMLElement {
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
        <span class="muted">${STATUSES[r.status]} · ${formatDay(r.referred_on)}${r.follow_up_on ? ` · follow up ${formatDay(r.follow_up_on)}` : ''}</span>`,
      save: (v) => api.addReferral(formInput(v, { notes: '' })),
      name: (r) => `Referral to ${r.referred_to}`,
      edit: {
        values: (r) => ({ client_id: r.client_id ?? '', referred_to: r.referred_to, reason: r.reason, referred_on: r.referred_on,
          status: r.status, follow_up_on: r.follow_up_on ?? '' }),
        save: (r, v) => api.updateReferral(r.id, formInput(v, { notes: r.notes })),
      },
      trash: { kind: 'referral', id: (r) => r.id, what: 'Referral' },
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
    /** @type {HTMLElement} */ (this.querySelector('[data-sections]')).append(referrals, library);
  }
}

export const referralsScreen = {
  id: 'referrals', title: 'Referrals & resources', section: /** @type {const} */ ('practice'), order: 5, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-referrals-screen', element: ReferralsScreen,
};

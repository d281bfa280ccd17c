/**
 * <wk-consent-screen>: consent records and the disclosure log for one client: what the client
 * agreed to share and until when, and every disclosure (what, to whom, when, on which consent or
 * legal duty). Choose the client at the top. A consent can be withdrawn (dated, with a note of
 * how); from that day the core refuses a disclosure on it, so the log asks for another basis.
 * Each consent shows its lawful basis (Art. 6(1)) and Art. 9(2) condition, and "Relied on by N
 * disclosures" with the list. Exports and share files add their own entries to the log.
 */
import * as api from '../../api.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { announce } from '../../lib/events.js';
import { defineSection } from '../../components/record-section/record-section.js';
import { ART9_CONDITIONS, LAWFUL_BASES, basisText, consentStatus, disclosureBasisText, reliedOnText } from '../../lib/lawful-basis.js';

export class ConsentScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {string|null} the client whose records are being shown */
    this.showing = null;
  }

  async connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="consent-title"><h1 id="consent-title">Consent and disclosures</h1>
      <div class="field consent__client"><label for="consent-client">Client</label><select id="consent-client" data-client></select></div>
      <div data-sections></div></section>`);
    const select = /** @type {HTMLSelectElement} */ (this.querySelector('[data-client]'));
    try {
      const clients = await api.listClients({});
      render(select, html`${clients.map((c) => html`<option value="${c.id}">${c.preferred_name ?? c.name}</option>`)}`);
      if (!clients.length) {
        render(/** @type {HTMLElement} */ (this.querySelector('[data-sections]')), html`<p class="muted">Add a client first (Clients).</p>`);
        return;
      }
    } catch (e) {
      render(/** @type {HTMLElement} */ (this.querySelector('[data-sections]')), html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
      return;
    }
    select.addEventListener('change', () => this.show(select.value));
    this.show(select.value);
  }

  /** @param {string} clientId */
  async show(clientId) {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-sections]'));
    box.replaceChildren();
    // A quick change of client: only the latest choice fills the sections.
    this.showing = clientId;
    /** @type {import('../../api.js').Consent[]} */
    let consents = [];
    try {
      consents = await api.listConsents(clientId, true);
    } catch {
      consents = [];
    }
    if (this.showing !== clientId) return;
    box.replaceChildren();
    /** @type {Record<string, import('../../api.js').Disclosure[]>} the disclosures each consent's row lists */
    let relied = {};
    const consentSection = document.createElement('wk-record-section');
    consentSection.config = defineSection({
      id: 'consents', title: 'Consent records', addLabel: 'Record consent', empty: 'No consent recorded.',
      fields: [
        { name: 'scope', label: 'What the client agrees to (scope)', required: true },
        { name: 'given_on', label: 'Given on', type: 'date', value: today(), required: true },
        { name: 'expires_on', label: 'Expires on', type: 'date' },
        { name: 'lawful_basis', label: 'Lawful basis (GDPR Art. 6(1))', type: 'select', required: true, options: { '': 'Choose…', ...LAWFUL_BASES } },
        { name: 'art9_condition', label: 'Health data: Art. 9(2) condition', type: 'select', required: true, options: { '': 'Choose…', ...ART9_CONDITIONS } },
        { name: 'art9_other', label: 'The condition in words (for “Other”)' },
        { name: 'notes', label: 'Notes', type: 'textarea' },
      ],
      load: async () => {
        const list = await api.listConsents(clientId, false);
        relied = Object.fromEntries(await Promise.all(list.map(async (c) => [c.id, await api.disclosuresRelyingOn(c.id)])));
        return list;
      },
      item: (c) => {
        const uses = relied[c.id] ?? [];
        return html`<strong>${c.scope}</strong><span class="muted" data-consent-status>${consentStatus(c, today())}</span>
          <span data-consent-basis>${basisText(c)}</span><span data-relied-on>${reliedOnText(uses.length)}</span>
          ${uses.length ? html`<ul class="consent__relied" aria-label="Disclosures that relied on “${c.scope}”">${uses.map((d) => html`<li data-relied-item>${formatDay(d.disclosed_on)}: ${d.what}, to ${d.recipient}</li>`)}</ul>` : ''}`;
      },
      save: (v) => api.recordConsent({
        client_id: clientId, scope: String(v.scope ?? ''), given_on: String(v.given_on ?? ''),
        expires_on: v.expires_on ? String(v.expires_on) : null, notes: String(v.notes ?? ''),
        lawful_basis: v.lawful_basis ? /** @type {import('../../api.js').LawfulBasis} */ (String(v.lawful_basis)) : null,
        art9_condition: v.art9_condition ? /** @type {import('../../api.js').Art9Condition} */ (String(v.art9_condition)) : null,
        art9_other: String(v.art9_other ?? '').trim() || null,
      }),
    });
    /** @type {Record<string, string>} */
    const scopes = {};
    try {
      for (const c of await api.listConsents(clientId, false)) scopes[c.id] = c.scope;
    } catch {
      // The basis line then names no scope; the consent section shows the error.
    }
    if (this.showing !== clientId) return;
    const consentScope = (/** @type {string} */ id) => scopes[id] ?? 'a consent record';
    const disclosureSection = document.createElement('wk-record-section');
    disclosureSection.config = defineSection({
      id: 'disclosures', title: 'Disclosure log', addLabel: 'Log a disclosure', empty: 'Nothing has been shared.',
      fields: [
        { name: 'what', label: 'What was shared', required: true },
        { name: 'recipient', label: 'With whom', required: true },
        { name: 'disclosed_on', label: 'When', type: 'date', value: today(), required: true },
        { name: 'basis', label: 'On what basis', type: 'select', options: { ...Object.fromEntries(consents.map((c) => [`consent:${c.id}`, `Consent: ${c.scope}`])), legal_duty: 'A legal duty (explain below)' } },
        { name: 'explanation', label: 'The legal duty and why it applied (for a legal duty)', type: 'textarea' },
        { name: 'notes', label: 'Notes', type: 'textarea' },
      ],
      load: () => api.listDisclosures(clientId),
      item: (d) => html`<strong data-disclosure-what>${d.what}</strong><span data-disclosure-to>to ${d.recipient}, ${formatDay(d.disclosed_on)}</span><span class="muted" data-disclosure-basis>${disclosureBasisText(d.basis, consentScope)}</span>`,
      save: (v) => api.logDisclosure({
        client_id: clientId, what: String(v.what), recipient: String(v.recipient), disclosed_on: String(v.disclosed_on), notes: String(v.notes ?? ''),
        basis: String(v.basis ?? '').startsWith('consent:') ? { basis: 'consent', consent_id: String(v.basis).slice(8) } : { basis: 'legal_duty', explanation: String(v.explanation ?? '') },
      }),
    });
    const open = consents.filter((c) => !c.withdrawn_on);
    const withdraw = document.createElement('section');
    withdraw.className = 'card consent__withdraw';
    withdraw.setAttribute('aria-labelledby', 'withdraw-title');
    render(withdraw, html`<h2 id="withdraw-title">Withdraw consent</h2>
      ${open.length === 0 ? html`<p class="muted">No consent to withdraw.</p>` : html`
      <form data-withdraw novalidate>
        <div class="field"><label for="withdraw-consent">Consent</label>
          <select id="withdraw-consent" name="consent">${open.map((c) => html`<option value="${c.id}">${c.scope} (given ${formatDay(c.given_on)})</option>`)}</select></div>
        <div class="field"><label for="withdraw-on">Withdrawn on</label><input id="withdraw-on" name="withdrawn_on" type="date" value="${today()}" required></div>
        <div class="field"><label for="withdraw-note">How it was withdrawn</label><textarea id="withdraw-note" name="note"></textarea></div>
        <p class="field__error" role="alert" data-withdraw-error></p>
        <p class="muted">From that day, a disclosure can no longer rest on this consent: log it under a legal duty, or record a new consent.</p>
        <div class="actions"><button class="button" type="submit">Withdraw consent</button></div>
      </form>`}`);
    box.append(consentSection, withdraw, disclosureSection);
    withdraw.querySelector('[data-withdraw]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const d = new FormData(/** @type {HTMLFormElement} */ (e.target));
      const error = withdraw.querySelector('[data-withdraw-error]');
      try {
        const c = await api.withdrawConsent(String(d.get('consent') ?? ''), String(d.get('withdrawn_on') ?? '') || null, String(d.get('note') ?? ''));
        announce(this, `Consent “${c.scope}” withdrawn from ${formatDay(c.withdrawn_on)}.`);
        await this.show(clientId);
      } catch (err) {
        if (error) error.textContent = api.toApiError(err).message;
      }
    });
  }
}

export const consentScreen = {
  id: 'consent', title: 'Consent & disclosures', section: /** @type {const} */ ('practice'), order: 4, purpose: /** @type {const} */ ('mentor'),
  tag: 'wk-consent-screen', element: ConsentScreen,
};

/**
 * <wk-exchange-screen>: sharing identity and contacts. Shows this vault's contact card (text to
 * copy, QR code, fingerprint), adds a contact from a pasted card only after the person confirms
 * they compared its fingerprint with its owner aloud, lists contacts, and (for a mentor) links a
 * client record to that client's contact so what they share is filed under their record. Each
 * contact is "my mentor" or "my client", chosen when the card is confirmed and changeable later:
 * only a mentor may propose a safety plan (accepted or declined on Open a share file).
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { fingerprintGroups, svgDataUrl } from '../../lib/transfer.js';

/** How a role reads after a contact's name, as the core's `ContactRole::label` says it. */
const ROLE_LABELS = /** @type {Record<import('../../api.js').ContactRole, string>} */ ({
  my_mentor: 'my mentor', my_client: 'my client', unknown: 'role not chosen',
});

/** @param {string} fingerprint */
function fingerprintMarkup(fingerprint) {
  return html`<p class="fingerprint mono" aria-label="Fingerprint ${fingerprint}">${fingerprintGroups(fingerprint).map((g) => html`<span>${g}</span>`)}</p>`;
}

export class ExchangeScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {string|null} */
    this.purpose = null;
    /** The pasted card waiting for confirmation. */
    this.pendingText = '';
  }

  async connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="exchange-title">
      <h1 id="exchange-title">Sharing and contacts</h1>
      <p class="muted">Share with your mentor or client without any server: files are encrypted to them and signed by you.</p>
      <div class="card exchange-card" data-identity></div>
      <div class="card exchange-card" data-add-contact></div>
      <div class="card exchange-card" data-contacts></div>
      <div class="card exchange-card" data-link hidden></div>
    </section>`);
    try {
      this.purpose ??= (await api.appStatus()).purpose;
    } catch {
      this.purpose = null;
    }
    await this.drawIdentity();
    this.drawAddContact();
    await this.drawContacts();
  }

  async drawIdentity() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-identity]'));
    let card = null;
    try {
      card = await api.myContactCard();
    } catch (error) {
      render(box, html`<p class="notice notice--error" role="alert">${api.toApiError(error).message}</p>`);
      return;
    }
    render(box, html`<h2>Your contact card</h2>
      ${card ? html`
        <p>Give this card to your mentor or client (copy the text into a message, or let them scan the QR code), then compare fingerprints aloud.</p>
        <img class="exchange-qr" data-qr alt="QR code of your contact card">
        <div class="field"><label for="my-card-text">Your card as text</label>
          <textarea id="my-card-text" class="mono" readonly data-my-card>${card.text}</textarea></div>
        <div class="actions"><button class="button button--quiet" type="button" data-copy>Copy card text</button></div>
        <h3>Your fingerprint</h3>${fingerprintMarkup(card.fingerprint)}` : html`
        <p>Set up sharing once: Wellkept makes your own encryption and signing keys (kept inside your vault) and a contact card to give to others.</p>`}
      <form data-setup novalidate>
        <div class="field"><label for="exchange-name">${card ? 'Name on your card' : 'Your name as others will see it'}</label>
          <input id="exchange-name" name="displayName" type="text" maxlength="80" value="${card?.display_name ?? ''}" required></div>
        <p class="field__error" role="alert" data-setup-error></p>
        <div class="actions"><button class="button" type="submit">${card ? 'Update my name' : 'Set up sharing'}</button></div>
      </form>`);
    const qr = /** @type {HTMLImageElement|null} */ (box.querySelector('[data-qr]'));
    if (qr && card) {
      try {
        qr.src = svgDataUrl(card.qr_svg);
      } catch {
        qr.remove();
      }
    }
    box.querySelector('[data-copy]')?.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(card?.text ?? '');
        announce(this, 'Your card is copied. Paste it into a message to your contact.');
      } catch {
        /** @type {HTMLTextAreaElement|null} */ (box.querySelector('[data-my-card]'))?.select();
        announce(this, 'Select the card text and copy it with Ctrl+C.');
      }
    });
    const form = /** @type {HTMLFormElement} */ (box.querySelector('[data-setup]'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const error = /** @type {HTMLElement} */ (form.querySelector('[data-setup-error]'));
      const name = String(new FormData(form).get('displayName') ?? '').trim();
      if (!name) {
        error.textContent = 'Type the name your contacts know you by.';
        return;
      }
      try {
        await api.setUpExchange(name);
        announce(this, 'Sharing is set up. Your contact card is ready.');
        await this.drawIdentity();
      } catch (e) {
        error.textContent = api.toApiError(e).message;
      }
    });
  }

  drawAddContact() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-add-contact]'));
    render(box, html`<h2>Add a contact</h2>
      <form data-read-card novalidate>
        <div class="field"><label for="contact-card-text">Paste their contact card</label>
          <textarea id="contact-card-text" name="card" class="mono" spellcheck="false" aria-describedby="contact-card-hint"></textarea>
          <span class="field__hint" id="contact-card-hint">The whole card, from “WELLKEPT-CONTACT-1” to the “check:” line. Text around it is ignored.</span></div>
        <p class="field__error" role="alert" data-read-error></p>
        <div class="actions"><button class="button" type="submit">Read card</button></div>
      </form>
      <div data-confirm></div>`);
    const form = /** @type {HTMLFormElement} */ (box.querySelector('[data-read-card]'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const error = /** @type {HTMLElement} */ (box.querySelector('[data-read-error]'));
      const confirm = /** @type {HTMLElement} */ (box.querySelector('[data-confirm]'));
      error.textContent = '';
      render(confirm, html``);
      const text = String(new FormData(form).get('card') ?? '');
      if (!text.trim()) {
        error.textContent = 'Paste the card your contact sent you first.';
        return;
      }
      try {
        const card = await api.readContactCard(text);
        this.pendingText = text;
        this.drawConfirm(confirm, card);
      } catch (e) {
        error.textContent = api.toApiError(e).message;
      }
    });
  }

  /**
   * @param {HTMLElement} box
   * @param {import('../../api.js').ContactView} card
   */
  drawConfirm(box, card) {
    render(box, html`<div class="notice" data-pending-contact>
      <p><strong>${card.display_name}</strong>’s fingerprint:</p>
      ${fingerprintMarkup(card.fingerprint)}
      <p>Call or meet ${card.display_name} and read these numbers to each other. They must see exactly the same numbers under “Your fingerprint” in their Wellkept. If any group differs, do not save: the card may not be theirs.</p>
      <label class="choice"><input type="checkbox" data-compared> <span>I compared the fingerprint with ${card.display_name} aloud and every group matches</span></label>
      <fieldset class="field" data-role-choice><legend>Who is ${card.display_name} to you?</legend>
        <label class="choice"><input type="radio" name="new-contact-role" value="my_mentor"> <span>My mentor: may propose a safety plan for me to accept</span></label>
        <label class="choice"><input type="radio" name="new-contact-role" value="my_client"> <span>My client: what they share is filed under their client record</span></label>
      </fieldset>
      <p class="field__error" role="alert" data-role-error></p>
      <div class="actions"><button class="button" type="button" data-save-contact disabled>Save contact</button></div>
    </div>`);
    const tick = /** @type {HTMLInputElement} */ (box.querySelector('[data-compared]'));
    const save = /** @type {HTMLButtonElement} */ (box.querySelector('[data-save-contact]'));
    tick.addEventListener('change', () => { save.disabled = !tick.checked; });
    // Next step for keyboard users, and brings the fingerprint into view.
    tick.focus();
    save.addEventListener('click', async () => {
      if (!tick.checked) return;
      const chosen = /** @type {HTMLInputElement|null} */ (box.querySelector('input[name="new-contact-role"]:checked'));
      const roleError = /** @type {HTMLElement} */ (box.querySelector('[data-role-error]'));
      if (!chosen) {
        roleError.textContent = `Choose whether ${card.display_name} is your mentor or your client.`;
        /** @type {HTMLInputElement|null} */ (box.querySelector('input[name="new-contact-role"]'))?.focus();
        return;
      }
      roleError.textContent = '';
      try {
        const contact = await api.addConfirmedContact(this.pendingText, /** @type {import('../../api.js').ContactRole} */ (chosen.value));
        this.pendingText = '';
        render(box, html``);
        const textarea = /** @type {HTMLTextAreaElement|null} */ (this.querySelector('#contact-card-text'));
        if (textarea) textarea.value = '';
        announce(this, `${contact.display_name} is now a confirmed contact (${ROLE_LABELS[contact.role]}).`);
        await this.drawContacts();
      } catch (e) {
        announce(this, api.toApiError(e).message, 'error');
      }
    });
  }

  async drawContacts() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-contacts]'));
    /** @type {import('../../api.js').ContactView[]} */
    let contacts = [];
    try {
      contacts = await api.listContacts();
    } catch (e) {
      render(box, html`<h2>Your contacts</h2><p class="notice notice--error" role="alert">${api.toApiError(e).message}</p>`);
      return;
    }
    render(box, html`<h2>Your contacts</h2>
      ${contacts.length === 0 ? html`<p class="muted">No contacts yet.</p>` : html`<ul class="transfer-list" data-contact-list>
        ${contacts.map((c) => html`<li data-contact="${c.id}"><strong data-contact-name>${c.display_name} · ${ROLE_LABELS[c.role]}</strong>
          <span class="muted" data-role-since>${c.role_since ? `since ${formatDay(c.role_since)}` : ''}</span>
          <span class="mono muted">${c.fingerprint}</span>
          <span class="contact-role">
            <label for="role-${c.id}">Change ${c.display_name}’s role</label>
            <select id="role-${c.id}" data-role-select="${c.id}">
              <option value="my_mentor" ${c.role === 'my_mentor' ? html`selected` : ''}>My mentor</option>
              <option value="my_client" ${c.role === 'my_client' ? html`selected` : ''}>My client</option>
              ${c.role === 'unknown' ? html`<option value="" selected disabled>Choose a role</option>` : ''}
            </select>
            <button type="button" class="button button--quiet" data-set-role="${c.id}">Change role</button>
          </span></li>`)}
      </ul>`}
      <p role="status" data-role-result></p>`);
    box.querySelectorAll('[data-set-role]').forEach((button) => button.addEventListener('click', async () => {
      const id = button.getAttribute('data-set-role') ?? '';
      const select = /** @type {HTMLSelectElement|null} */ (box.querySelector(`[data-role-select="${id}"]`));
      const name = contacts.find((c) => c.id === id)?.display_name ?? 'This contact';
      if (!select?.value) {
        announce(this, `Choose whether ${name} is your mentor or your client.`, 'error');
        return;
      }
      try {
        const changed = await api.setContactRole(id, /** @type {import('../../api.js').ContactRole} */ (select.value));
        const text = `${changed.display_name} · ${ROLE_LABELS[changed.role]} from now on.`;
        await this.drawContacts();
        const result = /** @type {HTMLElement|null} */ (this.querySelector('[data-role-result]'));
        if (result) result.textContent = text;
        announce(this, text);
      } catch (e) {
        announce(this, api.toApiError(e).message, 'error');
      }
    }));
    if (this.purpose === 'mentor' || this.purpose === 'both') await this.drawLink(contacts);
  }

  /** @param {import('../../api.js').ContactView[]} contacts */
  async drawLink(contacts) {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-link]'));
    /** @type {import('../../api.js').Client[]} */
    let clients = [];
    try {
      clients = await api.listClients({});
    } catch {
      clients = [];
    }
    box.hidden = false;
    render(box, html`<h2>Link a client record to a contact</h2>
      <p class="muted">What a linked client shares with you is filed under their record.</p>
      <form data-link-form novalidate>
        <div class="field"><label for="link-client">Client</label>
          <select id="link-client" name="client">${clients.map((c) => html`<option value="${c.id}">${c.preferred_name ?? c.name}${c.contact_id ? ' (linked)' : ''}</option>`)}</select></div>
        <div class="field"><label for="link-contact">Contact</label>
          <select id="link-contact" name="contact"><option value="">Not linked</option>${contacts.map((c) => html`<option value="${c.id}">${c.display_name}</option>`)}</select></div>
        <div class="actions"><button class="button" type="submit" ${clients.length ? '' : html`disabled`}>Link</button></div>
      </form>`);
    const form = /** @type {HTMLFormElement} */ (box.querySelector('[data-link-form]'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const clientId = String(data.get('client') ?? '');
      const contactId = String(data.get('contact') ?? '') || null;
      try {
        await api.linkClientContact(clientId, contactId);
        announce(this, contactId ? 'The client record is linked to the contact.' : 'The client record is no longer linked.');
        await this.drawLink(contacts);
      } catch (e) {
        announce(this, api.toApiError(e).message, 'error');
      }
    });
  }
}

export const exchangeScreen = {
  id: 'exchange', title: 'Sharing & contacts', section: /** @type {const} */ ('app'), order: 2,
  tag: 'wk-exchange-screen', element: ExchangeScreen,
};

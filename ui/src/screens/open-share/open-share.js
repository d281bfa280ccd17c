/**
 * <wk-open-share-screen>: opens a share file a contact sent. The preview verifies the signature
 * against a confirmed contact and decrypts the file before showing anything (from whom, what,
 * how much is new); importing files the items with their origin. A refused file (unknown
 * sender, bad signature, tampered, meant for someone else, too large) is said plainly and
 * nothing is changed. Importing the same file again adds nothing and says so. A mentor also
 * sees here what each client linked to a contact has shared; a client sees what their mentor
 * shared with them ("From my mentor", drawn by `lib/received.js`). Choosing one of a client's
 * items opens its view below the list: what it is, when it came, its text, and its
 * "Attachments" (`<wk-attachment-list>`, owner kind `received_item`: add, open, move to trash).
 */
import * as api from '../../api.js';
import { localDay } from '../../lib/dates.js';
import { announce, navigate } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';
import { receivedFromMentor } from '../../lib/received.js';
import { describeShareImport, fingerprintGroups } from '../../lib/transfer.js';

export class OpenShareScreen extends HTMLElement {
  /** @type {import('../../api.js').VaultPurpose|null} what the vault holds, set by the frame */
  purpose = null;

  /** @type {import('../../lib/received.js').ProposalOutcome|null} what the last accept/decline said */
  outcome = null;

  connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="open-share-title">
      <h1 id="open-share-title">Open a share file</h1>
      <form class="card exchange-card" data-open novalidate>
        ${pathField({ id: 'open-share-path', label: 'Share file', hint: 'The .wkshare file your mentor or client sent you.' })}
        <p class="notice notice--error" role="alert" data-open-error></p>
        <div class="actions"><button class="button" type="submit">Preview</button></div>
      </form>
      <div class="card exchange-card" data-preview hidden></div>
      <div class="card exchange-card" data-from-mentor hidden></div>
      <div class="card exchange-card" data-received hidden></div>
    </section>`);
    this.drawFromMentor();
    this.drawReceived();
    wirePathField(this, 'open-share-path', () => api.chooseOpenPath({
      title: 'Open a share file', filters: [{ name: 'Wellkept share file', extensions: ['wkshare'] }, { name: 'All files', extensions: ['*'] }],
    }));
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-open]'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.preview();
    });
  }

  /** For a client: homework, resources and plans their mentor shared, newest first. */
  async drawFromMentor() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-from-mentor]'));
    try {
      const purpose = this.purpose ?? (await api.appStatus()).purpose;
      if (purpose === 'mentor') return;
    } catch {
      return;
    }
    box.hidden = false;
    try {
      const [items, sections] = await Promise.all([api.listReceivedItems({}), api.safetyPlanSections()]);
      render(box, receivedFromMentor(items, { sections, outcome: this.outcome }));
      box.querySelector('[data-view-current-plan]')?.addEventListener('click', () => navigate(this, 'safety-plan'));
      /** @param {string} attribute @param {(id: string) => Promise<string>} act */
      const wire = (attribute, act) => box.querySelectorAll(`[${attribute}]`).forEach((button) => button.addEventListener('click', async () => {
        const id = button.getAttribute(attribute) ?? '';
        try {
          const text = await act(id);
          this.outcome = { id, text, refused: false };
          announce(this, text);
        } catch (e) {
          this.outcome = { id, text: api.toApiError(e).message, refused: true };
        }
        await this.drawFromMentor();
        /** @type {HTMLElement|null} */ (box.querySelector('[data-proposal-outcome]'))?.focus();
      }));
      wire('data-accept-proposal', async (id) => (await api.acceptSafetyPlanProposal(id)).note);
      wire('data-decline-proposal', (id) => api.declineSafetyPlanProposal(id));
      box.querySelectorAll('[data-file-received]').forEach((button) => button.addEventListener('click', async () => {
        try {
          const filed = await api.fileReceivedItem(button.getAttribute('data-file-received') ?? '');
          announce(this, filed.note);
          await this.drawFromMentor();
        } catch (e) {
          announce(this, api.toApiError(e).message, 'error');
        }
      }));
    } catch (e) {
      render(box, html`<h2>From my mentor</h2><p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
  }

  /** For a mentor: what each linked client has shared, under their record. */
  async drawReceived() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-received]'));
    /** @type {import('../../api.js').Client[]} */
    let clients = [];
    try {
      const purpose = this.purpose ?? (await api.appStatus()).purpose;
      if (purpose !== 'mentor' && purpose !== 'both') return;
      clients = (await api.listClients({})).filter((c) => c.contact_id);
    } catch {
      return;
    }
    box.hidden = false;
    render(box, html`<h2>Shared by your clients</h2>
      ${clients.length === 0 ? html`<p class="muted">No client record is linked to a contact yet (link them under Sharing &amp; contacts).</p>` : html`
        <div class="field"><label for="received-client">Client</label>
          <select id="received-client">${clients.map((c) => html`<option value="${c.id}">${c.preferred_name ?? c.name}</option>`)}</select></div>
        <ul class="transfer-list received-list" data-received-items></ul>
        <section class="received-view" data-received-view hidden aria-live="polite"></section>`}`);
    const select = /** @type {HTMLSelectElement|null} */ (box.querySelector('#received-client'));
    const list = /** @type {HTMLElement|null} */ (box.querySelector('[data-received-items]'));
    const view = /** @type {HTMLElement|null} */ (box.querySelector('[data-received-view]'));
    if (!select || !list || !view) return;
    /** @type {import('../../api.js').ReceivedView[]} */
    let items = [];
    const show = async () => {
      view.hidden = true;
      try {
        items = await api.receivedFromClient(select.value);
        render(list, items.length === 0 ? html`<li class="muted">Nothing shared yet.</li>` : html`${items.map((i) => html`<li>
          <span class="muted">${i.kind}</span> <button type="button" class="link-button" data-received-open="${i.id}" aria-expanded="false"><strong>${i.title}</strong></button> <span class="muted">received ${localDay(i.received_at)}</span>
          ${i.detail ? html`<span>${i.detail}</span>` : ''}</li>`)}`);
      } catch (e) {
        render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
      }
    };
    list.addEventListener('click', (event) => {
      const id = /** @type {HTMLElement} */ (event.target).closest('[data-received-open]')?.getAttribute('data-received-open');
      const item = items.find((i) => i.id === id);
      if (item) this.showReceivedItem(view, list, item);
    });
    select.addEventListener('change', show);
    await show();
  }

  /**
   * One item a client shared, opened from the list: what it is, when it came, its text, and its
   * attachments (add, open, move to trash as on a journal entry).
   * @param {HTMLElement} view
   * @param {HTMLElement} list
   * @param {import('../../api.js').ReceivedView} item
   */
  showReceivedItem(view, list, item) {
    list.querySelectorAll('[data-received-open]').forEach((b) => b.setAttribute('aria-expanded', String(b.getAttribute('data-received-open') === item.id)));
    view.hidden = false;
    render(view, html`<h3 id="received-view-title" tabindex="-1" data-received-title>${item.title}</h3>
      <p class="muted" data-received-meta>${item.kind[0].toUpperCase()}${item.kind.slice(1)}, received ${localDay(item.received_at)}</p>
      ${item.detail ? html`<p class="received-text" data-received-detail>${item.detail}</p>` : ''}
      <section aria-labelledby="received-attachments-title">
        <h4 id="received-attachments-title">Attachments</h4>
        <div data-received-attachments></div>
      </section>`);
    // Created here, not in the template, so it knows its owner before it loads.
    const files = document.createElement('wk-attachment-list');
    files.owner = { kind: 'received_item', id: item.id };
    view.querySelector('[data-received-attachments]')?.append(files);
    /** @type {HTMLElement|null} */ (view.querySelector('[data-received-title]'))?.focus();
  }

  /** @param {string} message */
  showError(message) {
    /** @type {HTMLElement} */ (this.querySelector('[data-open-error]')).textContent = message;
  }

  async preview() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-preview]'));
    box.hidden = true;
    this.showError('');
    const path = readPath(this, 'open-share-path');
    if (!path) {
      this.showError('Choose the share file, or type its full path.');
      return;
    }
    /** @type {import('../../api.js').SharePreview} */
    let preview;
    try {
      preview = await api.previewShareFile(path);
    } catch (e) {
      this.showError(api.toApiError(e).message);
      return;
    }
    box.hidden = false;
    const from = preview.contact_name && preview.contact_name !== preview.sender_name
      ? `${preview.contact_name} (signed as “${preview.sender_name}”)` : preview.contact_name || preview.sender_name;
    render(box, html`<h2>From ${from}</h2>
      <p class="notice" data-verified>Signature verified: this file was made by your confirmed contact ${preview.contact_name} (fingerprint <span class="mono">${fingerprintGroups(preview.fingerprint).join(' ')}</span>) and has not been changed since.</p>
      <p>${preview.kind === 'from_mentor' ? 'Shared by a mentor' : 'Shared by a client'} on ${localDay(preview.created_at)}: ${preview.items.length} ${preview.items.length === 1 ? 'item' : 'items'}, ${preview.new_items} new to you.</p>
      <ul class="transfer-list" data-share-items>${preview.items.map((i) => html`<li><span class="muted">${i.kind}</span> <span>${i.title}</span></li>`)}</ul>
      ${preview.attachments ? html`<p data-share-attachments>${preview.attachments}</p>` : ''}
      ${preview.already_imported ? html`<p class="notice notice--warning">You imported this file before. Importing it again adds nothing.</p>` : ''}
      <p class="notice" role="status" data-import-result></p>
      <div class="actions"><button class="button" type="button" data-import>Import</button></div>`);
    box.querySelector('[data-import]')?.addEventListener('click', () => this.importFile(path));
  }

  /** @param {string} path */
  async importFile(path) {
    const result = /** @type {HTMLElement} */ (this.querySelector('[data-import-result]'));
    try {
      const done = await api.importShareFile(path);
      result.textContent = [describeShareImport(done), ...done.notes].join(' ');
      announce(this, describeShareImport(done));
      await this.drawFromMentor();
    } catch (e) {
      this.showError(api.toApiError(e).message);
    }
  }
}

export const openShareScreen = {
  id: 'open-share', title: 'Open a share file', section: /** @type {const} */ ('app'), order: 4,
  tag: 'wk-open-share-screen', element: OpenShareScreen,
};

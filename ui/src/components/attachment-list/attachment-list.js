/**
 * <wk-attachment-list>: the "Attachments" section of a journal entry, a session note, a client or
 * an item a client shared (owner kind `received_item`):
 * each file as "name · size · day attached" (the person's local day), a thumbnail for images
 * (decrypted in memory by the shell and sent as a data: URL; never written to disk), "Open"
 * (the shell opens a private temporary copy and removes it at lock) and "Move to trash"; and a
 * file chooser to attach another (at most 50 MB, stored encrypted in the vault folder).
 *
 * Usage:
 *   const list = document.createElement('wk-attachment-list');
 *   list.owner = { kind: 'client', id: client.id, label: 'Attach a consent form or letter' };
 *   section.append(list);
 */
import * as api from '../../api.js';
import { formatDay } from '../../lib/dates.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';
import { count } from '../../lib/plural.js';
import { formatSize } from '../../lib/sizes.js';

/**
 * One attachment as the list shows it: "beach.png · 14.2 KB · Sun 25 Oct 2026".
 * @param {import('../../api.js').Attachment} a
 */
export function attachmentLine(a) {
  return `${a.file_name} · ${formatSize(a.size)} · ${formatDay(a.created_at)}`;
}

export class AttachmentList extends HTMLElement {
  constructor() {
    super();
    /** @type {{kind: string, id: string} | null} */
    this.owner = null;
    /** @type {import('../../api.js').Attachment[]} */
    this.items = [];
  }

  connectedCallback() {
    this.load();
  }

  async load() {
    if (!this.owner) return;
    try {
      this.items = await api.listAttachments(this.owner.kind, this.owner.id);
      this.draw();
    } catch (e) {
      render(this, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
  }

  draw() {
    const fieldId = `attach-path-${this.owner?.kind ?? ''}`;
    render(this, html`
      <p class="muted" data-attachment-count>${this.items.length === 0 ? 'No attachments.' : `${count(this.items.length, 'attachment')}.`}</p>
      <ul class="record-list attachment-list" data-attachments>
        ${this.items.map((a) => html`<li data-attachment="${a.id}">
          <span class="attachment-list__thumb" data-thumb="${a.id}"></span>
          <span data-attachment-line>${attachmentLine(a)}</span>
          <span class="attachment-list__actions">
            <button type="button" class="button button--quiet" data-open="${a.id}" aria-label="Open ${a.file_name}">Open</button>
            <button type="button" class="button button--quiet" data-remove="${a.id}" aria-label="Move ${a.file_name} to the trash">Move to trash</button>
          </span>
        </li>`)}
      </ul>
      <form class="attachment-list__add" data-attach-form novalidate>
        ${pathField({ id: fieldId, label: 'Attach a file', hint: 'A photo, a PDF or any file up to 50 MB; it is stored encrypted in the vault.' })}
        <div class="actions"><button class="button" type="submit">Attach</button></div>
      </form>`);
    wirePathField(this, fieldId, () => api.chooseOpenPath({ title: 'Choose a file to attach' }));
    this.querySelector('[data-attach-form]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      this.attach(readPath(this, fieldId));
    });
    this.querySelector('[data-attachments]')?.addEventListener('click', (event) => {
      const target = /** @type {HTMLElement} */ (event.target);
      const open = target.closest('[data-open]')?.getAttribute('data-open');
      const remove = target.closest('[data-remove]')?.getAttribute('data-remove');
      if (open) this.open(open);
      if (remove) this.moveToTrash(remove);
    });
    for (const a of this.items) {
      if (a.media_type.startsWith('image/')) this.thumbnail(a);
    }
  }

  /** @param {import('../../api.js').Attachment} a */
  async thumbnail(a) {
    try {
      const url = await api.attachmentThumbnail(a.id);
      const slot = this.querySelector(`[data-thumb="${a.id}"]`);
      if (!url || !slot) return;
      const img = document.createElement('img');
      img.src = url;
      img.alt = `Thumbnail of ${a.file_name}`;
      img.className = 'attachment-list__img';
      slot.append(img);
    } catch {
      // A damaged file is reported when it is opened; the line stays without a picture.
    }
  }

  /** @param {string} path */
  async attach(path) {
    if (!this.owner) return;
    if (!path) {
      announce(this, 'Choose the file to attach, or type its full path.', 'error');
      return;
    }
    try {
      const added = await api.addAttachment(this.owner.kind, this.owner.id, path);
      await this.load();
      announce(this, `Attached ${added.file_name}.`);
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {string} id */
  async open(id) {
    try {
      await api.openAttachment(id);
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {string} id */
  async moveToTrash(id) {
    const name = this.items.find((a) => a.id === id)?.file_name ?? 'The attachment';
    try {
      await api.removeAttachment(id);
      await this.load();
      announce(this, `${name} moved to the trash.`);
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }
}

export function registerAttachmentList() {
  if (!customElements.get('wk-attachment-list')) customElements.define('wk-attachment-list', AttachmentList);
}

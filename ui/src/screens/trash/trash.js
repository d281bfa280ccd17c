/**
 * <wk-trash-screen>: everything moved to the trash, most recently deleted first. Each record can
 * be restored, or deleted for good after a confirm step; "Empty trash" deletes them all for good.
 * Deleting for good overwrites the text in the vault, so both confirm steps say it cannot be undone.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, formatTime } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { count } from '../../lib/plural.js';

const FOR_GOOD = 'The text is overwritten and cannot be recovered.';

export class TrashScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{kind: string, label: string, id: string, title: string, date: string|null, deleted_at: string}[]} */
    this.items = [];
    /** The item ("kind:id") or "all" waiting for its "delete for good" confirmation. */
    this.confirming = '';
  }

  connectedCallback() {
    render(this, html`
      <section class="screen trash" aria-labelledby="trash-title">
        <h1 id="trash-title" tabindex="-1">Trash</h1>
        <p class="muted">Records you move to the trash wait here until you restore them or delete them for good.</p>
        <p class="notice notice--error" role="alert" data-trash-error></p>
        <div data-trash-body></div>
      </section>`);
    this.addEventListener('click', (ev) => this.onClick(/** @type {HTMLElement} */ (ev.target)));
    this.load();
  }

  async load() {
    try {
      this.items = await api.listTrash();
      this.draw();
    } catch (e) {
      this.showError(e);
    }
  }

  /** @param {unknown} e */
  showError(e) {
    const el = this.querySelector('[data-trash-error]');
    if (el) el.textContent = api.toApiError(e).message;
  }

  draw() {
    const body = /** @type {HTMLElement|null} */ (this.querySelector('[data-trash-body]'));
    if (!body) return;
    if (this.items.length === 0) {
      render(body, html`<p class="muted" data-trash-empty>The trash is empty.</p>`);
      return;
    }
    render(body, html`
      <ul class="record-list trash__list" aria-label="Records in the trash">
        ${this.items.map((item) => {
          const key = `${item.kind}:${item.id}`;
          const titleId = `trash-item-${item.kind}-${item.id}`;
          return html`<li class="card trash__item" data-trash-item="${key}" aria-labelledby="${titleId}">
            <p><span class="trash__kind">${item.label}</span> · <strong id="${titleId}">${item.title}</strong></p>
            <p class="muted">${item.date ? `${formatDay(item.date)} · ` : ''}deleted ${formatDay(item.deleted_at)} at ${formatTime(item.deleted_at)}</p>
            ${this.confirming === key ? html`
              <div class="notice notice--warning" role="group" aria-label="Confirm deleting for good">
                <p>Delete “${item.title}” for good? ${FOR_GOOD}</p>
                <div class="actions">
                  <button type="button" class="button button--danger" data-purge-confirm="${key}">Delete for good</button>
                  <button type="button" class="button button--quiet" data-cancel>Keep it</button>
                </div>
              </div>` : html`
              <div class="actions">
                <button type="button" class="button" data-restore="${key}" aria-describedby="${titleId}">Restore</button>
                <button type="button" class="button button--quiet" data-purge="${key}" aria-describedby="${titleId}">Delete for good…</button>
              </div>`}
          </li>`;
        })}
      </ul>
      ${this.confirming === 'all' ? html`
        <div class="notice notice--warning" role="group" aria-label="Confirm emptying the trash">
          <p>Delete all ${this.items.length} ${this.items.length === 1 ? 'record' : 'records'} in the trash for good? ${FOR_GOOD}</p>
          <div class="actions">
            <button type="button" class="button button--danger" data-empty-confirm>Empty trash</button>
            <button type="button" class="button button--quiet" data-cancel>Keep them</button>
          </div>
        </div>` : html`
        <div class="actions"><button type="button" class="button button--quiet" data-empty>Empty trash…</button></div>`}`);
  }

  /** @param {HTMLElement} target */
  async onClick(target) {
    const button = target.closest('button');
    if (!button) return;
    const error = this.querySelector('[data-trash-error]');
    if (error) error.textContent = '';
    const [kind, id] = splitKey(button.getAttribute('data-restore') ?? button.getAttribute('data-purge-confirm') ?? '');
    try {
      if (button.hasAttribute('data-restore')) {
        await api.restoreFromTrash(kind, id);
        announce(this, 'Restored.');
        this.confirming = '';
        await this.load();
      } else if (button.hasAttribute('data-purge')) {
        this.confirming = button.getAttribute('data-purge') ?? '';
        this.draw();
        /** @type {HTMLElement|null} */ (this.querySelector('[data-purge-confirm]'))?.focus();
      } else if (button.hasAttribute('data-purge-confirm')) {
        const report = await api.purgeFromTrash(kind, id);
        announce(this, report.compacted ? 'Deleted for good.' : 'Deleted for good; the vault will be tidied the next time it is saved.');
        this.confirming = '';
        await this.load();
        /** @type {HTMLElement|null} */ (this.querySelector('#trash-title'))?.focus();
      } else if (button.hasAttribute('data-empty')) {
        this.confirming = 'all';
        this.draw();
        /** @type {HTMLElement|null} */ (this.querySelector('[data-empty-confirm]'))?.focus();
      } else if (button.hasAttribute('data-empty-confirm')) {
        const report = await api.emptyTrash();
        announce(this, report.kept
          ? `Deleted ${count(report.purged, 'record')} for good; ${count(report.kept, 'record')} ${report.kept === 1 ? 'stays' : 'stay'} because other records still need them.`
          : `Deleted ${count(report.purged, 'record')} for good.`);
        this.confirming = '';
        await this.load();
        /** @type {HTMLElement|null} */ (this.querySelector('#trash-title'))?.focus();
      } else if (button.hasAttribute('data-cancel')) {
        this.confirming = '';
        this.draw();
      }
    } catch (e) {
      this.showError(e);
    }
  }
}

/** @param {string} key  "kind:id" @returns {[string, string]} */
function splitKey(key) {
  const at = key.indexOf(':');
  return at < 0 ? ['', ''] : [key.slice(0, at), key.slice(at + 1)];
}

export const trashScreen = {
  id: 'trash', title: 'Trash', section: /** @type {const} */ ('app'), order: 8,
  tag: 'wk-trash-screen', element: TrashScreen,
};

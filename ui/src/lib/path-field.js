/**
 * A labelled path field with a "Choose…" button: the native dialog fills the field, and the
 * person (or an end-to-end test, which cannot drive native dialogs) can also type the path.
 *
 * Usage:
 *   html`${pathField({ id: 'backup-path', label: 'Backup file', hint: 'Where to save it.' })}`
 *   wirePathField(this, 'backup-path', () => api.chooseSavePath({ default_path: 'wellkept.wkbackup' }));
 *   const path = readPath(this, 'backup-path');   // trimmed, '' when empty
 */
import * as api from '../api.js';
import { announce } from './events.js';
import { html } from './html.js';

/**
 * @param {{id: string, label: string, hint?: string, value?: string}} options
 */
export function pathField({ id, label, hint = '', value = '' }) {
  return html`<div class="field path-field">
    <label for="${id}">${label}</label>
    <div class="path-field__row">
      <input id="${id}" name="${id}" type="text" class="mono" autocomplete="off" spellcheck="false" value="${value}"
        ${hint ? html`aria-describedby="${id}-hint"` : ''}>
      <button class="button button--quiet" type="button" data-choose="${id}">Choose…</button>
    </div>
    ${hint ? html`<span class="field__hint" id="${id}-hint">${hint}</span>` : ''}
  </div>`;
}

/**
 * Makes the field's "Choose…" button open a dialog and put the chosen path in the field.
 * @param {Element} root
 * @param {string} id
 * @param {() => Promise<string|null>} choose
 * @param {(path: string) => void} [onChosen]
 */
export function wirePathField(root, id, choose, onChosen) {
  const button = root.querySelector(`[data-choose="${id}"]`);
  const input = /** @type {HTMLInputElement|null} */ (root.querySelector(`#${id}`));
  button?.addEventListener('click', async () => {
    try {
      const path = await choose();
      if (path && input) {
        input.value = path;
        onChosen?.(path);
      }
    } catch (error) {
      announce(root, api.toApiError(error).message, 'error');
    }
  });
}

/**
 * @param {Element} root
 * @param {string} id
 */
export function readPath(root, id) {
  return /** @type {HTMLInputElement|null} */ (root.querySelector(`#${id}`))?.value.trim() ?? '';
}

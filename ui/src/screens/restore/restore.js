/**
 * <wk-restore-screen>: restores an encrypted backup into a new, empty vault folder and checks it
 * with the passphrase, without touching the vault this app has open. Reached from the unlock
 * screen ("Restore from a backup…"), so it works while locked.
 */
import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';

export class RestoreScreen extends HTMLElement {
  connectedCallback() {
    render(this, html`<form class="restore" data-restore novalidate aria-labelledby="restore-title">
      <h2 id="restore-title">Restore from a backup</h2>
      ${pathField({ id: 'restore-backup', label: 'Backup file', hint: 'The .wkbackup file made with “Back up now…”.' })}
      ${pathField({ id: 'restore-folder', label: 'New vault folder', hint: 'An empty (or not yet existing) folder. Your current vault is not touched.' })}
      <div class="field"><label for="restore-passphrase">Passphrase of the backed-up vault</label>
        <input id="restore-passphrase" name="passphrase" type="password" autocomplete="current-password"
          aria-describedby="restore-passphrase-hint">
        <span class="field__hint" id="restore-passphrase-hint">Used only to check that every part of the restored vault can be read.</span></div>
      <p class="notice notice--error" role="alert" data-restore-error></p>
      <div class="notice" role="status" data-restore-result></div>
      <div class="actions"><button class="button" type="submit">Restore and check</button></div>
    </form>`);
    wirePathField(this, 'restore-backup', () => api.chooseOpenPath({
      title: 'Choose the backup', filters: [{ name: 'Wellkept backup', extensions: ['wkbackup'] }, { name: 'All files', extensions: ['*'] }],
    }));
    wirePathField(this, 'restore-folder', () => api.chooseOpenPath({ title: 'Choose a new, empty folder', directory: true }));
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-restore]'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.restore(form);
    });
  }

  /** @param {HTMLFormElement} form */
  async restore(form) {
    const error = /** @type {HTMLElement} */ (form.querySelector('[data-restore-error]'));
    const result = /** @type {HTMLElement} */ (form.querySelector('[data-restore-result]'));
    error.textContent = '';
    render(result, html``);
    const backup = readPath(this, 'restore-backup');
    const folder = readPath(this, 'restore-folder');
    const passphraseInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('passphrase'));
    if (!backup || !folder) {
      error.textContent = 'Choose both the backup file and a new folder to restore it into.';
      return;
    }
    if (!passphraseInput.value) {
      error.textContent = 'Type the passphrase of the backed-up vault so the restored copy can be checked.';
      return;
    }
    try {
      const done = await api.restoreBackup(backup, folder, passphraseInput.value);
      passphraseInput.value = '';
      render(result, done.verified
        ? html`<p data-restored>Restored to <span class="mono">${done.folder}</span> and checked: every part reads correctly.</p>
          <p>Wellkept opens its vault from <span class="mono">${done.app_vault_folder}</span>. To use the restored vault instead, close Wellkept, move that folder aside, and move the restored folder in its place.</p>`
        : html`<p data-restored>Restored to <span class="mono">${done.folder}</span>, but the check found problems: ${done.problems.join('; ')}</p>`);
    } catch (e) {
      passphraseInput.value = '';
      error.textContent = api.toApiError(e).message;
    }
  }
}

export const restoreScreen = {
  id: 'restore', title: 'Restore from a backup', section: /** @type {const} */ ('app'), order: 10, nav: false,
  tag: 'wk-restore-screen', element: RestoreScreen,
};

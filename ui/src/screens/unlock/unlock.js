/**
 * <wk-unlock-screen>: opens the vault. On a cold start it tries the system keychain at once (no
 * typing); after a lock it waits for a click, so locking means something. The passphrase and the
 * recovery key are the fallbacks, and a missing keychain is said plainly.
 *
 * When the vault's history ends before what this computer saw (error kind 'rolled_back'), the
 * screen says exactly what is missing and offers three ways on: open it read-only, restore a
 * backup, or accept the loss by typing the confirmation phrase. Each retries the same unlock
 * method with the person's choice.
 *
 * Properties set by <wk-app>: `autoKeychain` (try the keychain immediately), `keychainAvailable`,
 * `reason` (why the vault locked: 'idle', 'user', 'quick-hide' or null).
 * Dispatches `wk-unlocked` (bubbling) once the vault is open, with `detail`
 * `{readOnly, missing, status}` (`missing`: what a read-only vault lacks, for the frame's banner;
 * `status`: the app status the unlock answered with, so <wk-app> need not ask again).
 */
import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { confirmationMatches, historyDetail } from '../../lib/rollback.js';

const LOCK_REASONS = {
  idle: 'Wellkept locked itself because nothing happened for a while.',
  user: 'Wellkept is locked.',
  'quick-hide': 'Wellkept was hidden and locked.',
};

export class UnlockScreen extends HTMLElement {
  constructor() {
    super();
    this.autoKeychain = false;
    this.keychainAvailable = true;
    /** Whether this vault's key is kept in the keychain at all. */
    this.keychainEnabled = true;
    /** Whether the keychain answered but holds no key for this vault (a computer joining a synced vault). */
    this.keychainMissing = false;
    /** @type {string|null} */
    this.reason = null;
    /** @type {'passphrase'|'recovery'} */
    this.method = 'passphrase';
    /**
     * Set when the vault was refused as rolled back: what is missing, and the same unlock again
     * with a choice (it holds the typed secret only until the vault opens or the person goes back).
     * @type {null | {missing: import('../../api.js').MissingChanges, message: string, retry: (options: Partial<import('../../api.js').UnlockChoice>) => Promise<import('../../api.js').AppStatus>}}
     */
    this.rollback = null;
  }

  connectedCallback() {
    this.draw();
    if (this.autoKeychain && this.keychainAvailable && this.keychainEnabled) this.tryKeychain();
  }

  /** Whether to offer unlocking without typing. */
  get keychainUsable() {
    return this.keychainAvailable && this.keychainEnabled;
  }

  draw() {
    if (this.rollback) {
      this.drawRollback(this.rollback);
      return;
    }
    const recovery = this.method === 'recovery';
    render(this, html`
      <main class="gate" aria-labelledby="unlock-title">
        <div class="gate__card card">
          <p class="gate__brand">Wellkept</p>
          <h1 id="unlock-title">Unlock your vault</h1>
          ${this.reason ? html`<p class="muted" data-lock-reason>${LOCK_REASONS[/** @type {keyof typeof LOCK_REASONS} */ (this.reason)] ?? LOCK_REASONS.user}</p>` : ''}
          ${this.keychainUsable
            ? html`<div class="actions"><button class="button button--large" type="button" data-keychain>Unlock with this computer's keychain</button></div>`
            : this.keychainEnabled
              ? html`<p class="notice notice--warning" data-keychain-missing>This computer's keychain is not available (no Secret Service is running, or this is a new computer). Unlock with your passphrase instead. Nothing is lost.</p>`
              : this.keychainMissing
                ? html`<p class="notice" data-keychain-missing>This computer's keychain has no key for this vault yet: a computer opening a vault from a synced folder for the first time, or a keychain that was reset. Unlock with your passphrase or recovery key; this computer then keeps the key and unlocks without typing next time.</p>`
                : html`<p class="notice" data-keychain-missing>This vault is not kept in this computer's keychain, so unlock it with your passphrase.</p>`}
          <p class="notice notice--error" role="alert" data-error></p>
          <form data-unlock novalidate class="unlock-form">
            <div class="field">
              ${recovery
                ? html`<label for="unlock-secret">Recovery key</label>
                  <input id="unlock-secret" name="secret" type="text" class="mono" autocomplete="off" spellcheck="false" required>
                  <span class="field__hint">The key you were shown when you set up Wellkept. Dashes and spaces don't matter.</span>`
                : html`<label for="unlock-secret">Passphrase</label>
                  <input id="unlock-secret" name="secret" type="password" autocomplete="current-password" required>`}
            </div>
            <div class="actions">
              <button class="button ${this.keychainUsable ? 'button--quiet' : ''}" type="submit" data-submit>${recovery ? 'Unlock with recovery key' : 'Unlock with passphrase'}</button>
              <button class="button button--link" type="button" data-switch>${recovery ? 'Use my passphrase instead' : 'I forgot my passphrase: use the recovery key'}</button>
            </div>
          </form>
          <p class="gate__help muted">Need help now? The crisis lines are one click away:
            <button type="button" class="button button--link" data-crisis>Crisis lines &amp; safety plan</button></p>
          <p class="muted"><button type="button" class="button button--link" data-restore-backup aria-expanded="false">Restore from a backup…</button></p>
          <div data-restore-slot></div>
        </div>
      </main>`);
    this.querySelector('[data-keychain]')?.addEventListener('click', () => this.tryKeychain());
    this.querySelector('[data-switch]')?.addEventListener('click', () => {
      this.method = recovery ? 'passphrase' : 'recovery';
      this.draw();
      /** @type {HTMLElement|null} */ (this.querySelector('#unlock-secret'))?.focus();
    });
    this.querySelector('[data-crisis]')?.addEventListener('click', () => {
      this.dispatchEvent(new CustomEvent('wk-open-crisis', { bubbles: true }));
    });
    // The restore form lives in its own screen folder (screens/restore); this only shows it.
    this.querySelector('[data-restore-backup]')?.addEventListener('click', (event) => this.toggleRestore(/** @type {HTMLElement} */ (event.currentTarget)));
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-unlock]'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.trySecret(form);
    });
    const first = /** @type {HTMLElement|null} */ (this.querySelector(this.keychainUsable ? '[data-keychain]' : '#unlock-secret'));
    first?.focus();
  }

  async tryKeychain() {
    const button = /** @type {HTMLButtonElement|null} */ (this.querySelector('[data-keychain]'));
    if (button) {
      button.disabled = true;
      button.textContent = 'Unlocking…';
    }
    try {
      performance.mark('wk-unlock-asked');
      const status = await api.unlockWithKeychain();
      performance.mark('wk-unlock-answered');
      this.done({ readOnly: false, missing: null, status });
    } catch (e) {
      const err = api.toApiError(e);
      if (this.refusedAsRolledBack(err, (options) => api.unlockWithKeychain(options))) return;
      if (err.kind === 'keychain_unavailable' || err.kind === 'keychain_missing' || err.kind === 'method_not_set') {
        // Offer the passphrase instead; the message below says why.
        if (err.kind === 'keychain_unavailable') this.keychainAvailable = false;
        else this.keychainEnabled = false;
        this.keychainMissing = err.kind === 'keychain_missing';
        this.draw();
      }
      // A missing key is said in full by the notice above; anything else in the error line.
      if (!this.keychainMissing) this.showError(err.message);
      if (button && button.isConnected) {
        button.disabled = false;
        button.textContent = "Unlock with this computer's keychain";
      }
    }
  }

  /** @param {HTMLFormElement} form */
  async trySecret(form) {
    const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('secret'));
    const secret = input.value;
    if (!secret.trim()) {
      this.showError(this.method === 'recovery' ? 'Type your recovery key.' : 'Type your passphrase.');
      input.focus();
      return;
    }
    const submit = /** @type {HTMLButtonElement} */ (form.querySelector('[data-submit]'));
    submit.disabled = true;
    try {
      const status = this.method === 'recovery' ? await api.unlockWithRecoveryKey(secret) : await api.unlockWithPassphrase(secret);
      form.reset();
      this.done({ readOnly: false, missing: null, status });
    } catch (e) {
      const err = api.toApiError(e);
      const method = this.method;
      const retry = (/** @type {Partial<import('../../api.js').UnlockChoice>} */ options) => (method === 'recovery'
        ? api.unlockWithRecoveryKey(secret, options)
        : api.unlockWithPassphrase(secret, options));
      if (this.refusedAsRolledBack(err, retry)) {
        form.reset();
        return;
      }
      submit.disabled = false;
      input.setAttribute('aria-invalid', 'true');
      input.select();
      this.showError(err.message);
    }
  }

  /**
   * Switches to the choices when the vault was refused as rolled back.
   * @param {api.ApiError} err
   * @param {(options: Partial<import('../../api.js').UnlockChoice>) => Promise<import('../../api.js').AppStatus>} retry
   * @returns {boolean} whether it was such a refusal
   */
  refusedAsRolledBack(err, retry) {
    if (err.kind !== 'rolled_back' || !err.rollback) return false;
    this.rollback = { missing: err.rollback, message: err.message, retry };
    this.draw();
    return true;
  }

  /**
   * The refusal, what is missing, and the three ways on.
   * @param {NonNullable<UnlockScreen['rollback']>} rollback
   */
  drawRollback(rollback) {
    const { missing } = rollback;
    const detail = historyDetail(missing);
    render(this, html`
      <main class="gate" aria-labelledby="rollback-title">
        <div class="gate__card card">
          <p class="gate__brand">Wellkept</p>
          <h1 id="rollback-title" tabindex="-1">Changes are missing from this vault</h1>
          <p class="notice notice--warning" data-rollback-message>${rollback.message}</p>
          ${detail ? html`<p class="muted" data-rollback-detail>${detail}</p>` : ''}
          <p class="notice notice--error" role="alert" data-error></p>
          <ul class="rollback-choices">
            <li><button class="button" type="button" data-open-read-only aria-describedby="read-only-hint">Open read-only</button>
              <span class="field__hint" id="read-only-hint">Look at what is there. Nothing on disk changes and nothing can be saved.</span></li>
            <li><button class="button button--quiet" type="button" data-restore-backup aria-expanded="false" aria-describedby="restore-hint">Restore a backup…</button>
              <span class="field__hint" id="restore-hint">Restore a backup made before the changes went missing into a new folder.</span></li>
            <li><button class="button button--quiet" type="button" data-accept-loss aria-haspopup="dialog" aria-describedby="accept-hint">Accept the loss…</button>
              <span class="field__hint" id="accept-hint">Carry on from what is there; the ${missing.missing === 1 ? 'missing change is' : 'missing changes are'} gone for good.</span></li>
          </ul>
          <div data-restore-slot></div>
          <p class="gate__help muted">Need help now? The crisis lines are one click away:
            <button type="button" class="button button--link" data-crisis>Crisis lines &amp; safety plan</button></p>
          <dialog class="rollback-dialog" aria-labelledby="accept-title" data-accept-dialog>
            <form method="dialog" class="rollback-dialog__body" data-accept-form novalidate>
              <h2 id="accept-title">Accept losing ${missing.missing === 1 ? 'this change' : `these ${missing.missing} changes`}?</h2>
              <p>The vault will open with what its folder holds now, and this computer will stop warning about the missing ${missing.missing === 1 ? 'change' : 'changes'}. This cannot be undone, except by restoring a backup.</p>
              <div class="field"><label for="accept-phrase">Type <strong class="mono" data-accept-phrase>${missing.confirmation}</strong> to confirm</label>
                <input id="accept-phrase" name="phrase" type="text" autocomplete="off" spellcheck="false" aria-describedby="accept-error"></div>
              <p class="notice notice--error" role="alert" id="accept-error" data-accept-error></p>
              <div class="actions">
                <button class="button" type="submit" value="accept" data-accept-confirm disabled>Accept the loss and open</button>
                <button class="button button--quiet" type="button" data-accept-cancel>Cancel</button>
              </div>
            </form>
          </dialog>
        </div>
      </main>`);
    this.querySelector('[data-open-read-only]')?.addEventListener('click', (event) => {
      this.choose(/** @type {HTMLButtonElement} */ (event.currentTarget), { read_only: true }, true);
    });
    this.querySelector('[data-restore-backup]')?.addEventListener('click', (event) => this.toggleRestore(/** @type {HTMLElement} */ (event.currentTarget)));
    this.querySelector('[data-crisis]')?.addEventListener('click', () => {
      this.dispatchEvent(new CustomEvent('wk-open-crisis', { bubbles: true }));
    });
    const dialog = /** @type {HTMLDialogElement} */ (this.querySelector('[data-accept-dialog]'));
    const phrase = /** @type {HTMLInputElement} */ (dialog.querySelector('#accept-phrase'));
    const confirm = /** @type {HTMLButtonElement} */ (dialog.querySelector('[data-accept-confirm]'));
    this.querySelector('[data-accept-loss]')?.addEventListener('click', () => {
      phrase.value = '';
      confirm.disabled = true;
      dialog.showModal();
      phrase.focus();
    });
    phrase.addEventListener('input', () => { confirm.disabled = !confirmationMatches(phrase.value, missing.confirmation); });
    dialog.querySelector('[data-accept-cancel]')?.addEventListener('click', () => dialog.close());
    dialog.querySelector('[data-accept-form]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!confirmationMatches(phrase.value, missing.confirmation)) return;
      this.choose(confirm, { accept_rollback: phrase.value }, false);
    });
    /** @type {HTMLElement|null} */ (this.querySelector('#rollback-title'))?.focus();
  }

  /**
   * Unlocks again with the person's choice.
   * @param {HTMLButtonElement} button
   * @param {Partial<import('../../api.js').UnlockChoice>} options
   * @param {boolean} readOnly
   */
  async choose(button, options, readOnly) {
    const rollback = this.rollback;
    if (!rollback) return;
    button.disabled = true;
    try {
      const status = await rollback.retry(options);
      this.rollback = null;
      this.done({ readOnly, missing: readOnly ? rollback.missing : null, status });
    } catch (e) {
      button.disabled = false;
      const message = api.toApiError(e).message;
      const inDialog = /** @type {HTMLElement|null} */ (this.querySelector('[data-accept-dialog][open] [data-accept-error]'));
      if (inDialog) inDialog.textContent = message;
      else this.showError(message);
    }
  }

  /**
   * Shows or hides the restore form (its own screen, screens/restore) under the button.
   * @param {HTMLElement} button
   */
  toggleRestore(button) {
    const slot = this.querySelector('[data-restore-slot]');
    const open = !slot?.firstElementChild;
    slot?.replaceChildren(...(open ? [document.createElement('wk-restore-screen')] : []));
    button.setAttribute('aria-expanded', String(open));
    if (open) /** @type {HTMLElement|null} */ (slot?.querySelector('input'))?.focus();
  }

  /** @param {string} message */
  showError(message) {
    const el = this.querySelector('[data-error]');
    if (el) el.textContent = message;
  }

  /**
   * @param {{readOnly: boolean, missing: import('../../api.js').MissingChanges|null,
   *   status: import('../../api.js').AppStatus|null}} detail
   */
  done(detail) {
    this.dispatchEvent(new CustomEvent('wk-unlocked', { bubbles: true, detail }));
  }
}

export const unlockScreen = {
  id: 'unlock', title: 'Unlock', section: /** @type {const} */ ('app'), order: 0, nav: false,
  tag: 'wk-unlock-screen', element: UnlockScreen,
};

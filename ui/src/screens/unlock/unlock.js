/**
 * <wk-unlock-screen>: opens the vault. On a cold start it tries the system keychain at once (no
 * typing); after a lock it waits for a click, so locking means something. The passphrase and the
 * recovery key are the fallbacks, and a missing keychain is said plainly.
 *
 * Properties set by <wk-app>: `autoKeychain` (try the keychain immediately), `keychainAvailable`,
 * `reason` (why the vault locked: 'idle', 'user', 'quick-hide' or null).
 * Dispatches `wk-unlocked` (bubbling) once the vault is open.
 */
import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';

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
    /** @type {string|null} */
    this.reason = null;
    /** @type {'passphrase'|'recovery'} */
    this.method = 'passphrase';
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
    this.querySelector('[data-restore-backup]')?.addEventListener('click', (event) => {
      const slot = this.querySelector('[data-restore-slot]');
      const open = !slot?.firstElementChild;
      slot?.replaceChildren(...(open ? [document.createElement('wk-restore-screen')] : []));
      /** @type {HTMLElement} */ (event.currentTarget).setAttribute('aria-expanded', String(open));
    });
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
      await api.unlockWithKeychain();
      performance.mark('wk-unlock-answered');
      this.done();
    } catch (e) {
      const err = api.toApiError(e);
      if (err.kind === 'keychain_unavailable' || err.kind === 'keychain_missing' || err.kind === 'method_not_set') {
        // Offer the passphrase instead; the message below says why.
        if (err.kind === 'keychain_unavailable') this.keychainAvailable = false;
        else this.keychainEnabled = false;
        this.draw();
      }
      this.showError(err.message);
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
      if (this.method === 'recovery') await api.unlockWithRecoveryKey(secret);
      else await api.unlockWithPassphrase(secret);
      form.reset();
      this.done();
    } catch (e) {
      submit.disabled = false;
      input.setAttribute('aria-invalid', 'true');
      input.select();
      this.showError(api.toApiError(e).message);
    }
  }

  /** @param {string} message */
  showError(message) {
    const el = this.querySelector('[data-error]');
    if (el) el.textContent = message;
  }

  done() {
    this.dispatchEvent(new CustomEvent('wk-unlocked', { bubbles: true }));
  }
}

export const unlockScreen = {
  id: 'unlock', title: 'Unlock', section: /** @type {const} */ ('app'), order: 0, nav: false,
  tag: 'wk-unlock-screen', element: UnlockScreen,
};

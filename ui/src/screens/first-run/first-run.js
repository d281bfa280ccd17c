/**
 * <wk-first-run-screen>: creates the vault. Three steps: what the vault is for (mentor practice,
 * personal journal or both) and a passphrase; the recovery key, shown once; retyping two of its
 * groups to prove it was kept. The vault's unlock is stored in the system keychain on creation.
 *
 * Dispatches `wk-unlocked` (bubbling) when the user has confirmed the key.
 *
 * A person whose vault already exists in a synced folder (set up on another computer) opens it
 * instead: "Open a vault from a synced folder" points the app at that folder
 * (`use_vault_folder`) and dispatches `wk-vault-folder-chosen`, and the unlock screen follows.
 */
import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { count } from '../../lib/plural.js';
import { assessPassphrase } from '../../lib/passphrase-strength.js';
import { checkAnswer, pickChallenge, splitKey } from '../../lib/recovery-check.js';
import { countryFromLocale } from '../../lib/crisis-lines.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';

export class FirstRunScreen extends HTMLElement {
  connectedCallback() {
    this.showSetup();
  }

  disconnectedCallback() {
    // The recovery key must not outlive this screen.
    this.recoveryGroups = null;
  }

  showSetup() {
    render(this, html`
      <main class="gate" aria-labelledby="first-run-title">
        <div class="gate__card card">
          <p class="gate__brand">Wellkept</p>
          <h1 id="first-run-title">Set up your private vault</h1>
          <p class="screen__lead">Everything you write is kept encrypted on this computer. Nobody else, including us, can read it.</p>
          <form data-setup novalidate>
            <fieldset class="field">
              <legend>What will you keep here?</legend>
              <label class="choice"><input type="radio" name="purpose" value="mentor"> <span><strong>My mentoring practice</strong><br><span class="muted">Clients, session notes, goals, measures, safety plans</span></span></label>
              <label class="choice"><input type="radio" name="purpose" value="journal"> <span><strong>My personal journal</strong><br><span class="muted">Reflections, mood, thought records, calm tools</span></span></label>
              <label class="choice"><input type="radio" name="purpose" value="both" checked> <span><strong>Both</strong></span></label>
            </fieldset>
            <div class="field">
              <label for="passphrase">Passphrase</label>
              <input id="passphrase" name="passphrase" type="password" autocomplete="new-password" aria-describedby="passphrase-strength passphrase-hint" required>
              <div class="strength" id="passphrase-strength" aria-live="polite">
                <span class="strength__bar" data-score="0"><span></span><span></span><span></span><span></span></span>
                <span class="strength__label" data-strength-label>Very weak</span>
              </div>
              <span class="field__hint" id="passphrase-hint" data-strength-hint>Use at least 12 characters. A few unrelated words work well.</span>
            </div>
            <div class="field">
              <label for="passphrase-confirm">Type the passphrase again</label>
              <input id="passphrase-confirm" name="confirm" type="password" autocomplete="new-password" aria-describedby="setup-error" required>
            </div>
            <p class="field__hint">You will rarely need to type it: your computer's keychain unlocks Wellkept for you. The passphrase is for when the keychain cannot.</p>
            <div class="field">
              <label for="first-run-country">Your country</label>
              <select id="first-run-country" name="country" aria-describedby="first-run-country-hint" data-country-select>
                <option value="">Not chosen</option>
              </select>
              <span class="field__hint" id="first-run-country-hint">Its crisis lines are shown first. You can change it in Settings.</span>
            </div>
            <p class="field__error" id="setup-error" role="alert" data-error></p>
            <div class="actions"><button class="button" type="submit" data-create>Create my vault</button></div>
          </form>
          <section class="first-run__join" aria-labelledby="join-title">
            <h2 id="join-title">Open a vault from a synced folder</h2>
            <p class="muted">Already use Wellkept on another computer, with its vault in a folder that Syncthing, Nextcloud or Dropbox copies here? Open that vault with your passphrase or recovery key. This computer then keeps the key in its own keychain.</p>
            <form data-join novalidate>
              ${pathField({ id: 'join-folder', label: 'Vault folder', hint: 'The folder named “vault” inside your synced folder.' })}
              <p class="field__error" id="join-error" role="alert" data-join-error></p>
              <div class="actions"><button class="button button--quiet" type="submit" data-join-open>Open this vault</button></div>
            </form>
          </section>
        </div>
      </main>`);
    wirePathField(this, 'join-folder', () => api.chooseOpenPath({ title: 'Choose the vault folder', directory: true }));
    this.querySelector('[data-join]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      this.join();
    });
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-setup]'));
    const pass = /** @type {HTMLInputElement} */ (form.elements.namedItem('passphrase'));
    pass.addEventListener('input', () => this.updateStrength(pass.value));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.create(form);
    });
    /** @type {HTMLInputElement} */ (form.querySelector('input[name="purpose"]:checked'))?.focus();
    this.fillCountries();
  }

  /** Points the app at the vault in the chosen folder; the app then shows its unlock screen. */
  async join() {
    const error = this.querySelector('[data-join-error]');
    const input = this.querySelector('#join-folder');
    const folder = readPath(this, 'join-folder');
    input?.removeAttribute('aria-invalid');
    if (error) error.textContent = '';
    const fail = (/** @type {string} */ message) => {
      if (error) error.textContent = message;
      input?.setAttribute('aria-invalid', 'true');
      /** @type {HTMLElement|null} */ (input)?.focus();
    };
    if (!folder) return fail('Choose the vault folder first.');
    try {
      await api.useVaultFolder(folder);
    } catch (err) {
      return fail(api.toApiError(err).message);
    }
    this.dispatchEvent(new CustomEvent('wk-vault-folder-chosen', { bubbles: true }));
  }

  /** Lists every country by name, the one the system's locale names selected. */
  async fillCountries() {
    const select = /** @type {HTMLSelectElement|null} */ (this.querySelector('[data-country-select]'));
    if (!select) return;
    const guess = countryFromLocale(globalThis.navigator?.language) ?? '';
    try {
      const countries = await api.listCountries();
      render(select, html`<option value="">Not chosen</option>
        ${countries.map((c) => html`<option value="${c.code}" ${c.code === guess ? html`selected` : ''}>${c.name}</option>`)}`);
    } catch {
      // The country only orders the crisis lines; the vault can be made without it.
    }
  }

  /** @param {string} value */
  updateStrength(value) {
    const { score, label, hint } = assessPassphrase(value);
    this.querySelector('.strength__bar')?.setAttribute('data-score', String(value ? score + 1 : 0));
    const labelEl = this.querySelector('[data-strength-label]');
    if (labelEl) labelEl.textContent = `Strength: ${label}`;
    const hintEl = this.querySelector('[data-strength-hint]');
    if (hintEl) hintEl.textContent = hint;
  }

  /** @param {HTMLFormElement} form */
  async create(form) {
    const data = new FormData(form);
    const passphrase = String(data.get('passphrase') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    const purpose = /** @type {'mentor'|'journal'|'both'} */ (String(data.get('purpose') ?? 'both'));
    const country = String(data.get('country') ?? '') || null;
    const error = this.querySelector('[data-error]');
    const fail = (/** @type {string} */ message, /** @type {string} */ field) => {
      if (error) error.textContent = message;
      const input = /** @type {HTMLInputElement} */ (form.elements.namedItem(field));
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
    };
    for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
    const strength = assessPassphrase(passphrase);
    if (!strength.acceptable) return fail(`This passphrase is too easy to guess. ${strength.hint}`, 'passphrase');
    if (passphrase !== confirm) return fail('The two passphrases are different. Type the same passphrase in both boxes.', 'confirm');
    const button = /** @type {HTMLButtonElement} */ (this.querySelector('[data-create]'));
    button.disabled = true;
    button.textContent = 'Creating your vault…';
    try {
      const created = await api.createVault({ purpose, passphrase });
      form.reset();
      if (country) {
        // A preference outside the vault: if it cannot be saved, Settings can set it later.
        const status = await api.appStatus();
        await api.saveSettings({ ...status.settings, country }).catch(() => {});
      }
      this.showRecoveryKey(created.recovery_key, created.keychain_stored, created.keychain_message);
    } catch (e) {
      const err = api.toApiError(e);
      button.disabled = false;
      button.textContent = 'Create my vault';
      fail(err.message, err.field === 'passphrase' ? 'passphrase' : 'passphrase');
    }
  }

  /**
   * @param {string} key
   * @param {boolean} keychainStored
   * @param {string|null} keychainMessage
   */
  showRecoveryKey(key, keychainStored, keychainMessage) {
    this.recoveryGroups = splitKey(key);
    this.challenge = pickChallenge(this.recoveryGroups.length);
    this.keychain = { stored: keychainStored, message: keychainMessage };
    this.renderRecoveryKey();
  }

  renderRecoveryKey() {
    const groups = this.recoveryGroups ?? [];
    const { stored, message } = this.keychain ?? { stored: false, message: null };
    render(this, html`
      <main class="gate" aria-labelledby="recovery-title">
        <div class="gate__card card">
          <h1 id="recovery-title">Your recovery key</h1>
          <p class="screen__lead">If you forget your passphrase and your keychain is lost, this key is the only way back into your vault. Write it down on paper, or keep it in a password manager. It is shown only now.</p>
          <p class="recovery-key" aria-label="Recovery key, ${count(groups.length, 'group')}" data-recovery-key>
            ${groups.map((g, i) => html`<span class="recovery-key__group" data-n="${i + 1}">${g}</span>`)}
          </p>
          ${stored
            ? html`<p class="notice">Your computer's keychain will unlock Wellkept for you from now on.</p>`
            : html`<p class="notice notice--warning">${message ?? 'The system keychain is not available, so you will type your passphrase to unlock.'}</p>`}
          <div class="actions">
            <button class="button" type="button" data-continue>I have kept it safe — continue</button>
          </div>
        </div>
      </main>`);
    this.querySelector('[data-continue]')?.addEventListener('click', () => this.showConfirm());
    /** @type {HTMLElement|null} */ (this.querySelector('h1'))?.setAttribute('tabindex', '-1');
    /** @type {HTMLElement|null} */ (this.querySelector('h1'))?.focus();
  }

  showConfirm() {
    const [a, b] = this.challenge ?? [2, 3];
    render(this, html`
      <main class="gate" aria-labelledby="confirm-title">
        <div class="gate__card card">
          <h1 id="confirm-title">Check your copy</h1>
          <p class="screen__lead">Type groups ${a} and ${b} of your recovery key from where you kept it. Capitals and spaces don't matter.</p>
          <form data-confirm novalidate>
            <div class="field"><label for="group-a">Group ${a}</label>
              <input id="group-a" name="a" type="text" autocomplete="off" spellcheck="false" class="mono" required></div>
            <div class="field"><label for="group-b">Group ${b}</label>
              <input id="group-b" name="b" type="text" autocomplete="off" spellcheck="false" class="mono" required></div>
            <p class="field__error" role="alert" data-error></p>
            <div class="actions">
              <button class="button" type="submit">Confirm</button>
              <button class="button button--quiet" type="button" data-back>Show the key again</button>
            </div>
          </form>
        </div>
      </main>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-confirm]'));
    /** @type {HTMLInputElement} */ (form.elements.namedItem('a')).focus();
    this.querySelector('[data-back]')?.addEventListener('click', () => {
      this.renderRecoveryKey();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const result = checkAnswer(this.recoveryGroups ?? [], [a, b], [String(data.get('a')), String(data.get('b'))]);
      if (result.ok) {
        this.recoveryGroups = null;
        this.dispatchEvent(new CustomEvent('wk-unlocked', { bubbles: true }));
        return;
      }
      const error = this.querySelector('[data-error]');
      if (error) error.textContent = `Group ${result.wrong.join(' and group ')} does not match. Check your copy, or show the key again and correct it.`;
      const first = result.wrong[0] === a ? 'a' : 'b';
      const input = /** @type {HTMLInputElement} */ (form.elements.namedItem(first));
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    });
  }
}

export const firstRunScreen = {
  id: 'first-run', title: 'Set up', section: /** @type {const} */ ('app'), order: 0, nav: false,
  tag: 'wk-first-run-screen', element: FirstRunScreen,
};

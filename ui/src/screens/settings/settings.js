/**
 * <wk-settings-screen>: auto-lock delay, theme, the person's country (whose crisis lines come
 * first), the crisis-line directory, and changing the passphrase.
 * Saving preferences dispatches `wk-settings-changed` (bubbling) with the saved settings.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { assessPassphrase } from '../../lib/passphrase-strength.js';
import { applyTheme } from '../../lib/theme.js';
import { countryFromLocale } from '../../lib/crisis-lines.js';
import { crisisLineSection, wireCrisisLines } from './crisis-line-manager.js';

export class SettingsScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{autoLockMinutes: number, theme: string, country?: string|null}} */
    this.settings = { autoLockMinutes: 5, theme: 'system', country: null };
  }

  connectedCallback() {
    const s = this.settings;
    render(this, html`
      <section class="screen" aria-labelledby="settings-title">
        <h1 id="settings-title">Settings</h1>
        <form class="card settings-card" data-preferences novalidate>
          <h2>Privacy and appearance</h2>
          <div class="field">
            <label for="auto-lock">Lock automatically after this many idle minutes</label>
            <input id="auto-lock" name="autoLockMinutes" type="number" min="1" max="240" step="1" inputmode="numeric"
              value="${s.autoLockMinutes}" aria-describedby="auto-lock-hint auto-lock-error">
            <span class="field__hint" id="auto-lock-hint">Between 1 and 240. Locking clears the screen and forgets the decrypted vault until you unlock again.</span>
            <span class="field__error" id="auto-lock-error" data-error-for="autoLockMinutes"></span>
          </div>
          <fieldset class="field">
            <legend>Theme</legend>
            ${['system', 'light', 'dark'].map((t) => html`
              <label class="choice"><input type="radio" name="theme" value="${t}" ${s.theme === t ? html`checked` : ''}>
                <span>${t === 'system' ? 'Same as my computer' : t === 'light' ? 'Light' : 'Dark'}</span></label>`)}
          </fieldset>
          <div class="field">
            <label for="country">Your country</label>
            <select id="country" name="country" aria-describedby="country-hint" data-country-select>
              <option value="">Not chosen</option>
            </select>
            <span class="field__hint" id="country-hint">Its crisis lines are shown first when you press Crisis lines, even while Wellkept is locked.</span>
          </div>
          <div class="actions"><button class="button" type="submit">Save preferences</button></div>
        </form>
        ${crisisLineSection()}
        <form class="card settings-card" data-passphrase novalidate>
          <h2>Change passphrase</h2>
          <p class="muted">Your data is not re-encrypted; only the key that unlocks it is. Your recovery key and keychain keep working.</p>
          <div class="field"><label for="new-passphrase">New passphrase</label>
            <input id="new-passphrase" name="next" type="password" autocomplete="new-password" aria-describedby="new-passphrase-hint">
            <span class="field__hint" id="new-passphrase-hint" data-strength aria-live="polite">Use at least 12 characters. A few unrelated words work well.</span></div>
          <div class="field"><label for="confirm-passphrase">New passphrase again</label>
            <input id="confirm-passphrase" name="confirm" type="password" autocomplete="new-password"></div>
          <p class="field__error" role="alert" data-passphrase-error></p>
          <div class="actions"><button class="button" type="submit">Change passphrase</button></div>
        </form>
      </section>`);

    const prefs = /** @type {HTMLFormElement} */ (this.querySelector('[data-preferences]'));
    prefs.addEventListener('submit', (event) => {
      event.preventDefault();
      this.savePreferences(prefs);
    });
    for (const radio of prefs.querySelectorAll('input[name="theme"]')) {
      radio.addEventListener('change', (e) => applyTheme(/** @type {HTMLInputElement} */ (e.target).value));
    }
    this.fillCountries();
    wireCrisisLines(this);
    const pass = /** @type {HTMLFormElement} */ (this.querySelector('[data-passphrase]'));
    const next = /** @type {HTMLInputElement} */ (pass.elements.namedItem('next'));
    next.addEventListener('input', () => {
      const a = assessPassphrase(next.value);
      const hint = this.querySelector('[data-strength]');
      if (hint) hint.textContent = next.value ? `Strength: ${a.label}. ${a.hint}` : a.hint;
    });
    pass.addEventListener('submit', (event) => {
      event.preventDefault();
      this.changePassphrase(pass);
    });
  }

  /** Lists every country by name, the person's own (or their locale's) selected. */
  async fillCountries() {
    const select = /** @type {HTMLSelectElement|null} */ (this.querySelector('[data-country-select]'));
    if (!select) return;
    const chosen = this.settings.country ?? countryFromLocale(globalThis.navigator?.language) ?? '';
    try {
      const countries = await api.listCountries();
      render(select, html`<option value="">Not chosen</option>
        ${countries.map((c) => html`<option value="${c.code}" ${c.code === chosen ? html`selected` : ''}>${c.name}</option>`)}`);
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {HTMLFormElement} form */
  async savePreferences(form) {
    const data = new FormData(form);
    const minutes = Number(data.get('autoLockMinutes'));
    const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('autoLockMinutes'));
    const error = this.querySelector('[data-error-for="autoLockMinutes"]');
    input.removeAttribute('aria-invalid');
    if (error) error.textContent = '';
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
      input.setAttribute('aria-invalid', 'true');
      if (error) error.textContent = 'Enter a whole number of minutes between 1 and 240.';
      input.focus();
      return;
    }
    try {
      const saved = await api.saveSettings({
        ...this.settings,
        autoLockMinutes: minutes,
        theme: String(data.get('theme') ?? 'system'),
        country: String(data.get('country') ?? '') || null,
      });
      this.settings = saved;
      this.dispatchEvent(new CustomEvent('wk-settings-changed', { bubbles: true, detail: saved }));
      announce(this, 'Preferences saved.');
    } catch (e) {
      const err = api.toApiError(e);
      if (err.field === 'autoLockMinutes' && error) {
        error.textContent = err.message;
        input.setAttribute('aria-invalid', 'true');
      } else {
        announce(this, err.message, 'error');
      }
    }
  }

  /** @param {HTMLFormElement} form */
  async changePassphrase(form) {
    const data = new FormData(form);
    const next = String(data.get('next') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    const error = this.querySelector('[data-passphrase-error]');
    const say = (/** @type {string} */ m) => { if (error) error.textContent = m; };
    const strength = assessPassphrase(next);
    if (!strength.acceptable) return say(`The new passphrase is too easy to guess. ${strength.hint}`);
    if (next !== confirm) return say('The two new passphrases are different. Type the same one in both boxes.');
    say('');
    try {
      await api.changePassphrase({ next });
      form.reset();
      announce(this, 'Passphrase changed. Use the new one from now on.');
    } catch (e) {
      say(api.toApiError(e).message);
    }
  }
}

export const settingsScreen = {
  id: 'settings', title: 'Settings', section: /** @type {const} */ ('app'), order: 9,
  tag: 'wk-settings-screen', element: SettingsScreen,
};

/**
 * <wk-settings-screen>: auto-lock delay, theme, the person's country (whose crisis lines come
 * first), the daily check-in reminder (kept in the vault), practice privacy (the controller's details
 * and the record of processing, see practice-privacy.js), the crisis-line directory, changing the passphrase, and making a new vault key. Both
 * key changes ask for the current passphrase first: an unlocked window alone must not be enough
 * to lock its owner out.
 * Saving preferences dispatches `wk-settings-changed` (bubbling) with the saved settings.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { assessPassphrase } from '../../lib/passphrase-strength.js';
import { splitKey } from '../../lib/recovery-check.js';
import { applyTheme } from '../../lib/theme.js';
import { countryFromLocale } from '../../lib/crisis-lines.js';
import { CHECK_IN_KINDS, describeDailyReminder } from '../../lib/daily-reminder.js';
import { crisisLineSection, wireCrisisLines } from './crisis-line-manager.js';
import { describeRule } from '../../lib/retention.js';
import { practicePrivacySection, wirePracticePrivacy } from './practice-privacy.js';
import { devicesSection, wireDevices } from './devices-card.js';

export class SettingsScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {import('../../api.js').Settings} */
    this.settings = { auto_lock_minutes: 5, theme: 'system', country: null };
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
            <input id="auto-lock" name="auto_lock_minutes" type="number" min="1" max="240" step="1" inputmode="numeric"
              value="${s.auto_lock_minutes}" aria-describedby="auto-lock-hint auto-lock-error">
            <span class="field__hint" id="auto-lock-hint">Between 1 and 240. Locking clears the screen and forgets the decrypted vault until you unlock again.</span>
            <span class="field__error" id="auto-lock-error" data-error-for="auto_lock_minutes"></span>
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
        <form class="card settings-card" data-daily-reminder novalidate aria-labelledby="daily-title">
          <h2 id="daily-title">Daily check-in reminder</h2>
          <p class="muted">A desktop notification once a day, at or after this time, while today's check-in is not done and Wellkept is unlocked. It says only that it is time for your check-in: no names, nothing you wrote.</p>
          <p data-daily-status aria-live="polite"></p>
          <label class="choice"><input type="checkbox" name="enabled" id="daily-enabled"><span>Remind me every day</span></label>
          <div class="field">
            <label for="daily-time">At this time</label>
            <input id="daily-time" name="time" type="text" inputmode="numeric" autocomplete="off" size="6"
              aria-describedby="daily-time-hint daily-time-error">
            <span class="field__hint" id="daily-time-hint">Hours and minutes on the 24-hour clock, like 20:30, on this computer's clock.</span>
            <span class="field__error" id="daily-time-error" data-error-for="daily-time"></span>
          </div>
          <fieldset class="field">
            <legend>Remind me about</legend>
            ${CHECK_IN_KINDS.map(([value, label]) => html`
              <label class="choice"><input type="radio" name="what" value="${value}"><span>${label}</span></label>`)}
          </fieldset>
          <div class="actions"><button class="button" type="submit">Save reminder</button></div>
        </form>
        <form class="card settings-card" data-retention novalidate aria-labelledby="retention-title">
          <h2 id="retention-title">Record retention</h2>
          <p class="muted">How long a closed client's record is kept. When it has passed, the client is listed under "Retention ended" on the dashboard, and their record may be erased. A record still under retention can be erased only by typing the client's name.</p>
          <p data-retention-status aria-live="polite"></p>
          <div class="field">
            <label for="retention-years">Years after the last contact</label>
            <input id="retention-years" name="years" type="number" min="1" max="100" step="1" inputmode="numeric" aria-describedby="retention-years-hint">
            <span class="field__hint" id="retention-years-hint">The last contact is the latest of the day the client was closed, their last session note and their last attended session.</span>
          </div>
          <div class="field">
            <label for="retention-age">For young clients, keep at least until they turn</label>
            <input id="retention-age" name="age" type="number" min="1" max="100" step="1" inputmode="numeric" aria-describedby="retention-age-hint">
            <span class="field__hint" id="retention-age-hint">Counts only for clients whose date of birth you recorded; whichever is later wins.</span>
          </div>
          <p class="field__error" role="alert" data-retention-error></p>
          <div class="actions"><button class="button" type="submit">Save retention</button></div>
        </form>
        ${practicePrivacySection()}
        ${crisisLineSection()}
        ${devicesSection()}
        <form class="card settings-card" data-passphrase novalidate>
          <h2>Change passphrase</h2>
          <p class="muted">Your data is not re-encrypted; only the copy of its key that your passphrase opens is. Your recovery key and keychain keep working.
            A backup or an old copy of the vault folder made before now still opens with the old passphrase, and that key also decrypts today's vault files: to make old copies useless, make a new vault key below.</p>
          <div class="field"><label for="current-secret">Current passphrase or recovery key</label>
            <input id="current-secret" name="current" type="password" autocomplete="current-password">
            <span class="field__error" id="current-secret-error" data-error-for="current"></span></div>
          <div class="field"><label for="new-passphrase">New passphrase</label>
            <input id="new-passphrase" name="next" type="password" autocomplete="new-password" aria-describedby="new-passphrase-hint">
            <span class="field__hint" id="new-passphrase-hint" data-strength aria-live="polite">Use at least 12 characters. A few unrelated words work well.</span></div>
          <div class="field"><label for="confirm-passphrase">New passphrase again</label>
            <input id="confirm-passphrase" name="confirm" type="password" autocomplete="new-password"></div>
          <p class="field__error" role="alert" data-passphrase-error></p>
          <div class="actions"><button class="button" type="submit">Change passphrase</button></div>
        </form>
        <form class="card settings-card" data-rekey novalidate>
          <h2>Make a new vault key</h2>
          <p class="muted">Everything in the vault is rewritten under a new key, every way in is updated, and you get a NEW recovery key (the old one stops opening this vault).
            The older snapshots Wellkept keeps as backups are removed. Backup files made before now then open only with the old secrets, and only what they hold themselves: they no longer decrypt this vault's files. Make a new backup afterwards.</p>
          <div class="field"><label for="rekey-passphrase">Current passphrase</label>
            <input id="rekey-passphrase" name="passphrase" type="password" autocomplete="current-password" aria-describedby="rekey-passphrase-hint">
            <span class="field__hint" id="rekey-passphrase-hint">It stays your passphrase and protects the new key.</span></div>
          <p class="field__error" role="alert" data-rekey-error></p>
          <div class="actions"><button class="button" type="submit">Make a new vault key</button></div>
          <div data-rekey-result></div>
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
    const daily = /** @type {HTMLFormElement} */ (this.querySelector('[data-daily-reminder]'));
    daily.addEventListener('submit', (event) => {
      event.preventDefault();
      this.saveDailyReminder(daily);
    });
    this.loadDailyReminder(daily);
    const retentionForm = /** @type {HTMLFormElement} */ (this.querySelector('[data-retention]'));
    retentionForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.saveRetention(retentionForm);
    });
    this.loadRetention(retentionForm);
    wireCrisisLines(this);
    wirePracticePrivacy(this);
    wireDevices(this);
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
    const rekey = /** @type {HTMLFormElement} */ (this.querySelector('[data-rekey]'));
    rekey.addEventListener('submit', (event) => {
      event.preventDefault();
      this.rekey(rekey);
    });
  }

  disconnectedCallback() {
    // The recovery key is shown once: it must not outlive this screen.
    this.querySelector('[data-rekey-result]')?.replaceChildren();
  }

  /** @param {HTMLFormElement} form */
  async rekey(form) {
    const passphrase = String(new FormData(form).get('passphrase') ?? '');
    const error = this.querySelector('[data-rekey-error]');
    const result = this.querySelector('[data-rekey-result]');
    if (!error || !result) return;
    error.textContent = '';
    result.replaceChildren();
    if (!passphrase) {
      error.textContent = 'Type your current passphrase.';
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button?.setAttribute('disabled', '');
    try {
      const done = await api.rekeyVault(passphrase);
      form.reset();
      const groups = splitKey(done.recovery_key);
      render(result, html`
        <h3>Your NEW recovery key</h3>
        <p class="recovery-key" aria-label="Recovery key, ${groups.length} groups" data-new-recovery-key>
          ${groups.map((g, i) => html`<span class="recovery-key__group" data-n="${i + 1}">${g}</span>`)}
        </p>
        <p>Write it down or print it now: it is shown once. The old recovery key no longer opens this vault.
          ${done.generations_removed} older snapshot${done.generations_removed === 1 ? '' : 's'} under the old key ${done.generations_removed === 1 ? 'was' : 'were'} removed.</p>
        ${done.keychain_message ? html`<p class="field__error">${done.keychain_message}</p>` : ''}`);
      announce(this, 'The vault has a new key. Write down the new recovery key.');
    } catch (e) {
      const err = api.toApiError(e);
      error.textContent = err.field === 'current' ? 'That is not your current passphrase. Nothing was changed.' : err.message;
    } finally {
      button?.removeAttribute('disabled');
    }
  }

  /** @param {HTMLFormElement} form */
  async loadRetention(form) {
    try {
      this.showRetention(form, await api.retentionRule());
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {HTMLFormElement} form @param {import('../../api.js').RetentionRule} rule */
  showRetention(form, rule) {
    /** @type {HTMLInputElement} */ (form.elements.namedItem('years')).value = String(rule.years_after_last_contact);
    /** @type {HTMLInputElement} */ (form.elements.namedItem('age')).value = String(rule.minors_until_age);
    const status = form.querySelector('[data-retention-status]');
    if (status) status.textContent = describeRule(rule);
  }

  /** @param {HTMLFormElement} form */
  async saveRetention(form) {
    const error = form.querySelector('[data-retention-error]');
    if (!error) return;
    error.textContent = '';
    const data = new FormData(form);
    const years = String(data.get('years') ?? '').trim();
    const age = String(data.get('age') ?? '').trim();
    if (!/^\d+$/.test(years) || !/^\d+$/.test(age)) {
      error.textContent = 'Enter whole numbers: years from 1 to 100, and an age from 1 to 100. Nothing was saved.';
      return;
    }
    try {
      const saved = await api.setRetentionRule({ years_after_last_contact: Number(years), minors_until_age: Number(age) });
      this.showRetention(form, saved);
      announce(this, 'Retention saved.');
    } catch (e) {
      error.textContent = `${api.toApiError(e).message}. Nothing was saved.`;
    }
  }

  /** @param {HTMLFormElement} form */
  async loadDailyReminder(form) {
    try {
      this.showDailyReminder(form, await api.dailyReminder());
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /**
   * Fills the form with `reminder` and says in words what is set.
   * @param {HTMLFormElement} form @param {import('../../api.js').DailyReminder} reminder
   */
  showDailyReminder(form, reminder) {
    const enabled = /** @type {HTMLInputElement} */ (form.elements.namedItem('enabled'));
    const time = /** @type {HTMLInputElement} */ (form.elements.namedItem('time'));
    enabled.checked = reminder.enabled;
    time.value = reminder.time;
    for (const radio of form.querySelectorAll('input[name="what"]')) {
      const input = /** @type {HTMLInputElement} */ (radio);
      input.checked = input.value === reminder.what;
    }
    const status = form.querySelector('[data-daily-status]');
    if (status) status.textContent = describeDailyReminder(reminder);
  }

  /** @param {HTMLFormElement} form */
  async saveDailyReminder(form) {
    const data = new FormData(form);
    const time = /** @type {HTMLInputElement} */ (form.elements.namedItem('time'));
    const error = form.querySelector('[data-error-for="daily-time"]');
    time.removeAttribute('aria-invalid');
    if (error) error.textContent = '';
    try {
      const saved = await api.saveDailyReminder({
        enabled: data.get('enabled') === 'on',
        time: String(data.get('time') ?? '').trim(),
        what: /** @type {import('../../api.js').DailyReminder['what']} */ (String(data.get('what') ?? 'both')),
      });
      this.showDailyReminder(form, saved);
      announce(this, saved.enabled ? `Reminder saved. ${describeDailyReminder(saved)}` : 'Reminder saved. It is off.');
    } catch (e) {
      const err = api.toApiError(e);
      if (err.field === 'time' && error) {
        // The core's message reads "time: <what is wrong>"; the label already names the field.
        error.textContent = `${err.message.replace(/^time: /, '')}. Nothing was saved.`;
        time.setAttribute('aria-invalid', 'true');
        time.focus();
      } else {
        announce(this, err.message, 'error');
      }
    }
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
    const minutes = Number(data.get('auto_lock_minutes'));
    const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('auto_lock_minutes'));
    const error = this.querySelector('[data-error-for="auto_lock_minutes"]');
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
        auto_lock_minutes: minutes,
        theme: /** @type {import('../../api.js').Theme} */ (String(data.get('theme') ?? 'system')),
        country: String(data.get('country') ?? '') || null,
      });
      this.settings = saved;
      this.dispatchEvent(new CustomEvent('wk-settings-changed', { bubbles: true, detail: saved }));
      announce(this, 'Preferences saved.');
    } catch (e) {
      const err = api.toApiError(e);
      if (err.field === 'auto_lock_minutes' && error) {
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
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    const error = this.querySelector('[data-passphrase-error]');
    const currentError = this.querySelector('[data-error-for="current"]');
    const currentInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('current'));
    const say = (/** @type {string} */ m) => { if (error) error.textContent = m; };
    if (currentError) currentError.textContent = '';
    currentInput.removeAttribute('aria-invalid');
    if (!current) {
      currentInput.setAttribute('aria-invalid', 'true');
      if (currentError) currentError.textContent = 'Type your current passphrase or your recovery key first.';
      currentInput.focus();
      return;
    }
    const strength = assessPassphrase(next);
    if (!strength.acceptable) return say(`The new passphrase is too easy to guess. ${strength.hint}`);
    if (next !== confirm) return say('The two new passphrases are different. Type the same one in both boxes.');
    say('');
    try {
      await api.changePassphrase({ current, next });
      form.reset();
      announce(this, 'Passphrase changed. Use the new one from now on; old backups still open with the old one.');
    } catch (e) {
      const err = api.toApiError(e);
      if (err.field === 'current' && currentError) {
        currentInput.setAttribute('aria-invalid', 'true');
        currentError.textContent = 'That is not your current passphrase or recovery key. Nothing was changed.';
        currentInput.focus();
      } else {
        say(err.message);
      }
    }
  }
}

export const settingsScreen = {
  id: 'settings', title: 'Settings', section: /** @type {const} */ ('app'), order: 9,
  tag: 'wk-settings-screen', element: SettingsScreen,
};

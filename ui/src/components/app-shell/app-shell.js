/**
 * <wk-app>: the root element. Decides between first run, unlock and the main frame; owns the
 * global shortcuts (search, crisis, lock, quick-hide), activity reporting for auto-lock, and the
 * lock reaction that removes every piece of vault content from the page.
 *
 * Usage: <wk-app></wk-app> in index.html; `registerAppShell()` at start-up.
 */
import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { createShortcutMatcher, throttle } from '../../lib/shortcuts.js';
import { applyTheme } from '../../lib/theme.js';

/** Report activity to the shell at most this often (auto-lock works in minutes). */
const KEEP_ALIVE_MS = 15_000;

export class AppShell extends HTMLElement {
  constructor() {
    super();
    this.keys = createShortcutMatcher();
    this.reportActivity = throttle(() => api.keepAlive().catch(() => {}), KEEP_ALIVE_MS);
    /** @type {null | import('../../api.js').AppStatus} */
    this.status = null;
    /**
     * What a vault opened read-only lacks (from the unlock that opened it), for the frame's banner.
     * @type {null | import('../../api.js').MissingChanges}
     */
    this.missing = null;
    /** Where the current view goes: a detached stand-in until connectedCallback renders the real one. */
    /** @type {HTMLElement} */
    this.view = document.createElement('div');
  }

  async connectedCallback() {
    render(this, html`
      <div class="app-view" data-view></div>
      <wk-crisis-dialog></wk-crisis-dialog>
      <div class="visually-hidden" role="alert" data-alert></div>`);
    this.view = /** @type {HTMLElement} */ (this.querySelector('[data-view]'));
    this.crisis = this.querySelector('wk-crisis-dialog');
    window.addEventListener('keydown', (e) => this.onKey(e));
    for (const type of ['keydown', 'pointerdown', 'wheel']) {
      window.addEventListener(type, () => { if (this.status?.unlocked) this.reportActivity(); }, { passive: true });
    }
    this.addEventListener('wk-open-crisis', () => this.openCrisis());
    this.addEventListener('wk-unlocked', (e) => {
      const detail = /** @type {CustomEvent} */ (e).detail;
      this.missing = detail?.missing ?? null;
      this.start(false, detail?.status ?? null);
    });
    // First run pointed the app at a vault in another folder: show its unlock screen (trying
    // the keychain, which on a computer joining a synced vault has no key yet and says so).
    this.addEventListener('wk-vault-folder-chosen', () => this.start(true));
    this.addEventListener('wk-lock', () => this.lock('user'));
    this.addEventListener('wk-quick-hide', () => this.quickHide());
    this.addEventListener('wk-settings-changed', (e) => {
      const settings = /** @type {CustomEvent} */ (e).detail;
      if (this.status) this.status.settings = settings;
      applyTheme(settings.theme);
    });
    try {
      await api.onLocked((payload) => this.showLocked(payload.reason));
      await api.onChangedElsewhere(() => {
        const frame = /** @type {(HTMLElement & {changesArrived?: () => Promise<void>}) | null} */ (this.querySelector('wk-frame'));
        frame?.changesArrived?.();
      });
    } catch (error) {
      this.fatal(error);
      return;
    }
    await this.start(true);
  }

  /**
   * Reads the app status (unless the unlock just answered with it) and shows the right view.
   * @param {boolean} coldStart  on a cold start the unlock screen tries the keychain by itself
   * @param {null | import('../../api.js').AppStatus} [known]  the status an unlock answered with
   */
  async start(coldStart, known = null) {
    try {
      // Start-up timing marks (read by tests/e2e/measure/cold-start.mjs; names only, no data).
      performance.mark('wk-status-asked');
      this.status = known ?? await api.appStatus();
      performance.mark(coldStart ? 'wk-status-answered' : 'wk-status-after-unlock');
    } catch (error) {
      this.fatal(error);
      return;
    }
    applyTheme(this.status.settings.theme);
    this.clear();
    let view;
    if (!this.status.vault_exists) {
      view = document.createElement('wk-first-run-screen');
    } else if (!this.status.unlocked) {
      view = document.createElement('wk-unlock-screen');
      Object.assign(view, {
        autoKeychain: coldStart,
        keychainAvailable: this.status.keychain_available,
        keychainEnabled: this.status.keychain_enabled,
        reason: null,
      });
    } else {
      view = document.createElement('wk-frame');
      Object.assign(view, {
        purpose: this.status.purpose,
        settings: this.status.settings,
        readOnly: this.status.read_only,
        missing: this.status.read_only ? this.missing : null,
        erasedAgain: this.status.erased_again ?? null,
      });
    }
    this.view.append(view);
  }

  /** Removes every view (and with it all vault content) from the page. */
  clear() {
    this.crisis?.close();
    this.view.replaceChildren();
  }

  /** @param {string} reason */
  showLocked(reason) {
    if (this.status) this.status.unlocked = false;
    this.clear();
    const view = document.createElement('wk-unlock-screen');
    Object.assign(view, {
      autoKeychain: false,
      keychainAvailable: this.status?.keychain_available ?? true,
      keychainEnabled: this.status?.keychain_enabled ?? true,
      reason,
    });
    this.view.append(view);
  }

  /** @param {string} reason */
  async lock(reason) {
    // Clear first: the content leaves the screen even if the shell is slow to answer.
    this.showLocked(reason);
    try {
      await api.lockVault();
    } catch (error) {
      this.alert(api.toApiError(error).message);
    }
  }

  async quickHide() {
    this.showLocked('quick-hide');
    try {
      await api.quickHide();
    } catch (error) {
      this.alert(api.toApiError(error).message);
    }
  }

  openCrisis() {
    const frame = this.querySelector('wk-frame');
    Promise.resolve(frame?.crisisContent?.() ?? api.lockedCrisisContent())
      .catch(() => ({}))
      .then((content) => this.crisis?.open(content));
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const action = this.keys.match(event, performance.now());
    if (!action) return;
    const unlocked = Boolean(this.status?.unlocked && this.querySelector('wk-frame'));
    if (action === 'crisis') {
      event.preventDefault();
      this.openCrisis();
    } else if (action === 'quick-hide' && unlocked) {
      event.preventDefault();
      this.quickHide();
    } else if (action === 'lock' && unlocked) {
      event.preventDefault();
      this.lock('user');
    } else if (action === 'search' && unlocked) {
      event.preventDefault();
      this.querySelector('wk-frame')?.focusSearch();
    }
  }

  /** @param {string} message */
  alert(message) {
    const region = this.querySelector('[data-alert]');
    if (region) region.textContent = message;
  }

  /** @param {unknown} error */
  fatal(error) {
    const e = api.toApiError(error);
    render(this.view, html`<main class="fatal" aria-labelledby="fatal-title">
      <h1 id="fatal-title">Wellkept could not start</h1>
      <p>${e.message}</p></main>`);
  }
}

export function registerAppShell() {
  if (!customElements.get('wk-app')) customElements.define('wk-app', AppShell);
}

/**
 * <wk-frame>: the unlocked app's frame: sidebar navigation built from the screen registry, a
 * header with global search (Ctrl+K), the always-visible "Crisis lines & safety plan" button,
 * theme toggle, quick-hide and lock, and the main region that hosts one screen at a time.
 *
 * A vault opened read-only (`readOnly`, with `missing` saying what it lacks) shows a banner
 * under the header on every screen. So does an unlock that erased clients again in an older copy
 * of the vault (`erasedAgain`, the core's sentence: a restored backup from before an erasure).
 *
 * Another computer's changes, delivered by the sync engine while the vault is open here, show
 * by themselves (`changesArrived`): the vault is loaded again and the same screen drawn again,
 * unless the person is typing on it or a dialog is open; then a banner offers "Show them".
 *
 * Usage: created by <wk-app> after unlock with `purpose` and `settings` set; screens ask it to
 * move with `navigate(this, 'screen-id', params)` and to speak with `announce(this, text)`.
 */
import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { erasedAgainBanner } from '../../lib/retention.js';
import { readOnlyReason } from '../../lib/rollback.js';
import { getScreen, navigation } from '../../lib/screens.js';
import { SHORTCUTS } from '../../lib/shortcuts.js';
import { THEME_NAMES, applyTheme, nextTheme } from '../../lib/theme.js';
import { holdsChanges } from '../../lib/typing.js';

/** What the status line says when another computer's changes showed by themselves. */
export const CHANGES_SHOWN = 'Showing changes made on another computer.';

export class AppFrame extends HTMLElement {
  constructor() {
    super();
    /** Where screens go: a detached stand-in until connectedCallback renders the real one. */
    this.main = document.createElement('main');
    /** @type {'mentor'|'journal'|'both'|null} */
    this.purpose = null;
    /** @type {import('../../api.js').Settings} */
    this.settings = { auto_lock_minutes: 5, theme: 'system', country: null };
    /** Opened read-only (a vault missing changes, opened to look): a banner says so on every screen. */
    this.readOnly = false;
    /** @type {null | import('../../api.js').MissingChanges} what it lacks, when known */
    this.missing = null;
    /** @type {string|null} the unlock's sentence when it erased clients again (`AppStatus.erased_again`) */
    this.erasedAgain = null;
    this.current = '';
    /** @type {Record<string, unknown>} the current screen's parameters, to show it again */
    this.currentParams = {};
    /** Whether a form control on the current screen was typed in since it was shown. */
    this.touched = false;
    /** Another computer's changes are being loaded by themselves. */
    this.reloading = false;
  }

  connectedCallback() {
    const groups = navigation(this.purpose);
    render(this, html`
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="frame-header">
        <span class="frame-header__brand" aria-hidden="true">Wellkept</span>
        <form class="frame-search" role="search" data-search>
          <label class="visually-hidden" for="global-search">Search everything</label>
          <input id="global-search" type="search" name="q" autocomplete="off" spellcheck="false"
            placeholder="Search everything (Ctrl+K)" aria-keyshortcuts="${SHORTCUTS.search}">
        </form>
        <div class="frame-header__actions">
          <button type="button" class="button button--crisis" data-crisis
            aria-keyshortcuts="${SHORTCUTS.crisis}">Crisis lines &amp; safety plan</button>
          <button type="button" class="button button--quiet" data-theme-toggle></button>
          <button type="button" class="button button--quiet" data-quick-hide
            aria-keyshortcuts="${SHORTCUTS['quick-hide']}" title="Locks and hides the window at once (Ctrl+Shift+H, or Escape twice)">Hide now</button>
          <button type="button" class="button" data-lock aria-keyshortcuts="${SHORTCUTS.lock}">Lock</button>
        </div>
      </header>
      ${this.readOnly ? html`<p class="frame-banner notice notice--warning" role="note" data-read-only-banner>${readOnlyReason(this.missing)}</p>` : ''}
      ${this.erasedAgain ? html`<p class="frame-banner notice notice--warning" role="alert" data-erased-again-banner>${erasedAgainBanner(this.erasedAgain)}</p>` : ''}
      <nav class="frame-nav" aria-label="Main">
        ${groups.map(({ section, screens }) => html`
          <h2 class="frame-nav__section" id="nav-${section.id}">${section.title}</h2>
          <ul aria-labelledby="nav-${section.id}">
            ${screens.map((s) => html`<li><a href="#${s.id}" data-screen="${s.id}">${s.title}</a></li>`)}
          </ul>`)}
      </nav>
      <main id="main" class="frame-main" tabindex="-1" data-main></main>
      <div class="frame-status" role="status" aria-live="polite" data-status></div>`);

    this.main = /** @type {HTMLElement} */ (this.querySelector('[data-main]'));
    // Typing on the screen (not in the header's search box, which a redraw keeps).
    const typed = (/** @type {Event} */ event) => {
      if (/** @type {Element} */ (event.target).matches?.('input, textarea, select')) this.touched = true;
    };
    this.main.addEventListener('input', typed, true);
    this.main.addEventListener('change', typed, true);
    this.updateThemeButton();
    this.querySelector('[data-crisis]')?.addEventListener('click', () => this.emit('wk-open-crisis'));
    this.querySelector('[data-lock]')?.addEventListener('click', () => this.emit('wk-lock'));
    this.querySelector('[data-quick-hide]')?.addEventListener('click', () => this.emit('wk-quick-hide'));
    this.querySelector('[data-theme-toggle]')?.addEventListener('click', () => this.toggleTheme());
    this.querySelector('.frame-nav')?.addEventListener('click', (event) => {
      const link = /** @type {HTMLElement} */ (event.target).closest('a[data-screen]');
      if (!link) return;
      event.preventDefault();
      this.show(link.getAttribute('data-screen') ?? 'dashboard');
    });
    this.querySelector('[data-search]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      const input = /** @type {HTMLInputElement} */ (this.querySelector('#global-search'));
      const query = input.value.trim();
      if (query && getScreen('search')) this.show('search', { query });
    });
    this.addEventListener('wk-navigate', (event) => {
      const { screen, params } = /** @type {CustomEvent} */ (event).detail;
      this.show(screen, params);
    });
    this.addEventListener('wk-announce', (event) => {
      const { message, tone } = /** @type {CustomEvent} */ (event).detail;
      this.say(message, tone);
    });
    this.show('dashboard');
  }

  /**
   * Shows a screen in the main region and moves focus to its heading (with `focus: false`,
   * leaves focus where it is: a screen drawn again by itself).
   * @param {string} id
   * @param {Record<string, unknown>} [params]
   * @param {{focus?: boolean}} [options]
   */
  show(id, params = {}, { focus = true } = {}) {
    const screen = getScreen(id) ?? getScreen('dashboard');
    if (!screen) return;
    // Every screen takes what the frame knows: its parameters, the vault's purpose, the settings.
    const element = /** @type {HTMLElement & {params: unknown, purpose: unknown, settings: unknown}} */ (document.createElement(screen.tag));
    element.params = params;
    element.purpose = this.purpose;
    element.settings = this.settings;
    this.main.replaceChildren(element);
    this.current = screen.id;
    this.currentParams = params;
    this.touched = false;
    for (const link of this.querySelectorAll('a[data-screen]')) {
      if (link.getAttribute('data-screen') === screen.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    document.title = `${screen.title} — Wellkept`;
    const heading = /** @type {HTMLElement|null} */ (this.main.querySelector('h1'));
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      if (focus) heading.focus({ preventScroll: false });
    }
  }

  /**
   * Whether drawing the current screen again would lose something: a form control on it typed
   * in since it was shown that still differs from what the screen drew (see lib/typing.js), or
   * an open dialog.
   * @returns {boolean}
   */
  isTyping() {
    if (document.querySelector('dialog[open]')) return true;
    return this.touched && holdsChanges(/** @type {NodeListOf<HTMLInputElement>} */ (this.main.querySelectorAll('input, textarea, select')));
  }

  /**
   * Another computer's changes arrived in the vault folder (the sync engine delivered them).
   * Nothing being typed: loads them and draws the same screen again with the same parameters,
   * where it was scrolled to, and says so in the status line. Something being typed: the
   * banner (`showChangesArrived`), and the screen stays as it is. A delivery that does not
   * load (rolled back, damaged) keeps the screen as it was and the banner says why.
   */
  async changesArrived() {
    if (this.reloading || this.querySelector('[data-changes-arrived]')) return;
    if (this.isTyping()) {
      this.showChangesArrived();
      return;
    }
    this.reloading = true;
    try {
      await api.reloadVault();
    } catch (error) {
      const message = api.toApiError(error).message;
      this.showChangesArrived(message);
      this.say(message, 'error');
      return;
    } finally {
      this.reloading = false;
    }
    // Typing that began while the changes loaded stays: they show with "Show them" instead.
    if (this.isTyping()) {
      this.showChangesArrived();
      return;
    }
    const scrolled = this.main.scrollTop;
    const focusWasOnScreen = this.main.contains(document.activeElement);
    this.show(this.current || 'dashboard', this.currentParams ?? {}, { focus: false });
    if (focusWasOnScreen) /** @type {HTMLElement|null} */ (this.main.querySelector('h1'))?.focus({ preventScroll: true });
    // Screens draw their lists once their data has loaded: scroll back now and once more then.
    this.main.scrollTop = scrolled;
    if (scrolled > 0) setTimeout(() => { if (this.main.scrollTop === 0) this.main.scrollTop = scrolled; }, 300);
    this.say(CHANGES_SHOWN);
  }

  /**
   * The banner above every screen that says another computer's changes have arrived and are
   * not shown yet, with "Show them" (loads them and shows the same screen again). Saving in
   * the meantime merges them first (the core loads the vault again before the save), so what
   * is typed here is kept with them; only a form left unsaved is drawn afresh by "Show them".
   * @param {string|null} [failed]  why loading them by themselves failed, when it did
   */
  showChangesArrived(failed = null) {
    let banner = /** @type {HTMLElement|null} */ (this.querySelector('[data-changes-arrived]'));
    if (!banner) {
      banner = document.createElement('div');
      banner.className = 'frame-banner notice notice--warning';
      banner.setAttribute('role', 'alert');
      banner.dataset.changesArrived = '';
      render(banner, html`<span data-changes-arrived-text>${failed
        ? 'Changes made on another computer have arrived through your sync folder, but they could not be shown:'
        : 'Changes made on another computer have arrived through your sync folder. They are not shown yet, so that what you are typing stays on screen. What you save here is kept together with them: save, then show them.'}</span>
        <span data-changes-error>${failed ?? ''}</span>
        <button type="button" class="button" data-show-changes>Show them</button>`);
      this.querySelector('.frame-nav')?.before(banner);
      const shown = banner;
      banner.querySelector('[data-show-changes]')?.addEventListener('click', async () => {
        try {
          await api.reloadVault();
        } catch (error) {
          const message = api.toApiError(error).message;
          const line = shown.querySelector('[data-changes-error]');
          if (line) line.textContent = message;
          this.say(message, 'error');
          return;
        }
        shown.remove();
        this.show(this.current || 'dashboard', this.currentParams ?? {});
        this.say('Showing the changes from the other computer.');
      });
    } else if (failed) {
      const line = banner.querySelector('[data-changes-error]');
      if (line) line.textContent = failed;
    }
  }

  focusSearch() {
    const input = /** @type {HTMLInputElement|null} */ (this.querySelector('#global-search'));
    input?.focus();
    input?.select();
  }

  /** Content for the crisis dialog: the user's safety plan and lines when the vault has them. */
  async crisisContent() {
    if (typeof api.crisisContent !== 'function') return {};
    return api.crisisContent();
  }

  async toggleTheme() {
    const theme = nextTheme(this.settings.theme);
    const next = { ...this.settings, theme };
    applyTheme(theme);
    try {
      this.settings = await api.saveSettings(next);
      this.emit('wk-settings-changed', this.settings);
    } catch (error) {
      this.say(api.toApiError(error).message, 'error');
    }
    this.updateThemeButton();
  }

  updateThemeButton() {
    const button = this.querySelector('[data-theme-toggle]');
    if (!button) return;
    const theme = /** @type {'system'|'light'|'dark'} */ (this.settings.theme);
    button.textContent = THEME_NAMES[theme] ?? THEME_NAMES.system;
    button.setAttribute('aria-label', `${THEME_NAMES[theme] ?? THEME_NAMES.system}: switch to ${THEME_NAMES[nextTheme(theme)]}`);
  }

  /**
   * @param {string} message
   * @param {'info'|'error'} [tone]
   */
  say(message, tone = 'info') {
    const status = this.querySelector('[data-status]');
    if (!status) return;
    status.textContent = message;
    status.classList.toggle('frame-status--error', tone === 'error');
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => { status.textContent = ''; }, 6000);
  }

  /**
   * @param {string} type
   * @param {unknown} [detail]
   */
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
  }
}

export function registerAppFrame() {
  if (!customElements.get('wk-frame')) customElements.define('wk-frame', AppFrame);
}

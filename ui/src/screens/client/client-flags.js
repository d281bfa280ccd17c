/**
 * The client overview's risk flags: the open ones (level, reason, the day raised and how long
 * open, one open more than 7 days marked), "Raise a flag…" (level and reason, dated today) and
 * "Change level…" (a concern that grows or eases), "Resolve…" (what was done, and the day), and the history of resolved flags with what was done
 * and when. Flags are never deleted: resolving one keeps it here. Kept apart from client.js so
 * the overview stays readable.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, today } from '../../lib/dates.js';
import { html } from '../../lib/html.js';
import { LEVELS, flagAge } from '../../lib/risk-flags.js';

/** @param {import('../../api.js').RiskFlag} f */
const levelText = (f) => `${LEVELS[f.level] ?? f.level} risk`;

/**
 * The section, for one client's flags (open and resolved, newest first, as the core lists them).
 * @param {import('../../api.js').RiskFlag[]} flags
 */
export function clientFlagsSection(flags) {
  const now = today();
  const open = flags.filter((f) => f.resolved_on === null);
  const resolved = flags.filter((f) => f.resolved_on !== null)
    .sort((a, b) => String(b.resolved_on).localeCompare(String(a.resolved_on)));
  return html`
    <section class="risk-flags ${open.length ? 'risk-flags--open' : ''}" aria-labelledby="risk-title" data-risk-flags>
      <h2 id="risk-title">${open.length ? 'Open risk flags' : 'Risk flags'}</h2>
      ${open.length
        ? html`<ul class="risk-flags__list" data-open-flags>${open.map((f) => {
          const age = flagAge(f.raised_on, now);
          return html`<li class="risk-flag risk-flag--${f.level}${age.old ? ' risk-flag--old' : ''}" data-flag="${f.id}">
            <span data-flag-text><strong>${levelText(f)}</strong> · raised ${formatDay(f.raised_on)} · <span class="risk-flag__age">${age.old ? html`<strong>${age.text}</strong>` : age.text}</span> · ${f.description}</span>
            <button type="button" class="button button--quiet" data-change-level="${f.id}" aria-haspopup="dialog"
              aria-label="Change the level of the ${levelText(f).toLowerCase()} flag raised ${formatDay(f.raised_on)}">Change level…</button>
            <button type="button" class="button button--quiet" data-resolve="${f.id}" aria-haspopup="dialog"
              aria-label="Resolve the ${levelText(f).toLowerCase()} flag raised ${formatDay(f.raised_on)}">Resolve…</button></li>`;
        })}</ul>`
        : html`<p data-no-open-flags>No open risk flags.</p>`}
      <p class="muted">A flag from a questionnaire is a prompt to check in, never the only risk check.</p>
      <div class="actions"><button type="button" class="button button--quiet" data-raise-flag aria-haspopup="dialog">Raise a flag…</button></div>
      ${resolved.length ? html`
        <h3 class="risk-flags__history-title">Resolved flags</h3>
        <ul class="risk-flags__history" data-flag-history>${resolved.map((f) => html`<li data-flag="${f.id}">
          <strong>${levelText(f)}</strong> · raised ${formatDay(f.raised_on)} · ${f.description}
          <br><span data-flag-resolution>Resolved ${formatDay(f.resolved_on)}: ${f.resolution_note ?? ''}</span></li>`)}</ul>` : ''}
    </section>
    <dialog class="flag-dialog" aria-labelledby="raise-flag-title" data-raise-dialog>
      <form method="dialog" class="flag-dialog__body" data-raise-form novalidate>
        <h2 id="raise-flag-title">Raise a risk flag</h2>
        <div class="field"><label for="flag-level">Level</label>
          <select id="flag-level" name="level">
            <option value="low">Low — keep in mind</option>
            <option value="medium" selected>Medium — follow up soon</option>
            <option value="high">High — act now</option>
          </select></div>
        <div class="field"><label for="flag-reason">What the concern is</label>
          <textarea id="flag-reason" name="reason" rows="3" aria-describedby="flag-reason-error"></textarea></div>
        <p class="notice notice--error" role="alert" id="flag-reason-error" data-raise-error></p>
        <div class="actions">
          <button class="button" type="submit">Raise flag</button>
          <button class="button button--quiet" type="button" data-dialog-cancel>Cancel</button>
        </div>
      </form>
    </dialog>
    <dialog class="flag-dialog" aria-labelledby="level-flag-title" data-level-dialog>
      <form method="dialog" class="flag-dialog__body" data-level-form novalidate>
        <h2 id="level-flag-title">Change the flag's level</h2>
        <p data-level-which></p>
        <div class="field"><label for="flag-new-level">New level</label>
          <select id="flag-new-level" name="level" aria-describedby="flag-level-error">
            <option value="low">Low — keep in mind</option>
            <option value="medium">Medium — follow up soon</option>
            <option value="high">High — act now</option>
          </select></div>
        <p class="notice notice--error" role="alert" id="flag-level-error" data-level-error></p>
        <div class="actions">
          <button class="button" type="submit">Change level</button>
          <button class="button button--quiet" type="button" data-dialog-cancel>Cancel</button>
        </div>
      </form>
    </dialog>
    <dialog class="flag-dialog" aria-labelledby="resolve-flag-title" data-resolve-dialog>
      <form method="dialog" class="flag-dialog__body" data-resolve-form novalidate>
        <h2 id="resolve-flag-title">Resolve the risk flag</h2>
        <p data-resolve-which></p>
        <div class="field"><label for="flag-note">What was done</label>
          <textarea id="flag-note" name="note" rows="3" aria-describedby="flag-note-error"></textarea></div>
        <div class="field"><label for="flag-resolved-on">Resolved on</label>
          <input id="flag-resolved-on" name="resolved_on" type="date" max="${now}" value="${now}"></div>
        <p class="notice notice--error" role="alert" id="flag-note-error" data-resolve-error></p>
        <div class="actions">
          <button class="button" type="submit">Resolve flag</button>
          <button class="button button--quiet" type="button" data-dialog-cancel>Cancel</button>
        </div>
      </form>
    </dialog>`;
}

/**
 * Wires the three dialogs.
 * @param {HTMLElement} screen  the client screen
 * @param {string} clientId
 * @param {import('../../api.js').RiskFlag[]} flags
 * @param {() => void} reload  redraws the overview after a change
 */
export function wireClientFlags(screen, clientId, flags, reload) {
  const raise = /** @type {HTMLDialogElement|null} */ (screen.querySelector('[data-raise-dialog]'));
  const resolve = /** @type {HTMLDialogElement|null} */ (screen.querySelector('[data-resolve-dialog]'));
  const relevel = /** @type {HTMLDialogElement|null} */ (screen.querySelector('[data-level-dialog]'));
  if (!raise || !resolve || !relevel) return;
  /** @type {HTMLElement|null} */
  let opener = null;
  for (const dialog of [raise, resolve, relevel]) {
    dialog.querySelector('[data-dialog-cancel]')?.addEventListener('click', () => dialog.close());
    // Escape closes a modal dialog natively; either way focus goes back where it came from.
    dialog.addEventListener('close', () => opener?.focus());
  }
  const raiseForm = /** @type {HTMLFormElement} */ (raise.querySelector('form'));
  const resolveForm = /** @type {HTMLFormElement} */ (resolve.querySelector('form'));
  const raiseError = /** @type {HTMLElement} */ (raise.querySelector('[data-raise-error]'));
  const resolveError = /** @type {HTMLElement} */ (resolve.querySelector('[data-resolve-error]'));
  /** @type {string|null} */
  let resolving = null;

  screen.querySelector('[data-raise-flag]')?.addEventListener('click', (ev) => {
    opener = /** @type {HTMLElement} */ (ev.currentTarget);
    raiseForm.reset();
    raiseError.textContent = '';
    raise.showModal();
    /** @type {HTMLElement|null} */ (raise.querySelector('#flag-level'))?.focus();
  });
  const levelForm = /** @type {HTMLFormElement} */ (relevel.querySelector('form'));
  const levelError = /** @type {HTMLElement} */ (relevel.querySelector('[data-level-error]'));
  const levelSelect = /** @type {HTMLSelectElement} */ (relevel.querySelector('#flag-new-level'));
  /** @type {import('../../api.js').RiskFlag|undefined} */
  let releveling;
  screen.querySelector('[data-open-flags]')?.addEventListener('click', (ev) => {
    const button = /** @type {HTMLElement} */ (ev.target).closest('[data-change-level]');
    if (!button) return;
    opener = /** @type {HTMLElement} */ (button);
    releveling = flags.find((f) => f.id === button.getAttribute('data-change-level'));
    if (!releveling) return;
    levelError.textContent = '';
    levelSelect.value = releveling.level;
    const which = relevel.querySelector('[data-level-which]');
    if (which) which.textContent = `${levelText(releveling)}, raised ${formatDay(releveling.raised_on)}: ${releveling.description}`;
    relevel.showModal();
    levelSelect.focus();
  });
  levelSelect.addEventListener('change', () => { levelError.textContent = ''; });
  levelForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!releveling) return;
    const level = /** @type {import('../../api.js').RiskLevel} */ (levelSelect.value);
    if (level === releveling.level) {
      levelError.textContent = `It is already ${levelText(releveling).toLowerCase()}. Choose another level, or Cancel.`;
      levelSelect.focus();
      return;
    }
    try {
      await api.updateRiskLevel(releveling.id, level);
      opener = null;
      relevel.close();
      announce(screen, `The flag is now ${LEVELS[level].toLowerCase()} risk.`);
      reload();
    } catch (e) {
      levelError.textContent = api.toApiError(e).message;
    }
  });

  screen.querySelector('[data-open-flags]')?.addEventListener('click', (ev) => {
    const button = /** @type {HTMLElement} */ (ev.target).closest('[data-resolve]');
    if (!button) return;
    opener = /** @type {HTMLElement} */ (button);
    resolving = button.getAttribute('data-resolve');
    const flag = flags.find((f) => f.id === resolving);
    resolveForm.reset();
    resolveError.textContent = '';
    const which = resolve.querySelector('[data-resolve-which]');
    if (which && flag) which.textContent = `${levelText(flag)}, raised ${formatDay(flag.raised_on)}: ${flag.description}`;
    resolve.showModal();
    /** @type {HTMLElement|null} */ (resolve.querySelector('#flag-note'))?.focus();
  });

  raiseForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(raiseForm);
    const reason = String(data.get('reason') ?? '').trim();
    const level = /** @type {import('../../api.js').RiskLevel} */ (String(data.get('level') ?? 'medium'));
    const textarea = /** @type {HTMLElement} */ (raise.querySelector('#flag-reason'));
    if (!reason) {
      raiseError.textContent = 'Say what the concern is.';
      textarea.setAttribute('aria-invalid', 'true');
      textarea.focus();
      return;
    }
    try {
      await api.raiseRiskFlag(clientId, level, reason);
      opener = null;
      raise.close();
      announce(screen, `${LEVELS[level]} risk flag raised.`);
      reload();
    } catch (e) {
      raiseError.textContent = api.toApiError(e).message;
    }
  });

  resolveForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(resolveForm);
    const note = String(data.get('note') ?? '').trim();
    const on = String(data.get('resolved_on') ?? '').trim();
    const textarea = /** @type {HTMLElement} */ (resolve.querySelector('#flag-note'));
    if (!note) {
      resolveError.textContent = 'Say what was done.';
      textarea.setAttribute('aria-invalid', 'true');
      textarea.focus();
      return;
    }
    if (!resolving) return;
    try {
      await api.resolveRiskFlag(resolving, note, on || null);
      opener = null;
      resolve.close();
      announce(screen, 'Risk flag resolved. It stays in the history below.');
      reload();
    } catch (e) {
      resolveError.textContent = api.toApiError(e).message;
    }
  });
}

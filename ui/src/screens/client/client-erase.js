/**
 * The client overview's retention line and its "Erase this client…" dialog (issue 13;
 * docs/decisions.md 51). The dialog asks why (retention ended, or a lawful request with the
 * mentor's note), for "erase" typed as confirmation, and — while the record is still under
 * retention — for the client's name typed as the override. The core checks all of it again and
 * its refusal is shown in the dialog, with nothing erased and nothing typed lost.
 */
import * as api from '../../api.js';
import { announce, navigate } from '../../lib/events.js';
import { html } from '../../lib/html.js';
import { retentionStatus, shortDay } from '../../lib/retention.js';

/**
 * @param {import('../../api.js').Client} client
 * @param {import('../../api.js').ClientRetention} retention
 */
export function clientEraseSection(client, retention) {
  const status = retentionStatus(retention);
  const under = !retention.ended;
  const own = retention.override_rule;
  return html`
    <section class="card client-retention" aria-labelledby="client-retention-title" data-client-retention>
      <h2 id="client-retention-title">Retention and erasure</h2>
      <p data-retention-status>${status || 'Retention starts when the client is closed.'}</p>
      <details data-keep-details>
        <summary>Keep this record longer or shorter</summary>
        <form data-keep-form novalidate aria-label="This client's retention">
          <fieldset class="field">
            <legend>Keep ${client.name}'s record</legend>
            <label class="choice"><input type="radio" name="keep" value="rule" ${own ? '' : html`checked`}><span>By the practice's rule (Settings)</span></label>
            <label class="choice"><input type="radio" name="keep" value="years" ${own?.kind === 'years' ? html`checked` : ''}><span>For a number of years after the last contact</span></label>
            <label class="choice"><input type="radio" name="keep" value="until" ${own?.kind === 'until' ? html`checked` : ''}><span>Until a day</span></label>
          </fieldset>
          <div class="field"><label for="keep-years">Years</label>
            <input id="keep-years" name="years" type="number" min="1" max="100" step="1" inputmode="numeric" value="${own?.kind === 'years' ? String(own.value) : ''}"></div>
          <div class="field"><label for="keep-until">Until</label>
            <input id="keep-until" name="until" type="date" value="${own?.kind === 'until' ? own.value : ''}"></div>
          <p class="field__error" role="alert" data-keep-error></p>
          <div class="actions"><button class="button button--quiet" type="submit">Save this client's retention</button></div>
        </form>
      </details>
      <div class="actions"><button type="button" class="button button--quiet" data-erase-client aria-haspopup="dialog">Erase this client…</button></div>
    </section>
    <dialog class="flag-dialog" aria-labelledby="erase-title" data-erase-dialog>
      <form method="dialog" class="flag-dialog__body" data-erase-form novalidate>
        <h2 id="erase-title">Erase ${client.name}</h2>
        <p data-erase-warning>This deletes ${client.name} and everything that refers to them — notes (finalised ones too), goals, measures, flags, consents, plans, appointments, what they shared — from the vault and its older snapshots, for good. Issued invoices are kept for the accounts with the name replaced. Backup files made before now still hold this client: delete them (restored on this computer, the client is erased again; elsewhere, they come back).</p>
        ${under ? html`<p class="notice notice--warning" data-erase-under-retention>${retention.ends_on ? `This record is under retention until ${shortDay(retention.ends_on)}.` : 'This client is not closed: their record is still kept.'} Erase it only for a lawful request.</p>` : ''}
        <fieldset class="field">
          <legend>Why</legend>
          <label class="choice"><input type="radio" name="reason" value="retention_ended" ${under ? '' : html`checked`}><span>Its retention has ended</span></label>
          <label class="choice"><input type="radio" name="reason" value="lawful_request" ${under ? html`checked` : ''}><span>A lawful request (GDPR Art. 17)</span></label>
        </fieldset>
        <div class="field"><label for="erase-note">Note for the erasure log</label>
          <textarea id="erase-note" name="note" rows="2" aria-describedby="erase-note-hint"></textarea>
          <span class="field__hint" id="erase-note-hint">Who asked and when. It stays after the client is gone, so leave their name out.</span></div>
        ${under ? html`<div class="field"><label for="erase-override">Type the client's name, ${client.name}, to erase a record under retention</label>
          <input id="erase-override" name="override" type="text" autocomplete="off"></div>` : ''}
        <div class="field"><label for="erase-confirm">Type erase to confirm</label>
          <input id="erase-confirm" name="confirm" type="text" autocomplete="off"></div>
        <p class="notice notice--error" role="alert" data-erase-error></p>
        <div class="actions">
          <button class="button" type="submit">Erase for good</button>
          <button class="button button--quiet" type="button" data-dialog-cancel>Cancel</button>
        </div>
      </form>
    </dialog>`;
}

/**
 * @param {HTMLElement} screen @param {import('../../api.js').Client} client
 */
export function wireClientErase(screen, client) {
  const keep = /** @type {HTMLFormElement|null} */ (screen.querySelector('[data-keep-form]'));
  keep?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = keep.querySelector('[data-keep-error]');
    if (!error) return;
    error.textContent = '';
    const data = new FormData(keep);
    const choice = String(data.get('keep') ?? 'rule');
    const years = String(data.get('years') ?? '').trim();
    const until = String(data.get('until') ?? '').trim();
    /** @type {import('../../api.js').ClientRetention['override_rule']} */
    let chosen = null;
    if (choice === 'years') {
      if (!/^\d+$/.test(years)) {
        error.textContent = 'Enter a whole number of years. Nothing was saved.';
        return;
      }
      chosen = { kind: 'years', value: Number(years) };
    } else if (choice === 'until') {
      if (!until) {
        error.textContent = 'Choose the day to keep the record until. Nothing was saved.';
        return;
      }
      chosen = { kind: 'until', value: until };
    }
    try {
      const saved = await api.setClientRetention(client.id, chosen);
      const status = screen.querySelector('[data-client-retention] [data-retention-status]');
      if (status) status.textContent = retentionStatus(saved) || 'Retention starts when the client is closed.';
      announce(screen, 'Retention saved.');
    } catch (e) {
      error.textContent = `${api.toApiError(e).message}. Nothing was saved.`;
    }
  });
  const dialog = /** @type {HTMLDialogElement|null} */ (screen.querySelector('[data-erase-dialog]'));
  const form = /** @type {HTMLFormElement|null} */ (screen.querySelector('[data-erase-form]'));
  if (!dialog || !form) return;
  screen.querySelector('[data-erase-client]')?.addEventListener('click', () => dialog.showModal());
  dialog.querySelector('[data-dialog-cancel]')?.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('[data-erase-error]');
    if (!error) return;
    error.textContent = '';
    const data = new FormData(form);
    if (String(data.get('confirm') ?? '').trim().toLowerCase() !== 'erase') {
      error.textContent = 'Type erase in the last box to confirm. Nothing was erased.';
      return;
    }
    const reason = data.get('reason') === 'retention_ended' ? 'retention_ended' : 'lawful_request';
    const override = data.get('override');
    try {
      const done = await api.eraseClient(client.id, {
        reason,
        note: String(data.get('note') ?? ''),
        override_phrase: override === null ? null : String(override),
      });
      dialog.close();
      announce(screen, done.warning ? `Erased. ${done.warning}` : `Erased. The erasure log says: ${done.line}`, done.warning ? 'error' : undefined);
      navigate(screen, 'clients');
    } catch (e) {
      error.textContent = `${api.toApiError(e).message}. Nothing was erased.`;
    }
  });
}

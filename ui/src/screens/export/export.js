/**
 * <wk-export-screen>: exports (the journal between two days, or a client's whole record) as
 * Markdown, JSON or PDF to a file the person chose, and encrypted backups of the whole vault.
 *
 * Another screen can open it for one client with `navigate(this, 'export', { clientId })`.
 * An export is plaintext: the warning that it is not encrypted is shown before the person
 * exports, and the core's own warning is shown again beside the result.
 *
 * A client's record names who it is for and on what basis (a consent of the client's in force
 * today, or a lawful basis without consent); the core writes that to the client's disclosure
 * log. "Right of access (for the client)" exports everything held, with an index page, to the
 * client themselves. The client's private notes are listed apart, unticked: a private note
 * goes with the export only when ticked one by one, and each ticked one shows the warning that
 * it will leave the vault (`privateNoteWarning`).
 */
import * as api from '../../api.js';
import { daysAgo, today } from '../../lib/dates.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';
import { EXPORT_FORMATS, exportFileName } from '../../lib/transfer.js';
import { LAWFUL_BASES } from '../../lib/lawful-basis.js';
import { formatDay } from '../../lib/dates.js';
import { privateNoteWarning } from '../../lib/private-notes.js';

const BEFORE_WARNING = 'An export is not encrypted: anyone who can open the file can read it. Save it only somewhere you trust, and delete it when you are done.';

/** @param {string} id */
function formatSelect(id) {
  return html`<div class="field"><label for="${id}">Format</label><select id="${id}" name="format">
    ${Object.entries(EXPORT_FORMATS).map(([value, f]) => html`<option value="${value}">${f.label}</option>`)}</select></div>`;
}

export class ExportScreen extends HTMLElement {
  /** @type {import('../../api.js').VaultPurpose|null} what the vault holds, set by the frame */
  purpose = null;

  constructor() {
    super();
    /** @type {{clientId?: string}} set by the frame before the screen is shown */
    this.params = {};
  }

  async connectedCallback() {
    let purpose = null;
    /** @type {import('../../api.js').Client[]} */
    let clients = [];
    try {
      purpose = this.purpose ?? (await api.appStatus()).purpose;
      if (purpose === 'mentor' || purpose === 'both') clients = await api.listClients({});
    } catch {
      clients = [];
    }
    const journal = purpose !== 'mentor';
    const practice = purpose === 'mentor' || purpose === 'both';
    render(this, html`<section class="screen" aria-labelledby="export-title">
      <h1 id="export-title">Export and backup</h1>
      ${journal ? html`<form class="card exchange-card" data-export-journal novalidate>
        <h2>Export your journal</h2>
        <p class="notice notice--warning" data-before-warning>${BEFORE_WARNING}</p>
        <div class="field"><label for="export-from">From</label><input id="export-from" name="from" type="date" value="${daysAgo(29)}"></div>
        <div class="field"><label for="export-to">To</label><input id="export-to" name="to" type="date" value="${today()}"></div>
        ${formatSelect('export-journal-format')}
        ${pathField({ id: 'export-journal-path', label: 'Save the export to' })}
        <p class="notice notice--error" role="alert" data-error></p>
        <div class="notice notice--warning" role="status" data-result></div>
        <div class="actions"><button class="button" type="submit">Export journal…</button></div>
      </form>` : ''}
      ${practice ? html`<form class="card exchange-card" data-export-client novalidate>
        <h2>Export a client’s record</h2>
        <p class="notice notice--warning" data-before-warning>${BEFORE_WARNING}</p>
        <div class="field"><label for="export-client">Client</label>
          <select id="export-client" name="client">${clients.map((c) => html`<option value="${c.id}" ${c.id === this.params?.clientId ? html`selected` : ''}>${c.preferred_name ?? c.name}</option>`)}</select></div>
        ${formatSelect('export-client-format')}
        <p class="field"><label class="choice"><input id="export-client-access" name="right_of_access" type="checkbox" data-right-of-access> Right of access (for the client)</label></p>
        <p class="muted" data-access-hint hidden>Everything held about the client, with an index page; logged as given to the client themselves.</p>
        <div data-recipient-fields>
          <div class="field"><label for="export-client-recipient">Who is it for</label><input id="export-client-recipient" name="recipient" type="text" autocomplete="off" required></div>
          <div class="field"><label for="export-client-basis">On what basis</label><select id="export-client-basis" name="basis" data-basis></select></div>
        </div>
        <fieldset class="export-private" data-private-choices>
          <legend>Private notes — not part of the record</legend>
          <div data-private-list></div>
        </fieldset>
        ${pathField({ id: 'export-client-path', label: 'Save the export to' })}
        <p class="notice notice--error" role="alert" data-error></p>
        <div class="notice notice--warning" role="status" data-result></div>
        <div class="actions"><button class="button" type="submit" ${clients.length ? '' : html`disabled`}>Export record…</button></div>
      </form>` : ''}
      <form class="card exchange-card" data-backup novalidate>
        <h2>Back up the whole vault</h2>
        <p>A backup is encrypted like your vault and opens with the same passphrase or recovery key. Keep it on another disk.</p>
        ${pathField({ id: 'backup-path', label: 'Save the backup to', hint: 'For example a file on a USB stick, ending in .wkbackup.' })}
        <p class="notice notice--error" role="alert" data-error></p>
        <p class="notice" role="status" data-result></p>
        <div class="actions"><button class="button" type="submit">Back up now…</button></div>
      </form>
    </section>`);
    this.wire(clients);
  }

  /** @param {import('../../api.js').Client[]} clients */
  wire(clients) {
    const journal = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-export-journal]'));
    if (journal) {
      const value = (/** @type {string} */ n) => String(new FormData(journal).get(n) ?? '');
      wirePathField(this, 'export-journal-path', () => {
        const format = /** @type {keyof typeof EXPORT_FORMATS} */ (value('format'));
        return api.chooseSavePath({ title: 'Save the journal export', default_path: exportFileName('journal', format, value('from'), value('to')) });
      });
      journal.addEventListener('submit', (event) => {
        event.preventDefault();
        this.run(journal, readPath(this, 'export-journal-path'), (path) =>
          api.exportJournal(value('from'), value('to'), /** @type {import('../../api.js').Format} */ (value('format')), path));
      });
    }
    const client = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-export-client]'));
    if (client) {
      const value = (/** @type {string} */ n) => String(new FormData(client).get(n) ?? '');
      wirePathField(this, 'export-client-path', () => {
        const chosen = clients.find((c) => c.id === value('client'));
        const format = /** @type {keyof typeof EXPORT_FORMATS} */ (value('format'));
        return api.chooseSavePath({ title: 'Save the client record', default_path: exportFileName(chosen?.name ?? 'client', format) });
      });
      const access = /** @type {HTMLInputElement} */ (client.querySelector('[data-right-of-access]'));
      const recipientFields = /** @type {HTMLElement} */ (client.querySelector('[data-recipient-fields]'));
      const hint = /** @type {HTMLElement} */ (client.querySelector('[data-access-hint]'));
      const privateList = /** @type {HTMLElement} */ (client.querySelector('[data-private-list]'));
      const showWarnings = () => {
        for (const box of privateList.querySelectorAll('[data-private-note]')) {
          const warning = /** @type {HTMLElement} */ (box.closest('li')?.querySelector('[data-private-warning]'));
          warning.hidden = !(/** @type {HTMLInputElement} */ (box).checked);
          warning.textContent = warning.hidden ? '' : privateNoteWarning(access.checked);
        }
      };
      access.addEventListener('change', () => {
        recipientFields.hidden = access.checked;
        hint.hidden = !access.checked;
        showWarnings();
      });
      privateList.addEventListener('change', showWarnings);
      const privateNotes = async () => {
        const clientId = value('client');
        /** @type {import('../../api.js').SessionNote[]} */
        let found = [];
        try {
          found = clientId ? await api.listNotes({ client_id: clientId, private: true }) : [];
        } catch {
          found = [];
        }
        if (clientId !== value('client')) return;
        render(privateList, found.length === 0
          ? html`<p class="muted" data-no-private>None. Private notes never go with an export unless ticked here.</p>`
          : html`<p class="muted">Left out unless you tick one.</p><ul class="export-private__list">${found.map((n) => html`<li>
              <label class="choice"><input type="checkbox" name="private_note" value="${n.id}" data-private-note>
                Private note, ${formatDay(n.session_date)} (${n.finalised_at ? 'finalised' : 'draft'})</label>
              <p class="notice notice--warning" data-private-warning hidden></p></li>`)}</ul>`);
      };
      const bases = async () => {
        const select = /** @type {HTMLSelectElement} */ (client.querySelector('[data-basis]'));
        const clientId = value('client');
        /** @type {import('../../api.js').Consent[]} */
        let consents = [];
        try {
          consents = clientId ? await api.listConsents(clientId, true) : [];
        } catch {
          consents = [];
        }
        if (clientId !== value('client')) return;
        render(select, html`<option value="">Choose…</option>
          ${consents.map((c) => html`<option value="consent:${c.id}">Consent: ${c.scope}</option>`)}
          ${Object.entries(LAWFUL_BASES).filter(([k]) => k !== 'consent').map(([k, label]) => html`<option value="lawful:${k}">${label} without consent</option>`)}`);
      };
      client.querySelector('[name="client"]')?.addEventListener('change', bases);
      client.querySelector('[name="client"]')?.addEventListener('change', privateNotes);
      bases();
      privateNotes();
      client.addEventListener('submit', (event) => {
        event.preventDefault();
        const chosen = value('basis');
        /** @type {import('../../api.js').ExportBasis|null} */
        const basis = chosen.startsWith('consent:') ? { kind: 'consent', consent_id: chosen.slice(8) }
          : chosen.startsWith('lawful:') ? { kind: 'lawful_basis', lawful_basis: /** @type {import('../../api.js').LawfulBasis} */ (chosen.slice(7)) }
            : null;
        this.run(client, readPath(this, 'export-client-path'), (path) =>
          api.exportClientRecord(value('client'), /** @type {import('../../api.js').Format} */ (value('format')), value('recipient'), basis, access.checked, path,
            new FormData(client).getAll('private_note').map(String)));
      });
    }
    const backup = /** @type {HTMLFormElement} */ (this.querySelector('[data-backup]'));
    wirePathField(this, 'backup-path', () => api.chooseSavePath({ title: 'Save the backup', default_path: `wellkept-${today()}.wkbackup` }));
    backup.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { error, result } = this.outputs(backup);
      const path = readPath(this, 'backup-path');
      if (!path) {
        error.textContent = 'Choose where to save the backup, or type its full path.';
        return;
      }
      try {
        const done = await api.backUpVault(path);
        result.textContent = `Backed up to ${done.path} (${Math.max(1, Math.round(done.bytes / 1024))} KB).`;
        announce(this, 'Backup saved.');
      } catch (e) {
        error.textContent = api.toApiError(e).message;
      }
    });
  }

  /** @param {HTMLFormElement} form */
  outputs(form) {
    const error = /** @type {HTMLElement} */ (form.querySelector('[data-error]'));
    const result = /** @type {HTMLElement} */ (form.querySelector('[data-result]'));
    error.textContent = '';
    result.textContent = '';
    return { error, result };
  }

  /**
   * @param {HTMLFormElement} form
   * @param {string} path
   * @param {(path: string) => Promise<{path: string, bytes: number, warning: {text: string}, attachments_folder?: string | null}>} exportTo
   */
  async run(form, path, exportTo) {
    const { error, result } = this.outputs(form);
    if (!path) {
      error.textContent = 'Choose where to save the export, or type its full path.';
      return;
    }
    try {
      const done = await exportTo(path);
      // The attached files copied beside a Markdown or JSON export are plaintext too: said, so
      // that deleting the document does not leave them behind unnoticed.
      const folder = done.attachments_folder
        ? html`<p data-attachments-folder>Its attached files are in <span class="mono">${done.attachments_folder}</span> (not encrypted either: delete them with it).</p>`
        : '';
      render(result, html`<p>Exported to <span class="mono">${done.path}</span>.</p>${folder}<p data-after-warning><strong>${done.warning.text}</strong></p>`);
      announce(this, `Exported. ${done.warning.text}${done.attachments_folder ? ' Its attached files are in a folder beside it, not encrypted either.' : ''}`);
    } catch (e) {
      error.textContent = api.toApiError(e).message;
    }
  }
}

export const exportScreen = {
  id: 'export', title: 'Export & backup', section: /** @type {const} */ ('app'), order: 5,
  tag: 'wk-export-screen', element: ExportScreen,
};

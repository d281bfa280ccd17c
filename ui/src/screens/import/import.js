/**
 * <wk-import-screen>: imports a journal from Day One (zip or folder), jrnl (JSON or text) or
 * Daylio (CSV). Choosing a file guesses its format (the person can change it); "Check file"
 * runs a dry run that reads everything and reports entries, dates, warnings and how many are
 * already in the journal; "Import" then adds them all or, on any error, none. A malformed file
 * gets the importer's message, which names the line or field at fault.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { count } from '../../lib/plural.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';
import { IMPORT_FORMATS, describeImportPreview, importFormatFromPath } from '../../lib/transfer.js';

export class ImportScreen extends HTMLElement {
  connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="import-title">
      <h1 id="import-title">Import from another journal app</h1>
      <form class="card exchange-card" data-import-form novalidate>
        ${pathField({ id: 'import-path', label: 'Export file or folder', hint: 'Day One: the .zip (or its unzipped folder). jrnl: jrnl --export json, or the journal .txt. Daylio: the CSV export.' })}
        <div class="field"><label for="import-format">Format</label>
          <select id="import-format" name="format">
            <option value="">Detect from the file</option>
            ${Object.entries(IMPORT_FORMATS).map(([value, label]) => html`<option value="${value}">${label}</option>`)}
          </select></div>
        <p class="notice notice--error" role="alert" data-import-error></p>
        <div class="actions"><button class="button" type="submit">Check file</button></div>
      </form>
      <div class="card exchange-card" data-report hidden></div>
    </section>`);
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-import-form]'));
    const select = /** @type {HTMLSelectElement} */ (form.querySelector('#import-format'));
    const guess = async (/** @type {string} */ path) => {
      if (!path.trim()) return;
      const format = (await api.detectImportFormat(path).catch(() => null)) ?? importFormatFromPath(path);
      if (format) select.value = format;
    };
    wirePathField(this, 'import-path', () => api.chooseOpenPath({
      title: 'Choose an export to import',
      filters: [{ name: 'Journal exports', extensions: ['zip', 'json', 'csv', 'txt'] }, { name: 'All files', extensions: ['*'] }],
    }), guess);
    const pathInput = /** @type {HTMLInputElement} */ (form.querySelector('#import-path'));
    // A new path means a new guess: back to "detect" while typing, a guess once the field is left.
    pathInput.addEventListener('input', () => { select.value = ''; });
    pathInput.addEventListener('change', () => guess(pathInput.value));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.check();
    });
  }

  /** @param {string} message */
  showError(message) {
    /** @type {HTMLElement} */ (this.querySelector('[data-import-error]')).textContent = message;
  }

  /** The path and format to use, detecting the format when the person left it to us. */
  async chosen() {
    const path = readPath(this, 'import-path');
    if (!path) {
      this.showError('Choose the export file (or folder), or type its full path.');
      return null;
    }
    const select = /** @type {HTMLSelectElement} */ (this.querySelector('#import-format'));
    let format = /** @type {import('../../api.js').ImportKind | ''} */ (select.value);
    if (!format) {
      format = (await api.detectImportFormat(path)) ?? '';
      if (!format) {
        this.showError('Wellkept could not tell which app made this file. Choose its format from the list.');
        return null;
      }
      select.value = format;
    }
    return { path, format };
  }

  async check() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-report]'));
    box.hidden = true;
    this.showError('');
    try {
      const chosen = await this.chosen();
      if (!chosen) return;
      const preview = await api.previewImport(chosen.path, chosen.format);
      box.hidden = false;
      const fresh = preview.entries - preview.already_imported;
      render(box, html`<h2>What would be imported</h2>
        <p data-dry-run>${describeImportPreview(preview)}</p>
        ${preview.distinct_tags ? html`<p class="muted">${count(preview.distinct_tags, 'different tag')}.</p>` : ''}
        ${preview.warnings.length ? html`<div class="notice notice--warning"><p>Before you import:</p><ul>${preview.warnings.map((/** @type {string} */ w) => html`<li>${w}</li>`)}</ul></div>` : ''}
        <p class="notice" role="status" data-import-result></p>
        <div class="actions"><button class="button" type="button" data-do-import ${fresh > 0 ? '' : html`disabled`}>Import ${fresh} ${fresh === 1 ? 'entry' : 'entries'}</button></div>`);
      box.querySelector('[data-do-import]')?.addEventListener('click', () => this.run(chosen.path, chosen.format));
    } catch (e) {
      this.showError(api.toApiError(e).message);
    }
  }

  /** @param {string} path @param {import('../../api.js').ImportKind} format */
  async run(path, format) {
    const result = /** @type {HTMLElement} */ (this.querySelector('[data-import-result]'));
    const button = /** @type {HTMLButtonElement|null} */ (this.querySelector('[data-do-import]'));
    if (button) button.disabled = true;
    try {
      const done = await api.importJournalFile(path, format);
      const text = `Imported ${done.added} ${done.added === 1 ? 'entry' : 'entries'} into your journal${done.already_in_vault ? `; ${done.already_in_vault} already there were skipped` : ''}.`;
      result.textContent = [text, ...done.notes].join(' ');
      announce(this, text);
    } catch (e) {
      if (button) button.disabled = false;
      this.showError(api.toApiError(e).message);
    }
  }
}

export const importScreen = {
  id: 'import', title: 'Import from other apps', section: /** @type {const} */ ('journal'), order: 8, purpose: /** @type {const} */ ('journal'),
  tag: 'wk-import-screen', element: ImportScreen,
};

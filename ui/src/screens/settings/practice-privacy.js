/**
 * Settings › Practice privacy: the practice (controller) details and the button that writes the
 * record of processing activities (GDPR Art. 30) as a PDF or Markdown file, built by the core
 * from this vault's own settings and records (docs/decisions.md 52).
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';
import { today } from '../../lib/dates.js';

/** The two cards. */
export function practicePrivacySection() {
  return html`
    <form class="card settings-card" data-practice-details novalidate aria-labelledby="practice-details-title">
      <h2 id="practice-details-title">Practice privacy</h2>
      <p class="muted">Who is responsible for your clients' data (the controller), and how long you keep records. The record of processing prints them.</p>
      <div class="field"><label for="practice-controller">Controller (your practice or your name)</label>
        <input id="practice-controller" name="controller" type="text" autocomplete="organization"></div>
      <div class="field"><label for="practice-address">Address</label>
        <textarea id="practice-address" name="address" rows="2"></textarea></div>
      <div class="field"><label for="practice-contact">Contact about data (e-mail or phone)</label>
        <input id="practice-contact" name="contact" type="text" autocomplete="email"></div>
      <div class="field"><label for="practice-registration">Registration (data protection authority or professional body)</label>
        <input id="practice-registration" name="registration" type="text"></div>
      <div class="field"><label for="practice-retention">How long records are kept</label>
        <textarea id="practice-retention" name="retention_statement" rows="2" aria-describedby="practice-retention-hint"></textarea>
        <span class="field__hint" id="practice-retention-hint">Optional, in your words, for example “Seven years after the last session”: printed under the record retention rule above.</span></div>
      <p class="field__error" role="alert" data-practice-error></p>
      <p role="status" data-practice-status></p>
      <div class="actions"><button class="button" type="submit">Save practice details</button></div>
    </form>
    <form class="card settings-card" data-record-of-processing novalidate aria-labelledby="rop-title">
      <h2 id="rop-title">Record of processing (GDPR Art. 30)</h2>
      <p class="muted">A document to print or keep: the controller, the purposes, whose data and what data this vault holds (with counts), who received it (from the disclosure logs), transfers, retention and how the vault is protected.</p>
      <div class="field"><label for="rop-format">Format</label>
        <select id="rop-format" name="format"><option value="pdf">PDF</option><option value="markdown">Markdown</option></select></div>
      ${pathField({ id: 'rop-path', label: 'Save it to' })}
      <p class="field__error" role="alert" data-rop-error></p>
      <div class="notice notice--warning" role="status" data-rop-result></div>
      <div class="actions"><button class="button" type="submit" data-write-rop>Write the record of processing…</button></div>
    </form>`;
}

/** @param {HTMLElement} root */
export function wirePracticePrivacy(root) {
  const details = /** @type {HTMLFormElement} */ (root.querySelector('[data-practice-details]'));
  const status = /** @type {HTMLElement} */ (details.querySelector('[data-practice-status]'));
  const error = /** @type {HTMLElement} */ (details.querySelector('[data-practice-error]'));
  const fields = /** @type {const} */ (['controller', 'address', 'contact', 'registration', 'retention_statement']);
  /** @param {import('../../api.js').PracticeDetails} saved */
  const fill = (saved) => {
    for (const name of fields) {
      /** @type {HTMLInputElement} */ (details.elements.namedItem(name)).value = saved[name];
    }
  };
  api.practiceDetails().then((saved) => {
    if (saved) fill(saved);
    status.textContent = saved ? `Saved for ${saved.controller}.` : 'Not saved yet.';
  }).catch((e) => { error.textContent = api.toApiError(e).message; });
  details.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const form = new FormData(details);
    const value = (/** @type {string} */ n) => String(form.get(n) ?? '');
    try {
      const saved = await api.savePracticeDetails({
        controller: value('controller'), address: value('address'), contact: value('contact'),
        registration: value('registration'), retention_statement: value('retention_statement'),
      });
      fill(saved);
      status.textContent = `Saved for ${saved.controller}.`;
      announce(root, 'Practice details saved.');
    } catch (e) {
      error.textContent = api.toApiError(e).message;
    }
  });

  const rop = /** @type {HTMLFormElement} */ (root.querySelector('[data-record-of-processing]'));
  const format = () => /** @type {import('../../api.js').Format} */ (String(new FormData(rop).get('format') ?? 'pdf'));
  wirePathField(root, 'rop-path', () => api.chooseSavePath({
    title: 'Save the record of processing',
    default_path: `record-of-processing-${today()}.${format() === 'markdown' ? 'md' : 'pdf'}`,
  }));
  rop.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ropError = /** @type {HTMLElement} */ (rop.querySelector('[data-rop-error]'));
    const result = /** @type {HTMLElement} */ (rop.querySelector('[data-rop-result]'));
    ropError.textContent = '';
    result.textContent = '';
    const path = readPath(root, 'rop-path');
    if (!path) {
      ropError.textContent = 'Choose where to save the record of processing, or type its full path.';
      return;
    }
    try {
      const done = await api.writeRecordOfProcessing(format(), path);
      render(result, html`<p>Written to <span class="mono">${done.path}</span>.</p><p data-after-warning><strong>${done.warning.text}</strong></p>`);
      announce(root, 'Record of processing written.');
    } catch (e) {
      ropError.textContent = api.toApiError(e).message;
    }
  });
}

/**
 * The crisis-line directory in Settings: every line (hidden ones too) with how to reach it, and
 * a form to add a line of one's own or correct one, built-in or not, with the words to text and
 * the phone-menu option. Built-in lines are hidden rather than deleted, so they can come back.
 * Everything stays in the vault; nothing is looked up online.
 *
 * Usage (from the settings screen, once it has rendered `crisisLineSection()`):
 *   wireCrisisLines(screen);
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';

/** How a line is reached, as the form offers it (the core's `CrisisLineKind`). */
const KINDS = /** @type {const} */ ([
  ['call', 'Phone call'],
  ['text', 'Text message'],
  ['call_or_text', 'Call or text'],
  ['emergency', 'Emergency number'],
  ['web', 'Website'],
]);

/** The empty card; `wireCrisisLines` fills it. */
export function crisisLineSection() {
  return html`<section class="card settings-card" aria-labelledby="crisis-manage-title" data-crisis-manager>
    <h2 id="crisis-manage-title">Crisis lines</h2>
    <p class="muted">Add the services near you, correct a number, or hide a line you do not need. The crisis button shows your country’s lines first.</p>
    <ul class="record-list" data-line-list></ul>
    <form data-line-form novalidate></form>
  </section>`;
}

/**
 * @param {HTMLElement} screen
 * @returns {Promise<void>}
 */
export async function wireCrisisLines(screen) {
  const list = /** @type {HTMLElement|null} */ (screen.querySelector('[data-line-list]'));
  const form = /** @type {HTMLFormElement|null} */ (screen.querySelector('[data-line-form]'));
  if (!list || !form) return;
  /** @type {import('../../api.js').CrisisLine[]} */
  let lines = [];
  /** @type {import('../../api.js').CountryChoice[]} */
  let countries = [];
  /** @type {import('../../api.js').CrisisLine|null} the line being edited, or null when adding */
  let editing = null;

  const drawForm = () => {
    /** @type {import('../../api.js').CrisisLineInput} */
    const l = editing ?? { country: '', name: '', kind: 'call', contact: '', text_keyword: '', menu_option: '', description: '', hours: '' };
    render(form, html`
      <h3>${editing ? `Edit ${editing.name}` : 'Add a line'}</h3>
      <div class="field"><label for="line-country">Country</label>
        <select id="line-country" name="country">
          <option value="INT" ${l.country === 'INT' ? html`selected` : ''}>International (works anywhere)</option>
          ${countries.map((c) => html`<option value="${c.code}" ${l.country === c.code ? html`selected` : ''}>${c.name}</option>`)}
        </select></div>
      <div class="field"><label for="line-name">Name of the service</label>
        <input id="line-name" name="name" type="text" autocomplete="off" value="${l.name}"></div>
      <div class="field"><label for="line-kind">How to reach it</label>
        <select id="line-kind" name="kind">${KINDS.map(([k, label]) => html`<option value="${k}" ${l.kind === k ? html`selected` : ''}>${label}</option>`)}</select></div>
      <div class="field"><label for="line-contact">Number or web address</label>
        <input id="line-contact" name="contact" type="text" autocomplete="off" value="${l.contact}"></div>
      <div class="field"><label for="line-keyword">Words to text <span class="muted">(optional, e.g. SHOUT)</span></label>
        <input id="line-keyword" name="text_keyword" type="text" autocomplete="off" value="${l.text_keyword}"></div>
      <div class="field"><label for="line-option">Option to choose when you call <span class="muted">(optional, e.g. 2)</span></label>
        <input id="line-option" name="menu_option" type="text" autocomplete="off" value="${l.menu_option}"></div>
      <div class="field"><label for="line-about">Who it is for <span class="muted">(optional)</span></label>
        <input id="line-about" name="description" type="text" autocomplete="off" value="${l.description}"></div>
      <div class="field"><label for="line-hours">Opening hours <span class="muted">(optional)</span></label>
        <input id="line-hours" name="hours" type="text" autocomplete="off" value="${l.hours}"></div>
      <p class="field__error" role="alert" data-line-error></p>
      <div class="actions"><button class="button" type="submit">${editing ? 'Save line' : 'Add line'}</button>
        ${editing ? html`<button class="button button--quiet" type="button" data-line-cancel>Cancel</button>` : ''}</div>`);
  };

  const drawList = () => {
    render(list, html`${lines.map((l) => html`
      <li data-line-id="${l.id}"><span><strong>${l.name}</strong> · ${l.country_name} · <span data-line-how>${l.how_to_reach}</span>${l.hidden ? html` <span class="muted">(hidden)</span>` : ''}</span>
        <span class="actions">
          <button type="button" class="button button--quiet" data-line-edit="${l.id}">Edit</button>
          <button type="button" class="button button--quiet" data-line-hide="${l.id}">${l.hidden ? 'Show' : 'Hide'}</button>
        </span></li>`)}`);
  };

  const reload = async () => {
    lines = await api.listCrisisLines(null, true);
    drawList();
  };

  list.addEventListener('click', async (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button');
    if (!button) return;
    const id = button.getAttribute('data-line-edit') ?? button.getAttribute('data-line-hide');
    const line = lines.find((l) => l.id === id);
    if (!line) return;
    if (button.hasAttribute('data-line-edit')) {
      editing = line;
      drawForm();
      /** @type {HTMLElement|null} */ (form.querySelector('#line-name'))?.focus();
      return;
    }
    try {
      await api.setCrisisLineHidden(line.id, !line.hidden);
      announce(screen, line.hidden ? `${line.name} is shown again.` : `${line.name} is hidden from the crisis lines.`);
      await reload();
    } catch (e) {
      announce(screen, api.toApiError(e).message, 'error');
    }
  });
  form.addEventListener('click', (event) => {
    if (!(/** @type {HTMLElement} */ (event.target).closest('[data-line-cancel]'))) return;
    editing = null;
    drawForm();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (/** @type {string} */ key) => String(data.get(key) ?? '');
    /** @type {import('../../api.js').CrisisLineInput} */
    const line = {
      country: value('country'),
      name: value('name'),
      // The options are CrisisLineKind's values (KINDS above).
      kind: /** @type {import('../../api.js').CrisisLineKind} */ (value('kind')),
      contact: value('contact'),
      text_keyword: value('text_keyword'), menu_option: value('menu_option'), description: value('description'), hours: value('hours'),
    };
    try {
      const saved = editing ? await api.updateCrisisLine(editing.id, line) : await api.addCrisisLine(line);
      announce(screen, `${saved.name} saved: ${saved.how_to_reach}.`);
      editing = null;
      drawForm();
      await reload();
    } catch (e) {
      const error = form.querySelector('[data-line-error]');
      if (error) error.textContent = api.toApiError(e).message;
    }
  });

  try {
    countries = await api.listCountries();
    drawForm();
    await reload();
  } catch (e) {
    render(list, html`<li class="notice notice--error">${api.toApiError(e).message}</li>`);
  }
}

/**
 * <wk-safety-plan-screen>: writes a Stanley-Brown safety plan, the user's own or (params:
 * { clientId, clientName }) a client's. Each save keeps a new version. The user's own plan is
 * what the crisis button shows from every screen. Step 6 asks about making the environment safe
 * (means restriction) with the core's guidance and prompts. The saved plan prints as a PDF: A4
 * pages, or a wallet card (credit-card-size panels on one A4 page, with cut marks).
 */
import * as api from '../../api.js';
import { announce, navigate } from '../../lib/events.js';
import { formatDay } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { countryFromLocale } from '../../lib/crisis-lines.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';
import { sectionHeading } from '../../lib/safety-plan.js';

/** Blank rows offered under each section for new items. */
const SPARE_ROWS = 2;

export class SafetyPlanScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{clientId?: string|null, clientName?: string}} */
    this.params = {};
  }

  async connectedCallback() {
    try {
      const [sections, plan] = await Promise.all([api.safetyPlanSections(), api.currentSafetyPlan(this.params.clientId ?? null)]);
      this.draw(sections, plan);
    } catch (e) {
      render(this, html`<section class="screen"><h1>Safety plan</h1><p class="notice notice--error">${api.toApiError(e).message}</p></section>`);
    }
  }

  /** @param {import('../../api.js').SectionInfo[]} sections @param {import('../../api.js').SafetyPlan|null} plan */
  draw(sections, plan) {
    const whose = this.params.clientId ? `${this.params.clientName ?? 'Client'}’s safety plan` : 'My safety plan';
    render(this, html`
      <section class="screen" aria-labelledby="plan-title">
        ${this.params.clientId ? html`<p><button type="button" class="button button--link" data-back>← Back to ${this.params.clientName ?? 'client'}</button></p>` : ''}
        <h1 id="plan-title">${whose}</h1>
        <p class="screen__lead">Write it when things are calm, in your own words, so it is ready when things are hard. ${plan ? `Version ${plan.version}, saved ${formatDay(plan.saved_at)}.` : ''}</p>
        <form data-plan novalidate>
          ${sections.map((s) => {
            const items = plan?.sections?.[s.section] ?? [];
            const rows = [...items, ...Array.from({ length: SPARE_ROWS }, () => ({ text: '', contact: null }))];
            return html`<fieldset class="plan-section">
              <legend>${sectionHeading(s)}</legend>
              ${s.guidance ? html`<div class="plan-guidance" data-guidance="${s.section}"><p>${s.guidance}</p>
                <ul>${s.prompts.map((q) => html`<li>${q}</li>`)}</ul></div>` : ''}
              ${rows.map((item, i) => html`<div class="plan-row">
                <label class="visually-hidden" for="p-${s.section}-${i}">${s.title}, item ${i + 1}</label>
                <input id="p-${s.section}-${i}" type="text" data-section="${s.section}" data-row="${i}" data-part="text" value="${item.text}">
                ${s.has_contacts ? html`<label class="visually-hidden" for="c-${s.section}-${i}">Phone for item ${i + 1}</label>
                  <input id="c-${s.section}-${i}" type="text" inputmode="tel" placeholder="Phone" data-section="${s.section}" data-row="${i}" data-part="contact" value="${item.contact ?? ''}">` : ''}
              </div>`)}
            </fieldset>`;
          })}
          <p class="field__error" role="alert" data-error></p>
          <div class="actions"><button class="button" type="submit">Save safety plan</button></div>
        </form>
        ${plan ? html`<form class="card plan-print" data-print novalidate aria-labelledby="plan-print-title">
          <h2 id="plan-print-title">Print the plan</h2>
          <p class="notice notice--warning">A printed plan is not encrypted: keep the file and the paper somewhere private.</p>
          <div class="field"><label for="plan-print-layout">Layout</label>
            <select id="plan-print-layout" name="layout"><option value="page">A4 pages, every step</option><option value="wallet_card">Wallet card: cut out and fold to bank-card size</option></select></div>
          ${pathField({ id: 'plan-print-path', label: 'Save the PDF to' })}
          <p class="field__error" role="alert" data-print-error></p>
          <div class="actions"><button class="button" type="submit">Save PDF</button></div>
          <div role="status" data-print-result></div>
        </form>` : ''}
      </section>`);
    this.querySelector('[data-back]')?.addEventListener('click', () => navigate(this, 'client', { id: this.params.clientId }));
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-plan]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.save(form, sections); });
    const print = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-print]'));
    if (print) {
      const layout = () => /** @type {import('../../api.js').SafetyPlanPrint} */ (String(new FormData(print).get('layout') ?? 'page'));
      wirePathField(this, 'plan-print-path', () => api.chooseSavePath({
        title: 'Save the safety plan', default_path: layout() === 'wallet_card' ? 'safety-plan-wallet-card.pdf' : 'safety-plan.pdf',
      }));
      print.addEventListener('submit', (e) => { e.preventDefault(); this.print(print, layout()); });
    }
  }

  /** @param {HTMLFormElement} form @param {import('../../api.js').SafetyPlanPrint} layout */
  async print(form, layout) {
    const error = /** @type {HTMLElement} */ (form.querySelector('[data-print-error]'));
    const result = /** @type {HTMLElement} */ (form.querySelector('[data-print-result]'));
    const path = readPath(this, 'plan-print-path');
    if (!path) {
      error.textContent = 'Choose where to save the PDF, or type its full path.';
      return;
    }
    try {
      // The crisis lines printed are the country chosen in Settings, else this computer's locale's.
      const { settings } = await api.appStatus();
      const done = await api.printSafetyPlan(this.params.clientId ?? null, layout, settings.country ?? countryFromLocale(navigator.language), path);
      error.textContent = '';
      render(result, html`<p>Saved to <span class="mono">${done.path}</span>.</p><p><strong>${done.warning.text}</strong></p>`);
      announce(this, `Safety plan saved as a PDF. ${done.warning.text}`);
    } catch (e) {
      error.textContent = api.toApiError(e).message;
    }
  }

  /** @param {HTMLFormElement} form @param {import('../../api.js').SectionInfo[]} sections */
  async save(form, sections) {
    /** @type {Record<string, {text: string, contact: string|null}[]>} */
    const content = {};
    for (const s of sections) {
      const rows = new Map();
      for (const input of form.querySelectorAll(`[data-section="${s.section}"]`)) {
        const el = /** @type {HTMLInputElement} */ (input);
        const row = rows.get(el.dataset.row) ?? { text: '', contact: null };
        if (el.dataset.part === 'contact') row.contact = el.value.trim() || null;
        else row.text = el.value;
        rows.set(el.dataset.row, row);
      }
      const items = [...rows.values()].filter((r) => r.text.trim() || r.contact);
      if (items.length) content[s.section] = items;
    }
    const error = this.querySelector('[data-error]');
    try {
      const plan = await api.saveSafetyPlan(this.params.clientId ?? null, content);
      announce(this, `Safety plan saved (version ${plan.version}).`);
      this.draw(sections, plan);
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }
}

export const safetyPlanScreen = {
  id: 'safety-plan', title: 'My safety plan', section: /** @type {const} */ ('tools'), order: 2,
  tag: 'wk-safety-plan-screen', element: SafetyPlanScreen,
};

/**
 * <wk-measure-screen>: fills in an outcome measure (PHQ-9, GAD-7, WHO-5, PHQ-2, GAD-2, K10) with a
 * client, scores it with its published bands, and shows a risk flag at once when PHQ-9 item 9
 * is answered above 0. Params: { clientId: string|null, clientName?: string } (no client: the
 * vault owner's own self-assessment).
 */
import * as api from '../../api.js';
import { navigate } from '../../lib/events.js';
import { today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';

/**
 * The unscored "how difficult" question some forms (PHQ-9, GAD-7) ask after the last item;
 * optional, and never part of the total.
 * @param {import('../../api.js').Definition} def
 */
function functionalQuestion(def) {
  const q = def.functional_question;
  if (!q) return '';
  return html`<fieldset class="measure__item measure__functional" data-functional>
      <legend>${q.text} <span class="muted">(not scored)</span></legend>
      <div class="measure__options">
        ${q.options.map((label, i) => html`<label class="choice"><input type="radio" name="functional" value="${i}"> ${label}</label>`)}
      </div>
    </fieldset>`;
}

/**
 * The answer to the difficulty question, shown with the result ("Difficulty: Very difficult").
 * @param {import('../../api.js').Definition} def @param {number|null} answer
 */
export function difficultyLine(def, answer) {
  const q = def.functional_question;
  if (!q || answer === null || answer === undefined) return '';
  return html`<p data-functional-answer>Difficulty at work, at home or with other people: <strong>${q.options[answer] ?? ''}</strong> <span class="muted">(not part of the total)</span></p>`;
}

export class MeasureScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {{clientId?: string|null, clientName?: string}} */
    this.params = {};
    /** @type {import('../../api.js').Definition[]} */
    this.instruments = [];
    this.current = 'phq9';
  }

  async connectedCallback() {
    try {
      this.instruments = await api.listInstruments();
      this.draw();
    } catch (e) {
      render(this, html`<section class="screen"><h1>Outcome measure</h1><p class="notice notice--error">${api.toApiError(e).message}</p></section>`);
    }
  }

  draw() {
    const def = this.instruments.find((d) => d.instrument === this.current) ?? this.instruments[0];
    const who = this.params.clientName ?? 'Myself';
    render(this, html`
      <section class="screen measure" aria-labelledby="measure-title">
        ${this.params.clientId ? html`<p><button type="button" class="button button--link" data-back>← Back to ${who}</button></p>` : ''}
        <h1 id="measure-title">Outcome measure · ${who}</h1>
        <div class="field measure__pick"><label for="instrument">Questionnaire</label>
          <select id="instrument" data-instrument>
            ${this.instruments.map((d) => html`<option value="${d.instrument}" ${d.instrument === def.instrument ? html`selected` : ''}>${d.name} — ${d.full_name}</option>`)}
          </select></div>
        <form data-measure-form novalidate>
          <p class="measure__instructions">${def.instructions}</p>
          <ol class="measure__items">
            ${def.items.map((item, i) => html`
              <li><fieldset class="measure__item" data-item="${i}">
                <legend>${item}</legend>
                <div class="measure__options">
                  ${def.options.map((o) => html`<label class="choice"><input type="radio" name="item-${i}" value="${o.score}" required> ${o.label}</label>`)}
                </div>
              </fieldset></li>`)}
          </ol>
          ${functionalQuestion(def)}
          <div class="field"><label for="measure-date">Date completed</label><input id="measure-date" name="administered_on" type="date" value="${today()}"></div>
          <div class="field"><label for="measure-notes">Notes <span class="muted">(optional)</span></label><textarea id="measure-notes" name="notes"></textarea></div>
          <p class="field__error" role="alert" data-error></p>
          <div class="actions"><button class="button" type="submit">Score and save</button></div>
        </form>
        <div data-result aria-live="polite"></div>
        <p class="muted measure__source">Source: ${def.source}</p>
      </section>`);
    this.querySelector('[data-instrument]')?.addEventListener('change', (e) => {
      this.current = /** @type {HTMLSelectElement} */ (e.target).value;
      this.draw();
    });
    this.querySelector('[data-back]')?.addEventListener('click', () => navigate(this, 'client', { id: this.params.clientId }));
    const form = /** @type {HTMLFormElement} */ (this.querySelector('[data-measure-form]'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(form, def); });
  }

  /** @param {HTMLFormElement} form @param {import('../../api.js').Definition} def */
  async submit(form, def) {
    const d = new FormData(form);
    const answers = def.items.map((_item, i) => {
      const v = d.get(`item-${i}`);
      return v === null ? null : Number(v);
    });
    const error = this.querySelector('[data-error]');
    const missing = answers.findIndex((/** @type {number|null} */ a) => a === null);
    if (missing >= 0) {
      if (error) error.textContent = `Answer question ${missing + 1} before saving (every question counts towards the score).`;
      /** @type {HTMLElement|null} */ (form.querySelector(`[data-item="${missing}"] input`))?.focus();
      return;
    }
    if (error) error.textContent = '';
    try {
      const recorded = await api.recordMeasure({
        client_id: this.params.clientId ?? null,
        instrument: def.instrument,
        administered_on: String(d.get('administered_on') || today()),
        answers,
        functional_difficulty: def.functional_question && d.get('functional') !== null ? Number(d.get('functional')) : null,
        notes: String(d.get('notes') ?? ''),
      });
      const a = recorded.administration;
      const flag = recorded.risk_flag;
      render(/** @type {HTMLElement} */ (this.querySelector('[data-result]')), html`
        <div class="card measure__result" data-score="${a.total}">
          <h2>${def.name} total: ${a.total} of ${def.bands.at(-1)?.max ?? ''}</h2>
          <p><strong>${a.band_label}</strong></p>
          ${difficultyLine(def, a.functional_difficulty)}
          ${flag ? html`<div class="risk-flags" role="alert" data-risk-flag>
              <strong>Risk flag raised:</strong> ${flag.description}
              <p>The crisis lines and safety plan are one click away: the red button at the top.</p></div>` : ''}
        </div>`);
      form.reset();
      const heading = /** @type {HTMLElement|null} */ (this.querySelector('.measure__result h2'));
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
      this.querySelector('.measure__result')?.scrollIntoView({ block: 'start' });
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }
}

export const measureScreen = {
  id: 'measure', title: 'Self-assessment', section: /** @type {const} */ ('journal'), order: 5, purpose: /** @type {const} */ ('journal'),
  tag: 'wk-measure-screen', element: MeasureScreen,
};

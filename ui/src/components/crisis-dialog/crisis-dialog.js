/**
 * <wk-crisis-dialog>: the crisis lines and the user's safety plan, one click from every screen
 * (and from the unlock screen, where only the built-in lines can be shown).
 *
 * Usage:
 *   <wk-crisis-dialog></wk-crisis-dialog>
 *   document.querySelector('wk-crisis-dialog').open({ safetyPlan, crisisLines });
 *
 * `safetyPlan` and `crisisLines` come from the vault when it is unlocked; without them the
 * built-in national lines are shown. The content is cleared when the dialog closes, so nothing
 * from the vault lingers in the page after a lock.
 */
import { html, render } from '../../lib/html.js';
import { DEFAULT_CRISIS_LINES, EMERGENCY_NOTE } from '../../lib/crisis-lines.js';

/** Stanley-Brown safety plan sections (the core's keys), in the order the plan is written. */
export const SAFETY_PLAN_SECTIONS = Object.freeze([
  ['warning_signs', 'My warning signs'],
  ['internal_coping', 'Things I can do on my own to take my mind off things'],
  ['social_distractions', 'People and places that help distract me'],
  ['people_to_ask_for_help', 'People I can ask for help'],
  ['professionals', 'Professionals and services I can contact'],
  ['crisis_lines', 'Crisis lines I can call'],
  ['safe_environment', 'Making my surroundings safer'],
  ['reasons_for_living', 'My reasons for living'],
]);

export class CrisisDialog extends HTMLElement {
  dialog = document.createElement('dialog');

  connectedCallback() {
    if (this.dialog.isConnected) return;
    this.dialog.className = 'crisis-dialog';
    this.dialog.setAttribute('aria-labelledby', 'crisis-title');
    this.dialog.addEventListener('close', () => this.dialog.replaceChildren());
    this.append(this.dialog);
  }

  /**
   * @param {{safetyPlan?: {sections: Record<string, {text: string, contact: string|null}[]>}|null, crisisLines?: {country: string, name: string, contact: string, hours?: string}[]}} [content]
   */
  open(content = {}) {
    const lines = content.crisisLines?.length ? content.crisisLines : DEFAULT_CRISIS_LINES;
    const plan = content.safetyPlan;
    // The person's own plan first when there is one; otherwise the lines lead.
    const planSection = html`
        <section aria-labelledby="safety-plan-title">
          <h3 id="safety-plan-title">My safety plan</h3>
          ${plan ? html`<dl class="safety-plan">
              ${SAFETY_PLAN_SECTIONS.map(([key, title]) => html`
                <dt>${title}</dt>
                <dd>${listItems(plan.sections?.[key])}</dd>`)}
            </dl>`
            : html`<p class="muted">${content.safetyPlan === null ? 'You have not written a safety plan yet. You can write one under My safety plan.' : 'Your safety plan is kept in your encrypted vault. Unlock Wellkept to see it.'}</p>`}
        </section>`;
    const linesSection = html`
        <section aria-labelledby="crisis-lines-title">
          <h3 id="crisis-lines-title">Crisis lines</h3>
          <ul class="crisis-lines">
            ${lines.map((line) => html`
              <li><span class="crisis-lines__country">${line.country}</span>
                <strong>${line.name}</strong>
                <span class="crisis-lines__contact">${line.contact}</span>
                ${line.hours ? html`<span class="crisis-lines__hours">${line.hours}</span>` : ''}</li>`)}
          </ul>
        </section>`;
    render(this.dialog, html`
      <div class="crisis-dialog__body">
        <header class="crisis-dialog__header">
          <h2 id="crisis-title">Crisis lines &amp; safety plan</h2>
          <button type="button" class="button button--quiet" data-close>Close</button>
        </header>
        <p class="crisis-dialog__emergency" role="note">${EMERGENCY_NOTE}</p>
        ${plan ? [planSection, linesSection] : [linesSection, planSection]}
      </div>`);
    this.dialog.querySelector('[data-close]')?.addEventListener('click', () => this.dialog.close());
    this.dialog.showModal();
    this.dialog.querySelector('h2')?.setAttribute('tabindex', '-1');
  }

  close() {
    if (this.dialog?.open) this.dialog.close();
  }
}

/** @param {{text: string, contact: string|null}[]|undefined} items */
function listItems(items) {
  if (!items?.length) return html`<span class="muted">Not written yet</span>`;
  return html`<ul>${items.map((i) => html`<li>${i.text}${i.contact ? html` — <strong>${i.contact}</strong>` : ''}</li>`)}</ul>`;
}

export function registerCrisisDialog() {
  if (!customElements.get('wk-crisis-dialog')) customElements.define('wk-crisis-dialog', CrisisDialog);
}

/**
 * <wk-crisis-dialog>: the crisis lines and the user's safety plan, one click from every screen
 * (and from the unlock screen, where only the built-in lines can be shown).
 *
 * Usage:
 *   <wk-crisis-dialog></wk-crisis-dialog>
 *   document.querySelector('wk-crisis-dialog').open({ safetyPlan, crisisLines, country });
 *
 * `safetyPlan` and `crisisLines` come from the vault when it is unlocked, and the built-in lines
 * (`built_in_crisis_lines`) while it is locked. The person's country (Settings, or their
 * locale until they choose) comes first; the others follow under "Other countries". Each line
 * says how to reach it ("Text SHOUT to 85258"). The content is cleared when the dialog closes,
 * so nothing from the vault lingers in the page after a lock.
 */
import { html, render } from '../../lib/html.js';
import { EMERGENCY_NOTE, countryFromLocale, groupCrisisLines } from '../../lib/crisis-lines.js';

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
   * @param {{safetyPlan?: {sections: Record<string, {text: string, contact: string|null}[]>}|null, crisisLines?: import('../../lib/crisis-lines.js').ShownLine[], country?: string|null}} [content]
   */
  open(content = {}) {
    const lines = content.crisisLines ?? [];
    const country = content.country ?? countryFromLocale(globalThis.navigator?.language);
    const { own, others } = groupCrisisLines(lines, country);
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
        <section class="crisis-lines" aria-labelledby="crisis-lines-title" data-crisis-lines>
          <h3 id="crisis-lines-title">Crisis lines</h3>
          ${lines.length === 0 ? html`<p class="muted">The list of crisis lines could not be shown. Call your local emergency number, above.</p>` : ''}
          ${own ? countryLines(own, 'h4') : lines.length ? html`<p class="muted">Choose your country in Settings to see its lines first.</p>` : ''}
          ${others.length ? html`<h4 class="crisis-lines__others">Other countries</h4>${others.map((group) => countryLines(group, 'h5'))}` : ''}
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

/**
 * One country's lines: its name, then each line with how to reach it, its hours and who it is for.
 * @param {import('../../lib/crisis-lines.js').CountryLines} group
 * @param {'h4'|'h5'} level
 */
function countryLines(group, level) {
  const heading = level === 'h4'
    ? html`<h4 class="crisis-lines__country" data-own-country>${group.name}</h4>`
    : html`<h5 class="crisis-lines__country">${group.name}</h5>`;
  return html`${heading}
    <ul class="crisis-lines__list" data-country="${group.code}">
      ${group.lines.map((line) => html`
        <li data-crisis-line><strong class="crisis-lines__name">${line.name}</strong>
          <span class="crisis-lines__how">${line.how_to_reach}</span>
          ${line.hours ? html`<span class="crisis-lines__hours">${line.hours}</span>` : ''}
          ${line.description ? html`<span class="crisis-lines__about">${line.description}</span>` : ''}</li>`)}
    </ul>`;
}

/** @param {{text: string, contact: string|null}[]|undefined} items */
function listItems(items) {
  if (!items?.length) return html`<span class="muted">Not written yet</span>`;
  return html`<ul>${items.map((i) => html`<li>${i.text}${i.contact ? html` — <strong>${i.contact}</strong>` : ''}</li>`)}</ul>`;
}

export function registerCrisisDialog() {
  if (!customElements.get('wk-crisis-dialog')) customElements.define('wk-crisis-dialog', CrisisDialog);
}

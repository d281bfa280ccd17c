/**
 * <wk-grounding-screen>: the 5-4-3-2-1 grounding exercise, one sense at a time. What the person
 * types stays on this screen only and is never saved.
 */
import { html, render } from '../../lib/html.js';
import { count } from '../../lib/plural.js';
import { STEPS, TOTAL, addNoticed, countNoticed, currentStep, isFinished, skipStep, startGrounding } from '../../lib/grounding.js';

export class GroundingScreen extends HTMLElement {
  /** @type {import('../../lib/grounding.js').GroundingState | undefined} */
  state;

  connectedCallback() {
    this.state = startGrounding();
    this.draw();
  }

  draw() {
    const state = this.state ?? startGrounding();
    const step = currentStep(state);
    const done = countNoticed(state);
    render(this, html`
      <section class="screen" aria-labelledby="grounding-title">
        <h1 id="grounding-title">Grounding: 5-4-3-2-1</h1>
        <p class="screen__lead">When feelings run high, noticing what is around you brings you back to the present. Take your time. Nothing you type here is saved.</p>
        <ol class="grounding-steps" aria-label="Senses">
          ${STEPS.map((s, i) => html`<li class="grounding-steps__item" data-state="${i < state.step ? 'done' : i === state.step ? 'current' : 'todo'}"
              ${i === state.step ? html`aria-current="step"` : ''}>${s.count} · ${s.sense}</li>`)}
        </ol>
        <div class="card grounding">
          ${step
            ? html`
              <h2 id="grounding-prompt">${step.prompt}</h2>
              <p class="muted" aria-live="polite" data-progress>${step.noticed.length} of ${step.count} noticed · ${done} of ${TOTAL} in all</p>
              <ul class="grounding__noticed">${step.noticed.map((n) => html`<li>${n}</li>`)}</ul>
              <form class="grounding__form" data-form>
                <label class="visually-hidden" for="noticed">Something you ${step.sense === 'see' ? 'can see' : `can ${step.sense}`}</label>
                <input id="noticed" name="noticed" type="text" autocomplete="off" aria-describedby="grounding-prompt">
                <button class="button" type="submit">Add</button>
                <button class="button button--quiet" type="button" data-skip>Skip this sense</button>
              </form>`
            : html`
              <h2>Well done.</h2>
              <p>You noticed ${count(done, 'thing')} around you. Take one more slow breath before you carry on.</p>
              <div class="actions"><button class="button" type="button" data-restart>Start again</button></div>`}
        </div>
      </section>`);
    const form = /** @type {HTMLFormElement|null} */ (this.querySelector('[data-form]'));
    const input = /** @type {HTMLInputElement|null} */ (this.querySelector('#noticed'));
    form?.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!input?.value.trim()) { input?.focus(); return; }
      this.state = addNoticed(state, input.value);
      this.draw();
      this.focusNext();
    });
    this.querySelector('[data-skip]')?.addEventListener('click', () => {
      this.state = skipStep(state);
      this.draw();
      this.focusNext();
    });
    this.querySelector('[data-restart]')?.addEventListener('click', () => {
      this.state = startGrounding();
      this.draw();
      this.focusNext();
    });
  }

  focusNext() {
    const target = /** @type {HTMLElement|null} */ (this.querySelector(isFinished(this.state ?? startGrounding()) ? '[data-restart]' : '#noticed'));
    target?.focus();
  }
}

export const groundingScreen = {
  id: 'grounding', title: 'Grounding 5-4-3-2-1', section: /** @type {const} */ ('tools'), order: 1,
  tag: 'wk-grounding-screen', element: GroundingScreen,
};

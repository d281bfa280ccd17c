/**
 * <wk-breathing-screen>: a guided breathing exercise with an animated pacer and a choice of
 * patterns. Nothing here is saved; it works the same for mentors and clients.
 */
import { html, render } from '../../lib/html.js';
import { PATTERNS } from '../../lib/breathing.js';

export class BreathingScreen extends HTMLElement {
  connectedCallback() {
    render(this, html`
      <section class="screen" aria-labelledby="breathing-title">
        <h1 id="breathing-title">Breathing exercise</h1>
        <p class="screen__lead">Follow the circle: breathe in as it grows, out as it shrinks. A few minutes can slow a racing heart. Stop whenever you like.</p>
        <div class="breathing">
          <fieldset class="field breathing__patterns">
            <legend>Pattern</legend>
            ${Object.values(PATTERNS).map((p, i) => html`
              <label class="choice"><input type="radio" name="pattern" value="${p.id}" ${i === 0 ? html`checked` : ''}>
                <span><strong>${p.name}</strong><br><span class="muted">${p.description}</span></span></label>`)}
          </fieldset>
          <div class="breathing__pacer">
            <wk-breathing-pacer></wk-breathing-pacer>
            <div class="actions breathing__actions">
              <button type="button" class="button" data-toggle aria-pressed="false">Start</button>
            </div>
          </div>
        </div>
      </section>`);
    const pacer = /** @type {import('../../components/breathing-pacer/breathing-pacer.js').BreathingPacer} */ (this.querySelector('wk-breathing-pacer'));
    const toggle = /** @type {HTMLButtonElement} */ (this.querySelector('[data-toggle]'));
    toggle.addEventListener('click', () => {
      if (pacer.running) {
        pacer.stop();
        toggle.textContent = 'Start';
        toggle.setAttribute('aria-pressed', 'false');
      } else {
        pacer.start();
        toggle.textContent = 'Pause';
        toggle.setAttribute('aria-pressed', 'true');
      }
    });
    for (const radio of this.querySelectorAll('input[name="pattern"]')) {
      radio.addEventListener('change', (event) => {
        const id = /** @type {HTMLInputElement} */ (event.target).value;
        const wasRunning = pacer.running;
        pacer.stop();
        pacer.pattern = PATTERNS[id] ?? PATTERNS.box;
        if (wasRunning) pacer.start();
      });
    }
  }
}

export const breathingScreen = {
  id: 'breathing', title: 'Breathing', section: /** @type {const} */ ('tools'), order: 0,
  tag: 'wk-breathing-screen', element: BreathingScreen,
};

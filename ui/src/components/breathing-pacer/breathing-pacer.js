/**
 * <wk-breathing-pacer>: an animated circle that grows as you breathe in and shrinks as you
 * breathe out, with the phase spoken as text (and announced politely, once per phase).
 *
 * Usage:
 *   const pacer = document.createElement('wk-breathing-pacer');
 *   pacer.pattern = PATTERNS.box;  pacer.start();  pacer.stop();
 *
 * With prefers-reduced-motion the circle does not scale; the phase text and a progress bar
 * carry the rhythm instead.
 */
import { html, render } from '../../lib/html.js';
import { PATTERNS, pacerScale, phaseAt } from '../../lib/breathing.js';

export class BreathingPacer extends HTMLElement {
  constructor() {
    super();
    // The pacer's parts: detached stand-ins until connectedCallback renders the real ones.
    /** @type {HTMLElement} */ this.circle = document.createElement('div');
    /** @type {HTMLElement} */ this.phaseText = document.createElement('p');
    /** @type {HTMLElement} */ this.countText = document.createElement('p');
    /** @type {HTMLElement} */ this.progress = document.createElement('span');
    /** @type {HTMLElement} */ this.live = document.createElement('p');
    this.pattern = PATTERNS.box;
    this.running = false;
    this.startedAt = 0;
    this.frame = 0;
    this.lastPhase = -1;
    this.reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  }

  connectedCallback() {
    render(this, html`
      <div class="pacer" data-running="false">
        <div class="pacer__stage" aria-hidden="true"><div class="pacer__circle" data-circle></div></div>
        <p class="pacer__phase" data-phase>Ready when you are</p>
        <p class="pacer__count" data-count aria-hidden="true"></p>
        <div class="pacer__progress" aria-hidden="true"><span data-progress></span></div>
        <p class="visually-hidden" aria-live="polite" data-live></p>
      </div>`);
    this.circle = /** @type {HTMLElement} */ (this.querySelector('[data-circle]'));
    this.phaseText = /** @type {HTMLElement} */ (this.querySelector('[data-phase]'));
    this.countText = /** @type {HTMLElement} */ (this.querySelector('[data-count]'));
    this.progress = /** @type {HTMLElement} */ (this.querySelector('[data-progress]'));
    this.live = /** @type {HTMLElement} */ (this.querySelector('[data-live]'));
    this.setScale(0.5);
  }

  disconnectedCallback() {
    this.stop();
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.startedAt = performance.now();
    this.lastPhase = -1;
    this.querySelector('.pacer')?.setAttribute('data-running', 'true');
    const tick = (/** @type {number} */ now) => {
      if (!this.running) return;
      this.update(now - this.startedAt);
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  stop() {
    this.running = false;
    cancelAnimationFrame(this.frame);
    this.querySelector('.pacer')?.setAttribute('data-running', 'false');
    if (this.phaseText) this.phaseText.textContent = 'Paused';
    if (this.countText) this.countText.textContent = '';
    this.setScale(0.5);
  }

  /** @param {number} elapsedMs */
  update(elapsedMs) {
    const state = phaseAt(this.pattern, elapsedMs);
    this.setScale(this.reducedMotion ? 0.8 : pacerScale(state.phase.kind, state.progress));
    this.progress.style.width = `${Math.round(state.progress * 100)}%`;
    this.countText.textContent = String(state.secondsLeft);
    const phaseKey = state.cycle * 10 + state.index;
    if (phaseKey !== this.lastPhase) {
      this.lastPhase = phaseKey;
      this.phaseText.textContent = state.label;
      this.live.textContent = `${state.label}, ${state.phase.seconds} seconds`;
      this.querySelector('.pacer')?.setAttribute('data-phase', state.phase.kind);
    }
  }

  /** @param {number} scale */
  setScale(scale) {
    // Set through CSSOM (allowed by the CSP), not a style attribute in markup.
    if (this.circle) this.circle.style.transform = `scale(${scale.toFixed(3)})`;
  }
}

export function registerBreathingPacer() {
  if (!customElements.get('wk-breathing-pacer')) customElements.define('wk-breathing-pacer', BreathingPacer);
}

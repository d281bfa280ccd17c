/**
 * <wk-my-goals-screen>: the vault owner's own goals and steps (a client working on their own
 * plan, or a mentor's personal goals).
 */
import { html, render } from '../../lib/html.js';

export class MyGoalsScreen extends HTMLElement {
  connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="my-goals-title">
      <h1 id="my-goals-title">My goals</h1>
      <p class="screen__lead">Small, specific steps with a date make a goal easier to reach.</p>
      <div data-goals></div></section>`);
    const goals = document.createElement('wk-goal-list');
    goals.clientId = null;
    this.querySelector('[data-goals]')?.append(goals);
  }
}

export const myGoalsScreen = {
  id: 'my-goals', title: 'My goals', section: /** @type {const} */ ('journal'), order: 2, purpose: /** @type {const} */ ('journal'),
  tag: 'wk-my-goals-screen', element: MyGoalsScreen,
};

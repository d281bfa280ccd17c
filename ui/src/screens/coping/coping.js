/**
 * <wk-coping-screen>: the coping toolbox: the person's own strategies (with how often used and
 * how much they help), built-in ideas to add with one click, and a form for their own.
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { rowActions, wireRowActions } from '../../components/record-section/record-section.js';

export class CopingScreen extends HTMLElement {
  constructor() {
    super();
    /** The strategy being edited, or null when the form adds one. @type {import('../../api.js').CopingStrategy|null} */
    this.editing = null;
  }

  async connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="coping-title"><h1 id="coping-title">Coping toolbox</h1><div data-body><p class="muted">Loading…</p></div></section>`);
    await this.load();
  }

  async load() {
    const body = /** @type {HTMLElement} */ (this.querySelector('[data-body]'));
    try {
      const [mine, ideas] = await Promise.all([api.listCopingStrategies(), api.copingSuggestions()]);
      const have = new Set(mine.map((s) => s.suggestion_id).filter(Boolean));
      const categories = [...new Set(ideas.map((i) => i.category))];
      render(body, html`
        <div class="coping">
          <section aria-labelledby="mine-title">
            <h2 id="mine-title">My strategies</h2>
            <ul class="record-list">
              ${mine.length === 0 ? html`<li class="muted">Add ideas from the list, or your own.</li>` : ''}
              ${mine.map((s) => html`<li class="record-list__item coping__item">
                <strong>${s.name}</strong><span class="muted">${s.description}</span>
                <span class="muted">Used ${s.times_used} ${s.times_used === 1 ? 'time' : 'times'}${s.helpfulness ? ` · helps ${s.helpfulness}/5` : ''}</span>
                <span class="coping__use"><label for="help-${s.id}">How much did it help?</label>
                  <select id="help-${s.id}" data-help="${s.id}"><option value="">—</option>${[1, 2, 3, 4, 5].map((n) => html`<option value="${n}">${n}</option>`)}</select>
                  <button type="button" class="button button--quiet" data-use="${s.id}">I used this</button></span>${rowActions(mine.indexOf(s), s.name)}</li>`)}
            </ul>
            <form class="card" data-own novalidate>
              <h3 data-own-title>Add my own</h3>
              <div class="field"><label for="own-name">Strategy</label><input id="own-name" name="name" type="text" autocomplete="off"></div>
              <div class="field"><label for="own-category">Kind</label>
                <select id="own-category" name="category">${categories.map((c) => html`<option value="${c}">${c.charAt(0).toUpperCase()}${c.slice(1)}</option>`)}</select></div>
              <p class="field__error" role="alert" data-error></p>
              <div class="actions"><button class="button" type="submit" data-submit>Add</button>
                <button class="button button--quiet" type="button" data-cancel hidden>Cancel</button></div>
            </form>
          </section>
          <section aria-labelledby="ideas-title">
            <h2 id="ideas-title">Ideas to try</h2>
            <ul class="record-list">
              ${ideas.filter((i) => !have.has(i.id)).map((i) => html`<li class="record-list__item">
                <strong>${i.name}</strong><span class="muted">${i.description}</span>
                <button type="button" class="button button--quiet" data-add-idea="${i.id}" aria-label="Add ${i.name} to my toolbox">Add to my toolbox</button></li>`)}
            </ul>
          </section>
        </div>`);
      for (const b of body.querySelectorAll('[data-add-idea]')) {
        b.addEventListener('click', () => this.run(() => api.addSuggestedStrategy(b.getAttribute('data-add-idea') ?? ''), 'Added to your toolbox.'));
      }
      for (const b of body.querySelectorAll('[data-use]')) {
        const id = b.getAttribute('data-use') ?? '';
        b.addEventListener('click', () => {
          const help = /** @type {HTMLSelectElement|null} */ (body.querySelector(`[data-help="${id}"]`))?.value;
          this.run(() => api.recordCopingUse(id, help ? Number(help) : null), 'Noted. Well done for using it.');
        });
      }
      const own = /** @type {HTMLFormElement} */ (body.querySelector('[data-own]'));
      this.editing = null;
      own.addEventListener('submit', (e) => {
        e.preventDefault();
        const d = new FormData(own);
        const name = String(d.get('name') ?? '');
        const category = /** @type {import('../../api.js').CopingCategory} */ (String(d.get('category') ?? ''));
        const editing = this.editing;
        if (editing) {
          this.run(() => api.updateCopingStrategy(editing.id, { name, description: editing.description, category, helpfulness: editing.helpfulness }), 'Changes saved.', own);
        } else {
          this.run(() => api.addCopingStrategy({ name, description: '', category, helpfulness: null }), 'Added to your toolbox.', own);
        }
      });
      own.querySelector('[data-cancel]')?.addEventListener('click', () => this.load());
      const list = /** @type {HTMLElement} */ (body.querySelector('section[aria-labelledby="mine-title"] .record-list'));
      wireRowActions(list, mine, {
        edit: (strategy) => {
          this.editing = strategy;
          /** @type {HTMLInputElement} */ (own.querySelector('[name="name"]')).value = strategy.name;
          /** @type {HTMLSelectElement} */ (own.querySelector('[name="category"]')).value = strategy.category;
          const title = own.querySelector('[data-own-title]');
          if (title) title.textContent = `Edit ${strategy.name}`;
          const submit = own.querySelector('[data-submit]');
          if (submit) submit.textContent = 'Save changes';
          own.querySelector('[data-cancel]')?.removeAttribute('hidden');
          /** @type {HTMLElement} */ (own.querySelector('[name="name"]')).focus();
        },
        trash: { kind: 'coping_strategy', id: (strategy) => strategy.id, what: 'Strategy', done: () => this.load() },
      });
    } catch (e) {
      render(body, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
  }

  /** @param {() => Promise<unknown>} action @param {string} done @param {HTMLFormElement} [form] */
  async run(action, done, form) {
    try {
      await action();
      announce(this, done);
      await this.load();
    } catch (e) {
      const error = form?.querySelector('[data-error]');
      if (error) error.textContent = api.toApiError(e).message;
      else announce(this, api.toApiError(e).message, 'error');
    }
  }
}

export const copingScreen = {
  id: 'coping', title: 'Coping toolbox', section: /** @type {const} */ ('tools'), order: 3,
  tag: 'wk-coping-screen', element: CopingScreen,
};

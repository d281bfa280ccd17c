/**
 * <wk-goal-list>: SMART goals with their action steps, for one client (or the owner's own
 * goals): add a goal, see and edit its SMART parts and target date, add steps with owner and
 * due date, correct a step's words, owner or due date, move a step through its statuses; set a goal's status, see its progress (the mean
 * of its steps, skipped ones left out, as the core counts it), record a review with the next
 * review day, and see the session notes that worked on it. A goal reworded on two computers at
 * once shows the other wording under it until the person chooses (docs/decisions.md 73).
 *
 * Usage:
 *   const goals = document.createElement('wk-goal-list');
 *   goals.clientId = client.id;     // null for the vault owner's own goals
 *   section.append(goals);
 */
import * as api from '../../api.js';
import { announce } from '../../lib/events.js';
import { formatDay, today as localToday } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { nextReviewText, progressText } from '../../lib/due.js';

const STEP_STATUSES = { todo: 'To do', doing: 'Doing', done: 'Done', skipped: 'Skipped' };
const OWNERS = { client: 'Client', mentor: 'Mentor' };
/** @type {Record<import('../../api.js').GoalStatus, string>} */
export const GOAL_STATUSES = { active: 'Active', achieved: 'Achieved', paused: 'Paused', dropped: 'Dropped' };
/** The SMART parts, in the order the form asks for them, with the words it uses. */
const SMART = /** @type {const} */ ([
  ['specific', 'Specific', 'Specific: what exactly?'],
  ['measurable', 'Measurable', 'Measurable: how will we know?'],
  ['achievable', 'Achievable', 'Achievable: is it realistic?'],
  ['relevant', 'Relevant', 'Relevant: why does it matter?'],
]);
const RATINGS = { 1: '1 – not at all', 2: '2', 3: '3', 4: '4', 5: '5 – very well' };

export class GoalList extends HTMLElement {
  constructor() {
    super();
    /** @type {string|null} */
    this.clientId = null;
    /** @type {import('../../api.js').Goal[]} */
    this.goals = [];
    /** @type {import('../../api.js').SessionNote[]} */
    this.notes = [];
    /** Ids of goals with a wording kept aside (edited on two computers at once). @type {Set<string>} */
    this.aside = new Set();
    /** The step whose words are being corrected, shown as a form in its place. @type {string|null} */
    this.editingStep = null;
  }

  connectedCallback() {
    this.load();
  }

  async load() {
    try {
      let conflicted;
      [this.goals, this.notes, conflicted] = await Promise.all([
        api.listGoals(this.clientId ? { client_id: this.clientId } : { own: true }),
        this.clientId ? api.listNotes({ client_id: this.clientId }) : Promise.resolve([]),
        api.listConflictedRecords(),
      ]);
      this.aside = new Set(conflicted.filter((c) => c.kind === 'goal').map((c) => c.record_id));
      this.draw();
    } catch (e) {
      render(this, html`<p class="notice notice--error">${api.toApiError(e).message}</p>`);
    }
  }

  draw() {
    // The user's local day: toISOString() is UTC, which between midnight and 01:00 BST is still
    // yesterday, so a step due yesterday would not yet show as overdue.
    const today = localToday();
    render(this, html`
      <ul class="goal-list">
        ${this.goals.length === 0 ? html`<li class="muted">No goals yet.</li>` : ''}
        ${this.goals.map((g) => html`
          <li class="goal card" data-goal="${g.id}">
            <h3 class="goal__title" id="goal-title-${g.id}">${g.title} <span class="badge">${g.status}</span></h3>
            <button type="button" class="button button--quiet goal__trash" data-trash-goal="${g.id}" aria-describedby="goal-title-${g.id}">Move goal to trash</button>
            ${g.target_date ? html`<p class="muted">Target: ${formatDay(g.target_date)}</p>` : ''}
            ${SMART.some(([k]) => g[k]) ? html`<dl class="goal__smart" data-goal-smart>${SMART.filter(([k]) => g[k]).map(([k, label]) => html`<dt>${label}</dt><dd>${g[k]}</dd>`)}</dl>` : ''}
            ${this.aside.has(g.id) ? html`<wk-text-conflicts kind="goal" record-id="${g.id}" nested></wk-text-conflicts>` : ''}
            <details class="goal__edit-form">
              <summary>Edit “${g.title}”</summary>
              <form data-edit-goal="${g.id}" novalidate>
                <div class="field"><label for="edit-goal-title-${g.id}">Goal</label><input id="edit-goal-title-${g.id}" name="title" type="text" autocomplete="off" value="${g.title}" required></div>
                ${SMART.map(([k, , question]) => html`<div class="field"><label for="edit-goal-${k}-${g.id}">${question}</label><input id="edit-goal-${k}-${g.id}" name="${k}" type="text" value="${g[k]}"></div>`)}
                <div class="field"><label for="edit-goal-target-${g.id}">Target date</label><input id="edit-goal-target-${g.id}" name="target_date" type="date" value="${g.target_date ?? ''}"></div>
                <p class="field__error" role="alert" data-edit-goal-error="${g.id}"></p>
                <button class="button" type="submit">Save changes</button>
              </form>
            </details>
            <div class="goal__state">
              <label for="goal-status-${g.id}">Status of “${g.title}”</label>
              <select id="goal-status-${g.id}" data-goal-status="${g.id}">
                ${Object.entries(GOAL_STATUSES).map(([k, v]) => html`<option value="${k}" ${g.status === k ? html`selected` : ''}>${v}</option>`)}
              </select>
              <span data-goal-progress>${progressText(g)}</span>
            </div>
            <p class="${g.next_review_on && g.next_review_on <= today ? 'goal__review-due' : 'muted'}" data-goal-next-review>${nextReviewText(g.next_review_on, today)}</p>
            ${g.reviews.length ? html`<h4 class="goal__subtitle">Reviews</h4>
              <ul class="goal__reviews" data-goal-reviews>${g.reviews.map((r) => html`<li>${formatDay(r.review_date)} · rated ${r.rating} of 5${r.note ? ` · ${r.note}` : ''}</li>`)}</ul>` : ''}
            ${this.clientId ? html`<h4 class="goal__subtitle">Session notes on this goal</h4>
              <ul class="goal__notes" data-goal-notes>${notesOn(this.notes, g.id).map((n) => html`<li>${formatDay(n.session_date)} · ${n.template.toUpperCase()} · ${n.finalised_at ? 'Finalised' : 'Draft'}</li>`)}</ul>
              ${notesOn(this.notes, g.id).length ? '' : html`<p class="muted" data-goal-no-notes>No session note is linked to this goal yet.</p>`}` : ''}
            <ol class="steps" aria-label="Steps for ${g.title}">
              ${g.steps.map((s) => s.id === this.editingStep ? stepForm(s) : html`
                <li class="step" data-step="${s.id}">
                  <span class="step__text">${s.description}</span>
                  <span class="muted">${OWNERS[/** @type {keyof typeof OWNERS} */ (s.owner)] ?? s.owner}${s.due_date ? html` · due ${formatDay(s.due_date)}` : ''}</span>
                  ${s.due_date && s.due_date < today && (s.status === 'todo' || s.status === 'doing') ? html`<span class="badge badge--warning">Overdue</span>` : ''}
                  <label class="visually-hidden" for="step-status-${s.id}">Status of “${s.description}”</label>
                  <select id="step-status-${s.id}" data-step-status="${s.id}">
                    ${Object.entries(STEP_STATUSES).map(([k, v]) => html`<option value="${k}" ${s.status === k ? html`selected` : ''}>${v}</option>`)}
                  </select>
                  <button type="button" class="button button--quiet step__edit" data-edit-step="${s.id}" aria-label="Edit step “${s.description}”">Edit</button>
                </li>`)}
            </ol>
            <form class="step-form" data-add-step="${g.id}" novalidate>
              <div class="step-form__field step-form__field--wide"><label for="step-desc-${g.id}">New step</label>
                <input id="step-desc-${g.id}" name="description" type="text" autocomplete="off"></div>
              <div class="step-form__field"><label for="step-owner-${g.id}">Who</label>
                <select id="step-owner-${g.id}" name="owner">${Object.entries(OWNERS).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
              <div class="step-form__field"><label for="step-due-${g.id}">Due</label>
                <input id="step-due-${g.id}" name="due_date" type="date"></div>
              <button class="button button--quiet" type="submit">Add step</button>
            </form>
            <details class="goal__review-form">
              <summary>Review “${g.title}”</summary>
              <form data-add-review="${g.id}" novalidate>
                <div class="field"><label for="review-date-${g.id}">Day of the review</label><input id="review-date-${g.id}" name="review_date" type="date" value="${today}" required></div>
                <div class="field"><label for="review-rating-${g.id}">How is it going? (1–5)</label>
                  <select id="review-rating-${g.id}" name="rating">${Object.entries(RATINGS).map(([k, v]) => html`<option value="${k}" ${k === '3' ? html`selected` : ''}>${v}</option>`)}</select></div>
                <div class="field"><label for="review-note-${g.id}">What was said</label><textarea id="review-note-${g.id}" name="note"></textarea></div>
                <div class="field"><label for="review-next-${g.id}">Next review (leave empty for none)</label><input id="review-next-${g.id}" name="next_review_on" type="date"></div>
                <p class="field__error" role="alert" data-review-error="${g.id}"></p>
                <button class="button" type="submit">Save review</button>
              </form>
            </details>
          </li>`)}
      </ul>
      <details class="goal-add">
        <summary>Add a goal</summary>
        <form class="card" data-add-goal novalidate>
          <div class="field"><label for="goal-title">Goal</label>
            <input id="goal-title" name="title" type="text" autocomplete="off" required></div>
          <div class="field"><label for="goal-specific">Specific: what exactly?</label><input id="goal-specific" name="specific" type="text"></div>
          <div class="field"><label for="goal-measurable">Measurable: how will we know?</label><input id="goal-measurable" name="measurable" type="text"></div>
          <div class="field"><label for="goal-achievable">Achievable: is it realistic?</label><input id="goal-achievable" name="achievable" type="text"></div>
          <div class="field"><label for="goal-relevant">Relevant: why does it matter?</label><input id="goal-relevant" name="relevant" type="text"></div>
          <div class="field"><label for="goal-target">Target date</label><input id="goal-target" name="target_date" type="date"></div>
          <p class="field__error" role="alert" data-goal-error></p>
          <div class="actions"><button class="button" type="submit">Add goal</button></div>
        </form>
      </details>`);

    this.querySelector('[data-add-goal]')?.addEventListener('submit', (e) => {
      e.preventDefault();
      this.addGoal(/** @type {HTMLFormElement} */ (e.target));
    });
    for (const form of this.querySelectorAll('[data-add-step]')) {
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        this.addStep(/** @type {HTMLFormElement} */ (form));
      });
    }
    for (const button of this.querySelectorAll('[data-trash-goal]')) {
      button.addEventListener('click', () => this.moveToTrash(button.getAttribute('data-trash-goal') ?? ''));
    }
    for (const select of this.querySelectorAll('[data-step-status]')) {
      select.addEventListener('change', () => this.setStatus(/** @type {HTMLSelectElement} */ (select)));
    }
    for (const button of this.querySelectorAll('[data-edit-step]')) {
      button.addEventListener('click', () => this.editStep(button.getAttribute('data-edit-step')));
    }
    this.querySelector('[data-step-cancel]')?.addEventListener('click', () => {
      const id = this.editingStep;
      this.editStep(null);
      /** @type {HTMLElement|null} */ (this.querySelector(`[data-edit-step="${id}"]`))?.focus();
    });
    this.querySelector('[data-step-edit]')?.addEventListener('submit', (e) => {
      e.preventDefault();
      this.saveStep(/** @type {HTMLFormElement} */ (e.target));
    });
    for (const select of this.querySelectorAll('[data-goal-status]')) {
      select.addEventListener('change', () => this.setGoalStatus(/** @type {HTMLSelectElement} */ (select)));
    }
    for (const form of this.querySelectorAll('[data-edit-goal]')) {
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        this.editGoal(/** @type {HTMLFormElement} */ (form));
      });
    }
    // A wording chosen under a goal changes the goal: drawn again with it.
    for (const box of this.querySelectorAll('wk-text-conflicts')) {
      box.addEventListener('wk-conflict-chosen', () => this.load());
    }
    for (const form of this.querySelectorAll('[data-add-review]')) {
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        this.addReview(/** @type {HTMLFormElement} */ (form));
      });
    }
  }

  /** @param {HTMLSelectElement} select */
  async setGoalStatus(select) {
    const id = select.getAttribute('data-goal-status') ?? '';
    const status = /** @type {import('../../api.js').GoalStatus} */ (select.value);
    try {
      await api.setGoalStatus(id, status);
      announce(this, `Goal marked ${GOAL_STATUSES[status]}.`);
      await this.load();
      /** @type {HTMLElement|null} */ (this.querySelector(`#goal-status-${id}`))?.focus();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /**
   * Saves a goal's new wording and target date. Sent with the version the form was filled from,
   * so a wording saved meanwhile on another computer is kept aside, not written over.
   * @param {HTMLFormElement} form
   */
  async editGoal(form) {
    const d = new FormData(form);
    const id = form.getAttribute('data-edit-goal') ?? '';
    const goal = this.goals.find((g) => g.id === id);
    const error = this.querySelector(`[data-edit-goal-error="${id}"]`);
    if (!goal) return;
    try {
      await api.updateGoal(id, goalWords(d), goal.text_version ?? '');
      announce(this, 'Goal saved.');
      await this.load();
      /** @type {HTMLElement|null} */ (this.querySelector(`[data-goal="${id}"] .goal__edit-form summary`))?.focus();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /** @param {HTMLFormElement} form  records a review; its next review day replaces the goal's */
  async addReview(form) {
    const d = new FormData(form);
    const goalId = form.getAttribute('data-add-review') ?? '';
    const error = this.querySelector(`[data-review-error="${goalId}"]`);
    try {
      await api.addGoalReview(goalId, {
        review_date: String(d.get('review_date') ?? ''),
        rating: Number(d.get('rating') ?? 3),
        note: String(d.get('note') ?? ''),
        next_review_on: String(d.get('next_review_on') ?? '') || null,
      });
      announce(this, 'Review saved.');
      await this.load();
      /** @type {HTMLElement|null} */ (this.querySelector(`#goal-status-${goalId}`))?.focus();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /** @param {HTMLFormElement} form */
  async addGoal(form) {
    const d = new FormData(form);
    const error = this.querySelector('[data-goal-error]');
    try {
      await api.addGoal({ client_id: this.clientId, ...goalWords(d) });
      announce(this, 'Goal added.');
      await this.load();
    } catch (e) {
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /** @param {string} id  moves a goal (and its steps) to the trash, from where it can be restored */
  async moveToTrash(id) {
    try {
      await api.moveGoalToTrash(id);
      announce(this, 'Goal moved to the trash. You can restore it from Trash.');
      await this.load();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /** @param {HTMLFormElement} form */
  async addStep(form) {
    const d = new FormData(form);
    const goalId = form.getAttribute('data-add-step') ?? '';
    try {
      await api.addStep(goalId, {
        description: String(d.get('description') ?? ''),
        owner: /** @type {import('../../api.js').StepOwner} */ (String(d.get('owner') ?? 'client')),
        due_date: String(d.get('due_date') ?? '') || null,
      });
      announce(this, 'Step added.');
      await this.load();
      /** @type {HTMLElement|null} */ (this.querySelector(`#step-desc-${goalId}`))?.focus();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }

  /**
   * Shows the step `id` as a form to correct it (null: none), its first field focused.
   * @param {string|null} id
   */
  editStep(id) {
    this.editingStep = id;
    this.draw();
    /** @type {HTMLElement|null} */ (this.querySelector('[data-step-edit] input'))?.focus();
  }

  /** @param {HTMLFormElement} form  saves a step's words, owner and due date; its status and progress stay */
  async saveStep(form) {
    const d = new FormData(form);
    const id = form.getAttribute('data-step-edit') ?? '';
    const step = this.goals.flatMap((g) => g.steps).find((s) => s.id === id);
    if (!step) return;
    try {
      await api.updateStep(id, {
        description: String(d.get('description') ?? ''),
        owner: /** @type {import('../../api.js').StepOwner} */ (String(d.get('owner') ?? step.owner)),
        due_date: String(d.get('due_date') ?? '') || null,
        status: step.status,
        progress: step.progress,
      });
      this.editingStep = null;
      announce(this, 'Step saved.');
      await this.load();
      /** @type {HTMLElement|null} */ (this.querySelector(`[data-edit-step="${id}"]`))?.focus();
    } catch (e) {
      const error = form.querySelector('[data-step-error]');
      if (error) error.textContent = api.toApiError(e).message;
    }
  }

  /** @param {HTMLSelectElement} select */
  async setStatus(select) {
    const id = select.getAttribute('data-step-status') ?? '';
    const step = this.goals.flatMap((g) => g.steps).find((s) => s.id === id);
    if (!step) return;
    try {
      await api.updateStep(id, { description: step.description, owner: step.owner, due_date: step.due_date, status: /** @type {import('../../api.js').StepStatus} */ (select.value), progress: select.value === 'done' ? 100 : step.progress });
      announce(this, `Step marked ${STEP_STATUSES[/** @type {keyof typeof STEP_STATUSES} */ (select.value)]}.`);
      await this.load();
    } catch (e) {
      announce(this, api.toApiError(e).message, 'error');
    }
  }
}

/**
 * What "Add a goal" and a goal's Edit form both hold: its title, SMART parts and target date.
 * @param {FormData} d
 * @returns {import('../../api.js').GoalEdit}
 */
function goalWords(d) {
  const text = (/** @type {string} */ k) => String(d.get(k) ?? '');
  return {
    title: text('title'),
    specific: text('specific'),
    measurable: text('measurable'),
    achievable: text('achievable'),
    relevant: text('relevant'),
    target_date: text('target_date') || null,
  };
}

/**
 * A step being corrected: its words, who and when, with Save and Cancel.
 * @param {import('../../api.js').ActionStep} s
 */
function stepForm(s) {
  return html`
    <li class="step step--editing" data-step="${s.id}">
      <form class="step-form" data-step-edit="${s.id}" novalidate>
        <div class="step-form__field step-form__field--wide"><label for="step-edit-desc-${s.id}">Step</label>
          <input id="step-edit-desc-${s.id}" name="description" type="text" autocomplete="off" value="${s.description}"></div>
        <div class="step-form__field"><label for="step-edit-owner-${s.id}">Who</label>
          <select id="step-edit-owner-${s.id}" name="owner">${Object.entries(OWNERS).map(([k, v]) => html`<option value="${k}" ${s.owner === k ? html`selected` : ''}>${v}</option>`)}</select></div>
        <div class="step-form__field"><label for="step-edit-due-${s.id}">Due</label>
          <input id="step-edit-due-${s.id}" name="due_date" type="date" value="${s.due_date ?? ''}"></div>
        <div class="step-form__buttons"><button class="button" type="submit">Save step</button>
          <button class="button button--quiet" type="button" data-step-cancel>Cancel</button></div>
        <p class="field__error step-form__error" role="alert" data-step-error></p>
      </form>
    </li>`;
}

/**
 * The notes that worked on a goal, as listed (newest session first).
 * @param {import('../../api.js').SessionNote[]} notes @param {string} goalId
 */
function notesOn(notes, goalId) {
  return notes.filter((n) => n.goal_ids.includes(goalId));
}

export function registerGoalList() {
  if (!customElements.get('wk-goal-list')) customElements.define('wk-goal-list', GoalList);
}

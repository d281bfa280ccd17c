/**
 * "From my mentor": what a client received in share files (homework, resources, action plans,
 * safety plans), as markup for the Open a share file screen. Kept apart from the screen so the
 * rendering, and its escaping, is tested without a window.
 *
 * Everything here came from another person's file, so it only ever goes through `html`. A
 * resource's link is shown as text to copy, never as a clickable link: the app has no vetted
 * way to open outside addresses, and a link must not leave the encrypted app on a click.
 */
import { localDay } from './dates.js';
import { html } from './html.js';

/** Kinds a mentor shares, in the order the sections are shown. */
const SECTIONS = /** @type {const} */ ([
  ['homework', 'Homework'],
  ['resource', 'Resources'],
  ['action_plan', 'Action plans'],
  ['safety_plan', 'Safety plans'],
]);

const OWNERS = /** @type {Record<string, string>} */ ({ client: 'you', mentor: 'your mentor', both: 'you both' });
const STATUSES = /** @type {Record<string, string>} */ ({
  not_started: 'not started', in_progress: 'under way', done: 'done', dropped: 'dropped',
});

/**
 * Who sent it and when it arrived.
 * @param {import('../api.js').ReceivedFromContact} r a received item from `list_received_items`
 */
function origin(r) {
  return html`<p class="muted">From ${r.contact_name}, received ${localDay(String(r.received_at))}</p>`;
}

/**
 * Homework and action plans can become one of the person's goals, with their steps, in one
 * click (`file_received_item`); once filed, the item says so instead of offering it again.
 * @param {import('../api.js').ReceivedFromContact} r
 */
function fileAsGoal(r) {
  if (typeof r.filed_as === 'string' && r.filed_as.startsWith('goal:')) {
    return html`<p data-filed>Filed as one of your goals (see My goals).</p>`;
  }
  return html`<p><button type="button" class="button button--quiet" data-file-received="${r.id}">Add to my goals</button></p>`;
}

/** @param {import('../api.js').ReceivedFromContact} r */
function itemMarkup(r) {
  const item = r.item;
  switch (item.type) {
    case 'homework':
      return html`<li data-received-homework><h4>${item.title}</h4>${origin(r)}
        <p class="received-text">${item.instructions}</p>
        ${item.due ? html`<p>Due ${item.due}</p>` : ''}${fileAsGoal(r)}</li>`;
    case 'resource':
      return html`<li data-received-resource><h4>${item.title}</h4>${origin(r)}
        <p class="received-text">${item.description}</p>
        ${item.url ? html`<p>Link (copy it into your browser): <span class="mono">${item.url}</span></p>` : ''}</li>`;
    case 'action_plan':
      return html`<li data-received-action-plan><h4>${item.title}</h4>${origin(r)}
        ${item.goal ? html`<p>Goal: ${item.goal}</p>` : ''}
        <ol>${item.steps.map((s) => html`<li>${s.description}
          <span class="muted">(${OWNERS[s.owner] ?? s.owner}; ${STATUSES[s.status] ?? s.status}${s.due ? html`; by ${s.due}` : ''})</span></li>`)}</ol>
        ${fileAsGoal(r)}</li>`;
    case 'safety_plan':
      return html`<li data-received-safety-plan><h4>Safety plan</h4>${origin(r)}
        <p>${r.filed_as ? 'Filed as your current safety plan (see Safety plan).' : 'Kept with the share file; it could not be filed as your safety plan.'}</p></li>`;
    default:
      return '';
  }
}

/**
 * The "From my mentor" section for items from `list_received_items`, newest first.
 * @param {import('../api.js').ReceivedFromContact[]} items
 */
export function receivedFromMentor(items) {
  const shown = SECTIONS.map(([kind, title]) => /** @type {const} */ ([title, items.filter((r) => r.item?.type === kind)]))
    .filter(([, list]) => list.length > 0);
  return html`<h2>From my mentor</h2>
    ${shown.length === 0 ? html`<p class="muted">Nothing shared with you yet. When your mentor sends you a share file, open it above.</p>` : ''}
    ${shown.map(([title, list]) => html`<h3>${title}</h3>
      <ul class="from-mentor-list">${list.map(itemMarkup)}</ul>`)}`;
}

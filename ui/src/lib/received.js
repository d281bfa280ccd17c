/**
 * "From my mentor": what a client received in share files (homework, resources, action plans,
 * safety plans, invoices), as markup for the Open a share file screen. Kept apart from the screen so the
 * rendering, and its escaping, is tested without a window.
 *
 * Everything here came from another person's file, so it only ever goes through `html`. A
 * resource's link is shown as text to copy, never as a clickable link: the app has no vetted
 * way to open outside addresses, and a link must not leave the encrypted app on a click.
 */
import { formatDay, localDay } from './dates.js';
import { html } from './html.js';
import { sectionHeading } from './safety-plan.js';

/** Kinds a mentor shares, in the order the sections are shown. */
const SECTIONS = /** @type {const} */ ([
  ['homework', 'Homework'],
  ['resource', 'Resources'],
  ['action_plan', 'Action plans'],
  ['safety_plan', 'Safety plans'],
  ['invoice', 'Invoices'],
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

/**
 * @typedef {object} ProposalOutcome what accepting or declining a proposal just said
 * @property {string} id the received item's id
 * @property {string} text the sentence to show under it
 * @property {boolean} refused true when the core refused (shown as an error)
 */

/**
 * @typedef {object} ReceivedOptions
 * @property {import('../api.js').SectionInfo[]} [sections] the plan's sections (`safety_plan_sections`)
 * @property {ProposalOutcome|null} [outcome]
 */

/**
 * Why a safety plan from this sender is kept but not filed, by their role.
 * @param {import('../api.js').ReceivedFromContact} r
 */
function notFromMentor(r) {
  if (r.contact_role === 'my_client') return `Not filed: only a contact you confirmed as your mentor may propose a safety plan, and ${r.contact_name} is your client.`;
  if (r.contact_role === 'my_mentor') return `Not filed: ${r.contact_name} was not yet your mentor in Wellkept when this plan arrived. Ask them to share it again.`;
  return `Not filed: only a contact you confirmed as your mentor may propose a safety plan. Choose ${r.contact_name}’s role under Sharing & contacts.`;
}

/**
 * A proposed plan's sections, in plan order, each with its items (and phone numbers).
 * @param {Record<string, {text: string, contact: string|null}[]|undefined>} planSections
 * @param {import('../api.js').SectionInfo[]} sections
 */
function proposedSections(planSections, sections) {
  const known = sections.length ? sections : Object.keys(planSections).map((key) => ({ section: key, title: key, step: null }));
  return html`<div class="proposal-sections" data-proposal-sections>${known.filter((s) => (planSections[s.section] ?? []).length > 0).map((s) => html`
    <h5>${sectionHeading(s)}</h5>
    <ul>${(planSections[s.section] ?? []).map((i) => html`<li>${i.text}${i.contact ? html` <span class="mono">${i.contact}</span>` : ''}</li>`)}</ul>`)}</div>`;
}

/**
 * A received safety plan: its sections, and what the person may do with it.
 * @param {import('../api.js').ReceivedFromContact} r
 * @param {ReceivedOptions} options
 */
function safetyPlanMarkup(r, options) {
  const item = /** @type {Extract<import('../api.js').SharedItem, {type: 'safety_plan'}>} */ (r.item);
  const outcome = options.outcome?.id === r.id ? options.outcome : null;
  /** @type {Record<string, unknown>} */
  const states = {
    waiting: html`<p data-proposal-state>Proposed by ${r.contact_name}. It changes nothing until you accept it; your current plan is kept as an earlier version.</p>
      <div class="actions"><button type="button" class="button" data-accept-proposal="${r.id}">Accept as my new safety plan</button>
        <button type="button" class="button button--quiet" data-decline-proposal="${r.id}">Decline</button></div>`,
    accepted: html`<p data-proposal-state>You accepted this plan: it is a version of your safety plan (see Safety plan).</p>`,
    declined: html`<p data-proposal-state>You declined this plan. Your safety plan was not changed.</p>`,
    not_from_mentor: html`<p data-proposal-state>${notFromMentor(r)}</p>`,
  };
  return html`<li data-received-safety-plan="${r.id}"><h4>Safety plan from ${r.contact_name}</h4>${origin(r)}
    <p class="muted" data-proposal-made>Made ${formatDay(String(item.updated_at))}</p>
    ${proposedSections(item.sections, options.sections ?? [])}
    ${states[r.proposal ?? 'not_from_mentor'] ?? ''}
    ${outcome ? html`<p class="notice ${outcome.refused ? 'notice--error' : ''}" role="${outcome.refused ? 'alert' : 'status'}" data-proposal-outcome>${outcome.text}</p>
      ${outcome.refused ? html`<div class="actions"><button type="button" class="button button--quiet" data-view-current-plan>View my current safety plan</button></div>` : ''}` : ''}</li>`;
}

/**
 * A received invoice's amounts as the core words them (`Invoice::amounts_line`): "Total £96.00 ·
 * paid £50.00 · credited £8.00 (CN-0005) · balance £38.00". A credit note is "credited", never
 * "paid" (exchange format 3); an invoice shared in format 2 has no `credited` and reads as it
 * always did.
 * @param {Extract<import('../api.js').SharedItem, {type: 'invoice'}>} item
 */
export function invoiceAmounts(item) {
  const credited = item.credited !== undefined && item.credit_notes?.length
    ? ` · credited ${item.credited} (${item.credit_notes.join(', ')})` : '';
  return `Total ${item.total} · paid ${item.paid}${credited} · balance ${item.balance}`;
}

/**
 * @param {import('../api.js').ReceivedFromContact} r
 * @param {ReceivedOptions} options
 */
function itemMarkup(r, options) {
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
      return safetyPlanMarkup(r, options);
    case 'invoice':
      // Kept as it was issued: the amounts are the sender's printed text, never recomputed.
      return html`<li data-received-invoice><h4>${item.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${item.number}${item.status === 'void' ? ' (void)' : ''}</h4>${origin(r)}
        <p data-invoice-days>From ${item.from} · issued ${formatDay(item.issued_on)}${item.due_on ? html` · due ${formatDay(item.due_on)}` : ''}</p>
        <ul>${item.lines.map((l) => html`<li>${l.description} · ${l.amount}</li>`)}</ul>
        <p data-invoice-amounts>${invoiceAmounts(item)}, as issued</p></li>`;
    default:
      return '';
  }
}

/**
 * The "From my mentor" section for items from `list_received_items`, newest first. A safety plan
 * shows its sections; one from the person's mentor that waits offers "Accept as my new safety
 * plan" and "Decline", and `options.outcome` says what the last choice did.
 * @param {import('../api.js').ReceivedFromContact[]} items
 * @param {ReceivedOptions} [options]
 */
export function receivedFromMentor(items, options = {}) {
  const shown = SECTIONS.map(([kind, title]) => /** @type {const} */ ([title, items.filter((r) => r.item?.type === kind)]))
    .filter(([, list]) => list.length > 0);
  return html`<h2>From my mentor</h2>
    ${shown.length === 0 ? html`<p class="muted">Nothing shared with you yet. When your mentor sends you a share file, open it above.</p>` : ''}
    ${shown.map(([title, list]) => html`<h3>${title}</h3>
      <ul class="from-mentor-list">${list.map((r) => itemMarkup(r, options))}</ul>`)}`;
}

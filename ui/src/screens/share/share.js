/**
 * <wk-share-screen>: choose what to share with a confirmed contact and save it as one sealed
 * share file (encrypted to them, signed by this vault) that can travel by any channel.
 *
 * A client chooses journal entries, mood check-ins, thought records and self-assessment
 * scores; a mentor chooses a client's action plans (goals with steps), resources, that client's
 * safety plan, and writes homework. A vault kept for both offers both, one side per file.
 */
import * as api from '../../api.js';
import { formatDay } from '../../lib/dates.js';
import { announce, navigate } from '../../lib/events.js';
import { html, render } from '../../lib/html.js';
import { count } from '../../lib/plural.js';
import { pathField, readPath, wirePathField } from '../../lib/path-field.js';

/**
 * A group of checkboxes, one per record.
 * @param {string} name @param {string} legend @param {{id: string, label: string}[]} options
 */
function checklist(name, legend, options) {
  return html`<fieldset class="field" data-group="${name}"><legend>${legend}</legend>
    ${options.length === 0 ? html`<p class="muted">None yet.</p>` : options.map((o) => html`
      <label class="choice"><input type="checkbox" name="${name}" value="${o.id}"> <span>${o.label}</span></label>`)}
  </fieldset>`;
}

export class ShareScreen extends HTMLElement {
  constructor() {
    super();
    /** @type {'from_client'|'from_mentor'} */
    this.side = 'from_client';
    /** @type {string|null} */
    this.purpose = null;
  }

  async connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="share-title">
      <h1 id="share-title">Share with a contact</h1>
      <div data-body><p class="muted">Loading…</p></div>
    </section>`);
    try {
      this.purpose ??= (await api.appStatus()).purpose;
      this.side = this.purpose === 'mentor' ? 'from_mentor' : 'from_client';
      const [card, contacts] = await Promise.all([api.myContactCard(), api.listContacts()]);
      if (!card || contacts.length === 0) {
        this.drawNotReady(Boolean(card));
        return;
      }
      this.contacts = contacts;
      await this.draw();
    } catch (e) {
      render(/** @type {HTMLElement} */ (this.querySelector('[data-body]')), html`<p class="notice notice--error" role="alert">${api.toApiError(e).message}</p>`);
    }
  }

  /** @param {boolean} hasCard */
  drawNotReady(hasCard) {
    render(/** @type {HTMLElement} */ (this.querySelector('[data-body]')), html`<div class="card exchange-card">
      <p>${hasCard ? 'Add the person you want to share with as a contact first.' : 'Set up sharing first, then add the person you want to share with as a contact.'}</p>
      <div class="actions"><button class="button" type="button" data-go-exchange>Open Sharing &amp; contacts</button></div></div>`);
    this.querySelector('[data-go-exchange]')?.addEventListener('click', () => navigate(this, 'exchange'));
  }

  async draw() {
    const body = /** @type {HTMLElement} */ (this.querySelector('[data-body]'));
    const contacts = /** @type {import('../../api.js').ContactView[]} */ (this.contacts ?? []);
    render(body, html`<form class="card exchange-card" data-share novalidate>
      <div class="field"><label for="share-contact">Share with</label>
        <select id="share-contact" name="contact">${contacts.map((c) => html`<option value="${c.id}">${c.display_name}</option>`)}</select></div>
      ${this.purpose === 'both' ? html`<fieldset class="field"><legend>I am sharing as</legend>
        <label class="choice"><input type="radio" name="side" value="from_client" ${this.side === 'from_client' ? html`checked` : ''}> <span>Someone sharing from my journal</span></label>
        <label class="choice"><input type="radio" name="side" value="from_mentor" ${this.side === 'from_mentor' ? html`checked` : ''}> <span>A mentor sharing with a client</span></label>
      </fieldset>` : ''}
      <div data-items></div>
      ${pathField({ id: 'share-path', label: 'Save the share file to', hint: 'A file name ending in .wkshare. The file is encrypted: only your contact can open it.' })}
      <p class="field__error" role="alert" data-share-error></p>
      <p class="notice" role="status" data-share-result></p>
      <div class="actions"><button class="button" type="submit">Save share file…</button></div>
    </form>`);
    const form = /** @type {HTMLFormElement} */ (body.querySelector('[data-share]'));
    wirePathField(this, 'share-path', () => api.chooseSavePath({
      title: 'Save the share file', default_path: 'wellkept-share.wkshare',
      filters: [{ name: 'Wellkept share file', extensions: ['wkshare'] }],
    }));
    for (const radio of form.querySelectorAll('input[name="side"]')) {
      radio.addEventListener('change', (e) => {
        this.side = /** @type {import('../../api.js').BundleKind} */ (/** @type {HTMLInputElement} */ (e.target).value);
        this.drawItems();
      });
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save(form);
    });
    await this.drawItems();
  }

  async drawItems() {
    const box = /** @type {HTMLElement} */ (this.querySelector('[data-items]'));
    if (this.side === 'from_client') {
      const [entries, checkins, records, scores] = await Promise.all([
        api.listJournalEntries({ limit: 50 }), api.listMoodCheckins({ limit: 50 }), api.listThoughtRecords({ limit: 50 }),
        api.listMeasures(null),
      ]);
      render(box, html`
        ${checklist('journal_entries', 'Journal entries', entries.items.map((e) => ({ id: e.id, label: `${formatDay(e.entry_date)} · ${e.title || e.body.slice(0, 60)}` })))}
        ${checklist('mood_checkins', 'Mood check-ins', checkins.items.map((m) => ({ id: m.id, label: `${formatDay(m.day)} · mood ${m.mood} of 10${m.emotions.length ? ` · ${m.emotions.join(', ')}` : ''}` })))}
        ${checklist('thought_records', 'Thought records', records.items.map((t) => ({ id: t.id, label: `${formatDay(t.record_date)} · ${t.situation.slice(0, 60)}` })))}
        ${checklist('scores', 'Self-assessment scores', scores.map((m) => ({ id: m.id, label: `${formatDay(m.administered_on)} · ${m.instrument.toUpperCase()} total ${m.total} (${m.band_label})` })))}`);
      return;
    }
    const clients = await api.listClients({});
    render(box, html`<div class="field"><label for="share-client">For client</label>
        <select id="share-client" name="client">${clients.map((c) => html`<option value="${c.id}">${c.preferred_name ?? c.name}</option>`)}</select></div>
      <div data-client-items></div>
      <fieldset class="field"><legend>Homework (optional)</legend>
        <div class="field"><label for="homework-title">Title</label><input id="homework-title" name="homework_title" type="text"></div>
        <div class="field"><label for="homework-instructions">Instructions</label><textarea id="homework-instructions" name="homework_instructions"></textarea></div>
        <div class="field"><label for="homework-due">Due</label><input id="homework-due" name="homework_due" type="date"></div>
      </fieldset>`);
    const select = /** @type {HTMLSelectElement} */ (box.querySelector('#share-client'));
    const drawClientItems = async () => {
      const target = /** @type {HTMLElement} */ (box.querySelector('[data-client-items]'));
      const clientId = select.value || null;
      const [goals, resources, plan] = await Promise.all([
        clientId ? api.listGoals({ client_id: clientId }) : Promise.resolve([]),
        api.listResources(),
        clientId ? api.currentSafetyPlan(clientId) : Promise.resolve(null),
      ]);
      render(target, html`
        ${checklist('action_plans', 'Action plans', goals.map((g) => ({ id: g.id, label: `${g.title} (${count(g.steps.length, 'step')})` })))}
        ${checklist('resources', 'Resources', resources.map((r) => ({ id: r.id, label: r.title })))}
        <fieldset class="field"><legend>Safety plan</legend>
          ${plan ? html`<label class="choice"><input type="checkbox" name="safety_plan" value="yes"> <span>This client’s current safety plan (version ${plan.version})</span></label>`
            : html`<p class="muted">This client has no safety plan yet.</p>`}
        </fieldset>`);
    };
    select.addEventListener('change', drawClientItems);
    await drawClientItems();
  }

  /** @param {HTMLFormElement} form */
  async save(form) {
    const error = /** @type {HTMLElement} */ (form.querySelector('[data-share-error]'));
    error.textContent = '';
    /** @type {HTMLElement} */ (form.querySelector('[data-share-result]')).textContent = '';
    const data = new FormData(form);
    const path = readPath(this, 'share-path');
    if (!path) {
      error.textContent = 'Choose where to save the share file, or type its full path.';
      return;
    }
    const all = (/** @type {string} */ name) => data.getAll(name).map(String);
    /** @type {Parameters<typeof api.saveShare>[1]} */
    const selection = { kind: this.side };
    if (this.side === 'from_client') {
      Object.assign(selection, { journal_entries: all('journal_entries'), mood_checkins: all('mood_checkins'), thought_records: all('thought_records'), scores: all('scores') });
    } else {
      const title = String(data.get('homework_title') ?? '').trim();
      const instructions = String(data.get('homework_instructions') ?? '').trim();
      Object.assign(selection, {
        action_plans: all('action_plans'),
        resources: all('resources'),
        safety_plan_of_client: data.get('safety_plan') ? String(data.get('client')) : null,
        homework: title || instructions ? [{ title, instructions, due: String(data.get('homework_due') ?? '') || null }] : [],
      });
    }
    try {
      const saved = await api.saveShare(String(data.get('contact')), selection, path);
      const result = /** @type {HTMLElement} */ (form.querySelector('[data-share-result]'));
      result.textContent = `Saved ${saved.items} ${saved.items === 1 ? 'item' : 'items'} to ${saved.path}.`;
      announce(this, `Saved ${saved.items} ${saved.items === 1 ? 'item' : 'items'} to ${saved.path}. Send this file to your contact any way you like.`);
    } catch (e) {
      error.textContent = api.toApiError(e).message;
    }
  }
}

export const shareScreen = {
  id: 'share', title: 'Share with a contact', section: /** @type {const} */ ('app'), order: 3,
  tag: 'wk-share-screen', element: ShareScreen,
};

/**
 * <wk-gratitude-screen>: "three good things": up to three things that went well today and why
 * each mattered. Noticing them, day after day, is a well-studied lift to mood.
 */
import * as api from '../../api.js';
import { formatDay, today } from '../../lib/dates.js';
import { html, render } from '../../lib/html.js';
import { defineSection } from '../../components/record-section/record-section.js';

/** How many good things the form offers. */
const ROWS = 3;

/**
 * The good things the form holds, in order, empty rows left out.
 * @param {Record<string, string|number|null>} v
 */
function itemsOf(v) {
  /** @type {import('../../api.js').GratitudeEntry['items']} */
  const items = [];
  for (let i = 1; i <= ROWS; i += 1) {
    const thing = v[`thing${i}`];
    if (thing) items.push({ thing: String(thing), why: String(v[`why${i}`] ?? '') });
  }
  return items;
}

export class GratitudeScreen extends HTMLElement {
  connectedCallback() {
    render(this, html`<section class="screen" aria-labelledby="gratitude-title"><h1 id="gratitude-title">Three good things</h1>
      <p class="screen__lead">Think of up to three things that went well today, however small, and why they happened or mattered.</p>
      <div data-section></div></section>`);
    const fields = [];
    for (let i = 1; i <= ROWS; i += 1) {
      fields.push({ name: `thing${i}`, label: `Good thing ${i}`, required: i === 1 });
      fields.push({ name: `why${i}`, label: `Why it went well or mattered (${i})` });
    }
    const section = document.createElement('wk-record-section');
    section.config = defineSection({
      id: 'gratitude', title: 'Entries', addLabel: 'Save today’s good things', empty: 'Your good things will appear here.',
      fields,
      load: async () => (await api.listGratitudeEntries({ limit: 30 })).items,
      item: (e) => html`<strong>${formatDay(e.entry_date)}</strong>
        <ul>${e.items.map((it) => html`<li>${it.thing}${it.why ? html` <span class="muted">— ${it.why}</span>` : ''}</li>`)}</ul>`,
      save: (v) => api.addGratitudeEntry({ entry_date: today(), items: itemsOf(v) }),
      name: (e) => `Gratitude entry of ${formatDay(e.entry_date)}`,
      edit: {
        values: (e) => Object.fromEntries(e.items.flatMap((it, i) => [[`thing${i + 1}`, it.thing], [`why${i + 1}`, it.why]])),
        save: (e, v) => api.updateGratitudeEntry(e.id, { entry_date: e.entry_date, items: itemsOf(v) }),
      },
      trash: { kind: 'gratitude', id: (e) => e.id, what: 'Gratitude entry' },
    });
    /** @type {HTMLElement} */ (this.querySelector('[data-section]')).append(section);
    /** @type {HTMLDetailsElement|null} */ (section.querySelector('details'))?.setAttribute('open', '');
  }
}

export const gratitudeScreen = {
  id: 'gratitude', title: 'Three good things', section: /** @type {const} */ ('journal'), order: 1, purpose: /** @type {const} */ ('journal'),
  tag: 'wk-gratitude-screen', element: GratitudeScreen,
};

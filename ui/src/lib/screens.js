/**
 * The screen registry: every screen is one folder under `src/screens/` that exports a
 * definition, and `src/screens/index.js` registers them all in one place at start-up.
 *
 * Usage (in a screen folder):
 *   export const dashboardScreen = {
 *     id: 'dashboard', title: 'Dashboard', section: 'overview', order: 0,
 *     tag: 'wk-dashboard-screen', element: DashboardScreen,
 *   };
 * and in `src/screens/index.js`: registerScreen(dashboardScreen);
 *
 * `section` groups the sidebar; `purpose` ('mentor' | 'journal') hides a screen from a vault
 * that does not hold that kind of record; `nav: false` keeps a screen out of the sidebar
 * (reached from another screen, e.g. a client's detail page).
 */

/**
 * @typedef {object} ScreenDefinition
 * @property {string} id
 * @property {string} title
 * @property {string} tag          custom element name
 * @property {CustomElementConstructor} element
 * @property {'overview'|'practice'|'journal'|'tools'|'app'} section
 * @property {number} order
 * @property {'mentor'|'journal'} [purpose]
 * @property {boolean} [nav]
 */

export const SECTIONS = Object.freeze([
  { id: 'overview', title: 'Overview' },
  { id: 'practice', title: 'Practice' },
  { id: 'journal', title: 'Journal' },
  { id: 'tools', title: 'Calm tools' },
  { id: 'app', title: 'App' },
]);

/** @type {Map<string, ScreenDefinition>} */
const screens = new Map();

/**
 * Registers a screen and its custom element.
 * @param {ScreenDefinition} definition
 */
export function registerScreen(definition) {
  if (screens.has(definition.id)) throw new Error(`screen ${definition.id} registered twice`);
  screens.set(definition.id, Object.freeze({ nav: true, ...definition }));
  if (globalThis.customElements && !customElements.get(definition.tag)) {
    customElements.define(definition.tag, definition.element);
  }
}

/** @param {string} id */
export function getScreen(id) {
  return screens.get(id);
}

/**
 * Sidebar entries for a vault's purpose, grouped by section in order.
 * @param {'mentor'|'journal'|'both'|null} purpose
 * @returns {{section: {id: string, title: string}, screens: ScreenDefinition[]}[]}
 */
export function navigation(purpose) {
  const visible = [...screens.values()].filter(
    (s) => s.nav && (!s.purpose || purpose === 'both' || s.purpose === purpose),
  );
  return SECTIONS.map((section) => ({
    section,
    screens: visible.filter((s) => s.section === section.id).sort((a, b) => a.order - b.order),
  })).filter((group) => group.screens.length > 0);
}

/** For tests: forget every registration. */
export function clearScreens() {
  screens.clear();
}

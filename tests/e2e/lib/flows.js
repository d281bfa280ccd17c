/**
 * Steps several end-to-end tests share, written the way a person would do them.
 */
import assert from 'node:assert/strict';
import { startApp } from './app.js';
import { sleep } from './webdriver.js';

export const PASSPHRASE = 'calm river orange lantern 42';

/**
 * Starts the app and waits for the unlocked dashboard: the session a test file's `before` opens.
 * `start` is how (by default the shared vault's app; an oracle file passes
 * `() => startSeededApp({...})`).
 * @param {() => Promise<import('./webdriver.js').Session>} [start]
 */
export async function startAtDashboard(start = startApp) {
  const s = await start();
  await waitForDashboard(s);
  return s;
}

/**
 * Opens a screen from the sidebar as a person would: brings its link into view (the sidebar
 * scrolls on its own), clicks it, and waits until it is the current page.
 * @param {import('./webdriver.js').Session} s
 * @param {string} id  the screen's id (ui/src/screens/index.js)
 */
export async function openScreen(s, id) {
  const css = `nav a[data-screen="${id}"]`;
  const link = await s.waitFor(css);
  await s.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', [css]);
  await link.click();
  await s.waitFor(`${css}[aria-current="page"]`);
}

/**
 * Waits until a script run in the page returns true.
 * @param {import('./webdriver.js').Session} s
 * @param {string} script  a function body returning a boolean
 * @param {string} what  said when it times out
 */
export async function waitUntil(s, script, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  while (!(await s.execute(script))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting until ${what}`);
    await sleep(100);
  }
}

/**
 * Replaces the text of a field, as a person selecting it all and typing would.
 * @param {import('./webdriver.js').Session} s
 * @param {string} css
 * @param {string} value
 */
export async function replaceText(s, css, value) {
  const input = await s.waitFor(css);
  await input.clear();
  await input.type(value);
}

/**
 * Sets the <select> `css` to its option reading exactly `text`, as a person choosing it would
 * (the value, then `input` and `change`). Waits for the option first: lists fill after a load.
 * @param {import('./webdriver.js').Session} s
 * @param {string} css
 * @param {string} text
 */
export async function chooseOption(s, css, text) {
  await waitUntil(s, `return [...(document.querySelector(${JSON.stringify(css)})?.options ?? [])].some((o) => o.textContent === ${JSON.stringify(text)})`, `an option “${text}” in ${css}`);
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = [...el.options].find((o) => o.textContent === arguments[1]).value; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, text],
  );
}

/**
 * Waits for the unlocked dashboard.
 * @param {import('./webdriver.js').Session} s
 * @param {number} [timeout]
 */
export async function waitForDashboard(s, timeout = 30000) {
  // Painted first, then its panels drawn from the vault (screens/dashboard): wait for both, so a
  // test reads what a person sees once the dashboard has settled.
  await s.waitFor('wk-dashboard-screen section[data-painted-at][data-panels-filled]', { timeout });
}

/**
 * Locks with the header button and checks nothing from the vault is left in the page.
 * @param {import('./webdriver.js').Session} s
 */
export async function lockFromHeader(s) {
  const lock = await s.waitFor('button[data-lock]');
  await lock.click();
  await s.waitFor('h1', { text: 'Unlock your vault' });
  const leftovers = await s.execute(
    "return [document.querySelectorAll('wk-frame').length, document.querySelectorAll('wk-crisis-dialog dialog *').length, document.querySelector('main#main') !== null]",
  );
  assert.deepEqual(leftovers, [0, 0, false], 'locking removes the frame and every screen from the page');
}

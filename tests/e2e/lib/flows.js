/**
 * Steps several end-to-end tests share, written the way a person would do them.
 */
import assert from 'node:assert/strict';

export const PASSPHRASE = 'calm river orange lantern 42';

/**
 * Waits for the unlocked dashboard.
 * @param {import('./webdriver.js').Session} s
 * @param {number} [timeout]
 */
export async function waitForDashboard(s, timeout = 30000) {
  await s.waitFor('wk-dashboard-screen section[data-painted-at]', { timeout });
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

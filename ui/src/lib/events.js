/**
 * Events screens use to talk to the frame without importing it.
 *
 * Usage:
 *   navigate(this, 'client', { id });        // open another screen
 *   announce(this, 'Note saved.');           // polite screen-reader + visible status
 *   announce(this, 'Could not save.', 'error');
 */

/**
 * @param {Element} from
 * @param {string} screen
 * @param {Record<string, unknown>} [params]
 */
export function navigate(from, screen, params = {}) {
  from.dispatchEvent(new CustomEvent('wk-navigate', { bubbles: true, detail: { screen, params } }));
}

/**
 * @param {Element} from
 * @param {string} message
 * @param {'info'|'error'} [tone]
 */
export function announce(from, message, tone = 'info') {
  from.dispatchEvent(new CustomEvent('wk-announce', { bubbles: true, detail: { message, tone } }));
}

/**
 * Keyboard shortcuts that work on every screen.
 *
 * Usage:
 *   const keys = createShortcutMatcher();
 *   window.addEventListener('keydown', (e) => { const action = keys.match(e, performance.now()); ... });
 *
 * Actions: 'search' (Ctrl/Cmd+K), 'quick-hide' (Ctrl/Cmd+Shift+H, or Escape twice within
 * 600 ms), 'crisis' (Ctrl/Cmd+Shift+S: the crisis lines and safety plan), 'lock' (Ctrl/Cmd+L).
 */

export const DOUBLE_ESCAPE_MS = 600;

/** Human-readable shortcut list for the help text and aria-keyshortcuts. */
export const SHORTCUTS = Object.freeze({
  search: 'Control+K',
  'quick-hide': 'Control+Shift+H',
  crisis: 'Control+Shift+S',
  lock: 'Control+L',
});

/**
 * @returns {{match: (event: {key: string, ctrlKey?: boolean, metaKey?: boolean, shiftKey?: boolean, altKey?: boolean}, now: number) => string|null}}
 */
export function createShortcutMatcher() {
  let lastEscape = -Infinity;
  return {
    match(event, now) {
      const mod = Boolean(event.ctrlKey || event.metaKey);
      const key = String(event.key || '').toLowerCase();
      if (key === 'escape' && !mod && !event.shiftKey && !event.altKey) {
        const double = now - lastEscape <= DOUBLE_ESCAPE_MS;
        lastEscape = double ? -Infinity : now;
        return double ? 'quick-hide' : null;
      }
      if (!mod || event.altKey) return null;
      if (event.shiftKey && key === 'h') return 'quick-hide';
      if (event.shiftKey && key === 's') return 'crisis';
      if (!event.shiftKey && key === 'k') return 'search';
      if (!event.shiftKey && key === 'l') return 'lock';
      return null;
    },
  };
}

/**
 * Calls `fn` at most once per `intervalMs` (used to report activity for auto-lock without
 * an IPC call on every key press).
 * @param {(...args: unknown[]) => void} fn
 * @param {number} intervalMs
 * @param {() => number} [clock]
 */
export function throttle(fn, intervalMs, clock = () => Date.now()) {
  let last = -Infinity;
  return (/** @type {unknown[]} */ ...args) => {
    const now = clock();
    if (now - last >= intervalMs) {
      last = now;
      fn(...args);
    }
  };
}

/**
 * Applies the colour theme: 'system' follows prefers-color-scheme, 'light' and 'dark' force it.
 *
 * Usage: applyTheme('dark'); nextTheme('system') // -> 'light'
 */

/** @param {'system'|'light'|'dark'|string} theme */
export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/**
 * The theme the toggle button moves to: system -> light -> dark -> system.
 * @param {import('../api.js').Settings['theme']} theme
 * @returns {import('../api.js').Settings['theme']}
 */
export function nextTheme(theme) {
  return theme === 'system' ? 'light' : theme === 'light' ? 'dark' : 'system';
}

/** What the toggle says for each theme. */
export const THEME_NAMES = Object.freeze({ system: 'System theme', light: 'Light theme', dark: 'Dark theme' });

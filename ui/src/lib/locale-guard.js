/**
 * Makes `navigator.language` a valid BCP 47 tag before anything formats numbers or dates.
 *
 * WebKitGTK takes the page's language from the process locale; under `LANG=C` (servers, CI,
 * minimal desktops) that is "C", which `Intl` rejects with a RangeError, and libraries that
 * format with `navigator.language` (uPlot does, at load) fail to start. This must be the first
 * import in main.js so it runs before them.
 */

/** @param {string} tag */
export function isValidLocale(tag) {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

if (globalThis.navigator && !isValidLocale(navigator.language)) {
  Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'en-GB' });
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['en-GB'] });
}

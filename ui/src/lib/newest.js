/**
 * Only the newest of overlapping loads may fill a view. A screen that loads on every key press
 * or step (the calendar's "]", the client filter, the search's "Show") can have two requests in
 * flight; if the older one answers last, its rows would land under the newer heading: the week
 * of 2 November listing the sessions of 26 October (CI, session 14's stop 28).
 *
 * Usage:
 *   this.loads = newestOnly();
 *   async load() {
 *     const mine = this.loads();
 *     const rows = await api.listOccurrences(from, to);
 *     if (!mine()) return; // a later load has started: it fills the view
 *     render(box, …rows…);
 *   }
 *
 * @returns {() => () => boolean} start a load; the function it returns says whether that load
 *   is still the newest
 */
export function newestOnly() {
  let started = 0;
  return () => {
    const mine = ++started;
    return () => mine === started;
  };
}

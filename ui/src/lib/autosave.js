/**
 * Saves what a person types without losing keystrokes or piling up requests: each change
 * schedules a save after a short pause; while a save is in flight, only the newest content
 * waits for the next one. Status changes are reported so the screen can say "Saving…/Saved".
 *
 * Usage:
 *   const saver = createAutosave(async (content) => api.saveNoteDraft(id, content), { delayMs: 300, onStatus });
 *   input.addEventListener('input', () => saver.change(currentContent()));
 *   await saver.flush();   // before leaving the screen
 */

/**
 * @template T
 * @param {(content: T) => Promise<unknown>} save
 * @param {{delayMs?: number, onStatus?: (status: 'pending'|'saving'|'saved'|'error', error?: unknown) => void, setTimer?: typeof setTimeout, clearTimer?: typeof clearTimeout}} [options]
 */
export function createAutosave(save, options = {}) {
  const delayMs = options.delayMs ?? 300;
  const onStatus = options.onStatus ?? (() => {});
  const setTimer = options.setTimer ?? setTimeout;
  const clearTimer = options.clearTimer ?? clearTimeout;
  /** @type {{content: T}|null} */
  let pending = null;
  /** @type {Promise<void>|null} */
  let inFlight = null;
  /** @type {ReturnType<typeof setTimeout>|null} */
  let timer = null;

  async function run() {
    timer = null;
    if (inFlight || !pending) return;
    const { content } = pending;
    pending = null;
    onStatus('saving');
    /** @type {{content: T}|null} */
    let kept = null;
    inFlight = save(content).then(
      () => { if (!pending) onStatus('saved'); },
      (error) => {
        // Keep the unsaved content so the next change (or flush) tries again.
        if (!pending) pending = kept = { content };
        onStatus('error', error);
      },
    ).finally(() => { inFlight = null; });
    await inFlight;
    // Content that changed during the save goes next. Content that just failed waits for the
    // next change or flush: retrying on a timer would repeat a refusal that does not pass
    // (a vault opened read-only, a locked one) forever, and save it later, unseen, once the
    // vault opens for writing again.
    if (pending && pending !== kept && !timer) timer = setTimer(run, delayMs);
  }

  return {
    /** @param {T} content */
    change(content) {
      pending = { content };
      onStatus('pending');
      if (timer) clearTimer(timer);
      timer = setTimer(run, delayMs);
    },
    /** Saves anything still waiting, now. */
    async flush() {
      if (timer) { clearTimer(timer); timer = null; }
      if (inFlight) await inFlight;
      if (pending) await run();
    },
    /** Whether something typed is not yet saved. */
    get dirty() { return pending !== null || inFlight !== null; },
  };
}

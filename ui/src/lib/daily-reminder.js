/**
 * How the window speaks about the daily check-in reminder (the CLI's `wellkept reminder` says
 * the same, cli/src/reminder.rs).
 *
 * Usage: describeDailyReminder({ enabled: true, time: '20:30', what: 'mood' })
 *        // "Every day at 20:30, while today's mood check-in is missing."
 */

/**
 * The choices of what to be reminded about, with their labels.
 * @type {[import('../api.js').DailyReminder['what'], string][]}
 */
export const CHECK_IN_KINDS = [['journal', 'My journal entry'], ['mood', 'My mood check-in'], ['both', 'Both']];

/**
 * What the daily reminder does, in words: "Every day at 20:30, while today's journal entry or
 * mood check-in is missing." or "Off."
 * @param {import('../api.js').DailyReminder} r
 */
export function describeDailyReminder(r) {
  if (!r.enabled) return 'Off.';
  const what = r.what === 'journal' ? "today's journal entry is" : r.what === 'mood' ? "today's mood check-in is"
    : "today's journal entry or mood check-in is";
  return `Every day at ${r.time}, while ${what} missing.`;
}

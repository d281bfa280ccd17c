/**
 * Where a search hit opens in the window: its own screen (with the record's id where the screen
 * can show one record), else its client's overview, else the owner's screen for that kind.
 * Pure, so it is tested in node (ui/tests/search-open.test.js).
 */

/**
 * Each kind's screen, for the kinds that have one.
 * @type {Record<string, (hit: import('../api.js').SearchHit) => [string, Record<string, unknown>]>}
 */
const OPEN = {
  session_note: (h) => ['note', { id: h.id, clientId: h.client_id }],
  journal_entry: (h) => ['journal', { id: h.id }],
  thought_record: () => ['thought-record', {}],
  activation: () => ['activation', {}],
  coping_strategy: () => ['coping', {}],
  resource: () => ['referrals', {}],
  // The referrals screen marks this referral in its list and picks it in "Update a referral".
  referral: (h) => ['referrals', { id: h.id }],
  supervision_note: () => ['my-record', {}],
  mood_checkin: () => ['journal', {}],
  invoice: () => ['billing', {}],
};

/**
 * The screen and its parameters a hit opens, or null when there is nowhere to go.
 * @param {import('../api.js').SearchHit} hit
 * @returns {[string, Record<string, unknown>] | null}
 */
export function whereHitOpens(hit) {
  const open = OPEN[hit.kind];
  if (open) return open(hit);
  if (hit.client_id) return ['client', { id: hit.client_id }];
  if (hit.kind === 'goal') return ['my-goals', {}];
  if (hit.kind === 'safety_plan') return ['safety-plan', {}];
  return null;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whereHitOpens } from '../src/lib/search-open.js';

/**
 * A search hit as the core sends it.
 * @param {string} kind @param {string|null} clientId
 * @returns {import('../src/api.js').SearchHit}
 */
const hit = (kind, clientId) => ({
  kind, label: kind, id: 'r1', title: '', snippet: [], date: null, client_id: clientId, rank: -1,
});

test('a referral hit opens the referrals screen on that referral, not the client overview', () => {
  assert.deepEqual(whereHitOpens(hit('referral', 'c1')), ['referrals', { id: 'r1' }]);
  assert.deepEqual(whereHitOpens(hit('referral', null)), ['referrals', { id: 'r1' }]);
});

test('other hits open as before: their screen, else their client, else the owner\'s screen', () => {
  assert.deepEqual(whereHitOpens(hit('session_note', 'c1')), ['note', { id: 'r1', clientId: 'c1' }]);
  assert.deepEqual(whereHitOpens(hit('journal_entry', null)), ['journal', { id: 'r1' }]);
  assert.deepEqual(whereHitOpens(hit('invoice', 'c1')), ['billing', {}]);
  assert.deepEqual(whereHitOpens(hit('goal', 'c1')), ['client', { id: 'c1' }]);
  assert.deepEqual(whereHitOpens(hit('goal', null)), ['my-goals', {}]);
  assert.deepEqual(whereHitOpens(hit('safety_plan', null)), ['safety-plan', {}]);
  assert.equal(whereHitOpens(hit('risk_flag', null)), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmationMatches, historyDetail, readOnlyReason } from '../src/lib/rollback.js';

const TWO_MISSING = { missing: 2, last_seen: '2026-04-02 08:30 UTC', confirmation: 'accept losing 2 changes', seen_seq: 5, held_seq: 3 };

test('the confirmation matches ignoring surrounding spaces and ASCII case, as the core compares it', () => {
  assert.equal(confirmationMatches('accept losing 2 changes', 'accept losing 2 changes'), true);
  assert.equal(confirmationMatches('  Accept Losing 2 CHANGES \n', 'accept losing 2 changes'), true);
  assert.equal(confirmationMatches('accept losing 3 changes', 'accept losing 2 changes'), false);
  assert.equal(confirmationMatches('accept losing 2 change', 'accept losing 2 changes'), false);
  assert.equal(confirmationMatches('accept  losing 2 changes', 'accept losing 2 changes'), false, 'inner spaces count');
  assert.equal(confirmationMatches('', 'accept losing 2 changes'), false);
});

test('the read-only banner says what is missing, in the right number, and what to do next', () => {
  assert.equal(readOnlyReason(TWO_MISSING),
    'Read-only: nothing you change here is saved. It is missing 2 saved changes that this computer saw (the newest from 2026-04-02 08:30 UTC). To keep working, lock it and unlock again, then restore a backup or accept the loss.');
  assert.match(readOnlyReason({ ...TWO_MISSING, missing: 1 }), /missing 1 saved change that/);
  assert.equal(readOnlyReason(null),
    'Read-only: nothing you change here is saved. To keep working, lock it and unlock again, then restore a backup or accept the loss.');
});

test('the change numbers are given when the folder ends early, not when the newest change was replaced', () => {
  assert.equal(historyDetail(TWO_MISSING), 'This computer saw the vault reach change 5; the vault folder now ends at change 3.');
  assert.equal(historyDetail({ ...TWO_MISSING, missing: 1, held_seq: 5 }), null);
});

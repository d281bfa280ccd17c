// Settings → Computers: what a person reads about a computer whose entry in the vault folder is
// damaged, or lost its name with a damaged one (docs/decisions.md 76). Read on a London
// computer (each test file runs in its own process, so this pins only this file's zone).
process.env.TZ = 'Europe/London';

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceLines } from '../src/lib/devices.js';

/** Every field DeviceInfo has in Rust (src/sync/devices.rs), so the fixtures are real shapes. */
const whole = {
  id: '3f9a1c2e000000000000000000000001', short_id: '3f9a1c2e', name: 'Office desktop',
  first_seen: /** @type {string|null} */ ('2026-03-28T19:05:00Z'), last_seen: '2026-04-02T08:30:00Z',
  entry: /** @type {import('../src/api.js').DeviceInfo['entry']} */ ('whole'), this_computer: false, home: true,
};

test('a whole entry shows when its computer first and last opened the vault, and its name to edit', () => {
  assert.deepEqual(deviceLines(whole), {
    seen: 'First opened Sat, 28 Mar 2026, 19:05 · last opened Thu, 2 Apr 2026, 09:30 · id 3f9a1c2e',
    note: '',
    editableName: 'Office desktop',
  });
});

test('another computer\'s damaged entry shows no first-opened time, its file\'s time for what it is, and what mends it', () => {
  // As the core lists it: the description in place of a name, no first-opened time, the
  // file's modification time as its last.
  const damaged = { ...whole, name: 'a computer whose entry is damaged', first_seen: null, entry: /** @type {const} */ ('damaged') };
  assert.deepEqual(deviceLines(damaged), {
    seen: 'Entry last changed Thu, 2 Apr 2026, 09:30 · id 3f9a1c2e',
    note: 'Its entry in the vault folder is damaged, so its name and when it first opened the vault are not known (the entry holds nothing else). That computer sets it aside and writes a fresh one when it next opens the vault.',
    editableName: '',
  });
});

test('this computer\'s damaged entry (a read-only open) says it is written afresh at the next open for writing', () => {
  const damaged = {
    ...whole, name: 'this computer, whose entry is damaged (set aside and written afresh the next time it opens the vault for writing)',
    first_seen: null, entry: /** @type {const} */ ('damaged'), this_computer: true,
  };
  assert.deepEqual(deviceLines(damaged), {
    seen: 'Entry last changed Thu, 2 Apr 2026, 09:30 · id 3f9a1c2e',
    note: 'Its entry in the vault folder is damaged, so its name and when it first opened the vault are not known (the entry holds nothing else). This computer sets it aside and writes a fresh one when it next opens the vault for writing.',
    editableName: '',
  });
});

test('a name lost with a damaged entry is not put in the rename box, and no first-opened time is shown', () => {
  const mine = {
    ...whole, name: 'this computer, whose name was lost with its damaged entry (rename it)', first_seen: null,
    entry: /** @type {const} */ ('name_lost'), this_computer: true,
  };
  assert.deepEqual(deviceLines(mine), {
    seen: 'Last opened Thu, 2 Apr 2026, 09:30 · id 3f9a1c2e',
    note: 'Its name and when it first opened the vault were lost with its damaged entry. Give it a name below.',
    editableName: '',
  });
  const other = { ...mine, name: 'a computer whose name was lost with its damaged entry', this_computer: false };
  assert.deepEqual(deviceLines(other), {
    seen: 'Last opened Thu, 2 Apr 2026, 09:30 · id 3f9a1c2e',
    note: 'Its name and when it first opened the vault were lost with its damaged entry. It can be named again on that computer.',
    editableName: '',
  });
});

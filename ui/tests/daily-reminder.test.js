import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_IN_KINDS, describeDailyReminder } from '../src/lib/daily-reminder.js';

test('the daily reminder is said in words: off, or when and while what is missing', () => {
  assert.equal(describeDailyReminder({ enabled: false, time: '20:00', what: 'both' }), 'Off.');
  assert.equal(describeDailyReminder({ enabled: true, time: '07:05', what: 'journal' }),
    "Every day at 07:05, while today's journal entry is missing.");
  assert.equal(describeDailyReminder({ enabled: true, time: '21:30', what: 'mood' }),
    "Every day at 21:30, while today's mood check-in is missing.");
  assert.equal(describeDailyReminder({ enabled: true, time: '09:30', what: 'both' }),
    "Every day at 09:30, while today's journal entry or mood check-in is missing.");
});

test('every kind of check-in has a label, in the order the settings screen lists them', () => {
  assert.deepEqual(CHECK_IN_KINDS.map(([value]) => value), ['journal', 'mood', 'both']);
});

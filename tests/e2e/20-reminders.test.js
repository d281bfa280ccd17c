// Reminders that arrive (issue 11, deliverable 7): the real app sends desktop notifications to a
// real notification daemon (dunst, on the run's private D-Bus session bus; scripts/e2e.sh), and
// this test reads what arrived from dunst's history (`dunstctl history`, JSON).
//
// Seeded (cli/src/bin/e2e_seed.rs --scenario reminders), the clock pinned to Thursday 2 April
// 2026 09:29:50 in London (BST), running forward from there: Sam Patel's video session at 09:45
// with a reminder 15 minutes before (09:30:00, ten seconds after start), Jo's (Jordan Rivers)
// at 10:30 with a reminder at 10:00 (not due while the test runs: it must not arrive), and the
// daily check-in reminder on at 09:30 for the journal and mood (today's mood check-in is in the
// fixture, today's journal entry is not). Two action steps of the fixture are overdue. The reminder loop looks
// every 2 seconds here (WELLKEPT_TEST_REMINDER_SECONDS) instead of every minute.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { lastNotificationId, notificationsSince } from './lib/notifications.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
/** The last notification that arrived before this app started (earlier files' apps send some). */
let before_id = 0;

const PERIOD_SECONDS = 2;

before(async () => {
  before_id = lastNotificationId();
  s = await startAtDashboard(() => startSeededApp({
    now: '2026-04-02T08:29:50Z',
    scenario: 'reminders',
    env: { WELLKEPT_TEST_REMINDER_SECONDS: String(PERIOD_SECONDS) },
  }));
});
after(() => s?.end());

/** What arrived from this app, as [summary, body], in a stable order. */
function arrived() {
  return notificationsSince(before_id).map((n) => [n.summary, n.body]).sort((a, b) => a[0].localeCompare(b[0]));
}

const EXPECTED = [
  ['Session coming up', 'You have a session at 09:45.'],
  ['Steps overdue', '2 action steps are past due. Open Wellkept to review them.'],
  ['Time for your daily check-in', "Write today's journal entry in Wellkept."],
];

/** Every client name in the seeded vault, and what the session's notes say. */
const PRIVATE = ['Jordan Rivers', 'Jo', 'Sam Patel', 'Sam', 'Alex Morgan', 'Casey Byrne', 'allotment', 'sleep diary'];

test('the session reminder and the daily check-in reminder arrive, once each, naming no one', async (t) => {
  const deadline = Date.now() + 60000;
  while (arrived().length < EXPECTED.length && Date.now() < deadline) await sleep(500);
  assert.deepEqual(arrived(), EXPECTED);

  // Three more ticks of the loop: nothing is shown a second time.
  await sleep(3 * PERIOD_SECONDS * 1000 + 500);
  const all = notificationsSince(before_id);
  t.diagnostic(`arrived: ${JSON.stringify(all)}`);
  assert.deepEqual(arrived(), EXPECTED);

  for (const n of all) {
    const shown = `${n.appname}\n${n.summary}\n${n.body}`;
    for (const word of PRIVATE) assert.doesNotMatch(shown, new RegExp(`\\b${word}\\b`, 'i'), `"${word}" in a notification`);
  }
});

test('settings: the daily reminder as saved, a bad time refused in place, a new one kept', async () => {
  await openScreen(s, 'settings');
  const status = '[data-daily-reminder] [data-daily-status]';
  await s.waitFor(status, { text: 'Every day' });
  assert.deepEqual(await texts(s, status), ["Every day at 09:30, while today's journal entry or mood check-in is missing."]);
  const form = `const f = document.querySelector('[data-daily-reminder]');
    return { enabled: f.elements.enabled.checked, time: f.elements.time.value, what: f.elements.what.value };`;
  assert.deepEqual(await s.execute(form), { enabled: true, time: '09:30', what: 'both' });
  assert.deepEqual(await texts(s, '[data-daily-reminder] legend, [data-daily-reminder] label'), [
    'Remind me every day', 'At this time', 'Remind me about', 'My journal entry', 'My mood check-in', 'Both',
  ]);

  await replaceText(s, '#daily-time', '25:00');
  await (await s.waitFor('[data-daily-reminder] button[type="submit"]')).click();
  await s.waitFor('#daily-time-error', { text: 'Nothing was saved' });
  assert.deepEqual(await texts(s, '#daily-time-error'), [
    '“25:00” is not a time of day: use hours and minutes on the 24-hour clock, like 20:30. Nothing was saved.',
  ]);
  assert.equal(await s.execute("return document.querySelector('#daily-time').getAttribute('aria-invalid')"), 'true');
  assert.deepEqual(await texts(s, status), ["Every day at 09:30, while today's journal entry or mood check-in is missing."]);
  await screenshot(s, '20-reminders-bad-time');

  await replaceText(s, '#daily-time', '7:05');
  await (await s.waitFor('[data-daily-reminder] input[name="what"][value="mood"]')).click();
  await (await s.waitFor('[data-daily-reminder] button[type="submit"]')).click();
  await s.waitFor(status, { text: '07:05' });
  assert.deepEqual(await texts(s, status), ["Every day at 07:05, while today's mood check-in is missing."]);
  assert.deepEqual(await texts(s, '#daily-time-error'), ['']);

  // Kept in the vault: the screen shows it again after leaving it.
  await openScreen(s, 'dashboard');
  await openScreen(s, 'settings');
  await s.waitFor(status, { text: '07:05' });
  assert.deepEqual(await s.execute(form), { enabled: true, time: '07:05', what: 'mood' });
  assert.deepEqual(await axeViolations(s), []);

  // Turned off.
  await (await s.waitFor('#daily-enabled')).click();
  await (await s.waitFor('[data-daily-reminder] button[type="submit"]')).click();
  await waitUntil(s, `return document.querySelector('${status}').textContent === 'Off.'`, 'the reminder reads Off.');
  await screenshot(s, '20-reminders-settings');
});

// Oracle tests: a vault of known data (cli/src/bin/e2e_seed.rs: a mentor's week around the clocks
// going forward), the clock pinned to Thursday 2 April 2026 09:30 in London, and the exact
// text, dates and chart points each screen must show for it. Independent of the other files: the seeded
// vault lives in a folder of its own (see lib/oracle.js).
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, startAtDashboard } from './lib/flows.js';
import { chart, startSeededApp, steps, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp());
});
after(() => s?.end());

/** The wording of the PHQ-9 item-9 flag the core writes for the answer "Several days". */
const PHQ9_ITEM9_SEVERAL_DAYS =
  'PHQ-9 item 9 (thoughts that you would be better off dead or of hurting yourself in some way) was answered ' +
  '“Several days”. Check in about safety and review the safety plan.';

/** The daily mood averages of the 30 days up to 2 April (3 March is outside them). */
const MOOD_ROWS = [
  ['2026-03-28', '4'], // 23:30 GMT, the last evening before the clocks went forward
  ['2026-03-29', '6'], // 23:30 BST = 22:30 UTC: still the 29th where the user is
  ['2026-03-31', '6'], // 5 and 7 on the last day of March
  ['2026-04-01', '8'],
  ['2026-04-02', '7'],
];

test('the window reads the test clock and time zone, and its title says so', async () => {
  const [now, zone, offset] = await s.execute(
    'return [new Date().toISOString().slice(0, 13), Intl.DateTimeFormat().resolvedOptions().timeZone, new Date().getTimezoneOffset()]',
  );
  assert.equal(now, '2026-04-02T08', 'the page clock starts at the pinned instant');
  assert.equal(zone, 'Europe/London');
  assert.equal(offset, -60, 'British Summer Time');
  // The native window title says the clock is pinned (WebDriver only sees the page's title).
  const windows = execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });
  assert.ok(
    windows.includes('"Wellkept — private records and journal — TEST CLOCK from 2026-04-02T08:30:00Z (TZ=Europe/London)"'),
    `no window titled with the test clock among:\n${windows.split('\n').filter((l) => l.includes('Wellkept')).join('\n')}`,
  );
});

// Regression (issue 8): the dashboard's "Open risk flags" said "None open." beside an open
// PHQ-9 item-9 flag, because it read `open_risk_flags` at the top level; the data holds it
// under `clinical`. The same mismatch hid "Measures due".
test('dashboard open risk flags shows the open PHQ-9 item-9 flag (regression: "None open")', async () => {
  await s.waitFor('[data-panel="risk-flags"] li');
  assert.deepEqual(await texts(s, '[data-panel="risk-flags"] li'), [
    `Jo (Jordan Rivers): Medium risk · raised Sun, 29 Mar 2026 · open 4 days · ${PHQ9_ITEM9_SEVERAL_DAYS}`,
    // A client in the trash keeps an open flag in view; Sam's resolved flag is gone.
    'Casey Byrne: Medium risk · raised Tue, 31 Mar 2026 · open 2 days · Lost housing',
  ]);
  assert.equal(await s.execute('return document.querySelector(\'[data-panel="risk-flags"]\').classList.contains("card--alert")'), true);
});

test('dashboard measures due lists the overdue GAD-7 and not the PHQ-9 due in ten days (regression: hidden)', async () => {
  assert.deepEqual(await texts(s, '[data-panel="measures-due"] li'), [
    'Sam Patel: GAD-7, due Sun, 15 Mar 2026, overdue 18 days',
  ]);
});

// Regression (issue 8): referral follow-ups and expiring credentials were computed by the core
// for the dashboard and never shown.
test('dashboard shows referral follow-ups and credentials to renew (regression: never shown)', async () => {
  assert.deepEqual(await texts(s, '[data-panel="referral-follow-ups"] li'), [
    'Jo (Jordan Rivers): Steps2Wellbeing Talking Therapies, follow up Wed, 1 Apr 2026',
  ]);
  assert.deepEqual(await texts(s, '[data-panel="credentials-expiring"] li'), [
    'DBS check (Disclosure and Barring Service): expired Fri, 20 Mar 2026, 13 days ago',
    'Mental Health First Aid (MHFA England): expires Fri, 15 May 2026, 43 days left',
  ]);
});

test('dashboard today: greeting, date, sessions, counts and overdue steps', async () => {
  assert.equal(await (await s.waitFor('#dashboard-title')).text(), 'Good morning');
  assert.deepEqual(await texts(s, '#today-title'), ['Today, Thu, 2 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-panel="today"] li'), ['11:00 · Sam Patel (cancelled)', '14:00 · Jo']);
  // Counts chosen above 1 so the line reads the same before and after the plural fix.
  assert.deepEqual(await texts(s, '[data-panel="today"] p.muted'), ['2 active clients · 2 draft notes · 3 active goals']);
  assert.deepEqual(await texts(s, '[data-panel="overdue-steps"] li'), [
    'Keep a sleep diary (Sleep before midnight, due Mon, 30 Mar 2026)',
    'Ask about a half plot (Back to the allotment, due Tue, 31 Mar 2026)',
  ]);
  await screenshot(s, 'oracle-dashboard');
  assert.deepEqual(await axeViolations(s), [], 'the filled dashboard has no serious or critical accessibility violations');
});

// Regression (issue 8): "Mood, last 30 days" spanned Feb 2027 to Aug 2029. uPlot stretched an
// x-range with one day in it to 86400 / 0.001 s = 1,000 days; the chart now draws its window.
test('dashboard mood chart spans exactly the last 30 days (regression: 2027 to 2029)', async () => {
  const mood = await chart(s, 'wk-dashboard-screen wk-line-chart');
  assert.equal(mood.caption, 'Mood, last 30 days (1–10)');
  assert.equal(mood.from, '2026-03-04T00:00:00.000Z');
  assert.equal(mood.to, '2026-04-03T00:00:00.000Z');
  assert.deepEqual(mood.drawn, [mood.from, mood.to], 'the drawn x-axis is the announced window');
  assert.deepEqual(mood.y, [1, 10]);
  assert.deepEqual(mood.rows, MOOD_ROWS);
  assert.ok(mood.ticks.length >= 2, `ticks: ${mood.ticks}`);
  for (const tick of mood.ticks) assert.match(tick, /^([4-9]|[12]\d|3[01]) Mar$|^[1-3] Apr$/, `tick "${tick}" lies in 4 Mar–3 Apr`);
});

test('journal: recent entries across the month boundary and the mood chart on the same window', async () => {
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent] [data-entry-id]');
  assert.deepEqual(await texts(s, '[data-recent] li'), [
    'April already Wed, 1 Apr 2026 · mood 8/10',
    'Last day of March Tue, 31 Mar 2026 · mood 5/10',
    'The clocks went forward Sun, 29 Mar 2026 · mood 6/10',
  ]);
  const mood = await chart(s, 'wk-journal-screen wk-line-chart');
  assert.equal(mood.caption, 'Mood, last 30 days (daily average, 1–10)');
  assert.deepEqual([mood.from, mood.to], ['2026-03-04T00:00:00.000Z', '2026-04-03T00:00:00.000Z']);
  assert.deepEqual(mood.drawn, [mood.from, mood.to]);
  assert.deepEqual(mood.rows, MOOD_ROWS);
  // Weekly ticks from the window's first day, written the British way (not uPlot's "3/4").
  assert.deepEqual(mood.ticks, ['4 Mar', '11 Mar', '18 Mar', '25 Mar', '1 Apr']);
  await screenshot(s, 'oracle-journal');
});

test('client overview: open flag, notes, latest score and the PHQ-9 chart point by point', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  // By name, the trash left out; the list's own status filter shows every live client.
  assert.deepEqual(await texts(s, '[data-client]'), ['Alex Morgan Paused', 'Jo (Jordan Rivers) Active', 'Sam Patel Active']);
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  assert.deepEqual(await texts(s, '[data-open-flags] [data-flag-text]'), [`Medium risk · raised Sun, 29 Mar 2026 · open 4 days · ${PHQ9_ITEM9_SEVERAL_DAYS}`]);
  assert.deepEqual(await texts(s, '[data-notes] li'), [
    'Thu, 26 Mar 2026 · FREE Draft · 50 min · in person',
    'Thu, 19 Mar 2026 · FREE Finalised · 50 min · in person',
  ]);
  // With the PHQ-9 difficulty answer the fixture recorded (1: "Somewhat difficult"; issue 11).
  assert.deepEqual(await texts(s, '.scores li'), ['PHQ-9 9 · Mild · Somewhat difficult (Sun, 29 Mar 2026)']);
  await s.waitFor('wk-goal-list .goal');
  // Steps in the order they were added; a done step is never overdue.
  assert.deepEqual(await steps(s), [[
    'Sleep before midnight active',
    'Keep a sleep diary | Client · due Mon, 30 Mar 2026 | Overdue | todo',
    'No screens after 23:00 | Client · due Thu, 9 Apr 2026 |  | todo',
    'Buy an alarm clock | Client · due Fri, 27 Mar 2026 |  | done',
  ]]);
  const phq9 = await chart(s, 'wk-client-screen wk-line-chart');
  assert.equal(phq9.caption, 'PHQ-9 total');
  // Dates are drawn at noon UTC; the axis runs from the first measure to the last.
  assert.deepEqual([phq9.from, phq9.to], ['2026-03-01T12:00:00.000Z', '2026-03-29T12:00:00.000Z']);
  assert.deepEqual(phq9.drawn, [phq9.from, phq9.to]);
  assert.deepEqual(phq9.rows, [['2026-03-01', '14'], ['2026-03-29', '9']]);
  await screenshot(s, 'oracle-client');
});

test('appointments: the next four weeks from 09:30 on 2 April, in London time (regression: UTC day of a session after midnight)', async () => {
  await openScreen(s, 'appointments');
  // The calendar (17-calendar.test.js) opens on the week; the four weeks are one click away.
  await (await s.waitFor('[data-view="agenda"]')).click();
  await s.waitFor('[data-period]', { text: 'Four weeks from Thu, 2 Apr 2026' });
  await s.waitFor('[data-calendar] li.record-list__item');
  // Regression (found by these tests): the day was the UTC date of the start, "Thu, 9 Apr".
  assert.deepEqual(await texts(s, '[data-calendar] h3'), ['Thu, 2 Apr 2026', 'Fri, 3 Apr 2026', 'Fri, 10 Apr 2026']);
  // Sam's 11:00 today was cancelled: the calendar keeps it in place, marked cancelled.
  assert.deepEqual(await texts(s, '[data-calendar] li'), [
    '11:00–11:50 Sam Patel In person · Cancelled Room 2, Riverside Centre',
    '14:00–14:50 Jo In person Room 2, Riverside Centre',
    '10:00–10:50 Sam Patel In person Room 2, Riverside Centre',
    '00:45–01:35 Sam Patel In person Room 2, Riverside Centre',
  ]);
});

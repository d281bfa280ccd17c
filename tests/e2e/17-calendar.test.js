// Oracle tests for the calendar (issue 11): the fixture of 08 plus the calendar scenario
// (`--scenario calendar`, cli/src/bin/e2e_seed.rs), the clock pinned to Thursday 22 October 2026
// 09:30 in London, three days before the clocks go back (Sunday 25 October, 02:00 BST → 01:00
// GMT). Day, week and four-week views with their exact texts; a weekly 10:00 London session
// still at 10:00 after the change while a Sydney session moves from 08:00 to 07:00 on the London
// clock (its own 18:00 named beside it); keyboard navigation; and each action in the window:
// attended, no-show, cancel with a reason (refused without one), move one session, end a series,
// edit a session, book a new series with a video link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

// A video link is handed to the desktop's opener; here a stand-in records it (tests/e2e/lib/record-link.sh).
const LINKS = join(process.env.E2E_ROOT ?? '.', 'calendar-opened-links.txt');

before(async () => {
  const env = { WELLKEPT_OPEN_LINK_WITH: join(import.meta.dirname, 'lib', 'record-link.sh'), WELLKEPT_E2E_LINKS: LINKS };
  s = await startAtDashboard(() => startSeededApp({ now: '2026-10-22T08:30:00Z', tz: 'Europe/London', scenario: 'calendar', env }));
});
after(() => s?.end());

/** Sets a field as a person choosing from it would (value, then input and change). */
async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** Presses a key with the focus on the calendar's toolbar (not in a text field). */
async function key(k) {
  await s.execute("document.querySelector('[data-toolbar] [data-today]').focus()");
  await s.press({ key: k });
}

/** Chooses the session whose button's accessible name starts with `label` ("14:00–14:50, Sam Patel"). */
async function chooseSession(label) {
  await s.execute("[...document.querySelectorAll('[data-session]')].find((b) => b.getAttribute('aria-label').startsWith(arguments[0])).click()", [label]);
  await s.waitFor('[data-selected-title]');
}

/** Waits until the calendar's period heading reads `title`, then returns what the view shows. */
async function view(title) {
  await s.waitFor('[data-period]', { text: title });
  await s.waitFor('[data-calendar] li, [data-calendar] [data-empty]');
  return { days: await texts(s, '[data-calendar] h3'), sessions: await texts(s, '[data-calendar] li') };
}

/** Clicks a button in the chosen session's panel by its text. */
async function act(label) {
  await s.execute("[...document.querySelectorAll('[data-selected] button')].find((b) => b.textContent.trim() === arguments[0]).click()", [label]);
}

const JO_19 = '10:00–10:50 Jo In person · repeats · Attended Room 2, Riverside Centre';
const RIYA_BST = '08:00–08:50 (18:00 Australia/Sydney) Riya Shah Phone · repeats';
const SAM = '14:00–14:50 Sam Patel Video https://meet.example.org/sam';
const JO_GMT = '10:00–10:50 Jo In person · repeats Room 2, Riverside Centre';
const RIYA_GMT = '07:00–07:50 (18:00 Australia/Sydney) Riya Shah Phone · repeats';
const WEEK_19 = ['Mon, 19 Oct 2026', 'Tue, 20 Oct 2026', 'Wed, 21 Oct 2026', 'Thu, 22 Oct 2026', 'Fri, 23 Oct 2026', 'Sat, 24 Oct 2026', 'Sun, 25 Oct 2026'];
const WEEK_26 = ['Mon, 26 Oct 2026', 'Tue, 27 Oct 2026', 'Wed, 28 Oct 2026', 'Thu, 29 Oct 2026', 'Fri, 30 Oct 2026', 'Sat, 31 Oct 2026', 'Sun, 1 Nov 2026'];

test('the week of 19 October, the day view and the next week: 10:00 stays 10:00 after the clocks go back', async () => {
  await openScreen(s, 'appointments');
  assert.deepEqual(await view('Week of Mon, 19 Oct 2026'), { days: WEEK_19, sessions: [JO_19, RIYA_BST, SAM] });
  assert.deepEqual(await texts(s, '[data-calendar] [data-location] a'), ['https://meet.example.org/sam']);
  assert.equal(await s.execute("return document.querySelector('[data-calendar] [data-location] a').getAttribute('href')"), 'https://meet.example.org/sam');
  assert.deepEqual(await texts(s, '[data-view][aria-pressed="true"]'), ['Week']);

  await key('d');
  assert.deepEqual(await view('Thu, 22 Oct 2026'), { days: [], sessions: [SAM] });
  await key(']');
  assert.deepEqual(await view('Fri, 23 Oct 2026'), { days: [], sessions: [] });
  assert.deepEqual(await texts(s, '[data-calendar] [data-empty]'), ['No sessions on this day.']);
  await key('\uE012'); // ArrowLeft
  await key('\uE012'); // ArrowLeft
  assert.deepEqual(await view('Wed, 21 Oct 2026'), { days: [], sessions: [] });
  await key('t');
  assert.deepEqual(await view('Thu, 22 Oct 2026'), { days: [], sessions: [SAM] });

  await key('w');
  await key('\uE00F'); // PageDown
  // After the change: Jo's 10:00 London is still 10:00; Riya's 18:00 Sydney is now 07:00 here.
  assert.deepEqual(await view('Week of Mon, 26 Oct 2026'), { days: WEEK_26, sessions: [JO_GMT, RIYA_GMT] });
  await key('[');
  assert.deepEqual(await view('Week of Mon, 19 Oct 2026'), { days: WEEK_19, sessions: [JO_19, RIYA_BST, SAM] });

  await key('a');
  assert.deepEqual(await view('Four weeks from Thu, 22 Oct 2026'), {
    days: ['Thu, 22 Oct 2026', 'Mon, 26 Oct 2026', 'Tue, 27 Oct 2026', 'Mon, 2 Nov 2026', 'Tue, 3 Nov 2026', 'Mon, 9 Nov 2026', 'Tue, 10 Nov 2026', 'Mon, 16 Nov 2026'],
    sessions: [SAM, JO_GMT, RIYA_GMT, JO_GMT, RIYA_GMT, JO_GMT, RIYA_GMT, JO_GMT],
  });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '17-calendar-agenda');
});

test('attended, no-show, cancel with a reason, move one session, end a series', async () => {
  await key('w');
  await key('t');
  await view('Week of Mon, 19 Oct 2026');
  await chooseSession('14:00–14:50, Sam Patel');
  await act('Attended');
  await s.waitFor('[data-calendar]', { text: 'Video · Attended' });
  await chooseSession('08:00–08:50 (18:00 Australia/Sydney), Riya Shah');
  await act('No-show');
  await s.waitFor('[data-calendar]', { text: 'No-show' });
  assert.deepEqual((await view('Week of Mon, 19 Oct 2026')).sessions, [
    JO_19,
    '08:00–08:50 (18:00 Australia/Sydney) Riya Shah Phone · repeats · No-show',
    '14:00–14:50 Sam Patel Video · Attended https://meet.example.org/sam',
  ]);

  await key(']');
  await view('Week of Mon, 26 Oct 2026');
  await chooseSession('10:00–10:50, Jo');
  // Next Monday's session cannot have been attended yet: no Attended or No-show, and why.
  assert.deepEqual(await texts(s, '[data-mark-later]'), ['Attended or no-show can be marked from the day of the session.']);
  assert.equal(await s.execute('return document.querySelectorAll(\'[data-selected] [data-mark="attended"], [data-selected] [data-mark="no_show"]\').length'), 0);
  await (await s.waitFor('[data-cancel] button[type="submit"]')).click();
  await s.waitFor('[data-action-error]', { text: 'cancel' });
  assert.deepEqual(await texts(s, '[data-action-error]'), ['Reason: say why the session is cancelled']);
  await replaceText(s, '#cancel-reason', 'Bank holiday');
  await (await s.waitFor('[data-cancel] button[type="submit"]')).click();
  await s.waitFor('[data-calendar]', { text: 'Cancelled: Bank holiday' });

  await chooseSession('07:00–07:50 (18:00 Australia/Sydney), Riya Shah');
  await choose('#move-start', '2026-10-28T09:00');
  await (await s.waitFor('[data-move] button[type="submit"]')).click();
  await s.waitFor('[data-calendar]', { text: 'moved' });
  assert.deepEqual(await view('Week of Mon, 26 Oct 2026'), {
    days: WEEK_26,
    sessions: [
      '10:00–10:50 Jo In person · repeats · Cancelled: Bank holiday Room 2, Riverside Centre',
      '09:00–09:50 (20:00 Australia/Sydney) Riya Shah Phone · repeats · moved',
    ],
  });

  // Jo's series ends on Monday 2 November: nothing after it.
  await chooseSession('10:00–10:50, Jo');
  await choose('#end-day', '2026-11-02');
  await (await s.waitFor('[data-end] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Series ends on Mon, 2 Nov 2026.' });
  await key(']');
  assert.deepEqual((await view('Week of Mon, 2 Nov 2026')).sessions, [JO_GMT, RIYA_GMT]);
  await key(']');
  assert.deepEqual((await view('Week of Mon, 9 Nov 2026')).sessions, [RIYA_GMT]);
  assert.deepEqual(await axeViolations(s), []);
});

test('edit a session and book a weekly one with a video link', async () => {
  await key('t');
  await view('Week of Mon, 19 Oct 2026');
  await chooseSession('14:00–14:50, Sam Patel');
  await act('Edit');
  await s.waitFor('[data-form-title]', { text: 'Edit session' });
  await replaceText(s, '#appt-location', 'Room 5');
  await (await s.waitFor('[data-add] button[type="submit"]')).click();
  await s.waitFor('[data-calendar]', { text: 'Room 5' });

  await choose('#appt-client', await s.execute("return [...document.querySelectorAll('#appt-client option')].find((o) => o.textContent === 'Jo').value"));
  await choose('#appt-start', '2026-10-23T11:00');
  await choose('#appt-mode', 'video');
  await replaceText(s, '#appt-location', 'https://meet.example.org/jo');
  await choose('#appt-repeat', 'weekly');
  await replaceText(s, '#appt-count', '2');
  await (await s.waitFor('[data-add] button[type="submit"]')).click();
  await s.waitFor('[data-calendar]', { text: 'meet.example.org/jo' });

  await key('a');
  const JO_VIDEO = '11:00–11:50 Jo Video · repeats https://meet.example.org/jo';
  assert.deepEqual(await view('Four weeks from Thu, 22 Oct 2026'), {
    days: ['Thu, 22 Oct 2026', 'Fri, 23 Oct 2026', 'Mon, 26 Oct 2026', 'Wed, 28 Oct 2026', 'Fri, 30 Oct 2026', 'Mon, 2 Nov 2026', 'Tue, 3 Nov 2026', 'Tue, 10 Nov 2026'],
    sessions: [
      '14:00–14:50 Sam Patel Video · Attended Room 5',
      JO_VIDEO,
      '10:00–10:50 Jo In person · repeats · Cancelled: Bank holiday Room 2, Riverside Centre',
      '09:00–09:50 (20:00 Australia/Sydney) Riya Shah Phone · repeats · moved',
      JO_VIDEO,
      JO_GMT,
      RIYA_GMT,
      RIYA_GMT,
    ],
  });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '17-calendar-after-actions');
});

test('edit a series from its second session on: the first stays, the second and later move to 12:00', async () => {
  await view('Four weeks from Thu, 22 Oct 2026');
  // The second of Jo's two Friday video sessions (30 October).
  await s.execute("[...document.querySelectorAll('[data-session]')].filter((b) => b.getAttribute('aria-label').startsWith('11:00–11:50, Jo'))[1].click()");
  await s.waitFor('[data-selected-title]', { text: 'Fri, 30 Oct 2026' });
  await act('Edit this and future sessions');
  await s.waitFor('[data-form-title]', { text: 'Edit this and future sessions' });
  assert.equal(await s.execute("return document.querySelector('#appt-count').value"), '1');
  await choose('#appt-start', '2026-10-30T12:00');
  await (await s.waitFor('[data-add] button[type="submit"]')).click();
  await s.waitFor('[data-calendar]', { text: '12:00–12:50' });
  const sessions = (await view('Four weeks from Thu, 22 Oct 2026')).sessions;
  assert.deepEqual(sessions.filter((t) => t.includes('meet.example.org/jo')), [
    '11:00–11:50 Jo Video · repeats https://meet.example.org/jo',
    '12:00–12:50 Jo Video · repeats https://meet.example.org/jo',
  ]);
  assert.equal(sessions.length, 8);
});

test('an appointment booked in error goes to the trash and is listed there on its day', async () => {
  await view('Four weeks from Thu, 22 Oct 2026');
  await chooseSession('14:00–14:50, Sam Patel');
  await act('Move to the trash');
  await s.waitFor('[data-status]', { text: 'Appointment moved to the trash. You can restore it from Trash.' });
  assert.deepEqual(await view('Four weeks from Thu, 22 Oct 2026'), {
    days: ['Fri, 23 Oct 2026', 'Mon, 26 Oct 2026', 'Wed, 28 Oct 2026', 'Fri, 30 Oct 2026', 'Mon, 2 Nov 2026', 'Tue, 3 Nov 2026', 'Tue, 10 Nov 2026'],
    sessions: [
      '11:00–11:50 Jo Video · repeats https://meet.example.org/jo',
      '10:00–10:50 Jo In person · repeats · Cancelled: Bank holiday Room 2, Riverside Centre',
      '09:00–09:50 (20:00 Australia/Sydney) Riya Shah Phone · repeats · moved',
      '12:00–12:50 Jo Video · repeats https://meet.example.org/jo',
      JO_GMT,
      RIYA_GMT,
      RIYA_GMT,
    ],
  });
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item^="appointment:"]');
  assert.deepEqual(await texts(s, '[data-trash-item^="appointment:"] strong'), ['Appointment with Sam Patel']);
  const when = await texts(s, '[data-trash-item^="appointment:"] p.muted');
  assert.equal(when.length, 1);
  assert.match(when[0], /^Thu, 22 Oct 2026 · deleted Thu, 22 Oct 2026 at \d\d:\d\d$/);
});

test('a video link opens in the browser, not in the window', async () => {
  await openScreen(s, 'appointments');
  await key('a');
  await view('Four weeks from Thu, 22 Oct 2026');
  await (await s.waitFor('[data-calendar] a[data-open-link]')).click();
  await s.waitFor('[data-status]', { text: 'Opened the link in your browser.' });
  assert.equal(await readFile(LINKS, 'utf8'), 'https://meet.example.org/jo\n');
  await s.waitFor('[data-period]', { text: 'Four weeks from Thu, 22 Oct 2026' });
});

// Session 14's "Left" 6: the command line says why a session across the clock change ends
// "before" it starts; the calendar showed the bare "01:30–01:20".
test('a session during which the clocks go back reads 01:30–01:20 and says why', async () => {
  await choose('#appt-client', await s.execute("return [...document.querySelectorAll('#appt-client option')].find((o) => o.textContent === 'Jo').value"));
  await choose('#appt-start', '2026-10-25T01:30');
  await choose('#appt-mode', 'phone');
  await choose('#appt-location', '');
  await choose('#appt-repeat', 'none');
  await (await s.waitFor('[data-add] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Session scheduled.' });
  await key('d');
  await key('t');
  await view('Thu, 22 Oct 2026');
  await key(']');
  await key(']');
  await key(']');
  assert.deepEqual(await view('Sun, 25 Oct 2026'), { days: [], sessions: ['01:30–01:20 (the clocks go back an hour during it) Jo Phone'] });
  await chooseSession('01:30–01:20 (the clocks go back an hour during it), Jo');
  assert.deepEqual(await texts(s, '[data-selected-title]'), ['Jo, Sun, 25 Oct 2026 01:30–01:20 (the clocks go back an hour during it)']);
});

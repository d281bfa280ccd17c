// The calm tools, the crisis lines (from every screen, and while locked), quick-hide, theme and
// auto-lock, through the real window. Runs after 01 (the vault exists, the keychain holds its key).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, startAtDashboard, waitForDashboard } from './lib/flows.js';
import { sleep } from './lib/webdriver.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard();
});
after(() => s?.end());

test('the breathing pacer animates through its phases', async () => {
  await openScreen(s, 'breathing');
  await s.waitFor('h1', { text: 'Breathing exercise' });
  const toggle = await s.waitFor('button[data-toggle]');
  await toggle.click();
  await s.waitFor('[data-phase]', { text: 'Breathe in' });
  const first = await s.execute("return document.querySelector('[data-circle]').style.transform");
  await sleep(1500);
  const later = await s.execute("return document.querySelector('[data-circle]').style.transform");
  assert.notEqual(first, later, `the circle moves while breathing in (${first} -> ${later})`);
  await screenshot(s, '05-breathing');
  assert.deepEqual(await axeViolations(s), []);
  await toggle.click();
  await s.waitFor('[data-phase]', { text: 'Paused' });
});

test('grounding walks through the senses one at a time', async () => {
  await openScreen(s, 'grounding');
  await s.waitFor('#grounding-prompt', { text: 'five things you can see' });
  for (const thing of ['the lamp', 'a blue mug', 'rain on the window', 'my hands', 'a book']) {
    const input = await s.waitFor('#noticed');
    await input.type(thing);
    await (await s.waitFor('form[data-form] button[type="submit"]')).click();
  }
  await s.waitFor('#grounding-prompt', { text: 'four things you can touch' });
  // The step chips are capitalised by CSS; WebDriver reads the rendered text.
  await s.waitFor('[aria-current="step"]', { text: 'Touch' });
  await screenshot(s, '06-grounding');
  assert.deepEqual(await axeViolations(s), []);
});

test('crisis lines and the safety plan open from the header on any screen and from the keyboard', async () => {
  await (await s.waitFor('button[data-crisis]')).click();
  await s.waitFor('dialog[open] h2', { text: 'Crisis lines & safety plan' });
  await s.waitFor('dialog[open] .crisis-lines', { text: '988' });
  await screenshot(s, '07-crisis');
  assert.deepEqual(await axeViolations(s), []);
  await (await s.waitFor('dialog[open] button[data-close]')).click();
  await s.waitGone('dialog[open]');
  await s.press({ key: 's', ctrl: true, shift: true });
  await s.waitFor('dialog[open] h2', { text: 'Crisis lines' });
  await (await s.waitFor('dialog[open] button[data-close]')).click();
});

test('Ctrl+K focuses the global search', async () => {
  await s.press({ key: 'k', ctrl: true });
  const focused = await s.execute('return document.activeElement && document.activeElement.id');
  assert.equal(focused, 'global-search');
});

test('the theme toggle switches to dark and is remembered', async () => {
  const toggle = await s.waitFor('button[data-theme-toggle]');
  await toggle.click(); // system -> light
  await toggle.click(); // light -> dark
  await s.waitFor('html[data-theme="dark"]');
  await openScreen(s, 'dashboard');
  await screenshot(s, '08-dashboard-dark');
  assert.deepEqual(await axeViolations(s), [], 'dark theme keeps enough contrast');
  await toggle.click(); // dark -> system
  await s.waitGone('html[data-theme]');
});

test('quick-hide (Ctrl+Shift+H) locks and clears the window at once; the crisis lines still open', async () => {
  await s.press({ key: 'h', ctrl: true, shift: true });
  await s.waitFor('[data-lock-reason]', { text: 'hidden and locked' });
  assert.equal(await s.execute("return document.querySelectorAll('wk-frame').length"), 0);
  await (await s.waitFor('wk-unlock-screen button[data-crisis]')).click();
  await s.waitFor('dialog[open] .crisis-lines', { text: 'Samaritans' });
  await (await s.waitFor('dialog[open] button[data-close]')).click();
  await (await s.waitFor('button[data-keychain]')).click();
  await waitForDashboard(s);
});

test('Escape twice also hides and locks', async () => {
  await s.press({ key: '\uE00C' });
  await s.press({ key: '\uE00C' });
  await s.waitFor('[data-lock-reason]', { text: 'hidden and locked' });
  await (await s.waitFor('button[data-keychain]')).click();
  await waitForDashboard(s);
});

test('settings refuse an out-of-range auto-lock delay, and idle auto-lock clears the window', async () => {
  await openScreen(s, 'settings');
  const minutes = await s.waitFor('#auto-lock');
  await minutes.clear();
  await minutes.type('0');
  await (await s.waitFor('form[data-preferences] button[type="submit"]')).click();
  await s.waitFor('#auto-lock-error', { text: 'between 1 and 240' });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '09-settings');
  await minutes.clear();
  await minutes.type('1');
  await (await s.waitFor('form[data-preferences] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Preferences saved' });
  // No input from here on: the watchdog locks after one idle minute (it looks every 5 s).
  await s.waitFor('[data-lock-reason]', { text: 'nothing happened', timeout: 90000 });
  assert.equal(await s.execute("return document.querySelectorAll('wk-frame').length"), 0);
  await (await s.waitFor('button[data-keychain]')).click();
  await waitForDashboard(s);
  await openScreen(s, 'settings');
  const back = await s.waitFor('#auto-lock');
  await back.clear();
  await back.type('15');
  await (await s.waitFor('form[data-preferences] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Preferences saved' });
});

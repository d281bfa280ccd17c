// First run through the real window: create the vault, see and confirm the recovery key, lock,
// unlock from the real keychain (gnome-keyring on a private D-Bus), with the passphrase, and
// with the recovery key; restart the app and land unlocked without typing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot, startApp } from './lib/app.js';
import { PASSPHRASE, lockFromHeader, waitForDashboard } from './lib/flows.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
let recoveryKey = '';

before(async () => {
  s = await startApp();
});
after(async () => {
  await s?.end();
});

test('first run offers the kinds of vault and refuses a weak or mismatched passphrase', async () => {
  await s.waitFor('h1', { text: 'Set up your private vault' });
  await screenshot(s, '01-first-run');
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations on first run');

  const pass = await s.waitFor('#passphrase');
  await pass.type('short');
  await (await s.waitFor('#passphrase-confirm')).type('short');
  await (await s.waitFor('button[data-create]')).click();
  await s.waitFor('[data-error]', { text: 'too easy to guess' });

  await pass.clear();
  await pass.type(PASSPHRASE);
  await s.waitFor('[data-strength-label]', { text: 'Strength:' });
  const confirm = await s.waitFor('#passphrase-confirm');
  await confirm.clear();
  await confirm.type(`${PASSPHRASE}x`);
  await (await s.waitFor('button[data-create]')).click();
  await s.waitFor('[data-error]', { text: 'different' });
});

test('creating the vault shows the recovery key once and needs two groups retyped', async () => {
  const confirm = await s.waitFor('#passphrase-confirm');
  await confirm.clear();
  await confirm.type(PASSPHRASE);
  await (await s.waitFor('input[name="purpose"][value="both"]')).click();
  await (await s.waitFor('button[data-create]')).click();

  const key = await s.waitFor('[data-recovery-key]', { timeout: 60000 });
  const groups = /** @type {string[]} */ (await s.execute(
    "return [...document.querySelectorAll('[data-recovery-key] .recovery-key__group')].map((g) => g.textContent.trim())",
  ));
  assert.equal(groups[0], 'AGE-SECRET-KEY-1');
  assert.ok(groups.length >= 10, `the key is shown in groups (${groups.length})`);
  recoveryKey = groups.join(' ');
  assert.ok(String(await key.text()).includes(groups[1]));
  await s.waitFor('.notice', { text: 'keychain will unlock' });
  await screenshot(s, '02-recovery-key');
  assert.deepEqual(await axeViolations(s), []);

  await (await s.waitFor('button[data-continue]')).click();
  await s.waitFor('h1', { text: 'Check your copy' });
  const labels = /** @type {string[]} */ (await s.execute(
    "return [...document.querySelectorAll('form[data-confirm] label')].map((l) => l.textContent.trim())",
  ));
  const [a, b] = labels.map((l) => Number(l.replace('Group ', '')));
  assert.ok(a >= 2 && b > a, `asks for two distinct groups after the prefix (${labels})`);

  // A wrong group is caught and named.
  await (await s.waitFor('#group-a')).type(groups[a - 1].toLowerCase());
  await (await s.waitFor('#group-b')).type('WRONG1');
  await (await s.waitFor('form[data-confirm] button[type="submit"]')).click();
  await s.waitFor('form[data-confirm] [data-error]', { text: `Group ${b} does not match` });

  const second = await s.waitFor('#group-b');
  await second.clear();
  await second.type(` ${groups[b - 1].toLowerCase()} `);
  await (await s.waitFor('form[data-confirm] button[type="submit"]')).click();
  await waitForDashboard(s);
  const stillShown = await s.execute("return document.body.innerText.includes(arguments[0])", [groups[3]]);
  assert.equal(stillShown, false, 'the recovery key is gone from the page after confirmation');
  await screenshot(s, '03-dashboard');
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations on the dashboard');
});

test('lock clears the window; the keychain unlocks it again without typing', async () => {
  await lockFromHeader(s);
  await s.waitFor('[data-lock-reason]', { text: 'locked' });
  await screenshot(s, '04-unlock');
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations on unlock');
  await (await s.waitFor('button[data-keychain]')).click();
  await waitForDashboard(s);
});

test('a wrong passphrase is refused with a clear message; the right one unlocks', async () => {
  await lockFromHeader(s);
  const input = await s.waitFor('#unlock-secret');
  await input.type('not my passphrase at all');
  await (await s.waitFor('button[data-submit]')).click();
  const error = await s.waitFor('[data-error]', { text: 'passphrase', timeout: 30000 });
  assert.match(String(await error.text()), /passphrase/i);
  await input.clear();
  await input.type(PASSPHRASE);
  await (await s.waitFor('button[data-submit]')).click();
  await waitForDashboard(s, 60000);
});

test('the recovery key unlocks when the passphrase is forgotten', async () => {
  await lockFromHeader(s);
  await (await s.waitFor('button[data-switch]')).click();
  const input = await s.waitFor('#unlock-secret.mono');
  await input.type(recoveryKey.toLowerCase());
  await (await s.waitFor('button[data-submit]')).click();
  await waitForDashboard(s);
});

test('a restarted app unlocks from the keychain without typing', async () => {
  await s.end();
  s = await startApp();
  await waitForDashboard(s);
});

test('the content security policy blocks inline scripts and eval in the window', async () => {
  const result = await s.execute(`
    const probe = document.createElement('script');
    probe.textContent = 'window.__inlineRan = true';
    document.body.append(probe);
    probe.remove();
    let evalRan = false;
    try { evalRan = window.eval('1 + 1') === 2; } catch { evalRan = false; }
    return { inline: window.__inlineRan === true, eval: evalRan };`);
  assert.deepEqual(result, { inline: false, eval: false });
});

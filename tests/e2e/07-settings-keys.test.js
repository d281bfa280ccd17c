// Settings through the real window (issue 9): changing the passphrase is refused until the
// current passphrase (or recovery key) is typed, and is then accepted; "Make a new vault key"
// checks the current passphrase, shows a NEW recovery key once, and afterwards the vault still
// unlocks from the keychain (which holds the new key) and with the passphrase.
// Runs after 01 (the vault exists and is in the keychain) and after every file that uses the
// first recovery key. It replaces the recovery key and the vault key but keeps the passphrase,
// and the keychain holds the new key: 12, which runs after it, unlocks from the keychain.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { PASSPHRASE, lockFromHeader, openScreen, replaceText, startAtDashboard, waitForDashboard } from './lib/flows.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard();
});
after(() => s?.end());

test('changing the passphrase needs the current one first', async () => {
  await openScreen(s, 'settings');
  await replaceText(s, '#new-passphrase', PASSPHRASE);
  await replaceText(s, '#confirm-passphrase', PASSPHRASE);
  const submit = await s.waitFor('form[data-passphrase] button[type="submit"]');
  await submit.click();
  await s.waitFor('#current-secret-error', { text: 'Type your current passphrase or your recovery key first.' });

  await replaceText(s, '#current-secret', 'not my passphrase at all');
  await submit.click();
  await s.waitFor('#current-secret-error', {
    text: 'That is not your current passphrase or recovery key. Nothing was changed.',
    timeout: 30000,
  });
  assert.equal(await s.execute("return document.querySelector('#current-secret').getAttribute('aria-invalid')"), 'true');

  // The right one: the passphrase is "changed" to itself, so the other tests' passphrase holds.
  await replaceText(s, '#current-secret', PASSPHRASE);
  await replaceText(s, '#new-passphrase', PASSPHRASE);
  await replaceText(s, '#confirm-passphrase', PASSPHRASE);
  await submit.click();
  await s.waitFor('[data-status]', { text: 'Passphrase changed. Use the new one from now on; old backups still open with the old one.', timeout: 30000 });
});

test('making a new vault key checks the passphrase, shows a NEW recovery key once, and the vault still unlocks', async () => {
  await openScreen(s, 'settings');
  const submit = await s.waitFor('form[data-rekey] button[type="submit"]');
  await replaceText(s, '#rekey-passphrase', 'not my passphrase at all');
  await submit.click();
  await s.waitFor('[data-rekey-error]', { text: 'That is not your current passphrase. Nothing was changed.', timeout: 30000 });
  assert.equal(await s.execute("return document.querySelectorAll('[data-new-recovery-key]').length"), 0);

  await replaceText(s, '#rekey-passphrase', PASSPHRASE);
  await submit.click();
  const key = await s.waitFor('[data-new-recovery-key]', { timeout: 60000 });
  const groups = await s.execute(
    "return [...document.querySelectorAll('[data-new-recovery-key] .recovery-key__group')].map((g) => g.textContent)",
  );
  assert.equal(groups[0], 'AGE-SECRET-KEY-1');
  assert.equal(groups.length, 11, 'AGE-SECRET-KEY-1 and 58 more characters in groups of 6');
  assert.match(String(await key.text()), /^AGE-SECRET-KEY-1/);
  await s.waitFor('[data-rekey-result]', { text: 'The old recovery key no longer opens this vault.' });
  await s.waitFor('[data-status]', { text: 'The vault has a new key. Write down the new recovery key.' });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '20-settings-new-vault-key');

  // Leaving the screen forgets the key.
  await openScreen(s, 'journal');
  await openScreen(s, 'settings');
  assert.equal(await s.execute("return document.querySelectorAll('[data-new-recovery-key]').length"), 0);

  // The keychain holds the new key; the passphrase protects it.
  await lockFromHeader(s);
  await (await s.waitFor('button[data-keychain]')).click();
  await waitForDashboard(s);
  await lockFromHeader(s);
  await (await s.waitFor('#unlock-secret')).type(PASSPHRASE);
  await (await s.waitFor('button[data-submit]')).click();
  await waitForDashboard(s, 60000);
});

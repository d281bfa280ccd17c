// Issue 15, deliverable 4, through the window: a second computer joins a vault that lives in a
// synced folder. The "office" computer makes the vault with the real command-line tool in
// `Sync/vault` (its own state folder, the key in the keychain) and writes two entries; the key
// is then taken out of the keychain, as a new computer's keychain would lack it. The app, on a
// fresh profile, opens that folder from first run, unlocks it with the passphrase, keeps the key
// in its own keychain, lists both computers, and at the next start opens the same folder from
// the keychain without typing. The shared files (descriptor, key files, the office's entry) are
// byte-identical afterwards: the joining computer never wrote them. Last, the office changes the
// vault while the app is open here; the window shows the change by itself (the typing case and
// a refused delivery: tests/e2e/32-live-delivery.test.js).
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP, axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, waitForDashboard } from './lib/flows.js';
import { pinnedEnv, startPinnedApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
let root = '';
let vault = '';
let vaultId = '';
/** @type {Record<string, string>} */
let env = {};
const PASSPHRASE = 'synced orchard lantern 31';

/**
 * Runs the `wellkept` command line as the office computer (its own state folder).
 * @param {string} now
 * @param {string[]} args
 */
function office(now, args) {
  try {
    return execFileSync(join(dirname(APP), 'wellkept'), ['--vault', vault, ...args], {
      env: { ...process.env, ...env, XDG_DATA_HOME: join(root, 'office-state'), WELLKEPT_TEST_CLOCK: now },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = /** @type {{stderr?: string}} */ (error).stderr ?? '';
    throw new Error(`wellkept ${args.join(' ')} failed: ${stderr}`, { cause: error });
  }
}

/**
 * The key kept for the vault in the test session's keychain, read with the standard client
 * (empty when there is none).
 */
function keychainKey() {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'Wellkept', 'username', `vault:${vaultId}`], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

/** The files both computers share, byte for byte: descriptor, key files, the office's entry. */
async function sharedFiles() {
  /** @type {Record<string, string>} */
  const out = {};
  const officeEntry = (await readdir(join(vault, 'devices'))).filter((n) => n.startsWith(officeId));
  for (const name of ['wellkept-vault.json', 'keys/passphrase.age', 'keys/recovery.age', ...officeEntry.map((n) => `devices/${n}`)]) {
    out[name] = (await readFile(join(vault, name))).toString('base64');
  }
  return out;
}

let officeId = '';
/** @type {Record<string, string>} */
let sharedBefore = {};

before(async () => {
  if (!APP || !process.env.E2E_ROOT) throw new Error('run the end-to-end tests through scripts/e2e.sh');
  root = await mkdtemp(join(process.env.E2E_ROOT, 'join-'));
  env = pinnedEnv(root);
  vault = join(root, 'Sync', 'vault');
  await mkdir(dirname(vault), { recursive: true });
  const passphraseFile = join(root, 'passphrase');
  await writeFile(passphraseFile, `${PASSPHRASE}\n`);
  office('2026-04-01T17:00:00Z', ['--passphrase-file', passphraseFile, 'init', '--recovery-key-out', join(root, 'recovery')]);
  office('2026-04-01T17:01:00Z', ['journal', 'add', '--title', 'Written at the office', '--mood', '6', 'Before the train home.']);
  office('2026-04-01T17:02:00Z', ['journal', 'add', '--title', 'Second office note', '--mood', '7', 'Still at the desk.']);
  office('2026-04-01T17:03:00Z', ['devices', 'rename', 'Office desktop']);
  vaultId = JSON.parse(await readFile(join(vault, 'wellkept-vault.json'), 'utf8')).vault_id;
  officeId = (await readFile(join(root, 'office-state', 'wellkept', 'devices', (await readdir(join(root, 'office-state', 'wellkept', 'devices')))[0]), 'utf8')).trim();
  assert.match(keychainKey(), /^AGE-SECRET-KEY-1/, 'the office keeps the key in the keychain');
  // This computer's keychain has never seen the vault.
  execFileSync('secret-tool', ['clear', 'service', 'Wellkept', 'username', `vault:${vaultId}`]);
  assert.equal(keychainKey(), '');
  sharedBefore = await sharedFiles();
  s = await startPinnedApp(root, env);
});

after(async () => {
  await s?.end();
});

test('first run offers to open a vault from a synced folder, and a folder without one is refused, naming what to choose', async () => {
  await s.waitFor('h1#first-run-title');
  assert.deepEqual(await texts(s, '#join-title'), ['Open a vault from a synced folder']);
  await replaceText(s, '#join-folder', join(root, 'Sync'));
  await (await s.waitFor('button[data-join-open]')).click();
  await s.waitFor('[data-join-error]', { text: 'holds no Wellkept vault' });
  assert.deepEqual(await texts(s, '[data-join-error]'), [
    'Vault folder: that folder holds no Wellkept vault: choose the folder that holds wellkept-vault.json and the keys and data folders (the folder named "vault" inside your synced folder)',
  ]);
  assert.equal(await s.execute("return document.querySelector('#join-folder').getAttribute('aria-invalid')"), 'true');
  assert.deepEqual(await axeViolations(s), []);
});

test('the vault folder opens with the passphrase on this computer, which then keeps the key in its own keychain', async () => {
  await replaceText(s, '#join-folder', vault);
  await (await s.waitFor('button[data-join-open]')).click();
  // The unlock screen tries this computer's keychain first; it has no key for this vault yet.
  await s.waitFor('h1', { text: 'Unlock your vault' });
  await s.waitFor('[data-keychain-missing]');
  assert.deepEqual(await texts(s, '[data-keychain-missing]'), [
    "This computer's keychain has no key for this vault yet: a computer opening a vault from a synced folder for the first time, or a keychain that was reset. Unlock with your passphrase or recovery key; this computer then keeps the key and unlocks without typing next time.",
  ]);
  await replaceText(s, '#unlock-secret', PASSPHRASE);
  await (await s.waitFor('button[data-submit]')).click();
  await waitForDashboard(s, 60000);
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent] [data-entry-id]');
  assert.deepEqual(await texts(s, '[data-recent] li'), [
    'Second office note Wed, 1 Apr 2026 · mood 7/10',
    'Written at the office Wed, 1 Apr 2026 · mood 6/10',
  ]);
  assert.match(keychainKey(), /^AGE-SECRET-KEY-1/, 'this computer now keeps the key in its keychain');
  // The choice is kept in the app's own config folder; nothing was made at the default place.
  assert.equal(await readFile(join(env.XDG_CONFIG_HOME, 'app.wellkept.desktop', 'vault-folder'), 'utf8'), vault);
  await assert.rejects(stat(join(env.XDG_DATA_HOME, 'app.wellkept.desktop', 'vault')), { code: 'ENOENT' });
  assert.deepEqual(await sharedFiles(), sharedBefore, 'the joining computer wrote no shared file');
});

test('Settings shows the vault folder and both computers, this one marked', async () => {
  await openScreen(s, 'settings');
  await s.waitFor('[data-device-list] [data-device-name]');
  await s.waitFor('[data-vault-folder]', { text: vault });
  assert.deepEqual(await texts(s, '[data-vault-folder-line]'), [`This vault's folder: ${vault}`]);
  const host = (await readFile('/proc/sys/kernel/hostname', 'utf8')).trim();
  assert.deepEqual(await texts(s, '[data-device-list] [data-device-name]'), [host, 'Office desktop']);
  assert.deepEqual(await texts(s, '[data-device-list] [data-this-computer]'), ['This computer']);
  await s.execute("document.querySelector('[data-device-list]').scrollIntoView({ block: 'center' })");
  await screenshot(s, '31-joined-computers');
});

test('the next start opens the synced folder from this computer\u2019s keychain without typing', async () => {
  await s.end();
  s = await startPinnedApp(root, env);
  await waitForDashboard(s, 60000);
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent] [data-entry-id]');
  assert.deepEqual(await texts(s, '[data-recent] li'), [
    'Second office note Wed, 1 Apr 2026 · mood 7/10',
    'Written at the office Wed, 1 Apr 2026 · mood 6/10',
  ]);
});

test('changes the other computer makes while the app is open show by themselves on the same screen', async () => {
  // The office works on its own copy of the folder (as the engine keeps it there) and adds an
  // entry; the engine then delivers the changed data files here: a temporary file renamed over.
  const officeCopy = join(root, 'office-copy', 'vault');
  await rm(dirname(officeCopy), { recursive: true, force: true });
  await cp(vault, officeCopy, { recursive: true, filter: (src) => !src.endsWith('vault.lock') });
  const here = vault;
  vault = officeCopy;
  try {
    office('2026-04-02T08:40:00Z', ['journal', 'add', '--title', 'Added at the office meanwhile', '--mood', '5', 'While the laptop was open.']);
  } finally {
    vault = here;
  }
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent] [data-entry-id]');
  let delivered = 0;
  for (const name of await readdir(join(officeCopy, 'data'))) {
    const bytes = await readFile(join(officeCopy, 'data', name));
    const target = join(vault, 'data', name);
    const current = await readFile(target).catch(() => null);
    if (current && current.equals(bytes)) continue;
    const tmp = join(vault, 'data', `.syncthing.${name}.tmp`);
    await writeFile(tmp, bytes);
    await rename(tmp, target);
    delivered += 1;
  }
  assert.ok(delivered > 0, 'the engine delivered the office change log');
  const arrivedAt = Date.now();
  // Nothing is being typed on the journal: the change shows by itself (decision 64), no banner.
  await s.waitFor('[data-recent] li', { text: 'Added at the office meanwhile', timeout: 10000 });
  console.log(`# delivery to the window showing it: ${Date.now() - arrivedAt} ms (polled every 100 ms)`);
  assert.deepEqual(await texts(s, '[data-status]'), ['Showing changes made on another computer.']);
  assert.equal(await s.execute("return document.querySelector('[data-changes-arrived]')"), null, 'no banner');
  assert.equal(await s.execute("return document.querySelector('nav a[aria-current=\"page\"]').dataset.screen"), 'journal', 'the same screen');
  assert.deepEqual(await texts(s, '[data-recent] li'), [
    'Added at the office meanwhile Thu, 2 Apr 2026 · mood 5/10',
    'Second office note Wed, 1 Apr 2026 · mood 7/10',
    'Written at the office Wed, 1 Apr 2026 · mood 6/10',
  ]);
  assert.deepEqual(await axeViolations(s), []);
});

// Oracle test of Settings → Computers (issue 15, deliverables 1, 4 and 8), on the base fixture
// plus `--scenario devices` (cli/src/bin/e2e_seed.rs): after seeding, the real `wellkept`
// binary, with a state folder of its own and its clock at Sat, 28 Mar 2026 19:05 UTC, opened
// the vault as a second computer and named itself "Laptop at home". The app's computer opens
// it at the fixture's Thursday 2 April 2026 08:30 UTC (09:30 in London). Each computer's id is
// read from its own state folder, not from the window.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { APP, axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { pinnedEnv, seededRoot, startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
let host = '';
/** @type {{app: string, laptop: string}} */
const ids = { app: '', laptop: '' };

/**
 * The id a computer keeps for this vault in its state folder (one file per vault it has saved
 * to: the seed's other vaults leave theirs beside it).
 * @param {string} state @param {string} vaultId
 */
async function idIn(state, vaultId) {
  return (await readFile(join(state, 'wellkept', 'devices', vaultId), 'utf8')).trim();
}

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'devices' }));
  const data = join(seededRoot(s), 'data');
  const vaultId = JSON.parse(await readFile(join(data, 'app.wellkept.desktop', 'vault', 'wellkept-vault.json'), 'utf8')).vault_id;
  ids.app = await idIn(data, vaultId);
  ids.laptop = await idIn(join(data, 'app.wellkept.desktop', 'laptop-state'), vaultId);
  host = (await readFile('/proc/sys/kernel/hostname', 'utf8')).trim();
});
after(() => s?.end());

/** @param {string} css */
const textOf = (css) => s.execute('return document.querySelector(arguments[0])?.textContent.trim()', [css]);

async function computers() {
  return texts(s, '[data-device-list] > li');
}

test('Settings lists both computers, this one first and marked, with when each first and last opened the vault', async () => {
  await openScreen(s, 'settings');
  await s.waitFor('[data-device-list] [data-device-name]');
  assert.notEqual(ids.app, ids.laptop);
  assert.deepEqual(await computers(), [
    `${host} This computer Home First opened Thu, 2 Apr 2026, 09:30 · last opened Thu, 2 Apr 2026, 09:30 · id ${ids.app.slice(0, 8)}`,
    `Laptop at home First opened Sat, 28 Mar 2026, 19:05 · last opened Sat, 28 Mar 2026, 19:05 · id ${ids.laptop.slice(0, 8)} Remove Make it the home…`,
  ]);
  assert.equal(await textOf('[data-home-line]'), "The home keeps the vault's snapshots and backups; the other computers' changes are folded into them there.");
  assert.equal(await s.execute("return document.querySelector('#device-name').value"), host);
  await s.execute("document.querySelector('[data-device-list]').scrollIntoView({ block: 'center' })");
  await screenshot(s, '29-computers');
  assert.deepEqual(await axeViolations(s), []);
});

test('renaming this computer writes its new name; removing the laptop takes it off the list', async () => {
  await replaceText(s, '#device-name', 'Office desktop');
  await (await s.waitFor('[data-device-rename] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('[data-device-list] [data-device-name]')?.textContent === 'Office desktop'", 'the new name shows');
  assert.deepEqual((await computers()).map((line) => line.split(' First opened')[0]), ['Office desktop This computer Home', 'Laptop at home']);

  await (await s.waitFor(`[data-remove-device="${ids.laptop}"]`)).click();
  await waitUntil(s, "return document.querySelectorAll('[data-device-list] > li').length === 1", 'one computer left');
  assert.deepEqual(await computers(), [
    `Office desktop This computer Home First opened Thu, 2 Apr 2026, 09:30 · last opened Thu, 2 Apr 2026, 09:30 · id ${ids.app.slice(0, 8)}`,
  ]);
  const files = await readdir(join(seededRoot(s), 'data', 'app.wellkept.desktop', 'vault', 'devices'));
  assert.deepEqual(files, [`${ids.app}.age`], 'only this computer’s entry is left in the vault folder');

  // An empty name is refused with a message, and nothing changes.
  await replaceText(s, '#device-name', '   ');
  await (await s.waitFor('[data-device-rename] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('#device-name-error').textContent !== ''", 'an error shows');
  assert.equal(await s.execute("return document.querySelector('#device-name-error').textContent"), 'Name: give this computer a name');
  assert.deepEqual((await computers()).map((line) => line.split(' First opened')[0]), ['Office desktop This computer Home']);
});

/**
 * The laptop opens its own copy of the vault folder with the real `wellkept` binary, its own
 * state folder and clock; the engine then delivers the files it changed to this computer's
 * folder (written beside their place and renamed over it, as Syncthing does).
 * @param {string} now @param {string[]} args
 */
async function onTheLaptop(now, args) {
  const root = seededRoot(s);
  const vault = join(root, 'data', 'app.wellkept.desktop', 'vault');
  const copy = join(root, 'laptop-copy', 'vault');
  await rm(dirname(copy), { recursive: true, force: true });
  await cp(vault, copy, { recursive: true, filter: (src) => !src.endsWith('vault.lock') });
  const env = { ...pinnedEnv(root), XDG_DATA_HOME: join(root, 'data', 'app.wellkept.desktop', 'laptop-state'), WELLKEPT_TEST_CLOCK: now };
  execFileSync(join(dirname(APP), 'wellkept'), ['--vault', copy, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const name = join('devices', `${ids.laptop}.age`);
  await mkdir(join(vault, 'devices'), { recursive: true });
  await writeFile(join(vault, name + '.syncthing.tmp'), await readFile(join(copy, name)));
  await rename(join(vault, name + '.syncthing.tmp'), join(vault, name));
}

test('the home is handed to the laptop and taken back: each step asks first and says what it means, and the list shows where the home is', async () => {
  const laptop = 'Laptop at home';
  // The laptop opens the vault again at 10:00 London time and names itself again (its entry,
  // with its name, was removed): it is listed again, with the day it first opened the vault.
  await onTheLaptop('2026-04-02T09:00:00Z', ['devices', 'rename', 'Laptop at home']);
  await openScreen(s, 'dashboard');
  await openScreen(s, 'settings');
  await waitUntil(s, "return document.querySelectorAll('[data-device-list] > li').length === 2", 'the laptop is listed again');
  // The one last seen first: the laptop, at 10:00.
  assert.deepEqual((await computers()).map((line) => line.split(' First opened')[0]), ['Laptop at home', 'Office desktop This computer Home']);

  // Handing the home to the laptop asks first.
  await (await s.waitFor(`[data-hand-home="${ids.laptop}"]`)).click();
  await waitUntil(s, "return document.querySelector('[data-home-dialog]').open", 'the dialog opens');
  assert.equal(await textOf('[data-home-title]'), `Make ${laptop} the home?`);
  assert.equal(await textOf('[data-home-text]'), `${laptop} will keep this vault's snapshots and backups once your sync folder has delivered this change. From then on this computer saves only its own changes, which ${laptop} folds in, and backups are made there.`);
  assert.equal(await textOf('[data-home-confirm]'), `Make ${laptop} the home`);
  assert.deepEqual(await axeViolations(s), []);
  await (await s.waitFor('[data-home-confirm]')).click();
  await waitUntil(s, `return document.querySelector('[data-device="${ids.laptop}"] [data-home-badge]') !== null || document.querySelector('[data-home-error]').textContent !== ''`, 'the laptop is the home');
  assert.equal(await textOf('[data-home-error]'), '');
  assert.equal(await s.execute("return document.querySelector('[data-home-dialog]').open"), false);
  assert.deepEqual(await computers(), [
    // Taken off the list earlier, the laptop keeps the day it first opened the vault (Sat 28
    // March, from the copy of its entry it keeps: docs/decisions.md 75), not the day it came back.
    `${laptop} Home First opened Sat, 28 Mar 2026, 19:05 · last opened Thu, 2 Apr 2026, 10:00 · id ${ids.laptop.slice(0, 8)}`,
    `Office desktop This computer First opened Thu, 2 Apr 2026, 09:30 · last opened Thu, 2 Apr 2026, 09:30 · id ${ids.app.slice(0, 8)} Make this computer the home…`,
  ]);
  assert.equal(await textOf('[data-status]'), `${laptop} is now the home.`);

  // The laptop is retired without a word: this computer takes the home back, after saying
  // what that means, and the laptop leaves the list.
  await (await s.waitFor('[data-take-home]')).click();
  await waitUntil(s, "return document.querySelector('[data-home-dialog]').open", 'the dialog opens');
  assert.equal(await textOf('[data-home-title]'), 'Make this computer the home?');
  assert.equal(await textOf('[data-home-text]'), `Do this only if ${laptop} will not open this vault again: it is retired, lost or wiped. To move the home while ${laptop} still works, do it on ${laptop}. This computer will keep the snapshots and backups, and ${laptop} is taken off this list.`);
  await s.execute("document.querySelector('[data-home-dialog]').scrollIntoView({ block: 'center' })");
  await screenshot(s, '29-make-this-computer-the-home');
  await (await s.waitFor('[data-home-confirm]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-device-list] > li').length === 1", 'one computer left');
  assert.deepEqual(await computers(), [
    `Office desktop This computer Home First opened Thu, 2 Apr 2026, 09:30 · last opened Thu, 2 Apr 2026, 09:30 · id ${ids.app.slice(0, 8)}`,
  ]);
  assert.equal(await textOf('[data-status]'), 'This computer is now the home.');
  const files = await readdir(join(seededRoot(s), 'data', 'app.wellkept.desktop', 'vault', 'devices'));
  assert.deepEqual(files, [`${ids.app}.age`], 'only this computer’s entry is left, and no change log of its own: its move is folded into data/');
});

test('a damaged entry of the laptop is listed as damaged, with no first-opened time and what mends it (decision 76)', async () => {
  // The laptop opens again (its entry comes back from the copy it keeps), and the entry is
  // then damaged on the way: one bit flipped, as the person who found decision 75's defect did.
  await onTheLaptop('2026-04-02T09:15:00Z', ['devices', 'rename', 'Laptop at home']);
  const entry = join(seededRoot(s), 'data', 'app.wellkept.desktop', 'vault', 'devices', `${ids.laptop}.age`);
  const bytes = await readFile(entry);
  bytes[200] ^= 1;
  await writeFile(entry, bytes);
  const changed = new Date('2026-04-02T09:45:00Z'); // 10:45 in London
  await utimes(entry, changed, changed);
  await openScreen(s, 'dashboard');
  await openScreen(s, 'settings');
  await waitUntil(s, "return document.querySelectorAll('[data-device-list] > li').length === 2", 'the laptop is listed again');
  assert.deepEqual(await computers(), [
    `a computer whose entry is damaged Entry last changed Thu, 2 Apr 2026, 10:45 · id ${ids.laptop.slice(0, 8)} Its entry in the vault folder is damaged, so its name and when it first opened the vault are not known (the entry holds nothing else). That computer sets it aside and writes a fresh one when it next opens the vault. Remove Make it the home…`,
    `Office desktop This computer Home First opened Thu, 2 Apr 2026, 09:30 · last opened Thu, 2 Apr 2026, 09:30 · id ${ids.app.slice(0, 8)}`,
  ]);
  // The rename box still holds this computer's own name, not a description.
  assert.equal(await s.execute("return document.querySelector('#device-name').value"), 'Office desktop');
  assert.deepEqual(await readFile(entry), bytes, 'this computer never writes the laptop’s entry');
  await s.execute("document.querySelector('[data-device-list]').scrollIntoView({ block: 'center' })");
  await screenshot(s, '29-damaged-entry');
  assert.deepEqual(await axeViolations(s), []);
});

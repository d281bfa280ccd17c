// Oracle test of Settings → Computers (issue 15, deliverables 1, 4 and 8), on the base fixture
// plus `--scenario devices` (cli/src/bin/e2e_seed.rs): after seeding, the real `wellkept`
// binary, with a state folder of its own and its clock at Sat, 28 Mar 2026 19:05 UTC, opened
// the vault as a second computer and named itself "Laptop at home". The app's computer opens
// it at the fixture's Thursday 2 April 2026 08:30 UTC (09:30 in London). Each computer's id is
// read from its own state folder, not from the window.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { seededRoot, startSeededApp, texts } from './lib/oracle.js';

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

async function computers() {
  return texts(s, '[data-device-list] > li');
}

test('Settings lists both computers, this one first and marked, with when each first and last opened the vault', async () => {
  await openScreen(s, 'settings');
  await s.waitFor('[data-device-list] [data-device-name]');
  assert.notEqual(ids.app, ids.laptop);
  assert.deepEqual(await computers(), [
    `${host} This computer First opened Thu, 2 Apr 2026, 09:30 · last opened Thu, 2 Apr 2026, 09:30 · id ${ids.app.slice(0, 8)}`,
    `Laptop at home First opened Sat, 28 Mar 2026, 19:05 · last opened Sat, 28 Mar 2026, 19:05 · id ${ids.laptop.slice(0, 8)} Remove`,
  ]);
  assert.equal(await s.execute("return document.querySelector('#device-name').value"), host);
  await s.execute("document.querySelector('[data-device-list]').scrollIntoView({ block: 'center' })");
  await screenshot(s, '29-computers');
  assert.deepEqual(await axeViolations(s), []);
});

test('renaming this computer writes its new name; removing the laptop takes it off the list', async () => {
  await replaceText(s, '#device-name', 'Office desktop');
  await (await s.waitFor('[data-device-rename] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('[data-device-list] [data-device-name]')?.textContent === 'Office desktop'", 'the new name shows');
  assert.deepEqual((await computers()).map((line) => line.split(' First opened')[0]), ['Office desktop This computer', 'Laptop at home']);

  await (await s.waitFor(`[data-remove-device="${ids.laptop}"]`)).click();
  await waitUntil(s, "return document.querySelectorAll('[data-device-list] > li').length === 1", 'one computer left');
  assert.deepEqual(await computers(), [
    `Office desktop This computer First opened Thu, 2 Apr 2026, 09:30 · last opened Thu, 2 Apr 2026, 09:30 · id ${ids.app.slice(0, 8)}`,
  ]);
  const files = await readdir(join(seededRoot(s), 'data', 'app.wellkept.desktop', 'vault', 'devices'));
  assert.deepEqual(files, [`${ids.app}.age`], 'only this computer’s entry is left in the vault folder');

  // An empty name is refused with a message, and nothing changes.
  await replaceText(s, '#device-name', '   ');
  await (await s.waitFor('[data-device-rename] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('#device-name-error').textContent !== ''", 'an error shows');
  assert.equal(await s.execute("return document.querySelector('#device-name-error').textContent"), 'Name: give this computer a name');
  assert.deepEqual((await computers()).map((line) => line.split(' First opened')[0]), ['Office desktop This computer']);
});

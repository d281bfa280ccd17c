// Issue 9, through the window: a vault whose change log was put back to an earlier copy (after
// this computer saw it go further) is refused with exactly what is missing, changes nothing on
// disk, opens read-only to look (every save refused, nothing lost), and opens normally once the
// person types the confirmation phrase; the next start opens with no warning.
//
// The vault is made with the real command-line tool on a pinned clock, in a folder of its own
// (the other files' shared vault is not touched): three entries, a copy of its data files, two
// more entries (this computer's mark moves to five changes), then the copy put back.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP, axeViolations, screenshot } from './lib/app.js';
import { lockFromHeader, waitForDashboard } from './lib/flows.js';
import { pinnedEnv, startPinnedApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
let root = '';
let vault = '';
/** @type {Record<string, string>} */
let env = {};

/** Exactly what the window says for two missing changes made at 08:30 UTC on 2 April. */
const REFUSAL =
  'This vault is missing 2 saved changes that this computer saw (the newest from 2026-04-02 08:30 UTC). ' +
  'Older or missing files may have been put in the vault folder (by a sync tool, a restored copy, or someone with ' +
  'access to it). Nothing was changed on disk. You can open it read-only to look, restore a backup, or accept the ' +
  'loss by typing "accept losing 2 changes".';

/** The three entries the put-back files hold, newest first, as the journal lists them. */
const OLDER_ENTRIES = [
  'Third entry Thu, 2 Apr 2026 · mood 7/10',
  'Second entry Thu, 2 Apr 2026 · mood 6/10',
  'First entry Thu, 2 Apr 2026 · mood 5/10',
];

/**
 * Runs the `wellkept` command line on the test vault with the clock at `now`.
 * @param {string} now
 * @param {string[]} args
 */
function cli(now, args) {
  const wellkept = join(dirname(APP), 'wellkept');
  try {
    return execFileSync(wellkept, ['--vault', vault, ...args], {
      env: { ...process.env, ...env, WELLKEPT_TEST_CLOCK: now },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = /** @type {{stderr?: string}} */ (error).stderr ?? '';
    throw new Error(`wellkept ${args.join(' ')} failed: ${stderr}`, { cause: error });
  }
}

/**
 * Every file under `dir` and its bytes (the writer's lock file aside, as tests/common does).
 * @param {string} dir
 * @returns {Promise<Map<string, string>>}
 */
async function filesUnder(dir) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'vault.lock') continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), (await readFile(path)).toString('base64'));
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** The vault folder and this computer's marks, byte for byte. */
async function vaultAndMark() {
  return { vault: await filesUnder(vault), marks: await filesUnder(join(env.XDG_DATA_HOME, 'wellkept', 'marks')) };
}

/** @param {string} title @param {number} mood @param {string} now */
function addEntry(title, mood, now) {
  cli(now, ['journal', 'add', '--title', title, '--mood', String(mood), `Text of ${title.toLowerCase()}.`]);
}

async function openJournal() {
  await (await s.waitFor('nav a[data-screen="journal"]')).click();
  await s.waitFor('nav a[data-screen="journal"][aria-current="page"]');
  await s.waitFor('[data-recent] [data-entry-id]');
}

before(async () => {
  if (!APP || !process.env.E2E_ROOT) throw new Error('run the end-to-end tests through scripts/e2e.sh');
  root = await mkdtemp(join(process.env.E2E_ROOT, 'rollback-'));
  env = pinnedEnv(root);
  vault = join(env.XDG_DATA_HOME, 'app.wellkept.desktop', 'vault');
  await mkdir(dirname(vault), { recursive: true });
  const passphraseFile = join(root, 'passphrase');
  await writeFile(passphraseFile, 'rolled back river 27\n');
  cli('2026-04-02T08:30:00Z', ['--passphrase-file', passphraseFile, 'init', '--recovery-key-out', join(root, 'recovery')]);
  // Each entry one change, a few seconds apart on the pinned clock, so the list order is fixed.
  addEntry('First entry', 5, '2026-04-02T08:30:01Z');
  addEntry('Second entry', 6, '2026-04-02T08:30:02Z');
  addEntry('Third entry', 7, '2026-04-02T08:30:03Z');
  await cp(join(vault, 'data'), join(root, 'data-after-three'), { recursive: true });
  addEntry('Fourth entry', 8, '2026-04-02T08:30:04Z');
  addEntry('Fifth entry', 9, '2026-04-02T08:30:05Z');
  // Put the older change log (and its snapshot) back, as a sync tool or an old copy would.
  await rm(join(vault, 'data'), { recursive: true });
  await cp(join(root, 'data-after-three'), join(vault, 'data'), { recursive: true });
});

after(async () => {
  await s?.end();
});

test('the command line saw five changes and the files put back hold three', () => {
  // The premise of every test below, checked with the tool a person would use.
  const refused = (() => {
    try {
      cli('2026-04-02T08:31:00Z', ['unlock']);
      return null;
    } catch (error) {
      return String(/** @type {Error} */ (error).message);
    }
  })();
  assert.ok(refused?.includes('missing 2 saved changes'), `the command line refuses too: ${refused}`);
});

test('a rolled-back vault is refused with exactly what is missing, and its files stay byte-identical', async () => {
  const before = await vaultAndMark();
  s = await startPinnedApp(root, env);
  // A cold start tries the keychain at once; the refusal replaces the unlock form.
  const heading = await s.waitFor('h1#rollback-title', { timeout: 30000 });
  assert.equal(await heading.text(), 'Changes are missing from this vault');
  assert.deepEqual(await texts(s, '[data-rollback-message]'), [REFUSAL]);
  assert.deepEqual(await texts(s, '[data-rollback-detail]'), [
    'This computer saw the vault reach change 5; the vault folder now ends at change 3.',
  ]);
  assert.deepEqual(await texts(s, '.rollback-choices button'), ['Open read-only', 'Restore a backup…', 'Accept the loss…']);
  assert.equal(await s.execute('return document.activeElement?.id'), 'rollback-title', 'focus moves to what happened');
  await screenshot(s, 'rollback-refused');
  assert.deepEqual(await axeViolations(s), [], 'the refusal has no serious or critical accessibility violations');
  assert.deepEqual(await vaultAndMark(), before, 'the refused unlock changed no file in the vault folder and not the mark');
});

test('restore a backup leads into the restore form without opening the vault', async () => {
  const restore = await s.waitFor('[data-restore-backup]');
  await restore.click();
  await s.waitFor('[data-restore-slot] wk-restore-screen form[data-restore]');
  assert.equal(await restore.attribute('aria-expanded'), 'true');
  assert.deepEqual(await texts(s, '#restore-title'), ['Restore from a backup']);
  await restore.click();
  await s.waitGone('[data-restore-slot] wk-restore-screen');
});

test('read-only shows exactly the older entries under a banner saying why, and a save is refused losing nothing', async () => {
  const before = await vaultAndMark();
  await (await s.waitFor('[data-open-read-only]')).click();
  await waitForDashboard(s);
  assert.deepEqual(await texts(s, '[data-read-only-banner]'), [
    'Read-only: nothing you change here is saved. It is missing 2 saved changes that this computer saw ' +
      '(the newest from 2026-04-02 08:30 UTC). To keep working, lock it and unlock again, then restore a backup or accept the loss.',
  ]);
  await openJournal();
  assert.deepEqual(await texts(s, '[data-recent] li'), OLDER_ENTRIES);
  assert.equal((await texts(s, '[data-read-only-banner]')).length, 1, 'the banner stays on every screen');

  const body = await s.waitFor('#entry-body');
  await body.type('Written while the vault was read-only.');
  await s.waitFor('[data-save-status][data-state="error"]', { timeout: 10000 });
  assert.deepEqual(await texts(s, '[data-save-status]'), [
    'Not saved: This vault was opened read-only, so this change was not saved. To make changes, lock or close the vault and open it again without read-only.',
  ]);
  assert.equal(await body.property('value'), 'Written while the vault was read-only.', 'what was typed is still in the editor');
  await screenshot(s, 'rollback-read-only');
  assert.deepEqual(await vaultAndMark(), before, 'read-only changed no file and not the mark');
});

test('accepting the loss needs the exact typed phrase, then opens with the older entries', async () => {
  await lockFromHeader(s);
  await (await s.waitFor('[data-keychain]')).click();
  await s.waitFor('h1#rollback-title');
  assert.deepEqual(await texts(s, '[data-rollback-message]'), [REFUSAL], 'unlocking normally is refused again');

  await (await s.waitFor('[data-accept-loss]')).click();
  await s.waitFor('dialog[data-accept-dialog][open]');
  assert.deepEqual(await texts(s, '[data-accept-phrase]'), ['accept losing 2 changes']);
  assert.equal(await s.execute('return document.activeElement?.id'), 'accept-phrase', 'the phrase field has focus');
  const confirm = await s.waitFor('[data-accept-confirm]');
  const phrase = await s.waitFor('#accept-phrase');
  assert.equal(await confirm.property('disabled'), true, 'disabled before anything is typed');
  await phrase.type('accept losing 3 changes');
  assert.equal(await confirm.property('disabled'), true, 'a wrong count does not match');
  await phrase.clear();
  await phrase.type('accept losing 2 change');
  assert.equal(await confirm.property('disabled'), true, 'part of the phrase does not match');
  await phrase.type('s');
  assert.equal(await confirm.property('disabled'), false, 'the exact phrase enables the button');
  await screenshot(s, 'rollback-accept-dialog');
  // Keyboard: Enter in the field submits the dialog's form.
  await s.press({ key: '\uE007' });
  await waitForDashboard(s);
  assert.equal(await s.find('[data-read-only-banner]'), null, 'opened normally, with no read-only banner');
  await openJournal();
  assert.deepEqual(await texts(s, '[data-recent] li'), OLDER_ENTRIES);
});

test('after accepting, a restart opens without any warning', async () => {
  await s.end();
  s = await startPinnedApp(root, env);
  await waitForDashboard(s);
  assert.equal(await s.find('#rollback-title'), null, 'no refusal');
  assert.equal(await s.find('[data-read-only-banner]'), null, 'no read-only banner');
  await openJournal();
  assert.deepEqual(await texts(s, '[data-recent] li'), OLDER_ENTRIES);
});

// An erasure holds when a backup from before it is restored (docs/practice.md, "Retention and
// erasure"), through the window: the vault is made with the real command-line tool on a pinned
// clock (Alex Morgan with a session note, Cai Active with one), backed up, Alex erased, and the
// backup restored where the app opens its vault. Before, the window then showed Alex and his note
// again without a word. Now the unlock erases him again at once, a banner says exactly that over
// every screen, the clients list and the search no longer hold him, the erasure log says what
// happened, and the next unlock says nothing.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP, axeViolations, screenshot } from './lib/app.js';
import { lockFromHeader, openScreen, replaceText, waitForDashboard, waitUntil } from './lib/flows.js';
import { pinnedEnv, startPinnedApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
let root = '';
let vault = '';
let alex = '';
/** @type {Record<string, string>} */
let env = {};

const BANNER =
  'This vault is an older copy, made before an erasure (a restored backup?): 1 client erased on 2 Apr 2026 was in it ' +
  'and has been erased again, with everything that referred to them. The erasure log, below the list of clients, shows each one.';

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

/** @param {string} out */
const savedId = (out) => /^saved (\S+)$/m.exec(out)?.[1] ?? '';

/** "Erased client 1a2b3c4d": the id's last eight hex digits. */
function erasedLabel(/** @type {string} */ id) {
  const hex = id.replace(/[^0-9a-f]/gi, '');
  return `Erased client ${hex.slice(-8)}`;
}

before(async () => {
  if (!APP || !process.env.E2E_ROOT) throw new Error('run the end-to-end tests through scripts/e2e.sh');
  root = await mkdtemp(join(process.env.E2E_ROOT, 'erasure-restore-'));
  env = pinnedEnv(root);
  vault = join(env.XDG_DATA_HOME, 'app.wellkept.desktop', 'vault');
  await mkdir(dirname(vault), { recursive: true });
  const passphraseFile = join(root, 'passphrase');
  await writeFile(passphraseFile, 'restored river 31\n');
  cli('2026-04-02T08:30:00Z', ['--passphrase-file', passphraseFile, 'init', '--recovery-key-out', join(root, 'recovery')]);
  alex = savedId(cli('2026-04-02T08:30:01Z', ['client', 'add', 'Alex', 'Morgan']));
  const cai = savedId(cli('2026-04-02T08:30:02Z', ['client', 'add', 'Cai', 'Active']));
  cli('2026-04-02T08:30:03Z', ['note', 'add', '--client', alex, '--date', '2026-03-30', '--text', 'Talked about the Quayside walk']);
  cli('2026-04-02T08:30:04Z', ['note', 'add', '--client', cai, '--date', '2026-04-01', '--text', 'Planned the week ahead']);
  const backup = join(root, 'old.wkb');
  cli('2026-04-02T08:30:05Z', ['backup', backup]);
  cli('2026-04-02T08:30:06Z', [
    'client', 'erase', alex, '--reason', 'request', '--note', 'Letter of 1 Apr 2026', '--override', 'Alex Morgan', '--yes',
  ]);
  // The vault lost (moved aside), the backup restored where the app opens its vault.
  await rename(vault, join(root, 'vault-before-restore'));
  cli('2026-04-02T08:30:07Z', ['restore', backup, vault]);
});

after(async () => {
  await s?.end();
});

test('the unlock erases the client again at once and says so over every screen', async () => {
  s = await startPinnedApp(root, env);
  // A cold start unlocks with the keychain (the restored vault has the same id and key).
  await waitForDashboard(s);
  assert.deepEqual(await texts(s, '[data-erased-again-banner]'), [BANNER]);
  await screenshot(s, 'erasure-after-restore');
  assert.deepEqual(await axeViolations(s), [], 'the banner has no serious or critical accessibility violations');

  await openScreen(s, 'clients');
  assert.equal((await texts(s, '[data-erased-again-banner]')).length, 1, 'the banner stays on every screen');
  await waitUntil(s, "return document.querySelectorAll('[data-list] [data-client]').length > 0", 'the list is drawn');
  assert.deepEqual(await texts(s, '[data-list] strong'), ['Cai Active']);
  await waitUntil(s, "return document.querySelectorAll('[data-erasure]').length === 1", 'the erasure is logged');
  assert.deepEqual(await texts(s, '[data-erasure]'), [
    `${erasedLabel(alex)} · 2 Apr 2026 · lawful request (Art. 17) · Erased again on 2 Apr 2026: an older copy of the vault that still held this client was opened (first erased on 2 Apr 2026)`,
  ]);

  await replaceText(s, '#global-search', 'Quayside');
  await s.execute("document.querySelector('[data-search]').requestSubmit()");
  await waitUntil(
    s,
    `const screen = document.querySelector('wk-search-screen');
     return screen?.querySelector('#search-title')?.textContent === 'Search: “Quayside”'
       && !screen.querySelector('[data-summary]')?.textContent.includes('Searching');`,
    'the search has run',
  );
  assert.deepEqual(await texts(s, 'wk-search-screen [data-summary]'), [
    'Nothing matches. Try fewer or different words; a word ending in * matches its beginning.',
  ]);
});

test('the next unlock has nothing to erase and says nothing', async () => {
  await lockFromHeader(s);
  await (await s.waitFor('[data-keychain]')).click();
  await waitForDashboard(s);
  assert.deepEqual(await texts(s, '[data-erased-again-banner]'), []);
});

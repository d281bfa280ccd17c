/**
 * Oracle tests: the real app on a vault of known data, with the clock and time zone pinned, so a
 * test can assert the exact text a person reads.
 *
 * Usage:
 *   const s = await startSeededApp();            // seeds a fresh vault, starts the app on it
 *   await waitForDashboard(s);
 *   assert.deepEqual(await texts(s, '[data-panel="risk-flags"] li'), ['Jo (Jordan Rivers): …']);
 *   assert.deepEqual(await chart(s, 'wk-dashboard-screen wk-line-chart'), { from: …, to: …, rows: … });
 *
 * How: `wellkept-e2e-seed` (cli/src/bin/e2e_seed.rs, built beside the app) writes the vault through
 * the core's public API into a folder of its own under E2E_ROOT, with its key in the run's
 * private keychain. The app is started through a two-line wrapper script that sets, for that
 * process only, WELLKEPT_TEST_CLOCK (the core's and the window's "now"), TZ, and XDG folders
 * pointing at the seeded vault; the other test files keep their own shared vault untouched.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { APP, WEBDRIVER_URL, screenshot } from './app.js';
import { Session } from './webdriver.js';

/** Thursday 2 April 2026, 09:30 in London: four days after the clocks went forward. */
export const FIXTURE_NOW = '2026-04-02T08:30:00Z';
export const FIXTURE_TZ = 'Europe/London';

/**
 * Seeds a fresh vault and starts the app on it with the pinned clock. `scenario: 'client-tools'`
 * adds, on top of the fixture, the owner's self-help records and what a client shared (see
 * src/bin/e2e_seed.rs).
 * `env` adds variables to the app's environment only (not the seed's), e.g. the reminder loop's
 * period.
 * @param {{now?: string, tz?: string, scenario?: 'client-tools'|'risk-flags'|'measures'|'every-kind'|'reminders'|'goals-notes'|'calendar'|'contact-roles'|'disclosures'|'billing'|'billing_corrections'|'retention'|'private_notes'|'attachments'|'devices', env?: Record<string, string>}} [options]
 */
export async function startSeededApp({ now = FIXTURE_NOW, tz = FIXTURE_TZ, scenario, env: extra = {} } = {}) {
  if (!APP || !process.env.E2E_ROOT) throw new Error('run the end-to-end tests through scripts/e2e.sh');
  const root = await mkdtemp(join(process.env.E2E_ROOT, 'oracle-'));
  const env = pinnedEnv(root, { now, tz });
  // The app looks for its vault in $XDG_DATA_HOME/<identifier>/vault (src-tauri/src/lib.rs).
  const vault = join(env.XDG_DATA_HOME, 'app.wellkept.desktop', 'vault');
  await mkdir(dirname(vault), { recursive: true });
  const seed = join(dirname(APP), 'wellkept-e2e-seed');
  try {
    execFileSync(seed, scenario ? [vault, '--scenario', scenario] : [vault], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = /** @type {{stderr?: Buffer}} */ (error).stderr?.toString() ?? '';
    throw new Error(`seeding the oracle vault with ${seed} failed: ${stderr}`, { cause: error });
  }
  const session = await startPinnedApp(root, { ...env, ...extra });
  seededRoots.set(session, root);
  return session;
}

/** The folder each seeded session's vault and XDG folders live in. */
const seededRoots = new WeakMap();

/**
 * The folder a session from `startSeededApp` keeps its files in: `data/` is its
 * XDG_DATA_HOME, with the vault at `data/app.wellkept.desktop/vault`.
 * @param {Session} session
 * @returns {string}
 */
export function seededRoot(session) {
  const root = seededRoots.get(session);
  if (!root) throw new Error('not a session from startSeededApp');
  return root;
}

/**
 * The environment that pins the clock and time zone and keeps the app's folders under `root`.
 * @param {string} root
 * @param {{now?: string, tz?: string}} [options]
 */
export function pinnedEnv(root, { now = FIXTURE_NOW, tz = FIXTURE_TZ } = {}) {
  return {
    WELLKEPT_TEST_CLOCK: now,
    TZ: tz,
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_CACHE_HOME: join(root, 'cache'),
  };
}

/**
 * Starts the app with `env` added to its environment (see `pinnedEnv`), through a wrapper script
 * in `root`, and waits for its first view.
 * @param {string} root
 * @param {Record<string, string>} env
 */
export async function startPinnedApp(root, env) {
  // tauri-driver starts `application` with the driver's environment; the wrapper adds ours.
  const wrapper = join(root, 'wellkept-app-oracle.sh');
  const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v}'`).join('\n');
  await writeFile(wrapper, `#!/bin/sh\n${exports}\nexec '${APP}' "$@"\n`);
  await chmod(wrapper, 0o755);
  const session = await Session.start(WEBDRIVER_URL, wrapper);
  try {
    await session.waitFor('wk-app [data-view] > *', { timeout: 30000 });
  } catch (error) {
    await screenshot(session, 'oracle-start-failure').catch(() => {});
    await session.end();
    throw error;
  }
  return session;
}

/**
 * The text of every element matching `css`, whitespace collapsed, in document order.
 * @param {Session} s
 * @param {string} css
 * @returns {Promise<string[]>}
 */
export async function texts(s, css) {
  return s.execute(
    'return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.replace(/\\s+/g, " ").trim())',
    [css],
  );
}

/**
 * What a <wk-line-chart> shows: the x-range uPlot actually drew (and the one the figure
 * announces), the y-range, the tick labels under the x-axis, the caption, and every row of
 * its data table.
 * @param {Session} s
 * @param {string} css  selects the wk-line-chart element
 */
export async function chart(s, css) {
  await s.waitFor(`${css} figure`);
  return s.execute(`
    const el = document.querySelector(arguments[0]);
    const fig = el.querySelector('figure');
    const iso = (t) => new Date(t * 1000).toISOString();
    const plot = el.plot;
    return {
      caption: fig.querySelector('figcaption').textContent.trim(),
      from: fig.getAttribute('data-x-from'),
      to: fig.getAttribute('data-x-to'),
      drawn: plot ? [iso(plot.scales.x.min), iso(plot.scales.x.max)] : null,
      y: plot ? [plot.scales.y.min, plot.scales.y.max] : null,
      ticks: plot ? plot.axes[0]._values : null,
      rows: [...fig.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent.trim())),
    };`, [css]);
}

/**
 * For every element matching `css`, the text of each of its child elements (whitespace
 * collapsed): rows whose parts are laid out side by side without spaces between them. A row's
 * Edit / Move to trash buttons (`.record-section__actions`) are controls, not what the row
 * says, and are left out.
 * @param {Session} s
 * @param {string} css
 * @returns {Promise<string[][]>}
 */
export async function cells(s, css) {
  return s.execute(
    'return [...document.querySelectorAll(arguments[0])].map((e) => [...e.children].filter((c) => !c.matches(".record-section__actions")).map((c) => c.textContent.replace(/\\s+/g, " ").trim()))',
    [css],
  );
}

/**
 * Every action step of the goals on screen: description, owner and due date, the "Overdue"
 * badge if shown, and the status chosen.
 * @param {Session} s
 * @returns {Promise<string[][]>}
 */
export async function steps(s) {
  return s.execute(`return [...document.querySelectorAll('.goal')].map((g) => [
    g.querySelector('.goal__title').textContent.replace(/\\s+/g, ' ').trim(),
    ...[...g.querySelectorAll('.step')].map((st) => [
      st.querySelector('.step__text').textContent.trim(),
      st.querySelector('.step__text + .muted').textContent.replace(/\\s+/g, ' ').trim(),
      st.querySelector('.badge') ? st.querySelector('.badge').textContent.trim() : '',
      st.querySelector('select').value,
    ].join(' | ')),
  ])`);
}

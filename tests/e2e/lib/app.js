/**
 * Helpers shared by the end-to-end tests: start the real app through tauri-driver, find and kill
 * its process, save screenshots, run axe-core in the page.
 *
 * Environment (set by scripts/e2e.sh): WELLKEPT_APP (absolute path of the debug binary),
 * WEBDRIVER_URL, SCREENSHOT_DIR, TAURI_DRIVER_PID.
 */
import { readFile, readdir, readlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Session, sleep } from './webdriver.js';

const require = createRequire(import.meta.url);

export const APP = process.env.WELLKEPT_APP ?? '';
export const WEBDRIVER_URL = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? 'artifacts/screenshots';

/**
 * Starts the app and waits for <wk-app> to have rendered its first view.
 * @param {string[]} [args]  command-line arguments for the app
 */
export async function startApp(args = []) {
  if (!APP) throw new Error('WELLKEPT_APP is not set: run the end-to-end tests through scripts/e2e.sh');
  const session = await Session.start(WEBDRIVER_URL, APP, args);
  try {
    await session.waitFor('wk-app [data-view] > *', { timeout: 30000 });
  } catch (error) {
    const detail = await session
      .execute("return document.documentElement.getAttribute('data-boot-error') || document.body.innerText.slice(0, 500)")
      .catch(() => 'no page');
    await screenshot(session, 'start-failure').catch(() => {});
    await session.end();
    throw new Error(`the app did not start: ${detail}`, { cause: error });
  }
  return session;
}

/**
 * @param {Session} session
 * @param {string} name
 */
export function screenshot(session, name) {
  return session.screenshot(join(SCREENSHOT_DIR, `${name}.png`));
}

/**
 * Process ids of running wellkept-app processes descended from our tauri-driver: only the app
 * this test run started, never anything else on the machine.
 * @param {string} [exe]  another binary the run started (the measurements' bare-window floor)
 * @returns {Promise<number[]>}
 */
export async function appPids(exe = APP) {
  const root = Number(process.env.TAURI_DRIVER_PID);
  if (!root) throw new Error('TAURI_DRIVER_PID is not set: run through scripts/e2e.sh');
  /** @type {Map<number, number>} */
  const parent = new Map();
  /** @type {number[]} */
  const apps = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, Number(fields[1]));
      if ((await readlink(`/proc/${pid}/exe`)) === exe) apps.push(pid);
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return apps.filter((pid) => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === root) return true;
    return false;
  });
}

/** Kills the app with SIGKILL (no chance to save anything) and waits until it is gone. */
export async function killApp() {
  const pids = await appPids();
  if (pids.length === 0) throw new Error('no running wellkept-app found under tauri-driver');
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && (await appPids()).length > 0; i += 1) await sleep(50);
  return pids;
}

/**
 * Process start time of the app in ms since the epoch (from /proc, 10 ms resolution).
 * @param {number} pid
 */
export async function processStartMs(pid) {
  // /proc/<pid>/stat gives the start in clock ticks since boot. Boot time in /proc/stat is whole
  // seconds, which would put a constant error of up to a second into every figure; /proc/uptime
  // (10 ms resolution) read at a known wall-clock instant does not.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]);
  const nowMs = Date.now();
  const uptimeMs = Number((await readFile('/proc/uptime', 'utf8')).split(' ')[0]) * 1000;
  const hz = 100; // USER_HZ on Linux
  return nowMs - (uptimeMs - (startTicks * 1000) / hz);
}

/**
 * Injects axe-core and returns serious and critical violations for the current page.
 * @param {Session} session
 * @returns {Promise<{id: string, impact: string, help: string, nodes: string[]}[]>}
 */
export async function axeViolations(session) {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await session.execute(`${source}\n;return true;`);
  await session.setScriptTimeout(30000);
  const result = await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    window.axe.run(document, { resultTypes: ['violations'] })
      .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))))
      .catch((e) => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));`);
  return result.filter((/** @type {{impact: string}} */ v) => v.impact === 'serious' || v.impact === 'critical');
}

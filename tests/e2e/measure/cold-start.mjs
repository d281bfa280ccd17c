#!/usr/bin/env node
// Prints the cold-start figure: time from the app's process start to a painted, unlocked
// dashboard (keychain unlock, no typing), median of 5 launches under Xvfb. Run through
// `scripts/e2e.sh --measure` (needs the vault made by the end-to-end tests in the same run, or
// makes one itself when none exists). A figure, not a pass/fail test.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { appPids, processStartMs, startApp } from '../lib/app.js';
import { PASSPHRASE, waitForDashboard } from '../lib/flows.js';

const RUNS = Number(process.env.RUNS ?? 5);

async function ensureVault() {
  const s = await startApp();
  try {
    if (await s.find('wk-first-run-screen')) {
      await (await s.waitFor('#passphrase')).type(PASSPHRASE);
      await (await s.waitFor('#passphrase-confirm')).type(PASSPHRASE);
      await (await s.waitFor('button[data-create]')).click();
      await s.waitFor('[data-recovery-key]', { timeout: 60000 });
      // Finish the confirm step so the vault is fully set up.
      const groups = await s.execute("return [...document.querySelectorAll('.recovery-key__group')].map((g) => g.textContent.trim())");
      await (await s.waitFor('button[data-continue]')).click();
      const labels = await s.execute("return [...document.querySelectorAll('form[data-confirm] label')].map((l) => Number(l.textContent.replace('Group ', '')))");
      await (await s.waitFor('#group-a')).type(groups[labels[0] - 1]);
      await (await s.waitFor('#group-b')).type(groups[labels[1] - 1]);
      await (await s.waitFor('form[data-confirm] button[type="submit"]')).click();
    }
    await waitForDashboard(s);
  } finally {
    await s.end();
  }
}

/**
 * One cold start: its figure and its phases.
 * @param {string[]} args  command-line arguments for the app
 * @param {number[]} samples
 * @param {Record<string, number|null>[]} phases
 */
async function launch(args, samples, phases) {
  const s = await startApp(args);
  try {
    await waitForDashboard(s, 60000);
    const [pid] = await appPids();
    const painted = Number(await s.execute("return document.querySelector('[data-painted-at]').getAttribute('data-painted-at')"));
    const started = await processStartMs(pid);
    samples.push(Math.round(painted - started));
    // The panels fill after the paint; give them up to 5 s to report.
    for (let t = 0; t < 50 && !(await s.execute("return performance.getEntriesByName('wk-dashboard-panels').length > 0")); t += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    // Where the time went: wall-clock instants of the page's own timing marks.
    const at = await s.execute(`
      const t0 = performance.timeOrigin;
      const nav = performance.getEntriesByType('navigation')[0];
      const mark = (name) => { const m = performance.getEntriesByName(name)[0]; return m ? t0 + m.startTime : null; };
      return {
        pageRequested: t0,
        pageLoaded: nav ? t0 + nav.domContentLoadedEventEnd : null,
        statusAsked: mark('wk-status-asked'),
        statusAnswered: mark('wk-status-answered'),
        unlockAsked: mark('wk-unlock-asked'),
        unlockAnswered: mark('wk-unlock-answered'),
        statusAfterUnlock: mark('wk-status-after-unlock'),
        dashboardConnected: mark('wk-dashboard-connected'),
        painted: mark('wk-dashboard-painted'),
        panels: mark('wk-dashboard-panels'),
      };`);
    // The shell's own steps (scripts/e2e.sh sets WELLKEPT_STARTUP_TRACE in measure mode).
    /** @type {Record<string, number>} */
    const shell = {};
    const trace = await readFile(process.env.WELLKEPT_STARTUP_TRACE ?? '/nonexistent', 'utf8').catch(() => '');
    for (const line of trace.split('\n')) {
      const [p, name, ms] = line.split(' ');
      if (Number(p) === pid) shell[name] = Number(ms);
    }
    const step = (/** @type {number|null} */ from, /** @type {number|null} */ to) => (from == null || to == null ? null : Math.round(to - from));
    phases.push({
      'process start → window and page requested': step(started, at.pageRequested),
      '  of which: process start → main()': step(started, shell.main ?? null),
      '  main() → Tauri setup (GTK, event loop, plugins)': step(shell.main ?? null, shell.setup ?? null),
      '  setup → window and web view built': step(shell.setup ?? null, shell['window-built'] ?? null),
      '  window built → page requested': step(shell['window-built'] ?? null, at.pageRequested),
      'page loaded (HTML, CSS, modules)': step(at.pageRequested, at.pageLoaded),
      'page loaded → status asked': step(at.pageLoaded, at.statusAsked),
      'app status (is there a vault, settings)': step(at.statusAsked, at.statusAnswered),
      'status → keychain unlock asked': step(at.statusAnswered, at.unlockAsked),
      'keychain + decrypt + load the vault': step(at.unlockAsked, at.unlockAnswered),
      '  (early unlock started at setup, done this long after the page asked; < 0: before)': step(at.unlockAsked, shell['early-unlock-done'] ?? null),
      'unlocked → dashboard painted': step(at.unlockAnswered, at.painted),
      '  of which: app status again': step(at.unlockAnswered, at.statusAfterUnlock),
      '  frame and dashboard built': step(at.statusAfterUnlock, at.dashboardConnected),
      '  built → painted (two frames)': step(at.dashboardConnected, at.painted),
      '(after the figure) painted → panels filled': step(at.painted, at.panels),
    });
  } finally {
    await s.end();
  }
}
/**
 * The median figure and the median of each phase.
 * @param {number[]} samples
 * @param {Record<string, number|null>[]} phases
 */
function summarise(samples, phases) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  /** @type {Record<string, number|null>} */
  const breakdown = {};
  for (const name of Object.keys(phases[0] ?? {})) {
    const values = phases.map((p) => p[name]).filter((v) => v != null).sort((a, b) => Number(a) - Number(b));
    breakdown[name] = values.length ? Number(values[Math.floor(values.length / 2)]) : null;
  }
  return { samplesMs: samples, medianMs: median, medianPhasesMs: breakdown };
}

await ensureVault();
// COLD_START_COMPARE=1 also launches with `--no-early-unlock` (the unlock starting only when the
// page asks, as before), alternating with the normal launches so both see the same load.
const compare = process.env.COLD_START_COMPARE === '1';
/** @type {number[]} */ const samples = [];
/** @type {Record<string, number|null>[]} */ const phases = [];
/** @type {number[]} */ const lateSamples = [];
/** @type {Record<string, number|null>[]} */ const latePhases = [];
for (let i = 0; i < RUNS; i += 1) {
  if (compare && i % 2 === 1) await launch(['--no-early-unlock'], lateSamples, latePhases);
  await launch([], samples, phases);
  if (compare && i % 2 === 0) await launch(['--no-early-unlock'], lateSamples, latePhases);
}
const build = /release/.test(process.env.WELLKEPT_APP ?? '') ? 'release' : 'debug';
const vaultLabel = process.env.COLD_START_VAULT ?? 'the test vault';
const load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
const result = {
  figure: `cold start to unlocked, painted dashboard (keychain unlock, Xvfb, ${build} build, ${vaultLabel})`,
  ...summarise(samples, phases),
  withoutEarlyUnlock: compare ? summarise(lateSamples, latePhases) : undefined,
  loadAverage: load,
  at: new Date().toISOString(),
};
await mkdir('artifacts', { recursive: true });
await writeFile('artifacts/cold-start.json', `${JSON.stringify(result, null, 2)}\n`);
/** @param {string} label @param {ReturnType<typeof summarise>} r */
function print(label, r) {
  console.log(`cold start to unlocked dashboard (${build} build, ${vaultLabel}${label}): median ${r.medianMs} ms over ${r.samplesMs.length} launches (${r.samplesMs.join(', ')} ms)`);
  console.log('where it goes (median of each phase):');
  for (const [name, ms] of Object.entries(r.medianPhasesMs)) console.log(`  ${name}: ${ms ?? 'n/a'} ms`);
}
print('', result);
if (result.withoutEarlyUnlock) print(', --no-early-unlock: unlock starts when the page asks', result.withoutEarlyUnlock);
console.log(`load average at the end (1, 5, 15 min): ${load}`);

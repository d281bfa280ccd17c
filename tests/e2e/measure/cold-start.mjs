#!/usr/bin/env node
// Prints the cold-start figure: time from the app's process start to a painted, unlocked
// dashboard (keychain unlock, no typing), median of 5 launches under Xvfb. Run through
// `scripts/e2e.sh --measure` (needs the vault made by the end-to-end tests in the same run, or
// makes one itself when none exists). A figure, not a pass/fail test.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { appPids, processStartMs, startApp, WEBDRIVER_URL } from '../lib/app.js';
import { PASSPHRASE, waitForDashboard } from '../lib/flows.js';
import { Session } from '../lib/webdriver.js';
import { mb, median, processTree } from './proc.mjs';

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
 * One cold start: its figure, its phases, and the memory of its processes 2 s after the panels
 * filled.
 * @param {string[]} args  command-line arguments for the app
 * @param {number[]} samples
 * @param {Record<string, number|null>[]} phases
 * @param {Awaited<ReturnType<typeof processTree>>[]} memory
 */
async function launch(args, samples, phases, memory) {
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
    await new Promise((r) => setTimeout(r, 2000));
    memory.push(await processTree(pid));
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
 * Medians of the memory read after each launch, in MB.
 * @param {Awaited<ReturnType<typeof processTree>>[]} memory
 */
function memorySummary(memory) {
  const m = (/** @type {(t: Awaited<ReturnType<typeof processTree>>) => number} */ f) => mb(median(memory.map(f)).median);
  return {
    rssMb: { app: m((t) => t.app.rss), webProcess: m((t) => t.web.rss), networkProcess: m((t) => t.net.rss), total: m((t) => t.rss) },
    pssMb: { app: m((t) => t.app.pss), webProcess: m((t) => t.web.pss), networkProcess: m((t) => t.net.pss), total: m((t) => t.pss) },
    pssTotalRangeMb: [mb(median(memory.map((t) => t.pss)).min), mb(median(memory.map((t) => t.pss)).max)],
    libLLVMMapped: { app: memory.filter((t) => t.gl.app.llvm).length, web: memory.filter((t) => t.gl.web?.llvm).length, of: memory.length },
  };
}

/**
 * One start of the bare-window floor (src-tauri/examples/floor.rs): process start to its page's
 * paint mark, and its processes' memory 2 s later (as for the app).
 * @param {string} floor  absolute path of the floor binary
 * @param {string[]} args
 * @param {number[]} samples
 * @param {Awaited<ReturnType<typeof processTree>>[]} memory
 */
async function launchFloor(floor, args, samples, memory) {
  const s = await Session.start(WEBDRIVER_URL, floor, args);
  try {
    await s.waitFor('body[data-painted-at]', { timeout: 60000 });
    const [pid] = await appPids(floor);
    const painted = Number(await s.execute("return document.body.getAttribute('data-painted-at')"));
    samples.push(Math.round(painted - (await processStartMs(pid))));
    await new Promise((r) => setTimeout(r, 2000));
    memory.push(await processTree(pid));
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
// COLD_START_VARIANTS: other ways to launch the same build, alternating with the normal launches
// so all see the same load; each is a space-separated list of arguments, variants separated by
// ';' (e.g. "--webkit-defaults;--no-early-unlock"). COLD_START_COMPARE=1 is the older spelling of
// "--no-early-unlock". WELLKEPT_FLOOR: the bare-window floor binary, launched in the same rounds,
// plain and with the app's WebKit settings (--tuned).
const variants = (process.env.COLD_START_VARIANTS ?? (process.env.COLD_START_COMPARE === '1' ? '--no-early-unlock' : ''))
  .split(';').map((v) => v.trim()).filter(Boolean).map((v) => v.split(/\s+/));
const floor = process.env.WELLKEPT_FLOOR ?? '';
/**
 * @typedef {{ label: string, run: () => Promise<void>, samples: number[],
 *   phases: Record<string, number|null>[], memory: Awaited<ReturnType<typeof processTree>>[] }} Kind
 */
/** @type {Kind[]} */
const kinds = [];
/** @param {string} label @param {(k: Kind) => Promise<void>} run */
const kind = (label, run) => {
  /** @type {Kind} */
  const k = { label, samples: [], phases: [], memory: [], run: () => run(k) };
  kinds.push(k);
};
kind('', (k) => launch([], k.samples, k.phases, k.memory));
for (const args of variants) kind(args.join(' '), (k) => launch(args, k.samples, k.phases, k.memory));
if (floor) {
  kind('floor', (k) => launchFloor(floor, [], k.samples, k.memory));
  kind('floor --tuned', (k) => launchFloor(floor, ['--tuned'], k.samples, k.memory));
}
for (let i = 0; i < RUNS; i += 1) {
  // Each round starts with a different kind, so none always runs first after a pause.
  for (let j = 0; j < kinds.length; j += 1) await kinds[(i + j) % kinds.length].run();
}
const build = /release/.test(process.env.WELLKEPT_APP ?? '') ? 'release' : 'debug';
const vaultLabel = process.env.COLD_START_VAULT ?? 'the test vault';
const load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
const [main, ...others] = kinds;
const result = {
  figure: `cold start to unlocked, painted dashboard (keychain unlock, Xvfb, ${build} build, ${vaultLabel})`,
  ...summarise(main.samples, main.phases),
  memoryAtDashboard: memorySummary(main.memory),
  others: Object.fromEntries(others.map((k) => [k.label, {
    ...(k.phases.length ? summarise(k.samples, k.phases) : { samplesMs: k.samples, medianMs: median(k.samples).median }),
    memoryAtDashboard: memorySummary(k.memory),
  }])),
  loadAverage: load,
  at: new Date().toISOString(),
};
await mkdir('artifacts', { recursive: true });
const slug = vaultLabel.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
await writeFile(`artifacts/cold-start-${slug}.json`, `${JSON.stringify(result, null, 2)}\n`);
/** @param {string} label @param {{samplesMs: number[], medianMs: number, medianPhasesMs?: Record<string, number|null>}} r @param {ReturnType<typeof memorySummary>} m */
function print(label, r, m) {
  const range = median(r.samplesMs);
  console.log(`cold start (${build} build, ${vaultLabel}${label}): median ${r.medianMs} ms (${range.min}–${range.max}) over ${r.samplesMs.length} launches (${r.samplesMs.join(', ')} ms)`);
  if (r.medianPhasesMs) {
    console.log('where it goes (median of each phase):');
    for (const [name, ms] of Object.entries(r.medianPhasesMs)) console.log(`  ${name}: ${ms ?? 'n/a'} ms`);
  }
  console.log(`  memory 2 s after the panels filled (median): RSS app ${m.rssMb.app} + web ${m.rssMb.webProcess} + network ${m.rssMb.networkProcess} = ${m.rssMb.total} MB; PSS app ${m.pssMb.app} + web ${m.pssMb.webProcess} + network ${m.pssMb.networkProcess} = ${m.pssMb.total} MB (PSS total ${m.pssTotalRangeMb.join('–')}); libLLVM mapped in app ${m.libLLVMMapped.app}/${m.libLLVMMapped.of}, web ${m.libLLVMMapped.web}/${m.libLLVMMapped.of}`);
}
print('', result, result.memoryAtDashboard);
for (const k of others) {
  const r = result.others[k.label];
  print(k.label.startsWith('floor') ? `: the bare-window ${k.label}, to its first paint` : `, ${k.label}`, r, r.memoryAtDashboard);
}
console.log(`load average at the end (1, 5, 15 min): ${load}`);

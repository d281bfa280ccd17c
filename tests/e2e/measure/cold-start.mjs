#!/usr/bin/env node
// Prints the cold-start figure: time from the app's process start to a painted, unlocked
// dashboard (keychain unlock, no typing), median of 5 launches under Xvfb. Run through
// `scripts/e2e.sh --measure` (needs the vault made by the end-to-end tests in the same run, or
// makes one itself when none exists). A figure, not a pass/fail test.
import { mkdir, writeFile } from 'node:fs/promises';
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

await ensureVault();
const samples = [];
/** @type {Record<string, number|null>[]} */
const phases = [];
for (let i = 0; i < RUNS; i += 1) {
  const s = await startApp();
  try {
    await waitForDashboard(s, 60000);
    const [pid] = await appPids();
    const painted = Number(await s.execute("return document.querySelector('[data-painted-at]').getAttribute('data-painted-at')"));
    const started = await processStartMs(pid);
    samples.push(Math.round(painted - started));
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
        painted: mark('wk-dashboard-painted'),
      };`);
    const step = (/** @type {number|null} */ from, /** @type {number|null} */ to) => (from == null || to == null ? null : Math.round(to - from));
    phases.push({
      'process start → window and page requested': step(started, at.pageRequested),
      'page loaded (HTML, CSS, modules)': step(at.pageRequested, at.pageLoaded),
      'page loaded → status asked': step(at.pageLoaded, at.statusAsked),
      'app status (is there a vault, settings)': step(at.statusAsked, at.statusAnswered),
      'status → keychain unlock asked': step(at.statusAnswered, at.unlockAsked),
      'keychain + decrypt + load the vault': step(at.unlockAsked, at.unlockAnswered),
      'unlocked → dashboard painted': step(at.unlockAnswered, at.painted),
    });
  } finally {
    await s.end();
  }
}
const sorted = [...samples].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
/** @type {Record<string, number|null>} */
const breakdown = {};
for (const name of Object.keys(phases[0] ?? {})) {
  const values = phases.map((p) => p[name]).filter((v) => v != null).sort((a, b) => Number(a) - Number(b));
  breakdown[name] = values.length ? Number(values[Math.floor(values.length / 2)]) : null;
}
const build = /release/.test(process.env.WELLKEPT_APP ?? '') ? 'release' : 'debug';
const result = { figure: `cold start to unlocked, painted dashboard (keychain unlock, Xvfb, ${build} build, ${process.env.COLD_START_VAULT ?? 'the test vault'})`, samplesMs: samples, medianMs: median, medianPhasesMs: breakdown, at: new Date().toISOString() };
await mkdir('artifacts', { recursive: true });
await writeFile('artifacts/cold-start.json', `${JSON.stringify(result, null, 2)}\n`);
const vaultLabel = process.env.COLD_START_VAULT ?? 'the test vault';
console.log(`cold start to unlocked dashboard (${build} build, ${vaultLabel}): median ${median} ms over ${samples.length} launches (${samples.join(', ')} ms)`);
console.log('where it goes (median of each phase):');
for (const [name, ms] of Object.entries(breakdown)) console.log(`  ${name}: ${ms ?? 'n/a'} ms`);

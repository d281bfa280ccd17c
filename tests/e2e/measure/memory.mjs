#!/usr/bin/env node
// Prints the memory of the running app with a 10,000-entry journal: fills the vault through the
// app's own commands (each a durable write), restarts the app, unlocks from the keychain, opens
// the journal, and reads the resident memory of the app process and its WebKit web and network
// processes from /proc: median of MEMORY_RUNS launches (3), each variant in MEMORY_VARIANTS
// alternating with them, and with MEMORY_TRIM_PROBE=1 what glibc's malloc_trim would give back.
// Run through `scripts/e2e.sh --measure` after cold-start.mjs. A figure, not a test.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { appPids, startApp } from '../lib/app.js';
import { waitForDashboard } from '../lib/flows.js';
import { largestKb, mb, median, memoryKb, processTree } from './proc.mjs';

const ENTRIES = Number(process.env.ENTRIES ?? 10_000);
// The same build launched other ways, alternating with the normal launches (see cold-start.mjs).
const variants = (process.env.MEMORY_VARIANTS ?? '').split(';').map((v) => v.trim()).filter(Boolean).map((v) => v.split(/\s+/));
const ROUNDS = Number(process.env.MEMORY_RUNS ?? 3);

let s = await startApp();
await waitForDashboard(s, 60000);
await s.setScriptTimeout(1_800_000);
const started = Date.now();
const added = await s.executeAsync(`
  const [count, done] = [arguments[0], arguments[arguments.length - 1]];
  const words = 'calm river morning walk sleep worry friend work tired hopeful rain coffee garden music call family breath letter train evening'.split(' ');
  (async () => {
    for (let i = 0; i < count; i += 1) {
      let body = '';
      while (body.length < 2000) body += words[(i * 7 + body.length) % words.length] + ' ';
      const day = new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86400000).toISOString().slice(0, 10);
      await window.__TAURI__.core.invoke('add_journal_entry', { entry: { entry_date: day, title: 'Entry ' + i, body, mood: 1 + (i % 10), tags: [] } });
    }
    return count;
  })().then(done, (e) => done('error: ' + JSON.stringify(e)));`, [ENTRIES]);
if (added !== ENTRIES) throw new Error(`filling the vault failed: ${added}`);
const fillSeconds = (Date.now() - started) / 1000;
await s.end();

/**
 * One launch: unlock, open the journal, wait 2 s, read the memory.
 * @param {string[]} args
 * @param {boolean} probeTrim  also ask glibc to give freed heap back (malloc_trim through gdb)
 */
async function measure(args, probeTrim) {
  const session = await startApp(args);
  try {
    await waitForDashboard(session, 120000);
    await (await session.waitFor('nav a[data-screen="journal"]')).click();
    await session.waitFor('[data-recent] [data-entry-id]', { timeout: 60000 });
    await new Promise((r) => setTimeout(r, 2000));
    const [pid] = await appPids();
    const tree = await processTree(pid);
    const top = await largestKb(pid);
    let trimmed = null;
    if (probeTrim) {
      // What trimming the heap after unlock would give, measured without shipping it: the
      // shell forbids `unsafe`, and malloc_trim is only reachable through it (decision 58).
      try {
        await promisify(execFile)('gdb', ['-p', String(pid), '-batch', '-ex', 'call (int) malloc_trim(0)'], { timeout: 60000 });
        await new Promise((r) => setTimeout(r, 500));
        trimmed = await memoryKb(pid);
      } catch (error) {
        trimmed = { error: String(error).slice(0, 200) };
      }
    }
    return { tree, top, trimmed };
  } finally {
    await session.end();
  }
}

/** @type {Map<string, Awaited<ReturnType<typeof measure>>[]>} */
const runs = new Map([['', []], ...variants.map((v) => /** @type {[string, []]} */ ([v.join(' '), []]))]);
for (let i = 0; i < ROUNDS; i += 1) {
  const order = [[], ...variants];
  for (let j = 0; j < order.length; j += 1) {
    const args = order[(i + j) % order.length];
    runs.get(args.join(' '))?.push(await measure(args, i === ROUNDS - 1 && args.length === 0 && process.env.MEMORY_TRIM_PROBE === '1'));
  }
}
/** @param {Awaited<ReturnType<typeof measure>>[]} list */
const summary = (list) => {
  const m = (/** @type {(r: Awaited<ReturnType<typeof measure>>) => number} */ f) => mb(median(list.map(f)).median);
  return {
    rssMb: { app: m((r) => r.tree.app.rss), webProcess: m((r) => r.tree.web.rss), networkProcess: m((r) => r.tree.net.rss), total: m((r) => r.tree.rss) },
    pssMb: { app: m((r) => r.tree.app.pss), webProcess: m((r) => r.tree.web.pss), networkProcess: m((r) => r.tree.net.pss), total: m((r) => r.tree.pss) },
    pssTotalsMb: list.map((r) => mb(r.tree.pss)),
    appAnonymousMb: m((r) => r.tree.app.anonymous), appFilePssMb: m((r) => r.tree.app.pssFile),
    appLargestRssMb: Object.fromEntries((list.at(-1)?.top ?? []).map(([name, kb]) => [name, mb(kb)])),
    libLLVMMapped: { app: list.filter((r) => r.tree.gl.app.llvm).length, web: list.filter((r) => r.tree.gl.web?.llvm).length, of: list.length },
  };
};
const build = /release/.test(process.env.WELLKEPT_APP ?? '') ? 'release' : 'debug';
const main = summary(runs.get('') ?? []);
const trim = (runs.get('') ?? []).map((r) => r.trimmed).find(Boolean) ?? null;
const last = (runs.get('') ?? []).at(-1);
const result = {
  figure: `resident memory with a 10,000-entry journal, unlocked, journal screen open (${build} build, Xvfb, median of ${ROUNDS})`,
  entries: ENTRIES, fillSeconds,
  ...main,
  malloc_trim: trim && last && 'rss' in trim
    ? { appRssMb: { before: mb(last.tree.app.rss), after: mb(trim.rss) }, appPssMb: { before: mb(last.tree.app.pss), after: mb(trim.pss) } }
    : trim,
  variants: Object.fromEntries([...runs.entries()].filter(([k]) => k !== '').map(([k, list]) => [k, summary(list)])),
  at: new Date().toISOString(),
};
await writeFile('artifacts/memory.json', `${JSON.stringify(result, null, 2)}\n`);
const line = (/** @type {Record<string, number>} */ m) => `app ${m.app} MB + web process ${m.webProcess} MB + network process ${m.networkProcess} MB = ${m.total} MB`;
/** @param {string} label @param {ReturnType<typeof summary>} r */
function print(label, r) {
  console.log(`memory with ${ENTRIES} entries${label}, median of ${ROUNDS} launches:`);
  console.log(`  summed RSS (shared pages counted once per process): ${line(r.rssMb)}`);
  console.log(`  summed PSS (shared pages divided among processes):  ${line(r.pssMb)} (each launch: ${r.pssTotalsMb.join(', ')} MB)`);
  console.log(`  app process: ${r.appAnonymousMb} MB anonymous (heap, arenas, stacks), ${r.appFilePssMb} MB PSS of mapped files; largest RSS: ${Object.entries(r.appLargestRssMb).map(([n, v]) => `${n} ${v}`).join(', ')} MB`);
  console.log(`  libLLVM mapped: app ${r.libLLVMMapped.app}/${r.libLLVMMapped.of}, web process ${r.libLLVMMapped.web}/${r.libLLVMMapped.of}`);
}
console.log(`(vault filled with ${ENTRIES} entries in ${Math.round(fillSeconds)} s)`);
print('', main);
for (const [label, r] of Object.entries(result.variants)) print(`, ${label}`, r);
if (result.malloc_trim) console.log(`  malloc_trim(0) on the app after the last launch: ${JSON.stringify(result.malloc_trim)}`);

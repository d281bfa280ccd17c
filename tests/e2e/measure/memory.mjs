#!/usr/bin/env node
// Prints the memory of the running app with a 10,000-entry journal: fills the vault through the
// app's own commands (each a durable write), restarts the app, unlocks from the keychain, opens
// the journal, and reads the resident memory of the app process and its WebKit web process
// from /proc. Run through `scripts/e2e.sh --measure` after cold-start.mjs. A figure, not a test.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { appPids, startApp } from '../lib/app.js';
import { waitForDashboard } from '../lib/flows.js';

const ENTRIES = Number(process.env.ENTRIES ?? 10_000);

/**
 * A process's resident memory two ways, from /proc/<pid>/smaps_rollup: RSS counts every page it
 * maps, so summing RSS over processes counts shared libraries once per process; PSS divides each
 * shared page among the processes that map it, so PSS sums to the honest total.
 * @param {number} pid
 */
async function memoryKb(pid) {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (/** @type {string} */ name) => Number(rollup.match(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm'))?.[1] ?? 0);
  return { rss: field('Rss'), pss: field('Pss'), anonymous: field('Anonymous'), pssFile: field('Pss_File') };
}

/**
 * Where the app process's resident memory is, from /proc/<pid>/smaps: anonymous memory (heap,
 * malloc arenas, thread stacks; the database lives here) and the largest mapped files.
 * @param {number} pid
 */
async function appBreakdownKb(pid) {
  const smaps = await readFile(`/proc/${pid}/smaps`, 'utf8');
  /** @type {Map<string, number>} */
  const byName = new Map();
  let name = '';
  for (const line of smaps.split('\n')) {
    const header = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
    if (header) {
      const path = header[1].trim();
      name = path === '' ? '[anonymous]' : path.startsWith('/') ? path.replace(/^.*\//, '') : path;
      continue;
    }
    const rss = line.match(/^Rss:\s+(\d+) kB$/);
    if (rss) byName.set(name, (byName.get(name) ?? 0) + Number(rss[1]));
  }
  return [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
}

/** Child processes of `pid` (WebKit's web and network processes). @param {number} pid */
async function children(pid) {
  const out = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push({ pid: Number(entry), comm: (await readFile(`/proc/${entry}/comm`, 'utf8')).trim() });
    } catch {
      // gone
    }
  }
  return out;
}

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

s = await startApp();
await waitForDashboard(s, 120000);
await (await s.waitFor('nav a[data-screen="journal"]')).click();
await s.waitFor('[data-recent] [data-entry-id]', { timeout: 60000 });
await new Promise((r) => setTimeout(r, 2000));
const [pid] = await appPids();
const app = await memoryKb(pid);
const appTop = await appBreakdownKb(pid);
const kids = await children(pid);
const sum = async (/** @type {{pid: number}[]} */ list) => {
  const all = await Promise.all(list.map((k) => memoryKb(k.pid)));
  return { rss: all.reduce((a, m) => a + m.rss, 0), pss: all.reduce((a, m) => a + m.pss, 0) };
};
const web = await sum(kids.filter((k) => k.comm.startsWith('WebKitWebProces')));
const net = await sum(kids.filter((k) => k.comm.startsWith('WebKitNetworkPr')));
await s.end();
const mb = (/** @type {number} */ kb) => Math.round(kb / 1024);
const result = {
  figure: `resident memory with a 10,000-entry journal, unlocked, journal screen open (${/release/.test(process.env.WELLKEPT_APP ?? '') ? 'release' : 'debug'} build, Xvfb)`,
  entries: ENTRIES, fillSeconds,
  rssMb: { app: mb(app.rss), webProcess: mb(web.rss), networkProcess: mb(net.rss), total: mb(app.rss + web.rss + net.rss) },
  pssMb: { app: mb(app.pss), webProcess: mb(web.pss), networkProcess: mb(net.pss), total: mb(app.pss + web.pss + net.pss) },
  appAnonymousMb: mb(app.anonymous), appFilePssMb: mb(app.pssFile),
  appLargestRssMb: Object.fromEntries(appTop.map(([name, kb]) => [name, mb(kb)])),
  at: new Date().toISOString(),
};
await writeFile('artifacts/memory.json', `${JSON.stringify(result, null, 2)}\n`);
const line = (/** @type {Record<string, number>} */ m) => `app ${m.app} MB + web process ${m.webProcess} MB + network process ${m.networkProcess} MB = ${m.total} MB`;
console.log(`memory with ${ENTRIES} entries (filled in ${Math.round(fillSeconds)} s):`);
console.log(`  summed RSS (shared pages counted once per process): ${line(result.rssMb)}`);
console.log(`  summed PSS (shared pages divided among processes):  ${line(result.pssMb)}`);
console.log(`  app process: ${result.appAnonymousMb} MB anonymous (heap, arenas, stacks), ${result.appFilePssMb} MB PSS of mapped files; largest RSS: ${appTop.map(([n, kb]) => `${n} ${mb(kb)}`).join(', ')} MB`);

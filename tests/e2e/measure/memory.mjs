#!/usr/bin/env node
// Prints the memory of the running app with a 10,000-entry journal: fills the vault through the
// app's own commands (each a durable write), restarts the app, unlocks from the keychain, opens
// the journal, and reads the resident memory of the app process and its WebKit web process
// from /proc. Run through `scripts/e2e.sh --measure` after cold-start.mjs. A figure, not a test.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { appPids, startApp } from '../lib/app.js';
import { waitForDashboard } from '../lib/flows.js';

const ENTRIES = Number(process.env.ENTRIES ?? 10_000);

/** @param {number} pid */
async function rssKb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/^VmRSS:\s+(\d+) kB$/m)?.[1] ?? 0);
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
const app = await rssKb(pid);
const kids = await children(pid);
const web = kids.filter((k) => k.comm.startsWith('WebKitWebProces'));
const net = kids.filter((k) => k.comm.startsWith('WebKitNetworkPr'));
const webKb = (await Promise.all(web.map((k) => rssKb(k.pid)))).reduce((a, b) => a + b, 0);
const netKb = (await Promise.all(net.map((k) => rssKb(k.pid)))).reduce((a, b) => a + b, 0);
await s.end();
const mb = (/** @type {number} */ kb) => Math.round(kb / 1024);
const result = {
  figure: `resident memory with a 10,000-entry journal, unlocked, journal screen open (${/release/.test(process.env.WELLKEPT_APP ?? '') ? 'release' : 'debug'} build, Xvfb)`,
  entries: ENTRIES, fillSeconds, appMb: mb(app), webProcessMb: mb(webKb), networkProcessMb: mb(netKb), totalMb: mb(app + webKb + netKb),
  at: new Date().toISOString(),
};
await writeFile('artifacts/memory.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(`memory with ${ENTRIES} entries: app ${result.appMb} MB + web process ${result.webProcessMb} MB + network process ${result.networkProcessMb} MB = ${result.totalMb} MB (filled in ${Math.round(fillSeconds)} s)`);

// What the measurements read from /proc about a running app (or the bare-window floor) and the
// WebKit processes it started. Linux only; figures, not tests.
import { readFile, readdir } from 'node:fs/promises';

/**
 * A process's resident memory two ways, from /proc/<pid>/smaps_rollup: RSS counts every page it
 * maps, so summing RSS over processes counts shared libraries once per process; PSS divides each
 * shared page among the processes that map it, so PSS sums to the honest total.
 * @param {number} pid
 */
export async function memoryKb(pid) {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (/** @type {string} */ name) => Number(rollup.match(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm'))?.[1] ?? 0);
  return { rss: field('Rss'), pss: field('Pss'), anonymous: field('Anonymous'), pssFile: field('Pss_File') };
}

/**
 * Where a process's resident memory is, from /proc/<pid>/smaps: anonymous memory (heap, malloc
 * arenas, thread stacks; the database lives here) and the largest mapped files.
 * @param {number} pid
 * @returns {Promise<[string, number][]>}  the 8 largest, name and kB
 */
export async function largestKb(pid) {
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
export async function children(pid) {
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

/**
 * Whether a process has Mesa's GL stack mapped: libLLVM (the software renderer's compiler) and
 * any DRI driver. @param {number} pid
 */
export async function glMapped(pid) {
  const maps = await readFile(`/proc/${pid}/maps`, 'utf8');
  return { llvm: /libLLVM/.test(maps), dri: /_dri\.so|libgallium/.test(maps), egl: /libEGL_mesa/.test(maps) };
}

/**
 * Resident memory of the app (or floor) process `pid` and its WebKit processes, in kB.
 * @param {number} pid
 */
export async function processTree(pid) {
  const kids = await children(pid);
  const sum = async (/** @type {{pid: number}[]} */ list) => {
    const all = await Promise.all(list.map((k) => memoryKb(k.pid)));
    return { rss: all.reduce((a, m) => a + m.rss, 0), pss: all.reduce((a, m) => a + m.pss, 0) };
  };
  const webKids = kids.filter((k) => k.comm.startsWith('WebKitWebProces'));
  const app = await memoryKb(pid);
  const web = await sum(webKids);
  const net = await sum(kids.filter((k) => k.comm.startsWith('WebKitNetworkPr')));
  const gl = { app: await glMapped(pid), web: webKids[0] ? await glMapped(webKids[0].pid) : null };
  return { app, web, net, gl, rss: app.rss + web.rss + net.rss, pss: app.pss + web.pss + net.pss };
}

/** @param {number} kb */
export const mb = (kb) => Math.round(kb / 1024);

/** The median of some numbers (the upper one of an even count), and their range. @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

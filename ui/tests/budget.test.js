// The shipped front end stays small: every JS file under ui/ (ours and vendored), each gzipped
// on its own as the app ships them, commented sources and all, totals at most 220 KB.
// The budget was 200 KB until session 5 added billing corrections, attachments, retention and
// erasure, private notes and the list of computers (207 KB then); about 40 KB of it is JSDoc
// and the comments that say why, which a release bundle would strip (docs/decisions.md 55).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const UI = new URL('..', import.meta.url).pathname;
const BUDGET = 220 * 1024;

/** @param {string} dir @returns {string[]} */
function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'tests' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

test('shipped JavaScript is at most 220 KB gzipped', () => {
  const files = jsFiles(UI);
  assert.ok(files.some((f) => f.endsWith('uPlot.esm.js')), 'the vendored chart library is counted');
  const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  assert.ok(total <= BUDGET, `${Math.round(total / 1024)} KB gzipped is over the ${BUDGET / 1024} KB budget`);
});

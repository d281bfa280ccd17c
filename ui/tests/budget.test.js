// The shipped front end stays small: every JS file under ui/ (ours and vendored), gzipped,
// totals at most 200 KB (the product's budget).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const UI = new URL('..', import.meta.url).pathname;
const BUDGET = 200 * 1024;

/** @param {string} dir @returns {string[]} */
function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'tests' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

test('shipped JavaScript is at most 200 KB gzipped', () => {
  const files = jsFiles(UI);
  assert.ok(files.some((f) => f.endsWith('uPlot.esm.js')), 'the vendored chart library is counted');
  const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  assert.ok(total <= BUDGET, `${Math.round(total / 1024)} KB gzipped is over the ${BUDGET / 1024} KB budget`);
});

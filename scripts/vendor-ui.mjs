#!/usr/bin/env node
// Copies the front end's third-party files from node_modules (pinned by package-lock.json) into
// ui/vendor/, with their licences, so the app ships them without a bundler or a CDN.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vendor = join(root, 'ui', 'vendor');
mkdirSync(vendor, { recursive: true });

const files = [
  ['node_modules/uplot/dist/uPlot.esm.js', 'uPlot.esm.js'],
  // Its types, beside it under the name tsc looks for when a module imports uPlot.esm.js.
  ['node_modules/uplot/dist/uPlot.d.ts', 'uPlot.esm.d.ts'],
  ['node_modules/uplot/dist/uPlot.min.css', 'uPlot.min.css'],
  ['node_modules/uplot/LICENSE', 'uPlot.LICENSE'],
];
for (const [from, to] of files) {
  copyFileSync(join(root, from), join(vendor, to));
  console.log(`vendored ${from} -> ui/vendor/${to}`);
}

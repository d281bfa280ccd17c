#!/usr/bin/env node
// The release front end: ui/ as one minified module (app.js), one stylesheet (app.css), the
// boot watcher and index.html pointing at them. A release build's `src-tauri/build.rs` runs this
// and embeds the folder instead of ui/; debug builds and the tests keep the plain modules.
// ui/tests/budget.test.js measures what this writes (docs/decisions.md 58).
//
// Usage: node scripts/bundle-ui.mjs OUT_DIR
import { buildSync, transformSync } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const UI = fileURLToPath(new URL('../ui/', import.meta.url));

/**
 * Writes the bundled front end into `outDir` (emptied first) and returns the files written.
 * @param {string} outDir
 * @returns {string[]}  paths of the files written
 */
export function bundleUi(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const uplot = readFileSync(join(UI, 'vendor/uPlot.esm.js'), 'utf8').match(/uPlot \((v[\d.]+)\)/)?.[1] ?? '';
  buildSync({
    entryPoints: [join(UI, 'src/main.js')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    // WebKitGTK 2.40 or later (wry's minimum): everything in ui/ runs there unchanged.
    target: 'safari16',
    legalComments: 'none',
    // uPlot's MIT notice travels with the bundle (its header comment is not a legal comment).
    banner: { js: `/*! Wellkept (AGPL-3.0-or-later). Includes uPlot ${uplot} (c) Leon Sorokin, MIT licence: uPlot.LICENSE */` },
    logLevel: 'error',
  });
  buildSync({
    entryPoints: [join(UI, 'index.css')],
    outfile: join(outDir, 'app.css'),
    bundle: true,
    minify: true,
    target: 'safari16',
    logLevel: 'error',
  });
  writeFileSync(join(outDir, 'boot.js'), transformSync(readFileSync(join(UI, 'boot.js'), 'utf8'), { minify: true, target: 'safari16' }).code);
  copyFileSync(join(UI, 'vendor/uPlot.LICENSE'), join(outDir, 'uPlot.LICENSE'));
  let page = readFileSync(join(UI, 'index.html'), 'utf8');
  for (const [from, to] of [['href="index.css"', 'href="app.css"'], ['src="src/main.js"', 'src="app.js"']]) {
    if (page.split(from).length !== 2) throw new Error(`ui/index.html no longer has exactly one ${from}: update scripts/bundle-ui.mjs`);
    page = page.replace(from, to);
  }
  writeFileSync(join(outDir, 'index.html'), page);
  return ['index.html', 'app.js', 'app.css', 'boot.js', 'uPlot.LICENSE'].map((f) => join(outDir, f));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/bundle-ui.mjs OUT_DIR');
    process.exit(64);
  }
  bundleUi(out);
}

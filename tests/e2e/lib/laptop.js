// A second computer beside the app under test, for the tests of one vault on several computers
// (issue 15): "the laptop" runs the real `wellkept` binary on its own copy of the vault folder,
// with a state folder of its own (so an id of its own) and its own clock, and the sync engine's
// delivery of what it wrote is each changed file written beside its place in this computer's
// folder and renamed over it, as Syncthing does.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import assert from 'node:assert/strict';
import { APP } from './app.js';
import { pinnedEnv } from './oracle.js';

/**
 * Every file under `dir` (but the one-writer lock), by its path relative to `dir`.
 * @param {string} dir
 */
export async function filesIn(dir) {
  /** @type {Map<string, Buffer>} */
  const out = new Map();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'vault.lock') continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), await readFile(path));
  }
  return out;
}

export class Laptop {
  /** @param {string} root the seeded root (`seededRoot(s)`) */
  constructor(root) {
    this.root = root;
    /** This computer's vault folder, where deliveries land. */
    this.vault = join(root, 'data', 'app.wellkept.desktop', 'vault');
    /** What the last command printed. */
    this.output = '';
  }

  /**
   * Runs `wellkept <args>` on a copy of the vault folder as it is now (as the engine has
   * brought it up to date), on the laptop's clock `now`; returns the files it changed, which
   * the engine will deliver.
   * @param {string} now RFC 3339
   * @param {string[]} args
   * @returns {Promise<[string, Buffer][]>}
   */
  async run(now, args) {
    const copy = join(this.root, 'laptop-copy', 'vault');
    await rm(dirname(copy), { recursive: true, force: true });
    await cp(this.vault, copy, { recursive: true, filter: (src) => !src.endsWith('vault.lock') });
    const before = await filesIn(copy);
    const env = { ...pinnedEnv(this.root), XDG_DATA_HOME: join(this.root, 'data', 'app.wellkept.desktop', 'laptop-state'), WELLKEPT_TEST_CLOCK: now };
    try {
      this.output = execFileSync(join(dirname(APP), 'wellkept'), ['--vault', copy, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (error) {
      throw new Error(`wellkept ${args.join(' ')} on the laptop failed: ${/** @type {{stderr?: string}} */ (error).stderr ?? ''}`, { cause: error });
    }
    const changed = [...(await filesIn(copy))].filter(([name, bytes]) => !before.get(name)?.equals(bytes));
    assert.ok(changed.length > 0, `the laptop wrote something (wellkept ${args.join(' ')})`);
    return changed;
  }

  /**
   * The engine delivers `files` into this computer's vault folder: each written to a temporary
   * file beside its place, then renamed over it. Returns when the last one landed
   * (`Date.now()`).
   * @param {[string, Buffer][]} files
   */
  async deliver(files) {
    assert.ok(files.length > 0, 'something to deliver');
    for (const [name, bytes] of files) {
      const target = join(this.vault, name);
      await mkdir(dirname(target), { recursive: true });
      const tmp = join(dirname(target), `.syncthing.${basename(name)}.tmp`);
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    }
    return Date.now();
  }
}

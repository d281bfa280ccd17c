// The typed boundary at work: `tsc` (the lint step) refuses a screen that reads a field the
// Rust type does not have. Two fixtures make the same read of the dashboard, one where the
// flags really are (`clinical.open_risk_flags`) and one at the top level, where the dashboard
// once looked and found nothing; tsc must reject exactly the second, naming the field and type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'ui', 'tests', 'fixtures', 'types');

/**
 * Runs tsc with the project's settings over the given files only.
 * @param {string[]} files
 * @returns {{ status: number, output: string }}
 */
function typeCheck(files) {
  const dir = mkdtempSync(join(tmpdir(), 'wellkept-tsc-'));
  try {
    const config = join(dir, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({ extends: join(root, 'tsconfig.json'), include: [], files }));
    try {
      const output = execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', config, '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
      return { status: 0, output };
    } catch (error) {
      const failed = /** @type {{ status: number, stdout: string }} */ (error);
      return { status: failed.status, output: failed.stdout };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('reading a field the Rust type lacks fails the type check, and only that read', () => {
  const wrong = join(fixtures, 'dashboard-reads-flags-at-top-level.js');
  const right = join(fixtures, 'dashboard-reads-flags-under-clinical.js');
  // globals.d.ts types what the page provides (Tauri's global object), as in the lint step.
  const { status, output } = typeCheck([join(root, 'ui', 'src', 'globals.d.ts'), wrong, right]);
  const errors = output.split('\n').filter((line) => line.includes('error TS'));
  assert.notEqual(status, 0, output);
  assert.deepEqual(errors, [
    "ui/tests/fixtures/types/dashboard-reads-flags-at-top-level.js(8,30): error TS2339: Property 'open_risk_flags' does not exist on type 'Dashboard'.",
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOUBLE_ESCAPE_MS, createShortcutMatcher, throttle } from '../src/lib/shortcuts.js';

test('Ctrl+K searches, Ctrl+Shift+H hides, Ctrl+Shift+S opens crisis lines, Ctrl+L locks', () => {
  const m = createShortcutMatcher();
  assert.equal(m.match({ key: 'k', ctrlKey: true }, 0), 'search');
  assert.equal(m.match({ key: 'K', metaKey: true }, 0), 'search');
  assert.equal(m.match({ key: 'H', ctrlKey: true, shiftKey: true }, 0), 'quick-hide');
  assert.equal(m.match({ key: 'S', ctrlKey: true, shiftKey: true }, 0), 'crisis');
  assert.equal(m.match({ key: 'l', ctrlKey: true }, 0), 'lock');
  assert.equal(m.match({ key: 'k' }, 0), null, 'plain typing is never a shortcut');
  assert.equal(m.match({ key: 'k', ctrlKey: true, altKey: true }, 0), null);
});

test('Escape twice within the window hides; slower presses do not', () => {
  const m = createShortcutMatcher();
  assert.equal(m.match({ key: 'Escape' }, 1000), null);
  assert.equal(m.match({ key: 'Escape' }, 1000 + DOUBLE_ESCAPE_MS + 1), null);
  assert.equal(m.match({ key: 'Escape' }, 1000 + DOUBLE_ESCAPE_MS + 200), 'quick-hide');
  // The pair is consumed: a third press starts over.
  assert.equal(m.match({ key: 'Escape' }, 1000 + DOUBLE_ESCAPE_MS + 300), null);
});

test('throttle calls at most once per interval', () => {
  let now = 0;
  let calls = 0;
  const f = throttle(() => { calls += 1; }, 1000, () => now);
  f(); f(); now = 999; f();
  assert.equal(calls, 1);
  now = 1000; f();
  assert.equal(calls, 2);
});

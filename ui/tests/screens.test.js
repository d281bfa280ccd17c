import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { clearScreens, getScreen, navigation, registerScreen } from '../src/lib/screens.js';

class Dummy {}
/** @typedef {import('../src/lib/screens.js').ScreenDefinition} ScreenDefinition */
/**
 * A screen definition with a stand-in element class (node has no custom elements).
 * @param {string} id @param {ScreenDefinition['section']} section @param {number} order
 * @param {Partial<ScreenDefinition>} [extra]
 * @returns {ScreenDefinition}
 */
const def = (id, section, order, extra = {}) =>
  ({ id, title: id, tag: `wk-${id}`, element: /** @type {CustomElementConstructor} */ (/** @type {unknown} */ (Dummy)), section, order, ...extra });

beforeEach(() => clearScreens());

test('navigation groups screens by section, in order, and hides nav:false screens', () => {
  registerScreen(def('settings', 'app', 9));
  registerScreen(def('dashboard', 'overview', 0));
  registerScreen(def('grounding', 'tools', 1));
  registerScreen(def('breathing', 'tools', 0));
  registerScreen(def('unlock', 'app', 0, { nav: false }));
  const nav = navigation('both');
  assert.deepEqual(nav.map((g) => g.section.id), ['overview', 'tools', 'app']);
  assert.deepEqual(nav[1].screens.map((s) => s.id), ['breathing', 'grounding']);
  assert.deepEqual(nav[2].screens.map((s) => s.id), ['settings']);
  assert.equal(getScreen('unlock')?.nav, false);
});

test('a journal-only vault does not offer mentor screens, and the reverse', () => {
  registerScreen(def('clients', 'practice', 0, { purpose: 'mentor' }));
  registerScreen(def('journal', 'journal', 0, { purpose: 'journal' }));
  assert.deepEqual(navigation('journal').flatMap((g) => g.screens.map((s) => s.id)), ['journal']);
  assert.deepEqual(navigation('mentor').flatMap((g) => g.screens.map((s) => s.id)), ['clients']);
  assert.deepEqual(navigation('both').flatMap((g) => g.screens.map((s) => s.id)), ['clients', 'journal']);
});

test('registering one id twice is a mistake caught at start-up', () => {
  registerScreen(def('dashboard', 'overview', 0));
  assert.throws(() => registerScreen(def('dashboard', 'overview', 0)), /twice/);
});

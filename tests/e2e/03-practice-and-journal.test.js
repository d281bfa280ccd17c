// The mentor's and the client's records through the real window: a client, a goal with steps,
// a session note written, autosaved and finalised, a PHQ-9 whose item 9 raises a risk flag, a
// journal entry with mood, global search over all of them, and a note that survives the app
// being killed mid-typing. Runs after 01 (the vault exists and is in the keychain).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, killApp, screenshot, startApp } from './lib/app.js';
import { openScreen, startAtDashboard, waitForDashboard } from './lib/flows.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard();
});
after(() => s?.end());

async function openClient() {
  await openScreen(s, 'clients');
  await (await s.waitFor('[data-client]', { text: 'Jo (Jordan Rivers)' })).click();
  await s.waitFor('#client-title', { text: 'Jordan Rivers' });
}

test('add a client and see their overview', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('#clients-title');
  await (await s.waitFor('button[type="submit"]', { text: 'Add client' })).click();
  await s.waitFor('[data-error-for="name"]', { text: 'Enter the client' });
  await (await s.waitFor('#client-name')).type('Jordan Rivers');
  await (await s.waitFor('#client-preferred')).type('Jo');
  await (await s.waitFor('#client-pronouns')).type('they/them');
  await (await s.waitFor('button[type="submit"]', { text: 'Add client' })).click();
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]', { text: 'Jordan Rivers' });
  await screenshot(s, '10-clients');
  assert.deepEqual(await axeViolations(s), []);
});

test('a goal with steps, one marked as being done', async () => {
  await openClient();
  await (await s.waitFor('.goal-add summary')).click();
  await (await s.waitFor('#goal-title')).type('Sleep before midnight most nights');
  await (await s.waitFor('#goal-specific')).type('Lights out by 23:30 on weeknights');
  await (await s.waitFor('#goal-measurable')).type('Sleep diary shows 4 of 5 weeknights');
  await (await s.waitFor('[data-add-goal] button[type="submit"]')).click();
  const goal = await s.waitFor('.goal', { text: 'Sleep before midnight' });
  assert.ok(goal);
  const goalId = await s.execute("return document.querySelector('.goal').getAttribute('data-goal')");
  await (await s.waitFor(`#step-desc-${goalId}`)).type('Keep a sleep diary for two weeks');
  await (await s.waitFor(`[data-add-step="${goalId}"] button`)).click();
  await s.waitFor('.step', { text: 'Keep a sleep diary' });
  await (await s.waitFor(`#step-desc-${goalId}`)).type('No screens after 23:00');
  await (await s.waitFor(`[data-add-step="${goalId}"] button`)).click();
  await s.waitFor('.steps', { text: 'No screens after 23:00' });
  const stepId = await s.execute("return document.querySelector('.step').getAttribute('data-step')");
  await s.execute(`const el = document.querySelector('[data-step-status="${stepId}"]'); el.value = 'doing'; el.dispatchEvent(new Event('change'));`);
  await s.waitFor(`[data-step-status="${stepId}"]`);
  await s.waitFor('[data-status]', { text: 'Step marked Doing' });
  const saved = await s.execute(`return document.querySelector('[data-step-status="${stepId}"]').value`);
  assert.equal(saved, 'doing');
});

test('a session note autosaves as it is typed, then finalised is read-only and takes an addendum', async () => {
  await openClient();
  await (await s.waitFor('button[data-new-note]')).click();
  await s.waitFor('#note-title', { text: 'Session note' });
  const subjective = await s.waitFor('#section-subjective');
  await subjective.type('Jo reports sleeping better since keeping the marigold diary.');
  await s.waitFor('[data-save-status][data-state="saved"]', { timeout: 20000 });
  await (await s.waitFor('#section-plan')).type('Review the diary next session.');
  await s.waitFor('[data-save-status][data-state="saved"]', { timeout: 20000 });
  await screenshot(s, '11-session-note');
  assert.deepEqual(await axeViolations(s), []);
  await (await s.waitFor('button[data-finalise]')).click();
  await s.waitFor('.notice', { text: 'read-only' });
  assert.equal(await s.find('textarea[data-section]'), null, 'no editable sections remain');
  await s.waitFor('#section-subjective', { text: 'marigold diary' });
  await (await s.waitFor('#addendum')).type('Jo phoned: diary lost, restarting it.');
  await (await s.waitFor('[data-addendum] button[type="submit"]')).click();
  await s.waitFor('.addenda', { text: 'restarting it' });
});

test('a PHQ-9 with item 9 above 0 is scored and raises a risk flag on the client', async () => {
  await openClient();
  await (await s.waitFor('button[data-measure]')).click();
  await s.waitFor('#measure-title', { text: 'Outcome measure' });
  // Answers 1,1,2,1,0,1,1,0 and item 9 = 1: total 8, and item 9 > 0.
  const answers = [1, 1, 2, 1, 0, 1, 1, 0, 1];
  await (await s.waitFor('[data-measure-form] button[type="submit"]')).click();
  await s.waitFor('[data-error]', { text: 'Answer question 1' });
  for (const [i, v] of answers.entries()) {
    await (await s.waitFor(`input[name="item-${i}"][value="${v}"]`)).click();
  }
  await (await s.waitFor('[data-measure-form] button[type="submit"]')).click();
  const result = await s.waitFor('.measure__result');
  assert.equal(await result.attribute('data-score'), '8');
  await s.waitFor('[data-risk-flag]', { text: 'Risk flag raised' });
  await screenshot(s, '12-phq9-risk-flag');
  assert.deepEqual(await axeViolations(s), []);
  await openClient();
  await s.waitFor('.goal', { text: 'Sleep before midnight' });
  await s.waitFor('[data-risk-flags]', { text: 'risk' });
  await s.waitFor('.scores', { text: 'PHQ' });
  await s.waitFor('wk-line-chart canvas');
  await screenshot(s, '13-client-overview');
  assert.deepEqual(await axeViolations(s), []);
});

test('a journal entry with mood autosaves, and a mood check-in draws on the chart', async () => {
  await openScreen(s, 'journal');
  await s.waitFor('#journal-title');
  await (await s.waitFor('#entry-title')).type('Evening by the river');
  await (await s.waitFor('#entry-body')).type('Heard a heronsong by the water and felt calmer.');
  await s.execute("const m = document.querySelector('#entry-mood'); m.value = '7'; m.dispatchEvent(new Event('input', { bubbles: true }));");
  await s.waitFor('[data-save-status][data-state="saved"]', { timeout: 20000 });
  await (await s.waitFor('[data-new]')).click();
  await s.waitFor('[data-recent]', { text: 'Evening by the river' });
  await s.waitFor('[data-recent]', { text: 'mood 7/10' });
  await (await s.waitFor('#checkin-emotions')).type('calm, hopeful');
  await (await s.waitFor('[data-checkin] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Mood check-in saved' });
  await s.waitFor('[data-chart] wk-line-chart canvas');
  await screenshot(s, '14-journal');
  assert.deepEqual(await axeViolations(s), []);
});

test('global search (Ctrl+K) finds the client, the note, the goal and the journal entry', async () => {
  for (const [query, kind, text] of [
    ['Jordan', 'Client', 'Jordan Rivers'],
    ['marigold', 'Session note', 'marigold'],
    ['midnight', 'Goal', 'Sleep before midnight'],
    ['heronsong', 'Journal entry', 'Evening by the river'],
  ]) {
    await s.press({ key: 'k', ctrl: true });
    const box = await s.waitFor('#global-search');
    await box.clear();
    await box.type(query);
    await s.press({ key: '\uE007' });
    await s.waitFor('#search-title', { text: query });
    const hit = await s.waitFor('[data-results] [data-hit]', { text });
    assert.match(String(await hit.text()), new RegExp(kind, 'i'));
  }
  await screenshot(s, '15-search');
  assert.deepEqual(await axeViolations(s), []);
});

test('killing the app mid-typing loses nothing that was saved', async () => {
  await openClient();
  await (await s.waitFor('button[data-new-note]')).click();
  const field = await s.waitFor('#section-subjective');
  await field.type('Kingfisher session: talked about the move and the new job.');
  await s.waitFor('[data-save-status][data-state="saved"]', { timeout: 20000 });
  await field.type(' Still typing');
  await killApp();
  await s.end();
  s = await startApp();
  await waitForDashboard(s);
  await openClient();
  await (await s.waitFor('[data-note]', { text: 'Draft' })).click();
  const text = String(await (await s.waitFor('#section-subjective')).property('value'));
  assert.ok(text.startsWith('Kingfisher session: talked about the move and the new job.'), `after the kill the note reads: ${text}`);
});

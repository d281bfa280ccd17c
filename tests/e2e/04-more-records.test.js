// The remaining record screens through the real window: each opens, passes axe, and keeps a
// record that shows up in its list. Runs after 03 (a client exists).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, startAtDashboard } from './lib/flows.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard();
});
after(() => s?.end());

/**
 * Opens a record section's form, fills the given fields and saves.
 * @param {string} section  the section's id
 * @param {Record<string, string>} values
 */
async function addRecord(section, values) {
  const details = await s.waitFor(`#${section}-heading ~ details`);
  if (!(await details.property('open'))) await (await s.waitFor(`#${section}-heading ~ details summary`)).click();
  for (const [name, value] of Object.entries(values)) {
    const field = await s.waitFor(`#${section}-field-${name}`);
    await field.clear().catch(() => {});
    await field.type(value);
  }
  await (await s.waitFor(`#${section}-heading ~ details button[type="submit"]`)).click();
}

test('appointments: schedule a weekly session and see it in the next four weeks', async () => {
  await openScreen(s, 'appointments');
  const start = new Date(Date.now() + 2 * 86_400_000);
  const local = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}T10:00`;
  await s.execute("const el = document.querySelector('#appt-start'); el.value = arguments[0]; el.dispatchEvent(new Event('input'));", [local]);
  await s.execute("const el = document.querySelector('#appt-repeat'); el.value = 'weekly';");
  await (await s.waitFor('[data-add] button[type="submit"]')).click();
  // The four-week view (the week view may end before a session two days ahead).
  await (await s.waitFor('[data-view="agenda"]')).click();
  await s.waitFor('[data-calendar]', { text: 'Jo' });
  await s.waitFor('[data-calendar]', { text: 'repeats' });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '16-appointments');
});

test('consent and a disclosure made under it', async () => {
  await openScreen(s, 'consent');
  // Since issue 13 a consent needs its lawful basis and, for a client, its Art. 9(2) condition.
  await s.waitFor('#consents-field-art9_condition');
  await s.execute("for (const [css, v] of [['#consents-field-lawful_basis', 'consent'], ['#consents-field-art9_condition', 'a']]) { const el = document.querySelector(css); el.value = v; el.dispatchEvent(new Event('change', { bubbles: true })); }");
  await addRecord('consents', { scope: 'Share progress summaries with GP' });
  await s.waitFor('#consents-heading ~ [data-items]', { text: 'Share progress summaries with GP' });
  // Reopen so the disclosure form offers the new consent as its basis.
  await openScreen(s, 'dashboard');
  await openScreen(s, 'consent');
  await addRecord('disclosures', { what: 'Progress summary', recipient: 'Dr Amani, GP' });
  await s.waitFor('#disclosures-heading ~ [data-items]', { text: 'Dr Amani' });
  await s.waitFor('#disclosures-heading ~ [data-items]', { text: 'With consent' });
  assert.deepEqual(await axeViolations(s), []);
});

test('a referral and a library resource', async () => {
  await openScreen(s, 'referrals');
  await addRecord('referrals', { referred_to: 'Community sleep clinic', reason: 'Persistent insomnia' });
  await s.waitFor('#referrals-heading ~ [data-items]', { text: 'Community sleep clinic' });
  await addRecord('resources', { title: 'Sleep hygiene leaflet' });
  // Neither a link nor notes: refused with a message that says what to add.
  await s.waitFor('#resources-heading ~ details [data-error]', { text: 'web address' });
  await addRecord('resources', { notes: 'Keep a regular wake time; no screens in bed.' });
  await s.waitFor('#resources-heading ~ [data-items]', { text: 'Sleep hygiene leaflet' });
  assert.deepEqual(await axeViolations(s), []);
});

test('the mentor record counts CPD hours', async () => {
  await openScreen(s, 'my-record');
  await addRecord('training', { title: 'Motivational interviewing', provider: 'Regional training hub', hours: '6' });
  await s.waitFor('#training-heading ~ [data-items]', { text: 'Motivational interviewing' });
  await s.waitFor('[data-cpd]', { text: '6 hours' });
  assert.deepEqual(await axeViolations(s), []);
});

test('a thought record with a hot thought and re-rated moods', async () => {
  await openScreen(s, 'thought-record');
  await (await s.waitFor('#tr-situation')).type('Friend did not reply to my message');
  await (await s.waitFor('#tr-mood-0')).type('anxious');
  await (await s.waitFor('#tr-int-0')).type('80');
  await (await s.waitFor('#tr-thought-0')).type('They are angry with me');
  await (await s.waitFor('#tr-against')).type('They were at work all day');
  await (await s.waitFor('#tr-balanced')).type('They are probably busy');
  await (await s.waitFor('#tr-rerate-0')).type('40');
  await (await s.waitFor('[data-record] button[type="submit"]')).click();
  await s.waitFor('[data-recent]', { text: 'Friend did not reply' });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '17-thought-record');
});

test('an activity logged with mastery and pleasure', async () => {
  await openScreen(s, 'activation');
  await (await s.waitFor('#ba-activity')).type('Walk in the park');
  await (await s.waitFor('#ba-mastery')).type('6');
  await (await s.waitFor('#ba-pleasure')).type('8');
  await (await s.waitFor('[data-add] button[type="submit"]')).click();
  await s.waitFor('[data-recent]', { text: 'pleasure 8' });
  assert.deepEqual(await axeViolations(s), []);
});

test('the coping toolbox takes a built-in idea and records its use', async () => {
  await openScreen(s, 'coping');
  const idea = await s.waitFor('[data-add-idea]');
  await idea.click();
  await s.waitFor('[data-status]', { text: 'Added to your toolbox' });
  await s.waitFor('.coping__item', { text: 'Used 0 times' });
  await (await s.waitFor('.coping__item [data-use]')).click();
  await s.waitFor('.coping__item', { text: 'Used 1 time' });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '18-coping');
});

test('three good things, saved and listed', async () => {
  await openScreen(s, 'gratitude');
  await addRecord('gratitude', { thing1: 'Lunch with Sam', why1: 'We laughed a lot', thing2: 'Finished the report' });
  await s.waitFor('#gratitude-heading ~ [data-items]', { text: 'Lunch with Sam' });
  await s.waitFor('#gratitude-heading ~ [data-items]', { text: 'Finished the report' });
  assert.deepEqual(await axeViolations(s), []);
});

test('my own safety plan is what the crisis button shows', async () => {
  await openScreen(s, 'safety-plan');
  await (await s.waitFor('#p-warning_signs-0')).type('Not sleeping, pulling away from friends');
  await (await s.waitFor('#p-people_to_ask_for_help-0')).type('Sam (sister)');
  await (await s.waitFor('#c-people_to_ask_for_help-0')).type('07700 900123');
  await (await s.waitFor('#p-reasons_for_living-0')).type('My niece');
  await (await s.waitFor('[data-plan] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Safety plan saved' });
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '19-safety-plan');
  await (await s.waitFor('button[data-crisis]')).click();
  await s.waitFor('dialog[open] .safety-plan', { text: 'Sam (sister)' });
  await s.waitFor('dialog[open] .safety-plan', { text: '07700 900123' });
  await s.waitFor('dialog[open] .safety-plan', { text: 'My niece' });
  await screenshot(s, '20-crisis-with-plan');
  await (await s.waitFor('dialog[open] button[data-close]')).click();
});

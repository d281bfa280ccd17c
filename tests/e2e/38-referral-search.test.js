// Referrals in the window's search (found trying the app: a referral's words were never found,
// though the search box says "Search everything"): on the seeded vault of 08
// (cli/src/bin/e2e_seed.rs: Sam Patel referred to Citizens Advice for "Debt worries", sent Fri
// 20 Mar 2026, follow up Mon 20 Apr), the clock pinned to Thursday 2 April 2026 09:30 in London.
// The hit reads as the referrals list does, opens the Referrals screen on that referral, and
// moving it back to draft is refused with what is allowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { startAtDashboard, waitUntil } from './lib/flows.js';
import { cells, startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp());
});
after(() => s?.end());

test('search finds a referral by its reason and opens the Referrals screen on it', async () => {
  await s.press({ key: 'k', ctrl: true });
  const box = await s.waitFor('#global-search');
  await box.clear();
  await box.type('debt');
  await s.press({ key: '\uE007' });
  await s.waitFor('#search-title', { text: 'debt' });
  await s.waitFor('[data-summary]', { text: 'match' });
  assert.deepEqual(await texts(s, '[data-summary]'), ['1 match, best first.']);
  assert.deepEqual(await texts(s, '[data-hit] > span:first-child'), ['Referral Sam Patel → Citizens Advice Fri, 20 Mar 2026']);
  assert.deepEqual(await texts(s, '[data-hit] .search__snippet'), ['Debt worries']);
  assert.deepEqual(await texts(s, '[data-hit] mark'), ['Debt']);
  // "Show" offers referrals among the kinds (built from the core's list of searchable kinds).
  assert.ok((await texts(s, '#search-kind option')).includes('Referral'));
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '38-referral-search');

  await (await s.waitFor('[data-hit]')).click();
  await s.waitFor('#referrals-screen-title');
  await s.waitFor('.record-section__item[aria-current="true"]');
  assert.deepEqual(await cells(s, '.record-section__item[aria-current="true"]'), [
    ['Sam Patel → Citizens Advice', 'Debt worries', 'Sent · Fri, 20 Mar 2026 · follow up Mon, 20 Apr 2026'],
  ]);
  await waitUntil(s, "return document.activeElement?.getAttribute('aria-current') === 'true'", 'the referral has the focus');
  await s.waitFor('#referral-pick option');
  assert.deepEqual(
    await s.execute("const p = document.querySelector('#referral-pick'); return [p.options[p.selectedIndex].textContent, document.querySelector('#referral-status').value]"),
    ['Sam Patel → Citizens Advice (Fri, 20 Mar 2026)', 'sent'],
  );
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '38-referral-opened');
});

test('a sent referral cannot go back to draft: the form says what is allowed', async () => {
  await s.execute(
    "const el = document.querySelector('#referral-status'); el.value = 'draft'; el.dispatchEvent(new Event('change', { bubbles: true }));",
  );
  await (await s.waitFor('[data-referral-update] button[type="submit"]')).click();
  await s.waitFor('[data-referral-error]', { text: 'draft' });
  assert.deepEqual(await texts(s, '[data-referral-error]'), [
    'Status: A sent referral cannot go back to draft: it can move on to accepted, declined or completed.',
  ]);
  assert.deepEqual(await texts(s, '.record-section__item[aria-current="true"] [data-referral-status]'), [
    'Sent · Fri, 20 Mar 2026 · follow up Mon, 20 Apr 2026',
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basisText, consentStatus, disclosureBasisText, reliedOnText } from '../src/lib/lawful-basis.js';
import { formatDay } from '../src/lib/dates.js';

const consent = (/** @type {object} */ over) => ({
  id: 'k', client_id: 'c', scope: 'GP', given_on: '2026-01-10', expires_on: null, withdrawn_on: null, notes: '',
  created_at: '2026-01-10T09:00:00Z', lawful_basis: null, art9_condition: null, art9_other: null, ...over,
});

test('the basis reads as the core and the CLI write it', () => {
  assert.equal(basisText(consent({})), 'Basis not recorded');
  assert.equal(basisText(consent({ lawful_basis: 'consent', art9_condition: 'a' })), 'Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent');
  assert.equal(basisText(consent({ lawful_basis: 'contract', art9_condition: 'h' })), 'Contract (Art. 6(1)(b)); Art. 9(2)(h) health or social care');
  assert.equal(basisText(consent({ lawful_basis: 'consent', art9_condition: 'other', art9_other: 'Schedule 1 para 6 DPA 2018' })),
    'Consent (Art. 6(1)(a)); Art. 9(2) other: Schedule 1 para 6 DPA 2018');
  assert.equal(basisText(consent({ lawful_basis: 'legitimate_interests' })), 'Legitimate interests (Art. 6(1)(f))');
});

test('relied-on counts have their plurals', () => {
  assert.deepEqual([0, 1, 2].map(reliedOnText), ['Relied on by no disclosures', 'Relied on by 1 disclosure', 'Relied on by 2 disclosures']);
});

test('a disclosure on a lawful basis without consent shows that basis (regression: shown as a legal duty)', () => {
  const scope = (/** @type {string} */ id) => (id === 'k' ? 'GP letters' : '?');
  assert.equal(disclosureBasisText({ basis: 'lawful_basis', lawful_basis: 'legitimate_interests' }, scope),
    'Basis: Legitimate interests (Art. 6(1)(f)), without consent');
  assert.equal(disclosureBasisText({ basis: 'consent', consent_id: 'k' }, scope), 'With consent: GP letters');
  assert.equal(disclosureBasisText({ basis: 'legal_duty', explanation: 'Court order' }, scope), 'Basis: Court order');
});

// Regression: the consent screen said "expires 30 Jun 2026" in October, like a consent in force
// (a helper's new-user run; the CLI's `consent list` was mended first, in c812993).
test('a consent reads in the tense of today and says whether it is in force', () => {
  const today = '2026-10-22';
  const day = (/** @type {string} */ d) => formatDay(d);
  assert.equal(consentStatus(consent({ given_on: '2026-02-01' }), today), `Given ${day('2026-02-01')} · in force`);
  assert.equal(consentStatus(consent({ expires_on: '2026-06-30' }), today), `Given ${day('2026-01-10')} · expired ${day('2026-06-30')} · not in force`);
  assert.equal(consentStatus(consent({ expires_on: '2026-10-22' }), today), `Given ${day('2026-01-10')} · expires ${day('2026-10-22')} · in force`);
  assert.equal(consentStatus(consent({ given_on: '2030-05-01' }), today), `Given ${day('2030-05-01')} · not in force until then`);
  assert.equal(consentStatus(consent({ withdrawn_on: '2026-10-22' }), today), `Given ${day('2026-01-10')} · withdrawn ${day('2026-10-22')} · not in force`);
  assert.equal(consentStatus(consent({ withdrawn_on: '2026-11-01' }), today), `Given ${day('2026-01-10')} · withdrawn from ${day('2026-11-01')} · in force until then`);
  assert.equal(formatDay('2026-06-30'), 'Tue, 30 Jun 2026');
});

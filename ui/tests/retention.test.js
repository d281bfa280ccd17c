import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRule, erasedAgainBanner, retentionEndedLine, retentionStatus, shortDay } from '../src/lib/retention.js';

test('days read as the CLI writes them, with one spelling of September', () => {
  assert.deepEqual(['2026-02-03', '2019-09-30', '2031-05-10'].map(shortDay), ['3 Feb 2026', '30 Sep 2019', '10 May 2031']);
  assert.equal(shortDay(null), '');
});

test('the dashboard line, a client page status and the rule read exactly', () => {
  assert.equal(
    retentionEndedLine({ name: 'Alex Morgan', closed_on: '2019-02-03', ends_on: '2026-02-03' }),
    'Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2026',
  );
  assert.equal(retentionStatus({ ends_on: null, ended: false, last_contact: '2026-01-01', last_contact_kind: 'record_made' }), '');
  assert.equal(
    retentionStatus({ ends_on: '2031-05-10', ended: false, last_contact: '2024-05-10', last_contact_kind: 'closed' }),
    'Retention ends on 10 May 2031 (counted from the day the client was closed, 10 May 2024).',
  );
  assert.equal(
    retentionStatus({ ends_on: '2026-03-09', ended: true, last_contact: '2019-03-09', last_contact_kind: 'attended_session' }),
    'Retention ended on 9 Mar 2026 (counted from the last attended session, 9 Mar 2019). This record may now be erased.',
  );
  assert.equal(
    retentionStatus({ ends_on: '2026-01-01', ended: true, last_contact: '2019-03-01', last_contact_kind: 'closed', override_rule: { kind: 'until', value: '2026-01-01' } }),
    'Retention ended on 1 Jan 2026 (the date set for this client). This record may now be erased.',
  );
  assert.equal(
    retentionStatus({ ends_on: '2029-03-01', ended: false, last_contact: '2019-03-01', last_contact_kind: 'closed', override_rule: { kind: 'years', value: 10 } }),
    'Retention ends on 1 Mar 2029 (10 years set for this client, counted from the day the client was closed, 1 Mar 2019).',
  );
  assert.deepEqual(
    [describeRule({ years_after_last_contact: 7, minors_until_age: 25 }), describeRule({ years_after_last_contact: 1, minors_until_age: 18 })],
    [
      'Records are kept 7 years after the last contact, and for a client whose date of birth you recorded, at least until they turn 25.',
      'Records are kept 1 year after the last contact, and for a client whose date of birth you recorded, at least until they turn 18.',
    ],
  );
});

test('an unlock that erased clients again says so in a banner, in the words of the core, and where to look', () => {
  const said = 'This vault is an older copy, made before an erasure (a restored backup?): 1 client erased on 2 Dec 2026 was in it and has been erased again, with everything that referred to them.';
  assert.equal(erasedAgainBanner(said),
    'This vault is an older copy, made before an erasure (a restored backup?): 1 client erased on 2 Dec 2026 was in it and has been erased again, with everything that referred to them. The erasure log, below the list of clients, shows each one.');
  assert.equal(erasedAgainBanner(null), null);
  assert.equal(erasedAgainBanner(undefined), null);
  assert.equal(erasedAgainBanner(''), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invoiceAmounts, receivedFromMentor } from '../src/lib/received.js';

// Every field a received item has in Rust (ReceivedFromContact), so the fixtures are real shapes.
const from = {
  id: 'r1', contact_id: 'c1', contact_name: 'Dr Sam Rivera', bundle_id: 'b1', received_at: '2026-11-23T10:00:00Z', filed_as: null,
  contact_role: /** @type {const} */ ('my_mentor'), proposal: null,
};

test('homework, resources and action plans are shown by kind with their details', () => {
  const out = receivedFromMentor([
    { ...from, item: { type: 'homework', id: 'h1', title: 'Three good things', instructions: 'Write them down.', assigned_at: '2026-11-22T10:00:00Z', due: '2026-12-01' } },
    { ...from, item: { type: 'resource', id: 'x1', title: 'Sleep leaflet', description: 'Ten habits.', url: 'https://example.org/sleep' } },
    { ...from, item: { type: 'action_plan', id: 'p1', title: 'Walking', goal: 'Fitter', updated_at: '2026-11-22T10:00:00Z', steps: [{ id: 's1', description: 'Walk after lunch', owner: 'client', status: 'not_started', due: null }] } },
  ]).text;
  for (const part of ['<h3>Homework</h3>', 'Three good things', 'Write them down.', 'Due 2026-12-01', '<h3>Resources</h3>',
    'Ten habits.', 'https://example.org/sleep', '<h3>Action plans</h3>', 'Walk after lunch', '(you; not started)',
    'From Dr Sam Rivera, received 2026-11-23']) {
    assert.ok(out.includes(part), `${part} in ${out}`);
  }
  assert.ok(!out.includes('<a '), 'a link from a share file is text, never clickable');
});

test('what a mentor wrote is escaped, and nothing shared says so', () => {
  const out = receivedFromMentor([
    { ...from, contact_name: '<b>Sam</b>', item: { type: 'homework', id: 'h2', title: '<img src=x onerror=alert(1)>', instructions: 'a & b', assigned_at: '2026-11-22T10:00:00Z', due: null } },
  ]).text;
  assert.ok(out.includes('&lt;img src=x onerror=alert(1)&gt;') && out.includes('&lt;b&gt;Sam&lt;/b&gt;') && out.includes('a &amp; b'));
  assert.ok(!out.includes('<img'));
  assert.ok(receivedFromMentor([]).text.includes('Nothing shared with you yet'));
});

test('homework and action plans offer "Add to my goals" until filed, then say where they went', () => {
  /** @type {import('../src/api.js').SharedItem} */
  const plan = { type: 'action_plan', id: 'p2', title: 'Walking', goal: null, steps: [], updated_at: '2026-11-22T10:00:00Z' };
  const unfiled = receivedFromMentor([{ ...from, id: 'r-1', item: plan }]).text;
  assert.ok(unfiled.includes('data-file-received="r-1"') && unfiled.includes('Add to my goals'), unfiled);
  const filed = receivedFromMentor([{ ...from, id: 'r-1', filed_as: 'goal:g-1', item: plan }]).text;
  assert.ok(filed.includes('Filed as one of your goals (see My goals).') && !filed.includes('data-file-received'), filed);
  const resource = receivedFromMentor([{ ...from, id: 'r-2', item: { type: 'resource', id: 'x2', title: 'Leaflet', description: '', url: null } }]).text;
  assert.ok(!resource.includes('data-file-received'), 'a resource is not a goal');
});

test('a safety plan shows its sections in plan order and what the person may do with it', () => {
  /** @type {import('../src/api.js').SharedItem} */
  const plan = {
    type: 'safety_plan', id: 'sp1', updated_at: '2026-11-22T10:00:00Z',
    sections: { reasons_for_living: [{ text: 'My dog', contact: null }], warning_signs: [{ text: 'Not <sleeping>', contact: null }], people_to_ask_for_help: [{ text: 'Mum', contact: '07700 900123' }] },
  };
  const sections = [
    { section: /** @type {const} */ ('warning_signs'), title: 'Warning signs', step: 1, guidance: null, prompts: [], has_contacts: false },
    { section: /** @type {const} */ ('people_to_ask_for_help'), title: 'People I can ask for help', step: 4, guidance: null, prompts: [], has_contacts: true },
    { section: /** @type {const} */ ('reasons_for_living'), title: 'My reasons for living', step: null, guidance: null, prompts: [], has_contacts: false },
  ];
  const waiting = receivedFromMentor([{ ...from, id: 'r-9', proposal: 'waiting', item: plan }], { sections }).text;
  const order = ['1. Warning signs', 'Not &lt;sleeping&gt;', '4. People I can ask for help', 'Mum', '07700 900123', 'My reasons for living', 'My dog',
    'data-accept-proposal="r-9"', 'Accept as my new safety plan', 'data-decline-proposal="r-9"', 'Decline'];
  let at = 0;
  for (const part of order) {
    const found = waiting.indexOf(part, at);
    assert.ok(found >= 0, `${part} after ${at} in ${waiting}`);
    at = found;
  }
  const fromClient = receivedFromMentor([{ ...from, contact_role: 'my_client', proposal: 'not_from_mentor', item: plan }], { sections }).text;
  assert.ok(fromClient.includes('Not filed: only a contact you confirmed as your mentor may propose a safety plan, and Dr Sam Rivera is your client.'));
  assert.ok(!fromClient.includes('data-accept-proposal'), 'nothing to accept');
  const refused = receivedFromMentor([{ ...from, id: 'r-9', proposal: 'waiting', item: plan }], { sections, outcome: { id: 'r-9', text: 'Proposal: newer', refused: true } }).text;
  assert.ok(refused.includes('role="alert"') && refused.includes('Proposal: newer') && refused.includes('View my current safety plan'), refused);
  assert.ok(receivedFromMentor([{ ...from, proposal: 'accepted', item: plan }], { sections }).text.includes('You accepted this plan'));
  assert.ok(receivedFromMentor([{ ...from, proposal: 'declined', item: plan }], { sections }).text.includes('You declined this plan'));
});

test('an invoice is shown as issued: number, sender, local days, lines, total, paid and balance as sent', () => {
  const invoice = {
    type: /** @type {const} */ ('invoice'), id: 'i1', number: 'INV-0001', kind: 'invoice', status: 'issued', from: 'Sam Mentor Practice',
    bill_to: 'Jordan Rivers', payer: null, issued_on: '2026-11-30', due_on: '2026-12-14',
    lines: [{ description: 'Mentoring session, 23 Nov 2026', amount: '£65.00' }],
    subtotal: '£65.00', tax: '£0.00', total: '£65.00', paid: '£20.00', balance: '£45.00',
  };
  const out = receivedFromMentor([{ ...from, item: invoice }]).text;
  for (const part of ['<h3>Invoices</h3>', '<h4>Invoice INV-0001</h4>', 'From Dr Sam Rivera, received 2026-11-23',
    'From Sam Mentor Practice · issued Mon, 30 Nov 2026 · due Mon, 14 Dec 2026', '<li>Mentoring session, 23 Nov 2026 · £65.00</li>',
    'Total £65.00 · paid £20.00 · balance £45.00, as issued']) {
    assert.ok(out.includes(part), `${part} in ${out}`);
  }
  const voided = receivedFromMentor([{ ...from, item: { ...invoice, status: 'void', kind: 'credit_note', number: 'CN-0002', due_on: null } }]).text;
  assert.ok(voided.includes('<h4>Credit note CN-0002 (void)</h4>') && voided.includes('issued Mon, 30 Nov 2026</p>'), voided);
});

// Decision 78: exchange format 3 gives a credit note as credited, not paid, as the mentor's own
// Billing screen does; an invoice received in format 2 (no `credited`) reads as it always did.
test('a received invoice shows paid and credited apart; one from format 2 reads as before', () => {
  // As format 2 sent it (and the vault keeps it): no credited, and paid counts the credit note.
  const earlier = {
    type: /** @type {const} */ ('invoice'), id: 'i4', number: 'INV-0004', kind: 'invoice', status: 'issued', from: 'Sam Rivera Mentoring',
    bill_to: 'Jo Okafor', payer: null, issued_on: '2026-11-30', due_on: '2026-12-14',
    lines: [{ description: 'Mentoring session, 16 Nov 2026', amount: '£48.00' }, { description: 'Mentoring session, 23 Nov 2026', amount: '£48.00' }],
    subtotal: '£96.00', tax: '£0.00', total: '£96.00', paid: '£58.00', balance: '£38.00',
  };
  const invoice = { ...earlier, paid: '£50.00', credited: '£8.00', credit_notes: ['CN-0005'] };
  assert.equal(invoiceAmounts(invoice), 'Total £96.00 · paid £50.00 · credited £8.00 (CN-0005) · balance £38.00');
  const out = receivedFromMentor([{ ...from, item: invoice }]).text;
  assert.ok(out.includes('<p data-invoice-amounts>Total £96.00 · paid £50.00 · credited £8.00 (CN-0005) · balance £38.00, as issued</p>'), out);
  const twoNotes = { ...invoice, paid: '£42.00', credited: '£16.00', credit_notes: ['CN-0005', 'CN-0007'], balance: '£38.00' };
  assert.equal(invoiceAmounts(twoNotes), 'Total £96.00 · paid £42.00 · credited £16.00 (CN-0005, CN-0007) · balance £38.00');
  // Format 3 with nothing credited: no "credited" to read.
  assert.equal(invoiceAmounts({ ...invoice, credited: '£0.00', credit_notes: [] }), 'Total £96.00 · paid £50.00 · balance £38.00');
  // Format 2: paid as that format sent it, and nothing else.
  const old = receivedFromMentor([{ ...from, item: earlier }]).text;
  assert.ok(old.includes('<p data-invoice-amounts>Total £96.00 · paid £58.00 · balance £38.00, as issued</p>'), old);
  // Escaped like everything else from another person's file.
  assert.ok(receivedFromMentor([{ ...from, item: { ...invoice, credit_notes: ['<b>CN</b>'] } }]).text.includes('(&lt;b&gt;CN&lt;/b&gt;)'));
});

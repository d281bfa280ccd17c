// The safety plan's means-restriction prompt and its printed copies (issue 11, deliverable 8).
// The fixture of 08 plus the owner's own safety plan (`--scenario every-kind`,
// cli/src/bin/e2e_seed.rs: warning signs "Not sleeping", "Skipping meals"; coping "Cold water on
// my face"; people "Mum" 07700 900123; reasons "The allotment in summer"), the clock pinned to
// Thursday 2 April 2026 09:30 in London, the country chosen in Settings: United Kingdom. Step 6
// shows its guidance and prompts; the plan is saved as an A4 PDF and as a wallet card through
// the window's print form, and each file is read back with pdftotext.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
const WORK = join(process.env.E2E_ROOT ?? '/tmp', 'print');

before(async () => {
  mkdirSync(WORK, { recursive: true });
  s = await startAtDashboard(() => startSeededApp({ scenario: 'every-kind' }));
});
after(() => s?.end());

async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** The PDF's text (or one rectangle of it, in points), whitespace collapsed. */
function pdfText(file, crop) {
  const args = crop ? ['-x', crop[0], '-y', crop[1], '-W', crop[2], '-H', crop[3]].map(String) : [];
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean).join(' ');
}

/** Asserts the parts are all in the text, in this order. */
function inOrder(text, parts) {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    assert.ok(at >= 0, `“${part}” is missing or out of order after ${from} in: ${text}`);
    from = at + part.length;
  }
}

/** Saves the plan as a PDF from the print form and waits for the result line. */
async function printTo(layout, file) {
  await choose('#plan-print-layout', layout);
  await replaceText(s, '#plan-print-path', file);
  await (await s.waitFor('[data-print] button[type="submit"]')).click();
  await s.waitFor('[data-print-result]', { text: file });
}

test('step 6 asks about making the environment safe, in the Stanley–Brown words', async () => {
  await openScreen(s, 'settings');
  await waitUntil(s, `return document.querySelectorAll('[data-country-select] option').length > 200`, 'the countries are listed');
  await choose('[data-country-select]', 'GB');
  await (await s.waitFor('form[data-preferences] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Preferences saved' });

  await openScreen(s, 'safety-plan');
  await s.waitFor('[data-guidance="safe_environment"]');
  assert.deepEqual(await texts(s, '.plan-section legend'), [
    '1. Warning signs that a crisis may be developing',
    '2. Things I can do to take my mind off my problems on my own',
    '3. People and social settings that provide distraction',
    '4. People I can ask for help',
    '5. Professionals or agencies I can contact during a crisis',
    'Crisis lines',
    '6. Making the environment safe',
    'My reasons for living',
  ]);
  assert.deepEqual(await texts(s, '[data-guidance] p'), [
    'Think about anything you might use to hurt yourself if things got very hard, and plan now how to make it harder to reach: what could be removed, locked away or kept by someone you trust until the crisis has passed. Talk it through with someone who can help.',
  ]);
  assert.deepEqual(await texts(s, '[data-guidance="safe_environment"] li'), [
    'What could I remove from my home, or keep less of (such as medicines I no longer need)?',
    'What could I lock away, and who would keep the key or code?',
    'Who could hold something for me until the crisis has passed?',
    'Which places or situations should I stay away from when I feel this way?',
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '21-safety-plan-step-6');
});

test('a step-6 line is saved, then the plan is saved as an A4 PDF with every step in order', async () => {
  await replaceText(s, '#p-safe_environment-0', 'Sam keeps my spare tablets');
  await (await s.waitFor('form[data-plan] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Safety plan saved (version 2).' });

  const file = join(WORK, 'safety-plan.pdf');
  await (await s.waitFor('[data-print] button[type="submit"]')).click();
  await s.waitFor('[data-print-error]', { text: 'Choose where to save the PDF, or type its full path.' });
  await printTo('page', file);
  assert.deepEqual(await texts(s, '[data-print-result] p'), [
    `Saved to ${file}.`,
    'This file is not encrypted; anyone who can open it can read it. Store it somewhere safe and delete it when done.',
  ]);
  inOrder(pdfText(file), [
    'My safety plan',
    'Version 2, saved Thu, 2 Apr 2026',
    '1. Warning signs that a crisis may be developing', 'Not sleeping', 'Skipping meals',
    '2. Things I can do to take my mind off my problems on my own', 'Cold water on my face',
    '3. People and social settings that provide distraction', 'Nothing written here yet.',
    '4. People I can ask for help', 'Mum — 07700 900123',
    '5. Professionals or agencies I can contact during a crisis', 'Nothing written here yet.',
    'Crisis lines', 'Crisis lines in United Kingdom:',
    'Emergency services — Call 999',
    'Samaritans — Call 116 123',
    'Shout — Text SHOUT to 85258',
    'NHS 111 — mental health (England) — Call 111, then choose option 2',
    '6. Making the environment safe',
    'Think about anything you might use to hurt yourself',
    '• What could I remove from my home, or keep less of (such as medicines I no longer need)?',
    '• Which places or situations should I stay away from when I feel this way?',
    'Sam keeps my spare tablets',
    'My reasons for living', 'The allotment in summer',
  ]);
});

test('the wallet card: ten bank-card panels on one A4 page, each with its step', async () => {
  const file = join(WORK, 'safety-plan-wallet-card.pdf');
  await printTo('wallet_card', file);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Pages:\s+1\n/);
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  // 85.6 × 54 mm panels, two columns of five, centred.
  const w = (85.6 / 25.4) * 72;
  const h = (54 / 25.4) * 72;
  const left = (595.28 - 2 * w) / 2;
  const top = (841.89 - 5 * h) / 2;
  const panel = (i) => pdfText(file, [Math.trunc(left + w * (i % 2)) + 2, Math.trunc(top + h * Math.floor(i / 2)) + 2, Math.trunc(w) - 4, Math.trunc(h) - 4]);
  const expected = [
    ['My safety plan', 'Version 2, saved Thu, 2 Apr 2026'],
    ['1. Warning signs that a crisis may be developing', '• Not sleeping', '• Skipping meals'],
    ['2. Things I can do to take my mind off my problems on my own', '• Cold water on my face'],
    ['3. People and social settings that provide distraction'],
    ['4. People I can ask for help', '• Mum — 07700 900123'],
    ['5. Professionals or agencies I can contact during a crisis'],
    ['Crisis lines', '• Emergency services — Call 999', '• Samaritans — Call 116 123', '• Shout — Text SHOUT to 85258'],
    ['6. Making the environment safe', '• Sam keeps my spare tablets'],
    ['My reasons for living', '• The allotment in summer'],
    ['To make the card', 'Cut along the corner marks around the ten panels.', 'Fold along the dashed lines into a card the size of a bank card.'],
  ];
  expected.forEach((parts, i) => inOrder(panel(i), parts));
});

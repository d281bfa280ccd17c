import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryFromLocale, groupCrisisLines } from '../src/lib/crisis-lines.js';

/** @param {string} country @param {string} country_name @param {string} name @param {string} how */
const line = (country, country_name, name, how) => ({ country, country_name, name, how_to_reach: how, hours: '24/7', description: '' });

const LINES = [
  line('AU', 'Australia', 'Lifeline', 'Call 13 11 14'),
  line('GB', 'United Kingdom', 'Samaritans', 'Call 116 123'),
  line('GB', 'United Kingdom', 'Shout', 'Text SHOUT to 85258'),
  line('US', 'United States', 'Crisis Text Line', 'Text HOME to 741741'),
  line('DE', 'Germany', 'TelefonSeelsorge', 'Call 0800 111 0 111'),
  line('INT', 'International', 'Find A Helpline', 'Go to https://findahelpline.com'),
];

// Regression (issue 8): every country was listed by ISO code, none first.
test("the person's country comes first; the others follow by name, international last", () => {
  const { own, others } = groupCrisisLines(LINES, 'GB');
  assert.equal(own?.name, 'United Kingdom');
  assert.deepEqual(own?.lines.map((l) => `${l.name}: ${l.how_to_reach}`), ['Samaritans: Call 116 123', 'Shout: Text SHOUT to 85258']);
  assert.deepEqual(others.map((g) => g.name), ['Australia', 'Germany', 'United States', 'International']);
});

test('with no country known, every country is under the others', () => {
  const { own, others } = groupCrisisLines(LINES, null);
  assert.equal(own, null);
  assert.deepEqual(others.map((g) => g.name), ['Australia', 'Germany', 'United Kingdom', 'United States', 'International']);
  assert.equal(groupCrisisLines(LINES, 'FR').own, null, 'a country without lines has no own section');
});

test("the locale's region is the default country", () => {
  assert.equal(countryFromLocale('en-GB'), 'GB');
  assert.equal(countryFromLocale('de_DE.UTF-8'), 'DE');
  assert.equal(countryFromLocale('zh-Hant-TW'), 'TW');
  assert.equal(countryFromLocale('en'), null);
  assert.equal(countryFromLocale(''), null);
  assert.equal(countryFromLocale(undefined), null);
});

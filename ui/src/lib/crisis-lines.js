/**
 * Built-in crisis lines, shown from the crisis button even while the vault is locked (the
 * user's own edited directory and safety plan live in the vault and appear once unlocked).
 *
 * Only long-established national lines are listed; each entry names its country so a person
 * can tell at a glance which applies. Sources: the services' own sites (988lifeline.org,
 * 988.ca, samaritans.org, lifeline.org.au, 1737.org.nz, telefonseelsorge.de).
 */

export const EMERGENCY_NOTE =
  'If you or someone else is in immediate danger, call your local emergency number now: 112 in the EU and many countries, 911 in the US and Canada, 999 in the UK, 000 in Australia.';

export const DEFAULT_CRISIS_LINES = Object.freeze([
  { country: 'United States', name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', hours: '24/7' },
  { country: 'Canada', name: '9-8-8 Suicide Crisis Helpline', contact: 'Call or text 988', hours: '24/7' },
  { country: 'United Kingdom & Ireland', name: 'Samaritans', contact: 'Call 116 123 (free)', hours: '24/7' },
  { country: 'Australia', name: 'Lifeline', contact: 'Call 13 11 14', hours: '24/7' },
  { country: 'New Zealand', name: 'Need to talk?', contact: 'Call or text 1737', hours: '24/7' },
  { country: 'Germany', name: 'TelefonSeelsorge', contact: 'Call 0800 111 0 111 or 0800 111 0 222 (free)', hours: '24/7' },
]);

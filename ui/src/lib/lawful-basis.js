/**
 * The words for a consent's lawful basis (GDPR Art. 6(1)) and Art. 9(2) condition, as the core
 * writes them (`LawfulBasis::label`, `Art9Condition::label`, `Consent::basis_text` and
 * `relied_on_text` in src/clinical/consent.rs; the CLI prints the same lines).
 */
import { formatDay } from './dates.js';

/** @type {Record<import('../api.js').LawfulBasis, string>} */
export const LAWFUL_BASES = {
  consent: 'Consent (Art. 6(1)(a))',
  contract: 'Contract (Art. 6(1)(b))',
  legal_obligation: 'Legal obligation (Art. 6(1)(c))',
  vital_interests: 'Vital interests (Art. 6(1)(d))',
  public_task: 'Public task (Art. 6(1)(e))',
  legitimate_interests: 'Legitimate interests (Art. 6(1)(f))',
};

/** @type {Record<import('../api.js').Art9Condition, string>} */
export const ART9_CONDITIONS = {
  a: 'Art. 9(2)(a) explicit consent',
  b: 'Art. 9(2)(b) employment and social protection law',
  c: 'Art. 9(2)(c) vital interests',
  d: 'Art. 9(2)(d) not-for-profit body',
  e: 'Art. 9(2)(e) made public by the person',
  f: 'Art. 9(2)(f) legal claims',
  g: 'Art. 9(2)(g) substantial public interest',
  h: 'Art. 9(2)(h) health or social care',
  i: 'Art. 9(2)(i) public health',
  j: 'Art. 9(2)(j) archiving, research or statistics',
  other: 'Other',
};

/**
 * "Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent", or "Basis not recorded" for a consent
 * from before bases were kept.
 * @param {import('../api.js').Consent} c
 */
export function basisText(c) {
  if (!c.lawful_basis) return 'Basis not recorded';
  const basis = LAWFUL_BASES[c.lawful_basis];
  if (!c.art9_condition) return basis;
  if (c.art9_condition === 'other' && c.art9_other) return `${basis}; Art. 9(2) other: ${c.art9_other}`;
  return `${basis}; ${ART9_CONDITIONS[c.art9_condition]}`;
}

/** "Relied on by 1 disclosure", "Relied on by 2 disclosures", "Relied on by no disclosures". @param {number} n */
export function reliedOnText(n) {
  if (n === 0) return 'Relied on by no disclosures';
  return n === 1 ? 'Relied on by 1 disclosure' : `Relied on by ${n} disclosures`;
}

/**
 * A disclosure's basis as the log shows it: "With consent: <scope>", the lawful basis chosen
 * ("Basis: Legitimate interests (Art. 6(1)(f)), without consent", as the core's
 * `DisclosureBasis::text`), or a legal duty's own words ("Basis: <why>").
 * @param {import('../api.js').DisclosureBasis} basis
 * @param {(consentId: string) => string} consentScope
 */
export function disclosureBasisText(basis, consentScope) {
  if (basis.basis === 'consent') return `With consent: ${consentScope(basis.consent_id)}`;
  if (basis.basis === 'lawful_basis') return `Basis: ${LAWFUL_BASES[basis.lawful_basis]}, without consent`;
  return `Basis: ${basis.explanation}`;
}

/**
 * A consent's days in the tense of `today`, and whether it is in force then, as
 * `wellkept consent list` says it (`cli/src/care.rs` `consent_status`; in force as
 * `Consent::is_active_on`: from the day given, through the day it expires, until the day it is
 * withdrawn). The screen said "expires 30 Jun 2026" long after that day, like a consent that held.
 * @param {Pick<import('../api.js').Consent, 'given_on' | 'expires_on' | 'withdrawn_on'>} c
 * @param {string} today 'YYYY-MM-DD'
 */
export function consentStatus(c, today) {
  const given = `Given ${formatDay(c.given_on)}`;
  if (c.given_on > today) return `${given} · not in force until then`;
  const parts = [given];
  if (c.expires_on) parts.push(`${c.expires_on < today ? 'expired' : 'expires'} ${formatDay(c.expires_on)}`);
  if (c.withdrawn_on && c.withdrawn_on > today) parts.push(`withdrawn from ${formatDay(c.withdrawn_on)}`, 'in force until then');
  else if (c.withdrawn_on) parts.push(`withdrawn ${formatDay(c.withdrawn_on)}`, 'not in force');
  else parts.push(c.expires_on && c.expires_on < today ? 'not in force' : 'in force');
  return parts.join(' · ');
}

/**
 * Retention and erasure in words (issue 13; docs/decisions.md 51): the dashboard's "Retention
 * ended" lines, a client's "Retention ends on …", the practice's rule in a sentence. Days are the
 * core's local calendar days (YYYY-MM-DD), written as the CLI writes them ("3 Feb 2026"), with
 * no weekday and one month spelling on every computer.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "3 Feb 2026" from "2026-02-03".
 * @param {string|null|undefined} day
 */
export function shortDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!m) return day ?? '';
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * The dashboard's line: "Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2026".
 * @param {{name: string, closed_on: string|null, ends_on: string|null}} r
 */
export function retentionEndedLine(r) {
  return `${r.name} · closed ${shortDay(r.closed_on)} · retention ended ${shortDay(r.ends_on)}`;
}

/** @type {Record<string, string>} */
const FROM = {
  closed: 'the day the client was closed',
  session_note: 'the last session note',
  attended_session: 'the last attended session',
  record_made: 'the day the record was made',
};

/**
 * What a client's page says about their retention: nothing while they are not closed.
 * @param {{ends_on: string|null, ended: boolean, last_contact: string, last_contact_kind: string,
 *   override_rule?: {kind: 'years', value: number}|{kind: 'until', value: string}|null}} r
 * @returns {string}
 */
export function retentionStatus(r) {
  if (!r.ends_on) return '';
  const counted = `counted from ${FROM[r.last_contact_kind] ?? 'the last contact'}, ${shortDay(r.last_contact)}`;
  const own = r.override_rule;
  const from = own?.kind === 'until'
    ? 'the date set for this client'
    : own?.kind === 'years'
      ? `${own.value === 1 ? '1 year' : `${own.value} years`} set for this client, ${counted}`
      : counted;
  return r.ended
    ? `Retention ended on ${shortDay(r.ends_on)} (${from}). This record may now be erased.`
    : `Retention ends on ${shortDay(r.ends_on)} (${from}).`;
}

/**
 * The practice's rule in a sentence.
 * @param {{years_after_last_contact: number, minors_until_age: number}} rule
 */
export function describeRule(rule) {
  const years = rule.years_after_last_contact === 1 ? '1 year' : `${rule.years_after_last_contact} years`;
  return `Records are kept ${years} after the last contact, and for a client whose date of birth you recorded, at least until they turn ${rule.minors_until_age}.`;
}

/**
 * The banner after an unlock that opened an older copy of the vault (a restored backup) holding
 * clients this computer erased, who were erased again at once (`AppStatus.erased_again`, the
 * core's sentence): that sentence, and where the window lists the tombstones. Null when nothing
 * was erased again.
 * @param {string|null|undefined} sentence
 */
export function erasedAgainBanner(sentence) {
  if (!sentence) return null;
  return `${sentence} The erasure log, below the list of clients, shows each one.`;
}

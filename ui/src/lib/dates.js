/**
 * Dates as the core speaks them (YYYY-MM-DD, the user's local day) and as people read them.
 *
 * Usage: today() // '2026-11-23'; daysAgo(29); formatDay('2026-11-23') // 'Mon 23 Nov 2026'
 */

/** @param {Date} d */
export function isoDay(d) {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** Today on this computer, YYYY-MM-DD. @param {Date} [now] */
export function today(now = new Date()) {
  return isoDay(now);
}

/** The day `n` days before today. @param {number} n @param {Date} [now] */
export function daysAgo(n, now = new Date()) {
  const d = new Date(now);
  d.setDate(d.getDate() - n);
  return isoDay(d);
}

/**
 * The user's local day (YYYY-MM-DD) of a moment the core gives in UTC (RFC 3339): 23:30 in New
 * York on the 9th is 03:30 UTC on the 10th, and the person received it on the 9th.
 * @param {string} at
 */
export function localDay(at) {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? String(at).slice(0, 10) : isoDay(d);
}

/**
 * A day for people: weekday, day, month, year. Given a moment (RFC 3339, as the core sends
 * `saved_at`, `deleted_at`, `finalised_at`), the day is where the user is, not the UTC date.
 * @param {string|null|undefined} day  YYYY-MM-DD, or an RFC 3339 moment
 */
export function formatDay(day) {
  if (!day) return '';
  if (day.length > 10 && day[10] === 'T' && /(Z|[+-]\d\d:\d\d)$/.test(day)) return formatDay(localDay(day));
  const d = new Date(`${day.slice(0, 10)}T12:00:00`);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * A time of day for people from an RFC 3339 time.
 * @param {string} at
 */
export function formatTime(at) {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/**
 * "10:00–10:50" on this computer's clock. When the clocks change during it, says so, as the
 * command line does (`cli/src/session.rs` `span`): "01:30–01:20 (the clocks go back an hour
 * during it)", or a session would read as ending before it starts.
 * @param {string} start RFC 3339
 * @param {string} end RFC 3339
 */
export function formatSpan(start, end) {
  const shift = new Date(start).getTimezoneOffset() - new Date(end).getTimezoneOffset();
  const amount = (/** @type {number} */ m) => (m === 60 ? 'an hour' : m % 60 === 0 ? `${m / 60} hours` : `${m} minutes`);
  const note = Number.isNaN(shift) || shift === 0 ? ''
    : shift < 0 ? ` (the clocks go back ${amount(-shift)} during it)` : ` (the clocks go forward ${amount(shift)} during it)`;
  return `${formatTime(start)}–${formatTime(end)}${note}`;
}

/**
 * A moment as RFC 3339 with this computer's UTC offset (what the core wants for "when, where
 * the user is"), e.g. '2026-11-23T14:05:00+01:00'.
 * @param {Date} [d]
 */
export function localTimestamp(d = new Date()) {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${isoDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Whole calendar days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier.
 * Counted on the calendar, so a change of clocks in between does not shift it.
 * @param {string} from @param {string} to
 */
export function daysBetween(from, to) {
  const day = (/** @type {string} */ d) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

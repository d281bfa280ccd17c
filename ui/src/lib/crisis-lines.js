/**
 * The crisis lines as the crisis dialog arranges them: the person's own country first, then the
 * others under "Other countries", each country by its name ("United Kingdom", never "GB"), and
 * each line with how to reach it ("Text SHOUT to 85258"). The lines and their words come from
 * the core (`list_crisis_lines` when unlocked, `built_in_crisis_lines` while locked), so the
 * window never has its own copy of a number to get wrong.
 *
 * Usage:
 *   const { own, others } = groupCrisisLines(lines, countryFromLocale(navigator.language));
 */

export const EMERGENCY_NOTE =
  'If you or someone else is in immediate danger, call your local emergency number now: 112 in the EU and many countries, 911 in the US and Canada, 999 in the UK, 000 in Australia.';

/**
 * The country a locale names ("en-GB" -> "GB", "de-DE" -> "DE"), or null when it names none
 * ("en"). Used only until the person chooses their country.
 * @param {string|undefined|null} locale
 * @returns {string|null}
 */
export function countryFromLocale(locale) {
  const match = /^[a-z]{2,3}(?:[-_][A-Za-z]{4})?[-_]([A-Za-z]{2})(?:[-_.@]|$)/.exec(String(locale ?? ''));
  return match ? match[1].toUpperCase() : null;
}

/**
 * @typedef {{country: string, country_name: string, name: string, how_to_reach: string, hours: string, description: string}} ShownLine
 * @typedef {{code: string, name: string, lines: ShownLine[]}} CountryLines
 */

/**
 * Splits the lines into the person's own country and the others, in directory order within a
 * country; other countries by name, with lines that work anywhere ("International") last.
 * @param {ShownLine[]} lines
 * @param {string|null} country the person's country code, if known
 * @returns {{own: CountryLines|null, others: CountryLines[]}}
 */
export function groupCrisisLines(lines, country) {
  /** @type {Map<string, CountryLines>} */
  const byCountry = new Map();
  for (const line of lines) {
    const group = byCountry.get(line.country) ?? { code: line.country, name: line.country_name || line.country, lines: [] };
    group.lines.push(line);
    byCountry.set(line.country, group);
  }
  const own = country ? byCountry.get(country) ?? null : null;
  const others = [...byCountry.values()]
    .filter((g) => g !== own)
    .sort((a, b) => Number(a.code === 'INT') - Number(b.code === 'INT') || a.name.localeCompare(b.name, 'en'));
  return { own, others };
}

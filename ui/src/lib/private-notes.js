/**
 * Private notes (docs/decisions.md 52): the warning shown beside each one chosen to go with an
 * export. The words are the core's `export::private_note_warning`, which the command-line tool
 * prints; `ui/tests/private-notes.test.js` and tests/e2e/27-private-notes.test.js hold them.
 * @param {boolean} rightOfAccess
 */
export function privateNoteWarning(rightOfAccess) {
  const what = rightOfAccess ? 'the right-of-access export' : 'the client record export';
  return `This private note will leave the vault as part of ${what}. It is not part of the record.`;
}

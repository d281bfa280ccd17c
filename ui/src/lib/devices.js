/**
 * What Settings → Computers says about one computer: when it first and last opened the vault,
 * and, when its entry in the vault folder is damaged or lost its name with a damaged one, what
 * is not known and what the person can do (docs/decisions.md 75 and 76; the same words as
 * `wellkept verify` and `wellkept devices`). Pure, so the words are tested in ui/tests/.
 *
 * Usage: const { seen, note, editableName } = deviceLines(device);
 */
import { formatDay, formatTime } from './dates.js';

/**
 * "Mon 6 Apr 2026, 08:45": a moment, where the person is.
 * @param {string} at
 */
function when(at) {
  return `${formatDay(at)}, ${formatTime(at)}`;
}

/**
 * @param {import('../api.js').DeviceInfo} d
 * @returns {{seen: string, note: string, editableName: string}} `seen`: its times and id;
 *   `note`: what is wrong with its entry and what to do ('' for a whole one); `editableName`:
 *   the name to put in the rename box (its own name, never the description shown in place of
 *   a lost one).
 */
export function deviceLines(d) {
  const id = `id ${d.short_id}`;
  if (d.entry === 'damaged') {
    const fix = d.this_computer
      ? 'This computer sets it aside and writes a fresh one when it next opens the vault for writing.'
      : 'That computer sets it aside and writes a fresh one when it next opens the vault.';
    return {
      seen: `Entry last changed ${when(d.last_seen)} · ${id}`,
      note: `Its entry in the vault folder is damaged, so its name and when it first opened the vault are not known (the entry holds nothing else). ${fix}`,
      editableName: '',
    };
  }
  if (d.entry === 'name_lost' || d.first_seen === null) {
    return {
      seen: `Last opened ${when(d.last_seen)} · ${id}`,
      note: d.this_computer
        ? 'Its name and when it first opened the vault were lost with its damaged entry. Give it a name below.'
        : 'Its name and when it first opened the vault were lost with its damaged entry. It can be named again on that computer.',
      editableName: '',
    };
  }
  return { seen: `First opened ${when(d.first_seen)} · last opened ${when(d.last_seen)} · ${id}`, note: '', editableName: d.name };
}

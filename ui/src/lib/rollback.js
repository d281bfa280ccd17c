/**
 * Words for a vault whose history ends before what this computer saw (error kind
 * 'rolled_back'), from the structured `MissingChanges` the shell sends with the error.
 *
 * Usage:
 *   import { confirmationMatches, readOnlyReason } from '../../lib/rollback.js';
 *   button.disabled = !confirmationMatches(input.value, missing.confirmation);
 *   banner.textContent = readOnlyReason(missing);
 */
import { count } from './plural.js';

/**
 * Whether what the person typed is the confirmation phrase, by the core's own rule: surrounding
 * spaces and ASCII case do not matter, everything else does.
 * @param {string} typed
 * @param {string} phrase
 */
export function confirmationMatches(typed, phrase) {
  const ascii = (/** @type {string} */ s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return ascii(typed.trim()) === ascii(phrase);
}

/**
 * Why a vault is open read-only, for the banner: what is missing and what to do next.
 * @param {import('../api.js').MissingChanges|null} missing  null when not known (then only the rule is said)
 */
export function readOnlyReason(missing) {
  const what = missing
    ? `It is missing ${count(missing.missing, 'saved change')} that this computer saw (the newest from ${missing.last_seen}). `
    : '';
  return `Read-only: nothing you change here is saved. ${what}To keep working, lock it and unlock again, then restore a backup or accept the loss.`;
}

/**
 * Where the history stands, by change number, when the folder simply ends early; null when it
 * was replaced at the same point (then the numbers say nothing a person can use).
 * @param {import('../api.js').MissingChanges} missing
 */
export function historyDetail(missing) {
  if (missing.held_seq >= missing.seen_seq) return null;
  return `This computer saw the vault reach change ${missing.seen_seq}; the vault folder now ends at change ${missing.held_seq}.`;
}

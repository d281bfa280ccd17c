/**
 * The one module that talks to the Rust side. Every screen imports from here; nothing else
 * touches `window.__TAURI__`.
 *
 * Usage:
 *   import * as api from '../../api.js';
 *   try { await api.unlockWithKeychain(); } catch (e) { if (e instanceof api.ApiError) show(e.message); }
 *
 * Every command rejects with an `ApiError` carrying `kind` (a stable word such as 'locked',
 * 'invalid', 'keychain_unavailable'), a `message` a person can act on, and `field` when one
 * form field is at fault.
 */

/** An error from a command, in the shape the shell sends: `{kind, message, field?}`. */
export class ApiError extends Error {
  /**
   * @param {string} kind
   * @param {string} message
   * @param {string} [field]
   */
  constructor(kind, message, field) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.field = field;
  }
}

function tauri() {
  const t = globalThis.window?.__TAURI__;
  if (!t?.core?.invoke) {
    throw new ApiError('unavailable', 'Wellkept must be opened as the desktop app, not in a browser.');
  }
  return t;
}

/**
 * Calls a command and normalises its error.
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 */
async function call(command, args) {
  try {
    return await tauri().core.invoke(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * Turns whatever a rejected invoke gives into an ApiError.
 * @param {unknown} error
 * @returns {ApiError}
 */
export function toApiError(error) {
  if (error instanceof ApiError) return error;
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error) {
    const e = /** @type {{kind: string, message: string, field?: string}} */ (error);
    return new ApiError(String(e.kind), String(e.message), e.field ?? undefined);
  }
  // Tauri itself rejects with a plain string for "command not allowed" and the like.
  return new ApiError('internal', `Something went wrong inside Wellkept (${String(error)}). Restart the app; your saved work is safe.`);
}

/**
 * Subscribes to the shell's lock event (idle auto-lock, quick-hide).
 * @param {(payload: {reason: string}) => void} handler
 * @returns {Promise<() => void>} unsubscribe
 */
export async function onLocked(handler) {
  return tauri().event.listen('vault-locked', (event) => handler(event.payload));
}

// ---- app and session -------------------------------------------------------------------

/** @returns {Promise<{vaultExists: boolean, unlocked: boolean, keychainAvailable: boolean, purpose: string|null, settings: {autoLockMinutes: number, theme: string}}>} */
export const appStatus = () => call('app_status');
/** @param {{autoLockMinutes: number, theme: string}} settings */
export const saveSettings = (settings) => call('save_settings', { settings });
export const keepAlive = () => call('keep_alive');
export const lockVault = () => call('lock_vault');
export const quickHide = () => call('quick_hide');

/**
 * Creates the vault; resolves to the recovery key, shown once.
 * @param {{purpose: 'mentor'|'journal'|'both', passphrase: string}} request
 * @returns {Promise<{recoveryKey: string, keychainStored: boolean, keychainMessage: string|null}>}
 */
export const createVault = (request) => call('create_vault', { request });
export const unlockWithKeychain = () => call('unlock_with_keychain');
/** @param {string} passphrase */
export const unlockWithPassphrase = (passphrase) => call('unlock_with_passphrase', { passphrase });
/** @param {string} recoveryKey */
export const unlockWithRecoveryKey = (recoveryKey) => call('unlock_with_recovery_key', { recoveryKey });
/** @param {{next: string}} request */
export const changePassphrase = (request) => call('change_passphrase', { request });

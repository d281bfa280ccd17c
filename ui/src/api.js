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

/** @returns {Promise<{vaultExists: boolean, unlocked: boolean, keychainAvailable: boolean, keychainEnabled: boolean, purpose: string|null, settings: {autoLockMinutes: number, theme: string, country?: string|null}}>} */
export const appStatus = () => call('app_status');
/** @param {{autoLockMinutes: number, theme: string, country?: string|null}} settings */
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

// ---- practice ---------------------------------------------------------------------------
// Domain records travel in the core's own field names (snake_case), unchanged.

/** @param {{status?: string|null, tag?: string|null, text?: string|null}} [filter] */
export const listClients = (filter = {}) => call('list_clients', { filter });
/** @param {Record<string, unknown>} details */
export const addClient = (details) => call('add_client', { details });
/** @param {string} id */
export const getClient = (id) => call('get_client', { id });
/**
 * Changes only the fields the patch names (absent: unchanged; null: cleared).
 * @param {string} id @param {Record<string, unknown>} patch
 */
export const updateClient = (id, patch) => call('update_client', { id, patch });
export const noteTemplates = () => call('note_templates');
/** @param {{client_id?: string|null, text?: string|null, finalised?: boolean|null}} [filter] */
export const listNotes = (filter = {}) => call('list_notes', { filter });
/** @param {Record<string, unknown>} note */
export const addNote = (note) => call('add_note', { note });
/** @param {string} id */
export const getNote = (id) => call('get_note', { id });
/** @param {string} id @param {Record<string, unknown>} draft */
export const saveNoteDraft = (id, draft) => call('save_note_draft', { id, draft });
/** @param {string} id */
export const finaliseNote = (id) => call('finalise_note', { id });
/** @param {string} noteId @param {string} text */
export const addAddendum = (noteId, text) => call('add_addendum', { noteId, text });
/** @param {{client_id?: string|null, own?: boolean, status?: string|null, text?: string|null}} [filter] */
export const listGoals = (filter = {}) => call('list_goals', { filter });
/** @param {Record<string, unknown>} goal */
export const addGoal = (goal) => call('add_goal', { goal });
/** @param {string} goalId @param {Record<string, unknown>} step */
export const addStep = (goalId, step) => call('add_step', { goalId, step });
/** @param {string} id @param {Record<string, unknown>} step */
export const updateStep = (id, step) => call('update_step', { id, step });
export const loadDashboard = () => call('load_dashboard');

// ---- clinical ---------------------------------------------------------------------------

export const listInstruments = () => call('list_instruments');
/** @param {Record<string, unknown>} measure */
export const recordMeasure = (measure) => call('record_measure', { measure });
/** @param {string|null} clientId @param {string|null} [instrument] */
export const listMeasures = (clientId, instrument = null) => call('list_measures', { clientId, instrument });
/** @param {string|null} clientId @param {string} instrument */
export const scoreHistory = (clientId, instrument) => call('score_history', { clientId, instrument });
/** @param {string|null} clientId @param {boolean} [includeResolved] */
export const listRiskFlags = (clientId, includeResolved = false) => call('list_risk_flags', { clientId, includeResolved });
/** @param {string} id @param {string} note */
export const resolveRiskFlag = (id, note) => call('resolve_risk_flag', { id, note });
export const safetyPlanSections = () => call('safety_plan_sections');
/** @param {string|null} clientId */
export const currentSafetyPlan = (clientId) => call('current_safety_plan', { clientId });
/** @param {string|null} clientId @param {Record<string, {text: string, contact: string|null}[]>} sections */
export const saveSafetyPlan = (clientId, sections) => call('save_safety_plan', { clientId, sections });
/** @param {string|null} [country] @param {boolean} [includeHidden] every line, hidden ones too */
export const listCrisisLines = (country = null, includeHidden = false) => call('list_crisis_lines', { country, includeHidden });
/** The built-in crisis lines, shown while the vault is locked. */
export const builtInCrisisLines = () => call('built_in_crisis_lines');
/** @returns {Promise<{code: string, name: string}[]>} every country, by name */
export const listCountries = () => call('list_countries');
/** @param {{country: string, name: string, kind: string, contact: string, text_keyword: string, menu_option: string, description: string, hours: string}} line */
export const addCrisisLine = (line) => call('add_crisis_line', { line });
/** @param {string} id @param {{country: string, name: string, kind: string, contact: string, text_keyword: string, menu_option: string, description: string, hours: string}} line */
export const updateCrisisLine = (id, line) => call('update_crisis_line', { id, line });
/** @param {string} id @param {boolean} hidden */
export const setCrisisLineHidden = (id, hidden) => call('set_crisis_line_hidden', { id, hidden });

/** What the crisis dialog shows when unlocked: the user's own plan and the crisis lines. */
export async function crisisContent() {
  const [plan, lines, status] = await Promise.all([currentSafetyPlan(null), listCrisisLines(null), appStatus()]);
  return { safetyPlan: plan, crisisLines: lines, country: status.settings.country ?? null };
}

/** What the crisis dialog shows while locked: the built-in lines, the person's country first. */
export async function lockedCrisisContent() {
  const [lines, status] = await Promise.all([builtInCrisisLines(), appStatus()]);
  return { crisisLines: lines, country: status.settings.country ?? null };
}

// ---- journal ----------------------------------------------------------------------------

/** @param {Record<string, unknown>} entry */
export const addJournalEntry = (entry) => call('add_journal_entry', { entry });
/** @param {string} id @param {Record<string, unknown>} entry */
export const updateJournalEntry = (id, entry) => call('update_journal_entry', { id, entry });
/** @param {string} id */
export const getJournalEntry = (id) => call('get_journal_entry', { id });
/** @param {{from?: string|null, to?: string|null, tag?: string|null, limit?: number, offset?: number}} [filter] */
export const listJournalEntries = (filter = {}) => call('list_journal_entries', { filter });
export const promptOfTheDay = () => call('prompt_of_the_day');
/** @param {Record<string, unknown>} checkin */
export const addMoodCheckin = (checkin) => call('add_mood_checkin', { checkin });
/** @param {string} from @param {string} to  (YYYY-MM-DD) */
export const moodSeries = (from, to) => call('mood_series', { from, to });

// ---- search -----------------------------------------------------------------------------

/**
 * @param {{text: string, kinds?: string[], limit?: number, offset?: number}} query
 * @returns {Promise<{hits: {kind: string, label: string, id: string, client_id: string|null, title: string, snippet: {text: string, highlight: boolean}[], date: string|null}[], has_more: boolean}>}
 */
export const searchEverything = (query) => call('search_everything', { query });
/** @returns {Promise<[string, string][]>} kind and label of every searchable kind of record */
export const searchKinds = () => call('search_kinds');

// ---- appointments and the client's own tools --------------------------------------------

/** @param {Record<string, unknown>} appointment */
export const addAppointment = (appointment) => call('add_appointment', { appointment });
/** @param {number} days */
export const upcomingAppointments = (days) => call('upcoming_appointments', { days });
/** @param {Record<string, unknown>} record */
export const addThoughtRecord = (record) => call('add_thought_record', { record });
/** @param {{limit?: number, offset?: number}} [filter] */
export const listThoughtRecords = (filter = {}) => call('list_thought_records', { filter });
/** @param {Record<string, unknown>} activity */
export const addActivation = (activity) => call('add_activation', { activity });
/** @param {{limit?: number, offset?: number}} [filter] */
export const listActivations = (filter = {}) => call('list_activations', { filter });
export const copingSuggestions = () => call('coping_suggestions');
export const listCopingStrategies = () => call('list_coping_strategies');
/** @param {string} suggestionId */
export const addSuggestedStrategy = (suggestionId) => call('add_suggested_strategy', { suggestionId });
/** @param {Record<string, unknown>} strategy */
export const addCopingStrategy = (strategy) => call('add_coping_strategy', { strategy });
/** @param {string} id @param {number|null} helpfulness */
export const recordCopingUse = (id, helpfulness) => call('record_coping_use', { id, helpfulness });

// ---- consent, referrals, resources, the mentor's own record -----------------------------

/** @param {Record<string, unknown>} consent */
export const recordConsent = (consent) => call('record_consent', { consent });
/** @param {string|null} clientId @param {boolean} activeOnly */
export const listConsents = (clientId, activeOnly) => call('list_consents', { clientId, activeOnly });
/** @param {Record<string, unknown>} disclosure */
export const logDisclosure = (disclosure) => call('log_disclosure', { disclosure });
/** @param {string|null} clientId */
export const listDisclosures = (clientId) => call('list_disclosures', { clientId });
/** @param {Record<string, unknown>} referral */
export const addReferral = (referral) => call('add_referral', { referral });
/** @param {string|null} clientId */
export const listReferrals = (clientId) => call('list_referrals', { clientId });
/** @param {Record<string, unknown>} resource */
export const addResource = (resource) => call('add_resource', { resource });
export const listResources = () => call('list_resources');
/** @param {Record<string, unknown>} credential */
export const addCredential = (credential) => call('add_credential', { credential });
export const listCredentials = () => call('list_credentials');
/** @param {Record<string, unknown>} training */
export const addTraining = (training) => call('add_training', { training });
export const listTraining = () => call('list_training');
/** @param {string} from @param {string} to */
export const cpdHours = (from, to) => call('cpd_hours', { from, to });
/** @param {Record<string, unknown>} note */
export const addSupervisionNote = (note) => call('add_supervision_note', { note });
export const listSupervisionNotes = () => call('list_supervision_notes');
/** @param {Record<string, unknown>} entry */
export const addGratitudeEntry = (entry) => call('add_gratitude_entry', { entry });
/** @param {{limit?: number, offset?: number}} [filter] */
export const listGratitudeEntries = (filter = {}) => call('list_gratitude_entries', { filter });

// ---- choosing files ---------------------------------------------------------------------
// The native dialogs only return the path the person picked; every screen also shows that
// path in a text field the person can type into (and end-to-end tests do).

/**
 * Asks for a file (or folder) to open. Resolves to the chosen path, or null when cancelled.
 * @param {{title?: string, directory?: boolean, filters?: {name: string, extensions: string[]}[]}} [options]
 * @returns {Promise<string|null>}
 */
export async function chooseOpenPath(options = {}) {
  try {
    const picked = await tauri().dialog.open({ multiple: false, ...options });
    return typeof picked === 'string' ? picked : null;
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * Asks where to save a file. Resolves to the chosen path, or null when cancelled.
 * @param {{title?: string, defaultPath?: string, filters?: {name: string, extensions: string[]}[]}} [options]
 * @returns {Promise<string|null>}
 */
export async function chooseSavePath(options = {}) {
  try {
    const picked = await tauri().dialog.save(options);
    return typeof picked === 'string' ? picked : null;
  } catch (error) {
    throw toApiError(error);
  }
}

// ---- exchange with a mentor or client ---------------------------------------------------

/** @typedef {{displayName: string, text: string, qrSvg: string, fingerprint: string}} MyCard */
/** @typedef {{id: string, displayName: string, fingerprint: string, confirmedAt: string|null}} ContactView */

/** @param {string} displayName  @returns {Promise<MyCard>} */
export const setUpExchange = (displayName) => call('set_up_exchange', { displayName });
/** @returns {Promise<MyCard|null>} */
export const myContactCard = () => call('my_contact_card');
/** @param {string} text  @returns {Promise<ContactView>} */
export const readContactCard = (text) => call('read_contact_card', { text });
/** @param {string} text  @returns {Promise<ContactView>} */
export const addConfirmedContact = (text) => call('add_confirmed_contact', { text });
/** @returns {Promise<ContactView[]>} */
export const listContacts = () => call('list_contacts');
/** @param {string} clientId @param {string|null} contactId */
export const linkClientContact = (clientId, contactId) => call('link_client_contact', { clientId, contactId });
/**
 * @param {string} contactId
 * @param {{kind: 'from_client'|'from_mentor', journal_entries?: string[], mood_checkins?: string[], thought_records?: string[], scores?: string[], action_plans?: string[], resources?: string[], safety_plan_of_client?: string|null, homework?: {title: string, instructions: string, due: string|null}[]}} selection
 * @param {string} path
 * @returns {Promise<{path: string, items: number}>}
 */
export const saveShare = (contactId, selection, path) => call('save_share', { contactId, selection, path });
/** @param {string} path */
export const previewShareFile = (path) => call('preview_share_file', { path });
/** @param {string} path  @returns {Promise<{added: number, alreadyHad: number, notes: string[]}>} */
export const importShareFile = (path) => call('import_share_file', { path });
/** @param {string} clientId  @returns {Promise<{receivedAt: string, kind: string, title: string, detail: string}[]>} */
export const receivedFromClient = (clientId) => call('received_from_client', { clientId });
/**
 * Everything received from confirmed contacts, newest first (a client's "From my mentor").
 * @param {{contact_id?: string, kind?: string}} [filter]
 */
export const listReceivedItems = (filter = {}) => call('list_received_items', { filter });
/**
 * Files a received measure, action plan or homework into the vault's records (once).
 * @param {string} id a received item's id
 * @returns {Promise<{filed_as: string, newly_filed: boolean, note: string}>}
 */
export const fileReceivedItem = (id) => call('file_received_item', { id });
/** @param {{limit?: number, offset?: number}} [filter] */
export const listMoodCheckins = (filter = {}) => call('list_mood_checkins', { filter });

// ---- import, export, backup -------------------------------------------------------------

/** @param {string} path  @returns {Promise<string|null>} */
export const detectImportFormat = (path) => call('detect_import_format', { path });
/** @param {string} path @param {string} format */
export const previewImport = (path, format) => call('preview_import', { path, format });
/** @param {string} path @param {string} format */
export const importJournalFile = (path, format) => call('import_journal_file', { path, format });
/** @param {string} clientId @param {'json'|'markdown'|'pdf'} format @param {string} path */
export const exportClientRecord = (clientId, format, path) => call('export_client_record', { clientId, format, path });
/** @param {string} from @param {string} to @param {'json'|'markdown'|'pdf'} format @param {string} path */
export const exportJournal = (from, to, format, path) => call('export_journal', { from, to, format, path });
/** @param {string} path  @returns {Promise<{path: string, bytes: number}>} */
export const backUpVault = (path) => call('back_up_vault', { path });
/** @param {string} backup @param {string} folder @param {string} passphrase */
export const restoreBackup = (backup, folder, passphrase) => call('restore_backup', { backup, folder, passphrase });

// ---- the trash --------------------------------------------------------------------------
// Moving to the trash only hides a record; "delete for good" is the one step that cannot be undone.

/** @param {string} id */
export const moveJournalEntryToTrash = (id) => call('move_journal_entry_to_trash', { id });
/** @param {string} id */
export const moveClientToTrash = (id) => call('move_client_to_trash', { id });
/** @param {string} id */
export const moveGoalToTrash = (id) => call('move_goal_to_trash', { id });
/** @returns {Promise<{kind: string, label: string, id: string, title: string, date: string|null, deleted_at: string}[]>} */
export const listTrash = () => call('list_trash');
/** @param {string} kind @param {string} id */
export const restoreFromTrash = (kind, id) => call('restore_from_trash', { kind, id });
/** @param {string} kind @param {string} id  @returns {Promise<{purged: number, kept: number, compacted: boolean}>} */
export const purgeFromTrash = (kind, id) => call('purge_from_trash', { kind, id });
/** @returns {Promise<{purged: number, kept: number, compacted: boolean}>} */
export const emptyTrash = () => call('empty_trash');

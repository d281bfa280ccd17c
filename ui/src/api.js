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
 *
 * Types: every call goes through `call()`, typed by `bindings/Commands.ts`, which is generated
 * from the Rust command signatures (src-tauri/src/bindings.rs), as are the record types under
 * `bindings/`. `tsc --noEmit` (npm run lint) checks each command name, argument and result here,
 * and every field a screen reads from a result. All JSON is snake_case, as Rust names it.
 */

/** @typedef {import('./bindings/Commands').Commands} Commands */
/** @typedef {import('./bindings/AppStatus').AppStatus} AppStatus */
/** @typedef {import('./bindings/Settings').Settings} Settings */
/** @typedef {import('./bindings/DailyReminder').DailyReminder} DailyReminder */
/** @typedef {import('./bindings/PracticeDetails').PracticeDetails} PracticeDetails */
/** @typedef {import('./bindings/LockedEvent').LockedEvent} LockedEvent */
/** @typedef {import('./bindings/UnlockChoice').UnlockChoice} UnlockChoice */
/** @typedef {import('./bindings/MissingChanges').MissingChanges} MissingChanges */
/** @typedef {import('./bindings/CreateVaultRequest').CreateVaultRequest} CreateVaultRequest */
/** @typedef {import('./bindings/ChangePassphraseRequest').ChangePassphraseRequest} ChangePassphraseRequest */
/** @typedef {import('./bindings/ClientFilter').ClientFilter} ClientFilter */
/** @typedef {import('./bindings/ClientDetails').ClientDetails} ClientDetails */
/** @typedef {import('./bindings/ClientPatch').ClientPatch} ClientPatch */
/** @typedef {import('./bindings/CrisisLineInput').CrisisLineInput} CrisisLineInput */
/** @typedef {import('./bindings/NoteFilter').NoteFilter} NoteFilter */
/** @typedef {import('./bindings/NewSessionNote').NewSessionNote} NewSessionNote */
/** @typedef {import('./bindings/NoteDraft').NoteDraft} NoteDraft */
/** @typedef {import('./bindings/GoalFilter').GoalFilter} GoalFilter */
/** @typedef {import('./bindings/GoalDetails').GoalDetails} GoalDetails */
/** @typedef {import('./bindings/GoalEdit').GoalEdit} GoalEdit */
/** @typedef {import('./bindings/StepDetails').StepDetails} StepDetails */
/** @typedef {import('./bindings/NewMeasure').NewMeasure} NewMeasure */
/** @typedef {import('./bindings/Instrument').Instrument} Instrument */
/** @typedef {import('./bindings/NewMeasureSchedule').NewMeasureSchedule} NewMeasureSchedule */
/** @typedef {import('./bindings/MeasureSchedule').MeasureSchedule} MeasureSchedule */
/** @typedef {import('./bindings/SafetyPlanContent').SafetyPlanContent} SafetyPlanContent */
/** @typedef {import('./bindings/NewJournalEntry').NewJournalEntry} NewJournalEntry */
/** @typedef {import('./bindings/JournalEntryUpdate').JournalEntryUpdate} JournalEntryUpdate */
/** @typedef {import('./bindings/EntryFilter').EntryFilter} EntryFilter */
/** @typedef {import('./bindings/NewMoodCheckIn').NewMoodCheckIn} NewMoodCheckIn */
/** @typedef {import('./bindings/MoodFilter').MoodFilter} MoodFilter */
/** @typedef {import('./bindings/SearchQuery').SearchQuery} SearchQuery */
/** @typedef {import('./bindings/AppointmentDetails').AppointmentDetails} AppointmentDetails */
/** @typedef {import('./bindings/NewThoughtRecord').NewThoughtRecord} NewThoughtRecord */
/** @typedef {import('./bindings/ThoughtRecordFilter').ThoughtRecordFilter} ThoughtRecordFilter */
/** @typedef {import('./bindings/NewActivation').NewActivation} NewActivation */
/** @typedef {import('./bindings/ActivationFilter').ActivationFilter} ActivationFilter */
/** @typedef {import('./bindings/NewCopingStrategy').NewCopingStrategy} NewCopingStrategy */
/** @typedef {import('./bindings/NewConsent').NewConsent} NewConsent */
/** @typedef {import('./bindings/NewDisclosure').NewDisclosure} NewDisclosure */
/** @typedef {import('./bindings/ReferralInput').ReferralInput} ReferralInput */
/** @typedef {import('./bindings/ResourceInput').ResourceInput} ResourceInput */
/** @typedef {import('./bindings/CredentialInput').CredentialInput} CredentialInput */
/** @typedef {import('./bindings/TrainingInput').TrainingInput} TrainingInput */
/** @typedef {import('./bindings/SupervisionInput').SupervisionInput} SupervisionInput */
/** @typedef {import('./bindings/NewGratitudeEntry').NewGratitudeEntry} NewGratitudeEntry */
/** @typedef {import('./bindings/GratitudeFilter').GratitudeFilter} GratitudeFilter */
/** @typedef {import('./bindings/ShareRequest').ShareRequest} ShareRequest */
/** @typedef {import('./bindings/ReceivedFilter').ReceivedFilter} ReceivedFilter */
/** @typedef {import('./bindings/ContactRole').ContactRole} ContactRole */
/** @typedef {import('./bindings/ImportKind').ImportKind} ImportKind */
/** @typedef {import('./bindings/Format').Format} Format */
/** @typedef {import('./bindings/SafetyPlanPrint').SafetyPlanPrint} SafetyPlanPrint */
/** @typedef {import('./bindings/DialogOptions').DialogOptions} DialogOptions */
// Records the screens read, under their Rust names.
/** @typedef {import('./bindings/Client').Client} Client */
/** @typedef {import('./bindings/Goal').Goal} Goal */
/** @typedef {import('./bindings/NewReview').NewReview} NewReview */
/** @typedef {import('./bindings/GoalReview').GoalReview} GoalReview */
/** @typedef {import('./bindings/GoalReviewDue').GoalReviewDue} GoalReviewDue */
/** @typedef {import('./bindings/NoteRevision').NoteRevision} NoteRevision */
/** @typedef {import('./bindings/ReferralStatus').ReferralStatus} ReferralStatus */
/** @typedef {import('./bindings/ActionStep').ActionStep} ActionStep */
/** @typedef {import('./bindings/SessionNote').SessionNote} SessionNote */
/** @typedef {import('./bindings/Dashboard').Dashboard} Dashboard */
/** @typedef {import('./bindings/RetentionRule').RetentionRule} RetentionRule */
/** @typedef {import('./bindings/ClientRetention').ClientRetention} ClientRetention */
/** @typedef {import('./bindings/EraseRequest').EraseRequest} EraseRequest */
/** @typedef {import('./bindings/ErasureView').ErasureView} ErasureView */
/** @typedef {import('./bindings/RiskFlag').RiskFlag} RiskFlag */
/** @typedef {import('./bindings/RiskLevel').RiskLevel} RiskLevel */
/** @typedef {import('./bindings/SafetyPlan').SafetyPlan} SafetyPlan */
/** @typedef {import('./bindings/CrisisLine').CrisisLine} CrisisLine */
/** @typedef {import('./bindings/DeviceInfo').DeviceInfo} DeviceInfo */
/** @typedef {import('./bindings/CountryChoice').CountryChoice} CountryChoice */
/** @typedef {import('./bindings/CrisisLineKind').CrisisLineKind} CrisisLineKind */
/** @typedef {import('./bindings/Filed').Filed} Filed */
/** @typedef {import('./bindings/JournalEntry').JournalEntry} JournalEntry */
/** @typedef {import('./bindings/ConflictKind').ConflictKind} ConflictKind */
/** @typedef {import('./bindings/TextConflict').TextConflict} TextConflict */
/** @typedef {import('./bindings/MergeNote').MergeNote} MergeNote */
/** @typedef {import('./bindings/ConflictedRecord').ConflictedRecord} ConflictedRecord */
/** @typedef {import('./bindings/ContactView').ContactView} ContactView */
/** @typedef {import('./bindings/MyCard').MyCard} MyCard */
/** @typedef {import('./bindings/Consent').Consent} Consent */
/** @typedef {import('./bindings/LawfulBasis').LawfulBasis} LawfulBasis */
/** @typedef {import('./bindings/Art9Condition').Art9Condition} Art9Condition */
/** @typedef {import('./bindings/ExportBasis').ExportBasis} ExportBasis */
/** @typedef {import('./bindings/Disclosure').Disclosure} Disclosure */
/** @typedef {import('./bindings/DisclosureBasis').DisclosureBasis} DisclosureBasis */
/** @typedef {import('./bindings/Referral').Referral} Referral */
/** @typedef {import('./bindings/Resource').Resource} Resource */
/** @typedef {import('./bindings/Credential').Credential} Credential */
/** @typedef {import('./bindings/TrainingRecord').TrainingRecord} TrainingRecord */
/** @typedef {import('./bindings/SupervisionNote').SupervisionNote} SupervisionNote */
/** @typedef {import('./bindings/GratitudeEntry').GratitudeEntry} GratitudeEntry */
/** @typedef {import('./bindings/ThoughtRecord').ThoughtRecord} ThoughtRecord */
/** @typedef {import('./bindings/ActivationEntry').ActivationEntry} ActivationEntry */
/** @typedef {import('./bindings/CopingStrategy').CopingStrategy} CopingStrategy */
/** @typedef {import('./bindings/CopingSuggestion').CopingSuggestion} CopingSuggestion */
/** @typedef {import('./bindings/Definition').Definition} Definition */
/** @typedef {import('./bindings/MeasureAdministration').MeasureAdministration} MeasureAdministration */
/** @typedef {import('./bindings/ScorePoint').ScorePoint} ScorePoint */
/** @typedef {import('./bindings/Occurrence').Occurrence} Occurrence */
/** @typedef {import('./bindings/OccurrenceStatus').OccurrenceStatus} OccurrenceStatus */
/** @typedef {import('./bindings/Appointment').Appointment} Appointment */
/** @typedef {import('./bindings/MoodDay').MoodDay} MoodDay */
/** @typedef {import('./bindings/MoodCheckIn').MoodCheckIn} MoodCheckIn */
/** @typedef {import('./bindings/SearchHit').SearchHit} SearchHit */
/** @typedef {import('./bindings/TrashItem').TrashItem} TrashItem */
/** @typedef {import('./bindings/Attachment').Attachment} Attachment */
/** @typedef {import('./bindings/ReceivedFromContact').ReceivedFromContact} ReceivedFromContact */
/** @typedef {import('./bindings/SharedItem').SharedItem} SharedItem */
/** @typedef {import('./bindings/SharePreview').SharePreview} SharePreview */
/** @typedef {import('./bindings/ReceivedView').ReceivedView} ReceivedView */
/** @typedef {import('./bindings/ImportPreview').ImportPreview} ImportPreview */
/** @typedef {import('./bindings/ShareImported').ShareImported} ShareImported */
/** @typedef {import('./bindings/ActivationStatus').ActivationStatus} ActivationStatus */
/** @typedef {import('./bindings/SessionMode').SessionMode} SessionMode */
/** @typedef {import('./bindings/NoteTemplate').NoteTemplate} NoteTemplate */
/** @typedef {import('./bindings/Recurrence').Recurrence} Recurrence */
/** @typedef {import('./bindings/CopingCategory').CopingCategory} CopingCategory */
/** @typedef {import('./bindings/Theme').Theme} Theme */
/** @typedef {import('./bindings/VaultPurpose').VaultPurpose} VaultPurpose */
/** @typedef {import('./bindings/BundleKind').BundleKind} BundleKind */
/** @typedef {import('./bindings/TemplateInfo').TemplateInfo} TemplateInfo */
/** @typedef {import('./bindings/SectionInfo').SectionInfo} SectionInfo */
/** @typedef {import('./bindings/Prompt').Prompt} Prompt */
/** @typedef {import('./bindings/Addendum').Addendum} Addendum */
/** @typedef {import('./bindings/SafetyPlanSection').SafetyPlanSection} SafetyPlanSection */
/** @typedef {import('./bindings/StepOwner').StepOwner} StepOwner */
/** @typedef {import('./bindings/StepStatus').StepStatus} StepStatus */
/** @typedef {import('./bindings/ClientStatus').ClientStatus} ClientStatus */
/** @typedef {import('./bindings/GoalStatus').GoalStatus} GoalStatus */

/**
 * An error from a command, in the shape the shell sends: `{kind, message, field?, rollback?}`.
 * `rollback` says what is missing when the kind is 'rolled_back'.
 */
export class ApiError extends Error {
  /**
   * @param {string} kind
   * @param {string} message
   * @param {string} [field]
   * @param {MissingChanges|null} [rollback]
   */
  constructor(kind, message, field, rollback = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.field = field;
    this.rollback = rollback;
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
 * Calls a command and normalises its error. The command's name, its arguments and what it
 * resolves to are checked against the Rust signature (bindings/Commands.ts).
 * @template {keyof Commands} K
 * @param {K} command
 * @param {Commands[K]['args']} args
 * @returns {Promise<Commands[K]['result']>}
 */
async function call(command, args) {
  try {
    // The one place a value from Rust is taken on trust: Commands.ts is generated from the
    // very signature that produced it, and a test keeps the two in step.
    return /** @type {Commands[K]['result']} */ (await tauri().core.invoke(command, args));
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * A filter, query or new record every field of which has a default on the Rust side
 * (`#[serde(default)]` on the struct), so any subset of its fields is a whole one (the core
 * then validates it). Never used for an update that replaces a record: there a missing field
 * would be reset, so the whole record is required.
 * @template T
 * @param {Partial<T>} fields
 * @returns {T}
 */
const withDefaults = (fields) => /** @type {T} */ (fields);

/**
 * Turns whatever a rejected invoke gives into an ApiError.
 * @param {unknown} error
 * @returns {ApiError}
 */
export function toApiError(error) {
  if (error instanceof ApiError) return error;
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error) {
    const e = /** @type {{kind: string, message: string, field?: string, rollback?: MissingChanges}} */ (error);
    return new ApiError(String(e.kind), String(e.message), e.field ?? undefined, e.rollback ?? null);
  }
  // Tauri itself rejects with a plain string for "command not allowed" and the like.
  return new ApiError('internal', `Something went wrong inside Wellkept (${String(error)}). Restart the app; your saved work is safe.`);
}

/**
 * Subscribes to the shell's lock event (idle auto-lock, quick-hide).
 * @param {(payload: LockedEvent) => void} handler
 * @returns {Promise<() => void>} unsubscribe
 */
export async function onLocked(handler) {
  return tauri().event.listen('vault-locked', (/** @type {{payload: LockedEvent}} */ event) => handler(event.payload));
}

/**
 * Calls `handler` when another computer's files, delivered by the sync engine, have arrived in
 * the vault folder while it is open here (a save merges them first; `reloadVault` shows them).
 * @param {() => void} handler
 */
export async function onChangedElsewhere(handler) {
  return tauri().event.listen('vault-changed-elsewhere', () => handler());
}

/** Loads the vault again from its files, to show another computer's delivered changes. */
export const reloadVault = () => call('reload_vault', {});

// ---- app and session -------------------------------------------------------------------

export const appStatus = () => call('app_status', {});
/** @param {Settings} settings */
export const saveSettings = (settings) => call('save_settings', { settings });
export const keepAlive = () => call('keep_alive', {});
export const lockVault = () => call('lock_vault', {});
/** The computers that have opened this vault, the one last seen first. */
export const listDevices = () => call('list_devices', {});
/** Every record with versions kept aside after an edit on two computers at once. */
export const listConflictedRecords = () => call('list_conflicted_records', {});
/** @param {ConflictKind} kind @param {string} recordId */
export const listTextConflicts = (kind, recordId) => call('list_text_conflicts', { kind, record_id: recordId });
/** @param {ConflictKind} kind @param {string} recordId @param {string} version */
export const keepShownVersion = (kind, recordId, version) => call('keep_shown_version', { kind, record_id: recordId, version });
/** @param {ConflictKind} kind @param {string} recordId @param {string} version */
export const useKeptVersion = (kind, recordId, version) => call('use_kept_version', { kind, record_id: recordId, version });
/** What merges could not do in full, not cleared yet, newest first. @returns {Promise<MergeNote[]>} */
export const listMergeNotes = () => call('list_merge_notes', {});
/** Clears the notes `keys` (all listed, when empty) on every computer. @param {string[]} keys @returns {Promise<number>} */
export const clearMergeNotes = (keys) => call('clear_merge_notes', { keys });
/** @param {string} name */
export const renameThisDevice = (name) => call('rename_this_device', { name });
/** @param {string} id */
export const removeDevice = (id) => call('remove_device', { id });
/** @param {string} id */
export const moveHome = (id) => call('move_home', { id });
export const quickHide = () => call('quick_hide', {});

/**
 * Creates the vault; resolves to the recovery key, shown once.
 * @param {CreateVaultRequest} request
 */
export const createVault = (request) => call('create_vault', { request });
/*
 * Each unlock takes an optional `options` for a vault refused as 'rolled_back': open it
 * read-only (`{read_only: true}`) or accept the loss with the typed phrase
 * (`{accept_rollback: 'accept losing 2 changes'}`). Without it the vault opens normally.
 */
/** @param {Partial<UnlockChoice>} [options] */
export const unlockWithKeychain = (options) => call('unlock_with_keychain', { options: unlockChoice(options) });
/** @param {string} passphrase @param {Partial<UnlockChoice>} [options] */
export const unlockWithPassphrase = (passphrase, options) =>
  call('unlock_with_passphrase', { passphrase, options: unlockChoice(options) });
/** @param {string} recoveryKey @param {Partial<UnlockChoice>} [options] */
export const unlockWithRecoveryKey = (recoveryKey, options) =>
  call('unlock_with_recovery_key', { recovery_key: recoveryKey, options: unlockChoice(options) });
/**
 * Opens the vault in another folder from now on (a vault in a synced folder, on a second
 * computer): `folder` must come from chooseOpenPath({directory: true}) and hold a vault.
 * @param {string} folder
 */
export const useVaultFolder = (folder) => call('use_vault_folder', { folder });
/**
 * @param {Partial<UnlockChoice>} [options]
 * @returns {UnlockChoice}
 */
const unlockChoice = (options = {}) => ({ read_only: options.read_only ?? false, accept_rollback: options.accept_rollback ?? null });
/**
 * Changes the passphrase once the current passphrase (or the recovery key) is checked.
 * @param {ChangePassphraseRequest} request
 */
export const changePassphrase = (request) => call('change_passphrase', { request });
/**
 * Makes a new vault key, protected by the (checked) current passphrase; resolves to the NEW
 * recovery key, shown once.
 * @param {string} passphrase
 */
export const rekeyVault = (passphrase) => call('rekey_vault', { request: { passphrase } });

// ---- practice ---------------------------------------------------------------------------

/** @param {Partial<ClientFilter>} [filter] */
export const listClients = (filter = {}) => call('list_clients', { filter: withDefaults(filter) });
/** @param {Partial<ClientDetails>} details */
export const addClient = (details) => call('add_client', { details: withDefaults(details) });
/** @param {string} id */
export const getClient = (id) => call('get_client', { id });
/**
 * Changes only the fields the patch names (absent: unchanged; null: cleared).
 * @param {string} id @param {ClientPatch} patch
 */
export const updateClient = (id, patch) => call('update_client', { id, patch });
export const noteTemplates = () => call('note_templates', {});
/** @param {Partial<NoteFilter>} [filter] */
export const listNotes = (filter = {}) => call('list_notes', { filter: withDefaults(filter) });
/** @param {NewSessionNote} note */
export const addNote = (note) => call('add_note', { note });
/** A private note: kept apart from the record, never exported unless chosen one by one. @param {NewSessionNote} note */
export const addPrivateNote = (note) => call('add_private_note', { note });
/** @param {string} id */
export const getNote = (id) => call('get_note', { id });
/**
 * `base`: the note's `text_version` when the editor loaded it (or last saved it), so that a
 * version saved meanwhile on another computer is kept aside instead of written over.
 * @param {string} id @param {NoteDraft} draft @param {string|null} [base]
 */
export const saveNoteDraft = (id, draft, base = null) => call('save_note_draft', { id, draft, base });
/** @param {string} id */
export const finaliseNote = (id) => call('finalise_note', { id });
/** @param {string} noteId @param {string} text */
export const addAddendum = (noteId, text) => call('add_addendum', { note_id: noteId, text });
/** @param {Partial<GoalFilter>} [filter] */
export const listGoals = (filter = {}) => call('list_goals', { filter: withDefaults(filter) });
/** @param {Partial<GoalDetails>} goal */
export const addGoal = (goal) => call('add_goal', { goal: withDefaults(goal) });
/**
 * Rewords a goal and moves its target date (its status has `setGoalStatus`). `base`: the goal's
 * `text_version` the form was filled from (`''` for the first).
 * @param {string} id @param {GoalEdit} goal @param {string} base
 */
export const updateGoal = (id, goal, base) => call('update_goal', { id, goal, base });
/** @param {string} goalId @param {Partial<StepDetails>} step */
export const addStep = (goalId, step) => call('add_step', { goal_id: goalId, step: withDefaults(step) });
/** @param {string} id @param {StepDetails} step */
export const updateStep = (id, step) => call('update_step', { id, step });
/** @param {string} id @param {GoalStatus} status */
export const setGoalStatus = (id, status) => call('set_goal_status', { id, status });
/** @param {string} id @param {string|null} nextReviewOn  YYYY-MM-DD, or null for none */
export const setGoalNextReview = (id, nextReviewOn) => call('set_goal_next_review', { id, next_review_on: nextReviewOn });
/** @param {string} goalId @param {NewReview} review */
export const addGoalReview = (goalId, review) => call('add_goal_review', { goal_id: goalId, review });
/** @param {string} noteId */
export const listNoteRevisions = (noteId) => call('list_note_revisions', { note_id: noteId });
export const loadDashboard = () => call('load_dashboard', {});
// Retention and erasure (issue 13).
export const retentionRule = () => call('retention_rule', {});
/** @param {RetentionRule} rule */
export const setRetentionRule = (rule) => call('set_retention_rule', { rule });
/** @param {string} id */
export const clientRetention = (id) => call('client_retention', { id });
/** @param {string} id @param {import('./bindings/RetentionOverride').RetentionOverride|null} keep */
export const setClientRetention = (id, keep) => call('set_client_retention', { id, keep });
/** @param {string} id @param {EraseRequest} request */
export const eraseClient = (id, request) => call('erase_client', { id, request });
export const listErasures = () => call('list_erasures', {});

// ---- clinical ---------------------------------------------------------------------------

export const listInstruments = () => call('list_instruments', {});
/** @param {NewMeasure} measure */
export const recordMeasure = (measure) => call('record_measure', { measure });
/** @param {string|null} clientId @param {Instrument|null} [instrument] */
export const listMeasures = (clientId, instrument = null) => call('list_measures', { client_id: clientId, instrument });
/** @param {string|null} clientId @param {Instrument} instrument */
export const scoreHistory = (clientId, instrument) => call('score_history', { client_id: clientId, instrument });
// Measure schedules ("PHQ-9 every 4 weeks for this client").
/** @param {string|null} clientId */
export const listMeasureSchedules = (clientId) => call('list_measure_schedules', { client_id: clientId });
/** @param {NewMeasureSchedule} schedule */
export const setMeasureSchedule = (schedule) => call('set_measure_schedule', { schedule });
/** @param {string} id @param {boolean} paused */
export const setMeasureSchedulePaused = (id, paused) => call('set_measure_schedule_paused', { id, paused });
/** @param {string} id */
export const removeMeasureSchedule = (id) => call('remove_measure_schedule', { id });
/** @param {string|null} clientId @param {boolean} [includeResolved] */
export const listRiskFlags = (clientId, includeResolved = false) =>
  call('list_risk_flags', { client_id: clientId, include_resolved: includeResolved });
/** A flag raised by hand, dated today. @param {string|null} clientId @param {RiskLevel} level @param {string} description */
export const raiseRiskFlag = (clientId, level, description) => call('raise_risk_flag', { client_id: clientId, level, description });
/** What was done, and when (default today). @param {string} id @param {string} note @param {string|null} [resolvedOn] YYYY-MM-DD */
export const resolveRiskFlag = (id, note, resolvedOn = null) => call('resolve_risk_flag', { id, note, resolved_on: resolvedOn });
/** An open flag's new level. @param {string} id @param {RiskLevel} level */
export const updateRiskLevel = (id, level) => call('update_risk_level', { id, level });
export const safetyPlanSections = () => call('safety_plan_sections', {});
/** @param {string|null} clientId */
export const currentSafetyPlan = (clientId) => call('current_safety_plan', { client_id: clientId });
/** @param {string|null} clientId @param {SafetyPlanContent} sections */
export const saveSafetyPlan = (clientId, sections) => call('save_safety_plan', { client_id: clientId, sections });
/** @param {string|null} [country] @param {boolean} [includeHidden] every line, hidden ones too */
export const listCrisisLines = (country = null, includeHidden = false) =>
  call('list_crisis_lines', { country, include_hidden: includeHidden });
/** The built-in crisis lines, shown while the vault is locked. */
export const builtInCrisisLines = () => call('built_in_crisis_lines', {});
/** Every country, by name. */
export const listCountries = () => call('list_countries', {});
/** @param {CrisisLineInput} line */
export const addCrisisLine = (line) => call('add_crisis_line', { line });
/** @param {string} id @param {CrisisLineInput} line */
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

/** @param {Partial<NewJournalEntry>} entry */
export const addJournalEntry = (entry) => call('add_journal_entry', { entry: withDefaults(entry) });
/** @param {string} id @param {JournalEntryUpdate} entry */
export const updateJournalEntry = (id, entry) => call('update_journal_entry', { id, entry });
/** @param {string} id */
export const getJournalEntry = (id) => call('get_journal_entry', { id });
/** @param {Partial<EntryFilter>} [filter] */
export const listJournalEntries = (filter = {}) => call('list_journal_entries', { filter: withDefaults(filter) });
export const promptOfTheDay = () => call('prompt_of_the_day', {});
/** @param {Partial<NewMoodCheckIn>} checkin */
export const addMoodCheckin = (checkin) => call('add_mood_checkin', { checkin: withDefaults(checkin) });
/** The daily check-in reminder (journal, mood or both, at a time of day). */
export const dailyReminder = () => call('daily_reminder', {});
/** @param {DailyReminder} reminder */
export const saveDailyReminder = (reminder) => call('save_daily_reminder', { reminder });
/** @param {string} from @param {string} to  (YYYY-MM-DD) */
export const moodSeries = (from, to) => call('mood_series', { from, to });

// ---- search -----------------------------------------------------------------------------

/** @param {Partial<SearchQuery>} query */
export const searchEverything = (query) => call('search_everything', { query: withDefaults(query) });
/** Kind and label of every searchable kind of record. */
export const searchKinds = () => call('search_kinds', {});

// ---- appointments and the client's own tools --------------------------------------------

/** @param {AppointmentDetails} appointment */
export const addAppointment = (appointment) => call('add_appointment', { appointment });
/** @param {number} days */
export const upcomingAppointments = (days) => call('upcoming_appointments', { days });
/** Sessions starting in [from, to) (RFC 3339), cancelled ones included. @param {string} from @param {string} to @returns {Promise<Occurrence[]>} */
export const listOccurrences = (from, to) => call('list_occurrences', { from, to });
/** Opens a web link (https:// or http://) in the person's browser. @param {string} url */
export const openLink = (url) => call('open_link', { url });
/** This computer's IANA time zone, e.g. 'Europe/London'. @returns {Promise<string>} */
export const localTimeZone = () => call('local_time_zone', {});
/** @param {string} id @returns {Promise<Appointment>} */
export const getAppointment = (id) => call('get_appointment', { id });
/**
 * Changes a single session, or a series from one of its sessions on (all future sessions).
 * @param {string} id @param {string} occurrenceStart @param {AppointmentDetails} appointment
 * @returns {Promise<Appointment>}
 */
export const editSeriesFrom = (id, occurrenceStart, appointment) =>
  call('edit_series_from', { id, occurrence_start: occurrenceStart, appointment });
/** @param {string} id @param {string} occurrenceStart @param {OccurrenceStatus} status */
export const setOccurrenceStatus = (id, occurrenceStart, status) =>
  call('set_occurrence_status', { id, occurrence_start: occurrenceStart, status });
/** @param {string} id @param {string} occurrenceStart @param {string} reason */
export const cancelOccurrence = (id, occurrenceStart, reason) =>
  call('cancel_occurrence', { id, occurrence_start: occurrenceStart, reason });
/** @param {string} id @param {string} occurrenceStart @param {string} startsAt @param {string} endsAt */
export const moveOccurrence = (id, occurrenceStart, startsAt, endsAt) =>
  call('move_occurrence', { id, occurrence_start: occurrenceStart, starts_at: startsAt, ends_at: endsAt });
/** Ends a series after its local day `lastDay` (YYYY-MM-DD). @param {string} id @param {string} lastDay @returns {Promise<Appointment>} */
export const endSeries = (id, lastDay) => call('end_series', { id, last_day: lastDay });
/** @param {Partial<NewThoughtRecord>} record */
export const addThoughtRecord = (record) => call('add_thought_record', { record: withDefaults(record) });
/** @param {Partial<ThoughtRecordFilter>} [filter] */
export const listThoughtRecords = (filter = {}) => call('list_thought_records', { filter: withDefaults(filter) });
/** @param {NewActivation} activity */
export const addActivation = (activity) => call('add_activation', { activity });
/** @param {Partial<ActivationFilter>} [filter] */
export const listActivations = (filter = {}) => call('list_activations', { filter: withDefaults(filter) });
export const copingSuggestions = () => call('coping_suggestions', {});
export const listCopingStrategies = () => call('list_coping_strategies', {});
/** @param {string} suggestionId */
export const addSuggestedStrategy = (suggestionId) => call('add_suggested_strategy', { suggestion_id: suggestionId });
/** @param {NewCopingStrategy} strategy */
export const addCopingStrategy = (strategy) => call('add_coping_strategy', { strategy });
/** @param {string} id @param {number|null} helpfulness */
export const recordCopingUse = (id, helpfulness) => call('record_coping_use', { id, helpfulness });

// ---- consent, referrals, resources, the mentor's own record -----------------------------

/** @param {NewConsent} consent */
export const recordConsent = (consent) => call('record_consent', { consent });
/** @param {string} id @param {string|null} withdrawnOn  YYYY-MM-DD (null: today) @param {string} note */
export const withdrawConsent = (id, withdrawnOn, note) => call('withdraw_consent', { id, withdrawn_on: withdrawnOn, note });
/** @param {string|null} clientId @param {boolean} activeOnly */
export const listConsents = (clientId, activeOnly) => call('list_consents', { client_id: clientId, active_only: activeOnly });
/** @param {NewDisclosure} disclosure */
export const logDisclosure = (disclosure) => call('log_disclosure', { disclosure });
/** @param {string|null} clientId */
export const listDisclosures = (clientId) => call('list_disclosures', { client_id: clientId });
/** @param {string} consentId */
export const disclosuresRelyingOn = (consentId) => call('disclosures_relying_on', { consent_id: consentId });
/** @param {ReferralInput} referral */
export const addReferral = (referral) => call('add_referral', { referral });
/** @param {string|null} clientId */
export const listReferrals = (clientId) => call('list_referrals', { client_id: clientId });
/** @param {string} id @param {ReferralStatus} status @param {string|null} followUpOn  YYYY-MM-DD, or null to keep it */
export const setReferralStatus = (id, status, followUpOn) => call('set_referral_status', { id, status, follow_up_on: followUpOn });
/** @param {ResourceInput} resource */
export const addResource = (resource) => call('add_resource', { resource });
export const listResources = () => call('list_resources', {});
/** @param {CredentialInput} credential */
export const addCredential = (credential) => call('add_credential', { credential });
export const listCredentials = () => call('list_credentials', {});
/** @param {TrainingInput} training */
export const addTraining = (training) => call('add_training', { training });
export const listTraining = () => call('list_training', {});
/** @param {string} from @param {string} to */
export const cpdHours = (from, to) => call('cpd_hours', { from, to });
/** @param {SupervisionInput} note */
export const addSupervisionNote = (note) => call('add_supervision_note', { note });
export const listSupervisionNotes = () => call('list_supervision_notes', {});
/** @param {Partial<NewGratitudeEntry>} entry */
export const addGratitudeEntry = (entry) => call('add_gratitude_entry', { entry: withDefaults(entry) });
/** @param {Partial<GratitudeFilter>} [filter] */
export const listGratitudeEntries = (filter = {}) => call('list_gratitude_entries', { filter: withDefaults(filter) });

// ---- editing the records kept in lists (moving one to the trash is `moveToTrash`) --------

/** @param {string} id @param {Partial<NewMoodCheckIn>} checkin */
export const updateMoodCheckin = (id, checkin) => call('update_mood_checkin', { id, checkin: withDefaults(checkin) });
/**
 * @param {string} id @param {Partial<NewThoughtRecord>} record
 * @param {string|null} base the record's `text_version` the form was filled from ("" for the
 *   first): a version saved meanwhile on another computer is kept aside rather than written over
 */
export const updateThoughtRecord = (id, record, base) => call('update_thought_record', { id, record: withDefaults(record), base });
/** @param {string} id @param {NewActivation} activity */
export const updateActivation = (id, activity) => call('update_activation', { id, activity });
/** @param {string} id @param {NewCopingStrategy} strategy */
export const updateCopingStrategy = (id, strategy) => call('update_coping_strategy', { id, strategy });
/** @param {string} id @param {Partial<NewGratitudeEntry>} entry */
export const updateGratitudeEntry = (id, entry) => call('update_gratitude_entry', { id, entry: withDefaults(entry) });
/** @param {string} id @param {ReferralInput} referral */
export const updateReferral = (id, referral) => call('update_referral', { id, referral });
/** @param {string} id @param {ResourceInput} resource */
export const updateResource = (id, resource) => call('update_resource', { id, resource });
/** @param {string} id @param {CredentialInput} credential */
export const updateCredential = (id, credential) => call('update_credential', { id, credential });
/** @param {string} id @param {TrainingInput} training */
export const updateTraining = (id, training) => call('update_training', { id, training });
/**
 * @param {string} id @param {SupervisionInput} note
 * @param {string|null} base the note's `text_version` the form was filled from ("" for the first):
 *   a version saved meanwhile on another computer is kept aside rather than written over
 */
export const updateSupervisionNote = (id, note, base) => call('update_supervision_note', { id, note, base });

// ---- choosing files ---------------------------------------------------------------------
// The shell opens the native dialogs itself and remembers the path the person picked: file
// commands accept only such paths (a typed path is refused, except under the end-to-end tests'
// folders in a debug build). Every screen shows the chosen path in a text field.

/**
 * Asks for a file (or folder) to open. Resolves to the chosen path, or null when cancelled.
 * @param {Partial<DialogOptions>} [options]
 */
export const chooseOpenPath = (options = {}) => call('choose_open_path', { options: withDefaults(options) });

/**
 * Asks where to save a file. Resolves to the chosen path, or null when cancelled.
 * @param {Partial<DialogOptions>} [options]
 */
export const chooseSavePath = (options = {}) => call('choose_save_path', { options: withDefaults(options) });

// ---- exchange with a mentor or client ---------------------------------------------------

/** @param {string} displayName */
export const setUpExchange = (displayName) => call('set_up_exchange', { display_name: displayName });
export const myContactCard = () => call('my_contact_card', {});
/** @param {string} text */
export const readContactCard = (text) => call('read_contact_card', { text });
/** @param {string} text @param {ContactRole} role */
export const addConfirmedContact = (text, role) => call('add_confirmed_contact', { text, role });
/** @param {string} contactId @param {ContactRole} role */
export const setContactRole = (contactId, role) => call('set_contact_role', { contact_id: contactId, role });
export const listContacts = () => call('list_contacts', {});
/** @param {string} clientId @param {string|null} contactId */
export const linkClientContact = (clientId, contactId) => call('link_client_contact', { client_id: clientId, contact_id: contactId });
/**
 * Seals the ticked records for a contact and writes the share file.
 * @param {string} contactId
 * @param {Pick<ShareRequest, 'kind'> & Partial<ShareRequest>} selection  the lists default to empty
 * @param {string} path
 */
export const saveShare = (contactId, selection, path) => call('save_share', { contact_id: contactId, selection: withDefaults(selection), path });
/** @param {string} path */
export const previewShareFile = (path) => call('preview_share_file', { path });
/** @param {string} path */
export const importShareFile = (path) => call('import_share_file', { path });
/** @param {string} clientId */
export const receivedFromClient = (clientId) => call('received_from_client', { client_id: clientId });
/**
 * Everything received from confirmed contacts, newest first (a client's "From my mentor").
 * @param {Partial<ReceivedFilter>} [filter]
 */
export const listReceivedItems = (filter = {}) => call('list_received_items', { filter: withDefaults(filter) });
/**
 * Files a received measure, action plan or homework into the vault's records (once).
 * @param {string} id a received item's id
 */
export const fileReceivedItem = (id) => call('file_received_item', { id });
/**
 * Accepts a safety plan the user's mentor proposed as their new safety plan version.
 * @param {string} id a received item's id
 */
export const acceptSafetyPlanProposal = (id) => call('accept_safety_plan_proposal', { id });
/** @param {string} id a received item's id */
export const declineSafetyPlanProposal = (id) => call('decline_safety_plan_proposal', { id });
/** @param {Partial<MoodFilter>} [filter] */
export const listMoodCheckins = (filter = {}) => call('list_mood_checkins', { filter: withDefaults(filter) });

// ---- import, export, backup -------------------------------------------------------------

/** @param {string} path */
export const detectImportFormat = (path) => call('detect_import_format', { path });
/** @param {string} path @param {ImportKind} format */
export const previewImport = (path, format) => call('preview_import', { path, format });
/** @param {string} path @param {ImportKind} format */
export const importJournalFile = (path, format) => call('import_journal_file', { path, format });
/**
 * Exports a client's record and writes the disclosure to their log: to `recipient` on `basis`,
 * or with `rightOfAccess` to the client themselves (recipient and basis then unused).
 * @param {string} clientId @param {Format} format @param {string} recipient @param {ExportBasis|null} basis
 * @param {boolean} rightOfAccess @param {string} path
 * @param {string[]} [privateNoteIds] private notes chosen one by one to go with it (none by default)
 */
export const exportClientRecord = (clientId, format, recipient, basis, rightOfAccess, path, privateNoteIds = []) =>
  call('export_client_record', {
    request: { client_id: clientId, format, recipient, basis, right_of_access: rightOfAccess, private_note_ids: privateNoteIds },
    path,
  });
/** The practice (controller) details, or null before they are saved. */
export const practiceDetails = () => call('practice_details', {});
/** @param {PracticeDetails} details */
export const savePracticeDetails = (details) => call('save_practice_details', { details });
/**
 * Writes the record of processing (GDPR Art. 30) as a PDF or Markdown file.
 * @param {Format} format @param {string} path
 */
export const writeRecordOfProcessing = (format, path) => call('write_record_of_processing', { format, path });
/** @param {string} from @param {string} to @param {Format} format @param {string} path */
export const exportJournal = (from, to, format, path) => call('export_journal', { from, to, format, path });
/**
 * Prints the current safety plan (mine with `clientId` null) as a PDF: 'page' (A4) or 'wallet_card'.
 * `country` chooses its crisis lines (null: the country in Settings).
 * @param {string|null} clientId @param {SafetyPlanPrint} print @param {string|null} country @param {string} path
 */
export const printSafetyPlan = (clientId, print, country, path) => call('print_safety_plan', { client_id: clientId, print, country, path });
/** @param {string} path */
export const backUpVault = (path) => call('back_up_vault', { path });
/** @param {string} backup @param {string} folder @param {string} passphrase */
export const restoreBackup = (backup, folder, passphrase) => call('restore_backup', { backup, folder, passphrase });

// ---- attachments ------------------------------------------------------------------------
// Files kept encrypted in the vault folder. A thumbnail is a data: URL made in memory; "Open"
// goes through a private temporary copy the shell removes at lock.

/** @param {string} ownerKind @param {string} ownerId */
export const listAttachments = (ownerKind, ownerId) => call('list_attachments', { owner_kind: ownerKind, owner_id: ownerId });
/** @param {string} ownerKind @param {string} ownerId @param {string} path */
export const addAttachment = (ownerKind, ownerId, path) => call('add_attachment', { owner_kind: ownerKind, owner_id: ownerId, path });
/** @param {string} id */
export const removeAttachment = (id) => call('remove_attachment', { id });
/** @param {string} id */
export const attachmentThumbnail = (id) => call('attachment_thumbnail', { id });
/** @param {string} id */
export const openAttachment = (id) => call('open_attachment', { id });

// ---- the trash --------------------------------------------------------------------------
// Moving to the trash only hides a record; "delete for good" is the one step that cannot be undone.

/** @param {string} id */
export const moveJournalEntryToTrash = (id) => call('move_journal_entry_to_trash', { id });
/** @param {string} id */
export const moveClientToTrash = (id) => call('move_client_to_trash', { id });
/** @param {string} id */
export const moveGoalToTrash = (id) => call('move_goal_to_trash', { id });
/**
 * Moves a record of a kind kept in a list (mood_checkin, thought_record, activation, gratitude,
 * coping_strategy, referral, resource, credential, training_record, supervision_note) to the trash.
 * @param {string} kind @param {string} id
 */
export const moveToTrash = (kind, id) => call('move_to_trash', { kind, id });
export const listTrash = () => call('list_trash', {});
/** @param {string} kind @param {string} id */
export const restoreFromTrash = (kind, id) => call('restore_from_trash', { kind, id });
/** @param {string} kind @param {string} id */
export const purgeFromTrash = (kind, id) => call('purge_from_trash', { kind, id });
export const emptyTrash = () => call('empty_trash', {});

// Billing: amounts cross as text the core formats or parses; the window never computes money.

/** @typedef {import('./bindings/BillingSettingsForm').BillingSettingsForm} BillingSettingsForm */
/** @typedef {import('./bindings/PaymentForm').PaymentForm} PaymentForm */

/** The billing settings, or null before billing is set up. */
export const billingSettings = () => call('billing_settings', {});
/** @param {BillingSettingsForm} form */
export const saveBillingSettings = (form) => call('save_billing_settings', { form });
/** @param {string} clientId */
export const clientFee = (clientId) => call('client_fee', { client_id: clientId });
/** A client's own fee as typed, or null/'' to use the default fees. @param {string} clientId @param {string | null} fee */
export const setClientFee = (clientId, fee) => call('set_client_fee', { client_id: clientId, fee });
/** @param {string | null} clientId @param {boolean} unbilledOnly */
export const listBillableItems = (clientId, unbilledOnly) =>
  call('list_billable_items', { client_id: clientId, unbilled_only: unbilledOnly });
/** @param {string} id @param {string} amount @param {string} reason */
export const adjustBillableItem = (id, amount, reason) => call('adjust_billable_item', { id, amount, reason });
/** @param {string} id @param {string} discount @param {string} reason */
export const discountBillableItem = (id, discount, reason) => call('discount_billable_item', { id, discount, reason });
/** @param {string} id @param {string} reason */
export const writeOffBillableItem = (id, reason) => call('write_off_billable_item', { id, reason });
/** @param {string | null} clientId */
export const listInvoices = (clientId) => call('list_invoices', { client_id: clientId });
/** @param {string} id */
export const getInvoice = (id) => call('get_invoice', { id });
/** @param {string} clientId @param {string | null} payer */
export const createInvoice = (clientId, payer) => call('create_invoice', { client_id: clientId, payer });
/** @param {string} id */
export const discardInvoice = (id) => call('discard_invoice', { id });
/** @param {string} id */
export const issueInvoice = (id) => call('issue_invoice', { id });
/** @param {string} id @param {string} reason */
export const voidInvoice = (id, reason) => call('void_invoice', { id, reason });
/** A credit note against an issued invoice, for an amount before tax typed as text. @param {string} id @param {string} amount @param {string} reason */
export const creditInvoice = (id, amount, reason) => call('credit_invoice', { id, amount, reason });
/** @param {PaymentForm} payment */
export const recordPayment = (payment) => call('record_payment', { payment });
/** @param {PaymentForm} payment */
export const recordRefund = (payment) => call('record_refund', { payment });
/** Payments and refunds, by day. @param {string | null} clientId */
export const listPayments = (clientId) => call('list_payments', { client_id: clientId });
/** Prints a receipt for a payment as a PDF at a chosen path (plaintext: show the warning). @param {string} id @param {string} path */
export const saveReceiptPdf = (id, path) => call('save_receipt_pdf', { id, path });
/** A client's balance as the core formats it, or null before billing is set up. @param {string} clientId */
export const clientBalance = (clientId) => call('client_balance', { client_id: clientId });
/** @param {string} clientId @param {string} from @param {string} to */
export const billingStatement = (clientId, from, to) => call('billing_statement', { client_id: clientId, from, to });
/** Overdue invoices for the dashboard, longest overdue first. */
export const overdueInvoices = () => call('overdue_invoices', {});
/** Prints an issued invoice as a PDF at a chosen path (plaintext: show the warning). @param {string} id @param {string} path */
export const saveInvoicePdf = (id, path) => call('save_invoice_pdf', { id, path });
/** Prints a client's statement of account as a PDF at a chosen path (plaintext: show the warning). @param {string} clientId @param {string} from @param {string} to @param {string} path */
export const saveStatementPdf = (clientId, from, to, path) => call('save_statement_pdf', { client_id: clientId, from, to, path });
/** Writes the accountant's CSV for a date range at a chosen path (plaintext: show the warning). @param {string} from @param {string} to @param {string} path */
export const exportBillingCsv = (from, to, path) => call('export_billing_csv', { from, to, path });

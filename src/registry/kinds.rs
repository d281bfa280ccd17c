//! Every kind of record, declared once: the client journal's, then the practice's and the
//! clinical records'. Trash and search read this list; its order is theirs.
//!
//! A client's records stay out of search while the client is in the trash (`live`).

use super::RecordKind;

/// A journal entry (`journal::entries`).
pub const JOURNAL_ENTRY: RecordKind = record_kind!(kind: "journal_entry", label: "Journal entry",
    what: "That journal entry", table: "journal_entries", shape: Editable,
    trash: { title: "CASE WHEN x.title <> '' THEN x.title ELSE substr(x.body, 1, 80) END", date: "x.entry_date",
             blocked: "0", blocked_reason: "", children: [("attachments", "owner_id")] },
    search: { table: "journal_entries", fts: "journal_entries_fts", id: "r.id", title: "r.title",
              date: "r.entry_date", client: "NULL", live: "d.deleted_at IS NULL" },
);

/// A mood check-in (`journal::mood`).
pub const MOOD_CHECKIN: RecordKind = record_kind!(kind: "mood_checkin", label: "Mood check-in",
    what: "That mood check-in", table: "mood_checkins", shape: Editable,
    trash: { title: "'Mood ' || x.mood || '/10'", date: "x.day", blocked: "0", blocked_reason: "", children: [] },
    search: { table: "mood_checkins", fts: "mood_checkins_fts", id: "r.id", title: "'Mood ' || r.mood || '/10'",
              date: "r.day", client: "NULL", live: "d.deleted_at IS NULL" },
);

/// A thought record (`journal::thought_records`).
pub const THOUGHT_RECORD: RecordKind = record_kind!(kind: "thought_record", label: "Thought record",
    what: "That thought record", table: "thought_records", shape: Editable,
    trash: { title: "substr(x.situation, 1, 80)", date: "x.record_date", blocked: "0", blocked_reason: "", children: [] },
    search: { table: "thought_records", fts: "thought_records_fts", id: "r.id", title: "r.situation",
              date: "r.record_date", client: "NULL", live: "d.deleted_at IS NULL" },
);

/// An activity in the behavioural-activation log (`journal::activation`).
pub const ACTIVATION: RecordKind = record_kind!(kind: "activation", label: "Activity",
    what: "That activity", table: "activation_log", shape: Editable,
    trash: { title: "x.activity", date: "x.day", blocked: "0", blocked_reason: "", children: [] },
    search: { table: "activation_log", fts: "activation_log_fts", id: "r.id", title: "r.activity",
              date: "r.day", client: "NULL", live: "d.deleted_at IS NULL" },
);

/// A gratitude entry (`journal::gratitude`).
pub const GRATITUDE: RecordKind = record_kind!(kind: "gratitude", label: "Gratitude",
    what: "That gratitude entry", table: "gratitude_entries", shape: Editable,
    trash: { title: "substr(x.items_text, 1, 80)", date: "x.entry_date", blocked: "0", blocked_reason: "", children: [] },
    search: { table: "gratitude_entries", fts: "gratitude_entries_fts", id: "r.id", title: "''",
              date: "r.entry_date", client: "NULL", live: "d.deleted_at IS NULL" },
);

/// A strategy in the coping toolbox (`journal::coping`).
pub const COPING_STRATEGY: RecordKind = record_kind!(kind: "coping_strategy", label: "Coping strategy",
    what: "That coping strategy", table: "coping_strategies", shape: Editable,
    trash: { title: "x.name", date: "substr(x.updated_at, 1, 10)", blocked: "0", blocked_reason: "", children: [] },
    search: { table: "coping_strategies", fts: "coping_strategies_fts", id: "r.id", title: "r.name",
              date: "substr(r.updated_at, 1, 10)", client: "NULL", live: "d.deleted_at IS NULL" },
);

/// A client (`practice::clients`), kept while any record refers to them.
pub const CLIENT: RecordKind = record_kind!(kind: "client", label: "Client",
    what: "That client", table: "clients", shape: Editable,
    trash: { title: "x.name", date: "x.start_date",
             blocked: "EXISTS (SELECT 1 FROM session_notes WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM appointments WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM goals WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM measure_administrations WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM risk_flags WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM safety_plans WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM consents WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM disclosures WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM referrals WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM resource_assignments WHERE client_id = x.id) \
                       OR EXISTS (SELECT 1 FROM client_retention WHERE client_id = x.id AND closed_on IS NOT NULL)",
             blocked_reason: "This client still has records (notes, appointments, goals, measures, consents…), \
                              or was closed. A client is kept while any record refers to them: purge those records \
                              first. A closed client's record is kept for its retention and leaves only by erasure: \
                              restore them and use “Erase this client…” on their page.",
             children: [("attachments", "owner_id")] },
    search: { table: "clients", fts: "clients_fts", id: "r.id", title: "r.name", date: "r.start_date",
              client: "r.id", live: "d.deleted_at IS NULL" },
);

/// A session note (`practice::notes`): finalised notes are part of the record and kept.
pub const SESSION_NOTE: RecordKind = record_kind!(kind: "session_note", label: "Session note",
    what: "That session note", table: "session_notes", shape: Finalisable,
    trash: { title: "CASE WHEN x.private = 1 THEN 'Private note · session with ' ELSE 'Session with ' END || (SELECT coalesce(c.preferred_name, c.name) FROM clients c WHERE c.id = x.client_id)",
             date: "x.session_date",
             blocked: "x.finalised_at IS NOT NULL OR EXISTS (SELECT 1 FROM note_addenda WHERE note_id = x.id)",
             blocked_reason: "A finalised session note is part of the client's record and is kept.",
             children: [("note_revisions", "note_id"), ("session_note_goals", "note_id"), ("attachments", "owner_id")] },
    search: { table: "session_notes", fts: "session_notes_fts", id: "r.id",
              title: "CASE WHEN r.private = 1 THEN 'Private note (not part of the record) · session with ' ELSE 'Session with ' END || (SELECT coalesce(c.preferred_name, c.name) FROM clients c WHERE c.id = r.client_id)",
              date: "r.session_date", client: "r.client_id", live: "d.deleted_at IS NULL AND (d.client_id IS NULL OR d.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))" },
);

/// A goal (`practice::goals`) with its steps and reviews.
pub const GOAL: RecordKind = record_kind!(kind: "goal", label: "Goal",
    what: "That goal", table: "goals", shape: Editable,
    trash: { title: "x.title", date: "substr(x.created_at, 1, 10)", blocked: "0", blocked_reason: "",
             children: [("session_note_goals", "goal_id"), ("goal_steps", "goal_id"), ("goal_reviews", "goal_id")] },
    search: { table: "goals", fts: "goals_fts", id: "r.id", title: "r.title", date: "substr(r.created_at, 1, 10)",
              client: "r.client_id", live: "d.deleted_at IS NULL AND (d.client_id IS NULL OR d.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))" },
);

/// An appointment (`practice::appointments`) with its exceptions.
pub const APPOINTMENT: RecordKind = record_kind!(kind: "appointment", label: "Appointment",
    what: "That appointment", table: "appointments", shape: Editable,
    trash: { title: "'Appointment with ' || (SELECT coalesce(c.preferred_name, c.name) FROM clients c WHERE c.id = x.client_id)",
             date: "substr(x.local_start, 1, 10)", blocked: "0", blocked_reason: "",
             children: [("appointment_exceptions", "appointment_id")] },
);

/// An outcome measure (`clinical::measures`): scored once, never edited.
pub const MEASURE: RecordKind = record_kind!(kind: "measure", label: "Outcome measure",
    what: "That measure", table: "measure_administrations", shape: AppendOnly,
    trash: { title: "upper(x.instrument) || ' · ' || x.total", date: "x.administered_on",
             blocked: "EXISTS (SELECT 1 FROM risk_flags WHERE measure_id = x.id)",
             blocked_reason: "This measure raised a risk flag, which is kept; the measure is kept with it.",
             children: [] },
);

/// A risk flag (`clinical::risk`): never deleted, resolved instead.
pub const RISK_FLAG: RecordKind = record_kind!(kind: "risk_flag", label: "Risk flag",
    what: "That risk flag", table: "risk_flags", shape: AppendOnly,
    search: { table: "risk_flags", fts: "risk_flags_fts", id: "r.id", title: "'Risk flag (' || r.level || ')'",
              date: "r.raised_on", client: "r.client_id",
              live: "(d.client_id IS NULL OR d.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))" },
);

/// A safety plan (`clinical::safety_plans`): versions, never deleted. Only the current version is
/// searched; a hit on one of its items opens the plan.
pub const SAFETY_PLAN: RecordKind = record_kind!(kind: "safety_plan", label: "Safety plan",
    what: "That safety plan", table: "safety_plans", shape: AppendOnly,
    search: { table: "safety_plan_items", fts: "safety_plan_items_fts", id: "r.plan_id",
              title: "'Safety plan · ' || replace(r.section, '_', ' ')",
              date: "(SELECT substr(p.created_at, 1, 10) FROM safety_plans p WHERE p.id = r.plan_id)",
              client: "(SELECT p.client_id FROM safety_plans p WHERE p.id = r.plan_id)",
              live: "d.plan_id IN (SELECT id FROM safety_plans WHERE is_current = 1 AND (client_id IS NULL OR client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL)))" },
);

/// A crisis line (`clinical::crisis_lines`): built-in lines are hidden, never removed.
pub const CRISIS_LINE: RecordKind = record_kind!(kind: "crisis_line", label: "Crisis line",
    what: "That crisis line", table: "crisis_lines", shape: Editable,
    trash: { title: "x.name", date: "NULL", blocked: "x.built_in = 1",
             blocked_reason: "Built-in crisis lines are hidden, never removed, so they can always be brought back.",
             children: [] },
);

/// A referral (`clinical::referrals`): found by what the mentor typed in it (who or where the
/// client was referred to, why, the notes; migration 20261212020000). Its title reads as the
/// referrals list does, "Sam Patel → Eating Disorder Service" ("To …" for the owner's own); the
/// result's badge already says "Referral".
pub const REFERRAL: RecordKind = record_kind!(kind: "referral", label: "Referral",
    what: "That referral", table: "referrals", shape: Editable,
    trash: { title: "'Referral to ' || x.referred_to", date: "x.referred_on", blocked: "0", blocked_reason: "",
             children: [] },
    search: { table: "referrals", fts: "referrals_fts", id: "r.id",
              title: "coalesce((SELECT coalesce(c.preferred_name, c.name) FROM clients c WHERE c.id = r.client_id) || ' → ', 'To ') || r.referred_to",
              date: "r.referred_on", client: "r.client_id",
              live: "d.deleted_at IS NULL AND (d.client_id IS NULL OR d.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))" },
);

/// A resource in the library (`clinical::resources`) with its assignments.
pub const RESOURCE: RecordKind = record_kind!(kind: "resource", label: "Resource",
    what: "That resource", table: "resources", shape: Editable,
    trash: { title: "x.title", date: "substr(x.updated_at, 1, 10)", blocked: "0", blocked_reason: "",
             children: [("resource_assignments", "resource_id")] },
    search: { table: "resources", fts: "resources_fts", id: "r.id", title: "r.title",
              date: "substr(r.updated_at, 1, 10)", client: "NULL", live: "d.deleted_at IS NULL" },
);

/// A credential of the mentor's (`clinical::mentor_record`).
pub const CREDENTIAL: RecordKind = record_kind!(kind: "credential", label: "Credential",
    what: "That credential", table: "credentials", shape: Editable,
    trash: { title: "x.title", date: "x.valid_from", blocked: "0", blocked_reason: "", children: [] },
);

/// A training record of the mentor's (`clinical::mentor_record`).
pub const TRAINING_RECORD: RecordKind = record_kind!(kind: "training_record", label: "Training record",
    what: "That training record", table: "training_records", shape: Editable,
    trash: { title: "x.title", date: "x.completed_on", blocked: "0", blocked_reason: "", children: [] },
);

/// A supervision note of the mentor's (`clinical::mentor_record`).
pub const SUPERVISION_NOTE: RecordKind = record_kind!(kind: "supervision_note", label: "Supervision note",
    what: "That supervision note", table: "supervision_notes", shape: Editable,
    trash: { title: "'Supervision with ' || x.supervisor", date: "x.held_on", blocked: "0", blocked_reason: "",
             children: [] },
    search: { table: "supervision_notes", fts: "supervision_notes_fts", id: "r.id",
              title: "'Supervision with ' || r.supervisor", date: "r.held_on", client: "NULL",
              live: "d.deleted_at IS NULL" },
);

/// An invoice or credit note (`billing::invoices`): never trashed (an issued one keeps its number
/// for good; a draft is discarded, not trashed). Found by its number and the name billed to or
/// the payer; its lines are not indexed, so no session content is searched. Its title reads
/// "INV-0002 · Jo Rivers", "Credit note CN-0005 · Jo Rivers", "INV-0003 (void) · …", "Draft · …"
/// (the result's badge already says "Invoice"). One whose client is in the trash is hidden until the client is restored or
/// purged (purging a client keeps the accounts).
pub const INVOICE: RecordKind = record_kind!(kind: "invoice", label: "Invoice",
    what: "That invoice", table: "billing_invoices", shape: Finalisable,
    search: { table: "billing_invoices", fts: "billing_invoices_fts", id: "r.id",
              title: "CASE WHEN r.number IS NULL THEN 'Draft' \
                      WHEN r.kind = 'invoice' THEN 'INV-' || printf('%04d', r.number) \
                      ELSE 'Credit note CN-' || printf('%04d', r.number) END \
                      || CASE WHEN r.status = 'void' THEN ' (void)' ELSE '' END || ' · ' || r.bill_to",
              date: "coalesce(r.issued_on, substr(r.created_at, 1, 10))", client: "r.client_id",
              live: "d.client_id NOT IN (SELECT id FROM clients WHERE deleted_at IS NOT NULL)" },
);

/// An attached file's record (`attachments`): moved to the trash on its own, or hidden with its
/// owner and purged with it (the owners list it among their `children`). Its encrypted file is
/// deleted once no record refers to it (`attachments::sweep_unreferenced_files`, after a purge).
pub const ATTACHMENT: RecordKind = record_kind!(kind: "attachment", label: "Attachment",
    what: "That attachment", table: "attachments", shape: AppendOnly,
    trash: { title: "x.file_name", date: "substr(x.created_at, 1, 10)", blocked: "0", blocked_reason: "",
             children: [] },
);

/// Every kind, in the order the trash and search list them.
pub static KINDS: &[RecordKind] = &[
    JOURNAL_ENTRY,
    MOOD_CHECKIN,
    THOUGHT_RECORD,
    ACTIVATION,
    GRATITUDE,
    COPING_STRATEGY,
    CLIENT,
    SESSION_NOTE,
    GOAL,
    APPOINTMENT,
    MEASURE,
    RISK_FLAG,
    SAFETY_PLAN,
    CRISIS_LINE,
    REFERRAL,
    RESOURCE,
    CREDENTIAL,
    TRAINING_RECORD,
    SUPERVISION_NOTE,
    INVOICE,
    ATTACHMENT,
];

//! A client's whole record, gathered through the practice and clinical APIs for export. The
//! structs here are the `client_record` object of the JSON export (docs/export-schema.md): the
//! domain structs where they already say everything, and export-specific shapes where a reader
//! needs more (a note's section titles and status) or must get less (an appointment's private
//! notes are never exported).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use crate::Result;
use crate::clinical::{
    self, Consent, Disclosure, Instrument, MeasureAdministration, Referral, RiskFlag, SafetyPlan, ScorePoint,
};
use crate::practice::appointments::{self, OccurrenceStatus, Recurrence, SessionMode};
use crate::practice::clients::{self, Client};
use crate::practice::goals::{self, Goal, GoalFilter};
use crate::practice::notes::{self, Addendum, NoteFilter, SessionNote};
use crate::practice::templates::NoteTemplate;
use crate::vault::Vault;

/// Everything exported about one client.
#[derive(Debug, Clone, Serialize)]
pub struct ClientRecordExport {
    /// When the export was made.
    pub exported_at: DateTime<Utc>,
    /// The client's details (including tags; a client in the trash is exported as such).
    pub client: Client,
    /// Session notes, oldest session first: finalised notes with their addenda, and drafts.
    /// Private notes are never among them.
    pub session_notes: Vec<ExportedNote>,
    /// Private notes the mentor chose one by one to go with this export (never any other);
    /// absent from the JSON when none were chosen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub private_notes: Vec<ExportedNote>,
    /// Goals with their action steps and reviews, oldest first.
    pub goals: Vec<ExportedGoal>,
    /// Appointments and series (without the mentor's private appointment notes).
    pub appointments: Vec<ExportedAppointment>,
    /// Each session on the calendar from the first appointment to 60 days after the export.
    pub sessions: Vec<ExportedSession>,
    /// Every administration of an outcome measure, oldest first.
    pub measures: Vec<MeasureAdministration>,
    /// One score history per instrument the client has completed, with its published bands.
    pub score_history: Vec<ScoreHistory>,
    /// Risk flags, open and resolved, oldest first.
    pub risk_flags: Vec<RiskFlag>,
    /// The safety plan in use, if there is one.
    pub safety_plan: Option<SafetyPlan>,
    /// Consent records, oldest first.
    pub consents: Vec<Consent>,
    /// The disclosure log, oldest first.
    pub disclosures: Vec<Disclosure>,
    /// Referrals, oldest first.
    pub referrals: Vec<Referral>,
    /// Present only in a right-of-access export: the index and what the client shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right_of_access: Option<RightOfAccess>,
    /// Files attached to the client and to their session notes (absent when there are none); the
    /// Markdown and JSON exports write each beside the document, at `file`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<super::ExportedAttachment>,
}

/// The extra parts of a right-of-access export (GDPR Art. 15).
#[derive(Debug, Clone, Serialize)]
pub struct RightOfAccess {
    /// Each section of the record and how many entries it holds, in the order shown.
    pub index: Vec<IndexEntry>,
    /// Items the client shared with this vault (action plans, homework…), oldest first.
    pub received_shares: Vec<ReceivedShare>,
    /// Versions of the client's notes and of the exported session notes kept aside because
    /// another version was saved over them on another computer at the same time
    /// ([`crate::sync::conflicts`]): held until the mentor chooses, so part of what is held.
    /// Absent from the JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept_aside: Vec<KeptAside>,
}

/// A version kept aside, as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptAside {
    /// What it is a version of: "General notes", or "Session note of 2026-03-30".
    pub of: String,
    /// When it was saved.
    pub written_at: DateTime<Utc>,
    /// The words.
    pub text: String,
}

/// One line of the index page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexEntry {
    /// The section's heading.
    pub section: String,
    /// How many entries it holds.
    pub count: usize,
}

/// An item the client shared, as exported.
#[derive(Debug, Clone, Serialize)]
pub struct ReceivedShare {
    /// When it was imported.
    pub received_at: DateTime<Utc>,
    /// The item.
    pub item: crate::exchange::SharedItem,
}

impl ClientRecordExport {
    /// The index of a right-of-access export: every section and its count.
    pub fn index(&self, received_shares: usize, kept_aside: usize) -> Vec<IndexEntry> {
        [
            ("Client details", 1),
            ("Risk flags", self.risk_flags.len()),
            ("Safety plan", usize::from(self.safety_plan.is_some())),
            ("Outcome measures", self.measures.len()),
            ("Goals", self.goals.len()),
            ("Session notes", self.session_notes.len()),
            ("Appointments", self.sessions.len()),
            ("Consent", self.consents.len()),
            ("Disclosure log", self.disclosures.len()),
            ("Referrals", self.referrals.len()),
            ("Received shares", received_shares),
            // Only when some were chosen: otherwise the paragraph above the index says none are in.
            ("Private notes (chosen one by one)", self.private_notes.len()),
            ("Versions kept aside", kept_aside),
        ]
        .into_iter()
        // Only when there are some: both are the exception, not a section of every record.
        .filter(|&(section, count)| {
            count > 0 || !(section.starts_with("Private notes") || section.starts_with("Versions"))
        })
        .map(|(section, count)| IndexEntry { section: section.to_owned(), count })
        .collect()
    }
}

/// Whether a session note is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteStatus {
    /// Still being written: not part of the signed record.
    Draft,
    /// Finalised (read-only); later changes are addenda.
    Finalised,
}

/// One section of a note, with the heading the template gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedSection {
    /// The template section's key ("subjective").
    pub key: String,
    /// Its heading ("Subjective").
    pub title: String,
    /// What the mentor wrote (may be empty).
    pub text: String,
}

/// A session note as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedNote {
    /// Record id.
    pub id: String,
    /// The day of the session.
    pub session_date: NaiveDate,
    /// Length in minutes.
    pub duration_minutes: u32,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// The template's stored key.
    pub template: NoteTemplate,
    /// The template's name ("SOAP").
    pub template_title: String,
    /// Draft or finalised.
    pub status: NoteStatus,
    /// When it was finalised.
    pub finalised_at: Option<DateTime<Utc>>,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Every section of the template, in order.
    pub sections: Vec<ExportedSection>,
    /// Goals the session worked on (ids from `goals`).
    pub goal_ids: Vec<String>,
    /// Dated addenda, oldest first.
    pub addenda: Vec<Addendum>,
}

impl From<SessionNote> for ExportedNote {
    fn from(n: SessionNote) -> Self {
        let template = n.template;
        let sections = n
            .sections
            .into_iter()
            .map(|s| {
                let title = template.sections().iter().find(|d| d.key == s.key).map_or(s.key.as_str(), |d| d.title);
                ExportedSection { title: title.to_owned(), key: s.key, text: s.text }
            })
            .collect();
        ExportedNote {
            id: n.id,
            session_date: n.session_date,
            duration_minutes: n.duration_minutes,
            mode: n.mode,
            template,
            template_title: template.title().to_owned(),
            status: if n.finalised_at.is_some() { NoteStatus::Finalised } else { NoteStatus::Draft },
            finalised_at: n.finalised_at,
            created_at: n.created_at,
            updated_at: n.updated_at,
            sections,
            goal_ids: n.goal_ids,
            addenda: n.addenda,
        }
    }
}

/// A goal with its overall progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedGoal {
    /// The goal, its steps and reviews.
    #[serde(flatten)]
    pub goal: Goal,
    /// Mean progress of its steps (skipped ones left out), 0–100; `null` with no steps.
    pub progress: Option<u8>,
}

/// An appointment or series, without the private notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedAppointment {
    /// Record id.
    pub id: String,
    /// Start of the (first) appointment.
    pub starts_at: DateTime<Utc>,
    /// Its end.
    pub ends_at: DateTime<Utc>,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// Where.
    pub location: Option<String>,
    /// How often it repeats.
    pub recurrence: Recurrence,
    /// Last day of the series, inclusive.
    pub repeat_until: Option<NaiveDate>,
    /// Number of sessions in the series.
    pub repeat_count: Option<u32>,
}

/// One session on the calendar and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedSession {
    /// The appointment (series) it belongs to.
    pub appointment_id: String,
    /// When it starts (after any move).
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// Scheduled, cancelled, no-show or attended.
    pub status: OccurrenceStatus,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// Moved from its original time.
    pub moved: bool,
}

/// The published severity band of an instrument, for shading charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedBand {
    /// Stable key ("moderately_severe").
    pub key: String,
    /// Published name.
    pub label: String,
    /// Lowest score in the band, inclusive.
    pub min: u32,
    /// Highest score in the band, inclusive.
    pub max: u32,
}

/// One instrument's scores over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreHistory {
    /// Which instrument.
    pub instrument: Instrument,
    /// Its short name ("PHQ-9").
    pub name: String,
    /// Highest possible reported score.
    pub max_total: u32,
    /// Whether a higher score means more difficulty (false for WHO-5, where higher is better).
    pub higher_is_worse: bool,
    /// Published bands, ascending.
    pub bands: Vec<ExportedBand>,
    /// The scores, oldest first.
    pub points: Vec<ScorePoint>,
}

/// How far past the export day the calendar of sessions reaches.
const SESSIONS_AHEAD: TimeDelta = TimeDelta::days(60);

/// Gathers one client's record. A client in the trash can still be exported (their record is
/// kept); an unknown id is [`Error::NotFound`](crate::Error::NotFound).
pub async fn gather_client_record(vault: &Vault, client_id: &str) -> Result<ClientRecordExport> {
    let exported_at = crate::vault::now();
    // Which version of the notes this is matters to the merge only: an export leaves it out.
    let client = clients::Client { text_version: None, ..clients::get_client(vault, client_id).await? };
    let id = Some(client.id.as_str());

    let mut session_notes: Vec<ExportedNote> = notes::list_notes(
        vault,
        NoteFilter { client_id: Some(client.id.clone()), private: Some(false), ..NoteFilter::default() },
    )
    .await?
    .into_iter()
    .map(ExportedNote::from)
    .collect();
    session_notes.reverse();

    let mut goals: Vec<ExportedGoal> =
        goals::list_goals(vault, GoalFilter { client_id: Some(client.id.clone()), ..GoalFilter::default() })
            .await?
            .into_iter()
            // Which version of its wording a goal is matters to the merge only: left out.
            .map(|goal| ExportedGoal { progress: goal.progress(), goal: goals::Goal { text_version: None, ..goal } })
            .collect();
    goals.sort_by_key(|g| g.goal.created_at);

    let booked = appointments::list_appointments(vault, id).await?;
    let sessions = match booked.iter().map(|a| a.starts_at).min() {
        Some(first) if first < exported_at + SESSIONS_AHEAD => {
            appointments::schedule::list_occurrences(vault, first, exported_at + SESSIONS_AHEAD, id)
                .await?
                .into_iter()
                .map(|o| ExportedSession {
                    appointment_id: o.appointment_id,
                    starts_at: o.starts_at,
                    ends_at: o.ends_at,
                    status: o.status,
                    mode: o.mode,
                    moved: o.moved,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let appointments = booked
        .into_iter()
        .map(|a| ExportedAppointment {
            id: a.id,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            mode: a.mode,
            location: a.location,
            recurrence: a.recurrence,
            repeat_until: a.repeat_until,
            repeat_count: a.repeat_count,
        })
        .collect();

    let mut measures = clinical::list_measures(vault, id, None).await?;
    measures.reverse();
    let mut score_history = Vec::new();
    for instrument in Instrument::ALL {
        if measures.iter().any(|m| m.instrument == instrument) {
            score_history.push(history(instrument, clinical::score_history(vault, id, instrument).await?));
        }
    }

    let mut risk_flags = clinical::list_risk_flags(vault, id, true).await?;
    risk_flags.sort_by_key(|f| (f.raised_on, f.created_at));
    let mut consents = clinical::list_consents(vault, id, None).await?;
    consents.reverse();
    let mut disclosures = clinical::list_disclosures(vault, id).await?;
    disclosures.reverse();
    let mut referrals = clinical::list_referrals(vault, id).await?;
    referrals.sort_by_key(|r| r.referred_on);

    Ok(ClientRecordExport {
        exported_at,
        safety_plan: clinical::current_safety_plan(vault, id).await?,
        client,
        session_notes,
        private_notes: Vec::new(),
        goals,
        appointments,
        sessions,
        measures,
        score_history,
        risk_flags,
        consents,
        disclosures,
        referrals,
        right_of_access: None,
        attachments: Vec::new(),
    })
}

/// The private notes `ids` of client `client_id`, oldest session first, for an export that
/// chose them one by one. Refuses an id that is not a live private note of this client (a record
/// note is already in the export; another client's note never goes with it).
pub async fn chosen_private_notes(vault: &Vault, client_id: &str, ids: &[String]) -> Result<Vec<ExportedNote>> {
    let mut chosen = Vec::new();
    for id in ids {
        if chosen.iter().any(|n: &SessionNote| &n.id == id) {
            continue;
        }
        let note = notes::get_note(vault, id).await.ok().filter(|n| n.client_id == client_id && n.deleted_at.is_none());
        match note {
            Some(n) if n.private => chosen.push(n),
            _ => {
                return Err(crate::Error::invalid(
                    "private notes",
                    "a chosen note is not one of this client's private notes (it may have been moved to the trash)",
                ));
            }
        }
    }
    chosen.sort_by_key(|n| (n.session_date, n.created_at));
    Ok(chosen.into_iter().map(ExportedNote::from).collect())
}

fn history(instrument: Instrument, points: Vec<ScorePoint>) -> ScoreHistory {
    let d = instrument.definition();
    ScoreHistory {
        instrument,
        name: d.name.to_owned(),
        max_total: d.max_total(),
        higher_is_worse: instrument != Instrument::Who5,
        bands: d
            .bands
            .iter()
            .map(|b| ExportedBand { key: b.key.to_owned(), label: b.label.to_owned(), min: b.min, max: b.max })
            .collect(),
        points,
    }
}

/// The versions kept aside of the client's notes, of their goals' wording and of the session
/// notes in `record` (those exported, private ones only when chosen), oldest first.
pub(crate) async fn kept_aside(vault: &Vault, record: &ClientRecordExport) -> Result<Vec<KeptAside>> {
    use crate::sync::conflicts::{self, ConflictKind};
    let mut kept = Vec::new();
    for c in conflicts::for_record(vault, ConflictKind::Client, &record.client.id).await? {
        kept.push(KeptAside { of: "General notes".to_owned(), written_at: c.written_at, text: c.text });
    }
    for g in &record.goals {
        for c in conflicts::for_record(vault, ConflictKind::Goal, &g.goal.id).await? {
            let of = format!("Goal “{}”", g.goal.title);
            let text = if c.text.is_empty() { c.title } else { format!("{}\n\n{}", c.title, c.text) };
            kept.push(KeptAside { of, written_at: c.written_at, text });
        }
    }
    for n in record.session_notes.iter().chain(&record.private_notes) {
        for c in conflicts::for_record(vault, ConflictKind::SessionNote, &n.id).await? {
            let of = format!("Session note of {}", n.session_date);
            kept.push(KeptAside { of, written_at: c.written_at, text: c.text });
        }
    }
    kept.sort_by_key(|k| k.written_at);
    Ok(kept)
}

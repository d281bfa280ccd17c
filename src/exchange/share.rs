//! Turning what a person chose to share into a bundle's content: the records they picked,
//! read from their vault and mapped to the exchange format's items. The desktop app and the
//! CLI both call [`collect_share`], so the mapping lives in one place.
//!
//! The one lossy mapping: mood check-ins are kept on a 1–10 scale in the vault, but the
//! exchange format (version 1) carries 1–5, as most mood apps do. We send
//! `ceil(mood / 2)` and keep the exact value in the note ("mood 7/10"), so nothing the client
//! meant is lost to the mentor.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::items::{
    ActionPlan, ActionStep, AutomaticThought, Homework, Invoice, InvoiceLine, JournalEntry, MeasureScore, MoodCheckIn,
    MoodRating, Resource, SafetyPlan, SharedItem, StepOwner, StepStatus,
};
use super::{BundleContent, BundleKind, MAX_BUNDLE_BYTES, SharedFile};
use crate::attachments::{self, Attachment};
use crate::clinical::{measures, resources, safety_plans};
use crate::journal::{entries, mood, thought_records};
use crate::practice::goals;
use crate::vault::Vault;
use crate::{Error, Result};

/// Homework a mentor writes for a client (it lives only in the share, not as a vault record).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewHomework {
    /// A short title.
    pub title: String,
    /// What to do.
    pub instructions: String,
    /// When it is due.
    pub due: Option<NaiveDate>,
}

/// What to put in a share, by record id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ShareSelection {
    /// Journal entries (client).
    pub journal_entries: Vec<String>,
    /// Mood check-ins (client).
    pub mood_checkins: Vec<String>,
    /// Thought records (client).
    pub thought_records: Vec<String>,
    /// Outcome-measure administrations (a client's self-assessment scores).
    #[serde(alias = "scores")]
    pub measures: Vec<String>,
    /// Goals, sent as action plans with their steps (mentor).
    pub action_plans: Vec<String>,
    /// Resources from the library (mentor).
    pub resources: Vec<String>,
    /// Safety plans by id (mentor: a client's plan; client: their own).
    pub safety_plans: Vec<String>,
    /// The current safety plan of this client record (mentor).
    pub safety_plan_of_client: Option<String>,
    /// Homework written for this share (mentor).
    pub homework: Vec<NewHomework>,
    /// Issued invoices and credit notes, by id (mentor), sent to the client they are billed to.
    pub invoices: Vec<String>,
}

impl ShareSelection {
    /// Whether it holds anything a client shares with their mentor.
    fn has_client_items(&self) -> bool {
        !(self.journal_entries.is_empty()
            && self.mood_checkins.is_empty()
            && self.thought_records.is_empty()
            && self.measures.is_empty())
    }

    /// Whether it holds anything a mentor shares with a client.
    fn has_mentor_items(&self) -> bool {
        !(self.action_plans.is_empty()
            && self.resources.is_empty()
            && self.safety_plans.is_empty()
            && self.safety_plan_of_client.is_none()
            && self.homework.is_empty()
            && self.invoices.is_empty())
    }
}

/// Reads the chosen records and builds the bundle content `sender_name` will send.
pub async fn collect_share(
    vault: &Vault,
    kind: BundleKind,
    sender_name: &str,
    selection: &ShareSelection,
) -> Result<BundleContent> {
    match (kind, selection.has_client_items(), selection.has_mentor_items()) {
        (_, false, false) => return Err(Error::invalid("Share", "choose at least one thing to share")),
        (BundleKind::FromClient, _, true) => {
            return Err(Error::invalid(
                "Share",
                "plans, homework, resources, safety plans and invoices are shared by a mentor",
            ));
        }
        (BundleKind::FromMentor, true, _) => {
            return Err(Error::invalid(
                "Share",
                "journal entries, moods, thought records and scores are shared by the client they belong to",
            ));
        }
        _ => {}
    }
    let mut items = Vec::new();
    let mut files = Vec::new();
    for id in &selection.journal_entries {
        let e = entries::get_entry(vault, id).await?;
        for a in attachments::list(vault, "journal_entry", id).await? {
            files.push((uuid(id)?, a));
        }
        items.push(SharedItem::JournalEntry(JournalEntry {
            id: uuid(id)?,
            created_at: e.created_at,
            title: (!e.title.is_empty()).then_some(e.title),
            text: e.body,
            prompt: e.prompt,
            tags: e.tags,
        }));
    }
    for id in &selection.mood_checkins {
        let m = mood::get_mood_checkin(vault, id).await?;
        let note = match m.note.trim() {
            "" => format!("mood {}/10", m.mood),
            text => format!("{text} (mood {}/10)", m.mood),
        };
        items.push(SharedItem::MoodCheckIn(MoodCheckIn {
            id: uuid(id)?,
            recorded_at: m.checked_at,
            score: five_point(m.mood),
            label: (!m.emotions.is_empty()).then(|| m.emotions.join(", ")),
            note: Some(note),
        }));
    }
    for id in &selection.thought_records {
        let t = thought_records::get_thought_record(vault, id).await?;
        let rating = |v: i64| u8::try_from(v.clamp(0, 100)).unwrap_or(100);
        items.push(SharedItem::ThoughtRecord(super::items::ThoughtRecord {
            id: uuid(id)?,
            created_at: t.created_at,
            situation: t.situation,
            moods_before: t
                .moods
                .iter()
                .map(|m| MoodRating { mood: m.name.clone(), intensity: rating(m.intensity) })
                .collect(),
            automatic_thoughts: t
                .automatic_thoughts
                .iter()
                .map(|a| AutomaticThought { text: a.text.clone(), is_hot: a.hot })
                .collect(),
            evidence_for: t.evidence_for,
            evidence_against: t.evidence_against,
            balanced_thought: t.balanced_thought,
            moods_after: t
                .moods
                .iter()
                .filter_map(|m| m.rerated.map(|r| MoodRating { mood: m.name.clone(), intensity: rating(r) }))
                .collect(),
        }));
    }
    for id in &selection.measures {
        let m = measures::get_measure(vault, id).await?;
        items.push(SharedItem::MeasureScore(MeasureScore {
            id: uuid(id)?,
            instrument: m.instrument.definition().name.to_owned(),
            taken_at: m.administered_on.and_hms_opt(12, 0, 0).map_or(m.created_at, |t| t.and_utc()),
            item_answers: m.answers,
            total: m.total,
            band: Some(m.band_label),
        }));
    }
    for id in &selection.action_plans {
        let g = goals::get_goal(vault, id).await?;
        let goal_text = [g.specific.as_str(), g.measurable.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" — ");
        let mut steps = Vec::new();
        for s in &g.steps {
            steps.push(ActionStep {
                id: uuid(&s.id)?,
                description: s.description.clone(),
                owner: match s.owner {
                    goals::steps::StepOwner::Mentor => StepOwner::Mentor,
                    goals::steps::StepOwner::Client => StepOwner::Client,
                },
                due: s.due_date,
                status: match s.status {
                    goals::steps::StepStatus::Todo => StepStatus::NotStarted,
                    goals::steps::StepStatus::Doing => StepStatus::InProgress,
                    goals::steps::StepStatus::Done => StepStatus::Done,
                    goals::steps::StepStatus::Skipped => StepStatus::Dropped,
                },
            });
        }
        items.push(SharedItem::ActionPlan(ActionPlan {
            id: uuid(id)?,
            title: g.title,
            goal: (!goal_text.is_empty()).then_some(goal_text),
            steps,
            updated_at: g.updated_at,
        }));
    }
    if !selection.resources.is_empty() {
        let library = resources::list_resources(vault, None, None).await?;
        for id in &selection.resources {
            let r = library.iter().find(|r| &r.id == id).ok_or(Error::NotFound { what: "That resource" })?;
            items.push(SharedItem::Resource(Resource {
                id: uuid(id)?,
                title: r.title.clone(),
                description: r.notes.clone(),
                url: r.url.clone(),
            }));
        }
    }
    let mut plan_ids = selection.safety_plans.clone();
    if let Some(client_id) = &selection.safety_plan_of_client {
        let plan = safety_plans::current_safety_plan(vault, Some(client_id))
            .await?
            .ok_or(Error::NotFound { what: "A safety plan for that client" })?;
        plan_ids.push(plan.id);
    }
    for id in &plan_ids {
        let p = safety_plans::get_safety_plan(vault, id).await?;
        items.push(SharedItem::SafetyPlan(SafetyPlan { id: uuid(id)?, updated_at: p.saved_at, sections: p.sections }));
    }
    for h in &selection.homework {
        if h.title.trim().is_empty() {
            return Err(Error::invalid("Homework title", "give the homework a short title"));
        }
        items.push(SharedItem::Homework(Homework {
            id: Uuid::now_v7(),
            title: h.title.trim().to_owned(),
            instructions: h.instructions.trim().to_owned(),
            assigned_at: crate::clock::now(),
            due: h.due,
        }));
    }
    for id in &selection.invoices {
        items.push(shared_invoice(vault, id).await?);
    }
    let mut content = BundleContent::new(kind, sender_name, items);
    within_bundle_limit(&content, &files)?;
    for (item, a) in files {
        let bytes = attachments::read_content(vault, &a).await?;
        content.attachments.push(SharedFile { item, name: a.file_name, media_type: a.media_type, bytes });
    }
    content.validate().map_err(|p| Error::invalid(format!("Share: {}", p.field), p.reason))?;
    Ok(content)
}

/// Room in a bundle for everything but the contents' JSON: the header, the sender's key, age's
/// framing (16 bytes per 64 KiB) and the signature, with a wide margin.
const BUNDLE_OVERHEAD: u64 = 256 * 1024;

/// Whether the attached files, together with the items, fit in one share file
/// ([`MAX_BUNDLE_BYTES`]), from their sizes before any is read; if not, a refusal naming the
/// file that takes the share past it.
fn within_bundle_limit(content: &BundleContent, files: &[(Uuid, Attachment)]) -> Result<()> {
    let encoded = |a: &Attachment| SharedFile::encoded_len(a.size as u64, &a.file_name, &a.media_type);
    let items = serde_json::to_vec(content).map_or(0, |json| json.len() as u64);
    let mut total = items + BUNDLE_OVERHEAD;
    for (_, file) in files {
        total += encoded(file);
        if total > MAX_BUNDLE_BYTES {
            let all: u64 = items + BUNDLE_OVERHEAD + files.iter().map(|(_, a)| encoded(a)).sum::<u64>();
            return Err(Error::invalid(
                "Share",
                format!(
                    "{} takes the share file past the largest of {} (with all the attached files it would be {}): \
                     share the entries with the largest attachments on their own, or fewer entries at a time",
                    file.file_name,
                    attachments::format_size(MAX_BUNDLE_BYTES),
                    attachments::format_size(all)
                ),
            ));
        }
    }
    Ok(())
}

/// 1–10 → 1–5, rounding up (so 1–2 → 1, 9–10 → 5).
fn five_point(mood: i64) -> u8 {
    u8::try_from(((mood.clamp(1, 10) + 1) / 2).clamp(1, 5)).unwrap_or(3)
}

/// An issued invoice or credit note as the client will keep it: its number, days, lines and
/// amounts as this vault prints them, what was paid and credited against it and what it still
/// asks for now ([`crate::billing::settlement`]). A draft is refused.
async fn shared_invoice(vault: &Vault, id: &str) -> Result<SharedItem> {
    use crate::billing::{self, InvoiceKind, InvoiceStatus};
    let i = billing::get_invoice(vault, id).await?;
    let Some(issued_on) = i.issued_on.filter(|_| i.status != InvoiceStatus::Draft) else {
        return Err(Error::invalid("Invoice", "a draft has no number yet: issue it first, then share it"));
    };
    // Paid, credited and still owed as the mentor's own PDF and Billing screen give them: a
    // credit note is not money paid (decision 78).
    let settled = billing::settlement(vault, &i).await?;
    let lines = billing::invoice_lines(vault, &i.id)
        .await?
        .into_iter()
        .map(|l| InvoiceLine { description: l.description, amount: i.money(l.net_minor).to_string() })
        .collect();
    Ok(SharedItem::Invoice(Invoice {
        id: uuid(&i.id)?,
        number: i.label(),
        kind: match i.kind {
            InvoiceKind::Invoice => "invoice".into(),
            InvoiceKind::CreditNote => "credit_note".into(),
        },
        status: if i.status == InvoiceStatus::Void { "void".into() } else { "issued".into() },
        from: i.business_details().map(|b| b.name).unwrap_or_default(),
        bill_to: i.bill_to.clone(),
        payer: i.payer.clone(),
        issued_on,
        due_on: if i.kind == InvoiceKind::Invoice { i.due_on } else { None },
        lines,
        subtotal: i.money(i.subtotal_minor).to_string(),
        tax: i.money(i.tax_minor).to_string(),
        total: i.money(i.total_minor).to_string(),
        paid: settled.paid.to_string(),
        credited: Some(settled.credited.to_string()),
        credit_notes: settled.credit_notes,
        balance: settled.balance.to_string(),
    }))
}

fn uuid(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id).map_err(|_| Error::NotFound { what: "That record" })
}

#[cfg(test)]
mod tests {
    use super::five_point;

    #[test]
    fn mood_maps_onto_five_points_rounding_up() {
        let mapped: Vec<u8> = (1..=10).map(five_point).collect();
        assert_eq!(mapped, vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }
}

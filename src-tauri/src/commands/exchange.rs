//! Exchange commands: this vault's contact card, confirmed contacts, linking a client record to
//! a contact, sealing a share into a file and opening one.
//!
//! Files are read and written only at paths the user chose (typed, or picked in the native
//! dialog). A share file is encrypted and signed, so it may be written anywhere.

use crate::error::CommandResult;
use crate::share::{self, ShareRequest};
use crate::state::AppState;
use serde::Serialize;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use tauri::State;
use wellkept::exchange::filing::{self, Filed};
use wellkept::exchange::proposals;
use wellkept::exchange::received::{self, ReceivedFilter, ReceivedFromContact};
use wellkept::exchange::store::{self, BundleImport, Contact, ContactRole};
use wellkept::exchange::{BundleKind, ContactCard, MAX_BUNDLE_BYTES, SharedItem};
use wellkept::practice::clients;

/// This vault's contact card, as the Exchange screen shows it.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct MyCard {
    /// The name the user goes by.
    pub display_name: String,
    /// The card as text to copy into a message.
    pub text: String,
    /// The card as a QR code (SVG markup made by the core from the card alone).
    pub qr_svg: String,
    /// The fingerprint to compare aloud, in groups of four digits.
    pub fingerprint: String,
}

/// A contact, or a pasted card not yet confirmed (then `id` is empty).
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ContactView {
    /// The vault's id for the contact ("" for a card not yet saved).
    pub id: String,
    /// Their name.
    pub display_name: String,
    /// Their fingerprint.
    pub fingerprint: String,
    /// When the user confirmed it.
    pub confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Who they are to the user (`unknown` for a card not yet saved).
    pub role: ContactRole,
    /// When that role was chosen.
    pub role_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// One item of a share file, in the user's words.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ItemSummary {
    /// "journal entry", "safety plan", ...
    pub kind: String,
    /// A short title for it.
    pub title: String,
}

/// What a share file holds, shown before importing it.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct SharePreview {
    /// The contact it came from (the user's own name for them).
    pub contact_name: String,
    /// The name the sender gave.
    pub sender_name: String,
    /// Their fingerprint (the signature verified against it).
    pub fingerprint: String,
    /// "from_client" or "from_mentor".
    pub kind: BundleKind,
    /// When the sender made it.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Its items.
    pub items: Vec<ItemSummary>,
    /// Items the vault does not hold yet.
    pub new_items: usize,
    /// This exact file was imported before.
    pub already_imported: bool,
    /// The files that come with the shared entries: "2 attachments: allotment.jpg, plan.pdf",
    /// or `None` when there are none.
    pub attachments: Option<String>,
}

/// What importing a share file did.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ShareImported {
    /// Items added.
    pub added: usize,
    /// Items the vault already held.
    pub already_had: usize,
    /// Where items were filed, one sentence each.
    pub notes: Vec<String>,
}

/// An item a client shared, as the mentor sees it under their record.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ReceivedView {
    /// Its id (what its attachments belong to: owner kind `received_item`).
    pub id: String,
    /// When it was imported.
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// What it is and its title.
    #[serde(flatten)]
    pub summary: ItemSummary,
    /// Its main text (an entry's words, a check-in's note, a thought record's balanced thought).
    pub detail: String,
}

/// A share file written.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ShareSaved {
    /// Where.
    pub path: PathBuf,
    /// How many items it carries.
    pub items: usize,
}

fn my_card(card: &ContactCard) -> CommandResult<MyCard> {
    Ok(MyCard {
        display_name: card.display_name().to_owned(),
        text: card.to_text(),
        qr_svg: card.to_qr_svg().map_err(wellkept::Error::from)?,
        fingerprint: card.fingerprint().to_string(),
    })
}

fn contact_view(contact: &Contact) -> ContactView {
    ContactView {
        id: contact.id.clone(),
        display_name: contact.confirmed.card.display_name().to_owned(),
        fingerprint: contact.confirmed.card.fingerprint().to_string(),
        confirmed_at: Some(contact.confirmed.confirmed_at),
        role: contact.role,
        role_since: Some(contact.role_since),
    }
}

/// Makes this vault's exchange keys if it has none (keeps them if it has) under `display_name`.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_up_exchange(state: State<'_, AppState>, display_name: String) -> CommandResult<MyCard> {
    my_card(&store::set_up_exchange(&*state.open_vault().await?, &display_name).await?)
}

/// This vault's contact card, or nothing when sharing is not set up yet.
#[tauri::command(rename_all = "snake_case")]
pub async fn my_contact_card(state: State<'_, AppState>) -> CommandResult<Option<MyCard>> {
    match store::my_contact_card(&*state.open_vault().await?).await {
        Ok(card) => Ok(Some(my_card(&card)?)),
        Err(wellkept::Error::NotFound { .. }) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Reads a pasted card without saving it, so the user can compare its fingerprint first.
#[tauri::command(rename_all = "snake_case")]
pub fn read_contact_card(text: String) -> CommandResult<ContactView> {
    let card = ContactCard::from_text(&text).map_err(wellkept::Error::from)?;
    Ok(ContactView {
        id: String::new(),
        display_name: card.display_name().to_owned(),
        fingerprint: card.fingerprint().to_string(),
        confirmed_at: None,
        role: ContactRole::Unknown,
        role_since: None,
    })
}

/// Saves a pasted card as a contact. The window calls this only after the user ticked that
/// they compared the fingerprint with its owner.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_confirmed_contact(
    state: State<'_, AppState>,
    text: String,
    role: ContactRole,
) -> CommandResult<ContactView> {
    let card = ContactCard::from_text(&text).map_err(wellkept::Error::from)?;
    Ok(contact_view(&store::add_confirmed_contact(&*state.open_vault().await?, &card, role).await?))
}

/// Changes a contact's role (mentor or client) from now on; the change is dated.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_contact_role(
    state: State<'_, AppState>,
    contact_id: String,
    role: ContactRole,
) -> CommandResult<ContactView> {
    Ok(contact_view(&store::set_contact_role(&*state.open_vault().await?, &contact_id, role).await?))
}

/// Accepts a safety plan the user's mentor proposed as the user's new safety plan version.
#[tauri::command(rename_all = "snake_case")]
pub async fn accept_safety_plan_proposal(state: State<'_, AppState>, id: String) -> CommandResult<Filed> {
    Ok(proposals::accept_safety_plan_proposal(&*state.open_vault().await?, &id).await?)
}

/// Declines a safety plan the user's mentor proposed; returns the sentence to show.
#[tauri::command(rename_all = "snake_case")]
pub async fn decline_safety_plan_proposal(state: State<'_, AppState>, id: String) -> CommandResult<String> {
    Ok(proposals::decline_safety_plan_proposal(&*state.open_vault().await?, &id).await?)
}

/// The confirmed contacts, by name.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_contacts(state: State<'_, AppState>) -> CommandResult<Vec<ContactView>> {
    Ok(store::list_contacts(&*state.open_vault().await?).await?.iter().map(contact_view).collect())
}

/// Links a client record to a contact (or unlinks it with `None`), so what they share is filed
/// under their record.
#[tauri::command(rename_all = "snake_case")]
pub async fn link_client_contact(
    state: State<'_, AppState>,
    client_id: String,
    contact_id: Option<String>,
) -> CommandResult<()> {
    Ok(clients::set_client_contact(&*state.open_vault().await?, &client_id, contact_id.as_deref()).await?)
}

/// Seals the chosen records for a contact and writes the share file to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_share(
    state: State<'_, AppState>,
    contact_id: String,
    selection: ShareRequest,
    path: PathBuf,
) -> CommandResult<ShareSaved> {
    state.chosen.check(&path)?;
    let vault = state.open_vault().await?;
    let me = store::my_contact_card(&vault).await?;
    let content = share::build_bundle(&vault, me.display_name(), selection).await?;
    let bytes = store::seal_share_for(&vault, &contact_id, &content).await?;
    // The same careful write as exports (temporary file beside it, then rename), and never
    // into the vault folder, where only the vault's own files belong.
    let target = wellkept::export::destination::check(vault.path(), &path).map_err(|error| match error {
        wellkept::Error::Invalid { reason, .. } => wellkept::Error::Invalid { field: "Share file".to_owned(), reason },
        other => other,
    })?;
    wellkept::export::destination::write(&target, &bytes)?;
    store::log_share_sent(&vault, &contact_id, &content).await?;
    Ok(ShareSaved { path, items: content.items.len() })
}

/// Verifies and decrypts the share file at `path` and says what importing it would add.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_share_file(state: State<'_, AppState>, path: PathBuf) -> CommandResult<SharePreview> {
    state.chosen.check(&path)?;
    let bytes = read_share_file(&path)?;
    let vault = state.open_vault().await?;
    let preview = store::preview_bundle(&vault, &bytes).await?;
    let contacts = store::list_contacts(&vault).await?;
    let contact_name = contacts
        .iter()
        .find(|c| c.id == preview.contact_id)
        .map_or_else(String::new, |c| c.confirmed.card.display_name().to_owned());
    let bundle = preview.bundle;
    Ok(SharePreview {
        contact_name,
        sender_name: bundle.content.sender_name.clone(),
        fingerprint: bundle.sender.card.fingerprint().to_string(),
        kind: bundle.content.kind,
        created_at: bundle.content.created_at,
        items: bundle.content.items.iter().map(summary).collect(),
        new_items: preview.new_items,
        already_imported: preview.already_imported,
        attachments: bundle.content.attachments_line(),
    })
}

/// Imports the share file at `path` (verified again: the file may have changed since preview).
#[tauri::command(rename_all = "snake_case")]
pub async fn import_share_file(state: State<'_, AppState>, path: PathBuf) -> CommandResult<ShareImported> {
    state.chosen.check(&path)?;
    let bytes = read_share_file(&path)?;
    let BundleImport { added, already_had, notes, .. } =
        store::import_bundle(&*state.open_vault().await?, &bytes).await?;
    Ok(ShareImported { added, already_had, notes })
}

/// What the client with this record has shared (through the contact linked to the record).
#[tauri::command(rename_all = "snake_case")]
pub async fn received_from_client(state: State<'_, AppState>, client_id: String) -> CommandResult<Vec<ReceivedView>> {
    let received = store::received_from_client(&*state.open_vault().await?, &client_id).await?;
    Ok(received
        .iter()
        .map(|r| ReceivedView {
            id: r.id.clone(),
            received_at: r.received_at,
            summary: summary(&r.item),
            detail: detail(&r.item),
        })
        .collect())
}

/// Everything received from confirmed contacts (a client's "From my mentor" screen), newest
/// first, optionally from one contact or of one kind.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_received_items(
    state: State<'_, AppState>,
    filter: ReceivedFilter,
) -> CommandResult<Vec<ReceivedFromContact>> {
    Ok(received::received_items(&*state.open_vault().await?, filter).await?)
}

/// Files a received measure, action plan or homework into the vault's records (a goal with its
/// steps, or a measure of the linked client) in one write; filing it again adds nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn file_received_item(state: State<'_, AppState>, id: String) -> CommandResult<Filed> {
    Ok(filing::file_received_item(&*state.open_vault().await?, &id).await?)
}

/// Reads at most one byte more than a bundle may be, so a huge file is refused as too large by
/// the bundle reader without being read whole.
fn read_share_file(path: &Path) -> CommandResult<Vec<u8>> {
    let file = std::fs::File::open(path)
        .map_err(|e| wellkept::Error::Storage { action: "Opening the share file", source: e })?;
    let mut bytes = Vec::new();
    file.take(MAX_BUNDLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| wellkept::Error::Storage { action: "Reading the share file", source: e })?;
    Ok(bytes)
}

fn summary(item: &SharedItem) -> ItemSummary {
    let title = match item {
        SharedItem::JournalEntry(e) => e.title.clone().unwrap_or_else(|| first_words(&e.text)),
        // The day where the mentor is (TZ), not the UTC day: a check-in at 00:30 BST is the 2nd.
        SharedItem::MoodCheckIn(m) => {
            format!("Mood {} of 5 on {}", m.score, m.recorded_at.with_timezone(&chrono::Local).date_naive())
        }
        SharedItem::ThoughtRecord(t) => first_words(&t.situation),
        SharedItem::MeasureScore(s) => measure_summary(s),
        SharedItem::ActionPlan(p) => p.title.clone(),
        SharedItem::Homework(h) => h.title.clone(),
        SharedItem::Resource(r) => r.title.clone(),
        SharedItem::SafetyPlan(_) => "Safety plan".to_owned(),
        SharedItem::Invoice(i) => format!("{} from {}, {}", i.number, i.from, i.issued_on.format("%-d %b %Y")),
    };
    ItemSummary { kind: item.kind_label().to_owned(), title }
}

/// An item's main text, for reading it where it was received.
fn detail(item: &SharedItem) -> String {
    match item {
        SharedItem::JournalEntry(e) => e.text.clone(),
        SharedItem::MoodCheckIn(m) => m.note.clone().unwrap_or_default(),
        SharedItem::ThoughtRecord(t) => t.balanced_thought.clone(),
        SharedItem::MeasureScore(s) => s.band.clone().unwrap_or_default(),
        SharedItem::ActionPlan(p) => p.steps.iter().map(|s| s.description.as_str()).collect::<Vec<_>>().join("; "),
        SharedItem::Homework(h) => h.instructions.clone(),
        SharedItem::Resource(r) => r.description.clone(),
        SharedItem::SafetyPlan(_) => String::new(),
        SharedItem::Invoice(i) => {
            let state = if i.status == "void" { " · void".to_owned() } else { String::new() };
            format!("{} as issued{state}", i.amounts_line())
        }
    }
}

/// A shared score with its item answers: a total alone hides what the mentor most needs to see
/// (item 9 of a PHQ-9).
fn measure_summary(s: &wellkept::exchange::items::MeasureScore) -> String {
    if s.item_answers.is_empty() {
        return format!("{} total {}", s.instrument, s.total);
    }
    let answers: Vec<String> = s.item_answers.iter().map(u8::to_string).collect();
    format!("{} total {} (item answers {})", s.instrument, s.total, answers.join(", "))
}

/// The first few words of a text, for a title.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    let mut out = words.join(" ");
    if text.split_whitespace().count() > 8 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 8): a shared PHQ-9 read "PHQ-9 total N", its items lost.
    #[test]
    fn a_shared_score_is_summarised_with_its_item_answers() {
        let score = wellkept::exchange::items::MeasureScore {
            id: uuid::Uuid::nil(),
            instrument: "PHQ-9".into(),
            taken_at: chrono::DateTime::UNIX_EPOCH,
            item_answers: vec![2, 1, 3, 1, 2, 2, 1, 1, 1],
            total: 14,
            band: Some("Moderate".into()),
        };
        assert_eq!(
            summary(&SharedItem::MeasureScore(score)).title,
            "PHQ-9 total 14 (item answers 2, 1, 3, 1, 2, 2, 1, 1, 1)"
        );
    }

    /// Decision 78: a shared invoice's credit note is "credited", not "paid" (format 3); one
    /// received in format 2 reads as it did.
    #[test]
    fn a_shared_invoice_reads_paid_and_credited_apart() {
        let invoice = wellkept::exchange::items::Invoice {
            id: uuid::Uuid::nil(),
            number: "INV-0004".into(),
            kind: "invoice".into(),
            status: "issued".into(),
            from: "Sam Rivera Mentoring".into(),
            bill_to: "Jo Okafor".into(),
            payer: None,
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("day"),
            due_on: None,
            lines: vec![],
            subtotal: "£96.00".into(),
            tax: "£0.00".into(),
            total: "£96.00".into(),
            paid: "£50.00".into(),
            credited: Some("£8.00".into()),
            credit_notes: vec!["CN-0005".into()],
            balance: "£38.00".into(),
        };
        assert_eq!(
            detail(&SharedItem::Invoice(invoice.clone())),
            "Total £96.00 · paid £50.00 · credited £8.00 (CN-0005) · balance £38.00 as issued"
        );
        let earlier = wellkept::exchange::items::Invoice {
            paid: "£58.00".into(),
            credited: None,
            credit_notes: vec![],
            status: "void".into(),
            ..invoice
        };
        assert_eq!(
            detail(&SharedItem::Invoice(earlier)),
            "Total £96.00 · paid £58.00 · balance £38.00 as issued · void"
        );
    }

    #[test]
    fn first_words_shortens_long_text_only() {
        assert_eq!(first_words("Walked to the park"), "Walked to the park");
        assert_eq!(
            first_words("one two three four five six seven eight nine"),
            "one two three four five six seven eight…"
        );
    }

    #[test]
    fn a_missing_share_file_is_a_storage_error_not_a_panic() {
        let error = read_share_file(Path::new("/nonexistent/wellkept/share.wkshare")).expect_err("missing");
        assert!(!error.message.is_empty());
    }
}

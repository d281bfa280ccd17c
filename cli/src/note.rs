//! `wellkept note …`: a client's session notes from the terminal: write one (a record note, or
//! with `--private` a private note kept apart from the record; free text or a template), edit a
//! draft, finalise it, show one whole, list them (private ones marked). Thin calls into
//! `wellkept::practice::notes`.

use std::io::Read;

use chrono::NaiveDate;
use wellkept::practice::appointments::SessionMode;
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, NoteFilter, SessionNote};
use wellkept::practice::templates::{NoteSection, NoteTemplate};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Session note commands.
#[derive(clap::Subcommand)]
pub enum NoteAction {
    /// Write a note (a draft) for a session with a client: free text, or a SOAP, DAP, BIRP or
    /// GIRP note whose first section --text writes (the others with `note edit --section`).
    Add {
        /// The client: id (from `wellkept client list`), full name or preferred name.
        #[arg(long)]
        client: String,
        /// The day of the session, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Length in minutes.
        #[arg(long, default_value_t = 50)]
        minutes: u32,
        /// The note's text (with --template, its first section's); `-` reads it from standard
        /// input.
        #[arg(long)]
        text: String,
        /// The note's template: free, soap, dap, birp or girp.
        #[arg(long, default_value = "free")]
        template: String,
        /// A private note (your process notes): kept apart from the record, never exported or
        /// shared unless chosen one by one. Chosen now, for good.
        #[arg(long)]
        private: bool,
        /// Finalise (sign) it at once: read-only from then on.
        #[arg(long)]
        finalise: bool,
    },
    /// Change a draft note's text: one section (the first of its template unless --section
    /// says which). If the note was changed on another computer at the same time, both texts
    /// are kept (`wellkept sync conflicts`).
    Edit {
        /// The note's id (from `wellkept note list`).
        id: String,
        /// The section's key (`note` for a free note; `subjective`, `plan`, … for SOAP).
        #[arg(long)]
        section: Option<String>,
        /// The section's new text; `-` reads it from standard input.
        #[arg(long)]
        text: String,
    },
    /// Finalise (sign) a draft note: read-only from then on; later changes are addenda.
    Finalise {
        /// The note's id.
        id: String,
    },
    /// Add a dated addendum to a finalised note (its signed text never changes).
    Addendum {
        /// The note's id (from `wellkept note list`).
        id: String,
        /// What to add; `-` reads it from standard input.
        #[arg(long)]
        text: String,
    },
    /// One note whole: its sections under their titles, whether it is finalised, its addenda.
    Show {
        /// The note's id (from `wellkept note list`).
        id: String,
    },
    /// List a client's notes, newest session first; private notes are marked.
    List {
        /// The client: id, full name or preferred name.
        #[arg(long)]
        client: String,
        /// Only private notes.
        #[arg(long, conflicts_with = "record")]
        private: bool,
        /// Only record notes.
        #[arg(long)]
        record: bool,
    },
}

fn read_stdin() -> Result<String> {
    let mut read = String::new();
    std::io::stdin()
        .read_to_string(&mut read)
        .map_err(|e| Error::invalid("text", format!("could not read standard input: {e}")))?;
    Ok(read)
}

/// "PRIVATE (not part of the record)" or "record", as listed.
fn kind(n: &SessionNote) -> &'static str {
    if n.private { "PRIVATE (not part of the record)" } else { "record" }
}

pub async fn run(vault: &Vault, action: NoteAction) -> Result<()> {
    match action {
        NoteAction::Add { client, date, minutes, text, template, private, finalise } => {
            let template = NoteTemplate::ALL
                .into_iter()
                .find(|t| t.as_str().eq_ignore_ascii_case(template.trim()))
                .ok_or_else(|| Error::invalid("--template", "use free, soap, dap, birp or girp"))?;
            let first = template.sections()[0].key;
            let session_date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .map_err(|_| Error::invalid("date", format!("“{date}” is not a date; use YYYY-MM-DD")))?;
            let text = if text == "-" { read_stdin()? } else { text };
            let new = NewSessionNote {
                client_id: crate::flag::find_client(vault, &client).await?.id,
                draft: NoteDraft {
                    session_date,
                    duration_minutes: minutes,
                    mode: SessionMode::InPerson,
                    template,
                    sections: vec![NoteSection { key: first.into(), text }],
                    goal_ids: vec![],
                },
            };
            let mut note =
                if private { notes::add_private_note(vault, new).await? } else { notes::add_note(vault, new).await? };
            if finalise {
                note = notes::finalise_note(vault, &note.id).await?;
            }
            let state = if note.finalised_at.is_some() { "finalised" } else { "draft" };
            if note.private {
                println!("Added private note {} ({state}): not part of the record.", note.id);
            } else {
                println!("Added note {} ({state}).", note.id);
            }
            if template != NoteTemplate::Free && note.finalised_at.is_none() {
                let sections = template.sections();
                let rest: Vec<&str> = sections[1..].iter().map(|s| s.title).collect();
                let (last, others) = rest.split_last().expect("a template has two sections or more");
                let rest =
                    if others.is_empty() { last.to_string() } else { format!("{} and {last}", others.join(", ")) };
                println!(
                    "{} note: {} written; {rest} still empty (`wellkept note edit {} --section {} --text …`).",
                    template.title(),
                    sections[0].title,
                    note.id,
                    sections[1].key
                );
            }
        }
        NoteAction::Edit { id, section, text } => {
            let text = if text == "-" { read_stdin()? } else { text };
            let note = notes::get_note(vault, &id).await?;
            let key = section.or_else(|| note.sections.first().map(|s| s.key.clone())).unwrap_or_else(|| "note".into());
            let mut sections = note.sections.clone();
            match sections.iter_mut().find(|s| s.key == key) {
                Some(s) => s.text = text,
                None => sections.push(NoteSection { key, text }),
            }
            let draft = NoteDraft {
                session_date: note.session_date,
                duration_minutes: note.duration_minutes,
                mode: note.mode,
                template: note.template,
                sections,
                goal_ids: note.goal_ids,
            };
            let saved = notes::save_note(vault, &id, draft).await?;
            println!("Saved note {} (draft).", saved.id);
        }
        NoteAction::Finalise { id } => {
            let note = notes::finalise_note(vault, &id).await?;
            println!("Finalised note {}.", note.id);
        }
        NoteAction::Addendum { id, text } => {
            let text = if text == "-" { read_stdin()? } else { text };
            let added = notes::add_addendum(vault, &id, &text).await?;
            let at = added.added_at.with_timezone(&chrono::Local).format("%-d %b %Y at %H:%M");
            println!("Added an addendum to note {id}, dated {at}.");
        }
        NoteAction::Show { id } => {
            let n = notes::get_note(vault, &id).await?;
            let client = crate::flag::find_client(vault, &n.client_id).await?;
            let state = match n.finalised_at {
                Some(at) => format!("finalised {}", at.with_timezone(&chrono::Local).format("%-d %b %Y at %H:%M")),
                None => "draft".to_owned(),
            };
            println!(
                "{}, session of {}, {} min, {}: {state}{}",
                client.name,
                n.session_date.format("%-d %b %Y"),
                n.duration_minutes,
                n.template.title(),
                if n.private { "  PRIVATE (not part of the record)" } else { "" }
            );
            for s in &n.sections {
                let title = n.template.sections().iter().find(|d| d.key == s.key).map_or(s.key.as_str(), |d| d.title);
                println!();
                if n.template != NoteTemplate::Free {
                    println!("{title}");
                }
                if s.text.trim().is_empty() {
                    println!("  (not written)");
                }
                for line in s.text.trim_end().lines() {
                    println!("  {line}");
                }
            }
            for a in &n.addenda {
                println!();
                println!("Addendum, {}", a.added_at.with_timezone(&chrono::Local).format("%-d %b %Y at %H:%M"));
                for line in a.text.trim_end().lines() {
                    println!("  {line}");
                }
            }
        }
        NoteAction::List { client, private, record } => {
            let private = match (private, record) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            let c = crate::flag::find_client(vault, &client).await?;
            let found =
                notes::list_notes(vault, NoteFilter { client_id: Some(c.id), private, ..NoteFilter::default() })
                    .await?;
            if found.is_empty() {
                println!("No notes.");
            }
            for n in found {
                let state = if n.finalised_at.is_some() { "finalised" } else { "draft" };
                println!("{}  {}  {state}  {} min  {}", n.session_date, n.id, n.duration_minutes, kind(&n));
            }
        }
    }
    Ok(())
}

//! `wellkept supervision …`: the mentor's own supervision notes from the terminal: record one,
//! list them, edit one. Thin calls into `wellkept::clinical::supervision`. An edit made here
//! while another computer rewrote the same note keeps both versions
//! (`wellkept sync conflicts`; docs/decisions.md 69).

use chrono::NaiveDate;
use wellkept::Result;
use wellkept::clinical::supervision::{self, SupervisionInput, SupervisionNote};
use wellkept::vault::Vault;

/// Supervision note commands.
#[derive(clap::Subcommand)]
pub enum SupervisionAction {
    /// Record a supervision session.
    Add {
        /// The day of the session, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The supervisor.
        #[arg(long)]
        supervisor: String,
        /// What was discussed.
        #[arg(long, default_value = "")]
        notes: String,
        /// Actions agreed.
        #[arg(long, default_value = "")]
        actions: String,
    },
    /// Every supervision note, newest first.
    List,
    /// Change a supervision note: only what is given changes.
    Edit {
        /// The note's id (from `wellkept supervision list`).
        id: String,
        /// The day of the session, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// The supervisor.
        #[arg(long)]
        supervisor: Option<String>,
        /// What was discussed.
        #[arg(long)]
        notes: Option<String>,
        /// Actions agreed.
        #[arg(long)]
        actions: Option<String>,
    },
}

/// A day given as `--date`, as every command reads one.
fn day(text: &str) -> Result<NaiveDate> {
    wellkept::practice::parse_day("--date", text)
}

fn print(n: &SupervisionNote) {
    println!("{}  {}  with {}", n.id, n.held_on, n.supervisor);
    for line in n.text().lines() {
        println!("    {line}");
    }
}

pub async fn run(vault: &Vault, action: SupervisionAction) -> Result<()> {
    match action {
        SupervisionAction::Add { date, supervisor, notes, actions } => {
            let input = SupervisionInput { held_on: day(&date)?, supervisor, notes, actions };
            let note = supervision::add_supervision_note(vault, input).await?;
            println!("Added supervision note {}.", note.id);
        }
        SupervisionAction::List => {
            let list = supervision::list_supervision_notes(vault).await?;
            if list.is_empty() {
                println!("No supervision notes yet.");
            }
            for n in &list {
                print(n);
            }
        }
        SupervisionAction::Edit { id, date, supervisor, notes, actions } => {
            let note = supervision::get_supervision_note(vault, &id).await?;
            let input = SupervisionInput {
                held_on: date.as_deref().map(day).transpose()?.unwrap_or(note.held_on),
                supervisor: supervisor.unwrap_or(note.supervisor),
                notes: notes.unwrap_or(note.notes),
                actions: actions.unwrap_or(note.actions),
            };
            // Made from the version just read: if another computer's save arrives later with
            // the same note rewritten, the merge keeps whichever it did not show.
            let saved = supervision::update_supervision_note(vault, &id, input, None).await?;
            println!("Saved supervision note {}.", saved.id);
        }
    }
    Ok(())
}

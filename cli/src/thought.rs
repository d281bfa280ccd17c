//! `wellkept thought …`: CBT thought records from the terminal: write one, list them, work one
//! through later. Thin calls into `wellkept::journal::thought_records`. An edit made here while
//! another computer changed the same record keeps both versions (`wellkept sync conflicts`;
//! docs/decisions.md 70).

use chrono::NaiveDate;
use wellkept::journal::MAX_PAGE;
use wellkept::journal::thought_records::{self, AutomaticThought, NewThoughtRecord, RatedMood, ThoughtRecordFilter};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Thought record commands.
#[derive(clap::Subcommand)]
pub enum ThoughtAction {
    /// Write a thought record; the evidence and the balanced thought may come later (`edit`).
    Add {
        /// The day of the situation, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// What happened.
        #[arg(long)]
        situation: String,
        /// A mood and how strong it was, 0–100: `--mood hurt=70` (repeatable).
        #[arg(long = "mood")]
        moods: Vec<String>,
        /// An automatic thought (repeatable); the first is the hot thought.
        #[arg(long = "thought")]
        thoughts: Vec<String>,
        /// Evidence that supports the hot thought.
        #[arg(long, default_value = "")]
        evidence_for: String,
        /// Evidence that does not support it.
        #[arg(long, default_value = "")]
        evidence_against: String,
        /// A balanced thought.
        #[arg(long, default_value = "")]
        balanced: String,
        /// How much you believe the balanced thought, 0–100 (there must be one: --balanced).
        #[arg(long)]
        belief: Option<i64>,
    },
    /// Thought records, newest first: id, day, situation.
    List,
    /// Change a thought record: only what is given changes.
    Edit {
        /// The record's id (from `wellkept thought list`).
        id: String,
        /// The day of the situation, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// What happened.
        #[arg(long)]
        situation: Option<String>,
        /// Evidence that supports the hot thought.
        #[arg(long)]
        evidence_for: Option<String>,
        /// Evidence that does not support it.
        #[arg(long)]
        evidence_against: Option<String>,
        /// A balanced thought.
        #[arg(long)]
        balanced: Option<String>,
        /// How much you believe the balanced thought, 0–100 (there must be one: --balanced).
        #[arg(long)]
        belief: Option<i64>,
    },
}

/// A day given as `--date`, as every command reads one.
fn day(text: &str) -> Result<NaiveDate> {
    wellkept::practice::parse_day("--date", text)
}

/// `hurt=70` → the mood "hurt" at 70.
fn mood(text: &str) -> Result<RatedMood> {
    let refused = || Error::invalid("--mood", format!("“{text}” is not a mood and a strength; write it as hurt=70"));
    let (name, intensity) = text.rsplit_once('=').ok_or_else(refused)?;
    let intensity = intensity.trim().parse().map_err(|_| refused())?;
    if name.trim().is_empty() {
        // The core's "moods: is required" did not say which mood or what to write.
        return Err(Error::invalid("--mood", format!("“{text}” names no mood; write it as hurt=70")));
    }
    Ok(RatedMood { name: name.trim().to_owned(), intensity, rerated: None })
}

/// Refuses a mood given twice (`--mood sad=50 --mood sad=60`, ignoring case): the record used to
/// keep both, two rows for one mood.
fn distinct(moods: Vec<RatedMood>) -> Result<Vec<RatedMood>> {
    for (i, m) in moods.iter().enumerate() {
        if moods[..i].iter().any(|earlier| earlier.name.to_lowercase() == m.name.to_lowercase()) {
            return Err(Error::invalid("--mood", format!("“{}” is given twice; give each mood once", m.name)));
        }
    }
    Ok(moods)
}

/// `--belief` with no balanced thought to believe: it used to be saved, and shown nowhere.
fn no_balanced_thought() -> Error {
    Error::invalid("--belief", "there is no balanced thought to believe yet; write it with --balanced")
}

pub async fn run(vault: &Vault, action: ThoughtAction) -> Result<()> {
    match action {
        ThoughtAction::Add { date, situation, moods, thoughts, evidence_for, evidence_against, balanced, belief } => {
            if thoughts.iter().any(|t| t.trim().is_empty()) {
                // The core's "automatic thoughts: is required" read as if none had been given.
                return Err(Error::invalid(
                    "--thought",
                    "an automatic thought cannot be blank: write the thought, or leave that --thought out",
                ));
            }
            if belief.is_some() && balanced.trim().is_empty() {
                return Err(no_balanced_thought());
            }
            let record = NewThoughtRecord {
                record_date: Some(day(&date)?),
                situation,
                moods: distinct(moods.iter().map(|m| mood(m)).collect::<Result<_>>()?)?,
                automatic_thoughts: thoughts
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| AutomaticThought { text, belief: None, hot: i == 0 })
                    .collect(),
                evidence_for,
                evidence_against,
                balanced_thought: balanced,
                balanced_belief: belief,
            };
            let saved = thought_records::add_thought_record(vault, record).await?;
            println!("Added thought record {}.", saved.id);
        }
        ThoughtAction::List => {
            let mut offset = 0;
            loop {
                let filter = ThoughtRecordFilter { limit: MAX_PAGE, offset, ..ThoughtRecordFilter::default() };
                let page = thought_records::list_thought_records(vault, filter).await?;
                if offset == 0 && page.items.is_empty() {
                    println!("No thought records yet.");
                }
                for r in &page.items {
                    // The first line with words: a situation that starts with an empty line
                    // used to show as nothing at all.
                    let first = r.situation.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
                    println!("{}  {}  {first}", r.id, r.record_date);
                }
                if !page.has_more {
                    break;
                }
                offset += MAX_PAGE;
            }
        }
        ThoughtAction::Edit { id, date, situation, evidence_for, evidence_against, balanced, belief } => {
            // Nothing given is refused, not "saved" (it used to print "Saved thought record …"
            // having changed nothing).
            let given = [&date, &situation, &evidence_for, &evidence_against, &balanced];
            if given.iter().all(|g| g.is_none()) && belief.is_none() {
                return Err(Error::invalid(
                    "Thought record",
                    "nothing to change: give --date, --situation, --evidence-for, --evidence-against, --balanced or --belief",
                ));
            }
            let r = thought_records::get_thought_record(vault, &id).await?;
            let record = NewThoughtRecord {
                record_date: Some(date.as_deref().map(day).transpose()?.unwrap_or(r.record_date)),
                situation: situation.unwrap_or(r.situation),
                moods: r.moods,
                automatic_thoughts: r.automatic_thoughts,
                evidence_for: evidence_for.unwrap_or(r.evidence_for),
                evidence_against: evidence_against.unwrap_or(r.evidence_against),
                balanced_thought: balanced.unwrap_or(r.balanced_thought),
                balanced_belief: belief.or(r.balanced_belief),
            };
            if belief.is_some() && record.balanced_thought.trim().is_empty() {
                return Err(no_balanced_thought());
            }
            // Made from the version just read: if another computer's save arrives later with
            // the same record changed, the merge keeps whichever it did not show.
            let saved = thought_records::update_thought_record(vault, &id, record, None).await?;
            println!("Saved thought record {}.", saved.id);
        }
    }
    Ok(())
}

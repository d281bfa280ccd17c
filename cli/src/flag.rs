//! `wellkept flag …`: risk flags from the terminal — raise one by hand, change an open one's
//! level, resolve one with what was done, list the open ones (or a client's whole history). Thin calls into
//! `wellkept::clinical::risk`.

use chrono::NaiveDate;
use wellkept::clinical::risk::{self, NewRiskFlag, RiskFlag, RiskLevel, RiskSource};
use wellkept::practice::clients::{self, Client, ClientFilter};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Risk-flag commands.
#[derive(clap::Subcommand)]
pub enum FlagAction {
    /// Raise a flag by hand (your own judgement, dated today unless --on is given).
    Raise {
        /// The client's id or name (full or preferred, ignoring case); leave out for yourself.
        #[arg(long)]
        client: Option<String>,
        /// How serious: low, medium or high.
        #[arg(long)]
        level: String,
        /// What the concern is.
        #[arg(long)]
        reason: String,
        /// The day it was raised (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Something the client said or wrote, rather than your own judgement.
        #[arg(long)]
        disclosure: bool,
    },
    /// Resolve a flag with what was done; it stays in the client's history.
    Resolve {
        /// The flag's id (from `flag list`).
        id: String,
        /// What was done.
        #[arg(long)]
        note: String,
        /// The day it was resolved (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<NaiveDate>,
    },
    /// Change an open flag's level, as a concern grows or eases (resolved flags stay as they were).
    Level {
        /// The flag's id (from `flag list`).
        id: String,
        /// The new level: low, medium or high.
        level: String,
    },
    /// Open flags, highest level first then oldest (as the dashboard shows them); with
    /// --client, that client's flags, newest first.
    List {
        /// The client's id or name.
        #[arg(long)]
        client: Option<String>,
        /// Resolved flags too (with what was done and when).
        #[arg(long)]
        all: bool,
    },
}

pub async fn run(vault: &Vault, action: FlagAction) -> Result<()> {
    let today = wellkept::clock::today_local();
    match action {
        FlagAction::Raise { client, level, reason, on, disclosure } => {
            let client_id = match client.as_deref() {
                Some(c) => Some(find_client(vault, c).await?.id),
                None => None,
            };
            let source = if disclosure { RiskSource::ClientDisclosure } else { RiskSource::Mentor };
            let new = NewRiskFlag {
                client_id,
                source,
                level: parse_level(&level)?,
                description: reason,
                raised_on: on.unwrap_or(today),
            };
            let flag = risk::raise_risk_flag(vault, new).await?;
            println!("raised {}", flag.id);
            Ok(())
        }
        FlagAction::Resolve { id, note, on } => {
            let flag = risk::resolve_risk_flag(vault, &id, on.unwrap_or(today), &note).await?;
            let on = flag.resolved_on.map(|d| d.to_string()).unwrap_or_default();
            println!("{} is resolved on {on}; it stays in the history.", whose(vault, &flag).await?);
            Ok(())
        }
        FlagAction::Level { id, level } => {
            let was = risk::get_risk_flag(vault, &id).await?.level;
            let flag = risk::update_risk_level(vault, &id, parse_level(&level)?).await?;
            let now = flag.level.key();
            let change =
                if was == flag.level { format!("{now} already") } else { format!("now {now} (was {})", was.key()) };
            println!("{} is {change}.", whose(vault, &flag).await?);
            Ok(())
        }
        FlagAction::List { client, all } => {
            let names = client_names(vault).await?;
            let flags = match client.as_deref() {
                Some(c) => {
                    let c = find_client(vault, c).await?;
                    risk::list_risk_flags(vault, Some(&c.id), all).await?
                }
                None if all => {
                    return Err(Error::invalid("--all", "give --client too: the history is kept per client"));
                }
                None => risk::list_open_risk_flags(vault).await?,
            };
            for f in &flags {
                print_flag(f, &names, today);
            }
            if flags.is_empty() {
                println!("No {}risk flags.", if all { "" } else { "open " });
            }
            Ok(())
        }
    }
}

/// One line per flag: id, level, who, raised (with age while open), what; then how it ended.
fn print_flag(f: &RiskFlag, names: &[(String, String)], today: NaiveDate) {
    let who = match &f.client_id {
        Some(id) => name_of(names, id).unwrap_or("a client"),
        None => "Myself",
    };
    let level = f.level.key();
    match (f.resolved_on, &f.resolution_note) {
        (None, _) => {
            let days = (today - f.raised_on).num_days();
            let plural = if days == 1 { "" } else { "s" };
            let mark = if days > 7 { ", over a week" } else { "" };
            println!(
                "{}  {level:<6}  {who}  raised {} (open {days} day{plural}{mark})  {}",
                f.id, f.raised_on, f.description
            );
        }
        (Some(on), note) => {
            println!("{}  {level:<6}  {who}  raised {}  {}", f.id, f.raised_on, f.description);
            println!("    resolved {on}: {}", note.as_deref().unwrap_or(""));
        }
    }
}

/// A flag named for a person: "Sam Patel's flag raised 2026-03-24", "Your flag raised …" for
/// one of your own.
async fn whose(vault: &Vault, f: &RiskFlag) -> Result<String> {
    let who = match &f.client_id {
        Some(id) => format!("{}'s", name_of(&client_names(vault).await?, id).unwrap_or("A client")),
        None => "Your".to_owned(),
    };
    Ok(format!("{who} flag raised {}", f.raised_on))
}

/// The name of client `id` in a [`client_names`] list.
pub(crate) fn name_of<'a>(names: &'a [(String, String)], id: &str) -> Option<&'a str> {
    names.iter().find(|(i, _)| i == id).map(|(_, n)| n.as_str())
}

/// Every client (the trash too: a flag stays in view for a client in the trash), id and name.
pub(crate) async fn client_names(vault: &Vault) -> Result<Vec<(String, String)>> {
    let mut all = clients::list_clients(vault, ClientFilter::default()).await?;
    all.extend(clients::list_clients(vault, ClientFilter { deleted: true, ..ClientFilter::default() }).await?);
    Ok(all.into_iter().map(|c| (c.id, c.name)).collect())
}

/// A client by id, or by full or preferred name (ignoring case); a name two clients share is
/// refused with their ids. For `--client`; [`find_client_as`] names another argument.
pub(crate) async fn find_client(vault: &Vault, wanted: &str) -> Result<Client> {
    find_client_as(vault, wanted, "--client").await
}

/// [`find_client`], its refusals naming `field` (the argument the person typed the name in).
/// Names match ignoring case and runs of spaces ("Sam   Lee" is "sam lee").
pub(crate) async fn find_client_as(vault: &Vault, wanted: &str, field: &str) -> Result<Client> {
    let all = clients::list_clients(vault, ClientFilter::default()).await?;
    if let Some(c) = all.iter().find(|c| c.id == wanted) {
        return Ok(c.clone());
    }
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let wanted_folded = fold(wanted);
    let matches: Vec<&Client> = all
        .iter()
        .filter(|c| {
            fold(&c.name) == wanted_folded || c.preferred_name.as_deref().is_some_and(|p| fold(p) == wanted_folded)
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] if uuid::Uuid::parse_str(wanted.trim()).is_ok() => {
            // An id, not a name: an erased client's id is named as such (it read "no client is
            // called “01a2…”").
            let erased = wellkept::practice::erasure::list_erasures(vault).await?;
            Err(Error::invalid(
                field,
                match erased.iter().find(|e| e.client_id == wanted.trim()) {
                    Some(e) => format!(
                        "that client was erased on {}; their record is gone (`wellkept client erasures`)",
                        wellkept::practice::erasure::day_text(e.erased_at.with_timezone(&chrono::Local).date_naive())
                    ),
                    None => format!("no client has the id “{wanted}”; see `wellkept client list --status all`"),
                },
            ))
        }
        [] => {
            // A first name alone, or a slip in one word: the clients who share a word of it.
            let words: Vec<&str> = wanted_folded.split(' ').filter(|w| !w.is_empty()).collect();
            let shares = |name: &str| fold(name).split(' ').any(|w| words.contains(&w));
            let near: Vec<&str> = all
                .iter()
                .filter(|c| shares(&c.name) || c.preferred_name.as_deref().is_some_and(shares))
                .map(|c| c.name.as_str())
                .collect();
            let hint = match near.as_slice() {
                [] => "see `wellkept client list`".to_owned(),
                [one] => format!("did you mean {one}?"),
                [first @ .., last] if near.len() <= 4 => format!("did you mean {} or {last}?", first.join(", ")),
                _ => format!("{} clients share a word of it: see `wellkept client list`", near.len()),
            };
            Err(Error::invalid(field, format!("no client is called “{wanted}”; {hint}")))
        }
        many => Err(Error::invalid(
            field,
            format!(
                "more than one client is called “{wanted}”: give the id ({})",
                many.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

fn parse_level(s: &str) -> Result<RiskLevel> {
    match s.to_ascii_lowercase().as_str() {
        "low" => Ok(RiskLevel::Low),
        "medium" => Ok(RiskLevel::Medium),
        "high" => Ok(RiskLevel::High),
        _ => Err(Error::invalid("--level", "use low, medium or high")),
    }
}

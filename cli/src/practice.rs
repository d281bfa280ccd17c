//! `wellkept client …`, `wellkept today`, `wellkept schedule …`: a mentor's practice from the
//! terminal. Thin calls into `wellkept::practice` and `wellkept::clinical`.

use std::path::PathBuf;

use chrono::Local;
use wellkept::practice::clients::{self, ClientFilter, ClientStatus, NewClient};
use wellkept::practice::erasure::{self, EraseRequest, ErasureReason};
use wellkept::practice::{dashboard, ics, retention};
use wellkept::vault::Vault;
use wellkept::{Error, Result, clinical};

/// Client commands.
#[derive(clap::Subcommand)]
pub enum ClientAction {
    /// List clients (active and paused by default).
    List {
        /// Only clients with this status: active, paused or closed; or all.
        #[arg(long)]
        status: Option<String>,
        /// Only clients with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Only clients whose name or notes match these words.
        #[arg(long)]
        text: Option<String>,
    },
    /// Add a client.
    Add {
        /// Full name.
        name: Vec<String>,
        /// The name they like to be called.
        #[arg(long)]
        preferred_name: Option<String>,
        /// Pronouns, e.g. "she/her".
        #[arg(long)]
        pronouns: Option<String>,
        /// A tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    /// Show one client's record.
    Show {
        /// The client: id (from `client list`), full name or preferred name.
        id: String,
    },
    /// Move a client's record to the trash (restore it with `wellkept trash restore`).
    Delete {
        /// The client: id, full name or preferred name.
        id: String,
    },
    /// Change a client's details: only what is given changes. Notes changed here while another
    /// computer changed them too keep both versions (`wellkept sync conflicts`).
    Edit {
        /// The client: id, full name or preferred name.
        id: String,
        /// The mentor's general notes about the client (they replace the old notes).
        #[arg(long)]
        notes: Option<String>,
        /// The name they like to be called.
        #[arg(long)]
        preferred_name: Option<String>,
        /// Pronouns, e.g. "she/her".
        #[arg(long)]
        pronouns: Option<String>,
    },
    /// Close a client: the work has ended (their retention starts counting).
    Close {
        /// The client: id, full name or preferred name.
        id: String,
        /// The day the work ended (YYYY-MM-DD); today if not given.
        #[arg(long)]
        on: Option<String>,
    },
    /// Without an id: the closed clients whose retention has ended. With an id: when that
    /// client's retention ends, and from what.
    Retention {
        /// A client: id, full name or preferred name.
        id: Option<String>,
    },
    /// Erase a client and everything that refers to them, for good (issued invoices are kept
    /// with the name replaced). Asks you to type "erase" unless --yes is given.
    Erase {
        /// The client's id (from `client list`): only the id, since erasing cannot be undone.
        id: String,
        /// Why: `retention` (their retention has ended) or `request` (a lawful request, Art. 17).
        #[arg(long)]
        reason: String,
        /// Your note, kept in the erasure log (who asked, when); required for a request. Leave
        /// the client's name out: it is the one thing the log must not hold.
        #[arg(long, default_value = "")]
        note: String,
        /// While retention has not ended: the client's name, typed exactly, to erase anyway.
        #[arg(long = "override")]
        override_phrase: Option<String>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// The erasure log: one line per erased client (no names).
    Erasures,
    /// Show, or with options set, the practice's retention rule.
    RetentionRule {
        /// Years a closed client's record is kept after the last contact (1–100).
        #[arg(long)]
        years: Option<u32>,
        /// For a client whose date of birth is recorded: keep at least until this age (1–100).
        #[arg(long)]
        minors_until_age: Option<u32>,
    },
    /// One client's own retention: `--years N` instead of the practice's, `--until DAY` instead of
    /// the whole rule, or `--rule` to follow the practice's rule again.
    Keep {
        /// The client: id, full name or preferred name.
        id: String,
        /// Keep for this many years after the last contact.
        #[arg(long, conflicts_with_all = ["until", "rule"])]
        years: Option<u32>,
        /// Keep until this day (YYYY-MM-DD).
        #[arg(long, conflicts_with = "rule")]
        until: Option<String>,
        /// Follow the practice's rule.
        #[arg(long)]
        rule: bool,
    },
}

/// Schedule commands.
#[derive(clap::Subcommand)]
pub enum ScheduleAction {
    /// Write the schedule as an iCalendar (.ics) file for a calendar app. Client names are left
    /// out unless --include-names is given.
    Ics {
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
        /// Put client names and locations in the events (they then leave the vault).
        #[arg(long)]
        include_names: bool,
        /// Only this client's appointments.
        #[arg(long)]
        client: Option<String>,
    },
    /// Measure schedules: `schedule set phq9 --client ID --every-weeks 4`, pause, resume,
    /// remove, list.
    #[command(flatten)]
    Measures(crate::measures::MeasureScheduleAction),
}

pub async fn client(vault: &Vault, action: ClientAction) -> Result<()> {
    match action {
        ClientAction::List { status, tag, text } => {
            // No --status: active and paused clients, as the help says, with a count of the
            // closed ones left out; `--status all` lists everyone.
            let all = status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("all"));
            let chosen = if all { None } else { status.as_deref().map(parse_status).transpose()? };
            let mut list =
                clients::list_clients(vault, ClientFilter { status: chosen, tag, text, deleted: false }).await?;
            let closed = if status.is_none() {
                let before = list.len();
                list.retain(|c| c.status != ClientStatus::Closed);
                before - list.len()
            } else {
                0
            };
            for c in &list {
                let shown = c.preferred_name.as_deref().map_or(c.name.clone(), |p| format!("{} ({p})", c.name));
                let tags = if c.tags.is_empty() { String::new() } else { format!("  [{}]", c.tags.join(", ")) };
                println!("{}  {:<7} {shown}{tags}", c.id, format!("{:?}", c.status).to_lowercase());
            }
            if list.is_empty() {
                println!("No clients match.");
            }
            match closed {
                0 => {}
                1 => println!("(1 closed client not listed: `wellkept client list --status closed`)"),
                n => println!("({n} closed clients not listed: `wellkept client list --status closed`)"),
            }
            Ok(())
        }
        ClientAction::Add { name, preferred_name, pronouns, tags } => {
            let new = NewClient { name: name.join(" "), preferred_name, pronouns, tags, ..NewClient::default() };
            let c = clients::add_client(vault, new).await?;
            println!("saved {}", c.id);
            Ok(())
        }
        ClientAction::Delete { id } => {
            let id = crate::flag::find_client_as(vault, &id, "Client").await?.id;
            clients::delete_client(vault, &id).await?;
            println!("Moved to the trash: `wellkept trash restore client {id}` brings it back.");
            Ok(())
        }
        ClientAction::Edit { id, notes, preferred_name, pronouns } => {
            let id = crate::flag::find_client_as(vault, &id, "Client").await?.id;
            // No `notes_base`: made from the notes on show now. If another computer's save
            // arrives later with the notes rewritten, the merge keeps whichever it did not show.
            let patch = clients::ClientPatch {
                notes,
                preferred_name: preferred_name.map(Some),
                pronouns: pronouns.map(Some),
                ..clients::ClientPatch::default()
            };
            let c = clients::update_client(vault, &id, patch).await?;
            println!("Saved {}.", c.name);
            Ok(())
        }
        ClientAction::Close { id, on } => {
            let id = crate::flag::find_client_as(vault, &id, "Client").await?.id;
            let end = on.as_deref().map(|d| wellkept::practice::parse_day("--on", d)).transpose()?;
            // The work has ended: a day still to come is a typo, and would start retention late.
            if let Some(day) = end.filter(|&d| d > local_today()) {
                return Err(Error::invalid(
                    "--on",
                    format!(
                        "{day} has not come yet (today is {}): close a client on or after the day the work ends",
                        local_today()
                    ),
                ));
            }
            let patch = clients::ClientPatch {
                status: Some(ClientStatus::Closed),
                end_date: end.map(Some),
                ..clients::ClientPatch::default()
            };
            let c = clients::update_client(vault, &id, patch).await?;
            let r = retention::client_retention(vault, &c.id, local_today()).await?;
            println!("{}", retention_text(&r));
            still_booked(vault, &c).await
        }
        ClientAction::Retention { id: Some(id) } => {
            let id = crate::flag::find_client_as(vault, &id, "Client").await?.id;
            let r = retention::client_retention(vault, &id, local_today()).await?;
            println!("{}", retention_text(&r));
            Ok(())
        }
        ClientAction::Retention { id: None } => {
            let ended = retention::retention_ended(vault, local_today()).await?;
            for r in &ended {
                println!("{}  {}", r.client_id, retention_ended_line(r));
            }
            if ended.is_empty() {
                println!("No client's retention has ended.");
            }
            Ok(())
        }
        ClientAction::Erase { id, reason, note, override_phrase, yes } => {
            let reason = match reason.trim().to_ascii_lowercase().as_str() {
                "retention" => ErasureReason::RetentionEnded,
                "request" => ErasureReason::LawfulRequest,
                other => {
                    return Err(Error::invalid(
                        "--reason",
                        format!("“{other}” is not a reason: use retention or request"),
                    ));
                }
            };
            // Only an id: a name that is not one is said to be so (it read "That client was not
            // found. It may have been deleted.").
            let c = match clients::get_client(vault, &id).await {
                Err(Error::NotFound { .. }) => {
                    return Err(Error::invalid(
                        "Client",
                        format!(
                            "no client has the id “{id}”; erase takes the id from `wellkept client list --status all`, never a name, since erasing cannot be undone"
                        ),
                    ));
                }
                other => other?,
            };
            if !yes {
                // "and its backups" read as if backup files were erased too: only the vault's own
                // older snapshots are.
                eprintln!(
                    "This erases {} and everything that refers to them from the vault and its older snapshots, for good. {ERASE_LEAVES_BACKUPS}",
                    c.name
                );
                eprint!("Type erase to go on: ");
                let mut typed = String::new();
                std::io::stdin()
                    .read_line(&mut typed)
                    .map_err(|e| Error::Internal { detail: format!("reading the confirmation: {e}") })?;
                if typed.trim().to_lowercase() != "erase" {
                    return Err(Error::invalid("confirmation", "nothing was erased (you did not type erase)"));
                }
            }
            let request = EraseRequest { reason, note, override_phrase };
            let report = erasure::erase_client(vault, &id, request, local_today()).await?;
            println!("{}", erasure_log_line(&report.erasure));
            println!("{ERASE_LEAVES_BACKUPS}");
            if !report.compacted {
                println!(
                    "The vault could not be compacted: older backups may still hold the record until they rotate out."
                );
            }
            Ok(())
        }
        ClientAction::RetentionRule { years, minors_until_age } => {
            let mut rule = retention::retention_rule(vault).await?;
            if years.is_some() || minors_until_age.is_some() {
                rule.years_after_last_contact = years.unwrap_or(rule.years_after_last_contact);
                rule.minors_until_age = minors_until_age.unwrap_or(rule.minors_until_age);
                rule = retention::set_retention_rule(vault, rule).await?;
            }
            println!(
                "Records are kept {} after the last contact, and for a client whose date of birth is recorded, at least until they turn {}.",
                if rule.years_after_last_contact == 1 {
                    "1 year".to_owned()
                } else {
                    format!("{} years", rule.years_after_last_contact)
                },
                rule.minors_until_age
            );
            Ok(())
        }
        ClientAction::Keep { id, years, until, rule } => {
            let id = crate::flag::find_client_as(vault, &id, "Client").await?.id;
            let chosen = match (years, until, rule) {
                (Some(y), None, false) => Some(retention::RetentionOverride::Years(y)),
                (None, Some(d), false) => {
                    Some(retention::RetentionOverride::Until(wellkept::practice::parse_day("--until", &d)?))
                }
                (None, None, true) => None,
                _ => return Err(Error::invalid("keep", "give one of --years N, --until DAY or --rule")),
            };
            retention::set_client_retention_override(vault, &id, chosen).await?;
            let r = retention::client_retention(vault, &id, local_today()).await?;
            println!("{}", retention_text(&r));
            Ok(())
        }
        ClientAction::Erasures => {
            let log = erasure::list_erasures(vault).await?;
            for e in &log {
                println!("{}", erasure_log_line(e));
            }
            if log.is_empty() {
                println!("No client has been erased.");
            }
            Ok(())
        }
        ClientAction::Show { id } => {
            let id = crate::flag::find_client_as(vault, &id, "Client").await?.id;
            let c = clients::get_client(vault, &id).await?;
            println!("{}", c.name);
            let lines = [
                ("Preferred name", c.preferred_name.clone()),
                ("Pronouns", c.pronouns.clone()),
                ("Status", Some(format!("{:?}", c.status).to_lowercase())),
                ("Started", c.start_date.map(|d| d.to_string())),
                ("Ended", c.end_date.map(|d| d.to_string())),
                ("Cultural needs", c.cultural_needs.clone()),
                ("Access needs", c.access_needs.clone()),
                ("Tags", (!c.tags.is_empty()).then(|| c.tags.join(", "))),
            ];
            for (label, value) in lines {
                if let Some(v) = value {
                    println!("  {label:<15} {v}");
                }
            }
            let flags = clinical::list_risk_flags(vault, Some(&c.id), false).await?;
            for f in &flags {
                println!("  RISK ({:?}) raised {}: {}", f.level, f.raised_on, f.description);
            }
            if !c.notes.is_empty() {
                println!("\n{}", c.notes);
            }
            Ok(())
        }
    }
}

/// After closing a client: the sessions still booked for them from now on, one line per
/// appointment (its next session, and how many more or that a series has no end), and how to
/// call them off; nothing when there are none. Closing does not cancel them: the calendar and
/// `today` would go on showing them, and marking one attended would bill it.
async fn still_booked(vault: &Vault, c: &clients::Client) -> Result<()> {
    use wellkept::practice::appointments::{self, OccurrenceStatus, Recurrence, schedule};
    let now = wellkept::clock::now();
    let booked: Vec<schedule::Occurrence> =
        schedule::list_occurrences(vault, now, now + schedule::MAX_WINDOW, Some(c.id.as_str()))
            .await?
            .into_iter()
            .filter(|o| o.status == OccurrenceStatus::Scheduled && o.starts_at >= now)
            .collect();
    let mut ids: Vec<&str> = Vec::new();
    for o in &booked {
        if !ids.contains(&o.appointment_id.as_str()) {
            ids.push(&o.appointment_id);
        }
    }
    if ids.is_empty() {
        return Ok(());
    }
    println!("Still booked for {}:", c.name);
    for id in ids {
        let sessions: Vec<&schedule::Occurrence> = booked.iter().filter(|o| o.appointment_id == id).collect();
        let next = sessions[0].starts_at.with_timezone(&Local).format("%a %-d %b %Y at %H:%M");
        let a = appointments::get_appointment(vault, id).await?;
        let rest = match (a.recurrence, a.repeat_until, a.repeat_count) {
            (Recurrence::Weekly, None, None) => " and every week after (no end)".to_owned(),
            (Recurrence::Fortnightly, None, None) => " and every other week after (no end)".to_owned(),
            _ => match sessions.len() - 1 {
                0 => String::new(),
                1 => " and 1 more".to_owned(),
                n => format!(" and {n} more"),
            },
        };
        println!("  {id}  {next}{rest}");
    }
    println!(
        "Closing does not cancel them: `wellkept session cancel <id> --on <day> --reason …` cancels one, \
         `wellkept session end-series <id> --last-day <day>` ends a series."
    );
    Ok(())
}

/// The mentor's local day on the vault's clock.
fn local_today() -> chrono::NaiveDate {
    wellkept::vault::now().with_timezone(&Local).date_naive()
}

/// "Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2026": the dashboard's line.
fn retention_ended_line(r: &retention::ClientRetention) -> String {
    let closed = r.closed_on.map(erasure::day_text).unwrap_or_default();
    let ends = r.ends_on.map(erasure::day_text).unwrap_or_default();
    format!("{} · closed {closed} · retention ended {ends}", r.name)
}

/// What erasure cannot reach: backup files, which are the person's own (said before and after
/// an erasure).
const ERASE_LEAVES_BACKUPS: &str = "Backup files written with `wellkept backup` before now still hold this client: delete them. If one is restored on this computer, the client is erased again as it opens; restored on another computer, it would bring them back.";

/// One line of the erasure log with the mentor's note (who asked, when), as the window shows it:
/// "Erased client 1a2b3c4d · 2 Dec 2026 · lawful request (Art. 17) · Letter of 1 Dec 2026". The
/// note used to be kept but never printed.
fn erasure_log_line(e: &erasure::Erasure) -> String {
    let line = e.line(e.erased_at.with_timezone(&Local).date_naive());
    if e.note.trim().is_empty() { line } else { format!("{line} · {}", e.note.trim()) }
}

/// One client's retention in a sentence.
fn retention_text(r: &retention::ClientRetention) -> String {
    use retention::LastContactKind;
    // The client's own retention, when set: it used to go unsaid, so `client keep` on an active
    // client printed nothing of what it saved, and an end day came with no reason.
    let own = match r.override_rule {
        Some(retention::RetentionOverride::Years(1)) => " (their own rule: 1 year after the last contact)".to_owned(),
        Some(retention::RetentionOverride::Years(y)) => format!(" (their own rule: {y} years after the last contact)"),
        Some(retention::RetentionOverride::Until(d)) => {
            format!(" (their own rule: kept until {})", erasure::day_text(d))
        }
        None => String::new(),
    };
    let (Some(closed), Some(ends)) = (r.closed_on, r.ends_on) else {
        return format!("{}: not closed; retention starts when the work ends and the client is closed{own}", r.name);
    };
    let from = match r.last_contact_kind {
        LastContactKind::Closed => "closing",
        LastContactKind::SessionNote => "a session note",
        LastContactKind::AttendedSession => "an attended session",
        LastContactKind::RecordMade => "the record being made",
    };
    let verb = if r.ended { "ended" } else { "ends" };
    format!(
        "{}: closed {}; last contact {} ({from}); retention {verb} {}{own}",
        r.name,
        erasure::day_text(closed),
        erasure::day_text(r.last_contact),
        erasure::day_text(ends)
    )
}

/// `wellkept today`: what the window's dashboard shows, in the same order and with every
/// person named (a risk flag or an overdue step without its client is no use to a mentor).
pub async fn today(vault: &Vault) -> Result<()> {
    let now = wellkept::vault::now();
    let board = dashboard::load_dashboard(vault, now, &Local).await?;
    let attention = &board.clinical;
    let names = crate::flag::client_names(vault).await?;
    let who = |client: &Option<String>| match client {
        Some(id) => crate::flag::name_of(&names, id).unwrap_or("a client").to_owned(),
        None => "Myself".to_owned(),
    };
    println!("Today, {}", board.today);
    if board.todays_appointments.is_empty() {
        println!("  No sessions today.");
    }
    for o in &board.todays_appointments {
        println!(
            "  {}  {}{}{}",
            crate::session::span(o.starts_at, o.ends_at),
            o.client_name,
            o.location.as_deref().map(|l| format!(", {l}")).unwrap_or_default(),
            crate::session::status_text(o)
        );
    }
    if !attention.open_risk_flags.is_empty() {
        println!("Open risk flags:");
        for f in &attention.open_risk_flags {
            let days = (board.today - f.raised_on).num_days();
            // Marked as `flag list` and the window's dashboard mark a flag open over a week.
            let mark = if days > 7 { ", over a week" } else { "" };
            println!(
                "  {:<6}  {}  raised {} (open {days} day{}{mark})  {}",
                f.level.key(),
                who(&f.client_id),
                f.raised_on,
                if days == 1 { "" } else { "s" },
                f.description
            );
        }
    }
    if !board.overdue_steps.is_empty() {
        println!("Overdue steps:");
        for s in &board.overdue_steps {
            println!(
                "  {}  {}  due {}  (goal: {})",
                who(&s.client_id),
                s.step.description,
                s.step.due_date.map(|d| d.to_string()).unwrap_or_default(),
                s.goal_title
            );
        }
    }
    if !attention.measures_due.is_empty() {
        println!("Measures due:");
        for m in &attention.measures_due {
            println!("  {}", crate::measures::due_line(vault, m).await);
        }
    }
    if !board.goal_reviews_due.is_empty() {
        println!("Goals to review:");
        for d in &board.goal_reviews_due {
            println!("  {}", crate::care::review_due_line(vault, d).await);
        }
    }
    if !board.overdue_invoices.is_empty() {
        println!("Overdue invoices:");
        for o in &board.overdue_invoices {
            println!("  {}", crate::billing::overdue_line(o));
        }
    }
    if !board.retention_ended.is_empty() {
        println!("Retention ended (review, then erase or keep):");
        for r in &board.retention_ended {
            println!("  {}", retention_ended_line(r));
        }
    }
    Ok(())
}

pub async fn schedule(vault: &Vault, action: ScheduleAction) -> Result<()> {
    match action {
        ScheduleAction::Ics { out, include_names, client } => {
            let text = ics::export_ics(vault, &ics::IcsOptions { include_names, client_id: client }).await?;
            std::fs::write(&out, text)
                .map_err(|e| Error::Storage { action: "Writing the calendar file", source: e })?;
            println!("Wrote {}.", out.display());
            if include_names {
                println!("This file names your clients and is not encrypted: keep it somewhere private.");
            }
            Ok(())
        }
        ScheduleAction::Measures(action) => crate::measures::schedule(vault, action).await,
    }
}

fn parse_status(s: &str) -> Result<ClientStatus> {
    match s.to_ascii_lowercase().as_str() {
        "active" => Ok(ClientStatus::Active),
        "paused" => Ok(ClientStatus::Paused),
        "closed" => Ok(ClientStatus::Closed),
        _ => Err(Error::invalid("Status", "use active, paused, closed or all")),
    }
}

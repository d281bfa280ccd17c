//! `wellkept session …`: book sessions and series, list them with their local times and zones,
//! and record what happened to one session: attended, no-show, cancelled (with the reason),
//! moved; end a series from a day. A session is named by its appointment's id and its day
//! (`--on 2026-10-26`: the day on the series' own clock, or the day `session list` shows it on). Thin calls into
//! `wellkept::practice::appointments`.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use wellkept::practice::appointments::{
    self, AppointmentDetails, OccurrenceStatus, Recurrence, RepeatRule, SessionMode, Tz, local_zone, parse_zone,
    resolve_local, schedule,
};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Session commands.
#[derive(clap::Subcommand)]
pub enum SessionAction {
    /// Book a session, or a weekly or fortnightly series (prints `saved <id>`).
    Add {
        /// The client's id or name (full or preferred, ignoring case).
        #[arg(long)]
        client: String,
        /// When it starts, on the clock of --zone: 2026-10-19T10:00.
        #[arg(long)]
        start: String,
        /// The IANA time zone it is kept in (Europe/London); this computer's when left out.
        #[arg(long)]
        zone: Option<String>,
        /// Length in minutes.
        #[arg(long, default_value_t = 50)]
        minutes: i64,
        /// in-person, video or phone.
        #[arg(long, default_value = "in-person")]
        mode: String,
        /// Where: an address, a room or a video link.
        #[arg(long)]
        location: Option<String>,
        /// Repeat every week.
        #[arg(long, conflicts_with = "fortnightly")]
        weekly: bool,
        /// Repeat every other week.
        #[arg(long)]
        fortnightly: bool,
        /// How many sessions in the series.
        #[arg(long)]
        count: Option<u32>,
    },
    /// The sessions from a day (today when left out) for a number of days, with their times
    /// here and on their own clock when it differs.
    List {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// How many days.
        #[arg(long, default_value_t = 7)]
        days: u32,
    },
    /// Mark one session attended.
    Attended(Which),
    /// Mark one session a no-show.
    NoShow(Which),
    /// Cancel one session, saying why.
    Cancel {
        #[command(flatten)]
        which: Which,
        /// Why (required).
        #[arg(long)]
        reason: String,
    },
    /// Move one session to another time (on the series' clock: 2026-10-28T09:00).
    Move {
        #[command(flatten)]
        which: Which,
        /// The new start.
        #[arg(long)]
        to: String,
    },
    /// End a series after a day (inclusive): no sessions after it.
    EndSeries {
        /// The appointment's id.
        id: String,
        /// The last day with a session (YYYY-MM-DD).
        #[arg(long)]
        last_day: NaiveDate,
    },
}

/// One session: its appointment and its day.
#[derive(clap::Args)]
pub struct Which {
    /// The appointment's id (from `session list`).
    id: String,
    /// The session's day (YYYY-MM-DD): as `session list` shows it, or on the series' own clock.
    #[arg(long)]
    on: NaiveDate,
}

fn local_time(field: &str, text: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .map_err(|_| Error::invalid(field, format!("“{text}” is not a time like 2026-10-19T10:00")))
}

/// "10:00–10:50" on this computer's clock; when the clocks change during the session, says so
/// ("01:30–01:20 (the clocks go back an hour during it)"), or it would read as ending before it
/// starts.
pub(crate) fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    use chrono::Offset;
    let (from, to) = (start.with_timezone(&Local), end.with_timezone(&Local));
    let shift = to.offset().fix().local_minus_utc() - from.offset().fix().local_minus_utc();
    let note = match shift {
        0 => String::new(),
        s if s < 0 => format!(" (the clocks go back {} during it)", amount(-s)),
        s => format!(" (the clocks go forward {} during it)", amount(s)),
    };
    format!("{}–{}{note}", from.format("%H:%M"), to.format("%H:%M"))
}

fn amount(seconds: i32) -> String {
    match seconds {
        3600 => "an hour".to_owned(),
        s if s % 3600 == 0 => format!("{} hours", s / 3600),
        s => format!("{} minutes", s / 60),
    }
}

/// The appointment's session on local day `on`: the one `session list` shows on that day (a
/// moved session's new day), or else the one originally on it; as the calendar has it now
/// (client, time, outcome), for saying what was done to which session.
async fn occurrence(vault: &Vault, which: &Which) -> Result<(appointments::Appointment, schedule::Occurrence)> {
    let a = appointments::get_appointment(vault, &which.id).await?;
    let zone = a.zone();
    let from = resolve_local(zone, which.on.and_hms_opt(0, 0, 0).expect("midnight")) - TimeDelta::hours(3);
    let to = from + TimeDelta::hours(30);
    let shown = schedule::list_occurrences(vault, from, to, Some(a.client_id.as_str()))
        .await?
        .into_iter()
        .find(|o| o.appointment_id == a.id && o.starts_at.with_timezone(&zone).date_naive() == which.on);
    if let Some(o) = shown {
        return Ok((a, o));
    }
    // The day `session list` shows it on here, when its own clock is on another day (17:30 in
    // Los Angeles is 01:30 the next day in London).
    let (here_from, _) = schedule::day_bounds(which.on, &Local);
    let (here_to, _) = schedule::day_bounds(which.on + TimeDelta::days(1), &Local);
    let here = schedule::list_occurrences(vault, here_from, here_to, Some(a.client_id.as_str()))
        .await?
        .into_iter()
        .find(|o| o.appointment_id == a.id);
    if let Some(o) = here {
        return Ok((a, o));
    }
    let original =
        a.occurrences_between(from, to).into_iter().find(|t| t.with_timezone(&zone).date_naive() == which.on);
    let Some(start) = original else {
        return Err(Error::invalid("--on", format!("this appointment has no session on {}", which.on)));
    };
    // Moved to another day: found where it went (a session moves by at most MAX_MOVE).
    let around = appointments::MAX_MOVE + TimeDelta::days(1);
    schedule::list_occurrences(vault, start - around, start + around, Some(a.client_id.as_str()))
        .await?
        .into_iter()
        .find(|o| o.appointment_id == a.id && o.occurrence_start == start)
        .map(|o| (a, o))
        .ok_or_else(|| Error::invalid("--on", format!("this appointment has no session on {}", which.on)))
}

/// "Sam's session on Mon 19 Oct 2026 at 10:00" (on this computer's clock, and on its own when
/// that differs, as `session list` shows it).
fn session_name(o: &schedule::Occurrence) -> String {
    format!("{}'s session on {}", o.client_name, when(o.starts_at, &o.time_zone))
}

/// "Mon 19 Oct 2026 at 10:00" on this computer's clock, with the time on the session's own
/// clock after it when that differs: "Wed 28 Oct 2026 at 09:00 (20:00 Australia/Sydney)".
fn when(t: DateTime<Utc>, zone: &str) -> String {
    let here = t.with_timezone(&Local).format("%a %-d %b %Y at %H:%M");
    match parse_zone(zone) {
        Ok(own) if own != local_zone() => format!("{here} ({} {zone})", t.with_timezone(&own).format("%H:%M")),
        _ => here.to_string(),
    }
}

/// What a session's earlier outcome was, when a new one replaces it: " (it was marked
/// attended)", " (it was cancelled: Bank holiday)"; nothing when it was only booked or is
/// marked the same again.
fn replaced(o: &schedule::Occurrence, now: OccurrenceStatus) -> String {
    if o.status == now {
        return String::new();
    }
    match o.status {
        OccurrenceStatus::Scheduled => String::new(),
        OccurrenceStatus::Attended => " (it was marked attended)".into(),
        OccurrenceStatus::NoShow => " (it was marked a no-show)".into(),
        OccurrenceStatus::Cancelled => {
            format!(" (it was cancelled{})", o.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default())
        }
    }
}

/// A note when `local` does not exist on the clock of `zone` (the hour the clocks go forward
/// skips): "There is no 01:30 on Sun 28 Mar 2027 in Europe/London (the clocks go forward): it
/// starts at 02:30." Nothing for a time that exists.
fn skipped_time(zone: Tz, local: NaiveDateTime, start: DateTime<Utc>) -> Option<String> {
    let actual = start.with_timezone(&zone).naive_local();
    (actual != local).then(|| {
        format!(
            "There is no {} on {} in {} (the clocks go forward): it starts at {}.",
            local.format("%H:%M"),
            local.format("%a %-d %b %Y"),
            zone.name(),
            actual.format("%H:%M")
        )
    })
}

pub async fn run(vault: &Vault, action: SessionAction) -> Result<()> {
    match action {
        SessionAction::Add { client, start, zone, minutes, mode, location, weekly, fortnightly, count } => {
            let zone: Tz = match zone.as_deref() {
                Some(z) => parse_zone(z)?,
                None => local_zone(),
            };
            let client = crate::flag::find_client(vault, &client).await?;
            let mode = match mode.to_ascii_lowercase().as_str() {
                "in-person" | "in_person" => SessionMode::InPerson,
                "video" => SessionMode::Video,
                "phone" => SessionMode::Phone,
                _ => return Err(Error::invalid("--mode", "use in-person, video or phone")),
            };
            let recurrence = if weekly {
                Recurrence::Weekly
            } else if fortnightly {
                Recurrence::Fortnightly
            } else {
                Recurrence::None
            };
            if count.is_some() && recurrence == Recurrence::None {
                // Booked as one session, "--count 3" would be silently ignored.
                return Err(Error::invalid("--count", "a count needs --weekly or --fortnightly"));
            }
            if minutes < 1 {
                return Err(Error::invalid("--minutes", "a session lasts at least 1 minute"));
            }
            let local = local_time("--start", &start)?;
            let details = AppointmentDetails {
                mode,
                location,
                repeat: RepeatRule { recurrence, until: None, count },
                ..AppointmentDetails::at_local(&client.id, zone, local, minutes)
            };
            let a = appointments::add_appointment(vault, details)
                .await
                .map_err(|e| as_option(e, &[("End", "--minutes"), ("Number of sessions", "--count")]))?;
            println!("saved {}", a.id);
            if let Some(note) = skipped_time(zone, local, a.starts_at) {
                println!("{note}");
            }
        }
        SessionAction::List { from, days } => {
            let most = schedule::MAX_WINDOW.num_days() - 1;
            if days == 0 || i64::from(days) > most {
                return Err(Error::invalid("--days", format!("give 1 to {most} days (two years)")));
            }
            let from = from.unwrap_or_else(wellkept::clock::today_local);
            let (start, _) = schedule::day_bounds(from, &Local);
            let (end, _) = schedule::day_bounds(from + TimeDelta::days(i64::from(days)), &Local);
            let here = local_zone();
            let sessions = schedule::list_occurrences(vault, start, end, None).await?;
            if sessions.is_empty() {
                println!("No sessions.");
            }
            for o in sessions {
                let own = if o.time_zone == here.name() {
                    String::new()
                } else {
                    format!(" ({} {})", o.local_start.format("%H:%M"), o.time_zone)
                };
                let status = status_text(&o);
                println!(
                    "{}  {} {}{own}  {}{}{}{}",
                    o.appointment_id,
                    o.starts_at.with_timezone(&Local).format("%a %-d %b %Y"),
                    span(o.starts_at, o.ends_at),
                    o.client_name,
                    o.location.as_deref().map(|l| format!(", {l}")).unwrap_or_default(),
                    if o.moved { "  moved" } else { "" },
                    status
                );
            }
        }
        SessionAction::Attended(which) => {
            let (a, o) = occurrence(vault, &which).await?;
            appointments::set_occurrence_status(vault, &a.id, o.occurrence_start, OccurrenceStatus::Attended).await?;
            println!("Marked {} attended{}.", session_name(&o), replaced(&o, OccurrenceStatus::Attended));
        }
        SessionAction::NoShow(which) => {
            let (a, o) = occurrence(vault, &which).await?;
            appointments::set_occurrence_status(vault, &a.id, o.occurrence_start, OccurrenceStatus::NoShow).await?;
            println!("Marked {} a no-show{}.", session_name(&o), replaced(&o, OccurrenceStatus::NoShow));
        }
        SessionAction::Cancel { which, reason } => {
            let (a, o) = occurrence(vault, &which).await?;
            appointments::cancel_occurrence(vault, &a.id, o.occurrence_start, &reason).await?;
            println!("Cancelled {}{}.", session_name(&o), replaced(&o, OccurrenceStatus::Cancelled));
        }
        SessionAction::Move { which, to } => {
            let (a, o) = occurrence(vault, &which).await?;
            let local = local_time("--to", &to)?;
            let new_start = resolve_local(a.zone(), local);
            appointments::move_occurrence(vault, &a.id, o.occurrence_start, new_start, new_start + a.length())
                .await
                .map_err(|e| as_option(e, &[("Start", "--to")]))?;
            println!("Moved {} to {}.", session_name(&o), when(new_start, &o.time_zone));
            if let Some(note) = skipped_time(a.zone(), local, new_start) {
                println!("{note}");
            }
        }
        SessionAction::EndSeries { id, last_day } => {
            appointments::end_series(vault, &id, last_day).await?;
            println!("The series ends on {last_day}.");
        }
    }
    Ok(())
}

/// A refusal of the core's, named by the option the person typed ("--minutes: an appointment
/// lasts at most 12 hours", not "End: …"): `names` pairs the core's field with the option.
fn as_option(e: Error, names: &[(&str, &str)]) -> Error {
    match e {
        Error::Invalid { field, reason } => match names.iter().find(|(f, _)| *f == field) {
            Some((_, option)) => Error::invalid(*option, reason),
            None => Error::Invalid { field, reason },
        },
        other => other,
    }
}

/// What happened to a session, after its line: nothing while booked, "  attended", "  no-show",
/// "  cancelled: <reason>".
pub(crate) fn status_text(o: &schedule::Occurrence) -> String {
    match o.status {
        OccurrenceStatus::Scheduled => String::new(),
        OccurrenceStatus::Attended => "  attended".into(),
        OccurrenceStatus::NoShow => "  no-show".into(),
        OccurrenceStatus::Cancelled => {
            format!("  cancelled{}", o.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default())
        }
    }
}

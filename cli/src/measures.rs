//! `wellkept schedule set|pause|resume|remove|list` (measure schedules: "PHQ-9 every 4 weeks
//! for this client") and `wellkept measure add|due`. Thin calls into `wellkept::clinical`.

use chrono::{Local, NaiveDate};
use wellkept::clinical::{self, Instrument, MeasureDue, MeasureSchedule, NewMeasure, NewMeasureSchedule};
use wellkept::practice::clients;
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Measure-schedule commands, flattened into `wellkept schedule`.
#[derive(clap::Subcommand)]
pub enum MeasureScheduleAction {
    /// Give a questionnaire every N weeks (or days) from a day; replaces any earlier schedule of
    /// the same questionnaire for the same client.
    Set {
        /// The questionnaire: phq9, gad7, who5, phq2, gad2 or k10 (or its name, "PHQ-9").
        instrument: String,
        /// The client: id (from `client list`), full name or preferred name; without it, your own self-assessments.
        #[arg(long)]
        client: Option<String>,
        /// Every this many weeks.
        #[arg(long, conflicts_with = "every_days", required_unless_present = "every_days")]
        every_weeks: Option<u32>,
        /// Every this many days.
        #[arg(long)]
        every_days: Option<u32>,
        /// The first due day, YYYY-MM-DD (default: today).
        #[arg(long)]
        from: Option<NaiveDate>,
    },
    /// Pause a schedule (it is never due while paused).
    Pause {
        /// The schedule's id (from `schedule list`).
        id: String,
    },
    /// Resume a paused schedule.
    Resume {
        /// The schedule's id.
        id: String,
    },
    /// Remove a schedule (the answers already recorded stay).
    Remove {
        /// The schedule's id.
        id: String,
    },
    /// A client's measure schedules (without --client, your own).
    List {
        /// The client: id, full name or preferred name.
        #[arg(long)]
        client: Option<String>,
    },
}

/// Outcome-measure commands.
#[derive(clap::Subcommand)]
pub enum MeasureAction {
    /// Measures due or overdue, most overdue first.
    Due {
        /// The day to ask about, YYYY-MM-DD (default: today).
        #[arg(long)]
        as_of: Option<NaiveDate>,
    },
    /// A client's recorded measures (without --client, your own): each questionnaire's scores
    /// oldest first, with the change from the one before; a PHQ-9 item 9 answered above 0 is
    /// named.
    List {
        /// The client: id, full name or preferred name; without it, your own.
        #[arg(long)]
        client: Option<String>,
        /// Only this questionnaire: phq9, gad7, who5, phq2, gad2 or k10.
        instrument: Option<String>,
    },
    /// Record a completed questionnaire and show its score and band.
    Add {
        /// The questionnaire: phq9, gad7, who5, phq2, gad2 or k10.
        instrument: String,
        /// The item scores in order, separated by commas ("1,2,0,…").
        #[arg(long, value_delimiter = ',', required = true)]
        answers: Vec<i64>,
        /// The client: id, full name or preferred name; without it, your own self-assessment.
        #[arg(long)]
        client: Option<String>,
        /// The PHQ-9/GAD-7 difficulty answer: 0 not difficult at all … 3 extremely difficult.
        #[arg(long)]
        difficulty: Option<i64>,
        /// The day it was completed, YYYY-MM-DD (default: today).
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Notes.
        #[arg(long, default_value = "")]
        notes: String,
    },
}

/// Today in this computer's time zone (by the test clock when it is set).
fn today() -> NaiveDate {
    wellkept::vault::now().with_timezone(&Local).date_naive()
}

/// "phq9", "PHQ-9", "k10" → the instrument.
fn parse_instrument(s: &str) -> Result<Instrument> {
    let key: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    Instrument::from_key(&key).ok_or_else(|| {
        let known: Vec<&str> = Instrument::ALL.iter().map(|i| i.key()).collect();
        Error::invalid("instrument", format!("“{s}” is not one of {}", known.join(", ")))
    })
}

/// "every 4 weeks", "every 10 days".
fn every_words(days: u32) -> String {
    match days {
        1 => "every day".into(),
        7 => "every week".into(),
        d if d % 7 == 0 => format!("every {} weeks", d / 7),
        d => format!("every {d} days"),
    }
}

fn schedule_line(s: &MeasureSchedule) -> String {
    format!(
        "{}  {:<6} {} from {}{}",
        s.id,
        s.instrument.definition().name,
        every_words(s.every_days),
        s.starts_on,
        if s.paused { "  (paused)" } else { "" }
    )
}

/// "PHQ-9  Sam Patel  due 2026-03-15  overdue 18 days" (also used by `wellkept today`).
pub async fn due_line(vault: &Vault, m: &MeasureDue) -> String {
    let who = match &m.schedule.client_id {
        Some(id) => clients::get_client(vault, id).await.map_or_else(|_| id.clone(), |c| c.name),
        None => "Myself".into(),
    };
    let when = match m.days_overdue {
        0 => "due today".to_owned(),
        1 => "overdue 1 day".to_owned(),
        n => format!("overdue {n} days"),
    };
    format!("{:<6} {who}  due {}  {when}", m.schedule.instrument.definition().name, m.due_on)
}

/// `--client` as given (an id or a name) made the client's id; `None` stays the vault owner.
async fn client_id(vault: &Vault, client: Option<String>) -> Result<Option<String>> {
    match client {
        Some(c) => Ok(Some(crate::flag::find_client(vault, &c).await?.id)),
        None => Ok(None),
    }
}

pub async fn schedule(vault: &Vault, action: MeasureScheduleAction) -> Result<()> {
    match action {
        MeasureScheduleAction::Set { instrument, client, every_weeks, every_days, from } => {
            let every_days = match (every_weeks, every_days) {
                (Some(w), _) => w.checked_mul(7).ok_or_else(|| Error::invalid("every (weeks)", "too many weeks"))?,
                (None, Some(d)) => d,
                (None, None) => return Err(Error::invalid("every", "give --every-weeks or --every-days")),
            };
            let new = NewMeasureSchedule {
                client_id: client_id(vault, client).await?,
                instrument: parse_instrument(&instrument)?,
                every_days,
                starts_on: from.unwrap_or_else(today),
            };
            let s = clinical::set_measure_schedule(vault, new).await?;
            println!("{}", schedule_line(&s));
        }
        MeasureScheduleAction::Pause { id } => {
            println!("{}", schedule_line(&clinical::set_measure_schedule_paused(vault, &id, true).await?));
        }
        MeasureScheduleAction::Resume { id } => {
            println!("{}", schedule_line(&clinical::set_measure_schedule_paused(vault, &id, false).await?));
        }
        MeasureScheduleAction::Remove { id } => {
            clinical::remove_measure_schedule(vault, &id).await?;
            println!("Removed schedule {id}.");
        }
        MeasureScheduleAction::List { client } => {
            let client = client_id(vault, client).await?;
            let list = clinical::list_measure_schedules(vault, client.as_deref()).await?;
            for s in &list {
                println!("{}", schedule_line(s));
            }
            if list.is_empty() {
                println!("No measures scheduled.");
            }
        }
    }
    Ok(())
}

pub async fn measure(vault: &Vault, action: MeasureAction) -> Result<()> {
    match action {
        MeasureAction::Due { as_of } => {
            let as_of = as_of.unwrap_or_else(today);
            let due = clinical::list_measures_due(vault, as_of).await?;
            if due.is_empty() {
                println!("No measures due on {as_of}.");
            }
            for m in &due {
                println!("{}", due_line(vault, m).await);
            }
        }
        MeasureAction::List { client, instrument } => {
            let instrument = instrument.as_deref().map(parse_instrument).transpose()?;
            let who = match &client {
                Some(c) => Some(crate::flag::find_client(vault, c).await?),
                None => None,
            };
            let mut all = clinical::list_measures(vault, who.as_ref().map(|c| c.id.as_str()), instrument).await?;
            if all.is_empty() {
                match &who {
                    Some(c) => println!("No measures recorded for {}.", c.name),
                    None => println!("No measures recorded."),
                }
            }
            all.reverse(); // oldest first
            for i in Instrument::ALL {
                let scores: Vec<_> = all.iter().filter(|m| m.instrument == i).collect();
                if scores.is_empty() {
                    continue;
                }
                let def = i.definition();
                println!("{}", def.name);
                let mut before: Option<u32> = None;
                for m in scores {
                    let change = match before {
                        None => String::new(),
                        Some(b) if m.total > b => format!("  up {}", m.total - b),
                        Some(b) if m.total < b => format!("  down {}", b - m.total),
                        Some(_) => "  no change".to_owned(),
                    };
                    let item9 = match (i, m.answers.get(8)) {
                        (Instrument::Phq9, Some(&a)) if a > 0 => {
                            let label = def.options.iter().find(|o| o.score == a).map_or("", |o| o.label);
                            format!("  item 9: “{label}”")
                        }
                        _ => String::new(),
                    };
                    println!(
                        "  {}  {:>3} of {}  {}{change}{item9}",
                        m.administered_on,
                        m.total,
                        def.max_total(),
                        m.band_label
                    );
                    before = Some(m.total);
                }
            }
        }
        MeasureAction::Add { instrument, answers, client, difficulty, on, notes } => {
            let instrument = parse_instrument(&instrument)?;
            let new = NewMeasure {
                client_id: client_id(vault, client).await?,
                instrument,
                administered_on: on.unwrap_or_else(today),
                answers: answers.into_iter().map(Some).collect(),
                functional_difficulty: difficulty,
                notes,
            };
            let recorded = clinical::record_measure(vault, new).await?;
            let a = &recorded.administration;
            let def = instrument.definition();
            println!("saved {}", a.id);
            println!("{} total {} of {}: {}", def.name, a.total, def.max_total(), a.band_label);
            if let (Some(q), Some(d)) = (def.functional_question, a.functional_difficulty) {
                println!("Difficulty: {}", q.options.get(usize::from(d)).copied().unwrap_or_default());
            }
            if let Some(f) = &recorded.risk_flag {
                println!("RISK FLAG ({:?}): {}", f.level, f.description);
            }
        }
    }
    Ok(())
}

//! `wellkept goal …`, `wellkept consent …`, `wellkept referral …`: goals (status, reviews, the
//! next review day), consent withdrawal and referral status and follow-ups from the terminal.
//! Thin calls into `wellkept::practice::goals` and `wellkept::clinical`.

use chrono::{Local, NaiveDate};
use wellkept::clinical::consent::{self, NewConsent};
use wellkept::clinical::referrals::{self, Referral, ReferralInput, ReferralStatus};
use wellkept::practice::clients;
use wellkept::practice::goals::{self, Goal, GoalDetails, GoalFilter, GoalReviewDue, GoalStatus, NewReview};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

use crate::flag::find_client;

/// Goal commands.
#[derive(clap::Subcommand)]
pub enum GoalAction {
    /// A client's goals: id, status, progress, title, next review.
    List {
        /// The client's id or name (full or preferred, ignoring case).
        #[arg(long)]
        client: String,
    },
    /// Set a goal for a client.
    Add {
        /// The client's id or name.
        #[arg(long)]
        client: String,
        /// The goal's title.
        title: Vec<String>,
        #[command(flatten)]
        smart: SmartArgs,
        /// The day of its first review (YYYY-MM-DD).
        #[arg(long)]
        review_on: Option<NaiveDate>,
    },
    /// One goal whole: its SMART parts, target date, steps and reviews.
    Show {
        /// The goal's id (from `goal list`).
        id: String,
    },
    /// Reword a goal or move its target date; what is left out stays as it is. (Its status has
    /// `goal status`.) Reworded on another computer at the same time, both wordings are kept:
    /// see `wellkept sync conflicts`.
    Edit {
        /// The goal's id (from `goal list`).
        id: String,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        smart: SmartArgs,
    },
    /// Set where a goal stands: active, achieved, paused or dropped.
    Status {
        /// The goal's id (from `goal list`).
        id: String,
        /// active, achieved, paused or dropped.
        status: String,
    },
    /// Record a review: a rating from 1 to 5, what was said, and the next review day.
    Review {
        /// The goal's id.
        id: String,
        /// How it is going, 1 (not at all) to 5 (very well).
        #[arg(long)]
        rating: u8,
        /// What was said.
        #[arg(long, default_value = "")]
        note: String,
        /// The day of the review (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<NaiveDate>,
        /// The next review day (leave out: none planned).
        #[arg(long)]
        next: Option<NaiveDate>,
    },
    /// Plan a goal's next review day without recording a review ("none" clears it).
    NextReview {
        /// The goal's id.
        id: String,
        /// YYYY-MM-DD, or "none".
        day: String,
    },
    /// Goals whose review day has come (as the dashboard's "Goals to review").
    Due {
        /// The day to look from (default today).
        #[arg(long)]
        as_of: Option<NaiveDate>,
    },
}

/// A goal's SMART parts and target date, as `goal add` and `goal edit` take them.
#[derive(clap::Args)]
pub struct SmartArgs {
    /// Specific: what exactly will be done.
    #[arg(long)]
    specific: Option<String>,
    /// Measurable: how progress will be seen.
    #[arg(long)]
    measurable: Option<String>,
    /// Achievable: why it is within reach, what support there is.
    #[arg(long)]
    achievable: Option<String>,
    /// Relevant: why it matters to the person.
    #[arg(long)]
    relevant: Option<String>,
    /// Time-bound: the target date (YYYY-MM-DD; "none" clears it).
    #[arg(long)]
    target: Option<String>,
}

impl SmartArgs {
    /// `into` with every part given replacing its own.
    fn apply(self, mut into: goals::GoalEdit) -> Result<goals::GoalEdit> {
        let parts = [
            (self.specific, &mut into.specific),
            (self.measurable, &mut into.measurable),
            (self.achievable, &mut into.achievable),
            (self.relevant, &mut into.relevant),
        ];
        for (given, part) in parts {
            if let Some(text) = given {
                *part = text;
            }
        }
        match self.target.as_deref() {
            None => {}
            Some(day) if day.eq_ignore_ascii_case("none") => into.target_date = None,
            Some(day) => into.target_date = Some(wellkept::practice::parse_day("--target", day)?),
        }
        Ok(into)
    }
}

/// Consent commands.
#[derive(clap::Subcommand)]
pub enum ConsentAction {
    /// Record a client's consent.
    Add {
        /// The client's id or name.
        #[arg(long)]
        client: String,
        /// What the client agrees to.
        #[arg(long)]
        scope: String,
        /// The day it was given (default today).
        #[arg(long)]
        given_on: Option<NaiveDate>,
        /// The last day it holds.
        #[arg(long)]
        expires_on: Option<NaiveDate>,
        /// The lawful basis (GDPR Art. 6(1)): consent, contract, legal_obligation,
        /// vital_interests, public_task or legitimate_interests.
        #[arg(long)]
        basis: String,
        /// The Art. 9(2) condition for health data: a letter a–j, or other (with --art9-other).
        #[arg(long)]
        art9: String,
        /// The condition in words, when --art9 other.
        #[arg(long)]
        art9_other: Option<String>,
    },
    /// A client's consents with their status line.
    List {
        /// The client's id or name.
        #[arg(long)]
        client: String,
    },
    /// Withdraw a consent from a day (default today); disclosures from that day on need
    /// another basis.
    Withdraw {
        /// The consent's id (from `consent list`).
        id: String,
        /// The day it was withdrawn (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<NaiveDate>,
        /// How it was withdrawn.
        #[arg(long, default_value = "")]
        note: String,
    },
}

/// Referral commands.
#[derive(clap::Subcommand)]
pub enum ReferralAction {
    /// Record a referral.
    Add {
        /// The client's id or name.
        #[arg(long)]
        client: String,
        /// The service referred to.
        #[arg(long)]
        to: String,
        /// Why.
        #[arg(long)]
        reason: String,
        /// The day of the referral (default today).
        #[arg(long)]
        on: Option<NaiveDate>,
        /// The day to follow it up.
        #[arg(long)]
        follow_up: Option<NaiveDate>,
    },
    /// Referrals (one client's with --client): id, status, service, follow-up.
    List {
        /// The client's id or name.
        #[arg(long)]
        client: Option<String>,
    },
    /// Move a referral on: sent, accepted, declined or completed (and a new follow-up). Forward
    /// only: a sent referral does not go back to draft; declined and completed are final.
    Status {
        /// The referral's id.
        id: String,
        /// draft, sent, accepted, declined or completed.
        status: String,
        /// A new follow-up day.
        #[arg(long)]
        follow_up: Option<NaiveDate>,
    },
    /// Set a referral's follow-up day, or clear it with `none` (its status unchanged).
    FollowUp {
        /// The referral's id.
        id: String,
        /// YYYY-MM-DD, or `none` to clear it.
        #[arg(value_parser = parse_follow_up_day)]
        day: FollowUpDay,
    },
    /// Referrals in progress whose follow-up day has come (as on the dashboard).
    Due {
        /// The day to look from (default today).
        #[arg(long)]
        as_of: Option<NaiveDate>,
    },
}

/// A follow-up day as typed: a day, or `none` to clear it.
#[derive(Clone, Copy, Debug)]
pub struct FollowUpDay(Option<NaiveDate>);

fn parse_follow_up_day(s: &str) -> std::result::Result<FollowUpDay, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(FollowUpDay(None));
    }
    s.trim().parse().map(|d| FollowUpDay(Some(d))).map_err(|_| format!("“{s}” is not a day (YYYY-MM-DD) or none"))
}

fn today() -> NaiveDate {
    wellkept::vault::now().with_timezone(&Local).date_naive()
}

async fn name_of(vault: &Vault, client_id: Option<&str>) -> String {
    match client_id {
        Some(id) => clients::get_client(vault, id).await.map_or_else(|_| id.to_owned(), |c| c.name),
        None => "Myself".into(),
    }
}

/// "due today", "overdue 1 day", "overdue 5 days".
fn lateness(days: i64) -> String {
    match days {
        0 => "due today".to_owned(),
        1 => "overdue 1 day".to_owned(),
        n => format!("overdue {n} days"),
    }
}

fn goal_line(g: &Goal) -> String {
    let progress = g.progress().map_or_else(|| "no steps".to_owned(), |p| format!("{p}%"));
    let review = g.next_review_on.map(|d| format!("  next review {d}")).unwrap_or_default();
    format!("{}  {:<8} {progress:<8} {}{review}", g.id, g.status.key(), g.title)
}

/// `goal show`: the goal's line, whose goal it is, its target date, its SMART parts (a paragraph
/// each), its steps and its reviews.
async fn goal_whole(vault: &Vault, g: &Goal) -> String {
    let mut out = format!("{}\n", goal_line(g));
    out.push_str(&format!("For: {}\n", name_of(vault, g.client_id.as_deref()).await));
    out.push_str(&format!("Target date: {}\n", g.target_date.map_or_else(|| "none".to_owned(), |d| d.to_string())));
    let parts = g.text();
    if !parts.is_empty() {
        out.push_str(&format!("\n{parts}\n"));
    }
    if !g.steps.is_empty() {
        out.push_str("\nSteps:\n");
        for s in &g.steps {
            let due = s.due_date.map(|d| format!(", due {d}")).unwrap_or_default();
            out.push_str(&format!("  {:<7} {} ({}{due})\n", s.status.key(), s.description, s.owner.key()));
        }
    }
    if !g.reviews.is_empty() {
        out.push_str("\nReviews:\n");
        for r in &g.reviews {
            let note = if r.note.is_empty() { String::new() } else { format!(": {}", r.note) };
            out.push_str(&format!("  {} rated {} of 5{note}\n", r.review_date, r.rating));
        }
    }
    out
}

/// One line of `goal due`: "Sam Patel  Sleep routine  review due 2026-04-02  due today".
pub async fn review_due_line(vault: &Vault, d: &GoalReviewDue) -> String {
    let who = name_of(vault, d.client_id.as_deref()).await;
    format!("{who}  {}  review due {}  {}", d.title, d.due_on, lateness(d.days_overdue))
}

fn parse_goal_status(s: &str) -> Result<GoalStatus> {
    match s.to_ascii_lowercase().as_str() {
        "active" => Ok(GoalStatus::Active),
        "achieved" => Ok(GoalStatus::Achieved),
        "paused" => Ok(GoalStatus::Paused),
        "dropped" | "stopped" => Ok(GoalStatus::Dropped),
        _ => Err(Error::invalid("Status", format!("“{s}” is not one of active, achieved, paused, dropped"))),
    }
}

fn parse_referral_status(s: &str) -> Result<ReferralStatus> {
    match s.to_ascii_lowercase().as_str() {
        "draft" => Ok(ReferralStatus::Draft),
        "sent" => Ok(ReferralStatus::Sent),
        "accepted" => Ok(ReferralStatus::Accepted),
        "declined" => Ok(ReferralStatus::Declined),
        "completed" => Ok(ReferralStatus::Completed),
        _ => Err(Error::invalid("Status", format!("“{s}” is not one of draft, sent, accepted, declined, completed"))),
    }
}

fn referral_status_word(s: ReferralStatus) -> &'static str {
    match s {
        ReferralStatus::Draft => "draft",
        ReferralStatus::Sent => "sent",
        ReferralStatus::Accepted => "accepted",
        ReferralStatus::Declined => "declined",
        ReferralStatus::Completed => "completed",
    }
}

fn referral_line(r: &Referral) -> String {
    let follow = r.follow_up_on.map(|d| format!("  follow up {d}")).unwrap_or_default();
    format!("{}  {:<9} {}{follow}", r.id, referral_status_word(r.status), r.referred_to)
}

pub async fn goal(vault: &Vault, action: GoalAction) -> Result<()> {
    match action {
        GoalAction::List { client } => {
            let c = find_client(vault, &client).await?;
            let list = goals::list_goals(vault, GoalFilter { client_id: Some(c.id), ..Default::default() }).await?;
            for g in &list {
                println!("{}", goal_line(g));
            }
            if list.is_empty() {
                println!("No goals yet.");
            }
        }
        GoalAction::Add { client, title, smart, review_on } => {
            let c = find_client(vault, &client).await?;
            let words = smart.apply(goals::GoalEdit { title: title.join(" "), ..Default::default() })?;
            let new = GoalDetails {
                client_id: Some(c.id),
                title: words.title,
                specific: words.specific,
                measurable: words.measurable,
                achievable: words.achievable,
                relevant: words.relevant,
                target_date: words.target_date,
                ..Default::default()
            };
            let mut g = goals::add_goal(vault, new).await?;
            if review_on.is_some() {
                g = goals::set_next_review(vault, &g.id, review_on).await?;
            }
            println!("saved {}", g.id);
            println!("{}", goal_line(&g));
        }
        GoalAction::Show { id } => {
            let g = goals::get_goal(vault, &id).await?;
            print!("{}", goal_whole(vault, &g).await);
        }
        GoalAction::Edit { id, title, smart } => {
            // Nothing given is refused, not "saved" (it used to print "Saved goal …" having
            // changed nothing).
            let parts = [&title, &smart.specific, &smart.measurable, &smart.achievable, &smart.relevant, &smart.target];
            if parts.iter().all(|p| p.is_none()) {
                return Err(Error::invalid(
                    "Goal",
                    "nothing to change: give --title, --specific, --measurable, --achievable, --relevant or --target \
                     (its status has `goal status`)",
                ));
            }
            let current = goals::get_goal(vault, &id).await?;
            let mut edit = smart.apply(goals::GoalEdit::from(&current))?;
            if let Some(title) = title {
                edit.title = title;
            }
            // Made from the wording shown here: one saved meanwhile elsewhere is kept aside.
            let base = Some(current.text_version.clone().unwrap_or_default());
            let g = goals::update_goal(vault, &id, edit, base).await?;
            println!("Saved goal {}.", g.id);
            print!("{}", goal_whole(vault, &g).await);
        }
        GoalAction::Status { id, status } => {
            let g = goals::set_goal_status(vault, &id, parse_goal_status(&status)?).await?;
            println!("{}", goal_line(&g));
        }
        GoalAction::Review { id, rating, note, on, next } => {
            let review_date = on.unwrap_or_else(today);
            goals::add_review(vault, &id, NewReview { review_date, rating, note, next_review_on: next }).await?;
            let g = goals::get_goal(vault, &id).await?;
            println!("Reviewed {review_date}, rated {rating} of 5.");
            println!("{}", goal_line(&g));
        }
        GoalAction::NextReview { id, day } => {
            let next = if day.eq_ignore_ascii_case("none") {
                None
            } else {
                Some(wellkept::practice::parse_day("Next review", &day)?)
            };
            let g = goals::set_next_review(vault, &id, next).await?;
            println!("{}", goal_line(&g));
        }
        GoalAction::Due { as_of } => {
            let day = as_of.unwrap_or_else(today);
            let due = goals::list_goal_reviews_due(vault, day).await?;
            for d in &due {
                println!("{}", review_due_line(vault, d).await);
            }
            if due.is_empty() {
                println!("No goal reviews due on {day}.");
            }
        }
    }
    Ok(())
}

/// A consent's days and whether it is in force `today`, in the tense of the day: "given
/// 2026-01-10, expired 2026-06-30; not in force". (It used to read "expires 2026-06-30" long
/// after that day, with no word on whether the consent still held.)
fn consent_status(c: &consent::Consent, today: NaiveDate) -> String {
    if c.given_on > today {
        return format!("given {}; not in force until then", c.given_on);
    }
    let mut s = format!("given {}", c.given_on);
    if let Some(e) = c.expires_on {
        let word = if e < today { "expired" } else { "expires" };
        s.push_str(&format!(", {word} {e}"));
    }
    match c.withdrawn_on {
        Some(w) if w > today => s.push_str(&format!(", withdrawn from {w}; in force until then")),
        Some(w) => s.push_str(&format!(", withdrawn {w}; not in force")),
        None if c.is_active_on(today) => s.push_str("; in force"),
        None => s.push_str("; not in force"),
    }
    s
}

pub async fn consent(vault: &Vault, action: ConsentAction) -> Result<()> {
    match action {
        ConsentAction::Add { client, scope, given_on, expires_on, basis, art9, art9_other } => {
            let lawful_basis = Some(basis.parse::<consent::LawfulBasis>()?);
            let art9_condition = Some(art9.parse::<consent::Art9Condition>()?);
            let c = find_client(vault, &client).await?;
            let new = NewConsent {
                client_id: Some(c.id),
                scope,
                given_on: given_on.unwrap_or_else(today),
                expires_on,
                notes: String::new(),
                lawful_basis,
                art9_condition,
                art9_other,
            };
            let got = consent::record_consent(vault, new).await?;
            println!("saved {}", got.id);
        }
        ConsentAction::List { client } => {
            let c = find_client(vault, &client).await?;
            let list = consent::list_consents(vault, Some(&c.id), None).await?;
            for k in &list {
                println!("{}  {}  ({})", k.id, k.scope, consent_status(k, today()));
                println!("    {}", k.basis_text());
                let relied = consent::disclosures_relying_on(vault, &k.id).await?;
                println!("    {}", consent::relied_on_text(relied.len()));
                for d in &relied {
                    println!("      {}  {}  to {}", d.disclosed_on, d.what, d.recipient);
                }
            }
            if list.is_empty() {
                println!("No consent recorded.");
            }
        }
        ConsentAction::Withdraw { id, on, note } => {
            let k = consent::withdraw_consent(vault, &id, on.unwrap_or_else(today), &note).await?;
            println!("{}  {}  ({})", k.id, k.scope, consent_status(&k, today()));
            // Not only "a legal duty": another consent in force, or any lawful basis of Art. 6(1)
            // (b)–(f), can carry a disclosure (`export client --basis`).
            println!(
                "From {}, a disclosure cannot rest on this consent: it needs another consent in force, or another lawful basis (a legal obligation, vital interests, …).",
                k.withdrawn_on.unwrap_or_default()
            );
        }
    }
    Ok(())
}

pub async fn referral(vault: &Vault, action: ReferralAction) -> Result<()> {
    match action {
        ReferralAction::Add { client, to, reason, on, follow_up } => {
            let c = find_client(vault, &client).await?;
            let input = ReferralInput {
                client_id: Some(c.id),
                referred_to: to,
                reason,
                referred_on: on.unwrap_or_else(today),
                status: ReferralStatus::Sent,
                follow_up_on: follow_up,
                notes: String::new(),
            };
            let r = referrals::add_referral(vault, input).await?;
            println!("saved {}", r.id);
        }
        ReferralAction::List { client } => {
            let client_id = match client {
                Some(c) => Some(find_client(vault, &c).await?.id),
                None => None,
            };
            let all = match &client_id {
                Some(id) => referrals::list_referrals(vault, Some(id)).await?,
                None => {
                    let mut all = Vec::new();
                    for c in clients::list_clients(vault, Default::default()).await? {
                        all.extend(referrals::list_referrals(vault, Some(&c.id)).await?);
                    }
                    all
                }
            };
            for r in &all {
                println!("{}", referral_line(r));
            }
            if all.is_empty() {
                println!("No referrals.");
            }
        }
        ReferralAction::Status { id, status, follow_up } => {
            let r = referrals::set_referral_status(vault, &id, parse_referral_status(&status)?, follow_up).await?;
            println!("{}", referral_line(&r));
        }
        ReferralAction::FollowUp { id, day: FollowUpDay(day) } => {
            let r = referrals::set_referral_follow_up(vault, &id, day).await?;
            println!("{}", referral_line(&r));
            if day.is_none() {
                println!("Follow-up cleared.");
            }
        }
        ReferralAction::Due { as_of } => {
            let day = as_of.unwrap_or_else(today);
            let due = referrals::list_referral_follow_ups_due(vault, day).await?;
            for r in &due {
                let who = name_of(vault, r.client_id.as_deref()).await;
                let on = r.follow_up_on.unwrap_or(day);
                println!("{who}  {}  follow up {on}  {}", r.referred_to, lateness((day - on).num_days()));
            }
            if due.is_empty() {
                println!("No referral follow-ups due on {day}.");
            }
        }
    }
    Ok(())
}

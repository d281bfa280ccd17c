//! Filing what a contact shared into the vault's own records, so it counts where the person
//! looks: a client's PHQ-9 among the mentor's measures for that client (raising the same item-9
//! risk flag as one recorded in the mentor's vault), a mentor's action plan or homework among
//! the client's goals, with its steps.
//!
//! Each filing is one durable write: the new records and the received item's `filed_as` mark
//! together, so a crash files all or nothing, and filing an item again (or importing its bundle
//! again, which adds no received item) adds nothing. Measures are filed when their bundle is
//! imported; action plans and homework when the person chooses to ([`file_received_item`]).

use chrono::NaiveDate;
use serde::Serialize;

use super::SharedItem;
use super::items::{ActionPlan, Homework, MeasureScore, StepOwner as SharedOwner, StepStatus as SharedStatus};
use super::store::ContactRole;
use crate::clinical::instruments::Instrument;
use crate::clinical::measures::{self, NewMeasure};
use crate::practice::goals::{self, GoalDetails, GoalStatus, StepDetails, StepOwner, StepStatus, steps};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// What filing a received item did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Filed {
    /// The record made from the item: `measure:<id>` or `goal:<id>`.
    pub filed_as: String,
    /// False when the item had been filed before (nothing was added this time).
    pub newly_filed: bool,
    /// One sentence for the person: where it went.
    pub note: String,
}

/// Files the received item `received_id` (a `received_items` row) into the vault's records, or
/// says where it already is. The record belongs to the client whose record is linked to the
/// sender, or, with no linked record, to the vault's owner (a client's own goals). A measure
/// needs a linked client record: a client's scores never land among the mentor's own.
pub async fn file_received_item(vault: &Vault, received_id: &str) -> Result<Filed> {
    let received_id = received_id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let row: Option<(String, String, Option<String>, String, String)> = w
                    .fetch_optional(
                        "SELECT r.contact_id, r.item, r.filed_as, c.role, c.display_name \
                         FROM received_items r JOIN contacts c ON c.id = r.contact_id WHERE r.id = ?",
                        params![received_id.as_str()],
                    )
                    .await?;
                let (contact_id, item, filed_as, role, name) =
                    row.ok_or(Error::NotFound { what: "That received item" })?;
                if let Some(filed_as) = filed_as {
                    let note = format!("Already filed ({}); nothing was added.", describe(&filed_as));
                    return Ok(Filed { filed_as, newly_filed: false, note });
                }
                // A contact whose role was never chosen may send nothing that changes a record.
                if role == ContactRole::Unknown.key() {
                    return Err(Error::invalid(
                        "role",
                        format!("choose whether {name} is your mentor or your client (Sharing & contacts) before filing what they shared"),
                    ));
                }
                let item: SharedItem = serde_json::from_str(&item)
                    .map_err(|_| Error::damaged(format!("the received item {received_id}")))?;
                let client_id: Option<(String,)> = w
                    .fetch_optional(
                        "SELECT id FROM clients WHERE contact_id = ? AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
                        params![contact_id],
                    )
                    .await?;
                let client_id = client_id.map(|(id,)| id);
                let (filed_as, note) = match &item {
                    SharedItem::MeasureScore(score) => file_measure(w, client_id, score).await?,
                    SharedItem::ActionPlan(plan) => file_goal(w, client_id, action_plan_goal(plan)).await?,
                    SharedItem::Homework(homework) => file_goal(w, client_id, homework_goal(homework)).await?,
                    other => {
                        return Err(Error::invalid(
                            "item",
                            format!(
                                "a shared {} is kept where it was received; only measures, action plans and homework are filed \
                                 (a mentor's safety plan is accepted or declined instead)",
                                other.kind_label()
                            ),
                        ));
                    }
                };
                w.exec(
                    "UPDATE received_items SET filed_as = ? WHERE id = ? AND filed_as IS NULL",
                    params![filed_as.clone(), received_id],
                )
                .await?;
                Ok(Filed { filed_as, newly_filed: true, note })
            })
        })
        .await
}

fn describe(filed_as: &str) -> &'static str {
    match filed_as.split_once(':').map(|(kind, _)| kind) {
        Some("measure") => "among the client's measures",
        Some("goal") => "as a goal",
        Some("safety_plan") => "as a safety plan",
        _ => "in the vault",
    }
}

/// Records a shared score as an administration of its instrument for the linked client, with
/// its item answers, through the same checks and risk rule as the measure screen.
async fn file_measure(w: &mut Writer<'_>, client_id: Option<String>, score: &MeasureScore) -> Result<(String, String)> {
    let Some(client_id) = client_id else {
        return Err(Error::invalid(
            "client",
            "link this contact to a client record (Sharing & contacts) to file their scores there",
        ));
    };
    let instrument =
        Instrument::ALL.into_iter().find(|i| i.definition().name.eq_ignore_ascii_case(&score.instrument)).ok_or_else(
            || Error::invalid("instrument", format!("Wellkept does not know the measure “{}”", score.instrument)),
        )?;
    if score.item_answers.is_empty() {
        return Err(Error::invalid(
            "item_answers",
            format!(
                "this {} arrived with its total only; ask for it to be shared again from an up-to-date Wellkept",
                score.instrument
            ),
        ));
    }
    let on: NaiveDate = score.taken_at.date_naive();
    let checked = measures::check_measure(NewMeasure {
        client_id: Some(client_id),
        instrument,
        administered_on: on,
        answers: score.item_answers.iter().map(|a| Some(i64::from(*a))).collect(),
        functional_difficulty: None,
        notes: "Shared by the client.".to_owned(),
    })?;
    let recorded = measures::write_measure(w, checked).await?;
    let a = &recorded.administration;
    if a.total != score.total {
        // The sender's total is the sum of the same answers (checked on import), so this means
        // the two programs score the instrument differently: refuse rather than file a number
        // the client never saw.
        return Err(Error::invalid(
            "total",
            format!("the shared total {} does not match Wellkept's score of its answers ({})", score.total, a.total),
        ));
    }
    let flag = if recorded.risk_flag.is_some() { " It raised a risk flag (item 9 above 0)." } else { "" };
    let note = format!(
        "The shared {} of {} (total {}, {}) is now among the client's measures.{flag}",
        instrument.definition().name,
        on,
        a.total,
        a.band_label
    );
    Ok((format!("measure:{}", a.id), note))
}

/// A goal and its steps, ready to write.
struct GoalWithSteps {
    goal: GoalDetails,
    steps: Vec<StepDetails>,
}

fn action_plan_goal(plan: &ActionPlan) -> GoalWithSteps {
    GoalWithSteps {
        goal: GoalDetails {
            title: plan.title.clone(),
            specific: plan.goal.clone().unwrap_or_default(),
            status: GoalStatus::Active,
            ..GoalDetails::default()
        },
        steps: plan
            .steps
            .iter()
            .map(|s| StepDetails {
                description: s.description.clone(),
                // The vault's steps are the client's or the mentor's; one for both is the
                // client's to carry out (with the mentor's help).
                owner: match s.owner {
                    SharedOwner::Mentor => StepOwner::Mentor,
                    SharedOwner::Client | SharedOwner::Both => StepOwner::Client,
                },
                due_date: s.due,
                status: match s.status {
                    SharedStatus::NotStarted => StepStatus::Todo,
                    SharedStatus::InProgress => StepStatus::Doing,
                    SharedStatus::Done => StepStatus::Done,
                    SharedStatus::Dropped => StepStatus::Skipped,
                },
                progress: 0,
            })
            .collect(),
    }
}

fn homework_goal(homework: &Homework) -> GoalWithSteps {
    GoalWithSteps {
        goal: GoalDetails {
            title: homework.title.clone(),
            specific: homework.instructions.clone(),
            target_date: homework.due,
            status: GoalStatus::Active,
            ..GoalDetails::default()
        },
        steps: vec![StepDetails {
            description: homework.title.clone(),
            owner: StepOwner::Client,
            due_date: homework.due,
            status: StepStatus::Todo,
            progress: 0,
        }],
    }
}

async fn file_goal(w: &mut Writer<'_>, client_id: Option<String>, plan: GoalWithSteps) -> Result<(String, String)> {
    let goal = GoalDetails { client_id: client_id.clone(), ..plan.goal }.validated()?;
    let plan_steps = plan.steps.into_iter().map(StepDetails::validated).collect::<Result<Vec<_>>>()?;
    let (id, now) = (vault::new_id(), vault::now());
    goals::insert_goal(w, &id, now, &goal).await?;
    for step in &plan_steps {
        steps::insert_step(w, &vault::new_id(), now, &id, step).await?;
    }
    let whose = if client_id.is_some() { "the client's goals" } else { "your goals" };
    let n = plan_steps.len();
    let note = format!("“{}” is now one of {whose}, with {n} step{}.", goal.title, if n == 1 { "" } else { "s" });
    Ok((format!("goal:{id}"), note))
}

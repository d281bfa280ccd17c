//! A safety plan to print: the whole plan on A4 (every step in order, with step 6's
//! means-restriction guidance and the crisis lines for the person's country), and the same plan
//! cut down to credit-card-size panels for a wallet card ([`super::pdf::wallet`]).

use crate::clinical::crisis_lines::CrisisLine;
use crate::clinical::safety_plans::{SafetyPlan, SafetyPlanItem, SafetyPlanSection};

use super::document::{Block, Document};

/// What is printed: the plan, whose it is, and the directory's lines for the person's country.
pub(crate) struct PrintedPlan<'a> {
    /// "My safety plan" or "Jo's safety plan".
    pub title: String,
    /// The plan (its current version).
    pub plan: &'a SafetyPlan,
    /// The crisis lines of the person's country (none when no country is known).
    pub lines: &'a [CrisisLine],
    /// The country's name, when one is known.
    pub country_name: Option<String>,
    /// The day it was saved, as the person reads it ("Thu, 2 Apr 2026").
    pub saved_on: String,
}

/// A section's heading with its step number ("6. Making the environment safe").
pub(crate) fn heading(section: SafetyPlanSection) -> String {
    match section.step() {
        Some(n) => format!("{n}. {}", section.title()),
        None => section.title().to_owned(),
    }
}

/// One item as a line: its text, and its number after a dash.
pub(crate) fn item_line(item: &SafetyPlanItem) -> String {
    match item.contact.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(contact) if item.text.trim().is_empty() => contact.to_owned(),
        Some(contact) => format!("{} — {contact}", item.text.trim()),
        None => item.text.trim().to_owned(),
    }
}

/// One directory line as printed: "Samaritans — Call 116 123 (24 hours)".
pub(crate) fn crisis_line(line: &CrisisLine) -> String {
    if line.hours.trim().is_empty() {
        format!("{} — {}", line.name, line.how_to_reach)
    } else {
        format!("{} — {} ({})", line.name, line.how_to_reach, line.hours.trim())
    }
}

/// The subtitle line: version and day saved.
fn saved(p: &PrintedPlan<'_>) -> String {
    format!("Version {}, saved {}", p.plan.version, p.saved_on)
}

/// What the directory adds under "Crisis lines": its heading line and lines, or why there are none.
fn directory(p: &PrintedPlan<'_>) -> (String, Vec<String>) {
    match &p.country_name {
        Some(name) if !p.lines.is_empty() => {
            (format!("Crisis lines in {name}:"), p.lines.iter().map(crisis_line).collect())
        }
        Some(name) => (format!("No crisis lines are listed for {name}."), Vec::new()),
        None => ("Choose your country in Settings to print its crisis lines here.".to_owned(), Vec::new()),
    }
}

/// The whole plan on A4.
pub(crate) fn build(p: &PrintedPlan<'_>) -> Document {
    let mut doc = Document::new(p.title.clone(), vec![saved(p)]);
    doc.paragraph("Work through the steps in order until you are safe. If you are in immediate danger, call the emergency number listed under Crisis lines.");
    for section in SafetyPlanSection::ALL {
        doc.heading(1, heading(section));
        if let Some(guidance) = section.guidance() {
            doc.blocks.push(Block::Callout(guidance.to_owned()));
            for prompt in section.prompts() {
                doc.paragraph(format!("• {prompt}"));
            }
        }
        let items: Vec<String> = p.plan.sections.get(&section).into_iter().flatten().map(item_line).collect();
        if items.is_empty() && section != SafetyPlanSection::CrisisLines {
            doc.blocks.push(Block::Empty("Nothing written here yet.".to_owned()));
        }
        for item in items {
            doc.paragraph(item);
        }
        if section == SafetyPlanSection::CrisisLines {
            let (intro, lines) = directory(p);
            doc.paragraph(intro);
            for line in lines {
                doc.paragraph(line);
            }
        }
    }
    doc
}

/// One panel of the wallet card: a heading and its lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Panel {
    pub heading: String,
    pub lines: Vec<String>,
}

/// The wallet card: a cover, one panel per section in plan order, and how to cut and fold it.
pub(crate) fn panels(p: &PrintedPlan<'_>) -> Vec<Panel> {
    let mut out = vec![Panel {
        heading: p.title.clone(),
        lines: vec![
            saved(p),
            "Keep this card with you. Work through the steps in order until you are safe.".to_owned(),
        ],
    }];
    for section in SafetyPlanSection::ALL {
        let mut lines: Vec<String> = p.plan.sections.get(&section).into_iter().flatten().map(item_line).collect();
        if section == SafetyPlanSection::CrisisLines {
            let (intro, directory) = directory(p);
            if !directory.is_empty() {
                lines.extend(directory);
            } else {
                lines.push(intro);
            }
        } else if lines.is_empty() {
            lines.extend(section.prompts().iter().map(|q| (*q).to_owned()));
        }
        out.push(Panel { heading: heading(section), lines });
    }
    out.push(Panel {
        heading: "To make the card".to_owned(),
        lines: vec![
            "Cut along the corner marks around the ten panels.".to_owned(),
            "Fold along the dashed lines into a card the size of a bank card.".to_owned(),
        ],
    });
    out
}

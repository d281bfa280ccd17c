//! Session-note templates: free text, SOAP, DAP, BIRP and GIRP. Each template is a fixed list of
//! sections (key, title, and the prompt shown to the mentor while writing). A note stores its
//! sections' text by key, in the template's order; this module checks a note's sections against
//! its template.

use serde::{Deserialize, Serialize};

use super::LONG_TEXT;
use crate::{Error, Result};

/// The structure a session note follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, sqlx::Type, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum NoteTemplate {
    /// One free-text section.
    #[default]
    Free,
    /// Subjective, Objective, Assessment, Plan.
    Soap,
    /// Data, Assessment, Plan.
    Dap,
    /// Behaviour, Intervention, Response, Plan.
    Birp,
    /// Goals, Intervention, Response, Plan.
    Girp,
}

/// One section of a template, as the note editor shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TemplateSection {
    /// Stable key the text is stored under.
    pub key: &'static str,
    /// Heading shown to the mentor.
    pub title: &'static str,
    /// What to write here.
    pub prompt: &'static str,
}

const fn section(key: &'static str, title: &'static str, prompt: &'static str) -> TemplateSection {
    TemplateSection { key, title, prompt }
}

const PLAN: TemplateSection = section(
    "plan",
    "Plan",
    "What happens next: tasks agreed, homework, referrals, the focus and date of the next session.",
);
const INTERVENTION: TemplateSection = section(
    "intervention",
    "Intervention",
    "What you did in the session: approaches, techniques, skills practised, information given.",
);
const RESPONSE: TemplateSection = section(
    "response",
    "Response",
    "How the client responded to the intervention: engagement, insight, progress, anything that got in the way.",
);

const FREE: &[TemplateSection] = &[section("note", "Note", "What happened in the session, in your own words.")];
const SOAP: &[TemplateSection] = &[
    section(
        "subjective",
        "Subjective",
        "What the client reports: their concerns, feelings and experience since the last session, in their words where useful.",
    ),
    section(
        "objective",
        "Objective",
        "What you observed: presentation, mood and affect, behaviour, scores from measures, facts.",
    ),
    section("assessment", "Assessment", "Your understanding of what this means: progress towards goals, themes, risk."),
    PLAN,
];
const DAP: &[TemplateSection] = &[
    section(
        "data",
        "Data",
        "What was said and observed in the session: the client's report, your observations, measures.",
    ),
    section("assessment", "Assessment", "Your interpretation: progress, themes, risk, what is changing."),
    PLAN,
];
const BIRP: &[TemplateSection] = &[
    section(
        "behaviour",
        "Behaviour",
        "The client's presentation and behaviour, and the concerns they brought, as observed and reported.",
    ),
    INTERVENTION,
    RESPONSE,
    PLAN,
];
const GIRP: &[TemplateSection] = &[
    section("goals", "Goals", "The goals this session worked towards, from the client's plan."),
    INTERVENTION,
    RESPONSE,
    PLAN,
];

impl NoteTemplate {
    /// Every template, in the order the editor offers them.
    pub const ALL: [NoteTemplate; 5] =
        [NoteTemplate::Free, NoteTemplate::Soap, NoteTemplate::Dap, NoteTemplate::Birp, NoteTemplate::Girp];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteTemplate::Free => "free",
            NoteTemplate::Soap => "soap",
            NoteTemplate::Dap => "dap",
            NoteTemplate::Birp => "birp",
            NoteTemplate::Girp => "girp",
        }
    }

    /// The name shown to the mentor.
    pub fn title(self) -> &'static str {
        match self {
            NoteTemplate::Free => "Free text",
            NoteTemplate::Soap => "SOAP",
            NoteTemplate::Dap => "DAP",
            NoteTemplate::Birp => "BIRP",
            NoteTemplate::Girp => "GIRP",
        }
    }

    /// The template's sections, in order.
    pub fn sections(self) -> &'static [TemplateSection] {
        match self {
            NoteTemplate::Free => FREE,
            NoteTemplate::Soap => SOAP,
            NoteTemplate::Dap => DAP,
            NoteTemplate::Birp => BIRP,
            NoteTemplate::Girp => GIRP,
        }
    }
}

/// The text of one section of a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct NoteSection {
    /// The template section's key.
    pub key: String,
    /// What the mentor wrote.
    pub text: String,
}

/// Checks `sections` against `template` and returns them complete and in template order: every
/// key must belong to the template (once); sections not given are empty.
pub(crate) fn arrange_sections(template: NoteTemplate, sections: &[NoteSection]) -> Result<Vec<NoteSection>> {
    let defined = template.sections();
    for (i, s) in sections.iter().enumerate() {
        if !defined.iter().any(|d| d.key == s.key) {
            let keys: Vec<&str> = defined.iter().map(|d| d.key).collect();
            return Err(Error::invalid(
                "Sections",
                format!(
                    "“{}” is not a section of the {} template (it has: {})",
                    s.key,
                    template.title(),
                    keys.join(", ")
                ),
            ));
        }
        if sections[..i].iter().any(|o| o.key == s.key) {
            return Err(Error::invalid("Sections", format!("“{}” is given twice", s.key)));
        }
    }
    defined
        .iter()
        .map(|d| {
            let text = sections.iter().find(|s| s.key == d.key).map(|s| s.text.as_str()).unwrap_or("");
            super::long_text(d.title, text, LONG_TEXT).map(|text| NoteSection { key: d.key.to_owned(), text })
        })
        .collect()
}

/// The note's text for search and export: each non-empty section under its title.
pub(crate) fn plain_text(template: NoteTemplate, sections: &[NoteSection]) -> String {
    let mut out = String::new();
    for s in sections.iter().filter(|s| !s.text.trim().is_empty()) {
        let title = template.sections().iter().find(|d| d.key == s.key).map_or(s.key.as_str(), |d| d.title);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if template != NoteTemplate::Free {
            out.push_str(title);
            out.push_str(": ");
        }
        out.push_str(s.text.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(t: NoteTemplate) -> Vec<&'static str> {
        t.sections().iter().map(|s| s.key).collect()
    }

    #[test]
    fn templates_have_their_published_sections() {
        assert_eq!(keys(NoteTemplate::Free), ["note"]);
        assert_eq!(keys(NoteTemplate::Soap), ["subjective", "objective", "assessment", "plan"]);
        assert_eq!(keys(NoteTemplate::Dap), ["data", "assessment", "plan"]);
        assert_eq!(keys(NoteTemplate::Birp), ["behaviour", "intervention", "response", "plan"]);
        assert_eq!(keys(NoteTemplate::Girp), ["goals", "intervention", "response", "plan"]);
        for t in NoteTemplate::ALL {
            assert!(t.sections().iter().all(|s| !s.title.is_empty() && s.prompt.len() > 20), "{t:?}");
        }
    }

    #[test]
    fn sections_are_completed_ordered_and_checked() {
        let given = vec![
            NoteSection { key: "plan".into(), text: "Review sleep diary".into() },
            NoteSection { key: "data".into(), text: "Slept 5h a night".into() },
        ];
        let arranged = arrange_sections(NoteTemplate::Dap, &given).expect("valid");
        assert_eq!(arranged.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(), ["data", "assessment", "plan"]);
        assert_eq!(arranged[1].text, "");
        assert_eq!(plain_text(NoteTemplate::Dap, &arranged), "Data: Slept 5h a night\n\nPlan: Review sleep diary");

        let wrong = [NoteSection { key: "subjective".into(), text: "x".into() }];
        let e = arrange_sections(NoteTemplate::Dap, &wrong).expect_err("not DAP");
        assert!(e.to_string().starts_with("Sections: “subjective” is not a section of the DAP template"), "{e}");
        let twice = [
            NoteSection { key: "note".into(), text: "a".into() },
            NoteSection { key: "note".into(), text: "b".into() },
        ];
        assert!(arrange_sections(NoteTemplate::Free, &twice).is_err());
    }
}

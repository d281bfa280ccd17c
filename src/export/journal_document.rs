//! The readable journal export (Markdown and PDF): the mood chart and check-ins first, then
//! entries, thought records, the activation log and gratitude, each oldest first.

use super::document::{AttachmentLink, Block, Chart, ChartBand, ChartPoint, Document, enum_words, opt};
use super::journal_range::JournalExport;
use crate::journal::ThoughtRecord;

/// Builds the readable document of a journal range.
pub(crate) fn build(j: &JournalExport) -> Document {
    let mut doc = Document::new(
        format!("Journal: {} to {}", j.from, j.to),
        vec![format!("Exported from Wellkept on {}", j.exported_at.format("%Y-%m-%d %H:%M UTC"))],
    );
    doc.blocks.push(Block::Callout(super::PLAINTEXT_WARNING.to_owned()));

    doc.heading(1, "Mood");
    if !j.mood_series.is_empty() {
        doc.blocks.push(Block::Chart(mood_chart(j)));
    }
    let rows = j
        .mood_checkins
        .iter()
        .map(|m| {
            vec![
                m.checked_at.format("%Y-%m-%d %H:%M").to_string(),
                format!("{}/10", m.mood),
                m.emotions.join(", "),
                m.energy.map(|e| format!("{e}/10")).unwrap_or_default(),
                m.sleep_hours.map(|h| format!("{h} h")).unwrap_or_default(),
                m.note.clone(),
            ]
        })
        .collect();
    let cols = [("When (UTC)", 1.3), ("Mood", 0.6), ("Emotions", 1.6), ("Energy", 0.6), ("Sleep", 0.6), ("Note", 2.4)];
    doc.table(&cols, rows, "No mood check-ins in this range.");

    doc.heading(1, "Journal entries");
    if j.entries.is_empty() {
        doc.blocks.push(Block::Empty("No journal entries in this range.".into()));
    }
    for e in &j.entries {
        let heading = if e.title.trim().is_empty() {
            e.entry_date.to_string()
        } else {
            format!("{} · {}", e.entry_date, e.title)
        };
        doc.heading(2, heading);
        doc.fields(vec![
            ("Prompt", opt(&e.prompt)),
            ("Mood", e.mood.map(|m| format!("{m}/10")).unwrap_or_default()),
            ("Tags", e.tags.join(", ")),
            ("From", opt(&e.origin)),
        ]);
        doc.markdown(e.body.clone());
        let files: Vec<AttachmentLink> = j
            .attachments
            .iter()
            .filter(|a| a.owner_kind == "journal_entry" && a.owner_id == e.id)
            .map(super::ExportedAttachment::link)
            .collect();
        if !files.is_empty() {
            doc.blocks.push(Block::Attachments(files));
        }
    }

    doc.heading(1, "Thought records");
    if j.thought_records.is_empty() {
        doc.blocks.push(Block::Empty("No thought records in this range.".into()));
    }
    for t in &j.thought_records {
        thought_record(&mut doc, t);
    }

    doc.heading(1, "Activity log");
    let rows = j
        .activation_log
        .iter()
        .map(|a| {
            vec![
                a.at.format("%Y-%m-%d %H:%M").to_string(),
                a.activity.clone(),
                enum_words(&a.status),
                a.mastery.map(|v| format!("{v}/10")).unwrap_or_default(),
                a.pleasure.map(|v| format!("{v}/10")).unwrap_or_default(),
                a.note.clone(),
            ]
        })
        .collect();
    let cols =
        [("When (UTC)", 1.3), ("Activity", 2.0), ("Status", 0.8), ("Mastery", 0.7), ("Pleasure", 0.7), ("Note", 2.0)];
    doc.table(&cols, rows, "No activities in this range.");

    doc.heading(1, "Gratitude");
    let rows = j
        .gratitude
        .iter()
        .flat_map(|g| g.items.iter().map(move |i| vec![g.entry_date.to_string(), i.thing.clone(), i.why.clone()]))
        .collect();
    doc.table(&[("Day", 1.0), ("What went well", 3.0), ("Why", 3.0)], rows, "No gratitude entries in this range.");
    doc
}

fn thought_record(doc: &mut Document, t: &ThoughtRecord) {
    doc.heading(2, format!("{} · thought record", t.record_date));
    doc.heading(3, "Situation");
    doc.paragraph(t.situation.clone());
    let moods = t
        .moods
        .iter()
        .map(|m| {
            vec![m.name.clone(), format!("{}%", m.intensity), m.rerated.map(|r| format!("{r}%")).unwrap_or_default()]
        })
        .collect();
    doc.table(&[("Mood", 2.0), ("Before", 1.0), ("After", 1.0)], moods, "No moods rated.");
    let thoughts = t
        .automatic_thoughts
        .iter()
        .map(|a| {
            let mark = if a.hot { "Hot thought" } else { "" };
            vec![a.text.clone(), a.belief.map(|b| format!("{b}%")).unwrap_or_default(), mark.to_owned()]
        })
        .collect();
    doc.table(&[("Automatic thought", 4.0), ("Belief", 0.8), ("", 1.1)], thoughts, "No automatic thoughts written.");
    for (title, text) in [("Evidence for", &t.evidence_for), ("Evidence against", &t.evidence_against)] {
        if !text.trim().is_empty() {
            doc.heading(3, title);
            doc.paragraph(text.clone());
        }
    }
    if !t.balanced_thought.trim().is_empty() {
        let belief = t.balanced_belief.map(|b| format!(" (believed {b}%)")).unwrap_or_default();
        doc.heading(3, format!("Balanced thought{belief}"));
        doc.paragraph(t.balanced_thought.clone());
    }
}

fn mood_chart(j: &JournalExport) -> Chart {
    let band = |label: &str, from: f64, to: f64, concern: f64| ChartBand { label: label.to_owned(), from, to, concern };
    Chart {
        title: "Mood over time (daily average; whiskers show the day's lowest and highest)".to_owned(),
        y_label: "Mood (1–10)".to_owned(),
        y_min: 1.0,
        y_max: 10.0,
        bands: vec![band("Low", 1.0, 4.0, 0.8), band("Middling", 4.0, 7.0, 0.4), band("Good", 7.0, 10.0, 0.0)],
        points: j
            .mood_series
            .iter()
            .map(|d| ChartPoint { day: d.day, value: d.average, range: Some((d.low as f64, d.high as f64)) })
            .collect(),
    }
}

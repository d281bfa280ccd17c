//! The readable client record (Markdown and PDF): what a mentor needs first comes first — who
//! the client is, open risk and the safety plan — then measures, goals, session notes, the
//! calendar, consent and disclosures, referrals.

use super::client_record::{ClientRecordExport, ExportedNote, NoteStatus, ScoreHistory};
use super::document::{Block, Chart, ChartBand, ChartPoint, Document, enum_words, opt};
use crate::clinical::{DisclosureBasis, SafetyPlanSection};
use crate::vault::format_time;

/// Builds the readable document of a client record.
pub(crate) fn build(r: &ClientRecordExport) -> Document {
    let c = &r.client;
    let shown_name = match &c.preferred_name {
        Some(p) if p != &c.name => format!("{} ({p})", c.name),
        _ => c.name.clone(),
    };
    let mut doc = Document::new(
        format!("Client record: {shown_name}"),
        vec![format!("Exported from Wellkept on {}", r.exported_at.format("%Y-%m-%d %H:%M UTC"))],
    );
    doc.blocks.push(Block::Callout(super::PLAINTEXT_WARNING.to_owned()));

    if let Some(access) = &r.right_of_access {
        doc.heading(1, "Index");
        doc.paragraph(
            "Everything Wellkept holds about you, section by section (right of access, GDPR Art. 15). \
             The mentor's private appointment notes and private notes are their own working notes and \
             are not included unless chosen one by one (counted below).",
        );
        let rows = access.index.iter().map(|e| vec![e.section.clone(), e.count.to_string()]).collect();
        doc.table(&[("Section", 3.0), ("Entries", 1.0)], rows, "");
    }

    doc.heading(1, "Client details");
    doc.fields(vec![
        ("Name", c.name.clone()),
        ("Preferred name", opt(&c.preferred_name)),
        ("Pronouns", opt(&c.pronouns)),
        ("Date of birth", opt(&c.date_of_birth)),
        ("Status", enum_words(&c.status)),
        ("Started", opt(&c.start_date)),
        ("Ended", opt(&c.end_date)),
        ("Phone", opt(&c.contact.phone)),
        ("E-mail", opt(&c.contact.email)),
        ("Address", opt(&c.contact.address)),
        ("Emergency contact", emergency(r)),
        ("Cultural needs", opt(&c.cultural_needs)),
        ("Access needs", opt(&c.access_needs)),
        ("Tags", c.tags.join(", ")),
        ("In the trash since", c.deleted_at.map(format_time).unwrap_or_default()),
    ]);
    if !c.notes.trim().is_empty() {
        doc.heading(2, "General notes");
        doc.paragraph(c.notes.clone());
    }
    attachments_of(&mut doc, r, "client", &c.id);

    doc.heading(1, "Risk flags");
    let rows = r
        .risk_flags
        .iter()
        .map(|f| {
            let state = match (f.resolved_on, &f.resolution_note) {
                (None, _) => "Open".to_owned(),
                (Some(d), Some(n)) if !n.trim().is_empty() => format!("Resolved {d}: {n}"),
                (Some(d), _) => format!("Resolved {d}"),
            };
            vec![f.raised_on.to_string(), enum_words(&f.level), enum_words(&f.source), f.description.clone(), state]
        })
        .collect();
    let cols = [("Raised", 1.0), ("Level", 0.8), ("Source", 1.1), ("Concern", 3.0), ("Status", 2.0)];
    doc.table(&cols, rows, "No risk flags recorded.");

    doc.heading(1, "Safety plan");
    match &r.safety_plan {
        None => doc.blocks.push(Block::Empty("No safety plan recorded.".into())),
        Some(plan) => {
            doc.paragraph(format!("Version {}, saved {}", plan.version, plan.saved_at.format("%Y-%m-%d")));
            for section in SafetyPlanSection::ALL {
                let Some(items) = plan.sections.get(&section) else { continue };
                doc.heading(2, section.title());
                let rows = items.iter().map(|i| vec![i.text.clone(), opt(&i.contact)]).collect();
                if section.has_contacts() {
                    doc.table(&[("Item", 3.0), ("Phone", 1.5)], rows, "");
                } else {
                    doc.paragraph(items.iter().map(|i| format!("• {}", i.text)).collect::<Vec<_>>().join("\n"));
                }
            }
        }
    }

    doc.heading(1, "Outcome measures");
    for h in &r.score_history {
        doc.blocks.push(Block::Chart(score_chart(h)));
    }
    if !r.measures.is_empty() {
        doc.heading(2, "Every administration");
    }
    let rows = r
        .measures
        .iter()
        .map(|m| {
            let name = m.instrument.definition().name.to_owned();
            vec![m.administered_on.to_string(), name, m.total.to_string(), m.band_label.clone(), m.notes.clone()]
        })
        .collect();
    let cols = [("Date", 1.0), ("Measure", 0.8), ("Score", 0.6), ("Band", 2.0), ("Notes", 2.6)];
    doc.table(&cols, rows, "No outcome measures recorded.");

    doc.heading(1, "Goals");
    if r.goals.is_empty() {
        doc.blocks.push(Block::Empty("No goals recorded.".into()));
    }
    for g in &r.goals {
        let goal = &g.goal;
        doc.heading(2, goal.title.clone());
        doc.fields(vec![
            ("Status", enum_words(&goal.status)),
            ("Progress", g.progress.map(|p| format!("{p}%")).unwrap_or_default()),
            ("Target date", opt(&goal.target_date)),
            ("Specific", goal.specific.clone()),
            ("Measurable", goal.measurable.clone()),
            ("Achievable", goal.achievable.clone()),
            ("Relevant", goal.relevant.clone()),
        ]);
        let steps = goal
            .steps
            .iter()
            .map(|s| {
                vec![
                    s.description.clone(),
                    enum_words(&s.owner),
                    opt(&s.due_date),
                    enum_words(&s.status),
                    format!("{}%", s.progress),
                ]
            })
            .collect();
        let cols = [("Step", 3.0), ("Who", 0.8), ("Due", 1.0), ("Status", 0.8), ("Progress", 0.8)];
        doc.table(&cols, steps, "No action steps.");
        if !goal.reviews.is_empty() {
            let reviews = goal
                .reviews
                .iter()
                .map(|v| vec![v.review_date.to_string(), format!("{}/5", v.rating), v.note.clone()])
                .collect();
            doc.table(&[("Review", 1.0), ("Rating", 0.7), ("What was said", 4.5)], reviews, "");
        }
    }

    doc.heading(1, "Session notes");
    if r.session_notes.is_empty() {
        doc.blocks.push(Block::Empty("No session notes recorded.".into()));
    }
    for n in &r.session_notes {
        session_note(&mut doc, n);
        attachments_of(&mut doc, r, "session_note", &n.id);
    }
    if !r.private_notes.is_empty() {
        doc.heading(1, "Private notes — not part of the record");
        doc.blocks.push(Block::Callout(
            "The mentor's private process notes, chosen one by one to go with this export. \
             They are kept apart from the clinical record."
                .to_owned(),
        ));
        for n in &r.private_notes {
            session_note(&mut doc, n);
        }
    }

    doc.heading(1, "Appointments");
    let rows = r
        .sessions
        .iter()
        .map(|s| {
            let when = format!("{}–{}", s.starts_at.format("%Y-%m-%d %H:%M"), s.ends_at.format("%H:%M UTC"));
            let status = if s.moved { format!("{} (moved)", enum_words(&s.status)) } else { enum_words(&s.status) };
            vec![when, enum_words(&s.mode), status]
        })
        .collect();
    doc.table(&[("When", 2.5), ("How", 1.0), ("Status", 1.2)], rows, "No appointments booked.");

    doc.heading(1, "Consent");
    let day = r.exported_at.with_timezone(&chrono::Local).date_naive();
    let rows = r
        .consents
        .iter()
        .map(|c| {
            // In the tense of the export's day: an expired consent read "Until 2026-06-30" and
            // one given later "Ongoing", like consents in force.
            let state = match (c.withdrawn_on, c.expires_on) {
                (Some(w), _) if w > day => format!("Withdrawn from {w}"),
                (Some(w), _) => format!("Withdrawn {w}"),
                _ if c.given_on > day => format!("From {}", c.given_on),
                (None, Some(e)) if e < day => format!("Expired {e}"),
                (None, Some(e)) => format!("Until {e}"),
                (None, None) => "Ongoing".to_owned(),
            };
            vec![c.given_on.to_string(), c.scope.clone(), state, c.notes.clone()]
        })
        .collect();
    doc.table(&[("Given", 1.0), ("Scope", 2.5), ("Holds", 1.2), ("Notes", 2.3)], rows, "No consent recorded.");

    doc.heading(1, "Disclosure log");
    let rows = r
        .disclosures
        .iter()
        .map(|d| {
            let basis = match &d.basis {
                DisclosureBasis::Consent { consent_id } => r
                    .consents
                    .iter()
                    .find(|c| &c.id == consent_id)
                    .map_or_else(|| "Consent".to_owned(), |c| format!("Consent: {}", c.scope)),
                other => other.text(),
            };
            vec![d.disclosed_on.to_string(), d.what.clone(), d.recipient.clone(), basis, d.notes.clone()]
        })
        .collect();
    let cols = [("Date", 1.0), ("What", 2.0), ("To whom", 1.5), ("Basis", 1.8), ("Notes", 1.6)];
    doc.table(&cols, rows, "Nothing has been disclosed.");

    doc.heading(1, "Referrals");
    let rows = r
        .referrals
        .iter()
        .map(|f| {
            vec![
                f.referred_on.to_string(),
                f.referred_to.clone(),
                f.reason.clone(),
                enum_words(&f.status),
                opt(&f.follow_up_on),
            ]
        })
        .collect();
    let cols = [("Date", 1.0), ("Referred to", 1.8), ("Reason", 2.8), ("Status", 0.9), ("Follow up", 1.0)];
    doc.table(&cols, rows, "No referrals recorded.");

    if let Some(access) = &r.right_of_access {
        doc.heading(1, "Received shares");
        let rows = access
            .received_shares
            .iter()
            .map(|s| vec![s.received_at.format("%Y-%m-%d").to_string(), s.item.kind_label().to_owned()])
            .collect();
        doc.table(&[("Received", 1.0), ("Kind", 3.0)], rows, "Nothing received from the client.");
        if !access.kept_aside.is_empty() {
            doc.heading(1, "Versions kept aside");
            doc.paragraph(
                "Words written on two computers at the same time: one version is in the record above, \
                 and these others are held until your mentor chooses between them.",
            );
            for k in &access.kept_aside {
                doc.heading(2, format!("{}, saved {}", k.of, k.written_at.format("%Y-%m-%d %H:%M UTC")));
                doc.paragraph(k.text.clone());
            }
        }
    }
    doc
}

fn emergency(r: &ClientRecordExport) -> String {
    let e = &r.client.emergency_contact;
    let mut parts = Vec::new();
    if let Some(n) = &e.name {
        parts.push(match &e.relationship {
            Some(rel) => format!("{n} ({rel})"),
            None => n.clone(),
        });
    }
    if let Some(p) = &e.phone {
        parts.push(p.clone());
    }
    parts.join(", ")
}

fn session_note(doc: &mut Document, n: &ExportedNote) {
    doc.heading(2, format!("{} · {} min · {}", n.session_date, n.duration_minutes, enum_words(&n.mode)));
    match (n.status, n.finalised_at) {
        (NoteStatus::Finalised, Some(at)) => {
            doc.paragraph(format!("{} note, finalised {}", n.template_title, at.format("%Y-%m-%d %H:%M UTC")))
        }
        _ => doc.blocks.push(Block::Callout(format!(
            "DRAFT — not finalised ({} note, last saved {})",
            n.template_title,
            n.updated_at.format("%Y-%m-%d %H:%M UTC")
        ))),
    }
    let single = n.sections.len() == 1;
    for s in n.sections.iter().filter(|s| !s.text.trim().is_empty()) {
        if !single {
            doc.heading(3, s.title.clone());
        }
        doc.paragraph(s.text.clone());
    }
    for a in &n.addenda {
        doc.heading(3, format!("Addendum, {}", a.added_at.format("%Y-%m-%d %H:%M UTC")));
        doc.paragraph(a.text.clone());
    }
}

fn score_chart(h: &ScoreHistory) -> Chart {
    let n = h.bands.len().max(1) as f64;
    // The lowest possible score: 0 for most instruments, 10 for the K10 (answers start at 1).
    let lowest = h.bands.first().map_or(0, |b| b.min);
    let bands = h
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let rank = if n > 1.0 { i as f64 / (n - 1.0) } else { 0.0 };
            ChartBand {
                label: b.label.clone(),
                // Bands are whole-number ranges; their shading meets halfway between them.
                from: if b.min == lowest { f64::from(lowest) } else { f64::from(b.min) - 0.5 },
                to: if b.max == h.max_total { f64::from(b.max) } else { f64::from(b.max) + 0.5 },
                concern: if h.higher_is_worse { rank } else { 1.0 - rank },
            }
        })
        .collect();
    Chart {
        title: format!("{} over time", h.name),
        y_label: format!("{} score ({lowest}–{})", h.name, h.max_total),
        y_min: f64::from(lowest),
        y_max: f64::from(h.max_total),
        bands,
        points: h
            .points
            .iter()
            .map(|p| ChartPoint { day: p.administered_on, value: f64::from(p.total), range: None })
            .collect(),
    }
}

/// The files attached to one record of the client's, if any.
fn attachments_of(doc: &mut Document, r: &ClientRecordExport, kind: &str, id: &str) {
    let files: Vec<super::document::AttachmentLink> = r
        .attachments
        .iter()
        .filter(|a| a.owner_kind == kind && a.owner_id == id)
        .map(super::ExportedAttachment::link)
        .collect();
    if !files.is_empty() {
        doc.blocks.push(Block::Attachments(files));
    }
}

//! Session notes against a real vault: drafts and autosave coalescing, finalising and addenda,
//! the read-only rule (in the API and in the schema), validation, search, and reopen.

mod common;
mod practice_fixtures;

use practice_fixtures::{client, day, reopen, soap};
use wellkept::params;
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, NoteFilter, RevisionKind, SessionMode};
use wellkept::practice::templates::{NoteSection, NoteTemplate};

#[tokio::test]
async fn drafts_autosave_coalesce_and_survive_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let note = notes::add_note(&vault, NewSessionNote { client_id: ana.clone(), draft: soap("Tired") }).await;
    let note = note.expect("add note");
    assert_eq!(note.sections.len(), 4, "every SOAP section is present");
    assert_eq!(note.finalised_at, None);

    // Typing: three autosaves in quick succession share one revision after the first save.
    for text in ["Tired all", "Tired all week", "Tired all week, sleeping 5 hours"] {
        notes::save_draft(&vault, &note.id, soap(text)).await.expect("autosave");
    }
    // Autosaving what is already saved writes nothing at all.
    let seq = vault.status().await.seq;
    let same = notes::save_draft(&vault, &note.id, soap("Tired all week, sleeping 5 hours")).await.expect("same");
    assert_eq!(vault.status().await.seq, seq, "an unchanged autosave is not journaled");
    assert_eq!(same.sections[0].text, "Tired all week, sleeping 5 hours");
    // A deliberate save after autosaves replaces the recent autosave revision...
    notes::save_note(&vault, &note.id, soap("Tired all week, sleeping 5 hours.")).await.expect("save");
    // ...and is never itself replaced: the next autosave starts a new revision.
    notes::save_draft(&vault, &note.id, soap("Tired all week, sleeping 5 hours. Low mood.")).await.expect("autosave");
    // Two minutes after that autosave revision began, the next autosave starts a new one. The
    // clock is not ours to move, so the whole history is moved three minutes back instead.
    const BACKDATE: &str = "UPDATE note_revisions SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at, \
                            '-3 minutes') WHERE note_id = ?";
    wellkept::vault::allow_statements_for_tests(&[BACKDATE]);
    let id = note.id.clone();
    vault
        .write(move |w| Box::pin(async move { w.exec(BACKDATE, params![id]).await }))
        .await
        .expect("backdate the history");
    notes::save_draft(&vault, &note.id, soap("Tired all week, sleeping 5 hours. Low mood!")).await.expect("autosave");
    notes::save_draft(&vault, &note.id, soap("Tired all week, sleeping 5 hours. Low mood!!")).await.expect("autosave");
    let revisions = notes::list_revisions(&vault, &note.id).await.expect("revisions");
    let kinds: Vec<RevisionKind> = revisions.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RevisionKind::Save, RevisionKind::Save, RevisionKind::Autosave, RevisionKind::Autosave]);
    assert_eq!(revisions[2].sections[0].text, "Tired all week, sleeping 5 hours. Low mood.");
    assert_eq!(revisions[3].sections[0].text, "Tired all week, sleeping 5 hours. Low mood!!");
    assert_eq!(revisions[0].sections[0].text, "Tired");
    assert_eq!(revisions[1].sections[0].text, "Tired all week, sleeping 5 hours.");
    assert!(revisions[1].saved_at >= revisions[1].started_at);
    drop(vault);

    let vault = reopen(dir.path()).await;
    let got = notes::get_note(&vault, &note.id).await.expect("get");
    assert_eq!(got.sections[0].text, "Tired all week, sleeping 5 hours. Low mood!!");
    assert_eq!(got.mode, SessionMode::Video);
    assert_eq!(
        got.text(),
        "Subjective: Tired all week, sleeping 5 hours. Low mood!!\n\nPlan: Keep a sleep diary for a week."
    );
    assert_eq!(notes::list_revisions(&vault, &note.id).await.expect("revisions").len(), 4);
}

#[tokio::test]
async fn finalised_notes_are_read_only_and_take_addenda() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let note = notes::add_note(&vault, NewSessionNote { client_id: ana, draft: soap("Tired") }).await.expect("add");
    let draft_addendum = notes::add_addendum(&vault, &note.id, "Too early").await.expect_err("draft");
    assert_eq!(draft_addendum.kind(), "invalid");
    let signed = notes::finalise_note(&vault, &note.id).await.expect("finalise");
    let finalised_at = signed.finalised_at.expect("signed with time");

    let seq = vault.status().await.seq;
    for attempt in [
        notes::save_draft(&vault, &note.id, soap("Changed")).await.map(|_| ()),
        notes::save_note(&vault, &note.id, soap("Changed")).await.map(|_| ()),
        notes::finalise_note(&vault, &note.id).await.map(|_| ()),
        notes::delete_note(&vault, &note.id).await,
    ] {
        let e = attempt.expect_err("read-only");
        assert_eq!(e.kind(), "read_only");
        assert!(e.to_string().contains("Add an addendum"), "{e}");
    }
    assert_eq!(vault.status().await.seq, seq, "refused changes write nothing");
    // The schema refuses too, whatever code path tries (the statement is allowed through replay's
    // allowlist here, so that the trigger is what refuses it).
    const RAW_UPDATE: &str = "UPDATE session_notes SET body = 'x' WHERE id = ?";
    wellkept::vault::allow_statements_for_tests(&[RAW_UPDATE]);
    let id = note.id.clone();
    let raw = vault.write(move |w| Box::pin(async move { w.exec(RAW_UPDATE, params![id]).await })).await;
    match raw.expect_err("the read-only trigger stops a direct update") {
        wellkept::Error::Internal { detail } => {
            assert!(detail.contains("finalised session notes are read-only"), "{detail}")
        }
        other => panic!("expected the trigger's refusal, got {other:?}"),
    }

    let a = notes::add_addendum(&vault, &note.id, "Client called: sleep now 7 hours.").await.expect("addendum");
    assert_eq!(notes::add_addendum(&vault, &note.id, "  ").await.expect_err("blank").kind(), "invalid");
    drop(vault);

    let vault = reopen(dir.path()).await;
    let got = notes::get_note(&vault, &note.id).await.expect("get");
    assert_eq!(got.finalised_at, Some(finalised_at));
    assert_eq!(got.addenda, vec![a]);
    assert_eq!(got.sections[0].text, "Tired");
    let kinds: Vec<RevisionKind> =
        notes::list_revisions(&vault, &note.id).await.expect("revisions").iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RevisionKind::Save, RevisionKind::Finalise]);
}

#[tokio::test]
async fn invalid_notes_name_the_field_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let seq = vault.status().await.seq;
    let bad_section = NoteDraft { sections: vec![NoteSection { key: "data".into(), text: "x".into() }], ..soap("x") };
    let cases = [
        (NoteDraft { duration_minutes: 0, ..soap("x") }, "Duration"),
        (NoteDraft { duration_minutes: 601, ..soap("x") }, "Duration"),
        (NoteDraft { session_date: day(1899, 12, 31), ..soap("x") }, "Session date"),
        (bad_section, "Sections"),
    ];
    for (draft, field) in cases {
        match notes::add_note(&vault, NewSessionNote { client_id: ana.clone(), draft }).await {
            Err(wellkept::Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected Invalid for {field}, got {other:?}"),
        }
    }
    let missing = notes::add_note(&vault, NewSessionNote { client_id: "nobody".into(), draft: soap("x") }).await;
    assert_eq!(missing.expect_err("no client").kind(), "not_found");
    assert_eq!(vault.status().await.seq, seq, "nothing was written");

    let empty = NoteDraft { sections: vec![], ..soap("") };
    let note = notes::add_note(&vault, NewSessionNote { client_id: ana, draft: empty }).await.expect("empty draft");
    let e = notes::finalise_note(&vault, &note.id).await.expect_err("nothing to sign");
    assert!(e.to_string().starts_with("Sections:"), "{e}");
}

#[tokio::test]
async fn notes_are_found_by_text_client_date_and_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let ben = client(&vault, "Ben Okafor").await;
    let a1 = notes::add_note(&vault, NewSessionNote { client_id: ana.clone(), draft: soap("Insomnia again") }).await;
    let a1 = a1.expect("add");
    let free = NoteDraft {
        session_date: day(2026, 11, 10),
        template: NoteTemplate::Free,
        sections: vec![NoteSection { key: "note".into(), text: "Talked about panic on the bus.".into() }],
        ..soap("")
    };
    let b1 = notes::add_note(&vault, NewSessionNote { client_id: ben.clone(), draft: free }).await.expect("add");
    notes::finalise_note(&vault, &b1.id).await.expect("finalise");
    let ids = |v: Vec<notes::SessionNote>| v.into_iter().map(|n| n.id).collect::<Vec<_>>();

    let all = notes::list_notes(&vault, NoteFilter::default()).await.expect("list");
    assert_eq!(ids(all), [a1.id.as_str(), b1.id.as_str()], "newest session first");
    let found = notes::list_notes(&vault, NoteFilter { text: Some("insomn".into()), ..Default::default() });
    assert_eq!(ids(found.await.expect("search")), [a1.id.as_str()]);
    let found = notes::list_notes(&vault, NoteFilter { text: Some("sleep diary".into()), ..Default::default() });
    assert_eq!(found.await.expect("search").len(), 1, "the plan section is searched too");
    let bens = notes::list_notes(&vault, NoteFilter { client_id: Some(ben), ..Default::default() });
    assert_eq!(ids(bens.await.expect("list")), [b1.id.as_str()]);
    let drafts = notes::list_notes(&vault, NoteFilter { finalised: Some(false), ..Default::default() });
    assert_eq!(ids(drafts.await.expect("list")), [a1.id.as_str()]);
    let early = notes::list_notes(&vault, NoteFilter { to: Some(day(2026, 11, 15)), ..Default::default() });
    assert_eq!(ids(early.await.expect("list")), [b1.id.as_str()]);

    // Autosave replaces the indexed text.
    notes::save_draft(&vault, &a1.id, soap("Better week")).await.expect("autosave");
    let found = notes::list_notes(&vault, NoteFilter { text: Some("insomnia".into()), ..Default::default() });
    assert!(found.await.expect("search").is_empty());

    // Drafts go to the trash and come back.
    notes::delete_note(&vault, &a1.id).await.expect("delete draft");
    assert_eq!(notes::list_notes(&vault, NoteFilter::default()).await.expect("list").len(), 1);
    // Said as in the trash, as every kind says it (decision 80; it was "not_found" before).
    let in_trash = notes::save_draft(&vault, &a1.id, soap("x")).await.expect_err("in trash");
    assert_eq!(in_trash.kind(), "read_only");
    assert_eq!(in_trash.to_string(), "That session note is in the trash: restore it first to change it.");
    let trash = notes::list_notes(&vault, NoteFilter { deleted: true, ..Default::default() }).await.expect("trash");
    assert_eq!(ids(trash), [a1.id.as_str()]);
    notes::restore_note(&vault, &a1.id).await.expect("restore");
    assert_eq!(notes::list_notes(&vault, NoteFilter::default()).await.expect("list").len(), 2);

    // A client in the trash takes their notes out of the general list, not out of their record.
    wellkept::practice::clients::delete_client(&vault, &ana).await.expect("trash ana");
    let all = notes::list_notes(&vault, NoteFilter::default()).await.expect("list");
    assert_eq!(ids(all), [b1.id.as_str()]);
    let anas = notes::list_notes(&vault, NoteFilter { client_id: Some(ana.clone()), ..Default::default() });
    assert_eq!(ids(anas.await.expect("list")), [a1.id.as_str()]);
}

//! JSON exports of a real vault: they validate against docs/export.schema.json, carry the
//! schema version and the plaintext notice, and hold the values that were written.

mod export_fixture;

use std::path::Path;

use export_fixture::{ADDENDUM, CYRILLIC, INJECTION, LONG_NOTE_END, NAME, common, day, populated_vault};
use serde_json::Value;
use wellkept::export::{self, Format, PLAINTEXT_WARNING};
use wellkept::vault::{Unlock, Vault};

fn schema_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.schema.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(path).expect("schema file")).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid(doc: &Value) {
    let validator = schema_validator();
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "export does not match docs/export.schema.json:\n{}", errors.join("\n"));
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("export written")).expect("export is JSON")
}

#[tokio::test]
async fn a_client_record_validates_and_round_trips_after_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let (vault, client_id) = populated_vault(&vault_dir).await;
    drop(vault);
    let vault = Vault::open(&vault_dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen");

    let out = dir.path().join("record.json");
    let done = export::export_client_record(&vault, &export_fixture::request(&client_id, Format::Json), &out)
        .await
        .expect("export");
    assert_eq!(done.warning.text, PLAINTEXT_WARNING);
    assert_eq!(done.bytes, std::fs::metadata(&out).expect("meta").len());
    let doc = read_json(&out);
    assert_valid(&doc);

    assert_eq!(doc["format"], "wellkept-export");
    assert_eq!(doc["schema_version"], export::SCHEMA_VERSION);
    assert_eq!(doc["kind"], "client_record");
    assert_eq!(doc["notice"], PLAINTEXT_WARNING);
    let r = &doc["client_record"];
    assert_eq!(r["client"]["id"], client_id.as_str());
    assert_eq!(r["client"]["name"], NAME);
    assert_eq!(r["client"]["tags"], serde_json::json!(["anxiety", "sleep"]));

    let notes = r["session_notes"].as_array().expect("notes");
    let statuses: Vec<&str> = notes.iter().map(|n| n["status"].as_str().expect("status")).collect();
    assert_eq!(statuses, ["finalised", "finalised", "draft"], "oldest session first");
    assert_eq!(notes[0]["template_title"], "SOAP");
    assert_eq!(notes[0]["sections"][0]["title"], "Subjective");
    assert_eq!(notes[0]["sections"][0]["text"], INJECTION, "user text is exported exactly, unescaped");
    assert_eq!(notes[0]["addenda"][0]["text"], ADDENDUM);
    assert!(notes[1]["sections"][0]["text"].as_str().expect("text").ends_with(LONG_NOTE_END));
    assert!(notes[2]["finalised_at"].is_null());

    let phq: Vec<u64> = r["score_history"][0]["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["total"].as_u64().expect("total"))
        .collect();
    assert_eq!(r["score_history"][0]["instrument"], "phq9");
    assert_eq!(phq, [18, 13, 8, 4]);
    assert_eq!(r["score_history"][0]["bands"][4]["label"], "Severe");
    assert_eq!(r["score_history"][1]["instrument"], "gad7");
    assert_eq!(r["measures"].as_array().expect("measures").len(), 7);

    // PHQ-9 item 9 above 0 raised a flag; the mentor raised another.
    let flags = r["risk_flags"].as_array().expect("flags");
    assert_eq!(flags.len(), 2);
    assert!(flags.iter().any(|f| f["source"] == "measure"));
    assert_eq!(r["safety_plan"]["sections"]["people_to_ask_for_help"][0]["contact"], "+47 912 34 567");
    assert_eq!(r["goals"][0]["steps"].as_array().expect("steps").len(), 2);
    assert_eq!(r["goals"][0]["progress"], 70);
    assert_eq!(r["goals"][0]["reviews"][0]["rating"], 3);
    assert_eq!(r["disclosures"][0]["basis"]["basis"], "consent");
    assert_eq!(r["referrals"][0]["status"], "sent");
    assert_eq!(r["appointments"][0]["recurrence"], "weekly");
    assert!(r["appointments"][0].get("notes").is_none(), "private appointment notes are never exported");
    assert!(!String::from_utf8_lossy(&std::fs::read(&out).expect("read")).contains("PRIVATE appointment note"));
    let sessions = r["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 6);
    assert_eq!(sessions[0]["status"], "attended");
}

#[tokio::test]
async fn a_journal_range_validates_and_holds_only_that_range() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = populated_vault(&dir.path().join("vault")).await;
    let out = dir.path().join("journal.json");
    let _ =
        export::export_journal(&vault, day("2026-10-01"), day("2026-10-20"), Format::Json, &out).await.expect("export");
    let doc = read_json(&out);
    assert_valid(&doc);
    assert_eq!(doc["kind"], "journal");
    let j = &doc["journal"];
    assert_eq!((j["from"].as_str(), j["to"].as_str()), (Some("2026-10-01"), Some("2026-10-20")));
    let titles: Vec<&str> =
        j["entries"].as_array().expect("entries").iter().map(|e| e["title"].as_str().expect("t")).collect();
    assert_eq!(titles, ["Première séance", "Quiet day"], "oldest first, nothing outside the range");
    assert_eq!(j["entries"][1]["body"], CYRILLIC);
    assert_eq!(j["mood_checkins"].as_array().expect("moods").len(), 5);
    assert_eq!(j["mood_series"][0]["day"], "2026-10-01");
    assert_eq!(j["mood_series"][0]["average"], 5.0);
    assert_eq!((j["mood_series"][0]["low"].as_i64(), j["mood_series"][0]["high"].as_i64()), (Some(4), Some(6)));
    assert_eq!(j["thought_records"][0]["automatic_thoughts"][0]["hot"], true);
    assert_eq!(j["activation_log"][0]["pleasure"], 8);
    assert_eq!(j["gratitude"][0]["items"][0]["thing"], "Coffee with Åsa");
}

#[tokio::test]
async fn the_schema_rejects_an_export_with_a_wrong_version_or_a_missing_section() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, client_id) = populated_vault(&dir.path().join("vault")).await;
    let out = dir.path().join("record.json");
    let _ = export::export_client_record(&vault, &export_fixture::request(&client_id, Format::Json), &out)
        .await
        .expect("export");
    let validator = schema_validator();
    let mut doc = read_json(&out);
    doc["schema_version"] = serde_json::json!(99);
    assert!(!validator.is_valid(&doc), "a future schema version must not validate");
    let mut doc = read_json(&out);
    doc["client_record"].as_object_mut().expect("object").remove("risk_flags");
    assert!(!validator.is_valid(&doc), "every section is required");
}

/// A right-of-access export holds everything held about the client (GDPR Art. 15), and a
/// version of their notes kept aside after a rewrite on another computer (docs/decisions.md 70)
/// is held: it is counted on the index and shown, in the JSON (valid against the schema) and
/// in the readable export.
#[tokio::test]
async fn a_right_of_access_export_holds_the_versions_kept_aside() {
    use wellkept::practice::clients::{self, ClientPatch};
    use wellkept::sync::conflicts::{self, ConflictKind};
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, client_id) = populated_vault(&dir.path().join("vault")).await;
    let notes = |text: &str, base: Option<String>| ClientPatch {
        notes: Some(text.into()),
        notes_base: base,
        ..ClientPatch::default()
    };
    clients::update_client(&vault, &client_id, notes("Works nights; prefers evenings.", None)).await.expect("notes");
    // Saved from the notes' first version, as on a computer that had not seen that rewrite.
    clients::update_client(&vault, &client_id, notes("Referred by her GP.", Some(String::new())))
        .await
        .expect("notes from elsewhere");
    let kept = conflicts::for_record(&vault, ConflictKind::Client, &client_id).await.expect("kept");
    assert_eq!(kept.len(), 1);
    let saved = kept[0].written_at.format("%Y-%m-%d %H:%M UTC").to_string();
    let access = |format| export::ClientExport {
        recipient: String::new(),
        basis: None,
        right_of_access: true,
        ..export_fixture::request(&client_id, format)
    };

    let json = dir.path().join("access.json");
    let done = export::export_client_record(&vault, &access(Format::Json), &json).await.expect("json");
    assert_eq!(done.warning.text, PLAINTEXT_WARNING);
    let doc = read_json(&json);
    assert_valid(&doc);
    let r = &doc["client_record"];
    assert_eq!(r["client"]["notes"], "Referred by her GP.");
    assert_eq!(
        r["right_of_access"]["kept_aside"],
        serde_json::json!([{
            "of": "General notes",
            "written_at": kept[0].written_at,
            "text": "Works nights; prefers evenings."
        }])
    );
    let index = r["right_of_access"]["index"].as_array().expect("index");
    assert_eq!(index.last(), Some(&serde_json::json!({"section": "Versions kept aside", "count": 1})));

    let md = dir.path().join("access.md");
    let done = export::export_client_record(&vault, &access(Format::Markdown), &md).await.expect("md");
    assert_eq!(done.warning.text, PLAINTEXT_WARNING);
    let text = std::fs::read_to_string(&md).expect("read");
    assert!(text.contains("| Versions kept aside | 1 |"), "on the index: {text}");
    let section = &text[text.find("\n## Versions kept aside").expect("the section")..];
    assert_eq!(
        section.lines().filter(|l| !l.trim().is_empty()).take(4).collect::<Vec<_>>(),
        vec![
            "## Versions kept aside",
            "Words written on two computers at the same time: one version is in the record above, and these others are held until your mentor chooses between them.",
            format!("### General notes, saved {saved}").as_str(),
            "Works nights; prefers evenings.",
        ]
    );
}

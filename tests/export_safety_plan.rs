//! The printed safety plan (issue 11, deliverable 8), read back with `pdftotext` (poppler): the
//! A4 plan has every step in order with its lines and numbers, step 6's means-restriction
//! guidance and prompts, and the crisis lines of the person's country; the wallet card has its
//! ten panels, each read from its own credit-card-size square of the page. A plan never saved is
//! refused with a sentence, and nothing is written.

mod common;

use std::path::Path;
use std::process::Command;

use wellkept::Error;
use wellkept::clinical::safety_plans::{self, SafetyPlanContent, SafetyPlanItem, SafetyPlanSection};
use wellkept::export::{self, SafetyPlanPrint};
use wellkept::vault::Vault;

fn item(text: &str, contact: Option<&str>) -> SafetyPlanItem {
    SafetyPlanItem { text: text.into(), contact: contact.map(str::to_owned) }
}

async fn plan(v: &Vault) {
    let mut plan = SafetyPlanContent::new();
    plan.insert(SafetyPlanSection::WarningSigns, vec![item("Not sleeping", None), item("Skipping meals", None)]);
    plan.insert(SafetyPlanSection::InternalCoping, vec![item("Cold water on my face", None)]);
    plan.insert(SafetyPlanSection::SocialDistractions, vec![item("The allotment café", None)]);
    plan.insert(SafetyPlanSection::PeopleToAskForHelp, vec![item("Mum", Some("07700 900123"))]);
    plan.insert(SafetyPlanSection::Professionals, vec![item("Dr Shah (GP)", Some("0113 496 0000"))]);
    plan.insert(SafetyPlanSection::SafeEnvironment, vec![item("Sam keeps my spare tablets", None)]);
    plan.insert(SafetyPlanSection::ReasonsForLiving, vec![item("The allotment in summer", None)]);
    safety_plans::save_safety_plan(v, None, plan).await.expect("save plan");
}

/// The text of a PDF (or of one rectangle of its first page, in points), whitespace collapsed.
fn pdf_text(path: &Path, crop: Option<(i32, i32, i32, i32)>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some((x, y, w, h)) = crop {
        for (flag, v) in [("-x", x), ("-y", y), ("-W", w), ("-H", h)] {
            cmd.arg(flag).arg(v.to_string());
        }
    }
    let out = cmd.arg(path).arg("-").output().expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts each of `expected` is in `text`, in this order.
fn in_order(text: &str, expected: &[&str]) {
    let mut from = 0;
    for want in expected {
        match text[from..].find(want) {
            Some(at) => from += at + want.len(),
            None => panic!("“{want}” is missing or out of order after byte {from} in:\n{text}"),
        }
    }
}

#[tokio::test]
async fn the_a4_plan_has_every_step_in_order_with_the_countrys_crisis_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&dir.path().join("vault")).await.vault;
    plan(&vault).await;
    let out = dir.path().join("plan.pdf");
    let done = export::export_safety_plan(&vault, None, Some("gb"), SafetyPlanPrint::Page, &out).await.expect("print");
    assert_eq!(done.bytes, std::fs::metadata(&out).expect("written").len());
    let text = pdf_text(&out, None);
    in_order(
        &text,
        &[
            "My safety plan",
            "Version 1, saved",
            "1. Warning signs that a crisis may be developing",
            "Not sleeping",
            "Skipping meals",
            "2. Things I can do to take my mind off my problems on my own",
            "Cold water on my face",
            "3. People and social settings that provide distraction",
            "The allotment café",
            "4. People I can ask for help",
            "Mum — 07700 900123",
            "5. Professionals or agencies I can contact during a crisis",
            "Dr Shah (GP) — 0113 496 0000",
            "Crisis lines",
            "Crisis lines in United Kingdom:",
            "Emergency services — Call 999",
            "Samaritans — Call 116 123",
            "Shout — Text SHOUT to 85258",
            "NHS 111 — mental health (England) — Call 111, then choose option 2",
            "6. Making the environment safe",
            "Think about anything you might use to hurt yourself if things got very hard, and plan now how to make it harder to reach: what could be removed, locked away or kept by someone you trust until the crisis has passed.",
            "• What could I remove from my home, or keep less of (such as medicines I no longer need)?",
            "• What could I lock away, and who would keep the key or code?",
            "• Who could hold something for me until the crisis has passed?",
            "• Which places or situations should I stay away from when I feel this way?",
            "Sam keeps my spare tablets",
            "My reasons for living",
            "The allotment in summer",
        ],
    );
    assert!(!text.contains("Samaritans (IE)") && !text.contains("Lifeline"), "only the chosen country's lines");
}

#[tokio::test]
async fn the_wallet_card_has_ten_card_sized_panels_in_plan_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&dir.path().join("vault")).await.vault;
    plan(&vault).await;
    let out = dir.path().join("card.pdf");
    let done =
        export::export_safety_plan(&vault, None, Some("GB"), SafetyPlanPrint::WalletCard, &out).await.expect("print");
    assert_eq!(done.warning.text, export::PLAINTEXT_WARNING, "the card, too, is said to be unencrypted");
    let pages = Command::new("pdfinfo").arg(&out).output().expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&pages.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");

    // Panels of 85.6 × 54 mm (242.6 × 153.1 pt), two columns of five, centred on the page.
    let (w, h) = (85.6 / 25.4 * 72.0, 54.0 / 25.4 * 72.0);
    let (left, top) = ((595.28 - 2.0 * w) / 2.0, (841.89 - 5.0 * h) / 2.0);
    let panel = |i: usize| {
        let (x, y) = (left + w * (i % 2) as f64, top + h * (i / 2) as f64);
        pdf_text(&out, Some((x as i32 + 2, y as i32 + 2, w as i32 - 4, h as i32 - 4)))
    };
    let expected: [&[&str]; 10] = [
        &["My safety plan", "Version 1, saved", "Keep this card with you."],
        &["1. Warning signs that a crisis may be developing", "• Not sleeping", "• Skipping meals"],
        &["2. Things I can do to take my mind off my problems on my own", "• Cold water on my face"],
        &["3. People and social settings that provide distraction", "• The allotment café"],
        &["4. People I can ask for help", "• Mum — 07700 900123"],
        &["5. Professionals or agencies I can contact during a crisis", "• Dr Shah (GP) — 0113 496 0000"],
        &[
            "Crisis lines",
            "• Emergency services — Call 999",
            "• Samaritans — Call 116 123",
            "• Shout — Text SHOUT to 85258",
            "• NHS 111 — mental health (England) — Call 111, then choose option 2",
        ],
        &["6. Making the environment safe", "• Sam keeps my spare tablets"],
        &["My reasons for living", "• The allotment in summer"],
        &["To make the card", "Cut along the corner marks", "Fold along the dashed lines"],
    ];
    for (i, want) in expected.iter().enumerate() {
        let text = panel(i);
        in_order(&text, want);
        assert!(!text.contains("the rest is in the full plan"), "panel {i} fits: {text}");
    }
}

#[tokio::test]
async fn an_empty_step_6_on_the_card_shows_the_means_restriction_prompts_and_no_plan_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&dir.path().join("vault")).await.vault;
    let out = dir.path().join("none.pdf");
    let err = export::export_safety_plan(&vault, None, None, SafetyPlanPrint::Page, &out).await.expect_err("no plan");
    assert!(matches!(err, Error::Invalid { .. }));
    assert_eq!(err.to_string(), "safety plan: there is no safety plan to print yet: write one and save it first");
    assert!(!out.exists(), "nothing written");

    let mut content = SafetyPlanContent::new();
    content.insert(SafetyPlanSection::WarningSigns, vec![item("Not sleeping", None)]);
    safety_plans::save_safety_plan(&vault, None, content).await.expect("save");
    let done = export::export_safety_plan(&vault, None, None, SafetyPlanPrint::WalletCard, &out).await.expect("print");
    assert_eq!(done.path, out);
    let text = pdf_text(&out, None);
    in_order(&text, &["What could I remove from my home", "What could I lock away", "Who could hold something for me"]);
    assert!(text.contains("Choose your country in Settings to print its crisis lines here."), "{text}");
}

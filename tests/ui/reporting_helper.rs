//! The "Do I have to report?" helper through its accessible labels: outcomes appear as soon as they are certain,
//! a competent adult who declines sees both the consent rule and what to offer, and guidance says where it comes
//! from; "since the guidebook" notes and the documentation aid are reachable and copyable.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;

use egui_kittest::kittest::{NodeT, Queryable};
use harbor::content::texts::Texts;
use harbor::ui::Tab;

fn open_reporting(harness: &mut egui_kittest::Harness<'static, common::TestApp>) {
    harness.get_by_label("Reporting").click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Reporting);
}

fn answer(
    harness: &mut egui_kittest::Harness<'static, common::TestApp>,
    answer: &str,
    question: &str,
) {
    // Every question keeps its place (issue 22), so a later one may be below the window: scroll to it first, as a
    // user would.
    let label = format!("{answer} — {question}");
    harness.get_by_label(&label).scroll_to_me();
    harness.run();
    harness.get_by_label(&label).click();
    harness.run();
}

fn shows(harness: &egui_kittest::Harness<'static, common::TestApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

const AGE: &str = "How old is the patient?";

#[test]
fn a_minor_resolves_on_the_first_answer() {
    let mut harness = common::harness("en");
    open_reporting(&mut harness);
    assert!(shows(&harness, "Answer each question to see what applies."));
    assert!(!shows(&harness, "File a 51A report with DCF"));
    answer(&mut harness, "Under 18 (a minor)", AGE);
    assert!(shows(&harness, "What applies"));
    assert!(shows(&harness, "File a 51A report with DCF"));
    assert!(
        shows(
            &harness,
            "Copy: Massachusetts DCF Child-At-Risk Hotline (800) 792-5200"
        ),
        "the 51A outcome card with its hotline"
    );
    assert!(
        shows(
            &harness,
            "May also apply, depending on questions not yet answered:"
        ),
        "what still depends on an answer is marked"
    );
    assert!(shows(
        &harness,
        "Required: Report the firearm injury to the state police and the local police"
    ));
}

#[test]
fn an_adult_who_declines_sees_the_consent_rule_and_what_to_offer() {
    let mut harness = common::harness("en");
    open_reporting(&mut harness);
    answer(
        &mut harness,
        "18 to 59 (an adult), or appears to be an adult under 60",
        AGE,
    );
    answer(
        &mut harness,
        "No",
        "Is the patient temporarily unable to give informed consent because of present circumstances, such as intoxication?",
    );
    answer(
        &mut harness,
        "No: competent, and declines",
        "Is the patient competent, and do they give explicit informed consent to a report or referral?",
    );
    // The ban is settled once imminent danger is ruled out (with danger, a narrower "may disclose" shows instead).
    answer(
        &mut harness,
        "No",
        "Is there apparent imminent danger, such as threats of imminent harm to the patient or to someone else?",
    );
    assert!(shows(
        &harness,
        "Do not report the trafficking without the patient's consent"
    ));
    assert!(shows(&harness, "What to offer the patient"));
    assert!(shows(&harness, "(888) 373-7888"));
    assert!(shows(&harness, "233733"));
    // Later answers can still add a report another law requires; the consent rule stays beside it.
    answer(
        &mut harness,
        "Yes",
        "Does the patient have a gunshot wound, a powder burn, or any other injury caused by the discharge of a gun, BB gun, air rifle or other firearm — accidental or not?",
    );
    assert!(shows(
        &harness,
        "Report the firearm injury to the state police and the local police"
    ));
    assert!(shows(
        &harness,
        "Do not report the trafficking without the patient's consent"
    ));
}

#[test]
fn guidance_says_where_it_comes_from_and_what_came_after() {
    let mut harness = common::harness("en");
    open_reporting(&mut harness);
    assert!(shows(&harness, "From the guidebook (2014)."));
    assert!(shows(&harness, "Statute texts read 2026-12-05."));
    assert!(shows(&harness, "What the guidebook's ellipsis leaves out"));
    assert!(shows(&harness, "Since the guidebook · checked 2026-12-05"));
    harness.get_by_label("Resources").click();
    harness.run();
    assert!(shows(
        &harness,
        "In September 2025 HHS awarded its operation to Compass Connections"
    ));
    harness.get_by_label("Response").click();
    harness.run();
    assert!(shows(&harness, "From the guidebook (2014)."));
    // The documentation aid is found by search and each code can be copied.
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("T76.51");
    harness.run();
    harness
        .get_by_label_contains(
            "T76.51XA Adult forced sexual exploitation, suspected, initial encounter",
        )
        .click();
    // The jump lays out the target section and scrolls to it over a few frames.
    harness.run_steps(8);
    assert_eq!(harness.state().app().tab(), Tab::Response);
    assert!(
        harness
            .query_all_by_label(
                "Copy: T76.51XA Adult forced sexual exploitation, suspected, initial encounter"
            )
            .next()
            .is_some(),
        "the code has its own Copy button"
    );
}

#[test]
fn a_file_not_reviewed_for_more_than_twelve_months_says_so() {
    use harbor::content::model::{Provenance, Review};
    let _turn = common::take_turn();
    rust_i18n::set_locale("en");
    let provenance = |date: &str| Provenance {
        source: "MGH/MMS guidebook".into(),
        source_year: 2014,
        statutes: Vec::new(),
        reviews: vec![Review {
            by: "a reviewer".into(),
            kind: harbor::content::model::ReviewKind::Clinical,
            scope: "everything".into(),
            date: date.into(),
        }],
    };
    let stale = provenance("2020-01-31");
    let harness = egui_kittest::Harness::new_ui(|ui| {
        harbor::ui::guidance::provenance_ui(ui, Some(&stale), None);
    });
    assert!(shows_in(&harness, "Last reviewed 2020-01-31."));
    assert!(shows_in(&harness, "more than 12 months ago"));
    let today = harbor::content::checks::today_days();
    let fresh_date = (1970..3000)
        .flat_map(|y| (1..=12).map(move |m| format!("{y:04}-{m:02}-01")))
        .find(|d| {
            harbor::content::checks::days_from_iso(d)
                .is_some_and(|day| today - day < 60 && today >= day)
        })
        .expect("a date within the last two months");
    let fresh = provenance(&fresh_date);
    let harness = egui_kittest::Harness::new_ui(|ui| {
        harbor::ui::guidance::provenance_ui(ui, Some(&fresh), None);
    });
    assert!(shows_in(&harness, "From the guidebook (2014)."));
    assert!(!shows_in(&harness, "more than 12 months ago"));
}

fn shows_in<S>(harness: &egui_kittest::Harness<'_, S>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn the_role_is_asked_once_and_each_duty_says_whether_it_is_yours() {
    use harbor::content::model::Role;
    let mut harness = common::harness("en");
    open_reporting(&mut harness);
    assert!(shows(
        &harness,
        "What is your role? The reporting laws bind different people."
    ));
    assert_eq!(harness.state().app().settings().role, None);
    harness.get_by_label("Nurse").click();
    harness.run();
    assert_eq!(harness.state().app().settings().role, Some(Role::Nurse));
    assert!(!shows(&harness, "What is your role?"), "asked once");
    assert!(shows(&harness, "Your role: Nurse. Change it in Settings."));
    answer(
        &mut harness,
        "Yes",
        "Does the patient have a gunshot wound, a powder burn, or any other injury caused by the discharge of a gun, BB gun, air rifle or other firearm — accidental or not?",
    );
    assert!(shows(
        &harness,
        "Whom the law binds: “Every physician attending or treating”"
    ));
    assert!(shows(
        &harness,
        "For you (Nurse): this law does not name you. Tell the attending physician or the person in charge at once"
    ));
    answer(&mut harness, "Under 18 (a minor)", AGE);
    assert!(
        shows(&harness, "For you (Nurse): this duty is yours."),
        "§ 51A names nurses"
    );
    drop(harness); // one harness at a time: each holds the UI lock

    let mut harness = common::harness("en");
    open_reporting(&mut harness);
    harness.get_by_label("Physician").click();
    harness.run();
    answer(
        &mut harness,
        "Yes",
        "Does the patient have a gunshot wound, a powder burn, or any other injury caused by the discharge of a gun, BB gun, air rifle or other firearm — accidental or not?",
    );
    assert!(shows(&harness, "For you (Physician): this duty is yours."));
    assert!(!shows(&harness, "this law does not name you"));
}

/// Every text in `node` and below it.
fn texts_under(node: &egui_kittest::kittest::AccessKitNode<'_>) -> Vec<String> {
    let mut out: Vec<String> = [node.label(), node.value()].into_iter().flatten().collect();
    for child in node.children() {
        out.extend(texts_under(&child));
    }
    out
}

#[test]
fn an_untranslated_reporting_question_says_shown_in_english_and_is_english_for_a_screen_reader() {
    let english = harbor::content::Content::builtin("en").unwrap();
    let questions: Vec<String> = english
        .reporting
        .collect_texts()
        .into_iter()
        .filter(|(key, anchor, _)| key == anchor && key.starts_with("rep.q."))
        .map(|(_, _, text)| text)
        .collect();
    assert!(questions.len() > 5, "{questions:?}");
    let age = AGE.to_owned();
    assert!(questions.contains(&age));
    // An Arabic reporting translation that translates one question and not the age question (missing).
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("ar")).unwrap();
    std::fs::write(
        dir.path().join("ar/reporting.ron"),
        r#"(reviewed: false, strings: { "rep.q.suffolk": "هل تقدّم الرعاية في مقاطعة سفك؟" })"#,
    )
    .unwrap();
    let mut harness = common::harness_with_content("ar", dir.path());
    harness
        .get_by_label(&common::ui_string("ar", "tab.reporting"))
        .click();
    harness.run();
    let marker = common::ui_string("ar", "common.shown_in_english");
    let question = harness.get_by_label(AGE);
    let node = question.accesskit_node();
    assert_eq!(node.language(), Some("en"), "English in an Arabic page");
    // The smallest element around the question that holds a "shown in English" mark holds no other question.
    let mut around = node.parent();
    let mut marked = None;
    while let Some(element) = around {
        let texts = texts_under(&element);
        if texts.contains(&marker) {
            marked = Some(texts);
            break;
        }
        around = element.parent();
    }
    let texts = marked.expect("a shown-in-English mark around the question");
    let others: Vec<&String> = questions
        .iter()
        .filter(|q| **q != age && texts.contains(q))
        .collect();
    assert!(
        others.is_empty(),
        "the mark is the page's, not the question's: it also holds {others:?}"
    );
}

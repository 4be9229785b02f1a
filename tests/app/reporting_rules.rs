//! The Massachusetts reporting rules, branch by branch. Each case is written from the guidebook's Reporting section
//! (answers → the obligations it names), not from the rule file, so a wrong condition in `reporting.ron` fails here.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use harbor::content::Content;
use harbor::content::rules::Answers;

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(q, a)| (format!("rep.q.{q}"), format!("rep.a.{q}-{a}")))
        .collect()
}

/// A competent adult with nothing else going on, who does not consent.
fn adult_declines() -> Vec<(&'static str, &'static str)> {
    vec![
        ("age", "adult"),
        ("incapable", "no"),
        ("consent", "no"),
        ("disability", "no"),
        ("elder", "no"),
        ("wound", "no"),
        ("children", "no"),
        ("danger", "no"),
    ]
}

fn with(
    mut base: Vec<(&'static str, &'static str)>,
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    for (question, answer) in changes {
        match base.iter_mut().find(|(q, _)| q == question) {
            Some(pair) => pair.1 = answer,
            None => base.push((question, answer)),
        }
    }
    base
}

fn outcomes(pairs: &[(&str, &str)]) -> Vec<String> {
    let content = Content::builtin("en").expect("content");
    let rules = &content.reporting;
    let mut given = answers(pairs);
    rules.prune(&mut given);
    assert!(
        rules.is_complete(&given),
        "every applicable question answered: {given:?}"
    );
    let mut ids: Vec<String> = rules
        .outcomes(&given)
        .iter()
        .map(|o| o.id.trim_start_matches("rep.out.").to_owned())
        .collect();
    ids.sort();
    ids
}

fn expect(pairs: &[(&str, &str)], expected: &[&str]) {
    let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(outcomes(pairs), expected, "answers {pairs:?}");
}

#[test]
fn minor_requires_a_51a_report_whatever_else_is_true() {
    expect(
        &[
            ("age", "minor"),
            ("suffolk", "no"),
            ("wound", "no"),
            ("danger", "no"),
        ],
        &["51a-minor"],
    );
}

#[test]
fn minor_in_suffolk_county_adds_the_seen_coordinator_and_other_reports_stack() {
    expect(
        &[
            ("age", "unknown-minor"),
            ("suffolk", "yes"),
            ("wound", "yes"),
            ("danger", "yes"),
        ],
        &["51a-minor", "seen-suffolk", "wound-12a", "danger"],
    );
}

#[test]
fn competent_adult_who_declines_must_not_be_reported() {
    expect(&adult_declines(), &["no-consent"]);
}

#[test]
fn competent_adult_who_consents_may_be_referred() {
    expect(&with(adult_declines(), &[("consent", "yes")]), &["consent"]);
}

#[test]
fn firearm_burn_or_knife_wound_requires_a_12a_report_even_without_consent() {
    expect(&with(adult_declines(), &[("wound", "yes")]), &["wound-12a"]);
}

#[test]
fn children_of_a_victimized_caretaker_require_a_51a_report() {
    expect(
        &with(adult_declines(), &[("children", "yes")]),
        &["51a-children"],
    );
}

#[test]
fn disabled_adult_requires_dppc_unless_privilege_is_invoked() {
    expect(
        &with(
            adult_declines(),
            &[("disability", "yes"), ("privilege", "no")],
        ),
        &["dppc"],
    );
    expect(
        &with(
            adult_declines(),
            &[("disability", "yes"), ("privilege", "yes")],
        ),
        &["dppc-privilege"],
    );
}

#[test]
fn imminent_danger_follows_institutional_procedure() {
    expect(&with(adult_declines(), &[("danger", "yes")]), &["danger"]);
}

#[test]
fn elder_follows_the_elder_reporting_procedure() {
    expect(&with(adult_declines(), &[("elder", "yes")]), &["elder"]);
}

#[test]
fn adult_temporarily_unable_to_consent_follows_institutional_procedure() {
    let pairs: Vec<(&str, &str)> = adult_declines()
        .into_iter()
        .filter(|(q, _)| *q != "consent")
        .map(|(q, a)| if q == "incapable" { (q, "yes") } else { (q, a) })
        .collect();
    expect(&pairs, &["incapable"]);
}

#[test]
fn every_obligation_at_once_for_a_consenting_adult() {
    expect(
        &with(
            adult_declines(),
            &[
                ("consent", "yes"),
                ("disability", "yes"),
                ("privilege", "no"),
                ("wound", "yes"),
                ("children", "yes"),
                ("danger", "yes"),
            ],
        ),
        &["wound-12a", "51a-children", "dppc", "danger", "consent"],
    );
}

#[test]
fn nothing_is_shown_before_every_question_is_answered() {
    let content = Content::builtin("en").expect("content");
    let given = answers(&[("age", "adult")]);
    assert!(content.reporting.outcomes(&given).is_empty());
}

#[test]
fn the_51a_outcome_lists_the_dcf_hotline_and_statute() {
    let content = Content::builtin("en").expect("content");
    let outcome = content
        .reporting
        .outcomes
        .iter()
        .find(|o| o.id == "rep.out.51a-minor")
        .expect("51A outcome");
    assert!(
        outcome
            .statute
            .as_deref()
            .is_some_and(|s| s.contains("51A"))
    );
    assert!(
        outcome
            .contacts
            .iter()
            .any(|c| c.number == "(800) 792-5200")
    );
    let wound = content
        .reporting
        .outcomes
        .iter()
        .find(|o| o.id == "rep.out.wound-12a")
        .expect("12A outcome");
    assert!(wound.statute.as_deref().is_some_and(|s| s.contains("12A")));
}

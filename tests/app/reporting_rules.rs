//! The Massachusetts reporting rules, branch by branch. Each case is written from the guidebook's Reporting section
//! and the statute texts it cites (answers → the obligations they name), not from the rule file, so a wrong
//! condition in `reporting.ron` fails here. Then the three-valued evaluation, over every reachable state.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::rules_soundness::with;
use harbor::content::Content;

use harbor::content::model::{Block, OutcomeKind, ReportingRules};
use harbor::content::rules::Answers;

fn answers(pairs: &[(&str, &str)]) -> Answers {
    crate::rules_soundness::answers("", pairs)
}

/// A competent adult with nothing else going on, who does not consent.
fn adult_declines() -> Vec<(&'static str, &'static str)> {
    vec![
        ("age", "adult"),
        ("incapable", "no"),
        ("consent", "declines"),
        ("danger", "no"),
        ("disability", "no"),
        ("firearm", "no"),
        ("burn", "no"),
        ("sharp", "no"),
        ("children", "no"),
    ]
}

/// The same, aged 60 or over.
fn elder_declines() -> Vec<(&'static str, &'static str)> {
    let mut pairs: Vec<_> = adult_declines()
        .into_iter()
        .filter(|(q, _)| *q != "disability")
        .collect();
    pairs[0] = ("age", "elder");
    pairs.push(("ltc", "no"));
    pairs.push(("elder-abuse", "no"));
    pairs
}

fn rules() -> ReportingRules {
    Content::builtin("en").expect("content").reporting
}

fn expect(pairs: &[(&str, &str)], expected: &[&str]) {
    crate::rules_soundness::assert_outcomes(&rules(), "", pairs, expected);
}

use crate::rules_soundness::{DECLINES, declines_and};

#[test]
fn minor_requires_a_51a_report_whatever_else_is_true() {
    expect(
        &[
            ("age", "minor"),
            ("suffolk", "no"),
            ("firearm", "no"),
            ("burn", "no"),
            ("sharp", "no"),
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
            ("firearm", "yes"),
            ("burn", "no"),
            ("sharp", "yes"),
            ("danger", "yes"),
        ],
        &[
            "51a-minor",
            "seen-suffolk",
            "12a-firearm",
            "12a-sharp",
            "danger",
        ],
    );
}

#[test]
fn competent_adult_who_declines_gets_the_consent_rule_and_what_to_offer() {
    expect(&adult_declines(), &DECLINES);
}

#[test]
fn competent_adult_who_consents_may_be_referred() {
    expect(&with(adult_declines(), &[("consent", "yes")]), &["consent"]);
}

#[test]
fn an_accidental_gunshot_wound_in_an_adult_who_declines_is_reported_under_12a() {
    // § 12A: every firearm injury, whether or not a crime is suspected — and the consent rule still stands.
    expect(
        &with(adult_declines(), &[("firearm", "yes")]),
        &declines_and(&["12a-firearm"]),
    );
}

#[test]
fn a_burn_of_five_percent_or_more_is_reported_under_12a_whatever_its_cause() {
    expect(
        &with(adult_declines(), &[("burn", "yes")]),
        &declines_and(&["12a-burn"]),
    );
}

#[test]
fn a_knife_wound_is_reported_only_when_a_criminal_act_is_believed_involved() {
    expect(
        &with(adult_declines(), &[("sharp", "yes")]),
        &declines_and(&["12a-sharp"]),
    );
    expect(&with(adult_declines(), &[("sharp", "no")]), &DECLINES);
}

#[test]
fn each_12a_report_names_its_own_authority_and_quotes_the_statute() {
    let rules = rules();
    let find = |id: &str| {
        rules
            .outcomes
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let firearm = find("rep.out.12a-firearm");
    assert!(firearm.what_to_do.contains("colonel of the state police"));
    assert!(firearm.summary.contains("discharge of a gun"));
    let burn = find("rep.out.12a-burn");
    assert!(burn.what_to_do.contains("state fire marshal"));
    assert!(burn.summary.contains("five per cent or more"));
    let sharp = find("rep.out.12a-sharp");
    assert!(
        sharp
            .summary
            .contains("if in his opinion a criminal act was involved")
    );
    for outcome in [firearm, burn, sharp] {
        assert_eq!(outcome.statute.as_deref(), Some("M.G.L. c. 112, § 12A"));
        assert!(
            outcome.what_to_do.contains("does not permit reporting"),
            "{} says it covers only what its law covers",
            outcome.id
        );
    }
}

#[test]
fn the_guidebook_quotation_of_12a_is_kept_and_its_ellipsis_explained() {
    let rules = rules();
    let blocks: Vec<&Block> = rules.sections.iter().flat_map(|s| &s.blocks).collect();
    let quotation = blocks
        .iter()
        .find_map(|b| match b {
            Block::Text { id, text } if id == "rep.other.c112-s12a" => Some(text),
            _ => None,
        })
        .expect("the guidebook's § 12A paragraph");
    assert!(quotation.contains("sharp/pointed instruments… [if] the attending physician believes"));
    let note = blocks
        .iter()
        .find_map(|b| match b {
            Block::Update(note) if note.id == "rep.other.c112-s12a.ellipsis" => Some(note),
            _ => None,
        })
        .expect("the note on the ellipsis");
    assert!(note.text.contains("whether or not a crime is suspected"));
    assert!(note.sources.iter().all(|s| s.starts_with("http")));
}

#[test]
fn children_of_a_victimized_caretaker_require_a_51a_report() {
    expect(
        &with(adult_declines(), &[("children", "yes")]),
        &declines_and(&["51a-children"]),
    );
}

#[test]
fn disabled_adult_requires_dppc_unless_privilege_is_invoked() {
    expect(
        &with(
            adult_declines(),
            &[
                ("disability", "yes"),
                ("disabled-abuse", "yes"),
                ("privilege", "no"),
            ],
        ),
        &declines_and(&["dppc"]),
    );
    expect(
        &with(
            adult_declines(),
            &[
                ("disability", "yes"),
                ("disabled-abuse", "yes"),
                ("privilege", "yes"),
            ],
        ),
        &declines_and(&["dppc-privilege"]),
    );
}

#[test]
fn a_disability_alone_is_not_a_report_chapter_19c_needs_a_serious_injury_from_abuse() {
    // c. 19C § 10: a "reportable condition" is a serious physical or emotional injury from abuse. A competent,
    // independent disabled adult who declines is not reported: the consent rule stands.
    expect(
        &with(
            adult_declines(),
            &[("disability", "yes"), ("disabled-abuse", "no")],
        ),
        &DECLINES,
    );
    let rules = rules();
    let asked: Vec<String> = rules
        .questions_to_ask(&answers(&[
            ("age", "adult"),
            ("disability", "yes"),
            ("disabled-abuse", "no"),
        ]))
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert!(
        !asked.contains(&"rep.q.privilege".to_owned()),
        "privilege only matters once there is something to report: {asked:?}"
    );
}

#[test]
fn abuse_of_an_elder_in_long_term_care_goes_to_the_department_of_public_health() {
    expect(
        &with(elder_declines(), &[("ltc", "yes"), ("elder-abuse", "yes")]),
        &declines_and(&["dph-ltc"]),
    );
    let rules = rules();
    let dph = rules
        .outcomes
        .iter()
        .find(|o| o.id == "rep.out.dph-ltc")
        .expect("DPH outcome");
    assert_eq!(dph.statute.as_deref(), Some("M.G.L. c. 111, § 72G"));
    assert!(dph.contacts.iter().any(|c| c.number == "(800) 462-5540"));
}

#[test]
fn elders_are_reported_to_elder_protective_services_and_not_asked_about_dppc() {
    // M.G.L. c. 19C § 1: the Commission covers ages 18 to 59; c. 19A §§ 14–15: 60 and over.
    expect(
        &with(elder_declines(), &[("elder-abuse", "yes")]),
        &declines_and(&["elder"]),
    );
    assert!(
        rules()
            .outcomes
            .iter()
            .any(|o| o.id == "rep.out.elder"
                && o.what_to_do.contains("written report within 48 hours")),
        "c. 19A § 15(a): in writing within 48 hours"
    );
    expect(&elder_declines(), &DECLINES);
    let rules = rules();
    let asked: Vec<&str> = rules
        .questions_to_ask(&answers(&[("age", "elder")]))
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(!asked.contains(&"rep.q.disability"), "{asked:?}");
    assert!(asked.contains(&"rep.q.elder-abuse"), "{asked:?}");
    let elder = rules
        .outcomes
        .iter()
        .find(|o| o.id == "rep.out.elder")
        .expect("elder outcome");
    assert_eq!(elder.kind, OutcomeKind::Must);
    assert!(elder.contacts.iter().any(|c| c.number == "(800) 922-2275"));
}

#[test]
fn imminent_danger_lifts_the_flat_ban_for_an_adult_who_declines() {
    // Guidebook, A. Adult Patients: the consent rule holds "unless otherwise required under relevant law (… threats
    // of imminent harm to oneself or another)"; 45 CFR 164.512(j) permits a disclosure to prevent a serious and
    // imminent threat. So no "Do not involve law enforcement" beside the danger card.
    expect(
        &with(adult_declines(), &[("danger", "yes")]),
        &["no-consent-danger", "offer", "danger"],
    );
    let rules = rules();
    let exception = rules
        .outcomes
        .iter()
        .find(|o| o.id == "rep.out.no-consent-danger")
        .expect("the imminent-danger exception");
    assert_eq!(exception.kind, OutcomeKind::Consider);
    assert!(exception.what_to_do.contains("you may disclose"));
    assert!(exception.what_to_do.contains("do not report it"));
    assert!(exception.summary.contains("45 CFR 164.512(j)"));
}

#[test]
fn no_to_consent_is_split_into_declines_and_not_able_to_decide() {
    expect(
        &with(adult_declines(), &[("consent", "unable")]),
        &["not-competent"],
    );
    expect(
        &with(adult_declines(), &[("consent", "unable"), ("burn", "yes")]),
        &["not-competent", "12a-burn"],
    );
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
                ("disabled-abuse", "yes"),
                ("privilege", "no"),
                ("firearm", "yes"),
                ("burn", "yes"),
                ("children", "yes"),
                ("danger", "yes"),
            ],
        ),
        &[
            "12a-firearm",
            "12a-burn",
            "51a-children",
            "dppc",
            "danger",
            "consent",
        ],
    );
}

#[test]
fn the_consent_outcome_lists_the_boston_police_unit_and_the_offer_lists_the_hotline() {
    let rules = rules();
    let find = |id: &str| rules.outcomes.iter().find(|o| o.id == id).expect(id);
    let consent = find("rep.out.consent");
    assert!(
        consent
            .contacts
            .iter()
            .any(|c| c.number == "(617) 343-6533")
    );
    let offer = find("rep.out.offer");
    assert_eq!(offer.kind, OutcomeKind::Offer);
    assert!(offer.contacts.iter().any(|c| c.number == "(888) 373-7888"));
    assert!(offer.contacts.iter().any(|c| c.number == "233733"));
    assert!(offer.what_to_do.contains("private, safe space"));
    assert!(offer.what_to_do.contains("safety planning"));
    assert!(offer.what_to_do.contains("follow-up"));
    assert!(
        offer
            .updates
            .iter()
            .any(|n| n.text.contains("mandated reporters")),
        "the patient is told what the hotline may share before anyone dials"
    );
}

#[test]
fn a_minor_resolves_on_the_first_answer() {
    let rules = rules();
    let evaluation = rules.evaluate(&answers(&[("age", "minor")]));
    let certain: Vec<&str> = evaluation.certain.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(certain, ["rep.out.51a-minor"]);
    assert!(!evaluation.complete);
    let possible: Vec<&str> = evaluation.possible.iter().map(|o| o.id.as_str()).collect();
    assert!(possible.contains(&"rep.out.12a-firearm"), "{possible:?}");
    assert!(possible.contains(&"rep.out.seen-suffolk"), "{possible:?}");
}

#[test]
fn a_firearm_injury_shows_its_report_before_anything_else_is_answered() {
    let rules = rules();
    let evaluation = rules.evaluate(&answers(&[("firearm", "yes")]));
    assert!(
        evaluation
            .certain
            .iter()
            .any(|o| o.id == "rep.out.12a-firearm")
    );
}

#[test]
fn a_declining_adult_sees_the_consent_rule_at_once_with_what_may_still_be_required() {
    let rules = rules();
    let evaluation = rules.evaluate(&answers(&[
        ("age", "adult"),
        ("incapable", "no"),
        ("consent", "declines"),
        ("danger", "no"),
    ]));
    let certain: Vec<&str> = evaluation.certain.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(certain, ["rep.out.no-consent", "rep.out.offer"]);
    let possible: Vec<&str> = evaluation.possible.iter().map(|o| o.id.as_str()).collect();
    for mandated in [
        "rep.out.12a-firearm",
        "rep.out.dppc",
        "rep.out.51a-children",
    ] {
        assert!(possible.contains(&mandated), "{mandated} in {possible:?}");
    }
}

#[test]
fn three_valued_evaluation_is_sound_and_complete_in_every_reachable_state() {
    crate::rules_soundness::assert_three_valued_sound_and_complete(&rules(), 500);
}

#[test]
fn every_reachable_combination_has_an_outcome_and_a_declining_adult_always_sees_the_consent_rule() {
    let rules = rules();
    let completions = rules.completions(&Answers::new());
    assert!(
        completions.len() > 400,
        "{} combinations",
        completions.len()
    );
    for answers in &completions {
        let ids: Vec<&str> = rules
            .outcomes(answers)
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert!(!ids.is_empty(), "{answers:?}");
        let declines =
            answers.get("rep.q.consent").map(String::as_str) == Some("rep.a.consent-declines");
        let danger = answers.get("rep.q.danger").map(String::as_str) == Some("rep.a.danger-yes");
        assert_eq!(
            declines,
            ids.contains(&"rep.out.offer"),
            "{answers:?} → {ids:?}"
        );
        assert_eq!(
            declines && !danger,
            ids.contains(&"rep.out.no-consent"),
            "{answers:?} → {ids:?}"
        );
        assert_eq!(
            declines && danger,
            ids.contains(&"rep.out.no-consent-danger"),
            "{answers:?} → {ids:?}"
        );
    }
}

// ─── Every answer combination (what `--reporting-table` prints), point by point of issue 24 ───

fn outcome_ids(rules: &ReportingRules, answers: &Answers) -> Vec<String> {
    rules
        .outcomes(answers)
        .iter()
        .map(|o| o.id.clone())
        .collect()
}

#[test]
fn no_combination_shows_a_flat_ban_beside_imminent_danger() {
    let rules = rules();
    let completions = rules.completions(&Answers::new());
    let mut with_danger = 0;
    for answers in &completions {
        if answers.get("rep.q.danger").map(String::as_str) != Some("rep.a.danger-yes") {
            continue;
        }
        with_danger += 1;
        let bans: Vec<&str> = rules
            .outcomes(answers)
            .iter()
            .filter(|o| o.kind == OutcomeKind::MustNot)
            .map(|o| o.id.as_str())
            .collect();
        assert!(
            bans.is_empty(),
            "{answers:?} shows {bans:?} beside imminent danger"
        );
    }
    assert!(with_danger > 100, "{with_danger} combinations with danger");
    // Nor while the answers are partial: a ban is never shown as settled beside a "Yes" to danger.
    for state in crate::rules_soundness::reachable_states(&rules) {
        if state.get("rep.q.danger").map(String::as_str) == Some("rep.a.danger-yes") {
            let evaluation = rules.evaluate(&state);
            assert!(
                evaluation
                    .certain
                    .iter()
                    .all(|o| o.kind != OutcomeKind::MustNot),
                "{state:?}"
            );
        }
    }
}

#[test]
fn dppc_is_required_only_with_a_yes_to_injury_from_abuse() {
    let rules = rules();
    let mut required = 0;
    for answers in rules.completions(&Answers::new()) {
        let ids = outcome_ids(&rules, &answers);
        if ids.iter().any(|id| id == "rep.out.dppc") {
            required += 1;
            assert_eq!(
                answers.get("rep.q.disabled-abuse").map(String::as_str),
                Some("rep.a.disabled-abuse-yes"),
                "{answers:?}"
            );
        }
        if answers.get("rep.q.disabled-abuse").map(String::as_str)
            == Some("rep.a.disabled-abuse-no")
        {
            assert!(
                !ids.iter().any(|id| id.starts_with("rep.out.dppc")),
                "{answers:?} → {ids:?}"
            );
        }
    }
    assert!(required > 0);
}

#[test]
fn every_51a_outcome_states_the_written_report_within_48_hours() {
    let rules = rules();
    let written_within_48 = |text: &str| text.contains("written report within 48 hours");
    let mut checked = 0;
    for outcome in &rules.outcomes {
        let statute = outcome.statute.as_deref().unwrap_or_default();
        if statute.contains("51A") {
            checked += 1;
            assert!(written_within_48(&outcome.what_to_do), "{}", outcome.id);
            assert!(
                outcome.what_to_do.contains("in addition to the 51A report"),
                "{}: the police may be called as well, not instead",
                outcome.id
            );
        }
        // The other statutes that say so: c. 19C § 10, c. 19A § 15(a), c. 111 § 72G.
        if ["19C", "19A", "72G"].iter().any(|s| statute.contains(s)) {
            assert!(
                outcome.what_to_do.contains("within 48 hours"),
                "{}: {}",
                outcome.id,
                outcome.what_to_do
            );
        }
    }
    assert_eq!(checked, 2, "51a-minor and 51a-children");
    // And in every combination that shows one of them.
    for answers in rules.completions(&Answers::new()) {
        for outcome in rules.outcomes(&answers) {
            if outcome
                .statute
                .as_deref()
                .is_some_and(|s| s.contains("51A"))
            {
                assert!(written_within_48(&outcome.what_to_do));
            }
        }
    }
}

#[test]
fn every_duty_names_the_role_it_binds() {
    use harbor::content::model::{Duty, Role};
    let rules = rules();
    for outcome in rules
        .outcomes
        .iter()
        .filter(|o| o.kind == OutcomeKind::Must)
    {
        let binds = outcome.binds.as_deref().unwrap_or_default();
        assert!(
            !binds.trim().is_empty(),
            "{} names whom it binds",
            outcome.id
        );
        for role in Role::ALL {
            assert!(
                outcome.duty_for(role).is_some(),
                "{}: no duty for {role:?}",
                outcome.id
            );
        }
    }
    let find = |id: &str| rules.outcomes.iter().find(|o| o.id == id).expect(id);
    // § 12A binds "every physician" and the hospital's person in charge: a nurse or NP tells them.
    for id in [
        "rep.out.12a-firearm",
        "rep.out.12a-burn",
        "rep.out.12a-sharp",
    ] {
        let outcome = find(id);
        assert!(
            outcome
                .binds
                .as_deref()
                .is_some_and(|b| b.contains("physician"))
        );
        assert_eq!(outcome.duty_for(Role::Physician), Some(Duty::Yours), "{id}");
        for role in [Role::NpPa, Role::Nurse, Role::SocialWorker, Role::Other] {
            assert_eq!(
                outcome.duty_for(role),
                Some(Duty::TellResponsible),
                "{id} {role:?}"
            );
        }
    }
    // § 51A names physicians, nurses, hospital personnel and social workers as mandated reporters.
    for id in ["rep.out.51a-minor", "rep.out.51a-children"] {
        let outcome = find(id);
        for role in [Role::Physician, Role::Nurse, Role::SocialWorker] {
            assert_eq!(outcome.duty_for(role), Some(Duty::Yours), "{id} {role:?}");
        }
        assert_eq!(outcome.duty_for(Role::Other), Some(Duty::Check), "{id}");
    }
    // The mandated reports no longer say "(physician)" in their titles: the role line says whose duty it is.
    assert!(
        rules
            .outcomes
            .iter()
            .all(|o| !o.title.contains("(physician)"))
    );
}

#[test]
fn cards_for_adults_do_not_cite_the_section_on_minors_alone() {
    let rules = rules();
    for id in [
        "rep.out.12a-firearm",
        "rep.out.12a-burn",
        "rep.out.12a-sharp",
        "rep.out.51a-children",
    ] {
        let outcome = rules.outcomes.iter().find(|o| o.id == id).expect(id);
        assert!(
            !outcome.source.0.contains("B. Minors in Need of Protection"),
            "{id}: {}",
            outcome.source.0
        );
    }
}

/// What a search result for an outcome fills the helper with: the first complete answers, in question order and
/// each question's answer order, under which the outcome is shown; answers already given are kept when they can
/// still lead there, and none are offered when they rule it out.
#[test]
fn every_outcome_has_first_answers_that_lead_to_it_and_given_answers_are_kept() {
    let rules = rules();
    let every_path = rules.completions(&Answers::new());
    for outcome in &rules.outcomes {
        let found = rules
            .answers_leading_to(&outcome.id, &Answers::new())
            .unwrap_or_else(|| panic!("no answers lead to {}", outcome.id));
        assert!(rules.shows(&outcome.id, &found), "{}", outcome.id);
        // The first such path: no earlier path through the helper shows it.
        let at = every_path.iter().position(|path| *path == found).unwrap();
        assert!(
            every_path[..at]
                .iter()
                .all(|path| !rules.shows(&outcome.id, path)),
            "{}: an earlier path shows it",
            outcome.id
        );
        // Kept: the path's first answers (in question order), already given, lead to the same path.
        let mut given = Answers::new();
        for question in &rules.questions {
            if let Some(answer) = found.get(&question.id) {
                given.insert(question.id.clone(), answer.clone());
                let from_given = rules.answers_leading_to(&outcome.id, &given);
                assert_eq!(
                    from_given.as_ref(),
                    Some(&found),
                    "{} from {given:?}",
                    outcome.id
                );
            }
        }
    }
    // Ruled out: a minor's 51A report is never shown for an adult.
    let adult = answers(&[("age", "adult")]);
    assert!(
        rules
            .answers_leading_to("rep.out.51a-minor", &adult)
            .is_none()
    );
}

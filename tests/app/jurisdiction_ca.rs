//! The California pack (`content/jurisdictions/ca/en/`), branch by branch. Each case is written from the statute
//! text the pack cites (Penal Code §§ 11160, 11165.1, 11165.9, 11166; Welfare and Institutions Code §§ 15610.23,
//! 15610.27, 15630), not from the rule file, so a wrong condition fails here; then the same every-combination and
//! three-valued checks the Massachusetts rules have, and the project's own validator run on the pack.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::rules_soundness::with;
use std::collections::BTreeSet;
use std::path::Path;

use harbor::content::jurisdiction::{load_resources, load_rules};
use harbor::content::model::{Duty, OutcomeKind, ReportingRules, Role};
use harbor::content::rules::Answers;
use harbor::content::{Content, Jurisdiction, Severity};

const REPORTING: &str = include_str!("../../content/jurisdictions/ca/en/reporting.ron");
const RESOURCES: &str = include_str!("../../content/jurisdictions/ca/en/resources.ron");

/// The rules as the app loads them (built in, English).
fn rules() -> ReportingRules {
    let (rules, problems) = load_rules(Jurisdiction::California, "en", None);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        !rules.questions.is_empty(),
        "the California pack is built in"
    );
    rules
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    crate::rules_soundness::answers("ca.", pairs)
}

/// A competent adult (18 to 64) with nothing else going on, who does not consent.
fn adult_declines() -> Vec<(&'static str, &'static str)> {
    vec![
        ("age", "adult"),
        ("incapable", "no"),
        ("consent", "declines"),
        ("danger", "no"),
        ("dependent", "no"),
        ("firearm", "no"),
        ("assault", "no"),
        ("children", "no"),
    ]
}

fn expect(pairs: &[(&str, &str)], expected: &[&str]) {
    crate::rules_soundness::assert_outcomes(&rules(), "ca.", pairs, expected);
}

use crate::rules_soundness::{DECLINES, declines_and};

fn outcome<'a>(rules: &'a ReportingRules, id: &str) -> &'a harbor::content::model::Outcome {
    rules
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("{id}"))
}

// ─── Scenarios, from the statute text ───

#[test]
fn a_minor_is_a_mandated_child_abuse_report_whatever_else_is_true() {
    // § 11165.1: commercial sexual exploitation of a child is sexual abuse; § 11166(a): report it.
    expect(
        &[
            ("age", "minor"),
            ("danger", "no"),
            ("firearm", "no"),
            ("assault", "no"),
            ("children", "no"),
        ],
        &["canra-minor"],
    );
    expect(
        &[
            ("age", "unknown-minor"),
            ("danger", "no"),
            ("firearm", "no"),
            ("assault", "no"),
            ("children", "no"),
        ],
        &["canra-minor"],
    );
}

#[test]
fn a_minor_with_a_gunshot_wound_and_a_beating_gets_every_report_at_once() {
    expect(
        &[
            ("age", "minor"),
            ("danger", "yes"),
            ("firearm", "yes"),
            ("assault", "serious"),
            ("children", "no"),
        ],
        &["canra-minor", "11160-firearm", "11160-assault", "danger"],
    );
}

#[test]
fn the_child_abuse_report_is_by_telephone_at_once_and_in_writing_within_36_hours() {
    let rules = rules();
    for id in ["ca.rep.out.canra-minor", "ca.rep.out.canra-children"] {
        let o = outcome(&rules, id);
        assert!(o.what_to_do.contains("immediately"), "{id}");
        assert!(o.what_to_do.contains("within 36 hours"), "{id}");
        assert!(
            o.what_to_do.contains("police or sheriff"),
            "{id}: § 11165.9"
        );
        assert_eq!(
            o.statute.as_deref(),
            Some("Cal. Penal Code § 11166 (Child Abuse and Neglect Reporting Act)")
        );
    }
    let minor = outcome(&rules, "ca.rep.out.canra-minor");
    assert!(minor.summary.contains("commercial sexual exploitation"));
}

#[test]
fn a_competent_adult_who_declines_gets_the_consent_rule_and_what_to_offer() {
    expect(&adult_declines(), &DECLINES);
    expect(&with(adult_declines(), &[("consent", "yes")]), &["consent"]);
}

#[test]
fn a_firearm_injury_is_reported_to_law_enforcement_at_any_age_and_the_consent_rule_still_stands() {
    // § 11160(a)(1): "inflicted by his or her own act or inflicted by another ... by means of a firearm".
    expect(
        &with(adult_declines(), &[("firearm", "yes")]),
        &declines_and(&["11160-firearm"]),
    );
    let rules = rules();
    let firearm = outcome(&rules, "ca.rep.out.11160-firearm");
    assert!(firearm.what_to_do.contains("within two working days"));
    assert!(firearm.what_to_do.contains("local law enforcement"));
    assert!(firearm.what_to_do.contains("does not permit reporting"));
}

#[test]
fn california_differs_from_massachusetts_an_injury_from_a_beating_is_a_police_report() {
    // California § 11160(a)(2): an injury from assaultive or abusive conduct is reported whatever the patient
    // wishes. Massachusetts § 12A names only firearm injuries, large burns and criminal knife wounds, so the same
    // competent adult, beaten but not shot, burned or stabbed, is shown no mandated report there.
    expect(
        &with(adult_declines(), &[("assault", "serious")]),
        &declines_and(&["11160-assault"]),
    );
    let ma = Content::builtin("en").expect("content").reporting;
    let mut given: Answers = [
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
    .iter()
    .map(|(q, a)| (format!("rep.q.{q}"), format!("rep.a.{q}-{a}")))
    .collect();
    ma.prune(&mut given);
    assert!(ma.is_complete(&given));
    assert!(
        ma.outcomes(&given)
            .iter()
            .all(|o| o.kind != OutcomeKind::Must),
        "Massachusetts has no mandated report for this adult"
    );
}

#[test]
fn california_differs_from_massachusetts_an_elder_is_65_not_60() {
    // Welf. & Inst. Code § 15610.27: "Elder" means any person residing in this state, 65 years of age or older.
    // A 62-year-old without limitations is an adult in California (no elder-abuse question), an elder in
    // Massachusetts (c. 19A, § 14: 60 or over).
    let ca = rules();
    let age = ca
        .questions
        .iter()
        .find(|q| q.id == "ca.rep.q.age")
        .unwrap();
    let ca_text = ron::to_string(age).unwrap();
    assert!(ca_text.contains("65 or older (an elder)"), "{ca_text}");
    assert!(ca_text.contains("18 to 64 (an adult)"), "{ca_text}");
    let ma = Content::builtin("en").expect("content").reporting;
    let ma_age = ma.questions.iter().find(|q| q.id == "rep.q.age").unwrap();
    assert!(
        ron::to_string(ma_age)
            .unwrap()
            .contains("60 or older (an elder)")
    );
    // The 62-year-old adult without limitations is not asked about elder abuse and gets no APS report.
    let asked: Vec<String> = ca
        .questions_to_ask(&answers(&adult_declines()))
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert!(!asked.contains(&"ca.rep.q.abuse".to_owned()), "{asked:?}");
}

#[test]
fn other_injuries_from_violence_are_a_question_to_check_not_a_decided_must() {
    // The statute as read requires the report; the 2024 bill text would not. Harbor cannot tell which is in force,
    // so it shows a Consider with the exact text, never a Must nor silence.
    expect(
        &with(adult_declines(), &[("assault", "other")]),
        &declines_and(&["11160-assault-check"]),
    );
    let rules = rules();
    let check = outcome(&rules, "ca.rep.out.11160-assault-check");
    assert_eq!(check.kind, OutcomeKind::Consider);
    assert!(check.what_to_do.contains("AB 3127"));
    assert!(check.what_to_do.contains("could not be confirmed"));
}

#[test]
fn abuse_of_a_hospital_inpatient_aged_18_to_64_is_a_mandated_report_without_consent() {
    // § 15610.23: a dependent adult includes a person 18 to 64 admitted as an inpatient to a 24-hour health
    // facility; § 15630(b)(1): isolation, financial abuse, physical abuse... must be reported.
    expect(
        &with(adult_declines(), &[("dependent", "yes"), ("abuse", "yes")]),
        &declines_and(&["aps"]),
    );
    expect(
        &with(adult_declines(), &[("dependent", "yes"), ("abuse", "no")]),
        &DECLINES,
    );
    let rules = rules();
    let aps = outcome(&rules, "ca.rep.out.aps");
    assert!(aps.what_to_do.contains("within two working days"));
    assert!(aps.what_to_do.contains("ombudsman"));
    assert!(aps.what_to_do.contains("Adult Protective Services"));
    assert!(
        aps.contacts.iter().any(|c| c.number == "(833) 401-0832"),
        "the CDSS statewide APS number"
    );
}

#[test]
fn an_adult_without_limitations_is_never_asked_about_elder_or_dependent_abuse() {
    let rules = rules();
    let mut given = answers(&adult_declines());
    given.insert("ca.rep.q.abuse".into(), "ca.rep.a.abuse-yes".into());
    rules.prune(&mut given);
    assert!(!given.contains_key("ca.rep.q.abuse"), "stale answer pruned");
    assert!(
        !rules
            .outcomes(&given)
            .iter()
            .any(|o| o.id == "ca.rep.out.aps")
    );
}

#[test]
fn an_elder_who_declines_is_still_reported_for_abuse_and_the_trafficking_still_needs_consent() {
    let elder = vec![
        ("age", "elder"),
        ("incapable", "no"),
        ("consent", "declines"),
        ("danger", "no"),
        ("abuse", "yes"),
        ("firearm", "no"),
        ("assault", "no"),
        ("children", "no"),
    ];
    expect(&elder, &declines_and(&["aps"]));
    expect(&with(elder, &[("abuse", "no")]), &DECLINES);
}

#[test]
fn a_child_of_the_patient_suspected_abused_is_reported_under_canra() {
    expect(
        &with(adult_declines(), &[("children", "yes")]),
        &declines_and(&["canra-children"]),
    );
    // § 11166(a) reaches any child the reporter learns of; a patient under 18 may be a parent too, and the report
    // about the patient does not cover their baby (review 2026-12-06).
    expect(
        &[
            ("age", "minor"),
            ("danger", "no"),
            ("firearm", "no"),
            ("assault", "no"),
            ("children", "yes"),
        ],
        &["canra-minor", "canra-children"],
    );
    let rules = rules();
    assert!(
        outcome(&rules, "ca.rep.out.canra-children")
            .what_to_do
            .contains(
                "for an adult patient, it does not permit reporting the patient's own trafficking"
            )
    );
}

#[test]
fn imminent_danger_lifts_the_flat_ban_and_incapacity_follows_procedure() {
    expect(
        &with(adult_declines(), &[("danger", "yes")]),
        &["danger", "no-consent-danger", "offer"],
    );
    expect(
        &[
            ("age", "adult"),
            ("incapable", "yes"),
            ("danger", "no"),
            ("dependent", "no"),
            ("firearm", "no"),
            ("assault", "no"),
            ("children", "no"),
        ],
        &["incapable"],
    );
    expect(
        &with(adult_declines(), &[("consent", "unable")]),
        &["not-competent"],
    );
}

#[test]
fn every_duty_names_the_roles_the_statute_binds() {
    let rules = rules();
    // § 11165.7 names physicians, licensed nurses and "a social worker": the child abuse report is theirs.
    for id in ["ca.rep.out.canra-minor", "ca.rep.out.canra-children"] {
        let o = outcome(&rules, id);
        for role in [Role::Physician, Role::Nurse, Role::SocialWorker] {
            assert_eq!(o.duty_for(role), Some(Duty::Yours), "{id} {role:?}");
        }
        assert_eq!(o.duty_for(Role::Other), Some(Duty::Check), "{id}");
    }
    // § 11160 binds "any health practitioner employed in a health facility..."; § 11162.5 was not read, so only the
    // physician's duty (the duty § 11160 took over in 1993) is stated as theirs.
    for id in ["ca.rep.out.11160-firearm", "ca.rep.out.11160-assault"] {
        let o = outcome(&rules, id);
        assert_eq!(o.duty_for(Role::Physician), Some(Duty::Yours), "{id}");
        for role in [Role::NpPa, Role::Nurse, Role::SocialWorker, Role::Other] {
            assert_eq!(o.duty_for(role), Some(Duty::Check), "{id} {role:?}");
        }
        assert!(o.binds.as_deref().unwrap().contains("health practitioner"));
    }
    let aps = outcome(&rules, "ca.rep.out.aps");
    assert!(
        aps.binds
            .as_deref()
            .unwrap()
            .contains("health practitioner")
    );
    // § 15630(a) names the "health practitioner" and every "care custodian". A care custodian is an administrator or
    // employee of, among others, twenty-four-hour health facilities and clinics (§ 15610.17, as Los Angeles County
    // lists it), and the Attorney General counts "All Staff in every … Hospital"; the health practitioner includes
    // registered nurses, licensed and associate clinical social workers and "any other person who is currently
    // licensed under Division 2" (§ 15610.37 as RAINN quotes it). A nurse practitioner, physician assistant or
    // social worker treating the patient is bound: `Check` would leave a missing "must" (review 2026-12-06).
    for role in [Role::Physician, Role::NpPa, Role::Nurse, Role::SocialWorker] {
        assert_eq!(aps.duty_for(role), Some(Duty::Yours), "{role:?}");
    }
    assert_eq!(aps.duty_for(Role::Other), Some(Duty::Check));
    let binds = aps.binds.as_deref().unwrap();
    assert!(binds.contains("All Staff in every … Hospital"), "{binds}");
    assert!(
        binds.contains("in a hospital or clinic, the duty is yours whatever your role"),
        "{binds}"
    );
    assert!(binds.contains("licensed under Division 2"), "{binds}");
    // Every mandated report has binds and a duty for all five roles (what `--check-content` requires).
    for o in rules
        .outcomes
        .iter()
        .filter(|o| o.kind == OutcomeKind::Must)
    {
        assert!(
            o.binds.as_deref().is_some_and(|b| !b.trim().is_empty()),
            "{}",
            o.id
        );
        for role in Role::ALL {
            assert!(o.duty_for(role).is_some(), "{} {role:?}", o.id);
        }
        assert!(
            o.source.0.contains("2026-12-06"),
            "{} dates its reading",
            o.id
        );
    }
}

// ─── Every combination, and the three-valued evaluation ───

#[test]
fn every_combination_has_an_outcome_no_contradiction_and_a_declining_adult_sees_the_consent_rule() {
    let rules = rules();
    let completions = rules.completions(&Answers::new());
    assert!(
        completions.len() > 200,
        "{} combinations",
        completions.len()
    );
    for answers in &completions {
        let applies = rules.outcomes(answers);
        assert!(!applies.is_empty(), "{answers:?}");
        for forbidden in applies.iter().filter(|o| o.kind == OutcomeKind::MustNot) {
            assert!(
                !applies
                    .iter()
                    .any(|o| o.kind == OutcomeKind::Must && o.subject == forbidden.subject),
                "{answers:?}"
            );
        }
        let ids: Vec<&str> = applies.iter().map(|o| o.id.as_str()).collect();
        let declines = answers.get("ca.rep.q.consent").map(String::as_str)
            == Some("ca.rep.a.consent-declines");
        let danger =
            answers.get("ca.rep.q.danger").map(String::as_str) == Some("ca.rep.a.danger-yes");
        assert_eq!(declines, ids.contains(&"ca.rep.out.offer"), "{ids:?}");
        assert_eq!(
            declines && !danger,
            ids.contains(&"ca.rep.out.no-consent"),
            "{ids:?}"
        );
        assert_eq!(
            declines && danger,
            ids.contains(&"ca.rep.out.no-consent-danger"),
            "{ids:?}"
        );
        let minor = matches!(
            answers.get("ca.rep.q.age").map(String::as_str),
            Some("ca.rep.a.age-minor" | "ca.rep.a.age-unknown-minor")
        );
        assert_eq!(minor, ids.contains(&"ca.rep.out.canra-minor"), "{ids:?}");
    }
}

#[test]
fn three_valued_evaluation_is_sound_and_complete_in_every_reachable_state() {
    crate::rules_soundness::assert_three_valued_sound_and_complete(&rules(), 300);
}

#[test]
fn a_minor_resolves_on_the_first_answer() {
    let rules = rules();
    let evaluation = rules.evaluate(&answers(&[("age", "minor")]));
    assert!(
        evaluation
            .certain
            .iter()
            .any(|o| o.id == "ca.rep.out.canra-minor")
    );
}

// ─── The files themselves ───

/// Every id in the pack, found in the raw text (`id: "…"`), so answer and contact ids are covered too.
fn raw_ids(text: &str) -> Vec<&str> {
    text.split("id: \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn every_id_is_prefixed_with_the_state_code_and_unique() {
    for (file, text) in [("reporting", REPORTING), ("resources", RESOURCES)] {
        let ids = raw_ids(text);
        assert!(ids.len() > 10, "{file}: {} ids", ids.len());
        let mut seen = BTreeSet::new();
        for id in ids {
            assert!(id.starts_with("ca."), "{file}: {id}");
            assert!(seen.insert(id), "{file}: {id} twice");
        }
    }
}

#[test]
fn provenance_dates_every_statute_and_says_it_was_not_reviewed_by_counsel() {
    assert!(REPORTING.contains("jurisdiction: \"California\""));
    assert!(REPORTING.contains(
        "(by: \"Harbor project (not legal counsel)\", scope: \"checked by the project against the statute text, not reviewed by counsel\", date: \"2026-12-06\")"
    ));
    let statutes = REPORTING.matches("(citation: ").count();
    assert!(statutes >= 15, "{statutes} statute entries");
    assert_eq!(
        REPORTING.matches("checked: \"2026-12-06\"").count(),
        statutes,
        "every statute entry carries the date it was read"
    );
    assert!(REPORTING.contains("https://leginfo.legislature.ca.gov/"));
}

#[test]
fn the_resources_are_californias_own_with_well_formed_numbers() {
    let (pack, problems) = load_resources(Jurisdiction::California, "en", None);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(pack.groups.len(), 1, "only the state's own group");
    let numbers: Vec<&str> = pack
        .groups
        .iter()
        .flat_map(|g| &g.resources)
        .flat_map(|r| &r.contacts)
        .map(|c| c.number.as_str())
        .collect();
    for expected in [
        "(833) 401-0832",
        "(800) 231-4024",
        "(800) 540-4000",
        "(858) 560-2191",
        "(888) 539-2373",
    ] {
        assert!(numbers.contains(&expected), "{expected} in {numbers:?}");
    }
    assert!(
        !numbers.contains(&"(888) 373-7888"),
        "the national hotline stays in the national group"
    );
}

/// The project's own validator (`--check-content`) on the built-in content directory: no error may concern the
/// California pack.
#[test]
fn the_pack_passes_the_content_validator() {
    let problems = harbor::content::validate::validate_pack(Path::new("content"));
    let ours: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .filter(|p| p.file.starts_with("jurisdictions/ca/"))
        .map(ToString::to_string)
        .collect();
    assert!(ours.is_empty(), "{ours:#?}");
}

/// The California lines checked in the review have their hours in `content/hours.ron`, from the agencies' own pages
/// (read 2026-12-06), so a card shows "24/7" instead of "hours not confirmed" (review 2026-12-06).
#[test]
fn the_california_lines_hours_come_from_the_agencies_pages() {
    let hours = harbor::content::hours::HoursTable::builtin();
    for (number, page) in [
        ("(800) 231-4024", "aging.ca.gov"),
        ("(800) 540-4000", "dcfs.lacounty.gov"),
        ("(858) 560-2191", "sandiegocounty.gov"),
        ("(888) 539-2373", "castla.org"),
    ] {
        assert!(hours.always_open(number), "{number}: 24/7");
        let entry = hours.of(number).expect(number);
        assert!(entry.source.contains(page), "{}", entry.source);
        assert_eq!(entry.read, "2026-12-06");
    }
}

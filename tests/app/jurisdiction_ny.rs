//! The New York pack, scenario by scenario. Each case is written from the statute text the pack cites (read
//! 2026-12-06: Social Services Law §§ 413, 415, 447-a, 473-b, 483-cc, 488, 491; Family Court Act § 1012(e); Penal Law
//! §§ 265.25, 265.26; Public Health Law § 2803-d), not from the rule file, so a wrong condition in
//! `content/jurisdictions/ny/en/reporting.ron` fails here. Then where New York differs from Massachusetts, the same
//! checks `--check-content` runs, and the three-valued evaluation over every reachable state.

use crate::rules_soundness::with;
use std::collections::BTreeSet;

use harbor::content::model::{Block, Duty, OutcomeKind, ReportingRules, ResourcePack, Role};
use harbor::content::rules::Answers;
use harbor::content::{Content, Jurisdiction, jurisdiction};

const RULES: &str = include_str!("../../content/jurisdictions/ny/en/reporting.ron");
const RESOURCES: &str = include_str!("../../content/jurisdictions/ny/en/resources.ron");

/// The New York rules as the app loads them (built into the binary by build.rs), with no problem.
fn rules() -> ReportingRules {
    let (rules, problems) = jurisdiction::load_rules(Jurisdiction::NewYork, "en", None);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        rules,
        ron::from_str(RULES).expect("the New York rules parse")
    );
    rules
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    crate::rules_soundness::answers("ny.", pairs)
}

/// A competent adult at home, nothing else going on, who does not consent.
fn adult_declines() -> Vec<(&'static str, &'static str)> {
    vec![
        ("age", "adult"),
        ("incapable", "no"),
        ("consent", "declines"),
        ("danger", "no"),
        ("mental-health", "no"),
        ("firearm", "no"),
        ("sharp", "no"),
        ("burn", "no"),
        ("setting", "neither"),
        ("adult-abuse", "no"),
        ("children", "no"),
    ]
}

/// A minor with no injury to report, living at home.
fn minor(caretaker: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("age", "minor"),
        ("caretaker", caretaker),
        ("danger", "no"),
        ("mental-health", "no"),
        ("children", "no"),
        ("firearm", "no"),
        ("sharp", "no"),
        ("burn", "no"),
        ("setting", "neither"),
    ]
}

fn expect(pairs: &[(&str, &str)], expected: &[&str]) {
    crate::rules_soundness::assert_outcomes(&rules(), "ny.", pairs, expected);
}

fn find<'a>(rules: &'a ReportingRules, id: &str) -> &'a harbor::content::model::Outcome {
    rules
        .outcomes
        .iter()
        .find(|o| o.id == format!("ny.rep.out.{id}"))
        .unwrap_or_else(|| panic!("outcome {id}"))
}

use crate::rules_soundness::{DECLINES, declines_and};

// ─── Minors: Social Services Law §§ 413, 415; Family Court Act § 1012(e) ───

#[test]
fn a_minor_harmed_or_exploited_by_a_caretaker_is_reported_to_the_statewide_central_register() {
    expect(&minor("yes"), &["scr-minor"]);
    expect(
        &with(minor("yes"), &[("age", "unknown-minor")]),
        &["scr-minor"],
    );
    let rules = rules();
    let scr = find(&rules, "scr-minor");
    assert_eq!(scr.kind, OutcomeKind::Must);
    // § 415: "immediately by telephone", then "in writing within forty-eight hours".
    assert!(scr.what_to_do.contains("immediately by telephone"));
    assert!(scr.what_to_do.contains("within 48 hours"));
    assert!(scr.summary.contains("within forty-eight hours"));
    assert!(scr.contacts.iter().any(|c| c.number == "(800) 635-1522"));
    // § 413(1)(a) names "any physician", "registered nurse", "social worker".
    for role in [Role::Physician, Role::Nurse, Role::SocialWorker] {
        assert_eq!(scr.duty_for(role), Some(Duty::Yours), "{role:?}");
    }
    // The list names the registered physician assistant but no nurse practitioner as such: check.
    assert_eq!(scr.duty_for(Role::NpPa), Some(Duty::Check));
    assert_eq!(scr.duty_for(Role::Other), Some(Duty::Check));
}

#[test]
fn new_york_differs_from_massachusetts_a_minor_exploited_only_by_a_non_caretaker_is_not_a_register_report()
 {
    // Massachusetts: any minor → the 51A report, whoever the perpetrator (certain on the first answer).
    let ma = Content::builtin("en").expect("content").reporting;
    let mut first = Answers::new();
    first.insert("rep.q.age".into(), "rep.a.age-minor".into());
    let ma_certain: Vec<&str> = ma
        .evaluate(&first)
        .certain
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert!(ma_certain.contains(&"rep.out.51a-minor"), "{ma_certain:?}");
    // New York: the age alone settles no report; the register's duty turns on a parent or person legally
    // responsible (FCA § 1012(e)).
    let ny = rules();
    let evaluation = ny.evaluate(&answers(&[("age", "minor")]));
    assert!(
        evaluation
            .certain
            .iter()
            .all(|o| o.kind != OutcomeKind::Must),
        "{:?}",
        evaluation.certain.iter().map(|o| &o.id).collect::<Vec<_>>()
    );
    assert!(
        evaluation
            .possible
            .iter()
            .any(|o| o.id == "ny.rep.out.scr-minor")
    );
    // Exploited only by a trafficker with no caretaking role: no mandated report, but not nothing.
    expect(&minor("no"), &["minor-third-party"]);
    let third_party = find(&ny, "minor-third-party");
    assert_eq!(third_party.kind, OutcomeKind::Consider);
    assert!(third_party.what_to_do.contains("911"));
    assert!(third_party.what_to_do.contains("sexually exploited child"));
    assert!(third_party.summary.contains("Unlike Massachusetts"));
    // Not sure who is involved: call the register's line.
    expect(&minor("unsure"), &["scr-unsure"]);
    assert!(
        find(&ny, "scr-unsure")
            .contacts
            .iter()
            .any(|c| c.number == "(800) 635-1522")
    );
}

#[test]
fn a_trafficker_who_lives_in_the_childs_household_or_cares_for_the_child_is_a_person_legally_responsible()
 {
    // Family Court Act § 119(b): "Person legally responsible for the child's care" includes "the child's custodian,
    // guardian or any other person responsible for the child's care at the relevant time"; § 1012(g): a custodian
    // "may include any person continually or at regular intervals found in the same household as the child". A
    // clinician must not answer "no caretaker" for a trafficker who houses or looks after the child (review
    // 2026-12-06).
    let ny = rules();
    let question = ny
        .questions
        .iter()
        .find(|q| q.id == "ny.rep.q.caretaker")
        .expect("the caretaker question");
    // The question's fields are crate-private: read them as the file states them.
    let question = ron::to_string(question)
        .expect("serialize the question")
        .replace("\\'", "'");
    assert!(
        question.contains("any other person responsible for the child's care at the relevant time"),
        "{question}"
    );
    assert!(
        question.contains("same household as the child"),
        "{question}"
    );
    assert!(
        question.contains("found in the child's household"),
        "{question}"
    );
    assert!(
        question.contains(
            "No: only someone who neither cares for the child nor lives in the child's household is suspected"
        ),
        "{question}"
    );
    let third_party = find(&ny, "minor-third-party");
    assert!(
        third_party.what_to_do.contains("then you must report"),
        "{}",
        third_party.what_to_do
    );
    assert!(RULES.contains("url: \"https://www.nysenate.gov/legislation/laws/FCT/119\""));
}

#[test]
fn hospital_staff_make_the_register_report_themselves_and_also_notify_the_person_in_charge() {
    // § 413(1)(b): "he or she shall make the report … and immediately notify the person in charge". Massachusetts
    // lets hospital staff notify the person in charge instead; New York does not.
    let ny = rules();
    for id in ["scr-minor", "scr-children"] {
        let outcome = find(&ny, id);
        assert!(
            outcome.what_to_do.contains("make the report yourself"),
            "{id}"
        );
        assert!(!outcome.what_to_do.contains("instead"), "{id}");
    }
    let ma = Content::builtin("en").expect("content").reporting;
    let ma_51a = ma
        .outcomes
        .iter()
        .find(|o| o.id == "rep.out.51a-minor")
        .expect("51A");
    assert!(
        ma_51a
            .what_to_do
            .contains("instead notify the person in charge")
    );
}

#[test]
fn a_parent_who_describes_abuse_of_their_child_brings_a_register_report_for_the_child() {
    // § 413(1)(a), second clause: the person legally responsible "states from personal knowledge facts … which, if
    // correct, would render the child an abused or maltreated child". The consent rule for the adult stands.
    expect(
        &with(adult_declines(), &[("children", "yes")]),
        &declines_and(&["scr-children"]),
    );
    // The parent need not be an adult: a trafficked 16-year-old who is a parent and describes their baby's
    // maltreatment brings the same report (review 2026-12-06).
    expect(
        &with(minor("no"), &[("children", "yes")]),
        &["minor-third-party", "scr-children"],
    );
    let ny = rules();
    let children = find(&ny, "scr-children");
    assert!(children.summary.contains("states from personal knowledge"));
    assert!(children.what_to_do.contains("does not permit reporting"));
}

// ─── Injuries: Penal Law §§ 265.25, 265.26 ───

#[test]
fn every_firearm_injury_is_reported_to_the_police_whatever_the_cause() {
    expect(
        &with(adult_declines(), &[("firearm", "yes")]),
        &declines_and(&["firearm"]),
    );
    let ny = rules();
    let firearm = find(&ny, "firearm");
    assert!(firearm.what_to_do.contains("city, town or village"));
    assert!(firearm.summary.contains("discharge of a gun or firearm"));
    assert!(
        firearm
            .summary
            .contains("whether or not a crime is suspected")
    );
}

#[test]
fn a_knife_wound_is_reported_when_it_may_be_fatal_not_on_an_opinion_that_a_crime_was_involved() {
    expect(
        &with(adult_declines(), &[("sharp", "yes")]),
        &declines_and(&["sharp"]),
    );
    expect(&minor("yes"), &["scr-minor"]);
    expect(
        &with(minor("yes"), &[("sharp", "yes")]),
        &["scr-minor", "sharp"],
    );
    let ny = rules();
    let question = ny
        .questions
        .iter()
        .find(|q| q.id == "ny.rep.q.sharp")
        .expect("knife question");
    let sharp = find(&ny, "sharp");
    assert!(sharp.summary.contains("likely to or may result in death"));
    assert!(!sharp.summary.contains("criminal act"));
    // Massachusetts asks the physician's opinion of a crime; New York does not.
    let ma = Content::builtin("en").expect("content").reporting;
    assert!(
        ma.outcomes
            .iter()
            .any(|o| o.id == "rep.out.12a-sharp" && o.summary.contains("criminal act"))
    );
    assert!(question.id.starts_with("ny."));
}

#[test]
fn a_burn_goes_to_the_office_of_fire_prevention_and_control_with_a_written_report_in_72_hours() {
    expect(
        &with(adult_declines(), &[("burn", "yes")]),
        &declines_and(&["burn"]),
    );
    let ny = rules();
    let burn = find(&ny, "burn");
    assert!(
        burn.what_to_do
            .contains("Office of Fire Prevention and Control")
    );
    assert!(burn.what_to_do.contains("within 72 hours"));
    assert!(burn.summary.contains("within seventy-two hours"));
    assert!(burn.summary.contains("upper respiratory tract"));
}

#[test]
fn the_injury_laws_bind_the_physician_and_the_person_in_charge() {
    let ny = rules();
    for id in ["firearm", "sharp", "burn"] {
        let outcome = find(&ny, id);
        assert!(
            outcome
                .binds
                .as_deref()
                .is_some_and(|b| b.contains("the physician attending or treating the case")),
            "{id}"
        );
        assert_eq!(outcome.duty_for(Role::Physician), Some(Duty::Yours), "{id}");
        for role in [Role::NpPa, Role::Nurse, Role::SocialWorker, Role::Other] {
            assert_eq!(
                outcome.duty_for(role),
                Some(Duty::TellResponsible),
                "{id} {role:?}"
            );
        }
        assert!(outcome.what_to_do.contains("does not permit reporting"));
    }
}

// ─── Adults: no elder duty (SSL § 473-b); facility-based duties (PHL § 2803-d; SSL §§ 488, 491) ───

#[test]
fn new_york_differs_from_massachusetts_no_mandated_report_of_abuse_of_an_older_adult_at_home() {
    // Massachusetts: an elder (60+) with reasonable cause to believe abuse → a mandated report (c. 19A § 15).
    let ma = Content::builtin("en").expect("content").reporting;
    let ma_elder: Answers = [
        ("rep.q.age", "rep.a.age-elder"),
        ("rep.q.incapable", "rep.a.incapable-no"),
        ("rep.q.consent", "rep.a.consent-declines"),
        ("rep.q.danger", "rep.a.danger-no"),
        ("rep.q.firearm", "rep.a.firearm-no"),
        ("rep.q.burn", "rep.a.burn-no"),
        ("rep.q.sharp", "rep.a.sharp-no"),
        ("rep.q.children", "rep.a.children-no"),
        ("rep.q.ltc", "rep.a.ltc-no"),
        ("rep.q.elder-abuse", "rep.a.elder-abuse-yes"),
    ]
    .iter()
    .map(|(q, a)| ((*q).to_owned(), (*a).to_owned()))
    .collect();
    assert!(
        ma.outcomes(&ma_elder)
            .iter()
            .any(|o| o.id == "rep.out.elder" && o.kind == OutcomeKind::Must)
    );
    // New York, the same patient: no Must; Adult Protective Services is voluntary and needs consent.
    let pairs = with(adult_declines(), &[("adult-abuse", "yes")]);
    expect(&pairs, &declines_and(&["aps"]));
    let ny = rules();
    assert!(
        ny.outcomes(&answers(&pairs))
            .iter()
            .all(|o| o.kind != OutcomeKind::Must)
    );
    let aps = find(&ny, "aps");
    assert_eq!(aps.kind, OutcomeKind::Consider);
    assert!(
        aps.what_to_do
            .contains("No New York law requires you to report this")
    );
    assert!(aps.what_to_do.contains("consent"));
    // And no answer splits out older adults: every adult path is the same from 18 on.
    assert!(!RULES.contains("age-elder"));
    let paths = ny.completions(&answers(&[("age", "adult")]));
    assert!(
        paths.iter().all(|p| p.len() >= 8),
        "the adult questions are asked"
    );
}

#[test]
fn abuse_of_a_nursing_home_resident_is_reported_to_the_department_of_health() {
    expect(
        &with(
            adult_declines(),
            &[("setting", "rhcf"), ("rhcf-abuse", "yes")],
        ),
        &declines_and(&["rhcf"]),
    );
    expect(
        &with(
            adult_declines(),
            &[("setting", "rhcf"), ("rhcf-abuse", "no")],
        ),
        &DECLINES,
    );
    let ny = rules();
    let rhcf = find(&ny, "rhcf");
    assert_eq!(
        rhcf.statute.as_deref(),
        Some("N.Y. Public Health Law § 2803-d")
    );
    // § 2803-d(3): "immediately by telephone and in writing within forty-eight hours".
    assert!(rhcf.what_to_do.contains("in writing within 48 hours"));
    assert!(rhcf.contacts.iter().any(|c| c.number == "(888) 201-4563"));
    // Physician, registered professional nurse, licensed practical nurse and licensed social workers are named;
    // a nurse practitioner is not.
    assert_eq!(rhcf.duty_for(Role::Physician), Some(Duty::Yours));
    assert_eq!(rhcf.duty_for(Role::Nurse), Some(Duty::Yours));
    assert_eq!(rhcf.duty_for(Role::NpPa), Some(Duty::Check));
    // It applies at any age: a minor in such a facility is asked too.
    expect(
        &with(minor("no"), &[("setting", "rhcf"), ("rhcf-abuse", "yes")]),
        &["minor-third-party", "rhcf"],
    );
}

#[test]
fn a_reportable_incident_in_a_justice_center_program_goes_to_the_vpcr_and_binds_nurse_practitioners_too()
 {
    expect(
        &with(
            adult_declines(),
            &[("setting", "vulnerable"), ("vulnerable-abuse", "yes")],
        ),
        &declines_and(&["vpcr"]),
    );
    let ny = rules();
    let vpcr = find(&ny, "vpcr");
    assert_eq!(vpcr.kind, OutcomeKind::Must);
    assert!(vpcr.summary.contains("reported immediately"));
    assert!(vpcr.contacts.iter().any(|c| c.number == "(855) 373-2122"));
    // § 488(5) names physician, registered physician assistant, registered nurse, licensed practical nurse, nurse
    // practitioner and social worker.
    for role in [Role::Physician, Role::NpPa, Role::Nurse, Role::SocialWorker] {
        assert_eq!(vpcr.duty_for(role), Some(Duty::Yours), "{role:?}");
    }
    // Not asked about Adult Protective Services for someone in a Justice Center program.
    let asked: Vec<&str> = ny
        .questions_to_ask(&answers(&[("age", "adult"), ("setting", "vulnerable")]))
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(!asked.contains(&"ny.rep.q.adult-abuse"), "{asked:?}");
    assert!(asked.contains(&"ny.rep.q.vulnerable-abuse"), "{asked:?}");
}

// ─── The consent principle and its limits ───

#[test]
fn a_competent_adult_who_declines_gets_the_consent_rule_and_what_to_offer() {
    expect(&adult_declines(), &DECLINES);
    let ny = rules();
    let offer = find(&ny, "offer");
    assert!(offer.contacts.iter().any(|c| c.number == "(888) 373-7888"));
    assert!(offer.contacts.iter().any(|c| c.number == "(800) 942-6906"));
}

#[test]
fn with_consent_new_york_refers_adult_victims_to_state_services_only_with_that_consent() {
    expect(&with(adult_declines(), &[("consent", "yes")]), &["consent"]);
    let ny = rules();
    let consent = find(&ny, "consent");
    assert!(consent.summary.contains("§ 483-cc(a)"));
    assert!(consent.summary.contains("if such victim consents"));
}

#[test]
fn imminent_danger_lifts_the_flat_ban_and_shows_the_hipaa_exception() {
    expect(
        &with(
            adult_declines(),
            &[("danger", "yes"), ("mental-health", "no")],
        ),
        &["danger", "no-consent-danger", "offer"],
    );
    let ny = rules();
    let exception = find(&ny, "no-consent-danger");
    assert_eq!(exception.kind, OutcomeKind::Consider);
    assert!(exception.summary.contains("45 CFR 164.512(j)"));
    assert!(exception.what_to_do.contains("do not report it"));
}

#[test]
fn not_able_to_decide_and_temporarily_unable_follow_institutional_procedure() {
    expect(
        &with(adult_declines(), &[("consent", "unable")]),
        &["not-competent"],
    );
    let pairs: Vec<(&str, &str)> = adult_declines()
        .into_iter()
        .filter(|(q, _)| *q != "consent")
        .map(|(q, a)| if q == "incapable" { (q, "yes") } else { (q, a) })
        .collect();
    expect(&pairs, &["incapable"]);
}

#[test]
fn a_mental_health_professional_reports_a_patient_likely_to_cause_serious_harm_under_mhl_9_46() {
    // MHL § 9.46(b): "likely to engage in conduct that would result in serious harm to self or others" → "shall
    // be required to report, as soon as practicable, to the director of community services". The statute's test is
    // "likely", not "imminent": the duty must not hide behind the imminent-danger answer (review 2026-12-06). The
    // consent rule for the trafficking still stands beside it.
    let ny = rules();
    let asked: Vec<&str> = ny
        .questions_to_ask(&answers(&[("age", "adult"), ("danger", "no")]))
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(asked.contains(&"ny.rep.q.mental-health"), "{asked:?}");
    expect(
        &with(adult_declines(), &[("mental-health", "yes")]),
        &["mhl-946", "no-consent", "offer"],
    );
    expect(
        &with(minor("no"), &[("mental-health", "yes")]),
        &["mhl-946", "minor-third-party"],
    );
    expect(
        &with(
            adult_declines(),
            &[("danger", "yes"), ("mental-health", "yes")],
        ),
        &["danger", "mhl-946", "no-consent-danger", "offer"],
    );
    expect(
        &with(minor("yes"), &[("danger", "yes"), ("mental-health", "yes")]),
        &["danger", "mhl-946", "scr-minor"],
    );
    let report = find(&ny, "mhl-946");
    assert_eq!(report.kind, OutcomeKind::Must);
    assert!(report.what_to_do.contains("director of community services"));
    assert!(report.what_to_do.contains("call 911"));
    assert!(
        report
            .summary
            .contains("increase the danger to a potential victim")
    );
    // The statute's list of professions is read only in a copy that differs from OMH's: only the physician,
    // named in both, is told the duty is theirs.
    assert_eq!(report.duty_for(Role::Physician), Some(Duty::Yours));
    for role in [Role::NpPa, Role::Nurse, Role::SocialWorker, Role::Other] {
        assert_eq!(report.duty_for(role), Some(Duty::Check), "{role:?}");
    }
}

// ─── The pack as a whole ───

#[test]
fn every_id_is_prefixed_and_every_duty_names_whom_it_binds_for_every_role() {
    let ny = rules();
    for question in &ny.questions {
        assert!(question.id.starts_with("ny.rep.q."), "{}", question.id);
    }
    for section in &ny.sections {
        assert!(section.id.starts_with("ny.rep."), "{}", section.id);
    }
    for outcome in &ny.outcomes {
        assert!(outcome.id.starts_with("ny.rep.out."), "{}", outcome.id);
        assert!(!outcome.source.0.trim().is_empty(), "{}", outcome.id);
        if outcome.kind == OutcomeKind::Must {
            assert!(
                outcome
                    .binds
                    .as_deref()
                    .is_some_and(|b| !b.trim().is_empty()),
                "{}",
                outcome.id
            );
            assert!(outcome.statute.is_some(), "{}", outcome.id);
            for role in Role::ALL {
                assert!(outcome.duty_for(role).is_some(), "{} {role:?}", outcome.id);
            }
        }
    }
    // Nothing of Massachusetts' agencies leaks into what a New York clinician is told to do (the summaries may name
    // Massachusetts to compare).
    for outcome in &ny.outcomes {
        for ma in [
            "51A",
            "DCF",
            "Disabled Persons Protection Commission",
            "Elder Affairs",
        ] {
            assert!(!outcome.what_to_do.contains(ma), "{ma} in {}", outcome.id);
        }
        if outcome.summary.contains("51A") {
            assert!(
                outcome.summary.contains("Unlike Massachusetts"),
                "{}",
                outcome.id
            );
        }
    }
}

#[test]
fn the_narrative_states_the_differences_from_massachusetts() {
    let ny = rules();
    let texts: Vec<&str> = ny
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("no law requiring clinicians to report abuse of an older adult"))
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("parent or other person legally responsible"))
    );
    assert!(texts.iter().any(|t| t.contains("make the report yourself")));
}

#[test]
fn the_pack_passes_the_checks_check_content_runs_on_the_massachusetts_rules() {
    // A scratch pack: the built-in English files with New York's rules in place of Massachusetts'.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("en")).expect("en");
    for entry in std::fs::read_dir(root.join("en")).expect("content/en") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        std::fs::copy(&path, dir.path().join("en").join(name)).expect("copy");
    }
    for file in ["glossary.ron", "hours.ron", "keep_english.ron"] {
        if root.join(file).exists() {
            std::fs::copy(root.join(file), dir.path().join(file)).expect("copy");
        }
    }
    std::fs::write(dir.path().join("en/reporting.ron"), RULES).expect("write");
    let problems: Vec<String> = harbor::content::validate::validate_pack(dir.path())
        .into_iter()
        .filter(|p| p.file == "en/reporting.ron")
        .map(|p| p.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn three_valued_evaluation_is_sound_and_complete_in_every_reachable_state() {
    crate::rules_soundness::assert_three_valued_sound_and_complete(&rules(), 300);
}

#[test]
fn every_combination_has_an_outcome_no_ban_beside_a_duty_and_a_declining_adult_sees_the_consent_rule()
 {
    let ny = rules();
    let completions = ny.completions(&Answers::new());
    assert!(
        completions.len() > 500,
        "{} combinations",
        completions.len()
    );
    let get = |answers: &Answers, q: &str| answers.get(&format!("ny.rep.q.{q}")).cloned();
    for answers in &completions {
        let shown = ny.outcomes(answers);
        let ids: Vec<&str> = shown.iter().map(|o| o.id.as_str()).collect();
        assert!(!ids.is_empty(), "{answers:?}");
        for ban in shown.iter().filter(|o| o.kind == OutcomeKind::MustNot) {
            assert!(
                !shown
                    .iter()
                    .any(|o| o.kind == OutcomeKind::Must && o.subject == ban.subject),
                "{answers:?} → {ids:?}"
            );
        }
        let declines = get(answers, "consent").as_deref() == Some("ny.rep.a.consent-declines");
        let danger = get(answers, "danger").as_deref() == Some("ny.rep.a.danger-yes");
        assert_eq!(declines, ids.contains(&"ny.rep.out.offer"), "{answers:?}");
        assert_eq!(
            declines && !danger,
            ids.contains(&"ny.rep.out.no-consent"),
            "{answers:?}"
        );
        assert_eq!(
            declines && danger,
            ids.contains(&"ny.rep.out.no-consent-danger"),
            "{answers:?}"
        );
        // A minor always gets one of the three child outcomes; an adult never does.
        let minor = get(answers, "caretaker").is_some();
        let child_outcomes = ids
            .iter()
            .filter(|id| {
                [
                    "ny.rep.out.scr-minor",
                    "ny.rep.out.scr-unsure",
                    "ny.rep.out.minor-third-party",
                ]
                .contains(id)
            })
            .count();
        assert_eq!(child_outcomes, usize::from(minor), "{answers:?} → {ids:?}");
        // No combination brings a Must about an older adult at home: there is none in New York.
        if get(answers, "setting").as_deref() == Some("ny.rep.a.setting-neither")
            && get(answers, "age").as_deref() == Some("ny.rep.a.age-adult")
        {
            let musts: Vec<&str> = shown
                .iter()
                .filter(|o| o.kind == OutcomeKind::Must)
                .map(|o| o.id.as_str())
                .collect();
            for id in musts {
                assert!(
                    [
                        "ny.rep.out.firearm",
                        "ny.rep.out.sharp",
                        "ny.rep.out.burn",
                        "ny.rep.out.scr-children",
                        "ny.rep.out.mhl-946",
                    ]
                    .contains(&id),
                    "{answers:?} → {id}"
                );
            }
        }
    }
}

// ─── Resources ───

#[test]
fn the_resources_pack_holds_only_new_york_groups_with_well_formed_numbers_and_sources() {
    let (pack, problems) = jurisdiction::load_resources(Jurisdiction::NewYork, "en", None);
    assert!(problems.is_empty(), "{problems:?}");
    let parsed: ResourcePack = ron::from_str(RESOURCES).expect("the New York resources parse");
    assert_eq!(pack, parsed);
    assert!(!pack.groups.is_empty());
    let mut numbers = BTreeSet::new();
    for group in &pack.groups {
        assert!(!group.title.contains("National"), "{}", group.title);
        for resource in &group.resources {
            assert!(resource.id.starts_with("ny.res."), "{}", resource.id);
            assert!(
                resource.source.0.contains("http"),
                "{}: names the page it was read on",
                resource.id
            );
            assert!(resource.source.0.contains("2026-12-06"), "{}", resource.id);
            for contact in &resource.contacts {
                // "(800) 635-1522": the form every voice and TTY number in the content takes.
                let b = contact.number.as_bytes();
                let digits = contact.number.chars().filter(char::is_ascii_digit).count();
                assert!(
                    b.len() == 14 && b[0] == b'(' && b[4] == b')' && b[9] == b'-' && digits == 10,
                    "{}: {}",
                    resource.id,
                    contact.number
                );
                numbers.insert(contact.number.clone());
            }
        }
    }
    for required in [
        "(800) 635-1522",
        "(855) 373-2122",
        "(888) 201-4563",
        "(800) 942-6906",
    ] {
        assert!(numbers.contains(required), "{required} in {numbers:?}");
    }
    // The numbers the rules give are the numbers the resources list.
    for outcome in rules().outcomes {
        for contact in &outcome.contacts {
            if !["(888) 373-7888", "233733"].contains(&contact.number.as_str()) {
                assert!(
                    numbers.contains(&contact.number),
                    "{}: {}",
                    outcome.id,
                    contact.number
                );
            }
        }
    }
}

#[test]
fn the_injury_cards_say_the_official_text_of_penal_law_265_25_was_not_read() {
    // The pack quotes § 265.25 from a 2009 bill's restatement; a secondary summary reports a line-of-duty exception
    // the restatement does not show. Unsettled from a primary source, so the cards say so (review 2026-12-06).
    let ny = rules();
    for id in ["firearm", "sharp"] {
        let card = find(&ny, id);
        assert!(
            card.summary
                .contains("did not find the current official text of § 265.25"),
            "{id}"
        );
        assert!(
            card.summary
                .contains("Check the official text for exceptions"),
            "{id}"
        );
    }
}

/// The New York lines checked in the review have their hours in `content/hours.ron`, from the agencies' own pages
/// (read 2026-12-06), so a card shows "24/7" or the hours instead of "hours not confirmed" (review 2026-12-06).
#[test]
fn the_new_york_lines_hours_come_from_the_agencies_pages() {
    let hours = harbor::content::hours::HoursTable::builtin();
    for (number, page) in [
        ("(855) 373-2122", "justicecenter.ny.gov"),
        ("(800) 942-6906", "opdv.ny.gov"),
    ] {
        assert!(hours.always_open(number), "{number}: 24/7");
        let entry = hours.of(number).expect(number);
        assert!(entry.source.contains(page), "{}", entry.source);
    }
    let nursing_homes = hours.of("(888) 201-4563").expect("the nursing home line");
    assert!(!hours.always_open("(888) 201-4563"));
    assert!(nursing_homes.source.contains("health.ny.gov"));
}

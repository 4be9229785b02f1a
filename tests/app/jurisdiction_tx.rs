//! The Texas reporting pack (`content/jurisdictions/tx/en/`), scenario by scenario. Each case is written from the
//! statute text read on 2026-12-06 (Tex. Fam. Code §§ 261.001, 261.101, 261.103; Tex. Hum. Res. Code §§ 48.002,
//! 48.051; Tex. Health & Safety Code § 161.041) — answers → the obligations the statute names, and for each duty
//! whose it is — not from the rule file, so a wrong condition in the pack fails here. Then where Texas differs from
//! Massachusetts, the three-valued evaluation over every reachable state, and the `--check-content` rules checks.
//!
//! The pack is loaded as the app loads it (`jurisdiction::load_rules`), built in.

use crate::rules_soundness::with;
use std::path::Path;

use harbor::content::jurisdiction;
use harbor::content::model::{Duty, OutcomeKind, ReportingRules, Role};
use harbor::content::rules::Answers;
use harbor::content::{Content, Jurisdiction, validate};

const RULES: &str = include_str!("../../content/jurisdictions/tx/en/reporting.ron");
const DFPS_HOTLINE: &str = "(800) 252-5400";

fn rules() -> ReportingRules {
    let (rules, problems) = jurisdiction::load_rules(Jurisdiction::Texas, "en", None);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!rules.questions.is_empty(), "the Texas pack is built in");
    rules
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    crate::rules_soundness::answers("tx.", pairs)
}

fn expect(pairs: &[(&str, &str)], expected: &[&str]) {
    crate::rules_soundness::assert_outcomes(&rules(), "tx.", pairs, expected);
}

/// A competent adult under 65 with nothing else going on, who does not consent.
fn adult_declines() -> Vec<(&'static str, &'static str)> {
    vec![
        ("age", "adult"),
        ("incapable", "no"),
        ("consent", "declines"),
        ("danger", "no"),
        ("disability", "no"),
        ("gunshot", "no"),
        ("children", "no"),
    ]
}

use crate::rules_soundness::{DECLINES, declines_and};

fn outcome(rules: &ReportingRules, id: &str) -> harbor::content::model::Outcome {
    rules
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("{id} is in the pack"))
        .clone()
}

// ─── Scenarios written from the statute text ───

/// § 261.001(1): “abuse” includes causing, permitting … a child to be trafficked; § 261.101(a): “a person having
/// cause to believe … shall immediately make a report”; (b): a professional (“includes … nurses, doctors”) within
/// 48 hours. Any person, so every role's duty is their own.
#[test]
fn a_minor_is_reported_as_child_abuse_and_the_duty_is_every_role_s_own() {
    expect(
        &[
            ("age", "minor"),
            ("danger", "no"),
            ("gunshot", "no"),
            ("children", "no"),
        ],
        &["child-abuse"],
    );
    expect(
        &[
            ("age", "unknown-minor"),
            ("danger", "no"),
            ("gunshot", "no"),
            ("children", "no"),
        ],
        &["child-abuse"],
    );
    let rules = rules();
    let report = outcome(&rules, "tx.rep.out.child-abuse");
    assert_eq!(report.kind, OutcomeKind::Must);
    for role in Role::ALL {
        assert_eq!(report.duty_for(role), Some(Duty::Yours), "{role:?}");
    }
    assert!(
        report.what_to_do.contains("48 hours"),
        "{}",
        report.what_to_do
    );
    assert!(report.contacts.iter().any(|c| c.number == DFPS_HOTLINE));
}

/// § 261.101(b): “A professional may not delegate to or rely on another person to make the report.” The card must
/// say so, and must not offer the Massachusetts route of telling the person in charge instead.
#[test]
fn a_professional_may_not_delegate_the_child_abuse_report() {
    let rules = rules();
    for id in ["tx.rep.out.child-abuse", "tx.rep.out.children"] {
        let report = outcome(&rules, id);
        let binds = report.binds.as_deref().unwrap_or_default();
        assert!(binds.contains("may not delegate"), "{id}: {binds}");
        assert!(
            report.what_to_do.contains("yourself"),
            "{id}: {}",
            report.what_to_do
        );
        assert!(
            !report
                .what_to_do
                .contains("instead notify the person in charge"),
            "{id}: the Massachusetts hospital route does not exist in Texas"
        );
        for role in Role::ALL {
            assert_ne!(
                report.duty_for(role),
                Some(Duty::TellResponsible),
                "{id} {role:?}"
            );
        }
    }
}

/// § 161.041 binds “a physician who attends or treats … a bullet or gunshot wound” and the person in charge of the
/// hospital; it covers a competent adult who declines, as a report of the wound only.
#[test]
fn a_gunshot_wound_is_reported_by_the_physician_and_the_others_tell_them() {
    expect(
        &with(adult_declines(), &[("gunshot", "yes")]),
        &declines_and(&["gunshot"]),
    );
    let rules = rules();
    let report = outcome(&rules, "tx.rep.out.gunshot");
    assert_eq!(report.kind, OutcomeKind::Must);
    assert_eq!(report.duty_for(Role::Physician), Some(Duty::Yours));
    for role in [Role::NpPa, Role::Nurse, Role::SocialWorker, Role::Other] {
        assert_eq!(
            report.duty_for(role),
            Some(Duty::TellResponsible),
            "{role:?}"
        );
    }
    assert!(report.what_to_do.contains("at once"));
    assert!(report.what_to_do.contains("law enforcement"));
}

/// § 48.051(a): any person with cause to believe an elderly person (65 or older, § 48.002) is in a state of abuse,
/// neglect or exploitation reports immediately to DFPS — even when the competent patient declines.
#[test]
fn abuse_of_a_person_aged_65_or_older_is_reported_to_dfps_whatever_the_patient_decides() {
    let elder = with(
        adult_declines(),
        &[("age", "elder"), ("ane", "yes"), ("facility", "no")],
    );
    expect(&elder, &declines_and(&["aps"]));
    expect(
        &with(elder.clone(), &[("consent", "yes")]),
        &["aps", "consent"],
    );
    let rules = rules();
    let report = outcome(&rules, "tx.rep.out.aps");
    for role in Role::ALL {
        assert_eq!(report.duty_for(role), Some(Duty::Yours), "{role:?}");
    }
    assert!(report.what_to_do.contains("immediately"));
    assert!(report.contacts.iter().any(|c| c.number == DFPS_HOTLINE));
    // No cause to believe: nothing to report.
    expect(&with(elder, &[("ane", "no")]), &DECLINES);
}

/// § 48.051(b): abuse “in a facility operated, licensed, certified, or registered by a state agency” is reported to
/// that agency, not to DFPS.
#[test]
fn abuse_in_a_state_licensed_facility_goes_to_the_licensing_agency() {
    expect(
        &with(
            adult_declines(),
            &[("age", "elder"), ("ane", "yes"), ("facility", "yes")],
        ),
        &declines_and(&["aps-facility"]),
    );
    let report = outcome(&rules(), "tx.rep.out.aps-facility");
    assert!(
        report.contacts.iter().any(|c| c.number == "(800) 458-9858"),
        "Texas HHS Complaint and Incident Intake"
    );
    assert!(!report.contacts.iter().any(|c| c.number == DFPS_HOTLINE));
}

/// § 48.051(a) covers “a person with a disability”; § 48.051(c) applies the duty “without exception” to medical
/// practitioners whose communications are confidential — a disability alone is not a report, abuse is.
#[test]
fn a_disabled_adult_s_abuse_is_reported_and_a_disability_alone_is_not() {
    let disabled = with(adult_declines(), &[("disability", "yes")]);
    expect(
        &with(disabled.clone(), &[("ane", "yes"), ("facility", "no")]),
        &declines_and(&["aps"]),
    );
    expect(&with(disabled, &[("ane", "no")]), &DECLINES);
}

/// § 261.101(a) and § 261.001(1)(B): a child in the care of an adult patient, who has been abused or neglected —
/// for example left in a situation that causes a material emotional injury — is reported by any person.
#[test]
fn a_child_in_an_adult_patient_s_care_who_is_abused_is_reported() {
    expect(
        &with(adult_declines(), &[("children", "yes")]),
        &declines_and(&["children"]),
    );
    let report = outcome(&rules(), "tx.rep.out.children");
    for role in Role::ALL {
        assert_eq!(report.duty_for(role), Some(Duty::Yours), "{role:?}");
    }
    assert!(report.contacts.iter().any(|c| c.number == DFPS_HOTLINE));
}

/// The guidebook's consent rule holds in Texas: no Texas statute read makes a competent adult's trafficking a
/// mandatory report; with consent, referral is allowed; imminent danger lifts the flat ban.
#[test]
fn a_competent_adult_s_trafficking_stays_the_patient_s_decision() {
    expect(&adult_declines(), &DECLINES);
    expect(&with(adult_declines(), &[("consent", "yes")]), &["consent"]);
    expect(
        &with(adult_declines(), &[("danger", "yes")]),
        &["danger", "no-consent-danger", "offer"],
    );
    expect(
        &with(adult_declines(), &[("incapable", "yes")]),
        &["incapable"],
    );
    expect(
        &with(adult_declines(), &[("consent", "unable")]),
        &["not-competent"],
    );
}

/// Everything at once for a consenting elder: every duty stacks.
#[test]
fn every_texas_duty_at_once_for_a_consenting_elder() {
    expect(
        &[
            ("age", "elder"),
            ("incapable", "no"),
            ("consent", "yes"),
            ("danger", "yes"),
            ("ane", "yes"),
            ("facility", "no"),
            ("gunshot", "yes"),
            ("children", "yes"),
        ],
        &["aps", "children", "consent", "danger", "gunshot"],
    );
}

// ─── Where Texas differs from Massachusetts ───

#[test]
fn texas_differs_from_massachusetts_where_its_statutes_do() {
    let texas = rules();
    let massachusetts = Content::builtin("en").expect("content").reporting;
    let ma = |id: &str| {
        massachusetts
            .outcomes
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // Child abuse: Massachusetts leaves "Other" to check § 21's list; Texas binds "a person" — everyone.
    assert_eq!(
        ma("rep.out.51a-minor").duty_for(Role::Other),
        Some(Duty::Check)
    );
    assert_eq!(
        outcome(&texas, "tx.rep.out.child-abuse").duty_for(Role::Other),
        Some(Duty::Yours)
    );
    // Injuries: § 12A covers burns and knife wounds; § 161.041 only bullet and gunshot wounds.
    let ma_questions: Vec<&str> = massachusetts
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(ma_questions.contains(&"rep.q.burn") && ma_questions.contains(&"rep.q.sharp"));
    let tx_questions: Vec<&str> = texas.questions.iter().map(|q| q.id.as_str()).collect();
    assert!(
        !tx_questions
            .iter()
            .any(|q| q.contains("burn") || q.contains("sharp")),
        "{tx_questions:?}"
    );
    // Disabled adults: c. 19C lets the patient invoke privilege; § 48.051(c) applies "without exception".
    assert!(ma_questions.contains(&"rep.q.privilege"));
    assert!(!tx_questions.iter().any(|q| q.contains("privilege")));
    // Elders: 60 in Massachusetts (c. 19A, § 14), 65 in Texas (§ 48.002). A 62-year-old without a disability is
    // an adult in Texas: no abuse question is asked and nothing but the consent rule applies.
    let mut sixty_two = answers(&adult_declines());
    texas.prune(&mut sixty_two);
    assert!(texas.is_complete(&sixty_two));
    assert!(
        !texas
            .questions_to_ask(&sixty_two)
            .iter()
            .any(|q| q.id == "tx.rep.q.ane")
    );
    assert!(RULES.contains("(id: \"tx.rep.a.age-elder\", text: \"65 or older"));
    assert!(RULES.contains("(id: \"tx.rep.a.age-adult\", text: \"18 to 64"));
    // No Suffolk County or SEEN outcome, and no Massachusetts agency on any Texas card.
    for o in &texas.outcomes {
        for ma_only in [
            "DCF",
            "51A",
            "Suffolk",
            "Disabled Persons Protection Commission",
            "M.G.L.",
        ] {
            assert!(
                !o.what_to_do.contains(ma_only) && !o.title.contains(ma_only),
                "{}: {ma_only}",
                o.id
            );
        }
    }
}

// ─── Shape, sanity and validation ───

#[test]
fn every_duty_names_whom_it_binds_and_every_id_is_texan() {
    let rules = rules();
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
        assert!(
            o.statute.as_deref().is_some_and(|s| s.starts_with("Tex. ")),
            "{}",
            o.id
        );
        for role in Role::ALL {
            assert!(o.duty_for(role).is_some(), "{}: {role:?}", o.id);
        }
    }
    for q in &rules.questions {
        assert!(q.id.starts_with("tx.rep.q."), "{}", q.id);
    }
    for o in &rules.outcomes {
        assert!(o.id.starts_with("tx.rep.out."), "{}", o.id);
    }
    for s in &rules.sections {
        assert!(s.id.starts_with("tx.rep."), "{}", s.id);
    }
}

#[test]
fn the_pack_records_its_sources_dates_and_that_counsel_has_not_reviewed_it() {
    assert!(RULES.contains("jurisdiction: \"Texas\""));
    assert!(RULES.contains(
        "scope: \"checked by the project against the statute text, not reviewed by counsel\""
    ));
    for statute in [
        "261.101",
        "261.001",
        "261.103",
        "48.051",
        "48.002",
        "161.041",
        "164.512(j)",
    ] {
        assert!(RULES.contains(statute), "{statute} cited");
    }
    // Every statute entry was read on the day the pack was written.
    let checked: Vec<&str> = RULES
        .match_indices("checked: \"")
        .map(|(i, m)| &RULES[i + m.len()..i + m.len() + 10])
        .collect();
    assert!(checked.len() >= 15, "{checked:?}");
    assert!(checked.iter().all(|d| *d == "2026-12-06"), "{checked:?}");
}

#[test]
fn the_state_resources_are_texan_and_name_the_abuse_hotline() {
    let (pack, problems) = jurisdiction::load_resources(Jurisdiction::Texas, "en", None);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(pack.groups.len(), 1, "only the state's own group");
    let resources = &pack.groups[0].resources;
    assert!(resources.iter().all(|r| r.id.starts_with("tx.res.")));
    let hotline = resources
        .iter()
        .find(|r| r.id == "tx.res.dfps-hotline")
        .expect("the Texas Abuse Hotline");
    assert_eq!(hotline.contacts[0].number, DFPS_HOTLINE);
    assert!(
        resources
            .iter()
            .all(|r| !r.source.0.is_empty() && r.source.0.contains("2026-12-06")),
        "every entry names its page and the date read"
    );
    // Put in effect, Texas replaces Massachusetts: `jurisdictions.rs`, for every pack.
}

#[test]
fn three_valued_evaluation_is_sound_and_complete_in_every_reachable_state() {
    crate::rules_soundness::assert_three_valued_sound_and_complete(&rules(), 200);
}

#[test]
fn every_combination_has_an_outcome_and_the_consent_rule_follows_the_answers() {
    let rules = rules();
    let completions = rules.completions(&Answers::new());
    assert!(
        completions.len() > 200,
        "{} combinations",
        completions.len()
    );
    let is = |answers: &Answers, q: &str, a: &str| {
        answers.get(&format!("tx.rep.q.{q}")).map(String::as_str)
            == Some(&format!("tx.rep.a.{q}-{a}"))
    };
    for answers in &completions {
        let ids: Vec<&str> = rules
            .outcomes(answers)
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert!(!ids.is_empty(), "{answers:?}");
        let declines = is(answers, "consent", "declines");
        let danger = is(answers, "danger", "yes");
        assert_eq!(
            declines,
            ids.contains(&"tx.rep.out.offer"),
            "{answers:?} → {ids:?}"
        );
        assert_eq!(
            declines && !danger,
            ids.contains(&"tx.rep.out.no-consent"),
            "{answers:?}"
        );
        assert_eq!(
            declines && danger,
            ids.contains(&"tx.rep.out.no-consent-danger"),
            "{answers:?}"
        );
        let minor = is(answers, "age", "minor") || is(answers, "age", "unknown-minor");
        assert_eq!(
            minor,
            ids.contains(&"tx.rep.out.child-abuse"),
            "{answers:?}"
        );
        assert_eq!(
            is(answers, "gunshot", "yes"),
            ids.contains(&"tx.rep.out.gunshot")
        );
        // A report under chapter 48 only with a "yes" to cause to believe.
        if ids.iter().any(|id| id.starts_with("tx.rep.out.aps")) {
            assert!(is(answers, "ane", "yes"), "{answers:?}");
        }
        // A ban is never shown beside imminent danger.
        if danger {
            assert!(
                rules
                    .outcomes(answers)
                    .iter()
                    .all(|o| o.kind != OutcomeKind::MustNot),
                "{answers:?}"
            );
        }
    }
}

/// `--check-content` on the repository's content directory, which now walks every jurisdiction pack: reachable-
/// combination coverage, no must/must-not contradiction, `binds`/`roles` on every duty, provenance with a statute
/// text read on an official site, ids of the pack's own, numbers, primary sources of every dated note.
#[test]
fn the_texas_pack_passes_the_content_checks() {
    let problems = validate::validate_pack(Path::new("content"));
    let about_texas: Vec<_> = problems
        .iter()
        .filter(|p| p.file.contains("jurisdictions/tx/"))
        // A translation waiting for English the review changed is shown in English and listed in
        // tests/data/translation_pending.txt (tests/app/terminology.rs holds that list exact).
        .filter(|p| !(p.message.contains("outdated") || p.message.contains("missing translation")))
        .collect();
    assert!(about_texas.is_empty(), "{about_texas:#?}");
}

/// The same check, on a copy with one duty's role line removed, must complain: the check above can fail.
#[test]
fn the_content_checks_see_the_texas_pack() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tx = dir.path().join("jurisdictions/tx/en");
    std::fs::create_dir_all(&tx).expect("mkdir");
    for file in ["reporting.ron", "resources.ron"] {
        std::fs::copy(
            Path::new("content/jurisdictions/tx/en").join(file),
            tx.join(file),
        )
        .expect("copy");
    }
    for entry in std::fs::read_dir("content").expect("content") {
        let entry = entry.expect("entry");
        if entry.path().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
        }
    }
    let en = dir.path().join("en");
    std::fs::create_dir_all(&en).expect("mkdir");
    for entry in std::fs::read_dir("content/en").expect("content/en") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), en.join(entry.file_name())).expect("copy");
    }
    let rules = tx.join("reporting.ron");
    let text = std::fs::read_to_string(&rules).expect("read");
    std::fs::write(
        &rules,
        text.replacen("(role: NpPa, duty: TellResponsible),", "", 1),
    )
    .expect("write");
    let problems = validate::validate_pack(dir.path());
    assert!(
        problems.iter().any(|p| p.file.contains("jurisdictions/tx/")
            && p.item.as_deref() == Some("tx.rep.out.gunshot")
            && p.message.contains("NpPa")),
        "{problems:#?}"
    );
}

/// `content/hours.ron` knows when the Texas lines answer (DFPS's and HHS's own pages, read 2026-12-06), so a card
/// shows "24/7" or the hours instead of "hours not confirmed".
#[test]
fn the_texas_lines_hours_come_from_the_agencies_pages() {
    let hours = harbor::content::hours::HoursTable::builtin();
    assert!(hours.always_open(DFPS_HOTLINE), "Texas Abuse Hotline: 24/7");
    assert!(
        hours.always_open("(800) 989-6884"),
        "Texas Youth Helpline: 24/7"
    );
    let intake = hours
        .of("(800) 458-9858")
        .expect("HHS Complaint and Incident Intake");
    assert!(!hours.always_open("(800) 458-9858"));
    assert!(intake.source.contains("hhs.texas.gov"), "{}", intake.source);
    for number in [DFPS_HOTLINE, "(800) 989-6884"] {
        let entry = hours.of(number).expect(number);
        assert!(entry.source.contains("dfps.texas.gov"), "{}", entry.source);
        assert_eq!(entry.read, "2026-12-06");
    }
}

/// § 261.101(a): "a person having cause to believe that a child's physical or mental health or welfare has been
/// adversely affected by abuse or neglect by any person shall immediately make a report". A patient under 18 may be a
/// parent too; the report about the patient does not cover their child (review 2026-12-06).
#[test]
fn a_child_of_a_patient_under_18_who_is_abused_is_reported_too() {
    expect(
        &[
            ("age", "minor"),
            ("danger", "no"),
            ("gunshot", "no"),
            ("children", "yes"),
        ],
        &["child-abuse", "children"],
    );
    let report = outcome(&rules(), "tx.rep.out.children");
    assert!(
        report
            .what_to_do
            .contains("for an adult patient, it does not permit reporting"),
        "{}",
        report.what_to_do
    );
}

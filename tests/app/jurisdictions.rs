//! Jurisdiction packs: the codes and policy values, loading a pack (built in or from an override directory), the
//! Massachusetts split between state and national groups, a pack put in effect in a loaded content pack, English
//! fallback marked in a translated language, and a clear problem (never a panic) for a pack this build lacks.

use std::path::Path;

use harbor::content::jurisdiction::{self, NATIONAL_GROUPS};
use harbor::content::texts::Texts;
use harbor::content::{Jurisdiction, Severity};

const FIXTURE: &str = "tests/fixtures/jurisdiction";

#[test]
fn codes_and_policy_values_round_trip() {
    let codes: Vec<&str> = Jurisdiction::ALL.iter().map(|j| j.code()).collect();
    assert_eq!(codes, ["ma", "ca", "tx", "ny", "other"]);
    for j in Jurisdiction::ALL {
        assert_eq!(Jurisdiction::from_code(j.code()), Some(j));
        assert_eq!(Jurisdiction::from_code(&j.code().to_uppercase()), Some(j));
        assert_eq!(Jurisdiction::from_policy_value(j.policy_value()), Some(j));
        let json = serde_json::to_string(&j).unwrap();
        assert_eq!(serde_json::from_str::<Jurisdiction>(&json).unwrap(), j);
    }
    assert_eq!(
        Jurisdiction::from_policy_value("other"),
        Some(Jurisdiction::Other)
    );
    assert_eq!(Jurisdiction::from_code("Massachusetts"), None);
    assert_eq!(Jurisdiction::from_code(""), None);
    assert_eq!(Jurisdiction::from_policy_value("ZZ"), None);
}

#[test]
fn massachusetts_is_the_main_pack_split_from_the_national_group() {
    let (content, problems) = harbor::content::load::load("en", None);
    assert!(problems.iter().all(|p| p.severity != Severity::Error));
    let (rules, problems) = jurisdiction::load_rules(Jurisdiction::Massachusetts, "en", None);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rules, content.reporting);
    let (resources, problems) =
        jurisdiction::load_resources(Jurisdiction::Massachusetts, "en", None);
    assert!(problems.is_empty(), "{problems:?}");
    let ids: Vec<&str> = resources.groups.iter().map(|g| g.title.as_str()).collect();
    assert!(ids.contains(&"Massachusetts-specific"), "{ids:?}");
    assert!(!ids.contains(&"National"), "{ids:?}");
    // Applying Massachusetts leaves the loaded pack as it is.
    let mut applied = content.clone();
    assert!(jurisdiction::apply(&mut applied, Jurisdiction::Massachusetts, None).is_empty());
    assert_eq!(applied.reporting, content.reporting);
    assert_eq!(applied.resources, content.resources);
}

#[test]
fn an_override_pack_is_loaded_and_put_in_effect() {
    let dir = Path::new(FIXTURE);
    let (rules, problems) = jurisdiction::load_rules(Jurisdiction::Texas, "en", Some(dir));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rules.questions.len(), 2);
    let (content, problems) = jurisdiction::load_content(Jurisdiction::Texas, "en", Some(dir));
    assert!(
        problems.iter().all(|p| p.severity != Severity::Error),
        "{problems:?}"
    );
    assert_eq!(content.reporting, rules);
    resources_replace_massachusetts(&content, "fixture", "Fixture State");
    assert_eq!(NATIONAL_GROUPS, ["res.national"]);
}

/// The resources of `content`, with the pack `code` in effect: its own group `state_group` first, then the national
/// group, and nothing of Massachusetts (no group named for it, no `res.ma.` or `res.reporting.` resource). Returns
/// the resource ids.
fn resources_replace_massachusetts<'a>(
    content: &'a harbor::content::Content,
    code: &str,
    state_group: &str,
) -> Vec<&'a str> {
    let groups = &content.resources.groups;
    let titles: Vec<&str> = groups.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        [state_group, "National"],
        "{code}: state first, national kept, Massachusetts gone"
    );
    assert!(
        !titles.iter().any(|t| t.contains("Massachusetts")),
        "{code}: {titles:?}"
    );
    let ids: Vec<&str> = groups
        .iter()
        .flat_map(|g| &g.resources)
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        ids.iter().any(|id| id.starts_with("res.national.")),
        "{code}: the national group stays: {ids:?}"
    );
    assert!(
        !ids.iter()
            .any(|id| id.starts_with("res.ma.") || id.starts_with("res.reporting.")),
        "{code}: no Massachusetts resource may stay beside another state's: {ids:?}"
    );
    ids
}

#[test]
fn an_untranslated_pack_string_shows_in_english_marked() {
    let dir = Path::new(FIXTURE);
    let (content, _) = jurisdiction::load_content(Jurisdiction::Texas, "ar", Some(dir));
    let age = &content.reporting.questions[0];
    assert_eq!(age.id, "fx.q.age");
    let texts = content.reporting.collect_texts();
    let text = |key: &str| {
        texts
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, t)| t.as_str())
    };
    assert_eq!(text("fx.q.age"), Some("كم عمر المريض؟"));
    assert_eq!(text("fx.a.age-adult"), Some("18 أو أكثر"));
    assert_eq!(
        text("fx.q.consent"),
        Some("Does the patient consent to a referral?")
    );
    // The translated question is not marked; everything else of the pack is English, marked as such.
    assert!(!content.is_fallback("fx.q.age"));
    assert!(content.is_fallback("fx.q.consent"));
    assert!(content.is_fallback("fx.out.child-report"));
    assert!(content.is_fallback("fx.res.state.line"));
    assert!(content.is_fallback("fx.narrative"));
    // The national group keeps its Arabic translation.
    let national = content
        .resources
        .groups
        .iter()
        .find(|g| g.title != "Fixture State")
        .unwrap();
    assert_ne!(national.title, "National");
}

#[test]
fn a_pack_this_build_lacks_is_a_clear_problem_not_a_panic() {
    let empty = tempfile::tempdir().unwrap();
    for j in Jurisdiction::ALL.into_iter().filter(|j| !j.is_main_pack()) {
        let builtin = jurisdiction::load_rules(j, "en", None);
        // With an empty override directory the built-in pack, if any, is used.
        let (rules, problems) = jurisdiction::load_rules(j, "en", Some(empty.path()));
        assert_eq!(rules, builtin.0);
        if rules.questions.is_empty() {
            let problem = problems
                .iter()
                .find(|p| p.severity == Severity::Error)
                .unwrap_or_else(|| panic!("{j:?}: a missing pack must be reported"));
            assert_eq!(
                problem.file,
                format!("jurisdictions/{}/en/reporting.ron", j.code())
            );
        } else {
            assert!(problems.is_empty(), "{j:?}: {problems:?}");
        }
    }
}

#[test]
fn a_broken_override_file_is_reported_and_the_built_in_one_stands_in() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jurisdictions/other/en/reporting.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "( jurisdiction: ").unwrap();
    let (rules, problems) = jurisdiction::load_rules(Jurisdiction::Other, "en", Some(dir.path()));
    let (builtin, _) = jurisdiction::load_rules(Jurisdiction::Other, "en", None);
    assert_eq!(rules, builtin);
    assert!(
        problems
            .iter()
            .any(|p| p.severity == Severity::Error
                && p.file == "jurisdictions/other/en/reporting.ron"),
        "{problems:?}"
    );
}

fn other_rules() -> harbor::content::model::ReportingRules {
    let (rules, problems) = jurisdiction::load_rules(Jurisdiction::Other, "en", None);
    assert!(problems.is_empty(), "{problems:?}");
    rules
}

fn other_answers(pairs: &[(&str, &str)]) -> harbor::content::rules::Answers {
    pairs
        .iter()
        .map(|(q, a)| (format!("other.rep.q.{q}"), format!("other.rep.a.{q}-{a}")))
        .collect()
}

fn outcome_ids(
    rules: &harbor::content::model::ReportingRules,
    pairs: &[(&str, &str)],
) -> Vec<String> {
    let answers = other_answers(pairs);
    assert!(rules.is_complete(&answers), "incomplete: {pairs:?}");
    rules
        .outcomes(&answers)
        .iter()
        .map(|o| o.id.clone())
        .collect()
}

/// "Other state or territory" never says "must report" (state law decides), and every path says so.
#[test]
fn other_state_never_mandates_a_report_and_always_says_state_law_decides() {
    let rules = other_rules();
    assert_eq!(rules.jurisdiction_name(), "Other state or territory");
    assert!(
        rules
            .outcomes
            .iter()
            .all(|o| o.kind != harbor::content::model::OutcomeKind::Must),
        "no mandated report in the Other pack"
    );
    let completions = rules.completions(&Default::default());
    assert!(completions.len() > 20, "{}", completions.len());
    for answers in completions {
        let ids: Vec<&str> = rules
            .outcomes(&answers)
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert!(
            ids.contains(&"other.rep.out.state-law"),
            "{answers:?} → {ids:?}"
        );
        for outcome in rules.outcomes(&answers) {
            for text in [&outcome.title, &outcome.what_to_do] {
                assert!(
                    !text.to_lowercase().contains("must report"),
                    "{}: {text}",
                    outcome.id
                );
            }
        }
    }
}

#[test]
fn other_state_scenarios() {
    let rules = other_rules();
    // A minor: check the state's child abuse law, with Childhelp and NCMEC to call.
    let minor = outcome_ids(
        &rules,
        &[("age", "minor"), ("danger", "no"), ("injury", "no")],
    );
    assert!(
        minor.contains(&"other.rep.out.minor".to_owned()),
        "{minor:?}"
    );
    assert!(!minor.contains(&"other.rep.out.no-consent".to_owned()));
    let minor_outcome = rules
        .outcomes
        .iter()
        .find(|o| o.id == "other.rep.out.minor")
        .unwrap();
    let numbers: Vec<&str> = minor_outcome
        .contacts
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    assert_eq!(numbers, ["(800) 422-4453", "(800) 843-5678"]);
    // A competent adult who declines: the consent principle, and what to offer.
    let declines = [
        ("age", "adult"),
        ("incapable", "no"),
        ("consent", "declines"),
        ("danger", "no"),
        ("vulnerable", "no"),
        ("injury", "no"),
        ("children", "no"),
    ];
    let ids = outcome_ids(&rules, &declines);
    assert_eq!(
        ids,
        [
            "other.rep.out.state-law",
            "other.rep.out.no-consent",
            "other.rep.out.offer"
        ]
    );
    // The same adult in imminent danger: no "must not", the HIPAA (j) permission instead.
    let mut danger = declines.to_vec();
    danger[3] = ("danger", "yes");
    let ids = outcome_ids(&rules, &danger);
    assert!(
        ids.contains(&"other.rep.out.no-consent-danger".to_owned()),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"other.rep.out.no-consent".to_owned()),
        "{ids:?}"
    );
    // An older or disabled adult: the state's APS law and the Eldercare Locator; an injury: the state's injury law.
    let mut vulnerable = declines.to_vec();
    vulnerable[4] = ("vulnerable", "yes");
    vulnerable[5] = ("injury", "yes");
    let ids = outcome_ids(&rules, &vulnerable);
    assert!(
        ids.contains(&"other.rep.out.vulnerable".to_owned()),
        "{ids:?}"
    );
    assert!(ids.contains(&"other.rep.out.injury".to_owned()), "{ids:?}");
    // Unlike Massachusetts, a gunshot wound is not a mandated report here: the state decides.
    let ma = harbor::content::load::load("en", None).0.reporting;
    let firearm: harbor::content::rules::Answers = [
        ("rep.q.age", "rep.a.age-adult"),
        ("rep.q.incapable", "rep.a.incapable-no"),
        ("rep.q.consent", "rep.a.consent-declines"),
        ("rep.q.danger", "rep.a.danger-no"),
        ("rep.q.disability", "rep.a.disability-no"),
        ("rep.q.firearm", "rep.a.firearm-yes"),
        ("rep.q.burn", "rep.a.burn-no"),
        ("rep.q.sharp", "rep.a.sharp-no"),
        ("rep.q.children", "rep.a.children-no"),
    ]
    .iter()
    .map(|(q, a)| ((*q).to_owned(), (*a).to_owned()))
    .collect();
    assert!(
        ma.outcomes(&firearm)
            .iter()
            .any(|o| o.kind == harbor::content::model::OutcomeKind::Must)
    );
    let other = outcome_ids(&rules, &vulnerable);
    assert!(other.iter().all(|id| {
        rules
            .outcomes
            .iter()
            .find(|o| &o.id == id)
            .is_some_and(|o| o.kind != harbor::content::model::OutcomeKind::Must)
    }));
    // Not able to decide, or temporarily unable: institutional procedures.
    let unable = outcome_ids(
        &rules,
        &[
            ("age", "adult"),
            ("incapable", "no"),
            ("consent", "unable"),
            ("danger", "no"),
            ("vulnerable", "no"),
            ("injury", "no"),
            ("children", "yes"),
        ],
    );
    assert!(
        unable.contains(&"other.rep.out.not-competent".to_owned()),
        "{unable:?}"
    );
    assert!(
        unable.contains(&"other.rep.out.children".to_owned()),
        "{unable:?}"
    );
}

/// Copies the built-in Other pack into a temporary content directory, edited by `edit`, and returns the problems
/// `--check-content` finds in the jurisdiction packs there.
fn pack_problems_after(edit: impl Fn(&Path)) -> Vec<harbor::content::Problem> {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("jurisdictions/other/en");
    std::fs::create_dir_all(&pack).unwrap();
    for file in ["reporting.ron", "resources.ron"] {
        std::fs::copy(
            Path::new("content/jurisdictions/other/en").join(file),
            pack.join(file),
        )
        .unwrap();
    }
    edit(dir.path());
    harbor::content::validate::validate_pack(dir.path())
        .into_iter()
        .filter(|p| p.file.starts_with("jurisdictions/"))
        .collect()
}

#[test]
fn the_built_in_packs_pass_check_content() {
    let problems: Vec<_> = harbor::content::validate::validate_pack(Path::new("content"))
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        pack_problems_after(|_| {})
            .iter()
            .all(|p| p.severity != Severity::Error)
    );
}

#[test]
fn check_content_finds_what_a_pack_must_not_do() {
    let edit = |from: &'static str, to: &'static str| {
        move |dir: &Path| {
            let file = dir.join("jurisdictions/other/en/reporting.ron");
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(text.contains(from), "{from}");
            std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
        }
    };
    let messages = |problems: Vec<harbor::content::Problem>| {
        problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let must = messages(pack_problems_after(edit("kind: Consider,", "kind: Must,")));
    assert!(must.contains("must never mandate a report"), "{must}");
    assert!(must.contains("needs `binds`"), "{must}");
    let reused = messages(pack_problems_after(edit(
        "id: \"other.rep.out.minor\",",
        "id: \"rep.out.51a-minor\",",
    )));
    assert!(reused.contains("also an id of the main pack"), "{reused}");
    let uncovered = messages(pack_problems_after(edit(
        "(id: \"other.rep.a.age-adult\", text: \"18 or older (an adult), or appears to be an adult\"),",
        "(id: \"other.rep.a.age-adult\", text: \"18 or older (an adult), or appears to be an adult\"), (id: \"other.rep.a.age-elder\", text: \"An elder\"),",
    )));
    assert!(
        uncovered.contains("no outcome for the answers"),
        "{uncovered}"
    );
    let unsourced = messages(pack_problems_after(|dir: &Path| {
        let file = dir.join("jurisdictions/other/en/reporting.ron");
        let text = std::fs::read_to_string(&file).unwrap();
        let text: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("(citation:"))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&file, text).unwrap();
    }));
    assert!(
        unsourced.contains("names no text read on an official site"),
        "{unsourced}"
    );
    let unknown = messages(pack_problems_after(|dir: &Path| {
        std::fs::create_dir_all(dir.join("jurisdictions/zz/en")).unwrap();
    }));
    assert!(unknown.contains("`zz` is not a jurisdiction"), "{unknown}");
    let missing = messages(pack_problems_after(|dir: &Path| {
        std::fs::remove_file(dir.join("jurisdictions/other/en/resources.ron")).unwrap();
    }));
    assert!(
        missing.contains("jurisdictions/other/en/resources.ron: file is missing"),
        "{missing}"
    );
}

/// The Eldercare Locator's hours differ between ACL ("Monday through Friday, 9 a.m. to 8 p.m. Eastern Time") and
/// USAging, which runs it ("Monday through Friday from 8:00 AM to 9:00 PM ET"), both read 2026-12-06: the pack
/// must not state one as certain (review 2026-12-06).
#[test]
fn other_state_eldercare_locator_hours_name_both_official_accounts() {
    let rules = other_rules();
    let card = rules
        .outcomes
        .iter()
        .find(|o| o.id == "other.rep.out.vulnerable")
        .expect("the older or disabled adult card");
    let hours = card
        .contacts
        .iter()
        .find(|c| c.number == "(800) 677-1116")
        .and_then(|c| c.hours.as_deref())
        .expect("the Eldercare Locator's hours");
    assert!(hours.contains("9 a.m. to 8 p.m."), "{hours}");
    assert!(hours.contains("USAging"), "{hours}");
    assert!(hours.contains("8 a.m. to 9 p.m."), "{hours}");
    let resources: String = std::fs::read_to_string("content/jurisdictions/other/en/resources.ron")
        .expect("the resources file");
    assert!(resources.contains("USAging, which runs the line, gives 8 a.m. to 9 p.m."));
}

/// Every pack's age question has an answer for a patient whose age is unknown but who appears to be an adult, as
/// Massachusetts and New York do; "Other" offered only "18 or older (an adult)" (review 2026-12-06).
#[test]
fn other_state_age_question_covers_a_patient_who_appears_to_be_an_adult() {
    let rules = other_rules();
    let question = rules
        .questions
        .iter()
        .find(|q| q.id == "other.rep.q.age")
        .expect("the age question");
    let question = ron::to_string(question).expect("serialize the question");
    assert!(
        question.contains(
            "(id:\"other.rep.a.age-adult\",text:\"18 or older (an adult), or appears to be an adult\")"
        ),
        "{question}"
    );
}

/// Consistency across every pack this build holds (review 2026-12-06): the "What to offer" card gives the National
/// Human Trafficking Hotline and the dated note on what it may share (its FAQ, read 2026-12-06: it "will never share
/// personally identifying information to any external agency, including law enforcement … without the explicit
/// permission of the caller, unless where required by law"), so a clinician offering the same number in any state
/// is told the same before calling for a patient, with the hotline's duty as a mandated reporter; and the consent
/// rule for a competent adult is one subject word everywhere, `trafficking-competent-adult`.
#[test]
fn every_pack_offers_the_national_hotline_with_what_it_may_share_and_names_the_consent_rule_alike()
{
    use harbor::content::model::OutcomeKind;
    let mut checked = Vec::new();
    for j in Jurisdiction::ALL {
        let rules = if j == Jurisdiction::Massachusetts {
            harbor::content::Content::builtin("en")
                .expect("content")
                .reporting
        } else {
            if !Path::new("content/jurisdictions").join(j.code()).exists() {
                continue;
            }
            let (rules, problems) = jurisdiction::load_rules(j, "en", None);
            assert!(problems.is_empty(), "{}: {problems:?}", j.code());
            rules
        };
        let offers: Vec<_> = rules
            .outcomes
            .iter()
            .filter(|o| o.kind == OutcomeKind::Offer)
            .collect();
        assert!(!offers.is_empty(), "{}: no offer card", j.code());
        // The card's own note, by its id: `rep.out.offer.update.hotline-sharing`, prefixed by the pack's code.
        let prefix = if j.is_main_pack() {
            String::new()
        } else {
            format!("{}.", j.code())
        };
        let offer = offers
            .iter()
            .find(|o| o.id == format!("{prefix}rep.out.offer"))
            .unwrap_or_else(|| panic!("{}: the offer card {prefix}rep.out.offer", j.code()));
        let note = offer
            .updates
            .iter()
            .find(|u| u.id == format!("{prefix}rep.out.offer.update.hotline-sharing"))
            .unwrap_or_else(|| panic!("{}: the hotline-sharing note on the offer card", j.code()));
        assert!(
            note.text
                .contains("without the caller's explicit permission"),
            "{}",
            note.id
        );
        assert!(note.text.contains("mandated reporters"), "{}", note.id);
        assert!(
            note.sources
                .iter()
                .any(|s| s == "https://humantraffickinghotline.org/faqs/hotline-faqs"),
            "{}",
            note.id
        );
        for offer in offers {
            assert!(
                offer.contacts.iter().any(|c| c.number == "(888) 373-7888"),
                "{}: {} lacks the national hotline",
                j.code(),
                offer.id
            );
            assert!(
                offer
                    .updates
                    .iter()
                    .any(|u| u.text.contains("without the caller's explicit permission")),
                "{}: {} lacks the note on what the hotline may share",
                j.code(),
                offer.id
            );
        }
        for ban in rules
            .outcomes
            .iter()
            .filter(|o| o.kind == OutcomeKind::MustNot)
        {
            assert_eq!(
                ban.subject.as_deref(),
                Some("trafficking-competent-adult"),
                "{}: {}",
                j.code(),
                ban.id
            );
        }
        checked.push(j.code());
    }
    assert_eq!(
        checked,
        ["ma", "ca", "tx", "ny", "other"],
        "every pack, so that none of them needs a test of its own for this"
    );
}

/// With any other pack in effect its rules replace Massachusetts', its own resources come first, the national group
/// stays, and nothing of Massachusetts is left: no `rep.out.` outcome, no `res.ma.` or `res.reporting.` resource, no
/// group named for Massachusetts. One row a pack (what is the pack's own is checked in its own file).
#[test]
fn every_other_pack_replaces_the_massachusetts_rules_and_resources_and_the_national_group_stays() {
    let cases = [
        (
            Jurisdiction::California,
            "California",
            "ca.rep.out.canra-minor",
            "ca.res.state.aps",
        ),
        (
            Jurisdiction::Texas,
            "Texas",
            "tx.rep.out.child-abuse",
            "tx.res.dfps-hotline",
        ),
        (
            Jurisdiction::NewYork,
            "New York-specific",
            "ny.rep.out.scr-minor",
            "ny.res.state.scr",
        ),
        (
            Jurisdiction::Other,
            "Finding your state's reporting lines",
            "other.rep.out.state-law",
            "other.res.find.childhelp",
        ),
    ];
    let covered: Vec<Jurisdiction> = cases.iter().map(|case| case.0).collect();
    let others: Vec<Jurisdiction> = Jurisdiction::ALL
        .into_iter()
        .filter(|j| !j.is_main_pack())
        .collect();
    assert_eq!(covered, others, "a row for every pack");
    for (j, state_group, own_outcome, own_resource) in cases {
        let code = j.code();
        let (content, problems) = jurisdiction::load_content(j, "en", None);
        assert!(problems.is_empty(), "{code}: {problems:#?}");
        // Applied to the built-in content, the same.
        let mut applied = harbor::content::Content::builtin("en").expect("content");
        let problems = jurisdiction::apply(&mut applied, j, None);
        assert!(problems.is_empty(), "{code}: {problems:#?}");
        assert_eq!(applied.reporting, content.reporting, "{code}");
        assert_eq!(applied.resources, content.resources, "{code}");
        let (rules, _) = jurisdiction::load_rules(j, "en", None);
        assert_eq!(content.reporting, rules, "{code}");
        let outcomes: Vec<&str> = content
            .reporting
            .outcomes
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert!(outcomes.contains(&own_outcome), "{code}: {outcomes:?}");
        assert!(
            !outcomes.iter().any(|id| id.starts_with("rep.out.")),
            "{code}: {outcomes:?}"
        );
        let ids = resources_replace_massachusetts(&content, code, state_group);
        assert!(ids.contains(&own_resource), "{code}: {ids:?}");
    }
}

/// `docs/reporting-tables/<code>.md` is the table `harbor --reporting-table --jurisdiction <code>` prints, for every
/// pack this build has, so that counsel reviews what the app does. Regenerate with
/// `harbor --reporting-table --jurisdiction CODE > docs/reporting-tables/CODE.md`.
#[test]
fn the_committed_reporting_tables_are_up_to_date_for_every_pack() {
    use harbor::content::reporting_table::{TableFormat, render};
    let mut checked = Vec::new();
    for j in Jurisdiction::ALL {
        let (content, _) = jurisdiction::load_content(j, "en", None);
        let path = format!("docs/reporting-tables/{}.md", j.code());
        if content.reporting.questions.is_empty() {
            assert!(
                !Path::new(&path).exists(),
                "{path} exists but this build has no {} pack",
                j.code()
            );
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{path} is missing: run `harbor --reporting-table --jurisdiction {} > {path}`",
                j.code()
            )
        });
        assert!(
            committed == render(&content, TableFormat::Markdown),
            "{path} is out of date: run `harbor --reporting-table --jurisdiction {} > {path}`",
            j.code()
        );
        checked.push(j.code());
    }
    assert!(
        checked.contains(&"ma") && checked.contains(&"other"),
        "{checked:?}"
    );
}

#[test]
fn the_command_line_prints_a_packs_table_and_refuses_an_unknown_code() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_harbor"))
            .args(args)
            .output()
            .unwrap()
    };
    let other = run(&[
        "--reporting-table",
        "--jurisdiction",
        "other",
        "--format",
        "csv",
    ]);
    assert!(other.status.success());
    let text = String::from_utf8_lossy(&other.stdout);
    assert!(text.starts_with("combination,other.rep.q.age,"), "{text}");
    assert!(text.contains("other.rep.out.state-law"));
    assert!(!text.contains("rep.out.51a-minor"));
    // `--search` indexes the chosen pack, not Massachusetts'.
    let other = run(&["--search", "Eldercare Locator", "--jurisdiction", "other"]);
    assert!(String::from_utf8_lossy(&other.stdout).contains("other.res.find.eldercare"));
    let ma = run(&["--search", "51A"]);
    assert!(String::from_utf8_lossy(&ma.stdout).contains("rep.out.51a-minor"));
    let other = run(&["--search", "51A", "--jurisdiction", "other"]);
    assert!(!String::from_utf8_lossy(&other.stdout).contains("rep.out.51a-minor"));
    let unknown = run(&["--reporting-table", "--jurisdiction", "zz"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("takes ma, ca, tx, ny or other"));
}

/// The jurisdiction packs are NOT held to the 100 % translation coverage of the main files
/// (`tests/app/content_files.rs`): a pack is translated after it is written. What holds instead, in every language:
/// each pack string a language lacks (missing or outdated) is shown in English *marked* — its anchor is a fallback
/// anchor, so the view puts "shown in English" and `lang="en"` on it — never silently English.
#[test]
fn an_untranslated_pack_string_is_always_marked_never_silently_english() {
    let rows = harbor::content::coverage::pack_coverage(Path::new("content"));
    let locales = harbor::content::load::builtin_locales();
    assert_eq!(
        rows.iter()
            .filter(|r| r.pack.as_deref() == Some("other"))
            .count(),
        locales.len() * jurisdiction::PACK_FILES.len(),
        "a row per language and file of the Other pack"
    );
    for row in &rows {
        let j = Jurisdiction::from_code(row.pack.as_deref().unwrap()).unwrap();
        let (content, _) = jurisdiction::load_content(j, &row.locale, None);
        let english: Vec<(String, String, String)> = match row.file {
            Some(harbor::content::ContentFile::Reporting) => {
                jurisdiction::load_rules(j, "en", None).0.collect_texts()
            }
            _ => jurisdiction::load_resources(j, "en", None)
                .0
                .collect_texts(),
        };
        for key in row.missing.iter().chain(&row.outdated) {
            let anchor = &english.iter().find(|(k, _, _)| k == key).unwrap().1;
            assert!(
                content.is_fallback(anchor),
                "{} {:?} `{key}`: shown in English without the mark",
                row.locale,
                row.file
            );
        }
    }
    // And the display names the pack's file as translators see it.
    let first = rows
        .iter()
        .find(|r| r.pack.as_deref() == Some("other"))
        .unwrap();
    assert!(
        first.to_string().contains("jurisdictions/other/"),
        "{first}"
    );
}

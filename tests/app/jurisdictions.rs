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
    let groups: Vec<&str> = content
        .resources
        .groups
        .iter()
        .map(|g| g.title.as_str())
        .collect();
    assert_eq!(
        groups,
        ["Fixture State", "National"],
        "state first, national kept, Massachusetts gone"
    );
    assert!(
        !content
            .resources
            .groups
            .iter()
            .flat_map(|g| &g.resources)
            .any(|r| r.id.starts_with("res.ma.") || r.id.starts_with("res.reporting.")),
        "no Massachusetts resource may stay beside another state's"
    );
    assert_eq!(NATIONAL_GROUPS, ["res.national"]);
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

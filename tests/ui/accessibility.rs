//! What a screen reader receives (the AccessKit tree kittest reads is the one the platform adapters get): Arabic
//! names in logical order on every tab, headings with levels on every tab, one accessible node per check box, a
//! named window.

use std::collections::BTreeSet;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable, by};
use harbor::content::texts::Texts;
use harbor::i18n::{has_right_to_left, visual_line};
use harbor::ui::Tab;

use crate::common;

/// Every logical Arabic string the app can show: the UI file and the content pack.
fn arabic_sources() -> BTreeSet<String> {
    let text = std::fs::read_to_string("locales/ar.yml").unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut out = BTreeSet::new();
    fn walk(value: &serde_yaml::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| walk(v, out)),
            serde_yaml::Value::String(text) => {
                out.insert(text.clone());
            }
            _ => {}
        }
    }
    walk(&value, &mut out);
    let content = harbor::content::Content::builtin("ar").unwrap();
    for texts in [
        content.overview.collect_texts(),
        content.health.collect_texts(),
        content.indicators.collect_texts(),
        content.questions.collect_texts(),
        content.response.collect_texts(),
        content.reporting.collect_texts(),
        content.resources.collect_texts(),
        content.safety_plan.collect_texts(),
    ] {
        out.extend(texts.into_iter().map(|(_, _, text)| text));
    }
    out
}

/// Every name and value in the tree (label of a control, value of a label).
fn names(harness: &egui_kittest::Harness<'_, common::TestApp>) -> Vec<(Role, String)> {
    harness
        .query_all(by().predicate(|_| true))
        .flat_map(|node| {
            let node = node.accesskit_node();
            let role = node.role();
            [node.label(), node.value()]
                .into_iter()
                .flatten()
                .map(move |text| (role, text))
        })
        .collect()
}

#[test]
fn every_arabic_accessible_name_is_the_logical_string_of_the_locale_files() {
    let sources = arabic_sources();
    // What the names were before: the display order of each source string.
    let reordered: BTreeSet<String> = sources
        .iter()
        .map(|s| visual_line(s))
        .filter(|v| !sources.contains(v))
        .collect();
    let mut harness = common::harness("ar");
    let mut failures = Vec::new();
    let mut exact = 0;
    for tab in Tab::ALL {
        // Found by its logical name: a word-reversed name would not match.
        harness.get_by_label(&tab.label()).click();
        harness.run();
        let mut arabic = 0;
        for (role, name) in names(&harness) {
            if role == Role::TextRun || !has_right_to_left(&name) {
                continue;
            }
            arabic += 1;
            if sources.contains(&name) {
                exact += 1;
            }
            if reordered.contains(&name) || name.contains('\n') {
                failures.push(format!("{tab:?}: {role:?} named in display order: {name}"));
            }
            // Each line of display text reverses the words of its source; no name may hold such a run of words.
            for source in sources.iter().filter(|s| s.split(' ').count() >= 3) {
                let shown = visual_line(source);
                if shown != *source && name.contains(&shown) && !source.contains(&shown) {
                    failures.push(format!(
                        "{tab:?}: {role:?} holds reordered “{source}”: {name}"
                    ));
                }
            }
        }
        assert!(arabic > 5, "{tab:?}: only {arabic} Arabic names");
    }
    assert!(
        exact > 150,
        "only {exact} names equal a string of the locale files"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn arabic_text_runs_are_not_garbled_for_labels() {
    let mut harness = common::harness("ar");
    harness.get_by_label(&Tab::Indicators.label()).click();
    harness.run();
    let garbled: Vec<String> = harness
        .query_all(by().role(Role::TextRun))
        .filter_map(|node| node.accesskit_node().value())
        .filter(|value| has_right_to_left(value))
        .collect();
    assert!(
        garbled.is_empty(),
        "right-to-left text runs left: {garbled:?}"
    );
}

#[test]
fn every_tab_has_headings_with_levels() {
    for locale in ["en", "ar"] {
        let mut harness = common::harness(locale);
        for tab in Tab::ALL {
            harness.get_by_label(&tab.label()).click();
            harness.run();
            let headings: Vec<_> = harness.query_all(by().role(Role::Heading)).collect();
            assert!(!headings.is_empty(), "{locale} {tab:?}: no heading");
            for heading in headings {
                let node = heading.accesskit_node();
                assert!(
                    matches!(node.level(), Some(2 | 3)),
                    "{locale} {tab:?}: heading {:?} has no level",
                    node.label()
                );
            }
        }
    }
}

#[test]
fn group_titles_drawn_as_subheadings_are_headings() {
    let mut harness = common::harness("en");
    harness.get_by_label(&Tab::Indicators.label()).click();
    harness.run();
    let general = harness.get_by_role_and_label(Role::Heading, "General red flags");
    assert_eq!(general.accesskit_node().level(), Some(3));
}

#[test]
fn a_right_to_left_check_box_is_one_node_and_one_tab_stop() {
    let mut harness = common::harness("ar");
    harness.get_by_label(&Tab::Indicators.label()).click();
    harness.run();
    let boxes: Vec<String> = harness
        .query_all(by().role(Role::CheckBox))
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert!(boxes.len() > 20, "{} check boxes", boxes.len());
    let doubles: Vec<(Role, String)> = names(&harness)
        .into_iter()
        .filter(|(role, name)| *role != Role::CheckBox && boxes.contains(name))
        .collect();
    assert!(
        doubles.is_empty(),
        "a second node carries a check box's text: {doubles:?}"
    );
    // Ticking by its logical name still works, through the one node.
    let first = boxes[0].clone();
    harness
        .get_by_role_and_label(Role::CheckBox, &first)
        .click();
    harness.run();
    let node = harness.get_by_role_and_label(Role::CheckBox, &first);
    assert_eq!(
        node.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

#[test]
fn the_window_has_a_name() {
    let harness = common::harness("en");
    let root = harness.root();
    assert_eq!(root.accesskit_node().label().as_deref(), Some("Harbor"));
}

//! Enter on a search result lands on the thing (issue 29 point 5, issue 25 point 4), for every kind of result
//! search returns: keyboard focus on a named node that describes the item, the item at the top of the window; an
//! app action performs or opens what it names, focus on the control that does it; a reporting outcome opens the
//! "Do I have to report?" helper with answers that produce it (found from the rules), in English and Arabic.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use egui::Key;
use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT, Queryable, by};
use harbor::content::Content;
use harbor::content::model::Block;
use harbor::content::texts::Texts;
use harbor::ui::Tab;

use crate::common;
use crate::focus_walk::{App, focus_after, press};

/// The window's height in the harness; a target is "at the top" in its first 40 %.
const TOP_AREA: f32 = 900.0 * 0.4;

/// One kind of search result: where it is, what to type to find it, and words its result and its item show.
struct Sample {
    kind: &'static str,
    tab: Tab,
    query: String,
    shows: String,
}

fn words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn sample(kind: &'static str, tab: Tab, text: &str) -> Sample {
    Sample {
        kind,
        tab,
        query: words(text, 6),
        shows: words(text, 3),
    }
}

/// The first block of a page (from its second section on) that `pick` finds text in.
fn first_in(
    page: &harbor::content::model::Page,
    pick: impl Fn(&Block) -> Option<String>,
) -> String {
    page.sections
        .iter()
        .skip(1)
        .flat_map(|section| &section.blocks)
        .find_map(pick)
        .expect("the page has one")
}

/// A sample of every kind of result the content gives (search indexes these same texts: `content::texts`).
fn samples(content: &Content) -> Vec<Sample> {
    let mut out = vec![
        sample(
            "guide section",
            Tab::Overview,
            &content.overview.sections[1].title,
        ),
        sample(
            "paragraph",
            Tab::Overview,
            &first_in(&content.overview, |block| match block {
                Block::Text { text, .. } => Some(text.clone()),
                _ => None,
            }),
        ),
        sample(
            "list item",
            Tab::Health,
            &first_in(&content.health, |block| match block {
                Block::List { items, .. } => items.first().map(|item| item.text.clone()),
                _ => None,
            }),
        ),
        sample(
            "table cell",
            Tab::Overview,
            &first_in(&content.overview, |block| match block {
                // Without the bullet its lines start with on screen.
                Block::Table { rows, .. } => rows
                    .first()
                    .map(|row| row.cells[1].trim_start_matches(['•', ' ']).to_owned()),
                _ => None,
            }),
        ),
        sample(
            "figure",
            Tab::Overview,
            &first_in(&content.overview, |block| match block {
                Block::Figure { text, .. } => Some(text.clone()),
                _ => None,
            }),
        ),
        sample(
            "update note",
            Tab::Response,
            &first_in(&content.response, |block| match block {
                Block::Update(note) => Some(note.text.clone()),
                _ => None,
            }),
        ),
        sample(
            "indicator group",
            Tab::Indicators,
            &content.indicators.groups[1].title,
        ),
        sample(
            "indicator",
            Tab::Indicators,
            &content.indicators.groups[1].indicators[0].text,
        ),
        sample(
            "sample question",
            Tab::Questions,
            &content.questions.groups[0].questions[0].text,
        ),
        sample(
            "resource group",
            Tab::Resources,
            &content.resources.groups[0].title,
        ),
        sample(
            "reporting section",
            Tab::Reporting,
            &content.reporting.sections[0].title,
        ),
        sample(
            "safety-plan field",
            Tab::SafetyPlan,
            &content.safety_plan.sections[0].fields[1].label,
        ),
    ];
    // Kinds whose texts are only reachable through the content walk search itself uses.
    let questions = content.questions.collect_texts();
    let statement = questions
        .iter()
        .find(|(key, _, _)| key.starts_with("q.statement"))
        .expect("a statement for the patient");
    out.push(sample("statement", Tab::Questions, &statement.2));
    let framing = &questions[0];
    out.push(sample("framing section", Tab::Questions, &framing.2));
    let reporting = content.reporting.collect_texts();
    let question = &content.reporting.questions[1].id;
    let (_, _, text) = reporting
        .iter()
        .find(|(key, _, _)| key == question)
        .expect("the question's text");
    out.push(sample("reporting question", Tab::Reporting, text));
    // A service: found by its description, its result shows its name (what search shows for it).
    let resource = &content.resources.groups[0].resources[1];
    let index = harbor::search::SearchIndex::build(content, None);
    let query = words(&resource.description, 6);
    let hit = index
        .search(&query, 40)
        .into_iter()
        .find(|hit| hit.anchor == resource.id)
        .expect("the service is found by its description");
    out.push(Sample {
        kind: "resource",
        tab: Tab::Resources,
        query,
        shows: words(hit.title.unwrap_or(&hit.snippet), 3),
    });
    let plan = content.safety_plan.collect_texts();
    out.push(sample("safety-plan section", Tab::SafetyPlan, &plan[0].2));
    out
}

/// Types `query` into the search box (after Ctrl+F).
fn search(harness: &mut App, query: &str) {
    // A jump empties the box; Ctrl+F puts the cursor in it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    harness.run();
    let field = harness
        .query_all(by().role(Role::TextInput))
        .next()
        .expect("the search box");
    field.type_text(query);
    harness.run();
}

/// Searches, moves focus to the result whose name contains `shows` (as Tab or a screen reader would) and presses
/// Enter on it.
fn enter_on_result(harness: &mut App, query: &str, shows: &str, what: &str) {
    search(harness, query);
    let links: Vec<String> = harness
        .query_all(by().role(Role::Link))
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    // The item's own result: the one that starts with its words, else one that shows them.
    let starts = links.iter().any(|label| label.starts_with(shows));
    harness
        .query_all(by().role(Role::Link))
        .find(|node| {
            node.accesskit_node().label().is_some_and(|label| {
                if starts {
                    label.starts_with(shows)
                } else {
                    label.contains(shows)
                }
            })
        })
        .unwrap_or_else(|| panic!("{what}: no result showing “{shows}” for “{query}”: {links:#?}"))
        .focus();
    harness.run();
    press(harness, Key::Enter);
}

/// Checks that focus is on a named node describing the item (its text is in the name) and that the item is at the
/// top of the window.
fn assert_landed(harness: &App, shows: &str, what: &str) -> (Role, String) {
    let (role, name, rect) = focus_after(harness, &format!("Enter on a {what} result"));
    assert!(
        name.contains(shows),
        "{what}: focus on “{name}”, not on the item showing “{shows}”"
    );
    assert!(
        rect.top() >= 0.0 && rect.top() <= TOP_AREA,
        "{what}: the item is at {rect:?}, not at the top of the window"
    );
    (role, name)
}

#[test]
fn enter_on_every_kind_of_guide_result_puts_focus_on_the_item_at_the_top() {
    let mut harness = common::harness("en");
    let samples = samples(harness.state().app().content());
    for sample in &samples {
        enter_on_result(&mut harness, &sample.query, &sample.shows, sample.kind);
        assert_eq!(harness.state().app().tab(), sample.tab, "{}", sample.kind);
        assert_landed(&harness, &sample.shows, sample.kind);
    }
    // A number, typed as digits, lands on its service.
    enter_on_result(
        &mut harness,
        "6176994998",
        "My Life My Choice",
        "phone number",
    );
    assert_eq!(harness.state().app().tab(), Tab::Resources);
    assert_landed(&harness, "My Life My Choice", "phone number");
}

/// The helper's answers as the screen reader sees them: the chosen radio buttons, each named "answer — question",
/// mapped back to (question id, answer id) through the rules' texts.
fn chosen_answers(harness: &App) -> BTreeMap<String, String> {
    let reporting = harness.state().app().content().reporting.clone();
    let texts = reporting.collect_texts();
    let question_text: BTreeMap<&str, &str> = texts
        .iter()
        .filter(|(key, anchor, _)| key == anchor)
        .map(|(_, anchor, text)| (anchor.as_str(), text.as_str()))
        .collect();
    let mut by_name: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (key, anchor, text) in &texts {
        if key != anchor
            && let Some(question) = question_text.get(anchor.as_str())
            && reporting.questions.iter().any(|q| q.id == *anchor)
        {
            by_name.insert(
                format!("{text} — {question}"),
                (anchor.clone(), key.clone()),
            );
        }
    }
    harness
        .query_all(by().role(Role::RadioButton))
        .map(|node| node.accesskit_node())
        .filter(|node| node.toggled() == Some(Toggled::True))
        .filter_map(|node| by_name.get(&node.label().unwrap_or_default()).cloned())
        .collect()
}

/// Enter on each reporting outcome's result: the helper shows the outcome with answers that produce it (the first
/// such answers in question order), scrolled to the top, focus on it.
fn every_outcome_lands_filled_in(locale: &str) {
    let mut harness = common::harness(locale);
    let rules = harness.state().app().content().reporting.clone();
    assert!(!rules.outcomes.is_empty());
    for outcome in &rules.outcomes {
        let what = format!("{locale} outcome {}", outcome.id);
        // Each from an empty helper (Start over, when there are answers).
        let start_over = common::ui_string(locale, "reporting.start_over");
        let shown = harness
            .query_all(by().role(Role::Button))
            .find(|n| n.accesskit_node().label().as_deref() == Some(start_over.as_str()))
            .map(|button| button.focus())
            .is_some();
        if shown {
            harness.run();
            press(&mut harness, Key::Enter);
        }
        let title = words(&outcome.title, 8);
        enter_on_result(&mut harness, &title, &title, &what);
        assert_eq!(harness.state().app().tab(), Tab::Reporting, "{what}");
        assert_landed(&harness, &title, &what);
        let answers = chosen_answers(&harness);
        assert!(
            rules.shows(&outcome.id, &answers),
            "{what}: the answers shown ({answers:?}) do not produce it"
        );
        assert_eq!(
            Some(&answers),
            rules
                .answers_leading_to(&outcome.id, &Default::default())
                .as_ref(),
            "{what}: the first answers in question order that lead to it"
        );
    }
}

#[test]
fn enter_on_a_reporting_outcome_fills_the_helper_and_focuses_the_outcome_in_english() {
    every_outcome_lands_filled_in("en");
}

#[test]
fn enter_on_a_reporting_outcome_fills_the_helper_and_focuses_the_outcome_in_arabic() {
    every_outcome_lands_filled_in("ar");
}

/// The radio button's name for each (question id, answer id): "answer — question", as the helper names them.
fn radio_names(
    rules: &harbor::content::model::ReportingRules,
) -> BTreeMap<(String, String), String> {
    let texts = rules.collect_texts();
    let question_text: BTreeMap<&str, &str> = texts
        .iter()
        .filter(|(key, anchor, _)| key == anchor)
        .map(|(_, anchor, text)| (anchor.as_str(), text.as_str()))
        .collect();
    texts
        .iter()
        .filter(|(key, anchor, _)| key != anchor && rules.questions.iter().any(|q| q.id == *anchor))
        .filter_map(|(key, anchor, text)| {
            let question = question_text.get(anchor.as_str())?;
            Some((
                (anchor.clone(), key.clone()),
                format!("{text} — {question}"),
            ))
        })
        .collect()
}

#[test]
fn an_outcome_the_answers_rule_out_asks_before_replacing_them() {
    let mut harness = common::harness("en");
    let rules = harness.state().app().content().reporting.clone();
    let names = radio_names(&rules);
    // An outcome, and a first answer that rules it out, found from the rules.
    let first = &rules.questions[0].id;
    let (outcome, given) = rules
        .outcomes
        .iter()
        .find_map(|outcome| {
            names.keys().filter(|(q, _)| q == first).find_map(|(q, a)| {
                let given: BTreeMap<String, String> = [(q.clone(), a.clone())].into();
                rules
                    .answers_leading_to(&outcome.id, &given)
                    .is_none()
                    .then_some((outcome, given))
            })
        })
        .expect("an answer that rules an outcome out");
    let (question, answer) = given.iter().next().unwrap();
    let answer_name = &names[&(question.clone(), answer.clone())];
    let title = words(&outcome.title, 8);
    let replace = common::ui_string("en", "reporting.jump_replace");
    let keep = common::ui_string("en", "reporting.jump_keep");

    for choice in [&replace, &keep] {
        press_command_digit(&mut harness, Key::Num7);
        // From the keyboard: the page may be scrolled away from them.
        if let Some(start_over) = harness.query_by_label("Start over") {
            start_over.focus();
            harness.run();
            press(&mut harness, Key::Enter);
        }
        harness.get_by_label(answer_name).focus();
        harness.run();
        press(&mut harness, Key::Space);
        assert_eq!(chosen_answers(&harness), given);

        enter_on_result(&mut harness, &title, &title, "ruled-out outcome");
        let (role, name, _) = focus_after(&harness, "a jump to a ruled-out outcome");
        assert_eq!(
            (role, name.as_str()),
            (Role::Button, replace.as_str()),
            "the helper asks"
        );
        assert_eq!(chosen_answers(&harness), given, "nothing replaced unasked");

        harness.get_by_label(choice).focus();
        harness.run();
        press(&mut harness, Key::Enter);
        if choice == &replace {
            assert_landed(&harness, &title, "replaced answers");
            assert_eq!(
                Some(chosen_answers(&harness)),
                rules.answers_leading_to(&outcome.id, &Default::default())
            );
        } else {
            assert_eq!(chosen_answers(&harness), given, "kept");
            let (_, name, _) = focus_after(&harness, "keeping the answers");
            let question = &rules.collect_texts()[0].2;
            assert!(name.contains(question.as_str()), "focus on “{name}”");
        }
    }
}

fn press_command_digit(harness: &mut App, key: Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
    harness.run();
}

#[test]
fn enter_on_an_action_result_lands_on_the_control_that_does_it() {
    let mut harness = common::harness("en");
    for (query, lands) in [
        ("settings", "Settings"),
        ("change language", "English"),
        ("print card", "Save pocket cards as PDF…"),
        ("export plan", "Export as PDF…"),
    ] {
        search(&mut harness, query);
        press(&mut harness, Key::Enter);
        let (_, name, _) = focus_after(&harness, &format!("Enter on “{query}”"));
        assert_eq!(name, lands, "{query}");
        // Out of the menu or card again, focus still somewhere.
        press(&mut harness, Key::Escape);
        focus_after(&harness, &format!("Escape after “{query}”"));
    }
    // Lock, from the Safety plan where the notes show: focus on that tab.
    common::create_vault(&mut harness, "correct horse battery staple");
    press_command_digit(&mut harness, Key::Num9);
    search(&mut harness, "lock");
    harness.key_press(Key::Enter);
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    let (role, name, _) = focus_after(&harness, "Enter on “lock”");
    assert_eq!((role, name.as_str()), (Role::Tab, "Safety plan"));
}

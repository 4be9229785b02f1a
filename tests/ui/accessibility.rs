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

/// Every name and value in the tree (label of a control, value of a label). A label named only by its text runs
/// holds the text of its parent (a heading, list item or cell: `ui::readable`), which is checked there.
fn names(harness: &egui_kittest::Harness<'_, common::TestApp>) -> Vec<(Role, String)> {
    harness
        .query_all(by().predicate(|node| !held_for_parent(node)))
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

/// Whether `node` is the unnamed label `ui::readable` gives a heading, list item or cell to hold its text in runs.
fn held_for_parent(node: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    node.role() == Role::Label && node.data().label().is_none() && node.data().value().is_none()
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
            // A table cell that lists items names them one per line (`table::cell_name`): each line is then a
            // name of its own. Any other name is one logical string: a line break in it is wrapped display text,
            // unless the string itself has it (a help text whose examples are a list: the name is the source).
            let lines: Vec<&str> = if matches!(role, Role::Cell | Role::ColumnHeader) {
                name.lines().collect()
            } else {
                vec![name.as_str()]
            };
            if lines.iter().any(|line| {
                reordered.contains(*line) || (line.contains('\n') && !sources.contains(*line))
            }) {
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

/// Each node's text runs joined, with the text the node shows (value of a label or field, name otherwise).
fn run_texts(harness: &egui_kittest::Harness<'_, common::TestApp>) -> Vec<(Role, String, String)> {
    harness
        .query_all(by().predicate(|node| {
            node.role() != Role::TextRun && node.children().any(|c| c.role() == Role::TextRun)
        }))
        .map(|node| {
            let node = node.accesskit_node();
            let runs: String = node
                .children()
                .filter(|c| c.role() == Role::TextRun)
                .filter_map(|c| c.value())
                .collect();
            let shown = if node.role() == Role::Label || node.is_text_input() {
                node.value()
            } else {
                node.label()
            };
            (node.role(), runs, shown.unwrap_or_default())
        })
        .collect()
}

#[test]
fn egui_garbles_the_glyphs_of_arabic_which_is_why_harbor_rebuilds_text_runs() {
    // If this fails, egui/epaint lays out Arabic glyphs in logical order now: `ui::text_runs` can go (see
    // docs/ACCESSIBILITY.md).
    let harness = common::harness("ar");
    let galley = harness.ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            "جواز السفر".to_owned(),
            egui::FontId::proportional(14.0),
            egui::Color32::WHITE,
        )
    });
    let glyphs: String = galley.rows[0].glyphs.iter().map(|g| g.chr).collect();
    assert_eq!(glyphs, "زاوجواز رفسلالسفر");
}

#[test]
fn arabic_text_runs_hold_the_logical_text_for_labels_and_typed_input() {
    let mut harness = common::harness("ar");
    for tab in [Tab::Indicators, Tab::Questions, Tab::Resources] {
        harness.get_by_label(&tab.label()).click();
        harness.run();
        let mut arabic = 0;
        // Two screens of the page (text runs are built for what is on screen).
        for screen in 0..2 {
            if screen > 0 {
                harness.key_press(egui::Key::Escape);
                harness.key_press(egui::Key::PageDown);
                harness.run();
            }
            for (role, runs, shown) in run_texts(&harness) {
                if !has_right_to_left(&runs) {
                    continue;
                }
                arabic += 1;
                assert_eq!(runs, shown, "{tab:?}: the text runs of a {role:?}");
            }
        }
        assert!(arabic > 10, "{tab:?}: {arabic} Arabic texts with runs");
    }
    // What a user types: the field's runs are the typed text, and the caret is after its last letter.
    let typed = "جواز السفر";
    harness.get_by_label("بحث").click();
    harness.run();
    harness.get_by_label("بحث").type_text(typed);
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "بحث");
    let field = field.accesskit_node();
    let runs: Vec<_> = field
        .children()
        .filter(|c| c.role() == Role::TextRun)
        .collect();
    let text: String = runs.iter().filter_map(|r| r.value()).collect();
    assert_eq!(text, typed);
    let caret = field.data().text_selection().expect("a caret").focus;
    let before: usize = runs
        .iter()
        .take_while(|r| r.locate().0 != caret.node)
        .map(|r| r.data().character_lengths().len())
        .sum();
    assert_eq!(before + caret.character_index, typed.chars().count());
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
                // AccessKit counts levels from 0: sections (level 2) are 1, groups (level 3) are 2.
                assert!(
                    matches!(node.level(), Some(1 | 2)),
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
    // Level 3, counted from 0 as AccessKit does.
    assert_eq!(general.accesskit_node().level(), Some(2));
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

/// The node that has keyboard focus, as a screen reader sees it: (role, name).
fn focused(harness: &egui_kittest::Harness<'_, common::TestApp>) -> Option<(Role, String)> {
    harness
        .query_all(by().predicate(|_| true))
        .map(|node| node.accesskit_node())
        .find(|node| node.is_focused())
        .map(|node| (node.role(), node.label().unwrap_or_default()))
}

#[test]
fn opening_a_search_result_moves_focus_to_the_item_and_the_count_is_a_live_region() {
    let mut harness = common::harness("en");
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("passport");
    harness.run();
    let count = harness
        .query_all(by().predicate(|_| true))
        .map(|node| node.accesskit_node())
        .find(|node| node.value().is_some_and(|v| v.contains("result")))
        .expect("a result count");
    assert_eq!(count.live(), egui::accesskit::Live::Polite);
    // No unnamed node among the results (a wrapped link once added one per extra line).
    let unnamed = harness
        .query_all(by().predicate(|node| {
            matches!(node.role(), Role::Link | Role::Unknown)
                && node.label().is_none_or(|l| l.is_empty())
        }))
        .count();
    assert_eq!(unnamed, 0);

    // Enter opens the first result; focus lands on that item, named with its text.
    let first: String = harness
        .query_all(by().role(Role::Link))
        .filter_map(|node| node.accesskit_node().label())
        .next()
        .expect("a result link")
        .chars()
        .take(30)
        .collect();
    harness.key_press(egui::Key::Enter);
    harness.run_steps(10);
    let (role, name) = focused(&harness).expect("focus after the jump");
    assert_eq!(role, Role::Group);
    assert!(
        name.contains(&first),
        "focus on “{name}”, the first result was “{first}”"
    );
}

#[test]
fn a_contents_button_moves_focus_into_its_section() {
    let mut harness = common::harness("en");
    harness.get_by_label("Overview").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Trafficking versus smuggling")
        .click();
    harness.run_steps(10);
    let (role, name) = focused(&harness).expect("focus after the jump");
    assert_eq!(role, Role::Group);
    assert!(
        name.contains("Trafficking versus smuggling"),
        "focus on: {name}"
    );
}

#[test]
fn ctrl_and_a_digit_moves_focus_to_the_chosen_tab() {
    let mut harness = common::harness("en");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run_steps(4);
    assert_eq!(
        focused(&harness),
        Some((Role::Tab, "Indicators".to_owned()))
    );
}

#[test]
fn the_tabs_are_a_tab_list_with_one_tab_stop_and_arrow_keys_between_them() {
    let mut harness = common::harness("en");
    let tabs: Vec<(String, bool, bool)> = harness
        .query_all(by().role(Role::Tab))
        .map(|node| {
            let node = node.accesskit_node();
            let parent = node.parent().map(|p| p.role());
            assert_eq!(parent, Some(Role::TabList), "a tab's parent");
            (
                node.label().unwrap_or_default(),
                node.is_selected() == Some(true),
                node.data().supports_action(egui::accesskit::Action::Focus),
            )
        })
        .collect();
    assert_eq!(tabs.len(), 10);
    let chosen: Vec<&(String, bool, bool)> =
        tabs.iter().filter(|(_, selected, _)| *selected).collect();
    assert_eq!(chosen.len(), 1, "{tabs:?}");
    assert!(
        tabs.iter()
            .all(|(_, selected, focusable)| selected == focusable),
        "only the chosen tab is a Tab stop: {tabs:?}"
    );

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run_steps(4);
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(4);
    assert_eq!(harness.state().app().tab(), Tab::Questions);
    assert_eq!(focused(&harness), Some((Role::Tab, "Questions".to_owned())));
    harness.key_press(egui::Key::ArrowUp);
    harness.run_steps(4);
    harness.key_press(egui::Key::ArrowUp);
    harness.run_steps(4);
    assert_eq!(
        focused(&harness),
        Some((Role::Tab, "Health effects".to_owned()))
    );

    // Tab leaves the list for the page, not for the next tab.
    harness.key_press(egui::Key::Tab);
    harness.run_steps(4);
    let (role, name) = focused(&harness).expect("focus in the page");
    assert_ne!(role, Role::Tab, "Tab moved to the tab {name}");
}

#[test]
fn ticking_an_indicator_announces_the_summary() {
    let mut harness = common::harness("en");
    harness.get_by_label("Indicators").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Delayed presentation for medical care")
        .click();
    harness.run();
    let summary = harness
        .query_all(by().predicate(|node| node.live() == egui::accesskit::Live::Polite))
        .filter_map(|node| node.accesskit_node().value())
        .find(|value| value.contains("General red flags (1)"));
    assert!(
        summary.is_some(),
        "the summary with its counts is a live region"
    );
}

#[test]
fn each_show_to_patient_button_on_resources_names_its_service() {
    let mut harness = common::harness("en");
    harness.get_by_label("Resources").click();
    harness.run();
    let names: Vec<String> = harness
        .query_all(by().role(Role::Button))
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label.starts_with("Show to patient: "))
        .collect();
    assert!(names.len() >= 5, "{names:?}");
    let distinct: BTreeSet<&String> = names.iter().collect();
    assert_eq!(distinct.len(), names.len(), "{names:?}");
    assert!(
        harness
            .query_all(by().role(Role::Button))
            .filter_map(|node| node.accesskit_node().label())
            .all(|label| label != "Show this service to the patient")
    );
}

/// The children a screen reader sees: egui's layout containers (`GenericContainer`, which the platform adapters
/// leave out) are looked through.
fn seen_children<'t>(
    node: &egui_kittest::kittest::AccessKitNode<'t>,
) -> Vec<egui_kittest::kittest::AccessKitNode<'t>> {
    let mut out = Vec::new();
    for child in node.children() {
        if child.role() == Role::GenericContainer {
            out.extend(seen_children(&child));
        } else {
            out.push(child);
        }
    }
    out
}

/// The determinants table as a screen reader gets it: (row count, column count, each row's (role, name) cells).
type TableShape = (Option<usize>, Option<usize>, Vec<Vec<(Role, String)>>);

fn the_only_table(harness: &egui_kittest::Harness<'_, common::TestApp>) -> TableShape {
    let tables: Vec<_> = harness.query_all(by().role(Role::Table)).collect();
    assert_eq!(tables.len(), 1, "tables on Overview");
    let table = tables[0].accesskit_node();
    let rows: Vec<Vec<(Role, String)>> = seen_children(&table)
        .iter()
        .map(|row| {
            assert_eq!(row.role(), Role::Row, "a table's child is a row");
            seen_children(row)
                .iter()
                .map(|cell| (cell.role(), cell.label().unwrap_or_default()))
                .collect()
        })
        .collect();
    (table.data().row_count(), table.data().column_count(), rows)
}

fn check_determinants_table(shape: &TableShape, when: &str) {
    let (row_count, column_count, rows) = shape;
    assert_eq!(
        *row_count,
        Some(5),
        "{when}: row count (header and 4 levels)"
    );
    assert_eq!(*column_count, Some(3), "{when}: column count");
    assert_eq!(rows.len(), 5, "{when}: rows {rows:?}");
    assert_eq!(
        rows[0],
        vec![
            (Role::ColumnHeader, "Social-ecological level".to_owned()),
            (Role::ColumnHeader, "Push factors".to_owned()),
            (Role::ColumnHeader, "Pull factors".to_owned()),
        ],
        "{when}: header row"
    );
    for row in &rows[1..] {
        assert_eq!(row.len(), 3, "{when}: {row:?}");
        assert!(
            row.iter()
                .all(|(role, name)| *role == Role::Cell && !name.is_empty())
        );
        assert!(
            row.iter()
                .all(|(_, name)| !name.contains('•') && !name.contains(" | ")),
            "{when}: a cell's name is its text, without bullets or flattened columns: {row:?}"
        );
    }
    assert_eq!(rows[1][0].1, "Individual", "{when}");
    assert!(
        rows[1][1]
            .1
            .starts_with("Young age (limited life experience)\nHistory of abuse"),
        "{when}: {}",
        rows[1][1].1
    );
}

#[test]
fn the_determinants_table_is_a_table_of_rows_and_cells_off_screen_and_on_screen() {
    let mut harness = common::harness("en");
    harness.get_by_label("Overview").click();
    harness.run();
    // Below the fold the table is described, not laid out: still a table.
    check_determinants_table(&the_only_table(&harness), "off screen");
    assert_eq!(
        harness
            .query_all(by().predicate(|node| {
                node.label()
                    .or(node.value())
                    .is_some_and(|text| text.contains(" | "))
            }))
            .count(),
        0,
        "no table flattened into 'a | b | c' text"
    );
    harness
        .get_by_role_and_label(Role::Button, "Trafficking determinants")
        .click();
    harness.run_steps(10);
    let shape = the_only_table(&harness);
    check_determinants_table(&shape, "on screen");
    // On screen each cell's lines are a list too; its items are findable by role and text.
    harness.get_by_role_and_label(Role::ListItem, "History of abuse");
}

/// Every node's text as a screen reader would read it (name, or value for a label).
fn spoken_texts(harness: &egui_kittest::Harness<'_, common::TestApp>) -> Vec<(Role, String)> {
    harness
        .query_all(by().predicate(|node| node.role() != Role::TextRun))
        .filter_map(|node| {
            let node = node.accesskit_node();
            node.label()
                .or(node.value())
                .map(|text| (node.role(), text))
        })
        .collect()
}

#[test]
fn bullets_and_ticks_are_not_nodes_and_each_list_item_is_one_node_in_a_list() {
    for locale in ["en", "ar"] {
        let mut harness = common::harness(locale);
        let mut items = 0;
        for tab in Tab::ALL {
            harness.get_by_label(&tab.label()).click();
            harness.run();
            for (role, text) in spoken_texts(&harness) {
                let trimmed = text.trim();
                assert!(
                    !["•", "✓", "·"].contains(&trimmed),
                    "{locale} {tab:?}: a {role:?} node of its own reads {trimmed:?}"
                );
                assert!(
                    !trimmed.starts_with("• ") && !trimmed.starts_with("✓ "),
                    "{locale} {tab:?}: {role:?} reads its marker: {trimmed}"
                );
            }
            for item in harness.query_all(by().role(Role::ListItem)) {
                let node = item.accesskit_node();
                items += 1;
                let parent = std::iter::successors(node.parent(), |p| p.parent())
                    .find(|p| !matches!(p.role(), Role::GenericContainer | Role::Group));
                assert_eq!(
                    parent.as_ref().map(|p| p.role()),
                    Some(Role::List),
                    "{locale} {tab:?}: list item {:?} outside a list",
                    node.label()
                );
                assert!(node.label().is_some_and(|l| !l.is_empty()));
                assert!(node.position_in_set().is_some());
            }
        }
        assert!(items > 50, "{locale}: only {items} list items");
    }
}

#[test]
fn a_sample_question_is_one_list_item_named_with_its_text() {
    let mut harness = common::harness("en");
    harness.get_by_label("Questions").click();
    harness.run();
    let question = harness
        .query_all(by().role(Role::Button))
        .filter_map(|node| node.accesskit_node().label())
        .find_map(|label| label.strip_prefix("Copy: ").map(str::to_owned))
        .expect("a copy button names its question");
    let items: Vec<_> = harness
        .query_all(
            by().label(&question)
                .predicate(|node| !held_for_parent(node)),
        )
        .map(|node| node.accesskit_node().role())
        .collect();
    assert_eq!(items, vec![Role::ListItem], "{question}");
}

#[test]
fn the_photograph_log_is_a_table_whose_fields_are_named_by_their_column() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, "correct horse battery staple 42");
    common::type_into(&mut harness, "Case label (pseudonym)", "Case T-1");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);
    // Below the fold in the test window: a screen reader's click (an AccessKit action) reaches it anyway.
    harness
        .get_by_label("Add photograph entry")
        .click_accesskit();
    harness.run_steps(3);
    let table = harness.get_by_role(Role::Table);
    let table = table.accesskit_node();
    assert_eq!(table.data().row_count(), Some(2));
    assert_eq!(table.data().column_count(), Some(5));
    let rows = seen_children(&table);
    assert_eq!(rows.len(), 2);
    let headers: Vec<String> = seen_children(&rows[0])
        .iter()
        .filter_map(|cell| cell.label())
        .collect();
    assert_eq!(
        headers,
        ["Date", "Body area", "Consent given", "Photographer"]
    );
    let cells = seen_children(&rows[1]);
    assert_eq!(cells.len(), 5);
    assert!(cells.iter().all(|cell| cell.role() == Role::Cell));
    // The fields inside the cells: each named by its column, so no unnamed text field.
    let fields: Vec<(Role, String)> = cells
        .iter()
        .flat_map(seen_children)
        .map(|field| (field.role(), field.label().unwrap_or_default()))
        .collect();
    assert_eq!(
        fields,
        [
            (Role::TextInput, "Date".to_owned()),
            (Role::TextInput, "Body area".to_owned()),
            (Role::CheckBox, "Consent given".to_owned()),
            (Role::TextInput, "Photographer".to_owned()),
            (Role::Button, "Remove".to_owned()),
        ]
    );
}

/// The accessible name of the focused node, after the vault's task has finished.
fn focused_name(harness: &egui_kittest::Harness<'_, common::TestApp>) -> String {
    focused(harness).map(|(_, name)| name).unwrap_or_default()
}

#[test]
fn focus_follows_the_notes_screen_through_create_new_record_lock_and_unlock() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, "correct horse battery staple");
    // The Create button is gone with the form: focus lands on the first field of the open notes.
    assert_eq!(focused_name(&harness), "Case label (pseudonym)");

    common::type_into(&mut harness, "Case label (pseudonym)", "Case K-1");
    harness.get_by_label("New case record").click();
    harness.run_steps(10);
    assert_eq!(
        focused_name(&harness),
        "Label",
        "the new record's label field"
    );

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    common::wait_for_vault(&mut harness);
    assert_eq!(focused_name(&harness), "Passphrase", "after locking");

    common::type_into(&mut harness, "Passphrase", "not the passphrase");
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert_eq!(
        focused_name(&harness),
        "Passphrase",
        "after a wrong passphrase"
    );
    let reason = harness
        .query_all(by().predicate(|_| true))
        .map(|node| node.accesskit_node())
        .find(|node| {
            node.label()
                .or_else(|| node.value())
                .is_some_and(|text| text.contains("does not open your notes"))
        })
        .expect("the reason is shown");
    assert_eq!(reason.live(), egui::accesskit::Live::Polite);

    common::type_into(&mut harness, "Passphrase", "correct horse battery staple");
    harness.key_press(egui::Key::Enter);
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_unlocked());
    assert_eq!(
        focused_name(&harness),
        "Case label (pseudonym)",
        "after unlocking"
    );
}

#[test]
fn a_new_recovery_key_takes_focus_to_the_field_that_confirms_it() {
    let mut harness = common::harness("en");
    common::fill_new_vault_form(&mut harness, "correct horse battery staple");
    harness.get_by_label("Also create a recovery key").click();
    harness.run();
    harness.get_by_label("Create vault").click();
    common::wait_for_vault(&mut harness);
    let name = focused_name(&harness);
    assert!(name.contains("type its last"), "focus on “{name}”");
}

#[test]
fn locking_from_another_tab_puts_focus_on_that_tab() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, "correct horse battery staple");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run_steps(4);
    harness.get_by_label("Lock notes").click();
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    // The lock button is gone with the unlocked notes; focus is not left on nothing.
    assert_eq!(
        focused(&harness),
        Some((Role::Tab, "Indicators".to_owned()))
    );
}

//! A screen reader can read the guide, not only operate it (issue 25.1–25.2): every paragraph, heading, list item
//! and table cell on every tab, laid out or not, holds its text in text runs under a `Label` (what AccessKit's
//! Linux adapter turns into the AT-SPI Text interface Orca's Say All and flat review read), in document order.

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use harbor::ui::Tab;

use crate::common;

type KitNode<'t> = egui_kittest::kittest::AccessKitNode<'t>;

/// Roles that show a text of their own (as opposed to containers and controls).
fn shows_text(role: Role) -> bool {
    matches!(
        role,
        Role::Heading | Role::ListItem | Role::Cell | Role::ColumnHeader | Role::RowHeader
    )
}

fn runs_text(node: &KitNode<'_>) -> Option<String> {
    let runs: Vec<String> = node
        .children()
        .filter(|c| c.role() == Role::TextRun)
        .map(|c| c.data().value().unwrap_or_default().to_owned())
        .collect();
    (!runs.is_empty()).then(|| runs.concat())
}

/// Walks the tree in document order, collecting what each node shows (`shown`) and what the Text interface of
/// each `Label` with runs reads (`read`).
fn walk(node: &KitNode<'_>, shown: &mut Vec<(Role, String)>, read: &mut Vec<String>) {
    let role = node.role();
    let data = node.data();
    if role == Role::Label {
        if let Some(text) = data.value().or(data.label()).filter(|t| !t.is_empty()) {
            shown.push((role, text.to_owned()));
        }
        if let Some(text) = runs_text(node) {
            read.push(text);
        }
    } else if shows_text(role)
        && let Some(text) = data.label().or(data.value()).filter(|t| !t.is_empty())
        && node.children().all(|c| {
            c.role() == Role::TextRun || (c.role() == Role::Label && c.data().value().is_none())
        })
    {
        shown.push((role, text.to_owned()));
    }
    for child in node.children() {
        if child.role() != Role::TextRun {
            walk(&child, shown, read);
        }
    }
}

#[test]
fn every_text_on_every_tab_is_readable_in_document_order() {
    for locale in ["en", "ar"] {
        let mut harness = common::harness(locale);
        for tab in Tab::ALL {
            harness.get_by_label(&tab.label()).click();
            harness.run();
            let (mut shown, mut read) = (Vec::new(), Vec::new());
            walk(&harness.root().accesskit_node(), &mut shown, &mut read);
            let shown_texts: Vec<&String> = shown.iter().map(|(_, t)| t).collect();
            let read_texts: Vec<&String> = read.iter().collect();
            assert_eq!(
                read_texts, shown_texts,
                "{locale} {tab:?}: what the Text interfaces read, in order, is every text shown"
            );
            // A page of the guide has headings, and they are read too.
            assert!(
                shown.iter().any(|(role, _)| *role == Role::Heading),
                "{locale} {tab:?}: no heading"
            );
        }
    }
}

#[test]
fn off_screen_headings_list_items_and_cells_of_overview_hold_their_text() {
    for locale in ["en", "ar"] {
        let mut harness = common::harness(locale);
        harness.get_by_label(&Tab::Overview.label()).click();
        harness.run();
        let (mut shown, mut read) = (Vec::new(), Vec::new());
        walk(&harness.root().accesskit_node(), &mut shown, &mut read);
        for role in [
            Role::Heading,
            Role::ListItem,
            Role::Cell,
            Role::ColumnHeader,
        ] {
            let count = shown.iter().filter(|(r, _)| *r == role).count();
            assert!(count >= 3, "{locale}: only {count} {role:?} nodes shown");
        }
        // Overview is much longer than one window: far more than the first screen is readable.
        assert!(
            read.len() >= 100,
            "{locale}: only {} texts readable",
            read.len()
        );
        // Each heading keeps its role and level and reads its own text through its one child.
        let heading = harness
            .query_all(egui_kittest::kittest::by().role(Role::Heading))
            .next()
            .map(|h| h.accesskit_node());
        let heading = heading.as_ref().map(|h| {
            let child: Vec<_> = h.children().collect();
            assert_eq!(
                child.len(),
                1,
                "{locale}: a heading has one child holding its text"
            );
            assert_eq!(child[0].role(), Role::Label);
            assert_eq!(runs_text(&child[0]), h.data().label().map(str::to_owned));
            h.data().level()
        });
        assert!(
            matches!(heading, Some(Some(1 | 2))),
            "{locale}: heading level"
        );
    }
}

/// Every heading in tree order: its level as people count it (AccessKit counts from 0) and its text.
fn headings(node: &KitNode<'_>, out: &mut Vec<(Option<usize>, String)>) {
    if node.role() == Role::Heading {
        let data = node.data();
        out.push((
            data.level().map(|level| level + 1),
            data.label().unwrap_or_default().to_owned(),
        ));
    }
    for child in node.children() {
        headings(&child, out);
    }
}

#[test]
fn every_heading_has_the_level_of_its_place_in_the_guide() {
    for locale in ["en", "ar"] {
        let content = harbor::content::Content::builtin(locale).expect("built-in content");
        let mut harness = common::harness(locale);
        for tab in Tab::ALL {
            harness.get_by_label(&tab.label()).click();
            harness.run();
            let mut found = Vec::new();
            headings(&harness.root().accesskit_node(), &mut found);
            let without: Vec<_> = found
                .iter()
                .filter(|(level, _)| !matches!(level, Some(2 | 3)))
                .collect();
            assert!(
                without.is_empty(),
                "{locale} {tab:?}: headings without a section (2) or group (3) level: {without:?}"
            );
            // Where the content model says what a heading is, its level says the same.
            let expected: Vec<(Option<usize>, String)> = match tab {
                Tab::Overview => content
                    .overview
                    .sections
                    .iter()
                    .map(|section| (Some(2), section.title.clone()))
                    .collect(),
                Tab::Indicators => content
                    .indicators
                    .groups
                    .iter()
                    .map(|group| (Some(3), group.title.clone()))
                    .collect(),
                _ => continue,
            };
            let missing: Vec<_> = expected.iter().filter(|h| !found.contains(h)).collect();
            assert!(
                missing.is_empty(),
                "{locale} {tab:?}: headings not at their level: {missing:?} (found {found:?})"
            );
        }
    }
}

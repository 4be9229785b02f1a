//! The guide through its accessible labels: every tab opens, search finds items and jumps to them, shortcuts work.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use harbor::ui::Tab;

#[test]
fn every_tab_opens_by_its_accessible_label() {
    let mut harness = common::harness("en");
    for (label, tab, expected_text) in [
        ("Overview", Tab::Overview, "Act (what is done)"),
        ("Health effects", Tab::Health, "Blunt force trauma"),
        (
            "Indicators",
            Tab::Indicators,
            "Delayed presentation for medical care",
        ),
        (
            "Questions",
            Tab::Questions,
            "Can you come and go as you please",
        ),
        ("Response", Tab::Response, "120 hours"),
        ("Reporting", Tab::Reporting, "Do I have to report?"),
        ("Resources", Tab::Resources, "(888) 373-7888"),
    ] {
        harness.get_by_label(label).click();
        harness.run();
        assert_eq!(harness.state().app().tab(), tab, "clicking {label}");
        assert!(
            harness
                .query_all_by_label_contains(expected_text)
                .next()
                .is_some(),
            "{label} tab shows “{expected_text}”"
        );
    }
}

#[test]
fn search_finds_an_indicator_and_jumps_to_it() {
    let mut harness = common::harness("en");
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("scripted");
    harness.run();
    let hit = harness.get_by_label_contains("Scripted, memorized, or mechanically recited history");
    hit.click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Indicators);
    assert!(
        harness
            .query_all_by_label_contains("Scripted, memorized")
            .next()
            .is_some()
    );
}

#[test]
fn search_finds_a_phone_number_by_organisation_name() {
    let mut harness = common::harness("en");
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("SafeLink");
    harness.run();
    harness
        .get_all_by_label_contains("SafeLink — Statewide Hotline")
        .next()
        .expect("the SafeLink result")
        .click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Resources);
    assert!(
        harness
            .query_all_by_label_contains("(877) 785-2020")
            .next()
            .is_some()
    );
}

#[test]
fn control_number_keys_switch_tabs_and_control_f_focuses_search() {
    let mut harness = common::harness("en");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num8);
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Resources);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Indicators);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.get_by_label("Search").is_focused());
}

#[test]
fn every_sample_question_has_a_copy_button() {
    let mut harness = common::harness("en");
    harness.get_by_label("Questions").click();
    harness.run();
    let questions: usize = harness
        .state()
        .app()
        .content()
        .questions
        .groups
        .iter()
        .map(|g| g.questions.len())
        .sum();
    let copy_buttons = harness.get_all_by_label_contains("Copy: ").count();
    assert!(
        copy_buttons >= questions,
        "{copy_buttons} copy buttons for {questions} questions"
    );
}

#[test]
fn control_plus_enlarges_text_and_the_size_is_remembered() {
    let mut harness = common::harness("en");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.run();
    let zoom = harness.state().app().settings().zoom;
    assert!(zoom > 1.0, "zoom after Ctrl+plus: {zoom}");
}

/// The app in a bare egui context, without the harness (whose AccessKit is always on).
fn bare_app(locale: &str, data: &std::path::Path) -> (egui::Context, harbor::HarborApp) {
    let options = harbor::cli::Options {
        data_dir: Some(data.to_owned()),
        locale: Some(locale.into()),
        content_dir: None,
        institution_dir: None,
        jurisdiction: None,
    };
    let ctx = egui::Context::default();
    let mut app =
        harbor::HarborApp::with_settings(&ctx, options, harbor::settings::Settings::default());
    // The tests here read the guide's longest page.
    app.select_tab(Tab::Overview);
    (ctx, app)
}

/// One frame of the app in a bare egui context (kittest always has AccessKit on; here it is off unless enabled).
fn bare_frame(
    ctx: &egui::Context,
    app: &mut harbor::HarborApp,
    events: Vec<egui::Event>,
) -> egui::FullOutput {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 900.0),
        )),
        events,
        // Scrolling is animated: let time pass, a 60 Hz frame at a time.
        time: Some(ctx.input(|input| input.time) + 1.0 / 60.0),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    // No renderer here to take the font texture.
    output.textures_delta.clear();
    output
}

fn key(key: Key, modifiers: Modifiers) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

#[test]
fn search_jump_lands_on_screen_when_only_visible_sections_are_laid_out() {
    let _turn = common::take_turn();
    let data = tempfile::tempdir().unwrap();
    // No screen reader listening, so long pages lay out only what is on screen (src/ui/lazy.rs).
    let (ctx, mut app) = bare_app("en", data.path());
    for _ in 0..2 {
        bare_frame(&ctx, &mut app, Vec::new());
    }
    bare_frame(&ctx, &mut app, vec![key(Key::F, Modifiers::COMMAND)]);
    bare_frame(
        &ctx,
        &mut app,
        vec![egui::Event::Text("perpetrators of human".into())],
    );
    bare_frame(&ctx, &mut app, vec![key(Key::Enter, Modifiers::NONE)]);
    for _ in 0..60 {
        bare_frame(&ctx, &mut app, Vec::new());
    }
    assert_eq!(app.tab(), Tab::Overview);

    // Now ask for the accessibility tree, which lays out the whole page, and read where the heading is.
    ctx.enable_accesskit();
    let output = bare_frame(&ctx, &mut app, Vec::new());
    let bounds = tree(output)
        .nodes
        .iter()
        .find(|(_, node)| {
            // The heading, not the contents-list button with the same words.
            node.role() == egui::accesskit::Role::Heading
                && node.label() == Some("The perpetrators of human trafficking")
        })
        .and_then(|(_, node)| node.bounds())
        .expect("the section heading, with its position");
    assert!(
        bounds.y0 > 40.0 && bounds.y1 < 900.0,
        "the section the search hit is in is on screen: {bounds:?}"
    );
}

/// The accessibility tree of one frame.
fn tree(output: egui::FullOutput) -> egui::accesskit::TreeUpdate {
    output
        .platform_output
        .accesskit_update
        .expect("an accessibility tree")
}

#[test]
fn a_screen_reader_hears_the_whole_page_and_can_bring_any_part_on_screen() {
    use egui::accesskit::{Action, ActionRequest, Role, TreeId};

    let _turn = common::take_turn();
    let data = tempfile::tempdir().unwrap();
    for locale in ["en", "ar"] {
        let (ctx, mut app) = bare_app(locale, data.path());
        ctx.enable_accesskit();
        for _ in 0..3 {
            bare_frame(&ctx, &mut app, Vec::new());
        }
        let last = app
            .content()
            .overview
            .sections
            .last()
            .expect("the overview has sections")
            .clone();
        let last_text = last
            .blocks
            .iter()
            .rev()
            .find_map(|block| match block {
                harbor::content::model::Block::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .expect("the last section has a paragraph");

        // Far below the window, the last section is not laid out, yet its heading and text are in the tree, in
        // logical order (what a screen reader reads, also for Arabic).
        let nodes = tree(bare_frame(&ctx, &mut app, Vec::new())).nodes;
        let is_last_heading = |node: &egui::accesskit::Node| {
            node.role() == Role::Heading && node.label() == Some(last.title.as_str())
        };
        let (heading_id, heading) = nodes
            .iter()
            .find(|(_, node)| is_last_heading(node))
            .unwrap_or_else(|| panic!("{locale}: the last section's heading is in the tree"));
        let below = heading.bounds().expect("a position").y0;
        assert!(
            below > 900.0,
            "{locale}: the heading is off screen: {below}"
        );
        assert!(
            nodes
                .iter()
                .any(|(_, node)| node.value() == Some(last_text.as_str())),
            "{locale}: the last paragraph is in the tree as written"
        );

        // The screen reader moves there: the page scrolls, and the section is laid out on screen.
        let scroll = egui::Event::AccessKitActionRequest(ActionRequest {
            action: Action::ScrollIntoView,
            target_tree: TreeId::ROOT,
            target_node: *heading_id,
            data: None,
        });
        bare_frame(&ctx, &mut app, vec![scroll]);
        for _ in 0..3 {
            bare_frame(&ctx, &mut app, Vec::new());
        }
        let nodes = tree(bare_frame(&ctx, &mut app, Vec::new())).nodes;
        let heading = nodes
            .iter()
            .map(|(_, node)| node)
            .find(|node| is_last_heading(node))
            .unwrap_or_else(|| panic!("{locale}: the heading after scrolling"));
        let bounds = heading.bounds().expect("a position");
        assert!(
            bounds.y0 > 0.0 && bounds.y1 < 900.0,
            "{locale}: the heading is on screen: {bounds:?}"
        );
        assert!(
            !heading.children().is_empty(),
            "{locale}: the heading is laid out (its text runs are in the tree)"
        );
    }
}

#[test]
fn tab_key_focus_is_scrolled_into_view() {
    let mut harness = common::harness("en");
    harness.get_by_label("Questions").click();
    harness.run();
    // The sample questions' buttons run far below the window; Tab through enough of them to leave the first screen.
    for _ in 0..40 {
        harness.key_press(Key::Tab);
        harness.run();
    }
    let focused = harness
        .query_all(egui_kittest::kittest::by().predicate(|node| node.is_focused()))
        .next()
        .expect("a focused widget");
    let rect = focused.rect();
    assert!(
        rect.top() >= 0.0 && rect.bottom() <= 900.0,
        "the focused widget is on screen: {focused:?}"
    );
}

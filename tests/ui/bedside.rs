//! At the bedside (issue 22): Quick exit never moves, counted phrases read right, the page scrolls from the
//! keyboard, and nothing above the pointer moves when a box is ticked or a question answered.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common::{self, ui_string};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

type App = Harness<'static, common::TestApp>;

/// Puts `query` in the search box (labelled in `locale`), replacing what was there.
fn search_for(harness: &mut App, locale: &str, query: &str) {
    let label = ui_string(locale, "search.label");
    harness.get_by_label(&label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(&label).type_text(query);
    harness.run();
}

fn clear_search(harness: &mut App, locale: &str) {
    harness
        .get_by_label(&ui_string(locale, "search.clear"))
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label(&ui_string(locale, "search.label"))
            .and_then(|field| field.value())
            .is_none_or(|value| value.is_empty()),
        "the search box is empty"
    );
}

fn quick_exit(harness: &App, locale: &str) -> egui::Rect {
    harness
        .get_by_label(&ui_string(locale, "app.quick_exit"))
        .rect()
}

#[test]
fn quick_exit_stays_on_the_outer_edge_whatever_the_search_lock_or_language() {
    let mut harness = common::harness("en");
    let window = harness.ctx.content_rect();
    let english = quick_exit(&harness, "en");
    assert!(
        window.right() - english.right() < 24.0,
        "pinned to the right edge in English: {english:?} in {window:?}"
    );
    let mut seen = Vec::new();
    search_for(&mut harness, "en", "hotline");
    seen.push(("en, search filled, locked", quick_exit(&harness, "en")));
    clear_search(&mut harness, "en");
    seen.push(("en, search empty, locked", quick_exit(&harness, "en")));
    common::create_vault(&mut harness, "correct horse battery staple");
    seen.push(("en, search empty, unlocked", quick_exit(&harness, "en")));
    search_for(&mut harness, "en", "hotline");
    seen.push(("en, search filled, unlocked", quick_exit(&harness, "en")));
    for (state, rect) in &seen {
        assert_eq!(*rect, english, "Quick exit moved: {state}");
    }

    // Arabic, still unlocked: the bar is mirrored, Quick exit on the left edge.
    clear_search(&mut harness, "en");
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label_contains("العربية").click();
    harness.run();
    let arabic = quick_exit(&harness, "ar");
    assert!(
        arabic.left() - window.left() < 24.0,
        "pinned to the left edge in Arabic: {arabic:?}"
    );
    let mut seen = vec![("ar, search empty, unlocked", arabic)];
    search_for(&mut harness, "ar", "خط");
    seen.push(("ar, search filled, unlocked", quick_exit(&harness, "ar")));
    clear_search(&mut harness, "ar");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    assert!(!harness.state().app().session().is_unlocked(), "locked");
    seen.push(("ar, search empty, locked", quick_exit(&harness, "ar")));
    search_for(&mut harness, "ar", "خط");
    seen.push(("ar, search filled, locked", quick_exit(&harness, "ar")));
    for (state, rect) in &seen {
        assert_eq!(*rect, arabic, "Quick exit moved: {state}");
    }
}

#[test]
fn one_minute_is_singular_in_the_settings_menu() {
    let mut harness = common::harness("en");
    harness.get_by_label("Settings").click();
    harness.run();
    assert!(harness.query_by_label("1 minute").is_some(), "1 minute");
    assert!(harness.query_by_label("1 minutes").is_none());
    assert!(harness.query_by_label("5 minutes").is_some());
}

/// The top of the heading of Overview's section `index`.
fn section_top(harness: &App, index: usize) -> f32 {
    let title = harness.state().app().content().overview.sections[index]
        .title
        .clone();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Heading, &title)
        .rect()
        .top()
}

fn press(harness: &mut App, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

#[test]
fn the_scroll_keys_scroll_the_page_when_no_text_field_has_focus() {
    let mut harness = common::harness("en");
    harness.get_by_label("Overview").click();
    harness.run();
    // The tab list keeps its arrows; Escape leaves it, as a user reading the page would.
    press(&mut harness, egui::Key::Escape);
    let start = section_top(&harness, 0);
    let window = harness.ctx.content_rect().height();

    press(&mut harness, egui::Key::PageDown);
    let paged = section_top(&harness, 0);
    assert!(
        start - paged > window / 2.0,
        "PageDown scrolls most of a window: {start} → {paged}"
    );
    press(&mut harness, egui::Key::ArrowDown);
    let arrowed = section_top(&harness, 0);
    assert!(
        paged - arrowed > 20.0 && paged - arrowed < 100.0,
        "Down scrolls a line or two: {paged} → {arrowed}"
    );
    press(&mut harness, egui::Key::ArrowUp);
    assert_eq!(section_top(&harness, 0), paged, "Up scrolls back");
    press(&mut harness, egui::Key::PageUp);
    assert_eq!(section_top(&harness, 0), start, "PageUp scrolls back");
    press(&mut harness, egui::Key::Space);
    assert_eq!(section_top(&harness, 0), paged, "Space pages down");
    press(&mut harness, egui::Key::Home);
    assert_eq!(section_top(&harness, 0), start, "Home goes to the top");
    press(&mut harness, egui::Key::End);
    let sections = harness.state().app().content().overview.sections.len();
    let last = section_top(&harness, sections - 1);
    assert!(
        last < window && section_top(&harness, 0) < 0.0,
        "End shows the end of the page: the last heading at {last}"
    );
    press(&mut harness, egui::Key::Home);

    // In the search box the keys are the text field's: the page stays where it is.
    harness.get_by_label("Search").click();
    harness.run();
    press(&mut harness, egui::Key::PageDown);
    press(&mut harness, egui::Key::End);
    press(&mut harness, egui::Key::Space);
    assert_eq!(section_top(&harness, 0), start, "typing does not scroll");
}

#[test]
fn a_contents_jump_puts_the_section_at_the_top_of_the_window() {
    let mut harness = common::harness("en");
    harness.get_by_label("Overview").click();
    harness.run();
    let sections = harness.state().app().content().overview.sections.len();
    // One from the middle, so the page can scroll it to the top.
    let index = sections / 2;
    let title = harness.state().app().content().overview.sections[index]
        .title
        .clone();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, &title)
        .click();
    // The jump target asks for focus over a few frames until it lands.
    harness.run_steps(12);
    let top_bar = quick_exit(&harness, "en").bottom();
    let heading = section_top(&harness, index);
    assert!(
        heading > top_bar && heading - top_bar < 80.0,
        "the section starts at the top of the page: heading at {heading}, top bar ends at {top_bar}"
    );
}

#[test]
fn harbor_opens_on_the_start_screen_with_the_cursor_in_search() {
    let mut harness = common::harness("en");
    harness.run_steps(2);
    assert_eq!(harness.state().app().tab(), harbor::ui::Tab::Start);
    assert!(
        harness.get_by_label("Search").is_focused(),
        "search has focus"
    );
    // The numbers for tonight, each saying whether it is for calling or texting, on one line.
    for (what, number) in [
        ("Call:", "(888) 373-7888"),
        ("Text:", "233733"),
        ("Call:", "(800) 792-5200"),
    ] {
        let shown = harness.get_by_label(number).rect();
        let verb = harness
            .get_all_by_label(what)
            .map(|node| node.rect())
            .find(|rect| (rect.center().y - shown.center().y).abs() < 6.0)
            .unwrap_or_else(|| panic!("“{what}” beside {number}"));
        assert!(verb.right() <= shown.left(), "{what} before {number}");
        assert!(shown.height() < 30.0, "{number} on one line: {shown:?}");
    }
    assert!(
        harness.query_by_label_contains("(phone)").is_none(),
        "no “Phone (phone):”"
    );
    // Three ways in, each to its place.
    for (entry, tab) in [
        ("Do I have to report?", harbor::ui::Tab::Reporting),
        ("What am I seeing?", harbor::ui::Tab::Indicators),
        ("Who do I call now?", harbor::ui::Tab::Resources),
    ] {
        harness.get_by_label("Start").click();
        harness.run();
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, entry)
            .click();
        harness.run();
        assert_eq!(harness.state().app().tab(), tab, "{entry}");
    }
    // The preface is still the Overview's.
    harness.get_by_label("Overview").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(egui::accesskit::Role::Heading, "About this guide")
            .is_some()
    );
}

#[test]
fn the_national_hotline_goes_by_its_current_name_with_the_guidebooks_under_it() {
    let mut harness = common::harness("en");
    harness.run_steps(2);
    // At the bedside the line is named as it answers the phone today.
    assert!(
        harness
            .query_all_by_label_contains("National Human Trafficking Hotline")
            .next()
            .is_some(),
        "the start screen names the hotline by its current name"
    );
    assert!(
        harness.query_by_label_contains("Polaris Project").is_none(),
        "not by the guidebook's 2014 name"
    );
    // Resources keeps the guidebook's name, under the current one, so the two can be matched.
    harness.get_by_label("Resources").click();
    harness.run();
    let current = harness
        .get_by_role_and_label(
            egui::accesskit::Role::Label,
            "National Human Trafficking Hotline",
        )
        .rect();
    let old = harness
        .get_by_label(
            "In the guidebook: Polaris Project: National Human Trafficking Resource Center Hotline",
        )
        .rect();
    assert!(old.top() >= current.bottom(), "{old:?} under {current:?}");
}

#[test]
fn the_institution_first_line_leads_the_numbers_for_tonight() {
    let pack = tempfile::tempdir().unwrap();
    harbor::content::institution::import(
        std::path::Path::new("packaging/institution/contacts.sample.csv"),
        pack.path(),
    )
    .unwrap();
    let harness = common::harness_with_policy(
        "en",
        harbor::settings::Settings::default(),
        harbor::policy::Policy::none(),
        Some(pack.path().to_owned()),
    );
    let institution = harness.get_by_label("(617) 555-0100 x2200").rect();
    let hotline = harness.get_by_label("(888) 373-7888").rect();
    assert!(
        institution.top() < hotline.top(),
        "the institution's line first"
    );
    assert!(
        harness
            .query_by_label("Hospital Human Trafficking Response Team")
            .is_some()
    );
}

/// Every control of `role` with its rectangle, by name.
fn rects(harness: &App, role: egui::accesskit::Role) -> Vec<(String, egui::Rect)> {
    harness
        .query_all(egui_kittest::kittest::by().role(role))
        .map(|node| {
            (
                node.accesskit_node().label().unwrap_or_default(),
                node.rect(),
            )
        })
        .collect()
}

/// Asserts that every control in `before` is still where it was.
fn nothing_moved(before: &[(String, egui::Rect)], after: &[(String, egui::Rect)], what: &str) {
    for (name, rect) in before {
        let now = after
            .iter()
            .find(|(other, _)| other == name)
            .map(|(_, rect)| *rect);
        assert_eq!(now, Some(*rect), "{what}: “{name}” moved or vanished");
    }
}

#[test]
fn ticking_an_indicator_moves_no_other_box() {
    use egui::accesskit::Role;
    let mut harness = common::harness("en");
    harness.get_by_label("Indicators").click();
    harness.run();
    let boxes = rects(&harness, Role::CheckBox);
    assert!(boxes.len() > 10, "the checklist: {}", boxes.len());
    // Three ticks down the list, as in the walkthrough: each time the next box must stay under the pointer.
    for index in [0, 1, 3] {
        let before = rects(&harness, Role::CheckBox);
        let (name, _) = &before[index];
        harness.get_by_role_and_label(Role::CheckBox, name).click();
        harness.run();
        assert!(
            harness
                .query_by_label_contains("Your observations fall in these groups:")
                .is_some(),
            "the summary shows"
        );
        nothing_moved(&before, &rects(&harness, Role::CheckBox), "after a tick");
    }
}

/// Answers `question` with `answer` (their accessible name joins both), bringing it on screen first.
fn answer(harness: &mut App, answer: &str, question: &str) {
    let name = format!("{answer} — {question}");
    harness.get_by_label(&name).scroll_to_me();
    harness.run();
    harness.get_by_label(&name).click();
    harness.run();
}

const AGE: &str = "How old is the patient?";
const INCAPABLE: &str = "Is the patient temporarily unable to give informed consent because of present circumstances, such as intoxication?";
const CONSENT: &str =
    "Is the patient competent, and do they give explicit informed consent to a report or referral?";
const KNIFE: &str = "Does the patient have a wound or injury caused by a knife or other sharp or pointed instrument, where in your opinion a criminal act was involved?";

#[test]
fn answering_the_reporting_helper_moves_no_question() {
    use egui::accesskit::Role;
    let mut harness = common::harness("en");
    harness.get_by_label("Reporting").click();
    harness.run();
    for (choice, question) in [
        (
            "18 to 59 (an adult), or appears to be an adult under 60",
            AGE,
        ),
        ("No", INCAPABLE),
        ("No: competent, and declines", CONSENT),
        ("Under 18 (a minor)", AGE),
    ] {
        let before = rects(&harness, Role::RadioButton);
        harness
            .get_by_label(&format!("{choice} — {question}"))
            .click();
        harness.run();
        nothing_moved(
            &before,
            &rects(&harness, Role::RadioButton),
            &format!("after “{choice}”"),
        );
    }
}

#[test]
fn a_verdict_that_becomes_certain_out_of_view_is_announced_and_flagged() {
    let mut harness = common::harness("en");
    harness.get_by_label("Reporting").click();
    harness.run();
    answer(
        &mut harness,
        "18 to 59 (an adult), or appears to be an adult under 60",
        AGE,
    );
    answer(&mut harness, "No", INCAPABLE);
    answer(&mut harness, "No: competent, and declines", CONSENT);
    let title = "Report the knife or sharp-instrument wound to the local police";
    assert!(
        harness
            .query_by_role_and_label(egui::accesskit::Role::Heading, title)
            .is_none(),
        "no card yet"
    );
    // Far down the questions, the top of the results column is out of view.
    answer(
        &mut harness,
        "Yes: such a wound, and I believe a criminal act was involved",
        KNIFE,
    );
    let window = harness.ctx.content_rect();
    let heading = harness
        .get_by_role_and_label(egui::accesskit::Role::Heading, title)
        .rect();
    assert!(
        !window.intersects(heading),
        "the new card is out of view: {heading:?}"
    );
    // Announced: the results' heading is a live region that says what just became certain.
    let live = harness.get_by_label_contains("What applies");
    let node = live.accesskit_node();
    assert_eq!(node.live(), egui::accesskit::Live::Polite);
    assert!(
        node.value()
            .is_some_and(|v| v.contains(&format!("Now applies: Required: {title}"))),
        "{:?}",
        node.value()
    );
    // Flagged with a control that brings it into view.
    harness.get_by_label("New: Required — show it").click();
    harness.run();
    let heading = harness
        .get_by_role_and_label(egui::accesskit::Role::Heading, title)
        .rect();
    assert!(
        window.contains_rect(heading),
        "brought into view: {heading:?}"
    );
    assert!(
        harness.query_by_label("New: Required — show it").is_none(),
        "the flag goes once the verdict is seen"
    );
    // The summary atop the results column names it with its word.
    assert!(
        harness
            .query_by_label(&format!("Required: {title}"))
            .is_some()
    );
}

#[test]
fn resources_say_when_they_answer_and_filter_to_24_7() {
    let mut harness = common::harness("en");
    harness.get_by_label("Resources").click();
    harness.run();
    let boston = "Boston Police Department: Human Trafficking Unit (Boston)";
    assert!(harness.query_by_label(boston).is_some());
    assert!(
        harness
            .query_all_by_label("hours not confirmed")
            .next()
            .is_some(),
        "a service without confirmed hours says so"
    );
    // The hotline's number is marked 24/7 on its line.
    let number = harness
        .get_all_by_label("(888) 373-7888")
        .next()
        .unwrap()
        .rect();
    assert!(
        harness
            .get_all_by_label("24/7")
            .any(|mark| (mark.rect().center().y - number.center().y).abs() < 6.0),
        "24/7 beside the hotline's number"
    );
    harness
        .get_by_label("Only services that answer 24/7")
        .click();
    harness.run();
    assert!(
        harness.query_by_label(boston).is_none(),
        "not known to answer 24/7"
    );
    assert!(
        harness
            .query_all_by_label_contains("SafeLink")
            .next()
            .is_some(),
        "SafeLink answers 24/7"
    );
    assert!(
        harness
            .query_all_by_label("(888) 373-7888")
            .next()
            .is_some()
    );
    assert!(harness.query_by_label("hours not confirmed").is_none());
}

#[test]
fn the_passphrase_hint_moves_nothing_below_it() {
    let mut harness = common::harness("en");
    harness.get_by_label("Notes").click();
    harness.run();
    let confirm = harness.get_by_label("Passphrase again").rect();
    let create = harness.get_by_label("Create vault").rect();
    for typed in ["abc", "correct horse battery staple"] {
        harness.get_by_label("Passphrase").click();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness.get_by_label("Passphrase").type_text(typed);
        harness.run();
        assert_eq!(
            harness.get_by_label("Passphrase again").rect(),
            confirm,
            "the confirm field stayed put with a hint for “{typed}”"
        );
        assert_eq!(harness.get_by_label("Create vault").rect(), create);
    }
}

const PASSPHRASE: &str = "correct horse battery staple";
const PLAN_FIELD: &str = "Leaving: resources and supports needed if the patient wants to get out";

#[test]
fn unlocking_returns_to_the_safety_plan_with_its_record() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, PASSPHRASE);
    common::type_into(&mut harness, "Case label (pseudonym)", "ED-Sat-2");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);

    // The new record is the worksheet's at once: what is typed goes into it.
    harness.get_by_label("Safety plan").click();
    harness.run();
    harness.get_by_label(PLAN_FIELD).scroll_to_me();
    harness.run();
    common::type_into(&mut harness, PLAN_FIELD, "sister's phone");
    let kept = |harness: &App| {
        harness.state().app().session().vault().and_then(|v| {
            v.records
                .first()
                .and_then(|r| r.safety_plan.as_ref())
                .map(|p| p.values.len())
        })
    };
    assert_eq!(kept(&harness), Some(1), "typed into the new record's plan");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    assert!(
        harness
            .query_all_by_label_contains("nothing you enter is kept")
            .next()
            .is_none(),
        "no warning that nothing is kept: the record is still chosen"
    );
    assert!(
        harness
            .query_all_by_label_contains(
                "Unlock them in Notes to go on with this case record's plan"
            )
            .next()
            .is_some()
    );

    harness.get_by_label("Notes").click();
    harness.run();
    common::type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    harness.run_steps(4);
    assert!(harness.state().app().session().is_unlocked());
    assert_eq!(
        harness.state().app().tab(),
        harbor::ui::Tab::SafetyPlan,
        "back where the user was"
    );
    harness.get_by_label(PLAN_FIELD).scroll_to_me();
    harness.run();
    assert_eq!(
        harness.get_by_label(PLAN_FIELD).value().as_deref(),
        Some("sister's phone"),
        "the same record, its plan back"
    );

    // And Notes still has that record open.
    harness.get_by_label("Notes").click();
    harness.run();
    assert!(
        harness.query_by_label("Add quote").is_some(),
        "the record the user was on is open in Notes"
    );
}

#[test]
fn the_fear_scale_is_not_asked_until_touched() {
    let mut harness = common::harness("en");
    harness.get_by_label("Safety plan").click();
    harness.run();
    let fear = "Patient's own level of fear (0 = none, 10 = extreme)";
    harness
        .get_by_role_and_label(egui::accesskit::Role::Slider, fear)
        .scroll_to_me();
    harness.run();
    assert!(
        harness.query_by_label("not asked").is_some(),
        "unanswered at first"
    );
    assert!(harness.query_by_label("Clear").is_none());
    harness
        .get_by_role_and_label(egui::accesskit::Role::Slider, fear)
        .click();
    harness.run();
    assert!(
        harness.query_by_label("not asked").is_none(),
        "answered once touched"
    );
    harness.get_by_label("Clear").click();
    harness.run();
    assert!(
        harness.query_by_label("not asked").is_some(),
        "cleared back to not asked"
    );
}

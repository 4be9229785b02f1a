//! When the vault locks: on time while the window is minimized (eframe then runs only the app's logic), never
//! cancelled by restoring the window, and window events never count as activity.

use std::time::Duration;

use egui::{Event, RawInput, ViewportId, ViewportInfo};
use egui_kittest::kittest::Queryable;
use harbor::app::Clock;
use harbor::settings::Settings;

use crate::common::{self, TestApp};

const PASSPHRASE: &str = "four unrelated words here";

/// Auto-lock after one minute; the vault created and unlocked; the app on a clock the test moves.
fn unlocked_with_one_minute_auto_lock() -> (egui_kittest::Harness<'static, TestApp>, Clock) {
    let settings = Settings {
        auto_lock_minutes: 1,
        ..Settings::default()
    };
    let mut harness = common::harness_with("en", settings);
    common::create_vault(&mut harness, PASSPHRASE);
    let clock = Clock::manual();
    harness
        .state_mut()
        .app
        .as_mut()
        .expect("the harness ran a frame")
        .set_clock(clock.clone());
    (harness, clock)
}

/// What eframe does while the window is minimized: no UI pass, only the app's logic, with the window marked
/// minimized.
fn minimized_logic_pass(harness: &mut egui_kittest::Harness<'static, TestApp>) {
    let ctx = harness.ctx.clone();
    let mut input = RawInput::default();
    input.viewports.insert(
        ViewportId::ROOT,
        ViewportInfo {
            minimized: Some(true),
            focused: Some(false),
            ..ViewportInfo::default()
        },
    );
    let app = harness
        .state_mut()
        .app
        .as_mut()
        .expect("the harness ran a frame");
    let _ = ctx.run_logic(&input, |ctx| app.logic(ctx));
}

fn is_unlocked(harness: &egui_kittest::Harness<'static, TestApp>) -> bool {
    harness.state().app().session().is_unlocked()
}

#[test]
fn auto_lock_fires_while_the_window_is_minimized() {
    let (mut harness, clock) = unlocked_with_one_minute_auto_lock();
    minimized_logic_pass(&mut harness);
    assert!(is_unlocked(&harness), "not yet: no time has passed");
    clock.advance(Duration::from_secs(61));
    minimized_logic_pass(&mut harness);
    assert!(
        !is_unlocked(&harness),
        "a minimized window locks on time, without a UI pass"
    );
}

#[test]
fn restoring_the_window_does_not_cancel_a_due_lock() {
    let (mut harness, clock) = unlocked_with_one_minute_auto_lock();
    // Minimized for longer than the limit, and no frame at all meanwhile (as on Wayland, where a hidden window may
    // get no frame callbacks).
    clock.advance(Duration::from_secs(61));
    harness.event(Event::WindowFocused(true));
    harness.step();
    assert!(
        !is_unlocked(&harness),
        "the focus event of restoring the window is not activity"
    );
    assert!(
        !harness.state().app().session().has_unsaved_changes(),
        "nothing is left in memory"
    );
}

#[test]
fn window_events_never_count_as_activity() {
    let (mut harness, clock) = unlocked_with_one_minute_auto_lock();
    clock.advance(Duration::from_secs(40));
    harness.event(Event::WindowFocused(false));
    harness.step();
    harness.event(Event::WindowFocused(true));
    harness.step();
    assert!(is_unlocked(&harness), "40 s idle: still unlocked");
    clock.advance(Duration::from_secs(25));
    harness.step();
    assert!(
        !is_unlocked(&harness),
        "65 s without user input locks, whatever the window did meanwhile"
    );
}

#[test]
fn typing_counts_as_activity() {
    let (mut harness, clock) = unlocked_with_one_minute_auto_lock();
    clock.advance(Duration::from_secs(40));
    common::type_into(&mut harness, "Case label (pseudonym)", "Case A-1");
    clock.advance(Duration::from_secs(25));
    harness.step();
    assert!(is_unlocked(&harness), "25 s after typing: still unlocked");
    clock.advance(Duration::from_secs(40));
    harness.step();
    assert!(!is_unlocked(&harness), "65 s after typing: locked");
}

const PLAN_FIELD: &str = "Leaving: resources and supports needed if the patient wants to get out";

fn open_tab(harness: &mut egui_kittest::Harness<'static, TestApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// A vault with one record, its safety plan open on the worksheet.
fn worksheet_of_a_record() -> egui_kittest::Harness<'static, TestApp> {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, PASSPHRASE);
    common::type_into(&mut harness, "Case label (pseudonym)", "Case W-1");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);
    open_tab(&mut harness, "Safety plan");
    harness.get_by_label("Plan for case record:").click();
    harness.run();
    harness.get_by_label("Case W-1").click();
    harness.run();
    harness.get_by_label(PLAN_FIELD).scroll_to_me();
    harness.run();
    harness
}

fn unlock(harness: &mut egui_kittest::Harness<'static, TestApp>) {
    open_tab(harness, "Notes");
    common::type_into(harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(harness);
    assert!(is_unlocked(harness), "unlocked again");
}

/// The worksheet's answer for the first record, read from the unlocked vault.
fn saved_plan_text(harness: &egui_kittest::Harness<'static, TestApp>) -> Option<String> {
    let vault = harness.state().app().session().vault()?;
    let plan = vault.records.first()?.safety_plan.as_ref()?;
    plan.values.values().find_map(|value| match value {
        harbor::vault::model::PlanValue::Text(text) => Some(text.clone()),
        _ => None,
    })
}

#[test]
fn worksheet_typing_locked_at_once_is_saved_and_never_shown_as_saved_before() {
    const TEXT: &str = "aunt's number, bus fare";
    let mut harness = worksheet_of_a_record();
    common::type_into(&mut harness, PLAN_FIELD, TEXT);
    // Typed a moment ago: autosave has not fired, and the status says so.
    assert!(
        harness
            .query_by_label_contains("Changes not saved yet")
            .is_some(),
        "unsaved text is shown as unsaved"
    );
    assert!(
        harness
            .query_by_label_contains("All changes saved")
            .is_none(),
        "never 'saved' for text that is not"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    common::wait_for_vault(&mut harness);
    assert!(!is_unlocked(&harness), "Ctrl+L locked");
    assert!(
        harness.query_by_label_contains(TEXT).is_none(),
        "the worksheet no longer shows the text"
    );
    unlock(&mut harness);
    assert_eq!(
        saved_plan_text(&harness).as_deref(),
        Some(TEXT),
        "the last keystrokes before the lock were saved"
    );
}

#[test]
fn worksheet_edits_survive_switching_tab_then_locking() {
    const TEXT: &str = "keep phone hidden";
    let mut harness = worksheet_of_a_record();
    common::type_into(&mut harness, PLAN_FIELD, TEXT);
    open_tab(&mut harness, "Resources");
    harness.get_by_label("Lock notes").click();
    harness.run();
    common::wait_for_vault(&mut harness);
    assert!(!is_unlocked(&harness), "the Lock button locked");
    unlock(&mut harness);
    assert_eq!(saved_plan_text(&harness).as_deref(), Some(TEXT));
}

#[test]
fn control_number_and_a_click_change_tab_the_same_way() {
    let mut harness = common::harness("en");
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("shelter");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    harness.run();
    assert_eq!(harness.state().app().tab(), harbor::ui::Tab::Health);
    assert_eq!(
        harness.get_by_label("Search").value().as_deref(),
        Some(""),
        "Ctrl+3 empties the search box, as clicking a tab does, so the tab shows"
    );
}

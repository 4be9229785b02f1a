//! When the vault locks: on time while the window is minimized (eframe then runs only the app's logic), never
//! cancelled by restoring the window, and window events never count as activity.

use std::time::Duration;

use egui::{Event, RawInput, ViewportId, ViewportInfo};
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

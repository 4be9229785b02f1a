//! Screen-capture protection: asked of the window while notes are unlocked, dropped when they lock, switchable in
//! Settings unless the institution's policy fixes it. What reaches the window is read from the frame's viewport
//! commands (`ViewportCommand::ContentProtected`), which egui-winit hands to winit.

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use harbor::policy::{Policy, json};
use harbor::settings::Settings;

use crate::common::{self, TestApp};

const SWITCH: &str = "Hide Harbor from screenshots and screen sharing while notes are unlocked";

/// The `ContentProtected` requests in the last frame's output.
fn requests_in_last_frame(harness: &Harness<'static, TestApp>) -> Vec<bool> {
    harness
        .output()
        .viewport_output
        .values()
        .flat_map(|viewport| viewport.commands.iter())
        .filter_map(|command| match command {
            egui::ViewportCommand::ContentProtected(on) => Some(*on),
            _ => None,
        })
        .collect()
}

fn requested(harness: &Harness<'static, TestApp>) -> Option<bool> {
    harness.state().app().capture_protection_requested()
}

fn policy(text: &str) -> Policy {
    Policy::from_sources(vec![
        json::parse(text.as_bytes(), Path::new("/etc/harbor/policy.json")).map(|s| vec![s]),
    ])
}

#[test]
fn the_window_is_protected_exactly_while_notes_are_unlocked() {
    let mut harness = common::harness("en");
    assert_eq!(
        requested(&harness),
        Some(false),
        "the guide alone stays shareable"
    );
    common::create_vault(&mut harness, "correct horse battery staple orbit");
    assert_eq!(requested(&harness), Some(true), "protected once unlocked");

    // The lock and the request to drop protection happen in the same frame: Ctrl+L goes in as one frame's input
    // (kittest's `key_press_modifiers` would spread it over several frames).
    harness.input_mut().events.push(egui::Event::Key {
        key: egui::Key::L,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.step();
    assert!(!harness.state().app().session().is_unlocked());
    assert_eq!(requests_in_last_frame(&harness), vec![false]);
    common::wait_for_vault(&mut harness);
    assert_eq!(requested(&harness), Some(false));
    assert!(
        requests_in_last_frame(&harness).is_empty(),
        "a request goes out only when it changes"
    );
}

#[test]
fn the_user_can_turn_protection_off_for_a_magnifier_or_remote_support() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, "correct horse battery staple orbit");
    harness.get_by_label("Settings").click();
    harness.run();
    let switch = harness.get_by_label(SWITCH);
    assert!(!switch.accesskit_node().is_disabled());
    assert_eq!(
        switch.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "on by default"
    );
    assert!(
        harness
            .query_by_label_contains("screen magnifier or remote support")
            .is_some(),
        "the switch says what turning it off is for"
    );
    // One AccessKit click is one frame, so the request is in that frame's output.
    switch.click_accesskit();
    harness.step();
    assert_eq!(requests_in_last_frame(&harness), vec![false]);
    assert!(!harness.state().app().settings().capture_protection);
    harness.run();
    assert_eq!(requested(&harness), Some(false), "stays off while unlocked");

    harness.get_by_label(SWITCH).click_accesskit();
    harness.step();
    assert_eq!(requests_in_last_frame(&harness), vec![true]);
    assert!(harness.state().app().settings().capture_protection);
}

#[test]
fn a_saved_choice_to_turn_protection_off_is_kept() {
    let settings = Settings {
        capture_protection: false,
        ..Settings::default()
    };
    let mut harness = common::harness_with("en", settings);
    common::create_vault(&mut harness, "correct horse battery staple orbit");
    assert_eq!(requested(&harness), Some(false));
}

#[test]
fn an_older_settings_file_without_the_switch_turns_protection_on() {
    let settings: Settings =
        ron::from_str("(locale: Some(\"en\"), theme: Light, zoom: 1.0, auto_lock_minutes: 5)")
            .expect("older settings parse");
    assert!(settings.capture_protection);
}

#[test]
fn the_institution_can_fix_protection_on_or_off() {
    for (text, on, note) in [
        (
            r#"{"ScreenCaptureProtection": true}"#,
            true,
            "Set by your institution: the window is hidden from screen capture while notes are unlocked.",
        ),
        (
            r#"{"ScreenCaptureProtection": false}"#,
            false,
            "Set by your institution: the window is not hidden from screen capture.",
        ),
    ] {
        let user_choice = Settings {
            capture_protection: !on,
            ..Settings::default()
        };
        let mut harness = common::harness_with_policy("en", user_choice, policy(text), None);
        common::create_vault(&mut harness, "correct horse battery staple orbit");
        assert_eq!(requested(&harness), Some(on), "{text}: the policy wins");
        harness.get_by_label("Settings").click();
        harness.run();
        let switch = harness.get_by_label(SWITCH);
        assert!(switch.accesskit_node().is_disabled(), "{text}: locked");
        assert_eq!(
            switch.accesskit_node().toggled(),
            Some(if on {
                egui::accesskit::Toggled::True
            } else {
                egui::accesskit::Toggled::False
            })
        );
        assert!(harness.query_by_label(note).is_some(), "{text}: says why");
    }
}

#[test]
fn the_settings_say_whether_this_desktop_can_hide_the_window_at_all() {
    let mut harness = common::harness("en");
    harness.get_by_label("Settings").click();
    harness.run();
    let unsupported = harness
        .query_by_label_contains("On Linux, apps cannot hide their window")
        .is_some();
    assert_eq!(
        unsupported,
        cfg!(not(any(target_os = "windows", target_os = "macos")))
    );
}

//! The Notes view through its accessible labels: create a vault, add a record, lock (the text is gone), unlock
//! (it is back); a wrong passphrase says so.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use harbor::ui::Tab;

const PASSPHRASE: &str = "correct horse battery staple";
const MARKER: &str = "marker-7f3a-quote";

fn type_into(
    harness: &mut egui_kittest::Harness<'static, common::TestApp>,
    label: &str,
    text: &str,
) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn create_add_record_lock_and_unlock_again() {
    let mut harness = common::harness("en");
    harness.get_by_label("Notes").click();
    harness.run();
    assert_eq!(harness.state().app().tab(), Tab::Notes);

    type_into(&mut harness, "Passphrase", PASSPHRASE);
    type_into(&mut harness, "Passphrase again", PASSPHRASE);
    harness.get_by_label("Create vault").click();
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_unlocked());

    type_into(&mut harness, "Case label (pseudonym)", "Case K-1");
    harness.get_by_label("New case record").click();
    harness.run();
    type_into(&mut harness, "Quote", MARKER);
    harness.get_by_label("Add quote").click();
    common::wait_for_vault(&mut harness);
    assert!(
        harness.query_by_label_contains(MARKER).is_some(),
        "the quote is shown"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    assert!(
        harness.query_by_label_contains(MARKER).is_none(),
        "locking clears the record from the UI"
    );
    assert!(harness.query_by_label_contains("Case K-1").is_none());

    type_into(&mut harness, "Passphrase", "not the passphrase");
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(
        harness
            .query_by_label_contains("does not open your notes")
            .is_some(),
        "wrong passphrase is explained"
    );

    type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    harness.get_by_label("Case K-1").click();
    harness.run();
    assert!(
        harness.query_by_label_contains(MARKER).is_some(),
        "the record is back after unlocking"
    );
}

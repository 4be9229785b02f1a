//! The Notes view through its accessible labels: create a vault, add a record, lock (the text is gone), unlock
//! (it is back); a wrong passphrase says so.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;

use egui::text_edit::TextEditState;
use egui::text_selection::CCursorRange;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
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

/// Whether any text field's undo history in egui's memory (copies of the text at earlier steps) holds `needle`.
fn undo_history_holds(
    harness: &egui_kittest::Harness<'static, common::TestApp>,
    needle: &str,
) -> bool {
    harness.ctx.memory(|memory| {
        memory
            .data
            .iter_temp_by_type::<TextEditState>()
            .any(|state| {
                let mut undoer = state.undoer();
                // A state no history holds, so that `undo` steps back through every stored one.
                let mut current = (CCursorRange::default(), String::from("\u{0}"));
                for _ in 0..1_000 {
                    let Some(previous) = undoer.undo(&current) else {
                        return false;
                    };
                    current = previous.clone();
                    if current.1.contains(needle) {
                        return true;
                    }
                }
                false
            })
    })
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

    assert!(
        undo_history_holds(&harness, MARKER),
        "egui's text-field undo history holds what was typed"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    assert!(
        !undo_history_holds(&harness, MARKER),
        "locking drops egui's text-field undo history"
    );
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

#[test]
fn the_recovery_key_is_dismissed_only_after_its_end_is_typed_back() {
    let mut harness = common::harness("en");
    common::fill_new_vault_form(&mut harness, PASSPHRASE);
    harness.get_by_label("Also create a recovery key").click();
    harness.run();
    harness.get_by_label("Create vault").click();
    common::wait_for_vault(&mut harness);
    let key = {
        let node = harness.get_by_label_contains("AGE-SECRET-KEY-1");
        let text = node.accesskit_node();
        node.value()
            .or_else(|| text.label())
            .expect("the key is shown as text")
    };
    let stored = "I have stored it safely";
    assert!(
        harness.get_by_label(stored).accesskit_node().is_disabled(),
        "a Copy click is not proof that the key was stored"
    );
    let confirm = "To confirm you stored it, type its last 6 characters:";
    type_into(&mut harness, confirm, "ABCDEF");
    assert!(harness.get_by_label(stored).accesskit_node().is_disabled());
    assert!(
        harness
            .query_by_label_contains("Those are not the key's last 6 characters")
            .is_some(),
        "a wrong entry says so"
    );
    harness.get_by_label(confirm).click();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label(confirm)
        .type_text(&key[key.len() - 6..].to_lowercase());
    harness.run();
    assert!(!harness.get_by_label(stored).accesskit_node().is_disabled());
    harness.get_by_label(stored).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("AGE-SECRET-KEY-1")
            .is_none(),
        "the key is no longer on screen"
    );
}

#[test]
fn a_read_only_window_shows_records_to_read_and_disables_editing() {
    let data = tempfile::tempdir().expect("temp dir");
    // The first window: it holds the vault.
    let mut first = harbor::vault::Session::new(data.path(), std::sync::Arc::new(|| {}));
    first
        .create(PASSPHRASE.into(), false)
        .expect("create starts");
    assert!(first.wait_idle(std::time::Duration::from_secs(60)));
    first.edit(|vault| {
        vault.new_record("Case R-1").notes = MARKER.to_owned();
        true
    });
    first.save().expect("save starts");
    assert!(first.wait_idle(std::time::Duration::from_secs(60)));

    let mut harness = common::harness_at(
        "en",
        harbor::settings::Settings::default(),
        Some(data.path()),
    );
    harness.get_by_label("Notes").click();
    harness.run();
    type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_read_only());
    harness.get_by_label("Case R-1").click();
    harness.run();
    let notes = harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Notes");
    assert_eq!(
        notes.value().as_deref(),
        Some(MARKER),
        "the record can be read"
    );
    assert!(
        notes.accesskit_node().is_disabled(),
        "and not edited, since nothing could be saved"
    );
    assert!(
        harness
            .get_by_label("New case record")
            .accesskit_node()
            .is_disabled(),
        "no record can be added"
    );
    assert!(
        harness
            .query_all_by_label_contains("Opened read-only")
            .next()
            .is_some(),
        "the window says why"
    );
    drop(first);
}

#[test]
fn a_data_folder_that_cannot_be_looked_into_is_never_offered_for_a_new_vault() {
    // A file where the data folder's parent should be: the folder cannot be examined (this also holds as root,
    // which permissions would not stop).
    let base = tempfile::tempdir().expect("temp dir");
    let file = base.path().join("not-a-folder");
    std::fs::write(&file, b"").expect("write");
    let data = file.join("harbor");
    let mut harness = common::harness_at("en", harbor::settings::Settings::default(), Some(&data));
    harness.get_by_label("Notes").click();
    harness.run();
    assert!(
        harness.query_by_label("Create vault").is_none(),
        "no offer to create a vault over one Harbor cannot see"
    );
    assert!(
        harness
            .query_all_by_label_contains("Harbor cannot look into its data folder")
            .next()
            .is_some(),
        "says what is wrong and what to do"
    );
}

#[test]
fn a_guessable_passphrase_is_refused_with_a_reason() {
    let mut harness = common::harness("en");
    harness.get_by_label("Notes").click();
    harness.run();
    type_into(&mut harness, "Passphrase", "Password123!");
    assert!(
        harness
            .query_all_by_label_contains("Too easy to guess")
            .next()
            .is_some(),
        "the hint warns while typing"
    );
    type_into(&mut harness, "Passphrase again", "Password123!");
    harness.get_by_label("Create vault").click();
    common::wait_for_vault(&mut harness);
    assert!(
        !harness.state().app().session().is_unlocked(),
        "no vault behind a guessable passphrase"
    );
    assert!(
        harness.query_by_label("Create vault").is_some(),
        "still on the create form"
    );
}

#[test]
fn after_unlocking_the_window_says_how_many_wrong_passphrases_were_tried() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, PASSPHRASE);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    common::wait_for_vault(&mut harness);
    type_into(&mut harness, "Passphrase", "not the right one at all");
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains("Wrong passphrases entered since the last unlock (")
            .any(|node| node.value().unwrap_or_default().ends_with("): 1")
                || node
                    .accesskit_node()
                    .label()
                    .is_some_and(|label| label.ends_with("): 1"))),
        "one wrong attempt is reported"
    );
}

#[test]
fn a_read_only_window_shows_the_worksheet_to_read_but_not_to_type_into() {
    const FIELD: &str = "Leaving: resources and supports needed if the patient wants to get out";
    let data = tempfile::tempdir().expect("temp dir");
    let mut first = harbor::vault::Session::new(data.path(), std::sync::Arc::new(|| {}));
    first
        .create(PASSPHRASE.into(), false)
        .expect("create starts");
    assert!(first.wait_idle(std::time::Duration::from_secs(60)));
    let harness_content = harbor::content::Content::builtin("en").expect("content");
    let field_id = harness_content
        .safety_plan
        .sections
        .iter()
        .flat_map(|section| &section.fields)
        .find(|field| field.label == FIELD)
        .map(|field| field.id.clone())
        .expect("the field exists");
    first.edit(|vault| {
        let record = vault.new_record("Case P-9");
        let mut draft = harbor::vault::SafetyPlanDraft::default();
        draft
            .values
            .insert(field_id, harbor::vault::PlanValue::Text(MARKER.to_owned()));
        record.safety_plan = Some(draft);
        true
    });
    first.save().expect("save starts");
    assert!(first.wait_idle(std::time::Duration::from_secs(60)));

    let mut harness = common::harness_at(
        "en",
        harbor::settings::Settings::default(),
        Some(data.path()),
    );
    harness.get_by_label("Notes").click();
    harness.run();
    type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_read_only());
    harness.get_by_label("Safety plan").click();
    harness.run();
    harness.get_by_label("Plan for case record:").click();
    harness.run();
    harness.get_by_label("Case P-9").click();
    harness.run();
    harness.get_by_label(FIELD).scroll_to_me();
    harness.run();
    let field = harness.get_by_label(FIELD);
    assert_eq!(
        field.value().as_deref(),
        Some(MARKER),
        "the plan can be read"
    );
    assert!(field.accesskit_node().is_disabled(), "and not typed into");
    drop(first);
}

#[test]
fn a_read_only_window_takes_over_once_the_other_window_closes() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut first = harbor::vault::Session::new(data.path(), std::sync::Arc::new(|| {}));
    first
        .create(PASSPHRASE.into(), false)
        .expect("create starts");
    assert!(first.wait_idle(std::time::Duration::from_secs(60)));
    first.edit(|vault| {
        vault.new_record("Case T-1");
        true
    });
    first.save().expect("save starts");
    assert!(first.wait_idle(std::time::Duration::from_secs(60)));

    let mut harness = common::harness_at(
        "en",
        harbor::settings::Settings::default(),
        Some(data.path()),
    );
    harness.get_by_label("Notes").click();
    harness.run();
    type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_read_only());

    // Too early: the first window still holds the notes, and the window says so.
    harness
        .get_by_label("The other window is closed: edit here")
        .click();
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_read_only());
    assert!(
        harness
            .query_all_by_label_contains("already open in another Harbor window")
            .next()
            .is_some()
    );

    // The first window saves once more and closes.
    first.edit(|vault| {
        vault.new_record("Case T-2");
        true
    });
    first.save().expect("save starts");
    assert!(first.wait_idle(std::time::Duration::from_secs(60)));
    drop(first);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        harness
            .get_by_label("The other window is closed: edit here")
            .click();
        common::wait_for_vault(&mut harness);
        if !harness.state().app().session().is_read_only() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never became writable"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        harness.query_by_label("Case T-2").is_some(),
        "re-read from disk: the other window's last save is here"
    );
    common::type_into(&mut harness, "Case label (pseudonym)", "Case T-3");
    harness.get_by_label("New case record").click();
    common::wait_for_vault(&mut harness);
    assert!(
        !harness.state().app().session().has_unsaved_changes(),
        "and this window can save"
    );
}

/// Issue 26.6: the recovery form's new passphrase has a buffer of its own. Typing it used to fill the unlock field
/// above as well, so a click on Unlock then tried the new passphrase.
#[test]
fn the_recovery_forms_new_passphrase_does_not_fill_the_unlock_field() {
    let mut harness = common::harness("en");
    common::create_vault(&mut harness, PASSPHRASE);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    common::wait_for_vault(&mut harness);
    assert!(!harness.state().app().session().is_unlocked());
    harness
        .get_by_label("I forgot my passphrase (use the recovery key)")
        .click();
    harness.run();
    type_into(
        &mut harness,
        "New passphrase",
        "an entirely new passphrase 42",
    );
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    let session = harness.state().app().session();
    assert!(!session.is_unlocked());
    assert!(
        session.last_error().is_none(),
        "the unlock field was empty, so Unlock tried nothing: {:?}",
        session.last_error()
    );
    // The unlock field still works on its own.
    type_into(&mut harness, "Passphrase", PASSPHRASE);
    harness.get_by_label("Unlock").click();
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_unlocked());
}

//! Notes: create, unlock and lock the vault; list, search, edit and delete case records. Every plaintext field
//! edited here lives in the session's vault (zeroized on lock); the view's own text buffers are cleared on lock.

use std::time::Instant;

use egui::{RichText, TextStyle, Ui};
use rust_i18n::t;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroize;

use super::theme::palette;
use super::widgets::{
    Marker, announce, card, copy_button, display, focus_until_landed, list, list_item, notice,
    paragraph, styled_paragraph, subheading,
};
use super::{Command, VaultCommand, VaultView, View, ViewCtx};
use crate::vault::VaultError;
use crate::vault::model::{CaseRecord, PhotoEntry, Quote, unix_now};
use crate::vault::session::{Outcome, Restored, SaveStatus, Session, Task};

use crate::vault::passphrase::{MIN_CHARS as MIN_PASSPHRASE_CHARS, Strength, strength};

/// How many of the recovery key's last characters the user types back to confirm they stored it.
const RECOVERY_CONFIRM_CHARS: usize = 6;

/// Whether `typed` is the key's last [`RECOVERY_CONFIRM_CHARS`] characters (spaces and case ignored).
fn recovery_key_confirmed(key: &SecretString, typed: &str) -> bool {
    let typed: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let key = key.expose_secret();
    typed.chars().count() == RECOVERY_CONFIRM_CHARS
        && key
            .get(key.len().saturating_sub(RECOVERY_CONFIRM_CHARS)..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(&typed))
}

/// The translated message for a vault error.
pub fn error_text(error: &VaultError) -> String {
    t!(error.message_key()).into_owned()
}

/// The translated save status line.
pub(crate) fn save_status_text(session: &Session) -> String {
    match session.save_status() {
        SaveStatus::Saved if session.has_unsaved_changes() => {
            t!("vault.status_unsaved").into_owned()
        }
        SaveStatus::Saved => t!("vault.status_saved").into_owned(),
        SaveStatus::Saving => t!("vault.status_saving").into_owned(),
        SaveStatus::Failed(error) => {
            t!("vault.status_failed", reason = error_text(error).as_str()).into_owned()
        }
    }
}

fn strength_text(strength: Strength) -> String {
    match strength {
        Strength::TooShort => t!("vault.strength_short", count = MIN_PASSPHRASE_CHARS),
        Strength::Weak => t!("house.strength_weak"),
        Strength::Fair => t!("vault.strength_fair"),
        Strength::Strong => t!("vault.strength_strong"),
    }
    .into_owned()
}

/// Text fields of the create / unlock / recover / change-passphrase forms.
#[derive(Default)]
struct Forms {
    passphrase: String,
    confirm: String,
    with_recovery_key: bool,
    show_recovery: bool,
    recovery_key: String,
    /// The recovery form's new passphrase: a buffer of its own, or typing it would fill the unlock field above.
    new_passphrase: String,
    show_change: bool,
    current: String,
    message: Option<String>,
    /// The strength of `passphrase` as last estimated, keyed by a hash of it: zxcvbn runs when it changes, not
    /// every frame.
    strength: Option<(u64, Strength)>,
}

impl Forms {
    fn passphrase_strength(&mut self) -> Strength {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::hash::DefaultHasher::new();
        self.passphrase.hash(&mut hasher);
        let key = hasher.finish();
        match self.strength {
            Some((cached, strength)) if cached == key => strength,
            _ => {
                let estimated = strength(&self.passphrase);
                self.strength = Some((key, estimated));
                estimated
            }
        }
    }

    fn clear(&mut self) {
        self.strength = None;
        self.passphrase.zeroize();
        self.confirm.zeroize();
        self.recovery_key.zeroize();
        self.new_passphrase.zeroize();
        self.current.zeroize();
        self.message = None;
        self.show_recovery = false;
        self.show_change = false;
    }
}

/// Why a new passphrase (typed twice) cannot be used, if it cannot: too short, or the two entries differ.
fn new_passphrase_problem(passphrase: &str, confirm: &str) -> Option<String> {
    let strength = strength(passphrase);
    if !strength.acceptable() {
        Some(strength_text(strength))
    } else if passphrase != confirm {
        Some(t!("vault.passphrases_differ").into_owned())
    } else {
        None
    }
}

/// Moves a form field into a secret, wiping the field.
fn take_secret(field: &mut String) -> SecretString {
    let secret = SecretString::from(field.clone());
    field.zeroize();
    secret
}

/// Where keyboard focus goes when the Notes screen changes under it: unlocking, locking or adding a record removes
/// the control that had focus, and a screen-reader user would otherwise be left on the bare window.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Focus {
    /// The first passphrase field of the create or unlock form (after locking, or a failed unlock).
    Passphrase,
    /// The field for typing back the recovery key's end.
    RecoveryConfirm,
    /// The new record's label field (after unlocking).
    NewLabel,
    /// The selected record's own label field (after adding it).
    RecordLabel,
}

/// Moves focus to `response` if it is the control `pending` waits for (a disabled one, as in a read-only window,
/// cannot take it: focus stays where it is).
fn focus_if(pending: &mut Option<Focus>, target: Focus, response: &egui::Response) {
    let start = *pending == Some(target);
    if start {
        *pending = None;
    }
    focus_until_landed(response, start && response.enabled());
}

/// State of the Notes tab.
#[derive(Default)]
pub(crate) struct NotesView {
    forms: Forms,
    /// The control that takes focus when it is next drawn.
    focus: Option<Focus>,
    /// The recovery key, shown once after creating the vault (or making a new one) until dismissed.
    recovery_key_shown: Option<SecretString>,
    selected: Option<String>,
    record_query: String,
    new_label: String,
    new_quote: String,
    confirm_delete: bool,
    last_edit: Option<Instant>,
    /// Managed policy: every new vault gets a recovery key.
    pub(crate) recovery_key_required: bool,
}

impl View for NotesView {
    fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>) {
        if let Some(task) = vault.session().task() {
            busy_ui(ui, task);
            return;
        }
        if self.recovery_key_shown.is_some() {
            self.recovery_key_ui(ui);
            return;
        }
        if vault.session().is_unlocked() {
            self.unlocked_ui(ui, view, vault);
        } else if let Some(error) = vault.folder_error() {
            // Never offer to create a vault where one may already be.
            card(ui, |ui| {
                let text = match error {
                    VaultError::FolderUnreadable => error_text(error),
                    _ => t!(
                        "house.folder_unreadable",
                        folder = vault.session().dir().display().to_string().as_str(),
                        reason = error_text(error).as_str()
                    )
                    .into_owned(),
                };
                notice(ui, &text);
            });
        } else if vault.exists() {
            self.unlock_ui(ui, view, vault.session());
        } else {
            self.create_ui(ui, view, vault.session());
        }
    }

    /// Record fields are bound to the vault itself, so its final save carries every edit; only the forms' and
    /// search box's text is the view's own.
    fn on_lock(&mut self, _view: &ViewCtx<'_>) {
        self.clear_plaintext();
        self.focus = Some(Focus::Passphrase);
    }
}

impl NotesView {
    /// Drops every plaintext buffer this view holds (on lock).
    fn clear_plaintext(&mut self) {
        self.forms.clear();
        self.recovery_key_shown = None;
        self.selected = None;
        self.record_query.zeroize();
        self.new_label.zeroize();
        self.new_quote.zeroize();
        self.confirm_delete = false;
        self.last_edit = None;
    }

    /// Reacts to a finished background task (the app polls the session every frame, whatever the tab); a new
    /// recovery key, if the task made one, is shown once.
    pub(crate) fn on_outcome(&mut self, outcome: &Outcome, recovery_key: Option<SecretString>) {
        self.forms.clear();
        if outcome.result.is_ok() && matches!(outcome.task, Task::Create | Task::Recover) {
            self.recovery_key_shown = recovery_key;
        }
        let opened = matches!(
            outcome.task,
            Task::Create
                | Task::Unlock
                | Task::UnlockAllowReadOnly
                | Task::Recover
                | Task::RestoreBackup
                | Task::ReopenWritable
        );
        self.focus = match (&outcome.result, opened) {
            (Ok(_), true) if self.recovery_key_shown.is_some() => Some(Focus::RecoveryConfirm),
            (Ok(_), true) => Some(Focus::NewLabel),
            (Err(_), true) => Some(Focus::Passphrase),
            (_, false) => self.focus,
        };
    }

    /// Shows a recovery key made on request ("new recovery key"), once.
    pub(crate) fn show_recovery_key(&mut self, key: Option<SecretString>) {
        self.recovery_key_shown = key;
        self.focus = Some(Focus::RecoveryConfirm);
    }

    /// A vault command from this view was refused at once (busy, locked, read-only…): say why.
    pub(crate) fn command_failed(&mut self, error: &VaultError) {
        self.forms.message = Some(error_text(error));
    }

    fn error_ui(&self, ui: &mut Ui, session: &Session) {
        // Live regions: a screen reader speaks the reason when it appears, wherever focus is.
        if let Some(message) = &self.forms.message {
            announce(&notice(ui, message));
        }
        if let Some(error) = session.last_error() {
            announce(&notice(ui, &error_text(error)));
        }
    }

    fn create_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, session: &Session) {
        card(ui, |ui| {
            subheading(ui, &t!("vault.create_title"));
            paragraph(ui, &t!("vault.create_intro"));
            let forms = &mut self.forms;
            let response = passphrase_field(ui, &t!("vault.passphrase"), &mut forms.passphrase);
            focus_if(&mut self.focus, Focus::Passphrase, &response);
            if !forms.passphrase.is_empty() {
                let hint = strength_text(forms.passphrase_strength());
                ui.label(RichText::new(display(&hint)).small());
            }
            passphrase_field(ui, &t!("vault.passphrase_again"), &mut forms.confirm);
            if self.recovery_key_required {
                forms.with_recovery_key = true;
            }
            ui.add_enabled(
                !self.recovery_key_required,
                egui::Checkbox::new(
                    &mut forms.with_recovery_key,
                    display(&t!("vault.offer_recovery")),
                ),
            );
            if self.recovery_key_required {
                super::policy::locked_note(ui, &t!("deploy.policy.recovery_required"));
            }
            paragraph(ui, &t!("vault.recovery_explained"));
            if ui.button(display(&t!("vault.create"))).clicked() {
                if let Some(problem) = new_passphrase_problem(&forms.passphrase, &forms.confirm) {
                    forms.message = Some(problem);
                } else {
                    forms.confirm.zeroize();
                    view.push(Command::Vault(VaultCommand::Create {
                        passphrase: take_secret(&mut forms.passphrase),
                        with_recovery_key: forms.with_recovery_key,
                    }));
                }
            }
            self.error_ui(ui, session);
        });
    }

    fn unlock_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, session: &Session) {
        card(ui, |ui| {
            subheading(ui, &t!("vault.locked_title"));
            // The save `lock` started could not write the last edits; they wait, encrypted, for this unlock.
            if let SaveStatus::Failed(error) = session.save_status() {
                let text = t!("vault.unsaved_at_lock", reason = error_text(error).as_str());
                notice(ui, &text);
            }
            let forms = &mut self.forms;
            let response = passphrase_field(ui, &t!("vault.passphrase"), &mut forms.passphrase);
            focus_if(&mut self.focus, Focus::Passphrase, &response);
            let submitted = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button(display(&t!("vault.unlock"))).clicked() || submitted)
                && !forms.passphrase.is_empty()
            {
                view.push(Command::Vault(VaultCommand::Unlock(take_secret(
                    &mut forms.passphrase,
                ))));
            }
            self.error_ui(ui, session);
            let forms = &mut self.forms;
            if session.last_error().is_some_and(VaultError::offers_backup) {
                paragraph(ui, &t!("vault.backup_offer"));
                passphrase_field(ui, &t!("vault.passphrase"), &mut forms.current);
                if ui.button(display(&t!("vault.open_backup"))).clicked()
                    && !forms.current.is_empty()
                {
                    view.push(Command::Vault(VaultCommand::RestoreBackup(take_secret(
                        &mut forms.current,
                    ))));
                }
            }
            ui.separator();
            ui.checkbox(&mut forms.show_recovery, display(&t!("vault.forgot")));
            if forms.show_recovery {
                paragraph(ui, &t!("vault.recover_intro"));
                passphrase_field(ui, &t!("vault.recovery_key"), &mut forms.recovery_key);
                passphrase_field(ui, &t!("vault.new_passphrase"), &mut forms.new_passphrase);
                passphrase_field(ui, &t!("vault.passphrase_again"), &mut forms.confirm);
                if ui.button(display(&t!("vault.recover"))).clicked() {
                    if let Some(problem) =
                        new_passphrase_problem(&forms.new_passphrase, &forms.confirm)
                    {
                        forms.message = Some(problem);
                    } else {
                        forms.confirm.zeroize();
                        view.push(Command::Vault(VaultCommand::Recover {
                            recovery_key: take_secret(&mut forms.recovery_key),
                            new_passphrase: take_secret(&mut forms.new_passphrase),
                        }));
                    }
                }
            }
        });
    }

    /// The recovery key, once. Dismissing it needs its last characters typed back, so that "I have stored it" is
    /// true (a Copy click alone proves nothing: the clipboard may have failed, or been overwritten since).
    fn recovery_key_ui(&mut self, ui: &mut Ui) {
        card(ui, |ui| {
            subheading(ui, &t!("vault.recovery_title"));
            paragraph(ui, &t!("vault.recovery_once"));
            let Some(key) = &self.recovery_key_shown else {
                return;
            };
            ui.add(
                egui::Label::new(RichText::new(key.expose_secret()).monospace().size(15.0))
                    .selectable(true),
            );
            copy_button(ui, key.expose_secret(), &t!("vault.recovery_key"));
            ui.add_space(8.0);
            let forms = &mut self.forms;
            let confirmed = recovery_key_confirmed(key, &forms.recovery_key);
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(display(&t!(
                    "house.recovery_confirm",
                    count = RECOVERY_CONFIRM_CHARS
                )));
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut forms.recovery_key)
                            .font(egui::TextStyle::Monospace)
                            .desired_width(120.0),
                    )
                    .labelled_by(label.id);
                focus_if(&mut self.focus, Focus::RecoveryConfirm, &response);
            });
            if !forms.recovery_key.is_empty() && !confirmed {
                let notice = palette(ui.ctx()).notice;
                ui.label(
                    RichText::new(display(&t!(
                        "house.recovery_confirm_mismatch",
                        count = RECOVERY_CONFIRM_CHARS
                    )))
                    .color(notice),
                );
            }
            if ui
                .add_enabled(
                    confirmed,
                    egui::Button::new(display(&t!("vault.recovery_stored"))),
                )
                .clicked()
            {
                forms.recovery_key.zeroize();
                self.recovery_key_shown = None;
                self.focus = Some(Focus::NewLabel);
            }
        });
    }

    fn unlocked_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>) {
        let session = vault.session();
        let colors = palette(ui.ctx());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(display(&save_status_text(session))).color(colors.muted));
            if session.has_unsaved_changes() && ui.button(display(&t!("vault.save_now"))).clicked()
            {
                view.push(Command::Vault(VaultCommand::Save));
            }
            if session.is_read_only() {
                ui.label(RichText::new(display(&t!("vault.read_only"))).color(colors.notice));
                if ui.button(display(&t!("house.make_writable"))).clicked() {
                    view.push(Command::Vault(VaultCommand::ReopenWritable));
                }
            }
        });
        if session.is_read_only()
            && let Some(error) = session.last_error()
        {
            notice(ui, &error_text(error));
        }
        if let Some(history) = session.unlock_history()
            && let Some(last) = history.last_unlock
        {
            let text = t!(
                "house.failed_attempts",
                count = history.failed_attempts,
                when = format_time(last).as_str()
            );
            let color = if history.failed_attempts > 0 {
                colors.notice
            } else {
                colors.muted
            };
            styled_paragraph(ui, &text, TextStyle::Body, |text| text.color(color));
        }
        if let Some(restored) = session.restored_edits() {
            let text = match restored {
                Restored::Edits => t!("vault.restored_edits").into_owned(),
                Restored::EditsOtherVersionKeptAside => format!(
                    "{} {}",
                    t!("vault.restored_edits"),
                    t!("vault.other_version_kept")
                ),
                // After a restore the notes are a generation older: say so, or the user trusts missing work.
                Restored::Backup => t!("vault.restored_backup").into_owned(),
            };
            notice(ui, &text);
        }
        let read_only = session.is_read_only();
        card(ui, |ui| {
            paragraph(ui, &t!("vault.pseudonym_warning"));
            // A read-only window cannot add records: the field and button say so by being disabled, under the
            // read-only notice above.
            ui.add_enabled_ui(!read_only, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label(display(&t!("vault.new_label")));
                    let response = ui
                        .add(egui::TextEdit::singleline(&mut self.new_label).desired_width(260.0))
                        .labelled_by(label.id);
                    focus_if(&mut self.focus, Focus::NewLabel, &response);
                    if ui.button(display(&t!("vault.new_record"))).clicked()
                        && !self.new_label.trim().is_empty()
                    {
                        let record = CaseRecord::new(self.new_label.trim());
                        self.new_label.zeroize();
                        self.selected = Some(record.id.clone());
                        self.focus = Some(Focus::RecordLabel);
                        view.push(Command::Vault(VaultCommand::AddRecord(record)));
                    }
                })
            });
        });
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(display(&t!("vault.search_records")));
            ui.add(egui::TextEdit::singleline(&mut self.record_query).desired_width(260.0))
                .labelled_by(label.id);
        });
        let matching: Option<Vec<String>> = (!self.record_query.trim().is_empty()).then(|| {
            session
                .vault()
                .map(|v| v.search(&self.record_query))
                .unwrap_or_default()
        });
        let records = vault.record_labels().unwrap_or_default();
        if records.is_empty() {
            paragraph(ui, &t!("vault.no_records"));
        }
        ui.horizontal_wrapped(|ui| {
            for (id, label) in &records {
                if matching.as_ref().is_some_and(|m| !m.contains(id)) {
                    continue;
                }
                if ui
                    .selectable_label(self.selected.as_ref() == Some(id), display(label))
                    .clicked()
                {
                    self.selected = Some(id.clone());
                    self.confirm_delete = false;
                }
            }
        });
        ui.separator();
        if let Some(id) = self.selected.clone() {
            self.record_ui(ui, view, vault, &id);
        }
        self.change_passphrase_ui(ui, view, vault.session());
        self.autosave(ui.ctx(), view);
    }

    fn record_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>, id: &str) {
        if vault.session().is_read_only() {
            // Another window holds the vault: show the record to read, with every field disabled. The copy is a
            // `CaseRecord`, wiped when dropped at the end of the frame.
            notice(ui, &t!("vault.read_only"));
            let Some(mut record) = vault.session().vault().and_then(|v| v.get(id)).cloned() else {
                return;
            };
            let (mut quote, mut confirm, mut delete) = (String::new(), false, false);
            ui.add_enabled_ui(false, |ui| {
                record_editor(
                    ui,
                    view,
                    &mut record,
                    &mut quote,
                    &mut confirm,
                    &mut delete,
                    &mut None,
                )
            });
            return;
        }
        let mut delete = false;
        let new_quote = &mut self.new_quote;
        let confirm_delete = &mut self.confirm_delete;
        let focus = &mut self.focus;
        let changed = vault.edit_record(id, |record| {
            let changed = record_editor(
                ui,
                view,
                record,
                new_quote,
                confirm_delete,
                &mut delete,
                focus,
            );
            if changed {
                record.touch();
            }
            changed
        });
        if delete {
            self.selected = None;
            self.confirm_delete = false;
            view.push(Command::Vault(VaultCommand::DeleteRecord(id.to_owned())));
        } else if changed {
            self.last_edit = Some(Instant::now());
        }
    }

    fn change_passphrase_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, session: &Session) {
        ui.add_space(16.0);
        let forms = &mut self.forms;
        ui.checkbox(
            &mut forms.show_change,
            display(&t!("vault.change_passphrase")),
        );
        if !forms.show_change {
            return;
        }
        card(ui, |ui| {
            passphrase_field(ui, &t!("vault.current_passphrase"), &mut forms.current);
            passphrase_field(ui, &t!("vault.new_passphrase"), &mut forms.passphrase);
            passphrase_field(ui, &t!("vault.passphrase_again"), &mut forms.confirm);
            if ui.button(display(&t!("vault.change_passphrase"))).clicked() {
                if let Some(problem) = new_passphrase_problem(&forms.passphrase, &forms.confirm) {
                    forms.message = Some(problem);
                } else {
                    forms.confirm.zeroize();
                    view.push(Command::Vault(VaultCommand::ChangePassphrase {
                        current: take_secret(&mut forms.current),
                        new: take_secret(&mut forms.passphrase),
                    }));
                }
            }
            if ui.button(display(&t!("vault.new_recovery_key"))).clicked() {
                view.push(Command::Vault(VaultCommand::NewRecoveryKey));
            }
        });
        self.error_ui(ui, session);
    }

    fn autosave(&mut self, ctx: &egui::Context, view: &ViewCtx<'_>) {
        if super::widgets::edits_settled(ctx, self.last_edit) {
            self.last_edit = None;
            view.push(Command::Vault(VaultCommand::Save));
        }
    }
}

fn busy_ui(ui: &mut Ui, task: Task) {
    card(ui, |ui| {
        ui.horizontal(|ui| {
            ui.spinner();
            let text = match task {
                Task::Create => t!("vault.busy_create"),
                _ => t!("vault.busy_unlock"),
            };
            ui.label(display(&text));
        });
    });
}

/// A labelled, masked passphrase field.
fn passphrase_field(ui: &mut Ui, label: &str, value: &mut String) -> egui::Response {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(display(label));
        ui.add(
            egui::TextEdit::singleline(value)
                .password(true)
                .desired_width(320.0),
        )
        .labelled_by(label.id)
    })
    .inner
}

/// A labelled multi-line text field bound directly to the record.
fn text_area(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let heading = ui.label(RichText::new(display(label)).strong());
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(heading.id)
    .changed()
}

/// The editor of one record; returns whether anything changed.
fn record_editor(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    record: &mut CaseRecord,
    new_quote: &mut String,
    confirm_delete: &mut bool,
    delete: &mut bool,
    focus: &mut Option<Focus>,
) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(display(&t!("vault.label")));
        let response = ui
            .add(egui::TextEdit::singleline(&mut record.label).desired_width(260.0))
            .labelled_by(label.id);
        focus_if(focus, Focus::RecordLabel, &response);
        changed |= response.changed();
    });
    let muted = palette(ui.ctx()).muted;
    ui.label(
        RichText::new(display(&t!(
            "vault.times",
            created = format_time(record.created).as_str(),
            updated = format_time(record.updated).as_str()
        )))
        .small()
        .color(muted),
    );
    changed |= text_area(ui, &t!("vault.notes"), &mut record.notes);

    subheading(ui, &t!("vault.quotes"));
    paragraph(ui, &t!("vault.quotes_hint"));
    let mut remove_quote = None;
    for (index, quote) in record.quotes.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("“{}”", quote.text)).italics());
            ui.label(
                RichText::new(format_time(quote.recorded))
                    .small()
                    .color(muted),
            );
            if ui.small_button(display(&t!("vault.remove"))).clicked() {
                remove_quote = Some(index);
            }
        });
    }
    if let Some(index) = remove_quote {
        record.quotes.remove(index);
        changed = true;
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(display(&t!("vault.new_quote")));
        ui.add(egui::TextEdit::singleline(new_quote).desired_width(420.0))
            .labelled_by(label.id);
        if ui.button(display(&t!("vault.add_quote"))).clicked() && !new_quote.trim().is_empty() {
            record.quotes.push(Quote {
                text: new_quote.trim().to_owned(),
                recorded: unix_now(),
            });
            new_quote.zeroize();
            changed = true;
        }
    });

    changed |= text_area(ui, &t!("vault.findings"), &mut record.findings);

    subheading(ui, &t!("vault.photos"));
    paragraph(ui, &t!("vault.photos_hint"));
    changed |= photo_log(ui, &mut record.photos);

    if !record.observations.is_empty() {
        subheading(ui, &t!("vault.observations"));
        for observation in &record.observations {
            ui.label(
                RichText::new(format_time(observation.recorded))
                    .small()
                    .color(muted),
            );
            list(ui, observation.indicator_ids.len(), |ui| {
                for (index, indicator_id) in observation.indicator_ids.iter().enumerate() {
                    let text = indicator_text(view, indicator_id);
                    list_item(ui, Marker::Bullet, &text, index);
                }
            });
        }
    }

    ui.add_space(12.0);
    if *confirm_delete {
        paragraph(ui, &t!("vault.delete_explained"));
        ui.horizontal(|ui| {
            if ui.button(display(&t!("vault.delete_confirm"))).clicked() {
                *delete = true;
            }
            if ui.button(display(&t!("vault.cancel"))).clicked() {
                *confirm_delete = false;
            }
        });
    } else if ui.button(display(&t!("vault.delete"))).clicked() {
        *confirm_delete = true;
    }
    changed
}

fn photo_log(ui: &mut Ui, photos: &mut Vec<PhotoEntry>) -> bool {
    let mut changed = false;
    let mut remove = None;
    // A table for screen readers too: each field is named with its column's title.
    let columns = [
        t!("vault.photo_date").into_owned(),
        t!("vault.photo_area").into_owned(),
        t!("vault.photo_consent").into_owned(),
        t!("vault.photo_by").into_owned(),
        String::new(),
    ];
    super::table::table(
        ui,
        "photo-log",
        &columns,
        photos.len(),
        |ui, row, column| {
            let photo = &mut photos[row];
            let field = match column {
                0 => ui.add(egui::TextEdit::singleline(&mut photo.date).desired_width(110.0)),
                1 => ui.add(egui::TextEdit::singleline(&mut photo.body_area).desired_width(160.0)),
                2 => super::widgets::checkbox(ui, &mut photo.consent_given, &columns[2]),
                3 => {
                    ui.add(egui::TextEdit::singleline(&mut photo.photographer).desired_width(160.0))
                }
                _ => {
                    if ui.small_button(display(&t!("vault.remove"))).clicked() {
                        remove = Some(row);
                    }
                    return None;
                }
            };
            if column != 2 {
                let title = columns[column].clone();
                ui.ctx()
                    .accesskit_node_builder(field.id, |node| node.set_label(title));
            }
            changed |= field.changed();
            None
        },
    );
    if let Some(index) = remove {
        photos.remove(index);
        changed = true;
    }
    if ui.button(display(&t!("vault.add_photo"))).clicked() {
        photos.push(PhotoEntry::default());
        changed = true;
    }
    changed
}

/// The indicator's text in the current language, or its id if the content no longer has it.
fn indicator_text(view: &ViewCtx<'_>, id: &str) -> String {
    view.content
        .indicators
        .groups
        .iter()
        .flat_map(|g| &g.indicators)
        .find(|i| i.id == id)
        .map_or_else(|| id.to_owned(), |i| i.text.clone())
}

/// A Unix time as a UTC date and time (`2026-11-28 14:05 UTC`), without a time-zone database.
pub fn format_time(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(86_400);
    let seconds = unix_secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        seconds / 3600,
        (seconds % 3600) / 60
    )
}

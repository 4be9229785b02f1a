//! The passphrase forms of the Notes tab: create, unlock (with the backup and recovery-key ways in), change.

use egui::{RichText, Ui};
use rust_i18n::t;
use secrecy::SecretString;
use zeroize::Zeroize;

use crate::ui::vault_text::error_text;
use crate::ui::widgets::{announce, card, display, notice, paragraph, subheading};
use crate::ui::{Command, VaultCommand, VaultView, ViewCtx};
use crate::vault::VaultError;
use crate::vault::passphrase::{MIN_CHARS as MIN_PASSPHRASE_CHARS, Strength, strength};
use crate::vault::session::SaveStatus;

use super::{Focus, NotesView, focus_if};

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
pub(super) struct Forms {
    passphrase: String,
    confirm: String,
    with_recovery_key: bool,
    show_recovery: bool,
    pub(super) recovery_key: String,
    /// The recovery form's new passphrase: a buffer of its own, or typing it would fill the unlock field above.
    new_passphrase: String,
    show_change: bool,
    current: String,
    pub(super) message: Option<String>,
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

    pub(super) fn clear(&mut self) {
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

impl NotesView {
    fn error_ui(&self, ui: &mut Ui, vault: &VaultView<'_>) {
        let session = vault.session();
        // Live regions: a screen reader speaks the reason when it appears, wherever focus is.
        // Each is one event per text; an error is one per finished task, so a second wrong passphrase is
        // spoken again while coming back to the tab does not repeat the first.
        if let Some(message) = &self.forms.message {
            announce(&notice(ui, message), message);
        }
        if let Some(refusal) = &vault.state().refusal {
            let text = refusal.text();
            announce(&notice(ui, &text), &text);
        }
        if let Some(error) = session.last_error() {
            let text = error_text(error);
            let task = vault.state().finished.map(|finished| finished.serial);
            announce(&notice(ui, &text), (&text, task));
        }
    }

    pub(super) fn create_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &VaultView<'_>) {
        let recovery_key_required = vault.state().permissions.recovery_key_required;
        card(ui, |ui| {
            subheading(ui, &t!("vault.create_title"));
            paragraph(ui, &t!("vault.create_intro"));
            let forms = &mut self.forms;
            let response = passphrase_field(ui, &t!("vault.passphrase"), &mut forms.passphrase);
            focus_if(&mut self.focus, Focus::Passphrase, &response);
            // The hint's line is there before the first key, one line always (the whole text on hover), so the
            // field below never moves under the pointer.
            let hint = if forms.passphrase.is_empty() {
                " ".to_owned()
            } else {
                strength_text(forms.passphrase_strength())
            };
            ui.add(egui::Label::new(RichText::new(display(&hint)).small()).truncate());
            passphrase_field(ui, &t!("vault.passphrase_again"), &mut forms.confirm);
            if recovery_key_required {
                forms.with_recovery_key = true;
            }
            ui.add_enabled(
                !recovery_key_required,
                egui::Checkbox::new(
                    &mut forms.with_recovery_key,
                    display(&t!("vault.offer_recovery")),
                ),
            );
            if recovery_key_required {
                crate::ui::policy::locked_note(ui, &t!("deploy.policy.recovery_required"));
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
            self.error_ui(ui, vault);
        });
    }

    pub(super) fn unlock_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &VaultView<'_>) {
        let session = vault.session();
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
            self.error_ui(ui, vault);
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

    pub(super) fn change_passphrase_ui(
        &mut self,
        ui: &mut Ui,
        view: &ViewCtx<'_>,
        vault: &VaultView<'_>,
    ) {
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
        self.error_ui(ui, vault);
    }
}

//! The recovery key, shown once after it is made; dismissed by typing back its last characters.

use egui::{RichText, Ui};
use rust_i18n::t;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroize;

use crate::ui::theme::palette;
use crate::ui::widgets::{card, copy_button, display, paragraph, subheading};
use crate::ui::{Command, ViewCtx};

use super::{Focus, NotesView, focus_if};

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

impl NotesView {
    /// The recovery key, once. Dismissing it needs its last characters typed back, so that "I have stored it" is
    /// true (a Copy click alone proves nothing: the clipboard may have failed, or been overwritten since).
    pub(super) fn recovery_key_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, key: &SecretString) {
        card(ui, |ui| {
            subheading(ui, &t!("vault.recovery_title"));
            paragraph(ui, &t!("vault.recovery_once"));
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
                view.push(Command::RecoveryKeyStored);
                self.focus = Some(Focus::NewLabel);
            }
        });
    }
}

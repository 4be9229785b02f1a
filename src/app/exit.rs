//! Closing the window (or quick exit) without losing work: every view's edits go to a final save, the window
//! waits for it ("Saving…"), and if it fails the user chooses between staying open and losing the edits.

use egui::RichText;
use rust_i18n::t;

use super::HarborApp;
use crate::ui::theme::palette;
use crate::ui::vault_text::error_text;
use crate::ui::widgets::{display, paragraph, subheading};
use crate::vault::{SaveStatus, VaultError};

/// Where closing stands.
#[derive(Debug, Default)]
pub(super) enum Exit {
    /// Not closing.
    #[default]
    Open,
    /// The vault locked and its final save runs; the window closes when it is written. `quick` keeps the window
    /// blank meanwhile (quick exit).
    Saving { quick: bool },
    /// The final save failed: the user chooses.
    Failed(VaultError),
    /// Saved, or the user chose to close anyway: the next close request goes through.
    Allowed,
}

impl HarborApp {
    /// Starts closing: locks (so every view hands its edits to the final save) and waits for that save.
    pub(super) fn begin_exit(&mut self, ctx: &egui::Context, quick: bool) {
        self.lock();
        self.exit = Exit::Saving { quick };
        self.step_exit(ctx);
    }

    /// Called every logic pass: refuses a close request while work is unsaved, and closes once it is saved. A
    /// signal asking Harbor to close (`signals.rs`) is a close request.
    pub(super) fn exit_logic(&mut self, ctx: &egui::Context) {
        let signalled = self
            .exit_signals
            .as_ref()
            .is_some_and(super::signals::ExitSignals::received);
        if signalled && matches!(self.exit, Exit::Open) {
            self.begin_exit(ctx, false);
        }
        let close_requested = ctx.input(|input| input.viewport().close_requested());
        if close_requested && !matches!(self.exit, Exit::Allowed) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if matches!(self.exit, Exit::Open) {
                self.begin_exit(ctx, false);
            }
        }
        self.step_exit(ctx);
    }

    fn step_exit(&mut self, ctx: &egui::Context) {
        let Exit::Saving { quick } = self.exit else {
            return;
        };
        match self.session.save_status() {
            SaveStatus::Saving => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            SaveStatus::Saved => {
                self.exit = Exit::Allowed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            SaveStatus::Failed(error) => {
                self.exit = Exit::Failed(error.clone());
                // A quick exit blanked the window; the choice shows no note text, only what went wrong.
                self.quitting = false;
                if quick {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Visible(true));
                }
            }
        }
    }

    /// "Saving…" while the final save runs, or the choice after it failed.
    pub(super) fn exit_ui(&mut self, ctx: &egui::Context) {
        let failed = match &self.exit {
            Exit::Saving { quick: false } => None,
            Exit::Failed(error) => Some(error_text(error)),
            Exit::Open | Exit::Allowed | Exit::Saving { quick: true } => return,
        };
        let modal = egui::Modal::new(egui::Id::unique("exit")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            let Some(reason) = &failed else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(display(&t!("house.exit_saving")));
                });
                return None;
            };
            subheading(ui, &t!("house.exit_failed_title"));
            ui.label(
                RichText::new(display(&t!("house.exit_failed", reason = reason.as_str())))
                    .color(palette(ui.ctx()).notice),
            );
            paragraph(ui, &t!("house.exit_failed_hint"));
            ui.horizontal_wrapped(|ui| {
                if ui.button(display(&t!("house.exit_keep_open"))).clicked() {
                    return Some(false);
                }
                if ui.button(display(&t!("house.exit_close_anyway"))).clicked() {
                    return Some(true);
                }
                None
            })
            .inner
        });
        // Escape (or a click beside the choice) keeps Harbor open, the choice that loses nothing; while it is
        // still saving there is nothing to choose.
        let dismissed = failed.is_some() && modal.should_close();
        match modal.inner {
            Some(true) => {
                self.exit = Exit::Allowed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(false) => self.exit = Exit::Open,
            None if dismissed => self.exit = Exit::Open,
            None => {}
        }
    }
}

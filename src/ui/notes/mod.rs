//! Notes: create, unlock and lock the vault; list, search, edit and delete case records. Every plaintext field
//! edited here lives in the session's vault (zeroized on lock); the view's own text buffers are cleared on lock.
//!
//! The view is split by job: the passphrase forms (`forms`), the recovery key shown once (`recovery`), and one
//! record's editor (`record`); the texts the app and other views share are in [`crate::ui::vault_text`].

mod forms;
mod record;
mod recovery;

use egui::{RichText, TextStyle, Ui};
use rust_i18n::t;
use zeroize::Zeroize;

use crate::ui::theme::palette;
use crate::ui::vault_text::{error_text, format_time, save_status_text};
use crate::ui::widgets::{card, display, focus_until_landed, notice, paragraph, styled_paragraph};
use crate::ui::{Command, VaultCommand, VaultUi, VaultView, View, ViewCtx};
use crate::vault::VaultError;
use crate::vault::model::CaseRecord;
use crate::vault::session::{Restored, Task};
use forms::Forms;

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
    /// The last finished vault task this view has reacted to (see [`VaultUi::finished`](crate::ui::VaultUi)).
    seen_task: Option<u64>,
    /// Whether the app's recovery key to show was there last frame (a new one takes focus).
    key_was_shown: bool,
    selected: Option<String>,
    record_query: String,
    new_label: String,
    new_quote: String,
    confirm_delete: bool,
}

impl View for NotesView {
    fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>) {
        self.follow_the_app(vault.state());
        if let Some(task) = vault.session().task() {
            busy_ui(ui, task);
            return;
        }
        if let Some(key) = &vault.state().recovery_key {
            self.recovery_key_ui(ui, view, key);
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
            self.unlock_ui(ui, view, vault);
        } else {
            self.create_ui(ui, view, vault);
        }
    }

    /// Record fields are bound to the vault itself, so its final save carries every edit; only the forms' and
    /// search box's text is the view's own.
    fn on_lock(&mut self, view: &ViewCtx<'_>) {
        self.clear_plaintext();
        // Locked while on Notes: the control that had focus is gone, and the passphrase field takes it. Locked on
        // another tab: that tab keeps focus (the app puts it there), and arriving here later through the tab list
        // must not pull focus out of the list.
        self.focus = (view.tab == crate::ui::Tab::Notes).then_some(Focus::Passphrase);
    }
}

impl NotesView {
    /// Drops every plaintext buffer this view holds (on lock). The selected record stays selected (its id is no
    /// note text), so the next unlock opens the record the user was on.
    fn clear_plaintext(&mut self) {
        self.forms.clear();
        self.record_query.zeroize();
        self.new_label.zeroize();
        self.new_quote.zeroize();
        self.confirm_delete = false;
    }

    /// Follows what the app reports: a vault task that finished since the last frame clears the forms and moves
    /// focus to where the screen now starts; a recovery key newly given to show takes focus.
    fn follow_the_app(&mut self, state: &VaultUi) {
        if let Some(finished) = state.finished
            && self.seen_task != Some(finished.serial)
        {
            self.seen_task = Some(finished.serial);
            self.forms.clear();
            let opened = matches!(
                finished.task,
                Task::Create
                    | Task::Unlock
                    | Task::UnlockAllowReadOnly
                    | Task::Recover
                    | Task::RestoreBackup
                    | Task::ReopenWritable
            );
            self.focus = match (finished.ok, opened) {
                (true, true) if state.recovery_key.is_some() => Some(Focus::RecoveryConfirm),
                (true, true) => Some(Focus::NewLabel),
                (false, true) => Some(Focus::Passphrase),
                (_, false) => self.focus,
            };
        }
        let key_shown = state.recovery_key.is_some();
        if key_shown && !self.key_was_shown {
            self.focus = Some(Focus::RecoveryConfirm);
        }
        self.key_was_shown = key_shown;
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
        self.change_passphrase_ui(ui, view, vault);
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
            let label = ui.add(
                egui::Label::new(display(&text)).sense(egui::Sense::focusable_noninteractive()),
            );
            // The form that started the task went with its focused control (or Enter left the field): focus goes
            // to what is happening (a screen reader reads it), not back to the tab list, until the task's end
            // moves it on.
            let ctx = ui.ctx();
            let orphaned = ctx.memory(egui::Memory::focused).is_none_or(|id| {
                id != label.id && !ctx.viewport(|v| v.this_pass.used_ids.contains_key(&id))
            });
            if orphaned {
                label.request_focus();
            }
            // Named with its text, as every control focus lands on.
            ctx.accesskit_node_builder(label.id, |node| node.set_label(text.as_ref()));
        });
    });
}

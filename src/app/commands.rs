//! Applying the commands views hand back: the one place a view's request changes the app's state, the vault, or a
//! file outside it.

use rust_i18n::t;

use super::HarborApp;
use crate::export;
use crate::ui::patient_card::PatientCard;
use crate::ui::{Action, Command, ExportRequest, Tab, VaultCommand};
use crate::vault::model::{Observation, unix_now};

impl HarborApp {
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::Jump { tab, anchor } => self.go_to(tab, Some(anchor)),
            Command::OpenCard(request) => {
                let clinician_locale = self.language.current().code.to_owned();
                let patient_locale = self
                    .card
                    .as_ref()
                    .map_or_else(|| clinician_locale.clone(), |c| c.patient_locale.clone());
                self.card = Some(PatientCard {
                    request,
                    patient_locale,
                    clinician_locale,
                });
            }
            Command::Vault(command) => self.apply_vault(command),
            Command::ExportPlan(request) => self.export_plan(request),
            Command::Action(action) => self.perform(action),
        }
    }

    /// An app action chosen among the search results: performed (lock, quick exit), or its place opened (the
    /// settings or language menu, the tab where patient cards and the plan's PDF export are).
    fn perform(&mut self, action: Action) {
        self.query.clear();
        match action {
            Action::Lock => {
                if self.session.is_unlocked() {
                    self.lock();
                }
            }
            Action::QuickExit => self.quick_exit_requested = true,
            Action::Settings | Action::Language => self.open_menu = Some(action),
            Action::PatientCard => self.go_to(Tab::Questions, None),
            Action::ExportPlan => self.go_to(Tab::SafetyPlan, None),
        }
    }

    /// The one way to change tabs (navigation, Ctrl+1…9, search hits, links): the search box empties so the tab
    /// shows, and an anchor is highlighted and scrolled to.
    pub(super) fn go_to(&mut self, tab: Tab, anchor: Option<String>) {
        self.tab = tab;
        self.scroll_pending = anchor.is_some();
        self.highlight = anchor;
        self.query.clear();
    }

    fn apply_vault(&mut self, command: VaultCommand) {
        let session = &mut self.session;
        let result = match command {
            VaultCommand::Create {
                passphrase,
                with_recovery_key,
            } => session.create(passphrase, with_recovery_key),
            VaultCommand::Unlock(passphrase) => session.unlock_allow_read_only(passphrase),
            VaultCommand::RestoreBackup(passphrase) => session.restore_backup(passphrase),
            VaultCommand::Recover {
                recovery_key,
                new_passphrase,
            } => session.recover(&recovery_key, new_passphrase),
            VaultCommand::ChangePassphrase { current, new } => {
                session.change_passphrase(current, new)
            }
            VaultCommand::NewRecoveryKey => session.set_new_recovery_key().map(|()| {
                let key = session.take_recovery_key();
                self.views.notes.show_recovery_key(key);
            }),
            VaultCommand::AddRecord(record) => {
                session.edit(|vault| {
                    vault.add(record);
                    true
                });
                session.save()
            }
            VaultCommand::DeleteRecord(id) => {
                session.edit(|vault| vault.delete(&id));
                session.save()
            }
            VaultCommand::AddObservation {
                record_id,
                indicator_ids,
            } => {
                let observation = Observation {
                    recorded: unix_now(),
                    indicator_ids,
                };
                session.edit(|vault| {
                    vault.update(&record_id, |record| record.observations.push(observation))
                });
                session.save()
            }
            VaultCommand::Save => session.save(),
            VaultCommand::ReopenWritable => session.reopen_writable(),
        };
        // Refusals come at once (busy, locked, read-only); failures of the work itself arrive later through
        // `Session::poll` and the save status, which the views show.
        if let Err(error) = result {
            self.views.notes.command_failed(&error);
        }
    }

    /// Asks where to save the safety plan (the system dialog), then writes the PDF, readable only by the user.
    fn export_plan(&mut self, request: ExportRequest) {
        let ExportRequest {
            values,
            name_topic,
            to,
        } = request;
        let code = self.language.current().code;
        let title = if name_topic {
            t!("plan.export_title_topic")
        } else {
            t!("plan.export_title_neutral")
        };
        let chosen = to.or_else(|| {
            rfd::FileDialog::new()
                .set_title(t!("plan.export_dialog_title"))
                .set_file_name("plan.pdf")
                .add_filter("PDF", &["pdf"])
                .save_file()
        });
        let mut fallback = None;
        let message = match chosen {
            Some(path) => {
                let labels = export::Labels {
                    title: title.into_owned(),
                    subtitle: crate::ui::vault_text::format_time(unix_now()),
                    yes: t!("plan.export_yes").into_owned(),
                    not_needed: t!("plan.status_not_needed").into_owned(),
                    to_do: t!("plan.status_to_do").into_owned(),
                    in_progress: t!("plan.status_in_progress").into_owned(),
                    done: t!("plan.status_done").into_owned(),
                    unreviewed_note: (!crate::content::load::is_reviewed(code))
                        .then(|| t!("language.not_reviewed_note").into_owned()),
                };
                let document = export::PlanDocument::from_plan(
                    &self.language.content().safety_plan,
                    &values,
                    &labels,
                );
                let result =
                    export::render_pdf(&document).and_then(|bytes| export::save_pdf(&path, &bytes));
                match result {
                    Ok(()) => t!(
                        "plan.export_done",
                        path = path.display().to_string().as_str()
                    )
                    .into_owned(),
                    Err(error) => {
                        t!("plan.export_failed", reason = error.to_string().as_str()).into_owned()
                    }
                }
            }
            // Cancelled, or no dialog could open (on Linux without an xdg-desktop-portal): offer a place to type.
            None => {
                fallback = Some(export::suggested_path());
                t!("house.export_no_file").into_owned()
            }
        };
        // `values` is dropped here, and each answer wipes itself on drop.
        self.views.safety_plan.export_finished(message, fallback);
    }
}

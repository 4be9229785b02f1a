//! Applying the commands views hand back: the one place a view's request changes the app's state, the vault, or a
//! file outside it.

use rust_i18n::t;

use super::HarborApp;
use crate::export;
use crate::ui::patient_card::PatientCard;
use crate::ui::{CardExport, Command, ExportRequest, Tab, VaultCommand};
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
                    print: Default::default(),
                });
            }
            Command::Vault(command) => self.apply_vault(command),
            Command::ExportPlan(request) => self.export_plan(request),
            Command::ExportCard(request) => self.export_card(request),
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

    /// Asks where to save the safety plan (the system dialog), then writes the PDF, readable only by the user: the
    /// patient's copy (only what the patient chose, in their language) or the clinician's record.
    fn export_plan(&mut self, request: ExportRequest) {
        let ExportRequest {
            values,
            name_topic,
            to,
            patient,
        } = request;
        let code = self.language.current().code;
        let content = self.language.content();
        let (message, fallback) = match patient {
            Some(options) => {
                let line = export::card::HelpLine::from_content(content);
                export::export_to(to, &t!("plan.export_dialog_title"), "notes", || {
                    export::patient::patient_pdf(&values, &options, line.as_ref(), code)
                })
            }
            None => {
                let labels = export::Labels::for_locale(
                    code,
                    name_topic,
                    crate::ui::notes::format_time(unix_now()),
                );
                let document =
                    export::PlanDocument::from_plan(&content.safety_plan, &values, &labels);
                export::export_to(to, &t!("plan.export_dialog_title"), "plan", || {
                    export::render_pdf(&document)
                })
            }
        };
        // `values` is dropped here, and each answer wipes itself on drop.
        self.views.safety_plan.export_finished(message, fallback);
    }

    /// Asks where to save a sheet of pocket cards, then writes it; the card shows the result.
    fn export_card(&mut self, request: CardExport) {
        let line = export::card::HelpLine::from_content(self.language.content());
        let (message, fallback) =
            export::export_to(request.to, &t!("takehome.card_print"), "cards", || {
                let line = line.ok_or(export::ExportError::Build)?;
                export::card::card_pdf(&request.options, &line)
            });
        if let Some(card) = &mut self.card {
            card.export_finished(message, fallback);
        }
    }
}

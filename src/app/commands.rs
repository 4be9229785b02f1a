//! Applying the commands views hand back: the one place a view's request changes the app's state, the vault, or a
//! file outside it — and where the institution's policy is enforced for every command it governs (a view's locked
//! control is only the visible half: a command that gets here anyway is refused).

use rust_i18n::t;

use super::HarborApp;
use crate::export;
use crate::ui::patient_card::PatientCard;
use crate::ui::{
    Action, CardExport, Command, ExportRequest, ExportStatus, PolicyRule, Refusal, Tab,
    VaultCommand,
};
use crate::vault::model::{Observation, unix_now};

impl HarborApp {
    /// Carries out a command as the views send it (the self-test and tests send them too): the one place a
    /// request changes the app's state, the vault or a file. A command the policy forbids is refused, whichever
    /// control let it through.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Show(tab) => self.go_to(tab, None),
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
            Command::Vault(command) => {
                // Refusals come at once (busy, locked, read-only, forbidden); failures of the work itself arrive
                // later through `Session::poll` and the save status, which the views show.
                self.vault_ui.refusal = self.apply_vault(command).err();
            }
            Command::ExportPlan(request) => {
                let status = if self.policy.pdf_export_enabled() {
                    self.export_plan(request)
                } else {
                    // `request.values` is dropped unread; each answer wipes itself.
                    ExportStatus {
                        message: Refusal::Policy(PolicyRule::ExportDisabled).text(),
                        suggested: None,
                    }
                };
                self.vault_ui.export = Some(status);
            }
            // The pocket card holds no patient data (the hotline, a name the patient chose for it): `PdfExportEnabled`,
            // which keeps notes and plans from leaving the vault, does not govern it.
            Command::ExportCard(request) => self.export_card(request),
            Command::SetRole(role) => self.settings.role = Some(role),
            Command::SetJurisdiction(j) => self.set_jurisdiction(j),
            Command::RecoveryKeyStored => self.vault_ui.recovery_key = None,
            Command::ClearExportStatus => self.vault_ui.export = None,
            Command::Action(action) => self.perform(action),
        }
    }

    /// Puts another jurisdiction in effect and remembers it; the role stays (the reporting helper clears its own
    /// answers when it sees another jurisdiction: they answered another law's questions). Refused when policy fixes
    /// the jurisdiction.
    pub(super) fn set_jurisdiction(&mut self, j: crate::content::Jurisdiction) {
        if self.policy.jurisdiction().is_some() {
            return;
        }
        self.settings.jurisdiction = Some(j);
        self.language.set_jurisdiction(j);
    }

    /// The jurisdiction in effect and how it was set, for the views.
    pub(super) fn jurisdiction_choice(&self) -> crate::ui::jurisdiction::JurisdictionChoice {
        crate::ui::jurisdiction::JurisdictionChoice {
            current: self.language.jurisdiction(),
            chosen: self.settings.jurisdiction.is_some()
                || self.options.jurisdiction.is_some()
                || self.policy.jurisdiction().is_some(),
            locked: self.policy.jurisdiction().is_some(),
        }
    }

    /// An app action chosen among the search results: performed (lock, quick exit), or its place opened (the
    /// settings or language menu, the national hotline's card where pocket cards are printed, the plan's PDF
    /// export), focus on the control that does it.
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
            // The national hotline's card, where pocket cards are printed, with focus on its save button.
            Action::PatientCard => {
                self.apply(Command::OpenCard(crate::ui::CardRequest {
                    file: crate::content::ContentFile::Resources,
                    key: crate::take_home::HOTLINE_RESOURCE.to_owned(),
                }));
                if let Some(card) = &mut self.card {
                    card.print.focus_save = true;
                }
            }
            // The worksheet, with focus on its export button.
            Action::ExportPlan => self.go_to(
                Tab::SafetyPlan,
                Some(crate::ui::EXPORT_PLAN_ANCHOR.to_owned()),
            ),
        }
    }

    /// The one way to change tabs (navigation, Ctrl+1…9 and 0, the start screen, search hits, links): the search box empties so the tab
    /// shows, and an anchor is highlighted and scrolled to.
    pub(super) fn go_to(&mut self, tab: Tab, anchor: Option<String>) {
        // From a screen that needs the vault to the locked Notes: the unlock brings the user back there.
        if tab == Tab::Notes && !self.session.is_unlocked() {
            self.resume_tab =
                (self.tab != Tab::Notes && self.tab.holds_vault_text()).then_some(self.tab);
        }
        self.tab = tab;
        self.scroll_pending = anchor.is_some();
        self.highlight = anchor;
        self.query.clear();
    }

    /// Carries out a vault command, or says why not.
    fn apply_vault(&mut self, command: VaultCommand) -> Result<(), Refusal> {
        if !self.policy.vault_enabled() {
            return Err(Refusal::Policy(PolicyRule::VaultDisabled));
        }
        let session = &mut self.session;
        let result = match command {
            VaultCommand::Create {
                with_recovery_key: false,
                ..
            } if self.policy.recovery_key_required() => {
                return Err(Refusal::Policy(PolicyRule::RecoveryKeyRequired));
            }
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
                self.vault_ui.recovery_key = session.take_recovery_key();
            }),
            VaultCommand::AddRecord(record) => {
                // The Safety plan takes a new record when it has none, so the plan started next is kept.
                let serial = self
                    .vault_ui
                    .created_record
                    .as_ref()
                    .map_or(1, |(serial, _)| serial + 1);
                self.vault_ui.created_record = Some((serial, record.id.clone()));
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
        result.map_err(Refusal::Vault)
    }

    /// Asks where to save the safety plan (the system dialog), then writes the PDF, readable only by the user: the
    /// patient's copy (only what the patient chose, in their language) or the clinician's record.
    fn export_plan(&mut self, request: ExportRequest) -> ExportStatus {
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
                    crate::local_time::format_local(unix_now()),
                );
                let document =
                    export::PlanDocument::from_plan(&content.safety_plan, &values, &labels);
                export::export_to(to, &t!("plan.export_dialog_title"), "plan", || {
                    export::render_pdf(&document)
                })
            }
        };
        // `values` is dropped here, and each answer wipes itself on drop.
        ExportStatus {
            message,
            suggested: fallback,
        }
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

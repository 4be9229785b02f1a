//! A scripted session for the privacy check (`HARBOR_SELF_TEST=1`): the real binary opens every tab, creates a
//! vault, adds a record carrying a marker, locks and quits — so a script can watch its system calls and then search
//! the disk for the marker. Off unless the variable is set. It drives the app as a user does: the commands a view
//! sends go through [`HarborApp::apply`] (policy checks included), tabs change as a click changes them, and the
//! lock is Ctrl+L's; one step per frame, from outside the frame loop.
//!
//! `HARBOR_SELF_TEST_JURISDICTION=CODE` also chooses a jurisdiction after the tabs, as the Settings menu does
//! (`Command::SetJurisdiction`), so that the Windows smoke run can check where the choice is saved. The session
//! prints the jurisdiction in effect at its start and after the choice (`harbor self-test: jurisdiction …`).

use secrecy::SecretString;

use super::HarborApp;
use crate::content::Jurisdiction;
use crate::ui::{Command, Tab, VaultCommand};
use crate::vault::model::unix_now;

/// Where the scripted session is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Showing tab `n` of every tab, one per frame.
    Tab(usize),
    /// Choosing `HARBOR_SELF_TEST_JURISDICTION`, if set.
    ChooseJurisdiction,
    CreateVault,
    WaitUnlocked,
    AddRecord,
    WaitSaved,
    Lock,
    WaitIdle,
    Quit,
}

/// The self-test's state.
#[derive(Debug)]
pub(crate) struct SelfTest {
    pub(crate) step: Step,
    /// Text put into the record; the privacy script searches the disk for it.
    pub(crate) marker: String,
    pub(crate) passphrase: SecretString,
    /// The jurisdiction to choose after the tabs (`HARBOR_SELF_TEST_JURISDICTION`).
    pub(crate) jurisdiction: Option<Jurisdiction>,
}

impl SelfTest {
    /// The self-test if `HARBOR_SELF_TEST` is set; the marker comes from `HARBOR_SELF_TEST_MARKER`.
    pub(crate) fn from_env() -> Option<Self> {
        std::env::var_os("HARBOR_SELF_TEST")?;
        let marker = std::env::var("HARBOR_SELF_TEST_MARKER")
            .unwrap_or_else(|_| "harbor-self-test-marker".into());
        let jurisdiction = std::env::var("HARBOR_SELF_TEST_JURISDICTION")
            .ok()
            .filter(|code| !code.is_empty())
            .and_then(|code| {
                let found = Jurisdiction::from_code(&code)
                    .or_else(|| Jurisdiction::from_policy_value(&code));
                if found.is_none() {
                    eprintln!("harbor self-test: `{code}` is not a jurisdiction; none is chosen");
                }
                found
            });
        Some(Self {
            step: Step::Tab(0),
            marker,
            passphrase: SecretString::from("self test passphrase, not secret"),
            jurisdiction,
        })
    }

    /// Runs one step; returns `false` once the script has finished (and asked the window to close).
    pub(crate) fn step(&mut self, app: &mut HarborApp, ctx: &egui::Context) -> bool {
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        self.step = match self.step.clone() {
            Step::Tab(0) => {
                eprintln!(
                    "harbor self-test: jurisdiction at start: {}",
                    app.language.jurisdiction().code()
                );
                app.select_tab(Tab::ALL[0]);
                Step::Tab(1)
            }
            Step::Tab(n) if n < Tab::ALL.len() => {
                app.select_tab(Tab::ALL[n]);
                Step::Tab(n + 1)
            }
            Step::Tab(_) => Step::ChooseJurisdiction,
            Step::ChooseJurisdiction => {
                if let Some(j) = self.jurisdiction {
                    app.apply(Command::SetJurisdiction(j));
                    eprintln!(
                        "harbor self-test: jurisdiction chosen: {}, in effect: {}",
                        j.code(),
                        app.language.jurisdiction().code()
                    );
                }
                Step::CreateVault
            }
            Step::CreateVault => {
                app.select_tab(Tab::Notes);
                app.apply(Command::Vault(VaultCommand::Create {
                    passphrase: self.passphrase.clone(),
                    with_recovery_key: true,
                }));
                match &app.vault_ui.refusal {
                    None => Step::WaitUnlocked,
                    Some(refusal) => {
                        eprintln!("harbor self-test: create refused: {refusal:?}");
                        Step::Quit
                    }
                }
            }
            Step::WaitUnlocked if app.session().is_unlocked() => Step::AddRecord,
            Step::WaitUnlocked if app.session().task().is_none() => {
                eprintln!("harbor self-test: the vault did not unlock");
                Step::Quit
            }
            Step::WaitUnlocked => Step::WaitUnlocked,
            Step::AddRecord => {
                let mut record = crate::vault::CaseRecord::new("Self-test case");
                record.notes = format!("notes {}", self.marker);
                record.quotes.push(crate::vault::Quote {
                    text: self.marker.clone(),
                    recorded: unix_now(),
                });
                // Adding a record saves it; a refused or failed save shows as "still unsaved" and the next step
                // waits: the script's check then finds no vault file with the marker's record.
                app.apply(Command::Vault(VaultCommand::AddRecord(record)));
                if let Some(refusal) = &app.vault_ui.refusal {
                    eprintln!("harbor self-test: adding the record was refused: {refusal:?}");
                }
                Step::WaitSaved
            }
            Step::WaitSaved if app.session().has_unsaved_changes() => Step::WaitSaved,
            Step::WaitSaved => Step::Lock,
            Step::Lock => {
                app.lock();
                Step::WaitIdle
            }
            Step::WaitIdle
                if matches!(
                    app.session().save_status(),
                    crate::vault::SaveStatus::Saving
                ) =>
            {
                Step::WaitIdle
            }
            Step::WaitIdle | Step::Quit => {
                eprintln!("harbor self-test: done");
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                return false;
            }
        };
        true
    }
}

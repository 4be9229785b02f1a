//! The policy holds at the command boundary, not only in the views' locked controls: each governed command is sent
//! straight to `apply`, as a view that forgot its lock (or a bypassed control) would send it, and is refused.

// Unit tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::time::Duration;

use secrecy::SecretString;

use super::HarborApp;
use crate::cli::Options;
use crate::policy::{Policy, json};
use crate::settings::Settings;
use crate::ui::{Command, ExportRequest, PolicyRule, Refusal, VaultCommand};
use crate::vault::model::CaseRecord;

fn policy(text: &str) -> Policy {
    Policy::from_sources(vec![
        json::parse(text.as_bytes(), Path::new("/etc/harbor/policy.json")).map(|s| vec![s]),
    ])
}

fn app(policy: Policy, data: &Path) -> HarborApp {
    let options = Options {
        data_dir: Some(data.to_owned()),
        locale: Some("en".into()),
        ..Options::default()
    };
    HarborApp::with_policy(
        &egui::Context::default(),
        options,
        Settings::default(),
        policy,
    )
}

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

/// One command of every kind a view can send to the vault; the `match` fails to compile when a kind is added, so
/// the list below has to grow with it.
fn every_vault_command() -> Vec<VaultCommand> {
    let commands = vec![
        VaultCommand::Create {
            passphrase: secret("four unrelated words here"),
            with_recovery_key: true,
        },
        VaultCommand::Unlock(secret("four unrelated words here")),
        VaultCommand::RestoreBackup(secret("four unrelated words here")),
        VaultCommand::Recover {
            recovery_key: secret("AGE-SECRET-KEY-1"),
            new_passphrase: secret("four unrelated words here"),
        },
        VaultCommand::ChangePassphrase {
            current: secret("four unrelated words here"),
            new: secret("five more unrelated words here"),
        },
        VaultCommand::NewRecoveryKey,
        VaultCommand::AddRecord(CaseRecord::new("Case P-1")),
        VaultCommand::DeleteRecord("record".into()),
        VaultCommand::AddObservation {
            record_id: "record".into(),
            indicator_ids: vec!["indicator".into()],
        },
        VaultCommand::Save,
        VaultCommand::ReopenWritable,
    ];
    for command in &commands {
        match command {
            VaultCommand::Create { .. }
            | VaultCommand::Unlock(_)
            | VaultCommand::RestoreBackup(_)
            | VaultCommand::Recover { .. }
            | VaultCommand::ChangePassphrase { .. }
            | VaultCommand::NewRecoveryKey
            | VaultCommand::AddRecord(_)
            | VaultCommand::DeleteRecord(_)
            | VaultCommand::AddObservation { .. }
            | VaultCommand::Save
            | VaultCommand::ReopenWritable => {}
        }
    }
    commands
}

fn refused_by_policy(app: &HarborApp) -> Option<PolicyRule> {
    match &app.vault_ui.refusal {
        Some(Refusal::Policy(rule)) => Some(*rule),
        _ => None,
    }
}

#[test]
fn with_the_vault_turned_off_every_vault_command_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(policy(r#"{"VaultEnabled": false}"#), data.path());
    for command in every_vault_command() {
        let shown = format!("{command:?}");
        app.apply(Command::Vault(command));
        assert_eq!(
            refused_by_policy(&app),
            Some(PolicyRule::VaultDisabled),
            "{shown} was not refused"
        );
        assert!(app.session.task().is_none(), "{shown} started vault work");
    }
    assert_eq!(
        std::fs::read_dir(data.path()).unwrap().count(),
        0,
        "nothing was written into the data folder"
    );
}

#[test]
fn a_vault_without_a_recovery_key_is_refused_when_policy_requires_one() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(policy(r#"{"RecoveryKeyRequired": true}"#), data.path());
    app.apply(Command::Vault(VaultCommand::Create {
        passphrase: secret("four unrelated words here"),
        with_recovery_key: false,
    }));
    assert_eq!(
        refused_by_policy(&app),
        Some(PolicyRule::RecoveryKeyRequired)
    );
    assert!(app.session.task().is_none(), "no vault is being made");
    assert!(!app.session.vault_exists());
    // The same command with the key is carried out.
    app.apply(Command::Vault(VaultCommand::Create {
        passphrase: secret("four unrelated words here"),
        with_recovery_key: true,
    }));
    assert!(app.vault_ui.refusal.is_none());
    assert!(app.session.task().is_some(), "the vault is being made");
    assert!(app.session.wait_idle(Duration::from_secs(120)));
}

#[test]
fn a_pdf_export_is_refused_when_policy_turns_it_off() {
    let out = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let request = |name: &str| {
        Command::ExportPlan(ExportRequest {
            values: std::collections::BTreeMap::new(),
            name_topic: false,
            to: Some(out.path().join(name)),
            patient: None,
        })
    };
    let mut locked = app(policy(r#"{"PdfExportEnabled": false}"#), data.path());
    locked.apply(request("refused.pdf"));
    assert!(
        !out.path().join("refused.pdf").exists(),
        "no PDF was written"
    );
    let status = locked
        .vault_ui
        .export
        .as_ref()
        .expect("the refusal is reported");
    assert_eq!(
        status.message,
        Refusal::Policy(PolicyRule::ExportDisabled).text()
    );
    // Without the policy the same request writes the file: the refusal above is the policy's doing.
    let data = tempfile::tempdir().unwrap();
    let mut open = app(Policy::none(), data.path());
    open.apply(request("written.pdf"));
    assert!(
        out.path().join("written.pdf").exists(),
        "the PDF was written"
    );
}

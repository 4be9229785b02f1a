//! The policy holds at the command boundary, not only in the views' locked controls: each governed command is sent
//! straight to `HarborApp::apply`, as a view that forgot its lock (or a bypassed control) would send it, and is
//! refused with the policy's reason; the same command without the policy is carried out.

use std::collections::BTreeMap;
use std::path::Path;

use harbor::HarborApp;
use harbor::policy::{Policy, json};
use harbor::settings::Settings;
use harbor::ui::{Command, ExportRequest, VaultCommand};
use harbor::vault::CaseRecord;
use secrecy::SecretString;

use crate::common;

fn policy(text: &str) -> Policy {
    Policy::from_sources(vec![
        json::parse(text.as_bytes(), Path::new("/etc/harbor/policy.json")).map(|s| vec![s]),
    ])
}

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

/// One command of every kind a view can send to the vault; the `match` stops compiling when a kind is added, so
/// the list has to grow with it.
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

fn app<'a>(harness: &'a mut egui_kittest::Harness<'static, common::TestApp>) -> &'a mut HarborApp {
    harness.state_mut().app.as_mut().expect("the app")
}

#[test]
fn with_the_vault_turned_off_every_vault_command_is_refused() {
    let mut harness = common::harness_with_policy(
        "en",
        Settings::default(),
        policy(r#"{"VaultEnabled": false}"#),
        None,
    );
    let data = harness.state().options.data_dir.clone().expect("data dir");
    for command in every_vault_command() {
        let shown = format!("{command:?}");
        app(&mut harness).apply(Command::Vault(command));
        let app = app(&mut harness);
        let refusal = app.last_refusal().unwrap_or_default();
        assert!(
            refusal.contains("Your institution has turned off case notes"),
            "{shown} was not refused: {refusal:?}"
        );
        assert!(app.session().task().is_none(), "{shown} started vault work");
    }
    let written = std::fs::read_dir(&data).map_or(0, Iterator::count);
    assert_eq!(written, 0, "nothing was written into the data folder");
}

#[test]
fn a_vault_without_a_recovery_key_is_refused_when_policy_requires_one() {
    let mut harness = common::harness_with_policy(
        "en",
        Settings::default(),
        policy(r#"{"RecoveryKeyRequired": true}"#),
        None,
    );
    app(&mut harness).apply(Command::Vault(VaultCommand::Create {
        passphrase: secret("four unrelated words here"),
        with_recovery_key: false,
    }));
    let refusal = app(&mut harness).last_refusal().expect("refused");
    assert!(
        refusal.contains("every new vault has a recovery key"),
        "{refusal}"
    );
    assert!(
        app(&mut harness).session().task().is_none(),
        "no vault is being made"
    );
    assert!(!app(&mut harness).session().vault_exists());
    // The same command with the key is carried out.
    app(&mut harness).apply(Command::Vault(VaultCommand::Create {
        passphrase: secret("four unrelated words here"),
        with_recovery_key: true,
    }));
    assert_eq!(app(&mut harness).last_refusal(), None);
    assert!(
        app(&mut harness).session().task().is_some(),
        "the vault is being made"
    );
    common::wait_for_vault(&mut harness);
    assert!(harness.state().app().session().is_unlocked());
}

#[test]
fn a_pdf_export_is_refused_when_policy_turns_it_off() {
    let out = tempfile::tempdir().expect("temp dir");
    let request = |name: &str| {
        Command::ExportPlan(ExportRequest {
            values: BTreeMap::new(),
            name_topic: false,
            to: Some(out.path().join(name)),
            patient: None,
        })
    };
    {
        let mut harness = common::harness_with_policy(
            "en",
            Settings::default(),
            policy(r#"{"PdfExportEnabled": false}"#),
            None,
        );
        app(&mut harness).apply(request("refused.pdf"));
        let result = app(&mut harness).export_result().map(str::to_owned);
        assert!(
            result
                .as_deref()
                .is_some_and(|r| r.contains("PDF export is turned off")),
            "{result:?}"
        );
    }
    assert!(
        !out.path().join("refused.pdf").exists(),
        "no PDF was written"
    );
    // Without the policy the same request writes the file: the refusal above is the policy's doing.
    let mut harness = common::harness("en");
    app(&mut harness).apply(request("written.pdf"));
    assert!(
        out.path().join("written.pdf").exists(),
        "the PDF was written: {:?}",
        app(&mut harness).export_result()
    );
}

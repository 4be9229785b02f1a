//! How managed policy shows: a note beside each control policy locks, with the reason, and the "Policies in
//! effect" window listing every key, its value and where it came from.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::{display, paragraph, subheading};
use crate::policy::{Key, Origin, Policy, Value};

/// The reason under a control that policy locks, in calm muted text (it is information, not a warning).
pub(crate) fn locked_note(ui: &mut Ui, reason: &str) {
    let muted = palette(ui.ctx()).muted;
    ui.label(
        RichText::new(display(&format!("{} {reason}", t!("deploy.policy.locked"))))
            .small()
            .color(muted),
    );
}

/// The translated name of a policy key.
pub(crate) fn key_label(key: Key) -> String {
    match key {
        Key::AllowedLanguages => t!("deploy.policy.key.allowed_languages"),
        Key::DefaultLanguage => t!("deploy.policy.key.default_language"),
        Key::AutoLockMaxMinutes => t!("deploy.policy.key.auto_lock_max_minutes"),
        Key::VaultEnabled => t!("deploy.policy.key.vault_enabled"),
        Key::PdfExportEnabled => t!("deploy.policy.key.pdf_export_enabled"),
        Key::RecoveryKeyRequired => t!("deploy.policy.key.recovery_key_required"),
        Key::DataDirectory => t!("deploy.policy.key.data_directory"),
        Key::InstitutionPack => t!("deploy.policy.key.institution_pack"),
        Key::ScreenCaptureProtection => t!("deploy.policy.key.screen_capture_protection"),
        Key::Jurisdiction => t!("jurisdiction.policy_key"),
    }
    .into_owned()
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Bool(true) => t!("deploy.policy.value_yes").into_owned(),
        Value::Bool(false) => t!("deploy.policy.value_no").into_owned(),
        Value::Jurisdiction(j) => j.name(&rust_i18n::locale()),
        other => other.to_string(),
    }
}

/// Where a value came from. A path or registry key is its own label: inside a right-to-left sentence its slashes
/// would be reordered.
fn origin_ui(ui: &mut Ui, origin: &Origin) {
    let muted = palette(ui.ctx()).muted;
    let text = match origin {
        Origin::Strictest => t!("deploy.policy.strictest").into_owned(),
        other => other.to_string(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(display(&t!("deploy.policy.source")))
                .small()
                .color(muted),
        );
        ui.label(RichText::new(display(&text)).small().color(muted));
    });
}

/// The message shown in the window for a policy problem.
pub(crate) fn problem_text(policy: &Policy, problem: &crate::policy::PolicyProblem) -> String {
    if problem.severity == crate::policy::Severity::Error && policy.is_malformed() {
        t!(
            "deploy.policy.malformed",
            problem = problem.to_string().as_str()
        )
        .into_owned()
    } else {
        t!(
            "deploy.policy.warning",
            problem = problem.to_string().as_str()
        )
        .into_owned()
    }
}

/// The "Policies in effect" window; returns false when it is closed.
pub(crate) fn policies_window(ctx: &egui::Context, policy: &Policy) -> bool {
    let modal = egui::Modal::new(egui::Id::unique("policies-in-effect")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        subheading(ui, &t!("deploy.policy.in_effect"));
        if policy.entries().is_empty() {
            paragraph(ui, &t!("deploy.policy.none"));
        }
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .show(ui, |ui| {
                for entry in policy.entries() {
                    ui.label(RichText::new(display(&key_label(entry.key))).strong());
                    ui.label(display(&value_text(&entry.value)));
                    origin_ui(ui, &entry.origin);
                    ui.add_space(6.0);
                }
                // Every value a user-level source set that the machine's policy does not allow, then every problem.
                for refusal in policy.refused() {
                    paragraph(
                        ui,
                        &t!(
                            "deploy.policy.warning",
                            problem = refusal.to_string().as_str()
                        ),
                    );
                }
                for problem in policy.problems() {
                    paragraph(ui, &problem_text(policy, problem));
                }
                // Every place read; a path or registry key is its own label (see `origin_ui`).
                if !policy.places().is_empty() {
                    let muted = palette(ui.ctx()).muted;
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(display(&t!("deploy.policy.read_from")))
                            .small()
                            .color(muted),
                    );
                    for (place, _) in policy.places() {
                        ui.label(RichText::new(display(place)).small().color(muted));
                    }
                }
            });
        ui.button(display(&t!("deploy.policy.close"))).clicked()
    });
    !(modal.inner || modal.should_close())
}

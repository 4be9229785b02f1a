//! The safety-planning worksheet: usable as a blank guide while the vault is locked (nothing kept), and saved
//! inside the encrypted vault, attached to a case record, while it is unlocked. Attached to a record, every field
//! is bound to the vault's own copy of the draft: one plaintext copy, zeroized on lock, and the lock's final save
//! carries every keystroke.

use std::collections::BTreeMap;

use egui::{RichText, Ui};
use rust_i18n::t;
use zeroize::Zeroize;

use super::theme::palette;
use super::widgets::{
    anchored, card, display, fallback_marker, notice, paragraph, source_chip, subheading,
};
use super::{Command, ExportRequest, VaultCommand, VaultView, View, ViewCtx};
use crate::content::model::{FieldKind, PlanField};
use crate::take_home::PatientOptions;
use crate::vault::model::{NeedStatus, PlanValue, SafetyPlanDraft, unix_now};

/// State of the worksheet tab.
#[derive(Default)]
pub(crate) struct SafetyPlanView {
    /// The case record the draft belongs to; `None` = blank guide, nothing kept.
    record_id: Option<String>,
    /// The blank guide's answers (no record chosen), or a read-only window's copy of the record's: plaintext,
    /// dropped on lock.
    scratch: BTreeMap<String, PlanValue>,
    export: ExportPanel,
    /// The last record creation (from [`VaultUi::created_record`](super::VaultUi)) this view has taken notice of.
    seen_created: Option<u64>,
}

/// The export step: a warning that the PDF is not encrypted, which copy (the patient's, chosen field by field
/// and in the patient's language, or the clinician's record); the last result is the app's, in
/// [`VaultUi::export`](super::VaultUi).
#[derive(Default)]
struct ExportPanel {
    open: bool,
    /// The clinician's record instead of the patient's copy (the default, the safer one to hand over).
    clinician: bool,
    /// The patient's copy's choices; its language starts as the interface's.
    patient: Option<PatientOptions>,
    name_topic: bool,
    /// Where to save instead, typed or corrected by the user, once the save dialog gave no file.
    fallback: Option<String>,
    /// The panel just opened (its first choice takes focus) or closed (its button takes focus back).
    focus: bool,
}

impl View for SafetyPlanView {
    fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>) {
        if let Some((serial, id)) = &vault.state().created_record
            && self.seen_created != Some(*serial)
        {
            self.seen_created = Some(*serial);
            self.record_created(id);
        }
        // A record deleted (or a vault restored without it) is no longer chosen.
        if let Some(id) = &self.record_id
            && vault.session().vault().is_some_and(|v| v.get(id).is_none())
        {
            self.record_id = None;
        }
        // Locked with a record chosen: the record stays chosen (its id is no note text) for the next unlock, and
        // any copy of its answers goes.
        if self.record_id.is_some() && !vault.session().is_unlocked() {
            self.clear_plaintext();
        }
        self.record_bar(ui, view, vault);
        let writable = vault.session().is_unlocked() && !vault.session().is_read_only();
        // An edit stamps its time through `edit_record`; the app saves once edits pause, whatever tab is shown.
        match self.record_id.clone() {
            Some(id) if writable => {
                vault.edit_record(&id, |record| {
                    let mut fresh = BTreeMap::new();
                    let changed = {
                        let values = match record.safety_plan.as_mut() {
                            Some(draft) => &mut draft.values,
                            None => &mut fresh,
                        };
                        sections_ui(ui, view, values)
                    };
                    if changed {
                        let draft = record
                            .safety_plan
                            .get_or_insert_with(SafetyPlanDraft::default);
                        draft.values.append(&mut fresh);
                        draft.updated = unix_now();
                        record.touch();
                    }
                    changed
                });
            }
            Some(_) => {
                ui.add_enabled_ui(false, |ui| sections_ui(ui, view, &mut self.scratch));
            }
            None => {
                // The blank guide keeps nothing, so there is nothing to save.
                sections_ui(ui, view, &mut self.scratch);
            }
        }
        self.export_ui(ui, view, vault);
    }

    /// Attached answers are already in the vault (the lock's final save writes them); the blank guide's and a
    /// read-only copy are dropped. The chosen record stays chosen, so the next unlock brings the plan back.
    fn on_lock(&mut self, _view: &ViewCtx<'_>) {
        self.clear_plaintext();
    }
}

impl SafetyPlanView {
    /// Drops every answer this view holds itself (the blank guide's, a read-only copy) and the export step.
    fn clear_plaintext(&mut self) {
        for (mut key, mut value) in std::mem::take(&mut self.scratch) {
            key.zeroize();
            value.zeroize();
        }
        self.export = ExportPanel::default();
    }

    /// A case record was just created (in Notes): the worksheet takes it, unless it is already on another record.
    fn record_created(&mut self, id: &str) {
        if self.record_id.is_none() {
            self.clear_plaintext();
            self.record_id = Some(id.to_owned());
        }
    }

    /// Asks the app to write the PDF: to `to`, or where the save dialog says. The answers are the one copy made
    /// for the PDF (the record's plan, or the blank guide's); the app wipes it when written.
    fn request_export(
        &mut self,
        view: &ViewCtx<'_>,
        vault: &VaultView<'_>,
        to: Option<std::path::PathBuf>,
    ) {
        let patient = if self.export.clinician {
            None
        } else {
            self.export.patient.clone()
        };
        view.push(Command::ExportPlan(ExportRequest {
            values: self.export_values(vault),
            name_topic: self.export.name_topic,
            to,
            patient,
        }));
    }

    fn export_values(&self, vault: &VaultView<'_>) -> BTreeMap<String, PlanValue> {
        match &self.record_id {
            Some(id) => vault
                .session()
                .vault()
                .and_then(|v| v.get(id))
                .and_then(|r| r.safety_plan.as_ref())
                .map(|d| d.values.clone())
                .unwrap_or_default(),
            None => self.scratch.clone(),
        }
    }

    fn export_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &VaultView<'_>) {
        if !vault.state().permissions.pdf_export {
            ui.add_enabled(false, egui::Button::new(display(&t!("plan.export"))));
            super::policy::locked_note(ui, &t!("deploy.policy.export_disabled"));
            return;
        }
        if !self.export.open {
            let button = ui.button(display(&t!("plan.export")));
            // Reached from a search result for the export: the button takes focus, at the top of the window.
            let jumped = view.highlight == Some(super::EXPORT_PLAN_ANCHOR) && view.take_scroll();
            if jumped {
                button.scroll_to_me(Some(egui::Align::Min));
            }
            super::widgets::focus_until_landed(
                &button,
                jumped || std::mem::take(&mut self.export.focus),
            );
            if button.clicked() {
                self.export.open = true;
                self.export.focus = true;
                view.push(Command::ClearExportStatus);
            }
            return;
        }
        card(ui, |ui| {
            notice(ui, &t!("plan.export_warning"));
            self.copy_choice_ui(ui, view);
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(display(&t!("plan.export_dialog_title")))
                    .clicked()
                {
                    self.request_export(view, vault, None);
                }
                if ui.button(display(&t!("vault.cancel"))).clicked() {
                    // Closed: focus back on the button that opened it.
                    self.export = ExportPanel {
                        focus: true,
                        ..ExportPanel::default()
                    };
                    view.push(Command::ClearExportStatus);
                }
            });
            if let Some(status) = &vault.state().export {
                paragraph(ui, &status.message);
                if self.export.fallback.is_none() {
                    self.export.fallback = status
                        .suggested
                        .as_ref()
                        .map(|path| path.display().to_string());
                }
            }
            // No file from the dialog (perhaps none could open): a place to type instead, prefilled.
            let mut save_to = None;
            if let Some(path) = &mut self.export.fallback {
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label(display(&t!("house.export_fallback_intro")));
                    ui.add(egui::TextEdit::singleline(path).desired_width(360.0))
                        .labelled_by(label.id);
                    if ui
                        .button(display(&t!("house.export_fallback_save")))
                        .clicked()
                        && !path.trim().is_empty()
                    {
                        save_to = Some(std::path::PathBuf::from(path.trim()));
                    }
                });
            }
            if save_to.is_some() {
                self.request_export(view, vault, save_to);
            }
        });
    }

    /// Which copy, and its choices: the patient's (what to take home, language, discreet, the help line's name) or
    /// the clinician's record, whose warning shows before the save button.
    fn copy_choice_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let export = &mut self.export;
        // One choice per line: mirrored for right-to-left languages like every radio button.
        for (clinician, key) in [
            (false, "takehome.copy_patient"),
            (true, "takehome.copy_clinician"),
        ] {
            let choice = super::widgets::radio(ui, export.clinician == clinician, &t!(key));
            if !clinician {
                // The panel just opened: focus on its first choice, which carries the warning above it for a
                // screen reader.
                let warning = t!("plan.export_warning").into_owned();
                choice.ctx.accesskit_node_builder(choice.id, |node| {
                    node.set_description(warning);
                });
                super::widgets::focus_until_landed(&choice, std::mem::take(&mut export.focus));
            }
            if choice.clicked() {
                export.clinician = clinician;
            }
        }
        if export.clinician {
            notice(ui, &t!("takehome.clinician_warning"));
            super::widgets::checkbox(ui, &mut export.name_topic, &t!("plan.export_include_topic"));
            return;
        }
        let patient = export.patient.get_or_insert_with(|| PatientOptions {
            locale: view.content.locale.clone(),
            ..PatientOptions::default()
        });
        paragraph(ui, &t!("takehome.patient_explained"));
        super::patient_card::language_picker(
            ui,
            &t!("takehome.patient_language"),
            &mut patient.locale,
        );
        super::widgets::checkbox(
            ui,
            &mut patient.english_beside,
            &t!("takehome.english_beside"),
        );
        ui.label(display(&t!("takehome.include")));
        for (value, key) in [
            (&mut patient.helpline, "takehome.include_helpline"),
            (&mut patient.numbers, "takehome.include_numbers"),
            (&mut patient.appointment, "takehome.include_appointment"),
            (&mut patient.steps, "takehome.include_steps"),
        ] {
            super::widgets::checkbox(ui, value, &t!(key));
        }
        super::patient_card::discreet_ui(ui, &mut patient.discreet, &mut patient.helpline_name);
    }

    fn record_bar(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &VaultView<'_>) {
        let colors = palette(ui.ctx());
        card(ui, |ui| {
            let Some(records) = vault.record_labels() else {
                // With a record chosen before the lock, say that unlocking brings it back, not that nothing is kept.
                let text = if self.record_id.is_some() {
                    t!("plan.locked_with_record")
                } else {
                    t!("plan.not_kept")
                };
                notice(ui, &text);
                return;
            };
            if records.is_empty() {
                paragraph(ui, &t!("plan.no_records"));
                return;
            }
            ui.horizontal_wrapped(|ui| {
                let record_label = ui.label(display(&t!("plan.record")));
                let selected = self
                    .record_id
                    .as_ref()
                    .and_then(|id| records.iter().find(|(r, _)| r == id))
                    .map_or_else(
                        || t!("plan.choose_record").into_owned(),
                        |(_, label)| label.clone(),
                    );
                let mut chosen = None;
                let combo =
                    egui::ComboBox::from_id_salt("plan-record").selected_text(display(&selected));
                let combo = super::popup::combo_box(ui, combo, |ui| {
                    for (id, label) in &records {
                        if ui
                            .selectable_label(self.record_id.as_ref() == Some(id), display(label))
                            .clicked()
                        {
                            chosen = Some(id.clone());
                            // egui closes the list on a pointer click only; Enter chose too.
                            ui.close();
                        }
                    }
                });
                let _ = combo.response.labelled_by(record_label.id);
                if let Some(id) = chosen {
                    if vault.session().has_unsaved_changes() {
                        view.push(Command::Vault(VaultCommand::Save));
                    }
                    self.clear_plaintext();
                    self.record_id = None;
                    // A read-only window cannot bind to the vault (it may not change it): it shows a copy.
                    if vault.session().is_read_only() {
                        self.scratch = vault
                            .session()
                            .vault()
                            .and_then(|v| v.get(&id))
                            .and_then(|r| r.safety_plan.as_ref())
                            .map(|d| d.values.clone())
                            .unwrap_or_default();
                    }
                    self.record_id = Some(id);
                }
            });
            if self.record_id.is_some() {
                ui.label(
                    RichText::new(display(&super::vault_text::save_status_text(
                        vault.session(),
                    )))
                    .small()
                    .color(colors.muted),
                );
            } else {
                ui.label(
                    RichText::new(display(&t!("plan.not_kept_until_record"))).color(colors.notice),
                );
            }
        });
        ui.add_space(8.0);
    }
}

/// Every section of the worksheet with its fields; returns whether any answer changed.
fn sections_ui(ui: &mut Ui, view: &ViewCtx<'_>, values: &mut BTreeMap<String, PlanValue>) -> bool {
    let mut changed = false;
    for section in &view.content.safety_plan.sections {
        anchored(ui, view, &section.id, |ui| {
            subheading(ui, &section.title);
            if let Some(intro) = &section.intro {
                paragraph(ui, intro);
            }
            fallback_marker(ui, view, &section.id);
            source_chip(ui, &section.source);
        });
        card(ui, |ui| {
            for field in &section.fields {
                anchored(ui, view, &field.id, |ui| {
                    changed |= field_ui(ui, values, field);
                });
            }
        });
        ui.add_space(10.0);
    }
    changed
}

/// One field, bound to its answer in `values` (no copy of its text); returns whether it changed.
fn field_ui(ui: &mut Ui, values: &mut BTreeMap<String, PlanValue>, field: &PlanField) -> bool {
    let label = display(&field.label);
    match field.kind {
        FieldKind::Check => {
            let mut checked = matches!(values.get(&field.id), Some(PlanValue::Check(true)));
            let changed = super::widgets::checkbox(ui, &mut checked, &field.label).changed();
            if changed {
                values.insert(field.id.clone(), PlanValue::Check(checked));
            }
            changed
        }
        FieldKind::Scale => {
            // Unanswered until touched: a question never asked must not read as "0".
            let answered = match values.get(&field.id) {
                Some(PlanValue::Scale(level)) => Some(*level),
                _ => None,
            };
            let mut level = answered.unwrap_or(0);
            let (moved, cleared) = ui
                .horizontal_wrapped(|ui| {
                    let text = ui.label(label.clone());
                    let slider = ui
                        .add(egui::Slider::new(&mut level, 0..=10).show_value(answered.is_some()))
                        .labelled_by(text.id);
                    let moved = slider.changed() || (answered.is_none() && slider.clicked());
                    let mut cleared = false;
                    if answered.is_none() {
                        let muted = super::theme::palette(ui.ctx()).muted;
                        ui.label(
                            RichText::new(display(&t!("plan.not_asked")))
                                .italics()
                                .color(muted),
                        );
                    } else {
                        cleared = ui.button(display(&t!("plan.clear_answer"))).clicked();
                    }
                    (moved, cleared)
                })
                .inner;
            if cleared {
                values.remove(&field.id);
            } else if moved {
                values.insert(field.id.clone(), PlanValue::Scale(level));
            }
            moved || cleared
        }
        FieldKind::Text => {
            // Bound to the answer itself; an unanswered field edits a new empty string, kept only once typed in.
            let mut new_text = String::new();
            let text = match values.get_mut(&field.id) {
                Some(PlanValue::Text(text)) => text,
                _ => &mut new_text,
            };
            let heading = ui.label(RichText::new(label).strong());
            let changed = ui
                .add(
                    egui::TextEdit::multiline(text)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(heading.id)
                .changed();
            if changed && !matches!(values.get(&field.id), Some(PlanValue::Text(_))) {
                values.insert(field.id.clone(), PlanValue::Text(new_text));
            }
            changed
        }
        FieldKind::Need => need_ui(ui, values, field, label),
    }
}

fn need_ui(
    ui: &mut Ui,
    values: &mut BTreeMap<String, PlanValue>,
    field: &PlanField,
    label: String,
) -> bool {
    if !matches!(values.get(&field.id), Some(PlanValue::Need { .. })) {
        let mut status = NeedStatus::NotNeeded;
        let mut notes = String::new();
        let changed = need_row(ui, field, label, &mut status, &mut notes);
        if changed {
            values.insert(field.id.clone(), PlanValue::Need { status, notes });
        }
        return changed;
    }
    match values.get_mut(&field.id) {
        Some(PlanValue::Need { status, notes }) => need_row(ui, field, label, status, notes),
        _ => false,
    }
}

/// A need's status and notes, bound to the answer's own fields (no copy of the notes' text).
fn need_row(
    ui: &mut Ui,
    field: &PlanField,
    label: String,
    status: &mut NeedStatus,
    notes: &mut String,
) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let heading = ui.label(RichText::new(label.clone()).strong());
        let statuses = [
            (NeedStatus::NotNeeded, t!("plan.status_not_needed")),
            (NeedStatus::ToDo, t!("plan.status_to_do")),
            (NeedStatus::InProgress, t!("plan.status_in_progress")),
            (NeedStatus::Done, t!("plan.status_done")),
        ];
        let current = statuses
            .iter()
            .find(|(s, _)| s == status)
            .map(|(_, l)| l.to_string())
            .unwrap_or_default();
        let combo =
            egui::ComboBox::from_id_salt(("need", &field.id)).selected_text(display(&current));
        let combo = super::popup::combo_box(ui, combo, |ui| {
            for (value, text) in &statuses {
                let choice = ui.selectable_value(status, *value, display(text));
                changed |= choice.changed();
                // egui closes the list on a pointer click only; Enter chose too.
                if choice.clicked() {
                    ui.close();
                }
            }
        });
        let _ = combo.response.labelled_by(heading.id);
        let notes_edit = ui
            .add(
                egui::TextEdit::singleline(notes)
                    .hint_text(t!("plan.notes_hint"))
                    .desired_width(320.0),
            )
            .labelled_by(heading.id);
        changed |= notes_edit.changed();
    });
    changed
}

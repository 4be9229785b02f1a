//! The safety-planning worksheet: usable as a blank guide while the vault is locked (nothing kept), and saved
//! inside the encrypted vault, attached to a case record, while it is unlocked.

use std::collections::BTreeMap;
use std::time::Instant;

use egui::{RichText, Ui};
use rust_i18n::t;

use super::ViewCtx;
use super::theme::palette;
use super::widgets::{
    anchored, card, display, fallback_marker, paragraph, source_chip, subheading,
};
use crate::content::model::{FieldKind, PlanField};
use crate::export;
use crate::vault::model::{NeedStatus, PlanValue, SafetyPlanDraft, unix_now};
use crate::vault::session::Session;

/// State of the worksheet tab. `values` is plaintext and is dropped on lock.
#[derive(Default)]
pub struct SafetyPlanView {
    /// The case record the draft belongs to; `None` = blank guide, nothing kept.
    record_id: Option<String>,
    values: BTreeMap<String, PlanValue>,
    last_edit: Option<Instant>,
    export: ExportPanel,
}

/// The export step: a warning that the PDF is not encrypted, the neutral-title choice, and the last result.
#[derive(Default)]
struct ExportPanel {
    open: bool,
    name_topic: bool,
    result: Option<String>,
}

impl SafetyPlanView {
    /// Drops every plaintext value (on lock).
    pub fn clear_plaintext(&mut self) {
        self.values.clear();
        self.record_id = None;
        self.last_edit = None;
        self.export = ExportPanel::default();
    }

    /// The record whose plan is open, if any.
    pub fn record_id(&self) -> Option<&str> {
        self.record_id.as_deref()
    }

    /// The tab.
    pub fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, session: &mut Session) {
        self.record_bar(ui, session);
        if self.record_id.is_some() && !session.is_unlocked() {
            self.clear_plaintext();
        }
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
                        changed |= self.field_ui(ui, field)
                    });
                }
            });
            ui.add_space(10.0);
        }
        if changed {
            self.last_edit = Some(Instant::now());
        }
        self.export_ui(ui, view);
        self.autosave(ui.ctx(), session);
    }

    fn export_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let colors = palette(ui.ctx());
        if !self.export.open {
            if ui.button(t!("plan.export")).clicked() {
                self.export.open = true;
                self.export.result = None;
            }
            return;
        }
        card(ui, |ui| {
            ui.label(RichText::new(display(&t!("plan.export_warning"))).color(colors.notice));
            super::widgets::checkbox(
                ui,
                &mut self.export.name_topic,
                &t!("plan.export_include_topic"),
            );
            ui.horizontal_wrapped(|ui| {
                if ui.button(t!("plan.export_dialog_title")).clicked() {
                    self.export.result = self.export_pdf(view);
                }
                if ui.button(t!("vault.cancel")).clicked() {
                    self.export = ExportPanel::default();
                }
            });
            if let Some(result) = &self.export.result {
                paragraph(ui, result);
            }
        });
    }

    /// Asks where to save (the system dialog), then writes the PDF; returns the message to show, if any.
    fn export_pdf(&self, view: &ViewCtx<'_>) -> Option<String> {
        let title = if self.export.name_topic {
            t!("plan.export_title_topic")
        } else {
            t!("plan.export_title_neutral")
        };
        let path = rfd::FileDialog::new()
            .set_title(t!("plan.export_dialog_title"))
            .set_file_name("plan.pdf")
            .add_filter("PDF", &["pdf"])
            .save_file()?;
        let labels = export::Labels {
            title: title.into_owned(),
            subtitle: super::notes::format_time(unix_now()),
            yes: t!("plan.export_yes").into_owned(),
            not_needed: t!("plan.status_not_needed").into_owned(),
            to_do: t!("plan.status_to_do").into_owned(),
            in_progress: t!("plan.status_in_progress").into_owned(),
            done: t!("plan.status_done").into_owned(),
        };
        let document =
            export::PlanDocument::from_plan(&view.content.safety_plan, &self.values, &labels);
        let result =
            export::render_pdf(&document).and_then(|bytes| export::save_pdf(&path, &bytes));
        Some(match result {
            Ok(()) => t!(
                "plan.export_done",
                path = path.display().to_string().as_str()
            )
            .into_owned(),
            Err(error) => {
                t!("plan.export_failed", reason = error.to_string().as_str()).into_owned()
            }
        })
    }

    fn record_bar(&mut self, ui: &mut Ui, session: &mut Session) {
        let colors = palette(ui.ctx());
        card(ui, |ui| {
            let Some(records) = super::notes::record_labels(session) else {
                ui.label(RichText::new(display(&t!("plan.not_kept"))).color(colors.notice));
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
                let combo = egui::ComboBox::from_id_salt("plan-record")
                    .selected_text(display(&selected))
                    .show_ui(ui, |ui| {
                        for (id, label) in &records {
                            if ui
                                .selectable_label(
                                    self.record_id.as_ref() == Some(id),
                                    display(label),
                                )
                                .clicked()
                            {
                                chosen = Some(id.clone());
                            }
                        }
                    });
                let _ = combo.response.labelled_by(record_label.id);
                if let Some(id) = chosen {
                    self.flush(session);
                    self.values = session
                        .vault()
                        .and_then(|v| v.get(&id))
                        .and_then(|r| r.safety_plan.as_ref())
                        .map(|d| d.values.clone())
                        .unwrap_or_default();
                    self.record_id = Some(id);
                }
            });
            if self.record_id.is_some() {
                ui.label(
                    RichText::new(display(&super::notes::save_status_text(session)))
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

    fn field_ui(&mut self, ui: &mut Ui, field: &PlanField) -> bool {
        let label = display(&field.label);
        match field.kind {
            FieldKind::Check => {
                let mut checked =
                    matches!(self.values.get(&field.id), Some(PlanValue::Check(true)));
                let changed = super::widgets::checkbox(ui, &mut checked, &field.label).changed();
                if changed {
                    self.values
                        .insert(field.id.clone(), PlanValue::Check(checked));
                }
                changed
            }
            FieldKind::Scale => {
                let mut level = match self.values.get(&field.id) {
                    Some(PlanValue::Scale(level)) => *level,
                    _ => 0,
                };
                let changed = ui
                    .horizontal_wrapped(|ui| {
                        let text = ui.label(label.clone());
                        ui.add(egui::Slider::new(&mut level, 0..=10))
                            .labelled_by(text.id)
                            .changed()
                    })
                    .inner;
                if changed {
                    self.values
                        .insert(field.id.clone(), PlanValue::Scale(level));
                }
                changed
            }
            FieldKind::Text => {
                let mut text = match self.values.get(&field.id) {
                    Some(PlanValue::Text(text)) => text.clone(),
                    _ => String::new(),
                };
                let heading = ui.label(RichText::new(label).strong());
                let changed = ui
                    .add(
                        egui::TextEdit::multiline(&mut text)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(heading.id)
                    .changed();
                if changed {
                    self.values.insert(field.id.clone(), PlanValue::Text(text));
                }
                changed
            }
            FieldKind::Need => self.need_ui(ui, field, label),
        }
    }

    fn need_ui(&mut self, ui: &mut Ui, field: &PlanField, label: String) -> bool {
        let (mut status, mut notes) = match self.values.get(&field.id) {
            Some(PlanValue::Need { status, notes }) => (*status, notes.clone()),
            _ => (NeedStatus::NotNeeded, String::new()),
        };
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
                .find(|(s, _)| *s == status)
                .map(|(_, l)| l.to_string())
                .unwrap_or_default();
            let combo = egui::ComboBox::from_id_salt(("need", &field.id))
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (value, text) in &statuses {
                        changed |= ui
                            .selectable_value(&mut status, *value, text.as_ref())
                            .changed();
                    }
                });
            let _ = combo.response.labelled_by(heading.id);
            let notes_edit = ui
                .add(
                    egui::TextEdit::singleline(&mut notes)
                        .hint_text(t!("plan.notes_hint"))
                        .desired_width(320.0),
                )
                .labelled_by(heading.id);
            changed |= notes_edit.changed();
        });
        if changed {
            self.values
                .insert(field.id.clone(), PlanValue::Need { status, notes });
        }
        changed
    }

    /// Writes the draft into the vault once editing pauses; the save itself runs off the UI thread.
    fn autosave(&mut self, ctx: &egui::Context, session: &mut Session) {
        if super::widgets::edits_settled(ctx, self.last_edit) {
            self.flush(session);
        }
    }

    /// Writes pending edits to the vault now (also before switching records).
    pub fn flush(&mut self, session: &mut Session) {
        if self.last_edit.take().is_none() {
            return;
        }
        let Some(id) = &self.record_id else { return };
        let draft = SafetyPlanDraft {
            updated: unix_now(),
            values: self.values.clone(),
        };
        session.edit(|vault| vault.update(id, |record| record.safety_plan = Some(draft)));
        // A failed save is shown in the status line and retried by the next save.
        let _ = session.save();
    }
}

//! Indicators: the red flags, grouped, and the "What am I seeing?" checklist. Ticks live only in this view's memory
//! unless the user saves them to a case record while the vault is unlocked.

use std::collections::BTreeSet;

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::{
    Marker, anchored, card, copy_button, display, fallback_marker, list, list_item, paragraph,
    source_chip, subheading,
};
use super::{Command, VaultCommand, VaultView, View, ViewCtx};
use crate::content::model::IndicatorGroup;

/// State of the Indicators tab: which indicators are ticked.
#[derive(Debug, Default)]
pub(crate) struct IndicatorsView {
    pub(crate) ticked: BTreeSet<String>,
    /// How many times ticks were saved to a record (each save is said once), and whether the last save's
    /// "added" note still shows (until the next tick).
    saves: u64,
    saved_note: bool,
    /// After a save from the menu (which goes with the ticks), focus goes to the first check box.
    focus_first_box: bool,
}

impl View for IndicatorsView {
    fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, vault: &mut VaultView<'_>) {
        let records = vault.record_labels();
        if let Some(save) = self.checklist_ui(ui, view, records.as_deref()) {
            view.push(Command::Vault(save));
            self.ticked.clear();
            // The menu and the summary it was in are gone: focus goes to the first box, and the save is said.
            self.saves += 1;
            self.saved_note = true;
            self.focus_first_box = true;
            ui.ctx().request_repaint();
        }
    }

    /// Ticks can be saved to a record, so they say something about a patient: not kept past a lock.
    fn on_lock(&mut self, _view: &ViewCtx<'_>) {
        self.ticked.clear();
        self.saved_note = false;
        self.focus_first_box = false;
    }
}

impl IndicatorsView {
    /// Groups that have at least one ticked indicator.
    pub(crate) fn observed_groups<'c>(
        &self,
        groups: &'c [IndicatorGroup],
    ) -> Vec<&'c IndicatorGroup> {
        groups
            .iter()
            .filter(|g| g.indicators.iter().any(|i| self.ticked.contains(&i.id)))
            .collect()
    }

    /// The tab. `records` lists (id, label) of case records when the vault is unlocked, for "save to a case record".
    fn checklist_ui(
        &mut self,
        ui: &mut Ui,
        view: &ViewCtx<'_>,
        records: Option<&[(String, String)]>,
    ) -> Option<VaultCommand> {
        let mut save = None;
        let groups = &view.content.indicators.groups;
        super::guidance::provenance_ui(
            ui,
            view.content.indicators.provenance.as_ref(),
            view.content
                .translations
                .get(&crate::content::ContentFile::Indicators),
        );
        card(ui, |ui| {
            ui.label(
                RichText::new(display(&t!("indicators.checklist_title")))
                    .strong()
                    .size(18.0),
            );
            paragraph(ui, &t!("indicators.no_screening"));
        });
        ui.add_space(8.0);
        // What the ticks add up to lives in its own column (below the list when the window is narrow), never above
        // the boxes: a summary that grew above them would move the next box away from the pointer.
        if ui.available_width() >= 900.0 {
            // The list keeps most of the width; the summary column sits on the reading side's far end.
            // The row's own item spacing is the gap between the two columns.
            let gap = ui.spacing().item_spacing.x;
            let list_width = (ui.available_width() - gap) * 0.6;
            let summary_width = ui.available_width() - gap - list_width;
            let right_to_left = crate::i18n::is_right_to_left();
            let (row, column) = if right_to_left {
                (
                    egui::Layout::right_to_left(egui::Align::Min),
                    egui::Layout::top_down(egui::Align::Max),
                )
            } else {
                (
                    egui::Layout::left_to_right(egui::Align::Min),
                    egui::Layout::top_down(egui::Align::Min),
                )
            };
            ui.with_layout(row, |ui| {
                ui.allocate_ui_with_layout(egui::vec2(list_width, 0.0), column, |ui| {
                    ui.set_width(list_width);
                    for group in groups {
                        self.group_ui(ui, view, group);
                    }
                });
                ui.allocate_ui_with_layout(egui::vec2(summary_width, 0.0), column, |ui| {
                    ui.set_width(summary_width);
                    save = self.summary_card(ui, view, records);
                });
            });
        } else {
            for group in groups {
                self.group_ui(ui, view, group);
            }
            save = self.summary_card(ui, view, records);
        }
        save
    }

    /// The "What am I seeing?" summary of the ticks, or how to start when nothing is ticked.
    fn summary_card(
        &mut self,
        ui: &mut Ui,
        view: &ViewCtx<'_>,
        records: Option<&[(String, String)]>,
    ) -> Option<VaultCommand> {
        card(ui, |ui| {
            if self.ticked.is_empty() {
                if self.saved_note {
                    let saved = paragraph(ui, &t!("indicators.saved"));
                    super::widgets::announce(&saved, ("indicators-saved", self.saves));
                }
                paragraph(ui, &t!("indicators.tick_hint"));
                None
            } else {
                self.summary_ui(ui, view, records)
            }
        })
    }

    fn summary_ui(
        &mut self,
        ui: &mut Ui,
        view: &ViewCtx<'_>,
        records: Option<&[(String, String)]>,
    ) -> Option<VaultCommand> {
        let groups = &view.content.indicators.groups;
        let observed = self.observed_groups(groups);
        let title_text = t!("indicators.observed_in");
        let title = ui.label(RichText::new(display(&title_text)).strong());
        let mut spoken = vec![title_text.into_owned()];
        list(ui, observed.len(), |ui| {
            for (index, group) in observed.iter().enumerate() {
                let count = group
                    .indicators
                    .iter()
                    .filter(|i| self.ticked.contains(&i.id))
                    .count();
                let line = format!("{} ({count})", group.title);
                list_item(ui, Marker::Bullet, &line, index);
                spoken.push(line);
            }
        });
        // The summary appears beside the list when a box is ticked and changes with every tick: a live region
        // holding all of it is spoken each time, without taking focus from the box.
        let spoken = spoken.join("; ");
        super::widgets::announce(&title, &spoken);
        title.ctx.accesskit_node_builder(title.id, |node| {
            node.set_value(spoken);
        });
        ui.add_space(4.0);
        paragraph(ui, &t!("indicators.before_asking"));
        let mut related: Vec<&str> = Vec::new();
        for group in &observed {
            for question_group in &group.related_questions {
                if !related.contains(&question_group.as_str()) {
                    related.push(question_group);
                }
            }
        }
        ui.label(RichText::new(display(&t!("indicators.related_questions"))).strong());
        for group in view
            .content
            .questions
            .groups
            .iter()
            .filter(|g| related.contains(&g.id.as_str()))
        {
            ui.label(RichText::new(display(&group.title)).italics());
            for question in &group.questions {
                ui.horizontal_wrapped(|ui| {
                    ui.add(egui::Label::new(display(&question.text)).wrap());
                    copy_button(ui, &question.text, &question.text);
                });
            }
        }
        let mut save = None;
        ui.horizontal_wrapped(|ui| {
            if ui.button(display(&t!("indicators.clear"))).clicked() {
                self.ticked.clear();
            }
            match records {
                Some(records) if !records.is_empty() => {
                    super::popup::menu_button(
                        ui,
                        display(&t!("indicators.save_to_record")),
                        |ui| {
                            for (id, label) in records {
                                if ui.button(display(label)).clicked() {
                                    save = Some(VaultCommand::AddObservation {
                                        record_id: id.clone(),
                                        indicator_ids: self.ticked.iter().cloned().collect(),
                                    });
                                    ui.close();
                                }
                            }
                        },
                    );
                }
                Some(_) => {
                    ui.label(RichText::new(display(&t!("indicators.no_records"))).small());
                }
                None => {
                    ui.label(
                        RichText::new(display(&t!("indicators.not_kept")))
                            .small()
                            .color(palette(ui.ctx()).muted),
                    );
                }
            }
        });
        save
    }

    fn group_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, group: &IndicatorGroup) {
        anchored(ui, view, &group.id, |ui| {
            subheading(ui, &group.title);
            paragraph(ui, &group.context);
            fallback_marker(ui, view, &group.id);
            source_chip(ui, &group.source);
        });
        // A group that is not a checklist is a list of its indicators; a checklist is its check boxes.
        let mut indicators = |ui: &mut Ui| {
            for (index, indicator) in group.indicators.iter().enumerate() {
                anchored(ui, view, &indicator.id, |ui| {
                    if group.checkable {
                        let mut ticked = self.ticked.contains(&indicator.id);
                        let response = super::widgets::checkbox(ui, &mut ticked, &indicator.text);
                        if std::mem::take(&mut self.focus_first_box) {
                            super::widgets::focus_until_landed(&response, true);
                        }
                        if response.changed() {
                            self.saved_note = false;
                            if ticked {
                                self.ticked.insert(indicator.id.clone());
                            } else {
                                self.ticked.remove(&indicator.id);
                            }
                        }
                    } else {
                        list_item(ui, Marker::Bullet, &indicator.text, index);
                    }
                    fallback_marker(ui, view, &indicator.id);
                });
            }
        };
        if group.checkable {
            indicators(ui);
        } else {
            list(ui, group.indicators.len(), indicators);
        }
        ui.add_space(10.0);
    }
}

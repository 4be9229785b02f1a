//! Reporting: the decision helper ("Do I have to report?") driven by `reporting.ron`, then the guidebook's
//! narrative on reporting.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::ViewCtx;
use super::page::section_ui;
use super::theme::palette;
use super::widgets::{
    anchored, card, contact_row, display, fallback_marker, paragraph, source_chip, subheading,
};
use crate::content::model::{Outcome, OutcomeKind};
use crate::content::rules::Answers;

/// State of the Reporting tab: the answers given so far. Never saved.
#[derive(Debug, Default)]
pub struct ReportingView {
    pub answers: Answers,
}

impl ReportingView {
    /// The tab.
    pub fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let rules = &view.content.reporting;
        card(ui, |ui| {
            ui.label(
                RichText::new(display(&t!("reporting.helper_title")))
                    .strong()
                    .size(18.0),
            );
            paragraph(
                ui,
                &t!(
                    "reporting.precedence",
                    jurisdiction = rules.jurisdiction.as_str(),
                    date = rules.reviewed.as_str()
                ),
            );
            for question in rules.questions_to_ask(&self.answers) {
                anchored(ui, view, &question.id, |ui| {
                    ui.add_space(4.0);
                    ui.label(RichText::new(display(&question.text)).strong());
                    if let Some(help) = &question.help {
                        paragraph(ui, help);
                    }
                    ui.horizontal_wrapped(|ui| {
                        for answer in &question.answers {
                            let selected = self.answers.get(&question.id) == Some(&answer.id);
                            let response = super::widgets::radio(ui, selected, &answer.text);
                            // "Yes" alone means nothing to a screen reader; name the question too.
                            let accessible = format!("{} — {}", answer.text, question.text);
                            response.widget_info(|| {
                                egui::WidgetInfo::selected(
                                    egui::Role::RadioButton,
                                    true,
                                    selected,
                                    accessible.clone(),
                                )
                            });
                            if response.clicked() {
                                self.answers.insert(question.id.clone(), answer.id.clone());
                            }
                        }
                    });
                });
            }
            rules.prune(&mut self.answers);
            ui.add_space(6.0);
            if rules.is_complete(&self.answers) {
                ui.label(
                    RichText::new(display(&t!("reporting.what_applies")))
                        .strong()
                        .size(17.0),
                );
                for outcome in rules.outcomes(&self.answers) {
                    outcome_ui(ui, view, outcome);
                }
            } else {
                paragraph(ui, &t!("reporting.answer_all"));
            }
            if !self.answers.is_empty() && ui.button(t!("reporting.start_over")).clicked() {
                self.answers.clear();
            }
        });
        ui.add_space(12.0);
        for section in &rules.sections {
            section_ui(ui, view, section);
        }
    }
}

fn outcome_ui(ui: &mut Ui, view: &ViewCtx<'_>, outcome: &Outcome) {
    let colors = palette(ui.ctx());
    anchored(ui, view, &outcome.id, |ui| {
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.5, colors.accent))
            .corner_radius(6.0)
            .inner_margin(10.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let kind = match outcome.kind {
                    OutcomeKind::Must => t!("reporting.kind_must"),
                    OutcomeKind::MustNot => t!("reporting.kind_must_not"),
                    OutcomeKind::Consider => t!("reporting.kind_consider"),
                };
                ui.label(
                    RichText::new(display(&kind))
                        .small()
                        .strong()
                        .color(colors.accent),
                );
                subheading(ui, &outcome.title);
                if let Some(statute) = &outcome.statute {
                    ui.label(RichText::new(display(statute)).italics());
                }
                paragraph(ui, &outcome.what_to_do);
                paragraph(ui, &outcome.summary);
                for contact in &outcome.contacts {
                    contact_row(ui, contact);
                }
                fallback_marker(ui, view, &outcome.id);
                source_chip(ui, &outcome.source);
            });
    });
}

//! Reporting: the decision helper ("Do I have to report?") driven by `reporting.ron`, then the guidebook's
//! narrative on reporting.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::ViewCtx;
use super::page::section_ui;
use super::theme::palette;
use super::widgets::{
    Marker, anchored, card, contact_row, display, fallback_marker, list, list_item, paragraph,
    source_chip, subheading,
};
use crate::content::model::{Duty, Outcome, OutcomeKind, Role};
use crate::content::rules::Answers;

/// State of the Reporting tab: the answers given so far. Never saved.
#[derive(Debug, Default)]
pub(crate) struct ReportingView {
    pub(crate) answers: Answers,
}

impl ReportingView {
    /// The tab.
    pub(crate) fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let rules = &view.content.reporting;
        card(ui, |ui| {
            ui.label(
                RichText::new(display(&t!("reporting.helper_title")))
                    .strong()
                    .size(18.0),
            );
            super::guidance::provenance_ui(ui, rules.provenance.as_ref());
            paragraph(
                ui,
                &t!(
                    "reporting.precedence_note",
                    jurisdiction = rules.jurisdiction.as_str()
                ),
            );
            role_ui(ui, view);
            // Side by side when there is room, so that an outcome appears beside the answer that settled it
            // instead of below questions that may be off screen.
            if ui.available_width() >= 900.0 {
                // `columns` lays out justified, which would stretch paragraphs word by word.
                let plain = egui::Layout::top_down(egui::Align::Min);
                ui.columns(2, |columns| {
                    columns[0].with_layout(plain, |ui| self.questions_ui(ui, view));
                    columns[1].with_layout(plain, |ui| self.outcomes_ui(ui, view));
                });
            } else {
                self.questions_ui(ui, view);
                ui.add_space(6.0);
                self.outcomes_ui(ui, view);
            }
        });
        ui.add_space(12.0);
        for section in &rules.sections {
            section_ui(ui, view, section);
        }
    }

    /// The questions that apply given the answers so far, each answer a radio button named with its question.
    fn questions_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let rules = &view.content.reporting;
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
    }

    /// What the answers settle, what an open answer could still add, and "Start over".
    fn outcomes_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let rules = &view.content.reporting;
        // Three-valued: an outcome shows as soon as no open answer could take it away; what an open answer
        // could still add is listed apart, so "what applies" is never premature and never incomplete.
        let evaluation = rules.evaluate(&self.answers);
        if evaluation.certain.is_empty() {
            paragraph(ui, &t!("reporting.answer_all"));
        } else {
            ui.label(
                RichText::new(display(&t!("reporting.what_applies")))
                    .strong()
                    .size(17.0),
            );
            for outcome in &evaluation.certain {
                outcome_ui(ui, view, outcome);
            }
        }
        // Before any answer everything is possible: listing it all would only add noise.
        if !self.answers.is_empty() && !evaluation.possible.is_empty() {
            ui.add_space(4.0);
            ui.label(RichText::new(display(&t!("reporting.depends_on_open"))).strong());
            list(ui, evaluation.possible.len(), |ui| {
                for (index, outcome) in evaluation.possible.iter().enumerate() {
                    let text = format!("{}: {}", kind_label(outcome.kind), outcome.title);
                    list_item(ui, Marker::Bullet, &text, index);
                }
            });
        }
        if !self.answers.is_empty() && ui.button(display(&t!("reporting.start_over"))).clicked() {
            self.answers.clear();
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
                let kind = kind_label(outcome.kind);
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
                duty_ui(ui, view, outcome);
                paragraph(ui, &outcome.what_to_do);
                paragraph(ui, &outcome.summary);
                for contact in &outcome.contacts {
                    contact_row(ui, contact);
                }
                for note in &outcome.updates {
                    super::guidance::update_note_ui(ui, view, note);
                }
                fallback_marker(ui, view, &outcome.id);
                source_chip(ui, &outcome.source);
            });
    });
}

fn kind_label(kind: OutcomeKind) -> std::borrow::Cow<'static, str> {
    match kind {
        OutcomeKind::Must => t!("reporting.kind_must"),
        OutcomeKind::MustNot => t!("reporting.kind_must_not"),
        OutcomeKind::Consider => t!("reporting.kind_consider"),
        OutcomeKind::Offer => t!("reporting.kind_offer"),
    }
}

/// The user's role, in the interface language.
pub(crate) fn role_name(role: Role) -> std::borrow::Cow<'static, str> {
    match role {
        Role::Physician => t!("role.physician"),
        Role::NpPa => t!("role.np_pa"),
        Role::Nurse => t!("role.nurse"),
        Role::SocialWorker => t!("role.social_worker"),
        Role::Other => t!("role.other"),
    }
}

/// Asks the user's role once (the answer is kept in Settings); afterwards, says which role the duties are for.
fn role_ui(ui: &mut Ui, view: &ViewCtx<'_>) {
    match view.role {
        Some(role) => {
            paragraph(ui, &t!("reporting.your_role", role = role_name(role)));
        }
        None => {
            ui.label(RichText::new(display(&t!("reporting.role_question"))).strong());
            ui.horizontal_wrapped(|ui| {
                for role in Role::ALL {
                    if super::widgets::radio(ui, false, &role_name(role)).clicked() {
                        view.push(super::Command::SetRole(role));
                    }
                }
            });
            paragraph(ui, &t!("reporting.role_hint"));
        }
    }
}

/// Whom a mandated report's statute binds, and whether the duty is the user's own.
fn duty_ui(ui: &mut Ui, view: &ViewCtx<'_>, outcome: &Outcome) {
    if let Some(binds) = &outcome.binds {
        paragraph(ui, &t!("reporting.binds", who = binds.as_str()));
    }
    let Some(role) = view.role else {
        return;
    };
    let key = match outcome.duty_for(role) {
        Some(Duty::Yours) => "reporting.duty_yours",
        Some(Duty::TellResponsible) => "reporting.duty_tell",
        Some(Duty::Check) => "reporting.duty_check",
        None => return,
    };
    ui.label(RichText::new(display(&t!(key, role = role_name(role)))).strong());
}

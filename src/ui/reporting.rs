//! Reporting: the decision helper ("Do I have to report?") driven by `reporting.ron`, then the guidebook's
//! narrative on reporting.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::ViewCtx;
use super::page::section_ui;
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
    /// Which verdicts are new, out of view, or to be brought into view.
    verdicts: super::verdict::Watch,
    /// A search result asked for an outcome that the answers given rule out: the answers that lead to it, offered
    /// until the user chooses them or keeps their own (replacing them unasked would lose their work).
    proposal: Option<Proposal>,
    /// The jurisdiction the answers were given under: another one's law asks other questions, so its answers go.
    answered_under: crate::content::Jurisdiction,
}

/// Answers that lead to an outcome a search result asked for, offered in place of the user's own.
#[derive(Debug)]
struct Proposal {
    /// The outcome's id (the jump's anchor).
    outcome: String,
    /// The first answers, in question order, under which it is shown.
    answers: Answers,
    /// Whether the offer still has to take keyboard focus.
    focus: bool,
}

impl ReportingView {
    /// The tab.
    pub(crate) fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let rules = &view.content.reporting;
        if self.answered_under != view.jurisdiction.current {
            self.answers.clear();
            self.verdicts.clear();
            self.proposal = None;
            self.answered_under = view.jurisdiction.current;
        }
        self.follow_jump(view);
        super::jurisdiction::header_ui(ui, view);
        card(ui, |ui| {
            ui.label(
                RichText::new(display(&t!("reporting.helper_title")))
                    .strong()
                    .size(18.0),
            );
            self.proposal_ui(ui, view);
            super::guidance::provenance_ui(
                ui,
                rules.provenance.as_ref(),
                view.content
                    .translations
                    .get(&crate::content::ContentFile::Reporting),
            );
            let precedence = if view.jurisdiction.current == crate::content::Jurisdiction::Other {
                t!("jurisdiction.precedence_other")
            } else {
                t!(
                    "reporting.precedence_note",
                    jurisdiction = super::jurisdiction::name(view.jurisdiction.current)
                )
            };
            paragraph(ui, &precedence);
            role_ui(ui, view);
            // Side by side when there is room, so that an outcome appears beside the answer that settled it
            // instead of below questions that may be off screen.
            if ui.available_width() >= 900.0 {
                // `columns` lays out justified, which would stretch paragraphs word by word.
                let plain = egui::Layout::top_down(if crate::i18n::is_right_to_left() {
                    egui::Align::Max
                } else {
                    egui::Align::Min
                });
                // Mirrored in right-to-left languages: the questions on the reading side.
                let (asked, results) = if crate::i18n::is_right_to_left() {
                    (1, 0)
                } else {
                    (0, 1)
                };
                ui.columns(2, |columns| {
                    columns[asked].with_layout(plain, |ui| self.questions_ui(ui, view));
                    columns[results].with_layout(plain, |ui| self.outcomes_ui(ui, view));
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

    /// A jump to an outcome (a search result for it) shows that outcome: with no answers yet, the helper is filled
    /// with the first answers (in question order) under which it applies; answers given that leave it open are
    /// completed, each one given kept; answers that rule it out are kept, and the answers that lead to it are
    /// offered instead ([`Self::proposal_ui`]). The outcome's card then takes focus and the top of the window
    /// ([`anchored`]).
    fn follow_jump(&mut self, view: &ViewCtx<'_>) {
        let rules = &view.content.reporting;
        let Some(anchor) = view.highlight else {
            self.proposal = None;
            return;
        };
        if self.proposal.as_ref().is_some_and(|p| p.outcome != anchor) {
            self.proposal = None;
        }
        if !view.scroll_pending()
            || !rules.outcomes.iter().any(|outcome| outcome.id == anchor)
            || rules.shows(anchor, &self.answers)
            || self.proposal.is_some()
        {
            return;
        }
        if let Some(answers) = rules.answers_leading_to(anchor, &self.answers) {
            self.answers = answers;
        } else if let Some(answers) = rules.answers_leading_to(anchor, &Answers::new()) {
            self.proposal = Some(Proposal {
                outcome: anchor.to_owned(),
                answers,
                focus: true,
            });
        }
    }

    /// The offer of answers that lead to the outcome a search result asked for, when the user's own rule it out:
    /// replace them (the outcome is then shown and focused) or keep them (focus goes to the first question).
    fn proposal_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let Some(proposal) = &mut self.proposal else {
            return;
        };
        let rules = &view.content.reporting;
        let title = rules
            .outcomes
            .iter()
            .find(|outcome| outcome.id == proposal.outcome)
            .map_or("", |outcome| outcome.title.as_str());
        let question = t!("reporting.jump_ruled_out", outcome = title).into_owned();
        super::widgets::notice(ui, &question);
        let (replace, keep) = ui
            .horizontal_wrapped(|ui| {
                let replace = ui.button(display(&t!("reporting.jump_replace")));
                // The question is the button's description: focus lands here, and a screen reader reads both.
                replace.ctx.accesskit_node_builder(replace.id, |node| {
                    node.set_description(question.clone());
                });
                let start = std::mem::take(&mut proposal.focus);
                if start {
                    replace.scroll_to_me(Some(egui::Align::Center));
                }
                super::widgets::focus_until_landed(&replace, start);
                let keep = ui.button(display(&t!("reporting.jump_keep")));
                (replace.clicked(), keep.clicked())
            })
            .inner;
        if replace {
            if let Some(proposal) = self.proposal.take() {
                self.answers = proposal.answers;
                view.push(super::Command::Jump {
                    tab: super::Tab::Reporting,
                    anchor: proposal.outcome,
                });
            }
        } else if keep {
            self.proposal = None;
            let first = rules
                .questions_to_ask(&self.answers)
                .first()
                .map(|question| question.id.clone());
            if let Some(anchor) = first {
                view.push(super::Command::Jump {
                    tab: super::Tab::Reporting,
                    anchor,
                });
            }
        }
    }

    /// Every question, each answer a radio button named with its question. Those that do not apply to the answers
    /// so far stay in their place, greyed and unanswerable, so that no answer makes a question appear, vanish or
    /// move under the pointer.
    fn questions_ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>) {
        let rules = &view.content.reporting;
        let asked: Vec<&str> = rules
            .questions_to_ask(&self.answers)
            .iter()
            .map(|question| question.id.as_str())
            .collect();
        for question in &rules.questions {
            let applies = asked.contains(&question.id.as_str());
            // The anchor outside the greyed scope: a jump to a question that does not apply yet still lands on it
            // (a disabled widget cannot take focus).
            let scope = anchored(ui, view, &question.id, |ui| {
                ui.add_enabled_ui(applies, |ui| {
                    ui.add_space(4.0);
                    // A paragraph, not a label: a right-to-left question sits on the reading side and wraps in
                    // reading order.
                    super::widgets::styled_paragraph(
                        ui,
                        &question.text,
                        egui::TextStyle::Body,
                        RichText::strong,
                    );
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
                                    applies,
                                    selected,
                                    accessible.clone(),
                                )
                            });
                            if response.clicked() {
                                self.answers.insert(question.id.clone(), answer.id.clone());
                            }
                        }
                    });
                    // The question, its help and its answers share the question's anchor.
                    fallback_marker(ui, view, &question.id);
                })
            });
            if !applies {
                scope
                    .response
                    .on_disabled_hover_text(display(&t!("reporting.not_asked")));
            }
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
            self.verdicts.summary_ui(ui, &evaluation.certain);
            for outcome in &evaluation.certain {
                let rect = outcome_ui(ui, view, outcome);
                self.verdicts.card_drawn(ui, outcome, rect);
            }
        }
        // Before any answer everything is possible: listing it all would only add noise.
        if !self.answers.is_empty() && !evaluation.possible.is_empty() {
            ui.add_space(4.0);
            ui.label(RichText::new(display(&t!("reporting.depends_on_open"))).strong());
            list(ui, evaluation.possible.len(), |ui| {
                for (index, outcome) in evaluation.possible.iter().enumerate() {
                    let mut text = format!("{}: {}", kind_label(outcome.kind), outcome.title);
                    if view.content.is_fallback(&outcome.id) {
                        text = format!("{text} ({})", t!("common.shown_in_english"));
                    }
                    list_item(ui, Marker::Bullet, &text, index);
                }
            });
        }
        if !self.answers.is_empty() && ui.button(display(&t!("reporting.start_over"))).clicked() {
            self.answers.clear();
            self.verdicts.clear();
        }
        self.verdicts.flag_ui(ui);
    }
}

/// A verdict's card, in its kind's colour with its badge; returns where it was drawn.
fn outcome_ui(ui: &mut Ui, view: &ViewCtx<'_>, outcome: &Outcome) -> egui::Rect {
    let color = super::verdict::look(ui, outcome.kind).color;
    anchored(ui, view, &outcome.id, |ui| {
        egui::Frame::new()
            .stroke(egui::Stroke::new(2.5, color))
            .corner_radius(6.0)
            .inner_margin(10.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                super::verdict::badge(ui, outcome.kind);
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
            })
            .response
            .rect
    })
}

fn kind_label(kind: OutcomeKind) -> String {
    super::verdict::word(kind)
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

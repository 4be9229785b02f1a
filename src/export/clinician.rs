//! The clinician's copy: the whole worksheet, risk assessment included, as a record for the patient's file. Every
//! page is labelled as a record to keep, not to hand out.

use std::collections::BTreeMap;

use super::ExportError;
use super::pdf::{Block, Doc, Role, render};
use crate::content::model::{FieldKind, SafetyPlanTemplate};
use crate::vault::model::{NeedStatus, PlanValue};

/// Words the document needs in the user's language.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    /// Page title: neutral ("Personal plan") unless the user opted in to naming the topic.
    pub title: String,
    /// A line under the title (for example the date).
    pub subtitle: String,
    /// The word printed for a ticked yes/no field.
    pub yes: String,
    /// Need status: not needed.
    pub not_needed: String,
    /// Need status: to do.
    pub to_do: String,
    /// Need status: in progress.
    pub in_progress: String,
    /// Need status: done.
    pub done: String,
    /// The "not yet reviewed" note, when the document's language is an unreviewed translation.
    pub unreviewed_note: Option<String>,
    /// Printed at the top of every page: a record to keep, not to hand out.
    pub record_label: String,
    /// The language of the labels and the worksheet (BCP 47, e.g. "es"), for screen readers.
    pub lang: String,
}

impl Labels {
    /// The labels in `locale`: the neutral title unless `name_topic`, `subtitle` under it (the date), the record
    /// label for every page, and the not-yet-reviewed note for an unreviewed translation.
    pub fn for_locale(locale: &str, name_topic: bool, subtitle: String) -> Self {
        let text = |key: &str| rust_i18n::t!(key, locale = locale).into_owned();
        Self {
            title: text(if name_topic {
                "plan.export_title_topic"
            } else {
                "plan.export_title_neutral"
            }),
            subtitle,
            yes: text("plan.export_yes"),
            not_needed: text("plan.status_not_needed"),
            to_do: text("plan.status_to_do"),
            in_progress: text("plan.status_in_progress"),
            done: text("plan.status_done"),
            unreviewed_note: (!crate::content::load::is_reviewed(locale))
                .then(|| text("language.not_reviewed_note")),
            record_label: text("takehome.record_label"),
            lang: locale.to_owned(),
        }
    }
}

/// The plan as printable text: a title and sections of (label, value) lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanDocument {
    pub(crate) title: String,
    pub(crate) subtitle: String,
    /// Printed small under the subtitle: the translation is not yet professionally reviewed.
    pub note: Option<String>,
    pub(crate) sections: Vec<(String, Vec<(String, String)>)>,
    /// Printed at the top of every page.
    pub record_label: String,
    /// The document's language.
    pub lang: String,
}

impl PlanDocument {
    /// Builds the printable plan from the worksheet template and the values entered; empty fields are left out.
    pub fn from_plan(
        template: &SafetyPlanTemplate,
        values: &BTreeMap<String, PlanValue>,
        labels: &Labels,
    ) -> Self {
        let mut sections = Vec::new();
        for section in &template.sections {
            let mut lines = Vec::new();
            for field in &section.fields {
                let value = match (field.kind, values.get(&field.id)) {
                    (FieldKind::Text, Some(PlanValue::Text(text))) if !text.trim().is_empty() => {
                        text.clone()
                    }
                    (FieldKind::Check, Some(PlanValue::Check(true))) => labels.yes.clone(),
                    (FieldKind::Scale, Some(PlanValue::Scale(level))) => format!("{level} / 10"),
                    (FieldKind::Need, Some(PlanValue::Need { status, notes }))
                        if *status != NeedStatus::NotNeeded =>
                    {
                        let status = match status {
                            NeedStatus::NotNeeded => &labels.not_needed,
                            NeedStatus::ToDo => &labels.to_do,
                            NeedStatus::InProgress => &labels.in_progress,
                            NeedStatus::Done => &labels.done,
                        };
                        if notes.trim().is_empty() {
                            status.clone()
                        } else {
                            format!("{status}: {notes}")
                        }
                    }
                    _ => continue,
                };
                lines.push((field.label.clone(), value));
            }
            if !lines.is_empty() {
                sections.push((section.title.clone(), lines));
            }
        }
        Self {
            title: labels.title.clone(),
            subtitle: labels.subtitle.clone(),
            note: labels.unreviewed_note.clone(),
            sections,
            record_label: labels.record_label.clone(),
            lang: labels.lang.clone(),
        }
    }
}

/// Renders the clinician's copy as PDF bytes.
pub fn render_pdf(plan: &PlanDocument) -> Result<Vec<u8>, ExportError> {
    let lang = plan.lang.as_str();
    let mut blocks = vec![Block::new(Role::Title, &plan.title, lang, 20.0).after(4.0)];
    match &plan.note {
        Some(note) => {
            blocks.push(Block::new(Role::Body, &plan.subtitle, lang, 10.0).after(2.0));
            blocks.push(Block::new(Role::Body, note, lang, 8.0).after(14.0));
        }
        None => blocks.push(Block::new(Role::Body, &plan.subtitle, lang, 10.0).after(14.0)),
    }
    for (heading, lines) in &plan.sections {
        blocks.push(Block::new(Role::Heading, heading, lang, 14.0).after(4.0));
        for (label, value) in lines {
            blocks.push(Block::new(Role::Body, label, lang, 10.0).after(1.0));
            blocks.push(
                Block::new(Role::Body, value, lang, 11.5)
                    .indent(12.0)
                    .after(6.0),
            );
        }
        if let Some(last) = blocks.last_mut() {
            last.space_after += 8.0;
        }
    }
    let every_page = (!plan.record_label.is_empty())
        .then(|| Block::new(Role::Body, &plan.record_label, lang, 11.0).after(10.0));
    render(&Doc {
        title: plan.title.clone(),
        lang: plan.lang.clone(),
        every_page,
        blocks,
    })
}

//! Questions: how to frame the inquiry, statements for the patient, and every sample question with copy and
//! "show to patient" buttons.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::page::section_ui;
use super::widgets::{
    Marker, anchored, copy_button, display, fallback_marker, list, list_item, paragraph,
    source_chip, styled_paragraph, subheading,
};
use super::{CardRequest, Command, ViewCtx};
use crate::content::ContentFile;
use crate::content::model::Item;

/// A question or statement row: the text, copy, and the patient-language card.
fn item_row(ui: &mut Ui, view: &ViewCtx<'_>, item: &Item, index: usize) {
    anchored(ui, view, &item.id, |ui| {
        list_item(ui, Marker::Tick, &item.text, index);
        ui.horizontal(|ui| {
            copy_button(ui, &item.text, &item.text);
            let accessible = t!("card.open_named", what = item.text.as_str()).into_owned();
            let response = ui
                .button(display(&t!("card.open")))
                .on_hover_text(accessible.clone());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, accessible.clone())
            });
            if response.clicked() {
                view.push(Command::OpenCard(CardRequest {
                    file: ContentFile::Questions,
                    key: item.id.clone(),
                }));
            }
            fallback_marker(ui, view, &item.id);
        });
    });
}

/// The Questions tab.
pub(crate) fn questions_ui(ui: &mut Ui, view: &ViewCtx<'_>) {
    let pack = &view.content.questions;
    super::guidance::provenance_ui(
        ui,
        pack.provenance.as_ref(),
        view.content
            .translations
            .get(&crate::content::ContentFile::Questions),
    );
    for section in &pack.framing {
        section_ui(ui, view, section);
    }
    subheading(ui, &t!("questions.statements"));
    paragraph(ui, &t!("questions.statements_hint"));
    list(ui, pack.statements.len(), |ui| {
        for (index, statement) in pack.statements.iter().enumerate() {
            item_row(ui, view, statement, index);
        }
    });
    ui.add_space(12.0);
    for group in &pack.groups {
        anchored(ui, view, &group.id, |ui| {
            subheading(ui, &group.title);
            if let Some(intro) = &group.intro {
                paragraph(ui, intro);
            }
            source_chip(ui, &group.source);
        });
        list(ui, group.questions.len(), |ui| {
            for (index, question) in group.questions.iter().enumerate() {
                item_row(ui, view, question, index);
            }
        });
        ui.add_space(12.0);
    }
    styled_paragraph(
        ui,
        &t!("questions.interpreter_reminder"),
        egui::TextStyle::Body,
        RichText::italics,
    );
}

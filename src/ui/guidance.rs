//! How Harbor shows where guidance comes from: a file's provenance (the guidebook's year, when statute texts were
//! read, who reviewed it and when, and a calm notice when a review is due), "since the guidebook" notes with their
//! dates and sources, and lists whose items can be copied into a record.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::ViewCtx;
use super::theme::palette;
use super::widgets::{
    Marker, anchored, copy_button, display, fallback_marker, list, mark_list_item, paint_marker,
    paragraph,
};
use crate::content::TranslationNote;
use crate::content::checks::{review_is_due, today_days};
use crate::content::model::{Item, Provenance, UpdateNote};

/// One line under a tab's title: "From the guidebook (2014). Statute texts read 2026-11-30. Last reviewed …",
/// and, when the newest review is more than 12 months old, a notice that the content is due for review.
/// `translation` is the shown file's translation, if any: then the line says who translated it and what review
/// the translation had, and never gives the English text's review dates as the translation's.
pub fn provenance_ui(
    ui: &mut Ui,
    provenance: Option<&Provenance>,
    translation: Option<&TranslationNote>,
) {
    let Some(provenance) = provenance else {
        return;
    };
    let line = match translation {
        Some(translation) => translated_provenance_line(provenance, translation),
        None => english_provenance_line(provenance),
    };
    let muted = palette(ui.ctx()).muted;
    ui.add(egui::Label::new(RichText::new(display(&line)).small().color(muted)).wrap());
    // Whatever the language: content due for review may no longer match the law.
    if let Some(last) = provenance.last_review()
        && review_is_due(last, today_days())
    {
        paragraph(ui, &t!("guidance.review_due", date = last));
    }
}

/// "From the guidebook (2014). Statute texts read …": facts about the content, true in every language.
fn origin_line(provenance: &Provenance) -> String {
    let mut line = t!(
        "guidance.from_source",
        year = provenance.source_year.to_string()
    )
    .into_owned();
    if let Some(checked) = provenance.statutes_checked() {
        line.push(' ');
        line.push_str(&t!("guidance.statutes_checked", date = checked));
    }
    line
}

/// The line under an English tab: the source, then its reviews.
fn english_provenance_line(provenance: &Provenance) -> String {
    let mut line = origin_line(provenance);
    // "Last reviewed" only for a clinical or legal review; the project's own check says what it is.
    if let Some(last) = provenance.last_professional_review() {
        line.push(' ');
        line.push_str(&t!("guidance.last_reviewed", date = last));
    }
    if let Some(checked) = provenance.last_project_check() {
        line.push(' ');
        let key = if provenance.statutes.is_empty() {
            "guidance.project_checked"
        } else {
            "guidance.project_checked_statutes"
        };
        line.push_str(&t!(key, date = checked));
    }
    line
}

/// The line under a translated tab, in the interface language: the source (facts about the content), then who
/// translated it and whether a medical translator has reviewed the translation — never the English text's review
/// dates as the translation's.
pub fn translated_provenance_line(
    provenance: &Provenance,
    translation: &TranslationNote,
) -> String {
    let mut line = origin_line(provenance);
    line.push(' ');
    match (translation.reviewed, translation.reviewed_on.as_deref()) {
        (true, Some(date)) => line.push_str(&t!("guidance.translation_reviewed", date = date)),
        (true, None) => line.push_str(&t!("guidance.translation_reviewed_undated")),
        (false, _) => line.push_str(&t!("guidance.translated_draft")),
    }
    line
}

/// A dated fact from after the guidebook, set apart from the guidebook's own text by a quiet frame and its marker.
pub(crate) fn update_note_ui(ui: &mut Ui, view: &ViewCtx<'_>, note: &UpdateNote) {
    let colors = palette(ui.ctx());
    anchored(ui, view, &note.id, |ui| {
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, colors.muted))
            .corner_radius(6.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(display(&t!(
                        "guidance.since_guidebook",
                        date = note.verified.as_str()
                    )))
                    .small()
                    .strong()
                    .color(colors.accent),
                );
                paragraph(ui, &note.text);
                fallback_marker(ui, view, &note.id);
                // One source line, the primary one; the copies and summaries read beside it behind a disclosure.
                let primary = note
                    .sources
                    .iter()
                    .position(|s| crate::content::checks::is_primary_source(s))
                    .unwrap_or(0);
                if let Some(source) = note.sources.get(primary) {
                    source_line(ui, source, colors.muted);
                }
                if note.sources.len() > 1 {
                    egui::CollapsingHeader::new(
                        RichText::new(display(&t!("guidance.other_sources"))).small(),
                    )
                    .id_salt(("other-sources", &note.id))
                    .show(ui, |ui| {
                        for (index, source) in note.sources.iter().enumerate() {
                            if index != primary {
                                source_line(ui, source, colors.muted);
                            }
                        }
                    });
                }
            });
    });
}

/// "Source:" and a web address, which stays left-to-right and selectable; Harbor never opens it.
fn source_line(ui: &mut Ui, source: &str, muted: egui::Color32) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(display(&t!("guidance.source_label"))).small());
        ui.add(
            egui::Label::new(RichText::new(source).small().monospace().color(muted))
                .selectable(true)
                .wrap(),
        );
    });
}

/// A list whose items a clinician pastes into a record (codes, charting phrases): each item with its Copy button.
pub(crate) fn copyable_list(ui: &mut Ui, view: &ViewCtx<'_>, items: &[Item]) {
    list(ui, items.len(), |ui| {
        for (index, item) in items.iter().enumerate() {
            anchored(ui, view, &item.id, |ui| {
                ui.horizontal_wrapped(|ui| {
                    paint_marker(ui, Marker::Bullet);
                    let text = ui
                        .add(egui::Label::new(RichText::new(display(&item.text))).selectable(true));
                    mark_list_item(&text, &item.text, index);
                    copy_button(ui, &item.text, &item.text);
                });
                fallback_marker(ui, view, &item.id);
            });
        }
    });
}

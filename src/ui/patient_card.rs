//! The patient-language card: a question, statement or hotline in the patient's language beside the clinician's,
//! in large print, readable across a desk. It keeps nothing.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::CardRequest;
use super::widgets::{display, large_paragraph};
use crate::content::model::Contact;
use crate::content::texts::Texts;
use crate::content::{Content, ContentFile};
use crate::i18n::LANGUAGES;

/// An open card: what it shows and in which two languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatientCard {
    pub request: CardRequest,
    pub patient_locale: String,
    pub clinician_locale: String,
}

/// The text of `key` in a content pack, and the contacts to show with it (for a resource).
pub fn card_text(content: &Content, request: &CardRequest) -> Option<(String, Vec<Contact>)> {
    let texts = match request.file {
        ContentFile::Questions => content.questions.collect_texts(),
        ContentFile::Resources => content.resources.collect_texts(),
        ContentFile::SafetyPlan => content.safety_plan.collect_texts(),
        _ => Vec::new(),
    };
    let text = texts
        .into_iter()
        .find(|(key, _, _)| *key == request.key)
        .map(|(_, _, text)| text)?;
    let resource = content
        .resources
        .groups
        .iter()
        .flat_map(|g| &g.resources)
        .find(|r| r.id == request.key);
    let Some(resource) = resource else {
        return Some((text, Vec::new()));
    };
    // Names are proper names and stay as printed; the description is translated.
    let mut shown = format!("{}\n\n{text}", resource.name);
    if let Some(languages) = &resource.languages {
        shown.push_str("\n\n");
        shown.push_str(languages);
    }
    let contacts = resource.contacts.clone();
    let text = shown;
    Some((text, contacts))
}

/// A language chooser for one side of the card.
fn language_picker(ui: &mut Ui, label: &str, locale: &mut String) {
    let current = LANGUAGES
        .iter()
        .find(|l| l.code == locale)
        .map_or("?", |l| l.native_name);
    egui::ComboBox::from_label(display(label))
        .selected_text(display(current))
        .show_ui(ui, |ui| {
            for language in LANGUAGES {
                ui.selectable_value(
                    locale,
                    language.code.to_owned(),
                    display(language.native_name),
                );
            }
        });
}

impl PatientCard {
    /// Shows the card as a modal; returns false when it is closed.
    pub fn ui(&mut self, ctx: &egui::Context, patient: &Content, clinician: &Content) -> bool {
        let mut open = true;
        let modal = egui::Modal::new(egui::Id::unique("patient-card")).show(ctx, |ui| {
            let screen = ctx.content_rect();
            ui.set_width((screen.width() * 0.85).min(1100.0));
            ui.horizontal_wrapped(|ui| {
                language_picker(ui, &t!("card.patient_language"), &mut self.patient_locale);
                language_picker(
                    ui,
                    &t!("card.clinician_language"),
                    &mut self.clinician_locale,
                );
            });
            ui.separator();
            let patient_text = card_text(patient, &self.request);
            let clinician_text = card_text(clinician, &self.request);
            egui::ScrollArea::vertical()
                .max_height(screen.height() * 0.65)
                .show(ui, |ui| {
                    ui.columns(2, |columns| {
                        for (column, text, size) in
                            [(0, &patient_text, 30.0), (1, &clinician_text, 20.0)]
                        {
                            let ui = &mut columns[column];
                            match text {
                                Some((text, contacts)) => {
                                    large_paragraph(ui, text, size);
                                    for contact in contacts {
                                        ui.label(
                                            RichText::new(&contact.number)
                                                .size(size)
                                                .monospace()
                                                .strong(),
                                        );
                                    }
                                }
                                None => {
                                    ui.label(display(&t!("card.not_available")));
                                }
                            }
                        }
                    });
                });
            ui.separator();
            large_paragraph(ui, &t!("card.interpreter_reminder"), 17.0);
            if ui.button(t!("card.close")).clicked() {
                open = false;
            }
        });
        if modal.should_close() {
            open = false;
        }
        open
    }
}

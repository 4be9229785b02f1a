//! The patient-language card: a question, statement or hotline in the patient's language beside the clinician's,
//! in large print, readable across a desk. It keeps nothing.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::{checkbox, display, large_paragraph, paragraph};
use super::{CardExport, CardRequest};
use crate::content::load::is_reviewed;
use crate::content::model::{Contact, ContactKind};
use crate::content::texts::Texts;
use crate::content::{Content, ContentFile};
use crate::i18n::{LANGUAGES, Language};
use crate::take_home::{CardOptions, HOTLINE_RESOURCE};

/// An open card: what it shows and in which two languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PatientCard {
    pub(crate) request: CardRequest,
    pub(crate) patient_locale: String,
    pub(crate) clinician_locale: String,
    /// The pocket-card export: discreet (the default), the name the patient picked, the last result.
    pub(crate) print: CardPrint,
}

/// The printable pocket card's choices and state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CardPrint {
    discreet: bool,
    name: String,
    result: Option<String>,
    /// Where to save instead, typed or corrected, once the save dialog gave no file.
    fallback: Option<String>,
    /// Asked for this frame; the app takes it and writes the file.
    requested: Option<Option<std::path::PathBuf>>,
    /// The card was opened to print (a search result for printing cards): the save button takes focus.
    pub(crate) focus_save: bool,
}

impl Default for CardPrint {
    fn default() -> Self {
        Self {
            discreet: true,
            name: String::new(),
            result: None,
            fallback: None,
            requested: None,
            focus_save: false,
        }
    }
}

/// What one side of the card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardText {
    pub(crate) text: String,
    pub(crate) contacts: Vec<Contact>,
    /// The pack lacks a current translation of this text, so it is the English.
    pub in_english: bool,
}

/// The text of `key` in a content pack, the contacts to show with it (for a resource), and whether it fell back
/// to English.
pub fn card_side(content: &Content, request: &CardRequest) -> Option<CardText> {
    let texts = match request.file {
        ContentFile::Questions => content.questions.collect_texts(),
        ContentFile::Resources => content.resources.collect_texts(),
        ContentFile::SafetyPlan => content.safety_plan.collect_texts(),
        _ => Vec::new(),
    };
    let in_english = content.locale != "en"
        && texts
            .iter()
            .find(|(key, _, _)| *key == request.key)
            .is_some_and(|(_, anchor, _)| content.is_fallback(anchor));
    let (text, contacts) = card_text(content, request)?;
    Some(CardText {
        text,
        contacts,
        in_english,
    })
}

/// The text of `key` in a content pack, and the contacts to show with it (for a resource).
pub(crate) fn card_text(
    content: &Content,
    request: &CardRequest,
) -> Option<(String, Vec<Contact>)> {
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
    // The national hotline speaks to the patient: its current name, when it answers, in which languages, and that
    // the patient decides — not the clinician's description (which mentions the police and training).
    if resource.id == HOTLINE_RESOURCE {
        let locale = content.locale.as_str();
        let shown = [
            "takehome.helpline_name",
            "takehome.hours",
            "takehome.languages",
            "takehome.you_decide",
        ]
        .map(|key| t!(key, locale = locale).into_owned())
        .join("\n\n");
        return Some((shown, resource.contacts.clone()));
    }
    // Names are proper names and stay as printed; the description is translated.
    let mut shown = format!("{}\n\n{text}", resource.shown_name());
    if let Some(languages) = &resource.languages {
        shown.push_str("\n\n");
        shown.push_str(languages);
    }
    let contacts = resource.contacts.clone();
    let text = shown;
    Some((text, contacts))
}

/// A language's name as the pickers list it: with `*` when its translation is not yet professionally reviewed, as
/// in the language menu.
pub(crate) fn picker_name(language: &Language) -> String {
    if is_reviewed(language.code) {
        language.native_name.to_owned()
    } else {
        format!("{} *", language.native_name)
    }
}

/// A language chooser (one side of the card, or the patient's copy).
pub(crate) fn language_picker(ui: &mut Ui, label: &str, locale: &mut String) {
    let current = LANGUAGES
        .iter()
        .find(|l| l.code == locale)
        .map_or_else(|| "?".to_owned(), picker_name);
    let combo = egui::ComboBox::from_label(display(label)).selected_text(display(&current));
    super::popup::combo_box(ui, combo, |ui| {
        for language in &LANGUAGES {
            let choice = ui.selectable_value(
                locale,
                language.code.to_owned(),
                display(&picker_name(language)),
            );
            // egui closes the list on a pointer click only: chosen with Enter, it closes too, and focus goes
            // back to the list's button (`ui::focus`).
            if choice.clicked() {
                ui.close();
            }
        }
    });
}

/// The discreet notes under one side of the card, in that side's language: "shown in English" where the text fell
/// back, and the not-yet-reviewed note for an unreviewed translation.
fn side_marks(ui: &mut Ui, locale: &str, side: &CardText) {
    let muted = palette(ui.ctx()).muted;
    let mut note = |text: String| {
        ui.add(
            egui::Label::new(RichText::new(display(&text)).small().italics().color(muted)).wrap(),
        );
    };
    if side.in_english {
        note(t!("common.shown_in_english", locale = locale).into_owned());
    } else if !is_reviewed(locale) {
        note(t!("language.not_reviewed_note", locale = locale).into_owned());
    }
}

impl PatientCard {
    /// Shows the card as a modal; returns false when it is closed.
    pub(crate) fn ui(
        &mut self,
        ctx: &egui::Context,
        patient: &Content,
        clinician: &Content,
    ) -> bool {
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
            let patient_text = card_side(patient, &self.request);
            let clinician_text = card_side(clinician, &self.request);
            egui::ScrollArea::vertical()
                .max_height(screen.height() * 0.65)
                .show(ui, |ui| {
                    ui.columns(2, |columns| {
                        for (column, text, size, locale) in [
                            (0, &patient_text, 30.0, &self.patient_locale),
                            (1, &clinician_text, 20.0, &self.clinician_locale),
                        ] {
                            // Columns lay out justified, which would stretch the letters of wrapped words (Khmer,
                            // written without spaces, most of all).
                            let plain = egui::Layout::top_down(egui::Align::Min);
                            columns[column].with_layout(plain, |ui| match text {
                                Some(side) => {
                                    // The numbers first, each labelled "call" or "text" in this side's language.
                                    for contact in &side.contacts {
                                        let line = large_paragraph(
                                            ui,
                                            &contact_line(locale, contact),
                                            size,
                                        );
                                        super::widgets::set_language(&line, locale);
                                    }
                                    let shown = large_paragraph(ui, &side.text, size);
                                    // For a screen reader: the language the text is in, which may not be the page's.
                                    super::widgets::set_language(
                                        &shown,
                                        if side.in_english { "en" } else { locale },
                                    );
                                    side_marks(ui, locale, side);
                                }
                                None => {
                                    ui.label(display(&t!("card.not_available")));
                                }
                            });
                        }
                    });
                });
            ui.separator();
            large_paragraph(ui, &t!("card.interpreter_reminder"), 17.0);
            ui.separator();
            self.print_ui(ui);
            if ui.button(display(&t!("card.close"))).clicked() {
                open = false;
            }
        });
        if modal.should_close() {
            open = false;
        }
        open
    }
}

/// "Call: (888) 373-7888", "Text: 233733": a contact with its way of reaching it, in `locale`.
fn contact_line(locale: &str, contact: &Contact) -> String {
    let how = match contact.kind {
        ContactKind::Phone => t!("takehome.call", locale = locale),
        ContactKind::Text => t!("takehome.text", locale = locale),
        ContactKind::Tty => return format!("TTY: {}", contact.number),
    };
    format!("{how}: {}", contact.number)
}

impl PatientCard {
    /// The pocket-card export: discreet or not, the harmless name, the save button and its result.
    fn print_ui(&mut self, ui: &mut Ui) {
        let print = &mut self.print;
        paragraph(ui, &t!("takehome.card_explained"));
        discreet_ui(ui, &mut print.discreet, &mut print.name);
        let save = ui.button(display(&t!("takehome.card_print")));
        let start = std::mem::take(&mut print.focus_save);
        if start {
            save.scroll_to_me(None);
        }
        super::widgets::focus_until_landed(&save, start);
        if save.clicked() {
            print.result = None;
            print.requested = Some(None);
        }
        if let Some(result) = &print.result {
            paragraph(ui, result);
        }
        if let Some(path) = &mut print.fallback {
            let mut save = false;
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(display(&t!("house.export_fallback_intro")));
                ui.add(egui::TextEdit::singleline(path).desired_width(360.0))
                    .labelled_by(label.id);
                save = ui
                    .button(display(&t!("house.export_fallback_save")))
                    .clicked()
                    && !path.trim().is_empty();
            });
            if save {
                print.requested = Some(Some(std::path::PathBuf::from(path.trim())));
            }
        }
    }

    /// The pocket cards asked for this frame, in the patient's language, for the app to write.
    pub(crate) fn take_export(&mut self) -> Option<CardExport> {
        let to = self.print.requested.take()?;
        Some(CardExport {
            options: CardOptions {
                locale: self.patient_locale.clone(),
                discreet: self.print.discreet,
                name: self.print.name.clone(),
            },
            to,
        })
    }

    /// The app wrote the cards (or could not): the message to show, and a place to type when no file was chosen.
    pub(crate) fn export_finished(
        &mut self,
        message: String,
        fallback: Option<std::path::PathBuf>,
    ) {
        self.print.result = Some(message);
        if self.print.fallback.is_none() {
            self.print.fallback = fallback.map(|path| path.display().to_string());
        }
    }
}

/// The discreet choice both take-home documents offer (the pocket card and the patient's copy of the plan): a box
/// that names no service by what it is for and, while it is ticked, a field for the harmless name the patient picks
/// for the help line.
pub(super) fn discreet_ui(ui: &mut Ui, discreet: &mut bool, helpline_name: &mut String) {
    checkbox(ui, discreet, &t!("takehome.discreet"));
    if *discreet {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(display(&t!("takehome.helpline_name_field")));
            ui.add(
                egui::TextEdit::singleline(helpline_name)
                    .desired_width(220.0)
                    .char_limit(40),
            )
            .labelled_by(label.id);
        });
    }
}

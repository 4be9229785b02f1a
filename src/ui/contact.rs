//! A number to call or text: what to do with it ("Call", "Text", "TTY"), the number on one line, what it is for
//! when that says more than "phone", when it answers, and a copy button.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::{copy_button, display};
use crate::content::hours::{HoursTable, Open};
use crate::content::model::{Contact, ContactKind};

/// The verb that says how the number is used.
pub(crate) fn verb(kind: ContactKind) -> String {
    match kind {
        ContactKind::Phone => t!("contact.call"),
        ContactKind::Text => t!("contact.send_text"),
        ContactKind::Tty => t!("contact.tty"),
    }
    .into_owned()
}

/// The contact's label, unless it only repeats how the number is used ("Phone" on a phone line).
pub(crate) fn distinct_label(contact: &Contact) -> Option<&str> {
    let label = contact.label.trim();
    let same = |word: &str| label.to_lowercase() == word.trim().to_lowercase();
    let repeats = same(&t!("contact.phone"))
        || same(&t!("contact.text"))
        || same(&t!("contact.tty"))
        || same(&verb(contact.kind))
        || same("phone");
    (!label.is_empty() && !repeats).then_some(label)
}

/// One number: "Call: (800) 792-5200 Child-At-Risk Hotline 24/7 [Copy]". `name` (the service) comes first when
/// the number is shown away from its service's card. The number never wraps.
pub(crate) fn number_line(ui: &mut Ui, contact: &Contact, name: Option<&str>) {
    let verb = verb(contact.kind);
    let label = distinct_label(contact);
    let what = format!("{} {}", name.unwrap_or(&contact.label), contact.number);
    let number = |ui: &mut Ui| {
        ui.label(RichText::new(display(&format!("{verb}:"))).strong());
        ui.add(
            egui::Label::new(RichText::new(&contact.number).size(19.0).strong())
                .selectable(true)
                .extend(),
        );
    };
    if !crate::i18n::is_right_to_left() {
        ui.horizontal_wrapped(|ui| {
            if let Some(name) = name {
                ui.label(RichText::new(display(name)).strong());
            }
            number(ui);
            if let Some(label) = label {
                ui.label(display(label));
            }
            hours_ui(ui, contact);
            copy_button(ui, &contact.number, &what);
        });
        return;
    }
    // A right-to-left row cannot wrap in egui, so the long parts (the service, what the number is for) are wrapped
    // paragraphs of their own and the rows keep to what is short.
    if let Some(name) = name {
        super::widgets::styled_paragraph(ui, name, egui::TextStyle::Body, RichText::strong);
    }
    rtl_row(ui, |ui| {
        number(ui);
        copy_button(ui, &contact.number, &what);
    });
    if let Some(label) = label {
        super::widgets::paragraph(ui, label);
    }
    rtl_row(ui, |ui| hours_ui(ui, contact));
}

/// A row of one line's height, right to left (a layout given the rest of the page would centre the row in all of
/// it).
fn rtl_row(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let height = ui.spacing().interact_size.y.max(26.0);
    ui.allocate_ui_with_layout(
        egui::vec2(ui.available_width(), height),
        egui::Layout::right_to_left(egui::Align::Center),
        add,
    );
}

/// When the number answers: "24/7" marked, the hours, or "hours not confirmed"; where that comes from on hover.
fn hours_ui(ui: &mut Ui, contact: &Contact) {
    let known = HoursTable::builtin().of(&contact.number);
    let response = match known.map(|entry| &entry.open) {
        Some(Open::Always) => {
            let mark = t!("contact.always");
            ui.label(
                RichText::new(display(&mark))
                    .strong()
                    .color(palette(ui.ctx()).accent),
            )
        }
        Some(Open::Hours(hours)) => {
            // The content's own words when it has them (translated), else the source's (English).
            ui.label(display(contact.hours.as_deref().unwrap_or(hours)))
        }
        // An institution's directory gives its own hours.
        None if contact.id.starts_with("institution") && contact.hours.is_some() => {
            ui.label(display(contact.hours.as_deref().unwrap_or_default()))
        }
        None => ui.label(
            RichText::new(display(&t!("contact.hours_unconfirmed")))
                .italics()
                .color(palette(ui.ctx()).muted),
        ),
    };
    if let Some(entry) = known {
        response.on_hover_text(display(&t!(
            "contact.hours_source",
            source = entry.source.as_str(),
            date = entry.read.as_str()
        )));
    }
}

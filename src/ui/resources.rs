//! Resources: every organisation with its numbers (copyable) and website shown as text — the app opens no browser.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::{
    anchored, card, contact_row, copy_button, display, fallback_marker, paragraph, source_chip,
    subheading,
};
use super::{CardRequest, Command, ViewCtx};
use crate::content::ContentFile;

/// The Resources tab.
pub(crate) fn resources_ui(ui: &mut Ui, view: &ViewCtx<'_>) {
    super::guidance::provenance_ui(ui, view.content.resources.provenance.as_ref());
    paragraph(ui, &t!("resources.offline_note"));
    for group in &view.content.resources.groups {
        anchored(ui, view, &group.id, |ui| subheading(ui, &group.title));
        if group.id == crate::content::institution::GROUP_ID {
            paragraph(ui, &t!("deploy.institution.note"));
        }
        for resource in &group.resources {
            anchored(ui, view, &resource.id, |ui| {
                card(ui, |ui| {
                    ui.label(RichText::new(&resource.name).strong().size(18.0));
                    paragraph(ui, &resource.description);
                    fallback_marker(ui, view, &resource.id);
                    if let Some(languages) = &resource.languages {
                        ui.label(
                            RichText::new(display(&t!(
                                "resources.languages",
                                languages = languages.as_str()
                            )))
                            .italics(),
                        );
                    }
                    for contact in &resource.contacts {
                        contact_row(ui, contact);
                    }
                    for note in &resource.updates {
                        super::guidance::update_note_ui(ui, view, note);
                    }
                    if let Some(website) = &resource.website {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(display(&t!("resources.website")));
                            ui.add(
                                egui::Label::new(RichText::new(website).monospace())
                                    .selectable(true),
                            );
                            copy_button(ui, website, website);
                        });
                    }
                    ui.horizontal_wrapped(|ui| {
                        // Ten of these on the page: the accessible name says which service.
                        let named =
                            t!("card.open_named", what = resource.name.as_str()).into_owned();
                        if !resource.contacts.is_empty() && {
                            let button = ui
                                .button(display(&t!("card.open_resource")))
                                .on_hover_text(named.clone());
                            button.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, named.clone())
                            });
                            button.clicked()
                        } {
                            view.push(Command::OpenCard(CardRequest {
                                file: ContentFile::Resources,
                                key: resource.id.clone(),
                            }));
                        }
                        source_chip(ui, &resource.source);
                    });
                });
            });
            ui.add_space(6.0);
        }
    }
    let muted = palette(ui.ctx()).muted;
    ui.label(
        RichText::new(display(&t!("resources.verify")))
            .small()
            .color(muted),
    );
}

//! Resources: every organisation with its numbers (copyable) and website shown as text — the app opens no browser.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::{
    anchored, card, contact_row, copy_button, display, fallback_marker, paragraph, source_chip,
    subheading,
};
use super::{CardRequest, Command, VaultView, View, ViewCtx};
use crate::content::ContentFile;

/// State of the Resources tab: whether only services that answer around the clock are listed.
#[derive(Debug, Default)]
pub(crate) struct ResourcesView {
    pub(crate) only_always: bool,
}

impl View for ResourcesView {
    fn ui(&mut self, ui: &mut Ui, view: &ViewCtx<'_>, _vault: &mut VaultView<'_>) {
        super::jurisdiction::header_ui(ui, view);
        super::widgets::checkbox(ui, &mut self.only_always, &t!("resources.only_always"));
        resources_ui(ui, view, self.only_always);
    }

    /// A filter, not patient data: it stays.
    fn on_lock(&mut self, _view: &ViewCtx<'_>) {}
}

/// Whether a resource has a number known to answer around the clock (see `content/hours.ron`).
fn always_open(resource: &crate::content::model::Resource) -> bool {
    let hours = crate::content::hours::HoursTable::builtin();
    resource
        .contacts
        .iter()
        .any(|contact| hours.always_open(&contact.number))
}

/// The Resources tab's list; `only_always` keeps the services that answer 24/7.
fn resources_ui(ui: &mut Ui, view: &ViewCtx<'_>, only_always: bool) {
    super::guidance::provenance_ui(
        ui,
        view.content.resources.provenance.as_ref(),
        view.content
            .translations
            .get(&crate::content::ContentFile::Resources),
    );
    paragraph(ui, &t!("resources.offline_note"));
    for group in &view.content.resources.groups {
        let shown: Vec<_> = group
            .resources
            .iter()
            .filter(|resource| !only_always || always_open(resource))
            .collect();
        if shown.is_empty() {
            continue;
        }
        anchored(ui, view, &group.id, |ui| subheading(ui, &group.title));
        if group.id == crate::content::institution::GROUP_ID {
            paragraph(ui, &t!("deploy.institution.note"));
        }
        for resource in shown {
            anchored(ui, view, &resource.id, |ui| {
                card(ui, |ui| {
                    ui.label(RichText::new(resource.shown_name()).strong().size(18.0));
                    if let Some(old) = resource.guidebook_name_if_renamed() {
                        paragraph(ui, &t!("resources.guidebook_name", name = old));
                    }
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
                            t!("card.open_named", what = resource.shown_name()).into_owned();
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

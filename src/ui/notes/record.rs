//! One case record's editor: label, notes, quotes, findings, the photo log and the recorded observations, bound to
//! the vault's own copy of the record.

use egui::{RichText, Ui};
use rust_i18n::t;
use zeroize::Zeroize;

use crate::ui::theme::palette;
use crate::ui::vault_text::format_time;
use crate::ui::widgets::{Marker, display, list, list_item, notice, paragraph, subheading};
use crate::ui::{Command, VaultCommand, VaultView, ViewCtx};
use crate::vault::model::{CaseRecord, PhotoEntry, Quote, unix_now};

use super::{Focus, NotesView, focus_if};

impl NotesView {
    pub(super) fn record_ui(
        &mut self,
        ui: &mut Ui,
        view: &ViewCtx<'_>,
        vault: &mut VaultView<'_>,
        id: &str,
    ) {
        if vault.session().is_read_only() {
            // Another window holds the vault: show the record to read, with every field disabled. The copy is a
            // `CaseRecord`, wiped when dropped at the end of the frame.
            notice(ui, &t!("vault.read_only"));
            let Some(mut record) = vault.session().vault().and_then(|v| v.get(id)).cloned() else {
                return;
            };
            let (mut quote, mut confirm, mut delete) = (String::new(), false, false);
            ui.add_enabled_ui(false, |ui| {
                record_editor(
                    ui,
                    view,
                    &mut record,
                    &mut quote,
                    &mut confirm,
                    &mut delete,
                    &mut None,
                )
            });
            return;
        }
        let mut delete = false;
        let new_quote = &mut self.new_quote;
        let confirm_delete = &mut self.confirm_delete;
        let focus = &mut self.focus;
        // A change stamps its time through `edit_record`; the app saves once edits pause, whatever tab is shown.
        vault.edit_record(id, |record| {
            let changed = record_editor(
                ui,
                view,
                record,
                new_quote,
                confirm_delete,
                &mut delete,
                focus,
            );
            if changed {
                record.touch();
            }
            changed
        });
        if delete {
            self.selected = None;
            self.confirm_delete = false;
            view.push(Command::Vault(VaultCommand::DeleteRecord(id.to_owned())));
        }
    }
}

/// A labelled multi-line text field bound directly to the record.
fn text_area(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let heading = ui.label(RichText::new(display(label)).strong());
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(heading.id)
    .changed()
}

/// The editor of one record; returns whether anything changed.
fn record_editor(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    record: &mut CaseRecord,
    new_quote: &mut String,
    confirm_delete: &mut bool,
    delete: &mut bool,
    focus: &mut Option<Focus>,
) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(display(&t!("vault.label")));
        let response = ui
            .add(egui::TextEdit::singleline(&mut record.label).desired_width(260.0))
            .labelled_by(label.id);
        focus_if(focus, Focus::RecordLabel, &response);
        changed |= response.changed();
    });
    let muted = palette(ui.ctx()).muted;
    ui.label(
        RichText::new(display(&t!(
            "vault.times",
            created = format_time(record.created).as_str(),
            updated = format_time(record.updated).as_str()
        )))
        .small()
        .color(muted),
    );
    changed |= text_area(ui, &t!("vault.notes"), &mut record.notes);

    subheading(ui, &t!("vault.quotes"));
    paragraph(ui, &t!("vault.quotes_hint"));
    let mut remove_quote = None;
    for (index, quote) in record.quotes.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("“{}”", quote.text)).italics());
            ui.label(
                RichText::new(format_time(quote.recorded))
                    .small()
                    .color(muted),
            );
            if ui.small_button(display(&t!("vault.remove"))).clicked() {
                remove_quote = Some(index);
            }
        });
    }
    if let Some(index) = remove_quote {
        record.quotes.remove(index);
        changed = true;
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(display(&t!("vault.new_quote")));
        ui.add(egui::TextEdit::singleline(new_quote).desired_width(420.0))
            .labelled_by(label.id);
        if ui.button(display(&t!("vault.add_quote"))).clicked() && !new_quote.trim().is_empty() {
            record.quotes.push(Quote {
                text: new_quote.trim().to_owned(),
                recorded: unix_now(),
            });
            new_quote.zeroize();
            changed = true;
        }
    });

    changed |= text_area(ui, &t!("vault.findings"), &mut record.findings);

    subheading(ui, &t!("vault.photos"));
    paragraph(ui, &t!("vault.photos_hint"));
    changed |= photo_log(ui, &mut record.photos);

    if !record.observations.is_empty() {
        subheading(ui, &t!("vault.observations"));
        for observation in &record.observations {
            ui.label(
                RichText::new(format_time(observation.recorded))
                    .small()
                    .color(muted),
            );
            list(ui, observation.indicator_ids.len(), |ui| {
                for (index, indicator_id) in observation.indicator_ids.iter().enumerate() {
                    let text = indicator_text(view, indicator_id);
                    list_item(ui, Marker::Bullet, &text, index);
                }
            });
        }
    }

    ui.add_space(12.0);
    if *confirm_delete {
        paragraph(ui, &t!("vault.delete_explained"));
        ui.horizontal(|ui| {
            if ui.button(display(&t!("vault.delete_confirm"))).clicked() {
                *delete = true;
            }
            if ui.button(display(&t!("vault.cancel"))).clicked() {
                *confirm_delete = false;
            }
        });
    } else if ui.button(display(&t!("vault.delete"))).clicked() {
        *confirm_delete = true;
    }
    changed
}

fn photo_log(ui: &mut Ui, photos: &mut Vec<PhotoEntry>) -> bool {
    let mut changed = false;
    let mut remove = None;
    // A table for screen readers too: each field is named with its column's title.
    let columns = [
        t!("vault.photo_date").into_owned(),
        t!("vault.photo_area").into_owned(),
        t!("vault.photo_consent").into_owned(),
        t!("vault.photo_by").into_owned(),
        String::new(),
    ];
    crate::ui::table::table(
        ui,
        "photo-log",
        &columns,
        photos.len(),
        |ui, row, column| {
            let photo = &mut photos[row];
            let field = match column {
                0 => ui.add(egui::TextEdit::singleline(&mut photo.date).desired_width(110.0)),
                1 => ui.add(egui::TextEdit::singleline(&mut photo.body_area).desired_width(160.0)),
                2 => crate::ui::widgets::checkbox(ui, &mut photo.consent_given, &columns[2]),
                3 => {
                    ui.add(egui::TextEdit::singleline(&mut photo.photographer).desired_width(160.0))
                }
                _ => {
                    if ui.small_button(display(&t!("vault.remove"))).clicked() {
                        remove = Some(row);
                    }
                    return None;
                }
            };
            if column != 2 {
                let title = columns[column].clone();
                ui.ctx()
                    .accesskit_node_builder(field.id, |node| node.set_label(title));
            }
            changed |= field.changed();
            None
        },
    );
    if let Some(index) = remove {
        photos.remove(index);
        changed = true;
    }
    if ui.button(display(&t!("vault.add_photo"))).clicked() {
        photos.push(PhotoEntry::default());
        changed = true;
    }
    changed
}

/// The indicator's text in the current language, or its id if the content no longer has it.
fn indicator_text(view: &ViewCtx<'_>, id: &str) -> String {
    view.content
        .indicators
        .groups
        .iter()
        .flat_map(|g| &g.indicators)
        .find(|i| i.id == id)
        .map_or_else(|| id.to_owned(), |i| i.text.clone())
}

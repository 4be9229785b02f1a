//! Narrative pages (Overview, Health effects, Response): sections of paragraphs, lists, tables, key figures and the
//! Act–Means–Purpose diagram, with a contents list at the top.

use egui::{Align, Layout, RichText, Ui};
use rust_i18n::t;

use super::lazy::{Readable, lazy_blocks};
use super::theme::palette;
use super::widgets::{
    Marker, anchored, bullet_list, card, display, fallback_marker, heading, list, list_item,
    paragraph, source_chip,
};
use super::{Command, Tab, ViewCtx};
use crate::content::model::{Block, Item, Page, Section};

/// A contents list: one small button per section that scrolls to it.
pub(crate) fn contents_ui(ui: &mut Ui, view: &ViewCtx<'_>, tab: Tab, sections: &[Section]) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(display(&t!("common.contents"))).strong());
        for section in sections {
            if ui.small_button(display(&section.title)).clicked() {
                view.push(Command::Jump {
                    tab,
                    anchor: section.id.clone(),
                });
            }
        }
    });
    ui.separator();
}

/// The whole page, with its contents list; only the sections on screen are laid out (see [`lazy_blocks`]).
pub(crate) fn page_ui(ui: &mut Ui, view: &ViewCtx<'_>, tab: Tab, page: &Page) {
    let file = match tab {
        Tab::Health => crate::content::ContentFile::Health,
        Tab::Response => crate::content::ContentFile::Response,
        _ => crate::content::ContentFile::Overview,
    };
    super::guidance::provenance_ui(
        ui,
        page.provenance.as_ref(),
        view.content.translations.get(&file),
    );
    contents_ui(ui, view, tab, &page.sections);
    lazy_blocks(
        ui,
        view,
        tab,
        &page.sections,
        |section| &section.id,
        section_readables,
        |ui, section| section_ui(ui, view, section),
    );
}

/// What a screen reader is told of a section that is not laid out: its heading, citation and every text in it.
fn section_readables(section: &Section) -> Vec<Readable<'_>> {
    let mut readables = vec![
        Readable::Heading(section.title.as_str().into()),
        Readable::Text(t!("common.source", section = section.source.0.as_str())),
    ];
    fn items(items: &[Item]) -> impl Iterator<Item = Readable<'_>> {
        items
            .iter()
            .map(|item| Readable::Text(item.text.as_str().into()))
    }
    for block in &section.blocks {
        match block {
            Block::Text { text, .. } => readables.push(Readable::Text(text.as_str().into())),
            Block::Update(note) => {
                readables.push(Readable::Text(t!(
                    "guidance.since_guidebook",
                    date = note.verified.as_str()
                )));
                readables.push(Readable::Text(note.text.as_str().into()));
            }
            Block::List {
                intro, items: list, ..
            } => {
                readables.extend(
                    intro
                        .iter()
                        .map(|intro| Readable::Text(intro.as_str().into())),
                );
                readables.push(Readable::List(
                    list.iter().map(|item| item.text.as_str()).collect(),
                ));
            }
            Block::Table { columns, rows, .. } => {
                readables.push(Readable::Table {
                    columns: columns.iter().map(String::as_str).collect(),
                    rows: rows
                        .iter()
                        .map(|row| row.cells.iter().map(String::as_str).collect())
                        .collect(),
                });
            }
            Block::Figure { value, text, .. } => {
                readables.push(Readable::Text(format!("{value} {text}").into()));
            }
            Block::ActMeansPurpose {
                act,
                means,
                purpose,
                ..
            } => {
                readables.push(Readable::Text(t!("diagram.accessible")));
                for (title, list) in [
                    (t!("diagram.act"), act),
                    (t!("diagram.means"), means),
                    (t!("diagram.purpose"), purpose),
                ] {
                    readables.push(Readable::Text(title));
                    readables.extend(items(list));
                }
                readables.push(Readable::Text(t!("diagram.trafficking")));
            }
        }
    }
    readables
}

/// One section: heading, citation, blocks.
pub(crate) fn section_ui(ui: &mut Ui, view: &ViewCtx<'_>, section: &Section) {
    anchored(ui, view, &section.id, |ui| {
        heading(ui, &section.title);
        source_chip(ui, &section.source);
    });
    for block in &section.blocks {
        block_ui(ui, view, block);
    }
    ui.add_space(12.0);
}

fn block_ui(ui: &mut Ui, view: &ViewCtx<'_>, block: &Block) {
    match block {
        Block::Text { id, text } => {
            anchored(ui, view, id, |ui| {
                paragraph(ui, text);
                fallback_marker(ui, view, id);
            });
        }
        Block::List {
            id,
            intro,
            items,
            copyable,
        } => {
            if let Some(intro) = intro {
                anchored(ui, view, id, |ui| {
                    paragraph(ui, intro);
                    fallback_marker(ui, view, id);
                });
            }
            if *copyable {
                super::guidance::copyable_list(ui, view, items);
            } else {
                bullet_list(ui, view, items);
            }
        }
        Block::Update(note) => super::guidance::update_note_ui(ui, view, note),
        Block::Table { id, columns, rows } => {
            anchored(ui, view, id, |ui| {
                egui::ScrollArea::horizontal().id_salt(id).show(ui, |ui| {
                    super::table::table(ui, id, columns, rows.len(), |ui, row, column| {
                        let row = &rows[row];
                        let text = row.cells.get(column)?;
                        // A jump to the row lands on its first cell, named with the whole row.
                        let whole_row = (column == 0 && view.highlight == Some(row.id.as_str()))
                            .then(|| {
                                row.cells
                                    .iter()
                                    .map(|cell| super::table::cell_name(cell))
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            });
                        super::widgets::anchored_named(
                            ui,
                            view,
                            &row.id,
                            whole_row.as_deref(),
                            |ui| {
                                ui.set_max_width(320.0);
                                cell_lines(ui, text);
                            },
                        );
                        Some(super::table::cell_name(text))
                    });
                });
                fallback_marker(ui, view, id);
            });
        }
        Block::Figure { id, value, text } => {
            anchored(ui, view, id, |ui| {
                card(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        let accent = palette(ui.ctx()).accent;
                        ui.label(
                            RichText::new(display(value))
                                .size(22.0)
                                .strong()
                                .color(accent),
                        );
                        ui.add(egui::Label::new(display(text)).wrap());
                    });
                    fallback_marker(ui, view, id);
                });
            });
        }
        Block::ActMeansPurpose {
            id,
            act,
            means,
            purpose,
        } => {
            anchored(ui, view, id, |ui| {
                act_means_purpose_ui(ui, view, act, means, purpose)
            });
        }
    }
}

/// A table cell's lines: those the guidebook marks with "•" as a list, the others as paragraphs.
fn cell_lines(ui: &mut Ui, text: &str) {
    let items: Vec<&str> = text
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix('•').map(str::trim_start))
        .collect();
    if items.len() == text.lines().count() {
        list(ui, items.len(), |ui| {
            for (index, item) in items.iter().enumerate() {
                list_item(ui, Marker::Bullet, item, index);
            }
        });
    } else {
        for line in text.lines() {
            paragraph(ui, line);
        }
    }
}

/// Figure 1 of the guidebook: three boxes joined by "+" that together make trafficking.
fn act_means_purpose_ui(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    act: &[Item],
    means: &[Item],
    purpose: &[Item],
) {
    let accent = palette(ui.ctx()).accent;
    let boxes = [
        (t!("diagram.act"), act),
        (t!("diagram.means"), means),
        (t!("diagram.purpose"), purpose),
    ];
    let diagram = ui.vertical(|ui| {
        ui.columns(5, |columns| {
            for (n, (title, items)) in boxes.iter().enumerate() {
                let column = &mut columns[n * 2];
                egui::Frame::new()
                    .stroke(egui::Stroke::new(2.0, accent))
                    .corner_radius(8.0)
                    .inner_margin(10.0)
                    .show(column, |ui| {
                        ui.set_width(ui.available_width());
                        // Columns lay out justified, which would stretch the letters of wrapped words.
                        ui.with_layout(Layout::top_down(Align::Min), |ui| {
                            ui.label(
                                RichText::new(display(title))
                                    .strong()
                                    .size(18.0)
                                    .color(accent),
                            );
                            for item in *items {
                                anchored(ui, view, &item.id, |ui| paragraph(ui, &item.text));
                            }
                        });
                    });
                if n < 2 {
                    columns[n * 2 + 1].with_layout(Layout::top_down(Align::Center), |ui| {
                        ui.add_space(40.0);
                        ui.label(RichText::new("+").size(32.0).strong().color(accent));
                    });
                }
            }
        });
        ui.vertical_centered(|ui| {
            ui.label(RichText::new("↓").size(28.0).color(accent));
            egui::Frame::new()
                .fill(accent)
                .corner_radius(8.0)
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(display(&t!("diagram.trafficking")))
                            .strong()
                            .size(18.0)
                            .color(ui.visuals().panel_fill),
                    );
                });
        });
    });
    diagram.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Figure,
            true,
            t!("diagram.accessible").into_owned(),
        )
    });
}

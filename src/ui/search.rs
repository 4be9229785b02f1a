//! Search results: shown in place of the current tab while the search box has text.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::display;
use super::{Command, Tab, ViewCtx};
use crate::content::search::SearchIndex;

/// Most results shown at once; more would not be read.
pub const RESULT_LIMIT: usize = 40;

/// The results list; clicking a result (or pressing Enter for the first) jumps to it.
pub fn results_ui(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    index: &SearchIndex,
    query: &str,
    enter_pressed: bool,
) {
    let hits = index.search(query, RESULT_LIMIT);
    if hits.is_empty() {
        ui.label(display(&t!("search.no_results", query = query)));
        return;
    }
    ui.label(RichText::new(display(&t!("search.results", count = hits.len()))).strong());
    if enter_pressed && let Some(first) = hits.first() {
        view.push(Command::Jump {
            tab: Tab::for_file(first.file),
            anchor: first.anchor.to_owned(),
        });
    }
    let muted = palette(ui.ctx()).muted;
    for hit in &hits {
        let tab = Tab::for_file(hit.file);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(display(&tab.label())).small().color(muted));
            let shown: String = hit.text.chars().take(160).collect();
            let shown = if shown.len() < hit.text.len() {
                format!("{shown}…")
            } else {
                shown
            };
            if ui.link(display(&shown)).clicked() {
                view.push(Command::Jump {
                    tab,
                    anchor: hit.anchor.to_owned(),
                });
            }
        });
    }
}

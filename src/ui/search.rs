//! Search results: shown in place of the current tab while the search box has text.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::display;
use super::{Command, Tab, ViewCtx};
use crate::plural;
use crate::search::SearchIndex;

/// Most results shown at once; more would not be read.
pub(crate) const RESULT_LIMIT: usize = 40;
/// Characters of a result's text shown before it is cut with an ellipsis.
const SHOWN_CHARS: usize = 160;

/// The results list, each labelled with its tab; clicking a result (or pressing Enter for the first) jumps to it.
pub(crate) fn results_ui(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    index: &SearchIndex,
    query: &str,
    enter_pressed: bool,
) {
    let hits = index.search(query, RESULT_LIMIT);
    if hits.is_empty() {
        let none = super::widgets::paragraph(ui, &t!("search.no_results", query = query));
        super::widgets::announce(&none);
        return;
    }
    let count = plural::counted("search_results.count", hits.len());
    let summary = ui.label(
        RichText::new(display(&format!(
            "{count} — {}",
            t!("search_results.how_to_open")
        )))
        .strong(),
    );
    // Spoken when the count changes, without moving focus from the search box.
    super::widgets::announce(&summary);
    if enter_pressed && let Some(first) = hits.first() {
        view.push(Command::Jump {
            tab: Tab::for_file(first.file),
            anchor: first.anchor.to_owned(),
        });
    }
    let muted = palette(ui.ctx()).muted;
    for hit in &hits {
        let tab = Tab::for_file(hit.file);
        // Tab name above the link, not beside it: a link wrapped inside a wrapping row gets a second, unnamed
        // focusable node for its second line.
        ui.vertical(|ui| {
            ui.label(RichText::new(display(&tab.label())).small().color(muted));
            // An organisation's number or description is shown with its name.
            let full = match hit.title {
                Some(title) => format!("{title} — {}", hit.text),
                None => hit.text.to_owned(),
            };
            let shown: String = full.chars().take(SHOWN_CHARS).collect();
            let shown = if shown.len() < full.len() {
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
            // In a non-English interface, say when it was the English text that matched.
            if hit.matched_locale == "en" && view.content.locale != "en" {
                ui.label(
                    RichText::new(display(&t!("search_results.matched_english")))
                        .small()
                        .color(muted),
                );
            }
        });
    }
}

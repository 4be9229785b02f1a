//! Search results: shown in place of the current tab while the search box has text.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Ui};
use rust_i18n::t;

use super::theme::palette;
use super::widgets::display;
use super::{Action, Command, Tab, ViewCtx};
use crate::plural;
use crate::search::SearchIndex;

/// Most results shown at once; more would not be read.
pub(crate) const RESULT_LIMIT: usize = 40;

/// The results list, each labelled with its tab; clicking a result (or pressing Enter for the first) jumps to it.
pub(crate) fn results_ui(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    index: &SearchIndex,
    query: &str,
    enter_pressed: bool,
) {
    let hits = index.search(query, RESULT_LIMIT);
    let actions: Vec<Action> = index
        .actions(query)
        .into_iter()
        .filter_map(action_for)
        .collect();
    if hits.is_empty() && actions.is_empty() {
        let none = super::widgets::paragraph(ui, &t!("search.no_results", query = query));
        super::widgets::announce(&none, query);
        return;
    }
    let count = plural::counted("search_results.count", hits.len() + actions.len());
    let summary = ui.label(
        RichText::new(display(&format!(
            "{count} — {}",
            t!("search_results.how_to_open")
        )))
        .strong(),
    );
    // Spoken when the count changes, without moving focus from the search box.
    super::widgets::announce(&summary, (&count, query));
    // Nothing matched well: say so calmly, and list what is closest rather than present it as the answer.
    if actions.is_empty() && hits.first().is_some_and(|h| !h.answers_clearly()) {
        super::widgets::paragraph(ui, &t!("search_results.unclear"));
    }
    let muted = palette(ui.ctx()).muted;
    // An action named by the query comes first: Enter performs it.
    if enter_pressed && let Some(first) = actions.first() {
        view.push(Command::Action(*first));
    } else if enter_pressed && let Some(first) = hits.first() {
        view.push(Command::Jump {
            tab: Tab::for_file(first.file),
            anchor: first.anchor.to_owned(),
        });
    }
    for action in &actions {
        ui.vertical(|ui| {
            ui.label(
                RichText::new(display(&t!("search_results.action")))
                    .small()
                    .color(muted),
            );
            if ui
                .link(display(&action_label(*action, view.content)))
                .clicked()
            {
                view.push(Command::Action(*action));
            }
        });
    }
    for hit in &hits {
        let tab = Tab::for_file(hit.file);
        // An item whose section is listed above it is indented under the section: one group.
        let indent = if hit.group.is_some() {
            GROUP_INDENT
        } else {
            0.0
        };
        // Tab name above the link, not beside it: a link wrapped inside a wrapping row gets a second, unnamed
        // focusable node for its second line.
        ui.horizontal_top(|ui| {
            ui.add_space(indent);
            ui.vertical(|ui| {
                let label = super::jurisdiction::result_label(view, tab, hit.anchor);
                ui.label(RichText::new(display(&label)).small().color(muted));
                // The name (for an organisation's number or note) and the text, cut around the match, with the
                // matched words highlighted.
                let job = highlighted(ui, &hit.snippet, &hit.highlights);
                if ui.link(job).clicked() {
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
        });
    }
}

/// The action a synonym group's `action.…` id names.
fn action_for(id: &str) -> Option<Action> {
    Some(match id {
        "action.lock" => Action::Lock,
        "action.quick-exit" => Action::QuickExit,
        "action.settings" => Action::Settings,
        "action.language" => Action::Language,
        "action.patient-card" => Action::PatientCard,
        "action.export-plan" => Action::ExportPlan,
        _ => return None,
    })
}

/// What an action's result reads: the name of the button or menu it is, with the tab where it is done.
fn action_label(action: Action, content: &crate::content::Content) -> String {
    match action {
        Action::Lock => t!("vault.lock").into_owned(),
        Action::QuickExit => t!("app.quick_exit").into_owned(),
        Action::Settings => t!("settings.menu").into_owned(),
        Action::Language => t!("language.menu_title").into_owned(),
        // The national hotline's card, where pocket cards are printed.
        Action::PatientCard => {
            let hotline = content
                .resources
                .groups
                .iter()
                .flat_map(|group| &group.resources)
                .find(|resource| resource.id == crate::take_home::HOTLINE_RESOURCE)
                .map_or("", |resource| resource.name.as_str());
            format!(
                "{} — {}",
                t!("card.open_named", what = hotline),
                t!("takehome.card_print")
            )
        }
        Action::ExportPlan => format!("{} — {}", Tab::SafetyPlan.label(), t!("plan.export")),
    }
}

/// How far an item grouped under its section is indented.
const GROUP_INDENT: f32 = 18.0;

/// The snippet as shown (right-to-left runs reordered), its matched words on the highlight colour.
fn highlighted(ui: &Ui, snippet: &str, ranges: &[Range<usize>]) -> LayoutJob {
    let shown = display(snippet);
    // Reordering moves words: find each matched word's displayed form in the displayed text instead.
    let mut spans: Vec<Range<usize>> = if shown == snippet {
        ranges.to_vec()
    } else {
        let mut found = Vec::new();
        for range in ranges {
            let Some(word) = snippet.get(range.clone()) else {
                continue;
            };
            let word = display(word);
            let mut from = 0;
            while let Some(at) = shown.get(from..).and_then(|rest| rest.find(word.as_str())) {
                found.push(from + at..from + at + word.len());
                from += at + word.len().max(1);
            }
        }
        found
    };
    spans.sort_by_key(|r| r.start);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().hyperlink_color;
    let plain = TextFormat {
        font_id: font.clone(),
        color,
        ..TextFormat::default()
    };
    let marked = TextFormat {
        font_id: font,
        color: ui.visuals().strong_text_color(),
        background: palette(ui.ctx()).highlight,
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for span in spans {
        if span.start < at || span.end > shown.len() {
            continue;
        }
        job.append(&shown[at..span.start], 0.0, plain.clone());
        job.append(&shown[span.clone()], 0.0, marked.clone());
        at = span.end;
    }
    job.append(&shown[at..], 0.0, plain);
    job
}

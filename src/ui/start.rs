//! The start screen, for the moment of use: three large ways in ("Do I have to report?", "What am I seeing?",
//! "Who do I call now?") and the numbers needed tonight, taken from the resources content (and the institution's
//! own first line when its directory is installed). The search box above has focus when Harbor opens.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::contact::number_line;
use super::widgets::{card, display, heading, paragraph, subheading};
use super::{Command, Tab, ViewCtx};
use crate::content::Content;
use crate::content::model::{Contact, Resource};

/// The national lines needed at any hour, by content id: the National Human Trafficking Hotline by phone and by
/// text. The jurisdiction's own lines follow, as its resources name them (`ResourcePack::tonight`).
pub const TONIGHT: [&str; 2] = ["res.national.polaris.hotline", "res.national.polaris.text"];

/// A way in: its title, what it leads to, and the tab it opens.
struct Entry {
    title: String,
    hint: String,
    tab: Tab,
}

fn entries() -> [Entry; 3] {
    [
        Entry {
            title: t!("reporting.helper_title").into_owned(),
            hint: t!("start.report_hint").into_owned(),
            tab: Tab::Reporting,
        },
        Entry {
            title: t!("indicators.checklist_title").into_owned(),
            hint: t!("start.seeing_hint").into_owned(),
            tab: Tab::Indicators,
        },
        Entry {
            title: t!("start.call").into_owned(),
            hint: t!("start.call_hint").into_owned(),
            tab: Tab::Resources,
        },
    ]
}

/// The numbers for tonight, each with its service's name: the institution's first line first, when installed.
pub(crate) fn tonight(content: &Content) -> Vec<(&Resource, &Contact)> {
    let resources = || {
        content
            .resources
            .groups
            .iter()
            .flat_map(|group| group.resources.iter())
    };
    let institution = content
        .resources
        .groups
        .iter()
        .filter(|group| group.id == crate::content::institution::GROUP_ID)
        .flat_map(|group| group.resources.first())
        .flat_map(|resource| resource.contacts.first().map(|contact| (resource, contact)));
    let own = content.resources.tonight.iter().map(String::as_str);
    let listed = TONIGHT.into_iter().chain(own).filter_map(|id| {
        resources().find_map(|resource| {
            resource
                .contacts
                .iter()
                .find(|contact| contact.id == *id)
                .map(|contact| (resource, contact))
        })
    });
    institution.chain(listed).collect()
}

/// The start tab.
pub(crate) fn start_ui(ui: &mut Ui, view: &ViewCtx<'_>) {
    heading(ui, &t!("start.title"));
    ui.add_space(4.0);
    let mut entries = entries();
    let wide = ui.available_width() >= 720.0;
    let entry_ui = |ui: &mut Ui, entry: &Entry| {
        let button = egui::Button::new(RichText::new(display(&entry.title)).size(21.0).strong())
            .min_size(egui::vec2(ui.available_width(), 64.0));
        if ui.add(button).clicked() {
            view.push(Command::Show(entry.tab));
        }
        paragraph(ui, &entry.hint);
    };
    if wide {
        // Columns are laid out left to right: reversed, the first way in is on the reading side in Arabic.
        if crate::i18n::is_right_to_left() {
            entries.reverse();
        }
        let plain = egui::Layout::top_down(egui::Align::Min);
        ui.columns(entries.len(), |columns| {
            for (column, entry) in columns.iter_mut().zip(&entries) {
                column.with_layout(plain, |ui| entry_ui(ui, entry));
            }
        });
    } else {
        for entry in &entries {
            entry_ui(ui, entry);
        }
    }
    ui.add_space(12.0);
    card(ui, |ui| {
        subheading(ui, &t!("start.tonight"));
        let lines = tonight(view.content);
        if lines.is_empty() {
            paragraph(ui, &t!("content.empty"));
        }
        for (resource, contact) in lines {
            number_line(ui, contact, Some(resource.shown_name()));
        }
    });
    ui.add_space(8.0);
    paragraph(ui, &t!("start.search_tip"));
}

//! Whose law: the line at the top of the Reporting and Resources tabs that names the jurisdiction in effect, lets
//! the user choose another (a command the app applies), and, until they have chosen, says that Massachusetts is
//! shown meanwhile. It has the same rows whether or not a choice was made, so choosing moves nothing below it.

use egui::{RichText, Ui};
use rust_i18n::t;

use super::widgets::{display, paragraph};
use super::{Command, Tab, ViewCtx};
use crate::content::Jurisdiction;
use crate::content::jurisdiction::NATIONAL_GROUPS;

/// The jurisdiction in effect and how it was set, for the views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct JurisdictionChoice {
    /// Whose rules and local resources the content holds.
    pub(crate) current: Jurisdiction,
    /// The user (or `--jurisdiction`, or policy) chose; until then Massachusetts is shown and the choice is asked.
    pub(crate) chosen: bool,
    /// Managed policy fixes it: the choice is shown, not offered.
    pub(crate) locked: bool,
}

/// The jurisdiction's name in the interface language.
pub(crate) fn name(j: Jurisdiction) -> String {
    j.name(&rust_i18n::locale())
}

/// The jurisdiction in effect, prominently, with the chooser (or the policy's lock) and one line of guidance.
pub(crate) fn header_ui(ui: &mut Ui, view: &ViewCtx<'_>) {
    let choice = view.jurisdiction;
    super::widgets::card(ui, |ui| {
        ui.label(
            RichText::new(display(&t!(
                "jurisdiction.current",
                name = name(choice.current)
            )))
            .strong()
            .size(17.0),
        );
        ui.add_enabled_ui(!choice.locked, |ui| {
            ui.horizontal_wrapped(|ui| {
                for j in Jurisdiction::ALL {
                    let selected = j == choice.current;
                    let response = super::widgets::radio(ui, selected, &name(j));
                    if response.clicked() && !choice.locked {
                        view.push(Command::SetJurisdiction(j));
                    }
                }
            });
        });
        if choice.locked {
            super::policy::locked_note(ui, &name(choice.current));
        } else if choice.chosen {
            paragraph(ui, &t!("jurisdiction.change_hint"));
        } else {
            paragraph(ui, &t!("jurisdiction.not_chosen"));
        }
    });
    ui.add_space(8.0);
}

/// The label above a search result: its tab, and the jurisdiction when the item is that jurisdiction's (its
/// reporting rules, its own resource groups), so that a result never passes one state's law off as another's.
pub(crate) fn result_label(view: &ViewCtx<'_>, tab: Tab, anchor: &str) -> String {
    let jurisdictions = match tab {
        Tab::Reporting => true,
        Tab::Resources => view.content.resources.groups.iter().any(|group| {
            !NATIONAL_GROUPS.contains(&group.id.as_str())
                && group.id != crate::content::institution::GROUP_ID
                && (group.id == anchor
                    || group
                        .resources
                        .iter()
                        .any(|r| r.id == anchor || anchor.starts_with(&format!("{}.", r.id))))
        }),
        _ => false,
    };
    if jurisdictions {
        format!("{} · {}", tab.label(), name(view.jurisdiction.current))
    } else {
        tab.label()
    }
}

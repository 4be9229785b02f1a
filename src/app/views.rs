//! The central panel: the active tab's view, or search results while the search box has text.

use rust_i18n::t;

use super::HarborApp;
use crate::ui::widgets::{follow_keyboard_focus, paragraph};
use crate::ui::{Command, Tab, ViewCtx, questions, resources, search};
use crate::vault::model::{Observation, unix_now};

impl HarborApp {
    pub(super) fn central_ui(&mut self, ui: &mut egui::Ui, enter_pressed: bool) -> Vec<Command> {
        let view = ViewCtx::new(
            &self.content,
            self.highlight.as_deref(),
            self.scroll_pending,
        );
        let mut save_observation = None;
        let scroll_id = egui::Id::unique(("tab-scroll", self.tab));
        egui::ScrollArea::vertical()
            .id_salt(scroll_id)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(980.0);
                if self.query.trim().is_empty() {
                    match self.tab {
                        Tab::Overview => crate::ui::page::page_ui(
                            ui,
                            &view,
                            Tab::Overview,
                            &self.content.overview,
                        ),
                        Tab::Health => {
                            crate::ui::page::page_ui(ui, &view, Tab::Health, &self.content.health)
                        }
                        Tab::Indicators => {
                            let records = crate::ui::notes::record_labels(&self.session);
                            save_observation = self.indicators.ui(ui, &view, records.as_deref());
                        }
                        Tab::Questions => questions::questions_ui(ui, &view),
                        Tab::Response => crate::ui::page::page_ui(
                            ui,
                            &view,
                            Tab::Response,
                            &self.content.response,
                        ),
                        Tab::Reporting => self.reporting.ui(ui, &view),
                        Tab::Resources => resources::resources_ui(ui, &view),
                        Tab::SafetyPlan => self.safety_plan.ui(ui, &view, &mut self.session),
                        Tab::Notes => self.notes.ui(ui, &view, &mut self.session),
                    }
                } else {
                    search::results_ui(ui, &view, &self.search_index, &self.query, enter_pressed);
                }
                follow_keyboard_focus(ui, &mut self.followed_focus);
            });
        if !view.scroll_pending() {
            self.scroll_pending = false;
        }
        if let Some(save) = save_observation {
            let observation = Observation {
                recorded: unix_now(),
                indicator_ids: save.indicator_ids,
            };
            self.session.edit(|vault| {
                vault.update(&save.record_id, |record| {
                    record.observations.push(observation)
                });
                true
            });
            // A failed save shows in the Notes status line and is retried by the next save.
            let _ = self.session.save();
            self.indicators.ticked.clear();
        }
        if self.content.questions.groups.is_empty() {
            paragraph(ui, &t!("content.empty"));
        }
        view.into_commands()
    }
}

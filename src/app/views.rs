//! The tabs' views, and the central panel that shows the active one (or search results while the search box has
//! text).

use rust_i18n::t;

use super::HarborApp;
use crate::ui::indicators::IndicatorsView;
use crate::ui::notes::NotesView;
use crate::ui::reporting::ReportingView;
use crate::ui::resources::ResourcesView;
use crate::ui::safety_plan::SafetyPlanView;
use crate::ui::widgets::{follow_keyboard_focus, paragraph};
use crate::ui::{Command, Tab, VaultView, View, ViewCtx, page, questions, search, start};

/// One view per tab. Adding a tab: a variant in [`Tab`] (with its label), a field here, and its arm in
/// [`Views::get_mut`]; [`Views::all_mut`] then makes the lock reach it.
#[derive(Default)]
pub(super) struct Views {
    start: Stateless,
    overview: GuidePage,
    health: GuidePage,
    indicators: IndicatorsView,
    questions: Stateless,
    response: GuidePage,
    reporting: ReportingView,
    resources: ResourcesView,
    safety_plan: SafetyPlanView,
    notes: NotesView,
}

impl Views {
    /// The view of `tab`.
    fn get_mut(&mut self, tab: Tab) -> &mut dyn View {
        match tab {
            Tab::Start => &mut self.start,
            Tab::Overview => &mut self.overview,
            Tab::Health => &mut self.health,
            Tab::Indicators => &mut self.indicators,
            Tab::Questions => &mut self.questions,
            Tab::Response => &mut self.response,
            Tab::Reporting => &mut self.reporting,
            Tab::Resources => &mut self.resources,
            Tab::SafetyPlan => &mut self.safety_plan,
            Tab::Notes => &mut self.notes,
        }
    }

    /// Every view, for the lock: each one's [`View::on_lock`] runs.
    pub(super) fn all_mut(&mut self) -> impl Iterator<Item = &mut dyn View> {
        let Self {
            start,
            overview,
            health,
            indicators,
            questions,
            response,
            reporting,
            resources,
            safety_plan,
            notes,
        } = self;
        let views: [&mut dyn View; 10] = [
            start,
            overview,
            health,
            indicators,
            questions,
            response,
            reporting,
            resources,
            safety_plan,
            notes,
        ];
        views.into_iter()
    }
}

/// A guide page (Overview, Health, Response): its text comes from the content, so it holds nothing.
#[derive(Default)]
struct GuidePage;

impl View for GuidePage {
    fn ui(&mut self, ui: &mut egui::Ui, view: &ViewCtx<'_>, _vault: &mut VaultView<'_>) {
        let (tab, page) = match view.tab {
            Tab::Health => (Tab::Health, &view.content.health),
            Tab::Response => (Tab::Response, &view.content.response),
            _ => (Tab::Overview, &view.content.overview),
        };
        page::page_ui(ui, view, tab, page);
    }

    fn on_lock(&mut self, _view: &ViewCtx<'_>) {}
}

/// A tab drawn by a function of the content alone (Start, Questions).
#[derive(Default)]
struct Stateless;

impl View for Stateless {
    fn ui(&mut self, ui: &mut egui::Ui, view: &ViewCtx<'_>, _vault: &mut VaultView<'_>) {
        match view.tab {
            Tab::Start => start::start_ui(ui, view),
            _ => questions::questions_ui(ui, view),
        }
    }

    fn on_lock(&mut self, _view: &ViewCtx<'_>) {}
}

impl View for ReportingView {
    fn ui(&mut self, ui: &mut egui::Ui, view: &ViewCtx<'_>, _vault: &mut VaultView<'_>) {
        ReportingView::ui(self, ui, view);
    }

    /// Its answers are choices (age band, setting) that pick which law applies, not typed text, and were never
    /// vault data: they stay, as before, for the next lookup.
    fn on_lock(&mut self, _view: &ViewCtx<'_>) {}
}

impl HarborApp {
    pub(super) fn central_ui(&mut self, ui: &mut egui::Ui, enter_pressed: bool) -> Vec<Command> {
        let view = ViewCtx::new(
            self.language.content(),
            self.tab,
            self.highlight.as_deref(),
            self.scroll_pending,
        )
        .with_role(self.settings.role)
        .with_jurisdiction(self.jurisdiction_choice());
        let scroll_id = egui::Id::unique(("tab-scroll", self.tab));
        egui::ScrollArea::vertical()
            .id_salt(scroll_id)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(980.0);
                if self.query.trim().is_empty() {
                    if self.tab.holds_vault_text() && !self.policy.vault_enabled() {
                        paragraph(ui, &t!("deploy.policy.vault_disabled"));
                    } else {
                        let mut vault = VaultView::new(
                            &mut self.session,
                            &self.vault_found,
                            &self.vault_ui,
                            &mut self.last_edit,
                            self.clock.now(),
                        );
                        self.views.get_mut(self.tab).ui(ui, &view, &mut vault);
                    }
                } else {
                    let index = self.language.search_index();
                    search::results_ui(ui, &view, index, &self.query, enter_pressed);
                }
                follow_keyboard_focus(ui, &mut self.followed_focus);
                crate::ui::keyboard_scroll::keyboard_scroll(ui);
            });
        // A pass egui throws away (a grid measured the first time it is shown, anywhere on the page) loses the
        // scroll it asked for: the jump is taken again on the pass that is shown.
        if !view.scroll_pending() && !ui.ctx().will_discard() {
            self.scroll_pending = false;
        }
        if self.language.content().questions.groups.is_empty() {
            paragraph(ui, &t!("content.empty"));
        }
        view.into_commands()
    }
}

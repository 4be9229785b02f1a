//! The window chrome around the active view: the top bar (search, language, settings, lock, quick exit), the
//! navigation, the footer, the About box and the patient-language card.

use egui::{Key, RichText, TextStyle, Ui};
use rust_i18n::t;

use super::HarborApp;
use crate::i18n::LANGUAGES;
use crate::settings::{Settings, ThemeChoice};
use crate::ui::Tab;
use crate::ui::theme::{self, palette};
use crate::ui::widgets::{display, notice, paragraph, styled_paragraph};

impl HarborApp {
    pub(super) fn card_ui(&mut self, ctx: &egui::Context) {
        let Some(mut card) = self.card.take() else {
            return;
        };
        self.language.load_pack(&card.patient_locale);
        self.language.load_pack(&card.clinician_locale);
        let (Some(patient), Some(clinician)) = (
            self.language.pack(&card.patient_locale),
            self.language.pack(&card.clinician_locale),
        ) else {
            return;
        };
        let open = card.ui(ctx, patient, clinician);
        let export = card.take_export();
        if open {
            self.card = Some(card);
        }
        if let Some(request) = export {
            self.apply(crate::ui::Command::ExportCard(request));
        }
    }

    /// The top bar; returns whether Enter was pressed in the search box.
    ///
    /// Quick exit is pinned to the bar's outer edge (right, or left in a right-to-left language) and drawn first,
    /// so nothing else in the bar can move it: not text in the search box, not the lock button, not a language with
    /// longer words. Everything else is laid out in the space left beside it, and "Clear search" keeps its place
    /// (disabled while the box is empty) so the buttons after it never jump when a search starts or ends.
    pub(super) fn top_bar(&mut self, ui: &mut Ui) -> bool {
        let mut enter_pressed = false;
        egui::Panel::top("top").show(ui, |ui| {
            ui.add_space(4.0);
            let right_to_left = self.language.right_to_left();
            let row_height = ui.spacing().interact_size.y + 8.0;
            // The outer layout starts at the outer edge; its row has an explicit height, because a layout given
            // the whole panel would take its whole height.
            // Centred in the row's fixed height: drawn first, its place depends on nothing drawn after it.
            let outer = if right_to_left {
                egui::Layout::left_to_right(egui::Align::Center)
            } else {
                egui::Layout::right_to_left(egui::Align::Center)
            };
            ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), row_height), outer, |ui| {
                let quick_exit = ui
                    .add(
                        egui::Button::new(RichText::new(display(&t!("app.quick_exit"))).strong())
                            .min_size(egui::vec2(0.0, row_height - 4.0)),
                    )
                    .on_hover_text(display(&t!("app.quick_exit_hint")));
                if quick_exit.clicked() {
                    self.quick_exit(ui.ctx());
                    return;
                }
                ui.separator();
                // A right-to-left row cannot wrap in egui, so only the left-to-right one does.
                let inner = if right_to_left {
                    egui::Layout::right_to_left(egui::Align::Center)
                } else {
                    egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true)
                };
                ui.with_layout(inner, |ui| enter_pressed = self.top_bar_items(ui));
            });
            ui.add_space(2.0);
        });
        enter_pressed
    }

    /// The top bar apart from Quick exit: name, search, language, settings, and Lock while notes are unlocked
    /// (last, so that its coming and going moves nothing).
    fn top_bar_items(&mut self, ui: &mut Ui) -> bool {
        ui.label(
            RichText::new("Harbor")
                .strong()
                .size(20.0)
                .color(palette(ui.ctx()).accent),
        );
        let label = ui.label(display(&t!("search.label")));
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text(display(&t!("search.hint")))
                .desired_width(260.0),
        );
        let response = response.labelled_by(label.id);
        if self.focus_search {
            response.request_focus();
            self.focus_search = false;
        }
        if response.changed() {
            self.highlight = None;
        }
        let enter_pressed = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if ui
            .add_enabled(
                !self.query.is_empty(),
                egui::Button::new(display(&t!("search.clear"))),
            )
            .clicked()
        {
            self.query.clear();
        }
        ui.separator();
        self.language_menu(ui);
        self.settings_menu(ui);
        if self.session.is_unlocked()
            && ui
                .button(display(&t!("vault.lock")))
                .on_hover_text("Ctrl+L")
                .clicked()
        {
            self.lock();
        }
        enter_pressed
    }

    fn language_menu(&mut self, ui: &mut Ui) {
        let current = self.language.current();
        let mut chosen = None;
        let menu = crate::ui::popup::menu_button(ui, display(current.native_name), |ui| {
            menu_text(
                ui,
                &t!("language.menu_title"),
                TextStyle::Body,
                RichText::strong,
            );
            if self.policy.allowed_languages().is_some() {
                crate::ui::policy::locked_note(ui, &t!("deploy.policy.languages_limited"));
            }
            for language in LANGUAGES
                .iter()
                .filter(|language| self.policy.allows_language(language.code))
            {
                let reviewed = crate::content::load::is_reviewed(language.code);
                let mut text = display(language.native_name);
                if !reviewed {
                    text.push_str(" *");
                }
                // Fonts are bundled, so this only shows on a broken build; boxes must never be the only answer.
                let font = egui::FontId::proportional(16.0);
                if !ui
                    .ctx()
                    .fonts_mut(|f| f.has_glyphs(&font, language.native_name))
                {
                    text = format!(
                        "{} {}",
                        language.code,
                        display(&t!("language.font_missing"))
                    );
                }
                if ui
                    .selectable_label(language.code == current.code, text)
                    .clicked()
                {
                    chosen = Some(language.code);
                    ui.close();
                }
            }
            ui.separator();
            menu_text(
                ui,
                &t!("language.not_reviewed_note"),
                TextStyle::Small,
                |text| text,
            );
        });
        self.open_if_asked(crate::ui::Action::Language, &menu.response);
        if let Some(code) = chosen {
            self.language.switch(code, &self.policy, &mut self.settings);
        }
    }

    /// Opens the menu whose button this is when a search result asked for it, with the keyboard on its button.
    fn open_if_asked(&mut self, menu: crate::ui::Action, button: &egui::Response) {
        if self.open_menu == Some(menu) {
            self.open_menu = None;
            egui::Popup::open_id(&button.ctx, egui::Popup::default_response_id(button));
            button.request_focus();
        }
    }

    fn settings_menu(&mut self, ui: &mut Ui) {
        let menu = crate::ui::popup::menu_button(ui, display(&t!("settings.menu")), |ui| {
            menu_text(ui, &t!("settings.theme"), TextStyle::Body, RichText::strong);
            let mut theme_choice = self.settings.theme;
            ui.radio_value(
                &mut theme_choice,
                ThemeChoice::Light,
                display(&t!("settings.theme_light")),
            );
            ui.radio_value(
                &mut theme_choice,
                ThemeChoice::Dark,
                display(&t!("settings.theme_dark")),
            );
            ui.radio_value(
                &mut theme_choice,
                ThemeChoice::HighContrast,
                display(&t!("settings.theme_high_contrast")),
            );
            if theme_choice != self.settings.theme {
                self.settings.theme = theme_choice;
                theme::apply(ui.ctx(), theme_choice);
            }
            ui.separator();
            menu_text(
                ui,
                &t!("settings.text_size"),
                TextStyle::Body,
                RichText::strong,
            );
            ui.horizontal(|ui| {
                let zoom = ui.ctx().zoom_factor();
                if ui.button(display(&t!("settings.smaller"))).clicked() {
                    self.set_zoom(ui.ctx(), zoom - 0.1);
                }
                ui.label(format!("{:.0}%", zoom * 100.0));
                if ui.button(display(&t!("settings.larger"))).clicked() {
                    self.set_zoom(ui.ctx(), zoom + 0.1);
                }
            });
            ui.separator();
            menu_text(
                ui,
                &t!("settings.auto_lock"),
                TextStyle::Body,
                RichText::strong,
            );
            let choices = Settings::auto_lock_choices(&self.policy);
            for minutes in Settings::AUTO_LOCK_CHOICES
                .into_iter()
                .chain(choices.iter().copied())
                .collect::<std::collections::BTreeSet<_>>()
            {
                let allowed = choices.contains(&minutes);
                let radio = egui::RadioButton::new(
                    self.settings.auto_lock_minutes == minutes,
                    display(&crate::plural::counted(
                        "settings.minutes.count",
                        usize::try_from(minutes).unwrap_or(usize::MAX),
                    )),
                );
                let response = ui.add_enabled(allowed, radio);
                if response.clicked() {
                    self.settings.auto_lock_minutes = minutes;
                }
                if !allowed {
                    response.on_disabled_hover_text(t!("deploy.policy.locked"));
                }
            }
            if let Some(max) = self.policy.auto_lock_max_minutes() {
                crate::ui::policy::locked_note(
                    ui,
                    &t!("deploy.policy.auto_lock_max", minutes = max),
                );
            }
            ui.separator();
            menu_text(ui, &t!("settings.role"), TextStyle::Body, RichText::strong);
            // Side by side, wrapped: the menu must fit a small screen with the jurisdiction below.
            ui.horizontal_wrapped(|ui| {
                for role in crate::content::model::Role::ALL {
                    let chosen = self.settings.role == Some(role);
                    if crate::ui::widgets::radio(ui, chosen, &crate::ui::reporting::role_name(role))
                        .clicked()
                    {
                        self.settings.role = Some(role);
                    }
                }
            });
            ui.separator();
            self.jurisdiction_setting(ui);
            ui.separator();
            self.capture_protection_setting(ui);
            ui.separator();
            if ui.button(display(&t!("deploy.policy.in_effect"))).clicked() {
                self.policies_open = true;
                ui.close();
            }
            if ui.button(display(&t!("app.about"))).clicked() {
                self.about_open = true;
                ui.close();
            }
        });
        self.open_if_asked(crate::ui::Action::Settings, &menu.response);
    }

    /// Whose reporting law and local resources: a submenu of the five (one row here, so the menu still fits a small
    /// screen), or the policy's value with its lock.
    fn jurisdiction_setting(&mut self, ui: &mut Ui) {
        menu_text(
            ui,
            &t!("jurisdiction.settings"),
            TextStyle::Body,
            RichText::strong,
        );
        let choice = self.jurisdiction_choice();
        let current = crate::ui::jurisdiction::name(choice.current);
        if choice.locked {
            ui.add_enabled(false, egui::Button::new(display(&current)));
            crate::ui::policy::locked_note(ui, &current);
            return;
        }
        let mut chosen = None;
        crate::ui::popup::menu_button(ui, display(&current), |ui| {
            for j in crate::content::Jurisdiction::ALL {
                let name = crate::ui::jurisdiction::name(j);
                if crate::ui::widgets::radio(ui, choice.current == j, &name).clicked() {
                    chosen = Some(j);
                }
            }
        });
        if let Some(j) = chosen {
            self.apply(crate::ui::Command::SetJurisdiction(j));
        }
    }

    /// The screen-capture switch, with what it is for, who fixed it, and whether this desktop can do it at all.
    fn capture_protection_setting(&mut self, ui: &mut Ui) {
        menu_text(
            ui,
            &t!("capture.heading"),
            TextStyle::Body,
            RichText::strong,
        );
        let fixed_by_policy = self.policy.screen_capture_protection();
        let mut on = self.capture_protection_on();
        let changed = ui
            .add_enabled_ui(fixed_by_policy.is_none(), |ui| {
                crate::ui::widgets::checkbox(ui, &mut on, &t!("capture.setting")).changed()
            })
            .inner;
        if changed {
            self.settings.capture_protection = on;
        }
        let muted = palette(ui.ctx()).muted;
        match fixed_by_policy {
            Some(true) => crate::ui::policy::locked_note(ui, &t!("capture.policy_on")),
            Some(false) => crate::ui::policy::locked_note(ui, &t!("capture.policy_off")),
            None => {
                menu_text(ui, &t!("capture.help"), TextStyle::Small, |text| {
                    text.color(muted)
                });
            }
        }
        if !super::capture::SUPPORTED {
            menu_text(ui, &t!("capture.unsupported"), TextStyle::Small, |text| {
                text.color(muted)
            });
        }
    }

    pub(super) fn about_ui(&mut self, ctx: &egui::Context) {
        if !self.about_open {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            crate::ui::widgets::subheading(ui, &t!("app.about"));
            paragraph(
                ui,
                &t!("app.about_text", version = env!("CARGO_PKG_VERSION")),
            );
            paragraph(ui, &t!("app.about_translations"));
            ui.button(display(&t!("app.about_close"))).clicked()
        });
        if modal.inner || modal.should_close() {
            self.about_open = false;
        }
    }

    pub(super) fn policies_ui(&mut self, ctx: &egui::Context) {
        if self.policies_open {
            self.policies_open = crate::ui::policy::policies_window(ctx, &self.policy);
        }
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        let zoom = zoom.clamp(*Settings::ZOOM_RANGE.start(), *Settings::ZOOM_RANGE.end());
        ctx.set_zoom_factor(zoom);
        self.settings.zoom = zoom;
    }

    /// The ten tabs as a tab list: one Tab stop (the chosen tab), the arrow keys move between tabs, as tab lists do
    /// elsewhere, so Tab from the list goes straight into the page instead of through the other nine tabs.
    pub(super) fn nav_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        let list = egui::UiBuilder::new().accessibility_role(egui::accesskit::Role::TabList);
        ui.scope_builder(list, |ui| {
            for (index, tab) in Tab::ALL.into_iter().enumerate() {
                let chosen = self.tab == tab;
                let sense = if chosen {
                    egui::Sense::click()
                } else {
                    egui::Sense::CLICK
                };
                let label = display(&tab.label());
                let response = ui
                    .add(
                        egui::Button::selectable(chosen, RichText::new(label).size(17.0))
                            .sense(sense),
                    )
                    .on_hover_text(format!("Ctrl+{}", (index + 1) % 10));
                response.ctx.accesskit_node_builder(response.id, |node| {
                    node.set_role(egui::accesskit::Role::Tab);
                    node.clear_toggled();
                    node.set_selected(chosen);
                    node.set_position_in_set(index);
                    node.set_size_of_set(Tab::ALL.len());
                });
                if chosen {
                    self.focus_keeper.set_tab(response.id);
                }
                if response.clicked() {
                    self.go_to(tab, None);
                }
                if response.has_focus() {
                    let step = ui.input_mut(|input| {
                        if input.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                            Some(1)
                        } else if input.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                            Some(Tab::ALL.len() - 1)
                        } else {
                            None
                        }
                    });
                    if let Some(step) = step {
                        // The arrow is the list's own: egui would otherwise also move focus to whatever widget
                        // lies above or below.
                        ui.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
                        self.go_to(Tab::ALL[(index + step) % Tab::ALL.len()], None);
                        self.focus_tab = true;
                    }
                }
                if self.focus_tab && self.tab == tab {
                    response.request_focus();
                    self.focus_tab = false;
                }
            }
        });
    }

    pub(super) fn footer_ui(&mut self, ui: &mut Ui) {
        for problem in self.policy.problems() {
            notice(ui, &crate::ui::policy::problem_text(&self.policy, problem));
        }
        for problem in &self.institution_problems {
            let problem = problem.to_string();
            notice(
                ui,
                &t!("deploy.institution.problem", problem = problem.as_str()),
            );
        }
        for problem in self.language.problems() {
            let problem = problem.to_string();
            notice(ui, &t!("content.problem", problem = problem.as_str()));
        }
        let muted = palette(ui.ctx()).muted;
        styled_paragraph(ui, &t!("app.disclaimer"), TextStyle::Small, |text| {
            text.color(muted)
        });
    }
}

/// A label in a menu. A menu is narrow, so a long label wraps: a right-to-left one is wrapped by Harbor before its
/// lines are reordered (see `widgets::styled_paragraph`); egui wrapping a reordered line would show its last line
/// first.
fn menu_text(ui: &mut Ui, text: &str, size: TextStyle, style: impl Fn(RichText) -> RichText) {
    styled_paragraph(ui, text, size, style);
}

//! Calm light, dark and high-contrast themes, and the few colours views use (design tokens in one place).

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle, Theme, ThemePreference, Visuals};

use crate::settings::ThemeChoice;

/// Colours views may use beyond egui's visuals. Nothing alarming: ordinary content is never red.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Palette {
    /// Headings, selected tab, primary buttons.
    pub(crate) accent: Color32,
    /// Background of a card (a group of indicators, a resource).
    pub(crate) card: Color32,
    /// Background flash of an item reached through search.
    pub(crate) highlight: Color32,
    /// Secondary text: source citations, "shown in English".
    pub(crate) muted: Color32,
    /// Quiet emphasis for notices that need attention (a save error, an unencrypted export).
    pub(crate) notice: Color32,
}

/// The palette for the context's current visuals.
pub(crate) fn palette(ctx: &egui::Context) -> Palette {
    let visuals = ctx.global_style().visuals.clone();
    if visuals.extreme_bg_color == Color32::BLACK
        && visuals.override_text_color == Some(Color32::WHITE)
    {
        Palette {
            accent: Color32::from_rgb(0xFF, 0xE0, 0x66),
            card: Color32::BLACK,
            highlight: Color32::from_rgb(0x00, 0x3A, 0x66),
            muted: Color32::WHITE,
            notice: Color32::from_rgb(0xFF, 0xE0, 0x66),
        }
    } else if visuals.dark_mode {
        Palette {
            accent: Color32::from_rgb(0x8C, 0xC8, 0xE0),
            card: Color32::from_rgb(0x26, 0x2C, 0x33),
            highlight: Color32::from_rgb(0x2E, 0x4A, 0x5C),
            muted: Color32::from_rgb(0xA8, 0xB0, 0xB8),
            notice: Color32::from_rgb(0xE8, 0xC3, 0x7A),
        }
    } else {
        Palette {
            accent: Color32::from_rgb(0x1F, 0x5E, 0x7A),
            card: Color32::from_rgb(0xF3, 0xF6, 0xF8),
            highlight: Color32::from_rgb(0xDD, 0xEE, 0xF6),
            muted: Color32::from_rgb(0x56, 0x60, 0x6A),
            notice: Color32::from_rgb(0x8A, 0x5A, 0x00),
        }
    }
}

fn high_contrast() -> Visuals {
    let mut visuals = Visuals::dark();
    visuals.override_text_color = Some(Color32::WHITE);
    visuals.panel_fill = Color32::BLACK;
    visuals.window_fill = Color32::BLACK;
    visuals.extreme_bg_color = Color32::BLACK;
    visuals.faint_bg_color = Color32::from_gray(20);
    visuals.widgets.noninteractive.bg_stroke = Stroke::new(1.5, Color32::WHITE);
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.5, Color32::WHITE);
    visuals.widgets.inactive.weak_bg_fill = Color32::BLACK;
    visuals.widgets.hovered.bg_stroke = Stroke::new(2.0, Color32::from_rgb(0xFF, 0xE0, 0x66));
    visuals.selection.bg_fill = Color32::from_rgb(0x00, 0x3A, 0x66);
    visuals.selection.stroke = Stroke::new(2.0, Color32::from_rgb(0xFF, 0xE0, 0x66));
    visuals
}

fn calm_light() -> Visuals {
    let mut visuals = Visuals::light();
    visuals.panel_fill = Color32::from_rgb(0xFB, 0xFC, 0xFD);
    visuals.selection.bg_fill = Color32::from_rgb(0xC9, 0xE2, 0xEE);
    visuals.selection.stroke = Stroke::new(1.0, Color32::from_rgb(0x1F, 0x5E, 0x7A));
    visuals.hyperlink_color = Color32::from_rgb(0x1F, 0x5E, 0x7A);
    visuals
}

fn calm_dark() -> Visuals {
    let mut visuals = Visuals::dark();
    visuals.panel_fill = Color32::from_rgb(0x1B, 0x1F, 0x24);
    visuals.selection.bg_fill = Color32::from_rgb(0x2E, 0x4A, 0x5C);
    visuals
}

/// Applies the chosen theme and Harbor's larger, readable text sizes.
pub(crate) fn apply(ctx: &egui::Context, choice: ThemeChoice) {
    let (preference, theme, visuals) = match choice {
        ThemeChoice::Light => (ThemePreference::Light, Theme::Light, calm_light()),
        ThemeChoice::Dark => (ThemePreference::Dark, Theme::Dark, calm_dark()),
        ThemeChoice::HighContrast => (ThemePreference::Dark, Theme::Dark, high_contrast()),
    };
    ctx.set_theme(preference);
    ctx.set_visuals_of(theme, visuals);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(24.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(16.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(16.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(13.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(15.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 8.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 26.0;
        style.spacing.icon_width = 20.0;
        style.spacing.icon_width_inner = 12.0;
        // Each glyph is rasterized once per size instead of at up to four sub-pixel offsets: sharper text, a quarter
        // of the glyph work and a smaller font atlas to upload, for slightly less even letter spacing.
        style.visuals.text_options.subpixel_binning = false;
    });
}

//! How a reporting verdict looks: Required, Must not (Do not), Consider and Offer each have their own colour, icon
//! and word, so that none is told by colour alone, and each colour reads at 4.5:1 or better on the card in the
//! light, dark and high-contrast themes (tested below).

use std::collections::BTreeSet;

use egui::{Color32, RichText, Stroke, Ui};
use rust_i18n::t;

use super::widgets::display;
use crate::content::model::{Outcome, OutcomeKind};

/// The painted mark of a verdict, beside its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Icon {
    /// "!" in a disc: something the law requires.
    Exclamation,
    /// A barred circle: something not to do.
    NoEntry,
    /// "?" in a disc: something to weigh.
    Question,
    /// "+" in a disc: something to offer the patient.
    Plus,
}

/// Colour, icon and word of a verdict kind.
#[derive(Clone, Debug)]
pub(crate) struct Look {
    pub(crate) color: Color32,
    pub(crate) icon: Icon,
    pub(crate) word: String,
}

/// The colour of `kind` for a dark (or high-contrast) or a light background.
pub(crate) fn color(kind: OutcomeKind, dark: bool) -> Color32 {
    match (kind, dark) {
        (OutcomeKind::Must, false) => Color32::from_rgb(0xB0, 0x00, 0x20),
        (OutcomeKind::MustNot, false) => Color32::from_rgb(0x6A, 0x1B, 0x9A),
        (OutcomeKind::Consider, false) => Color32::from_rgb(0x8A, 0x5A, 0x00),
        (OutcomeKind::Offer, false) => Color32::from_rgb(0x1B, 0x6E, 0x3A),
        (OutcomeKind::Must, true) => Color32::from_rgb(0xFF, 0x8A, 0x80),
        (OutcomeKind::MustNot, true) => Color32::from_rgb(0xD7, 0xA6, 0xF0),
        (OutcomeKind::Consider, true) => Color32::from_rgb(0xE8, 0xC3, 0x7A),
        (OutcomeKind::Offer, true) => Color32::from_rgb(0x7F, 0xD4, 0x9B),
    }
}

/// The translated word of a verdict kind.
pub(crate) fn word(kind: OutcomeKind) -> String {
    match kind {
        OutcomeKind::Must => t!("reporting.kind_must"),
        OutcomeKind::MustNot => t!("reporting.kind_must_not"),
        OutcomeKind::Consider => t!("reporting.kind_consider"),
        OutcomeKind::Offer => t!("reporting.kind_offer"),
    }
    .into_owned()
}

/// The icon of a verdict kind.
pub(crate) fn icon(kind: OutcomeKind) -> Icon {
    match kind {
        OutcomeKind::Must => Icon::Exclamation,
        OutcomeKind::MustNot => Icon::NoEntry,
        OutcomeKind::Consider => Icon::Question,
        OutcomeKind::Offer => Icon::Plus,
    }
}

/// The look of `kind` in the current theme.
pub(crate) fn look(ui: &Ui, kind: OutcomeKind) -> Look {
    Look {
        color: color(kind, ui.visuals().dark_mode),
        icon: icon(kind),
        word: word(kind),
    }
}

/// Paints `icon` in a disc of `color`, `size` points across, in the line being laid out.
pub(crate) fn paint_icon(ui: &mut Ui, icon: Icon, color: Color32, size: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter();
    let center = rect.center();
    let radius = size / 2.0;
    // The mark inside takes the page's own background colour, so it stands out of the disc in either theme.
    let ink = ui.visuals().panel_fill;
    match icon {
        Icon::NoEntry => {
            painter.circle_stroke(center, radius - 1.5, Stroke::new(3.0, color));
            let d = (radius - 3.0) * std::f32::consts::FRAC_1_SQRT_2;
            painter.line_segment(
                [center + egui::vec2(-d, -d), center + egui::vec2(d, d)],
                Stroke::new(3.0, color),
            );
        }
        Icon::Plus => {
            painter.circle_filled(center, radius, color);
            let arm = radius * 0.55;
            let stroke = Stroke::new(2.5, ink);
            painter.line_segment(
                [center - egui::vec2(arm, 0.0), center + egui::vec2(arm, 0.0)],
                stroke,
            );
            painter.line_segment(
                [center - egui::vec2(0.0, arm), center + egui::vec2(0.0, arm)],
                stroke,
            );
        }
        Icon::Exclamation | Icon::Question => {
            painter.circle_filled(center, radius, color);
            let glyph = if icon == Icon::Exclamation { "!" } else { "?" };
            painter.text(
                center,
                egui::Align2::CENTER_CENTER,
                glyph,
                egui::FontId::proportional(size * 0.75),
                ink,
            );
        }
    }
}

/// The verdict's badge: its icon and its word in its colour, on one line.
pub(crate) fn badge(ui: &mut Ui, kind: OutcomeKind) {
    let look = look(ui, kind);
    ui.horizontal(|ui| {
        paint_icon(ui, look.icon, look.color, 22.0);
        ui.label(
            RichText::new(display(&look.word))
                .strong()
                .size(17.0)
                .color(look.color),
        );
    });
}

/// What the results column keeps between frames: which verdicts were already certain, which new ones are out of
/// view and not yet seen, and which card to bring into view. Never saved; answers are not patient data.
#[derive(Debug, Default)]
pub(crate) struct Watch {
    /// Ids of the verdicts certain on the last frame.
    known: BTreeSet<String>,
    /// New verdicts whose card was out of view when they appeared, until seen or shown.
    unseen: Vec<(String, OutcomeKind)>,
    /// A card to scroll to the top of the window on this frame.
    scroll_to: Option<String>,
    /// What the live region last said.
    announced: String,
    /// Verdicts that became certain on this frame.
    fresh: BTreeSet<String>,
}

impl Watch {
    /// Forgets every verdict (Start over): the next ones are all new.
    pub(crate) fn clear(&mut self) {
        *self = Self::default();
    }

    /// The summary at the top of the results column: one line per certain verdict (icon, word, title), each a
    /// button that brings its card into view. A polite live region says which verdicts have just become certain.
    pub(crate) fn summary_ui(&mut self, ui: &mut Ui, certain: &[&Outcome]) {
        let title = t!("reporting.what_applies").into_owned();
        let heading = ui.label(RichText::new(display(&title)).strong().size(17.0));
        let new: Vec<&Outcome> = certain
            .iter()
            .copied()
            .filter(|outcome| !self.known.contains(&outcome.id))
            .collect();
        if !new.is_empty() {
            let list = new
                .iter()
                .map(|outcome| format!("{}: {}", word(outcome.kind), outcome.title))
                .collect::<Vec<_>>()
                .join("; ");
            self.announced = t!("reporting.now_applies", list = list.as_str()).into_owned();
        }
        self.known = certain.iter().map(|outcome| outcome.id.clone()).collect();
        self.unseen.retain(|(id, _)| self.known.contains(id));
        super::widgets::announce(&heading, &self.announced);
        // The heading's own words first, then what has just become certain: the live region speaks it all.
        let spoken = if self.announced.is_empty() {
            title
        } else {
            format!("{title}. {}", self.announced)
        };
        heading.ctx.accesskit_node_builder(heading.id, |node| {
            node.set_value(spoken);
        });
        for outcome in certain {
            let look = look(ui, outcome.kind);
            ui.horizontal(|ui| {
                paint_icon(ui, look.icon, look.color, 18.0);
                let text = format!("{}: {}", look.word, outcome.title);
                let button = egui::Button::new(RichText::new(display(&text)).color(look.color))
                    .frame(false)
                    .wrap();
                if ui.add(button).clicked() {
                    self.scroll_to = Some(outcome.id.clone());
                }
            });
        }
        self.fresh = new.iter().map(|outcome| outcome.id.clone()).collect();
    }

    /// After a verdict's card is drawn at `rect`: brings it to the top of the window if asked, and notes a new card
    /// that appeared out of view.
    pub(crate) fn card_drawn(&mut self, ui: &Ui, outcome: &Outcome, rect: egui::Rect) {
        if self.scroll_to.as_deref() == Some(outcome.id.as_str()) {
            self.scroll_to = None;
            ui.scroll_to_rect(rect, Some(egui::Align::Min));
            self.unseen.retain(|(id, _)| *id != outcome.id);
            return;
        }
        let in_view = ui.clip_rect().intersects(rect);
        if in_view {
            self.unseen.retain(|(id, _)| *id != outcome.id);
        } else if self.fresh.contains(&outcome.id)
            && !self.unseen.iter().any(|(id, _)| *id == outcome.id)
        {
            self.unseen.push((outcome.id.clone(), outcome.kind));
        }
    }

    /// While a new verdict is out of view: a control pinned to the bottom of the page that says so and brings it
    /// into view.
    pub(crate) fn flag_ui(&mut self, ui: &Ui) {
        self.fresh.clear();
        let Some((id, kind)) = self.unseen.first().cloned() else {
            return;
        };
        let look = look(ui, kind);
        let text = t!("reporting.new_out_of_view", kind = look.word.as_str()).into_owned();
        let clip = ui.clip_rect();
        let area = egui::Area::new(egui::Id::unique("harbor-new-verdict"))
            .order(egui::Order::Foreground)
            .pivot(egui::Align2::CENTER_BOTTOM)
            .fixed_pos(egui::pos2(clip.center().x, clip.bottom() - 12.0));
        let clicked = area
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .stroke(Stroke::new(2.0, look.color))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            paint_icon(ui, look.icon, look.color, 20.0);
                            ui.add(egui::Button::new(
                                RichText::new(display(&text)).strong().color(look.color),
                            ))
                            .clicked()
                        })
                        .inner
                    })
                    .inner
            })
            .inner;
        if clicked {
            self.scroll_to = Some(id);
            ui.ctx().request_repaint();
        }
    }
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
#[cfg(test)]
fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(color: Color32) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::ThemeChoice;

    const KINDS: [OutcomeKind; 4] = [
        OutcomeKind::Must,
        OutcomeKind::MustNot,
        OutcomeKind::Consider,
        OutcomeKind::Offer,
    ];

    #[test]
    fn the_contrast_formula_gives_the_known_ratios() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the classic 4.54:1.
        let grey = Color32::from_rgb(0x76, 0x76, 0x76);
        assert!((contrast(grey, Color32::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_verdict_colour_reads_at_4_5_to_1_on_every_theme() {
        for choice in [
            ThemeChoice::Light,
            ThemeChoice::Dark,
            ThemeChoice::HighContrast,
        ] {
            let ctx = egui::Context::default();
            crate::ui::theme::apply(&ctx, choice);
            let visuals = ctx.global_style().visuals.clone();
            let palette = crate::ui::theme::palette(&ctx);
            for kind in KINDS {
                let color = color(kind, visuals.dark_mode);
                for background in [palette.card, visuals.panel_fill, visuals.window_fill] {
                    let ratio = contrast(color, background);
                    assert!(
                        ratio >= 4.5,
                        "{choice:?} {kind:?}: {color:?} on {background:?} is {ratio:.2}:1"
                    );
                }
            }
        }
    }

    #[test]
    fn no_two_verdicts_share_a_colour_or_an_icon() {
        for dark in [false, true] {
            let colors: std::collections::BTreeSet<[u8; 4]> = KINDS
                .iter()
                .map(|kind| color(*kind, dark).to_array())
                .collect();
            assert_eq!(colors.len(), KINDS.len());
        }
        let icons: Vec<Icon> = KINDS.iter().map(|kind| icon(*kind)).collect();
        for (i, each) in icons.iter().enumerate() {
            assert!(!icons[i + 1..].contains(each), "{icons:?}");
        }
    }
}

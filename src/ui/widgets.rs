//! Shared pieces of the views: paragraphs that handle right-to-left text, citations, copyable numbers, anchors
//! that search can jump to, and the "shown in English" marker.

use egui::{Align, Layout, RichText, TextStyle, Ui};
use rust_i18n::t;

use super::ViewCtx;
use super::theme::palette;
use crate::content::model::{Contact, Item, SourceRef};
use crate::i18n::{has_right_to_left, visual_line};

pub(crate) use super::live::announce;

/// Text prepared for display: right-to-left runs reordered (egui lays out left to right only).
pub(crate) fn display(text: &str) -> String {
    if !has_right_to_left(text) {
        return text.to_owned();
    }
    DISPLAY_CACHE.with_borrow_mut(|cache| cache.get(text))
}

/// The logical text that `shown` (a string drawn this frame after [`display`] or a right-to-left paragraph's line
/// building) was made from: what a screen reader must receive instead of the display order.
pub(crate) fn logical_text(shown: &str) -> Option<String> {
    DISPLAY_CACHE.with_borrow(|cache| cache.logical.get(shown).cloned())
}

/// Notes that `shown` is drawn for the logical `text`.
fn remember_logical(shown: &str, text: &str) {
    if shown != text {
        DISPLAY_CACHE.with_borrow_mut(|cache| {
            cache.logical.insert(shown.to_owned(), text.to_owned());
        });
    }
}

thread_local! {
    /// Reordering runs the bidi algorithm, a fifth of an Arabic frame if done for every label every frame.
    static DISPLAY_CACHE: std::cell::RefCell<DisplayCache> = std::cell::RefCell::default();
}

/// Reordered texts of this frame and the previous one; what a frame does not show is dropped at the start of the
/// next (so no text of a locked note outlives the frame after the lock here; freed, like egui's own caches).
#[derive(Default)]
struct DisplayCache {
    this_frame: std::collections::HashMap<String, String>,
    last_frame: std::collections::HashMap<String, String>,
    /// Display text → logical text, for this frame's accessibility tree.
    logical: std::collections::HashMap<String, String>,
}

impl DisplayCache {
    fn get(&mut self, text: &str) -> String {
        if let Some(shown) = self.this_frame.get(text) {
            if *shown != text {
                self.logical.insert(shown.clone(), text.to_owned());
            }
            return shown.clone();
        }
        let shown = self
            .last_frame
            .remove(text)
            .unwrap_or_else(|| visual_line(text));
        self.this_frame.insert(text.to_owned(), shown.clone());
        if shown != text {
            self.logical.insert(shown.clone(), text.to_owned());
        }
        shown
    }
}

/// Starts a frame for [`display`]'s cache. Call once at the start of every frame.
pub(crate) fn begin_display_frame() {
    DISPLAY_CACHE.with_borrow_mut(|cache| {
        cache.last_frame = std::mem::take(&mut cache.this_frame);
        cache.logical.clear();
    });
}

/// A wrapped paragraph. Right-to-left text is wrapped here, line by line, then each line is reordered and
/// right-aligned, because reordering a whole paragraph before egui wraps it would put its last words first.
/// Returns the label's response (one accessible node, whatever the direction).
pub(crate) fn paragraph(ui: &mut Ui, text: &str) -> egui::Response {
    if !has_right_to_left(text) {
        return ui.add(egui::Label::new(text).wrap());
    }
    rtl_lines(
        ui,
        text,
        TextStyle::Body.resolve(ui.style()).size,
        RichText::new,
    )
}

/// A wrapped paragraph in `text_style`'s size, drawn in `style` (a colour, italics, bold). Notices, errors and the
/// footer use it rather than a label: a right-to-left label wraps its reordered text, so its last words come first.
pub(crate) fn styled_paragraph(
    ui: &mut Ui,
    text: &str,
    text_style: TextStyle,
    style: impl Fn(RichText) -> RichText,
) -> egui::Response {
    let size = text_style.resolve(ui.style()).size;
    sized_paragraph(ui, text, size, style)
}

/// A notice (something the user should act on or know, never an alarm): a wrapped paragraph in the notice colour.
pub(crate) fn notice(ui: &mut Ui, text: &str) -> egui::Response {
    let color = palette(ui.ctx()).notice;
    styled_paragraph(ui, text, TextStyle::Body, |text| text.color(color))
}

/// A wrapped paragraph in large print (the patient-language card).
pub(crate) fn large_paragraph(ui: &mut Ui, text: &str, size: f32) -> egui::Response {
    sized_paragraph(ui, text, size, |text| text)
}

/// Tells a screen reader the language of the text `response` shows (a BCP 47 tag), where it may not be the page's.
pub(crate) fn set_language(response: &egui::Response, language: &str) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_language(language));
}

/// A wrapped paragraph at `size` points in `style`; right-to-left text is wrapped before each line is reordered.
fn sized_paragraph(
    ui: &mut Ui,
    text: &str,
    size: f32,
    style: impl Fn(RichText) -> RichText,
) -> egui::Response {
    if has_right_to_left(text) {
        rtl_lines(ui, text, size, |line| style(RichText::new(line).size(size)))
    } else {
        ui.add(egui::Label::new(style(RichText::new(text).size(size))).wrap())
    }
}

/// Right-to-left text wrapped to the available width, each line reordered for display, right-aligned, as one label.
fn rtl_lines(
    ui: &mut Ui,
    text: &str,
    size: f32,
    style: impl Fn(String) -> RichText,
) -> egui::Response {
    let width = ui.available_width().max(40.0);
    let lines = wrapped_visual_lines(ui, text, size, width);
    remember_logical(&lines, text);
    ui.with_layout(Layout::top_down(Align::Max), |ui| {
        ui.add(egui::Label::new(style(lines.to_string())).extend())
    })
    .inner
}

/// Lines of a right-to-left paragraph at one width.
#[derive(Clone)]
struct VisualLines {
    width: f32,
    lines: std::sync::Arc<str>,
}

/// `text` broken into lines that fit `width`, each line reordered for display, joined by newlines. Words are
/// measured one by one (egui shapes each word; its width is the same in either order). Remembered per paragraph
/// for the last width it was shown at, so a repaint does not measure, wrap and reorder every paragraph again.
fn wrapped_visual_lines(ui: &Ui, text: &str, size: f32, width: f32) -> std::sync::Arc<str> {
    let key = egui::Id::unique(("rtl-lines", text, size.to_bits()));
    if let Some(known) = ui.data(|data| data.get_temp::<VisualLines>(key))
        && known.width == width
    {
        return known.lines;
    }
    let font_id = egui::FontId::proportional(size);
    let measure = |word: &str| {
        ui.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(word.to_owned(), font_id.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        })
    };
    let space = measure(" ");
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_width = 0.0;
    let text = crate::i18n::keep_numbers_together(text);
    // ASCII whitespace only: the no-break spaces inside a phone number keep it on one line.
    for word in text.split_ascii_whitespace() {
        let word_width = measure(word);
        if !current.is_empty() && current_width + space + word_width > width {
            lines.push(visual_line(&std::mem::take(&mut current)));
            current_width = 0.0;
        }
        if !current.is_empty() {
            current.push(' ');
            current_width += space;
        }
        current.push_str(word);
        current_width += word_width;
    }
    if !current.is_empty() {
        lines.push(visual_line(&current));
    }
    let lines: std::sync::Arc<str> = lines.join("\n").into();
    ui.data_mut(|data| {
        data.insert_temp(
            key,
            VisualLines {
                width,
                lines: lines.clone(),
            },
        );
    });
    lines
}

/// A section heading in the accent colour, marked as a heading for screen readers.
pub(crate) fn heading(ui: &mut Ui, text: &str) {
    let accent = palette(ui.ctx()).accent;
    ui.add_space(6.0);
    let response = if has_right_to_left(text) {
        let size = TextStyle::Heading.resolve(ui.style()).size;
        rtl_lines(ui, text, size, |line| {
            RichText::new(line).heading().color(accent)
        })
    } else {
        ui.add(egui::Label::new(RichText::new(text).heading().color(accent)).wrap())
    };
    mark_heading(&response, text, 2);
}

/// Marks a label as a heading of `level` (2 for sections, 3 for groups inside them) named with the logical text,
/// so screen-reader heading navigation finds it.
fn mark_heading(response: &egui::Response, text: &str, level: usize) {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Heading, true, text));
    response
        .ctx
        .accesskit_node_builder(response.id, |node| set_heading_level(node, level));
}

/// Sets a heading's level as people count it (2 for sections, 3 for groups). AccessKit counts from 0 (its
/// Windows adapter adds 1 for UI Automation), so level 2 is stored as 1.
pub(crate) fn set_heading_level(node: &mut egui::accesskit::Node, level: usize) {
    node.set_level(level.saturating_sub(1));
}

/// A smaller heading for groups inside a section; a level-3 heading for screen readers.
pub(crate) fn subheading(ui: &mut Ui, text: &str) {
    let accent = palette(ui.ctx()).accent;
    let response = if has_right_to_left(text) {
        rtl_lines(ui, text, 19.0, |line| {
            RichText::new(line).size(19.0).strong().color(accent)
        })
    } else {
        ui.add(egui::Label::new(RichText::new(text).size(19.0).strong().color(accent)).wrap())
    };
    mark_heading(&response, text, 3);
}

/// The small citation under an item: where in the guidebook it comes from.
pub(crate) fn source_chip(ui: &mut Ui, source: &SourceRef) {
    let muted = palette(ui.ctx()).muted;
    let label = t!("common.source", section = source.0.as_str());
    // Long (a chapter › section › subsection path): wrapped by the paragraph helper, or an Arabic chip wrapped
    // by egui after reordering would show its last line first.
    styled_paragraph(ui, &label, TextStyle::Small, |text| text.color(muted));
}

/// A note that the element is shown in English because its translation is missing.
pub(crate) fn fallback_marker(ui: &mut Ui, view: &ViewCtx<'_>, anchor: &str) {
    if view.content.is_fallback(anchor) {
        let muted = palette(ui.ctx()).muted;
        ui.label(
            RichText::new(display(&t!("common.shown_in_english")))
                .small()
                .italics()
                .color(muted),
        );
    }
}

/// Wraps an element that search can jump to: scrolls it into view once and highlights it.
pub(crate) fn anchored<R>(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    anchor: &str,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    anchored_named(ui, view, anchor, None, add)
}

/// [`anchored`], the target named `name` when focus lands on it (by default, with the texts inside it): a table
/// row's first cell, where a jump to the row lands, names the whole row.
pub(crate) fn anchored_named<R>(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    anchor: &str,
    name: Option<&str>,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    let highlighted = view.highlight == Some(anchor);
    let frame = if highlighted {
        egui::Frame::new()
            .fill(palette(ui.ctx()).highlight)
            .inner_margin(6.0)
            .corner_radius(6.0)
    } else {
        egui::Frame::new()
    };
    // The target of a jump (search result, Contents button) takes keyboard focus, so a screen reader reads it
    // and Tab goes on from there; only the target is focusable, so the page gains no Tab stops.
    let sense = if highlighted {
        egui::Sense::focusable_noninteractive()
    } else {
        egui::Sense::hover()
    };
    let scope = ui.scope_builder(
        egui::UiBuilder::new()
            .id_salt(("anchor", anchor))
            .sense(sense),
        |ui| frame.show(ui, add).inner,
    );
    if highlighted {
        let response = &scope.response;
        // Its place too: egui gives a scope's node the empty rectangle it starts with, so a magnifier (and a
        // screen reader's "where am I") would follow focus to nowhere.
        let rect = response.rect;
        response.ctx.accesskit_node_builder(response.id, |node| {
            node.set_role(egui::accesskit::Role::Group);
            node.set_class_name(super::accessible::JUMP_TARGET);
            if let Some(name) = name {
                node.set_label(name);
            }
            node.set_bounds(egui::accesskit::Rect {
                x0: rect.min.x.into(),
                y0: rect.min.y.into(),
                x1: rect.max.x.into(),
                y1: rect.max.y.into(),
            });
        });
        // Not in a pass egui will throw away (a grid measuring itself the first time it is shown): the scroll it
        // asks for would be lost with it, so the target waits for the pass that is shown.
        let jumped = !ui.is_sizing_pass() && !ui.ctx().will_discard() && view.take_scroll();
        // It scrolls itself into place; following its focus as well would scroll again from a stale position.
        response
            .ctx
            .data_mut(|data| data.insert_temp(jump_target_key(), response.id));
        if jumped {
            // At the top of the window, where reading starts: the section's text follows below it (and the page
            // keeps it there until it lands: `follow_keyboard_focus`).
            response.scroll_to_me(Some(Align::Min));
        }
        let rect = response.rect;
        let id = response.id;
        let drawn = response.ctx.cumulative_pass_nr();
        response.ctx.data_mut(|data| {
            let pending = data.get_temp::<JumpScroll>(jump_scroll_key());
            if jumped {
                data.insert_temp(
                    jump_scroll_key(),
                    JumpScroll {
                        id,
                        rect,
                        scrolled_from: None,
                        drawn,
                        frames: 0,
                    },
                );
            } else if let Some(pending) = pending.filter(|pending| pending.id == id) {
                data.insert_temp(
                    jump_scroll_key(),
                    JumpScroll {
                        rect,
                        drawn,
                        ..pending
                    },
                );
            }
        });
        focus_until_landed(response, jumped);
    }
    scope.inner
}

/// A jump's target on its way to the top of the page: where it is drawn now, and how many frames the page has
/// scrolled towards it (the page below a target laid out for the first time can change height under it).
#[derive(Clone, Copy)]
struct JumpScroll {
    id: egui::Id,
    rect: egui::Rect,
    /// Where its top was when the page last scrolled towards it: not moved since, the page can go no further.
    scrolled_from: Option<f32>,
    /// The pass it was last drawn on (`rect` is where it was then).
    drawn: u64,
    /// Frames the page has waited for it, at most [`JUMP_SCROLL_FRAMES`].
    frames: u8,
}

/// Most frames the page keeps bringing a jump's target to the top.
const JUMP_SCROLL_FRAMES: u8 = 8;

/// Where the element a jump reached keeps its place until the page has brought it to the top.
fn jump_scroll_key() -> egui::Id {
    egui::Id::unique("harbor-jump-scroll")
}

/// Where the element a jump reached (see [`anchored`]) keeps its id, for [`follow_keyboard_focus`].
fn jump_target_key() -> egui::Id {
    egui::Id::unique("harbor-jump-target")
}

fn focus_pending_key() -> egui::Id {
    egui::Id::unique("harbor-focus-pending")
}

/// Drops a [`focus_until_landed`] still under way (a dialog that opened has taken focus).
pub(crate) fn cancel_focus_until_landed(ctx: &egui::Context) {
    ctx.data_mut(|data| data.remove::<(egui::Id, u8)>(focus_pending_key()));
}

/// Moves keyboard focus to `response` (when `start`) and keeps asking on the next frames until it lands: the click
/// that caused the move can take focus back on the next frame, and a widget that held focus may only now have
/// gone. Focus is where a screen reader reads and where Tab goes on from, so every jump and every screen that
/// replaces the focused control calls this.
pub(crate) fn focus_until_landed(response: &egui::Response, start: bool) {
    let pending = focus_pending_key();
    let ctx = &response.ctx;
    if start {
        ctx.data_mut(|data| data.insert_temp(pending, (response.id, 0_u8)));
    }
    if let Some((id, tries)) = ctx.data(|data| data.get_temp::<(egui::Id, u8)>(pending))
        && id == response.id
    {
        if response.has_focus() || tries > 8 {
            ctx.data_mut(|data| data.remove::<(egui::Id, u8)>(pending));
        } else {
            response.request_focus();
            ctx.data_mut(|data| data.insert_temp(pending, (id, tries + 1)));
            ctx.request_repaint();
        }
    }
}

/// A button that copies `text` to the clipboard; its accessible label names what it copies.
pub(crate) fn copy_button(ui: &mut Ui, text: &str, what: &str) {
    let accessible = t!("common.copy_named", what = what).into_owned();
    let response = ui
        .button(display(&t!("common.copy")))
        .on_hover_text(accessible.clone());
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, accessible.clone()));
    if response.clicked() {
        ui.ctx().copy_text(text.to_owned());
    }
}

/// A phone, text or TTY line on a service's card (see [`super::contact::number_line`]).
pub(crate) fn contact_row(ui: &mut Ui, contact: &Contact) {
    super::contact::number_line(ui, contact, None);
}

/// A bulleted list, each item an anchor that search can reach.
pub(crate) fn bullet_list(ui: &mut Ui, view: &ViewCtx<'_>, items: &[Item]) {
    list(ui, items.len(), |ui| {
        for (index, item) in items.iter().enumerate() {
            anchored(ui, view, &item.id, |ui| {
                ui.horizontal_top(|ui| {
                    paint_marker(ui, Marker::Bullet);
                    ui.vertical(|ui| {
                        let text = paragraph(ui, &item.text);
                        mark_list_item(&text, &item.text, index);
                        fallback_marker(ui, view, &item.id);
                    });
                });
            });
        }
    });
}

/// The mark drawn before a list item.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Marker {
    /// "•"
    Bullet,
    /// "✓", before a sample question.
    Tick,
}

/// Paints a list item's marker. Painted, not a label: a screen reader reads the item as one node, not its bullet
/// as an item of its own.
pub(crate) fn paint_marker(ui: &mut Ui, marker: Marker) {
    let (glyph, color) = match marker {
        Marker::Bullet => ("•", ui.visuals().text_color()),
        Marker::Tick => ("✓", ui.visuals().strong_text_color()),
    };
    let font = TextStyle::Body.resolve(ui.style());
    let galley = ui.painter().layout_no_wrap(glyph.to_owned(), font, color);
    let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
    ui.painter().galley(rect.min, galley, color);
}

/// A list for screen readers: a `List` node holding `len` items marked with [`mark_list_item`] (or drawn with
/// [`list_item`]), so a screen reader says how many items there are and which one it is on.
pub(crate) fn list<R>(ui: &mut Ui, len: usize, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.scope_builder(
        egui::UiBuilder::new().accessibility_role(egui::accesskit::Role::List),
        |ui| {
            ui.ctx()
                .accesskit_node_builder(ui.unique_id(), |node| node.set_size_of_set(len));
            add(ui)
        },
    )
    .inner
}

/// Makes the label that shows a list item's text the item itself: one `ListItem` node named with the logical
/// `text`, at `index` (from 0) in its [`list`].
pub(crate) fn mark_list_item(response: &egui::Response, text: &str, index: usize) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::ListItem);
        node.set_label(text);
        node.clear_value();
        node.set_position_in_set(index);
    });
}

/// One item of a [`list`]: its marker painted, its text a [`paragraph`] that is the item's one accessible node.
pub(crate) fn list_item(ui: &mut Ui, marker: Marker, text: &str, index: usize) -> egui::Response {
    ui.horizontal_top(|ui| {
        paint_marker(ui, marker);
        let response = paragraph(ui, text);
        mark_list_item(&response, text, index);
        response
    })
    .inner
}

/// A card: a softly filled, rounded frame grouping related content.
pub(crate) fn card<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Frame::new()
        .fill(palette(ui.ctx()).card)
        .inner_margin(12.0)
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// A checkbox whose box sits on the reading side: left for left-to-right languages, right for right-to-left ones.
/// Either way one widget: one Tab stop, one accessible check box named with the logical text.
pub(crate) fn checkbox(ui: &mut Ui, checked: &mut bool, text: &str) -> egui::Response {
    if !crate::i18n::is_right_to_left() {
        return ui.checkbox(checked, display(text));
    }
    let mut response = mirrored_choice(ui, text, |painter, icon, visuals| {
        painter.rect(
            icon,
            visuals.corner_radius,
            visuals.bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        if *checked {
            let mark = icon.shrink(icon.width() * 0.22);
            painter.add(egui::Shape::line(
                vec![
                    egui::pos2(mark.left(), mark.center().y),
                    egui::pos2(mark.center().x, mark.bottom()),
                    egui::pos2(mark.right(), mark.top()),
                ],
                visuals.fg_stroke,
            ));
        }
    });
    if response.clicked() {
        *checked = !*checked;
        response.mark_changed();
    }
    let value = *checked;
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, ui.is_enabled(), value, text)
    });
    response
}

/// The box (or circle) on the right and the reordered text to its left, as one clickable widget.
fn mirrored_choice(
    ui: &mut Ui,
    text: &str,
    paint_icon: impl FnOnce(&egui::Painter, egui::Rect, &egui::style::WidgetVisuals),
) -> egui::Response {
    let icon_size = ui.spacing().icon_width;
    let gap = ui.spacing().icon_spacing;
    let width = ui.available_width();
    let size = TextStyle::Button.resolve(ui.style()).size;
    // Wrapped like a right-to-left paragraph: line by line, each line reordered, right-aligned.
    let lines = wrapped_visual_lines(ui, text, size, (width - icon_size - gap).max(40.0));
    let mut job = egui::text::LayoutJob::simple(
        lines.to_string(),
        egui::FontId::proportional(size),
        ui.visuals().text_color(),
        f32::INFINITY,
    );
    job.halign = Align::RIGHT;
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    let height = galley.size().y.max(ui.spacing().interact_size.y);
    let size = egui::vec2(width, height);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        let icon = egui::Rect::from_center_size(
            egui::pos2(rect.right() - icon_size / 2.0, rect.center().y),
            egui::Vec2::splat(icon_size),
        );
        paint_icon(ui.painter(), icon, visuals);
        // A right-aligned galley is drawn from its right edge.
        let text_pos = egui::pos2(icon.left() - gap, rect.center().y - galley.size().y / 2.0);
        ui.painter().galley(text_pos, galley, visuals.text_color());
    }
    response
}

/// A radio button with the same reading-side placement as [`checkbox`], and one Tab stop.
pub(crate) fn radio(ui: &mut Ui, selected: bool, text: &str) -> egui::Response {
    if !crate::i18n::is_right_to_left() {
        return ui.radio(selected, display(text));
    }
    let response = mirrored_choice(ui, text, |painter, icon, visuals| {
        let radius = icon.width() / 2.0;
        painter.circle(icon.center(), radius, visuals.bg_fill, visuals.bg_stroke);
        if selected {
            painter.circle_filled(icon.center(), radius * 0.45, visuals.fg_stroke.color);
        }
    });
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::RadioButton, ui.is_enabled(), selected, text)
    });
    response
}

/// Scrolls the page to a widget that has just received keyboard focus (Tab, Shift+Tab, a screen reader's "focus")
/// if the page hides part of it; egui moves focus without scrolling. Call at the end of the page's scroll area.
/// Widgets outside the page (top bar, tab list) are never clipped or lie beside it, so focusing them does not move
/// the page.
pub(crate) fn follow_keyboard_focus(ui: &Ui, followed: &mut Option<egui::Id>) {
    // A jump's target is brought to the top by the page itself, frame after frame until it is there (or the page
    // ends below it): a scroll area it sits in (a wide table's) takes both directions' requests and scrolls only
    // its own, and blocks laid out for the first time can move it.
    if let Some(mut target) = ui.data(|data| data.get_temp::<JumpScroll>(jump_scroll_key())) {
        let top = target.rect.top();
        let drawn_now = target.drawn == ui.ctx().cumulative_pass_nr();
        let at_top = (top - ui.clip_rect().top()).abs() <= 1.0;
        let stuck = target
            .scrolled_from
            .is_some_and(|from| (from - top).abs() <= 1.0);
        target.frames += 1;
        if (drawn_now && (at_top || stuck)) || target.frames > JUMP_SCROLL_FRAMES {
            ui.data_mut(|data| data.remove::<JumpScroll>(jump_scroll_key()));
        } else {
            // Where it is drawn this frame (not drawn, the page waits for the frame that lays it out).
            if drawn_now {
                ui.scroll_to_rect(target.rect, Some(Align::Min));
                target.scrolled_from = Some(top);
            }
            ui.data_mut(|data| data.insert_temp(jump_scroll_key(), target));
            ui.ctx().request_repaint();
        }
    }
    let focused = ui.memory(|memory| memory.focused());
    if focused == *followed {
        return;
    }
    *followed = focused;
    if focused.is_some() && focused == ui.data(|data| data.get_temp(jump_target_key())) {
        return;
    }
    let Some(widget) = focused.and_then(|id| ui.ctx().read_response(id)) else {
        return;
    };
    let shown = widget.interact_rect;
    let hidden_in_part = !shown.is_positive() || shown.area() + 0.5 < widget.rect.area();
    let in_this_page = ui.clip_rect().x_range().intersects(widget.rect.x_range());
    if !(hidden_in_part && in_this_page) {
        return;
    }
    // A widget taller than the window (a section a jump focused) is read from its top: shown from there, and left
    // alone when its top is already on screen.
    let clip = ui.clip_rect();
    if widget.rect.height() < clip.height() {
        ui.scroll_to_rect(widget.rect, None);
    } else if !clip.y_range().contains(widget.rect.top()) {
        ui.scroll_to_rect(widget.rect, Some(Align::Min));
    }
}

//! The page scrolls from the keyboard: PageUp/PageDown, Home/End, Space (Shift+Space up) and the Up/Down arrows,
//! whenever focus is not in a text field (where those keys edit or move the caret). egui itself scrolls a page only
//! with the wheel, and moves focus with the arrows.

use egui::{Key, Modifiers, Ui};

/// How far one arrow press scrolls, in points: about two lines of body text.
const ARROW_STEP: f32 = 48.0;
/// What a page step keeps of the previous screen, so the reader's line stays in sight.
const PAGE_OVERLAP: f32 = 48.0;

/// One keyboard scroll.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    /// Move the content by this many points (positive: towards the end of the page).
    By(f32),
    Top,
    Bottom,
}

/// Scrolls the enclosing page for the scroll keys pressed this frame. Call at the end of the page's scroll area,
/// after its content (so the content's extent is known).
pub(crate) fn keyboard_scroll(ui: &Ui) {
    if ui.ctx().egui_wants_keyboard_input() || egui::Popup::is_any_open(ui.ctx()) {
        return;
    }
    let page = (ui.clip_rect().height() - PAGE_OVERLAP).max(ARROW_STEP);
    // Space presses the focused button or box; it scrolls only when nothing that can be pressed has focus (the
    // page itself, or the section a Contents or search jump focused).
    let space_scrolls = ui
        .memory(|memory| memory.focused())
        .and_then(|id| ui.ctx().read_response(id))
        .is_none_or(|focused| !focused.sense.senses_click());
    let step = ui.input_mut(|input| {
        let mut step = None;
        let mut take = |modifiers: Modifiers, key: Key, what: Step| {
            if input.consume_key(modifiers, key) {
                step = Some(what);
            }
        };
        take(Modifiers::NONE, Key::PageDown, Step::By(page));
        take(Modifiers::NONE, Key::PageUp, Step::By(-page));
        take(Modifiers::NONE, Key::ArrowDown, Step::By(ARROW_STEP));
        take(Modifiers::NONE, Key::ArrowUp, Step::By(-ARROW_STEP));
        take(Modifiers::NONE, Key::Home, Step::Top);
        take(Modifiers::NONE, Key::End, Step::Bottom);
        take(Modifiers::COMMAND, Key::Home, Step::Top);
        take(Modifiers::COMMAND, Key::End, Step::Bottom);
        if space_scrolls {
            take(Modifiers::NONE, Key::Space, Step::By(page));
            take(Modifiers::SHIFT, Key::Space, Step::By(-page));
        }
        step
    });
    let Some(step) = step else {
        return;
    };
    // The arrows are the page's now: egui would otherwise also move focus to the widget above or below.
    ui.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
    let content = ui.min_rect();
    let none = egui::style::ScrollAnimation::none();
    match step {
        Step::By(points) => ui.scroll_with_delta_animation(egui::vec2(0.0, -points), none),
        Step::Top => ui.scroll_to_rect_animation(
            egui::Rect::from_min_size(content.left_top(), egui::vec2(1.0, 1.0)),
            Some(egui::Align::Min),
            none,
        ),
        Step::Bottom => ui.scroll_to_rect_animation(
            egui::Rect::from_min_size(
                content.left_bottom() - egui::vec2(0.0, 1.0),
                egui::vec2(1.0, 1.0),
            ),
            Some(egui::Align::Max),
            none,
        ),
    }
}

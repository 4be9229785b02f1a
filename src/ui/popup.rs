//! Menus and lists (egui's menu buttons and combo boxes) as a screen reader needs them. egui 0.37 describes a menu
//! button as a plain button and a combo box as a combo box, neither with an expanded state, so a screen reader
//! cannot say "collapsed" or "expanded". Every menu and list of Harbor is drawn through [`menu_button`] or
//! [`combo_box`], which give the button AccessKit's expanded state (`Node::set_expanded`: false while closed, true
//! while open; AT-SPI's `expandable`/`expanded` with Harbor's AccessKit patch, UI Automation's expand/collapse).
//!
//! A menu opened from the keyboard (Enter or Space on its button, or a screen reader's click) also takes focus
//! on its first entry, as a menu button does on every desktop: a screen reader then says the entry, and the
//! arrows move through the menu. Opened with the pointer, focus stays where it was.

use egui::{ComboBox, Id, InnerResponse, IntoAtoms, LayerId, Order, Popup, Response, Ui};

/// A menu button (a submenu's inside a menu) with its expanded state; see the module documentation.
pub(crate) fn menu_button<'a, R>(
    ui: &mut Ui,
    text: impl IntoAtoms<'a>,
    contents: impl FnOnce(&mut Ui) -> R,
) -> InnerResponse<Option<R>> {
    let submenu = egui::menu::is_in_menu(ui);
    let menu = ui.menu_button(text, contents);
    let open = if submenu {
        // egui opens a submenu itself (and moves focus into it on Enter); it is open while it is drawn.
        menu.inner.is_some()
    } else {
        let popup = Popup::default_response_id(&menu.response);
        let open = Popup::is_id_open(ui.ctx(), popup);
        enter_when_opened_by_keyboard(&menu.response, popup, open);
        open
    };
    expandable(&menu.response, open);
    menu
}

/// A combo box (a list to choose from) with its expanded state; see the module documentation.
pub(crate) fn combo_box<R>(
    ui: &mut Ui,
    combo: ComboBox<'_>,
    contents: impl FnOnce(&mut Ui) -> R,
) -> InnerResponse<Option<R>> {
    let shown = combo.show_ui(ui, contents);
    expandable(
        &shown.response,
        ComboBox::is_open(ui.ctx(), shown.response.id),
    );
    shown
}

/// Gives the AccessKit node of a button that opens a menu or list its expanded state.
fn expandable(response: &Response, open: bool) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_expanded(open));
}

/// Puts focus on a menu's first entry once the menu is drawn, when its button opened it from the keyboard.
fn enter_when_opened_by_keyboard(button: &Response, popup: Id, open: bool) {
    let ctx = &button.ctx;
    let pending = popup.with("harbor-focus-first-entry");
    if button.clicked() && !button.clicked_by(egui::PointerButton::Primary) && open {
        ctx.data_mut(|data| data.insert_temp(pending, true));
        ctx.request_repaint();
        return;
    }
    if !ctx.data(|data| data.get_temp::<bool>(pending).unwrap_or(false)) {
        return;
    }
    if !open {
        ctx.data_mut(|data| data.remove::<bool>(pending));
        return;
    }
    // The menu's entries were drawn just now in its own layer (egui's popups are areas named by the popup's id);
    // the first that can take focus gets it.
    let layer = LayerId::new(Order::Foreground, popup);
    if let Some(first) = super::focus::first_focusable(ctx, layer) {
        ctx.memory_mut(|memory| memory.request_focus(first));
        ctx.data_mut(|data| data.remove::<bool>(pending));
    }
    ctx.request_repaint();
}

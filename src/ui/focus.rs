//! Keyboard focus is never left on nothing. egui drops focus in several ways and puts it back nowhere: Escape
//! clears it whatever has it; a menu or dialog that closes takes its focused control with it (egui's "dead man's
//! switch" then clears focus); a control replaced under focus (a language switch relabels the window, a lock takes
//! the Lock button away) does the same; and a dialog that opens does not take focus, so Tab and a screen reader
//! stay behind it. A screen reader then says only the window's name, and the next Tab starts from the top.
//!
//! [`FocusKeeper`] corrects this once per frame, for every menu, dialog and screen, in one place:
//! - a dialog (egui modal) that opens takes focus on its first control, unless a control in it already has it, and
//!   keeps it while open: a control behind it that takes focus gives it back;
//! - focus lost without a click goes back, one frame later (egui's own Tab wrap-around and the app's focus
//!   requests go first), to the control of the window that last had it — the one that opened the menu or dialog,
//!   or the control that had it before Escape — and when that is gone, to the chosen tab in the tab list;
//! - a click on nothing is the user's choice: focus stays nowhere (as a text field is left by clicking beside it);
//! - in the one frame focus waits to be put back, the accessibility tree gives the control it goes back to as
//!   focused ([`stand_in`], applied by `ui::accessible`), so a screen reader does not announce the bare window.

use egui::{Context, Id, LayerId, Order};

/// Passes after a pointer press during which a loss of focus counts as the click's doing.
const CLICK_PASSES: u64 = 3;

/// Keeps keyboard focus on a named control (see the module documentation). Held by the app; call
/// [`FocusKeeper::end_frame`] once at the end of every frame.
#[derive(Debug, Default)]
pub(crate) struct FocusKeeper {
    /// The widget that had focus at the end of the last frame.
    last: Option<Id>,
    /// The last widget of the window itself (not of a menu or dialog) that had focus: where focus goes back to.
    home: Option<Id>,
    /// The window's widget that had focus at the end of the last frame, which becomes `home` unless a dialog turns
    /// out to have opened in that frame (egui names it one frame late): a control behind a dialog that took focus
    /// as the dialog opened (a screen's own request) is not where focus goes back to.
    candidate: Option<Id>,
    /// The last widget of the open dialog that had focus: where focus goes back to while it is open.
    dialog_home: Option<Id>,
    /// Focus went to nothing at the end of the last frame, not by a click: put it back unless something took it.
    lost: bool,
    /// The dialog that was open at the end of the last frame.
    modal: Option<LayerId>,
    /// The chosen tab's button in the tab list, where focus goes when nothing else is left.
    tab: Option<Id>,
    /// When the pointer was last pressed (egui's pass number).
    pressed: Option<u64>,
}

impl FocusKeeper {
    /// The chosen tab's button this frame (the tab list calls this).
    pub(crate) fn set_tab(&mut self, id: Id) {
        self.tab = Some(id);
    }

    /// Looks at where focus is after everything of the frame is drawn, and puts it back on a control if it was
    /// lost. Call at the end of every frame, after every dialog is drawn.
    pub(crate) fn end_frame(&mut self, ctx: &Context) {
        let pass = ctx.cumulative_pass_nr();
        if ctx.input(|input| input.pointer.any_pressed()) {
            self.pressed = Some(pass);
        }
        let by_click = self
            .pressed
            .is_some_and(|at| pass.saturating_sub(at) <= CLICK_PASSES);
        let mut focused = ctx.memory(egui::Memory::focused);
        // egui drops focus at the end of this pass from a widget that had it last frame and was not used in this
        // one (the entry of a list or menu that just closed): it is lost already, and the tree this frame must not
        // show it on the window.
        if let Some(id) = focused
            && self.last == Some(id)
            && !ctx.viewport(|viewport| viewport.this_pass.used_ids.contains_key(&id))
        {
            focused = None;
        }
        // egui names the top dialog at the end of a frame; one closed this frame has no widgets left in it.
        let modal = ctx.memory(egui::Memory::top_modal_layer).filter(|layer| {
            ctx.viewport(|v| v.this_pass.widgets.get_layer(*layer).next().is_some())
        });
        let opened = modal.is_some() && modal != self.modal;
        if let Some(candidate) = self.candidate.take()
            && !opened
        {
            self.home = Some(candidate);
        }
        if modal != self.modal {
            self.modal = modal;
            // A dialog just opened: focus moves into it, on its first control.
            if let Some(layer) = modal
                && focused.is_none_or(|id| layer_of(ctx, id) != Some(layer))
                && let Some(first) = first_focusable(ctx, layer)
            {
                crate::ui::widgets::cancel_focus_until_landed(ctx);
                request(ctx, first);
                focused = Some(first);
            }
        }
        // A dialog keeps focus while it is open: a control behind it that took focus (a screen's own request, as
        // the passphrase field's when a quick exit locks) gives it back to the dialog.
        if let (Some(layer), Some(id)) = (modal, focused)
            && layer_of(ctx, id).is_some_and(in_window)
            && let Some(target) = self.return_target(ctx, Some(layer))
        {
            crate::ui::widgets::cancel_focus_until_landed(ctx);
            request(ctx, target);
            focused = Some(target);
        }
        match focused {
            Some(id) => {
                self.lost = false;
                // A menu's entries are not a place to come back to; the window's controls and an open dialog's are.
                match layer_of(ctx, id) {
                    Some(layer) if in_window(layer) => self.candidate = Some(id),
                    Some(layer) if Some(layer) == modal => self.dialog_home = Some(id),
                    _ => {}
                }
            }
            None if by_click => self.lost = false,
            None if self.lost => {
                self.lost = false;
                if let Some(target) = self.return_target(ctx, modal) {
                    request(ctx, target);
                    focused = Some(target);
                }
            }
            // Lost this frame: egui's Tab wrap-around, a jump's target or a view's own request may take it on the
            // next frame; if none does, it is put back then.
            None if self.last.is_some() => {
                self.lost = true;
                ctx.request_repaint();
            }
            None => {}
        }
        self.last = focused;
        // While focus waits to be put back, the tree a screen reader gets says it is already there, not on the
        // window (which Orca would announce as "Harbor frame" for that one frame).
        let stand_in = if self.lost {
            self.return_target(ctx, modal)
        } else {
            None
        };
        ctx.data_mut(|data| {
            if let Some(id) = stand_in {
                data.insert_temp(stand_in_key(), id);
            } else {
                data.remove::<Id>(stand_in_key());
            }
        });
    }

    /// Where lost focus goes: the window's control that last had focus, if it is still there and can take it, else
    /// the chosen tab; in an open dialog, its control that last had focus, else its first.
    fn return_target(&self, ctx: &Context, modal: Option<LayerId>) -> Option<Id> {
        if let Some(layer) = modal {
            // In a dialog, focus stays in it: its control that had focus (a list's button), else its first.
            return self
                .dialog_home
                .filter(|id| can_take_focus(ctx, *id) && layer_of(ctx, *id) == Some(layer))
                .or_else(|| first_focusable(ctx, layer));
        }
        self.home
            .filter(|id| can_take_focus(ctx, *id))
            .or(self.tab.filter(|id| can_take_focus(ctx, *id)))
    }
}

/// Where egui's memory keeps the control focus goes back to on the next frame, while it is lost (see
/// [`stand_in`]).
fn stand_in_key() -> Id {
    Id::unique("harbor-focus-stand-in")
}

/// The control that stands in for lost focus in this frame's accessibility tree: the one focus goes back to on
/// the next frame. None when focus is where egui says it is.
pub(crate) fn stand_in(ctx: &Context) -> Option<Id> {
    ctx.data(|data| data.get_temp::<Id>(stand_in_key()))
}

/// Moves keyboard focus to `id` now, and asks for the frame that shows it.
fn request(ctx: &Context, id: Id) {
    ctx.memory_mut(|memory| memory.request_focus(id));
    ctx.request_repaint();
}

/// The layer a widget drawn this frame is in.
fn layer_of(ctx: &Context, id: Id) -> Option<LayerId> {
    ctx.viewport(|viewport| viewport.this_pass.widgets.get(id).map(|w| w.layer_id))
}

/// Whether a layer is the window itself (panels and the page), not a menu, a dialog or a tooltip.
fn in_window(layer: LayerId) -> bool {
    matches!(layer.order, Order::Background | Order::Middle)
}

/// Whether a widget is enabled and can take keyboard focus.
fn focusable(widget: &egui::WidgetRect) -> bool {
    widget.enabled && widget.sense.is_focusable()
}

/// Whether a widget drawn this frame is enabled and can take keyboard focus.
fn can_take_focus(ctx: &Context, id: Id) -> bool {
    ctx.viewport(|viewport| viewport.this_pass.widgets.get(id).is_some_and(focusable))
}

/// The first enabled control of a layer that can take keyboard focus, in the order drawn.
pub(crate) fn first_focusable(ctx: &Context, layer: LayerId) -> Option<Id> {
    ctx.viewport(|viewport| {
        viewport
            .this_pass
            .widgets
            .get_layer(layer)
            .find(|w| focusable(w))
            .map(|w| w.id)
    })
}

//! Long pages that lay out only what is on screen.
//!
//! egui lays out every widget of a scroll area each frame, visible or not, and the first layout of a paragraph
//! (shaping, glyph rasterizing) is the costly part of start-up. Here each block's height is remembered once it
//! has been laid out; a block whose height is known and that lies outside the visible part of the page only
//! reserves its space. On the first frame at a new width, blocks below the visible part are not laid out at all
//! (an estimate stands in, and the next frame measures them), so the first screen appears sooner.
//!
//! Everything is laid out, as egui normally does, when an accessibility client (a screen reader) is listening —
//! it reads the whole page, not just the visible part — and on the frame that scrolls to a search hit, so the hit
//! lands exactly where it is.

use egui::{Id, Ui};

use super::ViewCtx;

/// Height reserved for a block not yet measured (only on the first frame at a given width).
const ESTIMATED_HEIGHT: f32 = 320.0;

/// A block's measured height, valid for the page width it was measured at.
#[derive(Clone, Copy)]
struct Measured {
    width: f32,
    height: f32,
}

/// Shows `blocks` top to bottom in a vertical scroll area, laying out only those on screen once their heights are
/// known. `page` names the page: heights are remembered per page, content language and block id.
pub fn lazy_blocks<T>(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    page: impl std::hash::Hash + std::fmt::Debug,
    blocks: &[T],
    block_id: impl Fn(&T) -> &str,
    mut show: impl FnMut(&mut Ui, &T),
) {
    let width = ui.available_width();
    let page_id = Id::unique(("lazy-page", page, &view.content.locale));
    // The first frame at this width (start-up, a new language, a resized window) defers what is below the fold.
    let first_at_width = ui
        .data(|data| data.get_temp::<f32>(page_id))
        .is_none_or(|seen| seen != width);
    ui.data_mut(|data| data.insert_temp(page_id, width));
    let lay_out_all = view.scroll_pending() || screen_reader_listening(ui);
    let visible = ui.clip_rect();
    let mut deferred = false;
    for block in blocks {
        let id = page_id.with(block_id(block));
        let known = ui
            .data(|data| data.get_temp::<Measured>(id))
            .filter(|measured| measured.width == width)
            .map(|measured| measured.height);
        let top = ui.cursor().min.y;
        if !lay_out_all {
            let off_screen = |height: f32| top > visible.max.y || top + height < visible.min.y;
            match known {
                Some(height) if off_screen(height) => {
                    ui.allocate_space(egui::vec2(width, height));
                    continue;
                }
                None if first_at_width && top > visible.max.y => {
                    ui.allocate_space(egui::vec2(width, ESTIMATED_HEIGHT));
                    deferred = true;
                    continue;
                }
                _ => {}
            }
        }
        let height = ui.scope(|ui| show(ui, block)).response.rect.height();
        ui.data_mut(|data| data.insert_temp(id, Measured { width, height }));
    }
    if deferred {
        ui.ctx().request_repaint();
    }
}

/// Whether an accessibility client asked for the widget tree (every `Ui` then has a node in it).
fn screen_reader_listening(ui: &Ui) -> bool {
    ui.ctx().has_accesskit_node(ui.unique_id())
}

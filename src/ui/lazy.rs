//! Long pages that lay out only what is on screen.
//!
//! egui lays out every widget of a scroll area each frame, visible or not, and laying out a paragraph (shaping,
//! glyph rasterizing, and with a screen reader listening, a text run per row with every character's position) is
//! most of a frame's cost. Here each block's height is remembered once it has been laid out; a block whose height
//! is known and that lies outside the visible part of the page only reserves its space. On the first frame at a new
//! width, blocks below the visible part are not laid out at all (an estimate stands in, and the next frame measures
//! them), so the first screen appears sooner.
//!
//! A screen reader reads the whole page, not just the visible part: while one is listening, each block that is not
//! laid out is still described in the accessibility tree, as its heading and its texts (in logical order, which is
//! what a screen reader needs for right-to-left text), placed within the space the block takes. When the screen
//! reader moves to one of them it asks egui to scroll it into view, and the block is then laid out in full.
//!
//! Everything is laid out on the frame that scrolls to a search hit, so the hit lands exactly where it is.

use std::borrow::Cow;

use egui::{Id, Rect, Sense, Ui, WidgetInfo, accesskit::Role};

use super::ViewCtx;

/// Height reserved for a block not yet measured (only on the first frame at a given width).
const ESTIMATED_HEIGHT: f32 = 320.0;

/// A block's measured height, valid for the page width it was measured at.
#[derive(Clone, Copy)]
struct Measured {
    width: f32,
    height: f32,
}

/// One thing a screen reader is told about a block that is not laid out.
pub(crate) enum Readable<'a> {
    Heading(Cow<'a, str>),
    Text(Cow<'a, str>),
    /// A list's items, read as a list.
    List(Vec<&'a str>),
    /// A table, read as a table: column titles and rows of cells.
    Table {
        columns: Vec<&'a str>,
        rows: Vec<Vec<&'a str>>,
    },
}

/// Shows `blocks` top to bottom in a vertical scroll area, laying out only those on screen once their heights are
/// known. `page` names the page: heights are remembered per page, content language and block id. `describe` lists
/// what a block says, for screen readers, when it is not laid out.
pub(crate) fn lazy_blocks<'a, T>(
    ui: &mut Ui,
    view: &ViewCtx<'_>,
    page: impl std::hash::Hash + std::fmt::Debug,
    blocks: &'a [T],
    block_id: impl Fn(&T) -> &str,
    describe: impl Fn(&'a T) -> Vec<Readable<'a>>,
    mut show: impl FnMut(&mut Ui, &T),
) {
    let width = ui.available_width();
    let page_id = Id::unique(("lazy-page", page, &view.content.locale));
    // The first frame at this width (start-up, a new language, a resized window) defers what is below the fold.
    let first_at_width = ui
        .data(|data| data.get_temp::<f32>(page_id))
        .is_none_or(|seen| seen != width);
    ui.data_mut(|data| data.insert_temp(page_id, width));
    let lay_out_all = view.scroll_pending();
    let screen_reader = screen_reader_listening(ui);
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
            let reserved = match known {
                Some(height) if off_screen(height) => Some(height),
                None if first_at_width && top > visible.max.y => {
                    deferred = true;
                    Some(ESTIMATED_HEIGHT)
                }
                _ => None,
            };
            if let Some(height) = reserved {
                let (_, rect) = ui.allocate_space(egui::vec2(width, height));
                if screen_reader {
                    describe_for_screen_reader(ui, id, rect, &describe(block));
                }
                continue;
            }
        }
        // Each block's own id, so the widgets in it keep their ids whichever blocks before it were laid out.
        let height = ui
            .push_id(block_id(block), |ui| show(ui, block))
            .response
            .rect
            .height();
        ui.data_mut(|data| data.insert_temp(id, Measured { width, height }));
    }
    if deferred {
        ui.ctx().request_repaint();
    }
}

/// One accessibility node per heading and text of a block that is not laid out (a list is a `List` of `ListItem`s,
/// a table a `Table` of rows and cells). Each gets a slice of the block's space in proportion to its length, so
/// "scroll into view" brings about the right part of the block on screen.
fn describe_for_screen_reader(ui: &Ui, block: Id, rect: Rect, readables: &[Readable<'_>]) {
    const MIN_WEIGHT: f32 = 40.0;
    let length = |texts: &[&str]| {
        texts
            .iter()
            .map(|t| t.len() as f32 + MIN_WEIGHT)
            .sum::<f32>()
    };
    let weight = |readable: &Readable<'_>| match readable {
        Readable::Heading(text) | Readable::Text(text) => text.len() as f32 + MIN_WEIGHT,
        Readable::List(items) => length(items),
        Readable::Table { columns, rows } => {
            length(columns) + rows.iter().map(|row| length(row)).sum::<f32>()
        }
    };
    let total: f32 = readables.iter().map(weight).sum();
    let mut top = rect.top();
    for (n, readable) in readables.iter().enumerate() {
        let height = rect.height() * weight(readable) / total.max(1.0);
        let part = Rect::from_x_y_ranges(rect.x_range(), top..=top + height);
        top += height;
        let (role, text) = match readable {
            Readable::Heading(text) => (Role::Heading, text),
            Readable::Text(text) => (Role::Label, text),
            Readable::List(items) => {
                describe_list(ui, block.with(n), part, items);
                continue;
            }
            Readable::Table { columns, rows } => {
                super::table::describe_table(ui, block.with(n), part, columns, rows);
                continue;
            }
        };
        let response = ui.interact(part, block.with(n), Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(role, true, text.as_ref()));
        if role == Role::Heading {
            // Section titles, as `widgets::heading` marks them once laid out.
            ui.ctx().accesskit_node_builder(response.id, |node| {
                super::widgets::set_heading_level(node, 2);
            });
        }
    }
}

/// A `List` node of one `ListItem` per item, as `widgets::list` and `widgets::mark_list_item` make once laid out.
fn describe_list(ui: &Ui, id: Id, rect: Rect, items: &[&str]) {
    let list = super::table::node_ui(ui, ui.unique_id(), id, rect, Role::List);
    ui.ctx().accesskit_node_builder(list.unique_id(), |node| {
        node.set_size_of_set(items.len());
    });
    let height = rect.height() / items.len().max(1) as f32;
    for (index, item) in items.iter().enumerate() {
        let top = rect.top() + index as f32 * height;
        let part = Rect::from_x_y_ranges(rect.x_range(), top..=top + height);
        let response = list.interact(part, id.with(index), Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::ListItem, true, *item));
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_position_in_set(index));
    }
}

/// Whether an accessibility client asked for the widget tree (every `Ui` then has a node in it).
fn screen_reader_listening(ui: &Ui) -> bool {
    ui.ctx().has_accesskit_node(ui.unique_id())
}

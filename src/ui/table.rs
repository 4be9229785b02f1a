//! Tables that a screen reader reads as tables: drawn in an egui `Grid`, and in the accessibility tree a `Table`
//! node (row and column counts) of `Row` nodes of `ColumnHeader` and `Cell` nodes, each with its row and column
//! index and, where the cell holds text, named with that text in logical order. egui's `Grid` itself adds no
//! rows to the tree: each cell is a child `Ui` whose accessibility parent is a row node made here.

use egui::accesskit::{self, Role};
use egui::{Align, Id, Layout, Rect, RichText, Ui, UiBuilder};

use super::widgets::display;

/// What a screen reader is told of one cell: its name (its logical text), or nothing when the widgets inside the
/// cell (a text field, a check box) speak for themselves.
pub type CellName = Option<String>;

/// Draws a table: a header row of `columns`, then `rows` rows whose cells `cell(ui, row, column)` draws
/// (`row` from 0, not counting the header) and names. `id_salt` keeps the grid's column widths apart from other
/// tables'.
pub fn table(
    ui: &mut Ui,
    id_salt: &str,
    columns: &[String],
    rows: usize,
    mut cell: impl FnMut(&mut Ui, usize, usize) -> CellName,
) -> egui::Response {
    let scope = ui.scope_builder(
        UiBuilder::new()
            .id_salt(id_salt)
            .accessibility_role(Role::Table),
        |ui| {
            let table_id = ui.unique_id();
            ui.ctx().accesskit_node_builder(table_id, |node| {
                node.set_row_count(rows + 1);
                node.set_column_count(columns.len());
            });
            egui::Grid::new(id_salt)
                .striped(true)
                .spacing([16.0, 10.0])
                .show(ui, |ui| {
                    for row in 0..=rows {
                        let row_id = row_node(ui, table_id, row);
                        let mut bounds = Rect::NOTHING;
                        for (column, title) in columns.iter().enumerate() {
                            let role = if row == 0 {
                                Role::ColumnHeader
                            } else {
                                Role::Cell
                            };
                            let drawn = ui.scope_builder(
                                UiBuilder::new()
                                    .accessibility_parent(row_id)
                                    .accessibility_role(role)
                                    .layout(Layout::top_down(Align::Min)),
                                |ui| {
                                    if row == 0 {
                                        // A column of buttons may have no title.
                                        if title.is_empty() {
                                            return None;
                                        }
                                        ui.label(RichText::new(display(title)).strong());
                                        Some(title.clone())
                                    } else {
                                        cell(ui, row - 1, column)
                                    }
                                },
                            );
                            let rect = drawn.response.rect;
                            bounds = bounds.union(rect);
                            ui.ctx().accesskit_node_builder(drawn.response.id, |node| {
                                node.set_row_index(row);
                                node.set_column_index(column);
                                node.set_bounds(accesskit_rect(rect));
                                if let Some(name) = drawn.inner {
                                    node.set_label(name);
                                }
                            });
                        }
                        ui.ctx().accesskit_node_builder(row_id, |node| {
                            node.set_bounds(accesskit_rect(bounds));
                        });
                        ui.end_row();
                    }
                });
        },
    );
    let rect = scope.response.rect;
    ui.ctx().accesskit_node_builder(scope.response.id, |node| {
        node.set_bounds(accesskit_rect(rect))
    });
    scope.response
}

/// A `Row` node under the table, holding no layout of its own (the grid places the cells): an empty `Ui` whose
/// node the row's cells name as their accessibility parent.
fn row_node(ui: &Ui, table: Id, row: usize) -> Id {
    let row_ui = node_ui(
        ui,
        table,
        table.with(("row", row)),
        ui.max_rect(),
        Role::Row,
    );
    let id = row_ui.unique_id();
    ui.ctx()
        .accesskit_node_builder(id, |node| node.set_row_index(row));
    id
}

/// A `Ui` that is only a node of `role` in the accessibility tree, under the node `parent`. It takes no space and,
/// unlike `Ui::new_child`, leaves the automatic ids of `ui` alone: the widgets after it keep their ids whether or
/// not it was made (a focused widget whose id changed would lose focus).
pub fn node_ui(ui: &Ui, parent: Id, id: Id, rect: Rect, role: Role) -> Ui {
    let mut node = Ui::new(
        ui.ctx().clone(),
        id,
        UiBuilder::new()
            .layer_id(ui.layer_id())
            .max_rect(rect)
            .accessibility_parent(parent)
            .accessibility_role(role),
    );
    node.set_clip_rect(ui.clip_rect());
    node
}

/// The nodes of a table that is not laid out (an off-screen block): the same structure as [`table`], each row an
/// equal slice of `rect` and each cell an equal share of its row, so "scroll into view" brings the right part on
/// screen.
pub fn describe_table(ui: &Ui, id: Id, rect: Rect, columns: &[&str], rows: &[Vec<&str>]) {
    let table = node_ui(ui, ui.unique_id(), id, rect, Role::Table);
    let table_id = table.unique_id();
    ui.ctx().accesskit_node_builder(table_id, |node| {
        node.set_row_count(rows.len() + 1);
        node.set_column_count(columns.len());
        node.set_bounds(accesskit_rect(rect));
    });
    let row_height = rect.height() / (rows.len() + 1) as f32;
    let cell_width = rect.width() / columns.len().max(1) as f32;
    for (row, cells) in std::iter::once(columns)
        .chain(rows.iter().map(Vec::as_slice))
        .enumerate()
    {
        let top = rect.top() + row as f32 * row_height;
        let row_rect = Rect::from_x_y_ranges(rect.x_range(), top..=top + row_height);
        let row_ui = node_ui(
            &table,
            table_id,
            table_id.with(("row", row)),
            row_rect,
            Role::Row,
        );
        let row_id = row_ui.unique_id();
        ui.ctx().accesskit_node_builder(row_id, |node| {
            node.set_row_index(row);
            node.set_bounds(accesskit_rect(row_rect));
        });
        for (column, text) in cells.iter().enumerate() {
            let left = rect.left() + column as f32 * cell_width;
            let cell_rect = Rect::from_x_y_ranges(left..=left + cell_width, row_rect.y_range());
            let response = row_ui.interact(cell_rect, row_id.with(column), egui::Sense::hover());
            let role = if row == 0 {
                Role::ColumnHeader
            } else {
                Role::Cell
            };
            response.widget_info(|| egui::WidgetInfo::labeled(role, true, cell_name(text)));
            ui.ctx().accesskit_node_builder(response.id, |node| {
                node.set_row_index(row);
                node.set_column_index(column);
            });
        }
    }
}

/// A cell's accessible name: its lines without the bullets that mark them on screen.
pub fn cell_name(text: &str) -> String {
    text.lines()
        .map(|line| line.trim_start().trim_start_matches('•').trim_start())
        .collect::<Vec<_>>()
        .join("\n")
}

fn accesskit_rect(rect: Rect) -> accesskit::Rect {
    accesskit::Rect {
        x0: rect.min.x.into(),
        y0: rect.min.y.into(),
        x1: rect.max.x.into(),
        y1: rect.max.y.into(),
    }
}

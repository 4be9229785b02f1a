// Copyright 2026 The AccessKit Authors. All rights reserved.
// Licensed under the Apache License, Version 2.0 (found in
// the LICENSE-APACHE file) or the MIT license (found in
// the LICENSE-MIT file), at your option.

//! The geometry of a table for the AT-SPI `Table` and `TableCell` interfaces,
//! read from the AccessKit properties a table already carries: `Row` nodes
//! (optionally inside `RowGroup`s) of cells with `row_index`, `column_index`,
//! `row_span` and `column_span`, and the table's `row_count` and
//! `column_count`. A missing index is taken from the order of rows and cells.

use accesskit::Role;
use accesskit_consumer::NodeRef;

use crate::filters::filter;

pub(crate) fn is_table(node: &NodeRef) -> bool {
    matches!(
        node.role(),
        Role::Table | Role::Grid | Role::TreeGrid | Role::ListGrid
    )
}

pub(crate) fn is_cell(node: &NodeRef) -> bool {
    matches!(
        node.role(),
        Role::Cell | Role::GridCell | Role::ColumnHeader | Role::RowHeader
    )
}

/// One cell of a table: where it starts and how far it spans.
#[derive(Clone, Copy)]
pub(crate) struct Cell<'a> {
    pub(crate) node: NodeRef<'a>,
    pub(crate) row: usize,
    pub(crate) column: usize,
    pub(crate) row_span: usize,
    pub(crate) column_span: usize,
}

impl Cell<'_> {
    fn covers(&self, row: usize, column: usize) -> bool {
        (self.row..self.row + self.row_span).contains(&row)
            && (self.column..self.column + self.column_span).contains(&column)
    }
}

/// The table a cell belongs to: its nearest table ancestor.
pub(crate) fn table_of<'a>(cell: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut parent = cell.filtered_parent(&filter);
    while let Some(node) = parent {
        if is_table(&node) {
            return Some(node);
        }
        if is_cell(&node) {
            return None;
        }
        parent = node.filtered_parent(&filter);
    }
    None
}

/// Every cell of `table`, in tree order; a cell's position in this list is its
/// index for `GetIndexAt` and `GetRowAtIndex`.
pub(crate) fn cells<'a>(table: &NodeRef<'a>) -> Vec<Cell<'a>> {
    fn rows<'a>(node: &NodeRef<'a>, out: &mut Vec<NodeRef<'a>>) {
        for child in node.filtered_children(&filter) {
            match child.role() {
                Role::Row => out.push(child),
                Role::RowGroup => rows(&child, out),
                _ => {}
            }
        }
    }
    let mut row_nodes = Vec::new();
    rows(table, &mut row_nodes);
    let mut cells = Vec::new();
    for (row_position, row_node) in row_nodes.iter().enumerate() {
        let row = row_node.data().row_index().unwrap_or(row_position);
        let mut next_column = 0;
        for node in row_node.filtered_children(&filter).filter(is_cell) {
            let data = node.data();
            let column = data.column_index().unwrap_or(next_column);
            let column_span = data.column_span().unwrap_or(1).max(1);
            next_column = column + column_span;
            cells.push(Cell {
                node,
                row: data.row_index().unwrap_or(row),
                column,
                row_span: data.row_span().unwrap_or(1).max(1),
                column_span,
            });
        }
    }
    cells
}

pub(crate) fn row_count(table: &NodeRef, cells: &[Cell]) -> usize {
    let used = cells.iter().map(|c| c.row + c.row_span).max().unwrap_or(0);
    table.data().row_count().unwrap_or(used).max(used)
}

pub(crate) fn column_count(table: &NodeRef, cells: &[Cell]) -> usize {
    let used = cells
        .iter()
        .map(|c| c.column + c.column_span)
        .max()
        .unwrap_or(0);
    table.data().column_count().unwrap_or(used).max(used)
}

/// The index (in [`cells`]) of the cell covering `row` and `column`.
pub(crate) fn index_at(cells: &[Cell], row: usize, column: usize) -> Option<usize> {
    cells.iter().position(|c| c.covers(row, column))
}

/// The headers of `role` (`ColumnHeader` or `RowHeader`) that head `cell`:
/// those above it (or before it) in any of the columns (or rows) it spans.
pub(crate) fn headers<'a>(cells: &[Cell<'a>], cell: &Cell, role: Role) -> Vec<NodeRef<'a>> {
    let overlap = |start: usize, span: usize, other_start: usize, other_span: usize| {
        other_start < start + span && start < other_start + other_span
    };
    cells
        .iter()
        .filter(|other| other.node.role() == role)
        .filter(|other| match role {
            Role::ColumnHeader => {
                other.row < cell.row
                    && overlap(
                        cell.column,
                        cell.column_span,
                        other.column,
                        other.column_span,
                    )
            }
            _ => {
                other.column < cell.column
                    && overlap(cell.row, cell.row_span, other.row, other.row_span)
            }
        })
        .map(|other| other.node)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use accesskit::{Node, NodeId, TreeId, TreeInfo, TreeUpdate};
    use accesskit_consumer::Tree;

    fn node(role: Role, children: &[u64]) -> Node {
        let mut node = Node::new(role);
        node.set_children(children.iter().copied().map(NodeId).collect::<Vec<_>>());
        node
    }

    /// A window holding a table of a header row (A, B, C) and two rows: the
    /// first row's cell 5 spans two columns; the second row gives no indices.
    fn tree() -> Tree {
        let mut table = node(Role::Table, &[2, 3, 4]);
        table.set_row_count(3);
        table.set_column_count(3);
        let mut nodes = vec![
            (NodeId(0), node(Role::Window, &[1])),
            (NodeId(1), table),
            (NodeId(2), node(Role::Row, &[10, 11, 12])),
            (NodeId(3), node(Role::Row, &[20, 21])),
            (NodeId(4), node(Role::Row, &[30, 31, 32])),
        ];
        for (id, column) in [(10, 0), (11, 1), (12, 2)] {
            let mut header = node(Role::ColumnHeader, &[]);
            header.set_row_index(0);
            header.set_column_index(column);
            nodes.push((NodeId(id), header));
        }
        let mut first = node(Role::Cell, &[]);
        first.set_row_index(1);
        first.set_column_index(0);
        first.set_column_span(2);
        let mut second = node(Role::Cell, &[]);
        second.set_row_index(1);
        second.set_column_index(2);
        nodes.push((NodeId(20), first));
        nodes.push((NodeId(21), second));
        for id in [30, 31, 32] {
            nodes.push((NodeId(id), node(Role::Cell, &[])));
        }
        Tree::new(
            TreeUpdate {
                nodes,
                tree: Some(TreeInfo::new(NodeId(0))),
                tree_id: TreeId::ROOT,
                focus: NodeId(0),
            },
            false,
        )
    }

    #[test]
    fn cells_rows_columns_spans_and_headers() {
        let tree = tree();
        let table = tree.state().root().children().next().unwrap();
        assert!(is_table(&table));
        let cells = cells(&table);
        let places: Vec<_> = cells
            .iter()
            .map(|c| (c.row, c.column, c.row_span, c.column_span))
            .collect();
        assert_eq!(
            places,
            [
                (0, 0, 1, 1),
                (0, 1, 1, 1),
                (0, 2, 1, 1),
                (1, 0, 1, 2),
                (1, 2, 1, 1),
                // No indices: the row's place and the cells' order.
                (2, 0, 1, 1),
                (2, 1, 1, 1),
                (2, 2, 1, 1),
            ]
        );
        assert_eq!(row_count(&table, &cells), 3);
        assert_eq!(column_count(&table, &cells), 3);
        // Both columns the spanning cell covers lead to it.
        assert_eq!(index_at(&cells, 1, 0), Some(3));
        assert_eq!(index_at(&cells, 1, 1), Some(3));
        assert_eq!(index_at(&cells, 3, 0), None);
        // A cell's table, and the headers above it in every column it spans.
        let spanning = cells[3];
        assert_eq!(table_of(&spanning.node).map(|t| t.id()), Some(table.id()));
        let headers: Vec<_> = headers(&cells, &spanning, Role::ColumnHeader)
            .iter()
            .map(|h| h.id())
            .collect();
        assert_eq!(headers, [cells[0].node.id(), cells[1].node.id()]);
        // A header has no header of its own, and no cell here has a row header.
        assert!(headers_of(&cells, 0, Role::ColumnHeader).is_empty());
        assert!(headers_of(&cells, 7, Role::RowHeader).is_empty());
    }

    fn headers_of<'a>(cells: &[Cell<'a>], index: usize, role: Role) -> Vec<NodeRef<'a>> {
        headers(cells, &cells[index], role)
    }
}

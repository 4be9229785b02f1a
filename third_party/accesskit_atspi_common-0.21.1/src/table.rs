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

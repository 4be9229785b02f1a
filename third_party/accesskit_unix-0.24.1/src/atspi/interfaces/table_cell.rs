// Copyright 2026 The AccessKit Authors. All rights reserved.
// Licensed under the Apache License, Version 2.0 (found in
// the LICENSE-APACHE file) or the MIT license (found in
// the LICENSE-MIT file), at your option.

use accesskit_atspi_common::{FullNodeId, PlatformNode};
use zbus::{fdo, interface, names::OwnedUniqueName};

use crate::atspi::{ObjectId, OwnedObjectAddress};

pub(crate) struct TableCellInterface {
    bus_name: OwnedUniqueName,
    node: PlatformNode,
}

impl TableCellInterface {
    pub fn new(bus_name: OwnedUniqueName, node: PlatformNode) -> Self {
        Self { bus_name, node }
    }

    fn map_error(&self) -> impl '_ + FnOnce(accesskit_atspi_common::Error) -> fdo::Error {
        |error| crate::util::map_error_from_node(&self.node, error)
    }

    fn address(&self, node: FullNodeId) -> OwnedObjectAddress {
        ObjectId::Node {
            adapter: self.node.adapter_id(),
            node,
        }
        .to_address(self.bus_name.inner())
    }
}

#[interface(name = "org.a11y.atspi.TableCell")]
impl TableCellInterface {
    #[zbus(property)]
    fn column_span(&self) -> fdo::Result<i32> {
        self.node
            .table_cell_spans()
            .map(|spans| spans.1)
            .map_err(self.map_error())
    }

    #[zbus(property)]
    fn position(&self) -> fdo::Result<(i32, i32)> {
        self.node.table_cell_position().map_err(self.map_error())
    }

    #[zbus(property)]
    fn row_span(&self) -> fdo::Result<i32> {
        self.node
            .table_cell_spans()
            .map(|spans| spans.0)
            .map_err(self.map_error())
    }

    #[zbus(property)]
    fn table(&self) -> fdo::Result<OwnedObjectAddress> {
        self.node
            .table_cell_table()
            .map(|table| self.address(table))
            .map_err(self.map_error())
    }

    // libatspi reads four integers (at-spi2-core's TableCell.xml has no leading
    // boolean, unlike the one bundled with the atspi crate).
    fn get_row_column_span(&self) -> fdo::Result<(i32, i32, i32, i32)> {
        let (row, column) = self.node.table_cell_position().map_err(self.map_error())?;
        let (row_span, column_span) = self.node.table_cell_spans().map_err(self.map_error())?;
        Ok((row, column, row_span, column_span))
    }

    fn get_column_header_cells(&self) -> fdo::Result<Vec<OwnedObjectAddress>> {
        self.node
            .table_cell_column_headers()
            .map(|headers| headers.into_iter().map(|h| self.address(h)).collect())
            .map_err(self.map_error())
    }

    fn get_row_header_cells(&self) -> fdo::Result<Vec<OwnedObjectAddress>> {
        self.node
            .table_cell_row_headers()
            .map(|headers| headers.into_iter().map(|h| self.address(h)).collect())
            .map_err(self.map_error())
    }
}

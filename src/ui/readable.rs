//! Text a screen reader can *read*, not only name: every paragraph, heading, list item and table cell gets an
//! AT-SPI Text interface, laid out or not, on screen or not, so Orca's Say All and flat review go through a whole
//! page in order.
//!
//! AccessKit's Linux adapter (accesskit_atspi_common 0.21, `supports_text`) gives the Text interface only to nodes
//! of role `Label`, `Document`, `Terminal` or a text input, and only when they have `TextRun` children. egui gives
//! runs only to labels it lays out; the blocks of a long page that are not laid out (`ui::lazy`) are named nodes
//! without runs, and a heading, list item or cell is a label whose role was changed, so its runs are ignored.
//! This pass, run from `ui::accessible`'s output hook, completes the tree:
//! - a `Label` without runs gets runs holding its text;
//! - a `Heading`, `ListItem`, `Cell`, `ColumnHeader` or `RowHeader` that shows text and has no other children gets
//!   one child: an unnamed `Label` holding that text in runs (the name comes from the runs, as for every label).
//!   The node keeps its role, name, level and position, so heading and list navigation still find it.
//! - every `Heading` has a level: the one `widgets::heading`/`subheading` and `ui::lazy` give it (sections 2,
//!   groups inside a section 3), or a section's when a heading came without one. AccessKit's Linux adapter (as
//!   patched in `third_party/`) exposes it as the AT-SPI attribute `level`, which Orca says ("heading level 2")
//!   and its 1–6 keys move by.

use std::collections::{HashMap, HashSet};

use egui::accesskit::{Node, NodeId, Role};

/// The level of a section's heading, as people count it (the level a heading drawn without one gets).
const SECTION_LEVEL: usize = 2;

/// Roles that show a text but that AccessKit never gives the Text interface.
fn holds_text_in_a_child(role: Role) -> bool {
    matches!(
        role,
        Role::Heading | Role::ListItem | Role::Cell | Role::ColumnHeader | Role::RowHeader
    )
}

/// Gives every node that shows text a Text interface (see the module documentation).
pub fn give_every_text_runs(nodes: &mut Vec<(NodeId, Node)>) {
    let known: HashMap<NodeId, Role> = nodes.iter().map(|(id, n)| (*id, n.role())).collect();
    let is_run = |id: &NodeId| known.get(id) == Some(&Role::TextRun);
    let mut added: Vec<(NodeId, Node)> = Vec::new();
    let mut dropped: HashSet<NodeId> = HashSet::new();
    for (id, node) in nodes.iter_mut() {
        let role = node.role();
        if role == Role::Heading && node.level().is_none() {
            super::widgets::set_heading_level(node, SECTION_LEVEL);
        }
        if role == Role::Label {
            if node.children().iter().any(is_run) {
                continue;
            }
            let Some(text) = node.value().or(node.label()).filter(|t| !t.is_empty()) else {
                continue;
            };
            let runs = super::text_runs::fresh_runs(*id, text, node.bounds());
            if runs.iter().any(|(run, _)| known.contains_key(run)) {
                continue;
            }
            for (run, _) in &runs {
                node.push_child(*run);
            }
            added.extend(runs);
        } else if holds_text_in_a_child(role) {
            if node.children().iter().any(|c| !is_run(c)) {
                continue;
            }
            let Some(text) = node.label().or(node.value()).filter(|t| !t.is_empty()) else {
                continue;
            };
            let holder_id = egui::Id::unique(("harbor-readable-text", id.0)).accesskit_id();
            let runs = super::text_runs::fresh_runs(holder_id, text, node.bounds());
            if known.contains_key(&holder_id) || runs.iter().any(|(run, _)| known.contains_key(run))
            {
                continue;
            }
            let mut holder = Node::new(Role::Label);
            if let Some(bounds) = node.bounds() {
                holder.set_bounds(bounds);
            }
            holder.set_children(runs.iter().map(|(run, _)| *run).collect::<Vec<_>>());
            dropped.extend(node.children().iter().copied());
            node.set_children(vec![holder_id]);
            added.push((holder_id, holder));
            added.extend(runs);
        }
    }
    if !dropped.is_empty() {
        nodes.retain(|(id, _)| !dropped.contains(id));
    }
    nodes.extend(added);
}

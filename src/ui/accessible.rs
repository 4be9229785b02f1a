//! What a screen reader receives, corrected once per frame just before egui hands the AccessKit tree to the
//! platform: right-to-left names and values in logical order (egui labels a widget with the string it draws, and
//! Harbor draws Arabic reordered for display), text runs of right-to-left text rebuilt in logical order (egui's
//! are garbled: see `text_runs`), text runs for every node that shows text (see `readable`), and a named window.
//! (Bullets and ticks are painted, not labels: see `widgets::paint_marker`.)

use std::collections::{HashMap, HashSet};

use egui::accesskit::{NodeId, Role};

use crate::i18n::has_right_to_left;

/// The window's accessible name (the frame Orca announces).
pub(crate) const WINDOW_NAME: &str = "Harbor";

/// Class of the group a jump moves focus to; it is named with the text inside it.
pub(crate) const JUMP_TARGET: &str = "harbor-jump-target";

/// Longest name given to a jump target, in characters: its first sentences are enough to know where one is.
const TARGET_NAME_CHARS: usize = 400;

/// Installs the correction in `ctx`. Call once, when the app starts.
pub(crate) fn install(ctx: &egui::Context) {
    ctx.add_plugin(LogicalText);
}

struct LogicalText;

impl egui::Plugin for LogicalText {
    fn debug_name(&self) -> &'static str {
        "harbor-logical-text"
    }

    fn output_hook(&mut self, ctx: &egui::Context, output: &mut egui::FullOutput) {
        if let Some(update) = output.platform_output.accesskit_update.as_mut() {
            // Focus lost for one frame is reported where it goes back to, not on the window (`ui::focus`).
            if update.focus == egui::accesskit_root_id().accesskit_id()
                && let Some(stand_in) = super::focus::stand_in(ctx).map(|id| id.accesskit_id())
                && update.nodes.iter().any(|(id, _)| *id == stand_in)
            {
                update.focus = stand_in;
            }
            correct(&mut update.nodes, super::widgets::logical_text);
            if crate::i18n::is_right_to_left() {
                mark_latin_text(&mut update.nodes);
            }
        }
    }
}

/// Rewrites the nodes of one tree update. `logical` maps a string as drawn to the string it was drawn from.
pub fn correct(
    nodes: &mut Vec<(NodeId, egui::accesskit::Node)>,
    logical: impl Fn(&str) -> Option<String>,
) {
    let root = egui::accesskit_root_id().accesskit_id();
    let editable: HashSet<NodeId> = nodes
        .iter()
        .filter(|(_, node)| editable_role(node.role()))
        .map(|(id, _)| *id)
        .collect();
    for (id, node) in nodes.iter_mut() {
        if *id == root && node.label().is_none() {
            node.set_label(WINDOW_NAME);
        }
        if let Some(fixed) = node
            .label()
            .filter(|l| has_right_to_left(l))
            .and_then(&logical)
        {
            node.set_label(fixed);
        }
        if !editable.contains(id)
            && let Some(fixed) = node
                .value()
                .filter(|v| has_right_to_left(v))
                .and_then(&logical)
        {
            node.set_value(fixed);
        }
        if let Some(fixed) = node
            .placeholder()
            .filter(|p| has_right_to_left(p))
            .and_then(&logical)
        {
            node.set_placeholder(fixed);
        }
        if let Some(fixed) = node
            .description()
            .filter(|d| has_right_to_left(d))
            .and_then(&logical)
        {
            node.set_description(fixed);
        }
    }
    // egui's runs of right-to-left text are garbled (see `text_runs`): rebuilt from the logical text the widget
    // holds. A field's value is what was typed; a label's value, and any other widget's name, is corrected above.
    super::text_runs::relay_right_to_left_runs(nodes, |node| {
        if editable_role(node.role()) || node.role() == Role::Label {
            node.value().map(str::to_owned)
        } else {
            node.label().or(node.value()).map(str::to_owned)
        }
    });
    // Every paragraph, heading, list item and cell readable through the Text interface, laid out or not.
    super::readable::give_every_text_runs(nodes);
    name_jump_targets(nodes);
}

fn editable_role(role: Role) -> bool {
    matches!(
        role,
        Role::TextInput | Role::MultilineTextInput | Role::SearchInput | Role::PasswordInput
    )
}

/// Names each jump target with the texts inside it, in order, so focus landing there reads the item.
fn name_jump_targets(nodes: &mut [(NodeId, egui::accesskit::Node)]) {
    let targets: Vec<NodeId> = nodes
        .iter()
        .filter(|(_, node)| node.class_name() == Some(JUMP_TARGET) && node.label().is_none())
        .map(|(id, _)| *id)
        .collect();
    if targets.is_empty() {
        return;
    }
    let index: HashMap<NodeId, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    for target in targets {
        let mut texts: Vec<String> = Vec::new();
        let mut stack = vec![target];
        let mut length = 0;
        while let Some(id) = stack.pop() {
            let Some(node) = index.get(&id).map(|i| &nodes[*i].1) else {
                continue;
            };
            if id != target
                && node.role() != Role::TextRun
                && let Some(text) = node.label().or(node.value())
            {
                length += text.chars().count();
                texts.push(text.to_owned());
            }
            if length > TARGET_NAME_CHARS {
                break;
            }
            stack.extend(node.children().iter().rev());
        }
        let name: String = texts.join(" ").chars().take(TARGET_NAME_CHARS).collect();
        if let Some(i) = index.get(&target) {
            nodes[*i].1.set_label(name);
        }
    }
}

/// In a right-to-left page, text with Latin letters and no right-to-left letter is English (a fallback, a name, a
/// web address): its node says so, language "en" and left to right, so a screen reader reads it with an English
/// voice instead of spelling it with the page's. Its text runs too (the direction a screen reader's text
/// interface reads them in).
pub fn mark_latin_text(nodes: &mut [(NodeId, egui::accesskit::Node)]) {
    // A node whose language a view set (the patient card's sides) keeps it, and so do its runs.
    let set: HashSet<NodeId> = nodes
        .iter()
        .filter(|(_, node)| node.language().is_some())
        .flat_map(|(id, node)| std::iter::once(*id).chain(node.children().iter().copied()))
        .collect();
    for (id, node) in nodes.iter_mut() {
        if set.contains(id) {
            continue;
        }
        // A language's own name (the language menu) is in that language.
        let name = node
            .label()
            .or(node.value())
            .map(|t| t.trim_end_matches(" *"));
        if let Some(language) = crate::i18n::LANGUAGES
            .iter()
            .find(|l| name == Some(l.native_name))
        {
            node.set_language(language.code);
            continue;
        }
        let text = if node.role() == Role::TextRun || node.role() == Role::Label {
            node.value().or(node.label())
        } else {
            node.label().or(node.value())
        };
        if text.is_some_and(is_latin_text) {
            node.set_language("en");
            node.set_text_direction(egui::accesskit::TextDirection::LeftToRight);
        }
    }
}

/// Latin letters and no right-to-left letter.
fn is_latin_text(text: &str) -> bool {
    !has_right_to_left(text) && text.chars().any(|c| c.is_ascii_alphabetic())
}

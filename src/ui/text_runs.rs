//! Text runs in logical order for right-to-left text, so that a screen reader's text interface (AT-SPI Text, UI
//! Automation's TextPattern) reads what was written.
//!
//! egui 0.37 builds a widget's `TextRun` nodes from its galley, one character per glyph, in glyph order
//! (`egui/src/text_selection/accesskit_text.rs`, `update_accesskit_for_text_widget`). For an Arabic word the
//! shaper returns glyphs right to left, and epaint's `layout_shaped_run` then adds zero-width "continuation"
//! glyphs for all but the first letter again, because it takes each cluster's characters to run from one cluster
//! start to the next in increasing order. So 'جواز' (4 letters) becomes 'زاوجواز' (7 glyphs): the word backwards,
//! then forwards without its first letter. Harbor cannot change the glyphs; it rebuilds the runs from the text the
//! widget holds (its logical value or name), keeping the caret: egui places the caret by counting glyphs the same
//! way it counted them into the runs, so a caret's offset across all runs is its offset in the text.

use std::collections::{HashMap, HashSet};

use egui::accesskit::{Node, NodeId, Rect, Role, TextDirection, TextPosition, TextSelection};

use crate::i18n::has_right_to_left;

/// AccessKit's `word_starts` are `u8`: a run holds at most this many characters (as in egui).
const MAX_CHARS_PER_RUN: usize = 255;

/// Rebuilds the text runs of every node whose runs hold right-to-left text, from `text_of(node)`: the logical
/// text the node shows (its value for a label or a field, its name otherwise). A node whose text is unknown
/// loses its runs (a screen reader then reads its name).
pub fn relay_right_to_left_runs(
    nodes: &mut Vec<(NodeId, Node)>,
    text_of: impl Fn(&Node) -> Option<String>,
) {
    let index: HashMap<NodeId, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let run_ids: HashSet<NodeId> = nodes
        .iter()
        .filter(|(_, node)| node.role() == Role::TextRun)
        .map(|(id, _)| *id)
        .collect();
    let is_run = |id: &NodeId| run_ids.contains(id);
    let owners: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, (_, node))| {
            node.children().iter().any(|child| {
                index.get(child).is_some_and(|i| {
                    let run = &nodes[*i].1;
                    run.role() == Role::TextRun && run.value().is_some_and(has_right_to_left)
                })
            })
        })
        .map(|(i, _)| i)
        .collect();
    let mut replaced: HashMap<NodeId, Option<Node>> = HashMap::new();
    let mut added: Vec<(NodeId, Node)> = Vec::new();
    for owner in owners {
        let (owner_id, node) = &nodes[owner];
        let old_runs: Vec<NodeId> = node.children().iter().copied().filter(is_run).collect();
        let old: Vec<&Node> = old_runs.iter().map(|id| &nodes[index[id]].1).collect();
        let new_runs = text_of(node).map(|text| runs_of(&text)).unwrap_or_default();
        // The caret and selection, as offsets into the whole text: egui counted them over the old runs.
        let offset = |position: &TextPosition| {
            let before: usize = old_runs
                .iter()
                .zip(&old)
                .take_while(|(id, _)| **id != position.node)
                .map(|(_, run)| run.character_lengths().len())
                .sum();
            before + position.character_index
        };
        let selection = node
            .text_selection()
            .map(|s| (offset(&s.anchor), offset(&s.focus)));
        let ids: Vec<NodeId> = (0..new_runs.len())
            .map(|n| {
                old_runs.get(n).copied().unwrap_or_else(|| {
                    egui::Id::unique(("harbor-text-run", owner_id.0, n)).accesskit_id()
                })
            })
            .collect();
        for (n, run) in new_runs.iter().enumerate() {
            let bounds = old
                .get(n)
                .and_then(|old| old.bounds())
                .or_else(|| node.bounds());
            let built = run.node(bounds, n.checked_sub(1).map(|p| ids[p]), ids.get(n + 1));
            if n < old_runs.len() {
                replaced.insert(ids[n], Some(built));
            } else {
                added.push((ids[n], built));
            }
        }
        for id in old_runs.iter().skip(new_runs.len()) {
            replaced.insert(*id, None);
        }
        let mut children: Vec<NodeId> = node
            .children()
            .iter()
            .copied()
            .filter(|c| !is_run(c))
            .collect();
        children.extend(&ids);
        let selection = selection.and_then(|(anchor, focus)| {
            Some(TextSelection {
                anchor: position(&new_runs, &ids, anchor)?,
                focus: position(&new_runs, &ids, focus)?,
            })
        });
        let node = &mut nodes[owner].1;
        node.set_children(children);
        match selection {
            Some(selection) => node.set_text_selection(selection),
            None => node.clear_text_selection(),
        }
    }
    if replaced.is_empty() && added.is_empty() {
        return;
    }
    nodes.retain_mut(|(id, node)| match replaced.remove(id) {
        Some(Some(new)) => {
            *node = new;
            true
        }
        Some(None) => false,
        None => true,
    });
    nodes.extend(added);
}

/// Text runs for `text`, new nodes with ids derived from `owner` (stable from frame to frame), each with `bounds`:
/// for a node that shows text but was given no runs (see `ui::readable`).
pub(crate) fn fresh_runs(owner: NodeId, text: &str, bounds: Option<Rect>) -> Vec<(NodeId, Node)> {
    let runs = runs_of(text);
    let ids: Vec<NodeId> = (0..runs.len())
        .map(|n| egui::Id::unique(("harbor-readable-run", owner.0, n)).accesskit_id())
        .collect();
    runs.iter()
        .enumerate()
        .map(|(n, run)| {
            let previous = n.checked_sub(1).map(|p| ids[p]);
            (ids[n], run.node(bounds, previous, ids.get(n + 1)))
        })
        .collect()
}

/// One run to be: its text, one length per character, where words start.
struct Run {
    text: String,
    lengths: Vec<u8>,
    word_starts: Vec<u8>,
    /// Whether the run continues the previous one on the same line (a line longer than one run).
    continues_line: bool,
    /// Whether the next run continues this one's line.
    line_goes_on: bool,
}

impl Run {
    fn node(&self, bounds: Option<Rect>, previous: Option<NodeId>, next: Option<&NodeId>) -> Node {
        let mut node = Node::new(Role::TextRun);
        node.set_value(self.text.clone());
        node.set_character_lengths(self.lengths.clone());
        node.set_word_starts(self.word_starts.clone());
        node.set_text_direction(if has_right_to_left(&self.text) {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        });
        if let Some(bounds) = bounds {
            node.set_bounds(bounds);
        }
        if self.continues_line
            && let Some(previous) = previous
        {
            node.set_previous_on_line(previous);
        }
        if self.line_goes_on
            && let Some(next) = next
        {
            node.set_next_on_line(*next);
        }
        node
    }
}

/// `text` as runs: one per line (the line break kept at its end), a line longer than a run split over several.
fn runs_of(text: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    for line in text.split_inclusive('\n') {
        let chars: Vec<char> = line.chars().collect();
        let chunks: Vec<&[char]> = chars.chunks(MAX_CHARS_PER_RUN).collect();
        for (n, chunk) in chunks.iter().enumerate() {
            let mut word_starts = Vec::new();
            let mut after_word = n > 0 && chunks[n - 1].last().is_some_and(|c| is_word_char(*c));
            for (i, c) in chunk.iter().enumerate() {
                let word = is_word_char(*c);
                // The start of a line is a word start already; a continued line marks its first word itself.
                if word && !after_word && (i > 0 || n > 0) {
                    word_starts.push(i as u8);
                }
                after_word = word;
            }
            runs.push(Run {
                text: chunk.iter().collect(),
                lengths: chunk.iter().map(|c| c.len_utf8() as u8).collect(),
                word_starts,
                continues_line: n > 0,
                line_goes_on: n + 1 < chunks.len(),
            });
        }
    }
    if runs.is_empty() {
        runs.push(Run {
            text: String::new(),
            lengths: Vec::new(),
            word_starts: Vec::new(),
            continues_line: false,
            line_goes_on: false,
        });
    }
    runs
}

/// Where the character at `offset` in the whole text is: in the first run that holds it, or at the end of the last.
fn position(runs: &[Run], ids: &[NodeId], offset: usize) -> Option<TextPosition> {
    let mut start = 0;
    for (run, id) in runs.iter().zip(ids) {
        let len = run.lengths.len();
        if offset < start + len {
            return Some(TextPosition {
                node: *id,
                character_index: offset - start,
            });
        }
        start += len;
    }
    let (last, id) = (runs.last()?, ids.get(runs.len() - 1)?);
    Some(TextPosition {
        node: *id,
        character_index: last.lengths.len(),
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

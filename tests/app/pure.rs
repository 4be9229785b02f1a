//! The pure helpers the views rely on, tested directly: time formatting, locale matching, right-to-left lines, the
//! correction of the accessibility tree's right-to-left text runs, a heading's level.

use egui::accesskit::{Node, NodeId, Role, TextDirection, TextPosition, TextSelection};
use harbor::i18n::{match_locale, visual_line};
use harbor::local_time::format_with_offset;
use harbor::ui::accessible::correct;

#[test]
fn times_at_utc_are_dates_across_leap_days_and_the_epoch() {
    // The calendar arithmetic, at a zero offset; the local offset is `local_time`'s own test.
    let cases = [
        (0, "1970-01-01 00:00 UTC"),
        (-1, "1969-12-31 23:59 UTC"),
        // A leap day in a year divisible by 400.
        (951_782_400, "2000-02-29 00:00 UTC"),
        (1_796_041_740, "2026-11-30 12:29 UTC"),
        (4_102_444_799, "2099-12-31 23:59 UTC"),
    ];
    for (seconds, expected) in cases {
        assert_eq!(format_with_offset(seconds, 0), expected, "{seconds} s");
    }
}

#[test]
fn operating_system_locales_map_to_the_ten_languages() {
    let cases = [
        ("es_ES.UTF-8", Some("es")),
        ("fr", Some("fr")),
        ("fr_CA@euro", Some("fr")),
        ("pt-BR", Some("pt-BR")),
        ("pt_PT", Some("pt-BR")),
        ("zh_CN", Some("zh-CN")),
        ("zh-Hans-CN", Some("zh-CN")),
        // Traditional Chinese readers get English rather than characters they may not read.
        ("zh_TW", None),
        ("zh-HK", None),
        ("zh-Hant", None),
        ("ar_EG.UTF-8", Some("ar")),
        ("ht", Some("ht")),
        ("km_KH", Some("km")),
        ("RU", Some("ru")),
        ("en_US", Some("en")),
        ("de_DE", None),
        ("", None),
        ("C", None),
    ];
    for (tag, expected) in cases {
        assert_eq!(match_locale(tag), expected, "{tag:?}");
    }
}

#[test]
fn left_to_right_lines_are_unchanged() {
    assert_eq!(visual_line("Call 911 now (free)"), "Call 911 now (free)");
}

#[test]
fn arabic_words_are_laid_out_right_to_left_with_letters_in_logical_order() {
    // "call the hotline now": the first word read ends up rightmost.
    assert_eq!(visual_line("اتصل بالخط الآن"), "الآن بالخط اتصل");
}

#[test]
fn numbers_inside_arabic_keep_their_digit_order_and_place() {
    // "call 911 now": the number sits between the two words, its digits left to right.
    assert_eq!(visual_line("اتصل 911 الآن"), "الآن 911 اتصل");
}

fn run(id: u64, value: &str, glyphs: usize) -> (NodeId, Node) {
    let mut node = Node::new(Role::TextRun);
    node.set_value(value);
    node.set_character_lengths(vec![1; glyphs]);
    (NodeId(id), node)
}

/// Node 1: a widget with `value` whose one text run is node 2, the caret at `index` in that run.
fn with_caret(role: Role, value: &str, index: usize) -> Node {
    let mut node = Node::new(role);
    node.set_value(value);
    node.set_children(vec![NodeId(2)]);
    let caret = TextPosition {
        node: NodeId(2),
        character_index: index,
    };
    node.set_text_selection(TextSelection {
        anchor: caret,
        focus: caret,
    });
    node
}

#[test]
fn a_garbled_arabic_field_gets_its_typed_text_and_keeps_its_caret() {
    // What egui 0.37 sends for 'جواز السفر' typed into a field, caret at the end (offset 10 of 10).
    let field = with_caret(Role::TextInput, "جواز السفر", 10);
    let mut nodes = vec![(NodeId(1), field), run(2, "زاوجواز رفسلالسفر", 17)];
    correct(&mut nodes, |_| None);
    assert_eq!(nodes.len(), 2);
    let run = &nodes[1].1;
    assert_eq!(run.value(), Some("جواز السفر"));
    assert_eq!(run.character_lengths().len(), 10);
    assert_eq!(run.text_direction(), Some(TextDirection::RightToLeft));
    assert_eq!(run.word_starts(), &[5]);
    let selection = nodes[0].1.text_selection().copied().unwrap();
    assert_eq!(
        selection.focus,
        TextPosition {
            node: NodeId(2),
            character_index: 10
        }
    );
}

#[test]
fn a_long_line_is_split_into_linked_runs_and_a_caret_lands_in_the_right_one() {
    let text: String = "نص ".repeat(100);
    let label = with_caret(Role::Label, &text, 260);
    let mut nodes = vec![(NodeId(1), label), run(2, "صن", 300)];
    correct(&mut nodes, |_| None);
    let runs: Vec<&Node> = nodes[1..].iter().map(|(_, n)| n).collect();
    assert_eq!(runs.len(), 2);
    let joined: String = runs.iter().filter_map(|r| r.value()).collect();
    assert_eq!(joined, text);
    assert_eq!(runs[0].next_on_line(), Some(nodes[2].0));
    assert_eq!(runs[1].previous_on_line(), Some(NodeId(2)));
    let focus = nodes[0].1.text_selection().unwrap().focus;
    assert_eq!(focus.node, nodes[2].0);
    assert_eq!(focus.character_index, 5);
}

#[test]
fn left_to_right_runs_are_left_alone() {
    let mut label = Node::new(Role::Label);
    label.set_value("passport");
    label.set_children(vec![NodeId(2)]);
    let mut nodes = vec![(NodeId(1), label), run(2, "passport", 8)];
    let before = nodes.clone();
    correct(&mut nodes, |_| Some("other".to_owned()));
    assert_eq!(nodes, before);
}

#[test]
fn a_date_inside_arabic_keeps_its_order() {
    let line = visual_line("من الدليل (2014). آخر مراجعة في 2026-11-30.");
    assert!(line.contains("2026-11-30"), "{line}");
    assert!(line.contains("(2014)"), "{line}");
}

/// egui (and the PDF export) shape each run of Arabic letters right to left but lay ASCII punctuation out as
/// given, so the display string must already hold that punctuation where a reader of Arabic expects it: a colon
/// or full stop after a word is drawn to its left, brackets face the word they enclose.
#[test]
fn punctuation_inside_arabic_is_placed_for_a_right_to_left_reader() {
    // "Phone (phone):" — the colon last (leftmost), the brackets around the word, facing it.
    assert_eq!(visual_line("الهاتف (هاتف):"), ":(هاتف) الهاتف");
    assert_eq!(visual_line("الصحة الإنجابية: بما"), "بما :الإنجابية الصحة");
    assert_eq!(visual_line("في الرعاية."), ".الرعاية في");
    // Arabic punctuation comes from the Arabic font and is shaped with its word: left as it is.
    assert_eq!(visual_line("هل أنت بخير؟"), "بخير؟ أنت هل");
    // A bracket that opens before a number but closes after Arabic belongs to the Arabic: it faces the whole group.
    assert_eq!(
        visual_line("نفسه (0 = لا خوف، 10 = خوف شديد)"),
        "(شديد خوف = 10 خوف، لا = 0) نفسه"
    );
    // Between two Arabic words, a slash stays between them.
    assert_eq!(visual_line("الاتجار/التهريب"), "التهريب/الاتجار");
}

fn heading(text: &str, level: Option<usize>) -> Node {
    let mut node = Node::new(Role::Heading);
    node.set_label(text);
    if let Some(level) = level {
        node.set_level(level);
    }
    node
}

#[test]
fn a_heading_without_a_level_gets_a_sections_and_one_with_a_level_keeps_it() {
    let mut nodes = vec![
        (NodeId(1), heading("Definitions", None)),
        (NodeId(2), heading("General red flags", Some(2))),
    ];
    correct(&mut nodes, |_| None);
    let level = |id: u64| {
        nodes
            .iter()
            .find(|(n, _)| n.0 == id)
            .and_then(|(_, n)| n.level())
    };
    // AccessKit counts from 0: a section (2) is 1, a group (3) is 2.
    assert_eq!(level(1), Some(1));
    assert_eq!(level(2), Some(2));
    // Both still read their text through one child label.
    for id in [1, 2] {
        let children = nodes
            .iter()
            .find(|(n, _)| n.0 == id)
            .map(|(_, n)| n.children().to_vec())
            .unwrap();
        assert_eq!(children.len(), 1);
        let child = nodes.iter().find(|(n, _)| *n == children[0]).unwrap();
        assert_eq!(child.1.role(), Role::Label);
    }
}

//! Numbers and Latin names inside Arabic read in their own order: every Arabic content and UI string that holds a
//! digit or a Latin letter keeps each left-to-right run whole and in order once reordered for display (the window,
//! the patient card and the PDF all draw through `visual_line`).

use harbor::i18n::{has_right_to_left, keep_numbers_together, left_to_right_runs, visual_line};

use super::terminology::{content_strings, ui_strings};

/// Every Arabic string with a digit or a Latin letter: (where, text).
fn arabic_strings_with_left_to_right_runs() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = content_strings("ar")
        .into_iter()
        .map(|(file, key, text)| (format!("content/ar/{file}.ron {key}"), text))
        .collect();
    out.extend(
        ui_strings("ar")
            .into_iter()
            .map(|(key, text)| (format!("locales/ar.yml {key}"), text)),
    );
    out.retain(|(_, text)| {
        has_right_to_left(text) && text.chars().any(|c| c.is_ascii_alphanumeric())
    });
    out
}

/// `text` wrapped after every `words` words, as the window and the PDF wrap it: (logical line, display line).
fn displayed(text: &str, words: usize) -> Vec<(String, String)> {
    let glued = keep_numbers_together(text);
    let pieces: Vec<&str> = glued.split_ascii_whitespace().collect();
    pieces
        .chunks(words)
        .map(|line| {
            let logical = line.join(" ");
            let shown = visual_line(&logical).replace('\u{a0}', " ");
            (logical.replace('\u{a0}', " "), shown)
        })
        .collect()
}

#[test]
fn every_left_to_right_run_in_arabic_reads_in_its_own_order() {
    let strings = arabic_strings_with_left_to_right_runs();
    assert!(
        strings.len() > 30,
        "only {} Arabic strings with Latin or digits",
        strings.len()
    );
    let mut failures = Vec::new();
    let mut runs_checked = 0;
    for (place, text) in &strings {
        for words in [usize::MAX, 9, 5] {
            for (logical, shown) in displayed(text, words) {
                if shown.contains(['\u{2066}', '\u{2069}']) {
                    failures.push(format!("{place}: bidi control left in display text"));
                }
                // Each line's own runs (a run cut by wrapping is checked as the part on that line).
                for run in left_to_right_runs(&logical) {
                    runs_checked += 1;
                    let run = &logical[run];
                    if !shown.contains(run) {
                        failures.push(format!(
                            "{place} (lines of {words} words): “{run}” not in order in “{shown}”"
                        ));
                    }
                }
            }
        }
    }
    assert!(runs_checked > 100, "only {runs_checked} runs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_hotline_in_the_arabic_closing_text_reads_888_373_7888() {
    let (_, text) = super::terminology::content_strings("ar")
        .into_iter()
        .map(|(_, key, text)| (key, text))
        .find(|(key, _)| key == "sp.closing.intro")
        .unwrap();
    let shown = visual_line(&text);
    assert!(shown.contains("(888) 373-7888"), "{shown}");
    assert!(!shown.contains("7888-373"), "{shown}");
    assert!(
        shown.contains("(National Human Trafficking Resource Center)"),
        "{shown}"
    );
    // Never broken across lines, at any width.
    for words in 2..12 {
        assert!(
            displayed(&text, words)
                .iter()
                .any(|(_, shown)| shown.contains("(888) 373-7888"))
        );
    }
}

#[test]
fn left_to_right_runs_find_numbers_urls_statutes_and_names() {
    let runs = |text: &str| -> Vec<String> {
        left_to_right_runs(text)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    };
    assert_eq!(runs("اتصل على (888) 373-7888، الآن"), ["(888) 373-7888"]);
    assert_eq!(runs("راجع c. 119 § 51A للتفاصيل"), ["c. 119 § 51A"]);
    assert_eq!(
        runs("الموقع humantraffickinghotline.org/ar"),
        ["humantraffickinghotline.org/ar"]
    );
    assert_eq!(runs("مشروع Harbor و PDF"), ["Harbor", "PDF"]);
    assert!(runs("نص عربي فقط").is_empty());
}

#[test]
fn command_line_flags_and_bracketed_paths_read_in_their_own_order_in_arabic() {
    let runs = |text: &str| -> Vec<String> {
        left_to_right_runs(text)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    };
    assert_eq!(
        runs("شغّل Harbor مع --data-dir لاستخدام مجلد آخر"),
        ["Harbor", "--data-dir"]
    );
    assert_eq!(
        runs("مجلد بياناته (/home/x/notes): تعذّر"),
        ["(/home/x/notes)"]
    );
    assert_eq!(runs("المجلد ~/harbor/ هنا"), ["~/harbor/"]);
    // A hyphen between Arabic and Latin, or a full stop ending a sentence, is not the Latin run's.
    assert_eq!(runs("عربي-Latin"), ["Latin"]);
    let ui = super::terminology::ui_strings("ar");
    let (_, text) = ui
        .iter()
        .find(|(_, text)| text.contains("--data-dir") && text.contains("%{folder}"))
        .unwrap();
    let text = text
        .replace("%{folder}", "/home/x/notes")
        .replace("%{reason}", "Permission denied.");
    let shown = visual_line(&text);
    assert!(shown.contains("--data-dir"), "{shown}");
    assert!(!shown.contains("data-dir--"), "{shown}");
    assert!(shown.contains("(/home/x/notes)"), "{shown}");
    assert!(!text.contains('\u{200e}'), "no left-to-right mark needed");
}

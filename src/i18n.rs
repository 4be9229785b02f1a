//! Languages: the locale list, switching at runtime, fonts for every script, and right-to-left display.

use unicode_bidi::{BidiInfo, Level};

/// A supported interface and content language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// Locale code used by rust-i18n and the content packs.
    pub code: &'static str,
    /// The language's name in itself, as shown in the language menu.
    pub native_name: &'static str,
    pub(crate) right_to_left: bool,
}

/// The ten languages Harbor ships, English first.
pub const LANGUAGES: [Language; 10] = [
    Language {
        code: "en",
        native_name: "English",
        right_to_left: false,
    },
    Language {
        code: "es",
        native_name: "Español",
        right_to_left: false,
    },
    Language {
        code: "pt-BR",
        native_name: "Português (Brasil)",
        right_to_left: false,
    },
    Language {
        code: "ht",
        native_name: "Kreyòl ayisyen",
        right_to_left: false,
    },
    Language {
        code: "zh-CN",
        native_name: "中文（简体）",
        right_to_left: false,
    },
    Language {
        code: "vi",
        native_name: "Tiếng Việt",
        right_to_left: false,
    },
    Language {
        code: "ru",
        native_name: "Русский",
        right_to_left: false,
    },
    Language {
        code: "ar",
        native_name: "العربية",
        right_to_left: true,
    },
    Language {
        code: "km",
        native_name: "ខ្មែរ",
        right_to_left: false,
    },
    Language {
        code: "fr",
        native_name: "Français",
        right_to_left: false,
    },
];

/// The language with this code, if Harbor ships it.
pub(crate) fn language(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == code)
}

/// Maps an OS or user locale tag (`es_ES.UTF-8`, `pt-BR`, `zh_CN`, `fr`) to one of ours.
pub fn match_locale(tag: &str) -> Option<&'static str> {
    let tag = tag
        .split(['.', '@'])
        .next()
        .unwrap_or_default()
        .replace('_', "-");
    if let Some(language) = LANGUAGES.iter().find(|l| l.code.eq_ignore_ascii_case(&tag)) {
        return Some(language.code);
    }
    let primary = tag
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        // Traditional Chinese readers are better served by English than by simplified characters they may not read.
        "zh" if tag.contains("TW") || tag.contains("HK") || tag.contains("Hant") => None,
        "zh" => Some("zh-CN"),
        "pt" => Some("pt-BR"),
        _ => LANGUAGES.iter().find(|l| l.code == primary).map(|l| l.code),
    }
}

/// The operating system's preferred language, if it is one of the ten.
pub(crate) fn os_locale() -> Option<&'static str> {
    ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .flat_map(|value| value.split(':').map(str::to_owned).collect::<Vec<_>>())
        .filter(|tag| !tag.is_empty() && tag != "C" && tag != "POSIX")
        .find_map(|tag| match_locale(&tag))
}

/// Whether the interface language in effect is written right to left, for views and widgets that lay out rows.
/// It reads rust-i18n's process-wide locale, which only the app's `LanguageState::switch` sets, so it always agrees
/// with the strings `t!` returns.
pub(crate) fn is_right_to_left() -> bool {
    language(&rust_i18n::locale()).is_some_and(|l| l.right_to_left)
}

/// Fonts bundled in `assets/fonts` (Noto subsets, SIL OFL), so every machine and every test renders the same.
#[cfg(feature = "gui")]
pub(crate) const BUNDLED_FONTS: [(&str, &[u8]); 6] = [
    (
        "NotoSans",
        include_bytes!("../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSansArabic",
        include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansKhmer",
        include_bytes!("../assets/fonts/NotoSansKhmer-Regular.ttf"),
    ),
    (
        "NotoSansSC",
        include_bytes!("../assets/fonts/NotoSansSC-Regular.otf"),
    ),
    (
        "NotoSansMath",
        include_bytes!("../assets/fonts/NotoSansMath-Regular.ttf"),
    ),
    (
        "NotoSansSymbols2",
        include_bytes!("../assets/fonts/NotoSansSymbols2-Regular.ttf"),
    ),
];

/// Font definitions with the bundled fonts: Noto Sans first (Latin, Vietnamese, Cyrillic), the other scripts as
/// fallbacks, and egui's own fonts (emoji, monospace) kept.
#[cfg(feature = "gui")]
pub(crate) fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for (name, bytes) in BUNDLED_FONTS {
        fonts.font_data.insert(
            name.to_owned(),
            std::sync::Arc::new(egui::FontData::from_static(bytes)),
        );
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        let at = usize::from(family == egui::FontFamily::Monospace).min(list.len());
        list.insert(at, "NotoSans".to_owned());
        for fallback in [
            "NotoSansArabic",
            "NotoSansKhmer",
            "NotoSansSC",
            "NotoSansMath",
            "NotoSansSymbols2",
        ] {
            list.push(fallback.to_owned());
        }
    }
    fonts
}

/// Installs [`font_definitions`] in the context.
#[cfg(feature = "gui")]
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Whether `text` contains right-to-left letters (Arabic, Hebrew…).
pub fn has_right_to_left(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// First strong-direction-or-digit test: Latin, Cyrillic, Han, Khmer letters and European digits read left to right.
fn is_left_to_right(c: char) -> bool {
    c.is_alphanumeric() && !has_right_to_left(c.encode_utf8(&mut [0; 4]))
}

/// The left-to-right runs inside right-to-left text, as byte ranges: phone numbers, URLs, statute references, Latin
/// names. A run starts at a letter or digit (taking an opening bracket or `+` just before it), goes on through
/// spaces and punctuation as long as another left-to-right letter or digit follows before any right-to-left
/// letter, and takes a closing bracket it opened.
pub fn left_to_right_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_left_to_right(chars[i].1) {
            i += 1;
            continue;
        }
        let mut start = i;
        // A command-line flag or a path starts before its first letter: "--data-dir", "/home/x", "~/x", "./x".
        while start > 0 && matches!(chars[start - 1].1, '-' | '/' | '\\' | '~' | '.') {
            start -= 1;
        }
        // Only where they are the run's own (after a space or bracket), not a sentence's full stop or dash.
        while start < i
            && start > 0
            && !chars[start - 1].1.is_whitespace()
            && !matches!(chars[start - 1].1, '(' | '[' | '"' | '\'' | '«' | '“')
        {
            start += 1;
        }
        if start > 0 && matches!(chars[start - 1].1, '(' | '[' | '+' | '§' | '$') {
            start -= 1;
        }
        let mut end = i + 1;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if is_left_to_right(c) {
                end = j + 1;
            } else if has_right_to_left(c.encode_utf8(&mut [0; 4])) || c == '\n' {
                break;
            }
            j += 1;
        }
        // A path's closing separator ("/home/x/") is the path's.
        while chars.get(end).is_some_and(|(_, c)| matches!(c, '/' | '\\')) {
            end += 1;
        }
        let opened = chars[start..end].iter().filter(|(_, c)| *c == '(').count();
        let closed = chars[start..end].iter().filter(|(_, c)| *c == ')').count();
        if opened > closed && chars.get(end).is_some_and(|(_, c)| *c == ')') {
            end += 1;
        } else if opened > closed && start < i && chars[start].1 == '(' {
            // "(0 = لا خوف، 10 = …)": the bracket encloses Arabic too, so it is the Arabic text's, not the number's.
            start += 1;
        }
        let byte_end = chars.get(end).map_or(text.len(), |(at, _)| *at);
        runs.push(chars[start].0..byte_end);
        i = end;
    }
    runs
}

/// Left-to-right isolate and its end (Unicode bidi controls); they never reach the screen.
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// Joins the words of short left-to-right runs that hold a digit ("(888) 373-7888", "c. 119 § 51A") with no-break
/// spaces, so a line is never broken inside a phone number or a statute reference. Right-to-left text only.
pub fn keep_numbers_together(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_right_to_left(text) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for run in left_to_right_runs(text) {
        let piece = &text[run.clone()];
        if piece.chars().any(|c| c.is_ascii_digit()) && piece.chars().count() <= 24 {
            out.push_str(&text[last..run.start]);
            out.push_str(&piece.replace(' ', "\u{a0}"));
            last = run.end;
        }
    }
    out.push_str(&text[last..]);
    out.into()
}

/// Reorders one line of text for display by egui, which shapes Arabic letters but lays every line out left to
/// right. Runs are put in visual order; inside a right-to-left run the words are reversed but each word keeps its
/// letters in logical order, which is what egui's shaper expects. Left-to-right runs (numbers, URLs, Latin names)
/// are isolated first, so "(888) 373-7888" reads in its own order instead of as "7888-373 (888)".
pub fn visual_line(line: &str) -> String {
    if !has_right_to_left(line) {
        return line.to_owned();
    }
    let mut isolated = String::with_capacity(line.len() + 16);
    let mut last = 0;
    for run in left_to_right_runs(line) {
        isolated.push_str(&line[last..run.start]);
        isolated.push(LRI);
        isolated.push_str(&line[run.clone()]);
        isolated.push(PDI);
        last = run.end;
    }
    isolated.push_str(&line[last..]);
    let line = isolated.as_str();
    let info = BidiInfo::new(line, Some(Level::rtl()));
    let Some(paragraph) = info.paragraphs.first() else {
        return line.replace([LRI, PDI], "");
    };
    let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
    let mut out = String::with_capacity(line.len());
    for run in runs {
        let text = &line[run.clone()];
        if levels.get(run.start).is_some_and(|level| level.is_rtl()) {
            let mut words: Vec<String> = text.split(' ').map(visual_word).collect();
            words.reverse();
            out.push_str(&words.join(" "));
        } else {
            out.push_str(text);
        }
    }
    out.retain(|c| c != LRI && c != PDI);
    out
}

/// One word of a right-to-left run, in display order for a renderer that shapes each run of Arabic-font
/// characters right to left (egui, and the PDF export, split text into runs by font) but lays every other
/// character out as given. The word's pieces go in reverse order; the characters between Arabic letters
/// (brackets, a colon, a full stop) are reversed and mirrored, so "(هاتف):" shows its colon last and its brackets
/// facing the word.
fn visual_word(word: &str) -> String {
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for c in word.chars() {
        let arabic = shaped_as_arabic(c);
        match pieces.last_mut() {
            Some((same, piece)) if *same == arabic => piece.push(c),
            _ => pieces.push((arabic, c.to_string())),
        }
    }
    pieces
        .into_iter()
        .rev()
        .map(|(arabic, piece)| {
            if arabic {
                piece
            } else {
                piece.chars().rev().map(mirrored).collect()
            }
        })
        .collect()
}

/// Whether `c` is drawn from the Arabic font, inside a run the shaper lays out right to left: Arabic letters,
/// marks, digits and punctuation (، ؛ ؟), and the joiners between them.
pub(crate) fn shaped_as_arabic(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{200C}'
            | '\u{200D}'
    )
}

/// A bracket's mirror image: a bracket laid out right to left faces the other way.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

//! GNU gettext PO: `msgctxt` is the id (`questions:q.statement.privacy`), `msgid` the English, `msgstr` the
//! translation, `#, fuzzy` an entry that still needs review (not yet reviewed, or its English changed). The header
//! carries the language, the translator, the date and, per file, the reviewed flag (`X-Harbor-Reviewed`).
//!
//! rspolib reads and writes the format. It reports a line for most syntax errors, but it can panic on some broken
//! lines (a lone `"`) and reports bad escapes without one, so every line is checked here first, with its number.

use std::collections::BTreeMap;

use rspolib::{FileOptions, POEntry, POFile};

use super::catalog::{Catalog, State};
use super::{Imported, ImportedUnit, LineError, Status};

/// No wrapping: long lines are easier to match with the English in any editor, and rspolib's comment wrapping
/// drops the `#.` prefix of continuation lines.
const NO_WRAP: usize = 1_000_000;

/// The header field with each file's reviewed flag: `health=no, questions=yes, ui=no`.
pub const REVIEWED_FIELD: &str = "X-Harbor-Reviewed";
/// The header field with each file's English version (a fingerprint of its English texts).
pub const ENGLISH_FIELD: &str = "X-Harbor-English";

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// The locale as a PO file.
pub fn write(catalog: &Catalog) -> String {
    let mut file = POFile::new(FileOptions::default());
    file.header = Some(format!(
        "Harbor — {locale}: every content and interface string, for translation in a CAT tool.\n\
         Exported by `harbor --export-translation {locale} --format po`; bring it back with\n\
         `harbor --import-translation FILE`. msgctxt is the id and msgid the English: change neither.\n\
         `fuzzy` means the entry needs review (not yet reviewed, or its English has changed): remove it\n\
         once the translation is right. Set a file to yes in {REVIEWED_FIELD} once a professional\n\
         medical translator has reviewed all of it; put your name in Last-Translator.",
        locale = catalog.locale
    ));
    let date = if catalog.date.is_empty() {
        String::new()
    } else {
        format!("{} 00:00+0000", catalog.date)
    };
    let metadata = [
        (
            "Project-Id-Version",
            format!("Harbor {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Language", catalog.locale.clone()),
        ("Last-Translator", catalog.translator.clone()),
        ("PO-Revision-Date", date),
        ("MIME-Version", "1.0".to_owned()),
        ("Content-Type", "text/plain; charset=UTF-8".to_owned()),
        ("Content-Transfer-Encoding", "8bit".to_owned()),
        (
            REVIEWED_FIELD,
            catalog
                .files
                .iter()
                .map(|f| format!("{}={}", f.group, yes_no(f.reviewed)))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            ENGLISH_FIELD,
            catalog
                .files
                .iter()
                .map(|f| format!("{}={}", f.group, f.english_version))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ];
    for (key, value) in metadata {
        file.metadata.insert(key.to_owned(), value);
    }
    // rspolib's whole-file writer wraps entries at 78 columns whatever the options say: entries are written here.
    let mut out = file.to_string();
    out.push('\n');
    for unit in &catalog.units {
        let mut entry = POEntry::new(0);
        entry.msgctxt = Some(unit.id());
        entry.msgid = unit.english.clone();
        entry.msgstr = Some(unit.translation.clone());
        let path = catalog
            .file(&unit.group)
            .map_or(String::new(), |f| f.path.clone());
        let note = match unit.state {
            State::Missing => "not translated yet",
            State::Outdated => {
                "outdated: the English has changed since this was translated; check it against the English"
            }
            State::NeedsReview => "needs review by a professional medical translator",
            State::Reviewed => "reviewed",
        };
        entry.comment = Some(format!("{path}: {note}"));
        if matches!(unit.state, State::Outdated | State::NeedsReview) {
            entry.flags.push("fuzzy".to_owned());
        }
        out.push_str(&entry.to_string_with_wrapwidth(NO_WRAP));
        out.push('\n');
    }
    out
}

/// Checks that every line is a comment, a keyword with one well-formed string, or a string continuing one.
fn check_lines(text: &str) -> Result<(), LineError> {
    let mut in_entry = false;
    let mut seen_msgid = false;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let mut line = raw.trim();
        if number == 1 {
            line = line.trim_start_matches('\u{feff}');
        }
        if line.is_empty() {
            in_entry = false;
            seen_msgid = false;
            continue;
        }
        // Obsolete (`#~`) and previous (`#|`) entries hold strings too; other comments are free text.
        if let Some(rest) = line.strip_prefix("#~").or_else(|| line.strip_prefix("#|")) {
            line = rest.trim();
            if line.is_empty() || !(line.starts_with('m') || line.starts_with('"')) {
                continue;
            }
            check_keyword_or_string(line, number)?;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let keyword = check_keyword_or_string(line, number)?;
        match keyword {
            Some("msgid") => seen_msgid = true,
            Some("msgctxt") => {}
            Some(_) if !seen_msgid => {
                return Err(LineError::new(
                    Some(number),
                    format!(
                        "`{}` before any `msgid`: each entry needs msgctxt, msgid and msgstr",
                        line.split_whitespace().next().unwrap_or_default()
                    ),
                ));
            }
            Some(_) => {}
            None if !in_entry => {
                return Err(LineError::new(
                    Some(number),
                    "a quoted string that continues no msgctxt, msgid or msgstr",
                ));
            }
            None => {}
        }
        in_entry = true;
    }
    Ok(())
}

/// The keyword of a line (`msgid`, `msgstr`…), `None` for a continuation string; an error for anything else.
fn check_keyword_or_string(line: &str, number: usize) -> Result<Option<&str>, LineError> {
    if line.starts_with('"') {
        check_string(line, number)?;
        return Ok(None);
    }
    let (keyword, rest) = line
        .split_once(|c: char| c.is_whitespace())
        .unwrap_or((line, ""));
    let known = matches!(keyword, "msgctxt" | "msgid" | "msgid_plural" | "msgstr")
        || keyword
            .strip_prefix("msgstr[")
            .and_then(|r| r.strip_suffix(']'))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if !known {
        return Err(LineError::new(
            Some(number),
            format!(
                "`{}` is not a PO keyword (msgctxt, msgid, msgstr), a quoted string or a # comment",
                truncate(line)
            ),
        ));
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Err(LineError::new(
            Some(number),
            format!("`{keyword}` needs a quoted string, e.g. {keyword} \"\""),
        ));
    }
    check_string(rest, number)?;
    Ok(Some(keyword))
}

/// One `"…"` with only PO's escapes and no bare double quote inside.
fn check_string(text: &str, number: usize) -> Result<(), LineError> {
    let Some(inner) = text.strip_prefix('"') else {
        return Err(LineError::new(
            Some(number),
            format!(
                "expected a string in double quotes, found `{}`",
                truncate(text)
            ),
        ));
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('"' | '\\' | 'n' | 't' | 'r' | 'b' | 'f' | 'v') => {}
                Some(other) => {
                    return Err(LineError::new(
                        Some(number),
                        format!("unknown escape `\\{other}`: write a backslash as \\\\"),
                    ));
                }
                None => {
                    return Err(LineError::new(
                        Some(number),
                        "the string is not closed: it ends with a backslash",
                    ));
                }
            },
            '"' => {
                let after = chars.as_str().trim();
                if after.is_empty() {
                    return Ok(());
                }
                return Err(LineError::new(
                    Some(number),
                    format!(
                        "a double quote inside the text must be written \\\" (text after the closing quote: `{}`)",
                        truncate(after)
                    ),
                ));
            }
            _ => {}
        }
    }
    Err(LineError::new(
        Some(number),
        "the string is not closed: a double quote is missing at the end of the line",
    ))
}

fn truncate(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

fn syntax_error(err: &rspolib::errors::SyntaxError) -> LineError {
    use rspolib::errors::SyntaxError as E;
    let line = match err {
        E::UnescapedDoubleQuoteFound { line, .. }
        | E::Custom { line, .. }
        | E::Generic { line, .. } => Some(*line),
        _ => None,
    };
    LineError::new(line, format!("not a valid PO file: {err}"))
}

/// The 1-based line of the header field `name`.
fn header_line(text: &str, name: &str) -> usize {
    let needle = format!("\"{name}:");
    text.lines()
        .position(|l| l.trim_start().starts_with(&needle))
        .map_or(1, |n| n + 1)
}

/// The line of the first `msgstr` at or after line `from` (1-based).
fn msgstr_line(lines: &[&str], from: usize) -> usize {
    lines
        .iter()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.trim_start().starts_with("msgstr"))
        .map_or(from, |(n, _)| n + 1)
}

/// Parses a PO file into entries with their lines.
pub fn read(text: &str) -> Result<Imported, LineError> {
    check_lines(text)?;
    let text = text.trim_start_matches('\u{feff}');
    let file = rspolib::pofile(text).map_err(|err| syntax_error(&err))?;
    let mut imported = Imported::default();
    let meta = |name: &str| {
        file.metadata
            .get(name)
            .map(|v| (v.trim().to_owned(), header_line(text, name)))
    };
    imported.locale = meta("Language").filter(|(v, _)| !v.is_empty());
    imported.translator = meta("Last-Translator");
    imported.date = meta("PO-Revision-Date").map(|(v, line)| (v.chars().take(10).collect(), line));
    if let Some((flags, line)) = meta(REVIEWED_FIELD) {
        imported.reviewed = parse_flags(&flags, line)?;
    }
    let lines: Vec<&str> = text.lines().collect();
    for entry in file.entries.iter().filter(|e| !e.obsolete) {
        let line = msgstr_line(&lines, entry.linenum.max(1));
        if entry.msgid_plural.is_some() {
            return Err(LineError::new(
                Some(line),
                "plural entries (msgid_plural) are not used by Harbor: plural forms are separate ids",
            ));
        }
        let Some(id) = entry.msgctxt.as_deref() else {
            return Err(LineError::new(
                Some(entry.linenum.max(1)),
                format!(
                    "entry `{}` has no msgctxt: the id must stay as exported",
                    truncate(&entry.msgid)
                ),
            ));
        };
        let (group, key) = id.split_once(':').unwrap_or(("", id));
        imported.units.push(ImportedUnit {
            group: group.to_owned(),
            key: key.to_owned(),
            source: entry.msgid.clone(),
            target: entry.msgstr.clone().unwrap_or_default(),
            status: if entry.fuzzy() {
                Status::Draft
            } else {
                Status::Translated
            },
            line,
        });
    }
    Ok(imported)
}

/// `health=no, questions=yes`.
fn parse_flags(value: &str, line: usize) -> Result<BTreeMap<String, (bool, usize)>, LineError> {
    let mut flags = BTreeMap::new();
    for part in value
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let parsed = part.split_once('=').and_then(|(group, flag)| {
            let flag = match flag.trim().to_ascii_lowercase().as_str() {
                "yes" | "true" => true,
                "no" | "false" => false,
                _ => return None,
            };
            Some((group.trim().to_owned(), flag))
        });
        let Some((group, flag)) = parsed else {
            return Err(LineError::new(
                Some(line),
                format!("{REVIEWED_FIELD}: `{part}` should be FILE=yes or FILE=no"),
            ));
        };
        flags.insert(group, (flag, line));
    }
    Ok(flags)
}

//! GNU gettext PO: `msgctxt` is the id (`questions:q.statement.privacy`), `msgid` the English, `msgstr` the
//! translation, `#, fuzzy` an entry that still needs review (not yet reviewed, or its English changed). The header
//! carries the language, the translator, the date and, per file, the reviewed flag (`X-Harbor-Reviewed`).
//!
//! rspolib reads and writes the format. It reports a line for most syntax errors, but it can panic on some broken
//! lines (a lone `"`) and reports bad escapes without one, so every line is checked here first, with its number.

use std::collections::BTreeMap;

use rspolib::{FileOptions, POEntry, POFile};

use super::catalog::{Catalog, State};
use super::{Day, Imported, ImportedUnit, LineError, Status};

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

/// The locale as a PO file, exported on `today`.
pub fn write(catalog: &Catalog, today: Day) -> String {
    let mut file = POFile::new(FileOptions::default());
    file.header = Some(format!(
        "Harbor — {locale}: every content and interface string, for translation in a CAT tool.\n\
         Exported by `harbor --export-translation {locale} --format po`; bring it back with\n\
         `harbor --import-translation FILE`. msgctxt is the id and msgid the English: change neither.\n\
         `fuzzy` means the entry needs review (not yet reviewed, or its English has changed): remove it\n\
         once the translation is right. Set a file to yes in {REVIEWED_FIELD} once a professional\n\
         medical translator has reviewed all of it; put your name in Last-Translator. Leave the dates:\n\
         your changes are dated the day they are imported, or your tool's later PO-Revision-Date.",
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
        (
            "Language-Team",
            format!("Harbor translators ({})", catalog.locale),
        ),
        // The export's own day: a translation dated before it cannot be of this file.
        ("POT-Creation-Date", format!("{today} 00:00+0000")),
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
        entry.comment = Some(match &unit.date {
            Some(date) => format!("{path}: {note}; translation dated {date}"),
            None => format!("{path}: {note}"),
        });
        if matches!(unit.state, State::Outdated | State::NeedsReview) {
            entry.flags.push("fuzzy".to_owned());
        }
        out.push_str(&entry.to_string_with_wrapwidth(NO_WRAP));
        out.push('\n');
    }
    out
}

/// What a line of a PO file is, as rspolib classifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Translator comments before the first entry (rspolib's file header); never a line's own kind.
    Header,
    TranslatorComment,
    Generated,
    Occurrence,
    Flags,
    Context,
    Id,
    Str,
    PreviousContext,
    PreviousId,
    Continuation,
}

/// Where the parser is: the kind of the last line that was not a continuation (`None` at the start).
type At = Option<Kind>;

/// Whether rspolib's state machine has a transition for `kind` after `at`. It unwraps a missing one (a panic, so an
/// abort in a release build): every line is checked here first, and only files it can read reach it.
fn allowed(kind: Kind, at: At) -> bool {
    use Kind::*;
    match kind {
        // A translator comment may not follow a msgctxt line.
        TranslatorComment => at != Some(Context),
        Header | Generated | Occurrence | Flags | PreviousContext | PreviousId => true,
        Context => !matches!(at, Some(Context | Id)),
        Id => at != Some(Id),
        Str => matches!(at, Some(Id | TranslatorComment)),
        Continuation => matches!(at, Some(Context | Id | Str | PreviousContext | PreviousId)),
    }
}

fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::Header | Kind::TranslatorComment => "a # comment",
        Kind::Generated => "a #. comment",
        Kind::Occurrence => "a #: reference",
        Kind::Flags => "a #, flags line",
        Kind::Context => "msgctxt",
        Kind::Id => "msgid",
        Kind::Str => "msgstr",
        Kind::PreviousContext => "#| msgctxt",
        Kind::PreviousId => "#| msgid",
        Kind::Continuation => "a continued string",
    }
}

const PLURAL: &str = "plural entries (msgid_plural, msgstr[N]) are not used by Harbor: plural forms are separate ids";

/// The kind of one trimmed, non-empty line (`None` for a line rspolib skips), after checking its string.
fn classify(line: &str, number: usize, at: At) -> Result<Option<Kind>, LineError> {
    let error = |message: String| Err(LineError::new(Some(number), message));
    let first = line.split_ascii_whitespace().next().unwrap_or_default();
    if first == "#~|" {
        return Ok(None);
    }
    // An obsolete entry (`#~ msgid …`) is read like a live one.
    let line = match line.strip_prefix("#~") {
        Some(rest) if first == "#~" && !rest.trim().is_empty() => rest.trim(),
        _ => line,
    };
    let mut tokens = line.split_ascii_whitespace();
    let first = tokens.next().unwrap_or_default();
    let has_more = tokens.next().is_some();
    let keyword = match first {
        "msgctxt" => Some(Kind::Context),
        "msgid" => Some(Kind::Id),
        "msgstr" => Some(Kind::Str),
        "msgid_plural" => return error(PLURAL.to_owned()),
        _ => None,
    };
    if let Some(kind) = keyword {
        if !has_more {
            return error(format!(
                "`{first}` needs a quoted string, e.g. {first} \"\""
            ));
        }
        check_string(line[first.len()..].trim_start(), number)?;
        return Ok(Some(kind));
    }
    if line.starts_with('"') {
        check_string(line, number)?;
        return Ok(Some(Kind::Continuation));
    }
    if line.starts_with("msgstr[") {
        return error(PLURAL.to_owned());
    }
    match first {
        "#:" => Ok(has_more.then_some(Kind::Occurrence)),
        "#," => Ok(has_more.then_some(Kind::Flags)),
        "#." => Ok(has_more.then_some(Kind::Generated)),
        "#" => Ok(Some(Kind::TranslatorComment)),
        _ if first.starts_with("##") => Ok(Some(Kind::TranslatorComment)),
        "#|" => {
            let rest = line["#|".len()..].trim_start();
            if rest.starts_with('"') {
                if !matches!(at, Some(Kind::PreviousContext | Kind::PreviousId)) {
                    return error(
                        "a #| string that continues no #| msgctxt or #| msgid".to_owned(),
                    );
                }
                check_string(rest, number)?;
                return Ok(Some(Kind::Continuation));
            }
            // rspolib finds the string one space after the keyword: anything else is refused, not misread.
            let (kind, value) = if let Some(value) = line.strip_prefix("#| msgctxt ") {
                (Kind::PreviousContext, value)
            } else if let Some(value) = line.strip_prefix("#| msgid ") {
                (Kind::PreviousId, value)
            } else if line.starts_with("#| msgid_plural") {
                return error(PLURAL.to_owned());
            } else {
                return error(format!(
                    "`{}` should be #| msgctxt \"…\" or #| msgid \"…\" (one space each)",
                    truncate(line)
                ));
            };
            check_string(value, number)?;
            Ok(Some(kind))
        }
        _ => error(format!(
            "`{}` is not a PO keyword (msgctxt, msgid, msgstr), a quoted string or a comment (# , #. , #: , #, , #| )",
            truncate(line)
        )),
    }
}

/// Checks every line and the order of the lines before rspolib reads the file: each line a comment, a keyword
/// with one well-formed string, or a string continuing one, in an order that makes entries.
fn check_lines(text: &str) -> Result<(), LineError> {
    let mut at: At = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let Some(kind) = classify(line, number, at)? else {
            continue;
        };
        if !allowed(kind, at) {
            let after = at.map_or("the start of the file", describe);
            return Err(LineError::new(
                Some(number),
                format!(
                    "{} cannot follow {after}: each entry is comments, then msgctxt \"id\", msgid \"English\", msgstr \"translation\"",
                    describe(kind)
                ),
            ));
        }
        at = match (kind, at) {
            (Kind::Continuation, _) => at,
            (Kind::TranslatorComment, None | Some(Kind::Header)) => Some(Kind::Header),
            _ => Some(kind),
        };
    }
    Ok(())
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
    let text = text.trim_start_matches('\u{feff}');
    check_lines(text)?;
    let file = rspolib::pofile(text).map_err(|err| syntax_error(&err))?;
    let mut imported = Imported::default();
    let meta = |name: &str| {
        file.metadata
            .get(name)
            .map(|v| (v.trim().to_owned(), header_line(text, name)))
    };
    imported.locale = meta("Language").filter(|(v, _)| !v.is_empty());
    imported.translator = meta("Last-Translator");
    imported.date = meta("PO-Revision-Date");
    imported.exported = meta("POT-Creation-Date");
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

//! Limits on what Harbor reads from files others hand it: content packs, institution packs and their spreadsheets,
//! translation files (PO, XLIFF) and policy files. Each is far above anything real (the numbers below say how far)
//! and keeps a hostile or broken file from costing gigabytes or minutes: a file over its size is refused before it
//! is parsed, and every refusal says which limit and how to stay within it. The README ("For IT") lists them.

use std::io::Read as _;
use std::path::Path;

/// One content file (`en/resources.ron`…). The largest shipped file is about 51 KB: 80 times that.
pub const MAX_CONTENT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// One text in a content file, a translation or an institution pack's spreadsheet cell other than notes, in
/// characters. The longest shipped text is about 1,100 characters: 18 times that.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Items (anything with an `id`) in one content file. The largest shipped file has a few hundred.
pub const MAX_ITEMS_PER_FILE: usize = 10_000;

/// Contacts in an institution pack. A large hospital network's referral directory has a few hundred.
pub const MAX_CONTACTS: usize = 10_000;

/// One cell of the institution spreadsheet, in characters (a long note is a paragraph or two).
pub const MAX_CELL_CHARS: usize = 2_000;

/// The institution spreadsheet (CSV) and the pack written from it (`institution.ron`). 10,000 contacts with every
/// column filled in at a realistic length take about 3 MB.
pub const MAX_INSTITUTION_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A translation file (PO or XLIFF). A whole locale exports to about 1 MB.
pub const MAX_TRANSLATION_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Entries in a translation file. Harbor has a few thousand strings.
pub const MAX_TRANSLATION_UNITS: usize = 50_000;

/// Nesting of a RON file (content and institution packs): the RON reader's own limit, which stops there with
/// "Exceeded recursion limit". Harbor's files nest six levels at most.
pub const MAX_NESTING: usize = 128;

/// `1 MiB`, `16 MiB`, for messages.
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system's reason.
    Io(std::io::Error),
    /// The file is larger than the limit (reading stopped there).
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(err) => write!(f, "{err}"),
            Self::TooLarge { limit } => write!(
                f,
                "the file is larger than {}, Harbor's limit for this kind of file; it was not read",
                size_text(*limit)
            ),
        }
    }
}

/// Reads at most `limit` bytes of `path`; a longer file is an error without reading the rest.
///
/// # Errors
/// [`ReadError::Io`], or [`ReadError::TooLarge`].
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// [`read_bounded`] as text; invalid UTF-8 is an `InvalidData` I/O error.
///
/// # Errors
/// As [`read_bounded`].
pub fn read_text_bounded(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|_| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

/// The first quoted string of a RON text longer than `limit` characters, with its 1-based line and length: one
/// pass over the text (skipping `//` and `/* */` comments), so a file can be refused before it is parsed.
pub fn first_long_string(text: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => line += 1,
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at += 2;
                while at < bytes.len() && !(bytes[at] == b'*' && bytes.get(at + 1) == Some(&b'/')) {
                    if bytes[at] == b'\n' {
                        line += 1;
                    }
                    at += 1;
                }
                at += 2;
                continue;
            }
            b'"' => {
                let start_line = line;
                let mut length = 0;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    // An escaped character counts as one, whatever it is (`\"` does not end the string).
                    if bytes[at] == b'\\' {
                        at += 1;
                    }
                    if let Some(&byte) = bytes.get(at) {
                        if byte == b'\n' {
                            line += 1;
                        }
                        if byte & 0xC0 != 0x80 {
                            length += 1;
                        }
                    }
                    at += 1;
                }
                if length > limit {
                    return Some((start_line, length));
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// How many items a RON text holds: the `id: "…"` fields, counted in one pass without parsing.
pub fn count_items(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find("id") {
        let at = from + found;
        from = at + 2;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let rest = text[from..].trim_start_matches([' ', '\t']);
        if let Some(value) = rest.strip_prefix(':')
            && value.trim_start_matches([' ', '\t']).starts_with('"')
        {
            count += 1;
        }
    }
    count
}

//! Windows Group Policy: values under `HKLM\SOFTWARE\Policies\Harbor`, then `HKCU\…` for keys the machine does not
//! set. The values-to-policy step ([`from_values`]) and a `reg export` file reader ([`parse_export`]) are plain
//! code, tested on sample data on every platform; only [`read_machine_then_user`] calls Windows.

use std::path::Path;

use super::schema::REGISTRY_PATH;
use super::{Level, Origin, PolicyProblem, Raw, RawSource};

/// A registry value as Windows stores it (the types Group Policy writes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegValue {
    /// `REG_DWORD`: booleans and minutes.
    Dword(u32),
    /// `REG_QWORD`: a 64-bit number, read as a DWORD would be.
    Qword(u64),
    /// `REG_SZ`: languages and folders.
    Sz(String),
    /// `REG_EXPAND_SZ`: read as a plain string.
    ExpandSz(String),
    /// `REG_MULTI_SZ`: a list of languages.
    MultiSz(Vec<String>),
    /// Binary or another type no Harbor key uses, with its type number.
    Other(u32),
}

/// Which hive a key is in; the machine's policy wins over the user's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hive {
    /// `HKLM`: set by the machine's administrator.
    LocalMachine,
    /// `HKCU`: applies where the machine sets nothing.
    CurrentUser,
}

impl Hive {
    fn short(self) -> &'static str {
        match self {
            Self::LocalMachine => "HKLM",
            Self::CurrentUser => "HKCU",
        }
    }

    /// `HKLM\SOFTWARE\Policies\Harbor`, as `--show-policy` names the origin.
    pub(crate) fn policy_key(self) -> String {
        format!(r"{}\{REGISTRY_PATH}", self.short())
    }
}

/// Turns a key's values into a policy source. A value of a type no Harbor key uses is listed as an error and
/// skipped: that key takes its strictest value, and the key's other values still apply.
pub fn from_values(hive: Hive, values: impl IntoIterator<Item = (String, RegValue)>) -> RawSource {
    let origin = Origin::Registry(hive.policy_key());
    let mut raw_values = Vec::new();
    let mut problems = Vec::new();
    for (name, value) in values {
        let raw = match value {
            RegValue::Dword(n) => Raw::Int(i64::from(n)),
            RegValue::Qword(n) => Raw::Int(i64::try_from(n).unwrap_or(i64::MAX)),
            RegValue::Sz(text) | RegValue::ExpandSz(text) => Raw::Text(text),
            RegValue::MultiSz(items) => {
                Raw::List(items.into_iter().filter(|item| !item.is_empty()).collect())
            }
            // That value alone is refused (its key takes the strictest value); the hive's other values still apply.
            RegValue::Other(kind) => {
                problems.push(PolicyProblem::error(
                    &origin,
                    None,
                    format!(
                        "{name}: registry type {kind} is not used by Harbor policy (use REG_DWORD or REG_SZ)"
                    ),
                ));
                continue;
            }
        };
        raw_values.push((name, raw, None));
    }
    // HKLM is the machine's policy; HKCU is the user's, which may only add keys or make them stricter.
    let level = match hive {
        Hive::LocalMachine => Level::Machine,
        Hive::CurrentUser => Level::User,
    };
    RawSource {
        origin,
        level,
        values: raw_values,
        problems,
    }
}

/// Reads a `reg export` file (UTF-16 with a byte-order mark, as `reg export` writes it, or UTF-8): the Harbor
/// policy keys it holds, machine first. Keys other than the policy key are skipped.
pub fn parse_export(bytes: &[u8], path: &Path) -> Result<Vec<RawSource>, PolicyProblem> {
    let place = path.display().to_string();
    let text = decode(bytes).ok_or_else(|| {
        PolicyProblem::error(
            &place,
            None,
            "not a registry export (unreadable text encoding)",
        )
    })?;
    let mut lines = logical_lines(&text).into_iter();
    match lines.next() {
        Some((_, header))
            if header.trim() == "Windows Registry Editor Version 5.00"
                || header.trim() == "REGEDIT4" => {}
        _ => {
            return Err(PolicyProblem::error(
                place,
                Some(1),
                "not a registry export: the first line must be \"Windows Registry Editor Version 5.00\"",
            ));
        }
    }
    let mut hives: Vec<(Hive, Vec<(String, RegValue)>)> = Vec::new();
    let mut current: Option<Hive> = None;
    for (line_number, line) in lines {
        let line = line.trim();
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        if let Some(key) = line.strip_prefix('[') {
            let key = key.trim_end_matches(']');
            current = policy_hive(key);
            if let Some(hive) = current
                && !hives.iter().any(|(h, _)| *h == hive)
            {
                hives.push((hive, Vec::new()));
            }
            continue;
        }
        let Some(hive) = current else {
            continue;
        };
        let (name, value) = parse_value_line(line)
            .map_err(|message| PolicyProblem::error(&place, Some(line_number), message))?;
        if let Some((_, values)) = hives.iter_mut().find(|(h, _)| *h == hive) {
            values.push((name, value));
        }
    }
    hives.sort_by_key(|(hive, _)| *hive);
    Ok(hives
        .into_iter()
        .map(|(hive, values)| from_values(hive, values))
        .collect())
}

/// The hive of `key` if it is exactly Harbor's policy key.
fn policy_hive(key: &str) -> Option<Hive> {
    let (root, rest) = key.split_once('\\')?;
    if !rest.eq_ignore_ascii_case(REGISTRY_PATH) {
        return None;
    }
    match root.to_ascii_uppercase().as_str() {
        "HKEY_LOCAL_MACHINE" | "HKLM" => Some(Hive::LocalMachine),
        "HKEY_CURRENT_USER" | "HKCU" => Some(Hive::CurrentUser),
        _ => None,
    }
}

fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).ok()
}

/// Lines joined where `reg export` continues a hex value with a trailing backslash; each with its first line number.
/// A long value (a REG_MULTI_SZ of several languages, a long REG_EXPAND_SZ folder) wraps over any number of lines:
/// every line ending in `\` continues, not only the one holding `=hex`.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut joined: Vec<(usize, String)> = Vec::new();
    let mut continuing = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if continuing && let Some((_, last)) = joined.last_mut() {
            last.push_str(line.trim_start());
        } else {
            joined.push((index + 1, line.to_owned()));
        }
        continuing = line.ends_with('\\') && (continuing || line.contains("=hex"));
        if continuing && let Some((_, last)) = joined.last_mut() {
            last.pop();
        }
    }
    joined
}

/// `"Name"=dword:0000000a`, `"Name"="text"`, `"Name"=hex(7):…` (multi-string), `hex(2):` (expandable),
/// `hex(b):` (qword).
fn parse_value_line(line: &str) -> Result<(String, RegValue), String> {
    let rest = line
        .strip_prefix('"')
        .ok_or_else(|| format!("expected \"Name\"=value, found `{line}`"))?;
    let (name, after) =
        read_quoted(rest).ok_or_else(|| format!("unterminated name in `{line}`"))?;
    let data = after
        .strip_prefix('=')
        .ok_or_else(|| format!("expected = after \"{name}\""))?;
    let value = if let Some(quoted) = data.strip_prefix('"') {
        let (text, trailing) =
            read_quoted(quoted).ok_or_else(|| format!("{name}: unterminated text value"))?;
        if !trailing.trim().is_empty() {
            return Err(format!("{name}: unexpected text after the value"));
        }
        RegValue::Sz(text)
    } else if let Some(hex) = data.strip_prefix("dword:") {
        RegValue::Dword(
            u32::from_str_radix(hex.trim(), 16)
                .map_err(|_| format!("{name}: `{hex}` is not a hexadecimal DWORD"))?,
        )
    } else if let Some(hex) = data.strip_prefix("hex(7):") {
        RegValue::MultiSz(
            utf16_strings(&hex_bytes(hex).ok_or_else(|| format!("{name}: bad hex bytes"))?)
                .ok_or_else(|| format!("{name}: bad multi-string"))?,
        )
    } else if let Some(hex) = data.strip_prefix("hex(2):") {
        let strings =
            utf16_strings(&hex_bytes(hex).ok_or_else(|| format!("{name}: bad hex bytes"))?)
                .ok_or_else(|| format!("{name}: bad expandable string"))?;
        RegValue::ExpandSz(strings.into_iter().next().unwrap_or_default())
    } else if let Some(hex) = data.strip_prefix("hex(b):") {
        let bytes = hex_bytes(hex).ok_or_else(|| format!("{name}: bad hex bytes"))?;
        let array: [u8; 8] = bytes
            .try_into()
            .map_err(|_| format!("{name}: a QWORD has 8 bytes"))?;
        RegValue::Qword(u64::from_le_bytes(array))
    } else if data.starts_with("hex") {
        RegValue::Other(3)
    } else {
        return Err(format!("{name}: unrecognised value `{data}`"));
    };
    Ok((name, value))
}

/// Reads a `reg`-escaped string up to its closing quote; returns it and what follows.
fn read_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?.1),
            '"' => return Some((out, &text[index + 1..])),
            c => out.push(c),
        }
    }
    None
}

fn hex_bytes(hex: &str) -> Option<Vec<u8>> {
    hex.split(',')
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| u8::from_str_radix(b, 16).ok())
        .collect()
}

/// NUL-separated UTF-16LE strings, as REG_MULTI_SZ and REG_EXPAND_SZ data hold them.
fn utf16_strings(bytes: &[u8]) -> Option<Vec<String>> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    units
        .split(|unit| *unit == 0)
        .filter(|part| !part.is_empty())
        .map(|part| String::from_utf16(part).ok())
        .collect()
}

/// Reads the policy keys from the registry: the machine's, then the user's.
#[cfg(windows)]
pub(crate) fn read_machine_then_user() -> Vec<Result<Vec<RawSource>, PolicyProblem>> {
    use windows_registry::{CURRENT_USER, LOCAL_MACHINE, Type};

    let mut sources = Vec::new();
    for (hive, root) in [
        (Hive::LocalMachine, LOCAL_MACHINE),
        (Hive::CurrentUser, CURRENT_USER),
    ] {
        // A missing key is the usual case: no policy in that hive.
        let Ok(key) = root.open(REGISTRY_PATH) else {
            continue;
        };
        let values = match key.values() {
            Ok(values) => values,
            Err(err) => {
                sources.push(Err(PolicyProblem::error(
                    hive.policy_key(),
                    None,
                    format!("the policy key could not be read: {err}"),
                )));
                continue;
            }
        };
        let mut read = Vec::new();
        for (name, value) in values {
            let converted = match value.ty() {
                Type::U32 => u32::try_from(value).map(RegValue::Dword).ok(),
                Type::U64 => u64::try_from(value).map(RegValue::Qword).ok(),
                Type::String => String::try_from(value).map(RegValue::Sz).ok(),
                Type::ExpandString => String::try_from(value).map(RegValue::ExpandSz).ok(),
                Type::MultiString => Vec::<String>::try_from(value).map(RegValue::MultiSz).ok(),
                Type::Bytes => Some(RegValue::Other(3)),
                Type::Other(kind) => Some(RegValue::Other(kind)),
            };
            read.push((name, converted.unwrap_or(RegValue::Other(0))));
        }
        sources.push(Ok(vec![from_values(hive, read)]));
    }
    sources
}

//! The JSON policy file (Linux `/etc/harbor/policy.json`, or a `HARBOR_POLICY` file): one object whose members
//! are policy keys. Errors carry the line, so IT can find the mistake.
//!
//! A small reader of its own rather than `serde_json::Value`: it sees every member, so a key written twice is
//! reported instead of silently taking the last value; it keeps each member's line as it goes (one pass, linear
//! in the file's size); and a wrong value in one member is reported without hiding the problems of the others.

use std::collections::HashMap;
use std::path::Path;

use super::{Level, Origin, PolicyProblem, Raw, RawSource};

/// Members every JSON file may carry that are not policy keys (editors use `$schema` to validate as you type).
const IGNORED: [&str; 2] = ["$schema", "$comment"];

/// The deepest nesting read. A policy needs two levels (the object and a list of languages).
pub const MAX_DEPTH: usize = 32;

/// Parses a JSON policy file's bytes. A file that is not JSON at all is an `Err`; a problem with one member is
/// reported in the source's problems, with its line, and the other members still count.
pub fn parse(bytes: &[u8], path: &Path) -> Result<RawSource, PolicyProblem> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let line = bytes[..err.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        PolicyProblem::error(path.display(), Some(line), "the file is not UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        text,
        pos: 0,
        line: 1,
    };
    let members = reader
        .document()
        .map_err(|(line, message)| PolicyProblem::error(path.display(), Some(line), message))?;
    let place = path.display().to_string();
    let mut values = Vec::new();
    let mut problems = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for (name, value, line) in members {
        if IGNORED.contains(&name.as_str()) {
            continue;
        }
        if let Some(first) = first_line.get(&name) {
            problems.push(PolicyProblem::error(
                &place,
                Some(line),
                format!(
                    "`{name}` is set twice (lines {first} and {line}): remove one; until then the stricter of the two applies"
                ),
            ));
        } else {
            first_line.insert(name.clone(), line);
        }
        let raw = match value {
            Json::Bool(value) => Raw::Bool(value),
            Json::Number(number) => match number.parse::<i64>() {
                Ok(n) => Raw::Int(n),
                Err(_) => Raw::Text(number),
            },
            Json::Text(text) => Raw::Text(text),
            Json::List(items) => {
                let mut list = Vec::new();
                let mut wrong = None;
                for item in items {
                    match item {
                        Json::Text(text) => list.push(text),
                        other => {
                            wrong.get_or_insert(other.describe());
                        }
                    }
                }
                if let Some(found) = wrong {
                    problems.push(PolicyProblem::error(
                        &place,
                        Some(line),
                        format!("{name}: list items must be text, found {found}"),
                    ));
                    continue;
                }
                Raw::List(list)
            }
            other => {
                problems.push(PolicyProblem::error(
                    &place,
                    Some(line),
                    format!("{name}: unexpected value {}", other.describe()),
                ));
                continue;
            }
        };
        values.push((name, raw, Some(line)));
    }
    Ok(RawSource {
        origin: Origin::File(path.to_path_buf()),
        level: Level::Machine,
        values,
        problems,
    })
}

/// A JSON value as the policy needs it; numbers are kept as written.
enum Json {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<Json>),
    Object,
}

impl Json {
    fn describe(&self) -> String {
        match self {
            Self::Null => "null".into(),
            Self::Bool(value) => value.to_string(),
            Self::Number(number) => number.clone(),
            Self::Text(text) => format!("\"{text}\""),
            Self::List(_) => "a list".into(),
            Self::Object => "an object".into(),
        }
    }
}

type Error = (usize, String);

/// Reads JSON text once from start to end, counting lines as it goes.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, Error> {
        Err((self.line, format!("not valid JSON: {}", message.into())))
    }

    fn skip_space(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.unexpected(&format!("`{}`", byte as char))
        }
    }

    fn unexpected<T>(&self, wanted: &str) -> Result<T, Error> {
        match self.text[self.pos..].chars().next() {
            Some(c) => self.error(format!("expected {wanted}, found `{c}`")),
            None => self.error(format!("expected {wanted}, found the end of the file")),
        }
    }

    /// The top-level object's members with the line of each name.
    fn document(&mut self) -> Result<Vec<(String, Json, usize)>, Error> {
        self.skip_space();
        if self.peek() != Some(b'{') {
            if self.peek().is_none() {
                return self
                    .error("the file is empty; a policy is one object, { \"Key\": value, … }");
            }
            return Err((
                self.line,
                "the policy must be a JSON object, { \"Key\": value, … }".into(),
            ));
        }
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_space();
                let line = self.line;
                if self.peek() != Some(b'"') {
                    return self.unexpected("a key in double quotes");
                }
                let name = self.string()?;
                self.expect(b':')?;
                let value = self.value(1)?;
                members.push((name, value, line));
                self.skip_space();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.unexpected("`,` or `}`"),
                }
            }
        }
        self.skip_space();
        if self.pos < self.text.len() {
            return self.error("text after the end of the policy object");
        }
        Ok(members)
    }

    fn value(&mut self, depth: usize) -> Result<Json, Error> {
        if depth > MAX_DEPTH {
            return self.error(format!("nested more than {MAX_DEPTH} levels deep"));
        }
        self.skip_space();
        match self.peek() {
            Some(b'"') => self.string().map(Json::Text),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Json::List(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Json::List(items));
                        }
                        _ => return self.unexpected("`,` or `]`"),
                    }
                }
            }
            Some(b'{') => {
                self.pos += 1;
                self.skip_space();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Json::Object);
                }
                loop {
                    self.skip_space();
                    if self.peek() != Some(b'"') {
                        return self.unexpected("a key in double quotes");
                    }
                    self.string()?;
                    self.expect(b':')?;
                    self.value(depth + 1)?;
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Json::Object);
                        }
                        _ => return self.unexpected("`,` or `}`"),
                    }
                }
            }
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.unexpected("a value"),
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, Error> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            self.unexpected("a value")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let integer_start = self.pos;
        if self.digits() == 0 {
            return self.unexpected("a digit");
        }
        if self.text.as_bytes()[integer_start] == b'0' && self.pos - integer_start > 1 {
            return self.error("a number may not start with 0");
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.unexpected("a digit after the decimal point");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.unexpected("a digit in the exponent");
            }
        }
        Ok(Json::Number(self.text[start..self.pos].to_owned()))
    }

    /// A string; the reader is on its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let plain = rest
                .find(|c: char| c == '"' || c == '\\' || c < ' ')
                .unwrap_or(rest.len());
            out.push_str(&rest[..plain]);
            self.pos += plain;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return self.error("an unknown escape after `\\` in a string"),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return self.error("a string is not closed on its line"),
                None => return self.error("a string is not closed before the end of the file"),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or("");
        match u32::from_str_radix(digits, 16) {
            Ok(value) if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.pos += 4;
                Ok(value)
            }
            _ => self.error("`\\u` must be followed by four hexadecimal digits"),
        }
    }

    /// After `\u`: one character, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.text[self.pos..].starts_with("\\u") {
                return self.error("a lone surrogate in a `\\u` escape");
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return self.error("a lone surrogate in a `\\u` escape");
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.error("a lone surrogate in a `\\u` escape"),
        }
    }
}

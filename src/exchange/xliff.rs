//! OASIS XLIFF 2.0: a `<file>` per Harbor file (`questions`, `ui`) with its provenance in `<notes>`, a `<unit>`
//! per string keyed by its id, and the segment `state` (`initial` = needs work, `translated`, `reviewed`,
//! `final`). quick-xml writes and reads it; its byte positions give the line of every problem.

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

use super::catalog::{Catalog, State};
use super::{Day, Imported, ImportedUnit, LineError, Status};

const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// The locale as an XLIFF 2.0 document, exported on `today`.
pub fn write(catalog: &Catalog, today: Day) -> String {
    let exported = today.to_string();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"en\" trgLang=\"{}\">\n",
        escape(catalog.locale.as_str())
    ));
    for file in &catalog.files {
        out.push_str(&format!(
            "  <file id=\"{}\" original=\"{}\">\n    <notes>\n",
            escape(file.group.as_str()),
            escape(file.path.as_str())
        ));
        let notes = [
            ("translator", catalog.translator.as_str()),
            ("date", catalog.date.as_str()),
            // The export's own day: a translation dated before it cannot be of this file.
            ("exported", exported.as_str()),
            ("reviewed", if file.reviewed { "yes" } else { "no" }),
            ("english-version", file.english_version.as_str()),
        ];
        for (category, value) in notes {
            out.push_str(&format!(
                "      <note category=\"{category}\">{}</note>\n",
                escape(value)
            ));
        }
        out.push_str("    </notes>\n");
        for unit in catalog.units.iter().filter(|u| u.group == file.group) {
            out.push_str(&format!(
                "    <unit id=\"{}\">\n",
                escape(unit.key.as_str())
            ));
            let outdated = unit.state == State::Outdated;
            if outdated || unit.date.is_some() {
                out.push_str("      <notes>\n");
                if outdated {
                    out.push_str(
                        "        <note category=\"state\">outdated: the English has changed since this was translated; check it against the English</note>\n",
                    );
                }
                // Not `date`: that category is the file's (the translator's date of the whole import).
                if let Some(date) = &unit.date {
                    out.push_str(&format!(
                        "        <note category=\"translation-date\">{}</note>\n",
                        escape(date.as_str())
                    ));
                }
                out.push_str("      </notes>\n");
            }
            let state = match unit.state {
                State::Missing | State::Outdated => "initial",
                State::NeedsReview => "translated",
                State::Reviewed => "reviewed",
            };
            out.push_str(&format!(
                "      <segment state=\"{state}\">\n        <source>{}</source>\n",
                escape(unit.english.as_str())
            ));
            if !unit.translation.is_empty() {
                out.push_str(&format!(
                    "        <target>{}</target>\n",
                    escape(unit.translation.as_str())
                ));
            }
            out.push_str("      </segment>\n    </unit>\n");
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

/// 1-based lines of byte offsets, counted forward from the last one asked (the reader only moves forward), so a
/// document is scanned once rather than once per element.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn at(&mut self, offset: u64) -> usize {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if end < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.text[self.offset..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.offset = end;
        self.line
    }
}

fn attribute(
    element: &BytesStart<'_>,
    name: &str,
    line: usize,
) -> Result<Option<String>, LineError> {
    for attr in element.attributes() {
        let attr =
            attr.map_err(|err| LineError::new(Some(line), format!("not valid XML: {err}")))?;
        if attr.key.local_name().as_ref() == name {
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| LineError::new(Some(line), format!("not valid XML: {err}")))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// The unit being read.
#[derive(Default)]
struct UnitState {
    key: String,
    line: usize,
    source: String,
    target: String,
    target_line: Option<usize>,
    status: Option<Status>,
}

/// Where text goes while it is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Source,
    Target,
    Note,
}

/// File-level values seen so far with the line of the first.
struct FileNotes {
    translator: Option<(String, usize)>,
    date: Option<(String, usize)>,
    exported: Option<(String, usize)>,
}

fn status_of(state: &str, line: usize) -> Result<Status, LineError> {
    match state {
        "initial" => Ok(Status::Draft),
        "translated" => Ok(Status::Translated),
        "reviewed" | "final" => Ok(Status::Reviewed),
        other => Err(LineError::new(
            Some(line),
            format!("segment state `{other}` is not one of initial, translated, reviewed, final"),
        )),
    }
}

/// Parses an XLIFF 2.0 document into entries with their lines.
pub fn read(text: &str) -> Result<Imported, LineError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = quick_xml::Reader::from_str(text);
    let mut imported = Imported::default();
    let mut stack: Vec<String> = Vec::new();
    let mut group: Option<String> = None;
    let mut unit: Option<UnitState> = None;
    let mut capture = Capture::None;
    let mut note: Option<(String, usize)> = None;
    let mut note_text = String::new();
    let mut notes = FileNotes {
        translator: None,
        date: None,
        exported: None,
    };
    let mut seen_root = false;
    let mut lines = Lines::new(text);
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event().map_err(|err| {
            LineError::new(
                Some(lines.at(reader.error_position())),
                format!("not valid XML: {err}"),
            )
        })?;
        let line = lines.at(start);
        match event {
            Event::Start(ref element) | Event::Empty(ref element) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = element.local_name().as_ref().to_owned();
                if matches!(capture, Capture::Source | Capture::Target) {
                    return Err(LineError::new(
                        Some(line),
                        format!(
                            "<{name}> inside a source or target: Harbor strings are plain text without inline markup"
                        ),
                    ));
                }
                match name.as_str() {
                    "xliff" => {
                        seen_root = true;
                        let version = attribute(element, "version", line)?.unwrap_or_default();
                        if version != "2.0" && version != "2.1" {
                            return Err(LineError::new(
                                Some(line),
                                format!(
                                    "XLIFF version `{version}` is not supported: Harbor reads XLIFF 2.0"
                                ),
                            ));
                        }
                        imported.locale = attribute(element, "trgLang", line)?.map(|l| (l, line));
                    }
                    _ if !seen_root => {
                        return Err(LineError::new(
                            Some(line),
                            format!("<{name}> where <xliff> should start the document"),
                        ));
                    }
                    "file" => {
                        let id = attribute(element, "id", line)?.unwrap_or_default();
                        group = Some(id);
                    }
                    "note" if stack.last().is_some_and(|p| p == "notes") => {
                        let category = attribute(element, "category", line)?.unwrap_or_default();
                        note = Some((category, line));
                        note_text.clear();
                        capture = Capture::Note;
                    }
                    "unit" => {
                        let key = attribute(element, "id", line)?.unwrap_or_default();
                        unit = Some(UnitState {
                            key,
                            line,
                            ..UnitState::default()
                        });
                    }
                    "segment" => {
                        let state = attribute(element, "state", line)?;
                        let status = status_of(state.as_deref().unwrap_or("initial"), line)?;
                        if let Some(unit) = unit.as_mut() {
                            // A unit a CAT tool split into segments is as finished as its least finished segment.
                            unit.status = Some(match (unit.status, status) {
                                (Some(Status::Draft), _) | (_, Status::Draft) => Status::Draft,
                                (Some(Status::Translated), _) | (_, Status::Translated) => {
                                    Status::Translated
                                }
                                _ => Status::Reviewed,
                            });
                        }
                    }
                    "source" if unit.is_some() => capture = Capture::Source,
                    "target" if unit.is_some() => {
                        if let Some(unit) = unit.as_mut() {
                            unit.target_line.get_or_insert(line);
                        }
                        capture = Capture::Target;
                    }
                    _ => {}
                }
                if is_empty {
                    capture = Capture::None;
                    if name == "note" {
                        note = None;
                    }
                } else {
                    stack.push(name);
                }
            }
            Event::End(ref element) => {
                let name = element.local_name().as_ref().to_owned();
                stack.pop();
                match name.as_str() {
                    "source" | "target" => capture = Capture::None,
                    "note" => {
                        capture = Capture::None;
                        if let Some((category, note_line)) = note.take() {
                            file_note(
                                &mut imported,
                                &mut notes,
                                group.as_deref(),
                                &category,
                                note_text.trim(),
                                note_line,
                            )?;
                        }
                    }
                    "unit" => {
                        if let Some(finished) = unit.take() {
                            imported.units.push(ImportedUnit {
                                group: group.clone().unwrap_or_default(),
                                key: finished.key,
                                source: finished.source,
                                target: finished.target,
                                status: finished.status.unwrap_or(Status::Draft),
                                line: finished.target_line.unwrap_or(finished.line),
                            });
                        }
                    }
                    "file" => group = None,
                    _ => {}
                }
            }
            Event::Text(ref content) => {
                push_text(&mut unit, capture, &mut note_text, &content.xml10_content());
            }
            Event::CData(ref content) => {
                push_text(&mut unit, capture, &mut note_text, &content.xml10_content());
            }
            Event::GeneralRef(ref reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = reference.xml10_content();
                        quick_xml::escape::resolve_xml_entity(&name)
                            .map(str::to_owned)
                            .ok_or_else(|| {
                                LineError::new(Some(line), format!("unknown entity `&{name};`"))
                            })?
                    }
                    Err(err) => {
                        return Err(LineError::new(Some(line), format!("not valid XML: {err}")));
                    }
                };
                push_text(&mut unit, capture, &mut note_text, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(LineError::new(
            Some(1),
            "not an XLIFF document: no <xliff> element",
        ));
    }
    if let Some(open) = stack.last() {
        return Err(LineError::new(
            Some(lines.at(text.len() as u64)),
            format!("the document ends before </{open}>"),
        ));
    }
    Ok(imported)
}

fn push_text(unit: &mut Option<UnitState>, capture: Capture, note: &mut String, text: &str) {
    match (capture, unit.as_mut()) {
        (Capture::Source, Some(unit)) => unit.source.push_str(text),
        (Capture::Target, Some(unit)) => unit.target.push_str(text),
        (Capture::Note, _) => note.push_str(text),
        _ => {}
    }
}

/// A file-level note: translator and date are one per import (the locale's provenance has one of each).
fn file_note(
    imported: &mut Imported,
    notes: &mut FileNotes,
    group: Option<&str>,
    category: &str,
    value: &str,
    line: usize,
) -> Result<(), LineError> {
    let Some(group) = group else {
        return Ok(());
    };
    let same = |slot: &mut Option<(String, usize)>, what: &str| match slot {
        Some((first, first_line)) if first != value => Err(LineError::new(
            Some(line),
            format!(
                "{what} `{value}` differs from `{first}` (line {first_line}): one import has one {what}"
            ),
        )),
        Some(_) => Ok(()),
        None => {
            *slot = Some((value.to_owned(), line));
            Ok(())
        }
    };
    match category {
        "translator" => same(&mut notes.translator, "translator")?,
        "date" => same(&mut notes.date, "date")?,
        "exported" => same(&mut notes.exported, "export date")?,
        "reviewed" => {
            let flag = match value.to_ascii_lowercase().as_str() {
                "yes" | "true" => true,
                "no" | "false" => false,
                _ => {
                    return Err(LineError::new(
                        Some(line),
                        format!("the reviewed note says `{value}`: write yes or no"),
                    ));
                }
            };
            imported.reviewed.insert(group.to_owned(), (flag, line));
        }
        _ => {}
    }
    imported.translator = notes.translator.clone();
    imported.date = notes.date.clone();
    imported.exported = notes.exported.clone();
    Ok(())
}

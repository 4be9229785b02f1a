//! Printable export of a safety plan as a PDF. The file is not encrypted — the UI says so before anything is
//! written — and its title is neutral unless the user asks otherwise.
//!
//! Text is shaped with rustybuzz (Arabic joins, Khmer stacks) using the same bundled Noto fonts as the window, with
//! a font chosen per character run, and right-to-left lines put in visual order the same way the window does.

use std::collections::BTreeMap;
use std::path::Path;

use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::content::model::{FieldKind, SafetyPlanTemplate};
use crate::i18n::{
    BUNDLED_FONTS, has_right_to_left, keep_numbers_together, shaped_as_arabic, visual_line,
};
use crate::vault::model::{NeedStatus, PlanValue};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The PDF library could not assemble the document.
    #[error("the PDF could not be assembled")]
    Build,
    /// A bundled font could not be read (a broken build).
    #[error("a bundled font could not be read")]
    Font,
    /// The file could not be written (disk full, permission denied…); the OS message follows.
    #[error("{0}")]
    Write(#[from] std::io::Error),
}

/// Words the document needs in the user's language.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    /// Page title: neutral ("Personal plan") unless the user opted in to naming the topic.
    pub title: String,
    /// A line under the title (for example the date).
    pub subtitle: String,
    /// The word printed for a ticked yes/no field.
    pub yes: String,
    /// Need status: not needed.
    pub not_needed: String,
    /// Need status: to do.
    pub to_do: String,
    /// Need status: in progress.
    pub in_progress: String,
    /// Need status: done.
    pub done: String,
    /// The "not yet reviewed" note, when the document's language is an unreviewed translation.
    pub unreviewed_note: Option<String>,
}

/// The plan as printable text: a title and sections of (label, value) lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanDocument {
    pub(crate) title: String,
    pub(crate) subtitle: String,
    /// Printed small under the subtitle: the translation is not yet professionally reviewed.
    pub note: Option<String>,
    pub(crate) sections: Vec<(String, Vec<(String, String)>)>,
}

impl PlanDocument {
    /// Builds the printable plan from the worksheet template and the values entered; empty fields are left out.
    pub fn from_plan(
        template: &SafetyPlanTemplate,
        values: &BTreeMap<String, PlanValue>,
        labels: &Labels,
    ) -> Self {
        let mut sections = Vec::new();
        for section in &template.sections {
            let mut lines = Vec::new();
            for field in &section.fields {
                let value = match (field.kind, values.get(&field.id)) {
                    (FieldKind::Text, Some(PlanValue::Text(text))) if !text.trim().is_empty() => {
                        text.clone()
                    }
                    (FieldKind::Check, Some(PlanValue::Check(true))) => labels.yes.clone(),
                    (FieldKind::Scale, Some(PlanValue::Scale(level))) => format!("{level} / 10"),
                    (FieldKind::Need, Some(PlanValue::Need { status, notes }))
                        if *status != NeedStatus::NotNeeded =>
                    {
                        let status = match status {
                            NeedStatus::NotNeeded => &labels.not_needed,
                            NeedStatus::ToDo => &labels.to_do,
                            NeedStatus::InProgress => &labels.in_progress,
                            NeedStatus::Done => &labels.done,
                        };
                        if notes.trim().is_empty() {
                            status.clone()
                        } else {
                            format!("{status}: {notes}")
                        }
                    }
                    _ => continue,
                };
                lines.push((field.label.clone(), value));
            }
            if !lines.is_empty() {
                sections.push((section.title.clone(), lines));
            }
        }
        Self {
            title: labels.title.clone(),
            subtitle: labels.subtitle.clone(),
            note: labels.unreviewed_note.clone(),
            sections,
        }
    }
}

/// A4 in points, and the margin around the text.
const PAGE_WIDTH: f32 = 595.3;
const PAGE_HEIGHT: f32 = 841.9;
const MARGIN: f32 = 56.0;

/// A bundled font, loaded once for both shaping and embedding.
struct LoadedFont {
    face: rustybuzz::Face<'static>,
    pdf: Font,
}

/// Which bundled font draws a character: the script fonts for Arabic, Khmer and Han, Noto Sans for the rest.
fn font_index(c: char) -> usize {
    match c {
        c if shaped_as_arabic(c) => 1,
        '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' => 2,
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' => 3,
        _ => 0,
    }
}

/// A shaped run of one font, ready to draw.
struct Run {
    font: usize,
    text: String,
    glyphs: Vec<KrillaGlyph>,
    /// Width in em.
    width: f32,
}

/// One line placed on a page.
struct PlacedLine {
    x: f32,
    y: f32,
    size: f32,
    runs: Vec<Run>,
}

struct Layout {
    fonts: Vec<LoadedFont>,
    pages: Vec<Vec<PlacedLine>>,
    y: f32,
}

impl Layout {
    fn new() -> Result<Self, ExportError> {
        let mut fonts = Vec::new();
        for (_, bytes) in BUNDLED_FONTS.iter().take(4) {
            let face = rustybuzz::Face::from_slice(bytes, 0).ok_or(ExportError::Font)?;
            let pdf = Font::new(bytes.to_vec().into(), 0).ok_or(ExportError::Font)?;
            fonts.push(LoadedFont { face, pdf });
        }
        Ok(Self {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN,
        })
    }

    /// Shapes `text` (one font) into glyphs whose advances are in em.
    fn shape(&self, font: usize, text: &str) -> Run {
        let loaded = &self.fonts[font];
        let units = u16::try_from(loaded.face.units_per_em())
            .ok()
            .filter(|u| *u > 0)
            .map_or(1000.0, f32::from);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let right_to_left = buffer.direction() == rustybuzz::Direction::RightToLeft;
        let output = rustybuzz::shape(&loaded.face, &[], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width = 0.0;
        for (index, (info, position)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // A glyph's text is its cluster: up to the next cluster in logical order.
            let neighbour = if right_to_left {
                index.checked_sub(1)
            } else {
                Some(index + 1)
            };
            let end = neighbour
                .and_then(|n| infos.get(n))
                .map(|n| n.cluster as usize)
                .filter(|end| *end > start)
                .unwrap_or(text.len());
            let advance = position.x_advance as f32 / units;
            width += advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                position.x_offset as f32 / units,
                position.y_offset as f32 / units,
                position.y_advance as f32 / units,
                start..end,
                None,
            ));
        }
        Run {
            font,
            text: text.to_owned(),
            glyphs,
            width,
        }
    }

    /// Splits a word into runs by font and shapes them. A right-to-left word arrives in display order (`visual_line`
    /// has put its Arabic runs and the punctuation between them in place); each Arabic run is shaped right to left.
    fn shape_word(&self, word: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        let mut current = String::new();
        let mut current_font = None;
        for c in word.chars() {
            let font = font_index(c);
            if current_font.is_some_and(|f| f != font) {
                runs.push(self.shape(current_font.unwrap_or(0), &current));
                current.clear();
            }
            current_font = Some(font);
            current.push(c);
        }
        if let Some(font) = current_font {
            runs.push(self.shape(font, &current));
        }
        runs
    }

    /// Breaks text into pieces that may end a line: words, and single characters of scripts written without spaces.
    fn pieces(text: &str) -> Vec<String> {
        let mut pieces = Vec::new();
        // ASCII whitespace only: the no-break spaces inside a right-to-left text's phone number keep it whole.
        for word in keep_numbers_together(text).split_ascii_whitespace() {
            if word.chars().any(|c| matches!(font_index(c), 2 | 3)) {
                pieces.extend(word.chars().map(String::from));
            } else {
                pieces.push(word.to_owned());
            }
        }
        pieces
    }

    /// Lays out a paragraph at `size` points, indented by `indent`, starting new pages as needed.
    fn paragraph(&mut self, text: &str, size: f32, indent: f32, space_after: f32) {
        let max_width = (PAGE_WIDTH - 2.0 * MARGIN - indent) / size;
        let space = self.shape(0, " ").width;
        let right_to_left = has_right_to_left(text);
        let no_space_script = |piece: &str| piece.chars().any(|c| matches!(font_index(c), 2 | 3));
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut width = 0.0;
        let mut previous_joins = false;
        for piece in Self::pieces(text) {
            let piece_width: f32 = self.shape_word(&piece).iter().map(|r| r.width).sum();
            let joins = no_space_script(&piece);
            let gap = if line.is_empty() || (joins && previous_joins) {
                0.0
            } else {
                space
            };
            if !line.is_empty() && width + gap + piece_width > max_width {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            } else if gap > 0.0 {
                line.push(' ');
                width += gap;
            }
            line.push_str(&piece);
            width += piece_width;
            previous_joins = joins;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        for line in lines {
            let shown = if right_to_left {
                visual_line(&line)
            } else {
                line
            };
            let mut runs = Vec::new();
            for (n, word) in shown.split(' ').enumerate() {
                if n > 0 {
                    runs.push(self.shape(0, " "));
                }
                runs.extend(self.shape_word(word));
            }
            let line_width: f32 = runs.iter().map(|r| r.width).sum::<f32>() * size;
            let line_height = size * 1.45;
            if self.y + line_height > PAGE_HEIGHT - MARGIN {
                self.pages.push(Vec::new());
                self.y = MARGIN;
            }
            self.y += line_height;
            let x = if right_to_left {
                PAGE_WIDTH - MARGIN - indent - line_width
            } else {
                MARGIN + indent
            };
            if let Some(page) = self.pages.last_mut() {
                page.push(PlacedLine {
                    x,
                    y: self.y,
                    size,
                    runs,
                });
            }
        }
        self.y += space_after;
    }
}

/// Renders the plan as PDF bytes.
pub fn render_pdf(plan: &PlanDocument) -> Result<Vec<u8>, ExportError> {
    let mut layout = Layout::new()?;
    layout.paragraph(&plan.title, 20.0, 0.0, 4.0);
    if let Some(note) = &plan.note {
        layout.paragraph(&plan.subtitle, 10.0, 0.0, 2.0);
        layout.paragraph(note, 8.0, 0.0, 14.0);
    } else {
        layout.paragraph(&plan.subtitle, 10.0, 0.0, 14.0);
    }
    for (heading, lines) in &plan.sections {
        layout.paragraph(heading, 14.0, 0.0, 4.0);
        for (label, value) in lines {
            layout.paragraph(label, 10.0, 0.0, 1.0);
            for value_line in value.lines() {
                layout.paragraph(value_line, 11.5, 12.0, 0.0);
            }
            layout.y += 6.0;
        }
        layout.y += 8.0;
    }
    let mut document = Document::new();
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(ExportError::Build)?;
    for placed_lines in &layout.pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for line in placed_lines {
            let mut x = line.x;
            for run in &line.runs {
                let font = layout.fonts[run.font].pdf.clone();
                surface.draw_glyphs(
                    Point::from_xy(x, line.y),
                    &run.glyphs,
                    font,
                    &run.text,
                    line.size,
                    false,
                );
                x += run.width * line.size;
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| ExportError::Build)
}

/// Where to offer saving the plan when no save dialog could open (Linux without an xdg-desktop-portal): the
/// user's Documents folder, else their home folder, under a name no file has yet ("plan.pdf", "plan-2.pdf", …).
pub fn suggested_path() -> std::path::PathBuf {
    let dirs = directories::UserDirs::new();
    let folder = dirs
        .as_ref()
        .and_then(|d| d.document_dir().map(Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_default();
    free_name_in(&folder, "plan", "pdf")
}

/// `folder/stem.extension`, or `folder/stem-N.extension` with the first N from 2 that names no existing file.
pub fn free_name_in(folder: &Path, stem: &str, extension: &str) -> std::path::PathBuf {
    let first = folder.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..10_000)
        .map(|n| folder.join(format!("{stem}-{n}.{extension}")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

/// Writes the PDF where the user chose, replacing any file there only once the new one is complete.
pub fn save_pdf(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    // The plan is plaintext about a patient: readable by the user alone, whatever the umask says.
    Ok(crate::safe_write::write(
        path,
        bytes,
        crate::safe_write::Access::Private,
    )?)
}

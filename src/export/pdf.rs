//! The PDF engine every export shares: text shaped with rustybuzz (Arabic joins, Khmer stacks) using the same
//! bundled Noto fonts as the window, a font chosen per character run, right-to-left lines put in visual order the
//! same way the window does, and every line tagged (PDF/UA-1 as far as krilla supports it) with its language, so a
//! screen reader reads the document in order and in the right voice.

use krilla::configure::{Accessibility, ConfigurationBuilder, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use super::ExportError;
use crate::i18n::{
    BUNDLED_FONTS, has_right_to_left, keep_numbers_together, shaped_as_arabic, visual_line,
};

/// What a block of text is, for the structure a screen reader announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The document's title (a level-1 heading, and the outline's first entry).
    Title,
    /// A section heading (level 2, in the outline).
    Heading,
    /// A paragraph.
    Body,
}

/// A paragraph to lay out: its text, language (BCP 47), size and spacing.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub(crate) role: Role,
    pub(crate) text: String,
    pub(crate) lang: String,
    pub(crate) size: f32,
    pub(crate) indent: f32,
    pub(crate) space_after: f32,
}

impl Block {
    pub(crate) fn new(role: Role, text: &str, lang: &str, size: f32) -> Self {
        Self {
            role,
            text: text.to_owned(),
            lang: lang.to_owned(),
            size,
            indent: 0.0,
            space_after: 0.0,
        }
    }

    pub(crate) fn indent(mut self, indent: f32) -> Self {
        self.indent = indent;
        self
    }

    pub(crate) fn after(mut self, space: f32) -> Self {
        self.space_after = space;
        self
    }
}

/// A document ready to draw: title and language for the metadata (nothing else is written there), the blocks in
/// reading order, and optionally a block printed at the top of every page.
#[derive(Clone, Debug)]
pub(crate) struct Doc {
    pub(crate) title: String,
    pub(crate) lang: String,
    pub(crate) every_page: Option<Block>,
    pub(crate) blocks: Vec<Block>,
}

/// A4 in points, and the margin around the text.
pub(crate) const A4_WIDTH: f32 = 595.3;
pub(crate) const A4_HEIGHT: f32 = 841.9;
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

/// One line placed on a page, belonging to a structure group (`None`: a decorative copy, an artifact).
pub(crate) struct PlacedLine {
    x: f32,
    y: f32,
    size: f32,
    runs: Vec<Run>,
    group: usize,
}

/// A structure element being built: its role, language and text (for headings' titles and the outline).
struct Group {
    role: Role,
    lang: String,
    text: String,
    /// Page and position of its first line, for the outline.
    first: Option<(usize, f32, f32)>,
}

/// The rectangle text flows in, in points from the page's top left.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub(crate) left: f32,
    pub(crate) top: f32,
    pub(crate) width: f32,
    pub(crate) bottom: f32,
}

impl Frame {
    fn page(width: f32, height: f32) -> Self {
        Self {
            left: MARGIN,
            top: MARGIN,
            width: width - 2.0 * MARGIN,
            bottom: height - MARGIN,
        }
    }
}

pub(crate) struct Layout {
    fonts: Vec<LoadedFont>,
    pub(crate) pages: Vec<Vec<PlacedLine>>,
    groups: Vec<Group>,
    frame: Frame,
    pub(crate) y: f32,
    every_page: Option<Block>,
    /// The current page holds a line besides its every-page label (only then may a block start another).
    page_used: bool,
}

impl Layout {
    pub(crate) fn new(frame: Frame) -> Result<Self, ExportError> {
        let mut fonts = Vec::new();
        // The script fonts first (`font_index` numbers them), then maths and symbols as fallbacks.
        for (_, bytes) in BUNDLED_FONTS.iter() {
            let face = rustybuzz::Face::from_slice(bytes, 0).ok_or(ExportError::Font)?;
            let pdf = Font::new(bytes.to_vec().into(), 0).ok_or(ExportError::Font)?;
            fonts.push(LoadedFont { face, pdf });
        }
        Ok(Self {
            fonts,
            pages: vec![Vec::new()],
            groups: Vec::new(),
            frame,
            y: frame.top,
            every_page: None,
            page_used: false,
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
            // No "missing glyph" box in a PDF/UA file: a character the font lacks is left out.
            if info.glyph_id == 0 {
                continue;
            }
            let start = info.cluster as usize;
            // A glyph's text is its cluster: up to the next cluster in logical order. Glyphs of one cluster (a
            // Khmer vowel drawn in two parts, a base with its subscript) share its whole text.
            let later = |n: &usize| {
                infos
                    .get(*n)
                    .map(|i| i.cluster as usize)
                    .filter(|c| *c > start)
            };
            let end = if right_to_left {
                (0..index).rev().find_map(|n| later(&n))
            } else {
                (index + 1..infos.len()).find_map(|n| later(&n))
            }
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

    /// Whether bundled font `font` has a glyph for `c`.
    fn covers(&self, font: usize, c: char) -> bool {
        self.fonts
            .get(font)
            .is_some_and(|f| f.face.glyph_index(c).is_some())
    }

    /// The font that draws `c`: its script's font when that has it, else the first bundled font that does.
    fn font_for(&self, c: char) -> Option<usize> {
        let preferred = font_index(c);
        if self.covers(preferred, c) {
            return Some(preferred);
        }
        (0..self.fonts.len()).find(|font| self.covers(*font, c))
    }

    /// `text` with every character no bundled font draws (an emoji, a script Harbor has no font for) shown as
    /// "?": a PDF/UA file may not draw the "missing glyph" box, and the export must not fail over one character.
    /// Spaces and invisible formatting marks are left to the shaper.
    fn drawable(&self, text: &str) -> String {
        text.chars()
            // Characters a PDF's text mapping may not hold (krilla refuses them): dropped.
            .filter(|c| !matches!(c, '\0' | '\u{FEFF}' | '\u{FFFE}'))
            .map(|c| {
                let invisible = c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}');
                if invisible || self.font_for(c).is_some() {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    }

    /// Splits a word into runs by font and shapes them. A right-to-left word arrives in display order (`visual_line`
    /// has put its Arabic runs and the punctuation between them in place); each Arabic run is shaped right to left.
    fn shape_word(&self, word: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        let mut current = String::new();
        let mut current_font = None;
        for c in word.chars() {
            let font = self.font_for(c).unwrap_or(0);
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

    /// Breaks text into pieces that may end a line, each marked with whether a space comes before it: words, and
    /// within a word of a script written without spaces, its syllables (Khmer: a base with its marks and subscript
    /// consonants, never split) and Han characters. Latin, digits and punctuation inside such a word stay whole.
    fn pieces(text: &str) -> Vec<(String, bool)> {
        let mut pieces = Vec::new();
        // ASCII whitespace only: the no-break spaces inside a right-to-left text's phone number keep it whole.
        for word in keep_numbers_together(text).split_ascii_whitespace() {
            let mut current = String::new();
            let mut previous: Option<char> = None;
            let mut first = true;
            for c in word.chars() {
                let khmer_mark = matches!(c, '\u{17B4}'..='\u{17D3}' | '\u{17DD}');
                let after_coeng = previous == Some('\u{17D2}');
                let breakable = |c: char| matches!(font_index(c), 2 | 3);
                let starts_piece = match previous {
                    None => false,
                    Some(p) if khmer_mark || after_coeng => font_index(p) != 2,
                    // Han: every character; Khmer: every base; a change between such scripts and the rest.
                    Some(p) => breakable(c) || breakable(p),
                };
                if starts_piece && !current.is_empty() {
                    pieces.push((std::mem::take(&mut current), first));
                    first = false;
                }
                current.push(c);
                previous = Some(c);
            }
            if !current.is_empty() {
                pieces.push((current, first));
            }
        }
        pieces
    }

    /// The lines `text` breaks into at `size` points in `width` points.
    fn break_lines(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let max_width = width / size;
        let space = self.shape(0, " ").width;
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut current = 0.0;
        let width_of =
            |piece: &str| -> f32 { self.shape_word(piece).iter().map(|r| r.width).sum() };
        // A word wider than the line (a long web address, a name typed without spaces) breaks between its
        // characters rather than running off the page or the card.
        let mut pieces = Vec::new();
        for (piece, spaced) in Self::pieces(text) {
            if width_of(&piece) > max_width {
                pieces.extend(
                    piece
                        .chars()
                        .enumerate()
                        .map(|(n, c)| (c.to_string(), spaced && n == 0)),
                );
            } else {
                pieces.push((piece, spaced));
            }
        }
        for (piece, spaced) in pieces {
            let piece_width = width_of(&piece);
            let gap = if line.is_empty() || !spaced {
                0.0
            } else {
                space
            };
            if !line.is_empty() && current + gap + piece_width > max_width {
                lines.push(std::mem::take(&mut line));
                current = 0.0;
            } else if gap > 0.0 {
                line.push(' ');
                current += gap;
            }
            line.push_str(&piece);
            current += piece_width;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.frame.top;
        if let Some(label) = self.every_page.clone() {
            self.block(&label);
        }
        self.page_used = false;
    }

    /// Lays out a block in the frame, starting new pages as needed; each block is one structure element.
    pub(crate) fn block(&mut self, block: &Block) {
        let group = self.groups.len();
        self.groups.push(Group {
            role: block.role,
            lang: block.lang.clone(),
            text: block.text.clone(),
            first: None,
        });
        let size = block.size;
        let text = self.drawable(&block.text);
        // A right-to-left language's block is right-aligned even where a line holds only digits or Latin (a date,
        // "8 / 10"); only text with right-to-left letters is reordered.
        let right_to_left = has_right_to_left(&text)
            || crate::i18n::language(&block.lang).is_some_and(|l| l.right_to_left);
        let reorder = has_right_to_left(&text);
        for text_line in text.lines() {
            for line in self.break_lines(text_line, size, self.frame.width - block.indent) {
                let shown = if reorder { visual_line(&line) } else { line };
                let mut runs = Vec::new();
                for (n, word) in shown.split(' ').enumerate() {
                    if n > 0 {
                        runs.push(self.shape(0, " "));
                    }
                    runs.extend(self.shape_word(word));
                }
                let line_width: f32 = runs.iter().map(|r| r.width).sum::<f32>() * size;
                // Khmer's stacked vowels and subscripts need more room than Latin.
                let factor = if shown.chars().any(|c| font_index(c) == 2) {
                    1.6
                } else {
                    1.4
                };
                let line_height = size * factor;
                if self.y + line_height > self.frame.bottom && self.page_used {
                    self.new_page();
                }
                self.y += line_height;
                let x = if right_to_left {
                    self.frame.left + self.frame.width - block.indent - line_width
                } else {
                    self.frame.left + block.indent
                };
                let page = self.pages.len() - 1;
                if let Some(g) = self.groups.get_mut(group)
                    && g.first.is_none()
                {
                    g.first = Some((page, x, self.y - size));
                }
                self.page_used = true;
                if let Some(page) = self.pages.last_mut() {
                    page.push(PlacedLine {
                        x,
                        y: self.y,
                        size,
                        runs,
                        group,
                    });
                }
            }
        }
        self.y += block.space_after;
    }

    /// Draws one placed line at an offset, tagged as the span of its group (or as an artifact copy).
    fn draw_line(
        &self,
        surface: &mut Surface<'_>,
        line: &PlacedLine,
        offset: (f32, f32),
        copy: bool,
    ) -> Option<Identifier> {
        let lang = self.groups.get(line.group).map(|g| g.lang.as_str());
        let id = if copy {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            None
        } else {
            Some(surface.start_tagged(ContentTag::Span(SpanTag::empty().with_lang(lang))))
        };
        let mut x = line.x + offset.0;
        for run in &line.runs {
            let font = self.fonts[run.font].pdf.clone();
            surface.draw_glyphs(
                Point::from_xy(x, line.y + offset.1),
                &run.glyphs,
                font,
                &run.text,
                line.size,
                false,
            );
            x += run.width * line.size;
        }
        surface.end_tagged();
        id
    }

    /// The tag tree and outline from the groups and the identifiers their lines were drawn under.
    fn structure(&self, ids: Vec<Vec<Identifier>>, lang: &str) -> (TagTree, Outline) {
        let mut tree = TagTree::new().with_lang(Some(lang.to_owned()));
        let mut outline = Outline::new();
        for (group, ids) in self.groups.iter().zip(ids) {
            if ids.is_empty() {
                continue;
            }
            let title = group.text.replace('\n', " ");
            let mut tag: TagKind = match group.role {
                Role::Title => Tag::Hn(std::num::NonZeroU16::MIN, Some(title.clone())).into(),
                Role::Heading => Tag::Hn(
                    std::num::NonZeroU16::MIN.saturating_add(1),
                    Some(title.clone()),
                )
                .into(),
                Role::Body => Tag::P.into(),
            };
            tag.set_lang(Some(group.lang.clone()));
            let children = ids.into_iter().map(Into::into).collect();
            tree.push(TagGroup::with_children(tag, children));
            if group.role != Role::Body
                && let Some((page, x, y)) = group.first
            {
                outline.push_child(OutlineNode::new(
                    title,
                    XyzDestination::new(page, Point::from_xy(x, y)),
                ));
            }
        }
        (tree, outline)
    }
}

/// A4 pages with the document flowing down them.
pub(crate) fn render(doc: &Doc) -> Result<Vec<u8>, ExportError> {
    let mut layout = Layout::new(Frame::page(A4_WIDTH, A4_HEIGHT))?;
    layout.every_page = doc.every_page.clone();
    if let Some(label) = doc.every_page.clone() {
        layout.block(&label);
        layout.page_used = false;
    }
    for block in &doc.blocks {
        layout.block(block);
    }
    let mut document = new_document(doc)?;
    let settings = PageSettings::from_wh(A4_WIDTH, A4_HEIGHT).ok_or(ExportError::Build)?;
    let mut ids: Vec<Vec<Identifier>> = layout.groups.iter().map(|_| Vec::new()).collect();
    for placed_lines in &layout.pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for line in placed_lines {
            if let Some(id) = layout.draw_line(&mut surface, line, (0.0, 0.0), false)
                && let Some(list) = ids.get_mut(line.group)
            {
                list.push(id);
            }
        }
        surface.finish();
        page.finish();
    }
    finish(document, &layout, ids, doc)
}

/// A sheet of identical pocket cards: the first is the tagged content, the others decorative copies (a screen
/// reader reads the card once), each with a light dashed edge to cut along.
pub(crate) fn render_cards(
    doc: &Doc,
    sheet: (f32, f32),
    card: (f32, f32),
    grid: (usize, usize),
    padding: f32,
) -> Result<Vec<u8>, ExportError> {
    let frame = Frame {
        left: padding,
        top: padding,
        width: card.0 - 2.0 * padding,
        bottom: card.1 - padding,
    };
    let mut layout = Layout::new(frame)?;
    for block in &doc.blocks {
        layout.block(block);
    }
    if layout.pages.len() > 1 {
        // The card must fit: the text is too long for the pocket size.
        return Err(ExportError::TooLong);
    }
    let mut document = new_document(doc)?;
    let settings = PageSettings::from_wh(sheet.0, sheet.1).ok_or(ExportError::Build)?;
    let mut ids: Vec<Vec<Identifier>> = layout.groups.iter().map(|_| Vec::new()).collect();
    let origin_x = (sheet.0 - card.0 * grid.0 as f32) / 2.0;
    let origin_y = (sheet.1 - card.1 * grid.1 as f32) / 2.0;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    for row in 0..grid.1 {
        for column in 0..grid.0 {
            let offset = (
                origin_x + card.0 * column as f32,
                origin_y + card.1 * row as f32,
            );
            let copy = row > 0 || column > 0;
            cut_edge(&mut surface, offset, card);
            for line in layout.pages.iter().flatten() {
                if let Some(id) = layout.draw_line(&mut surface, line, offset, copy)
                    && let Some(list) = ids.get_mut(line.group)
                {
                    list.push(id);
                }
            }
        }
    }
    surface.finish();
    page.finish();
    finish(document, &layout, ids, doc)
}

/// A light dashed rectangle around a card, marked as an artifact (cut marks are not content).
fn cut_edge(surface: &mut Surface<'_>, offset: (f32, f32), card: (f32, f32)) {
    let Some(rect) = Rect::from_xywh(offset.0, offset.1, card.0, card.1) else {
        return;
    };
    let mut builder = PathBuilder::new();
    builder.push_rect(rect);
    let Some(path) = builder.finish() else {
        return;
    };
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Page,
    )));
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        width: 0.5,
        dash: Some(StrokeDash {
            array: vec![3.0, 3.0],
            offset: 0.0,
        }),
        paint: krilla::color::rgb::Color::new(150, 150, 150).into(),
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
    surface.end_tagged();
}

/// A PDF/UA-1 document: tagged, with its language and a title (the neutral one the export chose) and nothing
/// else in its metadata — no subject, keywords, author or dates.
fn new_document(doc: &Doc) -> Result<Document, ExportError> {
    let configuration = ConfigurationBuilder::new()
        .set_validator(Validator::Ua(Accessibility::UA1))
        .finish()
        .map_err(|_| ExportError::Build)?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.clone()),
    );
    Ok(document)
}

fn finish(
    mut document: Document,
    layout: &Layout,
    ids: Vec<Vec<Identifier>>,
    doc: &Doc,
) -> Result<Vec<u8>, ExportError> {
    let (tree, outline) = layout.structure(ids, &doc.lang);
    document.set_tag_tree(tree);
    document.set_outline(outline);
    document.finish().map_err(|_| ExportError::Build)
}

//! The pocket card: the help line's numbers first and large, "call" and "text" labelled, the line's current name
//! (or, discreetly, a harmless one), its own claim about interpreters with the source and the date it was read,
//! and the not-yet-reviewed mark on an unreviewed translation. Eight cards to a US Letter sheet; the grid also fits
//! an A4 sheet printed at actual size.

use rust_i18n::t;

use super::ExportError;
use super::pdf::{Block, Doc, Role, render_cards};
use crate::content::Content;
use crate::content::load::is_reviewed;
pub use crate::take_home::{CardOptions, HOTLINE_RESOURCE, HOTLINE_SOURCE, HOTLINE_SOURCE_READ};

/// The help line's numbers, as the content pack prints them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpLine {
    /// The number to call.
    pub call: String,
    /// The number to text.
    pub text: Option<String>,
}

impl HelpLine {
    /// The national hotline's numbers from a content pack (one source of truth with the Resources tab).
    pub fn from_content(content: &Content) -> Option<Self> {
        use crate::content::model::ContactKind;
        let resource = content
            .resources
            .groups
            .iter()
            .flat_map(|g| &g.resources)
            .find(|r| r.id == HOTLINE_RESOURCE)?;
        let number = |kind: ContactKind| {
            resource
                .contacts
                .iter()
                .find(|c| c.kind == kind)
                .map(|c| c.number.clone())
        };
        Some(Self {
            call: number(ContactKind::Phone)?,
            text: number(ContactKind::Text),
        })
    }
}

/// The help line's name as printed: its own name, or in discreet mode the patient's choice or a neutral one.
pub(crate) fn line_name(locale: &str, discreet: bool, chosen: &str) -> String {
    if !discreet {
        t!("takehome.helpline_name", locale = locale).into_owned()
    } else if chosen.trim().is_empty() {
        t!("takehome.helpline_discreet", locale = locale).into_owned()
    } else {
        chosen.trim().to_owned()
    }
}

/// The card's text as blocks, in reading order.
pub(crate) fn card_blocks(options: &CardOptions, line: &HelpLine, scale: f32) -> Vec<Block> {
    let locale = options.locale.as_str();
    let lang = locale;
    // The numbers never grow past 19 pt (a longer label would wrap them); the rest grows to fill the card.
    let big = 19.0 * scale.min(1.0);
    let small = 8.5 * scale;
    let tiny = 6.5 * scale;
    let mut blocks = vec![Block::new(
        Role::Body,
        &format!("{}: {}", t!("takehome.call", locale = locale), line.call),
        lang,
        big,
    )];
    if let Some(text) = &line.text {
        blocks.push(Block::new(
            Role::Body,
            &format!("{}: {text}", t!("takehome.text", locale = locale)),
            lang,
            big,
        ));
    }
    blocks.push(
        Block::new(
            Role::Heading,
            &line_name(locale, options.discreet, &options.name),
            lang,
            11.0 * scale,
        )
        .after(1.0),
    );
    blocks.push(Block::new(
        Role::Body,
        &t!("takehome.hours", locale = locale),
        lang,
        small,
    ));
    blocks.push(
        Block::new(
            Role::Body,
            &t!("takehome.languages", locale = locale),
            lang,
            small,
        )
        .after(1.0),
    );
    // The source names the line's purpose in its address: left off a discreet card.
    if !options.discreet {
        blocks.push(Block::new(
            Role::Body,
            &t!(
                "takehome.card_source",
                locale = locale,
                source = HOTLINE_SOURCE.trim_start_matches("https://"),
                date = HOTLINE_SOURCE_READ
            ),
            lang,
            tiny,
        ));
    }
    if !is_reviewed(locale) {
        blocks.push(Block::new(
            Role::Body,
            &t!("takehome.unreviewed_short", locale = locale),
            lang,
            tiny,
        ));
    }
    blocks
}

/// US Letter, in points.
const SHEET: (f32, f32) = (612.0, 792.0);
/// One card: 95 × 64 mm, a little larger than a bank card, in points.
const CARD: (f32, f32) = (269.3, 181.4);
/// Two across, four down: 539 × 726 pt, inside both US Letter and A4.
const GRID: (usize, usize) = (2, 4);

/// The sheet of pocket cards as PDF bytes. The print is as large as the card allows: larger for a short
/// translation, smaller only as far as a long one needs.
pub fn card_pdf(options: &CardOptions, line: &HelpLine) -> Result<Vec<u8>, ExportError> {
    let title = line_name(&options.locale, options.discreet, &options.name);
    for scale in [1.4, 1.3, 1.2, 1.1, 1.0, 0.93, 0.86, 0.8, 0.75] {
        let doc = Doc {
            title: title.clone(),
            lang: options.locale.clone(),
            every_page: None,
            blocks: card_blocks(options, line, scale),
        };
        match render_cards(&doc, SHEET, CARD, GRID, 12.0) {
            Err(ExportError::TooLong) => continue,
            other => return other,
        }
    }
    Err(ExportError::TooLong)
}

//! Checks that make guidance safe to rely on, run by `--check-content` beside the structural checks of
//! [`super::validate`]: every file says where it comes from and when it was reviewed; every "since the guidebook"
//! note has a dated public source and concerns items that exist; every path through the reporting helper ends in an
//! outcome and never shows "must not report" beside a mandated report of the same thing; and no translation changes
//! a number, short code or web address.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::ContentFile;
use super::model::{
    Block, IndicatorPack, OutcomeKind, Page, Provenance, QuestionPack, ReportingRules,
    ResourcePack, Role, SafetyPlanTemplate, Translation, UpdateNote,
};
use super::source::{Problem, Severity, Source, ids_with_lines, parse, translation_locales};
use super::texts::Texts;

/// A file whose newest review is older than this is flagged (and the app says so).
pub(crate) const REVIEW_DUE_AFTER_DAYS: i64 = 365;

/// Days since 1970-01-01 of an ISO date (`2026-11-30`), or `None` if it is not one.
pub fn days_from_iso(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if date.len() != 10 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Civil-from-days inverse (H. Hinnant's algorithm): exact for the proleptic Gregorian calendar.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// Today's date as days since 1970-01-01, from the system clock (UTC).
pub fn today_days() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| (elapsed.as_secs() / 86_400) as i64)
}

/// Whether a file last reviewed on `last_review` is due for review on day `today`.
pub fn review_is_due(last_review: &str, today: i64) -> bool {
    days_from_iso(last_review).is_none_or(|day| today - day > REVIEW_DUE_AFTER_DAYS)
}

/// Runs every guidance check on the pack at `dir`; only files present are checked.
pub(crate) fn check_guidance(dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let english: Vec<(ContentFile, Source)> = ContentFile::ALL
        .into_iter()
        .filter_map(|file| read(dir, "en", file).map(|source| (file, source)))
        .collect();
    let known_ids: BTreeSet<String> = english
        .iter()
        .flat_map(|(_, source)| ids_with_lines(&source.text))
        .map(|(id, _)| id)
        .collect();
    let today = today_days();
    for (file, source) in &english {
        let Some(parsed) = EnglishFile::parse(*file, source) else {
            continue; // A parse error is reported by the structural checks.
        };
        let first = problems.len();
        check_provenance(&mut problems, source, parsed.provenance(), today);
        for note in parsed.update_notes() {
            check_update_note(&mut problems, source, note, &known_ids);
        }
        if let EnglishFile::Reporting(rules) = &parsed {
            check_rules(&mut problems, source, rules);
        }
        fill_lines(&mut problems[first..], source);
        check_translated_numbers(&mut problems, dir, *file, &parsed.texts());
    }
    problems
}

fn read(dir: &Path, locale: &str, file: ContentFile) -> Option<Source> {
    let relative = format!("{locale}/{}.ron", file.stem());
    // A file over the limits is reported by the structural checks.
    let text = crate::limits::read_text_bounded(
        &dir.join(&relative),
        crate::limits::MAX_CONTENT_FILE_BYTES,
    )
    .ok()?;
    Some(Source {
        file: relative,
        text,
    })
}

/// One English file, parsed as its type.
enum EnglishFile {
    Page(Page),
    Indicators(IndicatorPack),
    Questions(QuestionPack),
    Reporting(ReportingRules),
    Resources(ResourcePack),
    SafetyPlan(SafetyPlanTemplate),
}

impl EnglishFile {
    fn parse(file: ContentFile, source: &Source) -> Option<Self> {
        Some(match file {
            ContentFile::Overview | ContentFile::Health | ContentFile::Response => {
                Self::Page(parse(source).ok()?)
            }
            ContentFile::Indicators => Self::Indicators(parse(source).ok()?),
            ContentFile::Questions => Self::Questions(parse(source).ok()?),
            ContentFile::Reporting => Self::Reporting(parse(source).ok()?),
            ContentFile::Resources => Self::Resources(parse(source).ok()?),
            ContentFile::SafetyPlan => Self::SafetyPlan(parse(source).ok()?),
        })
    }

    fn provenance(&self) -> Option<&Provenance> {
        match self {
            Self::Page(page) => page.provenance.as_ref(),
            Self::Indicators(pack) => pack.provenance.as_ref(),
            Self::Questions(pack) => pack.provenance.as_ref(),
            Self::Reporting(rules) => rules.provenance.as_ref(),
            Self::Resources(pack) => pack.provenance.as_ref(),
            Self::SafetyPlan(template) => template.provenance.as_ref(),
        }
    }

    /// Every "since the guidebook" note in the file.
    fn update_notes(&self) -> Vec<&UpdateNote> {
        fn in_sections(sections: &[super::model::Section]) -> Vec<&UpdateNote> {
            sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter_map(|block| match block {
                    Block::Update(note) => Some(note),
                    _ => None,
                })
                .collect()
        }
        match self {
            Self::Page(page) => in_sections(&page.sections),
            Self::Questions(pack) => in_sections(&pack.framing),
            Self::Reporting(rules) => {
                let mut notes = in_sections(&rules.sections);
                notes.extend(rules.outcomes.iter().flat_map(|o| &o.updates));
                notes
            }
            Self::Resources(pack) => pack
                .groups
                .iter()
                .flat_map(|g| &g.resources)
                .flat_map(|r| &r.updates)
                .collect(),
            Self::Indicators(_) | Self::SafetyPlan(_) => Vec::new(),
        }
    }

    /// Translation key → English text.
    fn texts(&self) -> BTreeMap<String, String> {
        let collected = match self {
            Self::Page(page) => page.collect_texts(),
            Self::Indicators(pack) => pack.collect_texts(),
            Self::Questions(pack) => pack.collect_texts(),
            Self::Reporting(rules) => rules.collect_texts(),
            Self::Resources(pack) => pack.collect_texts(),
            Self::SafetyPlan(template) => template.collect_texts(),
        };
        collected
            .into_iter()
            .map(|(key, _anchor, text)| (key, text))
            .collect()
    }
}

/// A problem about `item` of `source`; its line is filled in by [`fill_lines`].
fn problem(source: &Source, severity: Severity, item: Option<&str>, message: String) -> Problem {
    Problem {
        severity,
        file: source.file.clone(),
        item: item.map(str::to_owned),
        line: None,
        message,
    }
}

/// Gives each problem about an item of `source` the line of that item's id: one pass over the file, however many
/// problems there are (a lookup per problem made a pack with many problems quadratic).
fn fill_lines(problems: &mut [Problem], source: &Source) {
    if problems
        .iter()
        .all(|p| p.item.is_none() || p.line.is_some())
    {
        return;
    }
    let mut lines = std::collections::HashMap::new();
    for (id, line) in ids_with_lines(&source.text) {
        lines.entry(id).or_insert(line);
    }
    for problem in problems
        .iter_mut()
        .filter(|p| p.file == source.file && p.line.is_none())
    {
        problem.line = problem.item.as_ref().and_then(|id| lines.get(id).copied());
    }
}

fn is_web_address(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

/// Official domains whose pages count as a primary source for a "since the guidebook" note: government sites (a
/// legislature's statute text, a regulation on ecfr.gov, CDC/NCHS and CMS code files, HHS/ACF announcements, a state
/// agency's page, a court), intergovernmental bodies (ILO, WHO, IOM, the UN), the DOI resolver and the publisher of a
/// peer-reviewed study, and the National Human Trafficking Hotline's own site for what its operator states. A name
/// ending in `.gov` counts, so does any subdomain of a listed name. Aggregators, blogs and code look-up sites do not.
pub const PRIMARY_DOMAINS: [&str; 11] = [
    ".gov",
    ".mil",
    "ilo.org",
    "who.int",
    "iom.int",
    "un.org",
    "unodc.org",
    "walkfree.org",
    "doi.org",
    "publications.aap.org",
    "humantraffickinghotline.org",
];

/// The host of a web address, lower-cased, without port.
fn host(address: &str) -> Option<String> {
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Whether a web address is on one of the [`PRIMARY_DOMAINS`].
pub fn is_primary_source(address: &str) -> bool {
    host(address).is_some_and(|host| {
        PRIMARY_DOMAINS
            .iter()
            .any(|domain| match domain.strip_prefix('.') {
                Some(suffix) => host.ends_with(&format!(".{suffix}")),
                None => host == *domain || host.ends_with(&format!(".{domain}")),
            })
    })
}

fn check_provenance(
    problems: &mut Vec<Problem>,
    source: &Source,
    provenance: Option<&Provenance>,
    today: i64,
) {
    let Some(provenance) = provenance else {
        problems.push(problem(
            source,
            Severity::Error,
            None,
            "`provenance` is missing: say what the file comes from (`source`, `source_year`) and who reviewed it when (`reviews`)".into(),
        ));
        return;
    };
    let mut error =
        |message: String| problems.push(problem(source, Severity::Error, None, message));
    if provenance.source.trim().is_empty() {
        error("`provenance.source` is empty: name the publication this file comes from".into());
    }
    if !(1900..=2100).contains(&provenance.source_year) {
        error(format!(
            "`provenance.source_year` {} is not a plausible year",
            provenance.source_year
        ));
    }
    for statute in &provenance.statutes {
        if statute.citation.trim().is_empty() || !is_web_address(&statute.url) {
            error(format!(
                "statute `{}` needs a citation and the web address of the text that was read (`{}`)",
                statute.citation, statute.url
            ));
        }
        if days_from_iso(&statute.checked).is_none() {
            error(format!(
                "statute `{}`: `checked` must be a date like 2026-11-30, not `{}`",
                statute.citation, statute.checked
            ));
        }
    }
    if provenance.reviews.is_empty() {
        error("`provenance.reviews` is empty: record who reviewed the file, what, and when".into());
    }
    for review in &provenance.reviews {
        if review.by.trim().is_empty() || review.scope.trim().is_empty() {
            error("each review needs `by` (who) and `scope` (what was reviewed)".into());
        }
        if days_from_iso(&review.date).is_none() {
            error(format!(
                "review `date` must be a date like 2026-11-30, not `{}`",
                review.date
            ));
        }
    }
    if let Some(last) = provenance.last_review()
        && days_from_iso(last).is_some()
        && review_is_due(last, today)
    {
        problems.push(problem(
            source,
            Severity::Warning,
            None,
            format!("last reviewed on {last}, more than 12 months ago: due for review"),
        ));
    }
}

fn check_update_note(
    problems: &mut Vec<Problem>,
    source: &Source,
    note: &UpdateNote,
    known_ids: &BTreeSet<String>,
) {
    let mut error =
        |message: String| problems.push(problem(source, Severity::Error, Some(&note.id), message));
    if days_from_iso(&note.verified).is_none() {
        error(format!(
            "`verified` must be the date the fact was checked, like 2026-11-30, not `{}`",
            note.verified
        ));
    }
    if note.sources.is_empty() {
        error("a note from after the guidebook needs at least one public source".into());
    } else if !note.sources.iter().any(|a| is_primary_source(a)) {
        error(format!(
            "no primary source: at least one source must be on an official domain ({}), not only a copy or summary elsewhere",
            PRIMARY_DOMAINS.join(", ")
        ));
    }
    for address in note.sources.iter().filter(|a| !is_web_address(a)) {
        error(format!("source `{address}` is not a web address"));
    }
    if note.concerns.is_empty() {
        error("`concerns` is empty: name the items this note is about".into());
    }
    for id in note.concerns.iter().filter(|id| !known_ids.contains(*id)) {
        error(format!("`concerns` names `{id}`, which no item has"));
    }
}

/// Every path through the helper must end in at least one outcome, and "must not report" something must never
/// stand beside a mandated report of the same thing.
fn check_rules(problems: &mut Vec<Problem>, source: &Source, rules: &ReportingRules) {
    for outcome in &rules.outcomes {
        if matches!(outcome.kind, OutcomeKind::Must | OutcomeKind::MustNot)
            && outcome
                .subject
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
        {
            problems.push(problem(
                source,
                Severity::Error,
                Some(&outcome.id),
                "a mandated or forbidden report needs a `subject` (what the report is about)"
                    .into(),
            ));
        }
    }
    for outcome in rules
        .outcomes
        .iter()
        .filter(|o| o.kind == OutcomeKind::Must)
    {
        if outcome.binds.as_deref().is_none_or(|b| b.trim().is_empty()) {
            problems.push(problem(
                source,
                Severity::Error,
                Some(&outcome.id),
                "a mandated report needs `binds`: whom the statute binds, in its own terms".into(),
            ));
        }
        for role in Role::ALL {
            if outcome.duty_for(role).is_none() {
                problems.push(problem(
                    source,
                    Severity::Error,
                    Some(&outcome.id),
                    format!("a mandated report needs a duty for every role in `roles`: {role:?} is missing"),
                ));
            }
        }
    }
    for answers in rules.completions(&Default::default()) {
        let outcomes = rules.outcomes(&answers);
        let path = || {
            answers
                .iter()
                .map(|(q, a)| format!("{q}={a}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if outcomes.is_empty() {
            problems.push(problem(
                source,
                Severity::Error,
                None,
                format!("no outcome for the answers {}", path()),
            ));
        }
        for forbidden in outcomes.iter().filter(|o| o.kind == OutcomeKind::MustNot) {
            if let Some(mandated) = outcomes.iter().find(|o| {
                o.kind == OutcomeKind::Must && o.subject.is_some() && o.subject == forbidden.subject
            }) {
                problems.push(problem(
                    source,
                    Severity::Error,
                    Some(&forbidden.id),
                    format!(
                        "`{}` (must not report) and `{}` (must report) concern the same subject for the answers {}",
                        forbidden.id,
                        mandated.id,
                        path()
                    ),
                ));
            }
        }
    }
}

/// The numbers a patient or clinician acts on: phone-number groups, short codes and years (runs of three or more
/// digits), statute sections (a run with a letter, `12A`, or right after `§`). Times, ages and percentages may be
/// localised ("9–5" is "9 h–17 h" in French) and are left out, and a translation may reorder them (Chinese puts
/// the chapter of a statute before its section), so this is a set; phone numbers are compared in order, whole, by
/// [`phone_numbers`].
pub fn number_tokens(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = BTreeSet::new();
    let mut start = 0;
    while start < chars.len() {
        let c = chars[start];
        if !c.is_ascii_digit() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
        let mut run: String = chars[start..end].iter().collect();
        let lettered = chars.get(end).is_some_and(char::is_ascii_uppercase)
            && !chars.get(end + 1).is_some_and(char::is_ascii_alphabetic);
        if lettered {
            run.push(chars[end]);
        }
        let after_section_sign = chars[..start]
            .iter()
            .rev()
            .take_while(|c| !c.is_alphanumeric())
            .any(|c| *c == '§');
        // "2100万" is 21 million written the Chinese way: a localised magnitude, not a number to dial.
        let localised_magnitude = chars.get(end).is_some_and(|c| matches!(c, '万' | '亿'));
        if (end - start >= 3 || lettered || after_section_sign) && !localised_magnitude {
            tokens.insert(run);
        }
        start = end;
    }
    tokens
}

/// Characters that may separate the groups of one phone number: a space, dashes, dots and the brackets around an
/// area code. A localisation may change these, never the groups. No-break and thin spaces are left out: they
/// group thousands ("9 460" in French), and "En 2013 9 460 poursuites" holds a year and a count, not a number
/// to dial.
fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{2011}' | '\u{2010}')
}

/// The phone numbers of a text, in order, each as its digit groups in order (`888-373-7888`): digit groups joined
/// by one or two separators, seven digits or more in all. "(373) 888-7888" is not "(888) 373-7888", a group
/// written twice is another number, and an extra number in two-digit groups ("06 12 34 56 78") shows.
pub fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut numbers = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if !chars[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let mut groups: Vec<String> = Vec::new();
        loop {
            let start = at;
            while at < chars.len() && chars[at].is_ascii_digit() {
                at += 1;
            }
            groups.push(chars[start..at].iter().collect());
            let gap = chars[at..]
                .iter()
                .take(3)
                .take_while(|c| is_phone_separator(**c))
                .count();
            if (1..=2).contains(&gap) && chars.get(at + gap).is_some_and(char::is_ascii_digit) {
                at += gap;
            } else {
                break;
            }
        }
        if groups.iter().map(String::len).sum::<usize>() >= 7 {
            numbers.push(groups.join("-"));
        }
    }
    numbers
}

/// Whether `c` is a decimal digit of another script (Devanagari ९, Arabic-Indic ٩, Khmer ៩, full-width ９…) or
/// another numeric character (², ½, Ⅻ): the same number to a reader, easy to misread or misdial, and invisible to
/// the comparison of ASCII digits.
fn is_foreign_digit(c: char) -> bool {
    c.is_numeric() && !c.is_ascii_digit()
}

/// Invisible format characters that can reorder or hide what is shown: bidirectional embeddings, overrides and
/// isolates, zero-width characters, the soft hyphen and the byte-order mark. Left-to-right and right-to-left marks
/// (U+200E, U+200F, U+061C) are allowed where a right-to-left translation needs them, but not inside a number.
fn is_hiding_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// What a translation changes of its English's numbers: another script's digits, an invisible format character
/// the English does not have, or a different sequence of numbers. Empty when the numbers are exactly the English's.
pub fn number_problems(english: &str, translated: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(c) = translated
        .chars()
        .find(|c| is_foreign_digit(*c) && !english.contains(*c))
    {
        problems.push(format!(
            "writes digits in another script (`{c}`, U+{:04X}): numbers must stay in 0–9",
            u32::from(c)
        ));
    }
    let chars: Vec<char> = translated.chars().collect();
    // Between two groups of one number: a digit on each side, past at most two separators.
    let next_digit = |side: &mut dyn Iterator<Item = &char>| {
        side.filter(|c| !is_direction_mark(**c) && !is_hiding_format(**c))
            .take(3)
            .find(|c| !is_phone_separator(**c))
            .is_some_and(char::is_ascii_digit)
    };
    let inside_number = |index: usize| {
        next_digit(&mut chars[..index].iter().rev()) && next_digit(&mut chars[index + 1..].iter())
    };
    if let Some((_, c)) = chars.iter().enumerate().find(|(index, c)| {
        (is_hiding_format(**c) || (is_direction_mark(**c) && inside_number(*index)))
            && !english.contains(**c)
    }) {
        problems.push(format!(
            "contains the invisible character U+{:04X}, which the English does not: it can hide or reorder a number",
            u32::from(*c)
        ));
    }
    let list = |numbers: &[String]| {
        if numbers.is_empty() {
            "none".to_owned()
        } else {
            numbers.join(" ")
        }
    };
    let (english_numbers, translated_numbers) = (number_tokens(english), number_tokens(translated));
    if english_numbers != translated_numbers {
        problems.push(format!(
            "has the numbers {} where the English has {}",
            list(&translated_numbers.into_iter().collect::<Vec<_>>()),
            list(&english_numbers.into_iter().collect::<Vec<_>>())
        ));
    }
    let (english_phones, translated_phones) = (phone_numbers(english), phone_numbers(translated));
    // A changed digit is reported once, above; the same digits rearranged are a different phone number.
    if problems.is_empty() && english_phones != translated_phones {
        problems.push(format!(
            "has the phone numbers {} where the English has {} (each whole, in this order)",
            list(&translated_phones),
            list(&english_phones)
        ));
    }
    problems
}

/// Web addresses in a text (`www.…`, `http…`), without trailing punctuation.
pub(crate) fn web_addresses(text: &str) -> BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '“' || c == '”')
        .filter(|word| word.starts_with("www.") || word.starts_with("http"))
        .map(|word| word.trim_end_matches(['.', ',', ';', ':']).to_owned())
        .collect()
}

/// A translation must keep every number, short code and web address of the English text exactly.
fn check_translated_numbers(
    problems: &mut Vec<Problem>,
    dir: &Path,
    file: ContentFile,
    english: &BTreeMap<String, String>,
) {
    for locale in translation_locales(dir) {
        let Some(source) = read(dir, &locale, file) else {
            continue;
        };
        let Ok(translation) = parse::<Translation>(&source) else {
            continue; // Reported by the structural checks.
        };
        let first = problems.len();
        check_provenance(
            problems,
            &source,
            translation.provenance.as_ref(),
            today_days(),
        );
        let sidecar = super::provenance::Provenance::for_pack(Some(dir), &locale);
        fill_lines(&mut problems[first..], &source);
        // Each key's line, found once for the file.
        let mut key_lines: Option<std::collections::HashMap<&str, usize>> = None;
        for (key, translated) in &translation.strings {
            let Some(original) = english.get(key) else {
                continue;
            };
            // A translation of older English is not shown (the English is, marked as such) and is reported as
            // outdated; its numbers are compared once it is brought up to date.
            if sidecar
                .as_ref()
                .is_some_and(|s| s.is_stale(file, key, original))
            {
                continue;
            }
            let mut complaints = number_problems(original, translated);
            let english_web = web_addresses(original);
            let translated_web = web_addresses(translated);
            if english_web != translated_web {
                complaints.push(format!(
                    "has the web addresses {translated_web:?} where the English has {english_web:?}"
                ));
            }
            if !complaints.is_empty() {
                let line = key_lines
                    .get_or_insert_with(|| translation_lines(&source.text))
                    .get(key.as_str())
                    .copied();
                problems.push(Problem {
                    severity: Severity::Error,
                    file: source.file.clone(),
                    item: Some(key.clone()),
                    line,
                    message: format!(
                        "the translation {}: numbers, short codes, statute references and web addresses must equal the English",
                        complaints.join(" and ")
                    ),
                });
            }
        }
    }
}

/// The line of each `"key": "…"` of a translation file (the first, if a key is written twice).
fn translation_lines(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut lines = std::collections::HashMap::new();
    for (number, line) in text.lines().enumerate() {
        if let Some(quoted) = line.trim_start().strip_prefix('"')
            && let Some(end) = quoted.find("\":")
        {
            lines.entry(&quoted[..end]).or_insert(number + 1);
        }
    }
    lines
}

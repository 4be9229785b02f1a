//! `harbor --reporting-table`: every path through the reporting helper with the outcomes it ends in, as Markdown
//! or CSV, so that an institution's lawyer can review a jurisdiction pack on paper.

use super::Content;
use super::model::{OutcomeKind, ReportingRules};

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// A Markdown table, for reading and printing.
    Markdown,
    /// Comma-separated values, for a spreadsheet.
    Csv,
}

impl TableFormat {
    /// `md` or `csv`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// The word for an outcome's kind, in `locale`.
pub(crate) fn kind_word(kind: OutcomeKind, locale: &str) -> String {
    let key = match kind {
        OutcomeKind::Must => "reporting.kind_must",
        OutcomeKind::MustNot => "reporting.kind_must_not",
        OutcomeKind::Consider => "reporting.kind_consider",
        OutcomeKind::Offer => "reporting.kind_offer",
    };
    rust_i18n::t!(key, locale = locale).into_owned()
}

/// One row per reachable combination of answers: the answer given to each question (empty where the question is
/// not asked on that path), the outcome ids, and the outcomes, each as "kind: title (id) [binds: …]".
fn rows(rules: &ReportingRules, locale: &str) -> Vec<(Vec<String>, Vec<String>, Vec<String>)> {
    rules
        .completions(&Default::default())
        .into_iter()
        .map(|answers| {
            let cells = rules
                .questions
                .iter()
                .map(|question| {
                    answers
                        .get(&question.id)
                        .and_then(|chosen| question.answers.iter().find(|a| &a.id == chosen))
                        .map(|answer| answer.text.clone())
                        .unwrap_or_default()
                })
                .collect();
            let outcomes = rules.outcomes(&answers);
            let ids = outcomes.iter().map(|o| o.id.clone()).collect();
            let described = outcomes
                .iter()
                .map(|o| match &o.binds {
                    Some(binds) => format!(
                        "{}: {} ({}) [binds: {binds}]",
                        kind_word(o.kind, locale),
                        o.title,
                        o.id
                    ),
                    None => format!("{}: {} ({})", kind_word(o.kind, locale), o.title, o.id),
                })
                .collect();
            (cells, ids, described)
        })
        .collect()
}

/// The whole table for `content` (already loaded in its locale).
pub fn render(content: &Content, format: TableFormat) -> String {
    let rules = &content.reporting;
    let locale = content.locale.as_str();
    let rows = rows(rules, locale);
    let mut out = String::new();
    match format {
        TableFormat::Markdown => {
            out.push_str(&format!(
                "# Reporting helper: every answer combination ({}, {locale})\n\n",
                rules.jurisdiction
            ));
            if let Some(provenance) = &rules.provenance {
                out.push_str(&format!(
                    "Source: {} ({}). Statute texts read: {}. Checked by the project against the statute text \
                     (not legal advice): {}. Last clinical or legal review: {}.\n\n",
                    provenance.source,
                    provenance.source_year,
                    provenance.statutes_checked().unwrap_or("—"),
                    provenance.last_project_check().unwrap_or("—"),
                    provenance.last_professional_review().unwrap_or("none recorded"),
                ));
                if !provenance.statutes.is_empty() {
                    out.push_str("Texts read:\n\n");
                    for statute in &provenance.statutes {
                        out.push_str(&format!(
                            "- {} — {} (read {})\n",
                            markdown_cell(&statute.citation),
                            statute.url,
                            statute.checked
                        ));
                    }
                    out.push('\n');
                }
            }
            out.push_str(&format!(
                "{} combinations. An empty cell: the question is not asked on that path.\n\n",
                rows.len()
            ));
            let header: Vec<String> = std::iter::once("#".to_owned())
                .chain(rules.questions.iter().map(|q| markdown_cell(&q.text)))
                .chain(std::iter::once("Outcomes".to_owned()))
                .collect();
            out.push_str(&format!("| {} |\n", header.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
            // Each row names its outcomes by kind, title and id; whom each binds, and whose duty it is by role, is
            // said once per outcome below the table (repeated on every row it made the New York table 7 MB).
            for (number, (cells, ids, _)) in rows.iter().enumerate() {
                let cells: Vec<String> = cells.iter().map(|c| markdown_cell(c)).collect();
                let named: Vec<String> = ids
                    .iter()
                    .filter_map(|id| rules.outcomes.iter().find(|o| &o.id == id))
                    .map(|o| format!("{}: {} ({})", kind_word(o.kind, locale), o.title, o.id))
                    .collect();
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    number + 1,
                    cells.join(" | "),
                    markdown_cell(&named.join("; "))
                ));
            }
            out.push_str("\n## Outcomes: whom each binds\n\n");
            for outcome in &rules.outcomes {
                out.push_str(&format!(
                    "- **{}: {}** (`{}`){}",
                    kind_word(outcome.kind, locale),
                    markdown_cell(&outcome.title),
                    outcome.id,
                    outcome
                        .statute
                        .as_ref()
                        .map(|s| format!(" — {}", markdown_cell(s)))
                        .unwrap_or_default()
                ));
                if let Some(binds) = &outcome.binds {
                    out.push_str(&format!(". Binds: {}", markdown_cell(binds)));
                }
                if !outcome.roles.is_empty() {
                    let roles: Vec<String> = outcome
                        .roles
                        .iter()
                        .map(|r| format!("{:?}: {:?}", r.role, r.duty))
                        .collect();
                    out.push_str(&format!(". Duty by role: {}", roles.join(", ")));
                }
                out.push('\n');
            }
        }
        TableFormat::Csv => {
            let header: Vec<String> = std::iter::once("combination".to_owned())
                .chain(rules.questions.iter().map(|q| q.id.clone()))
                .chain(["outcome_ids".to_owned(), "outcomes".to_owned()])
                .collect();
            out.push_str(&csv_line(&header));
            for (number, (cells, ids, described)) in rows.iter().enumerate() {
                let line: Vec<String> = std::iter::once((number + 1).to_string())
                    .chain(cells.iter().cloned())
                    .chain([ids.join(";"), described.join("; ")])
                    .collect();
                out.push_str(&csv_line(&line));
            }
        }
    }
    out
}

fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

//! One walk over every translatable string of a content file.
//!
//! Translation, validation, fallback tracking and search all need "every string with its key"; keeping that walk
//! in one place means a new field cannot be translated but forgotten by search (or the other way round).

use super::model::{
    Block, Contact, IndicatorPack, Item, Page, PlanSection, QuestionPack, ReportingRules,
    ResourcePack, SafetyPlanTemplate, Section, UpdateNote,
};

/// Where a string sits: its translation key and the id of the element the UI scrolls to for it.
#[derive(Clone, Copy, Debug)]
pub struct TextRef<'a> {
    /// Translation key, unique within the pack.
    pub(crate) key: &'a str,
    /// Id of the visible element (item, group, section) that shows this string.
    pub(crate) anchor: &'a str,
}

/// Implemented by every content file type.
pub trait Texts {
    /// Calls `visit` for every translatable string, in display order.
    fn visit_texts(&mut self, visit: &mut dyn FnMut(TextRef<'_>, &mut String));

    /// Every (key, anchor, text) triple, in display order.
    fn collect_texts(&self) -> Vec<(String, String, String)>
    where
        Self: Clone,
    {
        let mut out = Vec::new();
        self.clone().visit_texts(&mut |r, text| {
            out.push((r.key.to_owned(), r.anchor.to_owned(), std::mem::take(text)));
        });
        out
    }
}

fn items(
    items: &mut [Item],
    anchor: Option<&str>,
    visit: &mut dyn FnMut(TextRef<'_>, &mut String),
) {
    for item in items {
        let Item { id, text } = item;
        visit(
            TextRef {
                key: id,
                anchor: anchor.unwrap_or(id),
            },
            text,
        );
    }
}

fn optional(
    key: &str,
    anchor: &str,
    value: &mut Option<String>,
    visit: &mut dyn FnMut(TextRef<'_>, &mut String),
) {
    if let Some(text) = value {
        visit(TextRef { key, anchor }, text);
    }
}

fn contacts(
    contacts: &mut [Contact],
    anchor: &str,
    visit: &mut dyn FnMut(TextRef<'_>, &mut String),
) {
    for contact in contacts {
        visit(
            TextRef {
                key: &contact.id,
                anchor,
            },
            &mut contact.label,
        );
        optional(
            &format!("{}.hours", contact.id),
            anchor,
            &mut contact.hours,
            visit,
        );
    }
}

fn sections(sections: &mut [Section], visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
    for section in sections {
        let Section {
            id,
            title,
            source: _,
            blocks,
        } = section;
        visit(
            TextRef {
                key: id,
                anchor: id,
            },
            title,
        );
        for block in blocks {
            block_texts(block, visit);
        }
    }
}

/// An update note's text is translated like any other; its sources and dates are not.
pub(crate) fn update_note(note: &mut UpdateNote, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
    visit(
        TextRef {
            key: &note.id,
            anchor: &note.id,
        },
        &mut note.text,
    );
}

fn block_texts(block: &mut Block, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
    match block {
        Block::Text { id, text } => visit(
            TextRef {
                key: id,
                anchor: id,
            },
            text,
        ),
        Block::List {
            id,
            intro,
            items: list,
            copyable: _,
        } => {
            optional(id, id, intro, visit);
            items(list, None, visit);
        }
        Block::Update(note) => update_note(note, visit),
        Block::Table { id, columns, rows } => {
            for (n, column) in columns.iter_mut().enumerate() {
                visit(
                    TextRef {
                        key: &format!("{id}.col{n}"),
                        anchor: id,
                    },
                    column,
                );
            }
            for row in rows {
                for (n, cell) in row.cells.iter_mut().enumerate() {
                    visit(
                        TextRef {
                            key: &format!("{}.{n}", row.id),
                            anchor: &row.id,
                        },
                        cell,
                    );
                }
            }
        }
        Block::Figure { id, value, text } => {
            visit(
                TextRef {
                    key: &format!("{id}.value"),
                    anchor: id,
                },
                value,
            );
            visit(
                TextRef {
                    key: id,
                    anchor: id,
                },
                text,
            );
        }
        Block::ActMeansPurpose {
            id: _,
            act,
            means,
            purpose,
        } => {
            items(act, None, visit);
            items(means, None, visit);
            items(purpose, None, visit);
        }
    }
}

impl Texts for Page {
    fn visit_texts(&mut self, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
        sections(&mut self.sections, visit);
    }
}

impl Texts for IndicatorPack {
    fn visit_texts(&mut self, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
        for group in &mut self.groups {
            visit(
                TextRef {
                    key: &group.id,
                    anchor: &group.id,
                },
                &mut group.title,
            );
            visit(
                TextRef {
                    key: &format!("{}.context", group.id),
                    anchor: &group.id,
                },
                &mut group.context,
            );
            items(&mut group.indicators, None, visit);
        }
    }
}

impl Texts for QuestionPack {
    fn visit_texts(&mut self, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
        sections(&mut self.framing, visit);
        items(&mut self.statements, None, visit);
        for group in &mut self.groups {
            visit(
                TextRef {
                    key: &group.id,
                    anchor: &group.id,
                },
                &mut group.title,
            );
            optional(
                &format!("{}.intro", group.id),
                &group.id,
                &mut group.intro,
                visit,
            );
            items(&mut group.questions, None, visit);
        }
    }
}

impl Texts for ResourcePack {
    fn visit_texts(&mut self, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
        for group in &mut self.groups {
            visit(
                TextRef {
                    key: &group.id,
                    anchor: &group.id,
                },
                &mut group.title,
            );
            for resource in &mut group.resources {
                let anchor = resource.id.clone();
                visit(
                    TextRef {
                        key: &resource.id,
                        anchor: &anchor,
                    },
                    &mut resource.description,
                );
                optional(
                    &format!("{anchor}.languages"),
                    &anchor,
                    &mut resource.languages,
                    visit,
                );
                contacts(&mut resource.contacts, &anchor, visit);
                for note in &mut resource.updates {
                    update_note(note, visit);
                }
            }
        }
    }
}

impl Texts for ReportingRules {
    fn visit_texts(&mut self, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
        for question in &mut self.questions {
            let anchor = question.id.clone();
            visit(
                TextRef {
                    key: &anchor,
                    anchor: &anchor,
                },
                &mut question.text,
            );
            optional(
                &format!("{anchor}.help"),
                &anchor,
                &mut question.help,
                visit,
            );
            items(&mut question.answers, Some(&anchor), visit);
        }
        for outcome in &mut self.outcomes {
            let anchor = outcome.id.clone();
            visit(
                TextRef {
                    key: &anchor,
                    anchor: &anchor,
                },
                &mut outcome.title,
            );
            visit(
                TextRef {
                    key: &format!("{anchor}.do"),
                    anchor: &anchor,
                },
                &mut outcome.what_to_do,
            );
            visit(
                TextRef {
                    key: &format!("{anchor}.summary"),
                    anchor: &anchor,
                },
                &mut outcome.summary,
            );
            optional(
                &format!("{anchor}.binds"),
                &anchor,
                &mut outcome.binds,
                visit,
            );
            contacts(&mut outcome.contacts, &anchor, visit);
            for note in &mut outcome.updates {
                update_note(note, visit);
            }
        }
        sections(&mut self.sections, visit);
    }
}

impl Texts for SafetyPlanTemplate {
    fn visit_texts(&mut self, visit: &mut dyn FnMut(TextRef<'_>, &mut String)) {
        for section in &mut self.sections {
            let PlanSection {
                id,
                title,
                intro,
                source: _,
                fields,
            } = section;
            visit(
                TextRef {
                    key: id,
                    anchor: id,
                },
                title,
            );
            optional(&format!("{id}.intro"), id, intro, visit);
            for field in fields {
                visit(
                    TextRef {
                        key: &field.id,
                        anchor: &field.id,
                    },
                    &mut field.label,
                );
            }
        }
    }
}

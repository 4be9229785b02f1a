//! Precedence: the machine's policy always applies; a user-level source may only add a key the machine leaves
//! unset or make a value stricter. Within one source, a key set twice is an error and the stricter value applies.

use std::collections::HashSet;
use std::fmt;

use super::schema::{KEYS, Strictest};
use super::{
    Entry, Key, Level, MAX_PROBLEMS_PER_SOURCE, Origin, Policy, PolicyProblem, RawSource, Severity,
    Value, check,
};

/// A value a user-level source set that the policy in effect does not allow to be weakened or changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The key.
    pub key: Key,
    /// The value the user-level source asked for.
    pub value: Value,
    /// Where it was asked for.
    pub origin: Origin,
    /// Its line, for a JSON file.
    pub line: Option<usize>,
    /// The value that applies instead.
    pub kept: Value,
    /// Where that value comes from.
    pub kept_origin: Origin,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(
            f,
            ": {} {} was refused; {} (from {}) applies, and a user's policy may only make it stricter",
            self.key.name(),
            self.value,
            self.kept,
            self.kept_origin
        )
    }
}

/// How a new value compares with the one in effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compared {
    Stricter,
    Same,
    /// Weaker, or merely different where the key has no order (a folder, the default language).
    NotStricter,
}

fn compare(key: Key, new: &Value, current: &Value) -> Compared {
    if new == current {
        return Compared::Same;
    }
    let stricter = match (new, current) {
        (Value::Minutes(new), Value::Minutes(current)) => new < current,
        (Value::Bool(new), Value::Bool(_)) => {
            matches!(key.spec().strictest, Strictest::Bool(strict) if strict == *new)
        }
        (Value::Languages(new), Value::Languages(current)) => {
            new.iter().all(|code| current.contains(code))
        }
        _ => false,
    };
    if stricter {
        Compared::Stricter
    } else if let (Value::Languages(new), Value::Languages(current)) = (new, current)
        && new.len() == current.len()
        && new.iter().all(|code| current.contains(code))
    {
        Compared::Same
    } else {
        Compared::NotStricter
    }
}

impl Policy {
    /// Checks and merges sources: every machine-level source first (earlier ones win key by key), then every
    /// user-level source, which may only add unset keys or make values stricter.
    pub fn from_sources(sources: Vec<Result<Vec<RawSource>, PolicyProblem>>) -> Self {
        let mut policy = Self::default();
        let mut machine = Vec::new();
        let mut user = Vec::new();
        for source in sources {
            match source {
                Ok(raw_sources) => {
                    for raw in raw_sources {
                        // `%APPDATA%`, `$HOME`, `~` in folder values; one that cannot be expanded is dropped and
                        // reported, and the rest of the source still applies.
                        let raw = super::expand::expand_folders(raw, &mut policy.problems);
                        match raw.level {
                            Level::Machine => machine.push(raw),
                            Level::User => user.push(raw),
                        }
                    }
                }
                Err(problem) => {
                    policy.places.push((problem.place.clone(), None));
                    policy.problems.push(problem);
                }
            }
        }
        for raw in machine {
            policy.add(raw);
        }
        // A malformed machine policy: what it did not set validly is at its strictest before any user source.
        policy.fill_strictest();
        for raw in user {
            policy.add(raw);
        }
        policy.check_languages();
        policy.fill_strictest();
        policy.entries.sort_by_key(|entry| entry.key);
        policy
    }

    fn fill_strictest(&mut self) {
        if !self.is_malformed() {
            return;
        }
        for spec in &KEYS {
            if self.entry(spec.key).is_some() {
                continue;
            }
            let value = match spec.strictest {
                Strictest::Bool(value) => Value::Bool(value),
                Strictest::Minutes(minutes) => Value::Minutes(minutes),
                Strictest::Unset => continue,
            };
            self.entries.push(Entry {
                key: spec.key,
                value,
                origin: Origin::Strictest,
            });
        }
    }

    fn add(&mut self, raw: RawSource) {
        let place = raw.origin.to_string();
        self.places.push((place.clone(), Some(raw.level)));
        let mut problems = Listed::default();
        for problem in raw.problems {
            problems.push(problem);
        }
        let mut seen: HashSet<Key> = HashSet::new();
        for (name, value, line) in raw.values {
            let Some(key) = Key::from_name(&name) else {
                if problems.is_full() {
                    // Counted without building a message that will not be listed.
                    problems.omitted += 1;
                    continue;
                }
                problems.push(PolicyProblem {
                    severity: Severity::Warning,
                    place: place.clone(),
                    line,
                    message: format!(
                        "`{name}` is not a Harbor policy key (known keys: {}); it was skipped",
                        KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
                    ),
                });
                continue;
            };
            let value = match check(key, value) {
                Ok(value) => value,
                Err(message) => {
                    problems.push(PolicyProblem::error(
                        &place,
                        line,
                        format!("{}: {message}", key.name()),
                    ));
                    continue;
                }
            };
            let again = !seen.insert(key);
            let Some(index) = self.entries.iter().position(|e| e.key == key) else {
                self.entries.push(Entry {
                    key,
                    value,
                    origin: raw.origin.clone(),
                });
                continue;
            };
            let current = &self.entries[index];
            match compare(key, &value, &current.value) {
                Compared::Same => {}
                // The same source twice (reported by its reader as an error), or a user's tightening.
                Compared::Stricter if again || raw.level == Level::User => {
                    self.entries[index] = Entry {
                        key,
                        value,
                        origin: raw.origin.clone(),
                    };
                }
                // A later machine source, or the weaker of a key written twice: the earlier value stands.
                _ if raw.level == Level::Machine || again => {}
                _ => self.refused.push(Refusal {
                    key,
                    value,
                    origin: raw.origin.clone(),
                    line,
                    kept: current.value.clone(),
                    kept_origin: current.origin.clone(),
                }),
            }
        }
        let Listed {
            mut listed,
            omitted,
            omitted_error,
        } = problems;
        listed.sort_by_key(|problem| problem.line);
        self.problems.extend(listed);
        if omitted > 0 {
            // Counted, not listed: a file of a million wrong lines must not become a million-line report. The
            // summary is as severe as the worst problem left out.
            self.problems.push(PolicyProblem {
                severity: if omitted_error {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                place,
                line: None,
                message: format!("{omitted} more problems in this source are not listed"),
            });
        }
    }
}

/// A source's problems: the first [`MAX_PROBLEMS_PER_SOURCE`] kept, the rest only counted.
#[derive(Default)]
struct Listed {
    listed: Vec<PolicyProblem>,
    omitted: usize,
    omitted_error: bool,
}

impl Listed {
    fn is_full(&self) -> bool {
        self.listed.len() >= MAX_PROBLEMS_PER_SOURCE
    }

    fn push(&mut self, problem: PolicyProblem) {
        if self.listed.len() < MAX_PROBLEMS_PER_SOURCE {
            self.listed.push(problem);
        } else {
            self.omitted += 1;
            self.omitted_error |= problem.severity == Severity::Error;
        }
    }
}

//! Evaluating the reporting rules: which questions to ask given the answers so far, and which outcomes apply.

use std::collections::BTreeMap;

use super::model::{Condition, Outcome, OutcomeKind, ReportingRules, RuleQuestion};

/// Answers given so far: question id → answer id.
pub type Answers = BTreeMap<String, String>;

/// What the answers so far settle, for every way the open questions could still be answered.
#[derive(Debug, Default)]
pub struct Evaluation<'a> {
    /// Outcomes that apply whatever the open questions' answers turn out to be; shown at once.
    pub certain: Vec<&'a Outcome>,
    /// Outcomes that apply for some answers to the open questions and not others: they depend on an answer.
    pub possible: Vec<&'a Outcome>,
    /// Whether every question that applies has an answer.
    pub complete: bool,
}

impl Condition {
    /// Whether the condition holds; an unanswered question matches no `Is`.
    pub fn holds(&self, answers: &Answers) -> bool {
        match self {
            Self::Is(question, answer) => answers.get(question) == Some(answer),
            Self::Not(inner) => !inner.holds(answers),
            Self::All(all) => all.iter().all(|c| c.holds(answers)),
            Self::Any(any) => any.iter().any(|c| c.holds(answers)),
        }
    }
}

impl ReportingRules {
    /// The jurisdiction these rules are for, as the pack names it in English ("Massachusetts").
    pub fn jurisdiction_name(&self) -> &str {
        &self.jurisdiction
    }

    /// The questions that apply given the answers so far, in order.
    pub fn questions_to_ask(&self, answers: &Answers) -> Vec<&RuleQuestion> {
        self.questions
            .iter()
            .filter(|q| q.ask_if.as_ref().is_none_or(|c| c.holds(answers)))
            .collect()
    }

    /// Whether every question that applies has an answer.
    pub fn is_complete(&self, answers: &Answers) -> bool {
        self.questions_to_ask(answers)
            .iter()
            .all(|q| answers.contains_key(&q.id))
    }

    /// Answers to questions that no longer apply are dropped, so that changing an earlier answer cannot leave a
    /// stale answer deciding an outcome.
    pub fn prune(&self, answers: &mut Answers) {
        loop {
            let asked: Vec<String> = self
                .questions_to_ask(answers)
                .iter()
                .map(|q| q.id.clone())
                .collect();
            let before = answers.len();
            answers.retain(|question, _| asked.contains(question));
            if answers.len() == before {
                break;
            }
        }
    }

    /// Every complete set of answers reachable from `answers`: each open question that applies (or comes to apply
    /// through an earlier answer) is answered in every possible way. From no answers, this is every path through
    /// the helper — what `--reporting-table` prints and what `--check-content` checks.
    pub fn completions(&self, answers: &Answers) -> Vec<Answers> {
        let mut start = answers.clone();
        self.prune(&mut start);
        let mut complete = Vec::new();
        self.complete_into(start, &mut complete);
        complete
    }

    fn complete_into(&self, answers: Answers, complete: &mut Vec<Answers>) {
        let open = self
            .questions_to_ask(&answers)
            .into_iter()
            .find(|q| !answers.contains_key(&q.id));
        match open {
            None => complete.push(answers),
            Some(question) => {
                for answer in &question.answers {
                    let mut next = answers.clone();
                    next.insert(question.id.clone(), answer.id.clone());
                    self.complete_into(next, complete);
                }
            }
        }
    }

    /// Three-valued evaluation: an outcome is certain once it holds for every way the open questions could be
    /// answered, and possible while it holds for some. A "must not report" is never certain while any completion
    /// makes a report of the same subject mandatory.
    pub fn evaluate(&self, answers: &Answers) -> Evaluation<'_> {
        let completions = self.completions(answers);
        let mut evaluation = Evaluation {
            complete: self.is_complete(answers),
            ..Evaluation::default()
        };
        for outcome in &self.outcomes {
            let holds = completions.iter().filter(|c| outcome.when.holds(c)).count();
            let conflicting_must = outcome.kind == OutcomeKind::MustNot
                && completions.iter().any(|c| {
                    self.outcomes.iter().any(|other| {
                        other.kind == OutcomeKind::Must
                            && other.subject.is_some()
                            && other.subject == outcome.subject
                            && other.when.holds(c)
                    })
                });
            if holds == completions.len() && holds > 0 && !conflicting_must {
                evaluation.certain.push(outcome);
            } else if holds > 0 {
                evaluation.possible.push(outcome);
            }
        }
        evaluation
    }

    /// Answers under which the outcome `outcome_id` is shown (certain), keeping every answer in `from`: the first
    /// complete set reachable from `from`, in question order and each question's answer order, that settles it.
    /// `None` when the answers in `from` rule it out (or no answers lead to it). What a search result for an
    /// outcome fills the helper with: from no answers, this is the first path through the helper to that outcome.
    pub fn answers_leading_to(&self, outcome_id: &str, from: &Answers) -> Option<Answers> {
        self.completions(from)
            .into_iter()
            .find(|answers| self.shows(outcome_id, answers))
    }

    /// Whether the answers already show the outcome `outcome_id` (it is certain).
    pub fn shows(&self, outcome_id: &str, answers: &Answers) -> bool {
        self.evaluate(answers)
            .certain
            .iter()
            .any(|outcome| outcome.id == outcome_id)
    }

    /// The outcomes that apply to a complete set of answers, in file order; empty until every applicable question
    /// is answered (see [`Self::evaluate`] for what partial answers already settle).
    pub fn outcomes(&self, answers: &Answers) -> Vec<&Outcome> {
        if !self.is_complete(answers) {
            return Vec::new();
        }
        self.outcomes
            .iter()
            .filter(|o| o.when.holds(answers))
            .collect()
    }
}

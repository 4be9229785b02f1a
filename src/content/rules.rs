//! Evaluating the reporting rules: which questions to ask given the answers so far, and which outcomes apply.

use std::collections::BTreeMap;

use super::model::{Condition, Outcome, ReportingRules, RuleQuestion};

/// Answers given so far: question id → answer id.
pub type Answers = BTreeMap<String, String>;

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

    /// The outcomes that apply, in file order; empty until every applicable question is answered, because an
    /// outcome such as "do not report without consent" must not show before the answers that rule it out.
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

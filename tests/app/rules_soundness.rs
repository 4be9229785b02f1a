//! What every jurisdiction's rules owe the three-valued helper, whatever their questions: checked the same way for
//! Massachusetts and for each state pack (one copy, so a stricter check reaches every pack at once).

use std::collections::BTreeSet;

use harbor::content::model::{OutcomeKind, ReportingRules};
use harbor::content::rules::Answers;

/// Every state the helper can be in when questions are answered in order.
pub(crate) fn reachable_states(rules: &ReportingRules) -> Vec<Answers> {
    let mut states: BTreeSet<Vec<(String, String)>> = BTreeSet::new();
    states.insert(Vec::new());
    for complete in rules.completions(&Answers::new()) {
        let mut state = Answers::new();
        for question in &rules.questions {
            if let Some(answer) = complete.get(&question.id) {
                state.insert(question.id.clone(), answer.clone());
                states.insert(state.clone().into_iter().collect());
            }
        }
    }
    states
        .into_iter()
        .map(|pairs| pairs.into_iter().collect())
        .collect()
}

/// In every reachable state (at least `min_states` of them): an outcome shown as certain holds however the open
/// questions are answered; a "must not report" never shows while a mandated report of its subject is still
/// possible; every outcome an open answer could still bring is shown or marked as depending on it; and once every
/// question is answered, what is shown is exactly what applies.
pub(crate) fn assert_three_valued_sound_and_complete(rules: &ReportingRules, min_states: usize) {
    let states = reachable_states(rules);
    assert!(states.len() > min_states, "{} states", states.len());
    for state in &states {
        let evaluation = rules.evaluate(state);
        let completions = rules.completions(state);
        for outcome in &evaluation.certain {
            assert!(
                completions.iter().all(|c| outcome.when.holds(c)),
                "{} shown as certain for {state:?} but an open answer removes it",
                outcome.id
            );
            if outcome.kind == OutcomeKind::MustNot {
                assert!(
                    !completions.iter().any(|c| rules
                        .outcomes(c)
                        .iter()
                        .any(|o| o.kind == OutcomeKind::Must && o.subject == outcome.subject)),
                    "{} shown for {state:?} while a mandated report of the same subject is still possible",
                    outcome.id
                );
            }
        }
        for completion in &completions {
            for outcome in rules.outcomes(completion) {
                assert!(
                    evaluation
                        .certain
                        .iter()
                        .chain(&evaluation.possible)
                        .any(|o| o.id == outcome.id),
                    "{} can still apply from {state:?} but is neither shown nor marked as depending on an answer",
                    outcome.id
                );
            }
        }
        if evaluation.complete {
            let shown: Vec<&str> = evaluation.certain.iter().map(|o| o.id.as_str()).collect();
            let applies: Vec<&str> = rules
                .outcomes(state)
                .iter()
                .map(|o| o.id.as_str())
                .collect();
            assert_eq!(shown, applies, "complete answers {state:?}");
            assert!(evaluation.possible.is_empty());
        }
    }
}

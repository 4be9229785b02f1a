//! What every jurisdiction's rules owe the three-valued helper, whatever their questions, and the scenario helpers
//! the rule tests write their cases with: the same for Massachusetts and each state pack (one copy, so a stricter
//! check reaches every pack at once).

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

// The scenario helpers every rule test writes its cases with: a pack's ids are `<prefix>rep.q.<question>`,
// `<prefix>rep.a.<question>-<answer>` and `<prefix>rep.out.<outcome>` (prefix "" for Massachusetts, "ny." for New
// York…), so a case reads as the statute does: `[("age", "minor"), ("danger", "no")]`.

/// The answers `(question, answer)` in `prefix`'s ids.
pub(crate) fn answers(prefix: &str, pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(q, a)| {
            (
                format!("{prefix}rep.q.{q}"),
                format!("{prefix}rep.a.{q}-{a}"),
            )
        })
        .collect()
}

/// `base` with each of `changes` replacing the answer to its question, or added.
pub(crate) fn with(
    mut base: Vec<(&'static str, &'static str)>,
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    for (question, answer) in changes {
        match base.iter_mut().find(|(q, _)| q == question) {
            Some(pair) => pair.1 = answer,
            None => base.push((question, answer)),
        }
    }
    base
}

/// What a competent adult who declines is always shown, in every pack: the guidebook's consent rule and what to
/// offer (outcome ids without `<prefix>rep.out.`).
pub(crate) const DECLINES: [&str; 2] = ["no-consent", "offer"];

/// [`DECLINES`] and `extra`.
pub(crate) fn declines_and(extra: &[&'static str]) -> Vec<&'static str> {
    DECLINES
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect()
}

/// The outcomes (ids without `<prefix>rep.out.`, sorted) of a complete set of answers; answers to questions not
/// asked on that path are dropped first, and a question left open fails the test.
pub(crate) fn outcome_ids(
    rules: &ReportingRules,
    prefix: &str,
    pairs: &[(&str, &str)],
) -> Vec<String> {
    let mut given = answers(prefix, pairs);
    rules.prune(&mut given);
    assert!(
        rules.is_complete(&given),
        "every applicable question answered: {given:?}"
    );
    let out = format!("{prefix}rep.out.");
    let mut ids: Vec<String> = rules
        .outcomes(&given)
        .iter()
        .map(|o| o.id.trim_start_matches(out.as_str()).to_owned())
        .collect();
    ids.sort();
    ids
}

/// Those answers end in exactly `expected` (in any order).
pub(crate) fn assert_outcomes(
    rules: &ReportingRules,
    prefix: &str,
    pairs: &[(&str, &str)],
    expected: &[&str],
) {
    let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(
        outcome_ids(rules, prefix, pairs),
        expected,
        "answers {pairs:?}"
    );
}

//! The JSON policy file (Linux `/etc/harbor/policy.json`, or any `HARBOR_POLICY` file): one object whose members
//! are policy keys. Errors carry the line, so IT can find the mistake.

use std::path::Path;

use super::{Origin, PolicyProblem, Raw, RawSource};

/// Members every JSON file may carry that are not policy keys (editors use `$schema` to validate as you type).
const IGNORED: [&str; 2] = ["$schema", "$comment"];

/// Parses a JSON policy file's bytes.
pub fn parse(bytes: &[u8], path: &Path) -> Result<RawSource, PolicyProblem> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let line = bytes[..err.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        PolicyProblem::error(path.display(), Some(line), "the file is not UTF-8 text")
    })?;
    let document: serde_json::Value = serde_json::from_str(text).map_err(|err| {
        PolicyProblem::error(
            path.display(),
            Some(err.line().max(1)),
            format!("not valid JSON: {}", strip_position(&err.to_string())),
        )
    })?;
    let serde_json::Value::Object(members) = document else {
        return Err(PolicyProblem::error(
            path.display(),
            Some(1),
            "the policy must be a JSON object, { \"Key\": value, … }",
        ));
    };
    let mut values = Vec::new();
    for (name, value) in members {
        if IGNORED.contains(&name.as_str()) {
            continue;
        }
        let line = line_of_member(text, &name);
        let raw = match value {
            serde_json::Value::Bool(value) => Raw::Bool(value),
            serde_json::Value::Number(number) => match number.as_i64() {
                Some(n) => Raw::Int(n),
                None => Raw::Text(number.to_string()),
            },
            serde_json::Value::String(text) => Raw::Text(text),
            serde_json::Value::Array(items) => {
                let mut list = Vec::new();
                for item in items {
                    match item {
                        serde_json::Value::String(text) => list.push(text),
                        other => {
                            return Err(PolicyProblem::error(
                                path.display(),
                                line,
                                format!("{name}: list items must be text, found {other}"),
                            ));
                        }
                    }
                }
                Raw::List(list)
            }
            other => {
                return Err(PolicyProblem::error(
                    path.display(),
                    line,
                    format!("{name}: unexpected value {other}"),
                ));
            }
        };
        values.push((name, raw, line));
    }
    Ok(RawSource {
        origin: Origin::File(path.to_path_buf()),
        values,
    })
}

/// serde_json appends " at line L column C"; the line is reported separately.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |index| &message[..index])
}

/// Line of the member `"name":` (the first such line; keys are unique in a sensible file).
fn line_of_member(text: &str, name: &str) -> Option<usize> {
    let needle = format!("\"{name}\"");
    text.lines()
        .position(|line| {
            line.find(&needle)
                .is_some_and(|at| line[at + needle.len()..].trim_start().starts_with(':'))
        })
        .map(|index| index + 1)
}

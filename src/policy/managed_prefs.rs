//! macOS managed preferences: a configuration profile (Jamf, Intune, Apple Business Manager) for the domain
//! `org.harborapp.Harbor` is installed by macOS as `/Library/Managed Preferences/org.harborapp.Harbor.plist`
//! (computer) and `/Library/Managed Preferences/<user>/org.harborapp.Harbor.plist` (user). Only root can write
//! there. The plist parsing (XML or binary) is plain code, tested on sample data on every platform.

use std::path::Path;

use super::schema::PREFERENCE_DOMAIN;
use super::{Level, Origin, PolicyProblem, Raw, RawSource};

/// Parses a managed-preferences plist: a dictionary of policy keys.
pub fn parse(bytes: &[u8], path: &Path) -> Result<RawSource, PolicyProblem> {
    let value = plist::Value::from_reader(std::io::Cursor::new(bytes)).map_err(|err| {
        PolicyProblem::error(
            path.display(),
            None,
            format!("not a valid property list: {err}"),
        )
    })?;
    let plist::Value::Dictionary(dictionary) = value else {
        return Err(PolicyProblem::error(
            path.display(),
            None,
            "the property list must be a dictionary of policy keys",
        ));
    };
    from_dictionary(&dictionary, Origin::ManagedPreferences(path.to_path_buf()))
}

/// Parses a `.mobileconfig` configuration profile: the payload for `org.harborapp.Harbor`, as macOS would install it.
pub(crate) fn parse_profile(bytes: &[u8], path: &Path) -> Result<RawSource, PolicyProblem> {
    let value = plist::Value::from_reader(std::io::Cursor::new(bytes)).map_err(|err| {
        PolicyProblem::error(path.display(), None, format!("not a valid profile: {err}"))
    })?;
    let payload = value
        .as_dictionary()
        .and_then(|profile| profile.get("PayloadContent"))
        .and_then(plist::Value::as_array)
        .and_then(|payloads| {
            payloads
                .iter()
                .filter_map(plist::Value::as_dictionary)
                .find(|payload| {
                    payload.get("PayloadType").and_then(plist::Value::as_string)
                        == Some(PREFERENCE_DOMAIN)
                })
        })
        .ok_or_else(|| {
            PolicyProblem::error(
                path.display(),
                None,
                format!("the profile has no payload of type {PREFERENCE_DOMAIN}"),
            )
        })?;
    from_dictionary(payload, Origin::File(path.to_path_buf()))
}

fn from_dictionary(
    dictionary: &plist::Dictionary,
    origin: Origin,
) -> Result<RawSource, PolicyProblem> {
    let mut values = Vec::new();
    // A wrong value is reported and the other keys still read, so one mistake does not hide the rest.
    let mut problems = Vec::new();
    for (name, value) in dictionary {
        // A profile payload's own bookkeeping keys, which macOS also copies into the managed file.
        if name.starts_with("Payload") || name == "PolicyComment" {
            continue;
        }
        let raw = match value {
            plist::Value::Boolean(value) => Raw::Bool(*value),
            plist::Value::Integer(number) => match number.as_signed() {
                Some(n) => Raw::Int(n),
                None => Raw::Text(number.to_string()),
            },
            plist::Value::String(text) => Raw::Text(text.clone()),
            plist::Value::Array(items) => {
                let list: Option<Vec<String>> = items
                    .iter()
                    .map(|item| item.as_string().map(str::to_owned))
                    .collect();
                let Some(list) = list else {
                    problems.push(PolicyProblem::error(
                        &origin,
                        None,
                        format!("{name}: list items must be strings"),
                    ));
                    continue;
                };
                Raw::List(list)
            }
            _ => {
                problems.push(PolicyProblem::error(
                    &origin,
                    None,
                    format!("{name}: use a boolean, integer, string or array of strings"),
                ));
                continue;
            }
        };
        values.push((name.clone(), raw, None));
    }
    Ok(RawSource {
        origin,
        level: Level::Machine,
        values,
        problems,
    })
}

/// Reads the computer's managed preferences, then the user's.
#[cfg(target_os = "macos")]
pub(crate) fn read_computer_then_user() -> Vec<Result<Vec<RawSource>, PolicyProblem>> {
    let root = Path::new("/Library/Managed Preferences");
    let file = format!("{PREFERENCE_DOMAIN}.plist");
    let mut places = vec![root.join(&file)];
    if let Some(user) = std::env::var_os("USER") {
        places.push(root.join(user).join(&file));
    }
    places
        .into_iter()
        .enumerate()
        .filter(|(_, path)| path.exists())
        .map(|(index, path)| match std::fs::read(&path) {
            // The first place is the computer's; the second, the user's, may only add keys or tighten them.
            Ok(bytes) => parse(&bytes, &path)
                .map(|source| vec![if index == 0 { source } else { source.as_user() }]),
            Err(err) => Err(PolicyProblem::error(
                path.display(),
                None,
                format!("the managed preferences could not be read: {err}"),
            )),
        })
        .collect()
}

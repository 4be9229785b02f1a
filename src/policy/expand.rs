//! Environment variables in folder policies (`DataDirectory`, `InstitutionPack`): one machine policy can give each
//! user a private folder. Windows expands `%VAR%` (`%APPDATA%\Harbor`, `C:\Users\%USERNAME%\Harbor`), as
//! `REG_EXPAND_SZ` and Group Policy do, and also in a plain `REG_SZ`; Linux and macOS expand `$VAR`, `${VAR}` and a
//! leading `~` (`$HOME/.harbor-notes`, `~/Harbor`). A value that cannot be expanded — a variable that is not set or
//! is empty for this user, another user's `~name`, a lone `%` or `$` — is refused with a warning naming it, and the
//! rest of the policy stays in force: the key is left unset (Harbor's own per-user folder) rather than taken
//! literally, which would give every user one shared folder.

use super::{Key, Kind};
use super::{PolicyProblem, Raw, RawSource, Severity};

/// Which variable syntax a path uses: the running platform's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `%NAME%`, names case-insensitive (Windows looks them up so).
    Windows,
    /// `$NAME`, `${NAME}` and a leading `~` for `$HOME`.
    Unix,
}

impl Syntax {
    /// The syntax of the platform Harbor runs on.
    pub fn native() -> Self {
        if cfg!(windows) {
            Self::Windows
        } else {
            Self::Unix
        }
    }
}

/// Expands `text` with `lookup` (a variable's value, or `None` when it is not set). The error says which variable or
/// character could not be expanded.
pub fn expand_with(
    text: &str,
    syntax: Syntax,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let value = |name: &str, shown: &str| match lookup(name) {
        Some(value) if !value.is_empty() => Ok(value),
        Some(_) => Err(format!("{shown} is empty for this user")),
        None => Err(format!("{shown} is not set for this user")),
    };
    match syntax {
        Syntax::Windows => expand_windows(text, value),
        Syntax::Unix => expand_unix(text, value),
    }
}

/// Expands `text` from this process's environment, in the platform's syntax.
pub fn expand(text: &str) -> Result<String, String> {
    expand_with(text, Syntax::native(), |name| std::env::var(name).ok())
}

fn expand_windows(
    text: &str,
    value: impl Fn(&str, &str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('%') else {
            return Err("it has a `%` without a closing `%` (write variables as %NAME%)".into());
        };
        let name = &after[..end];
        if name.is_empty() {
            return Err("it has `%%`, which names no variable (write variables as %NAME%)".into());
        }
        out.push_str(&value(name, &format!("%{name}%"))?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn expand_unix(
    text: &str,
    value: impl Fn(&str, &str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    if let Some(after) = rest.strip_prefix('~') {
        let user_end = after.find('/').unwrap_or(after.len());
        if user_end > 0 {
            return Err(format!(
                "`~{}` is another user's home folder, which Harbor does not look up (use $HOME or ~ for the user's own)",
                &after[..user_end]
            ));
        }
        out.push_str(&value("HOME", "$HOME (for ~)")?);
        rest = after;
    }
    while let Some(start) = rest.find('$') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let (name, next) = if let Some(braced) = after.strip_prefix('{') {
            let Some(end) = braced.find('}') else {
                return Err("it has `${` without a closing `}`".into());
            };
            (&braced[..end], &braced[end + 1..])
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(
                "it has a `$` that does not start a variable name (write variables as $NAME or ${NAME})"
                    .into(),
            );
        }
        out.push_str(&value(name, &format!("${name}"))?);
        rest = next;
    }
    out.push_str(rest);
    Ok(out)
}

/// Expands the folder values of one policy source in place. A value that cannot be expanded is removed and reported
/// as a warning, so the rest of the policy still applies.
pub(crate) fn expand_folders(
    mut source: RawSource,
    problems: &mut Vec<PolicyProblem>,
) -> RawSource {
    let place = source.origin.to_string();
    source.values.retain_mut(|(name, raw, line)| {
        let is_folder = Key::from_name(name).is_some_and(|key| key.spec().kind == Kind::Folder);
        let Raw::Text(text) = raw else {
            return true;
        };
        if !is_folder {
            return true;
        }
        match expand(text.trim()) {
            Ok(expanded) => {
                *text = expanded;
                true
            }
            Err(reason) => {
                problems.push(PolicyProblem {
                    severity: Severity::Warning,
                    place: place.clone(),
                    line: *line,
                    message: format!(
                        "{name}: \"{}\" cannot be expanded: {reason}. The key was skipped; the rest of the policy applies",
                        text.trim()
                    ),
                });
                false
            }
        }
    });
    source
}

//! The date an import records. A CAT tool keeps the header of the exported file, and that header carries the
//! date of the translation as exported: taken as it is, it would date new work with the old date. So the file's
//! date (PO `PO-Revision-Date`, XLIFF file note `date`) is used only when it is a date of this work: after the
//! translation it was exported from, not before the export itself (the English the translator worked from) and
//! not after today. Otherwise the translation is dated the day of the import, and the summary says why.
//!
//! Today comes from the caller ([`Day::today`] in the command line, any day in tests), never read here.

use std::fmt;

use super::LineError;
use crate::content::checks::days_from_iso;

/// A calendar day (UTC), as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(i64);

impl Day {
    /// Today by the system clock (UTC).
    pub fn today() -> Self {
        Self(crate::content::checks::today_days())
    }

    /// An ISO date (`2026-12-06`), if it is one.
    pub fn from_iso(date: &str) -> Option<Self> {
        days_from_iso(date).map(Self)
    }

    /// The day of a date as CAT tools write it: `2026-12-01`, `2026-12-01 09:30`, `2026-12-01 09:30+0100` or
    /// `2026-12-01T09:30:00Z`; a time with an offset from UTC is brought to UTC first. `None` if it is none of these.
    pub fn from_stamp(stamp: &str) -> Option<Self> {
        let stamp = stamp.trim();
        let day = Self::from_iso(stamp.get(..10)?)?;
        let rest = stamp[10..].trim_start_matches([' ', 'T']);
        if rest.is_empty() {
            return Some(day);
        }
        let hours: i64 = rest.get(..2)?.parse().ok()?;
        let minutes: i64 = rest
            .get(3..5)
            .filter(|_| rest.get(2..3) == Some(":"))?
            .parse()
            .ok()?;
        // Seconds and fractions, if any, do not move the day.
        let zone =
            rest[5..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
        let offset = match zone.trim() {
            "" | "Z" | "z" => 0,
            zone => {
                let sign = match zone.get(..1)? {
                    "+" => 1,
                    "-" => -1,
                    _ => return None,
                };
                let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let (h, m): (i64, i64) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
                sign * (h * 60 + m)
            }
        };
        let utc_minutes = hours * 60 + minutes - offset;
        Some(Self(day.0 + utc_minutes.div_euclid(24 * 60)))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = crate::local_time::civil_from_days(self.0);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

/// The date an import records, and why the file's own date was not used, if it was not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dated {
    /// ISO date.
    pub date: String,
    /// For the translator, when the file's date was replaced.
    pub note: Option<String>,
}

/// What the file says about its dates.
pub(crate) struct FileDates<'a> {
    /// The translator's date (PO `PO-Revision-Date`, XLIFF note `date`) with its line, as written.
    pub translator: Option<(&'a str, usize)>,
    /// The day of the export the file was made from (PO `POT-Creation-Date`, XLIFF note `exported`), if it says.
    pub exported: Option<&'a str>,
    /// The date of the translation as exported (the locale's provenance), which an unedited header still carries.
    pub previous: &'a str,
}

/// The date of an import on `today`: the file's date if it is one of this work, else today (with the reason).
pub(crate) fn choose(file: &FileDates<'_>, today: Day) -> Result<Dated, LineError> {
    let today_iso = today.to_string();
    let stated = file
        .translator
        .map(|(text, line)| (text.trim(), line))
        // Empty, or gettext's template placeholder `YEAR-MO-DA HO:MI+ZONE`: no date given.
        .filter(|(text, _)| !text.is_empty() && !text.starts_with("YEAR-"));
    let Some((text, line)) = stated else {
        return Ok(Dated {
            date: today_iso,
            note: None,
        });
    };
    let Some(day) = Day::from_stamp(text) else {
        return Err(LineError::new(
            Some(line),
            format!(
                "the date `{text}` is not a date like 2026-11-30 (PO-Revision-Date, XLIFF note date)"
            ),
        ));
    };
    let replaced = |why: String| {
        Ok(Dated {
            note: Some(format!(
                "dated {today_iso}, the day of the import: the file's date {day} {why}"
            )),
            date: today_iso.clone(),
        })
    };
    let previous = Day::from_iso(file.previous);
    let exported = file.exported.and_then(Day::from_stamp);
    if day > today {
        return replaced(format!("is in the future (today is {today_iso}, UTC)"));
    }
    if let Some(exported) = exported.filter(|exported| day < *exported) {
        return replaced(format!(
            "is earlier than the export it translates ({exported}): it cannot be the date of this work"
        ));
    }
    if previous.is_some_and(|previous| day <= previous) {
        return replaced(format!(
            "is the date the exported translation already had ({}), not the date of this work",
            file.previous
        ));
    }
    Ok(Dated {
        date: day.to_string(),
        note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> Day {
        Day::from_iso(iso).unwrap()
    }

    #[test]
    fn stamps_are_read_as_their_utc_day() {
        for (stamp, utc_day) in [
            ("2026-12-01", "2026-12-01"),
            ("2026-12-01 09:30+0100", "2026-12-01"),
            ("2026-12-01 00:30+0100", "2026-11-30"),
            ("2026-12-31 23:30-0100", "2027-01-01"),
            ("2026-12-01T09:30:00Z", "2026-12-01"),
            ("2026-12-01 09:30+01:00", "2026-12-01"),
        ] {
            assert_eq!(Day::from_stamp(stamp), Some(day(utc_day)), "{stamp}");
        }
        for bad in [
            "01/12/2026",
            "2026-13-01",
            "2026-12-01 9h",
            "2026-12-01 09:30 CET",
        ] {
            assert_eq!(Day::from_stamp(bad), None, "{bad}");
        }
        assert_eq!(day("2026-12-06").to_string(), "2026-12-06");
        assert_eq!(day("1999-02-28").to_string(), "1999-02-28");
    }

    #[test]
    fn the_file_date_is_used_only_when_it_is_a_date_of_this_work() {
        let today = day("2026-12-06");
        let at = |translator: Option<&str>, exported: Option<&str>| {
            choose(
                &FileDates {
                    translator: translator.map(|t| (t, 5)),
                    exported,
                    previous: "2026-11-30",
                },
                today,
            )
            .unwrap()
        };
        // A later translator date, on or after the export and not in the future: kept.
        assert_eq!(
            at(Some("2026-12-02 10:00+0100"), Some("2026-12-01")).date,
            "2026-12-02"
        );
        assert_eq!(
            at(Some("2026-12-02"), None),
            Dated {
                date: "2026-12-02".into(),
                note: None
            }
        );
        // No date, or gettext's placeholder: today, nothing to explain.
        assert_eq!(
            at(None, None),
            Dated {
                date: "2026-12-06".into(),
                note: None
            }
        );
        assert_eq!(at(Some("YEAR-MO-DA HO:MI+ZONE"), None).date, "2026-12-06");
        // The header as exported: today, and why.
        let kept = at(Some("2026-11-30 00:00+0000"), Some("2026-12-05"));
        assert_eq!(kept.date, "2026-12-06");
        assert!(kept.note.unwrap().contains("earlier than the export"));
        let kept = at(Some("2026-11-30 00:00+0000"), None);
        assert!(
            kept.note
                .unwrap()
                .contains("the exported translation already had (2026-11-30)")
        );
        // Before the export, or in the future: today, and why.
        let early = at(Some("2026-12-02"), Some("2026-12-04"));
        assert_eq!(early.date, "2026-12-06");
        assert!(early.note.unwrap().contains("2026-12-04"));
        let future = at(Some("2026-12-07"), None);
        assert_eq!(future.date, "2026-12-06");
        assert!(future.note.unwrap().contains("in the future"));
        // Today itself is no replacement.
        assert_eq!(at(Some("2026-12-06"), Some("2026-12-06")).note, None);
        // Not a date at all: refused at its line.
        let error = choose(
            &FileDates {
                translator: Some(("yesterday", 7)),
                exported: None,
                previous: "",
            },
            today,
        )
        .unwrap_err();
        assert_eq!(error.line, Some(7));
    }
}

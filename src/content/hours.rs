//! When each number answers: `content/hours.ron`, keyed by the number's digits so that it holds wherever the number
//! appears (a resource, a reporting verdict, the start screen) and in every language. Each entry names its source
//! and the date it was read; a number not listed is "hours not confirmed".

use std::sync::OnceLock;

use serde::Deserialize;

/// The built-in hours file.
pub const BUILTIN_HOURS: &str = include_str!("../../content/hours.ron");

/// When a number answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub enum Open {
    /// Around the clock, every day (24/7).
    Always,
    /// Only at these hours, as the source gives them (English).
    Hours(String),
}

/// One number's hours, with where they come from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct NumberHours {
    /// The number's digits (see [`crate::analyze::phone_digits`]).
    pub digits: String,
    /// When it answers.
    pub open: Open,
    /// Where that comes from: the service's own page (URL and its words) or the guidebook.
    pub source: String,
    /// When the source was read (YYYY-MM-DD).
    pub read: String,
}

/// The hours file.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct HoursTable {
    /// Every number whose hours are known.
    pub numbers: Vec<NumberHours>,
}

impl HoursTable {
    /// Parses a hours file.
    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        ron::from_str(text)
    }

    /// The built-in table (an unreadable built-in file is caught by the tests; the app then knows no hours).
    pub fn builtin() -> &'static Self {
        static TABLE: OnceLock<HoursTable> = OnceLock::new();
        TABLE.get_or_init(|| Self::parse(BUILTIN_HOURS).unwrap_or_default())
    }

    /// The hours of `number` (in any format), if known.
    pub fn of(&self, number: &str) -> Option<&NumberHours> {
        let digits = crate::analyze::phone_digits(number);
        self.numbers.iter().find(|entry| entry.digits == digits)
    }

    /// Whether `number` is known to answer around the clock.
    pub fn always_open(&self, number: &str) -> bool {
        self.of(number)
            .is_some_and(|entry| entry.open == Open::Always)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_hours_parse_and_each_names_its_source_and_date() {
        let table = HoursTable::parse(BUILTIN_HOURS).expect("content/hours.ron parses");
        assert!(table.numbers.len() >= 5);
        for entry in &table.numbers {
            assert_eq!(entry.digits, crate::analyze::phone_digits(&entry.digits));
            assert!(
                entry.source.contains("https://") || entry.source.starts_with("Guidebook (2014)"),
                "{}: a primary page or the guidebook",
                entry.digits
            );
            let date = entry.read.as_bytes();
            assert!(
                date.len() == 10 && date[4] == b'-' && date[7] == b'-',
                "{}: read date {}",
                entry.digits,
                entry.read
            );
        }
    }

    #[test]
    fn the_hotline_answers_around_the_clock_in_any_format() {
        let table = HoursTable::builtin();
        assert!(table.always_open("(888) 373-7888"));
        assert!(table.always_open("1-888-373-7888"));
        assert!(table.always_open("(800) 792-5200"));
        assert!(!table.always_open("(888) 428-7581"));
        assert!(
            table.of("(617) 343-6533").is_none(),
            "Boston Police: not confirmed"
        );
    }

    #[test]
    fn every_number_with_hours_is_in_the_english_content() {
        let content = crate::content::Content::builtin("en").expect("English content");
        let mut numbers: Vec<String> = Vec::new();
        // The jurisdiction packs' own groups count too: a state's hotline has its hours here like Massachusetts'.
        let packs: Vec<_> = crate::content::Jurisdiction::ALL
            .into_iter()
            .map(|j| crate::content::jurisdiction::load_resources(j, "en", None).0)
            .collect();
        for group in content
            .resources
            .groups
            .iter()
            .chain(packs.iter().flat_map(|pack| &pack.groups))
        {
            for resource in &group.resources {
                for contact in &resource.contacts {
                    numbers.push(crate::analyze::phone_digits(&contact.number));
                }
            }
        }
        for entry in &HoursTable::builtin().numbers {
            assert!(
                numbers.contains(&entry.digits),
                "{} is in resources.ron",
                entry.digits
            );
        }
    }
}

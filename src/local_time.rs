//! Dates and times as the user's clock shows them: local time with the zone's offset from UTC
//! ("2026-11-28 09:05 UTC−05:00"), on screen and in the PDF. The offset comes from the operating system's time
//! zone (chrono reads it without unsafe code); the offset at that instant, so summer time is right for each date.

use chrono::{Local, Offset, TimeZone};

/// A Unix time in the local time zone, with its offset from UTC.
pub fn format_local(unix_secs: i64) -> String {
    let offset_secs = Local
        .timestamp_opt(unix_secs, 0)
        .single()
        .map_or(0, |local| local.offset().fix().local_minus_utc());
    format_with_offset(unix_secs, offset_secs)
}

/// A Unix time shown at `offset_secs` from UTC: "2026-11-28 09:05 UTC−05:00", or "… UTC" at offset zero.
pub fn format_with_offset(unix_secs: i64, offset_secs: i32) -> String {
    let local = unix_secs + i64::from(offset_secs);
    let days = local.div_euclid(86_400);
    let seconds = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let zone = if offset_secs == 0 {
        "UTC".to_owned()
    } else {
        let sign = if offset_secs < 0 { '−' } else { '+' };
        let minutes = offset_secs.unsigned_abs() / 60;
        format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    };
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} {zone}",
        seconds / 3600,
        (seconds % 3600) / 60
    )
}

/// (year, month, day) of a count of days since 1970-01-01 (Howard Hinnant's civil-from-days).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_the_local_clock_and_the_offset() {
        // 2026-11-28 14:05 UTC.
        let t = 1_795_874_700;
        assert_eq!(format_with_offset(t, 0), "2026-11-28 14:05 UTC");
        assert_eq!(
            format_with_offset(t, -5 * 3600),
            "2026-11-28 09:05 UTC−05:00"
        );
        assert_eq!(format_with_offset(t, 3600), "2026-11-28 15:05 UTC+01:00");
        assert_eq!(
            format_with_offset(t, 5 * 3600 + 1800),
            "2026-11-28 19:35 UTC+05:30"
        );
        // Across midnight and the year.
        assert_eq!(
            format_with_offset(1_798_761_600, -3600),
            "2026-12-31 23:00 UTC−01:00"
        );
    }

    #[test]
    fn the_local_format_uses_the_system_zone_at_that_instant() {
        let t = 1_795_874_700;
        let offset = Local
            .timestamp_opt(t, 0)
            .single()
            .map_or(0, |local| local.offset().fix().local_minus_utc());
        assert_eq!(format_local(t), format_with_offset(t, offset));
    }
}

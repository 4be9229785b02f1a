//! The pure helpers the views rely on, tested directly: time formatting, locale matching, right-to-left lines.

use harbor::i18n::{match_locale, visual_line};
use harbor::ui::notes::format_time;

#[test]
fn times_are_utc_dates_across_leap_days_and_the_epoch() {
    let cases = [
        (0, "1970-01-01 00:00 UTC"),
        (-1, "1969-12-31 23:59 UTC"),
        // A leap day in a year divisible by 400.
        (951_782_400, "2000-02-29 00:00 UTC"),
        (1_796_041_740, "2026-11-30 12:29 UTC"),
        (4_102_444_799, "2099-12-31 23:59 UTC"),
    ];
    for (seconds, expected) in cases {
        assert_eq!(format_time(seconds), expected, "{seconds} s");
    }
}

#[test]
fn operating_system_locales_map_to_the_ten_languages() {
    let cases = [
        ("es_ES.UTF-8", Some("es")),
        ("fr", Some("fr")),
        ("fr_CA@euro", Some("fr")),
        ("pt-BR", Some("pt-BR")),
        ("pt_PT", Some("pt-BR")),
        ("zh_CN", Some("zh-CN")),
        ("zh-Hans-CN", Some("zh-CN")),
        // Traditional Chinese readers get English rather than characters they may not read.
        ("zh_TW", None),
        ("zh-HK", None),
        ("zh-Hant", None),
        ("ar_EG.UTF-8", Some("ar")),
        ("ht", Some("ht")),
        ("km_KH", Some("km")),
        ("RU", Some("ru")),
        ("en_US", Some("en")),
        ("de_DE", None),
        ("", None),
        ("C", None),
    ];
    for (tag, expected) in cases {
        assert_eq!(match_locale(tag), expected, "{tag:?}");
    }
}

#[test]
fn left_to_right_lines_are_unchanged() {
    assert_eq!(visual_line("Call 911 now (free)"), "Call 911 now (free)");
}

#[test]
fn arabic_words_are_laid_out_right_to_left_with_letters_in_logical_order() {
    // "call the hotline now": the first word read ends up rightmost.
    assert_eq!(visual_line("اتصل بالخط الآن"), "الآن بالخط اتصل");
}

#[test]
fn numbers_inside_arabic_keep_their_digit_order_and_place() {
    // "call 911 now": the number sits between the two words, its digits left to right.
    assert_eq!(visual_line("اتصل 911 الآن"), "الآن 911 اتصل");
}

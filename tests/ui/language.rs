//! Languages in the window: switching at runtime changes the strings, the guide, the direction and search together
//! (and a lock does not undo it); the patient-language card shows a question in the patient's language beside the
//! clinician's, with the interpreter reminder; translations honestly marked as not reviewed.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common;
use common::ui_string;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

#[test]
fn a_question_is_shown_in_the_patients_language_beside_the_clinicians() {
    let mut harness = common::harness("en");
    harness.get_by_label("Questions").click();
    harness.run();
    let button = "Show to patient: Can you come and go as you please during time off?";
    harness.get_by_label(button).scroll_to_me();
    harness.run();
    harness.get_by_label(button).click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("never a companion")
            .next()
            .is_some(),
        "interpreter reminder"
    );

    harness.get_by_label("Patient's language").click();
    harness.run();
    // Unreviewed translations carry the menu's `*` in the card's pickers too.
    assert!(harness.query_by_label("Español").is_none());
    harness.get_by_label("Español *").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("¿puede salir y entrar cuando quiera")
            .next()
            .is_some(),
        "Spanish on the patient side"
    );
    assert!(
        harness
            .query_all_by_label_contains(
                "todavía no lo ha revisado un traductor médico profesional"
            )
            .next()
            .is_some(),
        "the patient side says, in Spanish, that the translation is not yet reviewed"
    );
    assert!(
        harness
            .query_all_by_label_contains("Can you come and go as you please during time off?")
            .count()
            >= 2,
        "English stays on the clinician side (and in the page behind)"
    );
    harness.get_by_label("Close card").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("¿puede salir y entrar cuando quiera")
            .next()
            .is_none(),
        "the card keeps nothing"
    );
}

#[test]
fn the_about_box_says_translations_are_not_yet_reviewed() {
    let mut harness = common::harness("fr");
    harness.get_by_label("Paramètres").click();
    harness.run();
    harness.get_by_label("À propos de Harbor").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("traducteur médical professionnel")
            .next()
            .is_some()
    );
}

#[test]
fn right_to_left_checkboxes_sit_one_row_apart() {
    let mut harness = common::harness("ar");
    harness
        .get_by_label(&harbor::ui::Tab::Indicators.label())
        .click();
    harness.run();
    let tops: Vec<f32> = harness
        .query_all_by_role(egui::accesskit::Role::CheckBox)
        .take(3)
        .map(|checkbox| checkbox.rect().top())
        .collect();
    assert_eq!(tops.len(), 3, "the indicators are on screen");
    for pair in tops.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            (1.0..60.0).contains(&gap),
            "each indicator one row below the last (a right-to-left row once took the whole page): {tops:?}"
        );
    }
}

#[test]
fn the_card_says_shown_in_english_where_a_translation_is_stale() {
    use harbor::content::Content;
    use harbor::ui::patient_card::card_side;
    let request = harbor::ui::CardRequest {
        file: harbor::content::ContentFile::Questions,
        key: "q.initial.come-and-go".to_owned(),
    };
    let arabic = Content::builtin("ar").unwrap();
    let side = card_side(&arabic, &request).unwrap();
    assert!(!side.in_english);
    // As the loader leaves a pack whose translation of this question is outdated or missing.
    let mut stale = arabic.clone();
    stale
        .fallback_anchors
        .insert("q.initial.come-and-go".to_owned());
    assert!(card_side(&stale, &request).unwrap().in_english);
    let english = Content::builtin("en").unwrap();
    assert!(!card_side(&english, &request).unwrap().in_english);
}

/// Types `query` into the search box (labelled in `locale`), replacing what was there.
fn search_for(
    harness: &mut egui_kittest::Harness<'static, common::TestApp>,
    locale: &str,
    query: &str,
) {
    let label = ui_string(locale, "search.label");
    harness.get_by_label(&label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(&label).type_text(query);
    harness.run();
}

/// Whether the navigation button of the Indicators tab (named in `locale`) sits in the window's right half.
fn navigation_on_the_right(
    harness: &egui_kittest::Harness<'static, common::TestApp>,
    locale: &str,
) -> bool {
    let button = harness
        .get_by_label(&ui_string(locale, "tab.indicators"))
        .rect();
    button.center().x > harness.ctx.content_rect().center().x
}

#[test]
fn switching_to_arabic_changes_strings_guide_direction_and_search_together_and_lasts_through_a_lock()
 {
    let passphrase = "harbor language switch test passphrase";
    let english = harbor::content::Content::builtin("en").unwrap();
    let arabic = harbor::content::Content::builtin("ar").unwrap();
    // "Passport" in Arabic: the Arabic synonyms lead it to the identity-document red flags.
    let arabic_query = "جواز";
    let arabic_red_flag = "وثائق المريض في حوزة الطرف المرافق";

    // The first red-flag group's heading: translated in the Arabic pack (unlike the narrative, which may show the
    // English where no translation exists yet).
    let english_heading = &english.indicators.groups[0].title;
    let arabic_heading = &arabic.indicators.groups[0].title;
    assert_ne!(
        english_heading, arabic_heading,
        "the Arabic pack translates it"
    );

    let mut harness = common::harness("en");
    common::create_vault(&mut harness, passphrase);
    harness.get_by_label("Indicators").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::Heading, english_heading)
            .is_some(),
        "the English guide"
    );
    assert!(
        !navigation_on_the_right(&harness, "en"),
        "left-to-right navigation"
    );
    search_for(&mut harness, "en", arabic_query);
    assert!(
        harness
            .query_all_by_label_contains(arabic_red_flag)
            .next()
            .is_none(),
        "the English index does not know the Arabic word"
    );
    harness
        .get_by_label(&ui_string("en", "search.clear"))
        .click();
    harness.run();

    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label_contains("العربية").click();
    harness.run();

    let arabic_on_screen = |harness: &egui_kittest::Harness<'static, common::TestApp>| {
        assert!(
            harness.query_by_label("Indicators").is_none(),
            "no English tab name left"
        );
        assert!(
            harness
                .query_by_label(&ui_string("ar", "tab.indicators"))
                .is_some(),
            "Arabic tab names"
        );
        assert!(
            navigation_on_the_right(harness, "ar"),
            "the navigation is mirrored to the right"
        );
        assert_eq!(
            harness.state().app().content().locale,
            "ar",
            "the Arabic guide is loaded"
        );
        assert_eq!(
            harness.state().app().settings().locale.as_deref(),
            Some("ar"),
            "and remembered"
        );
    };
    arabic_on_screen(&harness);
    assert!(
        harness
            .query_by_role_and_label(Role::Heading, arabic_heading)
            .is_some()
            && harness
                .query_by_role_and_label(Role::Heading, english_heading)
                .is_none(),
        "the Indicators page shows the Arabic guide"
    );
    search_for(&mut harness, "ar", arabic_query);
    assert!(
        harness
            .query_all_by_label_contains(arabic_red_flag)
            .next()
            .is_some(),
        "the search index is Arabic now: the Arabic word finds the red flag, shown in Arabic"
    );
    harness
        .get_by_label(&ui_string("ar", "search.clear"))
        .click();
    harness.run();

    harness.get_by_label(&ui_string("ar", "vault.lock")).click();
    harness.run();
    assert!(!harness.state().app().session().is_unlocked(), "locked");
    arabic_on_screen(&harness);
    harness.get_by_label(&ui_string("ar", "tab.notes")).click();
    harness.run();
    common::type_into(
        &mut harness,
        &ui_string("ar", "vault.passphrase"),
        passphrase,
    );
    harness
        .get_by_label(&ui_string("ar", "vault.unlock"))
        .click();
    common::wait_for_vault(&mut harness);
    assert!(
        harness.state().app().session().is_unlocked(),
        "unlocked again"
    );
    arabic_on_screen(&harness);
}

#[test]
fn the_navigation_column_is_as_wide_after_english_arabic_english_as_before() {
    let english = harbor::content::Content::builtin("en").unwrap();
    let heading = english.indicators.groups[0].title.clone();
    let mut harness = common::harness("en");
    harness.get_by_label("Indicators").click();
    harness.run();
    let page_starts = |harness: &egui_kittest::Harness<'static, common::TestApp>| {
        harness
            .get_by_role_and_label(Role::Heading, &heading)
            .rect()
            .left()
    };
    let before = page_starts(&harness);
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label_contains("العربية").click();
    harness.run();
    harness.run();
    assert!(harness.query_by_label("Indicators").is_none(), "Arabic now");
    harness.get_by_label_contains("العربية").click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    harness.run();
    let after = page_starts(&harness);
    assert!(
        (after - before).abs() < 1.0,
        "the page starts at x = {before} before and {after} after the round trip"
    );
}

/// Every text shape drawn this frame: (its text, whether egui wrapped it, i.e. a row other than the last that does
/// not end with a newline).
fn drawn_texts(harness: &egui_kittest::Harness<'static, common::TestApp>) -> Vec<(String, bool)> {
    fn visit(shape: &egui::Shape, out: &mut Vec<(String, bool)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| visit(s, out)),
            egui::Shape::Text(text) => {
                let rows = &text.galley.rows;
                let wrapped = rows
                    .iter()
                    .take(rows.len().saturating_sub(1))
                    .any(|row| !row.ends_with_newline);
                out.push((text.galley.job.text.clone(), wrapped));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        visit(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn no_arabic_text_is_wrapped_by_egui_after_reordering_on_any_tab_or_menu() {
    for zoom in [1.0, 1.6] {
        let settings = harbor::settings::Settings {
            zoom,
            ..Default::default()
        };
        let mut harness = common::harness_with("ar", settings);
        let mut found = Vec::new();
        let mut check = |harness: &egui_kittest::Harness<'static, common::TestApp>, place: &str| {
            for (text, wrapped) in drawn_texts(harness) {
                if wrapped && harbor::i18n::has_right_to_left(&text) {
                    found.push(format!("zoom {zoom}, {place}: {text}"));
                }
            }
        };
        for tab in [
            "tab.start",
            "tab.overview",
            "tab.health",
            "tab.indicators",
            "tab.questions",
            "tab.response",
            "tab.reporting",
            "tab.resources",
            "tab.safety_plan",
            "tab.notes",
        ] {
            harness.get_by_label(&ui_string("ar", tab)).click();
            harness.run();
            check(&harness, tab);
        }
        for menu in [
            harbor::i18n::LANGUAGES[7].native_name.to_owned(),
            ui_string("ar", "settings.menu"),
        ] {
            harness.get_by_label_contains(&menu).click();
            harness.run();
            check(&harness, &menu);
            harness.key_press(egui::Key::Escape);
            harness.run();
        }
        assert!(
            found.is_empty(),
            "reordered Arabic that egui wrapped, so its last line shows first: {found:#?}"
        );
    }
}

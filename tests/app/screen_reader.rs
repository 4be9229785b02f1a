//! The real bus: Harbor under Xvfb, on a private D-Bus session with the accessibility bus enabled, read through
//! libatspi as Orca reads it (tests/app/screen_reader.py). Checks the window's name, every tab's name, headings on
//! every tab, English and Arabic names in logical order, one focusable node per control, focus on the target
//! after a search jump, a table read as a table (rows, column headers, cells named with their text, and the AT-SPI
//! Table and TableCell interfaces: row and column counts, every cell at its row and column with its text and its
//! column header), every heading with its level (the `level` attribute Orca reads: Overview's section titles 2,
//! Indicators' group titles 3), list items read as list items with their place (posinset, setsize) and no bullet
//! or tick of their own, and the Text interface of Arabic labels and of Arabic
//! given to the search field reading the logical text; every label, heading, list item and cell of every tab
//! readable through the Text interface, on screen or not, and Say All's order on Overview (every section title,
//! paragraph and list item, in document order). Needs at-spi2-core, dbus, gir1.2-atspi-2.0, python3-gi and xdotool (`.ci/run` installs them).

use std::collections::BTreeMap;

use harbor::content::Content;

/// The ten tab names of a locale (Start first), in order, from its UI file.
fn tab_names(locale: &str) -> Vec<String> {
    // Every tab, in the order the locale file lists them: the tab bar's order (`Tab::ALL`).
    let text = std::fs::read_to_string(format!("locales/{locale}.yml")).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    value["tab"]
        .as_mapping()
        .unwrap()
        .values()
        .map(|name| name.as_str().unwrap().to_owned())
        .collect()
}

/// One tab's name in `locale`.
fn tab_name(locale: &str, key: &str) -> String {
    let text = std::fs::read_to_string(format!("locales/{locale}.yml")).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    value["tab"][key].as_str().unwrap().to_owned()
}

/// The check box text and group heading of the Indicators tab, as the content pack has them.
fn indicator_texts(locale: &str) -> Vec<String> {
    let content = Content::builtin(locale).unwrap();
    let group = &content.indicators.groups[0];
    vec![group.title.clone(), group.indicators[0].text.clone()]
}

/// The Overview tab's table as a screen reader must get it: column titles, then each row's cells without the
/// bullets that mark their lines on screen.
fn table_expectation(locale: &str) -> String {
    let content = Content::builtin(locale).unwrap();
    let (columns, rows) = content
        .overview
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .find_map(|block| match block {
            harbor::content::model::Block::Table { columns, rows, .. } => Some((columns, rows)),
            _ => None,
        })
        .expect("Overview has a table");
    let rows: Vec<String> = rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| {
                    cell.lines()
                        .map(|line| line.trim_start().trim_start_matches('•').trim_start())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect();
            json_list(&cells)
        })
        .collect();
    format!(
        r#"{{"tab": {}, "columns": {}, "rows": [{}]}}"#,
        json_string(&tab_names(locale)[1]),
        json_list(columns),
        rows.join(", ")
    )
}

/// What Say All must read on Overview, in this order (other texts, such as citations, may come between): every
/// section's title, paragraphs, list lead-ins and list items.
fn reading_expectation(locale: &str) -> String {
    let content = Content::builtin(locale).unwrap();
    let mut texts = Vec::new();
    for section in &content.overview.sections {
        texts.push(section.title.clone());
        for block in &section.blocks {
            match block {
                harbor::content::model::Block::Text { text, .. } => texts.push(text.clone()),
                harbor::content::model::Block::List { intro, items, .. } => {
                    texts.extend(intro.clone());
                    texts.extend(items.iter().map(|item| item.text.clone()));
                }
                _ => {}
            }
        }
    }
    format!(
        r#"{{"tab": {}, "texts": {}}}"#,
        json_string(&tab_names(locale)[1]),
        json_list(&texts)
    )
}

/// The headings whose level the content model says, per tab name: every Overview section title (level 2) and
/// every Indicators group title (level 3).
fn heading_expectation(locale: &str) -> String {
    let content = Content::builtin(locale).unwrap();
    let pairs = |level: usize, titles: Vec<&String>| {
        let pairs: Vec<String> = titles
            .iter()
            .map(|title| format!("[{level}, {}]", json_string(title)))
            .collect();
        format!("[{}]", pairs.join(", "))
    };
    format!(
        "{{{}: {}, {}: {}}}",
        json_string(&tab_names(locale)[1]),
        pairs(
            2,
            content.overview.sections.iter().map(|s| &s.title).collect()
        ),
        json_string(&tab_name(locale, "indicators")),
        pairs(
            3,
            content.indicators.groups.iter().map(|g| &g.title).collect()
        ),
    )
}

/// A sample question of the Questions tab, which must be one list item named with its text.
fn question_expectation(locale: &str) -> String {
    let content = Content::builtin(locale).unwrap();
    format!(
        r#"{{"tab": {}, "item": {}}}"#,
        json_string(&tab_names(locale)[4]),
        json_string(&content.questions.groups[0].questions[0].text)
    )
}

#[test]
fn a_screen_reader_on_the_accessibility_bus_reads_every_tab_in_english_and_arabic() {
    let tools = [
        "xvfb-run",
        "xdpyinfo",
        "dbus-run-session",
        "xdotool",
        "/usr/libexec/at-spi-bus-launcher",
    ];
    if !super::tools_present(&tools, "the screen-reader bus test") {
        return;
    }
    let gi = std::process::Command::new("/usr/bin/python3")
        .args(["-c", "import gi; gi.require_version('Atspi', '2.0')"])
        .status()
        .is_ok_and(|s| s.success());
    if !gi {
        assert!(
            std::env::var_os("HARBOR_REQUIRE_TOOLS").is_none(),
            "gir1.2-atspi-2.0 and python3-gi are required in CI"
        );
        eprintln!(
            "NOTICE: skipping the screen-reader bus test: libatspi's introspection data is missing"
        );
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let mut expect = serde_json_like(home.path());
    let english_indicators = tab_name("en", "indicators");
    let arabic_indicators = tab_name("ar", "indicators");
    expect.push_str(&format!(
        r#", "en": {{"tabs": {}, "texts": {{{}: {}}}, "search": {{"query": "passport"}},
                    "table": {}, "list": {}, "reading": {}, "headings": {}}},
            "ar": {{"tabs": {}, "texts": {{{}: {}}}, "table": {}, "list": {}, "reading": {},
                    "headings": {}, "typed": "جواز السفر"}}}}"#,
        json_list(&tab_names("en")),
        json_string(&english_indicators),
        json_list(&indicator_texts("en")),
        table_expectation("en"),
        question_expectation("en"),
        reading_expectation("en"),
        heading_expectation("en"),
        json_list(&tab_names("ar")),
        json_string(&arabic_indicators),
        json_list(&indicator_texts("ar")),
        table_expectation("ar"),
        question_expectation("ar"),
        reading_expectation("ar"),
        heading_expectation("ar"),
    ));
    let expect_path = home.path().join("expect.json");
    std::fs::write(&expect_path, expect).unwrap();
    let script = format!(
        "dbus-run-session -- /usr/bin/python3 {} {}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/app/screen_reader.py"),
        expect_path.display()
    );
    let output = super::xvfb_run(&script, home.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "screen-reader checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("0 failed checks"), "{stdout}\n{stderr}");
    // What was read, for `cargo test -- --nocapture`.
    println!("{stdout}");
}

/// The start of the expectations file: locales and the data folder.
fn serde_json_like(home: &std::path::Path) -> String {
    let mut fields = BTreeMap::new();
    fields.insert(
        "data_dir",
        json_string(&home.join("data").display().to_string()),
    );
    fields.insert("locales", json_list(&["en".to_owned(), "ar".to_owned()]));
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("\"{k}\": {v}"))
        .collect();
    format!("{{{}", body.join(", "))
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| json_string(i)).collect();
    format!("[{}]", items.join(", "))
}

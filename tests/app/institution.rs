//! The institution pack: importing a contacts spreadsheet (good and bad files), `--check-content` on the pack, and
//! the directory becoming the first resource group.

use std::path::Path;

use harbor::content::institution::{self, InstitutionPack, is_plausible_phone, parse_csv};

use crate::cli::{harbor, stdout};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_sample_spreadsheet_imports_into_a_pack_that_checks_clean() {
    let out = tempfile::tempdir().unwrap();
    let pack_dir = out.path().join("institution");
    let output = harbor(&[
        "--import-directory",
        "packaging/institution/contacts.sample.csv",
        "--out",
        pack_dir.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("5 contacts written"),
        "{}",
        stdout(&output)
    );
    let pack = institution::load(&pack_dir).expect("the written pack loads");
    assert_eq!(pack.contacts.len(), 5);
    let dv = &pack.contacts[2];
    assert_eq!(dv.name, "Community Domestic Violence Programme");
    assert_eq!(dv.phone, "(617) 555-0177");
    assert_eq!(
        dv.languages.as_deref(),
        Some("English, Spanish, Haitian Creole, Portuguese"),
        "a quoted value keeps its commas"
    );
    assert_eq!(pack.contacts[4].website, None, "an empty cell is no value");
    assert_eq!(pack.imported_from.as_deref(), Some("contacts.sample.csv"));
    let check = harbor(&["--check-content", pack_dir.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("0 errors"), "{}", stdout(&check));
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("contacts.csv");
    std::fs::write(
        &csv,
        "\u{feff}Name,Phone,Hours\n\
         Response team,(617) 555-0100,24/7\n\
         ,(617) 555-0101,\n\
         Interpreters,call the operator,\n\
         \n\
         \"SANE, nights\",(617) 555-0190\n\
         Social work,,weekdays\n\
         Too,(617) 555-0102,many,fields\n",
    )
    .unwrap();
    let out = dir.path().join("pack");
    let output = harbor(&[
        "--import-directory",
        csv.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let errors = stderr(&output);
    let file = csv.display().to_string();
    for (line, what) in [
        (3, "`name` is empty"),
        (4, "is not a phone number"),
        (7, "`phone` is empty"),
        (8, "fields"),
    ] {
        assert!(
            errors.contains(&format!("{file}:{line}: ")) && errors.contains(what),
            "line {line} ({what}) in:\n{errors}"
        );
    }
    assert!(
        !errors.contains(&format!("{file}:6:")),
        "a quoted comma is fine:\n{errors}"
    );
    assert!(errors.contains("nothing was written"), "{errors}");
    assert!(!out.exists(), "nothing written on error");
}

#[test]
fn a_bad_import_leaves_the_previous_pack_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "name,phone\nResponse team,(617) 555-0100\n").unwrap();
    assert!(
        harbor(&[
            "--import-directory",
            good.to_str().unwrap(),
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    let before = std::fs::read(out.join("institution.ron")).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,phone,fax\nResponse team,(617) 555-0100,\n").unwrap();
    let output = harbor(&[
        "--import-directory",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(":1: unknown column `fax`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(out.join("institution.ron")).unwrap(), before);
    let entries: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary file left behind");
}

#[test]
fn missing_columns_invalid_utf8_and_a_missing_out_are_clear_errors() {
    let errors = parse_csv(b"name,hours\nTeam,24/7\n", "c.csv").unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.line == 1 && e.message.contains("`phone`"))
    );
    let errors = parse_csv(b"name,phone\nTeam \xff,(617) 555-0100\n", "c.csv").unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.line == 2 && e.message.contains("UTF-8")),
        "{errors:?}"
    );
    let errors = parse_csv(b"", "c.csv").unwrap_err();
    assert_eq!(errors[0].line, 1);
    let errors = parse_csv(b"name,phone\n", "c.csv").unwrap_err();
    assert!(errors[0].message.contains("no contacts"));
    let output = harbor(&[
        "--import-directory",
        "packaging/institution/contacts.sample.csv",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--out"));
}

#[test]
fn phone_numbers_as_directories_write_them() {
    for good in [
        "(617) 555-0100",
        "+1 617 555 0100",
        "617.555.0100",
        "4-5555",
        "(617) 555-0100 x2200",
        "555-0111 ext. 4",
    ] {
        assert!(is_plausible_phone(good), "{good}");
    }
    for bad in [
        "call the operator",
        "12",
        "617-555-0100 ext",
        "+1 +617",
        "(617) 555-0100 / 0101 abc",
    ] {
        assert!(!is_plausible_phone(bad), "{bad}");
    }
}

#[test]
fn check_content_reports_a_broken_pack_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("institution.ron"),
        "(\n    contacts: [\n        (id: \"a\", name: \"Team\", phone: \"no number\"),\n        (id: \"a\", name: \"\", phone: \"(617) 555-0100\"),\n    ],\n)\n",
    )
    .unwrap();
    let output = harbor(&["--check-content", dir.path().to_str().unwrap()]);
    assert!(!output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("institution.ron:3 [a]: `no number` is not a phone number"),
        "{text}"
    );
    assert!(text.contains("duplicate id `a`"), "{text}");
    assert!(text.contains("the name is empty"), "{text}");
    std::fs::write(
        dir.path().join("institution.ron"),
        "(contacts: [ (id: \"a\",, ) ])",
    )
    .unwrap();
    let text = stdout(&harbor(&["--check-content", dir.path().to_str().unwrap()]));
    assert!(text.contains("institution.ron:1"), "{text}");
}

#[test]
fn the_directory_becomes_the_first_resource_group() {
    let bytes = std::fs::read("packaging/institution/contacts.sample.csv").unwrap();
    let pack: InstitutionPack = parse_csv(&bytes, "contacts.sample.csv").unwrap();
    let mut content = harbor::content::Content::builtin("en").unwrap();
    let groups_before = content.resources.groups.len();
    institution::merge_into(&mut content, &pack, "Your institution");
    institution::merge_into(&mut content, &pack, "Your institution");
    assert_eq!(
        content.resources.groups.len(),
        groups_before + 1,
        "merged once"
    );
    let group = &content.resources.groups[0];
    assert_eq!(group.title, "Your institution");
    let team = &group.resources[0];
    assert_eq!(team.contacts[0].number, "(617) 555-0100 x2200");
    assert_eq!(
        team.contacts[0].hours.as_deref(),
        Some("24/7 via page operator")
    );
    assert!(team.description.contains("Hospital response team"));
    assert!(Path::new("packaging/institution/contacts.sample.csv").exists());
}

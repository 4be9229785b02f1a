//! Managed policy: the three formats (JSON file, registry values and `reg export`, managed-preferences plist),
//! precedence, the strictest defaults for a malformed policy, `--show-policy`, and the generated templates.

use std::path::Path;
use std::process::Command;

use harbor::policy::registry::{Hive, RegValue, from_values, parse_export};
use harbor::policy::{KEYS, Key, Origin, Policy, Severity, Value, json, managed_prefs, templates};
use harbor::settings::Settings;

fn json_policy(text: &str) -> Policy {
    Policy::from_sources(vec![
        json::parse(text.as_bytes(), Path::new("/etc/harbor/policy.json")).map(|s| vec![s]),
    ])
}

#[test]
fn a_json_policy_sets_typed_values_with_their_origin() {
    let policy = json_policy(
        r#"{
  "$schema": "./policy.schema.json",
  "AllowedLanguages": ["en", "es", "PT-br"],
  "DefaultLanguage": "es",
  "AutoLockMaxMinutes": 10,
  "VaultEnabled": true,
  "PdfExportEnabled": false,
  "RecoveryKeyRequired": true,
  "DataDirectory": "/srv/harbor/notes",
  "InstitutionPack": "/usr/local/share/harbor/institution",
  "ScreenCaptureProtection": true,
  "Jurisdiction": "other"
}"#,
    );
    assert!(policy.problems().is_empty(), "{:?}", policy.problems());
    assert_eq!(
        policy.jurisdiction(),
        Some(harbor::content::Jurisdiction::Other)
    );
    assert_eq!(
        policy.allowed_languages(),
        Some(&["en".to_owned(), "es".to_owned(), "pt-BR".to_owned()][..])
    );
    assert_eq!(policy.default_language(), Some("es"));
    assert_eq!(policy.auto_lock_max_minutes(), Some(10));
    assert!(policy.vault_enabled());
    assert!(!policy.pdf_export_enabled());
    assert!(policy.recovery_key_required());
    assert_eq!(policy.screen_capture_protection(), Some(true));
    assert_eq!(
        policy.data_directory(),
        Some(Path::new("/srv/harbor/notes"))
    );
    assert_eq!(policy.entries().len(), KEYS.len());
    let entry = policy.entry(Key::AutoLockMaxMinutes).unwrap();
    assert_eq!(entry.origin, Origin::File("/etc/harbor/policy.json".into()));
    assert!(policy.allows_language("es") && !policy.allows_language("ru"));
}

#[test]
fn no_policy_leaves_every_preference_to_the_user() {
    let policy = Policy::none();
    assert!(policy.entries().is_empty());
    assert!(policy.vault_enabled() && policy.pdf_export_enabled());
    assert!(!policy.recovery_key_required());
    assert_eq!(policy.screen_capture_protection(), None);
    assert!(policy.allows_language("km"));
    assert!(!policy.is_malformed());
}

#[test]
fn a_json_syntax_error_names_the_line_and_applies_the_strictest_defaults() {
    let policy = json_policy("{\n  \"VaultEnabled\": true,\n  \"PdfExportEnabled\": nope\n}\n");
    let problem = &policy.problems()[0];
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.line, Some(3), "{problem}");
    assert!(problem.place.ends_with("policy.json"));
    assert!(policy.is_malformed());
    // Nothing was read, so every key with a strictest value takes it.
    assert!(!policy.vault_enabled());
    assert!(!policy.pdf_export_enabled());
    assert!(policy.recovery_key_required());
    assert_eq!(policy.screen_capture_protection(), Some(true));
    assert_eq!(policy.auto_lock_max_minutes(), Some(1));
    assert_eq!(
        policy.entry(Key::VaultEnabled).unwrap().origin,
        Origin::Strictest
    );
    // Languages and folders are not restricted: that protects nothing and would hide the patient's language.
    assert_eq!(policy.allowed_languages(), None);
}

#[test]
fn a_wrong_value_names_its_key_and_line_and_valid_keys_still_apply() {
    let policy = json_policy(
        "{\n  \"PdfExportEnabled\": true,\n  \"AutoLockMaxMinutes\": 500,\n  \"AllowedLanguages\": [\"en\", \"xx\"]\n}",
    );
    let errors: Vec<String> = policy.problems().iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("policy.json:3") && e.contains("AutoLockMaxMinutes")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("policy.json:4") && e.contains("`xx`")),
        "{errors:?}"
    );
    assert!(policy.pdf_export_enabled(), "a valid key keeps its value");
    assert_eq!(policy.auto_lock_max_minutes(), Some(1));
    assert!(!policy.vault_enabled());
}

#[test]
fn a_wrong_jurisdiction_is_reported_with_its_line_and_leaves_the_choice_to_the_user() {
    let policy =
        json_policy("{\n  \"VaultEnabled\": true,\n  \"Jurisdiction\": \"Massachusetts\"\n}");
    let errors: Vec<String> = policy.problems().iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("policy.json:3") && errors[0].contains("MA, CA, TX, NY or Other"),
        "{errors:?}"
    );
    assert_eq!(
        policy.jurisdiction(),
        None,
        "not restricted: the user chooses"
    );
    for (value, expected) in [
        ("MA", harbor::content::Jurisdiction::Massachusetts),
        ("tx", harbor::content::Jurisdiction::Texas),
        ("NY", harbor::content::Jurisdiction::NewYork),
        ("Other", harbor::content::Jurisdiction::Other),
    ] {
        let policy = json_policy(&format!("{{\"Jurisdiction\": \"{value}\"}}"));
        assert!(policy.problems().is_empty(), "{:?}", policy.problems());
        assert_eq!(policy.jurisdiction(), Some(expected));
    }
}

#[test]
fn an_unknown_key_is_reported_not_silently_ignored() {
    let policy = json_policy("{\n  \"AutoLockMinutes\": 5\n}");
    let problem = &policy.problems()[0];
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.line, Some(2));
    assert!(problem.message.contains("AutoLockMinutes"));
    assert!(!policy.is_malformed());
}

#[test]
fn a_default_language_outside_the_allowed_ones_is_an_error() {
    let policy = json_policy(r#"{"AllowedLanguages": ["en", "es"], "DefaultLanguage": "fr"}"#);
    assert!(policy.is_malformed());
    assert_eq!(policy.default_language(), None);
    assert!(policy.problems()[0].message.contains("DefaultLanguage"));
}

#[test]
fn registry_values_map_to_policy_with_dwords_as_booleans() {
    let source = from_values(
        Hive::LocalMachine,
        [
            ("VaultEnabled".to_owned(), RegValue::Dword(0)),
            ("autolockmaxminutes".to_owned(), RegValue::Dword(15)),
            (
                "AllowedLanguages".to_owned(),
                RegValue::Sz("en, es,ht".to_owned()),
            ),
            (
                "DataDirectory".to_owned(),
                RegValue::ExpandSz(r"D:\Harbor".to_owned()),
            ),
        ],
    );
    let policy = Policy::from_sources(vec![Ok(vec![source])]);
    assert!(policy.problems().is_empty(), "{:?}", policy.problems());
    assert!(!policy.vault_enabled());
    assert_eq!(policy.auto_lock_max_minutes(), Some(15));
    assert_eq!(policy.allowed_languages().unwrap().len(), 3);
    assert_eq!(policy.data_directory(), Some(Path::new(r"D:\Harbor")));
    assert_eq!(
        policy.entry(Key::VaultEnabled).unwrap().origin.to_string(),
        r"HKLM\SOFTWARE\Policies\Harbor"
    );
}

#[test]
fn a_registry_value_of_a_type_harbor_does_not_use_is_refused_alone() {
    // A REG_BINARY AutoLockMaxMinutes (a hand-made `reg add`) beside valid values in the same hive: that key takes
    // its strictest value and the hive's other values still apply (it used to discard the whole hive).
    let policy = Policy::from_sources(vec![Ok(vec![from_values(
        Hive::LocalMachine,
        [
            ("AutoLockMaxMinutes".to_owned(), RegValue::Other(3)),
            ("PdfExportEnabled".to_owned(), RegValue::Dword(1)),
            ("Jurisdiction".to_owned(), RegValue::Sz("TX".to_owned())),
        ],
    )])]);
    assert!(policy.is_malformed());
    assert_eq!(policy.problems().len(), 1, "{:?}", policy.problems());
    assert!(
        policy.problems()[0]
            .message
            .starts_with("AutoLockMaxMinutes: registry type 3"),
        "{:?}",
        policy.problems()
    );
    assert_eq!(policy.auto_lock_max_minutes(), Some(1), "strictest");
    assert!(policy.pdf_export_enabled());
    assert_eq!(
        policy.jurisdiction(),
        Some(harbor::content::Jurisdiction::Texas)
    );
    assert_eq!(
        policy.entry(Key::Jurisdiction).unwrap().origin.to_string(),
        r"HKLM\SOFTWARE\Policies\Harbor"
    );
}

/// A `reg export` of both hives, UTF-16LE with a byte-order mark as Windows writes it.
fn reg_export(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.replace('\n', "\r\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[test]
fn a_reg_export_is_read_machine_first_then_user() {
    // "es" and "fr" as REG_MULTI_SZ: e,s,NUL,f,r,NUL,NUL in UTF-16LE.
    let export = reg_export(
        r#"Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\SOFTWARE\Policies\Harbor]
"AutoLockMaxMinutes"=dword:0000001e
"PdfExportEnabled"=dword:00000001
"AllowedLanguages"=hex(7):65,00,73,00,00,00,66,00,\
  72,00,00,00,00,00

[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Harbor]
"AutoLockMaxMinutes"=dword:0000000a
"InstitutionPack"="\\\\fileserver\\harbor\\institution"

[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Other]
"VaultEnabled"=dword:00000000
"#,
    );
    let sources = parse_export(&export, Path::new("harbor.reg"));
    let policy = Policy::from_sources(vec![sources]);
    assert!(policy.problems().is_empty(), "{:?}", policy.problems());
    let lock = policy.entry(Key::AutoLockMaxMinutes).unwrap();
    assert_eq!(lock.value, Value::Minutes(10), "the machine's value wins");
    assert_eq!(lock.origin.to_string(), r"HKLM\SOFTWARE\Policies\Harbor");
    let export_entry = policy.entry(Key::PdfExportEnabled).unwrap();
    assert_eq!(export_entry.value, Value::Bool(true));
    assert_eq!(
        export_entry.origin.to_string(),
        r"HKCU\SOFTWARE\Policies\Harbor"
    );
    assert_eq!(
        policy.allowed_languages(),
        Some(&["es".to_owned(), "fr".to_owned()][..])
    );
    assert_eq!(
        policy.institution_pack(),
        Some(Path::new(r"\\fileserver\harbor\institution"))
    );
    assert!(
        policy.vault_enabled(),
        "another program's key is not Harbor's"
    );
}

#[test]
fn a_malformed_reg_export_names_the_line() {
    let export = reg_export(
        "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Harbor]\n\"VaultEnabled\"=dword:zz\n",
    );
    let policy = Policy::from_sources(vec![parse_export(&export, Path::new("bad.reg"))]);
    let problem = &policy.problems()[0];
    assert_eq!(problem.line, Some(4), "{problem}");
    assert!(problem.place.ends_with("bad.reg"));
    assert!(!policy.vault_enabled());
}

const COMPUTER_PLIST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadUUID</key><string>6F0C7D4E-2B1A-4C8E-9E55-0C6A1B2D3E4F</string>
  <key>AutoLockMaxMinutes</key><integer>2</integer>
  <key>AllowedLanguages</key><array><string>en</string><string>km</string></array>
  <key>ScreenCaptureProtection</key><true/>
</dict>
</plist>"#;

#[test]
fn managed_preferences_are_read_computer_first_from_xml_and_binary_plists() {
    let computer_path = Path::new("/Library/Managed Preferences/org.harborapp.Harbor.plist");
    let computer = managed_prefs::parse(COMPUTER_PLIST.as_bytes(), computer_path);
    // The user's file in binary form, as macOS usually writes managed preferences.
    let mut user_dict = plist::Dictionary::new();
    user_dict.insert(
        "AutoLockMaxMinutes".into(),
        plist::Value::Integer(30.into()),
    );
    user_dict.insert("PdfExportEnabled".into(), plist::Value::Boolean(false));
    let mut binary = Vec::new();
    plist::Value::Dictionary(user_dict)
        .to_writer_binary(&mut binary)
        .unwrap();
    let user_path = Path::new("/Library/Managed Preferences/nurse/org.harborapp.Harbor.plist");
    let user = managed_prefs::parse(&binary, user_path);
    let policy = Policy::from_sources(vec![
        computer.map(|s| vec![s]),
        user.map(|s| vec![s.as_user()]),
    ]);
    assert!(policy.problems().is_empty(), "{:?}", policy.problems());
    assert_eq!(policy.auto_lock_max_minutes(), Some(2));
    assert_eq!(policy.refused().len(), 1, "the user's 30 minutes is weaker");
    assert_eq!(
        policy.entry(Key::AutoLockMaxMinutes).unwrap().origin,
        Origin::ManagedPreferences(computer_path.to_owned())
    );
    assert!(!policy.pdf_export_enabled());
    assert_eq!(
        policy.entry(Key::PdfExportEnabled).unwrap().origin,
        Origin::ManagedPreferences(user_path.to_owned())
    );
    assert_eq!(policy.screen_capture_protection(), Some(true));
    assert!(policy.allows_language("km") && !policy.allows_language("es"));
}

#[test]
fn a_broken_plist_is_an_error_naming_the_file() {
    let path = Path::new("/Library/Managed Preferences/org.harborapp.Harbor.plist");
    let policy = Policy::from_sources(vec![
        managed_prefs::parse(b"<plist><dict><key>VaultEnabled</key>", path).map(|s| vec![s]),
    ]);
    assert!(policy.is_malformed());
    assert!(
        policy.problems()[0]
            .to_string()
            .contains("org.harborapp.Harbor.plist")
    );
    assert!(!policy.vault_enabled());
}

#[test]
fn preferences_are_brought_within_policy() {
    let policy = json_policy(r#"{"AutoLockMaxMinutes": 3, "AllowedLanguages": ["en", "es"]}"#);
    let settings = Settings {
        locale: Some("ru".into()),
        auto_lock_minutes: 30,
        ..Settings::default()
    }
    .within_policy(&policy);
    assert_eq!(settings.auto_lock_minutes, 3);
    assert_eq!(settings.locale, None);
    assert_eq!(Settings::auto_lock_choices(&policy), vec![1, 2, 3]);
    assert_eq!(
        Settings::auto_lock_choices(&Policy::none()),
        Settings::AUTO_LOCK_CHOICES.to_vec()
    );
}

fn harbor_with_policy(file: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_harbor"))
        .args(args)
        .env("HARBOR_POLICY", file)
        .output()
        .expect("run harbor")
}

#[test]
fn show_policy_prints_each_key_value_and_origin() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.json");
    std::fs::write(
        &file,
        r#"{"AutoLockMaxMinutes": 10, "VaultEnabled": false}"#,
    )
    .unwrap();
    let output = harbor_with_policy(&file, &["--show-policy"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    let origin = file.display().to_string();
    assert!(
        text.lines().any(|l| l.starts_with("AutoLockMaxMinutes")
            && l.contains("10")
            && l.contains(&origin)),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("VaultEnabled") && l.contains("false")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("PdfExportEnabled") && l.contains("not set")),
        "{text}"
    );
}

#[test]
fn show_policy_reports_a_malformed_file_with_its_line_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.json");
    std::fs::write(&file, "{\n  \"VaultEnabled\": true,\n}\n").unwrap();
    let output = harbor_with_policy(&file, &["--show-policy"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success());
    assert!(
        text.contains(&format!("{}:3", file.display())),
        "names the file and line: {text}"
    );
    assert!(text.contains("strictest"), "{text}");
    // A registry export and a configuration profile are read the same way.
    let missing = dir.path().join("absent.reg");
    let output = harbor_with_policy(&missing, &["--show-policy"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("absent.reg"));
}

fn read_template(relative: &str) -> String {
    std::fs::read_to_string(Path::new("packaging/policy").join(relative))
        .unwrap_or_else(|err| panic!("packaging/policy/{relative}: {err}"))
}

#[test]
fn the_templates_in_the_repository_are_generated_from_the_schema() {
    for (relative, generated) in templates::all() {
        assert_eq!(
            read_template(relative),
            generated,
            "packaging/policy/{relative} is stale: run `cargo run -- --policy-templates packaging/policy`"
        );
    }
}

/// An element's name and its attributes.
type Element = (String, Vec<(String, String)>);

/// Element names and attribute values of a well-formed XML document (parsing fails on malformed XML).
fn xml_events(text: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut elements = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let qname = e.name();
                let name: &str = qname.as_ref();
                let name = name.to_owned();
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("well-formed attribute");
                        let key: &str = a.key.as_ref();
                        (
                            key.to_owned(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("attribute value")
                                .into_owned(),
                        )
                    })
                    .collect();
                elements.push((name, attributes));
            }
            // quick-xml accepts "--" inside a comment; the XML specification (and Windows' parser) does not.
            Event::Comment(c) => assert!(!c.contains("--"), "-- inside an XML comment"),
            Event::Eof => break,
            _ => {}
        }
    }
    elements
}

fn attribute<'a>(attributes: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn admx_and_adml_are_well_formed_and_hold_every_key() {
    let admx = xml_events(&read_template("windows/harbor.admx"));
    let adml = xml_events(&read_template("windows/en-US/harbor.adml"));
    let string_ids: Vec<&str> = adml
        .iter()
        .filter(|(name, _)| name == "string")
        .filter_map(|(_, attrs)| attribute(attrs, "id"))
        .collect();
    let presentation_ids: Vec<&str> = adml
        .iter()
        .filter(|(name, _)| name == "presentation")
        .filter_map(|(_, attrs)| attribute(attrs, "id"))
        .collect();
    for spec in &KEYS {
        let policy = admx
            .iter()
            .find(|(name, attrs)| name == "policy" && attribute(attrs, "name") == Some(spec.name))
            .unwrap_or_else(|| panic!("ADMX policy {}", spec.name));
        assert_eq!(
            attribute(&policy.1, "key"),
            Some(r"SOFTWARE\Policies\Harbor")
        );
        let value_name = attribute(&policy.1, "valueName").or_else(|| {
            admx.iter()
                .filter(|(_, attrs)| attribute(attrs, "id") == Some(spec.name))
                .find_map(|(_, attrs)| attribute(attrs, "valueName"))
        });
        assert_eq!(
            value_name,
            Some(spec.name),
            "{} writes its registry value",
            spec.name
        );
        assert!(string_ids.contains(&spec.name), "ADML string {}", spec.name);
        assert!(string_ids.contains(&format!("{}_Explain", spec.name).as_str()));
    }
    // Every $(string.X) and $(presentation.X) the ADMX refers to exists in the ADML.
    for (_, attrs) in &admx {
        for (_, value) in attrs {
            if let Some(id) = value
                .strip_prefix("$(string.")
                .and_then(|v| v.strip_suffix(')'))
            {
                assert!(string_ids.contains(&id), "ADML lacks string {id}");
            }
            if let Some(id) = value
                .strip_prefix("$(presentation.")
                .and_then(|v| v.strip_suffix(')'))
            {
                assert!(
                    presentation_ids.contains(&id),
                    "ADML lacks presentation {id}"
                );
            }
        }
    }
}

#[test]
fn the_mobileconfig_and_json_examples_set_every_key_validly() {
    let profile = Path::new("packaging/policy/macos/org.harborapp.Harbor.mobileconfig");
    let from_profile = Policy::from_sources(vec![harbor::policy::read_file(profile)]);
    let example = Path::new("packaging/policy/linux/policy.example.json");
    let from_json = Policy::from_sources(vec![harbor::policy::read_file(example)]);
    for policy in [&from_profile, &from_json] {
        assert!(policy.problems().is_empty(), "{:?}", policy.problems());
        assert_eq!(policy.entries().len(), KEYS.len());
    }
    let schema: serde_json::Value =
        serde_json::from_str(&read_template("linux/policy.schema.json")).unwrap();
    for spec in &KEYS {
        assert!(
            schema["properties"][spec.name].is_object(),
            "JSON schema has {}",
            spec.name
        );
    }
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn the_deb_conffile_policy_is_valid_and_sets_nothing() {
    let policy = Policy::from_sources(vec![harbor::policy::read_file(Path::new(
        "packaging/linux/policy.json",
    ))]);
    assert!(policy.problems().is_empty(), "{:?}", policy.problems());
    assert!(policy.entries().is_empty());
}

#[test]
fn the_readme_for_it_section_documents_every_key_and_the_directory_columns() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = readme
        .split("## For IT")
        .nth(1)
        .expect("a For IT section")
        .split("\n## ")
        .next()
        .unwrap();
    for spec in &KEYS {
        assert!(
            section.contains(&format!("`{}`", spec.name)),
            "{}",
            spec.name
        );
    }
    for column in harbor::content::institution::COLUMNS {
        assert!(section.contains(&format!("`{column}`")), "column {column}");
    }
    assert!(section.contains("msiexec /i") && section.contains("/qn"));
}

// Issue 26.1: precedence. The machine's policy always applies; a user-level source may only add or tighten.

const MACHINE: &str = r#"{
  "AutoLockMaxMinutes": 1,
  "PdfExportEnabled": false,
  "RecoveryKeyRequired": true,
  "AllowedLanguages": ["en"],
  "ScreenCaptureProtection": true
}"#;

fn machine_and_user(machine: &str, user: &str) -> Policy {
    Policy::from_sources(vec![
        json::parse(machine.as_bytes(), Path::new("/etc/harbor/policy.json")).map(|s| vec![s]),
        json::parse(user.as_bytes(), Path::new("/home/nurse/p.json")).map(|s| vec![s.as_user()]),
    ])
}

#[test]
fn a_user_policy_weaker_than_the_machines_is_refused_and_listed() {
    let weak = r#"{
  "AutoLockMaxMinutes": 120,
  "PdfExportEnabled": true,
  "RecoveryKeyRequired": false,
  "AllowedLanguages": ["en", "es", "ru"],
  "ScreenCaptureProtection": false
}"#;
    let policy = machine_and_user(MACHINE, weak);
    assert_eq!(policy.auto_lock_max_minutes(), Some(1));
    assert!(!policy.pdf_export_enabled());
    assert!(policy.recovery_key_required());
    assert_eq!(policy.allowed_languages(), Some(&["en".to_owned()][..]));
    assert_eq!(policy.screen_capture_protection(), Some(true));
    assert_eq!(policy.refused().len(), 5, "{:?}", policy.refused());
    let lock = policy
        .refused()
        .iter()
        .find(|r| r.key == Key::AutoLockMaxMinutes)
        .unwrap();
    assert_eq!(lock.line, Some(2));
    assert_eq!(lock.kept, Value::Minutes(1));
    let report = policy.report();
    assert!(
        report.contains("Read: /etc/harbor/policy.json  (machine policy"),
        "{report}"
    );
    assert!(
        report.contains("Read: /home/nurse/p.json  (user policy"),
        "{report}"
    );
    assert!(
        report.contains("/home/nurse/p.json:2: AutoLockMaxMinutes 120 was refused; 1 (from /etc/harbor/policy.json) applies"),
        "{report}"
    );
    // An empty user file changes nothing either.
    let empty = machine_and_user(MACHINE, "{}");
    assert_eq!(empty.auto_lock_max_minutes(), Some(1));
    assert!(!empty.pdf_export_enabled() && empty.refused().is_empty());
}

#[test]
fn a_user_policy_may_add_unset_keys_and_tighten_set_ones() {
    let policy = machine_and_user(
        r#"{"AutoLockMaxMinutes": 10, "AllowedLanguages": ["en", "es"], "DataDirectory": "/srv/notes"}"#,
        r#"{"AutoLockMaxMinutes": 5, "AllowedLanguages": ["es"], "VaultEnabled": false,
            "DataDirectory": "/tmp/elsewhere", "InstitutionPack": "/srv/pack"}"#,
    );
    let lock = policy.entry(Key::AutoLockMaxMinutes).unwrap();
    assert_eq!(lock.value, Value::Minutes(5));
    assert_eq!(lock.origin, Origin::File("/home/nurse/p.json".into()));
    assert_eq!(policy.allowed_languages(), Some(&["es".to_owned()][..]));
    assert!(!policy.vault_enabled());
    assert_eq!(policy.institution_pack(), Some(Path::new("/srv/pack")));
    // A folder has no "stricter": the machine's stands and the user's is refused.
    assert_eq!(policy.data_directory(), Some(Path::new("/srv/notes")));
    assert_eq!(policy.refused().len(), 1);
    assert_eq!(policy.refused()[0].key, Key::DataDirectory);
}

#[test]
fn hkcu_cannot_weaken_hklm_but_may_add() {
    let policy = Policy::from_sources(vec![
        Ok(vec![from_values(
            Hive::LocalMachine,
            [("PdfExportEnabled".to_owned(), RegValue::Dword(0))],
        )]),
        Ok(vec![from_values(
            Hive::CurrentUser,
            [
                ("PdfExportEnabled".to_owned(), RegValue::Dword(1)),
                ("RecoveryKeyRequired".to_owned(), RegValue::Dword(1)),
            ],
        )]),
    ]);
    assert!(!policy.pdf_export_enabled());
    assert!(policy.recovery_key_required());
    assert_eq!(policy.refused().len(), 1);
}

#[test]
fn harbor_policy_in_the_environment_cannot_replace_the_machine_policy() {
    let dir = tempfile::tempdir().unwrap();
    let machine = dir.path().join("machine.json");
    std::fs::write(&machine, MACHINE).unwrap();
    let user = dir.path().join("empty.json");
    std::fs::write(&user, "{}").unwrap();
    let weak = dir.path().join("weak.json");
    std::fs::write(
        &weak,
        r#"{"AutoLockMaxMinutes": 120, "PdfExportEnabled": true}"#,
    )
    .unwrap();
    for file in [&user, &weak] {
        let output = Command::new(env!("CARGO_BIN_EXE_harbor"))
            .arg("--show-policy")
            .env("HARBOR_TEST_MACHINE_POLICY", &machine)
            .env("HARBOR_POLICY", file)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{text}");
        let origin = machine.display().to_string();
        assert!(
            text.lines().any(|l| l.starts_with("AutoLockMaxMinutes")
                && l.contains(" 1 ")
                && l.contains(&origin)),
            "{text}"
        );
        assert!(
            text.lines().any(|l| l.starts_with("PdfExportEnabled")
                && l.contains("false")
                && l.contains(&origin)),
            "{text}"
        );
        assert!(
            text.contains(&format!("Read: {origin}  (machine policy")),
            "{text}"
        );
        assert!(
            text.contains(&format!("Read: {}  (user policy", file.display())),
            "{text}"
        );
    }
}

#[test]
fn a_test_build_reads_no_machine_policy_unless_a_test_names_one() {
    let output = Command::new(env!("CARGO_BIN_EXE_harbor"))
        .arg("--show-policy")
        .env_remove("HARBOR_TEST_MACHINE_POLICY")
        .env_remove("HARBOR_POLICY")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("This is a test build"), "{text}");
    assert!(
        text.contains("No policy found") && !text.contains("/etc/harbor"),
        "{text}"
    );
}

#[test]
fn a_duplicate_key_is_an_error_with_both_lines_and_the_stricter_value_applies() {
    for text in [
        "{\n\"AutoLockMaxMinutes\": 1,\n\"VaultEnabled\": true,\n\"AutoLockMaxMinutes\": 120\n}",
        "{\n\"AutoLockMaxMinutes\": 120,\n\"VaultEnabled\": true,\n\"AutoLockMaxMinutes\": 1\n}",
    ] {
        let policy = json_policy(text);
        assert!(policy.is_malformed());
        let problem = &policy.problems()[0];
        assert_eq!(problem.line, Some(4), "{problem}");
        assert!(
            problem.message.contains("set twice (lines 2 and 4)"),
            "{problem}"
        );
        assert_eq!(policy.auto_lock_max_minutes(), Some(1));
    }
}

#[test]
fn one_wrong_value_does_not_hide_the_others() {
    let policy = json_policy(
        "{\n\"RecoveryKeyRequired\": null,\n\"VaultEnabled\": \"yes\",\n\"AllowedLanguages\": [\"en\", 3],\n\"AutoLockMaxMinutes\": {},\n\"PdfExportEnabled\": false\n}",
    );
    let lines: Vec<Option<usize>> = policy.problems().iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        vec![Some(2), Some(3), Some(4), Some(5)],
        "{:?}",
        policy.problems()
    );
    assert!(!policy.pdf_export_enabled());
    assert!(policy.recovery_key_required(), "strictest");
}

#[test]
fn json_syntax_errors_name_their_line() {
    for (text, line) in [
        ("{\n\"VaultEnabled\": true\n\"PdfExportEnabled\": false}", 3),
        ("{\n\"A\": \"unterminated\n}", 2),
        ("{\n\"A\": 01}", 2),
        ("{} extra", 1),
        ("\n\n[1]", 3),
        ("", 1),
    ] {
        let err = json::parse(text.as_bytes(), Path::new("p.json")).unwrap_err();
        assert_eq!(err.line, Some(line), "{text:?}: {err}");
    }
    let deep = format!("{{\"A\": {}{}}}", "[".repeat(200_000), "]".repeat(200_000));
    let err = json::parse(deep.as_bytes(), Path::new("p.json")).unwrap_err();
    assert!(err.message.contains("nested more than"), "{err}");
    let escaped = json::parse(
        br#"{"DataDirectory": "/srv/\u00e9t\u00E9/\ud83d\ude00\"x\""}"#,
        Path::new("p.json"),
    )
    .unwrap();
    let policy = Policy::from_sources(vec![Ok(vec![escaped])]);
    assert_eq!(policy.data_directory(), Some(Path::new("/srv/été/😀\"x\"")));
}

/// A 1 MB policy of 47,000 unknown keys (speed is measured in `benches/content.rs`): every member is read, its
/// line is right, and the report stays bounded.
#[test]
fn a_one_megabyte_policy_is_read_whole_with_a_bounded_report() {
    let mut text = String::from("{\n");
    let mut count = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!("  \"UnknownKey{count:08}\": 1,\n"));
        count += 1;
    }
    text.push_str("  \"AutoLockMaxMinutes\": 7\n}\n");
    let source = json::parse(text.as_bytes(), Path::new("big.json")).unwrap();
    let policy = Policy::from_sources(vec![Ok(vec![source])]);
    assert_eq!(policy.auto_lock_max_minutes(), Some(7));
    assert_eq!(
        policy.problems().len(),
        harbor::policy::MAX_PROBLEMS_PER_SOURCE + 1
    );
    assert_eq!(policy.problems()[0].line, Some(2));
    assert!(
        policy.problems()[policy.problems().len() - 1]
            .message
            .contains(&format!(
                "{} more problems",
                count - harbor::policy::MAX_PROBLEMS_PER_SOURCE
            ))
    );
    assert!(!policy.is_malformed(), "unknown keys are warnings");
}

#[test]
fn a_policy_file_over_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.json");
    let size = harbor::policy::MAX_POLICY_FILE_BYTES + 1;
    std::fs::write(&file, vec![b' '; usize::try_from(size).unwrap()]).unwrap();
    let err = harbor::policy::read_file(&file).unwrap_err();
    assert!(err.message.contains("larger than 4 MiB"), "{err}");
    let policy = Policy::from_sources(vec![Err(err)]);
    assert!(policy.is_malformed() && policy.recovery_key_required());
}

#[test]
fn every_wrong_value_of_a_plist_is_reported() {
    let mut dict = plist::Dictionary::new();
    dict.insert(
        "AllowedLanguages".into(),
        plist::Value::Array(vec![plist::Value::Integer(3.into())]),
    );
    dict.insert(
        "VaultEnabled".into(),
        plist::Value::Dictionary(plist::Dictionary::new()),
    );
    dict.insert("AutoLockMaxMinutes".into(), plist::Value::Integer(4.into()));
    let mut bytes = Vec::new();
    plist::Value::Dictionary(dict)
        .to_writer_xml(&mut bytes)
        .unwrap();
    let path = Path::new("/Library/Managed Preferences/org.harborapp.Harbor.plist");
    let policy = Policy::from_sources(vec![managed_prefs::parse(&bytes, path).map(|s| vec![s])]);
    assert_eq!(policy.problems().len(), 2, "{:?}", policy.problems());
    assert_eq!(policy.auto_lock_max_minutes(), Some(4));
    assert!(policy.is_malformed() && !policy.vault_enabled());
}

/// A `reg export` named by `HARBOR_POLICY` is the user's, whatever hive it names: its HKLM section cannot weaken
/// the machine's policy.
#[test]
fn a_reg_file_in_harbor_policy_is_read_as_the_users_whatever_hive_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let machine = dir.path().join("machine.json");
    std::fs::write(&machine, MACHINE).unwrap();
    let reg = dir.path().join("weak.reg");
    std::fs::write(
        &reg,
        reg_export(
            "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Harbor]\n\"AutoLockMaxMinutes\"=dword:00000078\n",
        ),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_harbor"))
        .arg("--show-policy")
        .env("HARBOR_TEST_MACHINE_POLICY", &machine)
        .env("HARBOR_POLICY", &reg)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("AutoLockMaxMinutes") && l.contains(" 1 ")),
        "{text}"
    );
    assert!(
        text.contains(r"HKLM\SOFTWARE\Policies\Harbor  (user policy"),
        "{text}"
    );
    assert!(
        text.contains("AutoLockMaxMinutes 120 was refused"),
        "{text}"
    );
}

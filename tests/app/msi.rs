//! The per-machine Windows Installer package: built here with wixl (msitools) from packaging/windows/harbor.wxs,
//! then its tables are read back with `msiinfo`: per-machine, the stable upgrade code and major upgrade, and one
//! conditional registry value per policy key, removed by any uninstall; a same-version rebuild replaces the installed
//! build. `.ci/run` installs wixl and msitools and sets HARBOR_REQUIRE_TOOLS.

use std::path::Path;
use std::process::Command;

use harbor::policy::{KEYS, Kind};

const UPGRADE_CODE: &str = "{3F8B2C1D-5E4A-4B6C-9D7E-8F1A2B3C4D5E}";

fn tools_present() -> bool {
    let found = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let present = found("wixl") && found("msiinfo") && found("msibuild");
    if !present {
        assert!(
            std::env::var_os("HARBOR_REQUIRE_TOOLS").is_none(),
            "wixl and msitools are required in CI"
        );
        eprintln!("NOTICE: skipping the MSI test: wixl or msitools is not installed");
    }
    present
}

/// Rows of one table, as `msiinfo export` prints them (three header lines, then tab-separated rows, CRLF ends).
fn table(msi: &Path, name: &str) -> Vec<Vec<String>> {
    let output = Command::new("msiinfo")
        .args(["export", msi.to_str().unwrap(), name])
        .output()
        .expect("run msiinfo");
    assert!(output.status.success(), "msiinfo export {name}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(3)
        .map(|line| {
            line.trim_end_matches('\r')
                .split('\t')
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// Builds the MSI from a stand-in harbor.exe (the package's contents are not inspected here).
fn build_msi(dir: &Path, name: &str) -> std::path::PathBuf {
    let exe = dir.join("harbor.exe");
    std::fs::write(&exe, b"MZ stand-in for harbor.exe").unwrap();
    let msi = dir.join(name);
    let build = Command::new("packaging/windows/build-msi.sh")
        .args([exe.to_str().unwrap(), msi.to_str().unwrap()])
        .output()
        .expect("run build-msi.sh");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(
        build.stderr.is_empty(),
        "no warnings: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    msi
}

fn property(msi: &Path, name: &str) -> Option<String> {
    table(msi, "Property")
        .into_iter()
        .find(|row| row[0] == name)
        .map(|row| row[1].clone())
}

/// Windows Installer's Upgrade table attributes (msidbUpgradeAttributes*).
const ONLY_DETECT: u32 = 2;
const VERSION_MIN_INCLUSIVE: u32 = 256;
const VERSION_MAX_INCLUSIVE: u32 = 512;

/// A rebuild of the same version is another product (its product code changes with every build): its Upgrade
/// table must find the installed build and remove it, so Apps lists one Harbor, not two. A newer version installed
/// is a downgrade and is refused; uninstalling needs none of the install's properties to remove the policy values.
#[test]
fn a_rebuilt_msi_of_the_same_version_replaces_the_installed_one() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let first = build_msi(dir.path(), "first.msi");
    let second = build_msi(dir.path(), "second.msi");
    let version = property(&second, "ProductVersion").expect("ProductVersion");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    assert_ne!(
        property(&first, "ProductCode"),
        property(&second, "ProductCode"),
        "each build is a product of its own"
    );
    assert_eq!(
        property(&first, "UpgradeCode"),
        property(&second, "UpgradeCode")
    );

    let upgrades = table(&second, "Upgrade");
    let row = |action: &str| {
        upgrades
            .iter()
            .find(|row| row[6] == action)
            .unwrap_or_else(|| panic!("an Upgrade row for {action}: {upgrades:?}"))
    };
    let attributes = |row: &Vec<String>| row[4].parse::<u32>().expect("Upgrade attributes");
    let upgrade = row("WIX_UPGRADE_DETECTED");
    assert_eq!(upgrade[0], UPGRADE_CODE);
    assert_eq!(upgrade[1], "", "every older version");
    assert_eq!(upgrade[2], version, "up to this version…");
    assert_ne!(
        attributes(upgrade) & VERSION_MAX_INCLUSIVE,
        0,
        "…inclusive, so the same version is upgraded, not installed beside it"
    );
    assert_eq!(
        attributes(upgrade) & ONLY_DETECT,
        0,
        "found products are removed"
    );
    let downgrade = row("WIX_DOWNGRADE_DETECTED");
    assert_eq!(downgrade[1], version);
    assert_eq!(
        attributes(downgrade) & (VERSION_MIN_INCLUSIVE | ONLY_DETECT),
        ONLY_DETECT,
        "only a strictly newer version counts as a downgrade, and it is only detected"
    );
    let launch = table(&second, "LaunchCondition");
    assert!(
        launch
            .iter()
            .any(|row| row[0] == "NOT WIX_DOWNGRADE_DETECTED"),
        "{launch:?}"
    );
    let sequence = table(&second, "InstallExecuteSequence");
    let at = |action: &str| -> u32 {
        sequence
            .iter()
            .find(|row| row[0] == action)
            .unwrap_or_else(|| panic!("{action} in InstallExecuteSequence"))[2]
            .parse()
            .unwrap()
    };
    assert!(at("FindRelatedProducts") < at("RemoveExistingProducts"));
    assert!(
        at("InstallValidate") < at("RemoveExistingProducts")
            && at("RemoveExistingProducts") < at("InstallInitialize"),
        "the old product is removed before the new one is installed"
    );
    let secure = property(&second, "SecureCustomProperties").unwrap();
    assert!(secure.split(';').any(|p| p == "WIX_UPGRADE_DETECTED"));
}

#[test]
fn the_msi_installs_per_machine_upgrades_in_place_and_writes_policy_from_properties() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let msi = build_msi(dir.path(), "harbor.msi");

    let properties = table(&msi, "Property");
    let property = |name: &str| {
        properties
            .iter()
            .find(|row| row[0] == name)
            .map(|row| row[1].clone())
    };
    assert_eq!(property("ALLUSERS").as_deref(), Some("1"), "per machine");
    assert_eq!(property("UpgradeCode").as_deref(), Some(UPGRADE_CODE));
    let secure = property("SecureCustomProperties").unwrap();

    let upgrades = table(&msi, "Upgrade");
    assert!(
        upgrades.iter().filter(|row| row[0] == UPGRADE_CODE).count() >= 2,
        "finds older and newer versions: {upgrades:?}"
    );
    let sequence = table(&msi, "InstallExecuteSequence");
    assert!(
        sequence
            .iter()
            .any(|row| row[0] == "RemoveExistingProducts")
    );
    assert!(
        sequence.iter().any(|row| row[0] == "RemoveRegistryValues"),
        "uninstalling removes registry values"
    );

    let files = table(&msi, "File");
    assert!(files.iter().any(|row| row[2] == "harbor.exe"), "{files:?}");

    let registry = table(&msi, "Registry");
    let components = table(&msi, "Component");
    for spec in &KEYS {
        let property_name = spec.name.to_ascii_uppercase();
        let row = registry
            .iter()
            .find(|row| row[3] == spec.name)
            .unwrap_or_else(|| panic!("a registry value for {}", spec.name));
        assert_eq!(row[1], "2", "HKLM");
        assert_eq!(row[2], r"SOFTWARE\Policies\Harbor");
        let expected = match spec.kind {
            Kind::Bool | Kind::Minutes { .. } => format!("#[{property_name}]"),
            _ => format!("[{property_name}]"),
        };
        assert_eq!(row[4], expected, "{} is written as its type", spec.name);
        let component = components
            .iter()
            .find(|c| c[0] == row[5])
            .expect("the value's component");
        assert_eq!(
            component[4],
            format!("{property_name} OR REMOVE~=\"ALL\""),
            "{} is written only when its property is given, and removed by any uninstall",
            spec.name
        );
        let attributes: u32 = component[3].parse().expect("component attributes");
        assert_eq!(
            attributes & (16 | 32 | 128),
            0,
            "{}: not permanent, not shared, not never-overwrite",
            spec.name
        );
        assert!(secure.split(';').any(|p| p == property_name), "{secure}");
    }
    assert!(
        registry
            .iter()
            .any(|row| row[2] == r"SOFTWARE\Harbor" && row[3] == "Version"),
        "the documented detection value"
    );
}

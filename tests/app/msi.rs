//! The per-machine Windows Installer package: built here with wixl (msitools) from packaging/windows/harbor.wxs,
//! then its tables are read back with `msiinfo`: per-machine, the stable upgrade code and major upgrade, and one
//! conditional registry value per policy key. `.ci/run` installs wixl and msitools and sets HARBOR_REQUIRE_TOOLS.

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

/// Rows of one table, as `msiinfo export` prints them (three header lines, then tab-separated rows).
fn table(msi: &Path, name: &str) -> Vec<Vec<String>> {
    let output = Command::new("msiinfo")
        .args(["export", msi.to_str().unwrap(), name])
        .output()
        .expect("run msiinfo");
    assert!(output.status.success(), "msiinfo export {name}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(3)
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_msi_installs_per_machine_upgrades_in_place_and_writes_policy_from_properties() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The package's contents are not inspected here; any file stands in for the Windows build of harbor.exe.
    let exe = dir.path().join("harbor.exe");
    std::fs::write(&exe, b"MZ stand-in for harbor.exe").unwrap();
    let msi = dir.path().join("harbor.msi");
    let build = Command::new("packaging/windows/build-msi.sh")
        .args([exe.to_str().unwrap(), msi.to_str().unwrap()])
        .output()
        .expect("run build-msi.sh");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

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
            component[4], property_name,
            "{} is written only when its property is given",
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

//! Nothing leaves the machine: no crate that makes network connections may enter the dependency tree.

// Integration tests: a failed step stops the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;

/// Crates whose purpose is talking to the network (HTTP clients and servers, TLS stacks, async network runtimes).
const BANNED: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "attohttpc",
    "surf",
    "openssl",
    "openssl-sys",
    "native-tls",
    "rustls",
    "tokio-rustls",
    "webpki",
    "h2",
    "h3",
    "quinn",
    "tungstenite",
    "websocket",
    "mio",
    "socket2",
    "trust-dns-resolver",
    "hickory-resolver",
    "sentry",
    "opentelemetry",
];

#[test]
fn no_network_crate_is_in_the_dependency_tree() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--target",
            "all",
        ])
        .output()
        .expect("run cargo tree");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    let mut found: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| BANNED.contains(name))
        .collect();
    found.sort_unstable();
    found.dedup();
    assert!(found.is_empty(), "network crates in the tree: {found:?}");
    assert!(
        tree.lines().any(|l| l.starts_with("eframe ")),
        "the tree was read (eframe is in it)"
    );
}

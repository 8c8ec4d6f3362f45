//! Helpers shared by integration tests. Each test crate uses part of them.

#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

pub mod big_model;
pub mod contracts;
pub mod hostile;
pub mod http;
pub mod tmux;

/// The example feed in assets, and the same feed a day later.
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/feeds/example.xml");
pub const EXAMPLE_UPDATE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/feeds/example-update.xml"
);

/// Runs `mercato --db DB ARGS...`, which must succeed; its standard output.
pub fn mercato_ok(db: &std::path::Path, args: &[&str]) -> String {
    let output = mercato().arg("--db").arg(db).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A configuration directory that does not exist: the defaults, never the user's own file.
pub const NO_CONFIG: &str = "/nonexistent/mercato-tests/config";

/// The `mercato` binary as a test runs it: the default configuration, and no library unless
/// the test names one (`--db` or `MERCATO_DB` set after this wins).
pub fn mercato() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mercato"));
    command
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .env_remove("MERCATO_CONFIG")
        .env("MERCATO_DB", "/nonexistent/mercato-tests/mercato.db");
    command
}

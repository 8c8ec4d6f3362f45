use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use color_eyre::config::{HookBuilder, Theme};
use mercato::cli::{Cli, run};

fn main() -> color_eyre::Result<ExitCode> {
    // Error and panic reports in colour only on a terminal, and never with NO_COLOR set.
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let hooks = HookBuilder::default();
    let hooks = if colour {
        hooks
    } else {
        hooks.theme(Theme::new())
    };
    hooks.install()?;
    let today = chrono::Local::now().date_naive();
    run(Cli::parse(), today, &mut std::io::stdout().lock())
}

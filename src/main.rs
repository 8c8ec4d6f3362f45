use std::process::ExitCode;

use clap::Parser;
use mercato::cli::{Cli, run};

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let today = chrono::Local::now().date_naive();
    run(Cli::parse(), today, &mut std::io::stdout().lock())
}

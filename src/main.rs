use std::process::ExitCode;

use clap::Parser;
use mercato::cli::{Cli, run};

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let today = chrono::Local::now().date_naive();
    run(
        Cli::parse(),
        today,
        &mut std::io::stdout().lock(),
        |_model, _as_of, _player| {
            eprintln!(
                "The dashboard is not built yet; try `mercato --help` for the headless commands."
            );
            Ok(())
        },
    )
}

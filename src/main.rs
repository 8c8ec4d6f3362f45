use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use mercato::cli::{Cli, run};

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let today = chrono::Local::now().date_naive();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let code = run(Cli::parse(), today, &mut out)?;
    out.flush()?;
    Ok(code)
}

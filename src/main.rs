use std::io::{BufWriter, ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;
use mercato::cli::{Cli, run};

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let today = chrono::Local::now().date_naive();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let result = run(Cli::parse(), today, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        // `mercato rumours | head`: the reader left; nothing is wrong.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

use std::io::{BufWriter, ErrorKind, IsTerminal, Write};
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

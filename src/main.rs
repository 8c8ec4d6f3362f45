use std::io::{BufWriter, ErrorKind, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use color_eyre::config::{HookBuilder, Theme};
use mercato::cli::{Cli, UserError, run};

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
    let mut out = BufWriter::new(std::io::stdout().lock());
    let result = run(Cli::parse(), chrono::Local::now(), &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    let error = match result {
        Ok(code) => return Ok(code),
        Err(error) => error,
    };
    // `mercato export | head`: the reader left; nothing is wrong, nothing to say.
    if is_broken_pipe(&error) {
        return Ok(ExitCode::SUCCESS);
    }
    match error.downcast_ref::<UserError>() {
        // A mistake of the user's: one line, no report. (Nowhere to say it if stderr is shut.)
        Some(mistake) => {
            let _ = writeln!(std::io::stderr(), "mercato: {mistake}");
            Ok(mistake.exit_code())
        }
        None => Err(error),
    }
}

/// Whether writing to stdout failed because its reader has gone, however the failure was
/// wrapped (serde_json wraps the I/O error of the writer it serialises to).
fn is_broken_pipe(error: &color_eyre::Report) -> bool {
    error.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(ErrorKind::BrokenPipe)
    })
}

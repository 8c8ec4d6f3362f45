//! The dashboard over the embedded seed corpus, until the binary wires it up:
//! `cargo run --example tui -- [--as-of YYYY-MM-DD] [--player NAME]`.

use chrono::NaiveDate;
use color_eyre::eyre::{WrapErr, eyre};
use mercato::corpus::load_embedded;
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use mercato::tui::{Options, run};

fn main() -> color_eyre::Result<()> {
    color_eyre::install()?;
    let mut options = Options {
        as_of: chrono::Local::now().date_naive(),
        player: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--as-of" => {
                let value = args.next().ok_or_else(|| eyre!("--as-of needs a date"))?;
                options.as_of =
                    NaiveDate::parse_from_str(&value, "%Y-%m-%d").wrap_err("--as-of YYYY-MM-DD")?;
            }
            "--player" => {
                options.player = Some(args.next().ok_or_else(|| eyre!("--player needs a name"))?)
            }
            other => return Err(eyre!("unknown argument {other}")),
        }
    }
    let model = Model::build(load_embedded(), &Gazetteer::embedded()?);
    run(model, options)
}

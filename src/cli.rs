//! The command line: `mercato` opens the dashboard; the subcommands print the model for
//! people (tables) and scripts (`--json`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use unicode_width::UnicodeWidthStr;

use crate::corpus;
use crate::countdown::{describe, precontract_open};
use crate::export;
use crate::model::Model;
use crate::progress::LoadProgress;
use crate::sanitize::sanitize;
use crate::search::SearchIndex;

/// Football transfer news in the terminal: who is linked where, by whom, and when each
/// contract runs out.
#[derive(Debug, Parser)]
#[command(name = "mercato", version)]
pub struct Cli {
    /// Article file or folder to load instead of the built-in corpus (repeatable).
    #[arg(long = "corpus", value_name = "PATH", global = true)]
    pub corpus: Vec<PathBuf>,
    /// The date countdowns are counted from (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE", global = true, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Open the dashboard with this player selected.
    #[arg(long, value_name = "NAME")]
    pub player: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole model as JSON.
    Export,
    /// List players, optionally filtered by a fuzzy, accent-insensitive QUERY.
    Players {
        /// Part of a name, typos welcome ("modric", "rmaos").
        query: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List rumoured destinations, strongest first.
    Rumours {
        /// Only this player's rumours (fuzzy).
        #[arg(long, value_name = "NAME")]
        player: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List contract countdowns, soonest first.
    Countdowns {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate the corpus: list every load problem; exit 1 if any file was rejected.
    Check,
}

/// Opens the dashboard, which loads the corpus itself, in the background, to show its first
/// frame at once.
#[cfg(feature = "tui")]
fn dashboard(
    corpus: Vec<PathBuf>,
    as_of: NaiveDate,
    player: Option<String>,
) -> color_eyre::Result<ExitCode> {
    let exit = crate::tui::run(corpus, crate::tui::Options { as_of, player })?;
    // Stopped by a signal: the shell's convention, 128 + its number.
    Ok(match exit {
        crate::tui::Exit::Quit => ExitCode::SUCCESS,
        crate::tui::Exit::Signal(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
    })
}

#[cfg(not(feature = "tui"))]
fn dashboard(_: Vec<PathBuf>, _: NaiveDate, _: Option<String>) -> color_eyre::Result<ExitCode> {
    color_eyre::eyre::bail!(
        "this build has no dashboard (built without the `tui` feature); use a subcommand"
    )
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2021-01-13"))
}

/// Runs a parsed command line: the dashboard without a subcommand. `today` is the caller's
/// clock (used without `--as-of`).
pub fn run(cli: Cli, today: NaiveDate, out: &mut impl Write) -> color_eyre::Result<ExitCode> {
    let as_of = cli.as_of.unwrap_or(today);
    let Some(command) = cli.command else {
        return dashboard(cli.corpus, as_of, cli.player);
    };
    let model = Model::load(&cli.corpus, &LoadProgress::default())?;
    match command {
        Command::Export => {
            serde_json::to_writer_pretty(&mut *out, &export::export(&model, as_of))?;
            writeln!(out)?;
        }
        Command::Players { query, json } => players(&model, query.as_deref(), json, out)?,
        Command::Rumours { player, json } => {
            let selected = match player.as_deref() {
                None => None,
                Some(name) => match find_player(&model, name) {
                    Some(id) => Some(id),
                    None => {
                        color_eyre::eyre::bail!("no player matches '{}'", sanitize(name, false))
                    }
                },
            };
            rumours(&model, selected, json, out)?;
        }
        Command::Countdowns { json } => countdowns(&model, as_of, json, out)?,
        Command::Check => return check(&model, out),
    }
    Ok(ExitCode::SUCCESS)
}

/// Players ranked by how well they match (all players, by name, without a query).
fn matching_players(model: &Model, query: Option<&str>) -> Vec<usize> {
    let players: Vec<usize> = model.players().map(|(id, _)| id).collect();
    let index = SearchIndex::new(players.iter().map(|&id| &model.people[id].name));
    match query {
        Some(query) => index
            .search(query)
            .into_iter()
            .map(|hit| players[hit.index])
            .collect(),
        None => {
            let mut sorted = players;
            sorted.sort_by(|&a, &b| model.people[a].name.cmp(&model.people[b].name));
            sorted
        }
    }
}

/// The player a name means: exact (accent-insensitive) first, else the best fuzzy match.
fn find_player(model: &Model, name: &str) -> Option<usize> {
    model
        .person_named(name)
        .or_else(|| matching_players(model, Some(name)).first().copied())
}

fn players(
    model: &Model,
    query: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let ids = matching_players(model, query);
    if json {
        let records: Vec<_> = ids
            .iter()
            .map(|&id| export::person(model, &model.people[id]))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
        return Ok(());
    }
    let rows = ids
        .iter()
        .map(|&id| {
            let person = &model.people[id];
            vec![
                person.name.clone(),
                person.club.clone().unwrap_or_else(|| "-".into()),
                person.articles.len().to_string(),
                model.rumours_of(id).len().to_string(),
                model
                    .contract_of(id)
                    .map_or_else(|| "-".into(), |c| c.expires.to_string()),
            ]
        })
        .collect();
    write_table(
        out,
        &["PLAYER", "CLUB", "ARTICLES", "RUMOURS", "CONTRACT ENDS"],
        rows,
    )
}

fn rumours(
    model: &Model,
    player: Option<usize>,
    json: bool,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let mut list: Vec<&crate::model::Rumour> = match player {
        Some(player) => model.rumours_of(player),
        None => model.listed_rumours().map(|(_, rumour)| rumour).collect(),
    };
    if player.is_none() {
        list.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| {
                    model.people[a.player]
                        .name
                        .cmp(&model.people[b.player].name)
                })
                .then_with(|| a.club.cmp(&b.club))
        });
    }
    if json {
        let records: Vec<_> = list.iter().map(|r| export::rumour(model, r)).collect();
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
        return Ok(());
    }
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "undated".to_string(), |d| d.to_string());
    let rows = list
        .iter()
        .map(|r| {
            vec![
                model.people[r.player].name.clone(),
                r.club.clone(),
                r.articles.len().to_string(),
                short_list(&r.sources),
                date(r.first_seen),
                date(r.last_seen),
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "PLAYER",
            "CLUB",
            "ARTICLES",
            "SOURCES",
            "FIRST SEEN",
            "LAST SEEN",
        ],
        rows,
    )
}

fn countdowns(
    model: &Model,
    as_of: NaiveDate,
    json: bool,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let mut list: Vec<&crate::model::Contract> = model.contracts.iter().collect();
    list.sort_by_key(|c| (c.expires, model.people[c.player].name.clone()));
    if json {
        let records: Vec<_> = list
            .iter()
            .map(|c| export::contract(model, c, as_of))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "as of {as_of}")?;
    let rows = list
        .iter()
        .map(|c| {
            let mut expires = c.expires.to_string();
            if !c.conflicts.is_empty() {
                let others: Vec<String> = c.conflicts.iter().map(ToString::to_string).collect();
                expires.push_str(&format!(" (also {})", others.join(", ")));
            }
            vec![
                model.people[c.player].name.clone(),
                c.club.clone().unwrap_or_else(|| "-".into()),
                expires,
                describe(c.expires, as_of),
                if precontract_open(c.expires, as_of) {
                    format!("open since {}", c.precontract_from)
                } else {
                    format!("from {}", c.precontract_from)
                },
            ]
        })
        .collect();
    write_table(
        out,
        &["PLAYER", "CLUB", "EXPIRES", "LEFT", "PRE-CONTRACT"],
        rows,
    )
}

fn check(model: &Model, out: &mut impl Write) -> color_eyre::Result<ExitCode> {
    for problem in &model.problems {
        writeln!(out, "{}", sanitize(&problem.to_string(), false))?;
    }
    let rejected = corpus::rejected(&model.problems);
    writeln!(
        out,
        "{} articles loaded; {} problems ({} rejected, {} warnings)",
        model.articles.len(),
        model.problems.len(),
        rejected,
        model.problems.len() - rejected
    )?;
    Ok(if rejected > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Up to three names, then how many more: a table cell stays readable on a big corpus.
fn short_list(names: &[String]) -> String {
    match names.len() {
        0 => "-".into(),
        1..=3 => names.join(", "),
        n => format!("{}, +{} more", names[..3].join(", "), n - 3),
    }
}

/// Writes rows under a header, columns padded to their widest cell (by display width). Every
/// cell goes through [`sanitize`] first: names and sources come from article text. No colour
/// or other escape sequence is ever written.
fn write_table(
    out: &mut impl Write,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> color_eyre::Result<()> {
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| sanitize(&cell, false).into_owned())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(width - cell.width() + 2));
            }
        }
        text
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    if rows.is_empty() {
        writeln!(out, "(none)")?;
    }
    Ok(())
}

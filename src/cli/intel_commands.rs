//! The commands that read the transfer intelligence: `sources` (each source's track record)
//! and `club` (a club's board).

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::{UserError, short_list, write_table};
use crate::config::{Settings, Tier};
use crate::countdown::describe;
use crate::export::{self, ContractRecord, RumourRecord, rounded};
use crate::intel::{self, Assessment, ClubBoard, SourceRecord};
use crate::model::{Model, Rumour};
use crate::sanitize::sanitize;
use crate::text::thousands;

/// A source as `sources --json` prints it.
#[derive(Serialize)]
struct SourceJson<'a> {
    name: &'a str,
    rumours: usize,
    done: usize,
    failed: usize,
    open: usize,
    /// `done` out of `settled` (done + failed); `null` while nothing has settled.
    hit_rate: Option<f64>,
    settled: usize,
    median_lead_days: Option<i64>,
    /// The tier the configuration's `[sources]` gives it (1 most trusted to 4), if any.
    tier: Option<u8>,
    reported: Vec<ReportedJson<'a>>,
}

#[derive(Serialize)]
struct ReportedJson<'a> {
    player: &'a str,
    club: &'a str,
}

fn open(record: &SourceRecord) -> usize {
    record.rumours.len() - record.settled()
}

pub(super) fn sources(
    model: &Model,
    tiers: &Settings,
    as_of: NaiveDate,
    json: bool,
    limit: Option<usize>,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let mut records = intel::source_records(model, as_of);
    records.truncate(limit.unwrap_or(usize::MAX));
    if json {
        let records: Vec<SourceJson> = records
            .iter()
            .map(|record| SourceJson {
                name: &record.name,
                rumours: record.rumours.len(),
                done: record.done,
                failed: record.failed,
                open: open(record),
                hit_rate: record.hit_rate().map(rounded),
                settled: record.settled(),
                median_lead_days: record.median_lead_days,
                tier: tiers.tier(&record.name).map(Tier::number),
                reported: record
                    .rumours
                    .iter()
                    .filter_map(|&index| model.rumours.get(index))
                    .map(|rumour| ReportedJson {
                        player: &model.people[rumour.player].name,
                        club: model.club_name(rumour.club),
                    })
                    .collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)?;
        return Ok(());
    }
    let rows = records
        .iter()
        .map(|record| {
            vec![
                record.name.clone(),
                thousands(record.rumours.len()),
                thousands(record.done),
                thousands(record.failed),
                thousands(open(record)),
                record.hits(),
                record.rate(),
                record.lead(),
                tiers.tier(&record.name).map_or_else(
                    || "–".to_string(),
                    |tier| format!("{} {}", tier.number(), tier.label()),
                ),
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "SOURCE", "RUMOURS", "DONE", "FAILED", "OPEN", "HITS", "RATE", "LEAD", "TIER",
        ],
        rows,
    )
}

/// A club's board as `club --json` prints it.
#[derive(Serialize)]
struct BoardJson<'a> {
    club: &'a str,
    as_of: NaiveDate,
    incoming: Vec<RumourRecord<'a>>,
    outgoing: Vec<RumourRecord<'a>>,
    contracts: Vec<ContractRecord<'a>>,
    articles: Vec<BoardArticle<'a>>,
}

#[derive(Serialize)]
struct BoardArticle<'a> {
    id: &'a str,
    date: Option<NaiveDate>,
    title: &'a str,
    source: Option<&'a str>,
}

fn records<'m>(
    model: &'m Model,
    list: &[(&'m Rumour, Assessment<'m>)],
    as_of: NaiveDate,
) -> Vec<RumourRecord<'m>> {
    list.iter()
        .map(|&(rumour, _)| export::rumour(model, rumour, as_of))
        .collect()
}

pub(super) fn club(
    model: &Model,
    name: &str,
    as_of: NaiveDate,
    json: bool,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let club = intel::find_club(model, name).ok_or_else(|| UserError::NoSuchClub {
        name: sanitize(name.trim(), false).into_owned(),
    })?;
    let board = intel::club_board(model, club, as_of);
    if json {
        let articles = board.articles.iter().filter_map(|&id| model.article(id));
        let board_json = BoardJson {
            club: model.club_name(club),
            as_of,
            incoming: records(model, &board.incoming, as_of),
            outgoing: records(model, &board.outgoing, as_of),
            contracts: board
                .contracts
                .iter()
                .map(|contract| export::contract(model, contract, as_of))
                .collect(),
            articles: articles
                .map(|article| BoardArticle {
                    id: &article.id,
                    date: article.date,
                    title: &article.title,
                    source: article.source.as_deref(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &board_json)?;
        writeln!(out)?;
        return Ok(());
    }
    write_board(model, &board, as_of, out)
}

/// The board as text: a title, then a table per section.
fn write_board(
    model: &Model,
    board: &ClubBoard,
    as_of: NaiveDate,
    out: &mut impl Write,
) -> color_eyre::Result<()> {
    let articles = board.articles.iter().filter_map(|&id| model.article(id));
    let title = sanitize(model.club_name(board.club), false).into_owned();
    writeln!(out, "{title} as of {as_of}")?;
    let rumour_rows = |list: &[(&Rumour, Assessment)], with_club: bool| -> Vec<Vec<String>> {
        list.iter()
            .map(|(rumour, assessment)| {
                let mut row = vec![model.people[rumour.player].name.clone()];
                if with_club {
                    row.push(model.club_name(rumour.club).to_string());
                }
                row.extend([
                    assessment.stage.name().to_string(),
                    format!("{:.2}", assessment.heat),
                    short_list(&rumour.sources),
                    intel::ladder_line(&assessment.ladder),
                ]);
                row
            })
            .collect()
    };
    writeln!(out, "\nIncoming ({})", board.incoming.len())?;
    write_table(
        out,
        &["PLAYER", "STAGE", "HEAT", "SOURCES", "STEPS"],
        rumour_rows(&board.incoming, false),
    )?;
    writeln!(out, "\nOutgoing ({})", board.outgoing.len())?;
    write_table(
        out,
        &["PLAYER", "TO", "STAGE", "HEAT", "SOURCES", "STEPS"],
        rumour_rows(&board.outgoing, true),
    )?;
    writeln!(out, "\nContracts ({})", board.contracts.len())?;
    let contract_rows = board
        .contracts
        .iter()
        .map(|contract| {
            vec![
                model.people[contract.player].name.clone(),
                contract.expires.to_string(),
                describe(contract.expires, as_of),
            ]
        })
        .collect();
    write_table(out, &["PLAYER", "ENDS", "LEFT"], contract_rows)?;
    writeln!(out, "\nArticles ({})", board.articles.len())?;
    let article_rows = articles
        .map(|article| {
            vec![
                article
                    .date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string()),
                article.title.clone(),
                article.source.clone().unwrap_or_else(|| "-".to_string()),
            ]
        })
        .collect();
    write_table(out, &["DATE", "TITLE", "SOURCE"], article_rows)
}

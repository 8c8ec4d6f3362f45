//! Golden test: what the built-in corpus (the three seed articles) must give.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::collections::BTreeSet;

use chrono::NaiveDate;
use mercato::corpus::load_embedded;
use mercato::countdown::days_left;
use mercato::gazetteer::{Gazetteer, Role};
use mercato::model::Model;

fn model() -> Model {
    Model::build(load_embedded(), &Gazetteer::embedded().unwrap())
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn person<'a>(
    model: &'a Model,
    name: &str,
) -> (mercato::model::PersonId, &'a mercato::model::Person) {
    let id = model
        .person_named(name)
        .unwrap_or_else(|| panic!("{name} not found"));
    (id, &model.people[id])
}

#[test]
fn three_articles_with_their_dates() {
    let model = model();
    let dates: Vec<(&str, Option<NaiveDate>)> = model
        .articles
        .iter()
        .map(|a| (&a.id[..3], a.date))
        .collect();
    assert_eq!(
        dates,
        [
            ("000", None),
            ("001", Some(date("2021-01-13"))),
            ("002", Some(date("2020-11-11")))
        ]
    );
    assert!(model.problems.is_empty());
}

#[test]
fn players_and_non_players() {
    let model = model();
    let players: BTreeSet<&str> = model.players().map(|(_, p)| p.name.as_str()).collect();
    for name in [
        "Sergio Ramos",
        "Dayot Upamecano",
        "Sergio Romero",
        "Federico Valverde",
        "Ansu Fati",
        "Luka Modrić",
        "Cristiano Ronaldo",
        "Andrea Pirlo",
        "Patrice Evra",
        "Paul Pogba",
        "Aaron Ramsey",
        "Blaise Matuidi",
        "Gonzalo Higuaín",
    ] {
        assert!(players.contains(name), "{name} missing from {players:?}");
    }
    for name in [
        "Florentino Pérez",
        "Zinédine Zidane",
        "David Beckham",
        "Marc Anthony",
        "Alejandro Sanz",
    ] {
        let (_, found) = person(&model, name);
        assert_ne!(found.role, Role::Player, "{name}");
    }
    assert!(
        players
            .iter()
            .all(|name| !name.contains('@') && !name.contains("Ramos ")),
        "{players:?}"
    );
    assert_eq!(players.len(), 13, "{players:?}");
}

#[test]
fn ramos_current_club_and_destinations() {
    let model = model();
    let (id, ramos) = person(&model, "Sergio Ramos");
    assert_eq!(model.club_of(ramos), Some("Real Madrid"));
    let destinations: BTreeSet<&str> = model
        .rumours_of(id)
        .iter()
        .map(|r| model.club_name(r.club))
        .collect();
    assert_eq!(
        destinations,
        BTreeSet::from([
            "Chelsea",
            "Inter Miami",
            "Inter Milan",
            "Juventus",
            "Liverpool",
            "Manchester United",
            "Paris Saint-Germain"
        ])
    );
    for club in ["Juventus", "Paris Saint-Germain"] {
        let rumour = model
            .rumours_of(id)
            .into_iter()
            .find(|r| model.club_name(r.club) == club)
            .unwrap();
        assert_eq!(rumour.articles.len(), 2, "{club}");
    }
}

#[test]
fn ramos_contract_countdown() {
    let model = model();
    let (id, _) = person(&model, "Sergio Ramos");
    let contract = model.contract_of(id).unwrap();
    assert_eq!(
        contract.club.map(|c| model.club_name(c)),
        Some("Real Madrid")
    );
    assert_eq!(contract.expires, date("2021-06-30"));
    assert_eq!(contract.precontract_from, date("2021-01-01"));
    assert!(contract.conflicts.is_empty());
    assert_eq!(contract.evidence.len(), 2);
    assert_eq!(days_left(contract.expires, date("2021-01-13")), 168);
    assert_eq!(days_left(contract.expires, date("2020-11-11")), 231);
}

#[test]
fn upamecano_destinations() {
    let model = model();
    let (id, _) = person(&model, "Dayot Upamecano");
    let destinations: BTreeSet<&str> = model
        .rumours_of(id)
        .iter()
        .map(|r| model.club_name(r.club))
        .collect();
    assert_eq!(
        destinations,
        BTreeSet::from(["Liverpool", "Manchester United"])
    );
}

#[test]
fn cited_sources() {
    let model = model();
    let sources = |prefix: &str| {
        let index = model
            .articles
            .iter()
            .position(|a| a.id.starts_with(prefix))
            .unwrap();
        model.extractions[index].sources.clone()
    };
    assert!(sources("002").contains(&"AS".to_string()));
    assert!(sources("001").contains(&"Diario Gol".to_string()));
}

#[test]
fn evidence_spans_point_at_sentences_in_the_body() {
    let model = model();
    for rumour in &model.rumours {
        for evidence in &rumour.evidence {
            let body = &model.articles[evidence.article].body;
            assert!(evidence.span.end <= body.len());
            assert!(
                body.is_char_boundary(evidence.span.start)
                    && body.is_char_boundary(evidence.span.end)
            );
            assert!(!model.evidence_text(evidence).is_empty());
        }
    }
    let (id, _) = person(&model, "Sergio Ramos");
    let liverpool = model
        .rumours_of(id)
        .into_iter()
        .find(|r| model.club_name(r.club) == "Liverpool")
        .unwrap();
    assert_eq!(
        model.evidence_text(&liverpool.evidence[0]),
        "Ramos has already been linked with the likes of Liverpool and Paris Saint-Germain."
    );
}

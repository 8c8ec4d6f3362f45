//! A large made-up model for the dashboard (no extraction involved): `articles` short
//! articles each naming one of `players` players ("Player N"), every player in five of them,
//! and `contracts` contracts. The newest article is a long one (about 160 KB), for the
//! reader. Shared by the TUI tests and the render bench.

use chrono::{Days, NaiveDate};
use mercato::corpus::Article;
use mercato::gazetteer::Role;
use mercato::model::{ArticleFacts, ArticleId, ClubId, Contract, Model, Person, PersonId};

pub fn big_model(articles: u64, players: usize, contracts: usize) -> Model {
    let mut model = Model::default();
    model.club_names.push("Juventus".to_string());
    let juventus = ClubId(0);
    let first = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    let long_body: String = (0..2_000)
        .map(|i| {
            let end = if i % 6 == 5 { "\n\n" } else { " " };
            format!("Player {i} is wanted by Juventus, who have made an offer of €{i}m.{end}")
        })
        .collect();
    for i in 0..articles {
        let (date, body) = if i == 1 {
            (first.checked_add_days(Days::new(3_000)), long_body.clone())
        } else {
            (
                (i % 7 != 0).then(|| first + Days::new(i % 1_800)),
                format!(
                    "Player {} is wanted by Juventus. Article {i}.",
                    i as usize % players
                ),
            )
        };
        model.articles.push(Article {
            id: format!("a{i}"),
            path: format!("corpus/{i}.txt"),
            date,
            date_is_fetch: false,
            title: format!("Transfer news number {i}"),
            source: Some("AS".to_string()),
            url: None,
            body,
        });
        model.extractions.push(ArticleFacts::default());
    }
    for i in 0..players {
        model.people.push(Person {
            name: format!("Player {i}"),
            aliases: Vec::new(),
            role: Role::Player,
            club: Some(juventus),
            articles: (0..5).map(|k| ArticleId(i + k * players)).collect(),
        });
    }
    let ends = NaiveDate::from_ymd_opt(2020, 6, 30).unwrap_or_default();
    for i in 0..contracts {
        let expires = ends + Days::new((i % 2_000) as u64);
        model.contracts.push(Contract {
            player: PersonId(i * 2),
            club: Some(juventus),
            expires,
            precontract_from: expires - Days::new(182),
            conflicts: Vec::new(),
            evidence: Vec::new(),
        });
    }
    model
}

//! Contract dates as an iCalendar file (RFC 5545): an all-day event on each contract's last
//! day and one on the day its pre-contract window opens, each saying which sentence says so.
//!
//! Every event's UID comes from the player's folded name and the kind of day, so importing a
//! newer export updates the events instead of adding them again.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::model::{Contract, Model};
use crate::text::fold;

/// The calendar of the model's contracts (those `keep` accepts), stamped `stamp`.
pub fn contracts(
    model: &Model,
    keep: impl Fn(&Contract) -> bool,
    stamp: DateTime<Utc>,
) -> Calendar {
    let mut calendar = Calendar::new();
    calendar.name("Mercato: contract dates");
    for contract in model.contracts.iter().filter(|c| keep(c)) {
        let Some(player) = model.person(contract.player) else {
            continue;
        };
        let club = contract
            .club
            .map(|club| format!(" ({})", model.club_name(club)))
            .unwrap_or_default();
        let evidence = evidence(model, contract);
        let key = uid_key(&player.name);
        let last_day = contract.expires;
        calendar.push(day(
            &format!("contract-end-{key}@mercato"),
            &format!("{}{club}: contract ends", player.name),
            &evidence,
            last_day,
            stamp,
        ));
        calendar.push(day(
            &format!("pre-contract-{key}@mercato"),
            &format!(
                "{}{club}: pre-contract window opens (contract ends {last_day})",
                player.name
            ),
            &evidence,
            contract.precontract_from,
            stamp,
        ));
    }
    calendar.done()
}

/// An all-day event (its end is the next day: RFC 5545 ends are exclusive).
fn day(
    uid: &str,
    summary: &str,
    description: &str,
    date: chrono::NaiveDate,
    stamp: DateTime<Utc>,
) -> Event {
    let mut event = Event::new();
    event
        .uid(uid)
        .timestamp(stamp)
        .summary(summary)
        .description(description)
        .starts(date);
    if let Some(next) = date.succ_opt() {
        event.ends(next);
    }
    event.done()
}

/// The latest sentence that states the end date, with its source and date.
fn evidence(model: &Model, contract: &Contract) -> String {
    let Some(latest) = contract.evidence.last() else {
        return String::new();
    };
    let sentence = model.evidence_text(&latest.evidence).trim();
    let Some(article) = model.article(latest.evidence.article) else {
        return format!("“{sentence}”");
    };
    let source = article
        .source
        .clone()
        .or_else(|| {
            model
                .extractions
                .get(latest.evidence.article.0)
                .and_then(|facts| facts.sources.first().cloned())
        })
        .unwrap_or_else(|| article.path.clone());
    let date = article
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let mut text = format!("“{sentence}” — {source}, {date}");
    if let Some(url) = &article.url {
        text.push_str(&format!(" {url}"));
    }
    text
}

/// A player's name as it goes into a UID: folded, words joined by hyphens.
fn uid_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Corpus};
    use crate::gazetteer::Gazetteer;

    fn model() -> Model {
        let article = Article {
            id: "a".into(),
            path: "a.txt".into(),
            date: "2021-01-10".parse().ok(),
            date_is_fetch: false,
            title: "Hibernian news".into(),
            source: Some("Test Wire".into()),
            url: Some("https://example.org/hibs".into()),
            body: "Jordan McAllister's contract with Hibernian expires in June 2022.".into(),
        };
        let corpus = Corpus {
            articles: vec![article],
            problems: Vec::new(),
        };
        Model::build(corpus, &Gazetteer::embedded().unwrap())
    }

    #[test]
    fn each_contract_gives_its_end_and_its_window_with_stable_uids() {
        let stamp = DateTime::parse_from_rfc3339("2021-01-13T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let text = contracts(&model(), |_| true, stamp).to_string();
        assert!(
            text.contains("UID:contract-end-jordan-mcallister@mercato"),
            "{text}"
        );
        assert!(text.contains("UID:pre-contract-jordan-mcallister@mercato"));
        assert!(text.contains("DTSTART;VALUE=DATE:20220630"));
        assert!(text.contains("DTEND;VALUE=DATE:20220701"));
        assert!(text.contains("DTSTART;VALUE=DATE:20220101"));
        assert!(text.contains("DTSTAMP:20210113T090000Z"));
        let parsed: Calendar = text.parse().unwrap();
        assert_eq!(parsed.components.len(), 2);
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("expires in June 2022.” — Test Wire\\, 2021-01-10"),
            "{unfolded}"
        );
        // The same model, exported again later: the same events, only the stamp moves.
        let later = contracts(&model(), |_| true, stamp + chrono::TimeDelta::days(3)).to_string();
        let uids = |text: &str| {
            text.lines()
                .filter(|line| line.starts_with("UID:"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(uids(&text), uids(&later));
        assert_eq!(contracts(&model(), |_| false, stamp).components.len(), 0);
    }
}

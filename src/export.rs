//! The model as plain serialisable records: what `mercato export` and the `--json` views
//! print. Names are canonical, dates `YYYY-MM-DD` or null, spans byte offsets into bodies.

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::corpus::Article;
use crate::countdown::{days_left, precontract_open};
use crate::extract::Stage;
use crate::gazetteer::Role;
use crate::intel;
use crate::model::{ArticleFacts, ArticleId, Contract, Evidence, Model, Person, Rumour};

/// The whole model as one JSON document (`as_of`, `articles`, `people`, `rumours`,
/// `contracts`), serialised record by record: no list of records is built first.
#[derive(Debug)]
pub struct Export<'a> {
    model: &'a Model,
    as_of: NaiveDate,
}

/// A list serialised from the records an iterator makes, one at a time.
struct Records<F>(F);

impl<F, I> Serialize for Records<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl Serialize for Export<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, as_of) = (self.model, self.as_of);
        let mut out = serializer.serialize_struct("Export", 5)?;
        out.serialize_field("as_of", &as_of)?;
        out.serialize_field(
            "articles",
            &Records(|| {
                model
                    .articles
                    .iter()
                    .zip(&model.extractions)
                    .enumerate()
                    .map(|(at, (article, facts))| {
                        article_record(model, ArticleId(at), article, facts)
                    })
            }),
        )?;
        out.serialize_field(
            "people",
            &Records(|| model.people.iter().map(|p| person(model, p))),
        )?;
        out.serialize_field(
            "rumours",
            &Records(|| {
                model
                    .listed_rumours()
                    .map(move |(_, r)| rumour(model, r, as_of))
            }),
        )?;
        out.serialize_field(
            "contracts",
            &Records(|| model.contracts.iter().map(|c| contract(model, c, as_of))),
        )?;
        out.end()
    }
}

#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub date: Option<NaiveDate>,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Outlets the text cites (and the file's own source).
    pub sources: Vec<&'a str>,
    pub players: Vec<&'a str>,
    pub clubs: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PersonRecord<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    pub role: Role,
    pub club: Option<&'a str>,
    pub articles: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceRecord<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct RumourRecord<'a> {
    pub player: &'a str,
    pub club: &'a str,
    pub articles: Vec<&'a str>,
    pub sources: &'a [String],
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    pub evidence: Vec<EvidenceRecord<'a>>,
    /// The current stage as of the export's date; `null` when no article known then
    /// mentions the rumour.
    pub stage: Option<Stage>,
    /// The steps that changed the stage, oldest first.
    pub stages: Vec<StageRecord<'a>>,
    /// 0..1, rounded to three decimals.
    pub heat: f64,
}

/// A step of a rumour's ladder.
#[derive(Debug, Serialize)]
pub struct StageRecord<'a> {
    pub stage: Stage,
    pub date: Option<NaiveDate>,
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ContractRecord<'a> {
    pub player: &'a str,
    pub club: Option<&'a str>,
    pub expires: NaiveDate,
    pub precontract_from: NaiveDate,
    pub precontract_open: bool,
    pub days_left: i64,
    pub conflicts: &'a [NaiveDate],
    pub evidence: Vec<EvidenceRecord<'a>>,
}

fn article_ids<'a>(model: &'a Model, articles: &[ArticleId]) -> Vec<&'a str> {
    articles
        .iter()
        .map(|&a| model.articles[a].id.as_str())
        .collect()
}

fn evidence<'a>(
    model: &'a Model,
    evidence: &Evidence,
    expires: Option<NaiveDate>,
) -> EvidenceRecord<'a> {
    EvidenceRecord {
        article: &model.articles[evidence.article].id,
        start: evidence.span.start,
        end: evidence.span.end,
        text: model.evidence_text(evidence),
        expires,
    }
}

pub fn person<'a>(model: &'a Model, person: &'a Person) -> PersonRecord<'a> {
    PersonRecord {
        name: &person.name,
        aliases: &person.aliases,
        role: person.role,
        club: model.club_of(person),
        articles: article_ids(model, &person.articles),
    }
}

pub fn rumour<'a>(model: &'a Model, rumour: &'a Rumour, as_of: NaiveDate) -> RumourRecord<'a> {
    let assessment = intel::assess(model, rumour, as_of);
    let stages = assessment
        .iter()
        .flat_map(|assessment| &assessment.ladder)
        .map(|step| {
            let evidence = evidence(model, step.evidence, None);
            StageRecord {
                stage: step.stage,
                date: step.date,
                article: evidence.article,
                start: evidence.start,
                end: evidence.end,
                text: evidence.text,
            }
        })
        .collect();
    RumourRecord {
        player: &model.people[rumour.player].name,
        club: model.club_name(rumour.club),
        articles: article_ids(model, &rumour.articles),
        sources: &rumour.sources,
        first_seen: rumour.first_seen,
        last_seen: rumour.last_seen,
        evidence: rumour
            .evidence
            .iter()
            .map(|e| evidence(model, e, None))
            .collect(),
        stage: assessment.as_ref().map(|assessment| assessment.stage),
        stages,
        heat: assessment.map_or(0.0, |assessment| rounded(assessment.heat)),
    }
}

/// A fraction to three decimals, as the JSON shows it.
pub fn rounded(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

pub fn contract<'a>(
    model: &'a Model,
    contract: &'a Contract,
    as_of: NaiveDate,
) -> ContractRecord<'a> {
    ContractRecord {
        player: &model.people[contract.player].name,
        club: contract.club.map(|club| model.club_name(club)),
        expires: contract.expires,
        precontract_from: contract.precontract_from,
        precontract_open: precontract_open(contract.expires, as_of),
        days_left: days_left(contract.expires, as_of),
        conflicts: &contract.conflicts,
        evidence: contract
            .evidence
            .iter()
            .map(|e| evidence(model, &e.evidence, Some(e.expires)))
            .collect(),
    }
}

fn article_record<'a>(
    model: &'a Model,
    id: ArticleId,
    article: &'a Article,
    facts: &'a ArticleFacts,
) -> ArticleRecord<'a> {
    ArticleRecord {
        id: &article.id,
        path: &article.path,
        date: article.date,
        title: &article.title,
        source: article.source.as_deref(),
        url: article.url.as_deref(),
        sources: intel::article_sources(model, id),
        players: facts
            .people
            .iter()
            .map(|&id| &model.people[id])
            .filter(|person| person.role == Role::Player)
            .map(|person| person.name.as_str())
            .collect(),
        clubs: facts
            .clubs
            .iter()
            .map(|&club| model.club_names[club].as_str())
            .collect(),
    }
}

/// The whole model.
pub fn export(model: &Model, as_of: NaiveDate) -> Export<'_> {
    Export { model, as_of }
}

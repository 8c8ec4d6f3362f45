//! Transfer intelligence over the model: how far each rumour has got (its ladder of stages),
//! how hot it is, how the sources that reported rumours have fared, and a club's board.
//! Everything is worked out as of a date: articles dated after it are not read.

use std::cmp::Ordering;

use foldhash::{HashMap, HashMapExt};

use chrono::NaiveDate;

use crate::extract::Stage;
use crate::model::{ArticleId, ClubId, Contract, Evidence, Model, PersonId, Rumour};
use crate::search::SearchIndex;
use crate::text::fold;

/// Days for a rumour with no new mention to lose half its heat.
pub const HALF_LIFE_DAYS: f64 = 30.0;

/// Heat under which a rumour is cold: shown dimmed, hidden on request, and counted as gone
/// nowhere in a source's record.
pub const COLD: f64 = 0.1;

/// How much of its heat a rumour known only from undated articles keeps: its age is unknown.
const UNDATED_RECENCY: f64 = 0.5;

/// A step of a rumour's ladder: the stage it reached and the sentence that says so.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step<'m> {
    pub stage: Stage,
    pub date: Option<NaiveDate>,
    pub evidence: &'m Evidence,
}

/// A rumour as of a date: its ladder, current stage and heat.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment<'m> {
    /// The steps that changed the stage, oldest first; the last is the current stage.
    pub ladder: Vec<Step<'m>>,
    pub stage: Stage,
    /// 0..1: see [`heat`].
    pub heat: f64,
    /// How many articles known as of the date mention it.
    pub articles: usize,
    /// Dates of the first and last article that mention it (as of the date).
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
}

impl Assessment<'_> {
    pub fn is_cold(&self) -> bool {
        self.heat < COLD
    }

    /// The first step that reached `stage`.
    pub fn reached(&self, stage: Stage) -> Option<&Step<'_>> {
        self.ladder.iter().find(|step| step.stage == stage)
    }
}

/// The ladder on one line: "linked 2025-01-06 → talks 2025-01-14 → done 2025-02-01".
pub fn ladder_line(ladder: &[Step]) -> String {
    ladder
        .iter()
        .map(|step| match step.date {
            Some(date) => format!("{} {date}", step.stage.name()),
            None => format!("{} undated", step.stage.name()),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// How many dated articles named the player in each of the `weeks` weeks up to the date,
/// oldest first (the last is the seven days ending on the date).
pub fn weekly_mentions(
    model: &Model,
    player: PersonId,
    as_of: NaiveDate,
    weeks: usize,
) -> Vec<usize> {
    let mut counts = vec![0; weeks];
    let articles = model
        .person(player)
        .map_or(&[][..], |person| &person.articles[..]);
    for date in articles.iter().filter_map(|&id| model.article(id)?.date) {
        let Ok(age) = usize::try_from((as_of - date).num_days()) else {
            continue;
        };
        if let Some(count) = (age / 7)
            .checked_add(1)
            .and_then(|week| weeks.checked_sub(week))
            .and_then(|at| counts.get_mut(at))
        {
            *count += 1;
        }
    }
    counts
}

/// Counts as a one-line sparkline: "▁" for none, else in sevenths of the largest from "▂"
/// to "█" ("▁▁▃█▅").
pub fn sparkline(counts: &[usize]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&count| {
            let level = if count == 0 {
                0
            } else {
                (count * 7).div_ceil(max).clamp(1, 7)
            };
            LEVELS[level]
        })
        .collect()
}

/// Whether an article is known as of the date: dated on or before it, or undated.
fn known(model: &Model, article: ArticleId, as_of: NaiveDate) -> bool {
    model
        .article(article)
        .is_some_and(|article| article.date.is_none_or(|date| date <= as_of))
}

/// The rumour as of `as_of`; `None` when no article known then mentions it.
///
/// The current stage is the latest step: an ending step (`rejected`, `denied`, `off`)
/// closes the rumour, and only talks or more reopen it; otherwise a mention never lowers the
/// stage ("linked" after a bid is still a bid).
pub fn assess<'m>(
    model: &'m Model,
    rumour: &'m Rumour,
    as_of: NaiveDate,
) -> Option<Assessment<'m>> {
    let mut ladder: Vec<Step<'m>> = Vec::new();
    for step in &rumour.stages {
        if !known(model, step.evidence.article, as_of) {
            continue;
        }
        let current = ladder.last().map(|step| step.stage);
        let next = match current {
            None => Some(step.stage),
            Some(_) if step.stage.ends() => Some(step.stage),
            Some(now) if now.ends() => step.stage.is_news().then_some(step.stage),
            Some(now) => (step.stage > now).then_some(step.stage),
        };
        if let Some(stage) = next.filter(|stage| Some(*stage) != current) {
            ladder.push(Step {
                stage,
                date: model.article(step.evidence.article).and_then(|a| a.date),
                evidence: &step.evidence,
            });
        }
    }
    let stage = ladder.last()?.stage;
    let articles: Vec<ArticleId> = rumour
        .articles
        .iter()
        .copied()
        .filter(|&article| known(model, article, as_of))
        .collect();
    let dates = articles
        .iter()
        .filter_map(|&article| model.article(article)?.date);
    let (first_seen, last_seen) = (dates.clone().min(), dates.max());
    let sources = reporters(model, rumour, as_of).len();
    Some(Assessment {
        heat: heat(stage, sources, last_seen, as_of),
        ladder,
        stage,
        articles: articles.len(),
        first_seen,
        last_seen,
    })
}

/// How much each stage weighs in the heat: further along is hotter, an ended rumour is all
/// but cold.
fn stage_weight(stage: Stage) -> f64 {
    match stage {
        Stage::Linked => 0.3,
        Stage::Interest => 0.45,
        Stage::Talks => 0.6,
        Stage::Bid => 0.75,
        Stage::Agreed => 0.85,
        Stage::Medical => 0.95,
        Stage::Done => 1.0,
        Stage::Rejected => 0.2,
        Stage::Denied => 0.1,
        Stage::Off => 0.05,
    }
}

/// Heat in 0..1: the stage's weight, times a share for the distinct sources (one source
/// 0.75, two 0.875, each more halving what is left), times the recency of the last dated
/// mention (halving every [`HALF_LIFE_DAYS`]).
pub fn heat(stage: Stage, sources: usize, last_seen: Option<NaiveDate>, as_of: NaiveDate) -> f64 {
    let sources = i32::try_from(sources.max(1)).unwrap_or(i32::MAX);
    let agreement = 1.0 - 0.5_f64.powi(sources) / 2.0;
    let recency = last_seen.map_or(UNDATED_RECENCY, |seen| {
        let days = (as_of - seen).num_days().max(0) as f64;
        0.5_f64.powf(days / HALF_LIFE_DAYS)
    });
    stage_weight(stage) * agreement * recency
}

/// The sources of one article: the outlets and journalists its text cites, then its own
/// outlet.
pub fn article_sources(model: &Model, article: ArticleId) -> Vec<&str> {
    let mut names: Vec<&str> = model
        .extractions
        .get(article.0)
        .into_iter()
        .flat_map(|facts| facts.sources.iter().map(String::as_str))
        .collect();
    if let Some(outlet) = model.article(article).and_then(|a| a.source.as_deref())
        && !names.contains(&outlet)
    {
        names.push(outlet);
    }
    names
}

/// Who reported a rumour as of the date, each with the date of their first report (`None`
/// when only undated articles of theirs carry it), in order of first report.
pub fn reporters<'m>(
    model: &'m Model,
    rumour: &Rumour,
    as_of: NaiveDate,
) -> Vec<(&'m str, Option<NaiveDate>)> {
    let mut found: Vec<(&str, Option<NaiveDate>)> = Vec::new();
    for &article in &rumour.articles {
        if !known(model, article, as_of) {
            continue;
        }
        let date = model.article(article).and_then(|a| a.date);
        for name in article_sources(model, article) {
            match found.iter_mut().find(|(known, _)| *known == name) {
                Some((_, first)) => *first = earliest(*first, date),
                None => found.push((name, date)),
            }
        }
    }
    found.sort_by(|a, b| dated_first(a.1, b.1));
    found
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Dated before undated, older first.
fn dated_first(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Ordering {
    (a.is_none(), a).cmp(&(b.is_none(), b))
}

/// Hottest first; equal heat by the most articles, then the club's name.
pub fn hottest_first(model: &Model, a: (&Rumour, f64), b: (&Rumour, f64)) -> Ordering {
    b.1.total_cmp(&a.1)
        .then_with(|| model.strongest_first(a.0, b.0))
}

/// Rumours known as of the date with their assessment, hottest first.
pub fn by_heat<'m>(
    model: &'m Model,
    rumours: impl IntoIterator<Item = &'m Rumour>,
    as_of: NaiveDate,
) -> Vec<(&'m Rumour, Assessment<'m>)> {
    let mut list: Vec<(&Rumour, Assessment)> = rumours
        .into_iter()
        .filter_map(|rumour| Some((rumour, assess(model, rumour, as_of)?)))
        .collect();
    list.sort_by(|a, b| hottest_first(model, (a.0, a.1.heat), (b.0, b.1.heat)));
    list
}

/// A source's track record over the rumours it reported.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRecord {
    pub name: String,
    /// Indices into [`Model::rumours`] of the (listed) rumours it reported.
    pub rumours: Vec<usize>,
    /// Of those, how many reached `done`.
    pub done: usize,
    /// How many ended `rejected`, `denied` or `off`, or went cold.
    pub failed: usize,
    /// Median days from its first report to `done`, over the done rumours it reported
    /// first (on or before the day).
    pub median_lead_days: Option<i64>,
}

impl SourceRecord {
    /// Rumours settled either way: the count a hit rate rests on.
    pub fn settled(&self) -> usize {
        self.done + self.failed
    }

    /// Done out of settled; `None` while nothing has settled.
    pub fn hit_rate(&self) -> Option<f64> {
        (self.settled() > 0).then(|| self.done as f64 / self.settled() as f64)
    }

    /// The hit rate as its count: "3/5", "–" while nothing has settled.
    pub fn hits(&self) -> String {
        if self.settled() == 0 {
            "–".to_string()
        } else {
            format!("{}/{}", self.done, self.settled())
        }
    }

    /// The hit rate as a percentage: "60%", "–" while nothing has settled.
    pub fn rate(&self) -> String {
        self.hit_rate()
            .map_or_else(|| "–".to_string(), |rate| format!("{:.0}%", rate * 100.0))
    }

    /// The median lead time: "18 d", "–" before any rumour was done.
    pub fn lead(&self) -> String {
        self.median_lead_days
            .map_or_else(|| "–".to_string(), |days| format!("{days} d"))
    }
}

/// Every source's record as of the date, most rumours first (then by name).
pub fn source_records(model: &Model, as_of: NaiveDate) -> Vec<SourceRecord> {
    let mut records: Vec<SourceRecord> = Vec::new();
    let mut leads: Vec<Vec<i64>> = Vec::new();
    for (index, rumour) in model.listed_rumours() {
        let Some(assessment) = assess(model, rumour, as_of) else {
            continue;
        };
        let done_on = assessment.reached(Stage::Done).map(|step| step.date);
        let failed = done_on.is_none() && (assessment.stage.ends() || assessment.is_cold());
        for (name, first) in reporters(model, rumour, as_of) {
            let at = match records.iter().position(|record| record.name == name) {
                Some(at) => at,
                None => {
                    records.push(SourceRecord {
                        name: name.to_string(),
                        rumours: Vec::new(),
                        done: 0,
                        failed: 0,
                        median_lead_days: None,
                    });
                    leads.push(Vec::new());
                    records.len() - 1
                }
            };
            let record = &mut records[at];
            record.rumours.push(index);
            record.done += usize::from(done_on.is_some());
            record.failed += usize::from(failed);
            if let (Some(Some(done)), Some(first)) = (done_on, first)
                && first <= done
            {
                leads[at].push((done - first).num_days());
            }
        }
    }
    for (record, mut leads) in records.iter_mut().zip(leads) {
        record.median_lead_days = median(&mut leads);
    }
    records.sort_by(|a, b| {
        b.rumours
            .len()
            .cmp(&a.rumours.len())
            .then_with(|| fold(&a.name).cmp(&fold(&b.name)))
    });
    records
}

/// The middle value (the lower of the two middle ones for an even count).
fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    values.get(values.len().checked_sub(1)? / 2).copied()
}

/// The club a name means: its exact name (accents and case aside), else the best fuzzy
/// match, among the clubs the articles name.
pub fn find_club(model: &Model, name: &str) -> Option<ClubId> {
    let mut named: Vec<usize> = model
        .extractions
        .iter()
        .flat_map(|facts| facts.clubs.iter().copied())
        .collect();
    named.sort_unstable();
    named.dedup();
    let wanted = fold(name.trim());
    if let Some(&club) = named
        .iter()
        .find(|&&club| fold(model.club_name(ClubId(club))) == wanted)
    {
        return Some(ClubId(club));
    }
    let search = SearchIndex::new(named.iter().map(|&club| model.club_name(ClubId(club))));
    let hit = search.search(name).into_iter().next()?;
    named.get(hit.index).copied().map(ClubId)
}

/// Everything about one club as of a date.
#[derive(Debug, Clone)]
pub struct ClubBoard<'m> {
    pub club: ClubId,
    /// Players linked to it, hottest first.
    pub incoming: Vec<(&'m Rumour, Assessment<'m>)>,
    /// Its own players linked elsewhere, hottest first.
    pub outgoing: Vec<(&'m Rumour, Assessment<'m>)>,
    /// Its players' contracts, soonest end first.
    pub contracts: Vec<&'m Contract>,
    /// Articles naming it known as of the date, newest first (undated last).
    pub articles: Vec<ArticleId>,
}

/// The club each player is at as of the date: the latest article known then that states
/// his club or calls a move done (on a tie, the later in the corpus).
pub fn clubs_as_of(model: &Model, as_of: NaiveDate) -> HashMap<PersonId, ClubId> {
    let mut latest: HashMap<PersonId, ((Option<NaiveDate>, ArticleId), ClubId)> = HashMap::new();
    let mut note = |player: PersonId, article: ArticleId, club: ClubId| {
        let when = (model.article(article).and_then(|a| a.date), article);
        if latest.get(&player).is_none_or(|(seen, _)| when >= *seen) {
            latest.insert(player, (when, club));
        }
    };
    for (at, facts) in model.extractions.iter().enumerate() {
        let article = ArticleId(at);
        if !known(model, article, as_of) {
            continue;
        }
        for link in &facts.current_clubs {
            if let Some(&player) = facts.people.get(link.person) {
                note(player, article, ClubId(link.club));
            }
        }
    }
    for rumour in &model.rumours {
        for step in &rumour.stages {
            if step.stage == Stage::Done && known(model, step.evidence.article, as_of) {
                note(rumour.player, step.evidence.article, rumour.club);
            }
        }
    }
    latest
        .into_iter()
        .map(|(player, (_, club))| (player, club))
        .collect()
}

/// The board of a club: who is coming, who may go, whose contract ends, what was written.
/// A player's rumours from before he joined the club are not its outgoing ones.
pub fn club_board(model: &Model, club: ClubId, as_of: NaiveDate) -> ClubBoard<'_> {
    let listed = || model.listed_rumours().map(|(_, rumour)| rumour);
    let clubs = clubs_as_of(model, as_of);
    let ours = |player: PersonId| clubs.get(&player) == Some(&club);
    let incoming = by_heat(model, listed().filter(|r| r.club == club), as_of);
    let joined = |player: PersonId| {
        incoming
            .iter()
            .filter(|(rumour, _)| rumour.player == player)
            .find_map(|(_, assessment)| assessment.reached(Stage::Done)?.date)
    };
    let mut outgoing = by_heat(
        model,
        listed().filter(|r| r.club != club && ours(r.player)),
        as_of,
    );
    outgoing.retain(|(rumour, assessment)| {
        joined(rumour.player)
            .is_none_or(|joined| assessment.last_seen.is_some_and(|seen| seen > joined))
    });
    let mut contracts: Vec<&Contract> = model
        .contracts
        .iter()
        .filter(|contract| {
            ours(contract.player)
                && contract
                    .evidence
                    .iter()
                    .any(|fact| known(model, fact.evidence.article, as_of))
        })
        .collect();
    contracts.sort_by_key(|contract| contract.expires);
    let mut articles: Vec<ArticleId> = (0..model.articles.len())
        .map(ArticleId)
        .filter(|&id| known(model, id, as_of))
        .filter(|id| {
            model
                .extractions
                .get(id.0)
                .is_some_and(|facts| facts.clubs.contains(&club.0))
        })
        .collect();
    articles.sort_by_key(|&id| {
        let date = model.article(id).and_then(|article| article.date);
        (
            date.is_none(),
            std::cmp::Reverse(date),
            std::cmp::Reverse(id),
        )
    });
    ClubBoard {
        club,
        incoming,
        outgoing,
        contracts,
        articles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Corpus};
    use crate::gazetteer::Gazetteer;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn article(id: &str, date: Option<&str>, source: &str, body: &str) -> Article {
        Article {
            id: id.to_string(),
            path: format!("{id}.txt"),
            date: date.map(day),
            date_is_fetch: false,
            title: String::new(),
            source: Some(source.to_string()),
            url: None,
            body: body.to_string(),
        }
    }

    fn model(articles: Vec<Article>) -> Model {
        let gazetteer = Gazetteer::embedded().expect("embedded gazetteer parses");
        Model::build(
            Corpus {
                articles,
                problems: Vec::new(),
            },
            &gazetteer,
        )
    }

    /// The ladder of the rumour to `club` as "stage date" steps.
    fn ladder(model: &Model, club: &str, as_of: &str) -> Vec<String> {
        model
            .rumours
            .iter()
            .find(|rumour| model.club_name(rumour.club) == club)
            .and_then(|rumour| assess(model, rumour, day(as_of)))
            .map(|assessment| {
                assessment
                    .ladder
                    .iter()
                    .map(|step| {
                        let date = step.date.map_or("undated".to_string(), |d| d.to_string());
                        format!("{} {date}", step.stage.name())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_mention_never_lowers_the_stage_an_ending_ends_it_and_a_bid_reopens_it() {
        let model = model(vec![
            article(
                "a",
                Some("2024-07-01"),
                "Post",
                "Everton have tabled a bid for Kofi Mensah-Barros.",
            ),
            article(
                "b",
                Some("2024-07-03"),
                "Echo",
                "Kofi Mensah-Barros has been linked with Everton.",
            ),
            article(
                "c",
                Some("2024-07-05"),
                "Post",
                "Talks between Everton and Kofi Mensah-Barros have collapsed.",
            ),
            article(
                "d",
                Some("2024-07-09"),
                "Echo",
                "Everton have tabled an improved bid for Kofi Mensah-Barros.",
            ),
        ]);
        assert_eq!(
            ladder(&model, "Everton", "2024-08-01"),
            ["bid 2024-07-01", "off 2024-07-05", "bid 2024-07-09"]
        );
        // As of the 6th the improved bid has not happened yet.
        assert_eq!(
            ladder(&model, "Everton", "2024-07-06"),
            ["bid 2024-07-01", "off 2024-07-05"]
        );
        assert!(ladder(&model, "Everton", "2024-06-30").is_empty());
    }

    #[test]
    fn undated_articles_count_as_the_oldest() {
        let model = model(vec![
            article(
                "a",
                Some("2024-07-01"),
                "Post",
                "Everton have agreed a fee for Kofi Mensah-Barros.",
            ),
            article(
                "b",
                None,
                "Echo",
                "Everton are monitoring Kofi Mensah-Barros.",
            ),
        ]);
        assert_eq!(
            ladder(&model, "Everton", "2024-07-02"),
            ["interest undated", "agreed 2024-07-01"]
        );
    }

    #[test]
    fn heat_halves_every_thirty_days_and_grows_with_sources_and_stage() {
        let today = day("2024-07-31");
        let fresh = heat(Stage::Bid, 1, Some(today), today);
        assert!((fresh - 0.75 * 0.75).abs() < 1e-9);
        let month_old = heat(Stage::Bid, 1, Some(day("2024-07-01")), today);
        assert!((month_old - fresh / 2.0).abs() < 1e-9);
        assert!(heat(Stage::Bid, 3, Some(today), today) > fresh);
        assert!(heat(Stage::Done, 1, Some(today), today) > fresh);
        assert!(heat(Stage::Off, 5, Some(today), today) < COLD);
        assert!((heat(Stage::Bid, 1, None, today) - fresh / 2.0).abs() < 1e-9);
    }

    #[test]
    fn mentions_are_counted_per_week_up_to_the_date() {
        let model = model(vec![
            article(
                "a",
                Some("2024-07-01"),
                "Post",
                "Everton want Kofi Mensah-Barros.",
            ),
            article(
                "b",
                Some("2024-07-20"),
                "Post",
                "Everton want Kofi Mensah-Barros.",
            ),
            article(
                "c",
                Some("2024-07-21"),
                "Echo",
                "Kofi Mensah-Barros is wanted by Everton.",
            ),
            article(
                "d",
                Some("2024-08-30"),
                "Echo",
                "Kofi Mensah-Barros is wanted by Everton.",
            ),
        ]);
        let player = model
            .person_named("Kofi Mensah-Barros")
            .unwrap_or(PersonId(0));
        let weeks = weekly_mentions(&model, player, day("2024-07-21"), 4);
        // Weeks ending on Jul 21, 14, 7 and Jun 30; Aug 30 is after the date.
        assert_eq!(weeks, [0, 1, 0, 2]);
        assert_eq!(sparkline(&weeks), "▁▅▁█");
    }

    #[test]
    fn the_median_lead_is_the_lower_middle() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [9, 1, 5]), Some(5));
        assert_eq!(median(&mut [4, 1, 9, 2]), Some(2));
    }
}

//! The dashboard's transfer intelligence overlays: `S` lists the sources with their track
//! records (the selected one's rumours under them), `c` opens a club's board, found by a
//! fuzzy search. Plain state: [`super::state::update`] applies the commands.

use chrono::NaiveDate;

use super::state::ListCursor;
use crate::extract::Stage;
use crate::intel::{self, Assessment, SourceRecord};
use crate::model::{ClubId, Model, PersonId, Rumour};

/// How the sources are ordered; `s` cycles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceSort {
    /// Most rumours reported first.
    #[default]
    Count,
    /// Best hit rate first (those with nothing settled last), more settled first on a tie.
    HitRate,
    /// Shortest median lead time to `done` first (none last).
    LeadTime,
}

impl SourceSort {
    pub fn next(self) -> Self {
        match self {
            SourceSort::Count => SourceSort::HitRate,
            SourceSort::HitRate => SourceSort::LeadTime,
            SourceSort::LeadTime => SourceSort::Count,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SourceSort::Count => "rumours",
            SourceSort::HitRate => "hit rate",
            SourceSort::LeadTime => "lead time",
        }
    }
}

/// The sources overlay.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcesView {
    /// In `sort` order.
    pub records: Vec<SourceRecord>,
    pub sort: SourceSort,
    pub cursor: ListCursor,
    /// The date and the number of articles the records were worked out for.
    listed: Option<(NaiveDate, usize)>,
}

impl SourcesView {
    /// Works the records out again when the date or the articles changed.
    pub fn refresh(&mut self, model: &Model, date: NaiveDate) {
        let wanted = (date, model.articles.len());
        if self.listed != Some(wanted) {
            self.records = intel::source_records(model, date);
            self.listed = Some(wanted);
            self.sort_records();
        }
    }

    /// Orders the records by `sort`, keeping the selected source selected.
    pub fn sort_records(&mut self) {
        let keep = self.selected().map(|record| record.name.clone());
        // `source_records` lists most rumours first: the other orders keep it on ties.
        self.records
            .sort_by_key(|record| std::cmp::Reverse(record.rumours.len()));
        match self.sort {
            SourceSort::Count => {}
            SourceSort::HitRate => self.records.sort_by(|a, b| {
                let rate = |r: &SourceRecord| r.hit_rate().unwrap_or(-1.0);
                rate(b)
                    .total_cmp(&rate(a))
                    .then(b.settled().cmp(&a.settled()))
            }),
            SourceSort::LeadTime => self
                .records
                .sort_by_key(|r| (r.median_lead_days.is_none(), r.median_lead_days)),
        }
        self.cursor.selected = keep
            .and_then(|name| self.records.iter().position(|r| r.name == name))
            .unwrap_or(0);
    }

    pub fn selected(&self) -> Option<&SourceRecord> {
        self.records.get(self.cursor.selected)
    }
}

/// The club board overlay: the query typed, the club it found and its board.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardView {
    pub query: String,
    pub club: Option<ClubId>,
    /// Lines scrolled off the top of the board.
    pub scroll: usize,
    /// The board of `club`, worked out once per club, date and articles.
    pub board: Option<Board>,
    listed: Option<(ClubId, NaiveDate, usize)>,
}

/// A club's board as the overlay shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Board {
    pub incoming: Vec<BoardRumour>,
    pub outgoing: Vec<BoardRumour>,
    /// Player and contract end, soonest first.
    pub contracts: Vec<(String, NaiveDate)>,
    /// Date, title and source, newest first.
    pub articles: Vec<(Option<NaiveDate>, String, Option<String>)>,
}

/// A rumour on a board: who, where, how far and how hot.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRumour {
    pub player: String,
    pub club: String,
    pub stage: Stage,
    pub heat: f64,
    pub cold: bool,
    /// The ladder on one line.
    pub steps: String,
}

impl Board {
    fn new(model: &Model, club: ClubId, date: NaiveDate) -> Self {
        let board = intel::club_board(model, club, date);
        let rumours = |list: &[(&Rumour, Assessment)]| {
            list.iter()
                .map(|(rumour, assessment)| BoardRumour {
                    player: person_name(model, rumour.player),
                    club: model.club_name(rumour.club).to_string(),
                    stage: assessment.stage,
                    heat: assessment.heat,
                    cold: assessment.is_cold(),
                    steps: intel::ladder_line(&assessment.ladder),
                })
                .collect()
        };
        Self {
            incoming: rumours(&board.incoming),
            outgoing: rumours(&board.outgoing),
            contracts: board
                .contracts
                .iter()
                .map(|contract| (person_name(model, contract.player), contract.expires))
                .collect(),
            articles: board
                .articles
                .iter()
                .filter_map(|&id| model.article(id))
                .map(|article| (article.date, article.title.clone(), article.source.clone()))
                .collect(),
        }
    }

    /// How many lines the overlay draws under its search line: four sections, each a blank
    /// line and a heading over its rows ("none" for an empty rumour list).
    pub fn lines(&self) -> usize {
        4 * 2
            + self.incoming.len().max(1)
            + self.outgoing.len().max(1)
            + self.contracts.len()
            + self.articles.len()
    }
}

fn person_name(model: &Model, person: PersonId) -> String {
    model
        .person(person)
        .map_or_else(String::new, |person| person.name.clone())
}

impl BoardView {
    /// A board on `club`, with no query typed yet.
    pub fn of(club: Option<ClubId>) -> Self {
        Self {
            club,
            ..Self::default()
        }
    }

    /// Finds the club the query means (the club shown stays while nothing matches).
    pub fn search(&mut self, model: &Model) {
        if let Some(club) = intel::find_club(model, &self.query) {
            self.club = Some(club);
        }
        self.scroll = 0;
    }

    /// Works the board out again when the club, the date or the articles changed.
    pub fn refresh(&mut self, model: &Model, date: NaiveDate) {
        let Some(club) = self.club else {
            self.board = None;
            return;
        };
        let wanted = (club, date, model.articles.len());
        if self.listed != Some(wanted) {
            self.board = Some(Board::new(model, club, date));
            self.listed = Some(wanted);
        }
    }
}

/// Which intelligence overlay is open.
#[derive(Debug, Clone, PartialEq)]
pub enum IntelOverlay {
    Sources(SourcesView),
    Board(BoardView),
}

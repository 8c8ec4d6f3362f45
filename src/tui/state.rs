//! The dashboard's state, one sub-state per pane, and the pure [`update`] that changes it.
//!
//! Nothing here touches the terminal or reads the clock: the time arrives in
//! [`Message::Tick`] and the terminal size in [`Message::Resize`]. Geometry that the update
//! needs (page sizes, which pane is under the mouse, how wide the reader wraps) comes from
//! [`layout`], the same pure function the views draw with.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Days, NaiveDate, NaiveDateTime, Timelike};
use ratatui::layout::Rect;

use crate::config::{CountdownSettings, CountdownSort, Tier};
use crate::corpus::{Article, Corpus, Severity};
use crate::countdown::{Thresholds, sort_contracts};
use crate::facts::Facts;
use crate::fetch::Limits;
use crate::gazetteer::{Gazetteer, Role};
use crate::intel;
use crate::model::{ArticleId, ClubId, Evidence, Highlight, Model, PersonId, Roster};
use crate::progress::Progress;
use crate::search::{Hit, Narrowing};
use crate::text::plural;

use super::Options;
use super::action::{Action, Command, Message, Pane};
use super::desk::DeskState;
use super::fetcher::{FetchProgress, Fetched};
use super::intel::{BoardView, IntelOverlay, SourcesView};
use super::keymap::{Context, Keymap};
use super::layout::{self, Screen};
use super::text;

/// A cursor over a list that is drawn a window at a time: the selected row and the first
/// visible row. Only the visible rows are ever built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves the selection by `delta` rows, staying inside a list of `len` rows.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        if len == 0 {
            *self = Self::default();
            return;
        }
        let target = self.selected.saturating_add_signed(delta);
        self.selected = target.min(len - 1);
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    /// Keeps the selection inside the list and the window (`height` rows) on the selection,
    /// and the window full when the list allows.
    pub fn fit(&mut self, len: usize, height: usize) {
        if len == 0 {
            *self = Self::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        if height == 0 {
            self.offset = self.selected;
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// The rows to draw.
    pub fn window(&self, len: usize, height: usize) -> Range<usize> {
        let start = self.offset.min(len);
        start..(start + height).min(len)
    }
}

/// Lookups computed once from the model.
#[derive(Debug, Clone)]
pub struct Index {
    /// Every article, newest first (undated last).
    pub articles: Vec<usize>,
    /// Position of each article in `articles`, to sort filtered lists the same way.
    pub article_rank: Vec<usize>,
    /// For each article, the people it names.
    pub article_people: Vec<Vec<PersonId>>,
    /// Every player in display order (most rumours, then most articles, then name), and the
    /// fuzzy search over their names.
    pub roster: Roster,
    /// Position of each player in the roster.
    pub player_position: HashMap<PersonId, usize>,
    /// Each person's rumours (indices into `Model::rumours`), strongest first.
    pub rumours_of: HashMap<PersonId, Vec<usize>>,
    /// Each person's contract (index into `Model::contracts`).
    pub contract_of: HashMap<PersonId, usize>,
}

impl Index {
    pub fn new(model: &Model) -> Self {
        let mut articles: Vec<usize> = (0..model.articles.len()).collect();
        articles.sort_by(|&a, &b| {
            let (da, db) = (model.articles[a].date, model.articles[b].date);
            db.cmp(&da).then(a.cmp(&b))
        });
        let mut article_rank = vec![0; articles.len()];
        for (rank, &article) in articles.iter().enumerate() {
            article_rank[article] = rank;
        }
        let mut article_people = vec![Vec::new(); model.articles.len()];
        for (person, p) in model.people.iter().enumerate() {
            for &article in &p.articles {
                if let Some(list) = article_people.get_mut(article.0) {
                    list.push(PersonId(person));
                }
            }
        }
        let mut rumours_of: HashMap<PersonId, Vec<usize>> = HashMap::new();
        for (index, rumour) in model.listed_rumours() {
            rumours_of.entry(rumour.player).or_default().push(index);
        }
        for list in rumours_of.values_mut() {
            list.sort_by(|&a, &b| model.strongest_first(&model.rumours[a], &model.rumours[b]));
        }
        let contract_of: HashMap<PersonId, usize> = model
            .contracts
            .iter()
            .enumerate()
            .map(|(index, c)| (c.player, index))
            .collect();
        let roster = Roster::new(model);
        let player_position = roster
            .players
            .iter()
            .enumerate()
            .map(|(at, &p)| (p, at))
            .collect();
        Self {
            articles,
            article_rank,
            article_people,
            roster,
            player_position,
            rumours_of,
            contract_of,
        }
    }
}

/// A model and its lookups, ready to show. The dashboard builds it off the UI thread and
/// hands it over whole, in [`Message::Loaded`].
#[derive(Debug, Clone)]
pub struct Loaded {
    pub model: Model,
    pub index: Index,
    /// For merging the articles that arrive later (`R`).
    pub gazetteer: Option<Arc<Gazetteer>>,
    /// The user's marks and what is new since the last visit, read from the library on the
    /// loader's thread (or why they could not be).
    pub desk: Option<Result<super::desk::DeskStart, String>>,
    /// Library articles left out of the model, being read in the background
    /// ([`Message::Reread`] brings them).
    pub unread: usize,
}

impl Loaded {
    pub fn new(model: Model) -> Self {
        let index = Index::new(&model);
        Self {
            model,
            index,
            gazetteer: None,
            desk: None,
            unread: 0,
        }
    }
}

/// An article's text read from the library, with its highlights (a model without bodies
/// keeps none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub text: String,
    pub highlights: Vec<Highlight>,
}

/// How many article bodies read from the library the reader keeps.
const BODIES_KEPT: usize = 8;

/// Article bodies read from the library for the reader, the last few (a model built from
/// stored facts keeps no body): each the text, or why there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bodies {
    /// Oldest first.
    kept: VecDeque<(usize, Result<Body, String>)>,
}

impl Bodies {
    pub fn get(&self, article: usize) -> Option<&Result<Body, String>> {
        self.kept
            .iter()
            .find(|(kept, _)| *kept == article)
            .map(|(_, body)| body)
    }

    fn insert(&mut self, article: usize, body: Result<Body, String>) {
        self.kept.retain(|(kept, _)| *kept != article);
        if self.kept.len() >= BODIES_KEPT {
            self.kept.pop_front();
        }
        self.kept.push_back((article, body));
    }
}

/// Feeds fetched from the dashboard: `R`, and `--refresh` every so many minutes.
#[derive(Debug, Clone, Default)]
pub struct FeedsState {
    /// The library fetched into; `None` for `--corpus` runs.
    pub db: Option<PathBuf>,
    /// Minutes between automatic fetches.
    pub refresh: Option<u32>,
    /// How long and how much each request of a fetch may take.
    pub limits: Limits,
    /// A fetch is running: how far it has come.
    pub fetching: Option<FetchProgress>,
    /// A fetch was asked for: the loop starts it (update does no I/O).
    pub requested: bool,
    /// When the last fetch was asked for (at first, when the dashboard started).
    pub last: Option<NaiveDateTime>,
    /// Articles merged since the Articles pane was last looked at.
    pub unseen: usize,
    pub gazetteer: Option<Arc<Gazetteer>>,
}

/// How the panes are linked. At most one link at a time, so they never chase each other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Link {
    #[default]
    None,
    /// The articles pane shows only the articles naming the selected player.
    ArticlesFollowPlayer,
    /// The players pane shows only the players named in the selected article.
    PlayersFollowArticle,
}

/// Which date the countdowns are measured from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClockMode {
    /// The `--as-of` date (today by default), moving on at midnight.
    #[default]
    AsOf,
    /// The selected article's date: what a reader saw on the day.
    ArticleDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockState {
    pub as_of: NaiveDate,
    /// The wall clock's date when the dashboard started; the shown date moves on from
    /// `as_of` as the wall clock passes midnight.
    pub started: NaiveDate,
    pub now: NaiveDateTime,
    pub mode: ClockMode,
}

/// What the clock shows and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockReading {
    pub date: NaiveDate,
    pub time: chrono::NaiveTime,
    pub mode: ClockMode,
    /// In article mode, when the article has no date and the as-of date is used.
    pub undated: bool,
}

/// Whose evidence the reader marks: the selected rumour's or the selected contract's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EvidenceFrom {
    #[default]
    Rumour,
    Contract,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticlesState {
    pub cursor: ListCursor,
    /// Article indices, newest first, after the link's filter.
    pub rows: Vec<usize>,
    /// The player whose articles `rows` holds, when filtered.
    pub filter: Option<PersonId>,
    /// The article the reader last followed from this list.
    pub followed: Option<usize>,
    /// The watched-only filter `rows` were listed with (see [`DeskState::filter_key`]).
    desk: Option<u64>,
    /// How many of `rows` are unread: counted when either changes, not at every frame.
    pub unread: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderState {
    pub article: Option<usize>,
    /// First wrapped line shown.
    pub scroll: usize,
    /// The evidence sentence the reader was opened at.
    pub focus: Option<Range<usize>>,
    /// Where `Esc` goes back to.
    pub back_to: Pane,
    /// The article wrapped for the reader's width, kept between updates: a long article is
    /// wrapped once, not on every key press and every frame.
    pub wrapped: Option<Wrapped>,
    /// A search in the article's text.
    pub search: ReaderSearch,
}

/// `/` in the reader: a query, its matches in the article, and the one shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderSearch {
    pub query: String,
    /// Whether keys type into the query.
    pub editing: bool,
    /// Byte ranges of the matches in the article's body (ASCII letters in either case).
    pub matches: Vec<Range<usize>>,
    /// The match scrolled to.
    pub current: usize,
    /// The article and query `matches` were found for.
    searched: Option<(usize, String)>,
}

/// Something the dashboard asks of the world outside the terminal; the event loop carries
/// it out ([`crate::tui::EventSource::perform`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open a link with the system's opener (`xdg-open`, `open`).
    Open(String),
    /// Put text on the clipboard with an OSC 52 sequence.
    Copy(String),
}

/// An article's text wrapped to a width: byte ranges of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub article: usize,
    pub width: u16,
    pub lines: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlayerRow {
    /// The player.
    pub person: PersonId,
    /// Position in [`Index::players`] (and in its search index).
    pub hit: usize,
}

/// Lists at least this long are searched in the background (see [`State::pending_search`]):
/// a keystroke over them can take longer than a frame.
pub const BACKGROUND_SEARCH_NAMES: usize = 50_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayersState {
    pub cursor: ListCursor,
    pub rows: Vec<PlayerRow>,
    pub query: String,
    /// Whether keys type into the filter.
    pub editing: bool,
    /// The article the players are narrowed to, when linked.
    pub narrow: Option<usize>,
    /// The query and narrowing `rows` were computed for.
    searched: Option<(String, Option<usize>)>,
    /// A query waiting for its background search; `rows` still hold the previous one's.
    pending: Option<String>,
    /// Earlier queries' results, for searching as the query grows or shrinks.
    narrowing: Narrowing,
    /// The watched-only filter `rows` were listed with.
    desk: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DestinationsState {
    /// The player shown.
    pub player: Option<PersonId>,
    /// Rumour indices known as of the clock's date, hottest first.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
    /// Whether the cursor is in the evidence list (below the clubs).
    pub in_evidence: bool,
    /// Cursor over the selected rumour's evidence; the selected item is drawn first.
    pub evidence: ListCursor,
    /// Whether cold rumours are left out of `rows`.
    pub hide_cold: bool,
    /// The player, date, `hide_cold` and watched-only filter that `rows` were listed for.
    pub listed: Option<(Option<PersonId>, NaiveDate, bool, Option<u64>)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountdownsState {
    pub cursor: ListCursor,
    /// Contract indices as listed, in `sort`'s order ([`sort_contracts`]).
    pub rows: Vec<usize>,
    /// Whether ended contracts are left out of `rows`.
    pub hide_expired: bool,
    /// Where the urgency colours change.
    pub thresholds: Thresholds,
    /// The order of `rows`.
    pub sort: CountdownSort,
    /// The date, `hide_expired` and the watched-only filter that `rows` were listed for.
    listed: Option<(NaiveDate, bool, Option<u64>)>,
    /// The selected player the cursor last followed.
    followed: Option<PersonId>,
}

/// Everything on screen.
#[derive(Debug, Clone)]
pub struct State {
    pub model: Model,
    pub index: Index,
    /// While the corpus loads in the background: how far it has come. The panes are empty
    /// until [`Message::Loaded`] brings the model.
    pub loading: Option<Progress>,
    /// The `--player` to select once the model is there (unless a filter was typed
    /// meanwhile: the newer wish wins).
    pending_player: Option<String>,
    /// Why there is no model, when loading failed (shown until the dashboard ends).
    pub load_error: Option<String>,
    /// Player lists this long or longer are searched in the background
    /// ([`BACKGROUND_SEARCH_NAMES`]; tests lower it).
    pub background_search_names: usize,
    pub focus: Pane,
    pub maximised: bool,
    /// The help overlay, when open, and its scroll.
    pub help: Option<usize>,
    /// The load problems overlay, when open, and its scroll.
    pub problems: Option<usize>,
    /// The sources or club board overlay, when open.
    pub intel: Option<IntelOverlay>,
    /// The tiers the configuration's `[sources]` gives, shown beside the measured records.
    pub source_tiers: BTreeMap<String, Tier>,
    pub link: Link,
    pub clock: ClockState,
    /// Terminal size (width, height).
    pub size: (u16, u16),
    /// A one-off note for the status bar.
    pub message: Option<String>,
    /// Whether the articles are the built-in sample (the status bar says how to load yours).
    pub sample: bool,
    /// Whether `y` may copy through the terminal (OSC 52): off unless the user allows it.
    pub clipboard: bool,
    /// What the event loop is to carry out after this update.
    pub effects: Vec<Effect>,
    pub evidence_from: EvidenceFrom,
    pub quit: bool,
    pub articles: ArticlesState,
    pub reader: ReaderState,
    pub players: PlayersState,
    pub destinations: DestinationsState,
    pub countdowns: CountdownsState,
    pub feeds: FeedsState,
    /// The keys in force: the default map with the configuration's `[keys]`.
    pub keymap: Arc<Keymap>,
    /// Watched, read, the digest.
    pub desk: DeskState,
    pub bodies: Bodies,
    /// How many library articles are being read in the background (their stored facts were
    /// missing or of an older extractor).
    pub rereading: Option<usize>,
}

impl State {
    /// Applies the configuration's `[countdowns]`: urgency thresholds, whether ended
    /// contracts show at first, and the order.
    pub fn configure_countdowns(&mut self, settings: &CountdownSettings) {
        self.countdowns.thresholds = settings.thresholds();
        self.countdowns.hide_expired = !settings.show_expired;
        self.countdowns.sort = settings.sort;
        self.countdowns.listed = None;
    }

    /// " (e shows them)": how to show the ended contracts again, if a key does.
    /// The first key bound to `command` in `context`, for messages that name it; the
    /// command's name when no key is.
    pub fn key_of(&self, context: Context, command: &Command) -> String {
        self.keymap
            .keys_for(context, command, 1, "")
            .unwrap_or_else(|| command.name())
    }

    pub fn show_expired_hint(&self) -> String {
        self.keymap
            .keys_for(Context::Countdowns, &Command::ToggleExpired, 1, "")
            .map(|key| format!(" ({key} shows them)"))
            .unwrap_or_default()
    }

    /// A fresh dashboard over `model`: players focused, the clock at `options.as_of` and the
    /// time of `now`, and `options.player` selected (with the articles linked to them).
    pub fn new(model: Model, options: &Options, now: NaiveDateTime, size: (u16, u16)) -> Self {
        let mut state = Self::loading(options, now, size);
        state.finish_loading(Loaded::new(model));
        state
    }

    /// A dashboard waiting for its model: empty panes and a progress gauge until
    /// [`Message::Loaded`]. Keys work meanwhile (quitting above all).
    pub fn loading(options: &Options, now: NaiveDateTime, size: (u16, u16)) -> Self {
        let Loaded { model, index, .. } = Loaded::new(Model::default());
        Self {
            model,
            index,
            loading: Some(Progress::default()),
            pending_player: options.player.clone(),
            load_error: None,
            background_search_names: BACKGROUND_SEARCH_NAMES,
            focus: Pane::Players,
            maximised: false,
            help: None,
            problems: None,
            intel: None,
            source_tiers: BTreeMap::new(),
            link: Link::None,
            clock: ClockState {
                as_of: options.as_of,
                started: now.date(),
                now: now.with_nanosecond(0).unwrap_or(now),
                mode: ClockMode::AsOf,
            },
            size,
            message: None,
            sample: options.sample,
            clipboard: false,
            effects: Vec::new(),
            evidence_from: EvidenceFrom::Rumour,
            quit: false,
            articles: ArticlesState::default(),
            reader: ReaderState {
                article: None,
                scroll: 0,
                focus: None,
                back_to: Pane::Articles,
                wrapped: None,
                search: ReaderSearch::default(),
            },
            players: PlayersState::default(),
            destinations: DestinationsState::default(),
            countdowns: CountdownsState::default(),
            feeds: FeedsState {
                db: options.db.clone(),
                refresh: options.refresh,
                last: Some(now),
                ..FeedsState::default()
            },
            keymap: Arc::new(Keymap::default()),
            desk: DeskState::default(),
            bodies: Bodies::default(),
            rereading: None,
        }
    }

    /// Shows the loaded model: the panes fill in, keeping what the user typed meanwhile, and
    /// the `--player` is selected (with the articles linked to them) unless a filter was
    /// typed during the load.
    fn finish_loading(&mut self, loaded: Loaded) {
        self.model = loaded.model;
        self.index = loaded.index;
        self.feeds.gazetteer = loaded.gazetteer;
        self.loading = None;
        match loaded.desk {
            Some(Ok(start)) => self.desk = DeskState::new(start),
            Some(Err(error)) => {
                self.message = Some(format!("your marks cannot be saved: {error}"));
            }
            None => {}
        }
        self.refresh_watched();
        self.prepare_digest();
        self.rereading = (loaded.unread > 0).then_some(loaded.unread);
        self.bodies = Bodies::default();
        // Lists were computed over the empty model: compute them again.
        self.recompute_lists();
        let typed_meanwhile = !self.players.query.is_empty();
        if let Some(name) = self.pending_player.take().filter(|_| !typed_meanwhile) {
            match self.find_player(&name) {
                Some(person) => {
                    dispatch(self, Message::SelectPlayer { person });
                    dispatch(self, Command::LinkArticlesToPlayer);
                }
                None => self.message = Some(format!("no player matches “{name}”")),
            }
        }
    }

    /// Lists were computed over another model: compute them again.
    fn recompute_lists(&mut self) {
        self.players.searched = None;
        self.players.pending = None;
        self.articles.filter = None;
        self.articles.rows.clear();
        self.destinations.player = None;
        self.destinations.listed = None;
        self.countdowns.listed = None;
        self.refresh();
    }

    /// Merges what a fetch brought into the model. Over the built-in sample, the library's
    /// articles replace it.
    fn finish_fetch(&mut self, fetched: Result<Fetched, String>) {
        self.feeds.fetching = None;
        let fetched = match fetched {
            Ok(fetched) => fetched,
            Err(error) => {
                self.message = Some(format!("fetch failed: {error}"));
                return;
            }
        };
        let arrived = self.merge_fetched(fetched.articles, fetched.rebuilt);
        if arrived > 0 {
            self.caught_up();
        }
        self.model.problems = fetched.problems;
        let failed = match fetched.failed {
            0 => String::new(),
            n => format!("; {} failed (! lists)", plural(n, "feed", "feeds")),
        };
        self.message = Some(format!(
            "fetched: {}{failed}",
            plural(arrived, "new article", "new articles")
        ));
    }

    /// Merges fetched articles (over the built-in sample, the library's articles replace it;
    /// when some article changed in place, the library's model built again replaces the
    /// model); returns how many are new. They count as unseen until the articles pane is
    /// looked at.
    fn merge_fetched(
        &mut self,
        articles: Vec<(Article, Facts)>,
        rebuilt: Option<Box<Model>>,
    ) -> usize {
        let Some(gazetteer) = self.feeds.gazetteer.clone() else {
            return 0;
        };
        if articles.is_empty() && rebuilt.is_none() {
            return 0;
        }
        let arrived = articles.len();
        let replace = self.sample;
        self.merge_keeping_selections(|model| match rebuilt {
            Some(rebuilt) => *model = *rebuilt,
            None if replace => *model = Model::from_facts(articles, Vec::new(), &gazetteer),
            None => {
                model.ingest_facts(articles);
            }
        });
        self.sample = false;
        self.bodies = Bodies::default();
        self.feeds.unseen += arrived;
        arrived
    }

    /// Merges what watched files brought (`--watch`): new files' articles, and edited ones'
    /// in place of their old text.
    fn finish_watch(&mut self, arrived: Result<Corpus, String>) {
        let corpus = match arrived {
            Ok(corpus) => corpus,
            Err(error) => {
                self.message = Some(format!("watching the corpus: {error}"));
                return;
            }
        };
        let read = corpus.articles.len();
        self.merge_arrivals(corpus.articles);
        self.model.problems.extend(corpus.problems);
        if read > 0 {
            self.message = Some(format!(
                "read {} from changed files",
                plural(read, "article", "articles")
            ));
        }
    }

    /// Merges articles of changed files (`--watch`), keeping the selections, the filter and
    /// the scroll; returns how many are new. They count as unseen until the articles pane is
    /// looked at.
    fn merge_arrivals(&mut self, articles: Vec<Article>) -> usize {
        let Some(gazetteer) = self.feeds.gazetteer.clone() else {
            return 0;
        };
        if articles.is_empty() {
            return 0;
        }
        let arrived = self
            .merge_keeping_selections(|model| model.ingest(articles, &gazetteer).articles.len());
        self.feeds.unseen += arrived;
        arrived
    }

    /// Changes the model with `merge`, keeping the selections, the filter and the scroll;
    /// returns what `merge` returns.
    fn merge_keeping_selections<T>(&mut self, merge: impl FnOnce(&mut Model) -> T) -> T {
        // The selections by what a model built again keeps: article ids and people's names
        // (an ingest keeps every position, a rebuild in another order does not).
        let model = &self.model;
        let person = |p: PersonId| Some((p, model.person(p)?.name.clone()));
        let article = self
            .selected_article()
            .and_then(|a| Some((a, model.articles.get(a)?.id.clone())));
        let player = self.selected_player().and_then(person);
        let rumour = self
            .selected_rumour()
            .and_then(|r| model.rumours.get(r))
            .and_then(|r| Some((person(r.player)?, r.club)));
        let contract = self
            .selected_contract()
            .and_then(|c| model.contracts.get(c))
            .and_then(|c| person(c.player));
        let merged = merge(&mut self.model);
        self.index = Index::new(&self.model);
        self.refresh_watched();
        self.recompute_lists();
        let model = &self.model;
        let article = article.and_then(|(at, id)| match model.articles.get(at) {
            Some(kept) if kept.id == id => Some(at),
            _ => model.articles.iter().position(|a| a.id == id),
        });
        let player = player.and_then(|(p, name)| find_again(model, p, &name));
        let rumour = rumour.and_then(|((p, name), club)| {
            let p = find_again(model, p, &name)?;
            model
                .rumours
                .iter()
                .position(|r| r.player == p && r.club == club)
        });
        let contract = contract.and_then(|(p, name)| find_again(model, p, &name));
        self.reselect(article, player, rumour, contract);
        merged
    }

    /// Merges the articles read in the background after the start (see
    /// [`Message::Reread`]).
    fn finish_reread(&mut self, reread: Result<Vec<(Article, Facts)>, String>) {
        self.rereading = None;
        match reread {
            Ok(read) => {
                let count = read.len();
                self.merge_keeping_selections(|model| model.ingest_facts(read));
                self.message = Some(format!(
                    "read {} again (new extractor)",
                    plural(count, "article", "articles")
                ));
                // The digest was worked out before these articles were in the model: again,
                // with them (opening it if it had nothing to tell before, as it was if not).
                let shown = self.desk.digest.is_some().then_some(self.desk.digest_open);
                self.prepare_digest();
                if let Some(open) = shown {
                    self.desk.digest_open = open;
                }
            }
            Err(error) => self.message = Some(format!("reading articles: {error}")),
        }
    }

    /// An article's body: the model's, else the one read from the library for the reader
    /// ("" until it arrives).
    pub fn article_body(&self, article: usize) -> &str {
        match self.model.articles.get(article) {
            Some(kept) if !kept.body.is_empty() => &kept.body,
            Some(_) => match self.bodies.get(article) {
                Some(Ok(body)) => &body.text,
                _ => "",
            },
            None => "",
        }
    }

    /// An article's highlights: the model's, else those read with its body.
    pub fn article_highlights(&self, article: usize) -> &[Highlight] {
        match self.model.extractions.get(article) {
            Some(facts) if !facts.mentions.is_empty() => &facts.mentions,
            _ => match self.bodies.get(article) {
                Some(Ok(body)) => &body.highlights,
                _ => &[],
            },
        }
    }

    /// The reader's article when its body is still to be read from the library: (article,
    /// library id). The event loop reads it and sends it back ([`Message::BodyLoaded`]).
    pub fn body_wanted(&self) -> Option<(usize, i64)> {
        let article = self.reader.article?;
        let kept = self.model.articles.get(article)?;
        if !kept.body.is_empty() || self.bodies.get(article).is_some() {
            return None;
        }
        Some((article, crate::store::library_id(&kept.id)?))
    }

    /// A body read from the library: kept, and shown if the reader waits for it (at the
    /// sentence it was opened at).
    fn finish_body(&mut self, article: usize, body: Result<Body, String>) {
        if let Err(error) = &body {
            self.message = Some(format!("cannot show the article: {error}"));
        }
        self.bodies.insert(article, body);
        if self.reader.article == Some(article) {
            self.reader.wrapped = None;
            self.reader.search.searched = None;
            self.refresh();
            if let Some(span) = self.reader.focus.clone()
                && let Some(area) = self.screen().pane(Pane::Reader).copied()
            {
                let lines = self.reader_lines(area.rows.width);
                let line = lines
                    .iter()
                    .position(|line| line.end > span.start)
                    .unwrap_or(0);
                self.reader.scroll = line.saturating_sub(1);
            }
        }
    }

    /// Puts each cursor back on the row it was on, wherever that row is now.
    fn reselect(
        &mut self,
        article: Option<usize>,
        player: Option<PersonId>,
        rumour: Option<usize>,
        contract_of: Option<PersonId>,
    ) {
        if let Some(at) = player.and_then(|p| self.players.rows.iter().position(|r| r.person == p))
        {
            self.players.cursor.selected = at;
            self.refresh();
        }
        if let Some(at) = article.and_then(|a| self.articles.rows.iter().position(|&r| r == a)) {
            self.articles.cursor.selected = at;
        }
        if let Some(at) = rumour.and_then(|r| self.destinations.rows.iter().position(|&x| x == r)) {
            self.destinations.cursor.selected = at;
        }
        let countdown = contract_of.and_then(|player| {
            self.countdowns.rows.iter().position(|&c| {
                self.model
                    .contracts
                    .get(c)
                    .is_some_and(|c| c.player == player)
            })
        });
        if let Some(at) = countdown {
            self.countdowns.cursor.selected = at;
        }
        self.refresh();
    }

    /// A player by exact name or alias, else the best fuzzy match.
    pub fn find_player(&self, name: &str) -> Option<PersonId> {
        self.index.roster.find(&self.model, name)
    }

    pub fn selected_article(&self) -> Option<usize> {
        self.articles
            .rows
            .get(self.articles.cursor.selected)
            .copied()
    }

    pub fn selected_player(&self) -> Option<PersonId> {
        self.players
            .rows
            .get(self.players.cursor.selected)
            .map(|row| row.person)
    }

    pub fn selected_rumour(&self) -> Option<usize> {
        self.destinations
            .rows
            .get(self.destinations.cursor.selected)
            .copied()
    }

    /// The selected evidence of the selected rumour.
    pub fn selected_rumour_evidence(&self) -> Option<&Evidence> {
        let rumour = self.model.rumours.get(self.selected_rumour()?)?;
        rumour.evidence.get(self.destinations.evidence.selected)
    }

    pub fn selected_contract(&self) -> Option<usize> {
        self.countdowns
            .rows
            .get(self.countdowns.cursor.selected)
            .copied()
    }

    /// The date and time the clock shows, and which mode it is in.
    pub fn clock(&self) -> ClockReading {
        let days = (self.clock.now.date() - self.clock.started).num_days();
        let ticking = u64::try_from(days)
            .ok()
            .and_then(|days| self.clock.as_of.checked_add_days(Days::new(days)))
            .unwrap_or(self.clock.as_of);
        let time = self.clock.now.time();
        match self.clock.mode {
            ClockMode::AsOf => ClockReading {
                date: ticking,
                time,
                mode: ClockMode::AsOf,
                undated: false,
            },
            ClockMode::ArticleDate => {
                let date = self
                    .reader
                    .article
                    .and_then(|a| self.model.articles.get(a))
                    .and_then(|a| a.date);
                ClockReading {
                    date: date.unwrap_or(ticking),
                    time,
                    mode: ClockMode::ArticleDate,
                    undated: date.is_none(),
                }
            }
        }
    }

    /// The date countdowns are measured from.
    pub fn clock_date(&self) -> NaiveDate {
        self.clock().date
    }

    /// The evidence sentences (byte spans) the reader marks in its article: those of the
    /// rumour or contract selected elsewhere, and the one the reader was opened at.
    pub fn reader_evidence(&self) -> Vec<Range<usize>> {
        let Some(article) = self.reader.article else {
            return Vec::new();
        };
        let mut spans: Vec<Range<usize>> = match self.evidence_from {
            EvidenceFrom::Rumour => self
                .selected_rumour()
                .and_then(|r| self.model.rumours.get(r))
                .map(|r| {
                    r.evidence
                        .iter()
                        .filter(|e| e.article == ArticleId(article))
                        .map(|e| e.span.clone())
                        .collect()
                })
                .unwrap_or_default(),
            EvidenceFrom::Contract => self
                .selected_contract()
                .and_then(|c| self.model.contracts.get(c))
                .map(|c| {
                    c.evidence
                        .iter()
                        .filter(|e| e.evidence.article == ArticleId(article))
                        .map(|e| e.evidence.span.clone())
                        .collect()
                })
                .unwrap_or_default(),
        };
        if let Some(focus) = &self.reader.focus
            && !spans.contains(focus)
        {
            spans.push(focus.clone());
        }
        spans.sort_by_key(|s| (s.start, s.end));
        spans
    }

    /// The load problems as their overlay lists them, wrapped to `width` columns: per row,
    /// the problem's severity and the row's text, safe to draw. A problem's first row starts
    /// with its severity; the rest are indented under it.
    pub fn problem_lines(&self, width: u16) -> Vec<(Severity, String)> {
        const INDENT: usize = 10; // "rejected  "
        let inner = usize::from(width).saturating_sub(INDENT).max(1);
        let mut rows = Vec::new();
        for problem in &self.model.problems {
            let location = match problem.line {
                Some(line) => format!("{}:{line}", problem.path),
                None => problem.path.clone(),
            };
            let text =
                super::display_text(&format!("{location}: {}", problem.message)).into_owned();
            for (i, range) in text::wrap(&text, inner).into_iter().enumerate() {
                let prefix = if i == 0 {
                    format!("{:<width$}", problem.severity.to_string(), width = INDENT)
                } else {
                    " ".repeat(INDENT)
                };
                rows.push((problem.severity, format!("{prefix}{}", &text[range])));
            }
        }
        rows
    }

    /// How many players an article names.
    pub fn players_in(&self, article: usize) -> usize {
        self.index.article_people.get(article).map_or(0, |people| {
            people
                .iter()
                .filter(|&&p| self.model.people[p].role == Role::Player)
                .count()
        })
    }

    pub fn rumour_count(&self, person: PersonId) -> usize {
        self.index.rumours_of.get(&person).map_or(0, Vec::len)
    }

    pub fn screen(&self) -> Screen {
        layout::compute(self)
    }

    /// Rows a page moves in a pane: the visible rows, or a default when hidden.
    fn page(&self, pane: Pane) -> usize {
        let screen = self.screen();
        let rows = screen.pane(pane).map_or(10, |area| {
            if pane == Pane::Destinations && self.destinations.in_evidence {
                usize::from(area.extra.height) / 2
            } else {
                usize::from(area.rows.height)
            }
        });
        rows.max(1)
    }

    /// Brings every derived list up to date with the selections and links, and every window
    /// onto its selection. Called after each update.
    fn refresh(&mut self) {
        if self.link == Link::PlayersFollowArticle {
            self.refresh_articles();
            self.refresh_players();
        } else {
            self.refresh_players();
            self.refresh_articles();
        }
        self.refresh_destinations();
        let date = self.clock_date();
        match &mut self.intel {
            Some(IntelOverlay::Sources(view)) => view.refresh(&self.model, date),
            Some(IntelOverlay::Board(view)) => view.refresh(&self.model, date),
            None => {}
        }
        self.refresh_countdowns();
        self.refresh_reader();
        self.rewrap_reader();
        self.refresh_reader_search();
        self.fit_windows();
    }

    /// Wraps the reader's article for the reader's width, unless already wrapped for it.
    fn rewrap_reader(&mut self) {
        let (Some(article), Some(area)) = (
            self.reader.article,
            self.screen().pane(Pane::Reader).copied(),
        ) else {
            return;
        };
        let width = area.rows.width;
        let fresh = self
            .reader
            .wrapped
            .as_ref()
            .is_some_and(|w| w.article == article && w.width == width);
        if !fresh {
            let body = self.article_body(article);
            self.reader.wrapped = Some(Wrapped {
                article,
                width,
                lines: text::wrap(body, usize::from(width.saturating_sub(text::GUTTER))),
            });
        }
    }

    fn refresh_players(&mut self) {
        let narrow = match self.link {
            Link::PlayersFollowArticle => self.selected_article(),
            _ => None,
        };
        self.players.narrow = narrow;
        let desk = self.desk.filter_key(Pane::Players);
        if self.players.desk != desk {
            self.players.desk = desk;
            self.players.searched = None;
        }
        let wanted = (self.players.query.clone(), narrow);
        if self.players.searched.as_ref() == Some(&wanted) {
            // Back to the query on screen (a key typed and deleted): nothing to wait for.
            self.players.pending = None;
            return;
        }
        let hits: Vec<Hit> = match narrow {
            Some(article) => {
                let mut candidates: Vec<usize> = self
                    .index
                    .article_people
                    .get(article)
                    .map(|people| {
                        people
                            .iter()
                            .filter_map(|p| self.index.player_position.get(p).copied())
                            .collect()
                    })
                    .unwrap_or_default();
                candidates.sort_unstable();
                self.index
                    .roster
                    .search
                    .search_within(&wanted.0, candidates)
            }
            None if !wanted.0.trim().is_empty()
                && self.index.roster.search.len() >= self.background_search_names =>
            {
                self.players.pending = Some(wanted.0);
                return;
            }
            None => self
                .players
                .narrowing
                .search(&self.index.roster.search, &wanted.0),
        };
        self.show_players(wanted, hits);
    }

    /// Shows the hits of a search as the players list, keeping the selected player when
    /// they are still listed.
    fn show_players(&mut self, searched: (String, Option<usize>), hits: Vec<Hit>) {
        let keep = self.selected_player();
        let watched_only = self.players.desk.is_some();
        self.players.rows = hits
            .into_iter()
            .filter_map(|hit| {
                self.index
                    .roster
                    .players
                    .get(hit.index)
                    .map(|&person| PlayerRow {
                        person,
                        hit: hit.index,
                    })
            })
            .filter(|row| !watched_only || self.watched_player_or_club(row.person))
            .collect();
        self.players.searched = Some(searched);
        self.players.pending = None;
        self.players.cursor.selected = keep
            .and_then(|p| self.players.rows.iter().position(|row| row.person == p))
            .unwrap_or(0);
    }

    /// The query waiting for a background search, if any: the event loop runs it (a newer
    /// query replaces it) and hands the hits back in [`Message::SearchFinished`].
    pub fn pending_search(&self) -> Option<&str> {
        self.players.pending.as_deref()
    }

    /// Shows a background search's hits, unless the query has moved on since.
    fn finish_search(&mut self, query: &str, hits: Vec<Hit>) {
        if self.players.pending.as_deref() == Some(query) {
            self.show_players((query.to_string(), None), hits);
            self.refresh();
        }
    }

    /// The characters of a listed player's name the filter matched, for highlighting.
    pub fn matched_positions(&self, row: &PlayerRow) -> Vec<usize> {
        match &self.players.searched {
            Some((query, _)) => self.index.roster.search.positions(row.hit, query),
            None => Vec::new(),
        }
    }

    fn refresh_articles(&mut self) {
        let filter = match self.link {
            Link::ArticlesFollowPlayer => self.selected_player(),
            _ => None,
        };
        let desk = self.desk.filter_key(Pane::Articles);
        if filter == self.articles.filter
            && desk == self.articles.desk
            && !(filter.is_none()
                && desk.is_none()
                && self.articles.rows.len() != self.index.articles.len())
        {
            return;
        }
        let keep = self.selected_article();
        let mut rows = match filter.and_then(|p| self.model.person(p)) {
            Some(person) => {
                // The dashboard's rows are positions in the model's articles.
                let mut rows: Vec<usize> = person.articles.iter().map(|a| a.0).collect();
                rows.sort_by_key(|&a| {
                    self.index
                        .article_rank
                        .get(a)
                        .copied()
                        .unwrap_or(usize::MAX)
                });
                rows.dedup();
                rows
            }
            None => self.index.articles.clone(),
        };
        if desk.is_some() {
            rows.retain(|&article| self.names_watched(article));
        }
        self.articles.rows = rows;
        self.articles.filter = filter;
        self.articles.desk = desk;
        self.count_unread();
        self.articles.cursor.selected = keep
            .and_then(|a| self.articles.rows.iter().position(|&row| row == a))
            .unwrap_or(0);
    }

    /// Lists the player's rumours again, hottest first as of the clock's date, when the
    /// player, the date or the cold filter changed (the selected rumour stays selected).
    fn refresh_destinations(&mut self) {
        let player = self.selected_player();
        let desk = self.desk.filter_key(Pane::Destinations);
        let wanted = (player, self.clock_date(), self.destinations.hide_cold, desk);
        if self.destinations.listed != Some(wanted) {
            let (_, date, hide_cold, _) = wanted;
            let keep = self
                .selected_rumour()
                .filter(|_| player == self.destinations.player);
            let model = &self.model;
            let mut rows: Vec<(usize, f64)> = player
                .and_then(|p| self.index.rumours_of.get(&p))
                .into_iter()
                .flatten()
                .filter_map(|&r| Some((r, intel::assess(model, model.rumours.get(r)?, date)?.heat)))
                .filter(|&(_, heat)| !(hide_cold && heat < intel::COLD))
                .filter(|&(r, _)| desk.is_none() || self.is_watched_club(model.rumours[r].club))
                .collect();
            rows.sort_by(|&(a, heat_a), &(b, heat_b)| {
                intel::hottest_first(
                    model,
                    (&model.rumours[a], heat_a),
                    (&model.rumours[b], heat_b),
                )
            });
            let rows: Vec<usize> = rows.into_iter().map(|(r, _)| r).collect();
            let selected = keep.and_then(|r| rows.iter().position(|&row| row == r));
            if selected.is_none() {
                self.destinations = DestinationsState {
                    player,
                    hide_cold,
                    ..DestinationsState::default()
                };
            }
            self.destinations.cursor.selected = selected.unwrap_or(0);
            self.destinations.rows = rows;
            self.destinations.listed = Some(wanted);
        }
        let evidence = self
            .selected_rumour()
            .and_then(|r| self.model.rumours.get(r))
            .map_or(0, |r| r.evidence.len());
        if evidence == 0 {
            self.destinations.in_evidence = false;
        }
        self.destinations.evidence.fit(evidence, 1);
    }

    /// Lists the contracts again when the clock's date or the expired filter changed (the
    /// selected contract stays selected), and moves the cursor to the selected player's
    /// contract when the player changed.
    fn refresh_countdowns(&mut self) {
        let date = self.clock_date();
        let wanted = (
            date,
            self.countdowns.hide_expired,
            self.desk.filter_key(Pane::Countdowns),
        );
        if self.countdowns.listed != Some(wanted) {
            let keep = self.selected_contract();
            let contracts = &self.model.contracts;
            let mut rows: Vec<usize> = (0..contracts.len())
                .filter(|&c| !(wanted.1 && contracts[c].expires < date))
                .filter(|&c| {
                    wanted.2.is_none()
                        || self.watched_player_or_club(contracts[c].player)
                        || contracts[c]
                            .club
                            .is_some_and(|club| self.is_watched_club(club))
                })
                .collect();
            sort_contracts(&self.model, &mut rows, date, self.countdowns.sort);
            self.countdowns.cursor.selected = keep
                .and_then(|c| rows.iter().position(|&row| row == c))
                .unwrap_or(0);
            self.countdowns.rows = rows;
            self.countdowns.listed = Some(wanted);
        }
        let player = self.selected_player();
        if player != self.countdowns.followed {
            self.countdowns.followed = player;
            if let Some(at) = player
                .and_then(|p| self.index.contract_of.get(&p))
                .and_then(|c| self.countdowns.rows.iter().position(|row| row == c))
            {
                self.countdowns.cursor.selected = at;
            }
        }
    }

    /// Finds the reader's search in its article again when either changed, from the first
    /// match.
    fn refresh_reader_search(&mut self) {
        let query = &self.reader.search.query;
        let wanted = self.reader.article.map(|a| (a, query.clone()));
        if self.reader.search.searched == wanted {
            return;
        }
        let matches = match self.reader.article {
            Some(article) if !query.is_empty() => find_all(self.article_body(article), query),
            _ => Vec::new(),
        };
        let search = &mut self.reader.search;
        search.current = 0;
        search.matches = matches;
        search.searched = wanted;
    }

    /// Scrolls the reader to show byte `at` of its article, a line below the top, unless it
    /// is on screen already.
    fn scroll_reader_to(&mut self, at: usize) {
        let Some(area) = self.screen().pane(Pane::Reader).copied() else {
            return;
        };
        let line = self
            .reader_lines(area.rows.width)
            .iter()
            .position(|line| line.end > at)
            .unwrap_or(0);
        let height = usize::from(area.rows.height);
        if line < self.reader.scroll || line >= self.reader.scroll + height {
            self.reader.scroll = line.saturating_sub(1);
        }
    }

    /// Moves to the next (or previous) search match, round the end, and shows it.
    fn step_match(&mut self, forward: bool) {
        let search = &mut self.reader.search;
        let count = search.matches.len().max(1);
        search.current = if forward {
            (search.current + 1) % count
        } else {
            (search.current + count - 1) % count
        };
        self.show_match();
    }

    /// Scrolls the reader to the current search match, or says there is none.
    fn show_match(&mut self) {
        let search = &self.reader.search;
        match search.matches.get(search.current) {
            Some(found) => self.scroll_reader_to(found.start),
            None if search.query.is_empty() => {
                self.message = Some("no search: / searches the article".to_string());
            }
            None => {
                self.message = Some(format!("“{}” is not in this article", search.query));
            }
        }
    }

    /// The reader's article's link, when it has one that a browser may open.
    fn reader_link(&self) -> Option<&str> {
        let url = self
            .reader
            .article
            .and_then(|a| self.model.articles.get(a))?
            .url
            .as_deref()?;
        // Only web links: an article's text decides this, and never gets to run a program
        // or pass an option to one.
        (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
    }

    /// Selecting a countdown selects its player, as the other panes follow the players.
    fn select_countdowns_player(&mut self) {
        if let Some(person) = self
            .selected_contract()
            .and_then(|c| self.model.contracts.get(c))
            .map(|c| c.player)
            && self.selected_player() != Some(person)
        {
            select_player(self, person);
            self.countdowns.followed = Some(person);
        }
    }

    /// The reader follows the articles list's selection (unless opened elsewhere since).
    fn refresh_reader(&mut self) {
        let selected = self.selected_article();
        if selected != self.articles.followed {
            self.articles.followed = selected;
            self.reader.article = selected;
            self.reader.scroll = 0;
            self.reader.focus = None;
        }
    }

    fn fit_windows(&mut self) {
        let screen = self.screen();
        let height = |pane: Pane| screen.pane(pane).map(|area| usize::from(area.rows.height));
        if let Some(h) = height(Pane::Articles) {
            self.articles.cursor.fit(self.articles.rows.len(), h);
        } else {
            self.articles
                .cursor
                .fit(self.articles.rows.len(), usize::MAX / 2);
        }
        let players = self.players.rows.len();
        self.players
            .cursor
            .fit(players, height(Pane::Players).unwrap_or(usize::MAX / 2));
        let destinations = self.destinations.rows.len();
        self.destinations.cursor.fit(
            destinations,
            height(Pane::Destinations).unwrap_or(usize::MAX / 2),
        );
        let countdowns = self.countdowns.rows.len();
        self.countdowns.cursor.fit(
            countdowns,
            height(Pane::Countdowns).unwrap_or(usize::MAX / 2),
        );
        if let Some(area) = screen.pane(Pane::Reader) {
            let lines = self.reader_lines(area.rows.width).len();
            let max = lines.saturating_sub(usize::from(area.rows.height));
            self.reader.scroll = self.reader.scroll.min(max);
        }
    }

    /// The reader's article wrapped to a pane `width` wide (gutter included): byte ranges.
    /// Borrowed from the last wrap when it was for this article and width.
    pub fn reader_lines(&self, width: u16) -> Cow<'_, [Range<usize>]> {
        if let Some(wrapped) = &self.reader.wrapped
            && Some(wrapped.article) == self.reader.article
            && wrapped.width == width
        {
            return Cow::Borrowed(&wrapped.lines);
        }
        let body = self.reader.article.map_or("", |a| self.article_body(a));
        Cow::Owned(text::wrap(
            body,
            usize::from(width.saturating_sub(text::GUTTER)),
        ))
    }

    /// Opens `article` in the reader, scrolled to `span`, and focuses the reader.
    fn open_in_reader(&mut self, article: usize, span: Option<Range<usize>>) {
        if self.focus != Pane::Reader {
            self.reader.back_to = self.focus;
        }
        self.focus = Pane::Reader;
        if let Some(position) = self.articles.rows.iter().position(|&a| a == article) {
            self.articles.cursor.selected = position;
        }
        self.articles.followed = self.selected_article();
        self.reader.article = Some(article);
        self.reader.focus = span.clone();
        self.reader.scroll = 0;
        if let Some(span) = span
            && let Some(area) = self.screen().pane(Pane::Reader).copied()
        {
            let lines = self.reader_lines(area.rows.width);
            let line = lines
                .iter()
                .position(|line| line.end > span.start)
                .unwrap_or(0);
            self.reader.scroll = line.saturating_sub(1);
        }
    }

    fn move_cursor(&mut self, movement: Movement) {
        if let Some(scroll) = self.help {
            let screen = self.screen();
            let visible = screen
                .overlay
                .map_or(0, |rect| usize::from(rect.height.saturating_sub(2)));
            let max = self.keymap.help_len(self).saturating_sub(visible);
            self.help = Some(movement.apply_scroll(scroll).min(max));
            return;
        }
        if let Some(scroll) = self.desk.digest_open {
            let (visible, width) = self.screen().overlay.map_or((0, 0), |rect| {
                (
                    usize::from(rect.height.saturating_sub(2)),
                    rect.width.saturating_sub(2),
                )
            });
            let max = self.digest_rows(width, "*").len().saturating_sub(visible);
            self.desk.digest_open = Some(movement.apply_scroll(scroll).min(max));
            return;
        }
        if matches!(self.intel, Some(IntelOverlay::Sources(_))) {
            let page = self
                .screen()
                .overlay
                .map_or(1, |rect| usize::from(rect.height.saturating_sub(2)) / 2);
            if let Some(IntelOverlay::Sources(view)) = &mut self.intel {
                movement.apply(&mut view.cursor, view.records.len(), page);
            }
            return;
        }
        if let Some(IntelOverlay::Board(view)) = &self.intel {
            // The search line stays on top; the board scrolls under it.
            let visible = self
                .screen()
                .overlay
                .map_or(0, |rect| usize::from(rect.height.saturating_sub(3)));
            let lines = view.board.as_ref().map_or(0, |board| board.lines());
            let scroll = movement
                .apply_scroll(view.scroll)
                .min(lines.saturating_sub(visible));
            if let Some(IntelOverlay::Board(view)) = &mut self.intel {
                view.scroll = scroll;
            }
            return;
        }
        if let Some(scroll) = self.problems {
            let (visible, width) = self.screen().overlay.map_or((0, 0), |rect| {
                (
                    usize::from(rect.height.saturating_sub(2)),
                    rect.width.saturating_sub(2),
                )
            });
            let max = self.problem_lines(width).len().saturating_sub(visible);
            let page = isize::try_from(visible.max(1)).unwrap_or(1);
            let movement = match movement {
                Movement::Page(sign) => Movement::By(sign * page),
                Movement::HalfPage(sign) => Movement::By(sign * (page / 2).max(1)),
                other => other,
            };
            self.problems = Some(movement.apply_scroll(scroll).min(max));
            return;
        }
        let page = self.page(self.focus);
        match self.focus {
            Pane::Articles => {
                movement.apply(&mut self.articles.cursor, self.articles.rows.len(), page)
            }
            Pane::Players => {
                movement.apply(&mut self.players.cursor, self.players.rows.len(), page)
            }
            Pane::Countdowns => {
                movement.apply(
                    &mut self.countdowns.cursor,
                    self.countdowns.rows.len(),
                    page,
                );
                self.select_countdowns_player();
            }
            Pane::Destinations => {
                if self.destinations.in_evidence {
                    let len = self
                        .selected_rumour()
                        .and_then(|r| self.model.rumours.get(r))
                        .map_or(0, |r| r.evidence.len());
                    movement.apply(&mut self.destinations.evidence, len, page);
                } else {
                    let before = self.destinations.cursor.selected;
                    movement.apply(
                        &mut self.destinations.cursor,
                        self.destinations.rows.len(),
                        page,
                    );
                    if self.destinations.cursor.selected != before {
                        self.destinations.evidence = ListCursor::default();
                    }
                }
            }
            Pane::Reader => {
                let height = self
                    .screen()
                    .pane(Pane::Reader)
                    .map_or(10, |a| usize::from(a.rows.height));
                let mut cursor = ListCursor {
                    selected: self.reader.scroll,
                    offset: 0,
                };
                let max = self
                    .screen()
                    .pane(Pane::Reader)
                    .map_or(usize::MAX / 2, |a| {
                        self.reader_lines(a.rows.width).len().saturating_sub(height)
                    });
                movement.apply(&mut cursor, max + 1, page);
                self.reader.scroll = cursor.selected;
            }
        }
    }

    /// The pane beside the focused one on the screen, to the right or the left: the one
    /// beside it over the most rows (the focused pane itself when there is none). With one
    /// pane at a time, the next or previous tab.
    fn neighbour(&self, right: bool) -> Pane {
        let screen = self.screen();
        let Some(from) = screen.pane(self.focus).map(|area| area.outer) else {
            return self.focus;
        };
        if screen.panes.len() == 1 {
            return if right {
                self.focus.next()
            } else {
                self.focus.previous()
            };
        }
        let beside = |to: &Rect| {
            if right {
                to.x >= from.right()
            } else {
                to.right() <= from.x
            }
        };
        let overlap = |to: &Rect| {
            from.bottom()
                .min(to.bottom())
                .saturating_sub(from.y.max(to.y))
        };
        screen
            .panes
            .iter()
            .filter(|area| beside(&area.outer) && overlap(&area.outer) > 0)
            .max_by_key(|area| (overlap(&area.outer), std::cmp::Reverse(area.outer.y)))
            .map_or(self.focus, |area| area.pane)
    }

    /// The pane, and the row in it, at a screen cell.
    fn hit(&self, column: u16, row: u16) -> Option<(Pane, Option<usize>)> {
        let screen = self.screen();
        let position = ratatui::layout::Position { x: column, y: row };
        if let Some((pane, _)) = screen.tabs.iter().find(|(_, rect)| rect.contains(position)) {
            return Some((*pane, None));
        }
        let area = screen
            .panes
            .iter()
            .find(|area| area.outer.contains(position))?;
        let row = area
            .rows
            .contains(position)
            .then(|| usize::from(row - area.rows.y));
        Some((area.pane, row))
    }
}

/// A cursor movement, shared by every list and the reader.
#[derive(Debug, Clone, Copy)]
enum Movement {
    By(isize),
    Page(isize),
    HalfPage(isize),
    Top,
    Bottom,
}

impl Movement {
    fn apply(self, cursor: &mut ListCursor, len: usize, page: usize) {
        let page = isize::try_from(page).unwrap_or(isize::MAX / 2);
        match self {
            Movement::By(delta) => cursor.move_by(delta, len),
            Movement::Page(sign) => cursor.move_by(sign.saturating_mul(page), len),
            Movement::HalfPage(sign) => cursor.move_by(sign.saturating_mul((page / 2).max(1)), len),
            Movement::Top => cursor.top(),
            Movement::Bottom => cursor.bottom(len),
        }
    }

    fn apply_scroll(self, scroll: usize) -> usize {
        match self {
            Movement::By(delta) => scroll.saturating_add_signed(delta),
            Movement::Page(sign) | Movement::HalfPage(sign) => {
                scroll.saturating_add_signed(sign * 10)
            }
            Movement::Top => 0,
            Movement::Bottom => usize::MAX / 2,
        }
    }
}

/// Applies `action` (a [`Command`] or a [`Message`]) and every follow-up it asks for.
pub fn dispatch(state: &mut State, action: impl Into<Action>) {
    let mut next = Some(action.into());
    // Follow-ups are short chains; the bound only guards against a future cycle.
    for _ in 0..16 {
        match next {
            Some(action) => next = update(state, action),
            None => break,
        }
    }
}

/// The one place state changes. Pure: no terminal, no clock, no I/O. Returns a follow-up
/// action when one is needed.
pub fn update(state: &mut State, action: Action) -> Option<Action> {
    let next = match action {
        Action::Command(command) => {
            state.message = None;
            apply_command(state, command)
        }
        Action::Message(message) => {
            if !message.is_quiet() {
                state.message = None;
            }
            apply_message(state, message)
        }
    };
    // New articles count as seen once their pane is looked at.
    if state.focus == Pane::Articles {
        state.feeds.unseen = 0;
    }
    match state.focus {
        Pane::Destinations => state.evidence_from = EvidenceFrom::Rumour,
        Pane::Countdowns => state.evidence_from = EvidenceFrom::Contract,
        _ => {}
    }
    state.refresh();
    next
}

fn apply_command(state: &mut State, command: Command) -> Option<Action> {
    match command {
        Command::Quit => state.quit = true,
        Command::Refresh => match (&state.feeds.db, state.feeds.fetching) {
            (None, _) => {
                state.message =
                    Some("--corpus reads files only: no feeds to fetch (run without it)".into());
            }
            (Some(_), Some(_)) => state.message = Some("already fetching the feeds".into()),
            (Some(_), None) if state.loading.is_some() => {
                state.message = Some("the articles are still loading; R again then".into());
            }
            // What a fetch brings is told by the model's articles: wait for all of them.
            (Some(_), None) if state.rereading.is_some() => {
                state.message =
                    Some("articles are being read in the background; R again then".into());
            }
            (Some(_), None) => {
                state.feeds.requested = true;
                state.feeds.last = Some(state.clock.now);
                state.feeds.fetching = Some(FetchProgress::default());
            }
        },
        Command::FocusNext => state.focus = state.focus.next(),
        Command::FocusPrevious => state.focus = state.focus.previous(),
        Command::FocusLeft => state.focus = state.neighbour(false),
        Command::FocusRight => state.focus = state.neighbour(true),
        Command::Focus { pane } => state.focus = pane,
        Command::ToggleHelp => state.help = if state.help.is_some() { None } else { Some(0) },
        Command::ToggleProblems => {
            state.problems = if state.problems.is_some() {
                None
            } else {
                Some(0)
            }
        }
        Command::ToggleMaximise => state.maximised = !state.maximised,
        Command::ToggleClock => {
            state.clock.mode = match state.clock.mode {
                ClockMode::AsOf => ClockMode::ArticleDate,
                ClockMode::ArticleDate => ClockMode::AsOf,
            };
            let reading = state.clock();
            state.message = Some(match (reading.mode, reading.undated) {
                (ClockMode::AsOf, _) => format!("clock: as of {}", reading.date),
                (ClockMode::ArticleDate, false) => {
                    format!("clock: the article's date, {}", reading.date)
                }
                (ClockMode::ArticleDate, true) => {
                    format!(
                        "the article is undated: the clock stays at {}",
                        reading.date
                    )
                }
            });
        }
        Command::Up => state.move_cursor(Movement::By(-1)),
        Command::Down => state.move_cursor(Movement::By(1)),
        Command::Top => state.move_cursor(Movement::Top),
        Command::Bottom => state.move_cursor(Movement::Bottom),
        Command::PageUp => state.move_cursor(Movement::Page(-1)),
        Command::PageDown => state.move_cursor(Movement::Page(1)),
        Command::HalfPageUp => state.move_cursor(Movement::HalfPage(-1)),
        Command::HalfPageDown => state.move_cursor(Movement::HalfPage(1)),
        Command::Open => return open(state),
        Command::Back => return back(state),
        Command::StartFilter => {
            state.focus = Pane::Players;
            state.players.editing = true;
        }
        Command::FilterPush { c } => {
            if !c.is_control() {
                state.players.query.push(c);
                state.players.cursor = ListCursor::default();
            }
        }
        Command::FilterPop => {
            state.players.query.pop();
        }
        Command::FilterAccept => state.players.editing = false,
        Command::FilterClear => {
            state.players.editing = false;
            state.players.query.clear();
        }
        Command::LinkArticlesToPlayer => match state.selected_player() {
            Some(_) => state.link = Link::ArticlesFollowPlayer,
            None => state.message = Some("no player selected to link the articles to".to_string()),
        },
        Command::LinkPlayersToArticle => match state.selected_article() {
            Some(_) => state.link = Link::PlayersFollowArticle,
            None => {
                state.message = Some("no article selected to narrow the players to".to_string())
            }
        },
        Command::Unlink => {
            if state.link != Link::None {
                state.message = Some("link removed".to_string());
            }
            state.link = Link::None;
        }
        Command::OpenEvidence => open_evidence(state),
        Command::NextArticle => {
            let len = state.articles.rows.len();
            state.articles.cursor.move_by(1, len);
        }
        Command::PreviousArticle => {
            let len = state.articles.rows.len();
            state.articles.cursor.move_by(-1, len);
        }
        Command::StartReaderSearch => {
            state.focus = Pane::Reader;
            state.reader.search.editing = true;
        }
        Command::ReaderSearchPush { c } => {
            if !c.is_control() {
                state.reader.search.query.push(c);
            }
        }
        Command::ReaderSearchPop => {
            state.reader.search.query.pop();
        }
        Command::ReaderSearchAccept => {
            state.reader.search.editing = false;
            state.refresh_reader_search();
            state.show_match();
        }
        Command::ReaderSearchClear => state.reader.search = ReaderSearch::default(),
        Command::NextMatch => state.step_match(true),
        Command::PreviousMatch => state.step_match(false),
        Command::OpenLink => match state.reader_link() {
            Some(url) => {
                let url = url.to_string();
                state.message = Some(format!("opening {url}"));
                state.effects.push(Effect::Open(url));
            }
            None => state.message = Some("this article has no web link".to_string()),
        },
        Command::CopyLink => match state.reader_link() {
            Some(_) if !state.clipboard => {
                state.message =
                    Some("copying is off: set MERCATO_OSC52=1 to let y copy links".to_string());
            }
            Some(url) => {
                let url = url.to_string();
                state.message = Some(format!("copied {url}"));
                state.effects.push(Effect::Copy(url));
            }
            None => state.message = Some("this article has no web link".to_string()),
        },
        Command::ToggleWatch => state.toggle_watch(),
        Command::ToggleWatchedOnly => state.toggle_watched_only(),
        Command::ToggleRead => state.toggle_read(),
        Command::NextUnread => state.step_unread(true),
        Command::PreviousUnread => state.step_unread(false),
        Command::MarkListedRead => state.mark_listed_read(),
        Command::ConfirmYes => state.answer(true),
        Command::ConfirmNo => state.answer(false),
        Command::ToggleDigest => state.toggle_digest(),
        Command::ToggleSources => {
            state.intel = match state.intel {
                Some(IntelOverlay::Sources(_)) => None,
                _ => Some(IntelOverlay::Sources(SourcesView::default())),
            };
        }
        Command::SortSources => {
            if let Some(IntelOverlay::Sources(view)) = &mut state.intel {
                view.sort = view.sort.next();
                view.sort_records();
                state.message = Some(format!("sources by {}", view.sort.name()));
            }
        }
        Command::OpenBoard => {
            let article = match state.focus {
                Pane::Reader => state.reader.article,
                Pane::Articles => state.selected_article(),
                _ => None,
            };
            let destination = (state.focus == Pane::Destinations)
                .then(|| state.selected_rumour())
                .flatten()
                .and_then(|r| state.model.rumours.get(r))
                .map(|rumour| rumour.club);
            // From the reader or the articles: the first club the article names.
            let named = article
                .and_then(|a| state.model.extractions.get(a)?.clubs.first().copied())
                .map(ClubId);
            let club = destination.or(named).or_else(|| {
                let player = state.selected_player()?;
                intel::clubs_as_of(&state.model, state.clock_date())
                    .get(&player)
                    .copied()
            });
            state.intel = Some(IntelOverlay::Board(BoardView::of(club)));
        }
        Command::BoardPush { c } => {
            if let Some(IntelOverlay::Board(view)) = &mut state.intel {
                view.query.push(c);
                view.search(&state.model);
            }
        }
        Command::BoardPop => {
            if let Some(IntelOverlay::Board(view)) = &mut state.intel {
                view.query.pop();
                view.search(&state.model);
            }
        }
        Command::ToggleCold => {
            state.destinations.hide_cold = !state.destinations.hide_cold;
            state.message = Some(if state.destinations.hide_cold {
                let key = state.key_of(Context::Destinations, &Command::ToggleCold);
                format!("cold rumours hidden ({key} shows them)")
            } else {
                "cold rumours shown".to_string()
            });
        }
        Command::ToggleExpired => {
            state.countdowns.hide_expired = !state.countdowns.hide_expired;
            state.message = Some(if state.countdowns.hide_expired {
                format!("ended contracts hidden{}", state.show_expired_hint())
            } else {
                "ended contracts shown".to_string()
            });
        }
    }
    None
}

fn apply_message(state: &mut State, message: Message) -> Option<Action> {
    match message {
        Message::Tick { now } => {
            // Only whole seconds are shown.
            state.clock.now = now.with_nanosecond(0).unwrap_or(now);
            state.dwell_tick();
        }
        Message::UserStateFailed { error } => {
            state.message = Some(format!("could not save your marks: {error}"));
        }
        Message::Resize { width, height } => state.size = (width, height),
        Message::LoadProgress { progress } => {
            // A late reading must not bring back a finished load's gauge.
            if state.loading.is_some() {
                state.loading = Some(progress);
            }
        }
        Message::FetchProgress { done, total, new } => {
            if state.feeds.fetching.is_some() {
                state.feeds.fetching = Some(FetchProgress { done, total, new });
            }
        }
        Message::Loaded(loaded) => match *loaded {
            Ok(loaded) => state.finish_loading(loaded),
            Err(error) => {
                state.loading = None;
                state.pending_player = None;
                state.load_error = Some(error);
            }
        },
        Message::SearchFinished { query, hits } => state.finish_search(&query, hits),
        Message::Fetched(fetched) => state.finish_fetch(*fetched),
        Message::Watched(arrived) => state.finish_watch(*arrived),
        Message::Reread(reread) => state.finish_reread(*reread),
        Message::BodyLoaded { article, body } => state.finish_body(article, body),
        Message::SelectPlayer { person } => select_player(state, person),
        Message::Click { column, row } => click(state, column, row),
        Message::Scroll { column, row, down } => {
            if let Some((pane, _)) = state.hit(column, row) {
                let focus = state.focus;
                let help = state.help.take();
                let problems = state.problems.take();
                state.focus = pane;
                state.move_cursor(Movement::By(if down { 3 } else { -3 }));
                state.focus = focus;
                state.help = help;
                state.problems = problems;
            }
        }
    }
    None
}

fn open(state: &mut State) -> Option<Action> {
    match state.focus {
        Pane::Articles => {
            // The reader already shows the selected article: Enter moves there.
            if state.selected_article().is_some() {
                state.reader.back_to = Pane::Articles;
                state.focus = Pane::Reader;
            }
            None
        }
        Pane::Players => {
            state.selected_player()?;
            state.focus = Pane::Destinations;
            Some(Command::LinkArticlesToPlayer.into())
        }
        Pane::Destinations => {
            if state.destinations.in_evidence {
                Some(Command::OpenEvidence.into())
            } else {
                if state.selected_rumour().is_some() {
                    state.destinations.in_evidence = true;
                    state.destinations.evidence = ListCursor::default();
                }
                None
            }
        }
        Pane::Countdowns => {
            let contract = state.selected_contract()?;
            let person = state.model.contracts.get(contract)?.player;
            state.focus = Pane::Destinations;
            Some(Message::SelectPlayer { person }.into())
        }
        Pane::Reader => None,
    }
}

fn back(state: &mut State) -> Option<Action> {
    if state.desk.confirm.is_some() {
        return Some(Command::ConfirmNo.into());
    }
    if state.desk.digest_open.take().is_some() {
        return None;
    }
    if state.help.is_some() {
        state.help = None;
        return None;
    }
    if state.problems.is_some() {
        state.problems = None;
        return None;
    }
    if state.intel.is_some() {
        state.intel = None;
        return None;
    }
    if state.players.editing {
        return Some(Command::FilterClear.into());
    }
    if state.reader.search.editing {
        return Some(Command::ReaderSearchClear.into());
    }
    match state.focus {
        Pane::Players if !state.players.query.is_empty() => {
            return Some(Command::FilterClear.into());
        }
        Pane::Players if state.link == Link::PlayersFollowArticle => {
            return Some(Command::Unlink.into());
        }
        Pane::Articles if state.link == Link::ArticlesFollowPlayer => {
            return Some(Command::Unlink.into());
        }
        Pane::Destinations if state.destinations.in_evidence => {
            state.destinations.in_evidence = false;
            return None;
        }
        Pane::Destinations => {
            state.focus = Pane::Players;
            return None;
        }
        Pane::Reader if !state.reader.search.query.is_empty() => {
            return Some(Command::ReaderSearchClear.into());
        }
        Pane::Reader => {
            state.focus = state.reader.back_to;
            return None;
        }
        _ => {}
    }
    if state.maximised {
        state.maximised = false;
    }
    None
}

fn open_evidence(state: &mut State) {
    let evidence = match state.focus {
        Pane::Countdowns => {
            state.evidence_from = EvidenceFrom::Contract;
            state
                .selected_contract()
                .and_then(|c| state.model.contracts.get(c))
                .and_then(|c| c.evidence.last())
                .map(|e| e.evidence.clone())
        }
        _ => {
            state.evidence_from = EvidenceFrom::Rumour;
            state.selected_rumour_evidence().cloned()
        }
    };
    match evidence {
        Some(evidence) => state.open_in_reader(evidence.article.0, Some(evidence.span)),
        None => state.message = Some("no evidence selected".to_string()),
    }
}

fn select_player(state: &mut State, person: PersonId) {
    if !state.players.rows.iter().any(|row| row.person == person) {
        state.players.query.clear();
        state.players.editing = false;
        if state.link == Link::PlayersFollowArticle {
            state.link = Link::None;
        }
        state.refresh();
    }
    match state
        .players
        .rows
        .iter()
        .position(|row| row.person == person)
    {
        Some(position) => state.players.cursor.selected = position,
        None => state.message = Some("that person is not a player".to_string()),
    }
}

/// The person called `name` after a merge: still `was` unless the model was built again.
fn find_again(model: &Model, was: PersonId, name: &str) -> Option<PersonId> {
    match model.person(was) {
        Some(person) if person.name == name => Some(was),
        _ => model.person_named(name),
    }
}

fn click(state: &mut State, column: u16, row: u16) {
    let Some((pane, row)) = state.hit(column, row) else {
        return;
    };
    state.help = None;
    state.problems = None;
    state.desk.digest_open = None;
    state.intel = None;
    state.focus = pane;
    let Some(row) = row else {
        return;
    };
    match pane {
        Pane::Articles => {
            let at = state.articles.cursor.offset + row;
            if at < state.articles.rows.len() {
                state.articles.cursor.selected = at;
            }
        }
        Pane::Players => {
            let at = state.players.cursor.offset + row;
            if at < state.players.rows.len() {
                state.players.cursor.selected = at;
            }
        }
        Pane::Destinations => {
            let at = state.destinations.cursor.offset + row;
            if at < state.destinations.rows.len() {
                if at != state.destinations.cursor.selected {
                    state.destinations.evidence = ListCursor::default();
                }
                state.destinations.cursor.selected = at;
                state.destinations.in_evidence = false;
            }
        }
        Pane::Countdowns => {
            let at = state.countdowns.cursor.offset + row;
            if at < state.countdowns.rows.len() {
                state.countdowns.cursor.selected = at;
                state.select_countdowns_player();
            }
        }
        Pane::Reader => {}
    }
}

/// Every place `query` occurs in `text`, ASCII letters matching in either case: byte ranges
/// of `text`, not overlapping.
fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    match aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([query])
    {
        Ok(finder) => finder.find_iter(text).map(|m| m.range()).collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_fits_its_window() {
        let mut cursor = ListCursor::default();
        cursor.move_by(7, 10);
        cursor.fit(10, 3);
        assert_eq!(
            cursor,
            ListCursor {
                selected: 7,
                offset: 5
            }
        );
        cursor.move_by(-100, 10);
        cursor.fit(10, 3);
        assert_eq!(
            cursor,
            ListCursor {
                selected: 0,
                offset: 0
            }
        );
        cursor.bottom(10);
        cursor.fit(10, 3);
        assert_eq!(cursor.window(10, 3), 7..10);
        cursor.fit(2, 3);
        assert_eq!(
            cursor,
            ListCursor {
                selected: 1,
                offset: 0
            }
        );
        cursor.fit(0, 3);
        assert_eq!(cursor, ListCursor::default());
    }
}

//! Everything that can happen to the dashboard, as data: the commands keys are bound to (a
//! later configuration file can name them, hence serde) and the messages that come without a
//! key.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::fetcher::Fetched;
use super::state::{Body, Loaded};
use crate::corpus::{Article, Corpus};
use crate::facts::Facts;
use crate::model::PersonId;
use crate::progress::Progress;
use crate::search::Hit;

/// A focusable pane. The number is the key that focuses it: in reading order, down the left
/// column, then down the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pane {
    Articles,
    Players,
    Destinations,
    Countdowns,
    Reader,
}

impl Pane {
    /// Focus order for `Tab`, which is also the numbering.
    pub const ALL: [Pane; 5] = [
        Pane::Players,
        Pane::Destinations,
        Pane::Countdowns,
        Pane::Articles,
        Pane::Reader,
    ];

    pub fn number(self) -> usize {
        match self {
            Pane::Players => 1,
            Pane::Destinations => 2,
            Pane::Countdowns => 3,
            Pane::Articles => 4,
            Pane::Reader => 5,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Articles => "Articles",
            Pane::Players => "Players",
            Pane::Destinations => "Rumoured destinations",
            Pane::Countdowns => "Contract countdowns",
            Pane::Reader => "Reader",
        }
    }

    /// A short name for tabs.
    pub fn short(self) -> &'static str {
        match self {
            Pane::Articles => "Articles",
            Pane::Players => "Players",
            Pane::Destinations => "Destinations",
            Pane::Countdowns => "Countdowns",
            Pane::Reader => "Reader",
        }
    }

    /// A shorter name still, for tabs in a narrow terminal.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Pane::Articles => "Arts",
            Pane::Players => "Play",
            Pane::Destinations => "Dest",
            Pane::Countdowns => "Cnt",
            Pane::Reader => "Read",
        }
    }

    pub fn next(self) -> Pane {
        let at = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(at + 1) % Pane::ALL.len()]
    }

    pub fn previous(self) -> Pane {
        let at = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(at + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

/// What a key can be bound to: the user's commands. The key map and the configuration name
/// them ([`Command::name`], from serde).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Command {
    Quit,
    /// Fetch every feed of the library in the background (`R`).
    Refresh,

    FocusNext,
    FocusPrevious,
    /// Focus the pane beside the focused one, to the left (or the previous tab).
    FocusLeft,
    /// Focus the pane beside the focused one, to the right (or the next tab).
    FocusRight,
    Focus {
        pane: Pane,
    },
    ToggleHelp,
    /// Open or close the list of load problems.
    ToggleProblems,
    ToggleMaximise,
    /// Switch the clock between the `--as-of` date and the selected article's date.
    ToggleClock,

    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    /// `Enter`: what it means depends on the focused pane.
    Open,
    /// `Esc`: close, clear or step back, whichever applies first.
    Back,

    /// Focus the players and start typing a filter.
    StartFilter,
    FilterPush {
        c: char,
    },
    FilterPop,
    /// Stop typing, keep the filter.
    FilterAccept,
    /// Stop typing, drop the filter.
    FilterClear,

    /// Filter the articles to those mentioning the selected player (follows the selection).
    LinkArticlesToPlayer,
    /// Narrow the players to those named in the selected article (follows the selection).
    LinkPlayersToArticle,
    /// Drop whichever link is active.
    Unlink,
    /// Open the selected evidence (rumour or contract) in the reader, at its sentence.
    OpenEvidence,
    /// Hide or show the contracts that have ended.
    ToggleExpired,
    /// Hide or show the cold rumours in the destinations.
    ToggleCold,
    /// Open or close the sources and their track records.
    ToggleSources,
    /// Order the sources by the next key: rumours, hit rate, lead time.
    SortSources,
    /// Open a club's board: the selected destination's club, else a fuzzy search.
    OpenBoard,
    /// Type a character of the club board's search.
    BoardPush {
        c: char,
    },
    /// Delete the last character of the club board's search.
    BoardPop,

    /// The reader shows the next article of the list (the previous one), staying in the reader.
    NextArticle,
    PreviousArticle,
    /// Start typing a search in the reader's article.
    StartReaderSearch,
    ReaderSearchPush {
        c: char,
    },
    ReaderSearchPop,
    /// Stop typing, keep the search and its marks.
    ReaderSearchAccept,
    /// Stop typing, drop the search.
    ReaderSearchClear,
    /// Scroll the reader to the next (previous) match of its search.
    NextMatch,
    PreviousMatch,
    /// Open the article's link in the system's browser.
    OpenLink,
    /// Copy the article's link to the clipboard (through the terminal, when allowed).
    CopyLink,

    /// Watch or unwatch the selected player (or, on a destination's club, the club).
    ToggleWatch,
    /// Show only what is watched in the focused pane, or everything again.
    ToggleWatchedOnly,
    /// Mark the selected article read, or unread again.
    ToggleRead,
    /// Select the next (previous) unread article of the list.
    NextUnread,
    PreviousUnread,
    /// Mark every listed article read (asking first when there are many).
    MarkListedRead,
    /// Answer the question on screen: yes, or no.
    ConfirmYes,
    ConfirmNo,
    /// Open or close the digest of what changed since the last visit.
    ToggleDigest,
}

impl Command {
    /// Every command a key can be bound to: all but typing a character into a filter or a
    /// search (those keys type).
    pub fn bindable() -> Vec<Command> {
        use Command as C;
        let mut commands = vec![
            C::Quit,
            C::Refresh,
            C::FocusNext,
            C::FocusPrevious,
            C::FocusLeft,
            C::FocusRight,
            C::ToggleHelp,
            C::ToggleProblems,
            C::ToggleMaximise,
            C::ToggleClock,
            C::Up,
            C::Down,
            C::Top,
            C::Bottom,
            C::PageUp,
            C::PageDown,
            C::HalfPageUp,
            C::HalfPageDown,
            C::Open,
            C::Back,
            C::StartFilter,
            C::FilterPop,
            C::FilterAccept,
            C::FilterClear,
            C::LinkArticlesToPlayer,
            C::LinkPlayersToArticle,
            C::Unlink,
            C::OpenEvidence,
            C::ToggleExpired,
            C::NextArticle,
            C::PreviousArticle,
            C::StartReaderSearch,
            C::ReaderSearchPop,
            C::ReaderSearchAccept,
            C::ReaderSearchClear,
            C::NextMatch,
            C::PreviousMatch,
            C::OpenLink,
            C::CopyLink,
            C::ToggleWatch,
            C::ToggleWatchedOnly,
            C::ToggleRead,
            C::NextUnread,
            C::PreviousUnread,
            C::MarkListedRead,
            C::ConfirmYes,
            C::ConfirmNo,
            C::ToggleDigest,
            C::ToggleCold,
            C::ToggleSources,
            C::SortSources,
            C::OpenBoard,
            C::BoardPop,
        ];
        commands.extend(Pane::ALL.map(|pane| C::Focus { pane }));
        commands
    }

    /// The command's name in the key map and the configuration: its serde tag
    /// (`toggle_help`), and the pane for focusing one (`focus_players`).
    pub fn name(&self) -> String {
        let tag = serde_json::to_value(self)
            .ok()
            .and_then(|value| Some(value.get("action")?.as_str()?.to_owned()))
            .unwrap_or_default();
        match self {
            Command::Focus { pane } => format!("{tag}_{}", pane.short().to_ascii_lowercase()),
            _ => tag,
        }
    }

    /// The bindable command of this name.
    pub fn from_name(name: &str) -> Option<Command> {
        Self::bindable()
            .into_iter()
            .find(|command| command.name() == name)
    }
}

/// What happens to the dashboard without a key: the clock, the terminal, the mouse, and the
/// work done in the background (loading, searching, fetching, watching) coming back.
#[derive(Debug)]
pub enum Message {
    /// The wall clock moved on.
    Tick { now: NaiveDateTime },
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
    /// A mouse click at a screen cell: focus the pane there and select the row.
    Click { column: u16, row: u16 },
    /// The mouse wheel over a screen cell: scroll the pane there.
    Scroll { column: u16, row: u16, down: bool },
    /// The background load has come this far.
    LoadProgress { progress: Progress },
    /// The background load is over: the model and its lookups, or why there is none (the
    /// dashboard then stays empty and says why).
    Loaded(Box<Result<Loaded, String>>),
    /// A background search's hits for `query`.
    SearchFinished { query: String, hits: Vec<Hit> },
    /// The background fetch has come this far.
    FetchProgress {
        done: usize,
        total: usize,
        new: usize,
    },
    /// The background fetch is over: what is new in the library, or why it failed.
    Fetched(Box<Result<Fetched, String>>),
    /// Watched files were added or changed (`--watch`): their articles, or what went wrong.
    Watched(Box<Result<Corpus, String>>),
    /// Select this person in the players pane (clearing what hides them): a follow-up of
    /// commands that lead to a player.
    SelectPlayer { person: PersonId },
    /// Saving the user's marks (watched, read) to the library failed.
    UserStateFailed { error: String },
    /// The library articles left out of the first model (their facts missing, or of an older
    /// extractor) have been read in the background: them with their facts, or what went wrong.
    Reread(Box<Result<Vec<(Article, Facts)>, String>>),
    /// An article's body, read from the library for the reader (a model built from stored
    /// facts keeps none): its text, or why there is none.
    BodyLoaded {
        article: usize,
        body: Result<Body, String>,
    },
}

impl Message {
    /// Messages that leave the status bar's note alone: they come without the user asking.
    pub fn is_quiet(&self) -> bool {
        matches!(
            self,
            Message::Tick { .. }
                | Message::LoadProgress { .. }
                | Message::FetchProgress { .. }
                | Message::SearchFinished { .. }
                | Message::Loaded(_)
                | Message::BodyLoaded { .. }
        )
    }
}

/// One change to the dashboard's state: everything goes through
/// [`update`](super::state::update) as one of these.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    Message(Message),
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Command(command)
    }
}

impl From<Message> for Action {
    fn from(message: Message) -> Self {
        Action::Message(message)
    }
}

//! Keys to actions, per context (the focused pane, typing a filter, the help overlay). The
//! single table here drives the event loop, the `?` help overlay and the key-hint bar.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

use super::action::{Command, Pane};
use super::intel::IntelOverlay;
use super::state::State;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// Everywhere but while typing a filter or reading help.
    Global,
    /// Moving in any list (and scrolling the reader).
    Navigation,
    Articles,
    Reader,
    Players,
    Destinations,
    Countdowns,
    /// Typing into the players' filter.
    Filter,
    /// Typing a search in the reader.
    ReaderSearch,
    /// The help overlay is open.
    Help,
    /// The load problems overlay is open.
    Problems,
    /// The sources overlay is open.
    Sources,
    /// The club board is open (typing searches clubs).
    Board,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Navigation => "Moving",
            Context::Players => "1 Players",
            Context::Destinations => "2 Rumoured destinations",
            Context::Countdowns => "3 Contract countdowns",
            Context::Articles => "4 Articles",
            Context::Reader => "5 Reader",
            Context::Filter => "Typing a filter",
            Context::ReaderSearch => "Typing a search in the reader",
            Context::Help => "Help",
            Context::Problems => "Load problems",
            Context::Sources => "Sources (S)",
            Context::Board => "Club board (c)",
        }
    }

    pub fn of_pane(pane: Pane) -> Self {
        match pane {
            Pane::Articles => Context::Articles,
            Pane::Players => Context::Players,
            Pane::Destinations => Context::Destinations,
            Pane::Countdowns => Context::Countdowns,
            Pane::Reader => Context::Reader,
        }
    }
}

/// Which key presses a binding takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPattern {
    Key(KeyCode, KeyModifiers),
    /// Any printable character (typed into the filter).
    AnyChar,
}

impl KeyPattern {
    fn matches(self, key: &KeyEvent) -> bool {
        let (code, modifiers) = normalise(key);
        match self {
            KeyPattern::Key(c, m) => c == code && m == modifiers,
            KeyPattern::AnyChar => {
                matches!(code, KeyCode::Char(_))
                    && !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            }
        }
    }

    /// How the key is written in help and hints.
    pub fn label(self) -> String {
        match self {
            KeyPattern::AnyChar => "type".to_string(),
            KeyPattern::Key(code, modifiers) => {
                let name = match code {
                    KeyCode::Char(' ') => "Space".to_string(),
                    KeyCode::Char(c) => c.to_string(),
                    KeyCode::Enter => "Enter".to_string(),
                    KeyCode::Esc => "Esc".to_string(),
                    KeyCode::Tab => "Tab".to_string(),
                    KeyCode::BackTab => "S-Tab".to_string(),
                    KeyCode::Backspace => "Bksp".to_string(),
                    KeyCode::Up => "↑".to_string(),
                    KeyCode::Down => "↓".to_string(),
                    KeyCode::Left => "←".to_string(),
                    KeyCode::Right => "→".to_string(),
                    KeyCode::Home => "Home".to_string(),
                    KeyCode::End => "End".to_string(),
                    KeyCode::PageUp => "PgUp".to_string(),
                    KeyCode::PageDown => "PgDn".to_string(),
                    other => format!("{other:?}"),
                };
                if modifiers.contains(KeyModifiers::CONTROL) {
                    format!("C-{name}")
                } else {
                    name
                }
            }
        }
    }
}

/// The key and modifiers that matter: Shift is part of the character ('G') or of `BackTab`.
fn normalise(key: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut modifiers =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    (key.code, modifiers)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: KeyPattern,
    /// For [`KeyPattern::AnyChar`], a template whose character is replaced by the typed one.
    pub action: Command,
    /// What the help overlay says.
    pub description: &'static str,
    /// The key-hint bar's word for it, if it shows; bindings sharing a word show together
    /// ("j/k move").
    pub hint: Option<&'static str>,
}

/// The key map: every binding, in the order help lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

fn key(c: char) -> KeyPattern {
    KeyPattern::Key(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(code: KeyCode) -> KeyPattern {
    KeyPattern::Key(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyPattern {
    KeyPattern::Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

impl Default for Keymap {
    fn default() -> Self {
        use Context as C;
        let mut bindings = Vec::new();
        let mut bind = |context: Context,
                        keys: &[KeyPattern],
                        action: Command,
                        description: &'static str,
                        hint: Option<&'static str>| {
            for &key in keys {
                bindings.push(Binding {
                    context,
                    key,
                    action: action.clone(),
                    description,
                    hint,
                });
            }
        };
        // Pane-specific first: a pane's binding wins over a global one.
        bind(
            C::Articles,
            &[code(KeyCode::Enter)],
            Command::Open,
            "read the article",
            Some("read"),
        );
        bind(
            C::Articles,
            &[key('p')],
            Command::LinkPlayersToArticle,
            "narrow players to this article",
            Some("players in it"),
        );
        bind(
            C::Articles,
            &[code(KeyCode::Esc)],
            Command::Back,
            "drop the player link",
            None,
        );

        bind(
            C::Reader,
            &[key(' '), code(KeyCode::PageDown)],
            Command::PageDown,
            "page down",
            Some("page"),
        );
        bind(
            C::Reader,
            &[key('b'), code(KeyCode::PageUp)],
            Command::PageUp,
            "page up",
            Some("page"),
        );
        bind(
            C::Reader,
            &[key('J')],
            Command::NextArticle,
            "next article",
            Some("article"),
        );
        bind(
            C::Reader,
            &[key('K')],
            Command::PreviousArticle,
            "previous article",
            Some("article"),
        );
        bind(
            C::Reader,
            &[key('/')],
            Command::StartReaderSearch,
            "search the article",
            Some("search"),
        );
        bind(
            C::Reader,
            &[key('n')],
            Command::NextMatch,
            "next match",
            Some("match"),
        );
        bind(
            C::Reader,
            &[key('N')],
            Command::PreviousMatch,
            "previous match",
            Some("match"),
        );
        bind(
            C::Reader,
            &[key('o')],
            Command::OpenLink,
            "open the article's link in the browser",
            Some("open link"),
        );
        bind(
            C::Reader,
            &[key('y')],
            Command::CopyLink,
            "copy the link (OSC 52, if MERCATO_OSC52=1)",
            None,
        );
        bind(
            C::Reader,
            &[code(KeyCode::Esc)],
            Command::Back,
            "clear the search, then go back",
            Some("back"),
        );

        bind(
            C::ReaderSearch,
            &[KeyPattern::AnyChar],
            Command::ReaderSearchPush { c: ' ' },
            "type to search (letters in either case)",
            None,
        );
        bind(
            C::ReaderSearch,
            &[code(KeyCode::Backspace)],
            Command::ReaderSearchPop,
            "delete a character",
            None,
        );
        bind(
            C::ReaderSearch,
            &[code(KeyCode::Enter)],
            Command::ReaderSearchAccept,
            "search, go to the first match",
            Some("search"),
        );
        bind(
            C::ReaderSearch,
            &[code(KeyCode::Esc)],
            Command::ReaderSearchClear,
            "clear the search",
            Some("clear"),
        );
        bind(
            C::ReaderSearch,
            &[ctrl('c')],
            Command::Quit,
            "quit",
            Some("quit"),
        );

        bind(
            C::Players,
            &[code(KeyCode::Enter)],
            Command::Open,
            "link articles, show destinations",
            Some("destinations"),
        );
        bind(
            C::Players,
            &[key('a')],
            Command::LinkArticlesToPlayer,
            "filter articles to this player",
            Some("link articles"),
        );
        bind(
            C::Players,
            &[code(KeyCode::Esc)],
            Command::Back,
            "clear the filter, then the link",
            Some("clear"),
        );

        bind(
            C::Destinations,
            &[code(KeyCode::Enter)],
            Command::Open,
            "evidence; again: open the article",
            Some("evidence/open"),
        );
        bind(
            C::Destinations,
            &[key('o')],
            Command::OpenEvidence,
            "open the evidence in the reader",
            Some("read evidence"),
        );
        bind(
            C::Destinations,
            &[code(KeyCode::Esc)],
            Command::Back,
            "back to clubs, then players",
            Some("back"),
        );
        bind(
            C::Destinations,
            &[key('H')],
            Command::ToggleCold,
            "hide / show cold rumours",
            None,
        );

        bind(
            C::Countdowns,
            &[code(KeyCode::Enter)],
            Command::Open,
            "select the player",
            Some("select player"),
        );
        bind(
            C::Countdowns,
            &[key('o')],
            Command::OpenEvidence,
            "open the contract's evidence",
            Some("read evidence"),
        );
        bind(
            C::Countdowns,
            &[key('e')],
            Command::ToggleExpired,
            "hide / show ended contracts",
            Some("expired"),
        );

        bind(
            C::Filter,
            &[KeyPattern::AnyChar],
            Command::FilterPush { c: ' ' },
            "type to filter (fuzzy, accents ignored)",
            None,
        );
        bind(
            C::Filter,
            &[code(KeyCode::Backspace)],
            Command::FilterPop,
            "delete a character",
            None,
        );
        bind(
            C::Filter,
            &[code(KeyCode::Enter), code(KeyCode::Tab)],
            Command::FilterAccept,
            "keep the filter, stop typing",
            Some("keep"),
        );
        bind(
            C::Filter,
            &[code(KeyCode::Esc)],
            Command::FilterClear,
            "clear the filter",
            Some("clear"),
        );
        bind(
            C::Filter,
            &[code(KeyCode::Down)],
            Command::Down,
            "next match",
            Some("move"),
        );
        bind(
            C::Filter,
            &[code(KeyCode::Up)],
            Command::Up,
            "previous match",
            Some("move"),
        );
        bind(C::Filter, &[ctrl('c')], Command::Quit, "quit", Some("quit"));

        bind(
            C::Help,
            &[key('?'), code(KeyCode::Esc), key('q')],
            Command::ToggleHelp,
            "close help",
            Some("close"),
        );
        bind(
            C::Help,
            &[key('j'), code(KeyCode::Down)],
            Command::Down,
            "scroll down",
            Some("scroll"),
        );
        bind(
            C::Help,
            &[key('k'), code(KeyCode::Up)],
            Command::Up,
            "scroll up",
            Some("scroll"),
        );
        bind(
            C::Help,
            &[key('g'), code(KeyCode::Home)],
            Command::Top,
            "top",
            Some("top/end"),
        );
        bind(
            C::Help,
            &[key('G'), code(KeyCode::End)],
            Command::Bottom,
            "end",
            Some("top/end"),
        );
        bind(
            C::Help,
            &[code(KeyCode::PageDown), key(' ')],
            Command::PageDown,
            "page down",
            None,
        );
        bind(
            C::Help,
            &[code(KeyCode::PageUp)],
            Command::PageUp,
            "page up",
            None,
        );
        bind(C::Help, &[ctrl('c')], Command::Quit, "quit", Some("quit"));

        bind(
            C::Problems,
            &[key('!'), code(KeyCode::Esc), key('q')],
            Command::ToggleProblems,
            "close the list",
            Some("close"),
        );
        bind(
            C::Problems,
            &[key('j'), code(KeyCode::Down)],
            Command::Down,
            "scroll down",
            Some("scroll"),
        );
        bind(
            C::Problems,
            &[key('k'), code(KeyCode::Up)],
            Command::Up,
            "scroll up",
            Some("scroll"),
        );
        bind(
            C::Problems,
            &[key('g'), code(KeyCode::Home)],
            Command::Top,
            "first",
            Some("first/last"),
        );
        bind(
            C::Problems,
            &[key('G'), code(KeyCode::End)],
            Command::Bottom,
            "last",
            Some("first/last"),
        );
        bind(
            C::Problems,
            &[code(KeyCode::PageDown)],
            Command::PageDown,
            "page down",
            None,
        );
        bind(
            C::Problems,
            &[code(KeyCode::PageUp)],
            Command::PageUp,
            "page up",
            None,
        );
        bind(
            C::Problems,
            &[ctrl('c')],
            Command::Quit,
            "quit",
            Some("quit"),
        );

        bind(
            C::Navigation,
            &[key('j'), code(KeyCode::Down)],
            Command::Down,
            "down",
            Some("move"),
        );
        bind(
            C::Navigation,
            &[key('k'), code(KeyCode::Up)],
            Command::Up,
            "up",
            Some("move"),
        );
        bind(
            C::Navigation,
            &[key('g'), code(KeyCode::Home)],
            Command::Top,
            "first",
            Some("first/last"),
        );
        bind(
            C::Navigation,
            &[key('G'), code(KeyCode::End)],
            Command::Bottom,
            "last",
            Some("first/last"),
        );
        bind(
            C::Navigation,
            &[code(KeyCode::PageDown)],
            Command::PageDown,
            "page down",
            None,
        );
        bind(
            C::Navigation,
            &[code(KeyCode::PageUp)],
            Command::PageUp,
            "page up",
            None,
        );
        bind(
            C::Navigation,
            &[ctrl('d')],
            Command::HalfPageDown,
            "half a page down",
            None,
        );
        bind(
            C::Navigation,
            &[ctrl('u')],
            Command::HalfPageUp,
            "half a page up",
            None,
        );

        bind(
            C::Global,
            &[key('/')],
            Command::StartFilter,
            "filter players",
            Some("filter"),
        );
        bind(
            C::Global,
            &[code(KeyCode::Tab)],
            Command::FocusNext,
            "next pane",
            Some("pane"),
        );
        bind(
            C::Global,
            &[code(KeyCode::BackTab)],
            Command::FocusPrevious,
            "previous pane",
            None,
        );
        bind(
            C::Global,
            &[key('h'), code(KeyCode::Left)],
            Command::FocusLeft,
            "pane to the left",
            None,
        );
        bind(
            C::Global,
            &[key('l'), code(KeyCode::Right)],
            Command::FocusRight,
            "pane to the right",
            None,
        );
        for pane in Pane::ALL {
            let Some(digit) = char::from_digit(u32::try_from(pane.number()).unwrap_or(0), 10)
            else {
                continue;
            };
            bind(
                C::Global,
                &[key(digit)],
                Command::Focus { pane },
                pane.title(),
                None,
            );
        }
        bind(
            C::Global,
            &[key('R')],
            Command::Refresh,
            "fetch every feed now",
            None,
        );
        bind(
            C::Global,
            &[key('t')],
            Command::ToggleClock,
            "clock: as-of date / article's date",
            Some("clock"),
        );
        bind(
            C::Global,
            &[key('z')],
            Command::ToggleMaximise,
            "maximise the pane / restore",
            Some("zoom"),
        );
        bind(
            C::Global,
            &[key('x')],
            Command::Unlink,
            "remove the link between panes",
            None,
        );
        bind(
            C::Global,
            &[code(KeyCode::Esc)],
            Command::Back,
            "back out",
            None,
        );
        bind(
            C::Global,
            &[key('!')],
            Command::ToggleProblems,
            "list the load problems",
            Some("problems"),
        );
        bind(
            C::Global,
            &[key('S')],
            Command::ToggleSources,
            "sources and their track records",
            None,
        );
        bind(
            C::Global,
            &[key('c')],
            Command::OpenBoard,
            "club board: the club in view, or search",
            None,
        );
        bind(
            C::Sources,
            &[key('S'), code(KeyCode::Esc), key('q')],
            Command::ToggleSources,
            "close the sources",
            Some("close"),
        );
        bind(
            C::Sources,
            &[key('s')],
            Command::SortSources,
            "sort by rumours, hit rate, lead time",
            Some("sort"),
        );
        bind(
            C::Sources,
            &[key('j'), code(KeyCode::Down)],
            Command::Down,
            "next source",
            Some("move"),
        );
        bind(
            C::Sources,
            &[key('k'), code(KeyCode::Up)],
            Command::Up,
            "previous source",
            Some("move"),
        );
        bind(
            C::Sources,
            &[key('g'), code(KeyCode::Home)],
            Command::Top,
            "first",
            None,
        );
        bind(
            C::Sources,
            &[key('G'), code(KeyCode::End)],
            Command::Bottom,
            "last",
            None,
        );
        bind(
            C::Sources,
            &[ctrl('c')],
            Command::Quit,
            "quit",
            Some("quit"),
        );
        bind(
            C::Board,
            &[code(KeyCode::Esc)],
            Command::Back,
            "close the board",
            Some("close"),
        );
        bind(
            C::Board,
            &[code(KeyCode::Down)],
            Command::Down,
            "scroll down",
            Some("scroll"),
        );
        bind(
            C::Board,
            &[code(KeyCode::Up)],
            Command::Up,
            "scroll up",
            Some("scroll"),
        );
        bind(
            C::Board,
            &[code(KeyCode::PageDown)],
            Command::PageDown,
            "page down",
            None,
        );
        bind(
            C::Board,
            &[code(KeyCode::PageUp)],
            Command::PageUp,
            "page up",
            None,
        );
        bind(
            C::Board,
            &[code(KeyCode::Backspace)],
            Command::BoardPop,
            "delete a letter",
            None,
        );
        bind(
            C::Board,
            &[KeyPattern::AnyChar],
            Command::BoardPush { c: ' ' },
            "type a club's name (fuzzy)",
            Some("search"),
        );
        bind(C::Board, &[ctrl('c')], Command::Quit, "quit", Some("quit"));
        bind(
            C::Global,
            &[key('?')],
            Command::ToggleHelp,
            "help",
            Some("help"),
        );
        bind(
            C::Global,
            &[key('q'), ctrl('c')],
            Command::Quit,
            "quit",
            Some("quit"),
        );
        Self { bindings }
    }
}

/// What the mouse does, listed at the end of the help overlay.
pub const MOUSE_HELP: [(&str, &str); 2] = [
    ("wheel", "scrolls the pane under the pointer"),
    ("click", "focuses a pane and selects a row"),
];

/// A row of the help overlay: the keys that do one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub keys: Vec<String>,
    pub description: &'static str,
}

impl Keymap {
    /// The contexts a key is looked up in, most specific first.
    pub fn contexts(state: &State) -> Vec<Context> {
        if state.help.is_some() {
            vec![Context::Help]
        } else if state.problems.is_some() {
            vec![Context::Problems]
        } else if let Some(overlay) = &state.intel {
            vec![match overlay {
                IntelOverlay::Sources(_) => Context::Sources,
                IntelOverlay::Board(_) => Context::Board,
            }]
        } else if state.players.editing {
            vec![Context::Filter]
        } else if state.reader.search.editing {
            vec![Context::ReaderSearch]
        } else {
            vec![
                Context::of_pane(state.focus),
                Context::Navigation,
                Context::Global,
            ]
        }
    }

    /// The action a key press asks for in this state, if any.
    pub fn action_for(&self, state: &State, key: &KeyEvent) -> Option<Command> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        for context in Self::contexts(state) {
            if let Some(binding) = self
                .bindings
                .iter()
                .find(|b| b.context == context && b.key.matches(key))
            {
                return Some(match (&binding.action, key.code) {
                    (Command::FilterPush { .. }, KeyCode::Char(c)) => Command::FilterPush { c },
                    (Command::ReaderSearchPush { .. }, KeyCode::Char(c)) => {
                        Command::ReaderSearchPush { c }
                    }
                    (Command::BoardPush { .. }, KeyCode::Char(c)) => Command::BoardPush { c },
                    (action, _) => action.clone(),
                });
            }
        }
        None
    }

    /// A context's bindings grouped by what they do, for the help overlay.
    pub fn help(&self, context: Context) -> Vec<HelpEntry> {
        let mut entries: Vec<HelpEntry> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.context == context) {
            let label = binding.key.label();
            match entries
                .iter_mut()
                .find(|e| e.description == binding.description)
            {
                Some(entry) => entry.keys.push(label),
                None => entries.push(HelpEntry {
                    keys: vec![label],
                    description: binding.description,
                }),
            }
        }
        entries
    }

    /// The help overlay's sections: the contexts that apply now first, then the rest.
    pub fn help_sections(&self, state: &State) -> Vec<(Context, Vec<HelpEntry>)> {
        let mut order = Self::contexts(state);
        order.retain(|c| *c != Context::Help);
        for context in [
            Context::Players,
            Context::Destinations,
            Context::Countdowns,
            Context::Articles,
            Context::Reader,
            Context::Filter,
            Context::ReaderSearch,
            Context::Navigation,
            Context::Global,
            Context::Problems,
            Context::Sources,
            Context::Board,
            Context::Help,
        ] {
            if !order.contains(&context) {
                order.push(context);
            }
        }
        order.into_iter().map(|c| (c, self.help(c))).collect()
    }

    /// How many lines the help overlay has (as drawn: a title per section, blank lines
    /// between, the mouse section last).
    pub fn help_len(&self, state: &State) -> usize {
        let sections: Vec<usize> = self
            .help_sections(state)
            .iter()
            .map(|(_, e)| e.len())
            .filter(|&n| n > 0)
            .collect();
        sections.iter().map(|n| n + 1).sum::<usize>()
            + sections.len().saturating_sub(1)
            + 2
            + MOUSE_HELP.len()
    }

    /// The key-hint bar: ("j/k", "move") pairs for what the focused context accepts. The
    /// load problems key shows only when there are load problems.
    pub fn hints(&self, state: &State) -> Vec<(String, &'static str)> {
        let mut hints: Vec<(Vec<(Command, String)>, &'static str)> = Vec::new();
        for context in Self::contexts(state) {
            for binding in self.bindings.iter().filter(|b| b.context == context) {
                let Some(word) = binding.hint else {
                    continue;
                };
                if binding.action == Command::ToggleProblems
                    && context == Context::Global
                    && state.model.problems.is_empty()
                {
                    continue;
                }
                // A key already taken by a more specific context does not show twice.
                if let KeyPattern::Key(code, modifiers) = binding.key
                    && hints.iter().any(|(keys, _)| {
                        keys.iter()
                            .any(|(_, k)| *k == KeyPattern::Key(code, modifiers).label())
                    })
                    && !hints.iter().any(|(_, w)| *w == word)
                {
                    continue;
                }
                match hints.iter_mut().find(|(_, w)| *w == word) {
                    Some((keys, _)) => {
                        if !keys.iter().any(|(action, _)| *action == binding.action) {
                            keys.push((binding.action.clone(), binding.key.label()));
                        }
                    }
                    None => hints.push((vec![(binding.action.clone(), binding.key.label())], word)),
                }
            }
        }
        hints
            .into_iter()
            .map(|(keys, word)| {
                (
                    keys.into_iter()
                        .map(|(_, k)| k)
                        .collect::<Vec<_>>()
                        .join("/"),
                    word,
                )
            })
            .collect()
    }
}

//! Keys to actions, per context (the focused pane, typing a filter, the help overlay). The
//! default bindings are data (`assets/keymap.toml`), which the configuration's `[keys]`
//! overrides; the one merged map drives the event loop, the `?` help overlay and the
//! key-hint bar.

use std::ops::Range;
use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

use super::action::{Command, Pane};
use super::intel::IntelOverlay;
use super::state::State;
use crate::config::{self, DefaultBinding, KeyBindings, KeyOverride};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// The digest of what changed since the last visit is open.
    Digest,
    /// A yes/no question is on screen.
    Confirm,
    /// The sources overlay is open.
    Sources,
    /// The club board is open (typing searches clubs).
    Board,
}

impl Context {
    pub const ALL: [Context; 15] = [
        Context::Global,
        Context::Navigation,
        Context::Articles,
        Context::Reader,
        Context::Players,
        Context::Destinations,
        Context::Countdowns,
        Context::Filter,
        Context::ReaderSearch,
        Context::Help,
        Context::Problems,
        Context::Digest,
        Context::Confirm,
        Context::Sources,
        Context::Board,
    ];

    /// The place's name in the key map and in `[keys.PLACE]`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Navigation => "navigation",
            Context::Articles => "articles",
            Context::Reader => "reader",
            Context::Players => "players",
            Context::Destinations => "destinations",
            Context::Countdowns => "countdowns",
            Context::Filter => "filter",
            Context::ReaderSearch => "reader_search",
            Context::Help => "help",
            Context::Problems => "problems",
            Context::Digest => "digest",
            Context::Confirm => "confirm",
            Context::Sources => "sources",
            Context::Board => "board",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|context| context.name() == name)
    }

    /// Where keys that type a character are text.
    fn is_typing(self) -> bool {
        matches!(
            self,
            Context::Filter | Context::ReaderSearch | Context::Board
        )
    }

    fn is_pane(self) -> bool {
        Pane::ALL
            .into_iter()
            .any(|pane| Context::of_pane(pane) == self)
    }

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
            Context::Digest => "Since your last visit",
            Context::Confirm => "A question",
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

/// Keys named in the key map and the configuration, besides single characters.
const NAMED_KEYS: [(&str, KeyCode); 16] = [
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

impl KeyPattern {
    /// A key as the key map and the configuration write it: a character ("q", "G", "?"), a
    /// named key ("enter", "pagedown", "f5"), with "ctrl-" or "alt-" in front ("ctrl-c"); or
    /// "char", any typed character.
    pub fn parse(name: &str) -> Result<Self, String> {
        if name == config::ANY_CHARACTER {
            return Ok(KeyPattern::AnyChar);
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (modifier, prefix) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, "ctrl-")
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, "alt-")
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, "shift-")
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break;
            }
            modifiers |= modifier;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            (Some(c), None) if modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let function = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n));
                match (NAMED_KEYS.iter().find(|(n, _)| *n == lower), function) {
                    (Some((_, code)), _) => *code,
                    (None, Some(n)) => KeyCode::F(n),
                    (None, None) => {
                        let names: Vec<&str> = NAMED_KEYS.iter().map(|(n, _)| *n).collect();
                        return Err(format!(
                            "'{name}' is not a key; expected a character or one of {}, f1 to \
                             f12, with ctrl- or alt- in front if wanted",
                            names.join(", ")
                        ));
                    }
                }
            }
        };
        // Shift is part of a character ('G') and of backtab.
        let code = match code {
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Ok(KeyPattern::Key(code, modifiers))
    }

    /// Whether this key types a character (where the user types, it is text).
    fn types(self) -> bool {
        match self {
            KeyPattern::AnyChar => true,
            KeyPattern::Key(code, modifiers) => {
                matches!(code, KeyCode::Char(_))
                    && !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            }
        }
    }

    /// Whether some key press matches both patterns.
    fn overlaps(self, other: KeyPattern) -> bool {
        match (self, other) {
            (KeyPattern::AnyChar, key) | (key, KeyPattern::AnyChar) => key.types(),
            (a, b) => a == b,
        }
    }

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
                    KeyCode::F(n) => format!("F{n}"),
                    other => format!("{other:?}"),
                };
                let alt = if modifiers.contains(KeyModifiers::ALT) {
                    "M-"
                } else {
                    ""
                };
                let ctrl = if modifiers.contains(KeyModifiers::CONTROL) {
                    "C-"
                } else {
                    ""
                };
                let shift = if modifiers.contains(KeyModifiers::SHIFT) {
                    "S-"
                } else {
                    ""
                };
                format!("{ctrl}{alt}{shift}{name}")
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
    pub description: String,
    /// The key-hint bar's word for it, if it shows; bindings sharing a word show together
    /// ("j/k move").
    pub hint: Option<String>,
}

/// The key map: every binding, in the order help lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

/// The default key map, read once from `assets/keymap.toml`.
static DEFAULT: LazyLock<Keymap> = LazyLock::new(|| {
    Keymap::from_layout(config::default_keymap())
        .unwrap_or_else(|error| panic!("assets/keymap.toml: {error}"))
});

impl Default for Keymap {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

/// A mistake in the configuration's `[keys]`: where it was written, the key's path and what
/// is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub span: Range<usize>,
    /// `keys.quit`, `keys.help.toggle_help`.
    pub key: String,
    pub message: String,
}

/// Every command the key map may name, by name: the bindable ones, and the typing ones
/// (bound to "char" only).
fn commands_by_name() -> Vec<(String, Command)> {
    let mut commands: Vec<(String, Command)> = Command::bindable()
        .into_iter()
        .map(|command| (command.name(), command))
        .collect();
    for typing in [
        Command::FilterPush { c: ' ' },
        Command::ReaderSearchPush { c: ' ' },
        Command::BoardPush { c: ' ' },
    ] {
        commands.push((typing.name(), typing));
    }
    commands
}

impl Keymap {
    /// The key map a layout describes; an unknown place, command or key is an error.
    fn from_layout(layout: Vec<DefaultBinding>) -> Result<Self, String> {
        let commands = commands_by_name();
        let mut bindings = Vec::new();
        for line in layout {
            let context = Context::from_name(&line.context)
                .ok_or_else(|| format!("unknown place [{}]", line.context))?;
            let action = commands
                .iter()
                .find(|(name, _)| *name == line.command)
                .map(|(_, command)| command.clone())
                .ok_or_else(|| format!("unknown command {}", line.command))?;
            for key in &line.keys {
                bindings.push(Binding {
                    context,
                    key: KeyPattern::parse(key)?,
                    action: action.clone(),
                    description: line.help.clone(),
                    hint: line.hint.clone(),
                });
            }
        }
        let keymap = Keymap { bindings };
        match keymap.clash() {
            Some((context, key, first, second)) => Err(format!(
                "{} and {} share the key {} in [{}]",
                first.name(),
                second.name(),
                key.label(),
                context.name()
            )),
            None => Ok(keymap),
        }
    }

    /// The default key map with the configuration's `[keys]` applied.
    pub fn with_overrides(overrides: &KeyBindings) -> Result<Self, KeyError> {
        let mut keymap = Keymap::default();
        for rebind in &overrides.0 {
            keymap.apply(rebind)?;
        }
        match keymap.clash() {
            Some(clash) => Err(clash_error(overrides, clash)),
            None => Ok(keymap),
        }
    }

    /// Gives one command of `[keys]` its keys, in its place or its main places.
    fn apply(&mut self, rebind: &KeyOverride) -> Result<(), KeyError> {
        let name = rebind.command.get_ref();
        let error = |span: Range<usize>, message: String| KeyError {
            span,
            key: rebind.path(),
            message,
        };
        let Some(command) = Command::from_name(name) else {
            let names: Vec<String> = Command::bindable().iter().map(Command::name).collect();
            let message = format!(
                "unknown command `{name}`, expected one of {}",
                names.join(", ")
            );
            return Err(error(rebind.command.span(), message));
        };
        let keys = rebind
            .keys
            .get_ref()
            .iter()
            .map(|key| {
                KeyPattern::parse(key.get_ref()).map_err(|message| error(key.span(), message))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let Some(place) = &rebind.place else {
            for context in self.main_places(&command) {
                // Where the user types, characters type.
                let keys: Vec<KeyPattern> = keys
                    .iter()
                    .copied()
                    .filter(|key| !(context.is_typing() && key.types()))
                    .collect();
                self.rebind(context, &command, &keys);
            }
            return Ok(());
        };
        let context = Context::from_name(place.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            let message = format!(
                "unknown place `{}`, expected one of {}",
                place.get_ref(),
                names.join(", ")
            );
            error(place.span(), message)
        })?;
        self.rebind(context, &command, &keys);
        Ok(())
    }

    /// The places a `command = [keys]` line rebinds: everywhere if the command is bound
    /// there, else moving in lists, else the panes that bind it, else wherever it is bound
    /// (everywhere, for a command bound nowhere).
    fn main_places(&self, command: &Command) -> Vec<Context> {
        let mut bound: Vec<Context> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.action == *command) {
            if !bound.contains(&binding.context) {
                bound.push(binding.context);
            }
        }
        for general in [Context::Global, Context::Navigation] {
            if bound.contains(&general) {
                return vec![general];
            }
        }
        let panes: Vec<Context> = bound.iter().copied().filter(|c| c.is_pane()).collect();
        match (panes.is_empty(), bound.is_empty()) {
            (false, _) => panes,
            (true, false) => bound,
            (true, true) => vec![Context::Global],
        }
    }

    /// Gives `command` these keys in `context`, where its old ones were (or after the
    /// context's last binding), with the help text it has (or its name).
    fn rebind(&mut self, context: Context, command: &Command, keys: &[KeyPattern]) {
        let template = self
            .bindings
            .iter()
            .find(|b| b.context == context && b.action == *command)
            .or_else(|| self.bindings.iter().find(|b| b.action == *command))
            .map(|b| (b.description.clone(), b.hint.clone()))
            .unwrap_or_else(|| (command.name().replace('_', " "), None));
        let at = self
            .bindings
            .iter()
            .position(|b| b.context == context && b.action == *command)
            .or_else(|| {
                self.bindings
                    .iter()
                    .rposition(|b| b.context == context)
                    .map(|last| last + 1)
            })
            .unwrap_or(self.bindings.len());
        let before = self.bindings[..at]
            .iter()
            .filter(|b| !(b.context == context && b.action == *command))
            .count();
        self.bindings
            .retain(|b| !(b.context == context && b.action == *command));
        let (description, hint) = template;
        let new = keys.iter().map(|&key| Binding {
            context,
            key,
            action: command.clone(),
            description: description.clone(),
            hint: hint.clone(),
        });
        self.bindings.splice(before..before, new);
    }

    /// Two commands on one key in one place, if any: the place, the key, and both.
    fn clash(&self) -> Option<(Context, KeyPattern, Command, Command)> {
        self.bindings.iter().enumerate().find_map(|(i, a)| {
            self.bindings[i + 1..]
                .iter()
                .find(|b| b.context == a.context && b.action != a.action && a.key.overlaps(b.key))
                .map(|b| (a.context, b.key, a.action.clone(), b.action.clone()))
        })
    }
}

/// The error for two commands on one key in one place: at the user's key that made it,
/// naming their command first.
fn clash_error(
    overrides: &KeyBindings,
    (context, key, first, second): (Context, KeyPattern, Command, Command),
) -> KeyError {
    let names = [first.name(), second.name()];
    let (path, span, mine) = overrides
        .0
        .iter()
        .rev()
        .filter(|o| names.contains(o.command.get_ref()))
        .find_map(|o| {
            let written = o
                .keys
                .get_ref()
                .iter()
                .find(|k| KeyPattern::parse(k.get_ref()).is_ok_and(|k| k.overlaps(key)))?;
            Some((o.path(), written.span(), o.command.get_ref().clone()))
        })
        .unwrap_or_else(|| ("keys".to_string(), 0..0, names[0].clone()));
    let other = names
        .iter()
        .find(|name| **name != mine)
        .unwrap_or(&names[1]);
    KeyError {
        span,
        key: path,
        message: format!(
            "{} would be the key of both {mine} and {other} in [keys.{}] ({}); give one of \
             them another key",
            key.label(),
            context.name(),
            context.title()
        ),
    }
}

/// What the mouse does, listed at the end of the help overlay.
pub const MOUSE_HELP: [(&str, &str); 2] = [
    ("wheel", "scrolls the pane under the pointer"),
    ("click", "focuses a pane and selects a row"),
];

/// A row of the help overlay: the keys that do one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry<'a> {
    pub keys: Vec<String>,
    pub description: &'a str,
}

impl Keymap {
    /// The contexts a key is looked up in, most specific first.
    pub fn contexts(state: &State) -> Vec<Context> {
        if state.help.is_some() {
            vec![Context::Help]
        } else if state.problems.is_some() {
            vec![Context::Problems]
        } else if state.desk.confirm.is_some() {
            vec![Context::Confirm]
        } else if state.desk.digest_open.is_some() {
            vec![Context::Digest]
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

    /// The first `count` keys bound to `command` in `context`, as help writes them, joined
    /// by `separator` ("? or Esc"); `None` when the command has no key there. For the hints
    /// that views give in passing ("x unlinks").
    pub fn keys_for(
        &self,
        context: Context,
        command: &Command,
        count: usize,
        separator: &str,
    ) -> Option<String> {
        let labels: Vec<String> = self
            .bindings
            .iter()
            .filter(|b| b.context == context && b.action == *command)
            .take(count)
            .map(|b| b.key.label())
            .collect();
        (!labels.is_empty()).then(|| labels.join(separator))
    }

    /// A context's bindings grouped by what they do, for the help overlay.
    pub fn help(&self, context: Context) -> Vec<HelpEntry<'_>> {
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
                    description: &binding.description,
                }),
            }
        }
        entries
    }

    /// The help overlay's sections: the contexts that apply now first, then the rest.
    pub fn help_sections(&self, state: &State) -> Vec<(Context, Vec<HelpEntry<'_>>)> {
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
            Context::Digest,
            Context::Confirm,
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
    pub fn hints(&self, state: &State) -> Vec<(String, &str)> {
        let mut hints: Vec<(Vec<(Command, String)>, &str)> = Vec::new();
        for context in Self::contexts(state) {
            for binding in self.bindings.iter().filter(|b| b.context == context) {
                let Some(word) = binding.hint.as_deref() else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Settings};

    fn overrides(text: &str) -> Result<Keymap, KeyError> {
        let settings: Settings = Config::parse(std::path::Path::new("config.toml"), text.into())
            .unwrap()
            .settings;
        Keymap::with_overrides(&settings.keys)
    }

    fn keys_of(keymap: &Keymap, context: Context, command: &Command) -> Vec<String> {
        keymap
            .bindings
            .iter()
            .filter(|b| b.context == context && b.action == *command)
            .map(|b| b.key.label())
            .collect()
    }

    #[test]
    fn every_bindable_command_has_a_default_key_and_a_name() {
        let keymap = Keymap::default();
        for command in Command::bindable() {
            assert!(
                keymap.bindings.iter().any(|b| b.action == command),
                "{command:?} has no default key"
            );
            assert_eq!(Command::from_name(&command.name()), Some(command));
        }
        assert_eq!(
            Command::Focus {
                pane: Pane::Countdowns
            }
            .name(),
            "focus_countdowns"
        );
        assert_eq!(Command::ToggleHelp.name(), "toggle_help");
    }

    #[test]
    fn every_command_is_bindable_or_typed() {
        // serde lists every variant when it meets an unknown one: a new command must join
        // `Command::bindable` (and the key map) to pass.
        let error = serde_json::from_str::<Command>(r#"{"action": "?"}"#).unwrap_err();
        let message = error.to_string();
        let (_, listed) = message.split_once("expected one of ").unwrap();
        let variants: Vec<&str> = listed
            .split(", ")
            .map(|name| name.trim_matches('`'))
            .map(|name| name.split('`').next().unwrap_or(name))
            .collect();
        assert!(variants.len() > 40, "{message}");
        let bindable: Vec<String> = Command::bindable().iter().map(Command::name).collect();
        for variant in variants {
            let known = match variant {
                "filter_push" | "reader_search_push" | "board_push" => true,
                "focus" => bindable.iter().any(|name| name.starts_with("focus_")),
                name => bindable.iter().any(|b| b == name),
            };
            assert!(known, "{variant} is neither bindable nor typed");
        }
    }

    #[test]
    fn no_two_commands_share_a_key_in_one_place() {
        assert_eq!(Keymap::default().clash(), None);
    }

    #[test]
    fn keys_are_read_as_written() {
        let key = |code, modifiers| Ok(KeyPattern::Key(code, modifiers));
        assert_eq!(
            KeyPattern::parse("q"),
            key(KeyCode::Char('q'), KeyModifiers::NONE)
        );
        assert_eq!(
            KeyPattern::parse("G"),
            key(KeyCode::Char('G'), KeyModifiers::NONE)
        );
        assert_eq!(
            KeyPattern::parse("shift-g"),
            key(KeyCode::Char('G'), KeyModifiers::NONE)
        );
        assert_eq!(
            KeyPattern::parse("ctrl-C"),
            key(KeyCode::Char('c'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            KeyPattern::parse("alt-x"),
            key(KeyCode::Char('x'), KeyModifiers::ALT)
        );
        assert_eq!(
            KeyPattern::parse("-"),
            key(KeyCode::Char('-'), KeyModifiers::NONE)
        );
        assert_eq!(
            KeyPattern::parse("ctrl--"),
            key(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            KeyPattern::parse("PageDown"),
            key(KeyCode::PageDown, KeyModifiers::NONE)
        );
        assert_eq!(
            KeyPattern::parse("shift-tab"),
            key(KeyCode::BackTab, KeyModifiers::NONE)
        );
        assert_eq!(
            KeyPattern::parse("f5"),
            key(KeyCode::F(5), KeyModifiers::NONE)
        );
        assert_eq!(KeyPattern::parse("char"), Ok(KeyPattern::AnyChar));
        let error = KeyPattern::parse("ctrl-enterr").unwrap_err();
        assert!(
            error.starts_with(
                "'ctrl-enterr' is not a key; expected a character or one of space, enter"
            ),
            "{error}"
        );
        assert!(KeyPattern::parse("f13").is_err());
        assert_eq!(
            KeyPattern::parse("alt-f2").map(KeyPattern::label),
            Ok("M-F2".into())
        );
    }

    #[test]
    fn a_command_is_rebound_in_its_main_places() {
        let keymap = overrides("[keys]\nquit = [\"Q\", \"ctrl-q\"]\nopen = [\"o\"]\n").unwrap_err();
        // `o` already opens evidence in two panes: a clash, named.
        assert_eq!(keymap.key, "keys.open");
        assert_eq!(keymap.span, 38..41);
        assert_eq!(
            keymap.message,
            "o would be the key of both open and open_evidence in [keys.destinations] \
             (2 Rumoured destinations); give one of them another key"
        );
        let keymap = overrides("[keys]\nquit = [\"Q\", \"ctrl-q\"]\nopen = [\"O\"]\n").unwrap();
        assert_eq!(
            keys_of(&keymap, Context::Global, &Command::Quit),
            ["Q", "C-q"]
        );
        // Where the user types, `Q` is a letter: only ctrl-q quits there.
        assert_eq!(keys_of(&keymap, Context::Filter, &Command::Quit), ["C-c"]);
        assert_eq!(keys_of(&keymap, Context::Help, &Command::Quit), ["C-c"]);
        for pane in [
            Context::Articles,
            Context::Players,
            Context::Destinations,
            Context::Countdowns,
        ] {
            assert_eq!(keys_of(&keymap, pane, &Command::Open), ["O"], "{pane:?}");
        }
        // The rebound keys keep their place in help.
        let help = keymap.help(Context::Global);
        assert_eq!(
            help.last().map(|e| (e.keys.clone(), e.description)),
            Some((vec!["Q".into(), "C-q".into()], "quit"))
        );
    }

    #[test]
    fn a_place_table_rebinds_there_only_and_empty_unbinds() {
        let keymap = overrides(
            "[keys]\nrefresh = []\n[keys.help]\ntoggle_help = [\"?\", \"esc\"]\nquit = [\"q\"]\n",
        )
        .unwrap();
        assert!(keys_of(&keymap, Context::Global, &Command::Refresh).is_empty());
        assert_eq!(
            keys_of(&keymap, Context::Help, &Command::ToggleHelp),
            ["?", "Esc"]
        );
        assert_eq!(keys_of(&keymap, Context::Help, &Command::Quit), ["q"]);
        assert_eq!(
            keys_of(&keymap, Context::Global, &Command::ToggleHelp),
            ["?"]
        );
    }

    #[test]
    fn mistakes_in_keys_say_where_and_what() {
        let error = overrides("[keys]\nquitt = [\"q\"]\n").unwrap_err();
        assert_eq!(
            (error.key.as_str(), error.span.clone()),
            ("keys.quitt", 15..20)
        );
        assert!(
            error
                .message
                .starts_with("unknown command `quitt`, expected one of quit, refresh,"),
            "{error:?}"
        );
        let error = overrides("[keys]\nquit = [\"q\", \"ctl-c\"]\n").unwrap_err();
        assert_eq!(
            (error.key.as_str(), error.span.clone()),
            ("keys.quit", 20..27)
        );
        assert!(
            error.message.starts_with("'ctl-c' is not a key"),
            "{error:?}"
        );
        let error = overrides("[keys.overlay]\nquit = [\"q\"]\n").unwrap_err();
        assert_eq!(error.key, "keys.overlay.quit");
        assert!(
            error
                .message
                .starts_with("unknown place `overlay`, expected one of global, navigation"),
            "{error:?}"
        );
        let error = overrides("[keys.filter]\nfilter_accept = [\"k\"]\n").unwrap_err();
        assert!(
            error
                .message
                .contains("both filter_accept and filter_push in [keys.filter]"),
            "{error:?}"
        );
    }
}

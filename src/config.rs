//! The user's settings: `$XDG_CONFIG_HOME/mercato/config.toml` (or `--config PATH`, or
//! `MERCATO_CONFIG`). Every section is optional; what is left out keeps its default. A file
//! that does not parse stops the program with one line naming the file, line, column, key
//! and what was expected.
//!
//! Key bindings stay strings here: the dashboard owns key names and commands, and checks
//! them ([`KeyName`] keeps where each one was written, for its errors).

use std::collections::BTreeMap;
use std::fmt;
use std::num::{NonZeroU32, NonZeroU64, NonZeroUsize};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::countdown::Thresholds;
use crate::fetch::Limits;
use crate::text::fold;

/// The commented default configuration, as `mercato config default` prints it (less the
/// list of default key bindings, which comes from the key map).
const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// The dashboard's default key bindings, by place (see the file's own comments).
const DEFAULT_KEYMAP: &str = include_str!("../assets/keymap.toml");

/// The line of [`DEFAULT_CONFIG`] that the default key bindings are listed under.
const KEYS_PLACEHOLDER: &str = "# @default-keys@\n";

/// Everything the configuration file can set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Feeds the library follows, subscribed at the start of library commands.
    #[serde(rename = "feed")]
    pub feeds: Vec<FeedSetting>,
    pub refresh: Refresh,
    pub keys: KeyBindings,
    pub theme: ThemeSettings,
    pub countdowns: CountdownSettings,
    /// Source name → how far it is trusted.
    pub sources: BTreeMap<String, Tier>,
}

/// A key as written in `[keys]`, with where it was written.
pub type KeyName = Spanned<String>;

/// `[keys]`: commands given new keys, in the file's order. `command = [keys]` rebinds a
/// command in its main places; under `[keys.PLACE]`, in that place only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyBindings(pub Vec<KeyOverride>);

/// One command's new keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// The place of `[keys.PLACE]`, with where its table was written; none: the command's
    /// main places.
    pub place: Option<Spanned<String>>,
    /// The command, with where its keys were written.
    pub command: Spanned<String>,
    /// The keys (none: unbound), with where the list was written.
    pub keys: Spanned<Vec<KeyName>>,
}

/// A value of `[keys]`: a command's keys, or a place's table of them.
enum KeysEntry {
    Keys(Vec<KeyName>),
    Place(Vec<(String, Spanned<Vec<KeyName>>)>),
}

impl<'de> Deserialize<'de> for KeysEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = KeysEntry;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of keys (quit = [\"q\", \"ctrl-c\"]) or a place's table")
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<KeysEntry, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element()? {
                    keys.push(key);
                }
                Ok(KeysEntry::Keys(keys))
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<KeysEntry, A::Error> {
                let mut commands = Vec::new();
                while let Some(command) = map.next_key()? {
                    commands.push((command, map.next_value()?));
                }
                Ok(KeysEntry::Place(commands))
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

impl KeyOverride {
    /// Where it is in the file, as a key's path: `keys.quit`, `keys.help.toggle_help`.
    pub fn path(&self) -> String {
        match &self.place {
            Some(place) => format!("keys.{}.{}", place.get_ref(), self.command.get_ref()),
            None => format!("keys.{}", self.command.get_ref()),
        }
    }
}

impl<'de> Deserialize<'de> for KeyBindings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = KeyBindings;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of commands and their keys")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<KeyBindings, A::Error> {
                let mut overrides = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let entry: Spanned<KeysEntry> = map.next_value()?;
                    let span = entry.span();
                    match entry.into_inner() {
                        KeysEntry::Keys(keys) => overrides.push(KeyOverride {
                            place: None,
                            command: Spanned::new(span.clone(), name),
                            keys: Spanned::new(span, keys),
                        }),
                        KeysEntry::Place(commands) => {
                            overrides.extend(commands.into_iter().map(|(command, keys)| {
                                KeyOverride {
                                    place: Some(Spanned::new(span.clone(), name.clone())),
                                    command: Spanned::new(keys.span(), command),
                                    keys,
                                }
                            }))
                        }
                    }
                }
                Ok(KeyBindings(overrides))
            }
        }
        deserializer.deserialize_map(KeysVisitor)
    }
}

/// A `[[feed]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSetting {
    pub url: Spanned<String>,
    pub name: Option<String>,
    /// Fetch each new item's page for its whole text (most feeds carry only a summary).
    #[serde(default)]
    pub full_text: bool,
}

/// `[refresh]`: how often and how hard feeds are fetched.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Refresh {
    /// Minutes between fetches in the dashboard (`--refresh` wins); 0: never.
    pub interval_minutes: u32,
    /// The most one request may take, connecting and reading included.
    pub timeout_secs: NonZeroU64,
    /// The largest body read (after decompression).
    pub max_bytes: NonZeroU64,
    /// How many feeds are fetched at once.
    pub parallel: NonZeroUsize,
}

impl Default for Refresh {
    fn default() -> Self {
        let limits = Limits::default();
        let nonzero = |n: u64| NonZeroU64::new(n).unwrap_or(NonZeroU64::MIN);
        Self {
            interval_minutes: 0,
            timeout_secs: nonzero(limits.timeout.as_secs()),
            max_bytes: nonzero(limits.max_bytes),
            parallel: NonZeroUsize::new(limits.parallel).unwrap_or(NonZeroUsize::MIN),
        }
    }
}

impl Refresh {
    /// The dashboard's automatic fetch interval in minutes, if any.
    pub fn interval(&self) -> Option<u32> {
        NonZeroU32::new(self.interval_minutes).map(NonZeroU32::get)
    }

    /// The fetch limits these settings make (connecting never takes longer than the whole).
    pub fn limits(&self) -> Limits {
        let defaults = Limits::default();
        let timeout = Duration::from_secs(self.timeout_secs.get());
        Limits {
            connect_timeout: defaults.connect_timeout.min(timeout),
            timeout,
            max_bytes: self.max_bytes.get(),
            parallel: self.parallel.get(),
            ..defaults
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// For dark terminal backgrounds.
    #[default]
    Dark,
    /// For light terminal backgrounds.
    Light,
    /// No colour: bold, underline and reverse only (as with `NO_COLOR`).
    Mono,
}

/// Defines [`ThemeSettings`]: a built-in palette, and one optional foreground colour per
/// role of the dashboard's theme over it.
macro_rules! theme_settings {
    ($($role:ident),* $(,)?) => {
        /// `[theme]`: a built-in palette, and foreground colours that replace its own, role
        /// by role.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ThemeSettings {
            pub name: ThemeName,
            $(pub $role: Option<Colour>,)*
        }

        impl ThemeSettings {
            /// Every role's name, as the file spells it.
            pub const ROLES: &[&str] = &[$(stringify!($role)),*];

            /// The roles given a colour, by name.
            pub fn colours(&self) -> Vec<(&'static str, Colour)> {
                let mut set = Vec::new();
                $(if let Some(colour) = self.$role {
                    set.push((stringify!($role), colour));
                })*
                set
            }
        }
    };
}

theme_settings!(
    border,
    border_focused,
    title,
    title_focused,
    header,
    selected,
    selected_unfocused,
    dim,
    matched,
    link,
    player,
    player_selected,
    club,
    date,
    source,
    evidence,
    evidence_focused,
    bar,
    badge,
    expired,
    critical,
    soon,
    distant,
    clock,
    message,
    key,
    watched,
    unread,
);

/// A colour as the file writes it: `"#rrggbb"` or one of [`Colour::NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// One of the terminal's own colours.
    Named(NamedColour),
    Rgb(u8, u8, u8),
}

/// The terminal's sixteen colours, and its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedColour {
    Default,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

impl Colour {
    pub const NAMES: [(&str, NamedColour); 17] = [
        ("default", NamedColour::Default),
        ("black", NamedColour::Black),
        ("red", NamedColour::Red),
        ("green", NamedColour::Green),
        ("yellow", NamedColour::Yellow),
        ("blue", NamedColour::Blue),
        ("magenta", NamedColour::Magenta),
        ("cyan", NamedColour::Cyan),
        ("gray", NamedColour::Gray),
        ("dark-gray", NamedColour::DarkGray),
        ("light-red", NamedColour::LightRed),
        ("light-green", NamedColour::LightGreen),
        ("light-yellow", NamedColour::LightYellow),
        ("light-blue", NamedColour::LightBlue),
        ("light-magenta", NamedColour::LightMagenta),
        ("light-cyan", NamedColour::LightCyan),
        ("white", NamedColour::White),
    ];
}

impl FromStr for Colour {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        if let Some(hex) = text.strip_prefix('#')
            && hex.len() == 6
            && hex.chars().all(|c| c.is_ascii_hexdigit())
        {
            let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).unwrap_or(0);
            return Ok(Colour::Rgb(channel(0), channel(2), channel(4)));
        }
        let wanted = text.to_ascii_lowercase().replace(['_', ' '], "-");
        Colour::NAMES
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, colour)| Colour::Named(*colour))
            .ok_or_else(|| {
                let names: Vec<&str> = Colour::NAMES.iter().map(|(name, _)| *name).collect();
                format!(
                    "'{text}' is not a colour; expected \"#rrggbb\" or one of {}",
                    names.join(", ")
                )
            })
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

/// `[countdowns]`: when a contract's end counts as near, and what the pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CountdownSettings {
    /// Fewer days left than this: critical (red).
    pub critical_days: u32,
    /// Up to this many days left: soon (yellow); more: distant (green).
    pub soon_days: u32,
    /// Whether the dashboard lists ended contracts at start (`e` toggles).
    pub show_expired: bool,
    pub sort: CountdownSort,
}

impl Default for CountdownSettings {
    fn default() -> Self {
        let Thresholds {
            critical_days,
            soon_days,
        } = Thresholds::default();
        Self {
            critical_days,
            soon_days,
            show_expired: true,
            sort: CountdownSort::Ending,
        }
    }
}

impl CountdownSettings {
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            critical_days: self.critical_days,
            soon_days: self.soon_days,
        }
    }
}

/// The order of the countdowns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountdownSort {
    /// Running contracts, the soonest end first; then ended ones, the latest first.
    #[default]
    Ending,
    /// By the player's name.
    Player,
    /// By the club's name, then the soonest end.
    Club,
}

/// How far a source is trusted: tier 1 (official) to tier 4 (unreliable). Written as the
/// number or its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Tier(u8);

impl Tier {
    /// Each tier's label, tier 1 first.
    pub const LABELS: [&str; 4] = ["official", "reliable", "speculative", "unreliable"];

    /// 1 (most trusted) to 4.
    pub fn number(self) -> u8 {
        self.0
    }

    pub fn label(self) -> &'static str {
        Self::LABELS[usize::from(self.0 - 1)]
    }

    pub fn new(number: u8) -> Option<Self> {
        (1..=4).contains(&number).then_some(Tier(number))
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "tier {} ({})", self.0, self.label())
    }
}

impl<'de> Deserialize<'de> for Tier {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TierVisitor;
        impl Visitor<'_> for TierVisitor {
            type Value = Tier;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a tier: 1 to 4, or one of {}", Tier::LABELS.join(", "))
            }

            fn visit_i64<E: de::Error>(self, number: i64) -> Result<Tier, E> {
                u8::try_from(number)
                    .ok()
                    .and_then(Tier::new)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Signed(number), &self))
            }

            fn visit_u64<E: de::Error>(self, number: u64) -> Result<Tier, E> {
                u8::try_from(number)
                    .ok()
                    .and_then(Tier::new)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(number), &self))
            }

            fn visit_str<E: de::Error>(self, label: &str) -> Result<Tier, E> {
                let wanted = label.to_ascii_lowercase();
                Tier::LABELS
                    .iter()
                    .position(|l| *l == wanted)
                    .and_then(|at| u8::try_from(at + 1).ok())
                    .map(Tier)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(label), &self))
            }
        }
        deserializer.deserialize_any(TierVisitor)
    }
}

impl Settings {
    /// The tier the user gave this source (names compared without case or accents).
    pub fn tier(&self, source: &str) -> Option<Tier> {
        tier_of(&self.sources, source)
    }
}

/// The tier `tiers` (a configuration's `[sources]`) gives `source`, names compared without
/// case or accents.
pub fn tier_of(tiers: &BTreeMap<String, Tier>, source: &str) -> Option<Tier> {
    let wanted = fold(source);
    tiers
        .iter()
        .find(|(name, _)| fold(name) == wanted)
        .map(|(_, tier)| *tier)
}

/// A configuration file read from disk, kept to point at the place of a mistake.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    text: String,
}

/// The settings in force and the file they came from (none: the defaults).
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub file: Option<ConfigFile>,
    pub settings: Settings,
}

/// A mistake in the configuration: where, which key, what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {}{message}", key.as_deref().map(|k| format!("{k}: ")).unwrap_or_default())]
pub struct ConfigError {
    /// `path:line:column`, or the path alone.
    pub location: String,
    /// The key, as `section.key` (`feed[1].url`), when known.
    pub key: Option<String>,
    pub message: String,
}

/// Where the configuration file is: the one asked for, or the default one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigPath {
    /// `--config` or `MERCATO_CONFIG`: it must exist.
    Given(PathBuf),
    /// `$XDG_CONFIG_HOME/mercato/config.toml`: missing means the defaults.
    Default(PathBuf),
    /// No configuration folder is known for this user: the defaults.
    None,
}

impl ConfigPath {
    /// The given path, else the platform's configuration folder's `mercato/config.toml`.
    pub fn resolve(given: Option<PathBuf>) -> Self {
        match given {
            Some(path) => ConfigPath::Given(path),
            None => directories::ProjectDirs::from("", "", "mercato")
                .map_or(ConfigPath::None, |dirs| {
                    ConfigPath::Default(dirs.config_dir().join("config.toml"))
                }),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            ConfigPath::Given(path) | ConfigPath::Default(path) => Some(path),
            ConfigPath::None => None,
        }
    }
}

impl Config {
    /// Reads the settings: the defaults when the default file is missing; an error when a
    /// given file is missing or any file cannot be read or parsed.
    pub fn load(path: &ConfigPath) -> Result<Self, ConfigError> {
        let Some(file) = path.path() else {
            return Ok(Config::default());
        };
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(error)
                if error.kind() == std::io::ErrorKind::NotFound
                    && matches!(path, ConfigPath::Default(_)) =>
            {
                return Ok(Config::default());
            }
            Err(error) => {
                return Err(ConfigError {
                    location: file.display().to_string(),
                    key: None,
                    message: format!("cannot read the configuration: {error}"),
                });
            }
        };
        Self::parse(file, text)
    }

    /// Parses a configuration file's text.
    pub fn parse(path: &Path, text: String) -> Result<Self, ConfigError> {
        let file = ConfigFile {
            path: path.to_path_buf(),
            text,
        };
        let settings = parse_settings(&file.text).map_err(|(span, key, message)| {
            file.error(span.unwrap_or(0..0), key.as_deref(), &message)
        })?;
        Ok(Config {
            file: Some(file),
            settings,
        })
    }

    /// An error about what the settings say at `span` (of the file they came from).
    pub fn error(&self, span: Range<usize>, key: Option<&str>, message: &str) -> ConfigError {
        match &self.file {
            Some(file) => file.error(span, key, message),
            None => ConfigError {
                location: "the default configuration".to_string(),
                key: key.map(str::to_string),
                message: message.to_string(),
            },
        }
    }
}

impl ConfigFile {
    /// An error at `span`: `path:line:column: key: message`.
    fn error(&self, span: Range<usize>, key: Option<&str>, message: &str) -> ConfigError {
        let (line, column) = line_and_column(&self.text, span.start);
        ConfigError {
            location: format!("{}:{line}:{column}", self.path.display()),
            key: key.map(str::to_string),
            message: message.to_string(),
        }
    }
}

/// A byte offset as a 1-based line and column (in characters).
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The error's span, the path of the key it is about (if any) and its message on one line.
type ParseFailure = (Option<Range<usize>>, Option<String>, String);

fn parse_settings(text: &str) -> Result<Settings, ParseFailure> {
    let one_line = |error: &toml::de::Error| {
        error
            .message()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let deserializer =
        toml::Deserializer::parse(text).map_err(|error| (error.span(), None, one_line(&error)))?;
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let key = key_path(error.path());
        let inner = error.inner();
        (inner.span(), key, one_line(inner))
    })
}

/// A key's path as the file writes it (`refresh.parallel`, `feed[0].url`), without the
/// wrappers that keep spans.
fn key_path(path: &serde_path_to_error::Path) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut text = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if key.starts_with("$__serde_spanned") {
                    continue;
                }
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    (!text.is_empty()).then_some(text)
}

/// One line of the default key map: a command bound in a place. Names stay strings here:
/// the dashboard reads them into its contexts, commands and key patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultBinding {
    pub context: String,
    pub command: String,
    pub keys: Vec<String>,
    /// What the help overlay says.
    pub help: String,
    /// The key-hint bar's word, if it shows.
    pub hint: Option<String>,
}

/// The keys a key-map typing place reads as any typed character.
pub const ANY_CHARACTER: &str = "char";

/// The default key map (`assets/keymap.toml`), in its order. It is embedded and tested: it
/// always parses.
pub fn default_keymap() -> Vec<DefaultBinding> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Line {
        keys: Vec<String>,
        help: String,
        hint: Option<String>,
    }
    type Places = indexmap::IndexMap<String, indexmap::IndexMap<String, Line>>;
    let places: Places = toml::from_str(DEFAULT_KEYMAP)
        .unwrap_or_else(|error| panic!("assets/keymap.toml does not parse: {error}"));
    places
        .into_iter()
        .flat_map(|(context, lines)| {
            lines
                .into_iter()
                .map(move |(command, line)| DefaultBinding {
                    context: context.clone(),
                    command,
                    keys: line.keys,
                    help: line.help,
                    hint: line.hint,
                })
        })
        .collect()
}

/// The commented default configuration, with the default key map listed (commented out)
/// under `[keys]`, place by place.
pub fn default_text() -> String {
    let mut listed = String::new();
    let mut place = None;
    for binding in default_keymap() {
        if binding.keys.iter().any(|key| key == ANY_CHARACTER) {
            continue;
        }
        if place.as_ref() != Some(&binding.context) {
            listed.push_str(&format!("#\n# [keys.{}]\n", binding.context));
            place = Some(binding.context.clone());
        }
        let keys: Vec<String> = binding.keys.iter().map(|key| format!("{key:?}")).collect();
        listed.push_str(&format!("# {} = [{}]\n", binding.command, keys.join(", ")));
    }
    DEFAULT_CONFIG.replacen(KEYS_PLACEHOLDER, listed.trim_start_matches("#\n"), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, ConfigError> {
        Config::parse(
            Path::new("/home/ana/.config/mercato/config.toml"),
            text.into(),
        )
        .map(|config| config.settings)
    }

    #[test]
    fn the_default_text_parses_to_the_defaults() {
        let text = default_text();
        assert!(
            text.contains("\n# [keys.global]\n# start_filter = [\"/\"]\n"),
            "{text}"
        );
        assert!(text.ends_with("\n# quit = [\"q\", \"ctrl-c\"]\n"), "{text}");
        assert!(!text.contains("@default-keys@"));
        assert_eq!(parse(&text).unwrap(), Settings::default());
    }

    #[test]
    fn the_default_keymap_parses_in_order() {
        let keymap = default_keymap();
        assert_eq!(keymap[0].context, "articles");
        assert_eq!(keymap[0].command, "open");
        assert_eq!(keymap[0].keys, ["enter"]);
        assert_eq!(keymap[0].hint.as_deref(), Some("read"));
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse("").unwrap(), Settings::default());
    }

    #[test]
    fn every_section_is_read() {
        let settings = parse(
            r##"
[[feed]]
url = "https://example.org/football/rss.xml"
name = "Example Football"
full_text = true

[refresh]
interval_minutes = 15
timeout_secs = 5
parallel = 2

[keys]
quit = ["Q", "ctrl-c"]
help = { toggle_help = ["?", "esc"] }

[theme]
name = "light"
player = "#ff8800"
club = "dark-gray"

[countdowns]
critical_days = 90
show_expired = false
sort = "club"

[sources]
"The Athletic" = 1
"Daily Rumour" = "unreliable"
"##,
        )
        .unwrap();
        assert_eq!(settings.feeds.len(), 1);
        assert_eq!(
            settings.feeds[0].url.get_ref(),
            "https://example.org/football/rss.xml"
        );
        assert!(settings.feeds[0].full_text);
        assert_eq!(settings.refresh.interval(), Some(15));
        let limits = settings.refresh.limits();
        assert_eq!(limits.timeout, Duration::from_secs(5));
        assert_eq!(limits.connect_timeout, Duration::from_secs(5));
        assert_eq!(limits.parallel, 2);
        assert_eq!(limits.max_bytes, Limits::default().max_bytes);
        let keys: Vec<(Option<&str>, &str, Vec<&str>)> = settings
            .keys
            .0
            .iter()
            .map(|o| {
                (
                    o.place.as_ref().map(|p| p.get_ref().as_str()),
                    o.command.get_ref().as_str(),
                    o.keys
                        .get_ref()
                        .iter()
                        .map(|k| k.get_ref().as_str())
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                (None, "quit", vec!["Q", "ctrl-c"]),
                (Some("help"), "toggle_help", vec!["?", "esc"])
            ]
        );
        assert_eq!(settings.theme.name, ThemeName::Light);
        assert_eq!(
            settings.theme.colours(),
            [
                ("player", Colour::Rgb(0xff, 0x88, 0)),
                ("club", Colour::Named(NamedColour::DarkGray))
            ]
        );
        assert_eq!(settings.countdowns.critical_days, 90);
        assert_eq!(settings.countdowns.soon_days, 365);
        assert!(!settings.countdowns.show_expired);
        assert_eq!(settings.countdowns.sort, CountdownSort::Club);
        assert_eq!(settings.tier("the athletic").map(Tier::number), Some(1));
        assert_eq!(settings.tier("Daily Rumour").map(Tier::number), Some(4));
        assert_eq!(settings.tier("Nobody"), None);
    }

    #[test]
    fn a_wrong_type_names_the_place_the_key_and_what_was_expected() {
        let error = parse("[refresh]\ninterval_minutes = \"often\"\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "/home/ana/.config/mercato/config.toml:2:20: refresh.interval_minutes: \
             invalid type: string \"often\", expected u32"
        );
    }

    #[test]
    fn an_unknown_key_lists_the_valid_ones() {
        let error = parse("[refresh]\ninterval = 5\n").unwrap_err();
        assert_eq!(error.location, "/home/ana/.config/mercato/config.toml:2:1");
        assert_eq!(
            error.message,
            "unknown field `interval`, expected one of `interval_minutes`, `timeout_secs`, \
             `max_bytes`, `parallel`"
        );
        let error = parse("[colours]\n").unwrap_err();
        assert!(
            error.message.contains("`feed`, `refresh`, `keys`"),
            "{error}"
        );
    }

    #[test]
    fn bad_values_say_what_is_allowed() {
        let error = parse("[theme]\nplayer = \"#ff88\"\n").unwrap_err();
        assert_eq!(error.key.as_deref(), Some("theme.player"));
        assert!(
            error
                .message
                .starts_with("'#ff88' is not a colour; expected \"#rrggbb\"")
        );
        let error = parse("[sources]\n\"Daily Rumour\" = 7\n").unwrap_err();
        assert_eq!(error.location, "/home/ana/.config/mercato/config.toml:2:18");
        assert!(
            error
                .message
                .contains("expected a tier: 1 to 4, or one of official"),
            "{error}"
        );
        let error = parse("[refresh]\nparallel = 0\n").unwrap_err();
        assert_eq!(error.key.as_deref(), Some("refresh.parallel"));
        let error = parse("[countdowns]\nsort = \"age\"\n").unwrap_err();
        assert!(
            error.message.contains("`ending`, `player`, `club`"),
            "{error}"
        );
        let error = parse("[keys]\nquit = [\"q\", 1]\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "/home/ana/.config/mercato/config.toml:2:14: keys.quit[1]: invalid type: \
             integer `1`, expected a string"
        );
        let error = parse("[[feed]]\nname = \"No address\"\n").unwrap_err();
        assert_eq!(error.key.as_deref(), Some("feed[0]"));
        assert!(error.message.contains("missing field `url`"), "{error}");
    }

    #[test]
    fn a_syntax_error_is_one_line_with_its_place() {
        let error = parse("[refresh\ninterval_minutes = 5\n").unwrap_err();
        assert_eq!(error.location, "/home/ana/.config/mercato/config.toml:1:9");
        assert!(!error.to_string().contains('\n'), "{error}");
    }

    #[test]
    fn a_missing_default_file_is_the_defaults_and_a_missing_given_one_an_error() {
        let missing = PathBuf::from("/nonexistent/mercato/config.toml");
        let config = Config::load(&ConfigPath::Default(missing.clone())).unwrap();
        assert_eq!(config.settings, Settings::default());
        assert!(config.file.is_none());
        let error = Config::load(&ConfigPath::Given(missing)).unwrap_err();
        assert_eq!(error.location, "/nonexistent/mercato/config.toml");
        assert!(
            error.message.starts_with("cannot read the configuration"),
            "{error}"
        );
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_and_column("a = \"é\"\nb = 1", 10), (2, 2));
        assert_eq!(line_and_column("abc", 0), (1, 1));
    }
}

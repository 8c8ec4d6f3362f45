//! Every style the dashboard uses. Colours are foreground only (no background fills), so the
//! terminal's own background shows through; with `NO_COLOR` set, only modifiers are used.

use ratatui::style::{Color, Modifier, Style};

use crate::countdown::Urgency;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    pub header: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of another pane.
    pub selected_unfocused: Style,
    pub dim: Style,
    /// Filter matches in names.
    pub matched: Style,
    pub link: Style,
    pub player: Style,
    /// The selected player where they are named.
    pub player_selected: Style,
    pub club: Style,
    pub date: Style,
    pub source: Style,
    /// Evidence sentences in the reader.
    pub evidence: Style,
    /// The evidence sentence the reader was opened at.
    pub evidence_focused: Style,
    pub bar: Style,
    pub badge: Style,
    pub expired: Style,
    pub critical: Style,
    pub soon: Style,
    pub distant: Style,
    pub clock: Style,
    pub message: Style,
    pub key: Style,
    /// Watched players and clubs: their mark, and its style.
    pub watched: Style,
    pub watched_mark: &'static str,
    /// Articles not read yet.
    pub unread: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self::colored()
    }
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty (<https://no-color.org>).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Self::monochrome(),
            _ => Self::colored(),
        }
    }

    pub fn colored() -> Self {
        let fg = |color| Style::new().fg(color);
        Self {
            color: true,
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan),
            title: Style::new(),
            title_focused: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: fg(Color::DarkGray),
            matched: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            link: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            player: fg(Color::Cyan),
            player_selected: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            club: fg(Color::Green),
            date: fg(Color::Magenta),
            source: fg(Color::Blue).add_modifier(Modifier::ITALIC),
            evidence: Style::new().add_modifier(Modifier::UNDERLINED),
            evidence_focused: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            bar: fg(Color::Green),
            badge: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            expired: fg(Color::DarkGray).add_modifier(Modifier::CROSSED_OUT),
            critical: fg(Color::Red).add_modifier(Modifier::BOLD),
            soon: fg(Color::Yellow),
            distant: fg(Color::Green),
            clock: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            message: fg(Color::Yellow),
            key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            watched: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            watched_mark: "★",
            unread: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    pub fn monochrome() -> Self {
        let m = |modifier| Style::new().add_modifier(modifier);
        Self {
            color: false,
            border: Style::new(),
            border_focused: m(Modifier::BOLD),
            title: Style::new(),
            title_focused: m(Modifier::BOLD | Modifier::REVERSED),
            header: m(Modifier::BOLD | Modifier::UNDERLINED),
            selected: m(Modifier::REVERSED),
            selected_unfocused: m(Modifier::BOLD | Modifier::UNDERLINED),
            dim: m(Modifier::DIM),
            matched: m(Modifier::BOLD | Modifier::UNDERLINED),
            link: m(Modifier::BOLD),
            player: m(Modifier::BOLD),
            player_selected: m(Modifier::BOLD | Modifier::UNDERLINED),
            club: m(Modifier::ITALIC),
            date: m(Modifier::DIM),
            source: m(Modifier::ITALIC),
            evidence: m(Modifier::UNDERLINED),
            evidence_focused: m(Modifier::UNDERLINED | Modifier::BOLD),
            bar: Style::new(),
            badge: m(Modifier::BOLD),
            expired: m(Modifier::CROSSED_OUT | Modifier::DIM),
            critical: m(Modifier::BOLD),
            soon: m(Modifier::UNDERLINED),
            distant: Style::new(),
            clock: m(Modifier::BOLD),
            message: m(Modifier::BOLD),
            key: m(Modifier::BOLD),
            watched: m(Modifier::BOLD),
            // Plain ASCII: a terminal without colour may not have the star either.
            watched_mark: "*",
            unread: m(Modifier::BOLD),
        }
    }

    pub fn urgency(&self, urgency: Urgency) -> Style {
        match urgency {
            Urgency::Expired => self.expired,
            Urgency::Critical => self.critical,
            Urgency::Soon => self.soon,
            Urgency::Distant => self.distant,
        }
    }
}

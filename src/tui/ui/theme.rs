//! Every style the dashboard uses. Colours are foreground only (no background fills), so the
//! terminal's own background shows through; with `NO_COLOR` set, only modifiers are used.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Colour, NamedColour, ThemeName, ThemeSettings};
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
    /// The configured theme, unless `NO_COLOR` is set to anything non-empty
    /// (<https://no-color.org>): then no colour at all.
    pub fn from_env(settings: &ThemeSettings) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Self::configured(settings, no_color)
    }

    /// The palette the settings name with their colours per role over it; with `no_color`,
    /// [`Theme::monochrome`] whatever they say.
    pub fn configured(settings: &ThemeSettings, no_color: bool) -> Self {
        if no_color {
            return Self::monochrome();
        }
        let mut theme = match settings.name {
            ThemeName::Dark => Self::colored(),
            ThemeName::Light => Self::light(),
            ThemeName::Mono => Self::monochrome(),
        };
        for (role, colour) in settings.colours() {
            if let Some(style) = theme.role_mut(role) {
                *style = style.fg(color(colour));
                theme.color = true;
            }
        }
        theme
    }

    /// A role's style by its name in the configuration ([`ThemeSettings::ROLES`]).
    fn role_mut(&mut self, role: &str) -> Option<&mut Style> {
        Some(match role {
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "title" => &mut self.title,
            "title_focused" => &mut self.title_focused,
            "header" => &mut self.header,
            "selected" => &mut self.selected,
            "selected_unfocused" => &mut self.selected_unfocused,
            "dim" => &mut self.dim,
            "matched" => &mut self.matched,
            "link" => &mut self.link,
            "player" => &mut self.player,
            "player_selected" => &mut self.player_selected,
            "club" => &mut self.club,
            "date" => &mut self.date,
            "source" => &mut self.source,
            "evidence" => &mut self.evidence,
            "evidence_focused" => &mut self.evidence_focused,
            "bar" => &mut self.bar,
            "badge" => &mut self.badge,
            "expired" => &mut self.expired,
            "critical" => &mut self.critical,
            "soon" => &mut self.soon,
            "distant" => &mut self.distant,
            "clock" => &mut self.clock,
            "message" => &mut self.message,
            "key" => &mut self.key,
            "watched" => &mut self.watched,
            "unread" => &mut self.unread,
            _ => return None,
        })
    }

    /// For light terminal backgrounds: the dark palette's roles in colours that stay
    /// readable on white (no yellow or light grey text).
    pub fn light() -> Self {
        let fg = |color| Style::new().fg(color);
        let amber = Color::Rgb(0xa0, 0x60, 0x00);
        Self {
            border: fg(Color::Gray),
            border_focused: fg(Color::Blue),
            title_focused: fg(Color::Blue).add_modifier(Modifier::BOLD),
            dim: fg(Color::DarkGray),
            matched: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            link: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            player: fg(Color::Blue),
            player_selected: fg(Color::Red).add_modifier(Modifier::BOLD),
            club: fg(Color::Green),
            date: fg(Color::Magenta),
            source: fg(Color::Blue).add_modifier(Modifier::ITALIC),
            bar: fg(Color::Green),
            badge: fg(amber).add_modifier(Modifier::BOLD),
            expired: fg(Color::DarkGray).add_modifier(Modifier::CROSSED_OUT),
            critical: fg(Color::Red).add_modifier(Modifier::BOLD),
            soon: fg(amber),
            distant: fg(Color::Green),
            clock: fg(Color::Blue).add_modifier(Modifier::BOLD),
            message: fg(amber),
            key: fg(Color::Blue).add_modifier(Modifier::BOLD),
            watched: fg(amber).add_modifier(Modifier::BOLD),
            ..Self::colored()
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

/// The terminal colour a configured colour names.
fn color(colour: Colour) -> Color {
    match colour {
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
        Colour::Named(named) => match named {
            NamedColour::Default => Color::Reset,
            NamedColour::Black => Color::Black,
            NamedColour::Red => Color::Red,
            NamedColour::Green => Color::Green,
            NamedColour::Yellow => Color::Yellow,
            NamedColour::Blue => Color::Blue,
            NamedColour::Magenta => Color::Magenta,
            NamedColour::Cyan => Color::Cyan,
            NamedColour::Gray => Color::Gray,
            NamedColour::DarkGray => Color::DarkGray,
            NamedColour::LightRed => Color::LightRed,
            NamedColour::LightGreen => Color::LightGreen,
            NamedColour::LightYellow => Color::LightYellow,
            NamedColour::LightBlue => Color::LightBlue,
            NamedColour::LightMagenta => Color::LightMagenta,
            NamedColour::LightCyan => Color::LightCyan,
            NamedColour::White => Color::White,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_configurable_role_is_a_style() {
        let mut theme = Theme::colored();
        for role in ThemeSettings::ROLES {
            assert!(theme.role_mut(role).is_some(), "{role}");
        }
    }

    #[test]
    fn the_light_palette_has_no_text_colour_lost_on_white() {
        let mut light = Theme::light();
        for role in ThemeSettings::ROLES {
            let style = light.role_mut(role).copied().unwrap_or_default();
            let faint = [Color::Yellow, Color::LightYellow, Color::White, Color::Gray];
            let border = role.starts_with("border");
            assert!(
                border || !style.fg.is_some_and(|fg| faint.contains(&fg)),
                "{role}: {style:?}"
            );
        }
    }

    #[test]
    fn named_palettes_and_colours_per_role_and_no_color_wins() {
        let mut settings = ThemeSettings {
            name: ThemeName::Light,
            ..ThemeSettings::default()
        };
        assert_eq!(Theme::configured(&settings, false), Theme::light());
        settings.name = ThemeName::Mono;
        assert_eq!(Theme::configured(&settings, false), Theme::monochrome());
        settings.player = Some(Colour::Rgb(0xff, 0x88, 0));
        let theme = Theme::configured(&settings, false);
        // The colour replaces the foreground; the palette's modifiers stay.
        assert_eq!(
            theme.player,
            Style::new()
                .fg(Color::Rgb(0xff, 0x88, 0))
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(Theme::configured(&settings, true), Theme::monochrome());
        assert_eq!(
            Theme::configured(&ThemeSettings::default(), false),
            Theme::colored()
        );
    }
}

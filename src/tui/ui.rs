//! Drawing, and nothing else: every function here reads the state and writes to the frame.

mod articles;
mod club;
mod confirm;
mod countdowns;
mod destinations;
mod digest;
mod help;
mod loading;
mod players;
mod problems;
mod reader;
mod sources;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::action::{Command, Pane};
use super::intel::IntelOverlay;
use super::keymap::{Context, Keymap};
use super::layout::{self, Mode, PaneArea, Screen};
use super::state::State;
use theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State, theme: &Theme, keymap: &Keymap) {
    let screen = layout::compute_for(frame.area(), state);
    if screen.mode == Mode::TooSmall {
        too_small(frame, screen.area, theme);
        return;
    }
    if !screen.tabs.is_empty() {
        tabs(frame, &screen, state, theme);
    }
    for area in &screen.panes {
        let focused = area.pane == state.focus;
        if state.loading.is_some() && area.pane != Pane::Players {
            // Empty frames until the model is there ("No articles." would be untrue); the
            // players pane still shows the filter being typed.
            frame.render_widget(
                pane_block(area, theme, focused, Vec::new(), None),
                area.outer,
            );
            note(frame, area.inner, "Loading…", theme);
            continue;
        }
        match area.pane {
            Pane::Articles => articles::draw(frame, area, state, theme, focused),
            Pane::Players => players::draw(frame, area, state, theme, focused),
            Pane::Destinations => destinations::draw(frame, area, state, theme, focused),
            Pane::Countdowns => countdowns::draw(frame, area, state, theme, focused),
            Pane::Reader => reader::draw(frame, area, state, theme, focused),
        }
    }
    status::draw_status(frame, screen.status, state, theme);
    status::draw_hints(frame, screen.hints, state, theme, keymap);
    if let Some(rect) = screen.overlay {
        if state.help.is_some() {
            help::draw(frame, rect, state, theme, keymap);
        } else if state.problems.is_some() {
            problems::draw(frame, rect, state, theme);
        } else if state.desk.digest_open.is_some() {
            digest::draw(frame, rect, state, theme);
        } else {
            match &state.intel {
                Some(IntelOverlay::Sources(view)) => sources::draw(frame, rect, state, view, theme),
                Some(IntelOverlay::Board(view)) => club::draw(frame, rect, state, view, theme),
                None => {}
            }
        }
    } else if let Some(progress) = &state.loading {
        loading::draw(frame, screen.area, progress, theme);
    }
    confirm::draw(frame, screen.area, state, theme);
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = format!(
        "Terminal too small ({}×{}): needs {}×{}",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let paragraph = Paragraph::new(Line::styled(text, theme.message))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    let y = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(paragraph, rect);
}

fn tabs(frame: &mut Frame, screen: &Screen, state: &State, theme: &Theme) {
    let mut spans = Vec::new();
    for (index, (pane, label)) in layout::tab_labels(state.focus, screen.tab_bar.width)
        .into_iter()
        .enumerate()
    {
        if index > 0 {
            spans.push(Span::styled("│", theme.dim));
        }
        let style = if pane == state.focus {
            theme.selected
        } else {
            theme.title
        };
        spans.push(Span::styled(label, style));
    }
    if state.maximised
        && let Some(key) = state
            .keymap
            .keys_for(Context::Global, &Command::ToggleMaximise, 1, "")
    {
        spans.push(Span::styled(format!("  {key} restores"), theme.dim));
    }
    frame.render_widget(Line::from(spans), screen.tab_bar);
}

/// The bordered block of a pane: number and title, extra title parts, focus colour.
fn pane_block<'a>(
    area: &PaneArea,
    theme: &Theme,
    focused: bool,
    extra: Vec<Span<'a>>,
    right: Option<String>,
) -> Block<'a> {
    let pane = area.pane;
    let title_style = if focused {
        theme.title_focused
    } else {
        theme.title
    };
    let mut title = vec![Span::styled(
        format!(" {} {} ", pane.number(), pane.title()),
        title_style,
    )];
    title.extend(extra);
    let mut block = Block::bordered()
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Line::from(title));
    if let Some(right) = right {
        block = block.title(Line::styled(format!(" {right} "), theme.dim).right_aligned());
    }
    block
}

/// The marker in front of the selected row (visible without colour too).
fn marker(selected: bool) -> &'static str {
    if selected { "›" } else { " " }
}

/// The title part that says a pane shows only what is watched (`W`).
fn watched_only(state: &State, pane: Pane, theme: &Theme) -> Option<Span<'static>> {
    state
        .desk
        .watched_only
        .contains(&pane)
        .then(|| Span::styled(format!("{} only ", theme.watched_mark), theme.watched))
}

/// A name cut to `width` columns, after the watched mark when it is watched.
fn with_mark<'a>(
    name: &str,
    watched: bool,
    width: usize,
    theme: &Theme,
    style: ratatui::style::Style,
) -> Line<'a> {
    if !watched {
        return Line::from(Span::styled(super::text::truncate(name, width), style));
    }
    Line::from(vec![
        Span::styled(theme.watched_mark, theme.watched),
        Span::raw(" "),
        Span::styled(super::text::truncate(name, width.saturating_sub(2)), style),
    ])
}

/// The style of a row.
fn row_style(theme: &Theme, selected: bool, focused: bool) -> ratatui::style::Style {
    match (selected, focused) {
        (true, true) => theme.selected,
        (true, false) => theme.selected_unfocused,
        _ => ratatui::style::Style::new(),
    }
}

/// The title parts that show a pane follows another: what it follows, and how to undo it.
fn link_title(following: String, state: &State, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = vec![Span::styled(following, theme.link)];
    if let Some(key) = unlink_key(state) {
        spans.push(Span::styled(format!("({key} unlinks) "), theme.dim));
    }
    spans
}

/// An overlay's reminder of its keys: " ? or Esc closes · j/k g/G scroll " (`ends`: with the
/// keys to the first and last line).
fn overlay_keys(keymap: &Keymap, context: Context, close: &Command, ends: bool) -> String {
    let first = |command: Command| keymap.keys_for(context, &command, 1, "");
    let pair = |a: Command, b: Command| Some(format!("{}/{}", first(a)?, first(b)?));
    let mut scroll = vec![pair(Command::Down, Command::Up)];
    if ends {
        scroll.push(pair(Command::Top, Command::Bottom));
    }
    let scroll: Vec<String> = scroll.into_iter().flatten().collect();
    let mut parts = Vec::new();
    if let Some(keys) = keymap.keys_for(context, close, 2, " or ") {
        parts.push(format!("{keys} closes"));
    }
    if !scroll.is_empty() {
        parts.push(format!("{} scroll", scroll.join(" ")));
    }
    format!(" {} ", parts.join(" · "))
}

/// The key that removes a link between panes, if it has one.
fn unlink_key(state: &State) -> Option<String> {
    state
        .keymap
        .keys_for(Context::Global, &Command::Unlink, 1, "")
}

/// Draws a single dim line (for empty panes).
fn note(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    if area.height > 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(text.to_string(), theme.dim)).wrap(Wrap { trim: true }),
            area,
        );
    }
}

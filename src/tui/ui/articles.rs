//! 1 Articles: date (or "undated"), title, source, how many players; newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::{link_title, marker, note, pane_block, row_style};
use crate::text::thousands;
use crate::tui::display_text;
use crate::tui::layout::PaneArea;
use crate::tui::state::{Link, State};
use crate::tui::text::{truncate, width};
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let rows = &state.articles.rows;
    let mut extra = Vec::new();
    if state.link == Link::ArticlesFollowPlayer
        && let Some(person) = state.articles.filter.and_then(|p| state.model.person(p))
    {
        let mark = match state.articles.filter {
            Some(p) if state.is_watched_person(p) => format!("{} ", theme.watched_mark),
            _ => String::new(),
        };
        extra = link_title(
            format!("· naming {mark}{} ", display_text(&person.name)),
            state,
            theme,
        );
    }
    extra.extend(super::watched_only(state, area.pane, theme));
    let mut count = if rows.len() == state.model.articles.len() {
        thousands(rows.len())
    } else {
        format!(
            "{} of {}",
            thousands(rows.len()),
            thousands(state.model.articles.len())
        )
    };
    count = match state.unread_listed() {
        0 => count,
        unread if unread == rows.len() => format!("{count} unread"),
        unread => format!("{} unread · {count}", thousands(unread)),
    };
    if state.feeds.unseen > 0 {
        count = format!("{} new · {count}", state.feeds.unseen);
    }

    frame.render_widget(
        pane_block(area, theme, focused, extra, Some(count)),
        area.outer,
    );
    if rows.is_empty() {
        note(frame, area.inner, "No articles.", theme);
        return;
    }
    let height = usize::from(area.rows.height);
    let window = state.articles.cursor.window(rows.len(), height);
    let selected = state.articles.cursor.selected;
    let source_of = |index: usize| {
        let article = &state.model.articles[index];
        article
            .source
            .as_deref()
            .or_else(|| {
                state
                    .model
                    .extractions
                    .get(index)
                    .and_then(|e| e.sources.first())
                    .map(String::as_str)
            })
            .unwrap_or("—")
    };
    let widest_source = rows[window.clone()]
        .iter()
        .map(|&index| width(&display_text(source_of(index))))
        .max()
        .unwrap_or(0);
    let columns = Columns::fit(area.inner.width, widest_source);
    let table_rows = window.map(|at| {
        let index = rows[at];
        let article = &state.model.articles[index];
        let is_selected = at == selected;
        let date = article
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let mut cells = vec![
            Cell::from(marker(is_selected)),
            Cell::from(Span::styled(
                date,
                if article.date.is_some() {
                    theme.date
                } else {
                    theme.dim
                },
            )),
            Cell::from(truncate(&article.title, usize::from(columns.title))),
        ];
        if columns.source > 0 {
            cells.push(Cell::from(Span::styled(
                truncate(source_of(index), usize::from(columns.source)),
                theme.source,
            )));
        }
        cells.push(Cell::from(format!(
            "{:>width$}",
            thousands(state.players_in(index)),
            width = usize::from(columns.players)
        )));
        let style = row_style(theme, is_selected, focused);
        Row::new(cells).style(if state.is_read(index) {
            style
        } else {
            style.patch(theme.unread)
        })
    });
    let mut header = vec!["", "Date", "Title"];
    if columns.source > 0 {
        header.push("Source");
    }
    header.push(if columns.players >= 7 {
        "Players"
    } else {
        "Pl."
    });
    let table = Table::new(table_rows, columns.constraints())
        .header(Row::new(header).style(theme.header))
        .column_spacing(1);
    let table_area = Rect::new(
        area.inner.x,
        area.inner.y,
        area.inner.width,
        area.rows.height + 1,
    );
    frame.render_widget(table, table_area);
}

/// The articles table's column widths: the title comes first; the source gets what the title
/// can spare (up to its widest, at most [`Columns::SOURCE`]) and goes when that is too little.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    title: u16,
    source: u16,
    players: u16,
}

impl Columns {
    const SOURCE: usize = 14;
    /// Columns a title keeps before the source gets any.
    const TITLE: usize = 16;

    fn fit(width: u16, widest_source: usize) -> Self {
        let width = usize::from(width);
        let players = if width >= 70 { 7 } else { 3 };
        // The marker, the date, the player count, and the spaces between four columns.
        let free = width.saturating_sub(1 + 10 + players + 3);
        let source = widest_source
            .max("Source".len())
            .min(Self::SOURCE)
            .min(free.saturating_sub(Self::TITLE + 1));
        let (title, source) = if source >= "Source".len() {
            (free - source - 1, source)
        } else {
            (free, 0)
        };
        let cols = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        Self {
            title: cols(title),
            source: cols(source),
            players: cols(players),
        }
    }

    fn constraints(self) -> Vec<Constraint> {
        let mut constraints = vec![
            Constraint::Length(1),
            Constraint::Length(10),
            Constraint::Length(self.title),
        ];
        if self.source > 0 {
            constraints.push(Constraint::Length(self.source));
        }
        constraints.push(Constraint::Length(self.players));
        constraints
    }
}

#[cfg(test)]
mod tests {
    use super::Columns;

    #[test]
    fn the_title_keeps_its_room_before_the_source_gets_any() {
        // 30×8: the pane is 28 wide inside; the source goes.
        assert_eq!(
            Columns::fit(28, 10),
            Columns {
                title: 11,
                source: 0,
                players: 3
            }
        );
        let wide = Columns::fit(78, 10);
        assert_eq!((wide.source, wide.players), (10, 7));
        assert_eq!(usize::from(wide.title), 78 - 1 - 10 - 7 - 10 - 4);
    }
}

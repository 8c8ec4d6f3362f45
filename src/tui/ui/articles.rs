//! 1 Articles: date (or "undated"), title, source, how many players; newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::{link_title, marker, note, pane_block, row_style};
use crate::tui::display_text;
use crate::tui::layout::PaneArea;
use crate::tui::state::{Link, State};
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let rows = &state.articles.rows;
    let mut extra = Vec::new();
    if state.link == Link::ArticlesFollowPlayer
        && let Some(person) = state
            .articles
            .filter
            .and_then(|p| state.model.people.get(p))
    {
        extra = link_title(format!("· naming {} ", display_text(&person.name)), theme);
    }
    let mut count = if rows.len() == state.model.articles.len() {
        format!("{}", rows.len())
    } else {
        format!("{} of {}", rows.len(), state.model.articles.len())
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
    let table_rows = window.map(|at| {
        let index = rows[at];
        let article = &state.model.articles[index];
        let is_selected = at == selected;
        let date = article
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let source = article
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
            .unwrap_or("—");
        Row::new([
            Cell::from(marker(is_selected)),
            Cell::from(Span::styled(
                date,
                if article.date.is_some() {
                    theme.date
                } else {
                    theme.dim
                },
            )),
            Cell::from(display_text(&article.title).into_owned()),
            Cell::from(Span::styled(
                display_text(source).into_owned(),
                theme.source,
            )),
            Cell::from(format!("{:>3}", state.players_in(index))),
        ])
        .style(row_style(theme, is_selected, focused))
    });
    let table = Table::new(
        table_rows,
        [
            Constraint::Length(1),
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Max(14),
            Constraint::Length(3),
        ],
    )
    .header(Row::new(["", "Date", "Title", "Source", "Pl."]).style(theme.header))
    .column_spacing(1);
    let table_area = Rect::new(
        area.inner.x,
        area.inner.y,
        area.inner.width,
        area.rows.height + 1,
    );
    frame.render_widget(table, table_area);
}

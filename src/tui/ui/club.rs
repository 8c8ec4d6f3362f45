//! The `c` overlay: a club's board as of the clock's date, found by a fuzzy search. Who is
//! coming (by heat, with stage and ladder), who may go, its players' contracts, and what
//! was written about it.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::countdown::describe;
use crate::text::plural;
use crate::tui::action::Command;
use crate::tui::display_text;
use crate::tui::intel::{Board, BoardRumour, BoardView};
use crate::tui::keymap::Context;
use crate::tui::state::State;
use crate::tui::text::truncate;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &BoardView, theme: &Theme) {
    let date = state.clock_date();
    let club = view.club.map(|club| state.model.club_name(club));
    let title = match club {
        Some(name) => format!(" Club board · {} · as of {date} ", display_text(name)),
        None => " Club board ".to_string(),
    };
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(title, theme.title_focused))
        .title(
            Line::styled(
                format!(
                    " type a club ·{}",
                    super::overlay_keys(&state.keymap, Context::Board, &Command::Back, false)
                ),
                theme.dim,
            )
            .right_aligned(),
        );
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled("club: ", theme.dim),
        Span::raw(display_text(&view.query).into_owned()),
        Span::styled("▏", theme.dim),
    ])];
    match &view.board {
        Some(board) => lines.extend(board_lines(board, date, theme)),
        None => lines.push(Line::styled(
            "Type a club's name: its incoming and outgoing rumours, contracts and articles.",
            theme.dim,
        )),
    }
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let scroll = view.scroll.min(lines.len().saturating_sub(height));
    // The search line stays; the board scrolls under it.
    let mut shown = vec![lines.remove(0)];
    shown.extend(lines.into_iter().skip(scroll));
    let shown: Vec<Line> = shown
        .into_iter()
        .take(height)
        .map(|line| fit(line, width))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A line cut to `width` columns (its style kept, its spans' own styles dropped when cut).
fn fit(line: Line<'_>, width: usize) -> Line<'_> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if crate::tui::text::width(&text) > width {
        Line::from(truncate(&text, width)).style(line.style)
    } else {
        line
    }
}

/// The board under the search line: as many lines as [`Board::lines`] counts.
fn board_lines(board: &Board, date: NaiveDate, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let heading = |text: String| Line::styled(text, theme.header);
    lines.push(Line::raw(""));
    lines.push(heading(format!("Incoming · {}", board.incoming.len())));
    lines.extend(rumour_lines(&board.incoming, false, theme));
    lines.push(Line::raw(""));
    lines.push(heading(format!("Outgoing · {}", board.outgoing.len())));
    lines.extend(rumour_lines(&board.outgoing, true, theme));
    lines.push(Line::raw(""));
    lines.push(heading(format!("Contracts · {}", board.contracts.len())));
    for (player, expires) in &board.contracts {
        lines.push(Line::from(vec![
            Span::raw(format!("  {} ", display_text(player))),
            Span::styled(expires.to_string(), theme.date),
            Span::styled(format!(" · {}", describe(*expires, date)), theme.dim),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(heading(plural(board.articles.len(), "article", "articles")));
    for (day, title, source) in &board.articles {
        let day = day.map_or_else(|| "undated   ".to_string(), |d| d.to_string());
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(day, theme.date),
            Span::raw(format!(" {}", display_text(title))),
            Span::styled(
                source
                    .as_deref()
                    .map(|source| format!(" · {}", display_text(source)))
                    .unwrap_or_default(),
                theme.source,
            ),
        ]));
    }
    lines
}

/// One line per rumour: player (and club, for outgoing), stage, heat, ladder; cold dimmed.
fn rumour_lines(list: &[BoardRumour], with_club: bool, theme: &Theme) -> Vec<Line<'static>> {
    if list.is_empty() {
        return vec![Line::styled("  none", theme.dim)];
    }
    list.iter()
        .map(|rumour| {
            let mut head = format!("  {}", display_text(&rumour.player));
            if with_club {
                head.push_str(&format!(" → {}", display_text(&rumour.club)));
            }
            head.push_str(&format!(
                " · {} · heat {:.2} · ",
                rumour.stage.name(),
                rumour.heat
            ));
            let style = if rumour.cold {
                theme.dim
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::raw(head),
                Span::styled(rumour.steps.clone(), theme.date),
            ])
            .style(style)
        })
        .collect()
}

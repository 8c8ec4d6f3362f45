//! 3 Rumoured destinations of the selected player: club, articles, distinct sources,
//! first/last seen, a bar of relative strength; under it, the selected club's evidence.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{marker, note, pane_block, row_style, watched_only, with_mark};
use crate::model::Rumour;
use crate::text::{plural, thousands};
use crate::tui::display_text;
use crate::tui::layout::PaneArea;
use crate::tui::state::State;
use crate::tui::text::wrap;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let player = state
        .destinations
        .player
        .and_then(|p| state.model.person(p));
    let watched = state
        .destinations
        .player
        .is_some_and(|p| state.is_watched_person(p));
    let extra = player
        .map(|p| {
            let mut title = vec![Span::styled("· ", theme.player_selected)];
            if watched {
                title.push(Span::styled(
                    format!("{} ", theme.watched_mark),
                    theme.watched,
                ));
            }
            title.push(Span::styled(
                format!("{} ", display_text(&p.name)),
                theme.player_selected,
            ));
            title
        })
        .unwrap_or_default();
    let mut extra = extra;
    extra.extend(watched_only(state, area.pane, theme));
    let right = (!state.destinations.rows.is_empty())
        .then(|| plural(state.destinations.rows.len(), "club", "clubs"));
    frame.render_widget(pane_block(area, theme, focused, extra, right), area.outer);
    let Some(player) = player else {
        note(
            frame,
            area.inner,
            "Select a player to see where they are rumoured to go.",
            theme,
        );
        return;
    };
    let rows = &state.destinations.rows;
    if rows.is_empty() {
        note(
            frame,
            area.inner,
            &format!(
                "No rumoured destinations for {}.",
                display_text(&player.name)
            ),
            theme,
        );
        return;
    }
    clubs(frame, area, state, theme, focused);
    evidence(frame, area, state, theme, focused);
}

fn clubs(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let rows = &state.destinations.rows;
    let strongest = rows
        .iter()
        .filter_map(|&r| state.model.rumours.get(r))
        .map(|r| r.articles.len())
        .max()
        .unwrap_or(1)
        .max(1);
    // Whole words over the counts when there is room. The bar gets what is left after a
    // club name of 19 columns ("Paris Saint-Germain"), between 3 and 12 columns; the club
    // the rest.
    let width = usize::from(area.rows.width);
    let (articles, sources) = if width >= 76 { (8, 7) } else { (3, 3) };
    let fixed = 1 + articles + sources + 10 + 10 + 6;
    let bar_width = width.saturating_sub(fixed + 19).clamp(3, 12);
    let club_width = width.saturating_sub(fixed + bar_width);
    let cols = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let widths = [
        Constraint::Length(1),
        Constraint::Length(cols(club_width)),
        Constraint::Length(cols(articles)),
        Constraint::Length(cols(sources)),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(cols(bar_width)),
    ];
    let height = usize::from(area.rows.height);
    let window = state.destinations.cursor.window(rows.len(), height);
    let selected = state.destinations.cursor.selected;
    let club_focused = focused && !state.destinations.in_evidence;
    let table_rows = window.filter_map(|at| {
        let rumour = state.model.rumours.get(rows[at])?;
        let is_selected = at == selected;
        let date =
            |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
        Some(
            Row::new([
                Cell::from(marker(is_selected)),
                Cell::from(with_mark(
                    state.model.club_name(rumour.club),
                    state.is_watched_club(rumour.club),
                    club_width,
                    theme,
                    theme.club,
                )),
                Cell::from(format!("{:>articles$}", thousands(rumour.articles.len()))),
                Cell::from(format!("{:>sources$}", thousands(rumour.sources.len()))),
                Cell::from(Span::styled(date(rumour.first_seen), theme.date)),
                Cell::from(Span::styled(date(rumour.last_seen), theme.date)),
                Cell::from(Span::styled(
                    bar(rumour.articles.len(), strongest, bar_width),
                    theme.bar,
                )),
            ])
            .style(row_style(theme, is_selected, club_focused)),
        )
    });
    let table = Table::new(table_rows, widths)
        .header(
            Row::new([
                "",
                "Club",
                if articles >= 8 { "Articles" } else { "Art" },
                if sources >= 7 { "Sources" } else { "Src" },
                "First",
                "Last",
                if bar_width >= 8 { "Strength" } else { "Str." },
            ])
            .style(theme.header),
        )
        .column_spacing(1);
    let table_area = Rect::new(
        area.inner.x,
        area.inner.y,
        area.inner.width,
        area.rows.height + 1,
    );
    frame.render_widget(table, table_area);
}

/// A bar `width` cells long at most, in eighths.
fn bar(value: usize, max: usize, width: usize) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    if width == 0 || max == 0 {
        return String::new();
    }
    let eighths = (value * width * 8).div_ceil(max).max(1);
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

fn evidence(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let Some(rumour) = state
        .selected_rumour()
        .and_then(|r| state.model.rumours.get(r))
    else {
        return;
    };
    let separator_y = area.extra.y.saturating_sub(1);
    if separator_y >= area.rows.bottom() && separator_y < area.inner.bottom() {
        let sources = if rumour.sources.is_empty() {
            "no source named".to_string()
        } else {
            rumour
                .sources
                .iter()
                .map(|s| display_text(s).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let line = Line::from(vec![
            Span::styled("─ Evidence: ", theme.dim),
            Span::styled(
                display_text(state.model.club_name(rumour.club)).into_owned(),
                theme.club,
            ),
            Span::styled(format!(" · {} · ", sources), theme.dim),
            Span::styled(
                if state.destinations.in_evidence {
                    "Enter/o opens · Esc back"
                } else {
                    "Enter to browse"
                },
                theme.dim,
            ),
        ]);
        frame.render_widget(
            line,
            Rect::new(area.inner.x, separator_y, area.inner.width, 1),
        );
    }
    let rect = area.extra;
    if rect.height == 0 || rect.width < 4 {
        return;
    }
    let cursor = state.destinations.evidence;
    let height = usize::from(rect.height);
    let width = usize::from(rect.width);
    let item = |at: usize| evidence_lines(state, theme, rumour, at, width, focused);
    // From the first item, unless the selected one would not fit: then from as early as
    // still shows it whole (items are drawn top down, never scrolled by a line).
    let selected = cursor.selected.min(rumour.evidence.len().saturating_sub(1));
    let mut start = selected;
    let mut used = item(selected).len();
    while start > 0 {
        let above = item(start - 1).len();
        if used + above > height {
            break;
        }
        used += above;
        start -= 1;
    }
    let mut lines: Vec<Line> = Vec::new();
    for at in start..rumour.evidence.len() {
        if lines.len() >= height {
            break;
        }
        lines.extend(item(at));
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), rect);
}

/// One evidence item: its date and source, then its sentence wrapped under it.
fn evidence_lines<'a>(
    state: &'a State,
    theme: &Theme,
    rumour: &'a Rumour,
    at: usize,
    width: usize,
    focused: bool,
) -> Vec<Line<'a>> {
    let Some(evidence) = rumour.evidence.get(at) else {
        return Vec::new();
    };
    let is_selected = at == state.destinations.evidence.selected && state.destinations.in_evidence;
    let article = state.model.article(evidence.article);
    let date = article
        .and_then(|a| a.date)
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let source = article.and_then(|a| a.source.as_deref()).or_else(|| {
        state
            .model
            .extractions
            .get(evidence.article.0)
            .and_then(|e| e.sources.first())
            .map(String::as_str)
    });
    let mut head = vec![
        Span::raw(if is_selected { "› " } else { "  " }),
        Span::styled(date, theme.date),
    ];
    if let Some(source) = source {
        head.push(Span::raw(" "));
        head.push(Span::styled(
            display_text(source).into_owned(),
            theme.source,
        ));
    }
    let mut lines = vec![Line::from(head).style(row_style(theme, is_selected, focused))];
    let sentence = state.model.evidence_text(evidence);
    for line in wrap(sentence, width.saturating_sub(4)) {
        let text = display_text(&sentence[line]).into_owned();
        lines.push(Line::from(vec![Span::raw("    "), Span::raw(text)]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(2, 2, 4), "████");
        assert_eq!(bar(1, 2, 4), "██");
        assert_eq!(bar(1, 3, 1), "▍");
        assert_eq!(bar(1, 100, 1), "▏");
        assert_eq!(bar(1, 1, 0), "");
    }
}

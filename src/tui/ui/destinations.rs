//! 2 Rumoured destinations of the selected player, hottest first: club, stage, articles,
//! distinct sources, first/last seen, a bar of heat (cold ones dimmed); under it, the
//! selected club's ladder of stages and its evidence.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{marker, note, pane_block, row_style, watched_only, with_mark};
use crate::intel;
use crate::model::Rumour;
use crate::text::{plural, thousands};
use crate::tui::display_text;
use crate::tui::layout::PaneArea;
use crate::tui::state::State;
use crate::tui::text::{self, wrap};
use crate::tui::ui::theme::Theme;

/// How many weeks of mentions the title's sparkline shows.
const SPARKLINE_WEEKS: usize = 12;

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
    // The clubs counted, after the mentions per week over the last twelve weeks when the
    // title has room for them beside the player's name.
    let right = (!state.destinations.rows.is_empty()).then(|| {
        let clubs = plural(state.destinations.rows.len(), "club", "clubs");
        let weeks = state.destinations.player.map(|p| {
            intel::sparkline(&intel::weekly_mentions(
                &state.model,
                p,
                state.clock_date(),
                SPARKLINE_WEEKS,
            ))
        });
        let left: usize = format!(" 2 {} ", area.pane.title()).chars().count()
            + extra
                .iter()
                .map(|span| text::width(&span.content))
                .sum::<usize>();
        match weeks {
            Some(weeks)
                if left + text::width(&weeks) + text::width(&clubs) + 7
                    <= usize::from(area.outer.width) =>
            {
                format!("{weeks} · {clubs}")
            }
            _ => clubs,
        }
    });
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
    let date = state.clock_date();
    // Whole words over the counts when there is room. The heat bar gets what is left after
    // a club name of 19 columns ("Paris Saint-Germain"), between 3 and 12 columns; the club
    // the rest. A narrow pane drops the dates, then the source count, before the club
    // name shrinks under 14 columns.
    let width = usize::from(area.rows.width);
    let (articles, sources) = if width >= 76 { (8, 7) } else { (3, 3) };
    let stage = 8;
    let mut shown = [true; 3]; // sources, last, first
    let extra_width = |shown: &[bool; 3]| {
        [sources + 1, 11, 11]
            .iter()
            .zip(shown)
            .filter(|(_, on)| **on)
            .map(|(w, _)| w)
            .sum::<usize>()
    };
    let base = 1 + 1 + stage + 1 + articles + 1 + 1;
    for drop in [2, 1, 0] {
        if width.saturating_sub(base + extra_width(&shown) + 3) >= 14 {
            break;
        }
        shown[drop] = false;
    }
    let [show_sources, show_last, show_first] = shown;
    let fixed = base + extra_width(&shown);
    let bar_width = width.saturating_sub(fixed + 19).clamp(3, 12);
    let club_width = width.saturating_sub(fixed + bar_width);
    let cols = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(cols(club_width)),
        Constraint::Length(cols(stage)),
        Constraint::Length(cols(articles)),
    ];
    let optional = [(show_sources, sources), (show_first, 10), (show_last, 10)];
    widths.extend(
        optional
            .iter()
            .filter(|(show, _)| *show)
            .map(|&(_, width)| Constraint::Length(cols(width))),
    );
    widths.push(Constraint::Length(cols(bar_width)));
    let height = usize::from(area.rows.height);
    let window = state.destinations.cursor.window(rows.len(), height);
    let selected = state.destinations.cursor.selected;
    let club_focused = focused && !state.destinations.in_evidence;
    let table_rows = window.filter_map(|at| {
        let rumour = state.model.rumours.get(rows[at])?;
        let assessment = intel::assess(&state.model, rumour, date)?;
        let is_selected = at == selected;
        let day =
            |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
        let mut style = row_style(theme, is_selected, club_focused);
        if assessment.is_cold() && !is_selected {
            style = style.patch(theme.dim);
        }
        let heat = (assessment.heat * 1000.0).round() as usize;
        let mut cells = vec![
            Cell::from(marker(is_selected)),
            Cell::from(with_mark(
                state.model.club_name(rumour.club),
                state.is_watched_club(rumour.club),
                club_width,
                theme,
                theme.club,
            )),
            Cell::from(assessment.stage.name()),
            Cell::from(format!("{:>articles$}", thousands(assessment.articles))),
        ];
        if show_sources {
            cells.push(Cell::from(format!(
                "{:>sources$}",
                thousands(rumour.sources.len())
            )));
        }
        if show_first {
            cells.push(Cell::from(Span::styled(
                day(assessment.first_seen),
                theme.date,
            )));
        }
        if show_last {
            cells.push(Cell::from(Span::styled(
                day(assessment.last_seen),
                theme.date,
            )));
        }
        cells.push(Cell::from(Span::styled(
            bar(heat, 1000, bar_width),
            theme.bar,
        )));
        Some(Row::new(cells).style(style))
    });
    let mut header = vec![
        "",
        "Club",
        "Stage",
        if articles >= 8 { "Articles" } else { "Art" },
    ];
    if show_sources {
        header.push(if sources >= 7 { "Sources" } else { "Src" });
    }
    if show_first {
        header.push("First");
    }
    if show_last {
        header.push("Last");
    }
    header.push("Heat");
    let table = Table::new(table_rows, widths)
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
    let mut rect = area.extra;
    if rect.height == 0 || rect.width < 4 {
        return;
    }
    // The ladder first: each step with its date, on as many lines as it takes (at most
    // half the room).
    let ladder = intel::assess(&state.model, rumour, state.clock_date())
        .map(|assessment| intel::ladder_line(&assessment.ladder))
        .unwrap_or_default();
    let ladder_lines: Vec<Line> = wrap(&ladder, usize::from(rect.width).saturating_sub(2))
        .into_iter()
        .take(usize::from(rect.height / 2))
        .map(|line| Line::from(Span::styled(format!("  {}", &ladder[line]), theme.dim)))
        .collect();
    let used = u16::try_from(ladder_lines.len()).unwrap_or(0);
    frame.render_widget(
        Paragraph::new(ladder_lines),
        Rect::new(rect.x, rect.y, rect.width, used),
    );
    rect.y += used;
    rect.height -= used;
    if rect.height == 0 {
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

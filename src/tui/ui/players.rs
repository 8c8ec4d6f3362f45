//! 2 Players: name (filter matches highlighted), current club, articles, rumoured
//! destinations, contract expiry; the filter line at the bottom.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::{link_title, marker, note, pane_block, row_style, watched_only};
use crate::text::{plural, thousands};
use crate::tui::action::Command;
use crate::tui::display_text;
use crate::tui::keymap::Context;
use crate::tui::layout::PaneArea;
use crate::tui::state::{Link, State};
use crate::tui::text::truncate;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let rows = &state.players.rows;
    let mut extra = Vec::new();
    if state.link == Link::PlayersFollowArticle
        && let Some(article) = state
            .players
            .narrow
            .and_then(|a| state.model.articles.get(a))
    {
        extra = link_title(
            format!("· in “{}” ", crate::tui::text::truncate(&article.title, 30)),
            state,
            theme,
        );
    }
    extra.extend(watched_only(state, area.pane, theme));
    frame.render_widget(pane_block(area, theme, focused, extra, None), area.outer);
    filter_line(frame, area, state, theme);
    if rows.is_empty() {
        let text = if state.loading.is_some() {
            "Loading…"
        } else if state.players.query.is_empty() {
            "No players."
        } else {
            "No player matches the filter."
        };
        note(frame, area.rows, text, theme);
        return;
    }
    let height = usize::from(area.rows.height);
    let window = state.players.cursor.window(rows.len(), height);
    let selected = state.players.cursor.selected;
    let date = state.clock_date();
    let columns = Columns::fit(area.inner.width);
    let table_rows = window.map(|at| {
        let row = &rows[at];
        let person = &state.model.people[row.person];
        let is_selected = at == selected;
        let expiry = state
            .index
            .contract_of
            .get(&row.person)
            .and_then(|&c| state.model.contracts.get(c))
            .map_or_else(
                || Span::styled("—", theme.dim),
                |c| {
                    Span::styled(
                        c.expires.to_string(),
                        theme.urgency(crate::countdown::urgency(
                            c.expires,
                            date,
                            state.countdowns.thresholds,
                        )),
                    )
                },
            );
        let count = |n: usize, width: u16| format!("{:>1$}", thousands(n), usize::from(width));
        let watched = state.is_watched_person(row.person);
        let room = usize::from(columns.name).saturating_sub(if watched { 2 } else { 0 });
        let mut name = highlighted(
            &truncate(&person.name, room),
            &state.matched_positions(row),
            theme,
        );
        if watched {
            name.spans
                .insert(0, Span::styled(theme.watched_mark, theme.watched));
            name.spans.insert(1, Span::raw(" "));
        }
        let mut cells = vec![Cell::from(marker(is_selected)), Cell::from(name)];
        if columns.club > 0 {
            cells.push(Cell::from(truncate(
                state.model.club_of(person).unwrap_or("—"),
                usize::from(columns.club),
            )));
        }
        if columns.articles > 0 {
            cells.push(Cell::from(count(person.articles.len(), columns.articles)));
            cells.push(Cell::from(count(
                state.rumour_count(row.person),
                columns.destinations,
            )));
        }
        cells.push(Cell::from(expiry));
        Row::new(cells).style(row_style(theme, is_selected, focused))
    });
    let mut header = vec!["", "Player"];
    if columns.club > 0 {
        header.push("Club");
    }
    match columns.articles {
        0 => {}
        1..8 => header.extend(["Arts", "Dest"]),
        _ => header.extend(["Articles", "Destinations"]),
    }
    header.push("Expires");
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

/// The players table's column widths: the counts under whole-word headers when there is
/// room; the name three fifths of what is left, the club the rest. When narrow, the club
/// goes, then the counts (0 wide), before a name gets cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    name: u16,
    club: u16,
    articles: u16,
    destinations: u16,
}

impl Columns {
    /// Columns a name keeps before others go.
    const NAME: u16 = 12;

    fn fit(width: u16) -> Self {
        let (articles, destinations) = if width >= 76 { (8, 12) } else { (4, 4) };
        // The marker, the counts, the contract's end, and the spaces between the columns.
        let free = width.saturating_sub(1 + articles + destinations + 10 + 5);
        let name = free * 3 / 5;
        if name >= Self::NAME {
            return Self {
                name,
                club: free - name,
                articles,
                destinations,
            };
        }
        let without_club = free + 1;
        if without_club >= Self::NAME {
            return Self {
                name: without_club,
                club: 0,
                articles,
                destinations,
            };
        }
        Self {
            name: width.saturating_sub(1 + 10 + 2),
            club: 0,
            articles: 0,
            destinations: 0,
        }
    }

    fn constraints(self) -> Vec<Constraint> {
        let mut constraints = vec![Constraint::Length(1), Constraint::Length(self.name)];
        if self.club > 0 {
            constraints.push(Constraint::Length(self.club));
        }
        if self.articles > 0 {
            constraints.push(Constraint::Length(self.articles));
            constraints.push(Constraint::Length(self.destinations));
        }
        constraints.push(Constraint::Length(10));
        constraints
    }
}

/// A name with the filter's matched characters styled.
pub fn highlighted<'a>(name: &str, positions: &[usize], theme: &Theme) -> Line<'a> {
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (index, c) in display_text(name).chars().enumerate() {
        let matched = positions.contains(&index);
        if matched != run_matched && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_matched {
                    theme.matched
                } else {
                    Default::default()
                },
            ));
        }
        run_matched = matched;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_matched {
                theme.matched
            } else {
                Default::default()
            },
        ));
    }
    Line::from(spans)
}

fn filter_line(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme) {
    let line_area = Rect::new(area.inner.x, area.rows.bottom(), area.inner.width, 1);
    if area.inner.height < 2 || line_area.bottom() > area.inner.bottom() {
        return;
    }
    let total = state.index.roster.players.len();
    let shown = state.players.rows.len();
    let players = &state.players;
    let line = if players.editing || !players.query.is_empty() {
        let mut spans = vec![
            Span::styled("filter: ", theme.key),
            Span::styled(players.query.clone(), theme.matched),
        ];
        if players.editing {
            spans.push(Span::styled("▏", theme.key));
        }
        if state.pending_search().is_some() {
            spans.push(Span::styled("  searching…", theme.dim));
        } else {
            spans.push(Span::raw(format!(
                "  {} of {}",
                thousands(shown),
                thousands(total)
            )));
        }
        let keymap = &state.keymap;
        let (keep, clear) = if players.editing {
            (
                keymap.keys_for(Context::Filter, &Command::FilterAccept, 1, ""),
                keymap.keys_for(Context::Filter, &Command::FilterClear, 1, ""),
            )
        } else {
            (
                None,
                keymap.keys_for(Context::Players, &Command::Back, 1, ""),
            )
        };
        let how: Vec<String> = [
            keep.map(|k| format!("{k} keeps")),
            clear.map(|k| format!("{k} clears")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !how.is_empty() {
            spans.push(Span::styled(format!("  {}", how.join(" · ")), theme.dim));
        }
        Line::from(spans)
    } else {
        let count = format!(
            "{} of {}",
            thousands(shown),
            plural(total, "player", "players")
        );
        match state
            .keymap
            .keys_for(Context::Global, &Command::StartFilter, 1, "")
        {
            Some(key) => Line::from(vec![
                Span::styled(key, theme.key),
                Span::styled(" filter", theme.dim),
                Span::raw(format!("  {count}")),
            ]),
            None => Line::raw(count),
        }
    };
    frame.render_widget(line, line_area);
}

//! 4 Contract countdowns: players with a known expiry, by time left, coloured by urgency,
//! with a badge while the pre-contract window is open; the selected one ticks to the second.

use chrono::{Days, NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::{marker, note, pane_block, row_style, watched_only, with_mark};
use crate::countdown::{describe, describe_short, other_dates, precontract_open, urgency};
use crate::model::Contract;
use crate::tui::display_text;
use crate::tui::layout::PaneArea;
use crate::tui::state::State;
use crate::tui::text::{self, truncate};
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let date = state.clock_date();
    let rows = &state.countdowns.rows;
    let hidden = if state.countdowns.hide_expired {
        "ended hidden · "
    } else {
        ""
    };
    frame.render_widget(
        pane_block(
            area,
            theme,
            focused,
            watched_only(state, area.pane, theme).into_iter().collect(),
            Some(format!("{hidden}as of {date}")),
        ),
        area.outer,
    );
    if rows.is_empty() {
        let text = if state.countdowns.hide_expired && !state.model.contracts.is_empty() {
            format!(
                "Every known contract has ended{}.",
                state.show_expired_hint()
            )
        } else {
            "No contract end dates known.".to_string()
        };
        note(frame, area.inner, &text, theme);
        return;
    }
    let height = usize::from(area.rows.height);
    let window = state.countdowns.cursor.window(rows.len(), height);
    let selected = state.countdowns.cursor.selected;
    // A watched player's name is measured with its mark.
    let labelled: Vec<(usize, &Contract, String)> = window
        .filter_map(|at| {
            let contract = state.model.contracts.get(rows[at])?;
            let person = state.model.person(contract.player)?;
            let label = if state.is_watched_person(contract.player) {
                format!("{} {}", theme.watched_mark, person.name)
            } else {
                person.name.clone()
            };
            Some((at, contract, label))
        })
        .collect();
    let visible: Vec<(usize, &Contract, &str)> = labelled
        .iter()
        .map(|(at, contract, label)| (*at, *contract, label.as_str()))
        .collect();
    let columns = Columns::fit(area.inner.width, &visible, date);
    let table_rows = visible.iter().map(|&(at, contract, _)| {
        let is_selected = at == selected;
        let left = if columns.short_left {
            describe_short(contract.expires, date)
        } else {
            describe(contract.expires, date)
        };
        let badge = if precontract_open(contract.expires, date) {
            Span::styled(
                if columns.badge >= 12 {
                    "pre-contract"
                } else {
                    "pre"
                },
                theme.badge,
            )
        } else {
            Span::raw("")
        };
        let mut cells = vec![
            Cell::from(marker(is_selected)),
            Cell::from(with_mark(
                state
                    .model
                    .person(contract.player)
                    .map_or("", |p| p.name.as_str()),
                state.is_watched_person(contract.player),
                usize::from(columns.player),
                theme,
                ratatui::style::Style::new(),
            )),
        ];
        if columns.ends {
            cells.push(Cell::from(Span::styled(
                contract.expires.to_string(),
                theme.date,
            )));
        }
        cells.push(Cell::from(Span::styled(
            left,
            theme.urgency(urgency(contract.expires, date, state.countdowns.thresholds)),
        )));
        cells.push(Cell::from(badge));
        Row::new(cells).style(row_style(theme, is_selected, focused))
    });
    let mut header = vec!["", "Player"];
    if columns.ends {
        header.push("Ends");
    }
    header.extend(["Left", ""]);
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
    detail(frame, area, state, theme, date);
}

/// The countdown table's column widths, sized to the rows shown: the player's name gets what
/// the other columns leave, and they give up detail (the pre-contract badge's words, the
/// months, the end date) before the name shrinks below [`Columns::NAME`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    player: u16,
    ends: bool,
    left: u16,
    short_left: bool,
    badge: u16,
}

impl Columns {
    /// Columns a name keeps before the others give up detail.
    const NAME: usize = 14;

    fn fit(width: u16, rows: &[(usize, &Contract, &str)], date: NaiveDate) -> Self {
        let widest = |cell: &dyn Fn(&(usize, &Contract, &str)) -> String| {
            rows.iter()
                .map(|row| text::width(&cell(row)))
                .max()
                .unwrap_or(0)
        };
        let names = widest(&|row| row.2.to_string()).max("Player".len());
        let long = widest(&|row| describe(row.1.expires, date));
        let short = widest(&|row| describe_short(row.1.expires, date));
        let any_open = rows.iter().any(|r| precontract_open(r.1.expires, date));
        let badge = |words: bool| match (any_open, words) {
            (false, _) => 0,
            (true, true) => 12,
            (true, false) => 3,
        };
        // Most detail first; the first that leaves the name its room wins, else the last.
        let choices = [
            (true, long, false, badge(true)),
            (true, long, false, badge(false)),
            (true, short, true, badge(false)),
            (false, short, true, badge(false)),
        ];
        let width = usize::from(width);
        let wanted = names.min(Self::NAME);
        let fitted = |(ends, left, short_left, badge): (bool, usize, bool, usize)| {
            // The marker, the left column, the badge, the spaces between the five columns.
            let others = 1 + if ends { 10 } else { 0 } + left.max(4) + badge + 4;
            let player = width.saturating_sub(others).min(names);
            Columns {
                player: u16::try_from(player).unwrap_or(u16::MAX),
                ends,
                left: u16::try_from(left.max(4)).unwrap_or(u16::MAX),
                short_left,
                badge: u16::try_from(badge).unwrap_or(u16::MAX),
            }
        };
        choices
            .into_iter()
            .map(fitted)
            .find(|columns| usize::from(columns.player) >= wanted)
            .unwrap_or_else(|| fitted(choices[choices.len() - 1]))
    }

    fn constraints(self) -> Vec<Constraint> {
        let mut constraints = vec![Constraint::Length(1), Constraint::Length(self.player)];
        if self.ends {
            constraints.push(Constraint::Length(10));
        }
        constraints.push(Constraint::Length(self.left));
        // The last column takes the slack: what is left over stays at the right.
        constraints.push(Constraint::Fill(1));
        constraints
    }
}

/// The selected contract to the second: "Sergio Ramos: 168d 09:54:51 left · Real Madrid ·
/// pre-contract open since 2021-01-01". Parts that do not fit whole are left out.
fn detail(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, date: NaiveDate) {
    let line_area = Rect::new(area.inner.x, area.rows.bottom(), area.inner.width, 1);
    if area.inner.height < 2 || line_area.bottom() > area.inner.bottom() {
        return;
    }
    let Some(contract) = state
        .selected_contract()
        .and_then(|c| state.model.contracts.get(c))
    else {
        return;
    };
    let name = state
        .model
        .person(contract.player)
        .map_or("", |p| p.name.as_str());
    let now = date.and_time(state.clock.now.time());
    let width = usize::from(line_area.width);
    let left = ticking(contract.expires, now);
    let watched = state.is_watched_person(contract.player);
    let mark = if watched { 2 } else { 0 };
    let name = truncate(name, width.saturating_sub(text::width(&left) + 2 + mark));
    let mut spans = Vec::new();
    if watched {
        spans.push(Span::styled(theme.watched_mark, theme.watched));
        spans.push(Span::raw(" "));
    }
    spans.extend([
        Span::styled(name, theme.player_selected),
        Span::raw(": "),
        Span::styled(
            left,
            theme.urgency(urgency(contract.expires, date, state.countdowns.thresholds)),
        ),
    ]);
    // Each part in full, or its short form, or (with those after it) not at all.
    let mut parts = Vec::new();
    if let Some(club) = contract.club {
        let club = state.model.club_name(club);
        parts.push((vec![display_text(club).into_owned()], theme.club));
    }
    if precontract_open(contract.expires, date) {
        let since = format!("pre-contract open since {}", contract.precontract_from);
        parts.push((vec![since, "pre-contract open".to_string()], theme.badge));
    }
    if !contract.conflicts.is_empty() {
        let others: Vec<String> = contract.conflicts.iter().map(|d| d.to_string()).collect();
        let full = format!("other sources say {}", others.join(", "));
        parts.push((vec![full, other_dates(others.len())], theme.dim));
    }
    let mut used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    for (forms, style) in parts {
        let Some(text) = forms
            .into_iter()
            .map(|form| format!(" · {form}"))
            .find(|text| used + text::width(text) <= width)
        else {
            break;
        };
        used += text::width(&text);
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Line::from(spans), line_area);
}

/// Time left to the end of the contract's last day, to the second.
pub fn ticking(expires: NaiveDate, now: NaiveDateTime) -> String {
    let end = expires
        .checked_add_days(Days::new(1))
        .unwrap_or(expires)
        .and_time(chrono::NaiveTime::MIN);
    let left = end - now;
    if left.num_seconds() <= 0 {
        return format!("free agent since {}", expires.succ_opt().unwrap_or(expires));
    }
    let seconds = left.num_seconds();
    format!(
        "{}d {:02}:{:02}:{:02} left",
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_to_the_end_of_the_last_day() {
        let expires = NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
        let now = NaiveDate::from_ymd_opt(2021, 1, 13)
            .unwrap()
            .and_hms_opt(14, 5, 9)
            .unwrap();
        assert_eq!(ticking(expires, now), "168d 09:54:51 left");
        let later = NaiveDate::from_ymd_opt(2021, 7, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(ticking(expires, later), "free agent since 2021-07-01");
    }
}

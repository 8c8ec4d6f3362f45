//! 4 Contract countdowns: players with a known expiry, by time left, coloured by urgency,
//! with a badge while the pre-contract window is open; the selected one ticks to the second.

use chrono::{Days, NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::{marker, note, pane_block, row_style};
use crate::countdown::{describe, precontract_open, urgency};
use crate::tui::display_text;
use crate::tui::layout::PaneArea;
use crate::tui::state::State;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let date = state.clock_date();
    let rows = &state.index.countdowns;
    frame.render_widget(
        pane_block(
            area,
            theme,
            focused,
            Vec::new(),
            Some(format!("as of {date}")),
        ),
        area.outer,
    );
    if rows.is_empty() {
        note(frame, area.inner, "No contract end dates known.", theme);
        return;
    }
    let height = usize::from(area.rows.height);
    let window = state.countdowns.cursor.window(rows.len(), height);
    let selected = state.countdowns.cursor.selected;
    // The badge in full where there is room; the detail line spells it out anyway.
    let wide = area.inner.width >= 76;
    let table_rows = window.filter_map(|at| {
        let contract = state.model.contracts.get(rows[at])?;
        let person = state.model.people.get(contract.player)?;
        let is_selected = at == selected;
        let badge = if precontract_open(contract.expires, date) {
            Span::styled(if wide { "pre-contract" } else { "pre" }, theme.badge)
        } else {
            Span::raw("")
        };
        Some(
            Row::new([
                Cell::from(marker(is_selected)),
                Cell::from(display_text(&person.name).into_owned()),
                Cell::from(Span::styled(contract.expires.to_string(), theme.date)),
                Cell::from(Span::styled(
                    describe(contract.expires, date),
                    theme.urgency(urgency(contract.expires, date)),
                )),
                Cell::from(badge),
            ])
            .style(row_style(theme, is_selected, focused)),
        )
    });
    let table = Table::new(
        table_rows,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(27),
            Constraint::Length(if wide { 12 } else { 3 }),
        ],
    )
    .header(Row::new(["", "Player", "Ends", "Left", ""]).style(theme.header))
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

/// The selected contract to the second: "Sergio Ramos: 168d 09:54:51 left (Real Madrid)".
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
        .people
        .get(contract.player)
        .map_or("", |p| p.name.as_str());
    let now = date.and_time(state.clock.now.time());
    let mut spans = vec![
        Span::styled(display_text(name).into_owned(), theme.player_selected),
        Span::raw(": "),
        Span::styled(
            ticking(contract.expires, now),
            theme.urgency(urgency(contract.expires, date)),
        ),
    ];
    if let Some(club) = &contract.club {
        spans.push(Span::styled(
            format!(" · {}", display_text(club)),
            theme.club,
        ));
    }
    if precontract_open(contract.expires, date) {
        spans.push(Span::styled(
            format!(" · pre-contract open since {}", contract.precontract_from),
            theme.badge,
        ));
    }
    if !contract.conflicts.is_empty() {
        let others: Vec<String> = contract.conflicts.iter().map(|d| d.to_string()).collect();
        spans.push(Span::styled(
            format!(" · other sources say {}", others.join(", ")),
            theme.dim,
        ));
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

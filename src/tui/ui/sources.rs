//! The `S` overlay: every source (outlet or journalist) with its measured track record,
//! sortable; under the list, the rumours the selected source reported and how each ended,
//! then its articles.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table};

use super::{marker, row_style};
use crate::config::tier_of;
use crate::intel;
use crate::text::thousands;
use crate::tui::action::Command;
use crate::tui::display_text;
use crate::tui::intel::SourcesView;
use crate::tui::keymap::Context;
use crate::tui::state::State;
use crate::tui::text::truncate;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &SourcesView, theme: &Theme) {
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(
            format!(
                " Sources · {} · by {} ",
                thousands(view.records.len()),
                view.sort.name()
            ),
            theme.title_focused,
        ))
        .title(Line::styled(sources_keys(state), theme.dim).right_aligned());
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.records.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("No rumour names a source yet.", theme.dim)),
            inner,
        );
        return;
    }
    let [list, detail] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(inner);
    records(frame, list, state, view, theme);
    reported(frame, detail, state, view, theme);
}

/// The overlay's keys as the key map binds them: " s sorts · S or Esc closes · j/k scroll ".
fn sources_keys(state: &State) -> String {
    let keys = super::overlay_keys(
        &state.keymap,
        Context::Sources,
        &Command::ToggleSources,
        false,
    );
    match state
        .keymap
        .keys_for(Context::Sources, &Command::SortSources, 1, "")
    {
        Some(sort) => format!(" {sort} sorts ·{keys}"),
        None => keys,
    }
}

/// The table of sources: the measured record first, the hit rate always with its count.
fn records(frame: &mut Frame, area: Rect, state: &State, view: &SourcesView, theme: &Theme) {
    let number = 7;
    let name_width = usize::from(area.width).saturating_sub(1 + 5 * (number + 1) + 10 + 8 + 5);
    let widths = [
        Constraint::Length(1),
        Constraint::Length(u16::try_from(name_width).unwrap_or(u16::MAX)),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Length(4),
    ];
    let height = usize::from(area.height.saturating_sub(1));
    let selected = view.cursor.selected;
    let start = selected.saturating_sub(height.saturating_sub(1));
    let rows = view
        .records
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(at, record)| {
            let is_selected = at == selected;
            let open = record.rumours.len() - record.settled();
            Row::new([
                Cell::from(marker(is_selected)),
                Cell::from(Span::styled(
                    truncate(&display_text(&record.name), name_width),
                    theme.source,
                )),
                Cell::from(format!("{:>7}", thousands(record.rumours.len()))),
                Cell::from(format!("{:>7}", thousands(record.done))),
                Cell::from(format!("{:>7}", thousands(record.failed))),
                Cell::from(format!("{:>7}", thousands(open))),
                Cell::from(format!("{:>7}", record.hits())),
                Cell::from(format!("{:>5}", record.rate())),
                Cell::from(format!("{:>8}", record.lead())),
                Cell::from(format!(
                    "{:>4}",
                    tier_of(&state.source_tiers, &record.name)
                        .map_or_else(|| "–".to_string(), |tier| tier.number().to_string())
                )),
            ])
            .style(row_style(theme, is_selected, true))
        });
    let header = Row::new([
        "", "Source", "Rumours", "   Done", " Failed", "   Open", "   Hits", " Rate", "    Lead",
        "Tier",
    ])
    .style(theme.header);
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        area,
    );
}

/// The selected source's rumours, hottest first, with their stage and ladder.
fn reported(frame: &mut Frame, area: Rect, state: &State, view: &SourcesView, theme: &Theme) {
    let Some(record) = view.selected() else {
        return;
    };
    let model = &state.model;
    let rumours = record
        .rumours
        .iter()
        .filter_map(|&index| model.rumours.get(index));
    let list = intel::by_heat(model, rumours, state.clock_date());
    let mut lines = vec![Line::styled(
        format!(
            "─ {} reported {}:",
            display_text(&record.name),
            crate::text::plural(list.len(), "rumour", "rumours")
        ),
        theme.dim,
    )];
    let width = usize::from(area.width);
    for (rumour, assessment) in &list {
        let player = model
            .person(rumour.player)
            .map_or("", |person| person.name.as_str());
        let head = format!(
            "  {} → {} · {} · heat {:.2} · ",
            player,
            model.club_name(rumour.club),
            assessment.stage.name(),
            assessment.heat
        );
        let ladder = intel::ladder_line(&assessment.ladder);
        let style = if assessment.is_cold() {
            theme.dim
        } else {
            ratatui::style::Style::default()
        };
        lines.push(
            Line::from(vec![
                Span::raw(display_text(&head).into_owned()),
                Span::styled(ladder, theme.date),
            ])
            .style(style),
        );
    }
    // Then its articles known as of the date, newest first.
    let mut articles: Vec<&crate::corpus::Article> = (0..model.articles.len())
        .map(crate::model::ArticleId)
        .filter(|&id| intel::article_sources(model, id).contains(&record.name.as_str()))
        .filter_map(|id| model.article(id))
        .filter(|article| article.date.is_none_or(|day| day <= state.clock_date()))
        .collect();
    articles.sort_by_key(|article| (article.date.is_none(), std::cmp::Reverse(article.date)));
    lines.push(Line::styled(
        format!(
            "─ {}:",
            crate::text::plural(articles.len(), "article", "articles")
        ),
        theme.dim,
    ));
    for article in articles {
        let day = article
            .date
            .map_or_else(|| "undated   ".to_string(), |d| d.to_string());
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(day, theme.date),
            Span::raw(format!(" {}", display_text(&article.title))),
        ]));
    }
    let shown: Vec<Line> = lines
        .into_iter()
        .take(usize::from(area.height))
        .map(|line| {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            if crate::tui::text::width(&text) > width {
                Line::from(truncate(&text, width)).style(line.style)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

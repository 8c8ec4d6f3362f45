//! The `!` overlay: every load problem, with its path, line and severity, sanitised and
//! wrapped to the overlay's width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::corpus::Severity;
use crate::tui::action::Command;
use crate::tui::keymap::Context;
use crate::tui::state::State;
use crate::tui::ui::theme::Theme;

/// "34 load problems (19 rejected, 15 warnings)", or "no load problems".
pub fn summary(state: &State) -> String {
    let problems = &state.model.problems;
    let rejected = crate::corpus::rejected(problems);
    match problems.len() {
        0 => "no load problems".to_string(),
        1 => "1 load problem".to_string(),
        n => format!(
            "{n} load problems ({rejected} rejected, {} warnings)",
            n - rejected
        ),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let width = area.width.saturating_sub(2);
    let rows = state.problem_lines(width);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let max = rows.len().saturating_sub(inner_height);
    let scroll = state.problems.unwrap_or(0).min(max);
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(
            format!(" {} ", summary(state)),
            theme.title_focused,
        ))
        .title(
            Line::styled(
                super::overlay_keys(
                    &state.keymap,
                    Context::Problems,
                    &Command::ToggleProblems,
                    false,
                ),
                theme.dim,
            )
            .right_aligned(),
        );
    frame.render_widget(Clear, area);
    let shown: Vec<Line> = if rows.is_empty() {
        vec![Line::styled(
            "Every file loaded without a problem.",
            theme.dim,
        )]
    } else {
        rows.into_iter()
            .skip(scroll)
            .take(inner_height)
            .map(|(severity, text)| {
                let style = match severity {
                    Severity::Rejected => theme.critical,
                    Severity::Warning => theme.soon,
                };
                // Only the severity word is coloured; the rest is plain.
                match text.split_at_checked(8) {
                    Some((head, rest)) if !head.trim().is_empty() => Line::from(vec![
                        ratatui::text::Span::styled(head.to_string(), style),
                        ratatui::text::Span::raw(rest.to_string()),
                    ]),
                    _ => Line::raw(text),
                }
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

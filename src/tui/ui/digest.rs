//! The digest overlay: what changed since the last visit, watched players and clubs first.
//! The same lines `mercato digest` prints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::action::Command;
use crate::tui::keymap::Context;
use crate::tui::state::State;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let lines = state.digest_rows(area.width.saturating_sub(2), theme.watched_mark);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let scroll = state
        .desk
        .digest_open
        .unwrap_or(0)
        .min(lines.len().saturating_sub(inner_height));
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(" Since your last visit ", theme.title_focused))
        .title(
            Line::styled(
                super::overlay_keys(
                    &state.keymap,
                    Context::Digest,
                    &Command::ToggleDigest,
                    false,
                ),
                theme.dim,
            )
            .right_aligned(),
        );
    frame.render_widget(Clear, area);
    let marked = format!("  {} ", theme.watched_mark);
    let shown: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(inner_height)
        .map(|line| {
            let text = line.clone();
            if !line.starts_with(' ') {
                Line::styled(text, theme.header)
            } else if let Some(rest) = text.strip_prefix(&marked) {
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(theme.watched_mark, theme.watched),
                    Span::raw(format!(" {rest}")),
                ])
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

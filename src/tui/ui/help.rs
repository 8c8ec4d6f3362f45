//! The `?` overlay: the key map itself, the focused pane's keys first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::action::Command;
use crate::tui::keymap::{Context, Keymap, MOUSE_HELP};
use crate::tui::state::State;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, keymap: &Keymap) {
    let mut lines: Vec<Line> = Vec::new();
    for (context, entries) in keymap.help_sections(state) {
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(context.title(), theme.header));
        for entry in entries {
            let keys = entry.keys.join(" ");
            let pad = 16usize.saturating_sub(crate::tui::text::width(&keys));
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, theme.key),
                Span::raw(" ".repeat(pad.max(1))),
                Span::raw(entry.description),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Mouse", theme.header));
    for (what, does) in MOUSE_HELP {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(what, theme.key),
            Span::raw(" ".repeat(16usize.saturating_sub(what.len()))),
            Span::raw(does),
        ]));
    }
    debug_assert_eq!(lines.len(), keymap.help_len(state));
    let inner_height = usize::from(area.height.saturating_sub(2));
    let max = lines.len().saturating_sub(inner_height);
    let scroll = state.help.unwrap_or(0).min(max);
    let last = (scroll + inner_height).min(lines.len());
    let position = format!(" {}–{last} of {} ", scroll + 1, lines.len());
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(" Keys ", theme.title_focused))
        .title(Line::styled(position, theme.dim))
        .title(
            Line::styled(
                super::overlay_keys(keymap, Context::Help, &Command::ToggleHelp, true),
                theme.dim,
            )
            .right_aligned(),
        );
    frame.render_widget(Clear, area);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(inner_height).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

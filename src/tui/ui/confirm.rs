//! A yes/no question in a small box over the middle of the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::state::State;
use crate::tui::text::width;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(question) = state.question() else {
        return;
    };
    let wide = u16::try_from(width(&question) + 4)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let high = 3.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - wide) / 2,
        area.y + (area.height - high) / 2,
        wide,
        high,
    );
    frame.render_widget(Clear, rect);
    let block = Block::bordered().border_style(theme.border_focused);
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {question}"), theme.message)).block(block),
        rect,
    );
}

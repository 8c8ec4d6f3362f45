//! The gauge shown over the empty dashboard while the corpus loads in the background.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, LineGauge, Paragraph};

use crate::progress::{Progress, Stage};
use crate::text::thousands;
use crate::tui::ui::theme::Theme;

/// What the load is doing, in words: "Reading files 3,210 / 6,845".
pub fn describe(progress: &Progress) -> String {
    match progress.stage {
        Stage::Finding => "Finding article files…".to_string(),
        Stage::Reading => format!(
            "Reading files {} / {}",
            thousands(progress.files_read),
            thousands(progress.files_total)
        ),
        Stage::Extracting => format!(
            "Reading articles {} / {}",
            thousands(progress.articles_extracted),
            thousands(progress.articles_total)
        ),
        Stage::Merging => "Linking players, rumours and contracts…".to_string(),
    }
}

pub fn draw(frame: &mut Frame, screen: Rect, progress: &Progress, theme: &Theme) {
    let width = screen.width.min(60);
    let height = screen.height.min(5);
    let area = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    let errors = match progress.errors {
        0 => Span::styled("no errors so far", theme.dim),
        1 => Span::styled("1 rejected so far", theme.critical),
        n => Span::styled(format!("{} rejected so far", thousands(n)), theme.critical),
    };
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(" Loading the corpus ", theme.title_focused))
        .title(Line::styled(" q quits ", theme.dim).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let rows = [Line::raw(describe(progress)), Line::from(errors)];
    for (row, line) in rows.into_iter().enumerate() {
        let y = inner.y + u16::try_from(row).unwrap_or(u16::MAX);
        if y < inner.bottom() {
            frame.render_widget(Paragraph::new(line), Rect::new(inner.x, y, inner.width, 1));
        }
    }
    let gauge_row = inner.y + 2;
    if gauge_row < inner.bottom() {
        let gauge = LineGauge::default()
            .ratio(progress.done().clamp(0.0, 1.0))
            .filled_style(theme.bar)
            .unfilled_style(theme.dim);
        frame.render_widget(gauge, Rect::new(inner.x, gauge_row, inner.width, 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_says_what_it_does() {
        let mut progress = Progress {
            stage: Stage::Reading,
            files_total: 6845,
            files_read: 3210,
            ..Progress::default()
        };
        assert_eq!(describe(&progress), "Reading files 3,210 / 6,845");
        progress.stage = Stage::Extracting;
        progress.articles_total = 10023;
        assert_eq!(describe(&progress), "Reading articles 0 / 10,023");
    }
}

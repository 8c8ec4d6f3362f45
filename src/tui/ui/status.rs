//! The status bar (clock, link, messages) and the key-hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::display_text;
use crate::tui::keymap::Keymap;
use crate::tui::state::{ClockMode, Link, State};
use crate::tui::ui::theme::Theme;

pub fn draw_status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let clock = state.clock();
    let mode = match (clock.mode, clock.undated) {
        (ClockMode::AsOf, _) => "[as of]",
        (ClockMode::ArticleDate, false) => "[article's date]",
        (ClockMode::ArticleDate, true) => "[article undated: as of]",
    };
    let mut spans = vec![
        Span::styled(
            format!(" {} {} ", clock.date, clock.time.format("%H:%M:%S")),
            theme.clock,
        ),
        Span::styled(mode, theme.dim),
    ];
    if state.sample {
        spans.push(Span::raw("  "));
        spans.push(Span::styled("built-in sample", theme.badge));
        spans.push(Span::styled(
            " · load yours: --corpus, mercato feed add",
            theme.dim,
        ));
    }
    if let Some(progress) = state.feeds.fetching {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            format!(
                "fetching feeds {}/{} · {} new",
                progress.done, progress.total, progress.new
            ),
            theme.badge,
        ));
    }
    if let Some(unread) = state.rereading {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            format!(
                "reading {} in the background",
                crate::text::plural(unread, "article", "articles")
            ),
            theme.badge,
        ));
    }
    if let Some(error) = &state.load_error {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            format!("could not load the corpus: {}", display_text(error)),
            theme.critical,
        ));
    }
    let problems = &state.model.problems;
    if !problems.is_empty() {
        let rejected = problems
            .iter()
            .any(|p| p.severity == crate::corpus::Severity::Rejected);
        let count = crate::text::plural(problems.len(), "load problem", "load problems");
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            count,
            if rejected {
                theme.critical
            } else {
                theme.badge
            },
        ));
        spans.push(Span::styled(" (! lists)", theme.dim));
    }
    let link = match state.link {
        Link::None => None,
        Link::ArticlesFollowPlayer => state
            .articles
            .filter
            .and_then(|p| state.model.person(p))
            .map(|p| format!("link: articles ← {}", display_text(&p.name))),
        Link::PlayersFollowArticle => state
            .players
            .narrow
            .and_then(|a| state.model.articles.get(a))
            .map(|a| {
                format!(
                    "link: players ← “{}”",
                    crate::tui::text::truncate(&a.title, 24)
                )
            }),
    };
    if let Some(link) = link {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(link, theme.link));
        if let Some(key) = super::unlink_key(state) {
            spans.push(Span::styled(format!(" ({key} unlinks)"), theme.dim));
        }
    }
    if let Some(message) = &state.message {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            display_text(message).into_owned(),
            theme.message,
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

/// What the focused pane accepts, from the key map; whole hints only, as many as fit.
pub fn draw_hints(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, keymap: &Keymap) {
    let hints = keymap.hints(state);
    let width = |(keys, word): &(String, &str)| crate::tui::text::width(keys) + 1 + word.len() + 2;
    // Quitting and help are always offered, last, when they fit at all; the load problems
    // (when there are any) just before them.
    let pinned = |word: &str| matches!(word, "problems" | "quit" | "help");
    let (mut last, rest): (Vec<_>, Vec<_>) = hints.into_iter().partition(|(_, word)| pinned(word));
    last.sort_by_key(|(_, word)| ["problems", "quit", "help"].iter().position(|w| w == word));
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1 + last.iter().map(width).sum::<usize>();
    let push = |spans: &mut Vec<Span>, (keys, word): (String, &str)| {
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {word}  "), theme.dim));
    };
    for hint in rest {
        if used + width(&hint) > usize::from(area.width) {
            break;
        }
        used += width(&hint);
        push(&mut spans, hint);
    }
    // Pinned hints go when even they do not fit: problems first, help last.
    while !last.is_empty() && used > usize::from(area.width) {
        let dropped = last.remove(0);
        used -= width(&dropped);
    }
    for hint in last {
        push(&mut spans, hint);
    }
    frame.render_widget(Line::from(spans), area);
}

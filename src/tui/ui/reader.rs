//! 5 Reader: the selected article, word-wrapped, with players, clubs, dates and sources
//! highlighted in place and the selected rumour's or contract's evidence marked.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{note, pane_block};
use crate::extract::MentionKind;
use crate::text::{fold, thousands};
use crate::tui::display_text;
use crate::tui::layout::PaneArea;
use crate::tui::state::State;
use crate::tui::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: &PaneArea, state: &State, theme: &Theme, focused: bool) {
    let article_index = state.reader.article;
    let article = article_index.and_then(|a| state.model.articles.get(a));
    let lines = state.reader_lines(area.rows.width);
    let right = article.map(|_| {
        let last = (state.reader.scroll + usize::from(area.rows.height)).min(lines.len());
        format!(
            "{}–{} of {}",
            thousands((state.reader.scroll + 1).min(last)),
            thousands(last),
            thousands(lines.len())
        )
    });
    frame.render_widget(
        pane_block(area, theme, focused, search_title(state, theme), right),
        area.outer,
    );
    let (Some(index), Some(article)) = (article_index, article) else {
        note(
            frame,
            area.inner,
            "Select an article to read it here.",
            theme,
        );
        return;
    };
    // Title and what the file says about it.
    let header = Rect::new(
        area.inner.x,
        area.inner.y,
        area.inner.width,
        area.rows.y - area.inner.y,
    );
    let mut meta = vec![Span::styled(
        match article.date {
            Some(date) if article.date_is_fetch => format!("{date} (fetched; no date given)"),
            Some(date) => date.to_string(),
            None => "undated".to_string(),
        },
        theme.date,
    )];
    if let Some(source) = &article.source {
        meta.push(Span::styled(" · ", theme.dim));
        meta.push(Span::styled(
            display_text(source).into_owned(),
            theme.source,
        ));
    }
    // A feed article's path is its link, shown on the next line already.
    if article.url.as_deref() != Some(article.path.as_str()) {
        meta.push(Span::styled(
            format!(" · {}", display_text(&article.path)),
            theme.dim,
        ));
    }
    let mut head = vec![
        Line::styled(display_text(&article.title).into_owned(), theme.header),
        Line::from(meta),
    ];
    if let Some(url) = &article.url {
        head.push(Line::styled(display_text(url).into_owned(), theme.link));
    }
    frame.render_widget(Paragraph::new(head), header);

    let body = state.article_body(index);
    if body.is_empty() {
        let why = match state.bodies.get(index) {
            Some(Err(error)) => format!("Cannot show the article: {}", display_text(error)),
            _ => "Reading the article…".to_string(),
        };
        note(frame, area.rows, &why, theme);
        return;
    }
    let styles = Styles::new(state, index, theme);
    let evidence = state.reader_evidence();
    let window = state.reader.scroll.min(lines.len())
        ..(state.reader.scroll + usize::from(area.rows.height)).min(lines.len());
    let drawn: Vec<Line> = lines[window]
        .iter()
        .map(|line| {
            let marked = evidence
                .iter()
                .any(|e| e.start < line.end.max(line.start + 1) && line.start < e.end);
            let mut spans = vec![Span::styled(
                if marked { "▌ " } else { "  " }.to_string(),
                if marked { theme.badge } else { Style::new() },
            )];
            spans.extend(styles.spans(body, line.clone(), &evidence, state.reader.focus.as_ref()));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(drawn), area.rows);
}

/// The search in the pane's title: what is typed, or the matches found.
fn search_title(state: &State, theme: &Theme) -> Vec<Span<'static>> {
    let search = &state.reader.search;
    if search.query.is_empty() && !search.editing {
        return Vec::new();
    }
    let query = display_text(&search.query).into_owned();
    let found = if search.editing {
        "▏ Enter finds".to_string()
    } else if search.matches.is_empty() {
        " not found".to_string()
    } else {
        format!(" {} of {} · n/N", search.current + 1, search.matches.len())
    };
    vec![
        Span::styled(format!("/{query}"), theme.matched),
        Span::styled(format!("{found} "), theme.dim),
    ]
}

/// The highlight of each mention in the article, and of the search's matches.
struct Styles {
    /// (span, style), sorted by start.
    mentions: Vec<(Range<usize>, Style)>,
    evidence: Style,
    evidence_focused: Style,
    /// The search's matches, sorted, and the one scrolled to.
    matches: Vec<Range<usize>>,
    current: Option<Range<usize>>,
    matched: Style,
    matched_current: Style,
}

impl Styles {
    fn new(state: &State, article: usize, theme: &Theme) -> Self {
        let search = &state.reader.search;
        let mut styles = Self {
            mentions: Vec::new(),
            evidence: theme.evidence,
            evidence_focused: theme.evidence_focused,
            matches: search.matches.clone(),
            current: search.matches.get(search.current).cloned(),
            matched: theme.matched,
            matched_current: theme.selected,
        };
        let Some(extraction) = state.model.extractions.get(article) else {
            return styles;
        };
        // The selected player's names, to tell their mentions from other people's.
        let selected: Vec<String> = state
            .selected_player()
            .and_then(|p| state.model.person(p))
            .map(|p| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .map(|n| fold(n))
                    .collect()
            })
            .unwrap_or_default();
        // Which of the article's people is the selected player, decided once per person (a
        // long article names the same people thousands of times).
        let mut is_selected = vec![false; extraction.people.len()];
        for (index, name) in state.model.name_forms(article) {
            if selected.contains(&fold(name))
                && let Some(flag) = is_selected.get_mut(index)
            {
                *flag = true;
            }
        }
        styles.mentions = state
            .article_highlights(article)
            .iter()
            .map(|mention| {
                let style = match mention.kind() {
                    MentionKind::Person(i) => {
                        if is_selected.get(i).copied().unwrap_or(false) {
                            theme.player_selected
                        } else {
                            theme.player
                        }
                    }
                    MentionKind::Club(_) => theme.club,
                    MentionKind::Source => theme.source,
                    MentionKind::Date => theme.date,
                };
                (mention.span(), style)
            })
            .collect();
        styles
    }

    /// One wrapped line as styled spans, cut wherever a highlight starts or ends.
    fn spans<'a>(
        &self,
        body: &'a str,
        line: Range<usize>,
        evidence: &[Range<usize>],
        focus: Option<&Range<usize>>,
    ) -> Vec<Span<'a>> {
        let mut cuts = vec![line.start, line.end];
        let first = self
            .mentions
            .partition_point(|(span, _)| span.end <= line.start);
        for (span, _) in self.mentions[first..]
            .iter()
            .take_while(|(span, _)| span.start < line.end)
        {
            cuts.extend([span.start, span.end]);
        }
        for span in evidence {
            cuts.extend([span.start, span.end]);
        }
        let first_match = self.matches.partition_point(|m| m.end <= line.start);
        let matches = self.matches[first_match..]
            .iter()
            .take_while(|m| m.start < line.end);
        for found in matches.clone() {
            cuts.extend([found.start, found.end]);
        }
        cuts.retain(|&at| at >= line.start && at <= line.end && body.is_char_boundary(at));
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2)
            .filter_map(|pair| {
                let (start, end) = (pair[0], pair[1]);
                let text = body.get(start..end)?;
                let mut style = self.mentions[first..]
                    .iter()
                    .take_while(|(span, _)| span.start < line.end)
                    .find(|(span, _)| span.start <= start && end <= span.end)
                    .map_or(Style::new(), |(_, style)| *style);
                if evidence.iter().any(|e| e.start <= start && end <= e.end) {
                    let focused = focus.is_some_and(|f| f.start <= start && end <= f.end);
                    style = style.patch(if focused {
                        self.evidence_focused
                    } else {
                        self.evidence
                    });
                }
                if let Some(found) = matches.clone().find(|m| m.start <= start && end <= m.end) {
                    style = style.patch(if self.current.as_ref() == Some(found) {
                        self.matched_current
                    } else {
                        self.matched
                    });
                }
                Some(Span::styled(display_text(text).into_owned(), style))
            })
            .collect()
    }
}

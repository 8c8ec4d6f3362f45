//! Where everything goes, as a pure function of the state (terminal size, focus, maximised,
//! help). The views draw into these rectangles and the update hit-tests mouse clicks and
//! sizes pages with the same ones, so they can never disagree.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use super::action::Pane;
use super::state::State;
use super::text;

/// Smaller than this, only a "terminal too small" note is shown.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this size on, all panes are shown at once; below it, one pane at a time with tabs.
pub const GRID_WIDTH: u16 = 100;
pub const GRID_HEIGHT: u16 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    TooSmall,
    /// One pane at a time under a tab bar.
    Tabs,
    /// Every pane at once.
    Grid,
}

/// One pane's rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneArea {
    pub pane: Pane,
    /// The bordered block.
    pub outer: Rect,
    /// Inside the border.
    pub inner: Rect,
    /// Where list rows (or the reader's text lines) go; row `i` of the window is at `y + i`.
    pub rows: Rect,
    /// Destinations: the evidence area under the club table.
    pub extra: Rect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub mode: Mode,
    pub area: Rect,
    /// Tab labels and where they are (tabs mode and maximised only).
    pub tabs: Vec<(Pane, Rect)>,
    pub tab_bar: Rect,
    pub panes: Vec<PaneArea>,
    pub status: Rect,
    pub hints: Rect,
    /// The help, load problems, digest or intelligence overlay, when open.
    pub overlay: Option<Rect>,
}

impl Screen {
    pub fn pane(&self, pane: Pane) -> Option<&PaneArea> {
        self.panes.iter().find(|area| area.pane == pane)
    }
}

/// The tabs' labels, as drawn in `width` columns (one between tabs): full names when they
/// all fit, else abbreviations, else the focused tab's name and the others' numbers, else
/// numbers only. Every tab always shows.
pub fn tab_labels(focus: Pane, width: u16) -> Vec<(Pane, String)> {
    const NUMBERS_ONLY: usize = 3;
    let label = |pane: Pane, brevity: usize| {
        let name = match brevity {
            0 => pane.short(),
            1 => pane.abbreviation(),
            2 if pane == focus => pane.short(),
            _ => return format!(" {} ", pane.number()),
        };
        format!(" {} {name} ", pane.number())
    };
    let labels = |brevity: usize| -> Vec<(Pane, String)> {
        Pane::ALL
            .iter()
            .map(|&pane| (pane, label(pane, brevity)))
            .collect()
    };
    (0..NUMBERS_ONLY)
        .map(labels)
        .find(|labels| {
            let total: usize = labels.iter().map(|(_, l)| text::width(l) + 1).sum();
            total.saturating_sub(1) <= usize::from(width)
        })
        .unwrap_or_else(|| labels(NUMBERS_ONLY))
}

pub fn compute(state: &State) -> Screen {
    compute_for(Rect::new(0, 0, state.size.0, state.size.1), state)
}

pub fn compute_for(area: Rect, state: &State) -> Screen {
    let mut screen = Screen {
        mode: Mode::TooSmall,
        area,
        tabs: Vec::new(),
        tab_bar: Rect::default(),
        panes: Vec::new(),
        status: Rect::default(),
        hints: Rect::default(),
        overlay: None,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return screen;
    }
    let [body, status, hints] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    screen.status = status;
    screen.hints = hints;
    let grid = area.width >= GRID_WIDTH && area.height >= GRID_HEIGHT;
    screen.mode = if grid { Mode::Grid } else { Mode::Tabs };
    if grid && !state.maximised {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(body);
        let [players, destinations] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(left);
        let [countdowns, articles, reader] = Layout::vertical([
            Constraint::Percentage(28),
            Constraint::Percentage(25),
            Constraint::Fill(1),
        ])
        .areas(right);
        for (pane, rect) in [
            (Pane::Players, players),
            (Pane::Destinations, destinations),
            (Pane::Countdowns, countdowns),
            (Pane::Articles, articles),
            (Pane::Reader, reader),
        ] {
            screen.panes.push(pane_area(pane, rect, state));
        }
    } else {
        let [tab_bar, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
        screen.tab_bar = tab_bar;
        let mut x = tab_bar.x;
        for (pane, label) in tab_labels(state.focus, tab_bar.width) {
            let label = u16::try_from(text::width(&label)).unwrap_or(u16::MAX);
            let right = tab_bar.right();
            let width = label.min(right.saturating_sub(x));
            screen.tabs.push((pane, Rect::new(x, tab_bar.y, width, 1)));
            x = x.saturating_add(label).saturating_add(1).min(right);
        }
        screen.panes.push(pane_area(state.focus, rest, state));
    }
    if state.help.is_some()
        || state.problems.is_some()
        || state.desk.digest_open.is_some()
        || state.intel.is_some()
    {
        let width = (area.width.saturating_mul(4) / 5).max(MIN_WIDTH.min(area.width));
        let height = area.height.saturating_sub(2);
        screen.overlay = Some(Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        ));
    }
    screen
}

fn pane_area(pane: Pane, outer: Rect, state: &State) -> PaneArea {
    let inner = outer.inner(Margin::new(1, 1));
    let shrink = |top: u16, bottom: u16| {
        let top = top.min(inner.height);
        let bottom = bottom.min(inner.height - top);
        Rect::new(
            inner.x,
            inner.y + top,
            inner.width,
            inner.height - top - bottom,
        )
    };
    let (rows, extra) = match pane {
        Pane::Articles => (shrink(1, 0), Rect::default()),
        Pane::Players | Pane::Countdowns => (shrink(1, 1), Rect::default()),
        Pane::Reader => {
            let link = state
                .reader
                .article
                .and_then(|a| state.model.articles.get(a))
                .is_some_and(|a| a.url.is_some());
            (shrink(if link { 3 } else { 2 }, 0), Rect::default())
        }
        Pane::Destinations => {
            let below_header = shrink(1, 0);
            let len = u16::try_from(state.destinations.rows.len())
                .unwrap_or(u16::MAX)
                .max(1);
            let table = len
                .min((below_header.height / 2).max(1))
                .min(below_header.height);
            let rows = Rect::new(below_header.x, below_header.y, below_header.width, table);
            // One line separates the clubs from the evidence.
            let evidence_top = (table + 1).min(below_header.height);
            let extra = Rect::new(
                below_header.x,
                below_header.y + evidence_top,
                below_header.width,
                below_header.height - evidence_top,
            );
            (rows, extra)
        }
    };
    PaneArea {
        pane,
        outer,
        inner,
        rows,
        extra,
    }
}

//! The user's desk in the dashboard: watched players and clubs (`w`, `W`), read articles
//! (`m`, `n`/`N`, `M`, and a moment in the reader), and the digest of what changed since the
//! last visit (`D`).
//!
//! Update records each change in [`DeskState::pending`]; the event loop commits it to the
//! library at once (one transaction each). Without a library (`--corpus`) the marks live in
//! memory only, and the status line says so once.

use std::collections::{BTreeSet, HashSet};

use crate::desk::{self, Digest, Watchlist};
use crate::model::{ClubId, PersonId};
use crate::store::{UserChange, UserState, Watch};
use crate::text::plural;

use super::action::{Command, Pane};
use super::keymap::Context;
use super::state::State;

/// The reader's article counts as read once the clock's second has turned this many times
/// while it is open in the focused reader: between one and two seconds.
pub const READ_AFTER_TICKS: u8 = 2;

/// `M` over more articles than this asks first.
pub const CONFIRM_OVER: usize = 50;

/// What the first start knows from the library: the user's marks, and what is new since the
/// previous visit.
#[derive(Debug, Clone, Default)]
pub struct DeskStart {
    pub user: UserState,
    /// Whether changes are saved to a library.
    pub persist: bool,
    /// The previous visit's date, and the ids of the articles stored since it.
    pub since: Option<(chrono::NaiveDate, HashSet<String>)>,
}

/// A question waiting for `y` or `n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Mark these articles (model indices) read.
    MarkRead(Vec<usize>),
}

#[derive(Debug, Clone, Default)]
pub struct DeskState {
    pub watchlist: Watchlist,
    /// The model's watched people and clubs (follows the watchlist and the model).
    pub people: HashSet<PersonId>,
    pub clubs: HashSet<ClubId>,
    /// Ids of the articles read.
    pub read: HashSet<String>,
    /// Panes showing only what is watched.
    pub watched_only: BTreeSet<Pane>,
    /// Bumped at every change of what is watched or shown: lists filtered for an older
    /// generation are listed again.
    pub generation: u64,
    /// Changes for the event loop to commit to the library.
    pub pending: Vec<UserChange>,
    /// Whether changes go to a library; otherwise they last as long as the dashboard.
    pub persist: bool,
    /// Whether the status line has said that the marks are not saved.
    told_memory_only: bool,
    /// The article open in the focused reader and how many clock turns it has been there;
    /// `None` ticks once it has been marked (or unmarked by hand) during this opening.
    dwell: Option<(usize, Option<u8>)>,
    pub confirm: Option<Confirm>,
    /// The previous visit's date and the articles stored since, for the digest.
    since: Option<(chrono::NaiveDate, HashSet<String>)>,
    /// The digest, once the model is there and when there is news.
    pub digest: Option<Digest>,
    /// The digest overlay, when open, and its scroll.
    pub digest_open: Option<usize>,
}

impl DeskState {
    pub fn new(start: DeskStart) -> Self {
        Self {
            watchlist: Watchlist::new(&start.user),
            read: start.user.read,
            persist: start.persist,
            since: start.since,
            ..Self::default()
        }
    }

    /// The filter generation a pane's rows are listed for: `None` when it shows everything.
    pub fn filter_key(&self, pane: Pane) -> Option<u64> {
        self.watched_only.contains(&pane).then_some(self.generation)
    }
}

impl State {
    pub fn is_watched_person(&self, person: PersonId) -> bool {
        self.desk.people.contains(&person)
    }

    pub fn is_watched_club(&self, club: ClubId) -> bool {
        self.desk.clubs.contains(&club)
    }

    /// Whether a player is shown in a pane that shows only what is watched: watched, or at a
    /// watched club.
    pub fn watched_player_or_club(&self, person: PersonId) -> bool {
        self.is_watched_person(person)
            || self
                .model
                .person(person)
                .and_then(|p| p.club)
                .is_some_and(|club| self.is_watched_club(club))
    }

    /// Whether an article names a watched player or club.
    pub fn names_watched(&self, article: usize) -> bool {
        let people = self.index.article_people.get(article);
        people.is_some_and(|people| people.iter().any(|&p| self.is_watched_person(p)))
            || self
                .model
                .extractions
                .get(article)
                .is_some_and(|facts| facts.clubs.iter().any(|&c| self.is_watched_club(ClubId(c))))
    }

    pub fn is_read(&self, article: usize) -> bool {
        self.model
            .articles
            .get(article)
            .is_some_and(|a| self.desk.read.contains(&a.id))
    }

    /// How many of the listed articles are unread.
    pub fn unread_listed(&self) -> usize {
        self.articles.unread
    }

    /// Keeps the unread count when one article's mark changed: hashing every listed
    /// article's id again would cost milliseconds on a big library.
    fn recount_one(&mut self, article: usize) {
        if self.articles.rows.contains(&article) {
            self.articles.unread = if self.is_read(article) {
                self.articles.unread.saturating_sub(1)
            } else {
                self.articles.unread + 1
            };
        }
    }

    /// Counts the listed articles that are unread (after a change of either).
    pub(super) fn count_unread(&mut self) {
        self.articles.unread = self
            .articles
            .rows
            .iter()
            .filter(|&&a| !self.is_read(a))
            .count();
    }

    /// Finds the model's watched people and clubs again (after a change of the watchlist or
    /// of the model), and has the filtered lists listed again.
    pub(super) fn refresh_watched(&mut self) {
        self.desk.people = self.desk.watchlist.people(&self.model);
        self.desk.clubs = self.desk.watchlist.clubs(&self.model);
        self.desk.generation += 1;
    }

    /// Articles fetched into the open dashboard are seen: the next digest starts after them.
    pub(super) fn caught_up(&mut self) {
        if self.desk.persist {
            self.desk.pending.push(UserChange::CaughtUp);
        }
    }

    /// Records a change for the loop to save, or says once that nothing is saved.
    fn record(&mut self, change: UserChange) {
        if self.desk.persist {
            self.desk.pending.push(change);
        } else if !self.desk.told_memory_only {
            self.desk.told_memory_only = true;
            self.message = Some(
                "marks are kept for this session only: --corpus and the built-in sample have no library"
                    .to_string(),
            );
        }
    }

    /// `w`: watches or unwatches what the focused pane has selected.
    pub(super) fn toggle_watch(&mut self) {
        let Some(watch) = self.watch_target() else {
            let key = self.key_of(Context::Players, &Command::ToggleWatch);
            self.message = Some(format!(
                "{key} watches the player or club selected in panes 1–3"
            ));
            return;
        };
        let (change, verb) = if self.desk.watchlist.contains(&watch) {
            self.desk.watchlist.remove(&watch);
            (UserChange::Unwatch(watch.clone()), "no longer watching")
        } else {
            self.desk.watchlist.insert(&watch);
            (UserChange::Watch(watch.clone()), "watching")
        };
        let name = match &watch {
            Watch::Player { name, .. } | Watch::Club { name } => name.clone(),
        };
        self.refresh_watched();
        self.message = Some(format!("{verb} {name}"));
        self.record(change);
    }

    /// The player or club `w` means in the focused pane.
    fn watch_target(&self) -> Option<Watch> {
        let person = match self.focus {
            Pane::Players => self.selected_player(),
            Pane::Destinations if !self.destinations.in_evidence => {
                let rumour = self.model.rumours.get(self.selected_rumour()?)?;
                return Some(desk::club_watch(&self.model, rumour.club));
            }
            Pane::Destinations => self.destinations.player,
            Pane::Countdowns => self
                .selected_contract()
                .and_then(|c| self.model.contracts.get(c))
                .map(|c| c.player),
            Pane::Articles | Pane::Reader => None,
        }?;
        self.model.person(person).map(desk::person_watch)
    }

    /// `W`: the focused pane shows only what is watched, or everything again.
    pub(super) fn toggle_watched_only(&mut self) {
        let pane = self.focus;
        if pane == Pane::Reader {
            let key = self.key_of(Context::Players, &Command::ToggleWatchedOnly);
            self.message = Some(format!(
                "{key} filters the players, destinations, countdowns and articles"
            ));
            return;
        }
        let on = if self.desk.watched_only.remove(&pane) {
            false
        } else {
            self.desk.watched_only.insert(pane);
            true
        };
        self.desk.generation += 1;
        self.message = Some(if on {
            let what = match pane {
                Pane::Players => "watched players (and players of watched clubs)",
                Pane::Destinations => "watched clubs",
                Pane::Countdowns => "contracts of watched players and clubs",
                _ => "articles naming a watched player or club",
            };
            if self.desk.watchlist.is_empty() {
                let key = self.key_of(Context::Players, &Command::ToggleWatch);
                format!("showing only {what}: nothing is watched yet ({key} watches)")
            } else {
                let key = self.key_of(Context::of_pane(pane), &Command::ToggleWatchedOnly);
                format!("showing only {what} ({key} shows all)")
            }
        } else {
            "showing everything".to_string()
        });
    }

    /// The article `m` and the reader's moment mark: the reader's in the reader, else the
    /// selected one.
    fn marked_article(&self) -> Option<usize> {
        match self.focus {
            Pane::Reader => self.reader.article,
            _ => self.selected_article(),
        }
    }

    /// `m`: read ↔ unread.
    pub(super) fn toggle_read(&mut self) {
        let Some(article) = self.marked_article() else {
            self.message = Some("no article selected".to_string());
            return;
        };
        let Some(id) = self.model.articles.get(article).map(|a| a.id.clone()) else {
            return;
        };
        // Marked by hand: the reader's moment does not mark it again this time.
        if self.desk.dwell.is_some_and(|(open, _)| open == article) {
            self.desk.dwell = Some((article, None));
        }
        if self.desk.read.remove(&id) {
            self.message = Some("marked unread".to_string());
            self.record(UserChange::Unread(id));
        } else {
            self.desk.read.insert(id.clone());
            self.message = Some("marked read".to_string());
            self.record(UserChange::Read(vec![id]));
        }
        self.recount_one(article);
    }

    /// `n` / `N`: the next (previous) unread article of the list.
    pub(super) fn step_unread(&mut self, forward: bool) {
        let rows = &self.articles.rows;
        let from = self.articles.cursor.selected;
        let found = if forward {
            (from + 1..rows.len()).find(|&at| !self.is_read(rows[at]))
        } else {
            (0..from.min(rows.len()))
                .rev()
                .find(|&at| !self.is_read(rows[at]))
        };
        match found {
            Some(at) => self.articles.cursor.selected = at,
            None => {
                self.message = Some(
                    if forward {
                        "no unread article below"
                    } else {
                        "no unread article above"
                    }
                    .to_string(),
                );
            }
        }
    }

    /// `M`: every listed article read; over [`CONFIRM_OVER`] asks first.
    pub(super) fn mark_listed_read(&mut self) {
        let unread: Vec<usize> = self
            .articles
            .rows
            .iter()
            .copied()
            .filter(|&a| !self.is_read(a))
            .collect();
        if unread.is_empty() {
            self.message = Some("every listed article is read".to_string());
        } else if self.articles.rows.len() > CONFIRM_OVER {
            self.desk.confirm = Some(Confirm::MarkRead(unread));
        } else {
            self.mark_read(&unread);
        }
    }

    fn mark_read(&mut self, articles: &[usize]) {
        let ids: Vec<String> = articles
            .iter()
            .filter_map(|&a| self.model.articles.get(a))
            .map(|a| a.id.clone())
            .collect();
        self.desk.read.extend(ids.iter().cloned());
        self.count_unread();
        self.message = Some(format!(
            "marked {} read",
            plural(ids.len(), "article", "articles")
        ));
        self.record(UserChange::Read(ids));
    }

    /// `y` / `n` to the question on screen.
    pub(super) fn answer(&mut self, yes: bool) {
        match self.desk.confirm.take() {
            Some(Confirm::MarkRead(articles)) if yes => self.mark_read(&articles),
            Some(_) => self.message = Some("nothing marked".to_string()),
            None => {}
        }
    }

    /// The question on screen, if any.
    pub fn question(&self) -> Option<String> {
        self.desk.confirm.as_ref().map(|confirm| match confirm {
            Confirm::MarkRead(articles) => format!(
                "Mark {} read? y/n",
                plural(articles.len(), "unread article", "unread articles")
            ),
        })
    }

    /// A turn of the clock's second: the article open in the focused reader for a moment is
    /// read.
    pub(super) fn dwell_tick(&mut self) {
        let open = (self.focus == Pane::Reader && !self.overlay_open())
            .then_some(self.reader.article)
            .flatten();
        let Some(article) = open else {
            self.desk.dwell = None;
            return;
        };
        let ticks = match self.desk.dwell {
            Some((same, ticks)) if same == article => ticks.map(|t| t.saturating_add(1)),
            _ => Some(1),
        };
        self.desk.dwell = Some((article, ticks));
        if ticks.is_some_and(|t| t >= READ_AFTER_TICKS) {
            self.desk.dwell = Some((article, None));
            // Quietly (no note about saving): reading is not a command.
            if let Some(id) = self.model.articles.get(article).map(|a| a.id.clone())
                && self.desk.read.insert(id.clone())
            {
                self.recount_one(article);
                if self.desk.persist {
                    self.desk.pending.push(UserChange::Read(vec![id]));
                }
            }
        }
    }

    /// Whether an overlay (help, problems, digest, a question) covers the panes.
    pub fn overlay_open(&self) -> bool {
        self.help.is_some()
            || self.problems.is_some()
            || self.desk.digest_open.is_some()
            || self.desk.confirm.is_some()
            || self.intel.is_some()
    }

    /// Works out the digest once the model is there, and opens it when there is news.
    pub(super) fn prepare_digest(&mut self) {
        let Some((since, ids)) = &self.desk.since else {
            return;
        };
        let new = desk::articles_with_ids(&self.model, ids);
        let digest = desk::digest(
            &self.model,
            &self.desk.watchlist,
            &new,
            *since,
            self.clock.as_of,
        );
        if !digest.is_empty() {
            self.desk.digest = Some(digest);
            self.desk.digest_open = Some(0);
        }
    }

    /// The digest's lines as its overlay shows them, `width` columns wide, watched ones
    /// marked with `mark`: items wrap under their first word, safe to draw.
    pub fn digest_rows(&self, width: u16, mark: &str) -> Vec<String> {
        let width = usize::from(width).max(5);
        let Some(digest) = &self.desk.digest else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for line in digest.lines(mark) {
            let line = super::display_text(&line).into_owned();
            // Items ("  …") keep their two spaces, and wrap under their first word.
            let (lead, text) = match line.strip_prefix("  ") {
                Some(item) => ("  ", item),
                None => ("", line.as_str()),
            };
            let wrapped = super::text::wrap(text, width - lead.len());
            let Some(head) = wrapped.first() else {
                continue;
            };
            rows.push(format!("{lead}{}", &text[head.clone()]));
            let tail = text[head.end..].trim_start();
            if !tail.is_empty() {
                let indent = if lead.is_empty() { "" } else { "    " };
                for range in super::text::wrap(tail, width - indent.len()) {
                    rows.push(format!("{indent}{}", &tail[range]));
                }
            }
        }
        rows
    }

    /// `D`: the digest again, or closed.
    pub(super) fn toggle_digest(&mut self) {
        if self.desk.digest_open.take().is_some() {
            return;
        }
        match (&self.desk.digest, &self.desk.since) {
            (Some(_), _) => self.desk.digest_open = Some(0),
            (None, Some(_)) => {
                self.message = Some("nothing new since your last visit".to_string());
            }
            (None, None) => {
                self.message = Some("no earlier visit to compare with".to_string());
            }
        }
    }
}

//! Player searches over long lists run on a thread of their own, so that typing never waits
//! for them: each keystroke cancels the search still running and asks for its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::search::{Hit, Narrowing, SearchIndex};

/// A finished search.
#[derive(Debug)]
pub struct Outcome {
    pub query: String,
    pub hits: Vec<Hit>,
}

struct Request {
    index: SearchIndex,
    query: String,
    cancel: Arc<AtomicBool>,
}

/// The search thread, as the event loop sees it.
pub struct Searcher {
    requests: Sender<Request>,
    outcomes: Receiver<Outcome>,
    /// The query asked for last and its cancel flag, until its outcome arrives.
    running: Option<(String, Arc<AtomicBool>)>,
}

impl Searcher {
    pub fn start() -> std::io::Result<Self> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, outcomes) = mpsc::channel();
        thread::Builder::new()
            .name("search".into())
            .spawn(move || serve(&inbox, &outbox))?;
        Ok(Self {
            requests,
            outcomes,
            running: None,
        })
    }

    /// Makes `wanted` the search running (cancelling another), or stops it when `None`.
    pub fn want(&mut self, index: &SearchIndex, wanted: Option<&str>) {
        if self.running.as_ref().map(|(query, _)| query.as_str()) == wanted {
            return;
        }
        if let Some((_, cancel)) = self.running.take() {
            cancel.store(true, Ordering::Relaxed);
        }
        if let Some(query) = wanted {
            let cancel = Arc::new(AtomicBool::new(false));
            let request = Request {
                index: index.clone(),
                query: query.to_string(),
                cancel: Arc::clone(&cancel),
            };
            if self.requests.send(request).is_ok() {
                self.running = Some((query.to_string(), cancel));
            }
        }
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The running search's outcome, if it is there; waits for it when `block`.
    pub fn outcome(&mut self, block: bool) -> Option<Outcome> {
        let (query, _) = self.running.as_ref()?;
        loop {
            let outcome = if block {
                self.outcomes.recv().ok()?
            } else {
                self.outcomes.try_recv().ok()?
            };
            // Outcomes of searches cancelled too late to stop are dropped.
            if outcome.query == *query {
                self.running = None;
                return Some(outcome);
            }
        }
    }
}

/// The search thread: the newest request first, older ones dropped unseen.
fn serve(inbox: &Receiver<Request>, outbox: &Sender<Outcome>) {
    let mut narrowing = Narrowing::default();
    while let Ok(mut request) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        if request.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let Some(hits) =
            narrowing.search_cancellable(&request.index, &request.query, &request.cancel)
        else {
            continue;
        };
        let outcome = Outcome {
            query: request.query,
            hits,
        };
        if outbox.send(outcome).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        SearchIndex::new(["Sergio Ramos", "Sergio Romero", "Luka Modrić"])
    }

    #[test]
    fn gives_the_hits_of_the_query_asked_last() -> Result<(), std::io::Error> {
        let index = index();
        let mut searcher = Searcher::start()?;
        searcher.want(&index, Some("ser"));
        searcher.want(&index, Some("modric"));
        let outcome = searcher.outcome(true).map(|o| (o.query, o.hits));
        let hits: Vec<usize> = outcome
            .iter()
            .flat_map(|(_, hits)| hits.iter().map(|hit| hit.index))
            .collect();
        assert_eq!(outcome.map(|(query, _)| query).as_deref(), Some("modric"));
        assert_eq!(hits, [2]);
        assert!(!searcher.is_running());
        Ok(())
    }

    #[test]
    fn stopping_leaves_nothing_to_wait_for() -> Result<(), std::io::Error> {
        let index = index();
        let mut searcher = Searcher::start()?;
        searcher.want(&index, Some("ser"));
        searcher.want(&index, None);
        assert!(!searcher.is_running());
        assert!(searcher.outcome(true).is_none());
        Ok(())
    }
}

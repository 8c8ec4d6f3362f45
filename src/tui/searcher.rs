//! Player searches over long lists run on a thread of their own, so that typing never waits
//! for them: each keystroke cancels the search still running and asks for its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use super::action::Message;
use crate::search::{Hit, Narrowing, SearchIndex};

/// A finished search.
#[derive(Debug)]
pub struct Outcome {
    pub query: String,
    pub hits: Vec<Hit>,
    /// The [`SearchIndex::id`] searched.
    index: u64,
}

impl Outcome {
    /// The hits, for the dashboard's state.
    pub fn into_message(self) -> Message {
        Message::SearchFinished {
            query: self.query,
            hits: self.hits,
        }
    }
}

struct Request {
    index: SearchIndex,
    query: String,
    cancel: Arc<AtomicBool>,
}

/// What is being searched for, until its outcome arrives.
struct Running {
    query: String,
    index: u64,
    cancel: Arc<AtomicBool>,
}

/// The search thread, as the event loop sees it.
pub struct Searcher {
    requests: Sender<Request>,
    outcomes: Receiver<Outcome>,
    running: Option<Running>,
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
    /// False when the search thread is gone (it panicked): the caller searches itself.
    pub fn want(&mut self, index: &SearchIndex, wanted: Option<&str>) -> bool {
        let same = |running: &Running| {
            Some(running.query.as_str()) == wanted && running.index == index.id()
        };
        if self.running.as_ref().is_some_and(same) {
            return true;
        }
        self.stop();
        let Some(query) = wanted else {
            return true;
        };
        let cancel = Arc::new(AtomicBool::new(false));
        let request = Request {
            index: index.clone(),
            query: query.to_string(),
            cancel: Arc::clone(&cancel),
        };
        if self.requests.send(request).is_err() {
            return false;
        }
        self.running = Some(Running {
            query: query.to_string(),
            index: index.id(),
            cancel,
        });
        true
    }

    /// Cancels the search running, if any.
    fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.cancel.store(true, Ordering::Relaxed);
        }
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The running search's outcome, if it is there; waits for it when `block`.
    pub fn outcome(&mut self, block: bool) -> Option<Outcome> {
        let running = self.running.as_ref()?;
        loop {
            let received = if block {
                self.outcomes.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                self.outcomes.try_recv()
            };
            match received {
                // Outcomes of searches cancelled too late to stop are dropped.
                Ok(outcome) if outcome.query == running.query && outcome.index == running.index => {
                    self.running = None;
                    return Some(outcome);
                }
                Ok(_) => {}
                Err(TryRecvError::Empty) => return None,
                // The thread is gone: nothing will come (the next `want` says so).
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    return None;
                }
            }
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.stop();
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
            index: request.index.id(),
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
        assert!(searcher.want(&index, Some("ser")));
        assert!(searcher.want(&index, Some("modric")));
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
        assert!(searcher.want(&index, Some("ser")));
        assert!(searcher.want(&index, None));
        assert!(!searcher.is_running());
        assert!(searcher.outcome(true).is_none());
        Ok(())
    }

    #[test]
    fn the_same_query_on_another_index_is_searched_again() -> Result<(), std::io::Error> {
        let before = SearchIndex::new(["Sergio Ramos"]);
        let after = SearchIndex::new(["Luka Modrić", "Sergio Ramos"]);
        let mut searcher = Searcher::start()?;
        assert!(searcher.want(&before, Some("ramos")));
        assert!(searcher.want(&after, Some("ramos")));
        let hits: Vec<usize> = searcher
            .outcome(true)
            .map(|o| o.hits.iter().map(|hit| hit.index).collect())
            .unwrap_or_default();
        assert_eq!(hits, [1], "the second index's hit");
        Ok(())
    }
}

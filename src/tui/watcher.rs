//! `--watch`: the corpus folders are watched, and files added or changed there are read on
//! the watcher's thread and handed over as a corpus to merge. Editors save by writing a new
//! file and renaming it over the old one; the debouncer follows file ids through that.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::corpus::{self, Corpus};

/// Changes closer together than this are read as one (a save is several events).
const QUIET: Duration = Duration::from_millis(300);

/// Watches the corpus while the dashboard is open.
pub struct Watcher {
    /// Stops watching when dropped.
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    arrivals: Receiver<Result<Corpus, String>>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watcher")
    }
}

impl Watcher {
    /// Starts watching `roots` (folders recursively; a file through its folder).
    pub fn start(roots: Vec<PathBuf>) -> notify::Result<Self> {
        let (send, arrivals) = mpsc::channel();
        let reading = roots.clone();
        let mut debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
            let news = match result {
                Ok(events) => {
                    let changed: Vec<PathBuf> = events
                        .iter()
                        .filter(|event| brings_content(&event.kind))
                        .flat_map(|event| event.paths.iter().cloned())
                        .collect();
                    if changed.is_empty() {
                        return;
                    }
                    Ok(corpus::load_changed(&reading, &changed))
                }
                Err(errors) => Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")),
            };
            // The dashboard may have ended meanwhile: nobody to tell.
            let _ = send.send(news);
        })?;
        for root in &roots {
            if root.is_dir() {
                debouncer.watch(root, RecursiveMode::Recursive)?;
            } else if let Some(folder) = root.parent().filter(|p| !p.as_os_str().is_empty()) {
                debouncer.watch(folder, RecursiveMode::NonRecursive)?;
            } else {
                debouncer.watch(".", RecursiveMode::NonRecursive)?;
            }
        }
        Ok(Self {
            _debouncer: debouncer,
            arrivals,
        })
    }

    /// What the watched files brought since the last call, if anything.
    pub fn poll(&self) -> Option<Result<Corpus, String>> {
        self.arrivals.try_recv().ok()
    }
}

/// Whether an event can leave new text in a file: created, written, renamed into place.
fn brings_content(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    )
}

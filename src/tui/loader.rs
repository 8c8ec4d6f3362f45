//! The corpus loads on a thread of its own while the dashboard is already on screen: the
//! first frame never waits for the model.

use std::any::Any;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::library::{self, Source};
use crate::progress::{LoadProgress, Progress};

use super::action::Message;
use super::app::Input;
use super::desk::DeskStart;
use super::state::Loaded;

/// Reading the user's marks from the library (and recording the visit), done on the loader's
/// thread before the articles: the first frame never waits for it.
pub type DeskJob = Box<dyn FnOnce() -> Result<DeskStart, String> + Send>;

/// Progress is shown at most this often: redrawing on every file read would take the CPU
/// the load needs.
const REPORT_EVERY: Duration = Duration::from_millis(100);

/// A load running in the background: first the model ([`Message::Loaded`]), then, for a
/// library whose stored facts are missing for some articles (new ones, or an older
/// extractor's), those articles read ([`Message::Reread`]).
#[derive(Debug)]
pub struct Loader {
    progress: Arc<LoadProgress>,
    news: Receiver<Message>,
    handle: Option<JoinHandle<()>>,
    /// The model has been handed over.
    loaded: bool,
    reported: Progress,
    reported_at: Instant,
}

impl Loader {
    /// Starts loading `source` (and the user's marks, when there is a `desk` job).
    pub fn start(source: Source, desk: Option<DeskJob>) -> std::io::Result<Self> {
        let progress = Arc::new(LoadProgress::default());
        let counting = Arc::clone(&progress);
        let (send, news) = mpsc::channel();
        let handle = thread::Builder::new()
            .name("loader".into())
            .spawn(move || load(&source, &counting, &send, desk))?;
        Ok(Self {
            progress,
            news,
            handle: Some(handle),
            loaded: false,
            reported: Progress::default(),
            reported_at: Instant::now(),
        })
    }

    /// What there is to tell now, if anything: the model once loaded, then the articles read
    /// in the background; before the model, the progress when it moved and was last told at
    /// least [`REPORT_EVERY`] ago. A thread that died on a bug says so once.
    pub fn poll(&mut self) -> Option<Input> {
        match self.news.try_recv() {
            Ok(message) => {
                self.loaded |= matches!(message, Message::Loaded(_));
                return Some(Input::Message(message));
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                let panic = self.handle.take()?.join().err()?;
                let bug = panic_message(&*panic);
                return Some(Input::Message(if self.loaded {
                    Message::Reread(Box::new(Err(format!("stopped on a bug: {bug}"))))
                } else {
                    Message::Loaded(Box::new(Err(format!("loading stopped on a bug: {bug}"))))
                }));
            }
        }
        if self.loaded {
            return None;
        }
        let progress = self.progress.snapshot();
        if progress != self.reported && self.reported_at.elapsed() >= REPORT_EVERY {
            self.reported = progress;
            self.reported_at = Instant::now();
            return Some(Input::Message(Message::LoadProgress { progress }));
        }
        None
    }

    /// Whether the model is still to come.
    pub fn is_loading(&self) -> bool {
        !self.loaded
    }

    /// Whether nothing more will come.
    pub fn is_done(&self) -> bool {
        self.handle.is_none()
    }
}

/// Reads the user's marks (when there is a desk job), the corpus, and builds the model and
/// the dashboard's lookups over it; then reads the
/// library articles left out of it, if any.
fn load(source: &Source, progress: &LoadProgress, send: &Sender<Message>, desk: Option<DeskJob>) {
    let desk = desk.map(|job| job());
    let (loaded, unread) = match source.load(progress) {
        Ok(loaded) => {
            let gazetteer = Arc::new(loaded.gazetteer);
            let mut ready = Loaded::new(loaded.model);
            ready.desk = desk;
            ready.gazetteer = Some(Arc::clone(&gazetteer));
            ready.unread = loaded.unread.as_ref().map_or(0, |unread| unread.ids.len());
            (Ok(ready), loaded.unread.map(|unread| (unread, gazetteer)))
        }
        Err(error) => (Err(error.to_string()), None),
    };
    // The dashboard may have ended meanwhile: nobody to tell.
    if send.send(Message::Loaded(Box::new(loaded))).is_err() {
        return;
    }
    if let Some((unread, gazetteer)) = unread {
        let read = library::reread(&unread, &gazetteer, &LoadProgress::default())
            .map_err(|error| error.to_string());
        let _ = send.send(Message::Reread(Box::new(read)));
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Polls until the load is over, as the event loop does.
    fn finish(loader: &mut Loader) -> Result<Loaded, String> {
        loop {
            match loader.poll() {
                Some(Input::Message(Message::Loaded(result))) => return *result,
                Some(_) | None => thread::sleep(Duration::from_millis(5)),
            }
        }
    }

    #[test]
    fn loads_the_embedded_articles_then_says_nothing_more() -> Result<(), String> {
        let mut loader = Loader::start(Source::Sample, None).map_err(|e| e.to_string())?;
        let loaded = finish(&mut loader)?;
        assert_eq!(loaded.model.articles.len(), 3);
        assert!(!loaded.index.roster.players.is_empty());
        let progress = loader.progress.snapshot();
        assert_eq!((progress.files_read, progress.files_total), (3, 3));
        assert_eq!(progress.articles_extracted, 3);
        assert!(loader.poll().is_none());
        Ok(())
    }

    #[test]
    fn counts_rejected_files() -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        std::fs::write(dir.path().join("empty.txt"), "").map_err(|e| e.to_string())?;
        std::fs::write(
            dir.path().join("one.txt"),
            "date 2021-01-13 Sergio Ramos has been linked with PSG.",
        )
        .map_err(|e| e.to_string())?;
        let mut loader = Loader::start(Source::Files(vec![dir.path().to_path_buf()]), None)
            .map_err(|e| e.to_string())?;
        let loaded = finish(&mut loader)?;
        assert_eq!(loaded.model.articles.len(), 1);
        assert_eq!(loader.progress.snapshot().errors, 1);
        Ok(())
    }
}

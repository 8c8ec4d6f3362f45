//! How far loading has come: counted by the loading threads as they go, read by another
//! (the dashboard draws it while the model builds in the background).

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

/// The steps of loading, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Walking the folders for article files.
    #[default]
    Finding,
    /// Reading and parsing the files.
    Reading,
    /// Reading players, clubs, rumours and contracts out of each article.
    Extracting,
    /// Merging what the articles say into one model.
    Merging,
}

impl Stage {
    /// In declaration order: a stage's number is its position.
    const ALL: [Stage; 4] = [
        Stage::Finding,
        Stage::Reading,
        Stage::Extracting,
        Stage::Merging,
    ];
}

/// Counters shared between the threads that load and the one that watches. Relaxed atomics:
/// a watcher may see one counter a little ahead of another, never a wrong total.
#[derive(Debug, Default)]
pub struct LoadProgress {
    stage: AtomicUsize,
    files_total: AtomicUsize,
    files_read: AtomicUsize,
    errors: AtomicUsize,
    articles_total: AtomicUsize,
    articles_extracted: AtomicUsize,
}

impl LoadProgress {
    pub fn start(&self, stage: Stage) {
        self.stage.store(stage as usize, Ordering::Relaxed);
    }

    pub fn found_files(&self, total: usize) {
        self.files_total.store(total, Ordering::Relaxed);
    }

    pub fn read_file(&self) {
        self.files_read.fetch_add(1, Ordering::Relaxed);
    }

    /// Rejected files, JSON lines or links (warnings are not counted).
    pub fn add_errors(&self, count: usize) {
        self.errors.fetch_add(count, Ordering::Relaxed);
    }

    pub fn found_articles(&self, total: usize) {
        self.articles_total.store(total, Ordering::Relaxed);
    }

    pub fn extracted_article(&self) {
        self.articles_extracted.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Progress {
        let stage = Stage::ALL
            .get(self.stage.load(Ordering::Relaxed))
            .copied()
            .unwrap_or_default();
        Progress {
            stage,
            files_total: self.files_total.load(Ordering::Relaxed),
            files_read: self.files_read.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            articles_total: self.articles_total.load(Ordering::Relaxed),
            articles_extracted: self.articles_extracted.load(Ordering::Relaxed),
        }
    }
}

/// A reading of [`LoadProgress`] at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub files_total: usize,
    pub files_read: usize,
    pub errors: usize,
    pub articles_total: usize,
    pub articles_extracted: usize,
}

impl Progress {
    /// How much of the whole load is done, from 0 to 1, never going back. Reading files is
    /// weighted as a fifth of the work and extraction as most of the rest, roughly what they
    /// cost.
    pub fn done(&self) -> f64 {
        fn part(done: usize, total: usize) -> f64 {
            if total == 0 {
                0.0
            } else {
                (done.min(total) as f64) / (total as f64)
            }
        }
        match self.stage {
            Stage::Finding => 0.0,
            Stage::Reading => 0.2 * part(self.files_read, self.files_total),
            Stage::Extracting => 0.2 + 0.75 * part(self.articles_extracted, self.articles_total),
            Stage::Merging => 0.95,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_reads_the_counters() {
        let progress = LoadProgress::default();
        assert_eq!(progress.snapshot(), Progress::default());
        progress.start(Stage::Reading);
        progress.found_files(4);
        progress.read_file();
        progress.add_errors(2);
        let seen = progress.snapshot();
        assert_eq!(seen.stage, Stage::Reading);
        assert_eq!((seen.files_read, seen.files_total, seen.errors), (1, 4, 2));
    }

    #[test]
    fn done_grows_through_the_stages() {
        let progress = LoadProgress::default();
        let mut seen = vec![progress.snapshot().done()];
        progress.start(Stage::Reading);
        progress.found_files(2);
        for _ in 0..2 {
            progress.read_file();
            seen.push(progress.snapshot().done());
        }
        progress.start(Stage::Extracting);
        progress.found_articles(3);
        for _ in 0..3 {
            progress.extracted_article();
            seen.push(progress.snapshot().done());
        }
        progress.start(Stage::Merging);
        seen.push(progress.snapshot().done());
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert_eq!(seen[2], 0.2);
        assert_eq!(seen[5], 0.95);
    }

    #[test]
    fn empty_stages_do_not_divide_by_zero() {
        let progress = Progress {
            stage: Stage::Extracting,
            ..Progress::default()
        };
        assert_eq!(progress.done(), 0.2);
    }
}

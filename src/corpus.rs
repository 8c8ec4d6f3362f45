//! Reading article files and folders into [`Article`]s, reporting every problem on the way.
//!
//! Loading happens in two steps so that a caller can show progress:
//!
//! 1. [`discover`] walks the given files and folders (no file is read) and returns the list of
//!    [`SourceFile`]s to load, plus the problems found on the way (missing paths, unsupported
//!    file types, symlink loops, ...).
//! 2. [`load_file`] reads and parses one file. Calling it once per discovered file (in any order,
//!    on any thread) and handing the results to [`assemble`] gives the same [`Corpus`] as
//!    [`load_paths`], which does exactly that with rayon (and [`load`], which also counts
//!    its way through in a [`LoadProgress`]).
//!
//! [`parse_file`] is the format dispatch shared by [`load_file`] and [`load_embedded`]; it works on
//! bytes and never touches the filesystem.
//!
//! Nothing in this module panics on any input: every oddity becomes a [`LoadProblem`].

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::progress::{LoadProgress, Stage};

mod discover;
mod parse;
mod title;

pub use discover::{Discovery, SourceFile, discover, load_file};
pub use parse::parse_file;
pub(crate) use parse::{decode_latin1, decode_utf16, json_error};
pub use title::derive_title;

/// Largest file that is read at all, in bytes (32 MiB). Bigger files are rejected from their
/// metadata, before anything is read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Largest article body kept, in bytes (1 MiB). Longer bodies are cut at a character boundary
/// and a warning is reported.
pub const MAX_ARTICLE_BYTES: usize = 1024 * 1024;

/// Deepest folder nesting descended into below a folder given to [`discover`] (32 levels).
/// Deeper folders are reported with a warning and not descended.
pub const MAX_DEPTH: usize = 32;

/// Most files [`discover`] lists (200 000). Beyond that, discovery stops listing files and
/// reports a warning saying how many were left out.
pub const MAX_FILES: usize = 200_000;

/// The supported file types, as named in problem messages.
pub(crate) const SUPPORTED_EXTENSIONS_TEXT: &str =
    ".txt, .md, .json, .jsonl, or a feed (.xml, .rss, .atom)";

/// How many leading bytes are checked for NUL bytes to recognise binary files (8 KiB).
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// One article of the corpus: its text and what its file said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable identifier derived from the path (same file, same id, every run).
    pub id: String,
    /// Where the article came from, as shown to the user.
    pub path: String,
    pub date: Option<NaiveDate>,
    /// The date is the day the article was first fetched: its feed gave no publication date.
    pub date_is_fetch: bool,
    /// The file's own title, or one derived from the first sentence of the body.
    pub title: String,
    /// The outlet named by the file's metadata, if any.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The article text; extraction spans are byte offsets into it.
    pub body: String,
}

/// How bad a load problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was repaired or dropped, but the file loaded.
    Warning,
    /// The file (or JSON line) was skipped.
    Rejected,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Rejected => "rejected",
        })
    }
}

/// A problem found while loading, tied to its path and, where it helps, its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadProblem {
    pub path: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl LoadProblem {
    /// A problem whose message is squeezed onto one line.
    pub(crate) fn new(
        path: impl Into<String>,
        line: Option<usize>,
        severity: Severity,
        message: impl AsRef<str>,
    ) -> Self {
        LoadProblem {
            path: path.into(),
            line,
            severity,
            message: one_line(message.as_ref()),
        }
    }

    pub(crate) fn warning(
        path: impl Into<String>,
        line: Option<usize>,
        message: impl AsRef<str>,
    ) -> Self {
        Self::new(path, line, Severity::Warning, message)
    }

    pub(crate) fn rejected(
        path: impl Into<String>,
        line: Option<usize>,
        message: impl AsRef<str>,
    ) -> Self {
        Self::new(path, line, Severity::Rejected, message)
    }
}

/// `path:line: severity: message`, or `path: severity: message` when there is no line.
impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(
                f,
                "{}:{}: {}: {}",
                self.path, line, self.severity, self.message
            ),
            None => write!(f, "{}: {}: {}", self.path, self.severity, self.message),
        }
    }
}

/// Everything that was loaded, and everything that went wrong.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadProblem>,
}

/// What one file gave: its articles (ids not yet made unique) and its problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileLoad {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadProblem>,
}

/// Loads files and folders (recursively) into a corpus.
///
/// Files come in a deterministic order: roots in the given order, and within a folder sorted by
/// path. Files are read and parsed in parallel; the result does not depend on scheduling.
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    load_paths_counted(paths, &LoadProgress::default())
}

/// The articles of those `changed` files (or of every file in a changed folder: one copied in
/// whole) that a load of `roots` reads, under the ids that load gives them (so an edited file
/// replaces its articles): what a watched folder's new and edited files hold. Files outside
/// the roots, or of no supported type, are left out.
pub fn load_changed(roots: &[PathBuf], changed: &[PathBuf]) -> Corpus {
    let wanted: Vec<PathBuf> = changed
        .iter()
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .collect();
    let files: Vec<SourceFile> = discover(roots)
        .files
        .into_iter()
        .filter(|file| {
            std::fs::canonicalize(&file.path)
                .is_ok_and(|path| wanted.iter().any(|changed| path.starts_with(changed)))
        })
        .collect();
    let loads: Vec<FileLoad> = files.par_iter().map(load_file).collect();
    assemble(
        Discovery {
            files,
            problems: Vec::new(),
        },
        loads,
    )
}

/// Loads what a command line names: the given files and folders, or the embedded seed
/// articles when there are none; counting files read and errors into `progress`.
pub fn load(paths: &[PathBuf], progress: &LoadProgress) -> Corpus {
    if paths.is_empty() {
        progress.start(Stage::Reading);
        let corpus = load_embedded();
        progress.found_files(EMBEDDED.len());
        (0..EMBEDDED.len()).for_each(|_| progress.read_file());
        corpus
    } else {
        load_paths_counted(paths, progress)
    }
}

fn load_paths_counted(paths: &[PathBuf], progress: &LoadProgress) -> Corpus {
    progress.start(Stage::Finding);
    let discovery = discover(paths);
    progress.found_files(discovery.files.len());
    progress.add_errors(rejected(&discovery.problems));
    progress.start(Stage::Reading);
    let loads: Vec<FileLoad> = discovery
        .files
        .par_iter()
        .map(|file| {
            let load = load_file(file);
            progress.add_errors(rejected(&load.problems));
            progress.read_file();
            load
        })
        .collect();
    assemble(discovery, loads)
}

/// How many of `problems` rejected something (a file, a JSON line, a link), as opposed to
/// warnings.
pub fn rejected(problems: &[LoadProblem]) -> usize {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Rejected)
        .count()
}

/// Merges a [`Discovery`] and the [`FileLoad`]s of its files (in the same order as
/// `discovery.files`) into a [`Corpus`].
///
/// Problems come out in discovery order (a discovery problem appears between the files found
/// before and after it), and article ids are made unique: when an id was already used, the later
/// article gets `~2`, `~3`, ... appended.
pub fn assemble(discovery: Discovery, loads: impl IntoIterator<Item = FileLoad>) -> Corpus {
    let Discovery { files, problems } = discovery;
    let mut discovery_problems = problems.into_iter();
    let mut emitted = 0usize;
    let mut corpus = Corpus::default();
    let mut ids = IdAllocator::default();
    let mut loads = loads.into_iter();
    for file in &files {
        let before = file.problems_before.max(emitted);
        corpus
            .problems
            .extend(discovery_problems.by_ref().take(before - emitted));
        emitted = before;
        if let Some(load) = loads.next() {
            corpus.problems.extend(load.problems);
            corpus
                .articles
                .extend(load.articles.into_iter().map(|a| ids.claim(a)));
        }
    }
    // Loads beyond the discovered files (a caller's own additions) are still kept.
    for load in loads {
        corpus.problems.extend(load.problems);
        corpus
            .articles
            .extend(load.articles.into_iter().map(|a| ids.claim(a)));
    }
    corpus.problems.extend(discovery_problems);
    corpus
}

/// Hands out unique article ids: the first article keeps its id, later ones get `~2`, `~3`, ...
#[derive(Default)]
struct IdAllocator {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl IdAllocator {
    fn claim(&mut self, mut article: Article) -> Article {
        if self.used.insert(article.id.clone()) {
            return article;
        }
        let base = article.id.clone();
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        loop {
            let candidate = format!("{base}~{n}");
            n += 1;
            if self.used.insert(candidate.clone()) {
                self.next_suffix.insert(base, n);
                article.id = candidate;
                return article;
            }
        }
    }
}

/// The seed articles shipped with the crate: (file name, contents).
const EMBEDDED: &[(&str, &[u8])] = &[
    (
        "000_b2e0eaffcf3f394a.txt",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/articles/000_b2e0eaffcf3f394a.txt"
        )),
    ),
    (
        "001_74b6467321493f20.txt",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/articles/001_74b6467321493f20.txt"
        )),
    ),
    (
        "002_97f5d95ed52fd829.txt",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/articles/002_97f5d95ed52fd829.txt"
        )),
    ),
];

/// The seed articles compiled into the binary (from `assets/articles/`), parsed like files.
///
/// Ids are the file stems (e.g. `000_b2e0eaffcf3f394a`) and paths `assets/articles/<file name>`.
pub fn load_embedded() -> Corpus {
    let loads = EMBEDDED.iter().map(|(name, bytes)| {
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        parse_file(&format!("assets/articles/{name}"), stem, extension, bytes)
    });
    assemble(Discovery::default(), loads)
}

/// The date of the newest built-in article: the sample is seen as of that day, when its
/// countdowns and "free agent since" make sense.
pub fn embedded_newest_date() -> Option<NaiveDate> {
    load_embedded().articles.iter().filter_map(|a| a.date).max()
}

/// Collapses every run of whitespace (newlines included) into one space and trims the ends,
/// after [`sanitize`](crate::sanitize::sanitize): no escape sequence or other control character
/// survives.
pub(crate) fn one_line(text: &str) -> String {
    let safe = crate::sanitize::sanitize(text, false);
    let mut out = String::with_capacity(safe.len());
    for word in safe.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// At most `max` characters of `text` on one line, with `…` when cut: for quoting user data in
/// problem messages.
pub(crate) fn snippet(text: &str, max: usize) -> String {
    let flat = one_line(text);
    match flat.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

#[cfg(test)]
mod tests;

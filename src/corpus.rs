//! Reading article files and folders into [`Article`]s, reporting every problem on the way.

use chrono::NaiveDate;
use serde::Serialize;

/// One article of the corpus: its text and what its file said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable identifier derived from the path (same file, same id, every run).
    pub id: String,
    /// Where the article came from, as shown to the user.
    pub path: String,
    pub date: Option<NaiveDate>,
    /// The file's own title, or one derived from the first sentence of the body.
    pub title: String,
    /// The outlet named by the file's metadata, if any.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The article text; extraction spans are byte offsets into it.
    pub body: String,
}

/// How bad a load problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was repaired or dropped, but the file loaded.
    Warning,
    /// The file (or JSON line) was skipped.
    Rejected,
}

/// A problem found while loading, tied to its path and, where it helps, its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadProblem {
    pub path: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

/// Everything that was loaded, and everything that went wrong.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadProblem>,
}

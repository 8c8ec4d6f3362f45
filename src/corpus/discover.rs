//! Walking files and folders into a list of [`SourceFile`]s, and reading one of them.

use std::collections::HashMap;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use super::parse::{Format, parse_file};
use super::{
    FileLoad, LoadProblem, MAX_DEPTH, MAX_FILE_BYTES, MAX_FILES, SUPPORTED_EXTENSIONS_TEXT,
};

/// A file found by [`discover`], ready for [`load_file`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's path as given, or joined onto the folder it was found in.
    pub path: PathBuf,
    /// The article id of the file: its path relative to the folder given to [`discover`],
    /// without extension and `/`-separated, or its file stem when the file was given directly.
    /// JSON arrays and JSON Lines add `#N` per article.
    pub id_base: String,
    /// How many discovery problems were reported before this file was found; lets
    /// [`assemble`](super::assemble) keep problems in discovery order.
    pub(crate) problems_before: usize,
}

impl SourceFile {
    /// A file to load with the given article id base (for callers that list files themselves).
    pub fn new(path: impl Into<PathBuf>, id_base: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            id_base: id_base.into(),
            problems_before: 0,
        }
    }

    /// The path as shown to the user (and stored in [`Article::path`](super::Article::path)).
    pub fn label(&self) -> String {
        self.path.display().to_string()
    }

    /// The file's extension, lowercased, without the dot (empty when there is none).
    pub fn extension(&self) -> String {
        extension_of(&self.path)
    }
}

/// The files to load, in load order, and the problems found while listing them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    pub files: Vec<SourceFile>,
    pub problems: Vec<LoadProblem>,
}

/// The limits of a walk; the public constants, except in tests.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) max_depth: usize,
    pub(crate) max_files: usize,
    pub(crate) max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: MAX_DEPTH,
            max_files: MAX_FILES,
            max_file_bytes: MAX_FILE_BYTES,
        }
    }
}

/// Lists the article files under `paths`, without reading any of them.
///
/// Each path may be a file or a folder. Folders are walked recursively, entries sorted by name,
/// hidden entries (name starting with `.`) skipped silently. Roots keep the given order.
/// Symbolic links are followed, but a link back into a folder being walked, or a file or folder
/// reached twice, is reported and loaded only once. Nothing here opens a file, so named pipes and
/// devices can never block.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_with(paths, Limits::default())
}

pub(crate) fn discover_with(paths: &[PathBuf], limits: Limits) -> Discovery {
    let mut walker = Walker {
        limits,
        discovery: Discovery::default(),
        seen_files: HashMap::new(),
        seen_dirs: HashMap::new(),
        ancestors: Vec::new(),
        left_out: 0,
        overflow_at: None,
    };
    for root in paths {
        walker.root(root);
    }
    if walker.left_out > 0 {
        let at = walker.overflow_at.take().unwrap_or_default();
        let message = format!(
            "more than {} article files found; the remaining {} were left out",
            limits.max_files, walker.left_out
        );
        walker
            .discovery
            .problems
            .push(LoadProblem::warning(at, None, message));
    }
    walker.discovery
}

struct Walker {
    limits: Limits,
    discovery: Discovery,
    /// Every file listed, with the path it was listed as.
    seen_files: HashMap<Identity, String>,
    /// Every folder walked, with the path it was walked as.
    seen_dirs: HashMap<Identity, String>,
    /// The folders being walked, outermost first, with their paths as shown.
    ancestors: Vec<(Identity, String)>,
    /// Files found after the file limit was reached.
    left_out: usize,
    /// The root being walked when the file limit was reached.
    overflow_at: Option<String>,
}

impl Walker {
    fn overflowing(&self) -> bool {
        self.overflow_at.is_some()
    }

    /// Records a problem, unless the file limit was reached (then only files are counted).
    fn report(&mut self, problem: LoadProblem) {
        if !self.overflowing() {
            self.discovery.problems.push(problem);
        }
    }

    fn root(&mut self, path: &Path) {
        let label = path.display().to_string();
        let meta = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                self.report(LoadProblem::rejected(
                    label,
                    None,
                    "no such file or directory; skipped",
                ));
                return;
            }
            Err(err) => {
                self.report(LoadProblem::rejected(
                    label,
                    None,
                    format!("cannot be read: {}; skipped", describe_io_error(&err)),
                ));
                return;
            }
        };
        let meta = if meta.file_type().is_symlink() {
            match follow_link(path, &label) {
                Ok(meta) => meta,
                Err(problem) => return self.report(problem),
            }
        } else {
            meta
        };
        if meta.is_dir() {
            let id = identity(path, &meta);
            if let Some(first) = self.seen_dirs.get(&id) {
                let message = format!("same folder as {first}; loaded once");
                return self.report(LoadProblem::warning(label, None, message));
            }
            self.seen_dirs.insert(id.clone(), label.clone());
            self.ancestors.push((id, label));
            self.walk(path, path, 0);
            self.ancestors.pop();
        } else if meta.is_file() {
            let id_base = path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_else(|| label.clone());
            self.add_file(path, id_base, &meta, &label);
        } else {
            self.report(not_regular(label, &meta));
        }
    }

    /// Walks the folder `dir` (at `depth` below `root`).
    fn walk(&mut self, dir: &Path, root: &Path, depth: usize) {
        let root_label = root.display().to_string();
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                let message = format!(
                    "folder cannot be read: {}; skipped",
                    describe_io_error(&err)
                );
                return self.report(LoadProblem::rejected(
                    dir.display().to_string(),
                    None,
                    message,
                ));
            }
        };
        let mut listed = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => listed.push(entry),
                Err(err) => {
                    let message = format!(
                        "an entry of this folder cannot be read: {}; skipped",
                        describe_io_error(&err)
                    );
                    self.report(LoadProblem::rejected(
                        dir.display().to_string(),
                        None,
                        message,
                    ));
                }
            }
        }
        listed.sort_by_cached_key(|entry| entry.file_name());

        for entry in listed {
            if entry.file_name().as_encoded_bytes().first() == Some(&b'.') {
                continue;
            }
            let path = entry.path();
            let label = path.display().to_string();
            let meta = match fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(err) => {
                    let message = format!("cannot be read: {}; skipped", describe_io_error(&err));
                    self.report(LoadProblem::rejected(label, None, message));
                    continue;
                }
            };
            let meta = if meta.file_type().is_symlink() {
                match follow_link(&path, &label) {
                    Ok(meta) => meta,
                    Err(problem) => {
                        self.report(problem);
                        continue;
                    }
                }
            } else {
                meta
            };

            if meta.is_dir() {
                let id = identity(&path, &meta);
                if let Some((_, ancestor)) = self.ancestors.iter().find(|(a, _)| *a == id) {
                    let message = format!("symbolic link loop back to {ancestor}; not followed");
                    self.report(LoadProblem::warning(label, None, message));
                } else if let Some(first) = self.seen_dirs.get(&id) {
                    let message = format!("same folder as {first}; loaded once");
                    self.report(LoadProblem::warning(label, None, message));
                } else if depth + 1 > self.limits.max_depth {
                    let message = format!(
                        "folder nested more than {} levels deep; not descended",
                        self.limits.max_depth
                    );
                    self.report(LoadProblem::warning(label, None, message));
                } else {
                    self.seen_dirs.insert(id.clone(), label.clone());
                    self.ancestors.push((id, label));
                    self.walk(&path, root, depth + 1);
                    self.ancestors.pop();
                }
            } else if meta.is_file() {
                let id_base = relative_id(&path, root);
                self.add_file(&path, id_base, &meta, &root_label);
            } else {
                self.report(not_regular(label, &meta));
            }
        }
    }

    /// Lists one regular file, unless its type is unsupported, it is too big, or it was
    /// already listed.
    fn add_file(&mut self, path: &Path, id_base: String, meta: &Metadata, root_label: &str) {
        let label = path.display().to_string();
        let extension = extension_of(path);
        if Format::from_extension(&extension).is_none() {
            return self.report(unsupported(label, &extension));
        }
        if meta.len() > self.limits.max_file_bytes {
            return self.report(too_big(label, meta.len(), self.limits.max_file_bytes));
        }
        let id = identity(path, meta);
        if let Some(first) = self.seen_files.get(&id) {
            let message = format!("same file as {first}; loaded once");
            return self.report(LoadProblem::warning(label, None, message));
        }
        self.seen_files.insert(id, label);
        if self.discovery.files.len() >= self.limits.max_files {
            if self.overflow_at.is_none() {
                self.overflow_at = Some(root_label.to_string());
            }
            self.left_out += 1;
            return;
        }
        self.discovery.files.push(SourceFile {
            path: path.to_path_buf(),
            id_base,
            problems_before: self.discovery.problems.len(),
        });
    }
}

/// Reads and parses one file. Never opens anything but a regular file of at most
/// [`MAX_FILE_BYTES`]; every failure becomes a problem of the returned [`FileLoad`].
pub fn load_file(file: &SourceFile) -> FileLoad {
    let label = file.label();
    match read_file(&file.path, &label, MAX_FILE_BYTES) {
        Ok(bytes) => parse_file(&label, &file.id_base, &file.extension(), &bytes),
        Err(problem) => FileLoad {
            articles: Vec::new(),
            problems: vec![problem],
        },
    }
}

/// The bytes of a regular file, checking its metadata before opening it.
fn read_file(path: &Path, label: &str, max_bytes: u64) -> Result<Vec<u8>, LoadProblem> {
    let cannot_read = |err: &io::Error| {
        if err.kind() == io::ErrorKind::NotFound {
            LoadProblem::rejected(label, None, "no such file or directory; skipped")
        } else {
            let message = format!("cannot be read: {}; skipped", describe_io_error(err));
            LoadProblem::rejected(label, None, message)
        }
    };
    let meta = fs::metadata(path).map_err(|err| cannot_read(&err))?;
    if !meta.is_file() {
        return Err(not_regular(label.to_string(), &meta));
    }
    if meta.len() > max_bytes {
        return Err(too_big(label.to_string(), meta.len(), max_bytes));
    }
    let file = File::open(path).map_err(|err| cannot_read(&err))?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.min(1 << 26));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| cannot_read(&err))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(label.to_string(), bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

/// The metadata of a symbolic link's target, or the problem that prevents following it.
fn follow_link(path: &Path, label: &str) -> Result<Metadata, LoadProblem> {
    fs::metadata(path).map_err(|err| {
        let message = if err.kind() == io::ErrorKind::NotFound {
            "dangling symbolic link (its target does not exist); skipped".to_string()
        } else if is_link_loop(&err) {
            "symbolic link loop (the link leads back to itself); skipped".to_string()
        } else {
            format!(
                "symbolic link cannot be followed: {}; skipped",
                describe_io_error(&err)
            )
        };
        LoadProblem::rejected(label, None, message)
    })
}

fn is_link_loop(err: &io::Error) -> bool {
    // ELOOP: "Too many levels of symbolic links".
    if cfg!(target_os = "linux") || cfg!(target_os = "android") {
        err.raw_os_error() == Some(40)
    } else if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    )) {
        err.raw_os_error() == Some(62)
    } else {
        false
    }
}

/// What makes two paths the same file or folder, so that symlink loops, folder cycles and files
/// reached twice are noticed: on Unix the (device, inode) pair of the link's target, which
/// identifies what the canonical path resolves to without resolving it; elsewhere the canonical
/// path itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Identity(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

#[cfg(unix)]
fn identity(_path: &Path, meta: &Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    Identity((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &Metadata) -> Identity {
    Identity(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The lowercased extension of `path`, without the dot.
pub(crate) fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// `path` relative to `root`, without extension, `/`-separated.
fn relative_id(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let without_extension = relative.with_extension("");
    let parts: Vec<String> = without_extension
        .components()
        .filter_map(|component| match component {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        path.display().to_string()
    } else {
        parts.join("/")
    }
}

/// The operating system's error text, without the `(os error N)` suffix, lowercased first letter.
pub(crate) fn describe_io_error(err: &io::Error) -> String {
    let text = err.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "unknown error".to_string(),
    }
}

pub(crate) fn unsupported(label: String, extension: &str) -> LoadProblem {
    let found = if extension.is_empty() {
        "no extension".to_string()
    } else {
        format!(".{}", super::snippet(extension, 20))
    };
    let message =
        format!("unsupported file type ({found}); expected {SUPPORTED_EXTENSIONS_TEXT}; skipped");
    LoadProblem::rejected(label, None, message)
}

fn too_big(label: String, size: u64, limit: u64) -> LoadProblem {
    let message = format!(
        "file is {}, over the {} limit; skipped",
        human_size(size),
        human_size(limit)
    );
    LoadProblem::rejected(label, None, message)
}

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    const KIB: u64 = 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

fn not_regular(label: String, meta: &Metadata) -> LoadProblem {
    let message = format!(
        "not a regular file ({}); skipped without opening it",
        special_kind(meta)
    );
    LoadProblem::rejected(label, None, message)
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "named pipe"
    } else if kind.is_socket() {
        "socket"
    } else if kind.is_block_device() {
        "block device"
    } else if kind.is_char_device() {
        "character device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &Metadata) -> &'static str {
    "special file"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Severity;

    fn write(path: &Path, text: &str) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, text).unwrap();
    }

    #[test]
    fn relative_ids_drop_extension_and_use_slashes() {
        let root = Path::new("/data/news");
        assert_eq!(relative_id(Path::new("/data/news/a/b.txt"), root), "a/b");
        assert_eq!(relative_id(Path::new("/data/news/x.y.json"), root), "x.y");
        assert_eq!(relative_id(Path::new("/data/news/readme"), root), "readme");
    }

    #[test]
    fn io_errors_are_described_without_codes() {
        let err = io::Error::from_raw_os_error(13);
        assert_eq!(describe_io_error(&err), "permission denied");
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(32 * 1024 * 1024), "32 MiB");
        assert_eq!(human_size(32 * 1024 * 1024 + 1), "32.0 MiB");
        assert_eq!(human_size(512), "512 bytes");
    }

    #[test]
    fn file_limit_stops_and_counts_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            write(&dir.path().join(format!("f{i}.txt")), "text");
        }
        write(&dir.path().join("z.xyz"), "text");
        let limits = Limits {
            max_files: 3,
            ..Limits::default()
        };
        let found = discover_with(&[dir.path().to_path_buf()], limits);
        let ids: Vec<&str> = found.files.iter().map(|f| f.id_base.as_str()).collect();
        assert_eq!(ids, ["f0", "f1", "f2"]);
        assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
        let problem = &found.problems[0];
        assert_eq!(problem.severity, Severity::Warning);
        assert!(
            problem.message.contains("remaining 2 were left out"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn depth_limit_warns_and_does_not_descend() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("top.txt"), "top");
        write(&dir.path().join("a/one.txt"), "one");
        write(&dir.path().join("a/b/two.txt"), "two");
        write(&dir.path().join("a/b/c/three.txt"), "three");
        let limits = Limits {
            max_depth: 2,
            ..Limits::default()
        };
        let found = discover_with(&[dir.path().to_path_buf()], limits);
        let ids: Vec<&str> = found.files.iter().map(|f| f.id_base.as_str()).collect();
        assert_eq!(ids, ["a/b/two", "a/one", "top"]);
        assert_eq!(found.problems.len(), 1);
        assert_eq!(found.problems[0].severity, Severity::Warning);
        assert!(found.problems[0].path.ends_with("c"));
        assert!(found.problems[0].message.contains("not descended"));
    }

    #[test]
    fn file_limit_in_load_file_rejects_without_parsing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        write(&path, "0123456789");
        let err = read_file(&path, "big.txt", 5).unwrap_err();
        assert_eq!(err.severity, Severity::Rejected);
        assert!(
            err.message.contains("over the 5 bytes limit"),
            "{}",
            err.message
        );
    }

    #[test]
    fn file_reached_twice_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        write(&file, "text");
        let found = discover(&[dir.path().to_path_buf(), file.clone()]);
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.problems.len(), 1);
        assert!(found.problems[0].message.contains("same file as"));
        assert_eq!(found.problems[0].severity, Severity::Warning);
    }
}

//! Loading real files and folders (in temporary folders).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use chrono::NaiveDate;
use mercato::corpus::{
    Corpus, LoadProblem, MAX_FILE_BYTES, Severity, SourceFile, assemble, discover, load_embedded,
    load_file, load_paths,
};

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn ids(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.id.as_str()).collect()
}

fn problem_for<'c>(corpus: &'c Corpus, path: &Path) -> &'c LoadProblem {
    let label = path.display().to_string();
    let found: Vec<&LoadProblem> = corpus.problems.iter().filter(|p| p.path == label).collect();
    assert_eq!(found.len(), 1, "{label}: {:?}", corpus.problems);
    found[0]
}

/// Runs `f` on another thread and fails if it takes more than 20 s (a blocked FIFO open).
fn within_timeout<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(Duration::from_secs(20))
        .expect("loading blocked (a special file was opened?)")
}

fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    write(&root.join("b.txt"), "date 2021-01-13 Ramos talks to PSG.");
    write(
        &root.join("a.json"),
        r#"[{"body": "First.", "source": "AS"}, {"body": "Second.", "date": "2020-11-11"}]"#,
    );
    write(&root.join("c.md"), "---\ntitle: Ramos\n---\nBody of c.");
    write(
        &root.join("d.jsonl"),
        "{\"body\": \"Line one.\"}\n{\"body\": \"Line two.\"}\n",
    );
    write(&root.join("sub/e.TXT"), "Nested article.");
    write(&root.join("sub/deeper/f.markdown"), "# F\nF body.");
    write(&root.join(".hidden.txt"), "Hidden.");
    write(&root.join(".git/config.txt"), "Hidden folder.");
    write(&root.join("notes.xyz"), "Unknown.");
    dir
}

#[test]
fn mixed_folder_loads_in_deterministic_order_with_stable_ids() {
    let dir = mixed_folder();
    let root = dir.path().to_path_buf();
    let corpus = load_paths(std::slice::from_ref(&root));
    assert_eq!(
        ids(&corpus),
        [
            "a#1",
            "a#2",
            "b",
            "c",
            "d#1",
            "d#2",
            "sub/deeper/f",
            "sub/e"
        ]
    );
    assert_eq!(corpus.articles[0].source.as_deref(), Some("AS"));
    assert_eq!(
        corpus.articles[1].date,
        NaiveDate::from_ymd_opt(2020, 11, 11)
    );
    assert_eq!(
        corpus.articles[2].date,
        NaiveDate::from_ymd_opt(2021, 1, 13)
    );
    assert_eq!(corpus.articles[2].body, "Ramos talks to PSG.");
    assert_eq!(corpus.articles[3].title, "Ramos");
    assert_eq!(corpus.articles[6].title, "F");
    assert_eq!(
        corpus.articles[7].path,
        root.join("sub").join("e.TXT").display().to_string()
    );

    // Only the unknown extension is a problem; hidden files are skipped silently.
    assert_eq!(corpus.problems.len(), 1, "{:?}", corpus.problems);
    let problem = problem_for(&corpus, &root.join("notes.xyz"));
    assert_eq!(problem.severity, Severity::Rejected);
    assert!(problem.message.starts_with("unsupported file type (.xyz)"));

    // Same input, same result, run after run.
    for _ in 0..3 {
        let again = load_paths(std::slice::from_ref(&root));
        assert_eq!(again.articles, corpus.articles);
        assert_eq!(again.problems, corpus.problems);
    }
}

#[test]
fn discover_then_load_file_matches_load_paths() {
    let dir = mixed_folder();
    let paths = vec![dir.path().to_path_buf()];
    let discovery = discover(&paths);
    assert_eq!(discovery.files.len(), 6);
    assert_eq!(discovery.problems.len(), 1);
    // Loading in reverse (as a background loader might finish) then assembling in order.
    let mut loads: Vec<_> = discovery.files.iter().rev().map(load_file).collect();
    loads.reverse();
    let corpus = assemble(discovery, loads);
    let direct = load_paths(&paths);
    assert_eq!(corpus.articles, direct.articles);
    assert_eq!(corpus.problems, direct.problems);
}

#[test]
fn roots_keep_their_order_and_direct_files_use_their_stem() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    write(&one.path().join("x.txt"), "From one.");
    write(&two.path().join("x.txt"), "From two.");
    let single = two.path().join("nested/single.md");
    write(&single, "Single.");
    let corpus = load_paths(&[two.path().to_path_buf(), one.path().to_path_buf(), single]);
    assert_eq!(ids(&corpus), ["nested/single", "x", "x~2"]);
    assert_eq!(corpus.articles[1].body, "From two.");
    assert_eq!(corpus.articles[2].body, "From one.");
    // The file given directly was already loaded through its folder.
    assert_eq!(corpus.problems.len(), 1, "{:?}", corpus.problems);
    assert_eq!(corpus.problems[0].severity, Severity::Warning);
    assert!(corpus.problems[0].message.contains("same file as"));
}

#[test]
fn colliding_ids_get_suffixes() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.md"), "From md.");
    write(&dir.path().join("a.txt"), "From txt.");
    write(&dir.path().join("a.json"), r#"{"body": "From json."}"#);
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&corpus), ["a", "a~2", "a~3"]);
    assert_eq!(corpus.articles[0].body, "From json.");
    assert_eq!(corpus.articles[2].body, "From txt.");
}

#[test]
fn nested_folders_give_relative_ids() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    write(&root.join("2021/jan/ramos.txt"), "January.");
    write(&root.join("2021/feb.txt"), "February.");
    write(&root.join("2020/dec/x/y/z.md"), "Deep.");
    let corpus = load_paths(std::slice::from_ref(&root));
    assert_eq!(
        ids(&corpus),
        ["2020/dec/x/y/z", "2021/feb", "2021/jan/ramos"]
    );
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    // A subfolder given as the root gives ids relative to it.
    let corpus = load_paths(&[root.join("2021")]);
    assert_eq!(ids(&corpus), ["feb", "jan/ramos"]);
}

#[test]
fn problems_stay_in_discovery_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("a.txt"), "date 2021-99-01 A.");
    write(&root.join("b.pdf"), "B");
    write(&root.join("c.txt"), "date 2021-99-02 C.");
    let corpus = load_paths(&[root.to_path_buf()]);
    let order: Vec<String> = corpus
        .problems
        .iter()
        .map(|p| {
            Path::new(&p.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(order, ["a.txt", "b.pdf", "c.txt"]);
    assert_eq!(ids(&corpus), ["a", "c"]);
    let shown = corpus.problems[0].to_string();
    assert!(
        shown.ends_with(":1: warning: malformed date header \"2021-99-01\" (expected date YYYY-MM-DD); loaded without a date"),
        "{shown}"
    );
}

#[test]
fn missing_path_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let other = dir.path().join("ok.txt");
    write(&other, "Still loads.");
    let corpus = load_paths(&[missing.clone(), other]);
    assert_eq!(ids(&corpus), ["ok"]);
    let problem = problem_for(&corpus, &missing);
    assert_eq!(problem.severity, Severity::Rejected);
    assert_eq!(problem.message, "no such file or directory; skipped");
    assert_eq!(problem.line, None);

    // load_file on a file that vanished after discovery.
    let load = load_file(&SourceFile::new(dir.path().join("gone.txt"), "gone"));
    assert!(load.articles.is_empty());
    assert_eq!(load.problems[0].severity, Severity::Rejected);
}

#[test]
fn unknown_extension_given_directly_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.JPG");
    fs::write(&path, [0xFF, 0xD8, 0xFF, 0x00]).unwrap();
    let corpus = load_paths(std::slice::from_ref(&path));
    assert!(corpus.articles.is_empty());
    let problem = problem_for(&corpus, &path);
    assert_eq!(problem.severity, Severity::Rejected);
    assert_eq!(
        problem.message,
        "unsupported file type (.jpg); expected .txt, .md, .json, .jsonl, or a feed (.xml, .rss, .atom); skipped"
    );
}

#[test]
fn hidden_file_given_directly_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".draft.txt");
    write(&path, "Draft.");
    let corpus = load_paths(&[path]);
    assert_eq!(ids(&corpus), [".draft"]);
}

#[test]
fn empty_file_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    let blank = dir.path().join("blank.json");
    write(&empty, "");
    write(&blank, " \n\n ");
    let corpus = load_paths(&[empty.clone(), blank.clone()]);
    assert!(corpus.articles.is_empty());
    for path in [&empty, &blank] {
        let problem = problem_for(&corpus, path);
        assert_eq!(problem.severity, Severity::Rejected);
        assert_eq!(problem.message, "empty file; skipped");
    }
}

#[test]
fn oversize_file_is_rejected_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: nothing is written
    drop(file);
    write(&dir.path().join("small.txt"), "Small.");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&corpus), ["small"]);
    let problem = problem_for(&corpus, &path);
    assert_eq!(problem.severity, Severity::Rejected);
    assert!(
        problem.message.contains("over the 32 MiB limit"),
        "{}",
        problem.message
    );
    // load_file checks again (the file may have grown since discovery).
    let load = load_file(&SourceFile::new(&path, "huge"));
    assert!(load.articles.is_empty());
    assert!(load.problems[0].message.contains("over the 32 MiB limit"));
}

#[test]
fn binary_and_latin1_files() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("a.txt");
    let latin1 = dir.path().join("b.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00").unwrap();
    fs::write(
        &latin1,
        b"date 2021-01-13\r\nZinedine Zidane: \x93Ramos\x94 \xe9.",
    )
    .unwrap();
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&corpus), ["b"]);
    assert_eq!(corpus.articles[0].body, "Zinedine Zidane: “Ramos” é.");
    assert!(
        problem_for(&corpus, &binary)
            .message
            .starts_with("binary file")
    );
    let warning = problem_for(&corpus, &latin1);
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.line, Some(2));
}

#[test]
fn embedded_seed_articles() {
    let corpus = load_embedded();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(
        ids(&corpus),
        [
            "000_b2e0eaffcf3f394a",
            "001_74b6467321493f20",
            "002_97f5d95ed52fd829"
        ]
    );
    let [a0, a1, a2] = &corpus.articles[..] else {
        panic!("three articles expected");
    };
    assert_eq!(a0.path, "assets/articles/000_b2e0eaffcf3f394a.txt");
    assert_eq!(a0.date, None);
    assert_eq!(a1.date, NaiveDate::from_ymd_opt(2021, 1, 13));
    assert_eq!(a2.date, NaiveDate::from_ymd_opt(2020, 11, 11));
    assert!(a1.body.starts_with("Sergio Ramos can now"));
    for article in [a0, a1, a2] {
        assert!(!article.body.starts_with("date"));
        assert!(!article.body.contains("date 20"));
        assert!(!article.title.is_empty());
        assert!(article.title.chars().count() <= 80);
    }
    // The embedded copy and the files on disk load the same (ids and paths aside).
    let on_disk = load_paths(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/articles")]);
    let bodies: Vec<&str> = on_disk.articles.iter().map(|a| a.body.as_str()).collect();
    let embedded: Vec<&str> = corpus.articles.iter().map(|a| a.body.as_str()).collect();
    assert_eq!(bodies, embedded);
    assert_eq!(ids(&on_disk), ids(&corpus));
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};
    use std::process::Command;

    #[test]
    fn symlink_loops_are_reported_once_and_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        write(&root.join("a.txt"), "A.");
        write(&root.join("sub/b.txt"), "B.");
        symlink(&root, root.join("sub/back-to-root")).unwrap();
        symlink("self.txt", root.join("self.txt")).unwrap();
        symlink("ping.txt", root.join("pong.txt")).unwrap();
        symlink("pong.txt", root.join("ping.txt")).unwrap();

        let corpus = within_timeout({
            let root = root.clone();
            move || load_paths(&[root])
        });
        assert_eq!(ids(&corpus), ["a", "sub/b"]);
        assert_eq!(corpus.problems.len(), 4, "{:?}", corpus.problems);

        let cycle = problem_for(&corpus, &root.join("sub/back-to-root"));
        assert_eq!(cycle.severity, Severity::Warning);
        assert!(cycle.message.contains("symbolic link loop back to"));
        assert!(cycle.message.ends_with("not followed"));
        for name in ["self.txt", "ping.txt", "pong.txt"] {
            let problem = problem_for(&corpus, &root.join(name));
            assert_eq!(problem.severity, Severity::Rejected);
            assert!(
                problem.message.contains("symbolic link"),
                "{}",
                problem.message
            );
        }
    }

    #[test]
    fn linked_folder_and_file_are_loaded_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a/one.txt"), "One.");
        symlink(root.join("a"), root.join("b")).unwrap();
        symlink(root.join("a/one.txt"), root.join("c.txt")).unwrap();
        let corpus = load_paths(&[root.to_path_buf()]);
        assert_eq!(ids(&corpus), ["a/one"]);
        assert_eq!(corpus.problems.len(), 2, "{:?}", corpus.problems);
        assert!(
            problem_for(&corpus, &root.join("b"))
                .message
                .contains("same folder as")
        );
        assert!(
            problem_for(&corpus, &root.join("c.txt"))
                .message
                .contains("same file as")
        );
    }

    #[test]
    fn dangling_symlink_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("dangling.txt");
        symlink(dir.path().join("nowhere.txt"), &link).unwrap();
        write(&dir.path().join("real.txt"), "Real.");
        // Inside a folder walk and given directly.
        for paths in [vec![dir.path().to_path_buf()], vec![link.clone()]] {
            let corpus = load_paths(&paths);
            let problem = problem_for(&corpus, &link);
            assert_eq!(problem.severity, Severity::Rejected);
            assert!(
                problem.message.starts_with("dangling symbolic link"),
                "{}",
                problem.message
            );
        }
    }

    #[test]
    fn fifo_is_reported_and_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|status| status.success()) {
            eprintln!("mkfifo not available; skipping");
            return;
        }
        write(&dir.path().join("real.txt"), "Real.");

        let corpus = within_timeout({
            let paths = vec![dir.path().to_path_buf(), fifo.clone()];
            move || load_paths(&paths)
        });
        assert_eq!(ids(&corpus), ["real"]);
        assert_eq!(corpus.problems.len(), 2, "{:?}", corpus.problems);
        for problem in &corpus.problems {
            assert_eq!(problem.path, fifo.display().to_string());
            assert_eq!(problem.severity, Severity::Rejected);
            assert_eq!(
                problem.message,
                "not a regular file (named pipe); skipped without opening it"
            );
        }

        // load_file on a FIFO (say it replaced a file after discovery) does not open it either.
        let load = within_timeout({
            let fifo = fifo.clone();
            move || load_file(&SourceFile::new(fifo, "pipe"))
        });
        assert!(load.articles.is_empty());
        assert!(load.problems[0].message.starts_with("not a regular file"));
    }

    #[test]
    fn unreadable_file_reports_the_os_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.txt");
        write(&path, "Secret.");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::File::open(&path).is_ok() {
            eprintln!("running with privileges that ignore permissions; skipping");
            return;
        }
        let corpus = load_paths(&[dir.path().to_path_buf()]);
        assert!(corpus.articles.is_empty());
        let problem = problem_for(&corpus, &path);
        assert_eq!(problem.severity, Severity::Rejected);
        assert_eq!(
            problem.message,
            "cannot be read: permission denied; skipped"
        );
    }
}

// ---- feeds --------------------------------------------------------------------------------

const TWO_ITEM_RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Transfer Wire</title>
<item><title>Wolves reject bid for Kasim Ojeda</title>
<link>https://wire.example.com/ojeda?at_medium=RSS&amp;at_campaign=rss</link>
<guid>https://wire.example.com/ojeda#0</guid>
<pubDate>Thu, 19 Nov 2026 17:42:10 +0000</pubDate>
<description><![CDATA[<p>Wolves turn down an offer for Kasim Ojeda.</p>]]></description></item>
<item><title>Wolves reject bid for Kasim Ojeda</title>
<link>https://wire.example.com/ojeda?at_medium=RSS&amp;at_campaign=rss</link>
<guid>https://wire.example.com/ojeda#1</guid>
<description><![CDATA[<p>Wolves turn down an offer for Kasim Ojeda.</p>]]></description></item>
<item><title>Brentford close in on Mads Kjeldgaard</title>
<link>https://wire.example.com/kjeldgaard</link>
<source url="https://partner.example.net/rss">Partner Sports Daily</source>
<pubDate>Wed, 18 Nov 2026 23:30:00 -0200</pubDate>
<description>Brentford are in talks to sign Mads Kjeldgaard.</description></item>
</channel></rss>"#;

#[test]
fn feed_files_load_one_article_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.rss");
    write(&path, TWO_ITEM_RSS);
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    // The story listed under two guids (same link) loads once.
    assert_eq!(corpus.articles.len(), 2, "{:?}", corpus.articles);
    let ojeda = &corpus.articles[0];
    assert!(ojeda.id.starts_with("wire#"), "{}", ojeda.id);
    assert_eq!(ojeda.id.len(), "wire#".len() + 16);
    assert_eq!(ojeda.title, "Wolves reject bid for Kasim Ojeda");
    assert_eq!(ojeda.date, NaiveDate::from_ymd_opt(2026, 11, 19));
    assert_eq!(ojeda.source.as_deref(), Some("Example Transfer Wire"));
    assert_eq!(ojeda.url.as_deref(), Some("https://wire.example.com/ojeda"));
    assert_eq!(ojeda.body, "Wolves turn down an offer for Kasim Ojeda.");
    assert_eq!(ojeda.path, path.display().to_string());
    let kjeldgaard = &corpus.articles[1];
    assert_eq!(kjeldgaard.source.as_deref(), Some("Partner Sports Daily"));
    // The date is the UTC date of the published time.
    assert_eq!(kjeldgaard.date, NaiveDate::from_ymd_opt(2026, 11, 19));

    // Ids are stable run after run.
    let again = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&again), ids(&corpus));
}

#[test]
fn feeds_are_told_apart_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("feed.json"),
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Calcio Wire",
            "items": [{"id": "1", "title": "Roma ask about Frederik Sørensen",
                       "content_text": "Roma have asked about Frederik Sørensen."}]}"#,
    );
    write(
        &root.join("plain.json"),
        r#"{"version": "2", "body": "Plain article."}"#,
    );
    write(
        &root.join("atom.xml"),
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
           <entry><id>e1</id><title>Porto talk to Lucas Ferreira</title>
           <content type="html">&lt;p&gt;Porto have opened talks.&lt;/p&gt;</content></entry></feed>"#,
    );
    let corpus = load_paths(&[root.to_path_buf()]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let bodies: Vec<&str> = corpus.articles.iter().map(|a| a.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "Porto have opened talks.",
            "Roma have asked about Frederik Sørensen.",
            "Plain article."
        ]
    );
    assert_eq!(corpus.articles[1].source.as_deref(), Some("Calcio Wire"));
    assert_eq!(corpus.articles[2].id, "plain");
}

#[test]
fn broken_feeds_are_rejected_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let page = root.join("page.xml");
    write(
        &page,
        "<!DOCTYPE html>\n<html><body>Not a feed</body></html>",
    );
    let broken = root.join("broken.rss");
    write(
        &broken,
        "<rss version=\"2.0\">\n<channel>\n<item>\n</channel>\n</rss>",
    );
    let empty = root.join("empty.atom");
    write(
        &empty,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Nothing</title></feed>",
    );
    let good = root.join("good.xml");
    write(&good, TWO_ITEM_RSS);
    let corpus = load_paths(&[root.to_path_buf()]);
    assert_eq!(corpus.articles.len(), 2, "the good feed still loads");

    let problem = problem_for(&corpus, &page);
    assert_eq!(problem.severity, Severity::Rejected);
    assert_eq!(
        problem.message,
        "not a feed (looks like an HTML page); skipped"
    );
    let problem = problem_for(&corpus, &broken);
    assert_eq!(problem.severity, Severity::Rejected);
    assert_eq!(problem.line, Some(4));
    assert!(
        problem.message.starts_with("invalid XML at line 4: "),
        "{}",
        problem.message
    );
    let problem = problem_for(&corpus, &empty);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.message, "feed has no items; nothing loaded");
}

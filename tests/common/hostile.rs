//! A folder of hostile article files, written into a temporary folder by code (no committed
//! binaries), each with what loading it must report and load.
//!
//! Every case names the path its problems (and articles) are reported against, how many
//! articles it gives, and the problems expected there, in order: severity, line, and a part of
//! the message. A good article sits among them to show that the rest always loads.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use mercato::corpus::{MAX_DEPTH, Severity};

/// Text that must never reach a terminal: the payloads of the escape sequences planted in
/// the articles (and in a file name). Raw terminal output is checked against these.
pub const PAYLOADS: &[&str] = &[
    "PWNED-TITLE",
    "PWNED-NAME",
    "PWNED-C1",
    "SGVsbG8gcHduZWQ=",
    "DCS-PAYLOAD",
    "\u{1b}[31;42;5m",
    "\u{1b}[8;5;20t",
    "\u{1b}]0;",
    "\u{1b}]2;",
    "\u{1b}]52;",
    "\u{1b}P",
    "\u{9b}",
    "\u{9d}",
    "\u{202e}",
];

/// Visible text of the articles that carry escape sequences: the dashboard shows these.
pub const MARKERS: &[&str] = &["RED-MARK", "CLIPBOARD-MARK", "DCS-MARK", "C1-MARK"];

/// One expected problem: severity, line, and a part of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    pub severity: Severity,
    pub line: Option<usize>,
    pub message: &'static str,
}

fn rejected(line: Option<usize>, message: &'static str) -> Expect {
    Expect {
        severity: Severity::Rejected,
        line,
        message,
    }
}

fn warning(line: Option<usize>, message: &'static str) -> Expect {
    Expect {
        severity: Severity::Warning,
        line,
        message,
    }
}

/// One hostile file (or folder, or link) and what loading it gives.
#[derive(Debug, Clone)]
pub struct Case {
    /// A short name for failure messages and the closing note.
    pub name: &'static str,
    /// The path problems and articles are reported against.
    pub path: PathBuf,
    /// Articles loaded from this path.
    pub articles: usize,
    pub problems: Vec<Expect>,
}

/// The hostile folder; deleted when dropped.
pub struct Hostile {
    pub dir: tempfile::TempDir,
    /// The folder to load.
    pub root: PathBuf,
    pub cases: Vec<Case>,
}

impl Hostile {
    pub fn case(&self, name: &str) -> &Case {
        self.cases
            .iter()
            .find(|case| case.name == name)
            .unwrap_or_else(|| panic!("no hostile case named {name}"))
    }
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, bytes).expect("write file");
}

/// Size of the single-line file that is over the file size limit (35 MB).
pub const HUGE_LINE_BYTES: usize = 35_000_000;

/// Writes the hostile folder.
pub fn build() -> Hostile {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("hostile");
    fs::create_dir_all(&root).expect("create folder");
    let mut cases = Vec::new();
    let mut case = |name: &'static str, path: PathBuf, articles: usize, problems: Vec<Expect>| {
        cases.push(Case {
            name,
            path,
            articles,
            problems,
        });
    };

    // ---- a good article: the rest always loads ----------------------------------------------
    let path = root.join("good.txt");
    write(
        &path,
        "date 2021-01-13\nSergio Ramos has been linked with a move to Paris Saint-Germain, \
         according to AS. His contract with Real Madrid expires in June 2021.\n",
    );
    case("good article", path, 1, vec![]);

    // ---- encodings and bytes ------------------------------------------------------------------
    let path = root.join("binary.txt");
    write(
        &path,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    case(
        "binary file (PNG bytes)",
        path,
        0,
        vec![rejected(None, "binary file (NUL bytes in the first 8 KiB)")],
    );

    let path = root.join("nul_bytes.txt");
    let mut bytes = "Luka Modric trained alone. ".repeat(400).into_bytes(); // > 8 KiB
    bytes.extend(b"\nA NUL\x00here, and two more\x00\x00.\n");
    write(&path, bytes);
    case(
        "NUL bytes after the first 8 KiB",
        path,
        1,
        vec![warning(
            Some(2),
            "unsafe characters in the article: 3 control characters shown as symbols",
        )],
    );

    let path = root.join("invalid_utf8.txt");
    write(
        &path,
        b"Karim Benzema scored twice.\nBroken \xC3\x28 sequence and a lone \xFF byte.\n",
    );
    case(
        "invalid UTF-8",
        path,
        1,
        vec![warning(
            Some(2),
            "not valid UTF-8; decoded as Latin-1 (Windows-1252)",
        )],
    );

    let path = root.join("latin1.txt");
    write(
        &path,
        b"date 2021-01-13\nZin\xe9dine Zidane said \x93Ramos\x94 stays.\n",
    );
    case(
        "Latin-1 text",
        path,
        1,
        vec![warning(
            Some(2),
            "not valid UTF-8; decoded as Latin-1 (Windows-1252)",
        )],
    );

    let path = root.join("empty.txt");
    write(&path, b"");
    case("empty file", path, 0, vec![rejected(None, "empty file")]);

    let path = root.join("whitespace.md");
    write(&path, b"  \n\t\n   \r\n");
    case(
        "whitespace-only file",
        path,
        0,
        vec![rejected(None, "empty file")],
    );

    let path = root.join("crlf.txt");
    write(
        &path,
        b"date 2021-01-13\r\nEden Hazard is fit again.\r\nHe trained on Monday.\r\n",
    );
    case("CRLF line endings", path, 1, vec![]);

    // ---- headers ----------------------------------------------------------------------------
    let path = root.join("bad_date.txt");
    write(&path, "date 2021-13-45\nToni Kroos renewed his contract.\n");
    case(
        "impossible date 2021-13-45",
        path,
        1,
        vec![warning(
            Some(1),
            "malformed date header \"2021-13-45\" (expected date YYYY-MM-DD); loaded without a date",
        )],
    );

    let path = root.join("header_only.txt");
    write(&path, "date 2021-01-13\n\n  \n");
    case(
        "date header with no body",
        path,
        0,
        vec![rejected(
            Some(1),
            "only a date header, no article text; skipped",
        )],
    );

    let path = root.join("unclosed_front_matter.md");
    write(
        &path,
        "\n---\ntitle: Never closed\ndate: 2021-01-13\nCasemiro is staying.\n",
    );
    case(
        "unclosed front matter",
        path,
        1,
        vec![warning(
            Some(2),
            "front matter opened with --- is never closed",
        )],
    );

    // ---- sizes ------------------------------------------------------------------------------
    let path = root.join("huge_line.txt");
    let mut huge = vec![b'a'; HUGE_LINE_BYTES];
    huge[..10].copy_from_slice(b"Long line ");
    write(&path, huge);
    case(
        "a single 35 MB line",
        path,
        0,
        vec![rejected(
            None,
            "file is 33.4 MiB, over the 32 MiB limit; skipped",
        )],
    );

    let path = root.join("long_text.txt");
    write(
        &path,
        "Vinicius Junior dribbled past three defenders. ".repeat(30_000), // 1.4 MB, one line
    );
    case(
        "1.4 MB of text on one line",
        path,
        1,
        vec![warning(
            None,
            "article text is longer than 1024 KiB; cut to the first 1024 KiB",
        )],
    );

    let path = root.join("long_word.txt");
    write(
        &path,
        format!("Marco Asensio wrote {} and left.\n", "x".repeat(200 * 1024)),
    );
    case("a 200 KB word with no spaces", path, 1, vec![]);

    // ---- JSON -------------------------------------------------------------------------------
    let path = root.join("truncated.json");
    write(
        &path,
        "[\n  {\"body\": \"Ramos to PSG.\"},\n  {\"body\": \"Cut off he",
    );
    case(
        "truncated JSON",
        path,
        0,
        vec![rejected(
            Some(3),
            "invalid JSON: EOF while parsing a string",
        )],
    );

    let path = root.join("ill_typed.json");
    write(
        &path,
        "[\n  {\"body\": 42},\n  {\"body\": \"Raphael Varane is wanted by Manchester United.\", \
         \"date\": 20210113},\n  \"just text\",\n  {\"body\": \"x\", \"title\": [\"a\"]},\n  \
         {\"title\": \"no body\"}\n]\n",
    );
    case(
        "ill-typed JSON",
        path,
        1,
        vec![
            rejected(Some(2), "element 1: \"body\" is a number, expected text"),
            warning(
                Some(3),
                "\"date\" is a number, expected text like YYYY-MM-DD",
            ),
            rejected(
                Some(4),
                "element 3: expected an object with a \"body\", found text",
            ),
            rejected(Some(5), "element 4: \"title\" is a list, expected text"),
            rejected(Some(6), "element 5: no \"body\" text"),
        ],
    );

    let path = root.join("broken_line.jsonl");
    write(
        &path,
        "{\"body\": \"Luka Modric extended his contract until 2022.\"}\n\
         {\"body\": \"broken\n\
         {\"body\": \"Marcelo is expected to leave.\"}\n\
         [1, 2]\n",
    );
    case(
        "a broken JSON Lines line among good ones",
        path,
        2,
        vec![
            rejected(Some(2), "invalid JSON: EOF while parsing a string"),
            rejected(
                Some(4),
                "expected an object with a \"body\", found a list; line skipped",
            ),
        ],
    );

    // ---- terminal attacks in article text ---------------------------------------------------
    let path = root.join("escape_csi.txt");
    write(
        &path,
        "date 2021-01-13\nAlvaro Odriozola \u{1b}[31;42;5mRED-MARK\u{1b}[0m wants to stay. \
         \u{1b}[2J\u{1b}[H\u{1b}[8;5;20t\u{1b}[?1049l Cleared?\n",
    );
    case(
        "CSI colour, clear-screen, resize and alternate-screen sequences",
        path,
        1,
        vec![warning(
            Some(2),
            "unsafe characters in the article: 6 terminal escape sequences removed",
        )],
    );

    let path = root.join("escape_osc_title.md");
    write(
        &path,
        "---\ntitle: \"Evil \u{1b}]0;PWNED-TITLE\u{7} title\"\nsource: \"AS\u{1b}]2;PWNED-TITLE\u{1b}\\\\\"\n---\n\
         Dani Carvajal \u{1b}]0;PWNED-TITLE\u{1b}\\is injured.\n",
    );
    case(
        "OSC 0/2 window-title sequences in title, source and body",
        path,
        1,
        vec![warning(
            Some(5),
            "unsafe characters in the article: 3 terminal escape sequences removed",
        )],
    );

    let path = root.join("escape_osc52.txt");
    write(
        &path,
        "Thibaut Courtois CLIPBOARD-MARK saved a penalty.\u{1b}]52;c;SGVsbG8gcHduZWQ=\u{7}\n",
    );
    case(
        "OSC 52 clipboard write",
        path,
        1,
        vec![warning(
            Some(1),
            "unsafe characters in the article: 1 terminal escape sequence removed",
        )],
    );

    let path = root.join("escape_dcs.txt");
    write(
        &path,
        "Nacho DCS-MARK signed.\u{1b}P1$qm\u{1b}\\ And \u{1b}PDCS-PAYLOAD\u{1b}\\ again.\n",
    );
    case(
        "DCS device control strings",
        path,
        1,
        vec![warning(
            Some(1),
            "unsafe characters in the article: 2 terminal escape sequences removed",
        )],
    );

    let path = root.join("c0_c1.txt");
    write(
        &path,
        "Isco C1-MARK rang\u{7} the bell\u{8}\u{8}, deleted\u{7f}, \u{85}next line, \
         \u{9b}31;42;5mC1 CSI and \u{9d}0;PWNED-C1\u{9c} C1 OSC.\n",
    );
    case(
        "C0 and C1 control characters",
        path,
        1,
        vec![warning(
            Some(1),
            "unsafe characters in the article: 2 terminal escape sequences removed, \
             5 control characters shown as symbols",
        )],
    );

    let path = root.join("bidi.txt");
    write(
        &path,
        "Federico Valverde renamed invoice\u{202e}fdp.exe\u{202c} and \u{2066}isolated\u{2069} \
         text\u{200f}.\n",
    );
    case(
        "bidi overrides and isolates",
        path,
        1,
        vec![warning(
            Some(1),
            "unsafe characters in the article: 5 invisible or text-direction characters removed",
        )],
    );

    let path = root.join("zero_width.txt");
    write(
        &path,
        "Fans of Luka Modri\u{200b}c sent 👨\u{200d}👩\u{200d}👧 and \u{1F44D}\u{1F3FD}; \
         Ra\u{200d}mos and a trailing joiner\u{200d} stay readable.\n",
    );
    case(
        "zero-width joiners inside and outside emoji",
        path,
        1,
        vec![warning(
            Some(1),
            "unsafe characters in the article: 3 invisible or text-direction characters removed",
        )],
    );

    let path = root.join("escapes.json");
    write(
        &path,
        "{\"title\": \"JSON \\u001b]0;PWNED-TITLE\\u0007title\", \"source\": \"Marca\\u001b[31;42;5m\", \
         \"body\": \"Jude Bellingham \\u001b]52;c;SGVsbG8gcHduZWQ=\\u0007is wanted.\"}\n",
    );
    case(
        "escape sequences as JSON \\u001b escapes",
        path,
        1,
        vec![warning(
            Some(1),
            "unsafe characters in the article: 3 terminal escape sequences removed",
        )],
    );

    // A file name that carries an OSC title sequence (and a malformed header, so that it is
    // listed among the problems too).
    let path = root.join("name-\u{1b}]0;PWNED-NAME\u{7}.txt");
    write(&path, "date 2021-02-30\nEder Militao is fit.\n");
    case(
        "OSC sequence in the file name",
        path,
        1,
        vec![warning(Some(1), "malformed date header \"2021-02-30\"")],
    );

    // ---- folders, links and special files -----------------------------------------------------
    let deep = root.join("deep");
    let mut folder = deep.clone();
    for level in 1..=MAX_DEPTH + 8 {
        folder.push("d");
        // `deep` is one level below the root: `deep` + 31 × `d` is the deepest walked.
        if level == MAX_DEPTH - 1 {
            let path = folder.join("deepest.txt");
            write(&path, "Rodrygo scored from deep.\n");
            case("a file at the deepest level walked", path, 1, vec![]);
        }
        if level == MAX_DEPTH {
            case(
                "folders nested deeper than the limit",
                folder.clone(),
                0,
                vec![warning(
                    None,
                    "folder nested more than 32 levels deep; not descended",
                )],
            );
        }
    }
    write(&folder.join("lost.txt"), "Never read.\n");

    let path = root.join("notes.pdf");
    write(&path, "%PDF-1.4\n");
    case(
        "unsupported file type",
        path,
        0,
        vec![rejected(None, "unsupported file type (.pdf)")],
    );

    #[cfg(unix)]
    {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::{PermissionsExt, symlink};

        // A file name that is not UTF-8: shown with U+FFFD, loaded like any other.
        let path = root.join(OsStr::from_bytes(b"latin1-name-\xe9t\xe9.txt"));
        write(&path, "Ferland Mendy is back in training.\n");
        case("a file name that is not UTF-8", path, 1, vec![]);

        let path = root.join("loop/self.txt");
        fs::create_dir_all(root.join("loop")).expect("create folder");
        symlink("self.txt", &path).expect("symlink");
        case(
            "symlink to itself",
            path,
            0,
            vec![rejected(
                None,
                "symbolic link loop (the link leads back to itself); skipped",
            )],
        );

        let path = root.join("loop/back-to-root");
        symlink(&root, &path).expect("symlink");
        case(
            "symlink back to a parent folder",
            path,
            0,
            vec![warning(None, "symbolic link loop back to")],
        );

        let path = root.join("dangling.txt");
        symlink(root.join("nowhere.txt"), &path).expect("symlink");
        case(
            "dangling symlink",
            path,
            0,
            vec![rejected(
                None,
                "dangling symbolic link (its target does not exist); skipped",
            )],
        );

        let path = root.join("pipe.txt");
        let made = Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|status| status.success()) {
            case(
                "FIFO (named pipe)",
                path,
                0,
                vec![rejected(
                    None,
                    "not a regular file (named pipe); skipped without opening it",
                )],
            );
        } else {
            eprintln!("mkfifo is not available: no FIFO in the hostile folder");
        }

        let path = root.join("unreadable.txt");
        write(&path, "Gareth Bale plays golf.\n");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::File::open(&path).is_ok() {
            // Root (or a capability) reads it anyway: it simply loads.
            eprintln!("running with privileges that ignore permissions: unreadable.txt loads");
            case("unreadable file (read anyway: privileged)", path, 1, vec![]);
        } else {
            case(
                "unreadable file",
                path,
                0,
                vec![rejected(None, "cannot be read: permission denied; skipped")],
            );
        }
    }

    Hostile { dir, root, cases }
}

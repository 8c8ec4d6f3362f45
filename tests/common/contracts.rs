//! A small corpus of contract news (made up for these tests): contracts running and ended,
//! one with a date two sources disagree on, one more than 24 months away.

use std::path::Path;

/// (file name, text). As of 2021-01-13: McAllister ends 2022-06-30 (an earlier article said
/// 2021-06-30), Ferreira 2024-06-30; Bellandi ended 2020-06-30, Lindqvist 2019-06-30.
pub const ARTICLES: [(&str, &str); 2] = [
    (
        "a.txt",
        "date 2021-01-10\n\
         Jordan McAllister has been linked with Celtic. His contract with Hibernian expires on \
         30 June 2021.\n\n\
         Tomás Ferreira's contract at Benfica runs until June 2024, and Porto are watching.\n\n\
         Kevin Lindqvist, whose deal with Malmö ended on 30 June 2020, is training alone.\n",
    ),
    (
        "b.txt",
        "date 2021-01-12\n\
         Jordan McAllister's contract with Hibernian expires in June 2022, according to the \
         Record.\n\n\
         Kevin Lindqvist is a free agent after his contract expired in June 2019.\n\n\
         Marco Bellandi left Udinese when his contract expired in June 2020.\n",
    ),
];

/// Writes the articles into `dir`.
pub fn write(dir: &Path) {
    for (name, text) in ARTICLES {
        std::fs::write(dir.join(name), text).expect("the test folder is writable");
    }
}

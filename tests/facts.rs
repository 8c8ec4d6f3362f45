//! Facts stored in the library: what a start merges instead of reading every article again.
//! The seed, eval and holdout articles are imported into a library made for each test.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone, Utc};
use mercato::export::export;
use mercato::extract::{self, extract};
use mercato::facts;
use mercato::gazetteer::Gazetteer;
use mercato::library::{self, Source};
use mercato::model::Model;
use mercato::progress::LoadProgress;
use mercato::store::{Access, Library};

/// The extractor's version and a fingerprint of what it reads from the test corpora, as
/// recorded when that version was set. Extraction output changed without a new version:
/// bump `mercato::extract::VERSION` (libraries then read their articles again) and record
/// both here.
const RECORDED: (u32, u64) = (3, 0x127c_3301_3d94_5fe7);

fn corpora() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "assets/articles",
        "tests/eval/articles",
        "tests/holdout/articles",
    ]
    .into_iter()
    .map(|folder| root.join(folder))
    .collect()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 13).unwrap()
}

/// A library holding the test corpora, imported (facts stored on the way in).
fn imported() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mercato.db");
    let mut library = Library::open(&db, Access::Write).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap();
    let imported = library::import(&mut library, &corpora(), now).unwrap();
    assert!(imported.stored.new > 40, "{:?}", imported.stored);
    (dir, db)
}

fn exported(model: &Model) -> serde_json::Value {
    serde_json::to_value(export(model, as_of())).unwrap()
}

/// The model extracted from the library's articles, bodies and all: what every start did
/// before facts were stored.
fn extracted(db: &Path) -> Model {
    let library = Library::open(db, Access::Read).unwrap();
    Model::build(
        library::corpus(&library).unwrap(),
        &Gazetteer::embedded().unwrap(),
    )
}

fn set_version_of_all_facts(db: &Path, version: &str) {
    let connection = rusqlite::Connection::open(db).unwrap();
    connection
        .execute("UPDATE facts SET version = ?1", [version])
        .unwrap();
}

#[test]
fn a_model_from_stored_facts_exports_what_extraction_gives() {
    let (_dir, db) = imported();
    let library = Library::open(&db, Access::Read).unwrap();
    assert!(library.lacking_facts(&facts::version()).unwrap().is_empty());
    drop(library);

    let loaded = Source::Library(db.clone())
        .load(&LoadProgress::default())
        .unwrap();
    assert!(loaded.unread.is_none());
    assert!(
        loaded.model.articles.iter().all(|a| a.body.is_empty()),
        "bodies stay in the library"
    );
    let from_facts = exported(&loaded.model);
    let extracted = exported(&extracted(&db));
    assert!(!from_facts["rumours"].as_array().unwrap().is_empty());
    assert!(!from_facts["contracts"].as_array().unwrap().is_empty());
    assert_eq!(from_facts, extracted);
}

#[test]
fn facts_of_another_version_are_read_again_and_stored() {
    let (_dir, db) = imported();
    let before = exported(&extracted(&db));
    set_version_of_all_facts(&db, "x0-g0000000000000000");
    let count = Library::open(&db, Access::Read).unwrap().count().unwrap();

    let loaded = Source::Library(db.clone())
        .load(&LoadProgress::default())
        .unwrap();
    assert!(loaded.model.articles.is_empty(), "nothing read yet");
    let unread = loaded.unread.unwrap();
    assert_eq!(unread.ids.len(), count);

    let read = library::reread(&unread, &loaded.gazetteer, &LoadProgress::default()).unwrap();
    assert_eq!(read.len(), count);
    let mut model = loaded.model;
    model.ingest_facts(read);
    assert_eq!(exported(&model), before);

    let library = Library::open(&db, Access::Read).unwrap();
    assert!(library.lacking_facts(&facts::version()).unwrap().is_empty());
    let again = Source::Library(db.clone())
        .load(&LoadProgress::default())
        .unwrap();
    assert!(again.unread.is_none(), "stored under the new version");
    assert_eq!(exported(&again.model), before);
}

#[test]
fn commands_read_missing_facts_at_once_and_store_them_unless_the_library_is_in_use() {
    let (_dir, db) = imported();
    let before = exported(&extracted(&db));
    let connection = rusqlite::Connection::open(&db).unwrap();
    let removed = connection
        .execute("DELETE FROM facts WHERE article_id % 3 = 0", [])
        .unwrap();
    assert!(removed > 0);
    drop(connection);
    let version = facts::version();

    // Another mercato writes the library: read in memory, stored by a later start.
    let writer = Library::open(&db, Access::Write).unwrap();
    let (model, _) = Source::Library(db.clone())
        .load_whole(&LoadProgress::default())
        .unwrap();
    assert_eq!(exported(&model), before, "in the library's order");
    assert_eq!(writer.lacking_facts(&version).unwrap().len(), removed);
    drop(writer);

    let (model, _) = Source::Library(db.clone())
        .load_whole(&LoadProgress::default())
        .unwrap();
    assert_eq!(exported(&model), before);
    let library = Library::open(&db, Access::Read).unwrap();
    assert!(library.lacking_facts(&version).unwrap().is_empty());
}

#[test]
fn an_updated_article_loses_its_facts_until_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mercato.db");
    let file = dir.path().join("story.json");
    let now = Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap();
    let story = |body: &str| {
        serde_json::json!({"title": "Ojeda", "date": "2026-12-01", "body": body}).to_string()
    };
    std::fs::write(
        &file,
        story("Kasim Ojeda has been linked with Aston Villa."),
    )
    .unwrap();
    let mut library = Library::open(&db, Access::Write).unwrap();
    library::import(&mut library, std::slice::from_ref(&file), now).unwrap();
    std::fs::write(
        &file,
        story("Kasim Ojeda has been linked with Aston Villa. Everton are keen on Ojeda too."),
    )
    .unwrap();
    let imported = library::import(&mut library, std::slice::from_ref(&file), now).unwrap();
    assert_eq!(imported.stored.updated, 1);
    drop(library);

    let (model, _) = Source::Library(db.clone())
        .load_whole(&LoadProgress::default())
        .unwrap();
    let clubs: Vec<&str> = model
        .rumours
        .iter()
        .map(|rumour| model.club_name(rumour.club))
        .collect();
    assert_eq!(clubs, ["Aston Villa", "Everton"]);
}

/// FNV-1a, as the gazetteer's fingerprint: stable across runs and Rust versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn extraction_output_changes_only_with_a_new_extractor_version() {
    let gazetteer = Gazetteer::embedded().unwrap();
    let mut corpus = mercato::corpus::load_paths(&corpora());
    corpus.articles.sort_by(|a, b| a.id.cmp(&b.id));
    let mut output = Vec::new();
    for article in &corpus.articles {
        let extraction = extract(
            &gazetteer,
            &article.body,
            article.date,
            article.source.as_deref(),
        );
        output.extend(article.id.as_bytes());
        serde_json::to_writer(&mut output, &extraction).unwrap();
    }
    let fingerprint = fnv1a(&output);
    assert_eq!(
        (extract::VERSION, fingerprint),
        RECORDED,
        "extraction output over the test corpora changed (fingerprint {fingerprint:#018x}): \
         bump mercato::extract::VERSION so that libraries read their articles again, and \
         record the new version and fingerprint in RECORDED"
    );
}

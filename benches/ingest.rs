//! The feeds → library → model pipeline over 10,000 feed items: 50 RSS 2.0 documents of 200
//! items each, generated in memory from the corpus generator's articles (HTML paragraphs in
//! `content:encoded`, a one-paragraph `description`, ~10% of items undated).
//! `MERCATO_BENCH_FEEDS=20` changes the number of documents (200 items each).
//!
//! - `parse`: `feed::parse_feed` of every document;
//! - `html_to_text`: `feed::html_to_text` of every item's `content:encoded` alone, the part
//!   of `parse` that turns HTML into paragraphs;
//! - `store`: the parsed items into a fresh library in a temporary folder (open, `add_feed`
//!   per document, then `record_fetch`: one transaction per feed, dedup lookups by guid,
//!   link and content hash, WAL with `synchronous=FULL`), content hashes included;
//! - `read`: `library::corpus`, every article read back from a filled library;
//! - `extract_merge`: `Model::build` of that corpus (2 threads);
//! - `whole`: all four in a row, what `mercato fetch` + the dashboard's load do with the
//!   network left out.
//!
//! Throughput is items, so criterion prints items per second.

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use mercato::corpus::Corpus;
use mercato::feed::{self, ParsedFeed};
use mercato::gazetteer::Gazetteer;
use mercato::library;
use mercato::model::Model;
use mercato::store::{Access, FetchRecord, Library};
use quick_xml::escape::escape;
use tempfile::TempDir;

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

const ITEMS_PER_FEED: usize = 200;

/// A feed's address and its document, with its items' HTML contents.
struct Document {
    url: String,
    bytes: Vec<u8>,
    contents: Vec<String>,
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-13T09:00:00Z")
        .expect("a valid time")
        .to_utc()
}

/// `feeds` RSS documents of [`ITEMS_PER_FEED`] generated articles each.
fn documents(feeds: usize, gazetteer: &Gazetteer) -> Vec<Document> {
    let mut rng = synth::Rng::new(1);
    let world = synth::gazetteer_world(gazetteer, &mut rng, 20_000);
    (0..feeds)
        .map(|feed| {
            let url = format!("https://feeds{feed}.example/football/rss.xml");
            let articles: Vec<synth::Article> = (0..ITEMS_PER_FEED)
                .map(|_| synth::article(&mut rng, &world))
                .collect();
            let contents: Vec<String> = articles.iter().map(html).collect();
            let items: String = articles
                .iter()
                .zip(&contents)
                .enumerate()
                .map(|(item, (article, html))| rss_item(article, html, feed, item))
                .collect();
            let bytes = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n\
                 <channel><title>Transfer wire {feed}</title>\
                 <link>https://feeds{feed}.example/</link>\
                 <description>Football transfer news</description>\n{items}</channel></rss>\n"
            )
            .into_bytes();
            Document {
                url,
                bytes,
                contents,
            }
        })
        .collect()
}

/// The article's paragraphs as HTML.
fn html(article: &synth::Article) -> String {
    article
        .body
        .split("\n\n")
        .map(|paragraph| format!("<p>{}</p>", escape(paragraph)))
        .collect()
}

/// One item: title, link, guid, date (when the article has one), the first paragraph as the
/// description and the HTML in `content:encoded`.
fn rss_item(article: &synth::Article, html: &str, feed: usize, item: usize) -> String {
    let first_paragraph = article.body.split("\n\n").next().unwrap_or_default();
    let date = article
        .date
        .and_then(|date| date.and_hms_opt(9, 30, 0))
        .map(|time| format!("<pubDate>{}</pubDate>", time.and_utc().to_rfc2822()))
        .unwrap_or_default();
    format!(
        "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">wire-{feed}-{item}</guid>{date}\
         <description>{}</description><content:encoded><![CDATA[{html}]]></content:encoded></item>\n",
        escape(article.title.as_str()),
        escape(article.url.as_str()),
        escape(first_paragraph),
    )
}

fn parse_all(documents: &[Document]) -> Vec<ParsedFeed> {
    documents
        .iter()
        .map(|document| {
            feed::parse_feed(&document.bytes, Some(&document.url)).expect("a generated feed parses")
        })
        .collect()
}

/// A new library in a temporary folder, each feed subscribed and its items stored.
fn store(documents: &[Document], parsed: Vec<ParsedFeed>) -> (TempDir, Library, usize) {
    let dir = tempfile::tempdir().expect("a temporary folder can be created");
    let mut library =
        Library::open(&dir.path().join("mercato.db"), Access::Write).expect("a new library opens");
    let mut new = 0;
    for (document, parsed) in documents.iter().zip(parsed) {
        let feed = library
            .add_feed(&document.url, None, false, now())
            .expect("a feed can be added");
        let title = parsed.title;
        let articles = parsed
            .items
            .into_iter()
            .map(|item| library::new_article(item, title.as_deref()))
            .collect();
        let record = FetchRecord::Fetched {
            status: 200,
            title,
            etag: None,
            last_modified: None,
            articles,
        };
        new += library
            .record_fetch(feed.id, record, now())
            .expect("the items can be stored")
            .new;
    }
    (dir, library, new)
}

fn read(library: &Library) -> Corpus {
    library::corpus(library).expect("the library reads back")
}

fn bench_ingest(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded().expect("the embedded gazetteer parses");
    let feeds = common::sizes("MERCATO_BENCH_FEEDS", &[50])[0];
    let documents = documents(feeds, &gazetteer);
    let parsed = parse_all(&documents);
    let items: usize = parsed.iter().map(|feed| feed.items.len()).sum();
    let (_dir, library, new) = store(&documents, parsed.clone());
    let corpus = read(&library);
    eprintln!(
        "{feeds} feeds, {items} items, {} bytes of XML; {new} stored, {} read back",
        documents.iter().map(|d| d.bytes.len()).sum::<usize>(),
        corpus.articles.len(),
    );
    assert_eq!(corpus.articles.len(), items, "every item is stored once");

    let mut group = c.benchmark_group(format!("feeds/{items}"));
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(items as u64));
    group.bench_function("parse", |b| b.iter(|| black_box(parse_all(&documents))));
    group.bench_function("html_to_text", |b| {
        b.iter(|| {
            documents
                .iter()
                .flat_map(|document| &document.contents)
                .map(|html| black_box(feed::html_to_text(html)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("store", |b| {
        b.iter_batched(
            || parsed.clone(),
            |parsed| store(&documents, parsed),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("read", |b| b.iter(|| black_box(read(&library))));
    group.bench_function("extract_merge", |b| {
        b.iter_batched(
            || corpus.clone(),
            |corpus| Model::build(corpus, &gazetteer),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("whole", |b| {
        b.iter_with_large_drop(|| {
            let (dir, library, _) = store(&documents, parse_all(&documents));
            (dir, Model::build(read(&library), &gazetteer))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_ingest
}
criterion_main!(benches);

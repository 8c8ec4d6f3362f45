//! Loading + extraction + model build over generated corpora of 1k and 10k articles
//! (`MERCATO_BENCH_ARTICLES=1000,10000,100000` to choose the sizes).
//!
//! Per size, the corpus is generated once into a temporary folder, then:
//! - `load`: discover + read + parse every file (`corpus::load_paths`, rayon, 2 threads);
//! - `extract/{1,2}-thread`: `extract::extract` on every article, in a rayon pool of 1 or 2
//!   threads (the parallel phase, to check the two-core speed-up);
//! - `load_extract_build`: the whole pipeline, `Model::build(load_paths(..))`, 2 threads.
//!
//! `load_extract_build − load − extract/2-thread` is what the merge of the model adds (it runs
//! batch by batch, overlapping extraction).
//! Throughput is article text (bodies), so criterion prints MB/s.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use mercato::corpus::load_paths;
use mercato::extract::{Extraction, extract};
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use rayon::prelude::*;

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

fn sizes() -> Vec<usize> {
    common::sizes("MERCATO_BENCH_ARTICLES", &[1_000, 10_000])
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool can be built")
}

fn extract_all(gazetteer: &Gazetteer, articles: &[mercato::corpus::Article]) -> Vec<Extraction> {
    articles
        .par_iter()
        .map(|a| extract(gazetteer, &a.body, a.date, a.source.as_deref()))
        .collect()
}

fn bench_pipeline(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded().expect("the embedded gazetteer parses");
    let one = pool(1);
    let two = pool(2);
    for articles in sizes() {
        let dir = tempfile::tempdir().expect("a temporary folder can be created");
        let options = synth::Options {
            articles: Some(articles),
            bytes: None,
            seed: 1,
            roster: 20_000,
        };
        let summary = synth::generate(dir.path(), &options).expect("the corpus can be generated");
        eprintln!(
            "corpus {articles}: {} files, {} bytes of article text, {} bytes on disk",
            summary.files, summary.body_bytes, summary.file_bytes
        );
        let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
        let corpus = two.install(|| load_paths(&paths));
        assert_eq!(corpus.articles.len(), articles, "every article loads");

        let mut group = c.benchmark_group(format!("corpus/{articles}"));
        group.sampling_mode(SamplingMode::Flat);
        group.throughput(Throughput::Bytes(summary.body_bytes));

        group.bench_function("load", |b| {
            b.iter(|| two.install(|| black_box(load_paths(&paths))))
        });
        for (threads, pool) in [(1, &one), (2, &two)] {
            group.bench_function(
                BenchmarkId::new("extract", format!("{threads}-thread")),
                |b| {
                    b.iter(|| pool.install(|| black_box(extract_all(&gazetteer, &corpus.articles))))
                },
            );
        }
        group.bench_function("load_extract_build", |b| {
            b.iter(|| two.install(|| black_box(Model::build(load_paths(&paths), &gazetteer))))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_pipeline
}
criterion_main!(benches);

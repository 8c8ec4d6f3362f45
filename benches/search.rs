//! Fuzzy search per keystroke over 10k / 100k / 1M generated names
//! (`MERCATO_BENCH_NAMES=10000,100000` to choose the sizes).
//!
//! Typing "serg" one key at a time: "s" searches every name, then "se", "ser" and "serg" each
//! search only the previous key's hits (`search_within`), as a search box narrowing its
//! results would. Backspace from "serg" to "ser" cannot narrow, so it is a full `search`.
//! Also measured: building the index (folding every name once).

use std::hint::black_box;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use mercato::search::{Hit, SearchIndex};

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

fn sizes() -> Vec<usize> {
    common::sizes("MERCATO_BENCH_NAMES", &[10_000, 100_000, 1_000_000])
}

fn indices(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|hit| hit.index).collect()
}

fn bench_search(c: &mut Criterion) {
    for n in sizes() {
        let names = synth::search_names(7, n);
        let mut group = c.benchmark_group(format!("search/{n}"));
        group.sampling_mode(SamplingMode::Flat);
        group.throughput(Throughput::Elements(n as u64));

        group.bench_function("index", |b| {
            b.iter(|| black_box(SearchIndex::new(names.iter())))
        });

        let index = SearchIndex::new(names.iter());
        // The typed sequence, each key narrowing the previous key's hits.
        let mut previous: Option<Vec<usize>> = None;
        for query in ["s", "se", "ser", "serg"] {
            let candidates = previous.clone();
            let hits = match &candidates {
                None => index.search(query),
                Some(c) => index.search_within(query, c.iter().copied()),
            };
            eprintln!(
                "search/{n}: {query:?} over {} candidates -> {} hits",
                candidates.as_ref().map_or(n, Vec::len),
                hits.len()
            );
            group.bench_function(BenchmarkId::new("type", query), |b| match &candidates {
                None => b.iter(|| black_box(index.search(black_box(query)))),
                Some(c) => {
                    b.iter(|| black_box(index.search_within(black_box(query), c.iter().copied())))
                }
            });
            previous = Some(indices(&hits));
        }
        group.bench_function(BenchmarkId::new("backspace", "ser"), |b| {
            b.iter(|| black_box(index.search(black_box("ser"))))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_search
}
criterion_main!(benches);

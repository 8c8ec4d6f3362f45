//! Fuzzy search per keystroke over 10k / 100k / 1M generated names
//! (`MERCATO_BENCH_NAMES=10000,100000` to choose the sizes).
//!
//! What a search box gets per key: typing "s", "se", "ser", "serg" one key at a time, each
//! key a [`Narrowing`] search that remembers the earlier keys (a growing query only scores
//! the previous key's subsequence hits), then the highlighted positions of the rows a
//! 60-row pane shows. Backspace from "serg" to "ser" reuses the ranking "ser" had.
//! Also measured: building the index, and one plain `search` (every hit's positions, no
//! memory of earlier keys) per query length, as the CLI and the old TUI path run it.

use std::hint::black_box;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use mercato::search::{Hit, Narrowing, SearchIndex};

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

/// Rows a full-height pane shows, whose matches get highlighted.
const SHOWN: usize = 60;

fn sizes() -> Vec<usize> {
    common::sizes("MERCATO_BENCH_NAMES", &[10_000, 100_000, 1_000_000])
}

/// One keystroke as the UI would run it: the ranking, then the shown rows' highlights.
fn keystroke(narrowing: &mut Narrowing, index: &SearchIndex, query: &str) -> Vec<Vec<usize>> {
    let hits: Vec<Hit> = narrowing.search(index, query);
    hits.iter()
        .take(SHOWN)
        .map(|hit| index.positions(hit.index, query))
        .collect()
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
        // The narrowing state before each key: it has seen the keys typed so far.
        let mut typed = Narrowing::default();
        for query in ["s", "se", "ser", "serg"] {
            let before = typed.clone();
            let hits = typed.search(&index, query);
            eprintln!("search/{n}: {query:?} -> {} hits", hits.len());
            group.bench_function(BenchmarkId::new("type", query), |b| {
                b.iter_batched(
                    || before.clone(),
                    |mut narrowing| black_box(keystroke(&mut narrowing, &index, black_box(query))),
                    BatchSize::LargeInput,
                )
            });
        }
        group.bench_function(BenchmarkId::new("backspace", "ser"), |b| {
            b.iter_batched(
                || typed.clone(),
                |mut narrowing| black_box(keystroke(&mut narrowing, &index, black_box("ser"))),
                BatchSize::LargeInput,
            )
        });
        for query in ["s", "serg"] {
            group.bench_function(BenchmarkId::new("search", query), |b| {
                b.iter(|| black_box(index.search(black_box(query))))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_search
}
criterion_main!(benches);

//! New articles merged into a live model: `Model::ingest` of 1,000 generated articles into a
//! model built once from 100,000 (`MERCATO_BENCH_LIVE=10000` for a smaller live model; the
//! 100k build takes about a minute and ~2 GB of memory with the clone each sample needs).
//!
//! - `ingest`: the 1,000 articles into a clone of the live model (the clone is not timed);
//! - `extract`: extraction alone of the same 1,000 articles (2 threads), the part of
//!   `ingest` that does not depend on the model's size;
//! - `ingest_empty`: the same 1,000 into an empty model, to tell what the live model's size
//!   adds.
//!
//! The new articles come from the same generated world (same roster), so they name players
//! and rumours the live model already knows, as the next fetch would.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use mercato::corpus::{Article, Corpus};
use mercato::extract::extract;
use mercato::gazetteer::Gazetteer;
use mercato::model::Model;
use rayon::prelude::*;

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

const NEW_ARTICLES: usize = 1_000;

/// `count` articles of the generated world, with the library's ids (`lib-N`) from `first`.
fn articles(
    rng: &mut synth::Rng,
    world: &synth::World,
    first: usize,
    count: usize,
) -> Vec<Article> {
    (first..first + count)
        .map(|id| {
            let article = synth::article(rng, world);
            Article {
                id: format!("lib-{id}"),
                path: format!("library/{id}"),
                date: article.date,
                title: article.title,
                source: Some(article.source),
                url: Some(article.url),
                body: article.body,
            }
        })
        .collect()
}

fn bench_live(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded().expect("the embedded gazetteer parses");
    let live = common::sizes("MERCATO_BENCH_LIVE", &[100_000])[0];
    let mut rng = synth::Rng::new(1);
    let world = synth::gazetteer_world(&gazetteer, &mut rng, 20_000);
    let old = articles(&mut rng, &world, 1, live);
    let new = articles(&mut rng, &world, live + 1, NEW_ARTICLES);
    let started = std::time::Instant::now();
    let model = Model::build(
        Corpus {
            articles: old,
            problems: Vec::new(),
        },
        &gazetteer,
    );
    eprintln!(
        "live model: {live} articles, {} people, {} rumours, {} contracts, built in {:.1} s",
        model.people.len(),
        model.rumours.len(),
        model.contracts.len(),
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group(format!("live/{live}"));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function(format!("ingest/{NEW_ARTICLES}"), |b| {
        b.iter_batched(
            || (model.clone(), new.clone()),
            |(mut model, new)| {
                let change = model.ingest(new, &gazetteer);
                assert!(!change.rebuilt, "new ids never rebuild");
                (model, change)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function(format!("extract/{NEW_ARTICLES}"), |b| {
        b.iter(|| {
            new.par_iter()
                .map(|a| black_box(extract(&gazetteer, &a.body, a.date, a.source.as_deref())))
                .count()
        })
    });
    group.bench_function(format!("ingest_empty/{NEW_ARTICLES}"), |b| {
        b.iter_batched(
            || new.clone(),
            |new| {
                let mut model = Model::build(Corpus::default(), &gazetteer);
                let change = model.ingest(new, &gazetteer);
                (model, change)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_live
}
criterion_main!(benches);

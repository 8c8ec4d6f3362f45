//! New articles merged into a live model: `Model::ingest` of 1,000 generated articles into a
//! model built once from 100,000 (`MERCATO_BENCH_LIVE=10000` for a smaller live model; the
//! 100k build takes ~15 s, and the bench peaks at ~1.5 GB with the clone each sample needs).
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
                date_is_fetch: false,
                title: article.title,
                source: Some(article.source),
                url: Some(article.url),
                body: article.body,
            }
        })
        .collect()
}

/// What one ingest touches, to read the timings by: every touched rumour's evidence is sorted
/// again, every touched contract's facts sorted and copied.
fn describe_change(model: &Model, new: &[Article], gazetteer: &Gazetteer) {
    let mut model = model.clone();
    let change = model.ingest(new.to_vec(), gazetteer);
    let evidence: usize = change
        .rumours
        .iter()
        .map(|&rumour| model.rumours[rumour].evidence.len())
        .sum();
    let contract_facts: usize = model
        .contracts
        .iter()
        .filter(|contract| change.contracts.binary_search(&contract.player).is_ok())
        .map(|contract| contract.evidence.len())
        .sum();
    eprintln!(
        "one ingest of {}: {} people touched ({} new), {} rumours holding {evidence} pieces of \
         evidence, {} contracts holding {contract_facts} facts",
        new.len(),
        change.people.len(),
        change.new_people.len(),
        change.rumours.len(),
        change.contracts.len(),
    );
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

    describe_change(&model, &new, &gazetteer);

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

//! Transfer intelligence over a model built from 10,000 generated articles
//! (`MERCATO_BENCH_INTEL=100000` for another size), as of 2026-01-13:
//!
//! - `rumours_by_heat`: `intel::by_heat` of every listed rumour (each one's ladder, stage
//!   and heat), what `mercato rumours` sorts;
//! - `source_records`: every source's track record, what `mercato sources` and the `S`
//!   overlay list;
//! - `clubs_as_of`: every player's club as of the date;
//! - `club_board`: the board of the club with the most rumours, what `mercato club` and the
//!   `c` overlay show.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use mercato::corpus::{Article, Corpus};
use mercato::gazetteer::Gazetteer;
use mercato::intel;
use mercato::model::{ClubId, Model};

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

fn model(size: usize, gazetteer: &Gazetteer) -> Model {
    let mut rng = synth::Rng::new(1);
    let world = synth::gazetteer_world(gazetteer, &mut rng, 20_000);
    let articles = (0..size)
        .map(|id| {
            let article = synth::article(&mut rng, &world);
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
        .collect();
    Model::build(
        Corpus {
            articles,
            problems: Vec::new(),
        },
        gazetteer,
    )
}

fn bench_intel(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded().expect("the embedded gazetteer parses");
    let size = common::sizes("MERCATO_BENCH_INTEL", &[10_000])[0];
    let model = model(size, &gazetteer);
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 13).expect("a valid date");
    let mut per_club = vec![0_usize; model.club_names.len()];
    for (_, rumour) in model.listed_rumours() {
        per_club[rumour.club.0] += 1;
    }
    let busiest = (0..per_club.len())
        .max_by_key(|&club| per_club[club])
        .map(ClubId)
        .expect("the gazetteer has clubs");
    eprintln!(
        "{size} articles: {} listed rumours, {} sources; busiest club {} ({} rumours)",
        model.listed_rumours().count(),
        intel::source_records(&model, as_of).len(),
        model.club_name(busiest),
        per_club[busiest.0],
    );
    let mut group = c.benchmark_group(format!("intel/{size}"));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("rumours_by_heat", |b| {
        b.iter(|| {
            let listed = model.listed_rumours().map(|(_, rumour)| rumour);
            black_box(intel::by_heat(&model, listed, as_of).len())
        })
    });
    group.bench_function("source_records", |b| {
        b.iter(|| black_box(intel::source_records(&model, as_of).len()))
    });
    group.bench_function("clubs_as_of", |b| {
        b.iter(|| black_box(intel::clubs_as_of(&model, as_of).len()))
    });
    group.bench_function("club_board", |b| {
        b.iter(|| black_box(intel::club_board(&model, busiest, as_of).incoming.len()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_intel
}
criterion_main!(benches);

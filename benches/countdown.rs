//! The countdown maths for 10k contracts: what the countdown pane computes on each
//! once-a-second tick (days left, the description and the urgency band of every contract).

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mercato::countdown::{Thresholds, days_left, describe, urgency};

mod common;

#[allow(dead_code)]
#[path = "../examples/support/synth.rs"]
mod synth;

const CONTRACTS: usize = 10_000;

fn bench_countdown(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 13).expect("a valid date");
    let first = NaiveDate::from_ymd_opt(2024, 6, 30).expect("a valid date");
    let mut rng = synth::Rng::new(3);
    // Expiries from 18 months ago to 6 years ahead: expired, critical, soon and distant.
    let expiries: Vec<NaiveDate> = (0..CONTRACTS)
        .map(|_| {
            first
                .checked_add_days(Days::new(rng.below(6 * 365) as u64))
                .expect("dates stay in range")
        })
        .collect();

    let mut group = c.benchmark_group(format!("countdown/{CONTRACTS}"));
    group.throughput(Throughput::Elements(CONTRACTS as u64));
    group.bench_function("days_left", |b| {
        b.iter(|| {
            expiries
                .iter()
                .map(|&e| days_left(e, black_box(as_of)))
                .sum::<i64>()
        })
    });
    group.bench_function("urgency", |b| {
        b.iter(|| {
            expiries
                .iter()
                .map(|&e| urgency(e, black_box(as_of), Thresholds::default()))
                .max()
        })
    });
    group.bench_function("describe", |b| {
        b.iter(|| {
            expiries
                .iter()
                .map(|&e| describe(e, black_box(as_of)))
                .collect::<Vec<String>>()
        })
    });
    group.bench_function("tick", |b| {
        b.iter(|| {
            expiries
                .iter()
                .map(|&e| {
                    let as_of = black_box(as_of);
                    (
                        days_left(e, as_of),
                        urgency(e, as_of, Thresholds::default()),
                        describe(e, as_of),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_countdown
}
criterion_main!(benches);

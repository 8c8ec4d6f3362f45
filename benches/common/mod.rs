//! Settings shared by the benches (each bench uses part of them).

#![allow(dead_code)]

use std::time::Duration;

use criterion::Criterion;

/// Short runs: this is a small shared machine, and the slow cases take seconds each.
pub fn quick() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// Sizes from a comma-separated environment variable (`MERCATO_BENCH_NAMES=10000,100000`),
/// else the defaults.
pub fn sizes(variable: &str, defaults: &[usize]) -> Vec<usize> {
    std::env::var(variable)
        .ok()
        .map(|list| {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .filter(|sizes: &Vec<usize>| !sizes.is_empty())
        .unwrap_or_else(|| defaults.to_vec())
}

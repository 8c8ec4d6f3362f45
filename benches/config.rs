//! What the configuration adds to every start, before the first frame: reading the settings
//! (the full default file, every line of it), reading the default key map from its TOML, and
//! applying a user's `[keys]`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use mercato::config::{self, Config};
use mercato::tui::Keymap;

mod common;

const USER_KEYS: &str = "[keys]\nquit = [\"Q\", \"ctrl-c\"]\nstart_filter = [\"f\"]\n\
                         [keys.help]\ntoggle_help = [\"?\", \"esc\"]\n";

fn bench_config(c: &mut Criterion) {
    let mut group = c.benchmark_group("config");
    let default = config::default_text();
    group.bench_function("parse_default_file", |b| {
        b.iter(|| Config::parse(Path::new("config.toml"), black_box(default.clone())))
    });
    group.bench_function("parse_default_keymap", |b| b.iter(config::default_keymap));
    let keys = Config::parse(Path::new("config.toml"), USER_KEYS.into())
        .expect("the bench's keys parse")
        .settings
        .keys;
    group.bench_function("apply_user_keys", |b| {
        b.iter(|| Keymap::with_overrides(black_box(&keys)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = bench_config
}
criterion_main!(benches);

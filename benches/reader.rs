//! Opening an article in the reader over a library, whose model keeps no bodies: the body
//! and its highlights read from the library (read-only connection, opened once, as the
//! event loop keeps it) and the update that shows it (kept, wrapped, the reader refreshed). Needs a library:
//!
//!     MERCATO_BENCH_DB=/tmp/mercato-scale/after-200000.db cargo bench --bench reader
//!
//! (`benches/library_scale.sh` makes them.) Without it, the bench says so and stops.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::Criterion;
use mercato::facts::{self, Facts};
use mercato::library::Source;
use mercato::model::packed;
use mercato::progress::LoadProgress;
use mercato::store::{Access, Library, library_id};
use mercato::tui::state::Body;
use mercato::tui::{Message, Options, State, dispatch};

fn main() {
    let Some(db) = std::env::var_os("MERCATO_BENCH_DB") else {
        eprintln!("reader bench: set MERCATO_BENCH_DB to a library (see benches/library_scale.sh)");
        return;
    };
    let db = std::path::PathBuf::from(db);
    let model = Source::Library(db.clone())
        .load(&LoadProgress::default())
        .expect("the library loads")
        .model;
    let articles = model.articles.len();
    eprintln!("reader bench: {articles} articles");
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let options = Options {
        as_of,
        player: None,
        sample: false,
        refresh: None,
        db: Some(db.clone()),
        watch: false,
    };
    let now = as_of.and_hms_opt(9, 0, 0).expect("a time");
    let mut state = State::new(model, &options, now, (200, 60));
    let library = Library::open(&db, Access::Read).expect("the library opens");
    let mut criterion = Criterion::default()
        .configure_from_args()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    // Articles spread over the library, each opened in turn (more than the reader keeps).
    let picks: Vec<usize> = (0..64).map(|n| n * articles / 64).collect();
    let mut next = 0;
    let version = facts::version();
    criterion.bench_function("open article/body from the library", |b| {
        b.iter(|| {
            let article = picks[next % picks.len()];
            next += 1;
            let id = library_id(&state.model.articles[article].id).expect("a library article");
            black_box(library.body(id).expect("readable"))
        });
    });
    criterion.bench_function("open article/body and highlights + update", |b| {
        b.iter(|| {
            let article = picks[next % picks.len()];
            next += 1;
            state.reader.article = Some(article);
            let id = library_id(&state.model.articles[article].id).expect("a library article");
            let text = library.body(id).expect("readable").unwrap_or_default();
            let highlights = library
                .facts_of(id, &version)
                .expect("readable")
                .as_deref()
                .and_then(Facts::decode)
                .map(|facts| packed(&facts.extraction.mentions))
                .unwrap_or_default();
            dispatch(
                &mut state,
                Message::BodyLoaded {
                    article,
                    body: Ok(Body { text, highlights }),
                },
            );
            black_box(state.reader_lines(100).len())
        });
    });
    criterion.final_summary();
}

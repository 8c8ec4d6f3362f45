//! Writes a deterministic synthetic corpus of transfer-news articles, for benchmarks and
//! load tests:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 10000 --seed 1 OUT_DIR
//! cargo run --release --example gen_corpus -- --bytes 25000000 --seed 1 OUT_DIR
//! ```
//!
//! The same options always give the same files. Clubs and outlets come from the embedded
//! gazetteer; players from a generated roster (`--roster`, 20,000 by default).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

// Shared with the benches, which use other parts of it.
#[allow(dead_code)]
#[path = "support/synth.rs"]
mod synth;

/// Generate a synthetic transfer-news corpus.
#[derive(Debug, Parser)]
#[command(name = "gen_corpus")]
struct Args {
    /// How many articles to write.
    #[arg(long, value_name = "N", conflicts_with = "bytes")]
    articles: Option<usize>,
    /// Write articles until about N bytes of article text (bodies) are written.
    #[arg(long, value_name = "N")]
    bytes: Option<u64>,
    /// Seed of the generator: same seed, same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Players on the generated roster.
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    roster: usize,
    /// Folder to write into (created; must be new or empty).
    out_dir: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = synth::Options {
        articles: args.articles.or(args.bytes.is_none().then_some(1000)),
        bytes: args.bytes,
        seed: args.seed,
        roster: args.roster,
    };
    match synth::generate(&args.out_dir, &options) {
        Ok(summary) => {
            let [txt, md, json, jsonl] = summary.per_format;
            eprintln!(
                "wrote {} articles ({} undated) in {} files to {}\n  \
                 article text: {} bytes; on disk: {} bytes\n  \
                 formats: {txt} .txt, {md} .md, {json} .json, {jsonl} .jsonl\n  \
                 roster: {} players",
                summary.articles,
                summary.undated,
                summary.files,
                args.out_dir.display(),
                summary.body_bytes,
                summary.file_bytes,
                summary.roster,
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen_corpus: {err}");
            ExitCode::FAILURE
        }
    }
}

//! Prints what extraction reads from article files: `cargo run --example dump -- FILE...`.

use std::path::PathBuf;

use mercato::corpus::load_paths;
use mercato::extract::extract;
use mercato::gazetteer::Gazetteer;

fn main() -> color_eyre::Result<()> {
    let gazetteer = Gazetteer::embedded()?;
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let corpus = load_paths(&paths);
    for problem in &corpus.problems {
        eprintln!("{problem}");
    }
    let club = |id: usize| gazetteer.clubs[id].name.as_str();
    for article in &corpus.articles {
        let read = extract(
            &gazetteer,
            &article.body,
            article.date,
            article.source.as_deref(),
        );
        let name = |id: usize| read.people[id].name.as_str();
        let sentence = |span: &std::ops::Range<usize>| {
            article.body[span.clone()]
                .chars()
                .take(100)
                .collect::<String>()
        };
        println!("== {} ({:?})", article.path, article.date);
        for person in &read.people {
            println!(
                "  person   {} [{}] {:?}",
                person.name,
                person.role.label(),
                person.aliases
            );
        }
        println!("  sources  {:?}", read.sources);
        for r in &read.rumours {
            println!(
                "  rumour   {} -> {} | {}",
                name(r.person),
                club(r.club),
                sentence(&r.sentence)
            );
        }
        for c in &read.contracts {
            println!(
                "  contract {} {:?} {} | {}",
                name(c.person),
                c.club.map(club),
                c.expires,
                sentence(&c.sentence)
            );
        }
        for link in &read.current_clubs {
            println!(
                "  current  {} at {} | {}",
                name(link.person),
                club(link.club),
                sentence(&link.sentence)
            );
        }
        for link in &read.former_clubs {
            println!(
                "  former   {} at {} | {}",
                name(link.person),
                club(link.club),
                sentence(&link.sentence)
            );
        }
    }
    Ok(())
}

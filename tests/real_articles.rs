//! Extraction quality on real articles: the hand-labelled development set that lives beside
//! the repository in `../shared/real-articles` (other publishers' texts, so never committed
//! here). Scored the way that folder's `score.py` scores a `mercato export`, ported so the
//! test needs nothing but cargo. Skips with a notice where the folder is absent (a user's
//! clone). Run with `--nocapture` to see the scores and every miss.

#![allow(clippy::unwrap_used)] // test helpers: a panic is the failure report

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use mercato::export::export;
use mercato::library::Source;
use mercato::progress::LoadProgress;
use mercato::text::fold;
use serde::Deserialize;
use serde_json::Value;

/// The date the set's README scores at, so the output never depends on today.
const AS_OF: &str = "2026-11-23";

#[derive(Debug, Deserialize)]
struct Label {
    file: String,
    players: Vec<GoldPlayer>,
}

#[derive(Debug, Deserialize)]
struct GoldPlayer {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    role: String,
    #[serde(default)]
    rumoured_destinations: Vec<String>,
    #[serde(default)]
    ambiguous_destinations: Vec<String>,
    contract_expiry: Option<String>,
    contract_expiry_alt: Option<String>,
}

/// score.py's `norm`: accents, case and punctuation away, spaces collapsed.
fn norm(text: &str) -> String {
    let folded: String = fold(text)
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'' {
                c
            } else {
                ' '
            }
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Canonical club names: the set's aliases, then score.py's common variants.
struct Clubs(HashMap<String, String>);

const VARIANTS: &[(&str, &str)] = &[
    ("psg", "paris saint germain"),
    ("paris sg", "paris saint germain"),
    ("internazionale", "inter milan"),
    ("fc internazionale milano", "inter milan"),
    ("inter", "inter milan"),
    ("milan", "ac milan"),
    ("atletico de madrid", "atletico madrid"),
    ("spurs", "tottenham hotspur"),
    ("tottenham", "tottenham hotspur"),
    ("man utd", "manchester united"),
    ("man united", "manchester united"),
    ("man city", "manchester city"),
    ("bayern", "bayern munich"),
    ("fc bayern munich", "bayern munich"),
    ("bayern munchen", "bayern munich"),
    ("fc bayern munchen", "bayern munich"),
    ("juventus fc", "juventus"),
    ("fc barcelona", "barcelona"),
    ("borussia m gladbach", "borussia monchengladbach"),
    ("gladbach", "borussia monchengladbach"),
    ("west ham", "west ham united"),
    ("newcastle", "newcastle united"),
    ("leipzig", "rb leipzig"),
    ("red bull salzburg", "rb salzburg"),
    ("fc salzburg", "rb salzburg"),
    ("toronto", "toronto fc"),
    ("inter miami cf", "inter miami"),
    ("ss lazio", "lazio"),
    ("as roma", "roma"),
    ("ssc napoli", "napoli"),
    ("olympique lyonnais", "lyon"),
    ("olympique de marseille", "marseille"),
    ("sevilla fc", "sevilla"),
    ("real betis balompie", "real betis"),
    ("betis", "real betis"),
    ("wolves", "wolverhampton wanderers"),
    ("brighton and hove albion", "brighton"),
    ("brighton hove albion", "brighton"),
    ("leicester", "leicester city"),
    ("everton fc", "everton"),
    ("arsenal fc", "arsenal"),
    ("chelsea fc", "chelsea"),
    ("liverpool fc", "liverpool"),
];

impl Clubs {
    fn load(path: &Path) -> Self {
        let aliases: BTreeMap<String, Vec<String>> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut forms = HashMap::new();
        for (canonical, names) in &aliases {
            for name in names.iter().chain([canonical]) {
                forms.entry(norm(name)).or_insert_with(|| norm(canonical));
            }
        }
        Self(forms)
    }

    fn canonical(&self, name: &str) -> String {
        let name = norm(name);
        let name = self.0.get(&name).cloned().unwrap_or(name);
        VARIANTS
            .iter()
            .find(|(variant, _)| *variant == name)
            .map_or(name, |(_, canonical)| canonical.to_string())
    }
}

fn person_keys(player: &GoldPlayer) -> BTreeSet<String> {
    std::iter::once(&player.name)
        .chain(&player.aliases)
        .map(|name| norm(name))
        .collect()
}

fn surname(name: &str) -> String {
    norm(name)
        .split(' ')
        .next_back()
        .unwrap_or_default()
        .to_string()
}

/// The labelled player a found name means: a full form, else a surname unique in the article.
fn match_person(found: &str, gold: &[GoldPlayer]) -> Option<usize> {
    let name = norm(found);
    if let Some(at) = gold.iter().position(|g| person_keys(g).contains(&name)) {
        return Some(at);
    }
    let last = surname(found);
    let hits: Vec<usize> = (0..gold.len())
        .filter(|&i| surname(&gold[i].name) == last || person_keys(&gold[i]).contains(&last))
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

#[derive(Default, Clone, Copy)]
struct Tally {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Tally {
    fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    fn f1(&self) -> f64 {
        let precision = ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        );
        let recall = self.recall();
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    }

    fn line(&self, kind: &str) -> String {
        format!(
            "{kind:9} F1={:.3}  (tp={} fp={} fn={})",
            self.f1(),
            self.true_positives,
            self.false_positives,
            self.false_negatives
        )
    }
}

#[derive(Default)]
struct Scores {
    players: Tally,
    subjects: Tally,
    rumours: Tally,
    expiry: Tally,
    misses: Vec<String>,
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn score(exported: &Value, labels: &[Label], clubs: &Clubs) -> Scores {
    let mut by_file: HashMap<String, &Value> = HashMap::new();
    for article in exported["articles"].as_array().unwrap() {
        let path = article["path"].as_str().unwrap_or_default();
        let file = Path::new(path).file_name().unwrap_or_default();
        by_file.insert(file.to_string_lossy().into_owned(), article);
    }
    let mut rumours: HashMap<String, BTreeSet<(String, String)>> = HashMap::new();
    for rumour in exported["rumours"].as_array().unwrap() {
        let pair = (
            rumour["player"].as_str().unwrap().to_string(),
            rumour["club"].as_str().unwrap().to_string(),
        );
        for article in strings(rumour, "articles") {
            rumours.entry(article).or_default().insert(pair.clone());
        }
    }
    let mut expiries: HashMap<String, BTreeSet<(String, String)>> = HashMap::new();
    for contract in exported["contracts"].as_array().unwrap() {
        let player = contract["player"].as_str().unwrap().to_string();
        for evidence in contract["evidence"].as_array().unwrap() {
            let date = evidence["expires"]
                .as_str()
                .or(contract["expires"].as_str());
            expiries
                .entry(evidence["article"].as_str().unwrap().to_string())
                .or_default()
                .insert((player.clone(), date.unwrap_or_default().to_string()));
        }
    }

    let mut scores = Scores::default();
    for label in labels {
        let file = Path::new(&label.file)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let gold = &label.players;
        let article = by_file
            .get(&file)
            .unwrap_or_else(|| panic!("{file} missing from the export"));
        let id = article["id"].as_str().unwrap();
        let mut miss = |what: String| scores.misses.push(format!("{file}: {what}"));

        let mut found = BTreeSet::new();
        for name in strings(article, "players") {
            match match_person(&name, gold) {
                None => {
                    scores.players.false_positives += 1;
                    miss(format!("FP player {name}"));
                }
                Some(at) => {
                    if found.insert(at) {
                        scores.players.true_positives += 1;
                    }
                }
            }
        }
        for (at, player) in gold.iter().enumerate() {
            let hit = found.contains(&at);
            if !hit {
                scores.players.false_negatives += 1;
                miss(format!("FN player {}", player.name));
            }
            if player.role == "subject" {
                match hit {
                    true => scores.subjects.true_positives += 1,
                    false => scores.subjects.false_negatives += 1,
                }
            }
        }

        let mut gold_pairs = BTreeSet::new();
        let mut ambiguous = BTreeSet::new();
        for (at, player) in gold.iter().enumerate() {
            gold_pairs.extend(
                (player.rumoured_destinations.iter()).map(|c| (Some(at), clubs.canonical(c))),
            );
            ambiguous.extend(
                (player.ambiguous_destinations.iter()).map(|c| (Some(at), clubs.canonical(c))),
            );
        }
        let mut hit = BTreeSet::new();
        for (player, club) in rumours.get(id).into_iter().flatten() {
            let key = (match_person(player, gold), clubs.canonical(club));
            if ambiguous.contains(&key) {
                continue;
            }
            if key.0.is_some() && gold_pairs.contains(&key) {
                if hit.insert(key) {
                    scores.rumours.true_positives += 1;
                }
            } else {
                scores.rumours.false_positives += 1;
                miss(format!("FP rumour {player} -> {club}"));
            }
        }
        for (at, club) in gold_pairs.difference(&hit) {
            scores.rumours.false_negatives += 1;
            let name = at.map_or("?", |at| gold[at].name.as_str());
            miss(format!("FN rumour {name} -> {club}"));
        }

        let gold_expiry: BTreeMap<usize, Vec<&String>> = (gold.iter().enumerate())
            .filter_map(|(at, player)| {
                let expiry = player.contract_expiry.as_ref()?;
                Some((
                    at,
                    std::iter::once(expiry)
                        .chain(&player.contract_expiry_alt)
                        .collect(),
                ))
            })
            .collect();
        let mut got = BTreeSet::new();
        for (player, date) in expiries.get(id).into_iter().flatten() {
            match match_person(player, gold)
                .filter(|at| gold_expiry.get(at).is_some_and(|ok| ok.contains(&date)))
            {
                Some(at) => {
                    if got.insert(at) {
                        scores.expiry.true_positives += 1;
                    }
                }
                None => {
                    scores.expiry.false_positives += 1;
                    miss(format!("FP expiry {player} {date}"));
                }
            }
        }
        for (at, dates) in &gold_expiry {
            if !got.contains(at) {
                scores.expiry.false_negatives += 1;
                miss(format!("FN expiry {} {dates:?}", gold[*at].name));
            }
        }
    }
    scores
}

/// Where the set lives: beside the repository, as in CI.
fn set_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-articles")
}

#[test]
fn extraction_quality_on_real_articles() {
    let folder = set_folder();
    if !folder.join("labels.json").is_file() {
        println!(
            "notice: {} is absent; the real-articles quality test is skipped",
            folder.display()
        );
        return;
    }
    let labels: Vec<Label> =
        serde_json::from_str(&std::fs::read_to_string(folder.join("labels.json")).unwrap())
            .unwrap();
    let clubs = Clubs::load(&folder.join("club_aliases.json"));
    let (model, _) = Source::Files(vec![folder.join("articles")])
        .load_whole(&LoadProgress::default())
        .unwrap();
    assert!(model.problems.is_empty(), "{:?}", model.problems);
    let as_of = NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    let exported = serde_json::to_value(export(&model, as_of)).unwrap();
    let scores = score(&exported, &labels, &clubs);

    for miss in &scores.misses {
        println!("{miss}");
    }
    println!("{}", scores.players.line("players"));
    println!(
        "subjects  R={:.3}  (tp={} fn={})",
        scores.subjects.recall(),
        scores.subjects.true_positives,
        scores.subjects.false_negatives
    );
    println!("{}", scores.rumours.line("rumours"));
    println!("{}", scores.expiry.line("expiry"));
    // Floors just under the scores reached (see BENCHMARKS.md, "Extraction quality"); raise
    // them as rules improve.
    for (kind, tally, floor) in [
        ("players", scores.players, 0.97),
        ("rumours", scores.rumours, 0.87),
        ("expiry", scores.expiry, 0.89),
    ] {
        assert!(
            tally.f1() >= floor,
            "{kind} F1 {:.3} is under {floor}",
            tally.f1()
        );
    }
}

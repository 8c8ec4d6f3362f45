//! Fuzzy search over names: accent-insensitive (a folded key per name, matched positions
//! mapped back to the original characters) and tolerant of one slipped key.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::text::fold_char;

/// A name prepared for matching: its folded key and, per key byte, the original char index.
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    char_of_byte: Vec<usize>,
}

impl Entry {
    fn new(name: &str) -> Self {
        let mut key = String::with_capacity(name.len());
        let mut char_of_byte = Vec::with_capacity(name.len());
        for (index, c) in name.chars().enumerate() {
            let before = key.len();
            fold_char(c, &mut key);
            char_of_byte.extend(std::iter::repeat_n(index, key.len() - before));
        }
        Self { key, char_of_byte }
    }
}

/// One hit: which name, how well it matched, and which characters of the original name
/// matched (char indices, for highlighting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
    pub positions: Vec<usize>,
}

/// A searchable list of names, folded once.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        Self {
            entries: names
                .into_iter()
                .map(|name| Entry::new(name.as_ref()))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every name matching `query`, best first (ties in list order). An empty query matches
    /// everything, in list order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_within(query, 0..self.entries.len())
    }

    /// As [`search`](Self::search), but only over the given candidates. When a query grows,
    /// its subsequence hits are a subset of the shorter query's, so those can be narrowed;
    /// one-slip hits are not ("rmao" misses Ramos, "rmaos" finds him), so a caller that
    /// narrows gives those up.
    pub fn search_within(
        &self,
        query: &str,
        candidates: impl IntoIterator<Item = usize>,
    ) -> Vec<Hit> {
        let query = crate::text::fold(query.trim());
        let candidates = candidates.into_iter();
        if query.is_empty() {
            return candidates
                .map(|index| Hit {
                    index,
                    score: 0,
                    positions: Vec::new(),
                })
                .collect();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut hits: Vec<Hit> = candidates
            .filter_map(|index| {
                let entry = self.entries.get(index)?;
                if let Some((score, bytes)) = matcher.fuzzy_indices(&entry.key, &query) {
                    let mut positions: Vec<usize> =
                        bytes.iter().map(|&b| entry.char_of_byte[b]).collect();
                    positions.dedup();
                    return Some(Hit {
                        index,
                        score,
                        positions,
                    });
                }
                typo_hit(entry, &query).map(|positions| Hit {
                    index,
                    score: 0,
                    positions,
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        hits
    }
}

/// A word of the name within one slip of the query (swapped, missing, extra or wrong key),
/// for queries of four or more characters. Returns the word's char positions.
fn typo_hit(entry: &Entry, query: &str) -> Option<Vec<usize>> {
    if query.len() < 4 || query.contains(' ') {
        return None;
    }
    let mut start = 0;
    for word in entry.key.split(' ') {
        let end = start + word.len();
        if word.len() >= 3 && one_slip(word, query) {
            let mut positions: Vec<usize> = (start..end).map(|b| entry.char_of_byte[b]).collect();
            positions.dedup();
            return Some(positions);
        }
        start = end + 1;
    }
    None
}

/// Optimal string alignment distance ≤ 1 (an adjacent swap counts as one slip), on the
/// query's length of the word's start too ("rmaos" ~ "ramos", "modirc" ~ "modric").
fn one_slip(word: &str, query: &str) -> bool {
    let (a, b) = (word.as_bytes(), query.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[n][m] <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> SearchIndex {
        SearchIndex::new([
            "Sergio Ramos",
            "Luka Modrić",
            "Martin Ødegaard",
            "Sergio Romero",
            "Thomas Müller",
        ])
    }

    fn found(index: &SearchIndex, query: &str) -> Vec<usize> {
        index
            .search(query)
            .into_iter()
            .map(|hit| hit.index)
            .collect()
    }

    #[test]
    fn accents_do_not_matter() {
        let index = names();
        assert_eq!(found(&index, "modric"), [1]);
        assert_eq!(found(&index, "odegaard"), [2]);
        assert_eq!(found(&index, "muller"), [4]);
        assert_eq!(found(&index, "MÜLLER"), [4]);
    }

    #[test]
    fn positions_point_at_original_characters() {
        let index = names();
        let hit = &index.search("odeg")[0];
        assert_eq!(hit.positions, [7, 8, 9, 10]);
        let name: Vec<char> = "Martin Ødegaard".chars().collect();
        assert_eq!(name[hit.positions[0]], 'Ø');
    }

    #[test]
    fn fuzzy_subsequences_and_slips() {
        let index = names();
        assert_eq!(found(&index, "rmos"), [0]);
        assert_eq!(found(&index, "rmaos"), [0]);
        assert_eq!(found(&index, "modirc"), [1]);
        assert!(found(&index, "xyzzy").is_empty());
    }

    #[test]
    fn best_match_first_and_empty_query_lists_all() {
        let index = names();
        assert_eq!(found(&index, "sergio ra").first(), Some(&0));
        assert_eq!(found(&index, ""), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn narrowing_gives_the_same_hits() {
        let index = names();
        let wide: Vec<usize> = found(&index, "ser");
        let narrow = index.search_within("serg", wide.iter().copied());
        assert_eq!(narrow, index.search("serg"));
    }
}

//! Fuzzy search over names: accent-insensitive (a folded key per name, matched positions
//! mapped back to the original characters) and tolerant of one slipped key.
//!
//! Built for a search box re-ranking up to a million names per keystroke: names with the same
//! folded key are scored once, a byte subsequence check skips names skim would reject, the
//! scoring runs on every core in cancellable chunks, and [`Narrowing`] reuses the previous
//! key's result while a query grows.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::text::fold_char;

/// Keys per parallel task: large enough to amortise the task, small enough that a
/// cancelled search stops within a fraction of a millisecond.
const CHUNK: usize = 4096;

/// Shortest query that may match with one slipped key.
const TYPO_MIN: usize = 4;

/// How many earlier queries a [`Narrowing`] keeps (typing forward, then backspacing).
const HISTORY: usize = 16;

/// Marks a name whose folded key byte `i` came from its char `i`.
const IDENTITY: usize = usize::MAX;

/// One hit: which name, how well it matched, and which characters of the original name
/// matched (char indices, for highlighting). The fast paths leave `positions` empty; see
/// [`SearchIndex::positions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
    pub positions: Vec<usize>,
}

/// A searchable list of names, folded once. Cloning is cheap (the data is shared), so a
/// clone can be handed to a worker thread.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    data: Arc<Data>,
}

#[derive(Debug)]
struct Data {
    /// Tells indexes apart, so a [`Narrowing`] never reuses another index's results.
    id: u64,
    /// The distinct folded keys, back to back: key `k` is `keys[key_start[k]..key_start[k + 1]]`.
    keys: String,
    key_start: Vec<usize>,
    /// Each name's key.
    key_of: Vec<usize>,
    /// Each key's names, ascending: `names[names_start[k]..names_start[k + 1]]`.
    names: Vec<usize>,
    names_start: Vec<usize>,
    /// Where each name's key-byte → char map starts in `char_maps`, or [`IDENTITY`].
    map_start: Vec<usize>,
    char_maps: Vec<usize>,
    /// The distinct words (of three bytes or more) of the keys, by length, for the one-slip
    /// pass: its cost follows the vocabulary, not the number of names.
    words: Vec<Vec<Word>>,
    /// Each key's [`letter_mask`]: a key lacking one of the query's letters is passed over
    /// with one comparison, before any byte of it is read.
    masks: Vec<u64>,
}

/// A distinct word and where it occurs: (key, byte offset of the word in the key).
#[derive(Debug)]
struct Word {
    text: Box<str>,
    at: Vec<(usize, usize)>,
}

/// The keys a query matched: subsequence hits with skim's score (and its byte positions
/// when asked for), and one-slip hits with the slipped word's byte range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Ranked {
    matched: Vec<(usize, i64)>,
    matched_positions: Vec<Vec<usize>>,
    typo: Vec<(usize, usize, usize)>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

impl SearchIndex {
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut keys = String::new();
        let mut key_start = vec![0];
        let mut key_of = Vec::new();
        let mut map_start = Vec::new();
        let mut char_maps = Vec::new();
        let mut key_ids: FastMap<String, usize> = FastMap::default();
        let mut key = String::new();
        let mut map = Vec::new();
        for name in names {
            key.clear();
            map.clear();
            for (index, c) in name.as_ref().chars().enumerate() {
                let before = key.len();
                fold_char(c, &mut key);
                map.extend(std::iter::repeat_n(index, key.len() - before));
            }
            if map.iter().enumerate().all(|(byte, &char)| byte == char) {
                map_start.push(IDENTITY);
            } else {
                map_start.push(char_maps.len());
                char_maps.extend_from_slice(&map);
            }
            let id = match key_ids.get(key.as_str()) {
                Some(&id) => id,
                None => {
                    let id = key_ids.len();
                    key_ids.insert(key.clone(), id);
                    keys.push_str(&key);
                    key_start.push(keys.len());
                    id
                }
            };
            key_of.push(id);
        }
        drop(key_ids);

        let key_count = key_start.len() - 1;
        let mut names_start = vec![0; key_count + 1];
        for &k in &key_of {
            names_start[k + 1] += 1;
        }
        for k in 0..key_count {
            names_start[k + 1] += names_start[k];
        }
        let mut fill = names_start.clone();
        let mut names = vec![0; key_of.len()];
        for (name, &k) in key_of.iter().enumerate() {
            names[fill[k]] = name;
            fill[k] += 1;
        }

        let mut words: Vec<Vec<Word>> = Vec::new();
        let mut word_ids: FastMap<&str, (usize, usize)> = FastMap::default();
        for k in 0..key_count {
            let key = &keys[key_start[k]..key_start[k + 1]];
            let mut start = 0;
            for word in key.split(' ') {
                if word.len() >= 3 {
                    let (length, slot) = *word_ids.entry(word).or_insert_with(|| {
                        if words.len() <= word.len() {
                            words.resize_with(word.len() + 1, Vec::new);
                        }
                        words[word.len()].push(Word {
                            text: word.into(),
                            at: Vec::new(),
                        });
                        (word.len(), words[word.len()].len() - 1)
                    });
                    words[length][slot].at.push((k, start));
                }
                start += word.len() + 1;
            }
        }
        drop(word_ids);
        let masks = (0..key_count)
            .map(|k| letter_mask(&keys[key_start[k]..key_start[k + 1]]))
            .collect();

        Self {
            data: Arc::new(Data {
                id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                keys,
                key_start,
                key_of,
                names,
                names_start,
                map_start,
                char_maps,
                words,
                masks,
            }),
        }
    }

    /// Tells indexes apart (clones share it): results from one never stand for another's.
    pub fn id(&self) -> u64 {
        self.data.id
    }

    pub fn len(&self) -> usize {
        self.data.key_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.key_of.is_empty()
    }

    /// Every name matching `query`, best first (ties in list order), with matched positions.
    /// An empty query matches everything, in list order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let query = crate::text::fold(query.trim());
        let never = AtomicBool::new(false);
        self.search_all(&query, None, true, &never)
            .map(|(hits, _)| hits)
            .unwrap_or_default()
    }

    /// As [`search`](Self::search), but only over the given candidates. To narrow while a
    /// query grows, use [`Narrowing`]: it keeps the one-slip hits that narrowing to the
    /// previous hits would lose ("rmao" misses Ramos, "rmaos" finds him).
    pub fn search_within(
        &self,
        query: &str,
        candidates: impl IntoIterator<Item = usize>,
    ) -> Vec<Hit> {
        let never = AtomicBool::new(false);
        self.within(query, candidates, true, &never)
            .unwrap_or_default()
    }

    /// As [`search_within`](Self::search_within) but without positions (fetch those for the
    /// rows shown with [`positions`](Self::positions)), giving up with `None` as soon as
    /// `cancel` is set: a newer keystroke made this search stale.
    pub fn search_cancellable(
        &self,
        query: &str,
        candidates: impl IntoIterator<Item = usize>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        self.within(query, candidates, false, cancel)
    }

    /// The characters of name `index` that `query` matches, for highlighting (empty when it
    /// does not match): the positions [`search`](Self::search) gives.
    pub fn positions(&self, index: usize, query: &str) -> Vec<usize> {
        let query = crate::text::fold(query.trim());
        let data = &*self.data;
        let Some(&key) = data.key_of.get(index) else {
            return Vec::new();
        };
        if query.is_empty() {
            return Vec::new();
        }
        let text = data.key(key);
        if let Some((_, bytes)) = score(&new_matcher(), text, &query) {
            return data.char_positions(index, bytes);
        }
        if typo_possible(&query) {
            let mut start = 0;
            for word in text.split(' ') {
                if word.len() >= 3 && one_slip(word.as_bytes(), query.as_bytes()) {
                    return data.char_positions(index, start..start + word.len());
                }
                start += word.len() + 1;
            }
        }
        Vec::new()
    }

    fn within(
        &self,
        query: &str,
        candidates: impl IntoIterator<Item = usize>,
        with_positions: bool,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let query = crate::text::fold(query.trim());
        let data = &*self.data;
        let candidates: Vec<usize> = candidates
            .into_iter()
            .filter(|&name| name < data.key_of.len())
            .collect();
        if query.is_empty() {
            return Some(
                candidates
                    .into_iter()
                    .map(|name| hit(name, 0, Vec::new()))
                    .collect(),
            );
        }
        let mut keys: Vec<usize> = candidates.iter().map(|&name| data.key_of[name]).collect();
        keys.sort_unstable();
        keys.dedup();
        let ranked = self.rank(&query, Some(&keys), Some(&keys), with_positions, cancel)?;
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter_map(|name| {
                let key = data.key_of[name];
                if let Ok(at) = ranked.matched.binary_search_by_key(&key, |&(k, _)| k) {
                    let positions = if with_positions {
                        data.char_positions(name, ranked.matched_positions[at].iter().copied())
                    } else {
                        Vec::new()
                    };
                    return Some(hit(name, ranked.matched[at].1, positions));
                }
                let at = ranked
                    .typo
                    .binary_search_by_key(&key, |&(k, _, _)| k)
                    .ok()?;
                let (_, start, end) = ranked.typo[at];
                let positions = if with_positions {
                    data.char_positions(name, start..end)
                } else {
                    Vec::new()
                };
                Some(hit(name, 0, positions))
            })
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        Some(hits)
    }

    /// Every name's hit for `query` (subsequence hits only among the sorted `fuzzy_keys`
    /// when given), with the ranking of keys it came from.
    fn search_all(
        &self,
        query: &str,
        fuzzy_keys: Option<&[usize]>,
        with_positions: bool,
        cancel: &AtomicBool,
    ) -> Option<(Vec<Hit>, Ranked)> {
        if query.is_empty() {
            let hits = (0..self.len())
                .map(|name| hit(name, 0, Vec::new()))
                .collect();
            return Some((hits, Ranked::default()));
        }
        let ranked = self.rank(query, fuzzy_keys, None, with_positions, cancel)?;
        let hits = self.expand(&ranked, with_positions, cancel)?;
        Some((hits, ranked))
    }

    /// The hits of every name whose key is in `ranked`, best first, ties in list order.
    fn expand(
        &self,
        ranked: &Ranked,
        with_positions: bool,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let data = &*self.data;
        // Hit keys as one list of sources: the subsequence hits, then the one-slip hits.
        let matched = ranked.matched.len();
        let sources = matched + ranked.typo.len();
        let key_of_source = |s: usize| {
            if s < matched {
                ranked.matched[s].0
            } else {
                ranked.typo[s - matched].0
            }
        };
        let score_of_source = |s: usize| if s < matched { ranked.matched[s].1 } else { 0 };
        let total: usize = (0..sources)
            .map(|s| data.names_of(key_of_source(s)).len())
            .sum();
        // (score, name, source), best first, ties in list order.
        let mut order: Vec<(i64, usize, usize)> = Vec::with_capacity(total);
        if total * 8 > data.key_of.len() {
            // Many hits: a counting sort on score, filled by one pass over the names in
            // list order, is far cheaper than a comparison sort.
            let mut scores: Vec<i64> = (0..sources).map(score_of_source).collect();
            scores.sort_unstable_by(|a, b| b.cmp(a));
            scores.dedup();
            let mut source_of_key = vec![usize::MAX; data.key_start.len() - 1];
            let mut next = vec![0; scores.len()];
            let mut bucket_of_source = Vec::with_capacity(sources);
            for s in 0..sources {
                let key = key_of_source(s);
                source_of_key[key] = s;
                let bucket = scores
                    .binary_search_by(|probe| score_of_source(s).cmp(probe))
                    .unwrap_or_default();
                bucket_of_source.push(bucket);
                if bucket + 1 < next.len() {
                    next[bucket + 1] += data.names_of(key).len();
                }
            }
            for bucket in 1..next.len() {
                next[bucket] += next[bucket - 1];
            }
            order.resize(total, (0, 0, 0));
            for (name, &key) in data.key_of.iter().enumerate() {
                let s = source_of_key[key];
                if s != usize::MAX {
                    let bucket = bucket_of_source[s];
                    order[next[bucket]] = (score_of_source(s), name, s);
                    next[bucket] += 1;
                }
            }
        } else {
            for s in 0..sources {
                let score = score_of_source(s);
                order.extend(
                    data.names_of(key_of_source(s))
                        .iter()
                        .map(|&name| (score, name, s)),
                );
            }
            order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let to_hit = |&(score, index, s): &(i64, usize, usize)| {
            let positions = if !with_positions {
                Vec::new()
            } else if s < matched {
                data.char_positions(index, ranked.matched_positions[s].iter().copied())
            } else {
                let (_, start, end) = ranked.typo[s - matched];
                data.char_positions(index, start..end)
            };
            hit(index, score, positions)
        };
        Some(order.par_iter().with_min_len(CHUNK).map(to_hit).collect())
    }

    /// Scores the keys for `query` (not empty): subsequence hits among `fuzzy_keys` and,
    /// failing those, one-slip hits among `typo_keys` (both sorted; `None` is every key).
    fn rank(
        &self,
        query: &str,
        fuzzy_keys: Option<&[usize]>,
        typo_keys: Option<&[usize]>,
        with_positions: bool,
        cancel: &AtomicBool,
    ) -> Option<Ranked> {
        let data = &*self.data;
        let count = fuzzy_keys.map_or(data.key_start.len() - 1, <[usize]>::len);
        let matcher = new_matcher();
        let projection = Projection::new(query);
        let wanted = letter_mask(query);
        let search = NEXT_SEARCH.fetch_add(1, Ordering::Relaxed);
        let chunks: Vec<Vec<(usize, i64, Vec<usize>)>> = (0..count.div_ceil(CHUNK))
            .into_par_iter()
            .map(|chunk| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let range = chunk * CHUNK..count.min((chunk + 1) * CHUNK);
                MEMO.with_borrow_mut(|memo| {
                    memo.begin(search);
                    Some(
                        range
                            .filter_map(|at| {
                                let key = fuzzy_keys.map_or(at, |keys| keys[at]);
                                if data.masks[key] & wanted != wanted {
                                    return None;
                                }
                                let text = data.key(key);
                                let (score, bytes) =
                                    projection.score(&matcher, memo, text, with_positions)?;
                                Some((key, score + word_bonus(text, query.as_bytes()), bytes))
                            })
                            .collect(),
                    )
                })
            })
            .collect::<Option<_>>()?;
        let mut ranked = Ranked::default();
        for (key, score, bytes) in chunks.into_iter().flatten() {
            ranked.matched.push((key, score));
            if with_positions {
                ranked.matched_positions.push(bytes);
            }
        }
        if typo_possible(query) {
            ranked.typo = data.typos(query, typo_keys, &ranked.matched);
        }
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        Some(ranked)
    }
}

impl Data {
    fn key(&self, key: usize) -> &str {
        &self.keys[self.key_start[key]..self.key_start[key + 1]]
    }

    fn names_of(&self, key: usize) -> &[usize] {
        &self.names[self.names_start[key]..self.names_start[key + 1]]
    }

    /// Key byte offsets of name `name` as char indices of the name, without repeats.
    fn char_positions(&self, name: usize, bytes: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let start = self.map_start[name];
        let mut positions: Vec<usize> = if start == IDENTITY {
            bytes.into_iter().collect()
        } else {
            bytes
                .into_iter()
                .map(|b| self.char_maps[start + b])
                .collect()
        };
        positions.dedup();
        positions
    }

    /// The keys in `scope` (every key when `None`) that are not among `matched` (sorted)
    /// and have a word within one slip of `query`, with the first such word's byte range;
    /// sorted by key.
    fn typos(
        &self,
        query: &str,
        scope: Option<&[usize]>,
        matched: &[(usize, i64)],
    ) -> Vec<(usize, usize, usize)> {
        let length = query.len();
        let mut found: Vec<(usize, usize, usize)> = self
            .words
            .iter()
            .take(length + 2)
            .skip(length - 1)
            .flatten()
            .filter(|word| one_slip(word.text.as_bytes(), query.as_bytes()))
            .flat_map(|word| {
                word.at
                    .iter()
                    .map(move |&(key, start)| (key, start, start + word.text.len()))
            })
            .filter(|&(key, _, _)| {
                scope.is_none_or(|keys| keys.binary_search(&key).is_ok())
                    && matched.binary_search_by_key(&key, |&(k, _)| k).is_err()
            })
            .collect();
        // The first slipped word of each key, as a left-to-right scan of its words finds.
        found.sort_unstable();
        found.dedup_by_key(|&mut (key, _, _)| key);
        found
    }
}

fn hit(index: usize, score: i64, positions: Vec<usize>) -> Hit {
    Hit {
        index,
        score,
        positions,
    }
}

fn new_matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Skim's score and matched byte offsets of `query` in `key`, the same whichever key the
/// matcher scored before.
fn score(matcher: &SkimMatcherV2, key: &str, query: &str) -> Option<Scored> {
    // Skim scores only subsequences, and this check is far cheaper than its setup.
    if !is_subsequence(key.as_bytes(), query.as_bytes()) {
        return None;
    }
    let (score, chars) = if key.chars().nth(1).is_none() {
        new_matcher().fuzzy_indices(key, query)?
    } else {
        // Skim's per-thread score matrix keeps stale consecutive-match bonuses from the
        // previous call, so a score would depend on which name that thread scored before (a
        // different answer per chunking, and per narrowing). A 1×1 match shrinks the cached
        // matrix to four cells, all in the first row, which every call resets; the real call
        // then grows it with fresh cells, exactly as a new matcher would (keys of two
        // characters or more).
        let _ = matcher.fuzzy_match("a", "a");
        matcher.fuzzy_indices(key, query)?
    };
    Some((score, byte_offsets(key, chars)))
}

/// Skim's char indices of `key` as byte offsets.
fn byte_offsets(key: &str, chars: Vec<usize>) -> Vec<usize> {
    if key.is_ascii() {
        return chars;
    }
    let starts: Vec<usize> = key.char_indices().map(|(at, _)| at).collect();
    chars
        .into_iter()
        .filter_map(|c| starts.get(c).copied())
        .collect()
}

/// Skim's score and matched byte offsets.
type Scored = (i64, Vec<usize>);

/// Skim's results already found in one search, by projected key (and a buffer to project
/// into without allocating).
struct Memo {
    /// The search (from [`NEXT_SEARCH`]) that `found` belongs to.
    search: u64,
    found: FastMap<Vec<u8>, Option<Scored>>,
    seen: Vec<u8>,
}

impl Memo {
    fn new() -> Self {
        Self {
            search: u64::MAX,
            found: FastMap::with_capacity_and_hasher(CHUNK, Default::default()),
            seen: Vec::new(),
        }
    }

    /// Readies the memo for a chunk of `search`: what another search found is forgotten.
    fn begin(&mut self, search: u64) {
        if self.search != search {
            self.search = search;
            self.found.clear();
        }
    }
}

/// Tells rankings apart, so that a thread's [`MEMO`] serves one ranking at a time.
static NEXT_SEARCH: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Each thread's memo, kept across the chunks of one ranking (they share most projected
    /// keys) instead of one per chunk.
    static MEMO: RefCell<Memo> = RefCell::new(Memo::new());
}

/// Search keys are short: foldhash hashes them several times faster than SipHash.
type FastMap<K, V> = foldhash::HashMap<K, V>;

/// Skim's view of a key for one query. Its score and positions depend only on which key
/// characters equal a query character and on the class (separator, digit, letter...) of
/// each character and the one before it; and it never looks at characters before the one
/// preceding the first match or after the last match. So keys are cut to that span and
/// every other character replaced by one stand-in of its class: many keys then look the
/// same, and skim scores each look once (a single letter typed over 100k names: about a
/// third as many calls, far fewer for the cut spans).
struct Projection {
    query: Vec<u8>,
    stand_in: [u8; 256],
    /// Another ASCII character of the first query character's class, not in the query.
    twin: Option<u8>,
}

impl Projection {
    fn new(query: &str) -> Self {
        let query = query.as_bytes().to_vec();
        let in_query = |b: u8| query.iter().any(|q| q.eq_ignore_ascii_case(&b));
        let other_of_class = |byte: u8| {
            (1..128u8).find(|&other| char_class(other) == char_class(byte) && !in_query(other))
        };
        let mut stand_in = [0u8; 256];
        for byte in 0..=255u8 {
            stand_in[usize::from(byte)] = if byte.is_ascii() && !in_query(byte) && byte != 0 {
                other_of_class(byte).unwrap_or(byte)
            } else {
                byte
            };
        }
        let twin = query.first().copied().and_then(other_of_class);
        Self {
            query,
            stand_in,
            twin,
        }
    }

    /// A one-character query's view of `key`, when its occurrences all follow ASCII: skim
    /// scores such a query by its best single occurrence, and an occurrence's score depends
    /// only on the class of the character before it (or on its being first). So the view
    /// is the query alone when the key starts with it, then one (stand-in, query) pair per
    /// kind of predecessor: a handful of views for a whole list of names. Scores only: the
    /// positions in the view are not the key's.
    fn single_occurrences(&self, key: &[u8], view: &mut Vec<u8>) -> bool {
        let [only] = self.query[..] else {
            return false;
        };
        // Which stand-ins precede an occurrence, as a 128-bit set (ASCII only).
        let mut before: u128 = 0;
        for (at, &byte) in key.iter().enumerate() {
            if byte != only {
                continue;
            }
            match at.checked_sub(1).map(|previous| key[previous]) {
                None => view.push(only),
                // An occurrence after another one: its predecessor is of the query's own
                // class, shown by another character of that class (in the view, the
                // query character would itself be an occurrence with its own predecessor).
                Some(previous) if previous == only => match self.twin {
                    Some(twin) => before |= 1 << twin,
                    None => return false,
                },
                Some(previous) if previous.is_ascii() => {
                    before |= 1 << self.stand_in[usize::from(previous)];
                }
                Some(_) => return false,
            }
        }
        while before != 0 {
            let stand_in = before.trailing_zeros() as u8;
            view.extend([stand_in, only]);
            before &= before - 1;
        }
        true
    }

    /// Skim's score (and byte positions, when asked for) of the query in `key`.
    fn score(
        &self,
        matcher: &SkimMatcherV2,
        memo: &mut Memo,
        key: &str,
        with_positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        let bytes = key.as_bytes();
        if !is_subsequence(bytes, &self.query) {
            return None;
        }
        let (&first, &last) = (self.query.first()?, self.query.last()?);
        let seen = &mut memo.seen;
        seen.clear();
        let start = if !with_positions && self.single_occurrences(bytes, seen) {
            0
        } else {
            seen.clear();
            let first_at = bytes.iter().position(|&b| b == first)?;
            let start = key.floor_char_boundary(first_at.saturating_sub(1));
            let end = bytes.iter().rposition(|&b| b == last)? + 1;
            seen.extend(
                bytes[start..end]
                    .iter()
                    .map(|&b| self.stand_in[usize::from(b)]),
            );
            start
        };
        if !memo.found.contains_key(seen.as_slice()) {
            let found = std::str::from_utf8(seen)
                .ok()
                .zip(std::str::from_utf8(&self.query).ok())
                .and_then(|(seen, query)| score(matcher, seen, query));
            memo.found.insert(seen.clone(), found);
        }
        let (score, positions) = memo.found.get(seen.as_slice())?.as_ref()?;
        let positions = if with_positions {
            positions.iter().map(|p| p + start).collect()
        } else {
            Vec::new()
        };
        Some((*score, positions))
    }
}

/// What skim does not weigh: the query as a whole word of the name (or the start of one),
/// the surname above all. "kamada" puts Daichi Kamada above Kamil Adam Wójcik, whose
/// scattered word starts skim scores higher.
fn word_bonus(key: &str, query: &[u8]) -> i64 {
    const WORD_START: i64 = 100;
    const WHOLE_WORD: i64 = 100;
    const SURNAME: i64 = 50;
    let key = key.as_bytes();
    // Only where words start: one comparison a word, as cheap as skim's own check.
    let starts = std::iter::once(0).chain(
        key.iter()
            .enumerate()
            .filter(|&(_, &byte)| byte == b' ')
            .map(|(at, _)| at + 1),
    );
    starts
        .filter(|&start| key[start..].starts_with(query))
        .map(|start| {
            let rest = &key[start + query.len()..];
            let mut bonus = WORD_START;
            if rest.first().is_none_or(|&byte| byte == b' ') {
                bonus += WHOLE_WORD;
            }
            if !rest.contains(&b' ') {
                bonus += SURNAME;
            }
            bonus
        })
        .max()
        .unwrap_or(0)
}

/// Skim's character classes (`CharType`), which its bonuses depend on.
fn char_class(byte: u8) -> u8 {
    match byte {
        0 => 0,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => 1,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => 2,
        b'0'..=b'9' => 3,
        b'A'..=b'Z' => 4,
        _ => 5,
    }
}

/// Which characters a key holds, one bit each: `a`–`z`, `0`–`9`, and one bit for any other
/// byte. A key can match a query only if its mask covers the query's.
fn letter_mask(text: &str) -> u64 {
    text.bytes().fold(0, |mask, byte| {
        let bit = match byte {
            b'a'..=b'z' => byte - b'a',
            b'0'..=b'9' => 26 + byte - b'0',
            _ => 63,
        };
        mask | 1 << bit
    })
}

/// Whether every byte of `query` occurs in `key`, in order.
fn is_subsequence(key: &[u8], query: &[u8]) -> bool {
    let mut rest = key;
    for &byte in query {
        match rest.iter().position(|&b| b == byte) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// One-slip matches are tried for queries of four or more characters, single words only.
fn typo_possible(query: &str) -> bool {
    query.len() >= TYPO_MIN && !query.contains(' ')
}

/// Optimal string alignment distance ≤ 1 (an adjacent swap counts as one slip) between a
/// word of the name and the query: "rmaos" ~ "ramos", "modirc" ~ "modric".
fn one_slip(word: &[u8], query: &[u8]) -> bool {
    let (short, long) = if word.len() <= query.len() {
        (word, query)
    } else {
        (query, word)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let Some(first) = short.iter().zip(long).position(|(a, b)| a != b) else {
        // One is a prefix of the other, at most one byte shorter.
        return true;
    };
    if short.len() == long.len() {
        // One wrong key, or two neighbours swapped.
        let rest = first + 1;
        short[rest..] == long[rest..]
            || (rest < short.len()
                && short[first] == long[rest]
                && short[rest] == long[first]
                && short[rest + 1..] == long[rest + 1..])
    } else {
        // One key missing or extra.
        short[first..] == long[first + 1..]
    }
}

/// Successive searches over every name of an index as a query is typed: a query that
/// extends an earlier one (the earlier is a subsequence of it) only scores the earlier
/// query's subsequence hits, and a repeated query (backspace) reuses its ranking.
/// One-slip hits are always looked for over every name, so the hits are exactly
/// [`SearchIndex::search`]'s, without positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrowing {
    index_id: Option<u64>,
    /// Most recent last.
    steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    query: String,
    ranked: Ranked,
}

impl Narrowing {
    pub fn search(&mut self, index: &SearchIndex, query: &str) -> Vec<Hit> {
        let never = AtomicBool::new(false);
        self.search_cancellable(index, query, &never)
            .unwrap_or_default()
    }

    /// As [`search`](Self::search), giving up with `None` as soon as `cancel` is set.
    pub fn search_cancellable(
        &mut self,
        index: &SearchIndex,
        query: &str,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        if self.index_id != Some(index.data.id) {
            self.index_id = Some(index.data.id);
            self.steps.clear();
        }
        let query = crate::text::fold(query.trim());
        if let Some(at) = self.steps.iter().position(|step| step.query == query) {
            let step = self.steps.remove(at);
            let hits = index.expand(&step.ranked, false, cancel);
            self.steps.push(step);
            return hits;
        }
        // The earlier query with the fewest subsequence hits that this one extends.
        let narrowest: Option<Vec<usize>> = self
            .steps
            .iter()
            .filter(|step| is_subsequence(query.as_bytes(), step.query.as_bytes()))
            .min_by_key(|step| step.ranked.matched.len())
            .map(|step| step.ranked.matched.iter().map(|&(key, _)| key).collect());
        let (hits, ranked) = index.search_all(&query, narrowest.as_deref(), false, cancel)?;
        if !query.is_empty() {
            if self.steps.len() == HISTORY {
                self.steps.remove(0);
            }
            self.steps.push(Step { query, ranked });
        }
        Some(hits)
    }
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
    fn names_in_other_scripts_match_and_highlight_whole_characters() {
        let index = SearchIndex::new(["Андрій Шевченко", "Ǆ Шевчук", "Lee Kang-in"]);
        let found = |query: &str| -> Vec<(usize, Vec<usize>)> {
            let hits = index.search(query).into_iter();
            hits.map(|hit| (hit.index, hit.positions)).collect()
        };
        assert_eq!(found("шевченко"), [(0, (7..15).collect::<Vec<_>>())]);
        // Also when the character before the first match is more than one byte long.
        assert_eq!(found("ев"), [(0, vec![8, 9]), (1, vec![3, 4])]);
        let mut narrowing = Narrowing::default();
        let indices: Vec<usize> = narrowing
            .search(&index, "шев")
            .iter()
            .map(|hit| hit.index)
            .collect();
        assert_eq!(indices, [0, 1]);
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
    fn whole_words_and_surnames_rank_first() {
        let index = SearchIndex::new(["Kamil Adam Wójcik", "Daichi Kamada", "Kamadari Olsen"]);
        assert_eq!(found(&index, "kamada"), [1, 2, 0]);
        let index = SearchIndex::new(["Ramon Sosa", "Sergio Ramos", "Ramos Filho"]);
        assert_eq!(found(&index, "ramos"), [1, 2, 0]);
    }

    #[test]
    fn narrowing_gives_the_same_hits() {
        let index = names();
        let wide: Vec<usize> = found(&index, "ser");
        let narrow = index.search_within("serg", wide.iter().copied());
        assert_eq!(narrow, index.search("serg"));
    }

    /// The search as first written: one name at a time, a new matcher per name.
    mod reference {
        use super::super::{Hit, fold_char, word_bonus};
        use fuzzy_matcher::FuzzyMatcher;
        use fuzzy_matcher::skim::SkimMatcherV2;

        pub fn search(names: &[String], query: &str, candidates: &[usize]) -> Vec<Hit> {
            let query = crate::text::fold(query.trim());
            if query.is_empty() {
                return candidates
                    .iter()
                    .map(|&index| Hit {
                        index,
                        score: 0,
                        positions: Vec::new(),
                    })
                    .collect();
            }
            let mut hits: Vec<Hit> = candidates
                .iter()
                .filter_map(|&index| {
                    let (key, char_of_byte) = entry(&names[index]);
                    let matcher = SkimMatcherV2::default().ignore_case();
                    if let Some((score, bytes)) = matcher.fuzzy_indices(&key, &query) {
                        let mut positions: Vec<usize> =
                            bytes.iter().map(|&b| char_of_byte[b]).collect();
                        positions.dedup();
                        return Some(Hit {
                            index,
                            score: score + word_bonus(&key, query.as_bytes()),
                            positions,
                        });
                    }
                    typo_hit(&key, &char_of_byte, &query).map(|positions| Hit {
                        index,
                        score: 0,
                        positions,
                    })
                })
                .collect();
            hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
            hits
        }

        fn entry(name: &str) -> (String, Vec<usize>) {
            let mut key = String::new();
            let mut char_of_byte = Vec::new();
            for (index, c) in name.chars().enumerate() {
                let before = key.len();
                fold_char(c, &mut key);
                char_of_byte.extend(std::iter::repeat_n(index, key.len() - before));
            }
            (key, char_of_byte)
        }

        fn typo_hit(key: &str, char_of_byte: &[usize], query: &str) -> Option<Vec<usize>> {
            if query.len() < 4 || query.contains(' ') {
                return None;
            }
            let mut start = 0;
            for word in key.split(' ') {
                let end = start + word.len();
                if word.len() >= 3 && one_slip(word, query) {
                    let mut positions: Vec<usize> = (start..end).map(|b| char_of_byte[b]).collect();
                    positions.dedup();
                    return Some(positions);
                }
                start = end + 1;
            }
            None
        }

        pub fn one_slip(word: &str, query: &str) -> bool {
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
    }

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
            words[self.below(words.len())]
        }
    }

    const GIVEN: &[&str] = &[
        "Sergio", "Serge", "Luka", "Martin", "Thomas", "João", "Zoë", "Søren", "Ángel", "Li", "O",
        "Aaron", "Mads", "Jürgen", "Æbelø", "Ðorđe", "Đuro", "N'Golo", "Ivan", "Saša",
    ];
    const FAMILY: &[&str] = &[
        "Ramos",
        "Romero",
        "Modrić",
        "Ødegaard",
        "Müller",
        "Großkreutz",
        "Haaland",
        "Nørgaard",
        "Milinković-Savić",
        "Kanté",
        "Wu",
        "Ng",
        "Sergeant",
        "Samaras",
        "Ramsey",
        "da Silva",
        "O'Shea",
        "Ssaaerg",
        "Serrano",
        "Xu 7",
        "Zlatan ⚽",
    ];

    fn generated(count: usize) -> Vec<String> {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        (0..count)
            .map(|_| match rng.below(12) {
                0 => rng.pick(FAMILY).to_string(),
                1 => rng.pick(GIVEN).chars().take(2).collect(),
                2 => format!(
                    "{} {} {}",
                    rng.pick(GIVEN),
                    rng.pick(GIVEN),
                    rng.pick(FAMILY)
                ),
                _ => format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY)),
            })
            .collect()
    }

    /// Queries: prefixes, subsequences, slips of real words and misses.
    fn queries(names: &[String]) -> Vec<String> {
        let mut rng = Rng(42);
        let mut queries: Vec<String> = [
            "", " ", "s", "se", "ser", "serg", "sergi", "sergio", "sergio r", "rmaos", "ramso",
            "aa", "sra", "mil-s", "o'sh", "ngolo", "ss", "xyzzy", "7", "odeg", "grosk", "ae",
        ]
        .iter()
        .map(|q| q.to_string())
        .collect();
        for _ in 0..60 {
            let name = crate::text::fold(&names[rng.below(names.len())]);
            let words: Vec<&str> = name.split(' ').filter(|w| w.len() >= 3).collect();
            if words.is_empty() {
                continue;
            }
            let mut word: Vec<u8> = words[rng.below(words.len())].bytes().collect();
            let at = rng.below(word.len());
            match rng.below(5) {
                0 if at + 1 < word.len() => word.swap(at, at + 1),
                1 => {
                    word.remove(at);
                }
                2 => word.insert(at, b'x'),
                3 => word[at] = b'z',
                _ => word.truncate(at + 1),
            }
            queries.push(String::from_utf8_lossy(&word).into_owned());
        }
        queries
    }

    fn without_positions(hits: Vec<Hit>) -> Vec<Hit> {
        hits.into_iter()
            .map(|hit| Hit {
                positions: Vec::new(),
                ..hit
            })
            .collect()
    }

    #[test]
    fn same_hits_as_the_reference() {
        // Enough names for several parallel chunks.
        let names = generated(2 * CHUNK + 77);
        let index = SearchIndex::new(&names);
        let all: Vec<usize> = (0..names.len()).collect();
        let some: Vec<usize> = (0..names.len()).filter(|i| i % 7 < 3).collect();
        for query in queries(&names) {
            let expected = reference::search(&names, &query, &all);
            assert_eq!(index.search(&query), expected, "{query:?}");
            let hits = index.search_within(&query, some.iter().copied());
            assert_eq!(hits, reference::search(&names, &query, &some), "{query:?}");
            for hit in expected.iter().take(50) {
                assert_eq!(
                    index.positions(hit.index, &query),
                    hit.positions,
                    "{query:?}"
                );
            }
        }
    }

    #[test]
    fn narrowing_while_typing_and_deleting_gives_the_same_hits() {
        let names = generated(2 * CHUNK);
        let index = SearchIndex::new(&names);
        let all: Vec<usize> = (0..names.len()).collect();
        let mut narrowing = Narrowing::default();
        for query in ["sergio ramos", "rmaos", "haalnd", "milinkovi"] {
            let typed: Vec<String> = (0..=query.len()).map(|n| query[..n].to_string()).collect();
            for prefix in typed.iter().chain(typed.iter().rev()) {
                let expected = without_positions(reference::search(&names, prefix, &all));
                assert_eq!(narrowing.search(&index, prefix), expected, "{prefix:?}");
            }
        }
        // Another index: nothing carried over.
        let other = SearchIndex::new(["Sergio Busquets"]);
        assert_eq!(narrowing.search(&other, "serg").len(), 1);
    }

    #[test]
    fn a_cancelled_search_gives_up() {
        let names = generated(CHUNK);
        let index = SearchIndex::new(&names);
        let cancel = AtomicBool::new(true);
        assert!(
            index
                .search_cancellable("se", 0..names.len(), &cancel)
                .is_none()
        );
        assert!(
            Narrowing::default()
                .search_cancellable(&index, "se", &cancel)
                .is_none()
        );
        cancel.store(false, Ordering::Relaxed);
        let hits = index.search_cancellable("se", 0..names.len(), &cancel);
        assert_eq!(hits, Some(without_positions(index.search("se"))));
    }

    #[test]
    fn one_slip_agrees_with_the_edit_distance() {
        let words = [
            "ramos", "rmaos", "ramo", "ramoss", "ranos", "sramo", "amos", "xamos",
        ];
        let mut rng = Rng(7);
        let mut pairs: Vec<(String, String)> = Vec::new();
        for a in words {
            for b in words {
                pairs.push((a.to_string(), b.to_string()));
            }
        }
        for _ in 0..5000 {
            let word = |rng: &mut Rng| -> String {
                (0..2 + rng.below(4))
                    .map(|_| (b'a' + rng.below(3) as u8) as char)
                    .collect()
            };
            pairs.push((word(&mut rng), word(&mut rng)));
        }
        for (a, b) in pairs {
            assert_eq!(
                one_slip(a.as_bytes(), b.as_bytes()),
                reference::one_slip(&a, &b),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn projected_keys_score_as_the_keys_do() {
        // Letters, digits, both kinds of separator and a letter beyond ASCII, in short
        // random keys and queries (a quarter of them one character long).
        let alphabet: Vec<char> = "abcsez09 -'./(_ж".chars().collect();
        let mut rng = Rng(11);
        let text = |rng: &mut Rng, length: usize| -> String {
            (0..length)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect()
        };
        let matcher = new_matcher();
        for _ in 0..300 {
            let query_length = 1 + rng.below(4);
            let query = text(&mut rng, query_length);
            let projection = Projection::new(&query);
            let mut memo = Memo::new();
            for _ in 0..100 {
                let key_length = 1 + rng.below(14);
                let key = text(&mut rng, key_length);
                let expected = new_matcher()
                    .fuzzy_indices(&key, &query)
                    .map(|(score, chars)| (score, byte_offsets(&key, chars)));
                let found = projection.score(&matcher, &mut memo, &key, true);
                assert_eq!(found, expected, "{key:?} {query:?}");
                let score_only = projection.score(&matcher, &mut memo, &key, false);
                assert_eq!(
                    score_only,
                    expected.map(|(score, _)| (score, Vec::new())),
                    "{key:?} {query:?} without positions"
                );
            }
        }
    }
}

//! The words extraction listens for, kept apart from the rules that use them.
//! All entries are folded (lowercase ASCII).

use crate::gazetteer::Role;

/// Capitalised words that start sentences or headlines but never start a name.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "if", "when", "while", "however", "meanwhile",
    "according", "with", "without", "after", "before", "this", "that", "these", "those", "his",
    "her", "their", "our", "its", "it", "he", "she", "they", "we", "i", "you", "in", "on", "at",
    "for", "from", "to", "of", "by", "as", "despite", "although", "though", "since", "until",
    "also", "now", "then", "yet", "so", "both", "either", "neither", "not", "no", "yes", "do",
    "does", "did", "is", "are", "was", "were", "be", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "must", "reports", "sources", "speaking", "asked",
    "last", "next", "new", "former", "ex", "there", "here", "what", "who", "why", "how", "where",
    "which", "whose", "all", "any", "some", "many", "more", "most", "much", "one", "two", "three",
    "another", "other", "each", "every", "only", "even", "just", "still", "already", "indeed",
    "instead", "unlike", "like", "via", "per", "mr", "mrs", "ms", "sir", "dr", "my", "your",
    "me", "him", "them", "us", "upon", "into", "over", "under", "about", "around", "amid",
    "whether", "because", "once", "than", "report", "rumour", "rumours", "transfer", "news",
    "update", "live", "exclusive", "breaking", "done", "deal", "here's", "what's", "it's",
    "he's", "they're", "we're", "i'm", "don't", "doesn't", "can't", "won't", "isn't", "aren't",
    "hasn't", "haven't", "wasn't", "weren't", "didn't", "following", "ahead", "during", "having",
    "being", "let", "see", "watch", "read", "more", "click", "subscribe", "follow", "photo",
    "getty", "images", "credit", "image", "video", "source", "view", "opinion", "analysis",
    "verdict", "conclusion", "summary", "finally", "overall", "well", "so", "thus", "hence",
    "therefore", "perhaps", "maybe", "clearly", "reportedly", "understandably", "interestingly",
    "elsewhere", "similarly", "likewise", "otherwise", "besides", "moreover", "furthermore",
    "additionally", "sure", "okay", "ok", "oh", "wow", "please", "thanks", "thank", "good",
    "great", "big", "huge", "major", "latest", "top", "best", "official", "confirmed", "agreed",
    "club", "player", "manager", "coach", "boss", "president", "chairman", "owner", "agent",
    "captain", "striker", "defender", "midfielder", "winger", "goalkeeper", "forward",
];

/// Lowercase words allowed inside a personal name ("Virgil van Dijk", "Marc-André ter Stegen").
pub const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della", "le", "la",
    "du", "ter", "ten", "bin", "ben", "al", "el", "y", "mac", "st",
];

/// Nouns that say the person next to them is a footballer.
pub const PLAYER_NOUNS: &[&str] = &[
    "defender", "defenders", "midfielder", "midfielders", "striker", "strikers", "forward",
    "forwards", "winger", "wingers", "goalkeeper", "goalkeepers", "keeper", "goalie",
    "centre-back", "center-back", "centre-half", "center-half", "centre-forward",
    "center-forward", "full-back", "fullback", "left-back", "right-back", "wing-back",
    "left-winger", "right-winger", "playmaker", "attacker", "attackers", "captain", "skipper",
    "youngster", "teenager", "wonderkid", "starlet", "prodigy", "star", "stars", "international",
    "player", "players", "stopper", "frontman", "marksman", "talisman", "veteran", "anchorman",
    "loanee", "signing", "target", "teammate", "team-mate", "teammates", "team-mates",
    "footballer", "footballers", "hitman", "poacher", "shot-stopper", "number", "no", "man",
    "centreback", "centerback", "midfield", "academy", "graduate", "prospect", "ace",
    "sensation", "gem",
];

/// Words (and the role they give) that say a person is not a footballer.
pub const ROLE_NOUNS: &[(&str, Role)] = &[
    ("manager", Role::Coach),
    ("coach", Role::Coach),
    ("head-coach", Role::Coach),
    ("boss", Role::Coach),
    ("gaffer", Role::Coach),
    ("tactician", Role::Coach),
    ("trainer", Role::Coach),
    ("caretaker", Role::Coach),
    ("interim", Role::Coach),
    ("assistant", Role::Coach),
    ("mentor", Role::Coach),
    ("president", Role::Executive),
    ("vice-president", Role::Executive),
    ("chairman", Role::Executive),
    ("chairwoman", Role::Executive),
    ("chief", Role::Executive),
    ("ceo", Role::Executive),
    ("director", Role::Executive),
    ("executive", Role::Executive),
    ("secretary", Role::Executive),
    ("supremo", Role::Executive),
    ("owner", Role::Owner),
    ("owners", Role::Owner),
    ("co-owner", Role::Owner),
    ("billionaire", Role::Owner),
    ("tycoon", Role::Owner),
    ("investor", Role::Owner),
    ("agent", Role::Agent),
    ("super-agent", Role::Agent),
    ("superagent", Role::Agent),
    ("representative", Role::Agent),
    ("intermediary", Role::Agent),
    ("adviser", Role::Agent),
    ("advisor", Role::Agent),
    ("singer", Role::Other),
    ("singers", Role::Other),
    ("rapper", Role::Other),
    ("actor", Role::Other),
    ("actress", Role::Other),
    ("musician", Role::Other),
    ("journalist", Role::Other),
    ("reporter", Role::Other),
    ("insider", Role::Other),
    ("pundit", Role::Other),
    ("presenter", Role::Other),
    ("commentator", Role::Other),
    ("broadcaster", Role::Other),
    ("correspondent", Role::Other),
    ("columnist", Role::Other),
    ("writer", Role::Other),
    ("editor", Role::Other),
    ("referee", Role::Other),
    ("politician", Role::Other),
    ("minister", Role::Other),
    ("mayor", Role::Other),
    ("prince", Role::Other),
    ("sheikh", Role::Other),
    ("father", Role::Other),
    ("mother", Role::Other),
    ("brother", Role::Other),
    ("sister", Role::Other),
    ("wife", Role::Other),
    ("girlfriend", Role::Other),
    ("son", Role::Other),
    ("daughter", Role::Other),
    ("lawyer", Role::Other),
    ("doctor", Role::Other),
    ("physio", Role::Other),
    ("analyst", Role::Other),
    ("scout", Role::Other),
    ("spokesman", Role::Other),
    ("spokesperson", Role::Other),
    ("spokeswoman", Role::Other),
    ("friend", Role::Other),
    ("friends", Role::Other),
    ("star-studded", Role::Other),
];

/// Adjectives that may stand between "the" and a player noun in a role reference
/// ("the experienced Spanish centre-back").
pub const REFERENCE_ADJECTIVES: &[&str] = &[
    "former", "veteran", "experienced", "talented", "young", "influential", "versatile",
    "prolific", "in-demand", "out-of-favour", "out-of-favor", "talismanic", "highly-rated",
    "highly", "rated", "towering", "tricky", "creative", "club", "current", "club's",
    "combative", "dynamic", "exciting", "gifted", "powerful", "pacy", "rapid", "seasoned",
    "world-class", "world", "class", "unsettled", "wantaway", "left-footed", "right-footed",
    "attacking", "defensive", "central", "holding", "deep-lying", "backup", "back-up", "reserve",
    "first-choice", "senior", "legendary", "iconic", "long-serving", "serving", "ageing",
    "aging", "free", "agent", "big", "star", "new", "old", "same", "club", "loan", "england",
];

/// Verbs and phrases that mark a cited outlet when they stand next to it.
pub const CITING_WORDS: &[&str] = &[
    "according", "report", "reports", "reported", "reporting", "claim", "claims", "claimed",
    "say", "says", "said", "state", "states", "stated", "understand", "understands",
    "understood", "reveal", "reveals", "revealed", "suggest", "suggests", "suggested", "write",
    "writes", "wrote", "learn", "learned", "learnt", "insist", "insists", "insisted", "via",
    "per", "told", "tell", "tells", "journalist", "reporter", "outlet", "newspaper", "paper",
    "daily", "broke", "news", "exclusive", "confirm", "confirms", "confirmed", "relay", "relays",
    "believe", "believes", "add", "adds", "added", "note", "notes", "noted", "cited", "cites",
    "publication", "tweeted", "posted", "sources",
];

/// Words that, just before a trigger, say the move is denied.
pub const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "without", "ruled", "rule", "rules", "ruling", "denied", "deny",
    "denies", "dismissed", "dismiss", "rejected", "reject", "rejects", "snubbed", "snub",
    "turned", "turn", "unlikely", "cooled", "abandoned", "ended", "end", "quashed", "shut",
    "distanced", "pulled", "withdrew", "won't", "isn't", "aren't", "wasn't", "weren't",
    "doesn't", "don't", "didn't", "hasn't", "haven't", "cannot", "can't",
];

/// Words that open a list of examples: players in it are not the subject of the sentence.
pub const EXAMPLE_MARKERS: &[&[&str]] = &[
    &["likes", "of"],
    &["such", "as"],
    &["including"],
    &["alongside"],
    &["join", "forces", "with"],
    &["teammates"],
    &["team-mates"],
    &["players"],
];

/// Which side of a trigger the player and the club stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "Ramos has been linked with Juventus": player before, clubs after.
    PlayerFirst,
    /// "Juventus are keen on Ramos": clubs before, player after.
    ClubFirst,
    /// "Juventus-linked Ramos", "Manchester United Linked Dayot Upamecano": the club just
    /// before, the player after.
    ClubAdjective,
    /// A move that already happened: no rumour, but the club is now the player's.
    Completed,
    /// "contract at Real Madrid", "his time with Madrid": the player's own club.
    Belongs,
    /// "leave Real Madrid", "exit from Madrid": the club the player may leave, which is his.
    Leaves,
    /// "former Sevilla defender", "ex-Chelsea": a club the player has left.
    Former,
}

/// Trigger phrases: each position lists the folded words it accepts, `|`-separated.
/// Longer phrases are tried first. Determiners and the words in [`SKIPPABLE`] may stand
/// between the words of a phrase.
pub const TRIGGERS: &[(&str, Direction)] = &[
    // Completed moves are read first so that "made the move to" is not a rumour.
    ("made|makes|completed|completes|sealed|seals|finalised|finalized|completing move|switch|transfer|loan to", Direction::Completed),
    ("joined|signed|moved|transferred|sold|returned|swapped|loaned for|to|with|from|at", Direction::Completed),
    ("joined|signed|arrived|rejoined", Direction::Completed),
    ("linked|links|link with|to", Direction::PlayerFirst),
    ("move|moves|switch|transfer|loan|return|swoop|exit|step|way|path|reunion|transition|passage|defection|route|deal|offered|sold|pushed|recommended|proposed to|towards|into", Direction::PlayerFirst),
    ("join|joining|joins|rejoin|rejoining", Direction::PlayerFirst),
    ("sign|signing|signs|pen|penning for|with", Direction::PlayerFirst),
    ("wanted|targeted|tracked|monitored|courted|chased|pursued|scouted|watched|approached|contacted|eyed|tempted|coveted|sought|admired|lured|sounded|valued|considered by", Direction::PlayerFirst),
    ("interest|interests|offer|offers|bid|bids|approach|approaches|enquiry|enquiries|inquiry|inquiries|proposal|proposals|contact|advances|overtures|approaches|attention|talks|negotiations|discussions|terms|agreement|agreed|agree|agrees from|with", Direction::PlayerFirst),
    ("heading|headed|bound|destined|set|close|closing|closer|nearing for|to|towards|on", Direction::PlayerFirst),
    ("radar|shortlist|wishlist|agenda|books|list of", Direction::PlayerFirst),
    ("interested|interest in", Direction::ClubFirst),
    ("keen|sweet on", Direction::ClubFirst),
    ("move|bid|bids|offer|offers|approach|swoop|enquiry|proposal|pursuit|chase|race|battle|hunt|push|raid|deal|fight|contest|move for|of", Direction::ClubFirst),
    ("eye|eyes on", Direction::ClubFirst),
    ("made|make|makes|making contact with", Direction::ClubFirst),
    ("want|wants|wanting|need|needs|monitor|monitoring|track|tracking|eyeing|eye|eyes|chase|chasing|pursue|pursuing|target|targeting|targets|scout|scouting|watch|watching|admire|admirers|court|courting|consider|considering|weighing|plot|plotting|prepare|preparing|lining|circle|circling|tempt|tempting|approach|approached|contact|contacted|sign|signing|land|landing|lure|luring|bring|snap|recruit|acquire|offer|offered|offering|hijack|rival|favourites|favorites|frontrunners|front-runners|ready|lead|leading|join", Direction::ClubFirst),
    ("linked", Direction::ClubAdjective),
    ("contract|deal|extension|terms|stay|future|renewal|career|spell|time|days|stint|tenure|contract|deal at|with|in", Direction::Belongs),
    ("stay|stays|staying|remain|remains|remaining|renew|renewing|extend|extending|committed|commit|settled|happy at|with|in", Direction::Belongs),
    ("leave|leaving|leaves|quit|quitting|depart|departing|departure|exit|exits|exiting|ditch|ditching|swap|swapping", Direction::Leaves),
    ("former|ex", Direction::Former),
];

/// Words that may stand inside a trigger phrase without breaking it.
pub const SKIPPABLE: &[&str] = &[
    "a", "an", "the", "their", "his", "her", "its", "fresh", "formal", "concrete", "serious",
    "strong", "renewed", "big", "bumper", "huge", "surprise", "shock", "stunning", "opening",
    "first", "second", "improved", "lucrative", "late", "possible", "potential", "permanent",
    "loan", "summer", "january", "winter", "free", "cut-price", "sensational", "dream",
    "blockbuster", "mega", "record", "record-breaking", "initial", "new", "personal", "advanced",
    "official", "club's", "keen", "also", "now", "still", "reportedly", "already", "both",
    "personally", "preliminary", "early", "an", "eventual", "final", "money-spinning",
    "whopping", "shock", "surprise", "deadline-day", "deadline", "day", "loan-to-buy", "swap",
];

/// Contract words: a sentence without one of these has no contract date.
pub const CONTRACT_WORDS: &[&str] = &[
    "contract", "contracts", "deal", "deals", "terms", "agreement", "expires", "expire",
    "expiring", "expiry", "expired", "free", "pre-contract", "renew", "renewal", "extension",
    "tied", "signed", "contracted",
];

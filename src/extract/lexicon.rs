//! The words extraction listens for, kept apart from the rules that use them.
//! All entries are folded (lowercase ASCII).

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::gazetteer::Role;

/// A word list as a set: looked up for every word of every article.
pub type WordSet = LazyLock<HashSet<&'static str>>;

/// Capitalised words that start sentences or headlines but never start a name.
const FUNCTION_WORDS_LIST: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "if",
    "when",
    "while",
    "however",
    "meanwhile",
    "according",
    "with",
    "without",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "our",
    "its",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "of",
    "by",
    "as",
    "despite",
    "although",
    "though",
    "since",
    "until",
    "also",
    "now",
    "then",
    "yet",
    "so",
    "both",
    "either",
    "neither",
    "not",
    "no",
    "yes",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "reports",
    "sources",
    "speaking",
    "asked",
    "last",
    "next",
    "new",
    "former",
    "ex",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "whose",
    "all",
    "any",
    "some",
    "many",
    "more",
    "most",
    "much",
    "one",
    "two",
    "three",
    "another",
    "other",
    "each",
    "every",
    "only",
    "even",
    "just",
    "still",
    "already",
    "indeed",
    "instead",
    "unlike",
    "like",
    "via",
    "per",
    "mr",
    "mrs",
    "ms",
    "sir",
    "dr",
    "my",
    "your",
    "me",
    "him",
    "them",
    "us",
    "upon",
    "into",
    "over",
    "under",
    "about",
    "around",
    "amid",
    "whether",
    "because",
    "once",
    "than",
    "report",
    "rumour",
    "rumours",
    "transfer",
    "news",
    "update",
    "live",
    "exclusive",
    "breaking",
    "done",
    "deal",
    "here's",
    "what's",
    "it's",
    "he's",
    "they're",
    "we're",
    "i'm",
    "don't",
    "doesn't",
    "can't",
    "won't",
    "isn't",
    "aren't",
    "hasn't",
    "haven't",
    "wasn't",
    "weren't",
    "didn't",
    "following",
    "ahead",
    "during",
    "having",
    "being",
    "let",
    "see",
    "watch",
    "read",
    "click",
    "subscribe",
    "follow",
    "photo",
    "getty",
    "images",
    "credit",
    "image",
    "video",
    "source",
    "view",
    "opinion",
    "analysis",
    "verdict",
    "conclusion",
    "summary",
    "finally",
    "overall",
    "well",
    "thus",
    "hence",
    "therefore",
    "perhaps",
    "maybe",
    "clearly",
    "reportedly",
    "understandably",
    "interestingly",
    "elsewhere",
    "similarly",
    "likewise",
    "otherwise",
    "besides",
    "moreover",
    "furthermore",
    "additionally",
    "sure",
    "okay",
    "ok",
    "oh",
    "wow",
    "please",
    "thanks",
    "thank",
    "good",
    "great",
    "big",
    "huge",
    "major",
    "latest",
    "top",
    "best",
    "official",
    "confirmed",
    "agreed",
    "club",
    "player",
    "manager",
    "coach",
    "boss",
    "president",
    "chairman",
    "owner",
    "agent",
    "captain",
    "striker",
    "defender",
    "midfielder",
    "winger",
    "goalkeeper",
    "forward",
];

/// Lowercase words allowed inside a personal name ("Virgil van Dijk", "Marc-André ter Stegen").
pub const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della", "le", "la",
    "du", "ter", "ten", "bin", "ben", "al", "el", "y", "mac", "st",
];

/// Nouns that say the person next to them is a footballer.
const PLAYER_NOUNS_LIST: &[&str] = &[
    "defender",
    "defenders",
    "midfielder",
    "midfielders",
    "striker",
    "strikers",
    "forward",
    "forwards",
    "winger",
    "wingers",
    "goalkeeper",
    "goalkeepers",
    "keeper",
    "goalie",
    "centre-back",
    "center-back",
    "centre-half",
    "center-half",
    "centre-forward",
    "center-forward",
    "full-back",
    "fullback",
    "left-back",
    "right-back",
    "wing-back",
    "left-winger",
    "right-winger",
    "playmaker",
    "attacker",
    "attackers",
    "captain",
    "skipper",
    "youngster",
    "teenager",
    "wonderkid",
    "starlet",
    "prodigy",
    "star",
    "stars",
    "international",
    "player",
    "players",
    "stopper",
    "frontman",
    "marksman",
    "talisman",
    "veteran",
    "anchorman",
    "loanee",
    "signing",
    "target",
    "teammate",
    "team-mate",
    "teammates",
    "team-mates",
    "footballer",
    "footballers",
    "hitman",
    "poacher",
    "shot-stopper",
    "number",
    "no",
    "man",
    "centreback",
    "centerback",
    "midfield",
    "academy",
    "graduate",
    "prospect",
    "ace",
    "sensation",
    "gem",
    "scorer",
    "goalscorer",
    "goal-scorer",
    // "their youth product", "the Chelsea product".
    "product",
];

/// Words (and the role they give) that say a person is not a footballer.
const ROLE_NOUN_LIST: &[(&str, Role)] = &[
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
const REFERENCE_ADJECTIVES_LIST: &[&str] = &[
    "former",
    "veteran",
    "experienced",
    "talented",
    "young",
    "influential",
    "versatile",
    "prolific",
    "in-demand",
    "out-of-favour",
    "out-of-favor",
    "talismanic",
    "highly-rated",
    "highly",
    "rated",
    "towering",
    "tricky",
    "creative",
    "club",
    "current",
    "club's",
    "combative",
    "dynamic",
    "exciting",
    "gifted",
    "powerful",
    "pacy",
    "rapid",
    "seasoned",
    "world-class",
    "world",
    "class",
    "unsettled",
    "wantaway",
    "left-footed",
    "right-footed",
    "attacking",
    "defensive",
    "central",
    "holding",
    "deep-lying",
    "backup",
    "back-up",
    "reserve",
    "first-choice",
    "senior",
    "legendary",
    "iconic",
    "long-serving",
    "serving",
    "ageing",
    "aging",
    "free",
    "agent",
    "big",
    "star",
    "new",
    "old",
    "same",
    "loan",
    "england",
    // "the now out of contract former Carlisle front man"
    "now",
    "out",
    "of",
    "contract",
    "out-of-contract",
    "front",
    "in-form",
    // "their youth product", "the homegrown midfielder".
    "youth",
    "homegrown",
    "home-grown",
];

/// Verbs and phrases that mark a cited outlet when they stand next to it.
const CITING_WORDS_LIST: &[&str] = &[
    "according",
    "report",
    "reports",
    "reported",
    "reporting",
    "claim",
    "claims",
    "claimed",
    "say",
    "says",
    "said",
    "state",
    "states",
    "stated",
    "understand",
    "understands",
    "understood",
    "reveal",
    "reveals",
    "revealed",
    "suggest",
    "suggests",
    "suggested",
    "write",
    "writes",
    "wrote",
    "learn",
    "learned",
    "learnt",
    "insist",
    "insists",
    "insisted",
    "via",
    "per",
    "told",
    "tell",
    "tells",
    "journalist",
    "reporter",
    "outlet",
    "newspaper",
    "paper",
    "daily",
    "broke",
    "news",
    "exclusive",
    "confirm",
    "confirms",
    "confirmed",
    "relay",
    "relays",
    "believe",
    "believes",
    "add",
    "adds",
    "added",
    "note",
    "notes",
    "noted",
    "cited",
    "cites",
    "publication",
    "tweeted",
    "posted",
    "sources",
];

/// Words that, just before a trigger, say the move is denied.
const NEGATIONS_LIST: &[&str] = &[
    "not",
    "no",
    "never",
    "nor",
    "without",
    "ruled",
    "rule",
    "rules",
    "ruling",
    "dismissed",
    "dismiss",
    "snubbed",
    "snub",
    "turned",
    "turn",
    "unlikely",
    "cooled",
    "abandoned",
    "ended",
    "end",
    "quashed",
    "shut",
    "distanced",
    "pulled",
    "withdrew",
    "won't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "doesn't",
    "don't",
    "didn't",
    "hasn't",
    "haven't",
    "cannot",
    "can't",
    // Written without the apostrophe, as comments and quick posts do.
    "wont",
    "isnt",
    "wasnt",
    "doesnt",
    "didnt",
    "hasnt",
    "havent",
    "hadnt",
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
    // "The 33-year-old's contract, like X's, ends in June": X is a comparison.
    &["like"],
    &["unlike"],
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
    /// "X is on Chelsea's radar", "Chelsea's top target X", "Spurs' hopes of signing X": the
    /// club possessive just before;
    /// without one, as [`Direction::ClubFirst`] ("Chelsea target X").
    OnClubList,
    /// A move that already happened: no rumour, but the club is now the player's.
    Completed,
    /// "Swansea have completed the signing of X", "Boro announced the arrival of X": a move
    /// the club has done, so the club is now the player's.
    Signed,
    /// "contract at Real Madrid", "his time with Madrid": the player's own club.
    Belongs,
    /// "leave Real Madrid", "exit from Madrid": the club the player may leave, which is his.
    Leaves,
    /// "Dortmund will demand €150m for Bellingham", "Napoli refuse to sell": the club that
    /// sells is the player's.
    Sells,
    /// "former Sevilla defender", "ex-Chelsea": a club the player has left.
    Former,
}

/// Trigger phrases: each position lists the folded words it accepts, `|`-separated.
/// Longer phrases are tried first. Determiners and the words in [`SKIPPABLE`] may stand
/// between the words of a phrase.
pub const TRIGGERS: &[(&str, Direction)] = &[
    // Completed moves are read first so that "made the move to" is not a rumour.
    (
        "made|makes|completed|completes|sealed|seals|finalised|finalized|completing|secured|secures|clinched|clinches move|switch|transfer|loan to",
        Direction::Completed,
    ),
    (
        "joined|signed|moved|transferred|sold|returned|swapped|loaned for|to|with|from|at",
        Direction::Completed,
    ),
    ("joined|signed|arrived|rejoined", Direction::Completed),
    (
        "completed|completes|confirmed|confirms|announced|announces|sealed|seals|finalised|finalized|wrapped signing|arrival|capture|acquisition|purchase of",
        Direction::Signed,
    ),
    ("linked|links|link with|to", Direction::PlayerFirst),
    (
        "move|moves|switch|transfer|loan|return|swoop|exit|step|way|path|reunion|transition|passage|defection|route|deal|offered|sold|pushed|recommended|proposed to|towards|into",
        Direction::PlayerFirst,
    ),
    (
        "join|joining|joins|rejoin|rejoining",
        Direction::PlayerFirst,
    ),
    (
        "sign|signing|signs|pen|penning for|with",
        Direction::PlayerFirst,
    ),
    (
        "wanted|targeted|tracked|monitored|courted|chased|pursued|scouted|watched|approached|contacted|eyed|tempted|coveted|sought|admired|lured|sounded|valued|considered|earmarked|identified|shortlisted by",
        Direction::PlayerFirst,
    ),
    (
        "interest|interests|offer|offers|bid|bids|approach|approaches|enquiry|enquiries|inquiry|inquiries|proposal|proposals|contact|advances|overtures|approaches|attention|talks|negotiations|discussions|terms|agreement|agreed|agree|agrees from|with",
        Direction::PlayerFirst,
    ),
    // "has piqued the interest of Real Madrid", "caught the eye of Lille".
    ("interest|attention|eye of", Direction::PlayerFirst),
    // "has put pen to paper on a pre-contract with Lyon".
    ("pre-contract|precontract with|at", Direction::PlayerFirst),
    // "X is attracting Wolves and Burnley", "X has admirers at Lyon".
    ("attracting|attracted|attracts", Direction::PlayerFirst),
    ("admirers|suitors at|in|among", Direction::PlayerFirst),
    // "Chelsea are open to offers for X": the club would sell.
    ("open to offers|bids|proposals|selling", Direction::Sells),
    // "a sensational comeback at Everton", "a homecoming with Lyon".
    (
        "comeback|homecoming|return|reunion at|with|to",
        Direction::PlayerFirst,
    ),
    // "The latest approach comes from Napoli": the player of the sentence before.
    (
        "interest|offer|offers|bid|bids|approach|approaches|enquiry|enquiries|proposal comes|come|came|arrived|arrives from",
        Direction::PlayerFirst,
    ),
    (
        "interest|offer|offers|bid|bids|approach|approaches|enquiry|enquiries|proposal has|have|had come|arrived from",
        Direction::PlayerFirst,
    ),
    (
        "heading|headed|bound|destined|set|close|closing|closer|nearing for|to|towards|on",
        Direction::PlayerFirst,
    ),
    (
        "radar|shortlist|wishlist|agenda|books|list of",
        Direction::PlayerFirst,
    ),
    (
        "target|targets|priority|option|options|alternative|candidate|candidates|choice for|of",
        Direction::PlayerFirst,
    ),
    ("interested|interest in", Direction::ClubFirst),
    // "At least two clubs have expressed interest, including PSG".
    (
        "expressed|registered|shown|showed|declared|express|register|show interest",
        Direction::ClubFirst,
    ),
    // "Lazio are the latest club to be credited with an interest".
    ("credited with interest", Direction::ClubFirst),
    ("keen|sweet on", Direction::ClubFirst),
    (
        "keen|interested|picture|running|frame|agreed|agree|agreement|race|mix|negotiating|negotiate|negotiates",
        Direction::ClubFirst,
    ),
    (
        "move|bid|bids|offer|offers|approach|swoop|enquiry|proposal|pursuit|chase|race|battle|hunt|push|raid|deal|fight|contest|loan|talks|negotiations|move for|of",
        Direction::ClubFirst,
    ),
    ("eye|eyes|tabs on", Direction::ClubFirst),
    // "have turned their attention to X", "have set their sights on X", "are sniffing
    // around X", "have been quoted £40m for X".
    (
        "turned|turn|turning|switched|switch attention|focus|sights to|towards",
        Direction::ClubFirst,
    ),
    ("set|sets|setting sights on", Direction::ClubFirst),
    ("sniffing|circling around", Direction::ClubFirst),
    ("quoted for", Direction::ClubFirst),
    (
        "close|closes|closing|closer|edging|moving in|on|towards",
        Direction::ClubFirst,
    ),
    (
        "medical|unveiling|presentation at|with",
        Direction::PlayerFirst,
    ),
    (
        "lodged|submitted|tabled|launched|placed|made|received|agreed|accepted by",
        Direction::PlayerFirst,
    ),
    ("charge|swoop|pursuit|hunt|chase for", Direction::ClubFirst),
    (
        "enquired|enquire|enquiring|inquired|inquire|inquiring|asked|ask|asking|information about|for|on",
        Direction::ClubFirst,
    ),
    ("touch with", Direction::ClubFirst),
    ("made|make|makes|making contact with", Direction::ClubFirst),
    (
        "want|wants|wanting|need|needs|monitor|monitoring|monitored|track|tracking|tracked|eyeing|eye|eyes|chase|chasing|pursue|pursuing|targeting|scout|scouting|scouted|watch|watching|watched|buy|buying|alert|admire|admirers|court|courting|consider|considering|weighing|plot|plotting|prepare|preparing|lining|circle|circling|tempt|tempting|approach|approached|contact|contacted|sign|signing|land|landing|lure|luring|bring|snap|recruit|acquire|offer|offered|offering|hijack|rival|convince|convincing|persuade|persuading|favourites|favorites|frontrunners|front-runners|ready|identified|earmarked|shortlisted|alerted|trigger|triggering|activate|activating",
        Direction::ClubFirst,
    ),
    (
        "talks|negotiations|discussions|contact over|about|regarding|concerning",
        Direction::ClubFirst,
    ),
    (
        "radar|shortlist|wishlist|agenda|books|list|target|targets|priority|priorities|hopes|pursuit|plans",
        Direction::OnClubList,
    ),
    ("linked", Direction::ClubAdjective),
    (
        "sell|sells|selling|sold|sale|retain|retaining|valuation|value|valued|demand|demanding|asking|reject|rejected|rejecting|rebuffed|resist|resisting",
        Direction::Sells,
    ),
    ("play|plays|playing|played for|at|with", Direction::Belongs),
    (
        "contract|deal|extension|terms|stay|future|renewal|career|spell|time|days|stint|tenure|contract|deal at|with|in",
        Direction::Belongs,
    ),
    (
        "stay|stays|staying|remain|remains|remaining|renew|renewing|extend|extending|committed|commit|settled|happy at|with|in",
        Direction::Belongs,
    ),
    (
        "leave|leaving|leaves|quit|quitting|depart|departing|departure|exit|exits|exiting|ditch|ditching|swap|swapping",
        Direction::Leaves,
    ),
    ("former|ex", Direction::Former),
];

/// Words that may stand inside a trigger phrase without breaking it.
const SKIPPABLE_LIST: &[&str] = &[
    "him",
    "her",
    "a",
    "an",
    "the",
    "their",
    "his",
    "its",
    "fresh",
    "formal",
    "concrete",
    "serious",
    "strong",
    "renewed",
    "big",
    "bumper",
    "huge",
    "surprise",
    "shock",
    "stunning",
    "opening",
    "first",
    "second",
    "improved",
    "lucrative",
    "late",
    "possible",
    "potential",
    "permanent",
    "loan",
    "summer",
    "january",
    "winter",
    "free",
    "cut-price",
    "sensational",
    "dream",
    "blockbuster",
    "mega",
    "record",
    "record-breaking",
    "initial",
    "new",
    "personal",
    "advanced",
    "official",
    "club's",
    "keen",
    "also",
    "now",
    "still",
    "reportedly",
    "already",
    "both",
    "personally",
    "preliminary",
    "early",
    "eventual",
    "final",
    "money-spinning",
    "whopping",
    "deadline-day",
    "deadline",
    "day",
    "loan-to-buy",
    "swap",
];

/// Contract words: a sentence without one of these has no contract date.
const CONTRACT_WORDS_LIST: &[&str] = &[
    "contract",
    "contracts",
    "deal",
    "deals",
    "terms",
    "agreement",
    "expires",
    "expire",
    "expiring",
    "expiry",
    "expired",
    "free",
    "pre-contract",
    "renew",
    "renewal",
    "extension",
    "tied",
    "signed",
    "contracted",
    // "walk away for nothing", "one of the top Bosmans"
    "nothing",
    "bosman",
    "bosmans",
];

/// Last words that make a capitalised phrase a place or a club, not a person.
pub const NOT_PERSON_ENDINGS: &[&str] = &[
    "park",
    "stadium",
    "arena",
    "road",
    "lane",
    "ground",
    "field",
    "bridge",
    "way",
    "street",
    "avenue",
    "square",
    "centre",
    "center",
    "county",
    "rovers",
    "town",
    "athletic",
    "albion",
    "wanderers",
    "rangers",
    "fc",
    "afc",
    "sc",
    "cf",
    "pride",
    "spirit",
    "academy",
    "university",
    "college",
    "foundation",
    "group",
    "media",
    "sports",
    "news",
    "times",
    "post",
    "herald",
    "echo",
    "gazette",
    "tribune",
    "journal",
    "chronicle",
    "mail",
    "mirror",
    "express",
    "sun",
    "radio",
    "tv",
    "league",
    "cup",
    "trophy",
    "awards",
    "hotel",
    "airport",
    "hospital",
    "gate",
    "gates",
];

/// Line openings that introduce a byline or a photo credit, folded.
pub const CREDIT_OPENINGS: &[&str] = &[
    "by",
    "written by",
    "words by",
    "reporting by",
    "photo by",
    "photograph by",
    "photograph:",
    "photo:",
    "picture:",
    "pictures:",
    "image:",
    "images:",
    "credit:",
    "photo credit:",
];

/// Nouns that make the next name a journalist.
pub const JOURNALIST_NOUNS: &[&str] = &[
    "journalist",
    "reporter",
    "correspondent",
    "insider",
    "columnist",
    "writer",
    "editor",
];

pub const CLUB_NOUNS: &[&str] = &[
    "side",
    "club",
    "outfit",
    "giants",
    "team",
    "champions",
    "heavyweights",
    "hierarchy",
    "powerhouse",
    "powerhouses",
    "holders",
    "leaders",
    "board",
    "franchise",
];

/// Words between a club's possessive and its list: "Arsenal's top target".
pub const LIST_ADJECTIVES: &[&str] = &[
    "top", "main", "primary", "prime", "key", "latest", "first", "number", "one", "no", "dream",
    "summer", "january", "transfer", "priority", "leading",
];

/// Offers that name their bidder with "from": the player follows ("for X").
pub const BID_WORDS: &[&str] = &[
    "lodged",
    "submitted",
    "tabled",
    "launched",
    "placed",
    "made",
    "received",
    "bid",
    "bids",
    "offer",
    "offers",
    "approach",
    "approaches",
    "proposal",
    "proposals",
    "enquiry",
    "enquiries",
    "inquiry",
    "interest",
];

/// How far a deal has got, by the phrases that say so, in the syntax of [`TRIGGERS`]; up
/// to [`STAGE_PHRASE_GAP`] items of any kind may stand between two words of a phrase
/// ("bid for X was rejected"). At each word the first phrase that matches is taken, so
/// the longer and more specific phrases come first ("failed a medical" is not a medical).
pub const STAGE_PHRASES: &[(&str, StagePhrase)] = &[
    ("here we go", StagePhrase::Done),
    ("done deal", StagePhrase::Done),
    (
        "denied|denies|deny|denying|dismissed|dismisses|rubbished|rubbishes|rejected|rejects|quashed reports|claims|suggestions|speculation|rumours|links|talk",
        StagePhrase::Denied,
    ),
    (
        "denied|denies|deny|denying|dismissed|dismisses|rubbished|rubbishes|quashed",
        StagePhrase::Denied,
    ),
    ("played|plays|playing down", StagePhrase::Denied),
    ("laughed|laughs off", StagePhrase::Denied),
    ("no|nothing truth|in", StagePhrase::Denied),
    ("wide of the mark", StagePhrase::Denied),
    ("failed|fails|failing medical", StagePhrase::Off),
    // "joined the race for X" is interest, not a move done.
    (
        "joined|joins|join race|chase|queue|hunt|battle|scramble|pursuit|running|list",
        StagePhrase::Interest,
    ),
    // "close to an agreement" is still talks.
    (
        "close|closer|closing|near|nearing agreement|deal|agreeing",
        StagePhrase::Talks,
    ),
    // "agreed to leave Barcelona" says nothing of where he goes.
    (
        "agreed|agrees to leave|terminate|part|cancel",
        StagePhrase::Linked,
    ),
    (
        "talks|negotiations|discussions|deal|move|transfer|bid|interest collapsed|collapses|stalled|ended|broke|broken|fell|falls|faltered",
        StagePhrase::Off,
    ),
    (
        "collapsed|scrapped|abandoned|cancelled|canceled",
        StagePhrase::Off,
    ),
    ("broke|broken down", StagePhrase::Off),
    ("fell|falls|fallen through", StagePhrase::Off),
    ("called|calls off", StagePhrase::Off),
    ("pulled|pulls|pulling out", StagePhrase::Off),
    ("pulled|pulls|pulling plug", StagePhrase::Off),
    ("dead in the water", StagePhrase::Off),
    // "lost the race for X", "with the X saga behind them".
    (
        "lost|losing|loses race|battle|chase|fight",
        StagePhrase::Off,
    ),
    ("saga|chase|pursuit behind", StagePhrase::Off),
    ("walked|walks|walking away", StagePhrase::Off),
    ("ended|ends|cooled|cools interest", StagePhrase::Off),
    ("ruled|rules out", StagePhrase::Off),
    (
        "chose|chosen|picked|preferred|opted over|instead",
        StagePhrase::OffForLater,
    ),
    ("turned|turns|turning down", StagePhrase::Rejected),
    ("knocked|knocks back", StagePhrase::Rejected),
    (
        "rejected|rejects|reject|rejecting|rebuffed|rebuffs|refused|refuses|snubbed|snubs|snub|snubbing",
        StagePhrase::Rejected,
    ),
    (
        "signed|signs|signing pre-contract|precontract",
        StagePhrase::Agreed,
    ),
    // "has put pen to paper on a pre-contract".
    ("paper on pre-contract|precontract", StagePhrase::Agreed),
    // "completes Real Madrid medical": the medical is done, the move is not yet.
    (
        "completed|completes|passed|passes medical|medicals",
        StagePhrase::Medical,
    ),
    (
        "completed|completes|sealed|seals|finalised|finalized|confirmed|confirms|announced|announces|unveiled|unveils|signed|signs|joined|joins|official",
        StagePhrase::Done,
    ),
    ("medical|medicals", StagePhrase::Medical),
    (
        "agreed|agreement|agrees|accepted|accepts",
        StagePhrase::Agreed,
    ),
    (
        "bid|bids|offer|offers|offered|tabled|tables|submitted|lodged|proposal|proposals",
        StagePhrase::Bid,
    ),
    (
        "talks|negotiations|negotiating|negotiate|discussions|contact|approach|approached|enquiry|enquired|inquiry|inquired|meeting|met",
        StagePhrase::Talks,
    ),
    (
        "interest|interested|keen|monitoring|monitor|monitored|watching|watched|scouting|scouted|scouts|tracking|tracked|shortlist|shortlisted|radar|admirers|eyeing|target|targets|targeting|want|wants|wanted|considering",
        StagePhrase::Interest,
    ),
];

/// How many items may stand between two words of a stage phrase.
pub const STAGE_PHRASE_GAP: usize = 3;

/// What a stage phrase says, before the club it applies to is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StagePhrase {
    /// Named together only: a phrase that looks like a step and is none.
    Linked,
    Interest,
    Talks,
    /// An offer; it belongs to its bidder only ("a bid from Arsenal").
    Bid,
    Agreed,
    Medical,
    Done,
    /// A turning down: a rejected bid when the clause names an offer, else the move is off
    /// ("X has turned down Chelsea").
    Rejected,
    Denied,
    Off,
    /// "chose Arsenal over Chelsea": off for the clubs named after it.
    OffForLater,
}

/// Words that open a new clause for stages: a phrase on one side says nothing about a club
/// on the other ("Arsenal have tabled a new bid after their first was rejected").
pub const STAGE_CLAUSE_BREAKS: &[&str] = &[
    "but",
    "while",
    "whilst",
    "whereas",
    "although",
    "though",
    "however",
    "after",
    "despite",
    "meanwhile",
    "unlike",
];

/// Nouns of an offer, that make a turning down a rejected bid.
pub const OFFER_NOUNS: &[&str] = &[
    "bid",
    "bids",
    "offer",
    "offers",
    "proposal",
    "proposals",
    "approach",
    "approaches",
];

/// Words that negate the stage phrase after them ("no talks have taken place", "has not
/// agreed").
pub const STAGE_NEGATIONS: &[&str] = &[
    "no", "not", "never", "nor", "without", "yet", "hasnt", "hadnt", "havent", "didnt", "isnt",
    "wasnt", "wont", "cannot",
];

// People and page furniture on real pages.

/// Line openings of links to other pages, in the languages pages are scraped in: the names
/// after them belong to other stories.
pub const FURNITURE_OPENINGS: &[&str] = &[
    "related:",
    "related stories",
    "related articles",
    "read more",
    "read also",
    "also read",
    "see also",
    "more:",
    "more on this",
    "recommended",
    "you may also like",
    "trending",
    "watch:",
    "listen:",
    "mehr zum thema",
    "lesen sie auch",
    "ultime notizie",
    "leggi anche",
    "lire aussi",
    "a lire aussi",
    "lee tambien",
    "leia tambem",
];

/// First letters of [`FURNITURE_OPENINGS`]: most sentences start otherwise.
pub const FURNITURE_FIRST_LETTERS: &str = "almrstuwy";

/// Credits inside a caption, right before the photographer's name: "(AP Photo/Jane Doe)".
pub const CAPTION_CREDITS: &[&str] = &[
    "photo/",
    "photos/",
    "images/",
    "pictures/",
    "pool/",
    "powered by",
    "courtesy of",
];

/// Last words of a capitalised run that make it a competition, trophy, award, women's or
/// youth team, or a column, not a person ("Europa Leagues", "Golden Boy Award", "Doncaster
/// Belles", "Paper Talk").
pub const NOT_PERSON_ENDINGS_MORE: &[&str] = &[
    "cups",
    "leagues",
    "trophies",
    "award",
    "prize",
    "prizes",
    "medal",
    "medals",
    "shield",
    "shields",
    "championship",
    "championships",
    "title",
    "titles",
    "final",
    "finals",
    "derby",
    "tournament",
    "games",
    "ladies",
    "women",
    "belles",
    "girls",
    "reserves",
    "talk",
    "column",
    "roundup",
    "round-up",
    "briefing",
    "podcast",
    "newsletter",
    "live",
    "blog",
];

/// First words of [`FURNITURE_OPENINGS`]: most sentences are ruled out by one lookup.
pub static FURNITURE_FIRST_WORDS: WordSet = LazyLock::new(|| {
    FURNITURE_OPENINGS
        .iter()
        .filter_map(|opening| opening.split([' ', ':']).next())
        .collect()
});

/// [`NOT_PERSON_ENDINGS`] and [`NOT_PERSON_ENDINGS_MORE`], looked up for every name run.
pub static NOT_PERSON_ENDING_WORDS: WordSet = LazyLock::new(|| {
    NOT_PERSON_ENDINGS
        .iter()
        .chain(NOT_PERSON_ENDINGS_MORE)
        .copied()
        .collect()
});

// --- Contract ends (extract/relations/contracts.rs) ------------------------------------

/// Cue words followed by the date they govern: "until June 2027", "expires in 2026".
pub const CONTRACT_STRONG_CUES: &[&str] = &[
    "until",
    "till",
    "til",
    "through",
    "thru",
    "expires",
    "expire",
    "expired",
    "expiring",
    "expiry",
    "end",
    "ends",
    "ending",
    "runs",
    "run",
    "running",
    "finishes",
    "concludes",
    // "a deal which is up in the summer" (only after a form of "to be")
    "up",
];
/// Nouns a date may follow directly: "out of contract in 2026", "on a free in the summer",
/// "leave for nothing next summer".
pub const CONTRACT_WEAK_CUES: &[&str] = &[
    "contract", "deal", "agent", "agents", "transfer", "terms", "free", "nothing",
];
/// Small words between a cue and its date: "out of contract at Celtic next summer", "a free
/// agent when the season ends".
pub const CONTRACT_FILLER: &[&str] = &[
    "out", "in", "on", "at", "of", "by", "to", "come", "comes", "after", "when", "once",
];
/// Cues that tell of a move, not of the contract: never read in a sentence that says the
/// move is over ("joined on a free in 2019").
pub const CONTRACT_MOVE_CUES: &[&str] =
    &["free", "nothing", "transfer", "agent", "agents", "bosman"];
/// Words that put a move in the past.
pub const CONTRACT_PAST_MOVE: &[&str] = &[
    "joined",
    "arrived",
    "moved",
    "came",
    "snapped",
    "picked",
    "brought",
    "recruited",
    "left",
    "departed",
    "landed",
    "signed",
    "was",
    "were",
    "last",
    "ago",
];
/// Words of a deal put to the player, not the one he has: "Lyon have tabled a deal to 2027".
pub const CONTRACT_OFFER_WORDS: &[&str] = &[
    "offer", "offers", "offered", "offering", "table", "tabled", "tables", "propose", "proposed",
    "proposes", "proposal", "loan", "loaned",
];
/// Verbs of signing a deal, past or future: "has signed a four-year deal until 2029".
pub const CONTRACT_SIGNING_WORDS: &[&str] = &[
    "sign",
    "signs",
    "signed",
    "penned",
    "pen",
    "inked",
    "agreed",
    "agree",
    "commit",
    "committed",
    "extend",
    "renew",
];
/// Nouns naming a deal, the one a date cue is about.
pub const CONTRACT_DEAL_NOUNS: &[&str] = &[
    "contract",
    "contracts",
    "deal",
    "deals",
    "terms",
    "agreement",
    "extension",
];
/// Words that say the deal in question is the one he has: "his current deal runs until".
pub const CONTRACT_CURRENT_DEAL: &[&str] = &["current", "existing", "present"];

pub static FUNCTION_WORDS: WordSet =
    LazyLock::new(|| FUNCTION_WORDS_LIST.iter().copied().collect());

pub static PLAYER_NOUNS: WordSet = LazyLock::new(|| PLAYER_NOUNS_LIST.iter().copied().collect());

pub static CITING_WORDS: WordSet = LazyLock::new(|| CITING_WORDS_LIST.iter().copied().collect());

pub static NEGATIONS: WordSet = LazyLock::new(|| NEGATIONS_LIST.iter().copied().collect());

pub static SKIPPABLE: WordSet = LazyLock::new(|| SKIPPABLE_LIST.iter().copied().collect());

pub static REFERENCE_ADJECTIVES: WordSet =
    LazyLock::new(|| REFERENCE_ADJECTIVES_LIST.iter().copied().collect());

pub static CONTRACT_WORDS: WordSet =
    LazyLock::new(|| CONTRACT_WORDS_LIST.iter().copied().collect());

/// Nouns that say what a person does.
pub static ROLE_NOUNS: LazyLock<HashMap<&'static str, Role>> =
    LazyLock::new(|| ROLE_NOUN_LIST.iter().copied().collect());

// Rumoured destinations on real articles.

/// Nouns for a number of players: after a club they name its players ("Chelsea trio").
pub const GROUP_NOUNS: &[&str] = &["pair", "duo", "trio", "quartet"];

/// Words of a fee, that may stand inside a trigger like the amount itself: "bid £70m for",
/// "offered 40 million euros for".
pub const AMOUNT_WORDS: &[&str] = &[
    "million", "millions", "billion", "bn", "m", "pounds", "euros", "dollars",
];

/// Nouns of a player leaving: what is confirmed or completed is his exit, not his next
/// move ("has confirmed his departure").
pub const DEPARTURE_NOUNS: &[&str] = &["departure", "exit", "release", "farewell", "leaving"];

/// Words of ruling a move out, which a refusal or a negation just before turns around:
/// "has refused to rule out a move", "have not ruled out".
pub const RULING_OUT: &[&str] = &["rule", "rules", "ruled", "ruling"];

/// Refusals that, before [`RULING_OUT`], cancel it.
pub const REFUSALS: &[&str] = &["refused", "refuses", "refuse", "refusing", "declined"];

/// Field names of a player card that list his suitors: "Rumoured destinations: A, B".
pub const DESTINATION_LABELS: &[&str] = &[
    "destinations",
    "destination",
    "suitors",
    "admirers",
    "linked",
];

/// Nouns of a move that a club's name may qualify: "X open to Arsenal move".
pub const MOVE_NOUNS: &[&str] = &[
    "move", "switch", "transfer", "swoop", "bid", "offer", "approach", "pursuit", "interest",
];

/// Verbs of telling: the club told is no subject ("has told Chelsea he wants to leave"), and
/// a club told to pay wants the player.
pub const TELLING_VERBS: &[&str] = &["told", "tell", "tells", "telling", "urged", "informed"];

/// Verbs that, before a fee, ask a price: "Chelsea want £50m", "will ask for €150m".
pub const PRICE_VERBS: &[&str] = &["want", "wants", "wanting", "ask", "asks", "asking"];

/// Verbs of paying a price: "told Fulham to match their asking price".
pub const PAYING_VERBS: &[&str] = &["match", "meet", "pay"];

/// Nouns after a club that make the next name its manager, who speaks for it: "Swansea
/// manager X".
pub const MANAGER_NOUNS: &[&str] = &["boss", "manager", "coach", "head-coach"];

/// Verbs of offering a player to a club: "his agent has offered X to Everton".
pub const OFFERING_VERBS: &[&str] = &["offered", "offering", "offers", "offer", "pitched"];

/// Words after which a club is another party, not the player's own: "is leaving, with
/// Wigan leading the race".
pub const OTHER_CLUB_PREPOSITIONS: &[&str] = &["with", "to", "for", "towards", "into", "as"];

/// Verbs that make a sale before them one that happened: "completed the sale of X to Y".
pub const COMPLETION_VERBS: &[&str] = &[
    "completed",
    "completes",
    "sealed",
    "seals",
    "finalised",
    "finalized",
    "confirmed",
    "confirms",
    "announced",
    "announces",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    /// Every list, by name: the rules compare folded words, so an entry that is not folded
    /// (or is empty, or repeated) is a rule that never fires.
    fn lists() -> Vec<(&'static str, Vec<&'static str>)> {
        let roles = ROLE_NOUN_LIST.iter().map(|(word, _)| *word).collect();
        let markers = EXAMPLE_MARKERS
            .iter()
            .flat_map(|m| m.iter().copied())
            .collect();
        vec![
            ("FUNCTION_WORDS", FUNCTION_WORDS_LIST.to_vec()),
            ("NAME_PARTICLES", NAME_PARTICLES.to_vec()),
            ("PLAYER_NOUNS", PLAYER_NOUNS_LIST.to_vec()),
            ("ROLE_NOUNS", roles),
            ("REFERENCE_ADJECTIVES", REFERENCE_ADJECTIVES_LIST.to_vec()),
            ("CITING_WORDS", CITING_WORDS_LIST.to_vec()),
            ("NEGATIONS", NEGATIONS_LIST.to_vec()),
            ("EXAMPLE_MARKERS", markers),
            ("SKIPPABLE", SKIPPABLE_LIST.to_vec()),
            ("CONTRACT_WORDS", CONTRACT_WORDS_LIST.to_vec()),
            ("NOT_PERSON_ENDINGS", NOT_PERSON_ENDINGS.to_vec()),
            ("CREDIT_OPENINGS", CREDIT_OPENINGS.to_vec()),
            ("JOURNALIST_NOUNS", JOURNALIST_NOUNS.to_vec()),
            ("CLUB_NOUNS", CLUB_NOUNS.to_vec()),
            ("LIST_ADJECTIVES", LIST_ADJECTIVES.to_vec()),
            ("BID_WORDS", BID_WORDS.to_vec()),
            ("STAGE_CLAUSE_BREAKS", STAGE_CLAUSE_BREAKS.to_vec()),
            ("OFFER_NOUNS", OFFER_NOUNS.to_vec()),
            ("STAGE_NEGATIONS", STAGE_NEGATIONS.to_vec()),
            ("FURNITURE_OPENINGS", FURNITURE_OPENINGS.to_vec()),
            ("CAPTION_CREDITS", CAPTION_CREDITS.to_vec()),
            ("NOT_PERSON_ENDINGS_MORE", NOT_PERSON_ENDINGS_MORE.to_vec()),
            ("CONTRACT_STRONG_CUES", CONTRACT_STRONG_CUES.to_vec()),
            ("CONTRACT_WEAK_CUES", CONTRACT_WEAK_CUES.to_vec()),
            ("CONTRACT_FILLER", CONTRACT_FILLER.to_vec()),
            ("CONTRACT_MOVE_CUES", CONTRACT_MOVE_CUES.to_vec()),
            ("CONTRACT_PAST_MOVE", CONTRACT_PAST_MOVE.to_vec()),
            ("CONTRACT_OFFER_WORDS", CONTRACT_OFFER_WORDS.to_vec()),
            ("CONTRACT_SIGNING_WORDS", CONTRACT_SIGNING_WORDS.to_vec()),
            ("CONTRACT_DEAL_NOUNS", CONTRACT_DEAL_NOUNS.to_vec()),
            ("CONTRACT_CURRENT_DEAL", CONTRACT_CURRENT_DEAL.to_vec()),
            ("GROUP_NOUNS", GROUP_NOUNS.to_vec()),
            ("TELLING_VERBS", TELLING_VERBS.to_vec()),
            ("PAYING_VERBS", PAYING_VERBS.to_vec()),
            ("PRICE_VERBS", PRICE_VERBS.to_vec()),
            ("MANAGER_NOUNS", MANAGER_NOUNS.to_vec()),
            ("OFFERING_VERBS", OFFERING_VERBS.to_vec()),
            ("OTHER_CLUB_PREPOSITIONS", OTHER_CLUB_PREPOSITIONS.to_vec()),
            ("MOVE_NOUNS", MOVE_NOUNS.to_vec()),
            ("DESTINATION_LABELS", DESTINATION_LABELS.to_vec()),
            ("RULING_OUT", RULING_OUT.to_vec()),
            ("REFUSALS", REFUSALS.to_vec()),
            ("DEPARTURE_NOUNS", DEPARTURE_NOUNS.to_vec()),
            ("AMOUNT_WORDS", AMOUNT_WORDS.to_vec()),
            ("COMPLETION_VERBS", COMPLETION_VERBS.to_vec()),
        ]
    }

    #[test]
    fn every_word_list_is_folded_and_non_empty() {
        for (name, words) in lists() {
            assert!(!words.is_empty(), "{name} is empty");
            let mut seen = HashSet::default();
            for word in words {
                assert!(seen.insert(word), "{name} lists {word:?} twice");
                assert!(!word.trim().is_empty(), "{name} has an empty entry");
                assert_eq!(fold(word), word, "{name}: {word:?} is not folded");
            }
        }
    }

    #[test]
    fn furniture_first_letters_cover_every_opening() {
        for opening in FURNITURE_OPENINGS {
            assert!(
                opening.starts_with(|c: char| FURNITURE_FIRST_LETTERS.contains(c)),
                "{opening:?}"
            );
        }
    }

    #[test]
    fn triggers_parse_into_folded_single_words() {
        let stages = STAGE_PHRASES
            .iter()
            .map(|(phrase, stage)| (*phrase, format!("{stage:?}")));
        let triggers = TRIGGERS
            .iter()
            .map(|(phrase, direction)| (*phrase, format!("{direction:?}")));
        for (phrase, direction) in triggers.chain(stages) {
            for position in phrase.split(' ') {
                for word in position.split('|') {
                    assert!(
                        !word.is_empty(),
                        "{phrase:?} ({direction:?}) has an empty word"
                    );
                    assert_eq!(fold(word), word, "{phrase:?}: {word:?} is not folded");
                    assert!(!word.contains(char::is_whitespace));
                }
            }
        }
    }
}

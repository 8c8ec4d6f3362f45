//! A deterministic synthetic transfer-news corpus, shared by `examples/gen_corpus.rs` and the
//! benches (included with `#[path]`; not a target of its own).
//!
//! Everything comes from one seeded [`Rng`] (splitmix64), so the same options always give the
//! same files, byte for byte. Names come from per-nationality pools (with diacritics), clubs
//! and outlets from the gazetteer, and bodies from sentence templates: rumours, contract
//! phrases, quotes, captions with @handles and emoji, and noise.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Map, Value};

// ---- PRNG ---------------------------------------------------------------------------------

/// splitmix64: tiny, fast, and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5EED_0F4D_E7CA_7000)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One word of a static list.
    pub fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    /// An index skewed towards the start (roughly Zipf-like): popular players and clubs are
    /// written about far more often than the rest.
    pub fn skewed(&mut self, n: usize) -> usize {
        // Squaring a uniform number piles mass near 0; a third of picks stay uniform so the
        // long tail is still visited.
        if self.chance(33) {
            return self.below(n);
        }
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n
    }
}

// ---- names --------------------------------------------------------------------------------

/// A nationality: given names, surnames, and how an article refers to its players.
struct Nation {
    given: &'static [&'static str],
    surnames: &'static [&'static str],
    demonym: &'static str,
    /// Whether players often carry two surnames (Iberian style).
    two_surnames: bool,
}

const NATIONS: &[Nation] = &[
    Nation {
        given: &[
            "Harry", "Jack", "Oliver", "George", "Charlie", "Jacob", "Thomas", "James", "William",
            "Mason", "Declan", "Jordan", "Marcus", "Raheem", "Jude", "Phil", "Bukayo", "Trent",
            "Kyle", "Reece", "Ben", "Luke", "Aaron", "Conor", "Callum", "Jarrod", "Ollie", "Cole",
            "Kobbie", "Morgan", "Eberechi", "Levi", "Tyrick", "Rico",
        ],
        surnames: &[
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Walker",
            "Wright",
            "Robinson",
            "Thompson",
            "Hughes",
            "Edwards",
            "Harris",
            "Clarke",
            "Jackson",
            "Turner",
            "Moore",
            "Cooper",
            "Morris",
            "Palmer",
            "Gallagher",
            "Trippier",
            "Maguire",
            "Stones",
            "Pickford",
            "Ramsdale",
            "Bowen",
            "Watkins",
            "Rashford",
            "Sancho",
            "Saka",
            "Rice",
            "Foden",
            "Grealish",
            "Sterling",
            "Chilwell",
            "Alexander-Arnold",
            "Henderson",
            "Shaw",
            "Mainoo",
            "Eze",
            "Colwill",
            "Branthwaite",
        ],
        demonym: "Englishman",
        two_surnames: false,
    },
    Nation {
        given: &[
            "José",
            "Sergio",
            "Álvaro",
            "Íñigo",
            "Andrés",
            "Jesús",
            "Rubén",
            "Iván",
            "Raúl",
            "Óscar",
            "Adrián",
            "Martín",
            "Nicolás",
            "Joaquín",
            "Pablo",
            "Dani",
            "Marcos",
            "Unai",
            "Aitor",
            "Borja",
            "Ferrán",
            "Mikel",
            "Fermín",
            "Alejandro",
            "Ander",
            "Gonzalo",
            "Rodrigo",
            "Aymeric",
            "Koke",
            "Germán",
        ],
        surnames: &[
            "Martínez",
            "García",
            "Rodríguez",
            "Fernández",
            "López",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Jiménez",
            "Muñoz",
            "Núñez",
            "Ibáñez",
            "Peña",
            "Castaño",
            "Díaz",
            "Hernández",
            "Ramírez",
            "Álvarez",
            "Gutiérrez",
            "Ortiz",
            "Rubio",
            "Marín",
            "Sáez",
            "Morán",
            "Cañizares",
            "Zubimendi",
            "Oyarzabal",
            "Merino",
            "Olmo",
            "Llorente",
            "Iñíguez",
            "Echeverría",
            "Azpilicueta",
            "Carvajal",
            "Busquets",
            "Baena",
            "Cucurella",
        ],
        demonym: "Spaniard",
        two_surnames: true,
    },
    Nation {
        given: &[
            "João",
            "Gonçalo",
            "Rúben",
            "Thiago",
            "Vinícius",
            "Lucas",
            "Gabriel",
            "Matheus",
            "Rodrigo",
            "Raphael",
            "Éder",
            "André",
            "Bernardo",
            "Nélson",
            "Otávio",
            "Fábio",
            "Renato",
            "Diogo",
            "Luís",
            "Antônio",
            "Endrick",
            "Estêvão",
            "Bruno",
            "Éderson",
            "Casemiro",
            "Marquinhos",
            "Léo",
            "Vitinha",
        ],
        surnames: &[
            "Gonçalves",
            "Conceição",
            "Magalhães",
            "Araújo",
            "Guimarães",
            "Simões",
            "Leão",
            "Sá",
            "Ribeiro",
            "Carvalho",
            "Silva",
            "Santos",
            "Pereira",
            "Costa",
            "Oliveira",
            "Souza",
            "Lima",
            "Nascimento",
            "Fernandes",
            "Mendes",
            "Neves",
            "Brandão",
            "Patrício",
            "Gomes",
            "Paixão",
            "Firmino",
            "Militão",
            "Dalot",
            "Inácio",
            "Gusmão",
            "Pinheiro",
            "Assunção",
        ],
        demonym: "Brazilian",
        two_surnames: true,
    },
    Nation {
        given: &[
            "Théo",
            "Kylian",
            "Aurélien",
            "Benoît",
            "Jérôme",
            "Hugo",
            "Raphaël",
            "Ousmane",
            "Antoine",
            "Olivier",
            "Mathéo",
            "Désiré",
            "Rayan",
            "Lucas",
            "Jean-Philippe",
            "Pierre-Emerick",
            "Clément",
            "Maxence",
            "Wesley",
            "Jules",
            "Mattéo",
            "Loïc",
            "Aïssa",
            "Youssouf",
            "Eduardo",
            "Bradley",
            "Warren",
            "Randal",
            "Moussa",
        ],
        surnames: &[
            "Lefèvre",
            "Dubois",
            "Moreau",
            "Laurent",
            "Girard",
            "Bonnet",
            "Dupont",
            "Lambert",
            "Fontaine",
            "Rousseau",
            "Chevalier",
            "Mercier",
            "Guérin",
            "Boyer",
            "Garnier",
            "Faure",
            "Rémy",
            "Thuram",
            "Saliba",
            "Camavinga",
            "Kolo Muani",
            "Zaïre-Emery",
            "Tchouaméni",
            "Koundé",
            "Mbappé",
            "Upamecano",
            "Konaté",
            "Guendouzi",
            "Fofana",
            "Lacazette",
            "Rabiot",
            "Théate",
            "Lenglet",
        ],
        demonym: "Frenchman",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Jürgen",
            "Thomas",
            "Jonas",
            "Florian",
            "Kai",
            "Leon",
            "Joshua",
            "Timo",
            "Mats",
            "Niklas",
            "Lukas",
            "Maximilian",
            "Jamal",
            "Leroy",
            "Serge",
            "Matthias",
            "Bastian",
            "Lothar",
            "İlkay",
            "Malick",
            "Benjamin",
            "Nico",
            "Robin",
            "Aleksandar",
            "Felix",
            "Pascal",
            "Waldemar",
        ],
        surnames: &[
            "Müller",
            "Schäfer",
            "Köhler",
            "Weiß",
            "Groß",
            "Hofmann",
            "Schröder",
            "Krämer",
            "Wagner",
            "Becker",
            "Schulz",
            "Fischer",
            "Neuer",
            "Kimmich",
            "Goretzka",
            "Rüdiger",
            "Süle",
            "Havertz",
            "Wirtz",
            "Musiala",
            "Gündoğan",
            "Brandt",
            "Füllkrug",
            "Götze",
            "Reus",
            "Schlotterbeck",
            "Raum",
            "Mittelstädt",
            "Undav",
            "Anton",
            "Nübel",
            "Baumann",
        ],
        demonym: "German",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Niccolò",
            "Federico",
            "Lorenzo",
            "Alessandro",
            "Giacomo",
            "Nicolò",
            "Gianluigi",
            "Sandro",
            "Giovanni",
            "Davide",
            "Matteo",
            "Andrea",
            "Ciro",
            "Manuel",
            "Domenico",
            "Leonardo",
            "Mattia",
            "Riccardo",
            "Simone",
            "Gianluca",
            "Moise",
            "Destiny",
            "Samuele",
            "Raoul",
            "Fabrizio",
        ],
        surnames: &[
            "Barella",
            "Chiesa",
            "Bastoni",
            "Donnarumma",
            "Tonali",
            "Locatelli",
            "Di Lorenzo",
            "Scamacca",
            "Raspadori",
            "Dimarco",
            "Frattesi",
            "Pellegrini",
            "Zaniolo",
            "Bonucci",
            "Verratti",
            "Immobile",
            "Insigne",
            "Belotti",
            "Romagnoli",
            "De Sciglio",
            "Colombo",
            "Esposito",
            "Ricci",
            "Conti",
            "Greco",
            "Calafiori",
            "Retegui",
            "Udogie",
            "Cambiaso",
            "Buongiorno",
            "Fagioli",
            "Vicario",
        ],
        demonym: "Italian",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Virgil", "Frenkie", "Matthijs", "Memphis", "Cody", "Denzel", "Xavi", "Teun",
            "Jurriën", "Wout", "Stefan", "Daley", "Ryan", "Joël", "Quinten", "Jeremie", "Donyell",
            "Tijjani", "Micky", "Bart", "Steven", "Justin",
        ],
        surnames: &[
            "van Dijk",
            "de Jong",
            "de Ligt",
            "Depay",
            "Gakpo",
            "Dumfries",
            "Simons",
            "Koopmeiners",
            "Timber",
            "Weghorst",
            "de Vrij",
            "Blind",
            "Gravenberch",
            "Veltman",
            "van de Ven",
            "Bergwijn",
            "Malen",
            "Frimpong",
            "Aké",
            "Reijnders",
            "Kluivert",
            "Verbruggen",
            "Zirkzee",
            "de Roon",
            "van Hecke",
            "Geertruida",
        ],
        demonym: "Dutchman",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Luka",
            "Ivan",
            "Mateo",
            "Joško",
            "Dušan",
            "Aleksandar",
            "Nikola",
            "Mario",
            "Dejan",
            "Borna",
            "Josip",
            "Lovro",
            "Andrej",
            "Filip",
            "Sergej",
            "Dragan",
            "Srđan",
            "Strahinja",
            "Marko",
            "Lazar",
            "Duje",
            "Petar",
            "Nemanja",
        ],
        surnames: &[
            "Modrić",
            "Kovačić",
            "Perišić",
            "Gvardiol",
            "Brozović",
            "Vlašić",
            "Kramarić",
            "Livaković",
            "Šutalo",
            "Majer",
            "Vlahović",
            "Milinković-Savić",
            "Mitrović",
            "Tadić",
            "Kostić",
            "Živković",
            "Lukić",
            "Jović",
            "Pavlović",
            "Gudelj",
            "Ćaleta-Car",
            "Stanišić",
            "Baturina",
            "Pašalić",
            "Erlić",
            "Sučić",
            "Matić",
            "Samardžić",
        ],
        demonym: "Croatian",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Łukasz",
            "Wojciech",
            "Piotr",
            "Krzysztof",
            "Jakub",
            "Mateusz",
            "Arkadiusz",
            "Kamil",
            "Przemysław",
            "Tomáš",
            "Patrik",
            "Vladimír",
            "Jiří",
            "Ondřej",
            "Bartosz",
            "Michał",
            "Adam",
            "Sebastian",
            "Antonín",
            "Lukáš",
        ],
        surnames: &[
            "Wójcik",
            "Szczęsny",
            "Lewandowski",
            "Zieliński",
            "Kamiński",
            "Piątek",
            "Milik",
            "Bednarek",
            "Grosicki",
            "Glik",
            "Souček",
            "Schick",
            "Coufal",
            "Král",
            "Hložek",
            "Černý",
            "Doležal",
            "Růžička",
            "Świderski",
            "Kiwior",
            "Świerczok",
            "Moder",
            "Krychowiak",
            "Frankowski",
            "Barák",
            "Provod",
        ],
        demonym: "Pole",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Martin",
            "Erling",
            "Sander",
            "Kristoffer",
            "Jørgen",
            "Søren",
            "Bjørn",
            "Viktor",
            "Emil",
            "Mikkel",
            "Pierre-Emile",
            "Kasper",
            "Rasmus",
            "Andreas",
            "Zlatan",
            "Björn",
            "Håkan",
            "Åke",
            "Mads",
            "Jens",
            "Oscar",
            "Anders",
            "Dejan",
        ],
        surnames: &[
            "Ødegaard",
            "Haaland",
            "Berge",
            "Sørloth",
            "Højbjerg",
            "Eriksen",
            "Christensen",
            "Kjær",
            "Schmeichel",
            "Højlund",
            "Lindelöf",
            "Forsberg",
            "Isak",
            "Kulusevski",
            "Larsson",
            "Söderström",
            "Strand Larsen",
            "Nyland",
            "Ajer",
            "Thorsby",
            "Nørgaard",
            "Bøgh",
            "Mæhle",
            "Dahl",
            "Gyökeres",
            "Elanga",
            "Sjöberg",
        ],
        demonym: "Dane",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Çağlar",
            "Hakan",
            "Arda",
            "Kerem",
            "Ozan",
            "Ferdi",
            "Barış",
            "Cengiz",
            "Merih",
            "Orkun",
            "Yusuf",
            "Kaan",
            "İrfan",
            "Uğurcan",
            "Oğuzhan",
            "Salih",
            "Zeki",
            "Abdülkerim",
            "Semih",
            "Kenan",
        ],
        surnames: &[
            "Söyüncü",
            "Çalhanoğlu",
            "Güler",
            "Aktürkoğlu",
            "Kabak",
            "Kadıoğlu",
            "Yılmaz",
            "Ünder",
            "Demiral",
            "Kökçü",
            "Yazıcı",
            "Ayhan",
            "Kahveci",
            "Çakır",
            "Özcan",
            "Bardakcı",
            "Çelik",
            "Kılıçsoy",
            "Yıldız",
            "Akgün",
            "Müldür",
        ],
        demonym: "Turkish international",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Sadio",
            "Kalidou",
            "Idrissa",
            "Ismaïla",
            "Édouard",
            "Victor",
            "Wilfred",
            "Alex",
            "Samuel",
            "Kelechi",
            "Ademola",
            "Ahmed",
            "Moses",
            "Mohammed",
            "Kamaldeen",
            "Ibrahima",
            "Pape",
            "Nampalys",
            "Cheikhou",
            "Yves",
            "Serhou",
            "Amadou",
            "Ousseynou",
            "Habib",
            "Nicolas",
            "Simon",
            "Franck",
        ],
        surnames: &[
            "Mané",
            "Koulibaly",
            "Gueye",
            "Sarr",
            "Mendy",
            "Osimhen",
            "Ndidi",
            "Iheanacho",
            "Lookman",
            "Musa",
            "Chukwueze",
            "Partey",
            "Kudus",
            "Ayew",
            "Semenyo",
            "Diallo",
            "Camara",
            "Touré",
            "Kanté",
            "Diop",
            "Ndiaye",
            "Bamba",
            "Sissoko",
            "Traoré",
            "Guirassy",
            "Haïdara",
            "Onana",
            "Aboubakar",
            "Kessié",
            "Pépé",
            "Boniface",
            "Onyeka",
        ],
        demonym: "Senegalese",
        two_surnames: false,
    },
    Nation {
        given: &[
            "Lionel",
            "Ángel",
            "Lautaro",
            "Enzo",
            "Julián",
            "Alexis",
            "Rodrigo",
            "Nahuel",
            "Exequiel",
            "Giovani",
            "Darwin",
            "Federico",
            "Ronald",
            "Luis",
            "James",
            "Radamel",
            "Jhon",
            "Yerry",
            "Dávinson",
            "Facundo",
            "Thiago",
            "Valentín",
            "Alejandro",
            "Manuel",
            "Mathías",
            "Nicolás",
        ],
        surnames: &[
            "Fernández",
            "Álvarez",
            "Martínez",
            "Mac Allister",
            "De Paul",
            "Molina",
            "Otamendi",
            "Paredes",
            "Acuña",
            "Romero",
            "Núñez",
            "Valverde",
            "Araújo",
            "Bentancur",
            "Giménez",
            "Ugarte",
            "Suárez",
            "Cavani",
            "Díaz",
            "Sánchez",
            "Muriel",
            "Cuadrado",
            "Mina",
            "Borré",
            "Arias",
            "Garnacho",
            "Echeverri",
            "Barco",
            "Carboni",
            "Olivera",
            "Pellistri",
        ],
        demonym: "Argentine",
        two_surnames: true,
    },
    Nation {
        given: &[
            "Takumi",
            "Kaoru",
            "Takehiro",
            "Wataru",
            "Daichi",
            "Ritsu",
            "Junya",
            "Heung-min",
            "Min-jae",
            "Kang-in",
            "Hee-chan",
            "Takefusa",
            "Ao",
            "Hiroki",
            "Kōki",
            "Yūki",
            "Shōgo",
        ],
        surnames: &[
            "Minamino", "Mitoma", "Tomiyasu", "Endō", "Kamada", "Dōan", "Itō", "Kim", "Lee",
            "Hwang", "Kubo", "Tanaka", "Sakai", "Morita", "Ueda", "Machida", "Suzuki", "Ōtsuka",
        ],
        demonym: "Japanese",
        two_surnames: false,
    },
];

/// One random full name and the index of its nationality.
pub fn random_name(rng: &mut Rng) -> (String, usize) {
    let n = rng.below(NATIONS.len());
    let nation = &NATIONS[n];
    let mut name = String::with_capacity(32);
    name.push_str(rng.word(nation.given));
    if rng.chance(15) {
        // A second given name ("João Pedro", "Luka Ivan").
        let second = rng.word(nation.given);
        if !name.ends_with(second) {
            name.push(' ');
            name.push_str(second);
        }
    }
    name.push(' ');
    // Mixed heritage: a fifth of players carry a surname from another pool.
    let surnames = if rng.chance(20) {
        NATIONS[rng.below(NATIONS.len())].surnames
    } else {
        nation.surnames
    };
    name.push_str(rng.word(surnames));
    if nation.two_surnames && rng.chance(30) {
        name.push(' ');
        name.push_str(rng.word(nation.surnames));
    }
    (name, n)
}

/// A player on the roster.
#[derive(Debug, Clone)]
pub struct Player {
    pub name: String,
    nation: usize,
    /// The club index the player is at (into the club list).
    club: usize,
    position: &'static str,
    born: i32,
    /// Contracts run four years and end in June of 2020 + this + 4k.
    contract_phase: i32,
}

impl Player {
    /// The year (June) his contract ends, as seen in a season ending in June `season_end`.
    fn contract_end(&self, season_end: i32) -> i32 {
        let first = 2016 + self.contract_phase;
        first + ((season_end - first).max(0) + 3) / 4 * 4
    }

    /// The last word of the name: how articles refer back to the player.
    pub fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

/// `n` distinct players (names from [`random_name`], deduplicated), spread over `clubs` clubs.
pub fn roster(rng: &mut Rng, n: usize, clubs: usize) -> Vec<Player> {
    let mut seen = HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    let mut attempts = 0usize;
    while out.len() < n && attempts < n * 50 {
        attempts += 1;
        let (name, nation) = random_name(rng);
        if seen.insert(name.clone()) {
            out.push(Player {
                name,
                nation,
                club: rng.below(clubs.max(1)),
                position: rng.word(POSITIONS),
                born: 1988 + rng.below(20) as i32,
                contract_phase: rng.below(4) as i32,
            });
        }
    }
    out
}

/// `n` names for the search benches (duplicates allowed: a million distinct names would need
/// much bigger pools, and duplicates do not change the work per name).
pub fn search_names(seed: u64, n: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| random_name(&mut rng).0).collect()
}

// ---- vocabulary ---------------------------------------------------------------------------

const POSITIONS: &[&str] = &[
    "winger",
    "striker",
    "centre-back",
    "midfielder",
    "goalkeeper",
    "left-back",
    "right-back",
    "defender",
    "forward",
    "playmaker",
    "full-back",
    "attacker",
];

const ADJECTIVES: &[&str] = &[
    "experienced",
    "talented",
    "versatile",
    "highly-rated",
    "in-demand",
    "prolific",
    "out-of-favour",
    "creative",
    "powerful",
    "young",
    "pacy",
    "unsettled",
];

const EMOJI: &[&str] = &[
    "⚽", "🔥", "🚨", "📸", "🔴⚪", "🔵", "✍️", "👀", "💰", "🤝", "⏳", "🇪🇸", "🇮🇹", "🏴",
];

const FALLBACK_OUTLETS: &[&str] = &["Sky Sports", "AS", "Diario Gol"];
const JOURNALISTS: &[&str] = &[
    "Fabrizio Romano",
    "Gianluca Di Marzio",
    "David Ornstein",
    "Matteo Moretto",
    "Florian Plettenberg",
    "Santi Aouna",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---- articles -----------------------------------------------------------------------------

/// What the generator knows about the football world.
pub struct World {
    pub clubs: Vec<String>,
    pub outlets: Vec<String>,
    pub players: Vec<Player>,
    coaches: Vec<String>,
}

impl World {
    /// A world of `roster` players at the given clubs, cited by the given outlets.
    pub fn new(
        rng: &mut Rng,
        clubs: Vec<String>,
        outlets: Vec<String>,
        roster_size: usize,
    ) -> Self {
        let clubs = if clubs.is_empty() {
            vec!["Real Madrid".to_string(), "Juventus".to_string()]
        } else {
            clubs
        };
        let outlets = if outlets.is_empty() {
            FALLBACK_OUTLETS.iter().map(|s| (*s).to_string()).collect()
        } else {
            outlets
        };
        let players = roster(rng, roster_size, clubs.len());
        let coaches = (0..clubs.len().max(8) * 2)
            .map(|_| random_name(rng).0)
            .collect();
        World {
            clubs,
            outlets,
            players,
            coaches,
        }
    }
}

/// One generated article.
#[derive(Debug, Clone)]
pub struct Article {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source: String,
    pub url: String,
    pub body: String,
}

/// First and last day articles are dated (seven seasons).
fn date_span() -> (NaiveDate, u64) {
    let first = NaiveDate::from_ymd_opt(2019, 7, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
    (first, (last - first).num_days().max(1) as u64)
}

/// The season folder of a date: "2021-22" for 2021-07-01 to 2022-06-30.
pub fn season_of(date: NaiveDate) -> String {
    let start = if date.month() >= 7 {
        date.year()
    } else {
        date.year() - 1
    };
    format!("{start}-{:02}", (start + 1) % 100)
}

/// Sentences about one article's subject.
struct Story<'w> {
    world: &'w World,
    player: &'w Player,
    /// The clubs he is linked with.
    suitors: Vec<&'w str>,
    outlet: &'w str,
    date: Option<NaiveDate>,
    /// The year his contract ends.
    expiry: i32,
    /// The year the article's season ends in.
    season_end: i32,
}

impl Story<'_> {
    fn club(&self) -> &str {
        &self.world.clubs[self.player.club]
    }

    fn age(&self) -> i32 {
        self.date.map_or(2022, |d| d.year()) - self.player.born
    }

    fn suitor(&self, rng: &mut Rng) -> &str {
        self.suitors[rng.below(self.suitors.len())]
    }

    fn reference(&self, rng: &mut Rng) -> String {
        match rng.below(4) {
            0 => format!("the {}-year-old {}", self.age(), self.player.position),
            1 => format!("the {}", NATIONS[self.player.nation].demonym),
            2 => format!("the {} {}", rng.pick(ADJECTIVES), self.player.position),
            _ => self.player.surname().to_string(),
        }
    }

    fn clubs_list(&self) -> String {
        match self.suitors.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    fn rumour(&self, rng: &mut Rng) -> String {
        let p = &self.player.name;
        let s = self.player.surname();
        let c = self.suitor(rng);
        let r = self.reference(rng);
        let o = self.outlet;
        let cur = self.club();
        match rng.below(14) {
            0 => format!("{p} has been linked with {c}."),
            1 => format!("{c} are keen on {r}, according to {o}."),
            2 => format!(
                "{c} are keen on the {}-year-old {}.",
                self.age(),
                self.player.position
            ),
            3 if self.suitors.len() > 1 => format!(
                "{} are all monitoring the situation of {p}.",
                self.clubs_list()
            ),
            3 => format!("{c} are monitoring the situation of {p}."),
            4 => format!("{p} is wanted by {c}, {o} reports."),
            5 => format!("{o} claims that {c} have made an enquiry for {s}."),
            6 => format!("{c} are preparing an opening bid for {r} ahead of the window."),
            7 => format!("{s} is said to be open to a move to {c} this summer."),
            8 => format!("{c} have made contact with the representatives of {p}."),
            9 => format!(
                "The {cur} {} is on the shortlist of {c}, who see him as a long-term replacement.",
                self.player.position
            ),
            10 => format!("{c} want {s} and could test {cur}'s resolve with a formal offer."),
            11 => format!(
                "{p} is attracting interest from {}, with scouts watching him in each of his last {} games.",
                self.clubs_list(),
                rng.range(2, 6)
            ),
            12 => format!(
                "{c}-linked {p} has not ruled out a move, telling {o} he is happy at {cur} for now."
            ),
            _ => format!(
                "{} journalist {} says {c} are pushing to sign {s} before the deadline.",
                o,
                rng.pick(JOURNALISTS)
            ),
        }
    }

    fn contract(&self, rng: &mut Rng) -> String {
        let p = &self.player.name;
        let s = self.player.surname();
        let cur = self.club();
        let y = self.expiry;
        let r = self.reference(rng);
        match rng.below(10) {
            0 => format!("His contract runs out in June {y}."),
            1 => format!("{p}'s current deal at {cur} expires in {y}."),
            2 => format!("{s} is out of contract next summer and has yet to open talks."),
            3 => format!("{r} has entered the final six months of his deal."),
            4 => {
                format!("{s} signed until {y} when he arrived, with an option for a further year.")
            }
            5 => format!("{p} is under contract at {cur} until June 30, {y}."),
            6 => format!("With 18 months left on his deal, {cur} must decide whether to sell {s}."),
            7 => format!("{s}'s contract at {cur} runs until the end of the season."),
            8 => format!(
                "Talks over an extension stalled in {}, and his deal runs out in June {y}.",
                rng.pick(MONTHS)
            ),
            _ => format!("{cur} hope to tie {s} down beyond {y}, when his current terms expire."),
        }
    }

    fn quote(&self, rng: &mut Rng) -> String {
        let coach = rng.pick(&self.world.coaches);
        let cur = self.club();
        let s = self.player.surname();
        // The quote without its closing punctuation, which depends on what follows.
        let said = match rng.below(6) {
            0 => format!("{s} is a fantastic player and we are very happy with him. I don't talk about rumours"),
            1 => "Every player has a price, but nobody has called us. We want to keep our best players".to_string(),
            2 => format!("I have spoken with {s}. He is focused, he trains well and his future is here"),
            3 => "The market is the market. Until the window closes, anything can happen".to_string(),
            4 => "We will see in the summer. Now we only think about the next game".to_string(),
            _ => format!("It is normal that big clubs like {} look at our players", self.suitor(rng)),
        };
        match rng.below(3) {
            0 => format!(
                "{cur} manager {coach} was asked about the speculation. \"{said},\" he told reporters."
            ),
            1 => format!("\"{said},\" {coach} said at his pre-match press conference."),
            _ => format!("Speaking to {}, {coach} added: \"{said}.\"", self.outlet),
        }
    }

    fn caption(&self, rng: &mut Rng) -> String {
        let handle = handle(self.player.surname(), rng);
        let e1 = rng.pick(EMOJI);
        let e2 = rng.pick(EMOJI);
        match rng.below(5) {
            0 => format!(
                "{e1} {} in action for {} (Photo by @{handle}) {e2}",
                self.player.name,
                self.club()
            ),
            1 => format!(
                "🚨 BREAKING: {} have opened talks over {} {e1} #transfers #{}",
                self.suitor(rng),
                self.player.surname(),
                hashtag(self.club())
            ),
            2 => format!("Follow @{handle} for every update on the window {e1}{e2}"),
            3 => format!(
                "{e1} Here we go? Not yet. {} and {} still apart on the fee. via @{handle}",
                self.club(),
                self.suitor(rng)
            ),
            _ => format!(
                "{} celebrates his goal against {} {e1}",
                self.player.surname(),
                self.suitor(rng)
            ),
        }
    }

    fn noise(&self, rng: &mut Rng) -> String {
        let other = rng.pick(&self.world.players);
        let third = rng.pick(&self.world.players);
        let c1 = rng.pick(&self.world.clubs);
        let c2 = rng.pick(&self.world.clubs);
        match rng.below(8) {
            0 => format!(
                "{} opened the scoring after {} minutes before {} equalised for {c2} just before half-time. The second half was a scrappy affair, with few chances at either end.",
                other.name,
                rng.range(3, 40),
                third.name
            ),
            1 => "Sign up to our newsletter for the latest transfer news, straight to your inbox every morning.".to_string(),
            2 => format!(
                "The transfer window closes on {} {} at 11pm, and clubs across Europe are expected to be busy until the final hours.",
                rng.range(1, 31),
                rng.pick(&["January", "August", "September", "February"])
            ),
            3 => format!(
                "{c1} sit {} in the table, {} points off the top, after a run of {} wins in {} games.",
                ordinal(rng.range(1, 20)),
                rng.range(0, 15),
                rng.range(1, 6),
                rng.range(6, 10)
            ),
            4 => "Advertisement".to_string(),
            5 => format!("Read more: {} boss plays down talk of a January clear-out", c1),
            6 => format!(
                "Elsewhere, {} is recovering from a hamstring injury and is expected to miss the next {} weeks, a blow for {c1}.",
                other.name,
                rng.range(2, 8)
            ),
            _ => format!(
                "Ticket prices for the meeting with {c2} have risen by {} per cent, and supporters' groups have promised a protest.",
                rng.range(5, 30)
            ),
        }
    }

    fn secondary(&self, rng: &mut Rng) -> String {
        let other = rng.pick(&self.world.players);
        let c = rng.pick(&self.world.clubs);
        let s = other.surname();
        match rng.below(4) {
            0 => format!(
                "Meanwhile, {c} are also keen on {}, who has impressed this season.",
                other.name
            ),
            1 => format!(
                "{} has also been linked with {c}, although {s} is thought to prefer a return home.",
                other.name
            ),
            2 => format!(
                "{c} have also asked about {}, whose contract runs out in June {}.",
                other.name,
                other.contract_end(self.season_end)
            ),
            _ => format!(
                "{} joined {c} last summer and has started every game since; {s} is not for sale.",
                other.name
            ),
        }
    }

    fn headline(&self, rng: &mut Rng) -> String {
        let s = self.player.surname();
        let c = self.suitor(rng);
        match rng.below(6) {
            0 => format!("{c} eye {s} move"),
            1 => format!("{} linked with {c} as contract runs down", self.player.name),
            2 => format!("Transfer news: {c} join race for {} {s}", self.club()),
            3 => format!("{s} future in doubt at {}", self.club()),
            4 => format!("{c} plot summer swoop for {}", self.player.name),
            _ => format!(
                "Rumour mill: {s}, {} and the latest gossip",
                rng.pick(&self.world.players).surname()
            ),
        }
    }
}

fn handle(surname: &str, rng: &mut Rng) -> String {
    let mut out: String = mercato::text::fold(surname)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if out.is_empty() {
        out.push_str("mercato");
    }
    let _ = write!(out, "{}", rng.range(1, 99));
    out
}

/// Upper-cases the first letter of every sentence ("the Spaniard has ..." at a start).
fn capitalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
            continue;
        }
        if c.is_alphanumeric() || c == '"' || c == '@' || c == '#' {
            start = false;
        }
        out.push(c);
        if c == '.' || c == '!' || c == '?' {
            start = true;
        }
    }
    out
}

fn hashtag(club: &str) -> String {
    club.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// One article of 1–4 KB: a lead rumour paragraph, then a mix of contract, quote, caption,
/// secondary-rumour and noise paragraphs.
pub fn article(rng: &mut Rng, world: &World) -> Article {
    let player = &world.players[rng.skewed(world.players.len())];
    let (first, span) = date_span();
    let date = if rng.chance(10) {
        None
    } else {
        first.checked_add_days(Days::new(rng.next_u64() % span))
    };
    let year = date.map_or(2022, |d| d.year());
    let season_end = date.map_or(2022, |d| {
        if d.month() >= 7 {
            d.year() + 1
        } else {
            d.year()
        }
    });
    let mut suitors: Vec<&str> = Vec::new();
    for _ in 0..rng.range(1, 4) {
        let club = world.clubs[rng.skewed(world.clubs.len())].as_str();
        if club != world.clubs[player.club] && !suitors.contains(&club) {
            suitors.push(club);
        }
    }
    if suitors.is_empty() {
        let next = (player.club + 1) % world.clubs.len();
        suitors.push(&world.clubs[next]);
    }
    let story = Story {
        world,
        player,
        suitors,
        outlet: rng.pick::<String>(&world.outlets),
        date,
        expiry: player.contract_end(season_end),
        season_end,
    };

    let target = rng.range(1024, 4096);
    let mut body = String::with_capacity(target + 512);
    // The lead: a rumour, then usually the contract.
    let mut lead = story.rumour(rng);
    let second = story.rumour(rng);
    if second != lead {
        lead.push(' ');
        lead.push_str(&second);
    }
    if rng.chance(70) {
        lead.push(' ');
        lead.push_str(&story.contract(rng));
    }
    body.push_str(&capitalise(&lead));
    let mut attempts = 0;
    while attempts < 200 {
        attempts += 1;
        let paragraph = match rng.below(12) {
            0..=2 => format!("{} {}", story.rumour(rng), story.rumour(rng)),
            3 | 4 => format!("{} {}", story.contract(rng), story.rumour(rng)),
            5 | 6 => story.quote(rng),
            7 => story.caption(rng),
            8 | 9 => story.noise(rng),
            _ => format!("{} {}", story.secondary(rng), story.noise(rng)),
        };
        let paragraph = capitalise(&paragraph);
        // Real articles rarely repeat a sentence word for word.
        let sentences: Vec<&str> = paragraph.split_inclusive(". ").map(str::trim_end).collect();
        let repeated = sentences.iter().enumerate().any(|(i, sentence)| {
            sentence.len() > 30 && (body.contains(sentence) || sentences[..i].contains(sentence))
        });
        if repeated {
            continue;
        }
        if body.len() >= 1024 && body.len() + paragraph.len() + 2 > target {
            break;
        }
        if body.len() + paragraph.len() + 2 > 4096 {
            continue;
        }
        body.push_str("\n\n");
        body.push_str(&paragraph);
    }
    let title = story.headline(rng);
    let slug: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Article {
        url: format!(
            "https://news.example/{}/{}-{}",
            year,
            slug.trim_matches('-'),
            rng.next_u64() % 100_000
        ),
        title,
        date,
        source: story.outlet.to_string(),
        body,
    }
}

// ---- files --------------------------------------------------------------------------------

/// How much to generate and from which seed.
#[derive(Debug, Clone)]
pub struct Options {
    /// Stop after this many articles.
    pub articles: Option<usize>,
    /// Stop once this many bytes of article text are written.
    pub bytes: Option<u64>,
    pub seed: u64,
    /// Players on the roster.
    pub roster: usize,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub articles: usize,
    pub undated: usize,
    pub files: usize,
    /// Bytes of article text (bodies only).
    pub body_bytes: u64,
    /// Bytes written to disk (bodies plus headers, front matter and JSON).
    pub file_bytes: u64,
    pub roster: usize,
    /// Articles per format: txt, md, json, jsonl.
    pub per_format: [usize; 4],
}

struct Writer {
    root: PathBuf,
    summary: Summary,
    jsonl: Vec<String>,
    jsonl_files: usize,
    bundle: Vec<Value>,
    bundle_size: usize,
    bundle_files: usize,
}

impl Writer {
    fn write(&mut self, relative: &str, contents: &str) -> io::Result<()> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, contents)?;
        self.summary.files += 1;
        self.summary.file_bytes += contents.len() as u64;
        Ok(())
    }

    fn flush_jsonl(&mut self) -> io::Result<()> {
        if self.jsonl.is_empty() {
            return Ok(());
        }
        let mut text = self.jsonl.join("\n");
        text.push('\n');
        self.jsonl.clear();
        self.jsonl_files += 1;
        let name = format!("feeds/feed-{:04}.jsonl", self.jsonl_files);
        self.write(&name, &text)
    }

    fn flush_bundle(&mut self) -> io::Result<()> {
        if self.bundle.is_empty() {
            return Ok(());
        }
        let text = serde_json::to_string_pretty(&Value::Array(std::mem::take(&mut self.bundle)))
            .map_err(io::Error::other)?;
        self.bundle_files += 1;
        let name = format!("bundles/bundle-{:04}.json", self.bundle_files);
        self.write(&name, &text)
    }
}

fn json_object(rng: &mut Rng, article: &Article) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("title".into(), Value::String(article.title.clone()));
    if let Some(date) = article.date {
        let text = match rng.below(3) {
            0 => format!("{date}T{:02}:{:02}:00Z", rng.below(24), rng.below(60)),
            1 => format!("{date}T{:02}:{:02}:00+01:00", rng.below(24), rng.below(60)),
            _ => date.to_string(),
        };
        object.insert("date".into(), Value::String(text));
    } else if rng.chance(50) {
        object.insert("date".into(), Value::Null);
    }
    object.insert("source".into(), Value::String(article.source.clone()));
    object.insert("url".into(), Value::String(article.url.clone()));
    object.insert("body".into(), Value::String(article.body.clone()));
    object
}

/// Writes a corpus under `root` (created if missing; it must be empty) and says what it wrote.
///
/// Formats: about 35% `.txt` (a `date YYYY-MM-DD ` header on the body's first line), 25% `.md`
/// (YAML-like or TOML front matter, sometimes a `# Heading`), 15% `.json` (single objects and
/// arrays of 2–5), 25% JSON Lines (`feeds/`, 200 articles per file). Single-article files go
/// into one folder per season (`undated/` for the ~10% without a date).
pub fn write_corpus(
    root: &Path,
    options: &Options,
    world: &World,
    rng: &mut Rng,
) -> io::Result<Summary> {
    fs::create_dir_all(root)?;
    if fs::read_dir(root)?.next().is_some() {
        return Err(io::Error::other(format!(
            "{} is not empty; give a new or empty folder",
            root.display()
        )));
    }
    let mut writer = Writer {
        root: root.to_path_buf(),
        summary: Summary {
            roster: world.players.len(),
            ..Summary::default()
        },
        jsonl: Vec::new(),
        jsonl_files: 0,
        bundle: Vec::new(),
        bundle_size: 2,
        bundle_files: 0,
    };
    let done = |s: &Summary| {
        options.articles.is_some_and(|n| s.articles >= n)
            || options.bytes.is_some_and(|n| s.body_bytes >= n)
    };
    while !done(&writer.summary) {
        let article = article(rng, world);
        let n = writer.summary.articles;
        writer.summary.articles += 1;
        writer.summary.body_bytes += article.body.len() as u64;
        if article.date.is_none() {
            writer.summary.undated += 1;
        }
        let folder = article
            .date
            .map_or_else(|| "undated".to_string(), season_of);
        match rng.below(20) {
            0..=6 => {
                writer.summary.per_format[0] += 1;
                let text = match article.date {
                    Some(date) => format!("date {date} {}\n", article.body),
                    None => format!("{}\n", article.body),
                };
                writer.write(&format!("{folder}/{n:06}.txt"), &text)?;
            }
            7..=11 => {
                writer.summary.per_format[1] += 1;
                let mut text = String::with_capacity(article.body.len() + 256);
                if rng.chance(80) {
                    text.push_str("---\n");
                    let _ = writeln!(text, "title: \"{}\"", article.title.replace('"', "'"));
                    if let Some(date) = article.date {
                        let _ = writeln!(text, "date: {date}");
                    }
                    let _ = writeln!(text, "source: {}", article.source);
                    let _ = writeln!(text, "url: {}", article.url);
                    let _ = writeln!(text, "tags: [transfers, rumours]");
                    text.push_str("---\n\n");
                } else {
                    text.push_str("+++\n");
                    let _ = writeln!(text, "title = {:?}", article.title);
                    if let Some(date) = article.date {
                        let _ = writeln!(text, "date = {date}");
                    }
                    let _ = writeln!(text, "source = {:?}", article.source);
                    text.push_str("+++\n\n");
                    let _ = writeln!(text, "# {}\n", article.title);
                }
                text.push_str(&article.body);
                text.push('\n');
                writer.write(&format!("{folder}/{n:06}.md"), &text)?;
            }
            12..=14 => {
                writer.summary.per_format[2] += 1;
                let object = json_object(rng, &article);
                if rng.chance(50) {
                    let text = serde_json::to_string_pretty(&Value::Object(object))
                        .map_err(io::Error::other)?;
                    writer.write(&format!("{folder}/{n:06}.json"), &text)?;
                } else {
                    writer.bundle.push(Value::Object(object));
                    if writer.bundle.len() >= writer.bundle_size {
                        writer.flush_bundle()?;
                        writer.bundle_size = rng.range(2, 5);
                    }
                }
            }
            _ => {
                writer.summary.per_format[3] += 1;
                let object = json_object(rng, &article);
                let line =
                    serde_json::to_string(&Value::Object(object)).map_err(io::Error::other)?;
                writer.jsonl.push(line);
                if writer.jsonl.len() >= 200 {
                    writer.flush_jsonl()?;
                }
            }
        }
    }
    writer.flush_jsonl()?;
    writer.flush_bundle()?;
    Ok(writer.summary)
}

/// Clubs and outlets of the embedded gazetteer, as the generator's world.
pub fn gazetteer_world(
    gazetteer: &mercato::gazetteer::Gazetteer,
    rng: &mut Rng,
    roster_size: usize,
) -> World {
    let clubs = gazetteer.clubs.iter().map(|c| c.name.clone()).collect();
    let outlets = gazetteer.outlets.iter().map(|o| o.name.clone()).collect();
    World::new(rng, clubs, outlets, roster_size)
}

/// Generates a corpus with the given options into `root`.
pub fn generate(root: &Path, options: &Options) -> Result<Summary, Box<dyn std::error::Error>> {
    let gazetteer = mercato::gazetteer::Gazetteer::embedded()?;
    let mut rng = Rng::new(options.seed);
    let world = gazetteer_world(&gazetteer, &mut rng, options.roster);
    Ok(write_corpus(root, options, &world, &mut rng)?)
}

//! One test per extraction rule, on sentences written the way outlets write them.

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::*;
use crate::text::hard_wrap;

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::embedded().expect("embedded gazetteer parses"));

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Read {
    extraction: Extraction,
}

impl Read {
    fn new(text: &str, on: Option<&str>) -> Self {
        Self {
            extraction: extract(&GAZETTEER, text, on.map(date), None),
        }
    }

    fn name(&self, person: usize) -> &str {
        &self.extraction.people[person].name
    }

    fn club(&self, club: usize) -> &str {
        &GAZETTEER.clubs[club].name
    }

    fn players(&self) -> Vec<&str> {
        self.with_role(Role::Player)
    }

    fn with_role(&self, role: Role) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .extraction
            .people
            .iter()
            .filter(|p| p.role == role)
            .map(|p| p.name.as_str())
            .collect();
        names.sort_unstable();
        names
    }

    fn rumours(&self) -> Vec<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = self
            .extraction
            .rumours
            .iter()
            .map(|r| (self.name(r.person), self.club(r.club)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    fn contracts(&self) -> Vec<(&str, Option<&str>, String)> {
        self.extraction
            .contracts
            .iter()
            .map(|c| {
                (
                    self.name(c.person),
                    c.club.map(|id| self.club(id)),
                    c.expires.to_string(),
                )
            })
            .collect()
    }

    /// (player, end date) pairs, sorted.
    fn expiries(&self) -> Vec<(&str, String)> {
        let mut pairs: Vec<(&str, String)> = self
            .contracts()
            .into_iter()
            .map(|(name, _, date)| (name, date))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    fn current(&self) -> Vec<(&str, &str)> {
        self.extraction
            .current_clubs
            .iter()
            .map(|l| (self.name(l.person), self.club(l.club)))
            .collect()
    }
}

// --- People -------------------------------------------------------------------------------

#[test]
fn unknown_full_names_are_players_by_default() {
    let read = Read::new(
        "Kwame Adjei-Mensah scored twice on Saturday. Tomás Eriksberg also impressed.",
        None,
    );
    assert_eq!(read.players(), ["Kwame Adjei-Mensah", "Tomás Eriksberg"]);
}

#[test]
fn role_nouns_before_a_name_classify_it() {
    let read = Read::new(
        "Sporting director Hendrik Vollmer met agent Paulo Teixeira and head coach Ruben Amorim. President Jaume Roures said nothing.",
        None,
    );
    assert!(read.players().is_empty(), "{:?}", read.players());
    assert_eq!(read.with_role(Role::Agent), ["Paulo Teixeira"]);
    assert!(read.with_role(Role::Executive).contains(&"Hendrik Vollmer"));
    assert!(read.with_role(Role::Executive).contains(&"Jaume Roures"));
}

#[test]
fn appositions_and_lists_carry_the_role() {
    let read = Read::new(
        "Marco Bellucci, the club's owner, was in the stands with singers Marc Anthony and Alejandro Sanz. Jordan McAllister, 24, watched on.",
        None,
    );
    assert_eq!(read.with_role(Role::Owner), ["Marco Bellucci"]);
    assert_eq!(
        read.with_role(Role::Other),
        ["Alejandro Sanz", "Marc Anthony"]
    );
    assert_eq!(read.players(), ["Jordan McAllister"]);
}

#[test]
fn a_coach_listed_among_players_is_a_player() {
    let read = Read::new(
        "Zinédine Zidane, Ronan Petitjean, Kofi Mensah-Boateng and Arne Slot were all sold that summer, as was Pep Guardiola.",
        None,
    );
    assert!(
        read.players().contains(&"Zinédine Zidane"),
        "{:?}",
        read.players()
    );
    assert!(read.players().contains(&"Arne Slot"));
    assert!(!read.players().contains(&"Pep Guardiola"));
    // Two names are not a list of players: the coach keeps his role.
    let read = Read::new(
        "Pep Guardiola and Ronan Petitjean spoke after the game.",
        None,
    );
    assert!(!read.players().contains(&"Pep Guardiola"));
}

#[test]
fn bylines_and_photo_credits_are_not_people() {
    let read = Read::new(
        "By Harriet Quayle\nJordan McAllister trains with Celtic. Picture: Dominic Farrow/Agency Images\nLuca Benvenuti arrives at the airport. Simone Vetrano-WIRE Sports\nPhotograph: Ruth Okafor",
        None,
    );
    assert_eq!(read.players(), ["Jordan McAllister", "Luca Benvenuti"]);
}

#[test]
fn nicknames_and_places_after_the_are_teams_not_people() {
    let read = Read::new(
        "The Black Cats and the Jam Tarts want Jordan McAllister, who could join the South Florida team.",
        None,
    );
    assert_eq!(read.players(), ["Jordan McAllister"]);
}

#[test]
fn lower_league_and_asian_clubs_are_clubs() {
    let read = Read::new(
        "Partick Thistle, Lincoln City and Kawasaki Frontale want Jordan McAllister.",
        None,
    );
    assert_eq!(read.players(), ["Jordan McAllister"]);
    assert_eq!(read.rumours().len(), 3, "{:?}", read.rumours());
}

#[test]
fn an_age_glued_to_a_name_is_not_part_of_it() {
    let read = Read::new(
        "Porto goalkeeper Hannah Vickery31, is wanted by Lyon.",
        None,
    );
    assert_eq!(read.players(), ["Hannah Vickery"]);
    assert_eq!(read.rumours(), [("Hannah Vickery", "Lyon")]);
}

#[test]
fn surnames_and_misspellings_fold_into_one_person() {
    let read = Read::new(
        "Higuain arrived first. Luca Modric sealed the game before Gonzalo Higuain scored. Modric was substituted.",
        None,
    );
    assert_eq!(read.players(), ["Gonzalo Higuaín", "Luka Modrić"]);
    let higuain = read
        .extraction
        .people
        .iter()
        .find(|p| p.name == "Gonzalo Higuaín")
        .unwrap();
    assert!(higuain.aliases.contains(&"Higuain".to_string()));
}

#[test]
fn particles_stay_inside_names() {
    let read = Read::new(
        "Daan van der Berg and Rafael dos Reis were named in the squad. Van der Berg started.",
        None,
    );
    assert_eq!(read.players(), ["Daan van der Berg", "Rafael dos Reis"]);
}

#[test]
fn places_competitions_handles_and_headlines_are_not_people() {
    let read = Read::new(
        "Do you see him leaving the Santiago Bernabeu for the Champions League holders? Follow @SergioRamos for more.\nLiverpool Transfer News Update: Premier League Champions to Make Move for Manchester United Linked Dayot Upamecano in January.",
        None,
    );
    assert_eq!(read.players(), ["Dayot Upamecano"]);
}

#[test]
fn title_case_headlines_keep_names_that_start_with_a_first_name() {
    let read = Read::new(
        "Manchester United Transfer News Latest Update: Sergio Romero Seeking Contract Termination After Being Left Out",
        None,
    );
    assert_eq!(read.players(), ["Sergio Romero"]);
}

#[test]
fn credits_captions_and_embedded_posts_are_not_people() {
    let read = Read::new(
        "Kenji Okafor celebrates his goal at the Emirates. (Photo by Harriet Lomax)\n\
         The winger trains with his new teammates. (AP Photo/Dmitri Varga, file)\n\
         Image: Colm Brady/Sportsfile\n\
         Okafor could leave in January, said the journalist. — Wilf Durrant (@wilfdurrant) March 3, 2024\n\
         Powered by Linnea Strand",
        None,
    );
    assert_eq!(read.players(), ["Kenji Okafor"]);
}

#[test]
fn names_in_links_to_other_stories_are_not_people() {
    let read = Read::new(
        "Kenji Okafor is wanted by Everton.\n\
         Read more: Chelsea close in on Pedro Almeida as talks advance\n\
         Related: Brentford reject offer for Mathis Leclerc\n\
         Mehr zum Thema: Jonas Wittmann bleibt beim Club\n\
         Ultime Notizie",
        None,
    );
    assert_eq!(read.players(), ["Kenji Okafor"]);
}

#[test]
fn a_capitalised_by_inside_a_line_opens_a_byline() {
    let read = Read::new(
        "Transfer gossip: Leeds weigh up move By Rhona Mackie Published 5th May, 09:00\n\
         Kenji Okafor is wanted by Leeds.",
        None,
    );
    assert_eq!(read.players(), ["Kenji Okafor"]);
    // A Title Case headline capitalises every "By".
    let headline = Read::new(
        "Late Winner Scored By Marcus Okafor Sinks Brentford Again",
        None,
    );
    assert_eq!(headline.players(), ["Marcus Okafor"]);
}

#[test]
fn trophies_awards_columns_and_womens_teams_are_not_people() {
    let read = Read::new(
        "Kenji Okafor has won two Scottish Cups and the Golden Boy Award, and he was linked with Doncaster Rovers Belles and Lewes Women in the latest Paper Talk.",
        None,
    );
    assert_eq!(read.players(), ["Kenji Okafor"]);
}

#[test]
fn executives_and_owners_named_with_their_role_are_not_players() {
    let read = Read::new(
        "Chief executive Margaret Ashdown confirmed the sale, and co-owner Declan Fairbrother thanked the fans. Kenji Okafor signed on Friday.",
        None,
    );
    assert_eq!(read.players(), ["Kenji Okafor"]);
    assert_eq!(read.with_role(Role::Executive), ["Margaret Ashdown"]);
    assert_eq!(read.with_role(Role::Owner), ["Declan Fairbrother"]);
}

#[test]
fn the_role_after_as_or_is_classifies_the_name() {
    let read = Read::new(
        "Partick Thistle want to appoint Harold Finch as their next manager. Kofi Mensah is Ghana's all-time leading scorer. Peter Vance was the club's chairman for ten years.",
        None,
    );
    assert_eq!(read.with_role(Role::Coach), ["Harold Finch"]);
    assert_eq!(read.players(), ["Kofi Mensah"]);
    assert_eq!(read.with_role(Role::Executive), ["Peter Vance"]);
    // What someone used to be says nothing of what he is.
    let former = Read::new("Ruben Amorim is a former midfielder.", None);
    assert!(former.players().is_empty(), "{:?}", former.players());
}

#[test]
fn known_managers_and_famous_outsiders_are_not_players() {
    let read = Read::new(
        "Steve Clarke watched from the stands as Kenji Okafor scored. He has the vision of Pablo Picasso with a ball at his feet.",
        None,
    );
    assert_eq!(read.players(), ["Kenji Okafor"]);
}

#[test]
fn lone_surnames_listed_with_people_are_players() {
    let read = Read::new(
        "Juventus must first move on Tavares, McKennie and Lindqvist before they can bid. The likes of Okoro and Kenji Okafor could also go.",
        None,
    );
    assert_eq!(
        read.players(),
        [
            "Kenji Okafor",
            "Lindqvist",
            "Okoro",
            "Tavares",
            "Weston McKennie"
        ]
    );
}

#[test]
fn two_words_and_a_comma_are_no_list() {
    let read = Read::new(
        "Kenji Okafor joined in 2021. Crucially, Okafor's contract runs out next summer.\n\
         Q: Will Okafor stay? – Rhona Mackie, Stockport",
        None,
    );
    let players = read.players();
    assert!(!players.contains(&"Crucially"), "{players:?}");
    assert!(!players.contains(&"Stockport"), "{players:?}");
}

#[test]
fn a_surname_only_players_share_is_a_player() {
    let read = Read::new(
        "Manchester United still want Onana for the new season.",
        None,
    );
    assert_eq!(read.players(), ["Onana"]);
    // A player's and a manager's surname stays unread.
    let shared = Read::new("Lazio could include Pellegrini in the deal.", None);
    assert!(shared.players().is_empty(), "{:?}", shared.players());
}

#[test]
fn two_known_surnames_glued_together_are_two_people() {
    let read = Read::new(
        "Up front Onana Marotta is waiting for a better offer from United.",
        None,
    );
    assert_eq!(read.players(), ["Onana"]);
    assert_eq!(read.with_role(Role::Executive), ["Giuseppe Marotta"]);
    // The tail of a known name stays one name.
    let one = Read::new("Smith Rowe is close to a move.", None);
    assert_eq!(one.players(), ["Emile Smith Rowe"]);
}

#[test]
fn surnames_in_a_title_case_list_are_read() {
    let read = Read::new(
        "Deadline Day Latest: Rashford, Sancho, Casemiro, Mount\nThe window shuts tonight.",
        None,
    );
    assert_eq!(
        read.players(),
        ["Casemiro", "Jadon Sancho", "Marcus Rashford", "Mason Mount"]
    );
}

#[test]
fn double_barrelled_and_misspelt_surnames_resolve() {
    let read = Read::new(
        "Lazio will not let Milinkovic leave cheaply. Tomás Eriksberg is wanted by Sevilla, and Eriksburg is open to the move.",
        None,
    );
    assert_eq!(
        read.players(),
        ["Sergej Milinković-Savić", "Tomás Eriksberg"]
    );
    assert_eq!(read.rumours(), [("Tomás Eriksberg", "Sevilla")]);
}

#[test]
fn one_player_in_a_list_makes_former_players_players() {
    let read = Read::new(
        "Lampard, Terry, Carrick and Bukayo Saka were all named in the squad of the decade.",
        None,
    );
    assert_eq!(
        read.players(),
        [
            "Bukayo Saka",
            "Frank Lampard",
            "John Terry",
            "Michael Carrick"
        ]
    );
}

// --- Text shape ---------------------------------------------------------------------------

const WRAPPED_ARTICLE: &str = "Chelsea transfer latest\n\
    \n\
    Manchester United are ready to test Brighton's resolve with an opening offer for Kaoru Mitoma, whose contract at the Amex runs until June 2027, according to reports in Japan.\n\
    \n\
    Real Madrid are also monitoring the winger, but Tomás Eriksberg is their first choice, and Sevilla have already held talks with the Swede's representatives over a summer move.\n\
    \n\
    Players whose deals end in June:\n\
    James Milner\n\
    Adam Lallana";

/// People (with roles), rumours and contract ends, as text.
type Facts = (Vec<String>, Vec<(String, String)>, Vec<(String, String)>);

/// Everything read from a text, in a form that does not depend on byte offsets.
fn facts(text: &str) -> Facts {
    let read = Read::new(text, Some("2026-01-10"));
    let people = read
        .extraction
        .people
        .iter()
        .map(|p| format!("{} ({:?})", p.name, p.role))
        .collect();
    let rumours = read
        .rumours()
        .into_iter()
        .map(|(player, club)| (player.to_string(), club.to_string()))
        .collect();
    let contracts = read
        .expiries()
        .into_iter()
        .map(|(player, date)| (player.to_string(), date))
        .collect();
    (people, rumours, contracts)
}

#[test]
fn hard_wrapped_text_gives_the_same_facts() {
    let flowing = facts(WRAPPED_ARTICLE);
    assert!(
        !flowing.1.is_empty() && !flowing.2.is_empty(),
        "{flowing:?}"
    );
    for width in [60, 45] {
        assert_eq!(
            facts(&hard_wrap(WRAPPED_ARTICLE, width)),
            flowing,
            "at {width}"
        );
    }
}

#[test]
fn one_word_per_line_gives_the_same_facts() {
    let scraped: String = WRAPPED_ARTICLE
        .split("\n\n")
        .map(|block| {
            // The list keeps one player per line, as pages print it.
            if block.starts_with("Players") {
                block.to_string()
            } else {
                block.split_whitespace().collect::<Vec<_>>().join("\n")
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(facts(&scraped), facts(WRAPPED_ARTICLE));
}

#[test]
fn evidence_in_wrapped_text_points_at_the_body() {
    let wrapped = hard_wrap(WRAPPED_ARTICLE, 60);
    let read = Read::new(&wrapped, Some("2026-01-10"));
    let rumour = read
        .extraction
        .rumours
        .iter()
        .find(|r| read.name(r.person) == "Kaoru Mitoma")
        .expect("the Mitoma rumour");
    let evidence = &wrapped[rumour.sentence.clone()];
    assert!(evidence.contains('\n'), "{evidence:?}");
    assert!(
        evidence.starts_with("Manchester United are ready"),
        "{evidence:?}"
    );
    assert!(
        evidence.ends_with("according to reports in Japan."),
        "{evidence:?}"
    );
    for mention in &read.extraction.mentions {
        if let MentionKind::Person(id) = mention.kind {
            let text = &wrapped[mention.span.clone()];
            let name = &read.extraction.people[id];
            let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                squeezed == name.name || name.aliases.contains(&squeezed),
                "{text:?} for {name:?}"
            );
        }
    }
}

// --- Sources ------------------------------------------------------------------------------

#[test]
fn cited_outlets_including_misspelt_ones() {
    let read = Read::new(
        "However, Diaro Gol now reports that the defender has an offer. Latest reports from AS state that he could leave. According to Sky Sports, talks are advanced.",
        None,
    );
    assert_eq!(read.extraction.sources, ["Diario Gol", "AS", "Sky Sports"]);
    assert!(read.players().is_empty(), "{:?}", read.players());
}

#[test]
fn unknown_outlets_in_a_citing_frame_are_sources_not_people() {
    let read = Read::new(
        "According to Calcio Insider Daily, Juventus are keen on Sergio Ramos.",
        None,
    );
    assert_eq!(read.extraction.sources, ["Calcio Insider Daily"]);
    assert_eq!(read.players(), ["Sergio Ramos"]);
}

#[test]
fn outlet_names_without_a_citation_are_not_sources() {
    let read = Read::new("As of now, Ramos and Madrid are at a crossroads.", None);
    assert!(read.extraction.sources.is_empty());
}

// --- Rumours ------------------------------------------------------------------------------

#[test]
fn linked_with_a_list_of_clubs() {
    let read = Read::new(
        "Sergio Ramos has already been linked with the likes of Liverpool and Paris Saint-Germain.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Sergio Ramos", "Liverpool"),
            ("Sergio Ramos", "Paris Saint-Germain")
        ]
    );
}

#[test]
fn clubs_credited_with_interest_in_a_player() {
    let read = Read::new(
        "European powerhouses like Juventus, Inter Milan and PSG have also been credited with an interest in Sergio Ramos.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Sergio Ramos", "Inter Milan"),
            ("Sergio Ramos", "Juventus"),
            ("Sergio Ramos", "Paris Saint-Germain")
        ]
    );
}

#[test]
fn role_references_and_pronouns_resolve_to_the_player() {
    let read = Read::new(
        "Sergio Ramos is in the final year of his deal. The 34-year-old defender could join Juventus. Chelsea are also keen on the Spaniard, and he is wanted by Liverpool too.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Sergio Ramos", "Chelsea"),
            ("Sergio Ramos", "Juventus"),
            ("Sergio Ramos", "Liverpool")
        ]
    );
}

#[test]
fn club_pronouns_and_league_descriptions_resolve_to_clubs() {
    let read = Read::new(
        "The Bianconeri are masters of free transfers. They now have their eye on Sergio Ramos. The Serie A side will also offer Ramos a better contract than Madrid.",
        None,
    );
    assert_eq!(read.rumours(), [("Sergio Ramos", "Juventus")]);
}

#[test]
fn headline_club_linked_player() {
    let read = Read::new(
        "Premier League Champions to Make Move for Manchester United Linked Dayot Upamecano",
        None,
    );
    assert_eq!(read.rumours(), [("Dayot Upamecano", "Manchester United")]);
}

#[test]
fn clubs_wanting_and_bidding() {
    let read = Read::new(
        "Arsenal want to sign Kwame Adjei-Mensah this summer. Bayern Munich have made a fresh bid for Luca Benvenuti. Napoli are monitoring Jordan McAllister.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "Napoli"),
            ("Kwame Adjei-Mensah", "Arsenal"),
            ("Luca Benvenuti", "Bayern Munich")
        ]
    );
}

#[test]
fn examples_in_a_list_are_not_the_mover() {
    let read = Read::new(
        "Real Madrid captain Sergio Ramos could join the likes of Blaise Matuidi and Higuain at Inter Miami.",
        None,
    );
    assert_eq!(read.rumours(), [("Sergio Ramos", "Inter Miami")]);
    assert_eq!(read.current(), [("Sergio Ramos", "Real Madrid")]);
}

#[test]
fn the_current_club_is_never_a_destination_but_a_former_one_may_be() {
    // Linked with his former club Sevilla: a return is a destination (issue 11).
    let read = Read::new(
        "Sergio Ramos, who is in the final year of his contract at Real Madrid, is wanted by Real Madrid and Sevilla. The former Sevilla defender is also linked with Chelsea.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [("Sergio Ramos", "Chelsea"), ("Sergio Ramos", "Sevilla")]
    );
    // A club named only as his past is not.
    let read = Read::new(
        "The former Porto midfielder Jordan McAllister is linked with Chelsea.",
        None,
    );
    assert_eq!(read.rumours(), [("Jordan McAllister", "Chelsea")]);
}

#[test]
fn completed_moves_are_not_rumours() {
    let read = Read::new(
        "The likes of Blaise Matuidi and Gonzalo Higuain have made the move to Inter Miami this year. Paul Pogba joined Juventus in 2016.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
}

#[test]
fn denials_are_not_rumours() {
    let read = Read::new(
        "Barcelona have ruled out a move for Luca Benvenuti. Jordan McAllister is not interested in joining Celtic.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
}

#[test]
fn possessive_club_marks_the_current_club() {
    let read = Read::new("Chelsea's Tomás Eriksberg is a target for Napoli.", None);
    assert_eq!(read.current(), [("Tomás Eriksberg", "Chelsea")]);
    assert_eq!(read.rumours(), [("Tomás Eriksberg", "Napoli")]);
}

#[test]
fn leaving_a_club_makes_it_current() {
    let read = Read::new(
        "It will be interesting to see if Sergio Ramos does indeed choose to leave Real Madrid and join Inter Miami in 2021.",
        None,
    );
    assert_eq!(read.rumours(), [("Sergio Ramos", "Inter Miami")]);
    assert_eq!(read.current(), [("Sergio Ramos", "Real Madrid")]);
}

#[test]
fn a_description_before_the_first_name_means_the_articles_main_player() {
    let read = Read::new(
        "Porto have been credited with interest in the 26-year-old winger. Jordan McAllister is wanted elsewhere too, and Jordan McAllister has not decided.",
        None,
    );
    assert!(
        read.rumours().contains(&("Jordan McAllister", "FC Porto")),
        "{:?}",
        read.rumours()
    );
}

#[test]
fn the_signing_of_is_not_a_description_of_the_player() {
    let read = Read::new(
        "Porto are closing in on the signing of an unnamed full-back. Jordan McAllister, meanwhile, stays put. Jordan McAllister is happy.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
}

#[test]
fn clubs_whose_interest_is_piqued_or_who_compete_are_suitors() {
    let read = Read::new(
        "Jordan McAllister has piqued the interest of Porto and Ajax.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "Ajax"),
            ("Jordan McAllister", "FC Porto")
        ]
    );
    let read = Read::new(
        "Celtic want Jordan McAllister but face competition to sign the winger from Ajax and Lyon.",
        None,
    );
    let rumours = read.rumours();
    assert!(
        rumours.contains(&("Jordan McAllister", "Ajax")),
        "{rumours:?}"
    );
    assert!(rumours.contains(&("Jordan McAllister", "Lyon")));
}

#[test]
fn a_secured_move_is_done_not_rumoured() {
    let read = Read::new(
        "Jordan McAllister has secured a move to Porto after five years at Celtic.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
    assert!(read.current().contains(&("Jordan McAllister", "FC Porto")));
}

#[test]
fn a_club_announcing_a_signing_is_the_players_club_now() {
    let read = Read::new(
        "Swansea City have completed the signing of winger Jordan McAllister. Porto have confirmed the arrival of Luca Benvenuti.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
    assert!(
        read.current()
            .contains(&("Jordan McAllister", "Swansea City"))
    );
    assert!(read.current().contains(&("Luca Benvenuti", "FC Porto")));
}

#[test]
fn new_contracts_offered_by_the_club_are_not_a_move() {
    let read = Read::new(
        "Jordan McAllister and Luca Benvenuti are Everton players. The club is offering new contracts to Jordan McAllister and Luca Benvenuti.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
}

#[test]
fn players_listed_before_a_move_share_it() {
    let read = Read::new(
        "Jordan McAllister and Luca Benvenuti could join Porto next summer.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "FC Porto"),
            ("Luca Benvenuti", "FC Porto")
        ]
    );
    // A list in an earlier clause is not the subject of this one.
    let read = Read::new(
        "Leeds rate Jordan McAllister and Luca Benvenuti, and the Times says Kwame Adjei-Mensah could join Porto.",
        None,
    );
    assert_eq!(read.rumours(), [("Kwame Adjei-Mensah", "FC Porto")]);
}

#[test]
fn a_loan_deal_being_signed_is_with_the_destination() {
    let read = Read::new(
        "Chelsea forward Jordan McAllister is putting pen to paper on a season-long loan contract with Crystal Palace.",
        None,
    );
    assert_eq!(read.rumours(), [("Jordan McAllister", "Crystal Palace")]);
    // Another player's own deal is not one being signed.
    let read = Read::new(
        "Porto are exploring signing Jordan McAllister, whose contract with Celtic ends in 2027.",
        None,
    );
    assert_eq!(read.rumours(), [("Jordan McAllister", "FC Porto")]);
    // A new deal with a club stays with his own club.
    let read = Read::new(
        "Jordan McAllister is set to sign a new deal with Celtic.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
}

#[test]
fn turning_down_the_chance_to_sign_is_a_negation() {
    let read = Read::new(
        "Porto turned down the chance to sign Jordan McAllister.",
        None,
    );
    assert!(read.rumours().is_empty(), "{:?}", read.rumours());
}

#[test]
fn long_descriptions_and_convincing_verbs() {
    let read = Read::new(
        "Jordan McAllister has left Celtic. That form has seen the now out of contract former Celtic front man linked with Porto and Ajax.",
        None,
    );
    let rumours = read.rumours();
    assert!(
        rumours.contains(&("Jordan McAllister", "FC Porto")),
        "{rumours:?}"
    );
    assert!(rumours.contains(&("Jordan McAllister", "Ajax")));
    let read = Read::new("Porto try to convince Jordan McAllister.", None);
    assert_eq!(read.rumours(), [("Jordan McAllister", "FC Porto")]);
}

#[test]
fn the_current_club_named_as_such_is_never_a_destination() {
    let read = Read::new(
        "Porto's hopes of signing Jordan McAllister have taken a hit after he opened contract talks with current club Celtic.",
        None,
    );
    assert_eq!(read.rumours(), [("Jordan McAllister", "FC Porto")]);
    assert!(read.current().contains(&("Jordan McAllister", "Celtic")));
}

#[test]
fn a_denied_report_is_still_a_rumour() {
    let read = Read::new(
        "Porto have denied reaching an agreement to sign Jordan McAllister.",
        None,
    );
    assert_eq!(read.rumours(), [("Jordan McAllister", "FC Porto")]);
}

// --- Contracts ----------------------------------------------------------------------------

#[test]
fn contract_running_out_in_a_month() {
    let read = Read::new(
        "Real Madrid captain Sergio Ramos is stalling. With the defender's contract running out in June 2021, Real Madrid could lose him.",
        Some("2020-11-11"),
    );
    assert_eq!(
        read.contracts(),
        [(
            "Sergio Ramos",
            Some("Real Madrid"),
            "2021-06-30".to_string()
        )]
    );
}

#[test]
fn deal_expires_in_a_year() {
    let read = Read::new("Luca Benvenuti's deal at Napoli expires in 2022.", None);
    assert_eq!(
        read.contracts(),
        [("Luca Benvenuti", Some("Napoli"), "2022-06-30".to_string())]
    );
}

#[test]
fn final_months_relative_to_the_article_date() {
    let text = "Sergio Ramos can now negotiate. The 34-year-old defender has entered the final six months of his Real Madrid contract.";
    let read = Read::new(text, Some("2021-01-13"));
    assert_eq!(
        read.contracts(),
        [(
            "Sergio Ramos",
            Some("Real Madrid"),
            "2021-06-30".to_string()
        )]
    );
    assert!(Read::new(text, None).contracts().is_empty());
}

#[test]
fn out_of_contract_next_summer() {
    let read = Read::new(
        "Jordan McAllister will be out of contract at Celtic next summer.",
        Some("2023-10-02"),
    );
    assert_eq!(
        read.contracts(),
        [(
            "Jordan McAllister",
            Some("Celtic"),
            "2024-06-30".to_string()
        )]
    );
}

#[test]
fn signed_until_and_tied_down_until() {
    let read = Read::new(
        "Kwame Adjei-Mensah is signed until 2024. Arsenal have tied Luca Benvenuti down until June 2027.",
        None,
    );
    assert_eq!(
        read.contracts(),
        [
            ("Kwame Adjei-Mensah", None, "2024-06-30".to_string()),
            ("Luca Benvenuti", None, "2027-06-30".to_string())
        ]
    );
}

#[test]
fn contract_until_the_end_of_the_season() {
    let read = Read::new(
        "Tomás Eriksberg has a contract until the end of the season.",
        Some("2024-02-10"),
    );
    assert_eq!(
        read.contracts(),
        [("Tomás Eriksberg", None, "2024-06-30".to_string())]
    );
}

#[test]
fn exact_expiry_dates() {
    let read = Read::new(
        "His contract expires on 31 December 2025, and Luca Benvenuti wants clarity.",
        None,
    );
    assert_eq!(
        read.contracts(),
        [("Luca Benvenuti", None, "2025-12-31".to_string())]
    );
}

#[test]
fn months_left_on_a_deal() {
    let read = Read::new(
        "Jordan McAllister has 18 months left on his deal.",
        Some("2021-01-13"),
    );
    assert_eq!(
        read.contracts(),
        [("Jordan McAllister", None, "2022-06-30".to_string())]
    );
}

#[test]
fn players_listed_before_a_contract_end_share_it() {
    let read = Read::new(
        "Jordan McAllister, Luca Benvenuti and Tomás Eriksberg are all out of contract in 2027.",
        None,
    );
    assert_eq!(
        read.expiries(),
        [
            ("Jordan McAllister", "2027-06-30".to_string()),
            ("Luca Benvenuti", "2027-06-30".to_string()),
            ("Tomás Eriksberg", "2027-06-30".to_string()),
        ]
    );
}

#[test]
fn a_heading_before_a_list_of_players_gives_them_its_contract_end() {
    let read = Read::new(
        "Out of contract in 2026: Kwame Adjei-Mensah, Luca Benvenuti & Jordan McAllister.",
        None,
    );
    assert_eq!(read.expiries().len(), 3, "{:?}", read.expiries());
}

#[test]
fn a_relative_clause_keeps_the_contract_to_its_own_name() {
    let read = Read::new(
        "Leeds want Luca Benvenuti and Jordan McAllister, whose deal expires in 2026.",
        None,
    );
    assert_eq!(
        read.expiries(),
        [("Jordan McAllister", "2026-06-30".to_string())]
    );
}

#[test]
fn a_group_noun_means_the_players_just_listed() {
    let read = Read::new(
        "Luca Benvenuti and Jordan McAllister could follow Tomás Eriksberg to Porto. The pair's contracts expire in 2028.",
        None,
    );
    assert_eq!(
        read.expiries(),
        [
            ("Jordan McAllister", "2028-06-30".to_string()),
            ("Luca Benvenuti", "2028-06-30".to_string()),
        ]
    );
    // "all three players": the last three named when no list of three was given.
    let read = Read::new(
        "Kwame Adjei-Mensah has been offered terms. Talks go on with Luca Benvenuti, and Jordan McAllister wants time, with the deals of all three players ending in 2026.",
        None,
    );
    assert_eq!(read.expiries().len(), 3, "{:?}", read.expiries());
}

#[test]
fn a_list_of_example_clubs_ends_where_the_prose_goes_on() {
    let read = Read::new(
        "Luca Benvenuti is the main story. Luca Benvenuti again. Plenty of teams including Celtic are taking an interest in Jordan McAllister. The Scotsman's contract doesn't expire until 2028.",
        Some("2024-01-31"),
    );
    assert_eq!(
        read.expiries(),
        [("Jordan McAllister", "2028-06-30".to_string())]
    );
}

#[test]
fn a_player_named_in_a_comparison_is_not_the_contract_holder() {
    let read = Read::new(
        "Luca Benvenuti, Jordan McAllister and Tomás Eriksberg are leaving. Jordan McAllister is 33. The 33-year-old's contract, like Benvenuti's, is set to expire in 2026.",
        None,
    );
    assert_eq!(
        read.expiries(),
        [("Jordan McAllister", "2026-06-30".to_string())]
    );
}

#[test]
fn sentences_without_contract_words_have_no_contract() {
    let read = Read::new(
        "Jordan McAllister scored in June 2021 and until 2022 he was fine.",
        None,
    );
    assert!(read.contracts().is_empty());
}

#[test]
fn evidence_spans_are_the_sentence() {
    let text = "Intro line. Sergio Ramos has been linked with Chelsea.";
    let read = Read::new(text, None);
    let rumour = &read.extraction.rumours[0];
    assert_eq!(
        &text[rumour.sentence.clone()],
        "Sergio Ramos has been linked with Chelsea."
    );
}

#[test]
fn talks_and_enquiries_from_clubs() {
    let read = Read::new(
        "Liverpool are in talks with Juventus over a season-long loan for Brazilian midfielder Arthur Melo. Atlético Madrid are back in talks for Conor Gallagher. Tomás Eriksberg is wanted in Spain, and Sevilla have enquired about his availability. Chelsea have been in touch with his representatives.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Arthur Melo", "Liverpool"),
            ("Conor Gallagher", "Atlético Madrid"),
            ("Tomás Eriksberg", "Chelsea"),
            ("Tomás Eriksberg", "Sevilla")
        ]
    );
}

#[test]
fn descriptor_and_object_clubs_are_not_the_subject() {
    let read = Read::new(
        "PSG midfielder Adrien Rabiot will be out of contract at the end of June, and Barcelona, Liverpool and Tottenham are all keen to sign him. Bayern Munich have reached an agreement with Tottenham Hotspur to sign Harry Kane.",
        Some("2018-11-02"),
    );
    assert_eq!(
        read.rumours(),
        [
            ("Adrien Rabiot", "Barcelona"),
            ("Adrien Rabiot", "Liverpool"),
            ("Adrien Rabiot", "Tottenham Hotspur"),
            ("Harry Kane", "Bayern Munich")
        ]
    );
}

#[test]
fn a_bid_from_a_club_for_a_player() {
    let read = Read::new(
        "West Ham United have rejected a second bid from Arsenal for Declan Rice. There has also been interest from Bayern Munich in Kwame Adjei-Mensah.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Declan Rice", "Arsenal"),
            ("Kwame Adjei-Mensah", "Bayern Munich")
        ]
    );
    assert_eq!(read.current(), [("Declan Rice", "West Ham United")]);
}

#[test]
fn journalists_are_sources_not_players() {
    let read = Read::new(
        "Bayern held talks over the midfielder, according to The Athletic's Tom Bogert. Leeds are keen on Luca Benvenuti, according to journalist Alan Nixon.",
        None,
    );
    assert!(
        read.extraction.sources.contains(&"Tom Bogert".to_string()),
        "{:?}",
        read.extraction.sources
    );
    assert!(
        read.extraction.sources.contains(&"Alan Nixon".to_string()),
        "{:?}",
        read.extraction.sources
    );
    assert_eq!(read.players(), ["Luca Benvenuti"]);
}

#[test]
fn grounds_and_unlisted_clubs_are_not_people() {
    let read = Read::new(
        "Owen Pritchard-Jones scored at Prenton Park against Notts County, and Stockport County watched.",
        None,
    );
    assert_eq!(read.players(), ["Owen Pritchard-Jones"]);
}

#[test]
fn surname_phrases_of_known_people() {
    let read = Read::new(
        "De Gea was at fault again, and Smith Rowe came off the bench.",
        None,
    );
    assert_eq!(read.players(), ["David de Gea", "Emile Smith Rowe"]);
}

#[test]
fn descriptions_refer_to_the_player_just_named() {
    let read = Read::new(
        "Sergio Ramos is the headline name. Ramos is wanted everywhere. Ramos again dominates the papers.\nMeanwhile Celtic have an eye on Aled Rhys-Williams. The 23-year-old, who is tied down until 2026, has attracted interest from Hull City.",
        Some("2024-01-05"),
    );
    assert_eq!(
        read.rumours(),
        [
            ("Aled Rhys-Williams", "Celtic"),
            ("Aled Rhys-Williams", "Hull City")
        ]
    );
    assert_eq!(
        read.contracts(),
        [("Aled Rhys-Williams", None, "2026-06-30".to_string())]
    );
}

#[test]
fn fees_agreed_and_bare_interest() {
    let read = Read::new(
        "Tottenham have agreed a fee of around €30m with Genoa for Radu Drăgușin. Alex Telles could leave Porto this summer. Paris Saint-Germain and Chelsea are both interested, Sky Sports reports.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Alex Telles", "Chelsea"),
            ("Alex Telles", "Paris Saint-Germain"),
            ("Radu Drăgușin", "Tottenham Hotspur")
        ]
    );
}

#[test]
fn radars_shortlists_and_targets() {
    let read = Read::new(
        "Luca Benvenuti is on Chelsea's radar. Arsenal's top target Kwame Adjei-Mensah could cost £60m. Napoli target Jordan McAllister. Lazio have identified Tomás Eriksberg as a replacement, and Roma have held talks over Daan van der Berg.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Daan van der Berg", "Roma"),
            ("Jordan McAllister", "Napoli"),
            ("Kwame Adjei-Mensah", "Arsenal"),
            ("Luca Benvenuti", "Chelsea"),
            ("Tomás Eriksberg", "Lazio")
        ]
    );
}

#[test]
fn selling_clubs_are_current_clubs() {
    let read = Read::new(
        "Borussia Dortmund will demand at least €150m for Jude Bellingham. Jordan McAllister, who plays for Celtic, is wanted by Leeds United.",
        None,
    );
    assert_eq!(
        read.current(),
        [
            ("Jude Bellingham", "Borussia Dortmund"),
            ("Jordan McAllister", "Celtic")
        ]
    );
    assert_eq!(read.rumours(), [("Jordan McAllister", "Leeds United")]);
}

#[test]
fn demonyms_refer_to_players_only_as_nouns() {
    let read = Read::new(
        "Mohamed Salah is not for sale. Lyon are likely to resist, knowing that the Saudi window closes later. The Egyptian has again been linked with Al-Hilal.",
        None,
    );
    assert!(read.current().is_empty(), "{:?}", read.current());
    assert_eq!(read.rumours(), [("Mohamed Salah", "Al-Hilal")]);
}

#[test]
fn rumours_name_the_sources_of_their_sentence_or_paragraph() {
    let read = Read::new(
        "According to Marca, Real Madrid are keen on David Alaba. Chelsea have also been in touch with his representatives.\nSky Sports reports that Arsenal want Declan Rice.",
        None,
    );
    let sources = |player: &str, club: &str| {
        let rumour = read
            .extraction
            .rumours
            .iter()
            .find(|r| read.name(r.person) == player && read.club(r.club) == club)
            .unwrap();
        rumour.sources.clone()
    };
    assert_eq!(sources("David Alaba", "Real Madrid"), ["Marca"]);
    assert_eq!(sources("David Alaba", "Chelsea"), ["Marca"]);
    assert_eq!(sources("Declan Rice", "Arsenal"), ["Sky Sports"]);
}

#[test]
fn passive_bids_headline_moves_and_interviews() {
    let read = Read::new(
        "A €20m bid has been lodged by Lazio for Feyenoord winger Mikołaj Przybylski.\nViktor Gyökeres to Arsenal, here we go!\nSpeaking to Globo Esporte on Tuesday, the agent confirmed that Benfica have asked about Thiago Mendonça.\nWolves are keeping an eye on Choi Woo-jin, Jeonbuk Hyundai Motors' 21-year-old forward, according to the Korean outlet Sports Chosun.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Choi Woo-jin", "Wolverhampton Wanderers"),
            ("Mikołaj Przybylski", "Lazio"),
            ("Thiago Mendonça", "Benfica"),
            ("Viktor Gyökeres", "Arsenal")
        ]
    );
    assert_eq!(read.extraction.sources, ["Globo Esporte", "Sports Chosun"]);
    assert_eq!(read.current(), [("Mikołaj Przybylski", "Feyenoord")]);
}

#[test]
fn talks_over_a_new_contract_are_with_the_players_club() {
    let read = Read::new(
        "Barcelona have opened talks with Aitana Bonmatí over a new contract. Chelsea want to sign Kwame Adjei-Mensah.",
        None,
    );
    assert_eq!(read.rumours(), [("Kwame Adjei-Mensah", "Chelsea")]);
    assert_eq!(read.current(), [("Aitana Bonmatí", "Barcelona")]);
}

#[test]
fn managers_relatives_titles_and_reporters_from_context() {
    let read = Read::new(
        "Derek Fotheringham's side defended deep. But Graeme Baillie's double change turned the game. Collecting Kwon Do-yun's pass, Callum Dunsmore scored. The player's father, Ricardo Mendonça, told UOL nothing. Co-president John Thorrington flew to London. Tom Bogert of The Athletic reports that a fee is agreed.",
        None,
    );
    assert_eq!(read.players(), ["Callum Dunsmore", "Kwon Do-yun"]);
    assert_eq!(
        read.with_role(Role::Coach),
        ["Derek Fotheringham", "Graeme Baillie"]
    );
    assert!(read.extraction.sources.contains(&"Tom Bogert".to_string()));
}

#[test]
fn interest_in_the_player_just_named() {
    let read = Read::new(
        // "Juventus are also in the race" means the player of the sentence before (Kim Lee),
        // not the player of the next clause.
        "Ansu Fati has no minutes at Barcelona. Sevilla and Girona have asked for his situation. Newcastle United and Aston Villa are monitoring the situation. Kim Lee scored. Juventus are also in the race, and Atlanta United are negotiating with Vélez Sarsfield for Mateo Fernández-Quiroga.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Ansu Fati", "Aston Villa"),
            ("Ansu Fati", "Girona"),
            ("Ansu Fati", "Newcastle United"),
            ("Ansu Fati", "Sevilla"),
            ("Kim Lee", "Juventus"),
            ("Mateo Fernández-Quiroga", "Atlanta United")
        ]
    );
}

#[test]
fn closing_in_medicals_and_top_targets() {
    let read = Read::new(
        "Aston Villa are closing in on Luca Benvenuti. Kwame Adjei-Mensah is set for a medical at Brentford on Friday. Everton have made Jordan McAllister their top target.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "Everton"),
            ("Kwame Adjei-Mensah", "Brentford"),
            ("Luca Benvenuti", "Aston Villa")
        ]
    );
}

#[test]
fn short_club_names_mean_the_club_named_in_full() {
    let read = Read::new(
        "Newcastle United have a decision to make. United want Jordan McAllister. Atlético Madrid lost on Sunday, and Madrid are keen on Luca Benvenuti. Elsewhere, United are linked with Tomás Eriksberg.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "Newcastle United"),
            ("Luca Benvenuti", "Atlético Madrid"),
            ("Tomás Eriksberg", "Newcastle United")
        ]
    );
    let plain = Read::new("United want Jordan McAllister.", None);
    assert_eq!(
        plain.rumours(),
        [("Jordan McAllister", "Manchester United")]
    );
}

// --- Contract ends as outlets write them ---------------------------------------------------

/// Each text's contract ends, read as of `on`.
fn expiries_of(text: &str, on: &str) -> Vec<(String, String)> {
    Read::new(text, Some(on))
        .expiries()
        .into_iter()
        .map(|(name, date)| (name.to_string(), date))
        .collect()
}

fn one(name: &str, date: &str) -> Vec<(String, String)> {
    vec![(name.to_string(), date.to_string())]
}

#[test]
fn an_event_tells_the_contract_ends_with_the_season() {
    for (text, on, expires) in [
        (
            "Jordan McAllister is to move to Porto on a free in the summer.",
            "2024-02-10",
            "2024-06-30",
        ),
        (
            "Jordan McAllister has put pen to paper on a pre-contract with Ajax.",
            "2024-01-20",
            "2024-06-30",
        ),
        (
            "Jordan McAllister becomes a free agent when the season ends.",
            "2023-10-01",
            "2024-06-30",
        ),
        (
            "Jordan McAllister is set to walk away for nothing.",
            "2025-03-01",
            "2025-06-30",
        ),
        (
            "Jordan McAllister has allowed his deal to wind down.",
            "2022-11-15",
            "2023-06-30",
        ),
        (
            "Jordan McAllister will be released when his deal ends.",
            "2021-04-02",
            "2021-06-30",
        ),
        (
            "Jordan McAllister is out of contract in the summer.",
            "2021-04-02",
            "2021-06-30",
        ),
        (
            "Jordan McAllister leaves Glasgow with his contract expiring.",
            "2022-05-31",
            "2022-06-30",
        ),
        (
            "Jordan McAllister is one of the most sought-after Bosmans in Scotland.",
            "2022-01-14",
            "2022-06-30",
        ),
    ] {
        assert_eq!(
            expiries_of(text, on),
            one("Jordan McAllister", expires),
            "{text}"
        );
        // Without the article's date there is no season to end.
        assert!(Read::new(text, None).contracts().is_empty(), "{text}");
    }
}

#[test]
fn a_move_in_the_past_or_a_free_with_no_player_is_no_contract_end() {
    for text in [
        "Jordan McAllister joined Celtic on a free in 2019.",
        "Jordan McAllister left Celtic for nothing last summer.",
        "Clubs love the chance to sign a player on a free transfer.",
        "Jordan McAllister will take a free kick for Celtic, and talks on a deal go on.",
        "Porto want the Celtic forward Jordan McAllister, as talks intensify over a potential free transfer for another player.",
    ] {
        assert!(
            Read::new(text, Some("2024-02-01")).contracts().is_empty(),
            "{text}"
        );
    }
}

#[test]
fn a_stated_date_wins_over_an_event() {
    assert_eq!(
        expiries_of(
            "Jordan McAllister's deal runs until 31 December 2025. With the deal running down, Columbus may sell him on a free.",
            "2025-02-01"
        ),
        one("Jordan McAllister", "2025-12-31")
    );
}

#[test]
fn relative_contract_ends_count_from_the_article_date() {
    for (text, on, expires) in [
        (
            "Jordan McAllister's contract runs out next month.",
            "2024-05-10",
            "2024-06-30",
        ),
        (
            "Jordan McAllister's contract ends at the close of this month.",
            "2025-06-09",
            "2025-06-30",
        ),
        (
            "Jordan McAllister's deal expires at the end of the following season.",
            "2023-09-01",
            "2025-06-30",
        ),
        (
            "Jordan McAllister's contract expires later this year.",
            "2024-02-01",
            "2024-06-30",
        ),
        (
            "Jordan McAllister is on a deal which is up in the summer.",
            "2024-02-01",
            "2024-06-30",
        ),
        (
            "Jordan McAllister is nearing the end of his contract next June.",
            "2022-08-18",
            "2023-06-30",
        ),
        (
            "Jordan McAllister is into the last twelve months of his deal.",
            "2023-08-01",
            "2024-06-30",
        ),
        (
            "Jordan McAllister has a year to run on his present terms.",
            "2024-08-01",
            "2025-06-30",
        ),
        (
            "Jordan McAllister has two years left on his deal.",
            "2024-08-01",
            "2026-06-30",
        ),
        (
            "The 33-year-old Jordan McAllister's contract is set to expire at the end of the month.",
            "2025-06-09",
            "2025-06-30",
        ),
    ] {
        assert_eq!(
            expiries_of(text, on),
            one("Jordan McAllister", expires),
            "{text}"
        );
        assert!(Read::new(text, None).contracts().is_empty(), "{text}");
    }
}

#[test]
fn seasons_end_on_the_30th_of_june_of_their_second_year() {
    for text in [
        "Jordan McAllister's contract runs until the end of 2026/27.",
        "Jordan McAllister's contract runs until the end of 2026-27.",
        "Jordan McAllister's contract runs until the end of the 2026/2027 season.",
    ] {
        assert_eq!(
            expiries_of(text, "2025-01-10"),
            one("Jordan McAllister", "2027-06-30"),
            "{text}"
        );
    }
}

#[test]
fn a_deal_offered_signed_elsewhere_or_on_loan_is_not_the_current_contract() {
    for text in [
        "Lyon have tabled a deal to 2027 for Jordan McAllister.",
        "Jordan McAllister will sign a contract running until 2028 with his new club.",
        "Jordan McAllister has been offered a new deal until 2029.",
        "Porto plan to offer Jordan McAllister a new contract in the summer.",
        "Jordan McAllister joined Porto on a loan deal until the end of the season.",
    ] {
        assert!(
            Read::new(text, Some("2025-02-20")).contracts().is_empty(),
            "{text}"
        );
    }
    // The deal he signs after agreeing to leave is the new club's.
    assert_eq!(
        expiries_of(
            "Jordan McAllister has agreed a pre-contract with Ajax. McAllister has signed a four-year deal until 2029.",
            "2025-02-20"
        ),
        one("Jordan McAllister", "2025-06-30")
    );
    // The deal he has, named beside an offer or a club wanting to sign him, still counts.
    assert_eq!(
        expiries_of(
            "Jordan McAllister, whose current deal runs until 2026, has been offered a new one.",
            "2025-02-20"
        ),
        one("Jordan McAllister", "2026-06-30")
    );
    assert_eq!(
        expiries_of(
            "Real Madrid want to sign Jordan McAllister, whose contract expires in 2026.",
            "2025-02-20"
        ),
        one("Jordan McAllister", "2026-06-30")
    );
}

#[test]
fn a_contract_ended_early_ends_that_much_sooner() {
    assert_eq!(
        expiries_of(
            "Jordan McAllister has agreed to end his contract, which was due to expire in 2026, one year early.",
            "2025-06-13"
        ),
        one("Jordan McAllister", "2025-06-30")
    );
}

#[test]
fn players_sharing_a_contract_end() {
    let both = vec![
        ("Jordan McAllister".to_string(), "2025-06-30".to_string()),
        ("Luca Benvenuti".to_string(), "2025-06-30".to_string()),
    ];
    // "whose deals" (plural) after a list is about the whole list.
    assert_eq!(
        expiries_of(
            "Celtic must decide on Luca Benvenuti and Jordan McAllister, whose deals also run out next June.",
            "2024-09-01"
        ),
        both
    );
    // Players named as members of a counted group.
    assert_eq!(
        expiries_of(
            "A total of nine players (including Luca Benvenuti and the captain, Jordan McAllister) will be out of contract when this season comes to a close.",
            "2024-09-01"
        ),
        both
    );
    // A date before the clause that says the deals end.
    assert_eq!(
        expiries_of(
            "Luca Benvenuti and Jordan McAllister available in 2025 as deals expire",
            "2024-09-01"
        ),
        both
    );
}

#[test]
fn a_heading_gives_its_contract_end_to_the_names_listed_under_it() {
    let text = "Players whose deals end in June:\n\nLuca Benvenuti\n\nAge: 27\n\nJordan McAllister\n\nThe rest of the squad is settled for now\n\nTomás Eriksberg\n";
    assert_eq!(
        expiries_of(text, "2025-02-01"),
        vec![
            ("Jordan McAllister".to_string(), "2025-06-30".to_string()),
            ("Luca Benvenuti".to_string(), "2025-06-30".to_string()),
        ]
    );
}

#[test]
fn the_end_of_a_window_is_not_a_contract_end() {
    assert!(
        Read::new(
            "Jordan McAllister could arrive before the end of the January window if the clubs agree a deal.",
            Some("2022-01-14")
        )
        .contracts()
        .is_empty()
    );
}

#[test]
fn a_paragraph_about_free_agents_gives_its_end_to_the_players_listed_after_it() {
    let text = "A number of stars will be free agents in June.\n\n1. Luca Benvenuti – the Celtic midfielder has been superb. He wants a move abroad.\n\n2. Jordan McAllister: the forward has scored 14 goals.\n\nMore news from around the league\n\nTomás Eriksberg – the defender is settled.\n";
    assert_eq!(
        expiries_of(text, "2025-02-01"),
        vec![
            ("Jordan McAllister".to_string(), "2025-06-30".to_string()),
            ("Luca Benvenuti".to_string(), "2025-06-30".to_string()),
        ]
    );
}

#[test]
fn a_prose_paragraph_opening_with_a_name_is_no_list_item() {
    for text in [
        "Players whose deals end in June are a bargain.\n\nJordan McAllister scored twice on Saturday.\n",
        "Players whose deals end in June\n\nJordan McAllister in action for Celtic\n",
    ] {
        assert!(
            Read::new(text, Some("2025-02-01")).contracts().is_empty(),
            "{text}"
        );
    }
}

#[test]
fn another_players_contract_and_a_byline_date_stay_out() {
    assert_eq!(
        expiries_of(
            "Jordan McAllister, unlike Luca Benvenuti, is tied down until 2029.",
            "2025-02-01"
        ),
        one("Jordan McAllister", "2029-06-30")
    );
    assert!(
        Read::new(
            "Jordan McAllister will not extend his contract with Celtic — Tom Reporter (@tomreports) March 3, 2024",
            Some("2024-03-03")
        )
        .contracts()
        .is_empty()
    );
}

#[test]
fn players_named_after_a_group_noun_share_its_contract_end() {
    // "players" makes the names after it examples: they are still the ones losing their deals.
    let read = Read::new(
        "Celtic's four senior players have entered the final months of their deals, and the club face losing Luca Benvenuti, Jordan McAllister and Tomás Eriksberg for nothing in the summer.",
        Some("2025-01-02"),
    );
    assert_eq!(read.expiries().len(), 3, "{:?}", read.expiries());
}

#[test]
fn his_own_contract_beside_an_offer_or_a_loan_still_counts() {
    for text in [
        "Celtic have offered Jordan McAllister a new deal, with his contract expiring in 2026.",
        "Jordan McAllister, who has been offered a new deal, has a contract until 2026.",
        "Jordan McAllister is on a season-long loan at Porto, and his Celtic contract runs until 2026.",
        "Jordan McAllister is on a season-long loan at Porto from Celtic, where his contract runs until 2026.",
    ] {
        assert_eq!(
            expiries_of(text, "2025-02-20"),
            one("Jordan McAllister", "2026-06-30"),
            "{text}"
        );
    }
    assert!(
        Read::new(
            "Jordan McAllister's loan deal expires at the end of the season.",
            Some("2025-02-20")
        )
        .contracts()
        .is_empty()
    );
}

#[test]
fn a_coachs_own_contract_is_nobodys() {
    let read = Read::new(
        "Celtic boss Brendan Rodgers, whose contract runs until 2027, wants Jordan McAllister.",
        Some("2025-02-20"),
    );
    assert!(read.contracts().is_empty(), "{:?}", read.expiries());
}

#[test]
fn players_with_their_own_phrasings_in_one_sentence() {
    assert_eq!(
        expiries_of(
            "Tomás Eriksberg is out of contract next summer, as are Luca Benvenuti and Jordan McAllister, whose deals also run out next June.",
            "2024-09-01"
        ),
        vec![
            ("Jordan McAllister".to_string(), "2025-06-30".to_string()),
            ("Luca Benvenuti".to_string(), "2025-06-30".to_string()),
            ("Tomás Eriksberg".to_string(), "2025-06-30".to_string()),
        ]
    );
    assert_eq!(
        expiries_of(
            "Jordan McAllister has a year to run on his deal, while Luca Benvenuti's contract runs out next month.",
            "2024-08-01"
        ),
        vec![
            ("Jordan McAllister".to_string(), "2025-06-30".to_string()),
            ("Luca Benvenuti".to_string(), "2024-09-30".to_string()),
        ]
    );
}

#[test]
fn a_move_the_article_ends_is_no_destination() {
    let read = Read::new(
        "Luca Benvenuti was close to joining Torino in May. Talks between Torino and Luca Benvenuti collapsed a week later. Everton have pulled the plug on a move for Standard Liege striker Kwame Adjei-Mensah.",
        None,
    );
    assert_eq!(read.rumours(), Vec::<(&str, &str)>::new());
    // A collapse names its own club: the clause goes on to the next suitor.
    let next = Read::new(
        "After a move to Torino collapsed last year, Lazio are the latest club to be credited with an interest in Luca Benvenuti.",
        None,
    );
    assert_eq!(next.rumours(), [("Luca Benvenuti", "Lazio")]);
    // Talks that collapse and start again stay a rumour.
    let again = Read::new(
        "Talks between Torino and Luca Benvenuti collapsed in May. Torino have now reopened talks with Luca Benvenuti.",
        None,
    );
    assert_eq!(again.rumours(), [("Luca Benvenuti", "Torino")]);
}

#[test]
fn a_done_deal_alone_is_no_rumour() {
    let read = Read::new(
        "Jon Souter has agreed a pre-contract with Hibernian. He joins Canadian international Marc Devlin as the second signing completed by Hibernian this month.",
        None,
    );
    assert_eq!(read.rumours(), [("Jon Souter", "Hibernian")]);
}

#[test]
fn a_sale_names_its_buyer() {
    let done = Read::new(
        "Swansea have completed the sale of club captain Ashley Pryce to Everton.",
        None,
    );
    assert_eq!(done.rumours(), Vec::<(&str, &str)>::new());
    assert_eq!(
        done.current(),
        [
            ("Ashley Pryce", "Swansea City"),
            ("Ashley Pryce", "Everton")
        ]
    );
    let planned = Read::new(
        "Juventus hope the sale of Paolo Ferri to Manchester United will fund a new striker.",
        None,
    );
    assert_eq!(planned.rumours(), [("Paolo Ferri", "Manchester United")]);
}

#[test]
fn a_player_to_a_club_needs_the_club_named() {
    let read = Read::new(
        "Norwich added Tom Barnsley and Hwang Min-jae to their squad in the summer.",
        None,
    );
    assert_eq!(read.rumours(), Vec::<(&str, &str)>::new());
    let headline = Read::new("Hwang Min-jae to Norwich City", None);
    assert_eq!(headline.rumours(), [("Hwang Min-jae", "Norwich City")]);
}

#[test]
fn a_club_group_noun_names_its_players_not_a_suitor() {
    let read = Read::new(
        "Arsenal duo linked with Roma move. Tomás Eriksberg and Kofi Mensah could both join Roma next summer.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [("Kofi Mensah", "Roma"), ("Tomás Eriksberg", "Roma")]
    );
}

#[test]
fn a_club_watching_another_club_wants_nobody() {
    let read = Read::new(
        "Luca Benvenuti has plenty of admirers. Oxford United have been keeping an eye on Partick Thistle all season.",
        None,
    );
    assert_eq!(read.rumours(), Vec::<(&str, &str)>::new());
    // A club that only describes the player is no object of its own.
    let described = Read::new(
        "Luca Benvenuti has scored nine goals. Celtic are also keen on the Wrexham-born forward.",
        None,
    );
    assert_eq!(described.rumours(), [("Luca Benvenuti", "Celtic")]);
}

#[test]
fn fees_watching_buying_and_alerts() {
    let read = Read::new(
        "United have already bid £70m for the England centre-back Harry Marsden. Arsenal have watched Bruno Faria all season. Tottenham and Chelsea have been put on red alert after Ivory Coast midfielder Franck Koffi turned down a new AC Milan contract.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Bruno Faria", "Arsenal"),
            ("Franck Koffi", "Chelsea"),
            ("Franck Koffi", "Tottenham Hotspur"),
            ("Harry Marsden", "Manchester United")
        ]
    );
}

#[test]
fn the_club_a_player_is_bought_from_or_talked_with_is_his() {
    let read = Read::new(
        "Real Madrid dismissed a report that they had offered to buy Kofi Mensah from PSG. Manchester United are in talks with Juventus over a return for Luca Benvenuti.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Kofi Mensah", "Real Madrid"),
            ("Luca Benvenuti", "Manchester United")
        ]
    );
    assert_eq!(
        read.current(),
        [
            ("Kofi Mensah", "Paris Saint-Germain"),
            ("Luca Benvenuti", "Juventus")
        ]
    );
    // Rivals "from" a list are suitors, not sellers.
    let rivals = Read::new(
        "Inter Miami face competition to sign the Barcelona defender Jordi Alvarez from Atletico Madrid and Inter Milan.",
        None,
    );
    assert_eq!(
        rivals.rumours(),
        [
            ("Jordi Alvarez", "Atlético Madrid"),
            ("Jordi Alvarez", "Inter Miami"),
            ("Jordi Alvarez", "Inter Milan")
        ]
    );
}

#[test]
fn a_clause_opened_by_with_has_its_club_as_subject() {
    let read = Read::new(
        "Charlie Wykes has confirmed his Sunderland departure, with Wigan now leading the race for his signature. Ellie Roper wants a move in January, with Manchester United one of the clubs linked with her.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Charlie Wykes", "Wigan Athletic"),
            ("Ellie Roper", "Manchester United")
        ]
    );
    assert!(
        !read
            .current()
            .contains(&("Charlie Wykes", "Wigan Athletic"))
    );
}

#[test]
fn milan_alone_is_ac_milan_after_inter() {
    let read = Read::new(
        "Inter have the advantage in the race for Davide Ferrante. Milan are trying to convince Daichi Moriyama, Tijs Reinders and Chris Pulaski.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Chris Pulaski", "AC Milan"),
            ("Daichi Moriyama", "AC Milan"),
            ("Davide Ferrante", "Inter Milan"),
            ("Tijs Reinders", "AC Milan")
        ]
    );
}

#[test]
fn a_description_means_the_player_named_two_sentences_back() {
    let read = Read::new(
        "Charlie Wykes is leaving Sunderland. Charlie Wykes scored 31 goals last season. Celtic want Charlie Wykes. Sunderland are leading the race to sign Alex Pritchett. The Black Cats are ahead of several clubs. Derby County are also keen on the former Huddersfield man.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Alex Pritchett", "Derby County"),
            ("Alex Pritchett", "Sunderland"),
            ("Charlie Wykes", "Celtic")
        ]
    );
}

#[test]
fn managers_speak_for_their_club_and_are_not_wanted_as_players() {
    let read = Read::new(
        "Arouna Kouassi has not started a match this term. New Swansea manager Tom Pellow has refused to rule out a move for the Ivorian.",
        None,
    );
    assert_eq!(read.rumours(), [("Arouna Kouassi", "Swansea City")]);
    let hired = Read::new(
        "A bid for Liam Lindell failed, but Partick Thistle are keen to have Alan Archer as their next manager.",
        None,
    );
    assert_eq!(hired.rumours(), Vec::<(&str, &str)>::new());
    // A manager quoted after his clause is his club's voice about its own player.
    let quoted = Read::new(
        "Harry Kent is Tottenham's record goalscorer. New Tottenham manager Ange Postecoglou said last week: \"I want Harry Kent here.\"",
        None,
    );
    assert_eq!(quoted.rumours(), Vec::<(&str, &str)>::new());
}

#[test]
fn player_card_fields_give_club_and_destinations() {
    let read = Read::new(
        "Ousmane Delmas\n\nAge: 25\n\nPosition: Right winger\n\nLast club: Barcelona\n\nRumored destinations: Barcelona, Bayern Munich, PSG\n",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Ousmane Delmas", "Bayern Munich"),
            ("Ousmane Delmas", "Paris Saint-Germain")
        ]
    );
    assert_eq!(read.current(), [("Ousmane Delmas", "Barcelona")]);
}

#[test]
fn their_star_man_is_the_player_of_the_article() {
    let read = Read::new(
        "Mohamed Sami is happy at Liverpool. Liverpool have rejected an offer worth £150 million for their star man to join Al-Ittihad.",
        None,
    );
    assert_eq!(read.rumours(), [("Mohamed Sami", "Al-Ittihad")]);
}

#[test]
fn unusual_verbs_and_approaches_from_a_club() {
    let read = Read::new(
        "Kofi Mensah is attracting Wolves and Burnley. Luca Benvenuti is closing in on a sensational comeback at Everton. Tomás Eriksberg is wanted in Italy. The latest approach comes from Napoli.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Kofi Mensah", "Burnley"),
            ("Kofi Mensah", "Wolverhampton Wanderers"),
            ("Luca Benvenuti", "Everton"),
            ("Tomás Eriksberg", "Napoli")
        ]
    );
}

#[test]
fn a_club_told_to_match_an_asking_price_wants_the_player() {
    let read = Read::new(
        "Leeds have told Fulham and Everton to match Leeds' £20m asking price for the Wales midfielder Dan James-Price.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Dan James-Price", "Everton"),
            ("Dan James-Price", "Fulham")
        ]
    );
    assert_eq!(read.current(), [("Dan James-Price", "Leeds United")]);
}

#[test]
fn leaders_and_rivals_of_a_race_all_want_the_player() {
    let read = Read::new(
        "Sunderland are ahead of the likes of Birmingham, QPR and Derby County in the race for Alex Pritchett.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Alex Pritchett", "Birmingham City"),
            ("Alex Pritchett", "Derby County"),
            ("Alex Pritchett", "Queens Park Rangers"),
            ("Alex Pritchett", "Sunderland")
        ]
    );
    let before = Read::new(
        "There is no hurry for Davide Ferrante: Inter have the advantage over Milan.",
        None,
    );
    assert_eq!(
        before.rumours(),
        [
            ("Davide Ferrante", "AC Milan"),
            ("Davide Ferrante", "Inter Milan")
        ]
    );
    // Work ahead of them is no race.
    let idiom = Read::new(
        "Despite Emma Hale signing six players, Chelsea have so much work ahead of them.",
        None,
    );
    assert_eq!(idiom.rumours(), Vec::<(&str, &str)>::new());
}

#[test]
fn clubs_that_expressed_interest_including_named_ones() {
    let read = Read::new(
        "Arsenal offered a record fee for Mary Eastham in the summer. At least two European clubs have expressed interest, including Paris St-Germain, and she is free to talk to them.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Mary Eastham", "Arsenal"),
            ("Mary Eastham", "Paris Saint-Germain")
        ]
    );
}

#[test]
fn a_player_to_a_club_opens_its_sentence() {
    let read = Read::new(
        "Kofi Mensah could follow Tomás Eriksberg to Lille. Luca Benvenuti has told Chelsea he wants to join Bayern Munich. Jordan McAllister has been earmarked by Lyon as a replacement for their captain.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "Lyon"),
            ("Luca Benvenuti", "Bayern Munich")
        ]
    );
}

#[test]
fn a_club_asking_a_price_or_open_to_offers_is_the_players() {
    let read = Read::new(
        "Chelsea want £50m for Kofi Mensah amid interest from Arsenal. Everton are open to offers for Luca Benvenuti, and Fulham are keen. Tomás Eriksberg is set to snub Arsenal and sign a new deal with Lyon. Jordan McAllister has admirers at Celtic.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "Celtic"),
            ("Kofi Mensah", "Arsenal"),
            ("Luca Benvenuti", "Fulham")
        ]
    );
    assert_eq!(
        read.current(),
        [
            ("Kofi Mensah", "Chelsea"),
            ("Luca Benvenuti", "Everton"),
            ("Tomás Eriksberg", "Lyon")
        ]
    );
}

#[test]
fn their_youth_product_is_the_article_player() {
    let read = Read::new(
        "Joao Sarmento has impressed this season at Sheffield United. Newcastle are tracking their youth product.",
        None,
    );
    assert_eq!(read.rumours(), [("Joao Sarmento", "Newcastle United")]);
}

#[test]
fn a_club_naming_a_move_in_a_headline() {
    let read = Read::new(
        "Kofi Mensah open to Arsenal move\n\nLuca Benvenuti keen on Juventus switch\n\nTomás Eriksberg eyes Everton exit\n\nJordan McAllister rejects Celtic move\n\nArsenal close in on Daichi Moriyama, Chelsea bid for Chris Pulaski",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Chris Pulaski", "Chelsea"),
            ("Daichi Moriyama", "Arsenal"),
            ("Kofi Mensah", "Arsenal"),
            ("Luca Benvenuti", "Juventus")
        ]
    );
    // A move that collapsed names its own club, not the next suitor.
    let next = Read::new(
        "Kofi Mensah, whose Arsenal move collapsed last year, is wanted by Lyon.",
        None,
    );
    assert_eq!(next.rumours(), [("Kofi Mensah", "Lyon")]);
}

#[test]
fn a_description_before_a_name_is_that_name() {
    let read = Read::new(
        "Kofi Mensah is in form. Chelsea have made a bid for their former striker Luca Benvenuti. Everton want the former Arsenal winger Tomás Eriksberg.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Luca Benvenuti", "Chelsea"),
            ("Tomás Eriksberg", "Everton")
        ]
    );
}

#[test]
fn a_journalist_in_the_next_clause_does_not_hide_the_player() {
    let read = Read::new(
        "Jude Bellamy, 19, is the most wanted midfielder in Europe. Real Madrid and Liverpool are preparing offers, and journalist Christian Falk says Dortmund will ask for €150m.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jude Bellamy", "Liverpool"),
            ("Jude Bellamy", "Real Madrid")
        ]
    );
}

#[test]
fn inverted_sentences_and_fees_agreed_by_a_club() {
    let read = Read::new(
        "Interested in the Ghanaian midfielder Kofi Mensah are Juventus and Bayer Leverkusen, a paper reports. Pursued by both Lyon and Marseille is Monaco's Luca Benvenuti. A fee has been agreed by Arsenal for Real Sociedad midfielder Tomás Eriksberg.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Kofi Mensah", "Bayer Leverkusen"),
            ("Kofi Mensah", "Juventus"),
            ("Luca Benvenuti", "Lyon"),
            ("Luca Benvenuti", "Marseille"),
            ("Tomás Eriksberg", "Arsenal")
        ]
    );
}

#[test]
fn a_pre_contract_is_a_rumour_until_the_move_is_done() {
    let read = Read::new(
        "Kofi Mensah has put pen to paper on a pre-contract with Lyon. Luca Benvenuti has signed a pre-contract agreement with Celtic. Tomás Eriksberg has signed for Everton.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [("Kofi Mensah", "Lyon"), ("Luca Benvenuti", "Celtic")]
    );
    assert_eq!(read.current(), [("Tomás Eriksberg", "Everton")]);
}

#[test]
fn attention_sights_quotes_and_sniffing_around() {
    let read = Read::new(
        "Chelsea have turned their attention to Kofi Mensah. Lyon have set their sights on Luca Benvenuti. Everton have been quoted £40m for Tomás Eriksberg. Celtic are sniffing around Jordan McAllister. Daichi Moriyama has turned his attention to a move abroad.",
        None,
    );
    assert_eq!(
        read.rumours(),
        [
            ("Jordan McAllister", "Celtic"),
            ("Kofi Mensah", "Chelsea"),
            ("Luca Benvenuti", "Lyon"),
            ("Tomás Eriksberg", "Everton")
        ]
    );
}

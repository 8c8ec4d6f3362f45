use mercato::extract::extract;
use mercato::gazetteer::Gazetteer;
fn main() {
    let g = Gazetteer::embedded().unwrap();
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path).unwrap();
        let t = raw.trim_start();
        let (date, body) = match t.strip_prefix("date ") {
            Some(rest) => (chrono::NaiveDate::parse_from_str(&rest[..10], "%Y-%m-%d").ok(), rest[10..].trim()),
            None => (None, t),
        };
        let e = extract(&g, body, date, None);
        println!("== {path} {date:?}");
        for p in &e.people { println!("  person {:?} {:?} {:?}", p.name, p.role, p.aliases); }
        println!("  sources {:?}", e.sources);
        for r in &e.rumours { println!("  rumour {} -> {} | {}", e.people[r.person].name, g.clubs[r.club].name, &body[r.sentence.clone()].chars().take(90).collect::<String>()); }
        for c in &e.contracts { println!("  contract {} {:?} {} | {}", e.people[c.person].name, c.club.map(|c| &g.clubs[c].name), c.expires, &body[c.sentence.clone()].chars().take(80).collect::<String>()); }
        for c in &e.current_clubs { println!("  current {} {}", e.people[c.person].name, g.clubs[c.club].name); }
        for c in &e.former_clubs { println!("  former {} {}", e.people[c.person].name, g.clubs[c.club].name); }
    }
}

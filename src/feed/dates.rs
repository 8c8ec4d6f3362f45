//! Feed timestamps as they come: RFC 822/2822 (RSS), RFC 3339 (Atom, JSON Feed), and the
//! usual departures from both. Anything unreadable is `None`, never an error.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Zone names seen in feeds that RFC 2822 does not know, as offsets.
const ZONES: &[(&str, &str)] = &[
    ("UTC", "+0000"),
    ("Z", "+0000"),
    ("BST", "+0100"),
    ("IST", "+0100"),
    ("WET", "+0000"),
    ("WEST", "+0100"),
    ("CET", "+0100"),
    ("CEST", "+0200"),
    ("MET", "+0100"),
    ("MEST", "+0200"),
    ("EET", "+0200"),
    ("EEST", "+0300"),
];

/// Timestamps without a zone, read as UTC.
const NAIVE_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Parses a feed timestamp, leniently: RFC 3339 (also with a space, or `+0200` without a
/// colon), RFC 2822 (with or without weekday, long month names, zone names like `UTC`, `BST`
/// or `CEST`), a zoneless timestamp or a bare date (both as UTC).
pub(super) fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let utc = |datetime: DateTime<chrono::FixedOffset>| datetime.with_timezone(&Utc);
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .map(utc)
        .ok()
        .or_else(|| {
            DateTime::parse_from_rfc2822(&repair_rfc2822(text))
                .map(utc)
                .ok()
        })
        .or_else(|| {
            NAIVE_FORMATS
                .iter()
                .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
                .map(|naive| naive.and_utc())
        })
        .or_else(|| {
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
            Some(date.and_hms_opt(0, 0, 0)?.and_utc())
        })
}

/// An RFC 2822-like timestamp made parseable: the weekday dropped (it is often wrong or
/// not in English), long month names shortened, a known zone name replaced by its offset.
fn repair_rfc2822(text: &str) -> String {
    let text = match text.split_once(',') {
        Some((weekday, rest)) if weekday.chars().all(char::is_alphabetic) => rest,
        _ => text,
    };
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    for word in &mut words {
        if word.len() > 3 && word.chars().all(char::is_alphabetic) {
            let short: String = word.chars().take(3).collect();
            if is_month(&short) {
                *word = short;
            }
        }
    }
    if let Some(last) = words.last_mut()
        && let Some((_, offset)) = ZONES
            .iter()
            .find(|(name, _)| last.eq_ignore_ascii_case(name))
    {
        *last = (*offset).to_string();
    }
    words.join(" ")
}

fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS.iter().any(|month| word.eq_ignore_ascii_case(month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> String {
        parse_timestamp(text).map_or("none".into(), |t| t.to_rfc3339())
    }

    #[test]
    fn standard_forms() {
        assert_eq!(
            utc("Thu, 19 Nov 2026 14:30:00 +0000"),
            "2026-11-19T14:30:00+00:00"
        );
        assert_eq!(
            utc("Thu, 19 Nov 2026 14:30:00 GMT"),
            "2026-11-19T14:30:00+00:00"
        );
        assert_eq!(
            utc("19 Nov 2026 16:30:00 +0200"),
            "2026-11-19T14:30:00+00:00"
        );
        assert_eq!(utc("2026-11-19T14:30:00Z"), "2026-11-19T14:30:00+00:00");
        assert_eq!(
            utc("2026-11-19T16:30:00+02:00"),
            "2026-11-19T14:30:00+00:00"
        );
    }

    #[test]
    fn usual_departures() {
        assert_eq!(
            utc("  Thu, 19 Nov 2026 14:30:00 UTC \n"),
            "2026-11-19T14:30:00+00:00"
        );
        assert_eq!(
            utc("Thursday, 19 November 2026 15:30:00 BST"),
            "2026-11-19T14:30:00+00:00"
        );
        assert_eq!(
            utc("Fri, 19 Nov 2026 16:30:00 CEST"),
            "2026-11-19T14:30:00+00:00"
        );
        assert_eq!(utc("2026-11-19T16:30:00+0200"), "2026-11-19T14:30:00+00:00");
        assert_eq!(utc("2026-11-19 14:30:00"), "2026-11-19T14:30:00+00:00");
        assert_eq!(utc("2026-11-19"), "2026-11-19T00:00:00+00:00");
    }

    #[test]
    fn broken_dates_are_none() {
        for text in [
            "",
            "yesterday",
            "32 Nov 2026 10:00:00 GMT",
            "2026-13-01",
            "Nov 2026",
        ] {
            assert_eq!(utc(text), "none", "{text:?}");
        }
    }
}

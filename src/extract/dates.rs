//! Contract end dates as the press writes them, read from folded words.
//!
//! Every function takes the article's date as the reference for relative phrases ("next
//! summer", "the final six months of his contract") and returns nothing without it.

use chrono::{Datelike, Months, NaiveDate};

/// Football contracts end with the season: 30 June.
pub fn season_end(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 6, 30)
}

/// The first 30 June on or after `date`: the end of the season `date` falls in.
pub fn season_end_after(date: NaiveDate) -> Option<NaiveDate> {
    let this_year = season_end(date.year())?;
    if date <= this_year {
        Some(this_year)
    } else {
        season_end(date.year() + 1)
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

pub fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|month| {
            *month == word
                || (word.len() == 3 && month.starts_with(word))
                || (word == "sept" && *month == "september")
        })
        .and_then(|index| u32::try_from(index + 1).ok())
}

fn year(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok()?;
    (word.len() == 4 && (1990..=2100).contains(&year)).then_some(year)
}

/// A season written "2024-25", "2024/25" or "2024-2025": its end year.
fn season_year(word: &str) -> Option<i32> {
    let (first, second) = word.split_once(['-', '/'])?;
    let start = year(first)?;
    let end = match second.len() {
        2 => start / 100 * 100 + second.parse::<i32>().ok()?,
        4 => year(second)?,
        _ => return None,
    };
    (end == start + 1).then_some(end)
}

fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let day: u32 = digits.parse().ok()?;
    (digits.len() <= 2 && (1..=31).contains(&day)).then_some(day)
}

fn number_word(word: &str) -> Option<u32> {
    const NUMBERS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if let Some(at) = NUMBERS.iter().position(|n| *n == word) {
        return u32::try_from(at + 1).ok();
    }
    match word {
        "a" | "an" | "single" => Some(1),
        "eighteen" => Some(18),
        "eighteen-month" => Some(18),
        _ => word.parse().ok().filter(|n| (1..=60).contains(n)),
    }
}

/// A date read from words, and how many words it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub date: NaiveDate,
    pub words: usize,
}

/// How a date phrase is anchored, from the small words before its noun: "the end of",
/// "this", "next", "the following".
#[derive(Debug, Default, Clone, Copy)]
struct Anchor {
    /// "the end of", "the close of": the last day of the period, not its usual day.
    end_of: bool,
    /// "this", "the current", "the upcoming": the period the article's date falls in.
    this: bool,
    /// "next", "the following": the period after that.
    next: bool,
    /// "last", "past": a period gone by, never a contract end.
    past: bool,
}

/// Reads the small words before a date phrase's noun; returns the anchor and where the noun
/// starts.
fn read_anchor(words: &[&str]) -> (Anchor, usize) {
    let mut anchor = Anchor::default();
    let mut at = 0;
    while let Some(&word) = words.get(at) {
        match word {
            "the" | "of" | "later" => {}
            "this" | "current" | "upcoming" | "coming" | "present" => anchor.this = true,
            "next" | "following" => anchor.next = true,
            "last" | "past" | "previous" => anchor.past = true,
            "end" | "close" | "conclusion" if !anchor.end_of => anchor.end_of = true,
            _ => break,
        }
        at += 1;
    }
    (anchor, at)
}

/// Reads the end date that starts at `words[0]`, after a cue such as "until" or "expires in":
/// "June 2021", "30 June 2021", "June 30, 2021", "2022", "the summer of 2023", "2024-25",
/// "the end of the season", "next summer", "the end of June", "next June", "the end of the
/// month", "next month", "later this year", "the end of the following season", "the season
/// comes to a close".
pub fn read_end_date(words: &[&str], article_date: Option<NaiveDate>) -> Option<Reading> {
    let (anchor, at) = read_anchor(words);
    let word = |i: usize| words.get(i).copied().unwrap_or("");
    let reading = |date: NaiveDate, used: usize| Some(Reading { date, words: used });

    if matches!(word(at), "summer" | "campaign" | "season" | "window") {
        // "summer of 2023", "summer 2023", "summer transfer window 2022"
        let mut year_at = at + 1;
        while matches!(word(year_at), "of" | "transfer" | "window") {
            year_at += 1;
        }
        if let Some(y) = year(word(year_at)) {
            return reading(season_end(y)?, year_at + 1);
        }
        if anchor.past {
            return None;
        }
        let date = article_date?;
        let this_season = season_end_after(date)?;
        // "when the season ends", "as the campaign comes to a close"
        let closes = matches!(
            word(at + 1),
            "ends" | "finishes" | "closes" | "comes" | "draws" | "concludes" | "is" | "ending"
        );
        return match word(at) {
            "summer" if anchor.next => reading(next_summer(date)?, at + 1),
            "summer" => reading(this_season, at + 1),
            "season" | "campaign" if anchor.next && anchor.end_of => {
                reading(season_end(this_season.year() + 1)?, at + 1)
            }
            "season" | "campaign" if !anchor.next && (anchor.end_of || anchor.this || closes) => {
                reading(this_season, at + 1)
            }
            _ => None,
        };
    }
    // "the end of the month", "runs out next month", "the close of this month"
    if word(at) == "month" && !anchor.past && (anchor.end_of || anchor.this || anchor.next) {
        let date = article_date?;
        let month = if anchor.next {
            date.checked_add_months(Months::new(1))?
        } else {
            date
        };
        return reading(last_day_of_month(month.year(), month.month())?, at + 1);
    }
    // "next year", "later this year", "the end of the year"
    if word(at) == "year" && !anchor.past && (anchor.end_of || anchor.this || anchor.next) {
        let date = article_date?;
        let y = date.year() + i32::from(anchor.next);
        let end = if anchor.end_of || (anchor.this && date > season_end(y)?) {
            NaiveDate::from_ymd_opt(y, 12, 31)?
        } else {
            season_end(y)?
        };
        return reading(end, at + 1);
    }
    if anchor.past {
        return None;
    }
    // "18 months", "two years", "a year's time": counted from the article's date
    if let Some(n) = number_word(word(at))
        && matches!(word(at + 1), "months" | "month" | "years" | "year")
    {
        let used = at + 2 + usize::from(word(at + 2) == "time");
        return reading(remaining_to_date(n, word(at + 1), article_date?)?, used);
    }
    // "30 June 2021", "30th of June 2021", "30/06/2021"
    if let Some(d) = day(word(at)) {
        if let Some(m) = word(at + 1).parse().ok().filter(|m| (1..=12).contains(m))
            && word(at + 1).len() <= 2
            && let Some(y) = year(word(at + 2))
        {
            return reading(NaiveDate::from_ymd_opt(y, m, d)?, at + 3);
        }
        let mut m_at = at + 1;
        if word(m_at) == "of" {
            m_at += 1;
        }
        if let Some(m) = month_number(word(m_at))
            && let Some(y) = year(word(m_at + 1))
        {
            return reading(NaiveDate::from_ymd_opt(y, m, d)?, m_at + 2);
        }
    }
    // "June 2021", "June of 2021", "June 30, 2021", "June" and "next June" (the coming one)
    if let Some(m) = month_number(word(at)) {
        let of = usize::from(word(at + 1) == "of");
        if let Some(y) = year(word(at + 1 + of)) {
            let date = if anchor.end_of || m != 6 {
                last_day_of_month(y, m)?
            } else {
                season_end(y)?
            };
            return reading(date, at + 2 + of);
        }
        if let (Some(d), Some(y)) = (day(word(at + 1)), year(word(at + 2))) {
            return reading(NaiveDate::from_ymd_opt(y, m, d)?, at + 3);
        }
        let date = article_date?;
        let mut y = date.year();
        // "next June" written in June is a year away.
        if anchor.next && date.month() == m {
            y += 1;
        }
        let mut end = last_day_of_month(y, m)?;
        if end < date {
            y += 1;
            end = last_day_of_month(y, m)?;
        }
        return reading(end, at + 1);
    }
    if anchor.next {
        return None;
    }
    if let Some(y) = season_year(word(at)) {
        return reading(season_end(y)?, at + 1);
    }
    if let Some(y) = year(word(at)) {
        // "2020/21" is two words: the slash is not part of one.
        if season_year(&format!("{y}-{}", word(at + 1))).is_some() {
            return reading(season_end(y + 1)?, at + 2);
        }
        let mut used = at + 1;
        if word(used) == "season" {
            used += 1;
        }
        return reading(season_end(y)?, used);
    }
    None
}

/// "Next summer" from an article's date: the coming summer, or next year's once this
/// year's has begun.
fn next_summer(date: NaiveDate) -> Option<NaiveDate> {
    if date.month() < 6 {
        season_end(date.year())
    } else {
        season_end(date.year() + 1)
    }
}

/// "The final six months / final year / last 12 months / last season of his contract": with
/// a length, the first 30 June at least that length less nine months (a season's span) after
/// the article's date, so "the final year" in June is the whole next season and in November
/// this one; without, the end of the season the article falls in. Returns the date and how
/// many words it used.
pub fn read_final_period(
    words: &[&str],
    article_date: Option<NaiveDate>,
) -> Option<(NaiveDate, usize)> {
    let mut at = 0;
    if !matches!(words.first(), Some(&("final" | "last"))) {
        return None;
    }
    at += 1;
    let amount = number_word(words.get(at).copied().unwrap_or(""));
    if amount.is_some() {
        at += 1;
    }
    let unit = *words.get(at)?;
    let date = article_date?;
    let months = match unit {
        "year" | "years" => amount.unwrap_or(1) * 12,
        "months" | "month" => amount.unwrap_or(0),
        "season" | "campaign" | "weeks" => 0,
        _ => return None,
    };
    let earliest = date.checked_add_months(Months::new(months.saturating_sub(9)))?;
    let end = season_end_after(earliest)?;
    Some((end, at + 1))
}

/// "18 months left on his deal", "two years remaining on his contract": the 30 June nearest
/// to that many months after the article's date, or the end of that month.
pub fn remaining_to_date(amount: u32, unit: &str, article_date: NaiveDate) -> Option<NaiveDate> {
    let months = if unit.starts_with("year") {
        amount * 12
    } else {
        amount
    };
    let target = article_date.checked_add_months(Months::new(months))?;
    let around = [
        season_end(target.year() - 1)?,
        season_end(target.year())?,
        season_end(target.year() + 1)?,
    ];
    around
        .into_iter()
        .min_by_key(|end| (*end - target).num_days().abs())
        .filter(|end| (*end - target).num_days().abs() <= 92)
        .or_else(|| last_day_of_month(target.year(), target.month()))
}

pub fn amount(word: &str) -> Option<u32> {
    number_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn read(text: &str, on: Option<&str>) -> Option<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        read_end_date(&words, on.map(date)).map(|r| r.date.to_string())
    }

    #[test]
    fn month_and_year_is_the_end_of_that_month() {
        assert_eq!(read("june 2021", None).as_deref(), Some("2021-06-30"));
        assert_eq!(read("january 2022", None).as_deref(), Some("2022-01-31"));
        assert_eq!(read("june of 2027", None).as_deref(), Some("2027-06-30"));
        assert_eq!(
            read("the end of may 2024", None).as_deref(),
            Some("2024-05-31")
        );
    }

    #[test]
    fn a_year_alone_is_the_end_of_that_season() {
        assert_eq!(read("2022", None).as_deref(), Some("2022-06-30"));
        assert_eq!(
            read("the summer of 2023", None).as_deref(),
            Some("2023-06-30")
        );
        assert_eq!(read("2024-25", None).as_deref(), Some("2025-06-30"));
        assert_eq!(read("2024/2025", None).as_deref(), Some("2025-06-30"));
        assert_eq!(
            read("the end of the 2026-27 season", None).as_deref(),
            Some("2027-06-30")
        );
    }

    #[test]
    fn full_dates_in_both_orders() {
        assert_eq!(read("30 june 2021", None).as_deref(), Some("2021-06-30"));
        assert_eq!(
            read("31st december 2025", None).as_deref(),
            Some("2025-12-31")
        );
        assert_eq!(read("june 30 2021", None).as_deref(), Some("2021-06-30"));
        assert_eq!(
            read("the 30th of june 2024", None).as_deref(),
            Some("2024-06-30")
        );
    }

    #[test]
    fn relative_phrases_need_the_article_date() {
        assert_eq!(
            read("next summer", Some("2020-11-11")).as_deref(),
            Some("2021-06-30")
        );
        assert_eq!(
            read("next summer", Some("2021-02-01")).as_deref(),
            Some("2021-06-30")
        );
        assert_eq!(
            read("the end of the season", Some("2023-03-01")).as_deref(),
            Some("2023-06-30")
        );
        assert_eq!(
            read("the end of the season", Some("2023-09-01")).as_deref(),
            Some("2024-06-30")
        );
        assert_eq!(
            read("june", Some("2023-09-01")).as_deref(),
            Some("2024-06-30")
        );
        assert_eq!(read("next summer", None), None);
        assert_eq!(read("the end of the season", None), None);
    }

    #[test]
    fn anchored_relative_phrases() {
        for (text, on, expected) in [
            ("the end of the month", "2025-06-09", "2025-06-30"),
            ("the close of this month", "2024-02-03", "2024-02-29"),
            ("next month", "2024-05-10", "2024-06-30"),
            (
                "the end of the following season",
                "2023-09-01",
                "2025-06-30",
            ),
            ("the end of next season", "2024-03-01", "2025-06-30"),
            ("later this year", "2024-02-01", "2024-06-30"),
            ("later this year", "2024-09-01", "2024-12-31"),
            ("the end of the year", "2024-02-01", "2024-12-31"),
            ("next year", "2024-02-01", "2025-06-30"),
            ("next june", "2022-08-18", "2023-06-30"),
            ("next june", "2022-06-10", "2023-06-30"),
            ("the summer", "2024-02-01", "2024-06-30"),
            ("the season ends", "2023-10-01", "2024-06-30"),
            (
                "this upcoming season comes to a close",
                "2022-08-18",
                "2023-06-30",
            ),
        ] {
            assert_eq!(read(text, Some(on)).as_deref(), Some(expected), "{text}");
            assert_eq!(read(text, None), None, "{text}");
        }
    }

    #[test]
    fn time_from_the_article_and_numeric_dates() {
        assert_eq!(
            read("18 months", Some("2021-01-13")).as_deref(),
            Some("2022-06-30")
        );
        assert_eq!(
            read("a year time", Some("2024-08-01")).as_deref(),
            Some("2025-06-30")
        );
        assert_eq!(read("18 months", None), None);
        // "30/06/2026" reaches here as three words.
        assert_eq!(read("30 06 2026", None).as_deref(), Some("2026-06-30"));
        assert_eq!(read("31 13 2026", None), None);
    }

    #[test]
    fn seasons_and_windows_named_by_their_years() {
        // "2020/21" reaches here as two words.
        assert_eq!(read("2020 21", None).as_deref(), Some("2021-06-30"));
        assert_eq!(read("2020 2021", None).as_deref(), Some("2021-06-30"));
        assert_eq!(read("2020 22", None).as_deref(), Some("2020-06-30"));
        assert_eq!(
            read("summer transfer window 2022", None).as_deref(),
            Some("2022-06-30")
        );
    }

    #[test]
    fn periods_gone_by_and_bare_next_are_not_ends() {
        for text in [
            "last summer",
            "the end of last season",
            "the past year",
            "next season",
            "next week",
            "the month",
        ] {
            assert_eq!(read(text, Some("2024-02-01")), None, "{text}");
        }
    }

    #[test]
    fn words_that_are_not_dates() {
        assert_eq!(read("january", None), None);
        assert_eq!(read("madrid", None), None);
        assert_eq!(read("1850", None), None);
        assert_eq!(read("30 february 2021", None), None);
    }

    #[test]
    fn final_period_needs_a_date() {
        let words = ["final", "six", "months", "of"];
        assert_eq!(
            read_final_period(&words, Some(date("2021-01-13"))),
            Some((date("2021-06-30"), 3))
        );
        assert_eq!(read_final_period(&words, None), None);
        assert_eq!(
            read_final_period(&["final", "year"], Some(date("2020-11-11"))),
            Some((date("2021-06-30"), 2))
        );
        // In the close season, the final year is the whole of the next one.
        assert_eq!(
            read_final_period(&["final", "year"], Some(date("2024-06-22"))),
            Some((date("2025-06-30"), 2))
        );
        assert_eq!(
            read_final_period(&["last", "12", "months"], Some(date("2015-08-01"))),
            Some((date("2016-06-30"), 3))
        );
        assert_eq!(
            read_final_period(&["final", "months"], Some(date("2023-02-01"))),
            Some((date("2023-06-30"), 2))
        );
        assert_eq!(
            read_final_period(&["final", "whistle"], Some(date("2020-11-11"))),
            None
        );
    }

    #[test]
    fn remaining_time_snaps_to_the_season_end() {
        let on = date("2021-01-13");
        assert_eq!(
            remaining_to_date(18, "months", on),
            Some(date("2022-06-30"))
        );
        assert_eq!(
            remaining_to_date(2, "years", date("2022-07-01")),
            Some(date("2024-06-30"))
        );
    }
}

//! Contract countdown maths. Every function takes the reference date; none reads the clock.

use chrono::{Datelike, Months, NaiveDate};

use crate::config::CountdownSort;
use crate::model::Model;
use crate::text::plural;

/// First day foreign clubs may agree a pre-contract: the first day of the final six months,
/// (expiry + 1 day) − 6 months.
pub fn precontract_from(expires: NaiveDate) -> NaiveDate {
    expires
        .succ_opt()
        .and_then(|day| day.checked_sub_months(Months::new(6)))
        .unwrap_or(expires)
}

/// Days from `as_of` to `expires`; negative once the contract has ended.
pub fn days_left(expires: NaiveDate, as_of: NaiveDate) -> i64 {
    (expires - as_of).num_days()
}

/// How pressing a contract's end is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Expired,
    /// Fewer days left than [`Thresholds::critical_days`] (six months, by default).
    Critical,
    /// Up to [`Thresholds::soon_days`] left (a year, by default).
    Soon,
    Distant,
}

/// Where the urgency bands end, in days left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub critical_days: u32,
    pub soon_days: u32,
}

impl Default for Thresholds {
    /// Six months and a year.
    fn default() -> Self {
        Self {
            critical_days: 183,
            soon_days: 365,
        }
    }
}

pub fn urgency(expires: NaiveDate, as_of: NaiveDate, thresholds: Thresholds) -> Urgency {
    let days = days_left(expires, as_of);
    if days < 0 {
        Urgency::Expired
    } else if days < i64::from(thresholds.critical_days) {
        Urgency::Critical
    } else if days <= i64::from(thresholds.soon_days) {
        Urgency::Soon
    } else {
        Urgency::Distant
    }
}

/// Whether foreign clubs may already agree a pre-contract (and the contract still runs).
pub fn precontract_open(expires: NaiveDate, as_of: NaiveDate) -> bool {
    precontract_from(expires) <= as_of && as_of <= expires
}

/// Whole months and remaining days from `from` to `to` (`from` ≤ `to`).
fn months_and_days(from: NaiveDate, to: NaiveDate) -> (u32, i64) {
    let mut months = (to.year() - from.year()) * 12 + to.month0() as i32 - from.month0() as i32;
    let step = |months: i32| {
        u32::try_from(months)
            .ok()
            .and_then(|m| from.checked_add_months(Months::new(m)))
    };
    while months > 0 && step(months).is_none_or(|date| date > to) {
        months -= 1;
    }
    let anchor = step(months).unwrap_or(from);
    (u32::try_from(months).unwrap_or(0), (to - anchor).num_days())
}

/// Where a contract goes in a list of countdowns: running ones first, the soonest end
/// first; then ended ones, the most recently ended first. Sort by this key.
pub fn list_order(expires: NaiveDate, as_of: NaiveDate) -> (bool, i64) {
    let days = days_left(expires, as_of);
    (days < 0, days.abs())
}

/// Sorts contract indices (into `model.contracts`) for a list of countdowns, as the
/// configuration asks: by time left ([`list_order`]), by player, or by club; ties by the
/// player's name, then by time left.
pub fn sort_contracts(model: &Model, rows: &mut [usize], as_of: NaiveDate, sort: CountdownSort) {
    rows.sort_by_cached_key(|&at| {
        let contract = &model.contracts[at];
        let name = model.person(contract.player).map(|p| p.name.clone());
        let order = list_order(contract.expires, as_of);
        // Contracts without a known club go last.
        let club = || {
            let club = contract.club.map(|club| model.club_name(club).to_string());
            (club.is_none(), club)
        };
        match sort {
            CountdownSort::Ending => (None, None, order, name),
            CountdownSort::Player => (None, Some(name), order, None),
            CountdownSort::Club => (Some(club()), None, order, name),
        }
    });
}

/// "1 day", "2 days"; "1 month", "3 months"; "1 year", "2 years"; "1,264 days".
fn count(n: i64, unit: &str) -> String {
    plural(usize::try_from(n).unwrap_or(0), unit, &format!("{unit}s"))
}

/// "+1 other date", "+27 other dates": a contract's conflicting end dates in a few columns.
pub fn other_dates(count: usize) -> String {
    format!("+{}", plural(count, "other date", "other dates"))
}

/// "168 days", "1 day", "today", "2 months 5 days (66 days)", over 24 months "2 years 3
/// months (829 days)"; "free agent since 2021-06-30" once ended. Spans over 90 days also
/// give months and days.
pub fn describe(expires: NaiveDate, as_of: NaiveDate) -> String {
    let days = days_left(expires, as_of);
    match days {
        d if d < 0 => format!("free agent since {}", expires.succ_opt().unwrap_or(expires)),
        0 => "ends today".to_string(),
        d if d <= 90 => count(d, "day"),
        d => {
            let (months, rest) = months_and_days(as_of, expires);
            let span = match (months, rest) {
                (m, _) if m > 24 => match m % 12 {
                    0 => count(i64::from(m / 12), "year"),
                    r => format!(
                        "{} {}",
                        count(i64::from(m / 12), "year"),
                        count(r.into(), "month")
                    ),
                },
                (m, 0) => count(m.into(), "month"),
                (m, rest) => format!("{} {}", count(m.into(), "month"), count(rest, "day")),
            };
            format!("{span} ({})", count(d, "day"))
        }
    }
}

/// [`describe`] in a few columns: "168 days", "ends today", "free agent".
pub fn describe_short(expires: NaiveDate, as_of: NaiveDate) -> String {
    match days_left(expires, as_of) {
        d if d < 0 => "free agent".to_string(),
        0 => "ends today".to_string(),
        d => count(d, "day"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn precontract_window_opens_six_months_before() {
        assert_eq!(precontract_from(date("2021-06-30")), date("2021-01-01"));
        assert_eq!(precontract_from(date("2025-12-31")), date("2025-07-01"));
        assert!(precontract_open(date("2021-06-30"), date("2021-01-13")));
        assert!(!precontract_open(date("2021-06-30"), date("2020-11-11")));
        assert!(!precontract_open(date("2021-06-30"), date("2021-07-01")));
    }

    #[test]
    fn days_left_for_the_seed_dates() {
        assert_eq!(days_left(date("2021-06-30"), date("2021-01-13")), 168);
        assert_eq!(days_left(date("2021-06-30"), date("2020-11-11")), 231);
        assert_eq!(days_left(date("2021-06-30"), date("2021-07-02")), -2);
    }

    #[test]
    fn urgency_bands() {
        let end = date("2022-06-30");
        let urgency = |as_of| urgency(end, date(as_of), Thresholds::default());
        assert_eq!(urgency("2022-07-01"), Urgency::Expired);
        assert_eq!(urgency("2022-06-30"), Urgency::Critical);
        assert_eq!(urgency("2022-01-15"), Urgency::Critical);
        assert_eq!(urgency("2021-12-29"), Urgency::Soon);
        assert_eq!(urgency("2021-09-01"), Urgency::Soon);
        assert_eq!(urgency("2021-06-30"), Urgency::Soon);
        assert_eq!(urgency("2021-06-29"), Urgency::Distant);
        assert_eq!(urgency("2021-01-01"), Urgency::Distant);
    }

    #[test]
    fn urgency_bands_as_configured() {
        let end = date("2021-06-30");
        let thresholds = Thresholds {
            critical_days: 30,
            soon_days: 90,
        };
        assert_eq!(
            urgency(end, date("2021-06-01"), thresholds),
            Urgency::Critical
        );
        assert_eq!(urgency(end, date("2021-05-31"), thresholds), Urgency::Soon);
        assert_eq!(urgency(end, date("2021-04-01"), thresholds), Urgency::Soon);
        assert_eq!(
            urgency(end, date("2021-01-13"), thresholds),
            Urgency::Distant
        );
    }

    #[test]
    fn descriptions() {
        let end = date("2021-06-30");
        assert_eq!(describe(end, date("2021-06-30")), "ends today");
        assert_eq!(describe(end, date("2021-06-29")), "1 day");
        assert_eq!(describe(end, date("2021-05-01")), "60 days");
        assert_eq!(
            describe(end, date("2021-01-13")),
            "5 months 17 days (168 days)"
        );
        assert_eq!(describe(end, date("2020-06-30")), "12 months (365 days)");
        assert_eq!(
            describe(end, date("2021-08-01")),
            "free agent since 2021-07-01"
        );
        assert_eq!(
            describe(date("2023-06-30"), date("2021-06-01")),
            "24 months 29 days (759 days)"
        );
        assert_eq!(
            describe(date("2023-06-30"), date("2021-01-13")),
            "2 years 5 months (898 days)"
        );
        assert_eq!(
            describe(date("2024-06-30"), date("2021-06-30")),
            "3 years (1,096 days)"
        );
        assert_eq!(describe_short(end, date("2021-01-13")), "168 days");
        assert_eq!(describe_short(end, date("2021-08-01")), "free agent");
    }

    #[test]
    fn running_contracts_list_first_then_the_latest_ended() {
        let as_of = date("2021-01-13");
        let mut ends = [
            "2019-06-30",
            "2023-06-30",
            "2020-12-31",
            "2021-06-30",
            "2021-01-13",
        ]
        .map(date);
        ends.sort_by_key(|&end| list_order(end, as_of));
        assert_eq!(
            ends.map(|d| d.to_string()),
            [
                "2021-01-13",
                "2021-06-30",
                "2023-06-30",
                "2020-12-31",
                "2019-06-30"
            ]
        );
    }
}

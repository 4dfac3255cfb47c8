//! Days, business days and the start/end of a day in the time zone in force.
//!
//! Instants are Unix seconds (`i64`): the SPEC compares instants at one-second
//! precision, and an integer keeps the per-order record small.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;

/// Unix seconds.
pub type Instant = i64;

/// The calendar of the time zone in force (SPEC §2.4).
#[derive(Debug, Clone, Copy)]
pub struct Calendar {
    tz: Tz,
}

impl Calendar {
    pub fn new(tz: Tz) -> Self {
        Calendar { tz }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The calendar date of an instant in the zone.
    pub fn day_of(&self, t: Instant) -> NaiveDate {
        match DateTime::<Utc>::from_timestamp(t, 0) {
            Some(utc) => utc.with_timezone(&self.tz).date_naive(),
            // Out of chrono's range: cannot come from parsed input (years 2000–2099).
            None => NaiveDate::MIN,
        }
    }

    /// A wall-clock time in the zone as an instant. A time skipped by a
    /// daylight-saving change is read as the first instant after the gap; a
    /// repeated time as its first occurrence.
    pub fn local(&self, naive: NaiveDateTime) -> Instant {
        match self.tz.from_local_datetime(&naive) {
            LocalResult::Single(t) => t.timestamp(),
            LocalResult::Ambiguous(a, _) => a.timestamp(),
            LocalResult::None => {
                // Gaps are at most a few hours; step forward minute by minute.
                let mut probe = naive;
                for _ in 0..(24 * 60) {
                    probe += Duration::minutes(1);
                    if let Some(t) = self.tz.from_local_datetime(&probe).earliest() {
                        return t.timestamp();
                    }
                }
                naive.and_utc().timestamp()
            }
        }
    }

    /// 00:00:00 of `day` in the zone.
    pub fn start_of(&self, day: NaiveDate) -> Instant {
        self.local(day.and_time(NaiveTime::MIN))
    }

    /// 23:59:59 of `day` in the zone.
    pub fn end_of(&self, day: NaiveDate) -> Instant {
        match NaiveTime::from_hms_opt(23, 59, 59) {
            Some(t) => self.local(day.and_time(t)),
            None => self.start_of(day.succ_opt().unwrap_or(day)) - 1,
        }
    }

    /// RFC 3339 with the zone's offset, e.g. `2026-11-20T23:59:59-08:00`.
    pub fn rfc3339(&self, t: Instant) -> String {
        match DateTime::<Utc>::from_timestamp(t, 0) {
            Some(utc) => utc
                .with_timezone(&self.tz)
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
            None => String::new(),
        }
    }

    /// `YYYY-MM-DD HH:MM` in the zone, for people.
    pub fn short(&self, t: Instant) -> String {
        match DateTime::<Utc>::from_timestamp(t, 0) {
            Some(utc) => utc
                .with_timezone(&self.tz)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            None => String::new(),
        }
    }
}

/// Monday to Friday.
pub fn is_business_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The `n`-th business day after `day` (`n` = 0: `day` itself).
pub fn add_business_days(day: NaiveDate, n: u32) -> NaiveDate {
    let mut d = day;
    for _ in 0..n {
        d = next_day(d);
        while !is_business_day(d) {
            d = next_day(d);
        }
    }
    d
}

pub fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// A window of `days` days ending at `to`, both ends included (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u32,
}

impl Window {
    pub fn ending(to: NaiveDate, days: u32) -> Window {
        Window {
            from: add_days(to, 1 - i64::from(days)),
            to,
            days,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn window_covers_both_ends() {
        let w = Window::ending(d(2026, 11, 20), 10);
        assert_eq!(w.from, d(2026, 11, 11));
        assert!(w.contains(d(2026, 11, 11)));
        assert!(w.contains(d(2026, 11, 20)));
        assert!(!w.contains(d(2026, 11, 10)));
        assert!(!w.contains(d(2026, 11, 21)));
    }

    #[test]
    fn business_days_skip_weekends() {
        // 2026-11-20 is a Friday.
        assert_eq!(add_business_days(d(2026, 11, 20), 0), d(2026, 11, 20));
        assert_eq!(add_business_days(d(2026, 11, 20), 1), d(2026, 11, 23));
        assert_eq!(add_business_days(d(2026, 11, 21), 1), d(2026, 11, 23));
        assert_eq!(add_business_days(d(2026, 11, 20), 7), d(2026, 12, 1));
        // Saturday purchase, N = 0 is the day itself.
        assert_eq!(add_business_days(d(2026, 11, 21), 0), d(2026, 11, 21));
    }

    #[test]
    fn day_boundaries_follow_dst() {
        let cal = Calendar::new(chrono_tz::America::Los_Angeles);
        // 2026-11-01 is the day US daylight time ends: 25 hours long.
        let start = cal.start_of(d(2026, 11, 1));
        let end = cal.end_of(d(2026, 11, 1));
        assert_eq!(end - start, 25 * 3600 - 1);
        assert_eq!(cal.day_of(start), d(2026, 11, 1));
        assert_eq!(cal.day_of(start - 1), d(2026, 10, 31));
        assert_eq!(cal.day_of(end), d(2026, 11, 1));
        assert_eq!(cal.day_of(end + 1), d(2026, 11, 2));
        // 2026-03-08: 23 hours long.
        assert_eq!(
            cal.end_of(d(2026, 3, 8)) - cal.start_of(d(2026, 3, 8)),
            23 * 3600 - 1
        );
    }

    #[test]
    fn skipped_local_time_moves_past_the_gap() {
        let cal = Calendar::new(chrono_tz::America::Los_Angeles);
        let naive = d(2026, 3, 8).and_hms_opt(2, 30, 0).unwrap();
        // 02:30 does not exist; 03:00 PDT = 10:00 UTC.
        assert_eq!(
            cal.local(naive),
            d(2026, 3, 8)
                .and_hms_opt(10, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp()
        );
    }

    #[test]
    fn rfc3339_carries_the_zone_offset() {
        let cal = Calendar::new(chrono_tz::America::Los_Angeles);
        assert_eq!(
            cal.rfc3339(cal.end_of(d(2026, 11, 20))),
            "2026-11-20T23:59:59-08:00"
        );
    }
}

/// The start instants of a run of consecutive days: the day of an instant in
/// that run is a binary search instead of a time-zone lookup (the metrics ask
/// for it millions of times).
#[derive(Debug, Clone)]
pub struct DayIndex {
    cal: Calendar,
    /// `starts[i]` = start of the i-th day covered, and one more at the end.
    starts: Vec<Instant>,
    /// `dates[i]`: the day starting at `starts[i]`.
    dates: Vec<NaiveDate>,
}

impl DayIndex {
    /// Covers `days` days from `first`.
    pub fn new(cal: Calendar, first: NaiveDate, days: u32) -> DayIndex {
        let dates: Vec<NaiveDate> = (0..=i64::from(days)).map(|i| add_days(first, i)).collect();
        let starts = dates.iter().map(|&d| cal.start_of(d)).collect();
        DayIndex { cal, starts, dates }
    }

    pub fn day_of(&self, t: Instant) -> NaiveDate {
        match (self.starts.first(), self.starts.last()) {
            (Some(&lo), Some(&hi)) if lo <= t && t < hi => {
                // Days are 86 400 s give or take a daylight-saving hour: the
                // estimate is at most one day off.
                let mut i = usize::try_from((t - lo) / 86_400)
                    .unwrap_or(0)
                    .min(self.starts.len() - 2);
                while i > 0 && self.starts[i] > t {
                    i -= 1;
                }
                while self.starts[i + 1] <= t {
                    i += 1;
                }
                self.dates[i]
            }
            _ => self.cal.day_of(t),
        }
    }
}

#[cfg(test)]
mod day_index_tests {
    use super::*;

    #[test]
    fn agrees_with_the_zone_around_dst_changes_and_outside_its_run() {
        let cal = Calendar::new(chrono_tz::America::Los_Angeles);
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let index = DayIndex::new(cal, first, 365);
        let start = cal.start_of(first) - 86_400 * 3;
        let mut t = start;
        while t < start + 86_400 * 372 {
            assert_eq!(index.day_of(t), cal.day_of(t), "{t}");
            t += 1_799;
        }
        for probe in [
            cal.start_of(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()),
            cal.end_of(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
        ] {
            for d in [-1, 0, 1] {
                assert_eq!(index.day_of(probe + d), cal.day_of(probe + d));
            }
        }
    }
}

//! Cell values: instants, dates, booleans, ratings (SPEC §2.2).

use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::calendar::{Calendar, Instant};
use crate::marketplace::DateOrder;

/// Whether a date alone means the start of its day (an event happened then)
/// or its end (a deadline falls then).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Event,
    Deadline,
}

/// Parses values with the marketplace's date order in the zone in force.
#[derive(Debug, Clone, Copy)]
pub struct ValueParser {
    pub cal: Calendar,
    pub order: DateOrder,
    /// Numeric dates may also use `-` (`04-30-22`): with `--date-order`,
    /// whose order says how to read them (SPEC §15).
    pub dashes: bool,
}

impl ValueParser {
    pub fn new(cal: Calendar, order: DateOrder) -> Self {
        ValueParser {
            cal,
            order,
            dashes: false,
        }
    }

    /// `--date-order`: `order` overrides the marketplace's, and numeric
    /// dates may use `-` as well as `/` and `.`.
    pub fn with_date_order(cal: Calendar, order: DateOrder) -> Self {
        ValueParser {
            cal,
            order,
            dashes: true,
        }
    }

    /// An instant: RFC 3339 with offset, a naive timestamp in the zone, or a
    /// date alone (start or end of that day according to `role`).
    pub fn instant(&self, s: &str, role: Role) -> Option<Instant> {
        let b = s.as_bytes();
        if b.len() > 10 && is_iso_date(b) && matches!(b[10], b'T' | b't' | b' ') {
            let (y, mo, d) = (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
            let (time, rest) = parse_time(&b[11..])?;
            return match parse_offset(rest)? {
                // The common form: integer arithmetic only, no calendar lookups.
                Some(offset) => {
                    let days = epoch_days(y, mo, d)?;
                    Some(
                        days * 86_400 + i64::from(time.num_seconds_from_midnight())
                            - i64::from(offset),
                    )
                }
                None => Some(self.cal.local(ymd(y, mo, d)?.and_time(time))),
            };
        }
        let day = self.date(s)?;
        Some(match role {
            Role::Event => self.cal.start_of(day),
            Role::Deadline => self.cal.end_of(day),
        })
    }

    /// A calendar date in one of the forms of SPEC §2.2.
    pub fn date(&self, s: &str) -> Option<NaiveDate> {
        let b = s.as_bytes();
        if b.len() == 10 && is_iso_date(b) {
            return ymd(num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
        }
        // DD-Mon-YYYY
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() == 3 && parts[1].bytes().all(|c| c.is_ascii_alphabetic()) {
            let day = small_num(parts[0], 2)?;
            let month = month_number(parts[1])?;
            let year = year(parts[2])?;
            return ymd(year, month, day);
        }
        let sep = if s.contains('/') {
            '/'
        } else if s.contains('.') {
            '.'
        } else if self.dashes && s.contains('-') {
            '-'
        } else {
            return None;
        };
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let order = if parts[0].len() == 4 {
            DateOrder::YearMonthDay
        } else {
            self.order
        };
        let (y, m, d) = match order {
            DateOrder::MonthDayYear => (parts[2], parts[0], parts[1]),
            DateOrder::DayMonthYear => (parts[2], parts[1], parts[0]),
            DateOrder::YearMonthDay => (parts[0], parts[1], parts[2]),
        };
        ymd(year(y)?, small_num(m, 2)?, small_num(d, 2)?)
    }
}

fn is_iso_date(b: &[u8]) -> bool {
    b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit)
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn small_num(s: &str, max_len: usize) -> Option<u32> {
    if s.len() > max_len {
        return None;
    }
    num(s.as_bytes())
}

/// A year of 4 digits, or 2 digits meaning 20YY.
fn year(s: &str) -> Option<u32> {
    match s.len() {
        2 => num(s.as_bytes()).map(|y| 2000 + y),
        4 => num(s.as_bytes()),
        _ => None,
    }
}

/// A date in 2000–2099 (SPEC §2.2: other years are unparseable).
/// Days since 1970-01-01 of a date in 2000–2099 (Hinnant's `days_from_civil`).
fn epoch_days(y: u32, m: u32, d: u32) -> Option<i64> {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(2000..=2099).contains(&y) || d == 0 || d > month_days {
        return None;
    }
    let (y, m, d) = (i64::from(y) - i64::from(m <= 2), i64::from(m), i64::from(d));
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(2000..=2099).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

fn month_number(s: &str) -> Option<u32> {
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
    let lower = s.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() == 3 && m.starts_with(lower.as_str()))
                || (lower == "sept" && *m == "september")
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `HH:MM[:SS[.fff]]`, returning the time and what follows it.
fn parse_time(b: &[u8]) -> Option<(NaiveTime, &[u8])> {
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let h = num(&b[0..2])?;
    let m = num(&b[3..5])?;
    let mut rest = &b[5..];
    let mut s = 0;
    if rest.len() >= 3 && rest[0] == b':' {
        s = num(&rest[1..3])?;
        rest = &rest[3..];
        if let Some((b'.' | b',', frac)) = rest.split_first() {
            let digits = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            // Instants are compared at one-second precision: drop the fraction.
            rest = &frac[digits..];
        }
    }
    Some((NaiveTime::from_hms_opt(h, m, s)?, rest))
}

/// `Z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (a naive time). Returns seconds east of UTC.
fn parse_offset(b: &[u8]) -> Option<Option<i32>> {
    let b = trim_ascii(b);
    match b {
        [] => Some(None),
        [b'Z' | b'z'] => Some(Some(0)),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest {
                [h1, h2] => (num(&[*h1, *h2])?, 0),
                [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => (num(&[*h1, *h2])?, num(&[*m1, *m2])?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let secs = i32::try_from(h * 3600 + m * 60).ok()?;
            Some(Some(if *sign == b'-' { -secs } else { secs }))
        }
        _ => None,
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

/// The value of the first name in `table` equal to `s`, ignoring ASCII case
/// (listed values are compared case-insensitively, without allocating).
pub fn lookup<T: Copy>(s: &str, table: &[(&str, T)]) -> Option<T> {
    table
        .iter()
        .find(|(name, _)| s.eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
}

/// `true/false`, `yes/no`, `y/n`, `1/0`, any case; `None` when it is none of these.
pub fn parse_bool(s: &str) -> Option<bool> {
    lookup(
        s,
        &[
            ("true", true),
            ("false", false),
            ("yes", true),
            ("no", false),
            ("y", true),
            ("n", false),
            ("1", true),
            ("0", false),
        ],
    )
}

/// An integer 1–5.
pub fn parse_rating(s: &str) -> Option<u8> {
    match s {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        "5" => Some(5),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

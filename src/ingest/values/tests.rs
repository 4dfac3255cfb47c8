use super::*;
use chrono_tz::America::Los_Angeles;

fn us() -> ValueParser {
    ValueParser::new(Calendar::new(Los_Angeles), DateOrder::MonthDayYear)
}

fn with(order: DateOrder) -> ValueParser {
    ValueParser::new(Calendar::new(chrono_tz::UTC), order)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Instant {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, s)
        .unwrap()
        .and_utc()
        .timestamp()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn rfc3339_forms() {
    let p = us();
    assert_eq!(
        p.instant("2025-09-24T12:02:50+00:00", Role::Event),
        Some(utc(2025, 9, 24, 12, 2, 50))
    );
    assert_eq!(
        p.instant("2025-09-24T05:02:50-07:00", Role::Event),
        Some(utc(2025, 9, 24, 12, 2, 50))
    );
    assert_eq!(
        p.instant("2025-09-24T12:02:50Z", Role::Event),
        Some(utc(2025, 9, 24, 12, 2, 50))
    );
    assert_eq!(
        p.instant("2020-10-20T00:00Z", Role::Event),
        Some(utc(2020, 10, 20, 0, 0, 0))
    );
    assert_eq!(
        p.instant("2025-09-24T12:02:50.987+0530", Role::Event),
        Some(utc(2025, 9, 24, 6, 32, 50))
    );
}

#[test]
fn naive_timestamps_are_in_the_zone_in_force() {
    let p = us();
    // PDT is UTC-7 in September.
    assert_eq!(
        p.instant("2025-09-24 12:02:50", Role::Event),
        Some(utc(2025, 9, 24, 19, 2, 50))
    );
    assert_eq!(
        p.instant("2025-09-24T12:02:50", Role::Event),
        Some(utc(2025, 9, 24, 19, 2, 50))
    );
}

#[test]
fn date_alone_is_start_for_events_and_end_for_deadlines() {
    let p = us();
    // PST is UTC-8 in late November.
    assert_eq!(
        p.instant("2026-11-20", Role::Event),
        Some(utc(2026, 11, 20, 8, 0, 0))
    );
    assert_eq!(
        p.instant("2026-11-20", Role::Deadline),
        Some(utc(2026, 11, 21, 7, 59, 59))
    );
}

#[test]
fn date_forms_by_marketplace() {
    assert_eq!(
        with(DateOrder::MonthDayYear).date("10/20/23"),
        Some(day(2023, 10, 20))
    );
    assert_eq!(
        with(DateOrder::MonthDayYear).date("3/4/2026"),
        Some(day(2026, 3, 4))
    );
    assert_eq!(
        with(DateOrder::DayMonthYear).date("3/4/2026"),
        Some(day(2026, 4, 3))
    );
    assert_eq!(
        with(DateOrder::DayMonthYear).date("20.10.26"),
        Some(day(2026, 10, 20))
    );
    assert_eq!(
        with(DateOrder::YearMonthDay).date("2026/10/20"),
        Some(day(2026, 10, 20))
    );
    assert_eq!(
        with(DateOrder::YearMonthDay).date("26/10/20"),
        Some(day(2026, 10, 20))
    );
    assert_eq!(
        with(DateOrder::MonthDayYear).date("2026/10/20"),
        Some(day(2026, 10, 20))
    );
    assert_eq!(
        with(DateOrder::DayMonthYear).date("23-Jul-2026"),
        Some(day(2026, 7, 23))
    );
    assert_eq!(
        with(DateOrder::DayMonthYear).date("01-oct-26"),
        Some(day(2026, 10, 1))
    );
    assert_eq!(
        with(DateOrder::DayMonthYear).date("2026-02-28"),
        Some(day(2026, 2, 28))
    );
}

#[test]
fn numeric_dates_with_dashes_need_a_date_order() {
    assert_eq!(with(DateOrder::MonthDayYear).date("04-30-22"), None);
    let cal = Calendar::new(chrono_tz::UTC);
    let mdy = ValueParser::with_date_order(cal, DateOrder::MonthDayYear);
    assert_eq!(mdy.date("04-30-22"), Some(day(2022, 4, 30)));
    assert_eq!(mdy.date("4-3-2022"), Some(day(2022, 4, 3)));
    assert_eq!(mdy.date("2022-4-3"), Some(day(2022, 4, 3)));
    assert_eq!(mdy.date("30-04-22"), None);
    let dmy = ValueParser::with_date_order(cal, DateOrder::DayMonthYear);
    assert_eq!(dmy.date("30-04-22"), Some(day(2022, 4, 30)));
    assert_eq!(dmy.date("23-Jul-2026"), Some(day(2026, 7, 23)));
    assert_eq!(
        mdy.instant("04-30-22", Role::Event),
        Some(utc(2022, 4, 30, 0, 0, 0))
    );
    assert_eq!(mdy.date("04-30"), None);
    assert_eq!(mdy.date("04-30-22-1"), None);
}

#[test]
fn unparseable_values() {
    let p = us();
    for bad in [
        "yesterday",
        "",
        "2026-02-30",
        "1999-12-31",
        "2100-01-01",
        "13/13/2026",
        "2026-11-20T25:00:00Z",
        "2026-11-20T10:00:00+25:00",
        "2026-11-20Tfoo",
        "1/2",
        "12-Foo-2026",
        "2026-11-20T10:00:00 PST",
    ] {
        assert_eq!(p.instant(bad, Role::Event), None, "{bad}");
    }
    assert_eq!(p.date("01/02/1999"), None);
}

#[test]
fn booleans_and_ratings() {
    for t in ["true", "TRUE", "Yes", "y", "1"] {
        assert_eq!(parse_bool(t), Some(true));
    }
    for f in ["false", "No", "N", "0"] {
        assert_eq!(parse_bool(f), Some(false));
    }
    assert_eq!(parse_bool(""), None);
    assert_eq!(parse_bool("maybe"), None);
    assert_eq!(parse_rating("3"), Some(3));
    assert_eq!(parse_rating("0"), None);
    assert_eq!(parse_rating("6"), None);
    assert_eq!(parse_rating("4.5"), None);
}

mod epoch {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn epoch_days_agree_with_chrono_for_every_day() {
        let mut d = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        while d.year() < 2100 {
            let got = epoch_days(d.year() as u32, d.month(), d.day());
            assert_eq!(got, Some((d - epoch).num_days()), "{d}");
            d = d.succ_opt().unwrap();
        }
        assert_eq!(epoch_days(2026, 2, 29), None);
        assert!(epoch_days(2024, 2, 29).is_some());
        assert_eq!(epoch_days(2026, 13, 1), None);
        assert_eq!(epoch_days(1999, 12, 31), None);
    }
}

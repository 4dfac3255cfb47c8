//! Arbitrary text to the value parsers: dates, instants, booleans, ratings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sellerhealth::calendar::Calendar;
use sellerhealth::ingest::values::{parse_bool, parse_rating, Role, ValueParser};

mod common;

fuzz_target!(|s: &str| {
    for tz in common::ZONES {
        let cal = Calendar::new(tz);
        for order in common::ORDERS {
            let p = ValueParser::new(cal, order);
            let date = p.date(s);
            let event = p.instant(s, Role::Event);
            let deadline = p.instant(s, Role::Deadline);
            assert_eq!(event.is_some(), deadline.is_some(), "{s:?}");
            if let (Some(e), Some(d)) = (event, deadline) {
                assert!(e <= d, "{s:?}: event {e} after deadline {d}");
                // Round-trip through the calendar must not panic.
                let _ = cal.day_of(e);
                let _ = cal.rfc3339(e);
                let _ = cal.short(d);
            }
            if let Some(day) = date {
                use chrono::Datelike;
                assert!((2000..=2099).contains(&day.year()), "{s:?}: {day}");
                assert_eq!(event, Some(cal.start_of(day)), "{s:?}");
                assert_eq!(deadline, Some(cal.end_of(day)), "{s:?}");
            }
        }
    }
    if let Some(r) = parse_rating(s) {
        assert!((1..=5).contains(&r));
    }
    let _ = parse_bool(s);
    let _ = sellerhealth::ingest::rows::normalise_tracking(s);
    let _ = sellerhealth::ingest::rows::status_class(s);
    let q = sellerhealth::ingest::rows::quote(s);
    assert!(!q.chars().any(sellerhealth::text::is_unsafe), "{q:?}");
    let clean = sellerhealth::text::sanitize(s);
    assert!(
        !clean.chars().any(sellerhealth::text::is_unsafe),
        "{clean:?}"
    );
    // Escaping is idempotent: what is safe stays as it is.
    assert_eq!(sellerhealth::text::sanitize(&clean), clean);
});

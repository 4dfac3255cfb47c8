//! The guard of the trend: day D of a trend equals `audit --as-of D`, for
//! random small report sets whose events run past the days measured.

use proptest::prelude::*;

use super::testkit::*;
use super::trend::trend;
use super::*;
use crate::calendar::Calendar;

const BASE: i64 = 1_760_000_000; // 2025-10-09
const HOUR: i64 = 3600;

fn ts(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

/// One order and what happens to it, in hours after BASE.
#[derive(Debug, Clone)]
struct Item {
    purchase: u32,
    afn: bool,
    status: u8,
    by: u8,
    buyer: bool,
    updated: Option<u32>,
    ship_by: Option<u32>,
    rows: Vec<(u32, bool, Option<u32>)>,
    feedback: Option<(u8, u32)>,
    claim: Option<(u8, Option<u32>)>,
    message: Option<(u32, Option<u32>)>,
}

fn item() -> impl Strategy<Value = Item> {
    (
        (0u32..2400, any::<bool>(), 0u8..4, 0u8..4, any::<bool>()),
        (
            proptest::option::of(0u32..400),
            proptest::option::of(0u32..200),
            proptest::collection::vec(
                (0u32..300, any::<bool>(), proptest::option::of(0u32..300)),
                0..3,
            ),
        ),
        (
            proptest::option::of((1u8..6, 0u32..1500)),
            proptest::option::of((0u8..3, proptest::option::of(0u32..1500))),
            proptest::option::of((0u32..100, proptest::option::of(0u32..60))),
        ),
    )
        .prop_map(
            |(
                (purchase, afn, status, by, buyer),
                (updated, ship_by, rows),
                (feedback, claim, message),
            )| Item {
                purchase,
                afn,
                status,
                by,
                buyer,
                updated,
                ship_by,
                rows,
                feedback,
                claim,
                message,
            },
        )
}

fn files(items: &[Item]) -> Vec<String> {
    let (mut o, mut s, mut f, mut c, mut m) = (
        ORDERS.to_string(),
        SHIPMENTS.to_string(),
        FEEDBACK.to_string(),
        CLAIMS.to_string(),
        MESSAGES.to_string(),
    );
    for (i, it) in items.iter().enumerate() {
        let id = format!("111-0000000-{:07}", i + 1);
        let p = BASE + i64::from(it.purchase) * HOUR;
        let at = |h: u32| ts(p + i64::from(h) * HOUR);
        o.push_str(&order(
            &id,
            &ts(p),
            ["Shipped", "Unshipped", "Cancelled", "Pending"][usize::from(it.status)],
            if it.afn { "Amazon" } else { "Merchant" },
            &it.ship_by.map(at).unwrap_or_default(),
            &it.ship_by.map(|h| at(h + 96)).unwrap_or_default(),
            if it.buyer { "true" } else { "false" },
            ["", "buyer", "seller", "amazon"][usize::from(it.by)],
            &it.updated.map(at).unwrap_or_default(),
        ));
        for (k, (h, valid, delivered)) in it.rows.iter().enumerate() {
            let tracking = match (valid, k) {
                (true, 0) => format!("1Z{:016}", i + 1),
                (true, _) => format!("1Z{:016}", i + 90_000),
                _ => "N/A".to_string(),
            };
            let carrier = if k == 1 && !valid { "" } else { "UPS" };
            let delivered = delivered.map(|d| at(h + d)).unwrap_or_default();
            s.push_str(&format!(
                "{id}\t{}\t{carrier}\t{tracking}\t{delivered}\n",
                at(*h)
            ));
        }
        if let Some((rating, h)) = it.feedback {
            let day = chrono::DateTime::from_timestamp(p + i64::from(h) * HOUR, 0)
                .map(|d| d.format("%m/%d/%y").to_string())
                .unwrap_or_default();
            f.push_str(&format!("{day}\t{rating}\tc\t\t{id}\tx@example.com\t\n"));
        }
        if let Some((kind, h)) = it.claim {
            let kind = ["a-to-z", "chargeback", "a-to-z"][usize::from(kind)];
            let date = h.map(at).unwrap_or_default();
            c.push_str(&format!("{id},{kind},{date},,\n"));
        }
        if let Some((h, answer)) = it.message {
            let received = p + i64::from(h) * HOUR;
            let answered = answer
                .map(|a| ts(received + i64::from(a) * HOUR))
                .unwrap_or_default();
            m.push_str(&format!("M{i},{id},{},{answered},false\n", ts(received)));
        }
    }
    vec![o, s, f, c, m]
}

/// Compares every day of a trend with an audit of that day.
fn check(files: &[String], to: NaiveDate, days: u32, handling: Option<u32>) {
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let m = model(&refs);
    let cal = Calendar::new(LA);
    let from = crate::calendar::add_days(to, 1 - i64::from(days));
    let series = trend(&m, cal, from, to, handling);
    for i in 0..days {
        let d = crate::calendar::add_days(from, i64::from(i));
        let audit = measure_all(&Context::new(&m, cal, d, handling));
        assert_eq!(series.len(), audit.len());
        for (s, a) in series.iter().zip(&audit) {
            let p = s.points[i as usize];
            assert_eq!(
                (s.metric, s.scope, p.window, p.defects, p.total),
                (a.metric, a.scope, a.window, a.defects, a.total),
                "day {d}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn trend_day_equals_audit_as_of_that_day(
        items in proptest::collection::vec(item(), 1..25),
        end in 60u32..140,
        days in 1u32..30,
        handling in proptest::option::of(0u32..4),
    ) {
        let to = crate::calendar::add_days(day("2025-10-09"), i64::from(end));
        check(&files(&items), to, days, handling);
    }
}

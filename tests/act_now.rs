//! ACT NOW judged at now (SPEC §9.1): `--now`, the current time by default,
//! E with `--as-of`; claims to answer with their deadlines.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use chrono::{Duration, SecondsFormat, Utc};
use common::*;
use serde_json::Value;

const ORDERS_HEADER: &str =
    "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\n";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn states(report: &Value) -> Vec<(String, String)> {
    report["open_orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["order_id"].as_str().unwrap().to_string(),
                o["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pending(report: &Value) -> Vec<String> {
    report["pending_messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect()
}

/// An order due at 08:00 and a message that arrived at 06:00 on the day after the as-of day.
fn morning_after() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "orders.txt",
        &format!(
            "{ORDERS_HEADER}111-0000000-0000001\t2026-11-19T10:00:00-08:00\tUnshipped\tMerchant\t2026-11-21T08:00:00-08:00\n"
        ),
    );
    write(
        dir.path(),
        "messages.csv",
        "message-id,received-at,responded-at\nM1,2026-11-21T06:00:00-08:00,\n",
    );
    dir
}

#[test]
fn now_judges_act_now_while_metrics_stay_at_the_as_of_day() {
    let dir = morning_after();
    let d = dir.path().to_str().unwrap();
    // With --as-of alone, now is E (reproducible): the order is still due, the
    // message has not arrived yet.
    let at_e = run(["audit", "--json", "--as-of", "2026-11-20", d]).json();
    assert_eq!(at_e["now"], "2026-11-21T00:00:00-08:00");
    assert_eq!(
        states(&at_e),
        vec![("111-0000000-0000001".into(), "due".into())]
    );
    assert!(pending(&at_e).is_empty());
    // At 09:30 the next morning the ship-by has passed and the message waits.
    for now in ["2026-11-21T09:30", "2026-11-21T17:30:00Z"] {
        let r = run(["audit", "--json", "--as-of", "2026-11-20", "--now", now, d]);
        let report = r.json();
        assert_eq!(report["now"], "2026-11-21T09:30:00-08:00", "{now}");
        assert_eq!(
            states(&report),
            vec![("111-0000000-0000001".into(), "late".into())],
            "{now}"
        );
        assert_eq!(pending(&report), vec!["M1".to_string()], "{now}");
        // The metrics do not move: the late shipment rate is judged at E.
        assert_eq!(
            report["metrics"], at_e["metrics"],
            "metrics are judged at E whatever now is"
        );
    }
}

#[test]
fn without_as_of_act_now_is_judged_at_the_current_time() {
    // Today an audit without --as-of judged ACT NOW at midnight: a ship-by an
    // hour ago showed as still to come, a message an hour old was missing.
    let dir = tempfile::tempdir().unwrap();
    let t = |d: Duration| (Utc::now() + d).to_rfc3339_opts(SecondsFormat::Secs, true);
    write(
        dir.path(),
        "orders.txt",
        &format!(
            "{ORDERS_HEADER}111-0000000-0000001\t{}\tUnshipped\tMerchant\t{}\n",
            t(Duration::hours(-30)),
            t(Duration::minutes(-1))
        ),
    );
    write(
        dir.path(),
        "messages.csv",
        &format!(
            "message-id,received-at,responded-at\nM1,{},\n",
            t(Duration::minutes(-1))
        ),
    );
    let r = run([
        "audit",
        "--json",
        "--tz",
        "UTC",
        dir.path().to_str().unwrap(),
    ]);
    let report = r.json();
    assert_eq!(
        states(&report),
        vec![("111-0000000-0000001".into(), "late".into())]
    );
    assert_eq!(pending(&report), vec!["M1".to_string()]);
    let now = chrono::DateTime::parse_from_rfc3339(report["now"].as_str().unwrap()).unwrap();
    assert!(
        (Utc::now().timestamp() - now.timestamp()).abs() < 120,
        "{now}"
    );
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let dir = morning_after();
    for bad in ["yesterday", "2026-11-21", "2026-11-21T25:00", ""] {
        let r = run(["audit", "--now", bad, dir.path().to_str().unwrap()]);
        assert_eq!(r.code, 3, "{bad}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert!(r.stderr.contains("--now"), "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("RFC 3339"), "{bad}: {}", r.stderr);
    }
}

#[test]
fn open_claims_are_listed_with_their_deadlines() {
    // Open A-to-z claims appeared nowhere: not in the JSON, not in ACT NOW.
    let dir = morning_after();
    write(
        dir.path(),
        "claims.csv",
        "order-id,claim-type,claim-date,claim-status,reason\n\
         111-0000000-0000001,a-to-z,2026-11-19,open,Not received\n\
         999-0000000-0000009,chargeback,2026-11-20,,Not as described\n\
         111-0000000-0000001,chargeback,2026-11-01,granted,\n\
         111-0000000-0000002,a-to-z,,pending,\n",
    );
    let d = dir.path().to_str().unwrap();
    let r = run([
        "audit",
        "--json",
        "--as-of",
        "2026-11-20",
        "--now",
        "2026-11-22T01:00",
        d,
    ]);
    let claims = &r.json()["claims_due"];
    assert_eq!(
        claims,
        &serde_json::json!([
            {"order_id": "111-0000000-0000001", "kind": "a_to_z", "claim_date": "2026-11-19",
             "respond_by": "2026-11-22T00:00:00-08:00", "state": "overdue"},
            // On an order absent from the orders file: listed all the same.
            {"order_id": "999-0000000-0000009", "kind": "chargeback", "claim_date": "2026-11-20",
             "respond_by": "2026-11-27T00:00:00-08:00", "state": "due"},
            {"order_id": "111-0000000-0000002", "kind": "a_to_z", "claim_date": null,
             "respond_by": null, "state": "due"}
        ])
    );
    let table = run([
        "audit",
        "--as-of",
        "2026-11-20",
        "--now",
        "2026-11-22T01:00",
        "-q",
        d,
    ]);
    assert!(
        table.stdout.contains("Claims to answer:"),
        "{}",
        table.stdout
    );
    let flat = table
        .stdout
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains(
            "999-0000000-0000009: chargeback of 2026-11-20: answer it by 2026-11-27 00:00"
        ),
        "{flat}"
    );
}

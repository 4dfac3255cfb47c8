//! Freshness (SPEC §9.2): event days per input, `freshness`, `--max-age`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{json, Value};

fn demo() -> String {
    fixtures().join("demo").display().to_string()
}

fn days_by_file(report: &Value) -> Vec<(String, Value, Value)> {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let path = std::path::PathBuf::from(i["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                i["first_day"].clone(),
                i["last_day"].clone(),
            )
        })
        .collect()
}

#[test]
fn each_input_has_its_first_and_last_event_day() {
    let r = run(["audit", "--json", "-q", "--as-of", "2026-11-20", &demo()]).json();
    let got = days_by_file(&r);
    let want = |name: &str, first: &str, last: &str| (name.to_string(), json!(first), json!(last));
    assert_eq!(
        got,
        vec![
            want("all-orders.txt", "2026-09-07", "2026-11-21"),
            want("claims.csv", "2026-10-05", "2026-11-06"),
            want("deliveries.csv", "2026-09-08", "2026-11-19"),
            want("feedback.txt", "2026-09-15", "2026-11-19"),
            want("messages.csv", "2026-08-22", "2026-11-20"),
            // The Order Report's ship-by and deliver-by days are deadlines, not events.
            want("order-report.txt", "2026-09-07", "2026-11-20"),
            want("returns.txt", "2026-10-20", "2026-11-09"),
            want("ship-confirm.txt", "2026-09-08", "2026-11-19"),
        ]
    );
    assert_eq!(
        r["freshness"],
        json!({"newest_day": "2026-11-21", "age_days": -1, "max_age_days": 7, "stale": false})
    );
}

#[test]
fn old_data_is_stale_with_a_warning_naming_its_newest_day() {
    // Data weeks old was audited without a word.
    let r = run(["audit", "--json", "--as-of", "2026-12-20", &demo()]);
    assert_eq!(r.code, 0, "without --check, still an audit: {}", r.stderr);
    let report = r.json();
    assert_eq!(
        report["freshness"],
        json!({"newest_day": "2026-11-21", "age_days": 29, "max_age_days": 7, "stale": true})
    );
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("stale"))
        .unwrap_or_else(|| panic!("no stale warning: {}", r.stderr));
    assert!(line.starts_with("sellerhealth: warning: "), "{line}");
    assert!(
        line.contains("2026-11-21") && line.contains("29 days"),
        "{line}"
    );
    assert!(line.contains("download fresh reports"), "{line}");
    assert!(report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("download fresh reports")));
    // Up to --max-age days old is fresh; --max-age off never calls data stale.
    for (max_age, expect) in [("29", json!(29)), ("off", Value::Null)] {
        let r = run([
            "audit",
            "--json",
            "--as-of",
            "2026-12-20",
            "--max-age",
            max_age,
            &demo(),
        ]);
        let f = &r.json()["freshness"];
        assert_eq!(f["stale"], false, "{max_age}");
        assert_eq!(f["max_age_days"], expect, "{max_age}");
        assert!(!r.stderr.contains("stale"), "{max_age}: {}", r.stderr);
    }
    let r = run([
        "audit",
        "--json",
        "--as-of",
        "2026-12-20",
        "--max-age",
        "28",
        &demo(),
    ]);
    assert_eq!(r.json()["freshness"]["stale"], true);
}

#[test]
fn without_orders_or_shipments_every_input_counts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("messages.csv"),
        "message-id,received-at,responded-at\nM1,2026-11-02T10:00:00Z,2026-11-03T10:00:00Z\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let r = run([
        "audit",
        "--json",
        "-q",
        "--as-of",
        "2026-11-20",
        dir.path().to_str().unwrap(),
    ])
    .json();
    assert_eq!(r["freshness"]["newest_day"], "2026-11-03");
    assert_eq!(r["freshness"]["age_days"], 17);
    assert_eq!(r["freshness"]["stale"], true);
    let empty = r["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["rows"] == 0)
        .unwrap();
    assert!(empty["first_day"].is_null() && empty["last_day"].is_null());
}

#[test]
fn a_bad_max_age_is_a_usage_error() {
    for bad in ["-1", "seven", "1.5", ""] {
        let r = run(["audit", "--max-age", bad, &demo()]);
        assert_eq!(r.code, 3, "{bad}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert!(r.stderr.contains("--max-age"), "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("number of days"), "{bad}: {}", r.stderr);
    }
}

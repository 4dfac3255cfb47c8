//! `sellerhealth trend` end to end (SPEC §10.2): every day of a trend of the
//! worked example equals `audit --as-of` that day; bad days are usage errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

fn example() -> std::path::PathBuf {
    fixtures().join("example-us").join("reports")
}

#[test]
fn every_day_of_the_worked_example_equals_its_audit() {
    let dir = example();
    let run = run([
        "trend",
        "--as-of",
        "2026-11-20",
        "--days",
        "30",
        "--format",
        "json",
        "-q",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let trend = run.json();
    assert_eq!(trend["from"], "2026-10-22");
    assert_eq!(trend["to"], "2026-11-20");
    let days = trend["days"].as_array().unwrap();
    assert_eq!(days.len(), 30);
    for day in days {
        let date = day["date"].as_str().unwrap();
        let audit = audit_json(date, &[&dir]).json();
        assert_eq!(day["status"], audit["status"], "{date}: overall status");
        let want = audit["metrics"].as_array().unwrap();
        let got = day["metrics"].as_array().unwrap();
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            for field in [
                "metric", "channel", "window", "defects", "total", "rate", "status",
            ] {
                assert_eq!(
                    g[field], w[field],
                    "{date} {} {}: {field}",
                    w["metric"], w["window"]
                );
            }
        }
    }
    // The messages begin on 2026-08-07: a 90-day window before 2026-11-04 reaches before them.
    let rt90 = |d: &serde_json::Value| {
        d["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == "response_time" && m["window"]["days"] == 90)
            .unwrap()["complete"]
            .clone()
    };
    assert_eq!(rt90(&days[0]), false);
    assert_eq!(rt90(&days[29]), true);
}

#[test]
fn csv_is_long_and_table_has_a_sparkline() {
    let dir = example();
    let csv = run([
        "trend",
        "--as-of",
        "2026-11-20",
        "--days",
        "3",
        "--format",
        "csv",
        "-q",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "date,metric,channel,window_days,defects,total,rate,status,complete"
    );
    assert_eq!(lines.len(), 1 + 3 * 11, "11 metric rows a day");
    assert!(lines[1].starts_with("2026-11-18,order_defect_rate,mfn,60,"));
    let table = run([
        "trend",
        "--as-of",
        "2026-11-20",
        "--days",
        "5",
        "-q",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(table.code, 0);
    assert!(table.stdout.contains("Late shipment rate"));
    assert!(table.stdout.chars().any(|c| "▁▂▃▄▅▆▇█".contains(c)));
    // --check: the exit code of the last day (the example is bad on 2026-11-20).
    let check = run([
        "trend",
        "--check",
        "--as-of",
        "2026-11-20",
        "--days",
        "2",
        "-q",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(check.code, 2);
}

#[test]
fn bad_days_are_usage_errors() {
    let dir = example();
    let d = dir.to_str().unwrap();
    for args in [
        vec!["trend", "--days", "0", d],
        vec!["trend", "--days", "401", d],
        vec!["trend", "--as-of", "2026-11-20", "--from", "2026-11-21", d],
        vec!["trend", "--as-of", "2026-11-20", "--from", "2025-01-01", d],
        vec!["trend", "--days", "3", "--from", "2026-11-01", d],
    ] {
        let r = run(args.clone());
        assert_eq!(r.code, 3, "{args:?}");
        assert!(r.stdout.is_empty(), "{args:?}");
        assert!(r.stderr.contains("error"), "{args:?}: {}", r.stderr);
    }
    let r = run(["trend", "--as-of", "2026-11-20", "--from", "2026-11-21", d]);
    assert!(r
        .stderr
        .contains("--from 2026-11-21 is after the as-of day 2026-11-20"));
}

#[test]
fn schema_trend_describes_the_json() {
    let r = run(["schema", "trend"]);
    assert_eq!(r.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(schema["title"], "sellerhealth trend");
    for field in [
        "schema_version",
        "generator",
        "timezone",
        "marketplace",
        "from",
        "to",
        "inputs",
        "warnings",
        "days",
    ] {
        assert!(schema["properties"].get(field).is_some(), "{field}");
    }
}

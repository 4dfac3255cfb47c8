//! End to end: report sets whose metrics were computed independently.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

#[test]
fn shared_example_matches_its_expected_metrics() {
    let dir = fixtures().join("example-us");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let run = audit_json("2026-11-20", &[&dir.join("reports")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_matches_expected(&report, &expected);
    assert_eq!(
        inputs(&report),
        vec![
            ("all-orders.txt".into(), "orders".into(), 505, 0),
            ("claims.csv".into(), "claims".into(), 2, 0),
            ("deliveries.csv".into(), "shipments".into(), 311, 0),
            ("feedback.txt".into(), "feedback".into(), 12, 0),
            ("messages.csv".into(), "messages".into(), 116, 0),
            ("order-report.txt".into(), "orders".into(), 384, 0),
            ("returns.txt".into(), "returns".into(), 2, 0),
            ("ship-confirm-1.txt".into(), "shipments".into(), 155, 0),
            ("ship-confirm-2.txt".into(), "shipments".into(), 156, 0),
        ]
    );
}

#[test]
fn check_exit_code_follows_overall_status() {
    let dir = fixtures().join("example-us").join("reports");
    let run = run([
        "audit",
        "--check",
        "-q",
        "--format",
        "json",
        "--as-of",
        "2026-11-20",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "bad overall: exit 2");
    assert!(
        run.stderr.is_empty(),
        "-q silences warnings: {}",
        run.stderr
    );
}

#[test]
fn demo_matches_its_hand_computed_metrics() {
    let dir = fixtures().join("demo");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let run = audit_json("2026-11-20", &[&dir]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_matches_expected(&report, &expected);
    // expected.json itself is not a report: only report extensions are read.
    let kinds: Vec<(String, String)> = inputs(&report)
        .into_iter()
        .map(|(n, k, _, s)| {
            assert_eq!(s, 0, "{n} skipped rows");
            (n, k)
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("all-orders.txt".into(), "orders".into()),
            ("claims.csv".into(), "claims".into()),
            ("deliveries.csv".into(), "shipments".into()),
            ("feedback.txt".into(), "feedback".into()),
            ("messages.csv".into(), "messages".into()),
            ("order-report.txt".into(), "orders".into()),
            ("returns.txt".into(), "returns".into()),
            ("ship-confirm.txt".into(), "shipments".into()),
        ]
    );
}

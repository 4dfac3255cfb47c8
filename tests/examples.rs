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
    assert_matches_expected(&report, &as_known_at_e(expected));
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

/// `expected.json` (a copy of shared/examples, computed for SPEC §4 alone)
/// counts four replies sent after E = 2026-11-21T08:00Z: M000037, M000065,
/// M000089 (answered within 24 hours, on 11-21 and 11-22 UTC) and M000101
/// (answered 53 hours after it arrived). SPEC §10.1 says a response at or
/// after E is no response as of A: all four were received less than 24
/// hours before E, so as of 2026-11-20 they are pending — out of every
/// response-time window and listed among the messages to answer now.
/// This is the only place where the example runs past its as-of day.
fn as_known_at_e(mut expected: serde_json::Value) -> serde_json::Value {
    let answered_after_e = ["M000037", "M000065", "M000089", "M000101"];
    for m in expected["metrics"].as_array_mut().unwrap() {
        if m["metric"] != "response_time" {
            continue;
        }
        let (defects, total, status, average) = match m["window"]["days"].as_u64().unwrap() {
            7 => (0, 7, "good", 8.0261),
            30 => (3, 20, "bad", 11.3862),
            _ => (12, 88, "bad", 15.4174),
        };
        m["defects"] = defects.into();
        m["total"] = total.into();
        m["status"] = status.into();
        m["average_response_hours"] = average.into();
        m["items"]
            .as_array_mut()
            .unwrap()
            .retain(|id| !answered_after_e.contains(&id.as_str().unwrap()));
        if let Some(recover) = m.get_mut("clean_items_to_recover") {
            // (total − defects) / total ≥ 90% again after this many clean messages.
            *recover = (10 * defects - total).into();
        }
    }
    let pending = expected["pending_messages"].as_array_mut().unwrap();
    pending.extend(answered_after_e.iter().map(|&id| id.into()));
    pending.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    expected
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

//! Exit codes, one source of truth (SPEC §6).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

fn demo() -> String {
    fixtures().join("demo").display().to_string()
}

#[test]
fn help_and_version_exit_zero() {
    for args in [
        vec!["--help"],
        vec!["--version"],
        vec!["audit", "--help"],
        vec!["explain", "--help"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(!r.stdout.is_empty());
    }
    assert!(run(["audit", "--help"]).stdout.contains("Examples:"));
}

#[test]
fn usage_errors_exit_three_not_two() {
    let d = demo();
    for args in [
        vec!["audit", "--no-such-flag", d.as_str()],
        vec!["audit", "--as-of", "not-a-date", d.as_str()],
        vec!["audit", "--warn-at", "2", d.as_str()],
        vec!["audit", "--format", "xml", d.as_str()],
        vec!["audit"],
        vec!["frobnicate"],
        vec![],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 3, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(!r.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn check_maps_overall_status_to_exit_code() {
    let d = demo();
    // The demo is bad overall.
    assert_eq!(
        run([
            "audit",
            "--check",
            "-q",
            "--as-of",
            "2026-11-20",
            d.as_str()
        ])
        .code,
        2
    );
    // Without --check the audit ran: 0.
    assert_eq!(
        run(["audit", "-q", "--as-of", "2026-11-20", d.as_str()]).code,
        0
    );
    // Warning only: response time alone, 1 late of 10 (exactly 90%).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messages.csv");
    let mut text = String::from("message-id,received-at,responded-at\n");
    for i in 0..9 {
        text.push_str(&format!("M{i},2026-11-16T10:00:00Z,2026-11-16T11:00:00Z\n"));
    }
    text.push_str("M9,2026-11-16T10:00:00Z,2026-11-18T11:00:00Z\n");
    std::fs::write(&path, text).unwrap();
    let r = run([
        "audit",
        "--check",
        "--json",
        "--as-of",
        "2026-11-20",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.json()["status"], "warning");
    assert_eq!(r.code, 1);
    // Good: all answered in time.
    std::fs::write(
        &path,
        "message-id,received-at,responded-at\nM1,2026-11-16T10:00:00Z,2026-11-16T11:00:00Z\n",
    )
    .unwrap();
    let r = run([
        "audit",
        "--check",
        "-q",
        "--as-of",
        "2026-11-20",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0);
    // No data at all: health cannot be told, 3 (SPEC §9.3; see tests/check.rs).
    std::fs::write(&path, "message-id,received-at,responded-at\n").unwrap();
    assert_eq!(
        run([
            "audit",
            "--check",
            "-q",
            "--as-of",
            "2026-11-20",
            path.to_str().unwrap()
        ])
        .code,
        3
    );
}

#[test]
fn input_errors_exit_three_with_nothing_on_stdout() {
    let r = run(["audit", "--check", "/definitely/not/here.txt"]);
    assert_eq!(r.code, 3);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("/definitely/not/here.txt"));
}

#[test]
fn default_as_of_is_yesterday_in_the_zone() {
    let r = run([
        "audit",
        "--json",
        "--tz",
        "Pacific/Kiritimati",
        fixtures().join("demo").to_str().unwrap(),
    ]);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Pacific::Kiritimati)
        .date_naive();
    let yesterday = today.pred_opt().unwrap().to_string();
    // Allow for midnight passing in that zone during the run.
    let as_of = r.json()["as_of"].as_str().unwrap().to_string();
    assert!(
        as_of == yesterday || as_of == today.to_string(),
        "{as_of} vs {yesterday}"
    );
    assert_eq!(r.json()["timezone"], "Pacific/Kiritimati");
}

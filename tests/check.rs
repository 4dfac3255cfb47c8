//! `--check` tells healthy from unknown (SPEC §9.3): exit 3 with one line per
//! reason on standard error, even with `-q`, when health cannot be told.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::*;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The reason lines on standard error.
fn reasons(r: &Run) -> Vec<&str> {
    r.stderr
        .lines()
        .filter(|l| l.starts_with("sellerhealth: error: cannot tell"))
        .collect()
}

fn assert_unknown(r: &Run, why: &[&str]) {
    assert_eq!(r.code, 3, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let got = reasons(r);
    for w in why {
        assert!(
            got.iter().any(|l| l.contains(w)),
            "no reason with '{w}' in:\n{}",
            r.stderr
        );
    }
}

#[test]
fn empty_standard_input_is_not_healthy() {
    let r = run_with_stdin(
        ["audit", "--check", "-q", "--as-of", "2026-11-20", "-"],
        Vec::new(),
    );
    assert_unknown(
        &r,
        &["no data row was read", "no input file was recognised"],
    );
}

#[test]
fn a_zero_byte_file_is_not_healthy() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "orders.txt", "");
    let r = run([
        "audit",
        "--check",
        "-q",
        "--as-of",
        "2026-11-20",
        dir.path().join("orders.txt").to_str().unwrap(),
    ]);
    assert_unknown(&r, &["no data row was read"]);
}

#[test]
fn a_header_only_folder_is_not_healthy() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "orders.txt",
        "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\n",
    );
    write(
        dir.path(),
        "messages.csv",
        "message-id,received-at,responded-at\n",
    );
    let r = run([
        "audit",
        "--check",
        "-q",
        "--as-of",
        "2026-11-20",
        dir.path().to_str().unwrap(),
    ]);
    assert_unknown(
        &r,
        &["no data row was read", "no metric had anything to measure"],
    );
}

#[test]
fn a_folder_of_unrecognised_files_is_not_healthy() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "inventory.txt",
        "sku\tasin\tquantity\nA\tB\t3\nC\tD\t4\n",
    );
    write(
        dir.path(),
        "notes.txt",
        "remember to reorder mugs\nand boxes\n",
    );
    let r = run([
        "audit",
        "--check",
        "-q",
        "--as-of",
        "2026-11-20",
        dir.path().to_str().unwrap(),
    ]);
    assert_unknown(&r, &["no input file was recognised"]);
}

#[test]
fn data_with_every_metric_no_data_is_not_healthy() {
    // Feedback rows read, but on orders in no orders file: nothing to measure.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "feedback.txt",
        "Date\tRating\tComments\tYour Response\tOrder ID\n\
         11/18/26\t5\tGreat\t\t111-0000000-0000001\n",
    );
    let r = run([
        "audit",
        "--check",
        "-q",
        "--as-of",
        "2026-11-20",
        dir.path().to_str().unwrap(),
    ]);
    assert_unknown(&r, &["no metric had anything to measure"]);
    assert_eq!(reasons(&r).len(), 1, "{}", r.stderr);
}

#[test]
fn stale_data_is_not_healthy_and_reasons_show_even_when_quiet() {
    let demo = fixtures().join("demo");
    let r = run([
        "audit",
        "--check",
        "-q",
        "--as-of",
        "2026-12-20",
        demo.to_str().unwrap(),
    ]);
    assert_unknown(&r, &["stale", "2026-11-21"]);
    // The health would have been bad: exit 3 wins, as the data cannot tell today's health.
    let fresh = run([
        "audit",
        "--check",
        "-q",
        "--as-of",
        "2026-11-20",
        demo.to_str().unwrap(),
    ]);
    assert_eq!(fresh.code, 2, "{}", fresh.stderr);
    assert!(fresh.stderr.is_empty(), "{}", fresh.stderr);
}

/// Response time alone, all answered in time: good, every other metric no_data.
fn messages_only() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("message-id,received-at,responded-at\n");
    for i in 0..5 {
        text.push_str(&format!("M{i},2026-11-16T10:00:00Z,2026-11-16T11:00:00Z\n"));
    }
    write(dir.path(), "messages.csv", &text);
    dir
}

#[test]
fn require_names_metrics_that_must_have_data() {
    let dir = messages_only();
    let d = dir.path().to_str().unwrap();
    let base = ["audit", "--check", "-q", "--as-of", "2026-11-20"];
    let with = |extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.push(d);
        run(args)
    };
    assert_eq!(with(&[]).code, 0);
    assert_eq!(with(&["--require", "response_time"]).code, 0);
    let r = with(&["--require", "rt,late_shipment_rate"]);
    assert_unknown(&r, &["late_shipment_rate"]);
    assert_eq!(reasons(&r).len(), 1, "{}", r.stderr);
    let r = with(&["--require", "all"]);
    assert_unknown(&r, &["order_defect_rate", "expired_orders"]);
    // JSON carries the code and the reasons.
    let r = with(&["--require", "lsr", "--json"]);
    let check = &r.json()["check"];
    assert_eq!(check["code"], 3);
    assert_eq!(check["reasons"].as_array().unwrap().len(), 1);
    assert!(check["reasons"][0]
        .as_str()
        .unwrap()
        .contains("late_shipment_rate"));
    let ok = with(&["--json"]);
    assert_eq!(
        ok.json()["check"],
        serde_json::json!({"code": 0, "reasons": []})
    );
    // Without --check there is no check field.
    let plain = run(["audit", "--json", "-q", "--as-of", "2026-11-20", d]);
    assert!(plain.json().get("check").is_none());
}

#[test]
fn a_bad_require_is_a_usage_error() {
    let dir = messages_only();
    for bad in ["no_such_metric", "odr,nope", ""] {
        let r = run([
            "audit",
            "--check",
            "--require",
            bad,
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(r.code, 3, "{bad}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{bad}");
        assert!(r.stderr.contains("--require"), "{bad}: {}", r.stderr);
        assert!(
            r.stderr.contains("late_shipment_rate"),
            "lists the ids: {}",
            r.stderr
        );
    }
}

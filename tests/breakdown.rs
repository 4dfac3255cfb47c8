//! `audit --by` (SPEC §13) on `fixtures/breakdown`, whose groups were counted
//! by hand (fixtures/README.md), and on the worked example.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{fixtures, metric, run};
use serde_json::{json, Value};

fn audit(by: &str, format: &str) -> common::Run {
    let dir = fixtures().join("breakdown");
    let run = run([
        "audit",
        "--as-of",
        "2026-11-20",
        "-q",
        "--format",
        format,
        "--by",
        by,
        dir.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// (key, defects, total) of each group of a metric's breakdown by `dim`.
fn groups(m: &Value, dim: &str) -> Vec<(Option<String>, u64, u64)> {
    m["breakdown"][dim]
        .as_array()
        .unwrap_or_else(|| panic!("no breakdown by {dim} in {m}"))
        .iter()
        .map(|g| {
            (
                g["key"].as_str().map(str::to_string),
                g["defects"].as_u64().unwrap(),
                g["total"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn g(key: Option<&str>, defects: u64, total: u64) -> (Option<String>, u64, u64) {
    (key.map(str::to_string), defects, total)
}

#[test]
fn the_fixture_breaks_down_as_counted_by_hand() {
    let report = audit("sku,ship-state,carrier", "json").json();
    let lsr10 = metric(&report, "late_shipment_rate", 10, None);
    assert_eq!(
        groups(lsr10, "sku"),
        [
            g(Some("SKU-MUG-01"), 2, 2),
            g(Some("SKU-BWL-03"), 0, 1),
            g(Some("SKU-CUP-02"), 0, 1)
        ]
    );
    assert_eq!(
        groups(lsr10, "ship-state"),
        [g(Some("CA"), 1, 2), g(Some("NY"), 1, 2)]
    );
    // The carrier does not apply to late shipments.
    assert!(lsr10["breakdown"].get("carrier").is_none());
    let lsr30 = metric(&report, "late_shipment_rate", 30, None);
    // 111-1000000-0000003 has two SKUs: once in each group; 0000004 has none.
    assert_eq!(
        groups(lsr30, "sku"),
        [
            g(Some("SKU-MUG-01"), 3, 5),
            g(Some("SKU-BWL-03"), 0, 1),
            g(Some("SKU-CUP-02"), 0, 2),
            g(None, 0, 1)
        ]
    );
    let mug = &lsr30["breakdown"]["sku"][0];
    assert_eq!(mug["rate"], json!(0.6));
    assert_eq!(mug["share"], json!(1.0));
    assert_eq!(
        groups(lsr30, "ship-state"),
        [
            g(Some("NY"), 2, 3),
            g(Some("CA"), 1, 4),
            g(Some("TX"), 0, 1)
        ]
    );
    // The seller's cancellation has no ship state: the unknown group.
    let cancel = metric(&report, "pre_fulfillment_cancel_rate", 7, None);
    assert_eq!(
        groups(cancel, "ship-state"),
        [g(None, 1, 1), g(Some("CA"), 0, 2), g(Some("NY"), 0, 2)]
    );
    assert_eq!(
        groups(cancel, "sku"),
        [
            g(Some("SKU-CUP-02"), 1, 2),
            g(Some("SKU-BWL-03"), 0, 1),
            g(Some("SKU-MUG-01"), 0, 2)
        ]
    );
    // Valid tracking is by package: the package without a carrier is unknown.
    let vtr = metric(&report, "valid_tracking_rate", 30, None);
    assert_eq!(
        groups(vtr, "carrier"),
        [
            g(Some("UPS"), 1, 4),
            g(None, 1, 1),
            g(Some("FedEx"), 0, 1),
            g(Some("USPS"), 0, 2)
        ]
    );
    // An at_least metric's group rate is the share of good items.
    assert_eq!(vtr["breakdown"]["carrier"][0]["rate"], json!(0.75));
    assert_eq!(vtr["breakdown"]["carrier"][0]["share"], json!(0.5));
    assert!(vtr["breakdown"].get("sku").is_none());
    // On-time delivery: 0000003 (UPS on time, USPS late) counts in both carriers.
    let otdr = metric(&report, "on_time_delivery_rate", 14, None);
    assert_eq!(
        groups(otdr, "carrier"),
        [
            g(Some("UPS"), 2, 3),
            g(Some("USPS"), 1, 1),
            g(Some("FedEx"), 0, 1)
        ]
    );
    assert_eq!(
        groups(otdr, "sku"),
        [
            g(Some("SKU-MUG-01"), 2, 3),
            g(Some("SKU-CUP-02"), 1, 1),
            g(None, 0, 1)
        ]
    );
    // A metric without defects: share is null.
    let odr = metric(&report, "order_defect_rate", 60, Some("mfn"));
    assert_eq!(odr["breakdown"]["sku"][0]["share"], Value::Null);
    // Response time has no breakdown.
    let rt = metric(&report, "response_time", 7, None);
    assert!(rt.get("breakdown").is_none());
}

#[test]
fn without_by_there_is_no_breakdown_and_unknown_dimensions_are_usage_errors() {
    let dir = fixtures().join("breakdown");
    let plain = run([
        "audit",
        "--as-of",
        "2026-11-20",
        "-q",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    assert!(!plain.stdout.contains("\"breakdown\""));
    let bad = run([
        "audit",
        "--as-of",
        "2026-11-20",
        "--by",
        "sku,colour",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(bad.code, 3);
    assert!(
        bad.stderr.contains("'colour' is not a dimension"),
        "{}",
        bad.stderr
    );
    assert!(bad.stdout.is_empty());
    // Repeated and comma-separated --by are the same.
    let a = audit("sku,carrier", "json").stdout;
    let dir = fixtures().join("breakdown");
    let b = run([
        "audit",
        "--as-of",
        "2026-11-20",
        "-q",
        "--format",
        "json",
        "--by",
        "carrier",
        "--by",
        "sku",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(a, b.stdout);
}

#[test]
fn people_see_the_top_groups_and_where_to_start() {
    // Lines are wrapped to the width: compare the words.
    let table = audit("sku,carrier", "table").stdout;
    let table = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(table.contains("Where the defects are (by SKU):"), "{table}");
    assert!(
        table.contains(
            "SKU-MUG-01: 3 of 5 orders, 60.00%, 100% of the late shipments, 1.6× the average"
        ),
        "{table}"
    );
    assert!(table.contains("Where the defects are (by carrier):"));
    assert!(table.contains(
        "(no carrier): 1 of 1 package, 0.00% had valid tracking, 50% of the packages without valid tracking, 4.0× the average"
    ), "{table}");
    assert!(table.contains("Start where the defects are: 3 of the 3 late shipments of 2026-10-22 – 2026-11-20 are SKU"), "{table}");
    // Groups without defects are not listed for people (JSON has them).
    assert!(!table.contains("SKU-BWL-03: 0 of"));
    let md = audit("sku", "markdown").stdout;
    assert!(
        md.contains("  - Where the defects are (by SKU):\n    - `SKU-MUG-01`: 3 of 5 orders"),
        "{md}"
    );
    let html = audit("sku,carrier", "html").stdout;
    assert!(html.contains(r#"<p class="breakdown-title">Where the defects are (by SKU)</p>"#));
    assert!(html.contains(r#"<svg class="share" role="img""#));
}

#[test]
fn csv_gets_a_second_table_after_a_blank_line() {
    let json = audit("sku,carrier", "json").json();
    let csv = audit("sku,carrier", "csv").stdout;
    let (metrics, breakdown) = csv.split_once("\r\n\r\n").expect("a blank line");
    assert_eq!(metrics.lines().count(), 12, "header and 11 metric rows");
    let mut lines = breakdown.lines();
    assert_eq!(
        lines.next(),
        Some("metric,channel,window_from,window_to,window_days,dimension,key,defects,total,rate,share,account,marketplace")
    );
    let groups: usize = json["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["breakdown"].as_object())
        .flat_map(|b| b.values())
        .map(|g| g.as_array().unwrap().len())
        .sum();
    assert_eq!(lines.clone().count(), groups);
    assert!(breakdown.contains(
        "late_shipment_rate,mfn,2026-10-22,2026-11-20,30,sku,SKU-MUG-01,3,5,0.6,1.0,,US\r\n"
    ));
    assert!(breakdown
        .contains("valid_tracking_rate,mfn,2026-10-22,2026-11-20,30,carrier,,1,1,0.0,0.5,,US\r\n"));
    // Without --by: one table, as before.
    let dir = fixtures().join("breakdown");
    let plain = run([
        "audit",
        "--as-of",
        "2026-11-20",
        "-q",
        "--format",
        "csv",
        dir.to_str().unwrap(),
    ]);
    assert!(!plain.stdout.contains("\r\n\r\n"));
}

#[test]
fn worked_example_groups_add_up() {
    // The worked example's All Orders and Order Report carry sku columns;
    // every order there has one SKU and every package one carrier, so the
    // groups of each metric add up to the metric exactly.
    let dir = fixtures().join("example-us").join("reports");
    let report = run([
        "audit",
        "--as-of",
        "2026-11-20",
        "-q",
        "--format",
        "json",
        "--by",
        "sku,carrier",
        dir.to_str().unwrap(),
    ])
    .json();
    let lsr = metric(&report, "late_shipment_rate", 30, None);
    assert_eq!(
        groups(lsr, "sku"),
        [
            g(Some("SKU-HAT-02"), 4, 24),
            g(Some("SKU-PIL-12"), 3, 36),
            g(Some("SKU-CBL-10"), 2, 25),
            g(Some("SKU-MUG-01"), 1, 12)
        ]
    );
    let vtr = metric(&report, "valid_tracking_rate", 30, None);
    assert_eq!(
        groups(vtr, "carrier"),
        [
            g(Some("FedEx"), 1, 15),
            g(Some("Amazon"), 0, 15),
            g(Some("OnTrac"), 0, 14),
            g(Some("UPS"), 0, 17),
            g(Some("USPS"), 0, 19)
        ]
    );
    for m in report["metrics"].as_array().unwrap() {
        for (dim, gs) in m["breakdown"].as_object().into_iter().flatten() {
            let gs = gs.as_array().unwrap();
            let defects: u64 = gs.iter().map(|g| g["defects"].as_u64().unwrap()).sum();
            let total: u64 = gs.iter().map(|g| g["total"].as_u64().unwrap()).sum();
            // An order with packages of two carriers counts in both (on-time delivery).
            if dim == "carrier" && m["metric"] == "valid_tracking_rate" {
                assert_eq!(total, m["total"].as_u64().unwrap(), "{dim} {m}");
                assert_eq!(defects, m["defects"].as_u64().unwrap(), "{dim}");
            } else {
                assert!(total >= m["total"].as_u64().unwrap(), "{dim}");
            }
        }
    }
}

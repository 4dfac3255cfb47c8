//! Warnings that tell the truth about what was read (SPEC §15, issue 14).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn write(dir: &Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).unwrap();
}

fn warnings(report: &serde_json::Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

/// Amazon Fulfilled Shipments rows (channel AFN) of orders absent from the
/// orders files count nowhere: the warning about orders missing from the
/// orders files leaves them out; seller-fulfilled rows stay in it.
#[test]
fn amazon_fulfilled_shipments_are_not_orders_missing_from_the_orders_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "orders.txt",
        "order-id\tpurchase-date\n111-0000000-0000001\t2026-11-10\n",
    );
    write(
        dir.path(),
        "afs.txt",
        "amazon-order-id\tshipment-date\tcarrier\ttracking-number\tfulfillment-channel\n\
112-0000000-0000001\t2026-11-11\tUPS\t1Z999AA10123456784\tAFN\n\
112-0000000-0000002\t2026-11-11\tUPS\t1Z999AA10123456784\tAFN\n",
    );
    let r = audit_json("2026-11-20", &[dir.path()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let w = warnings(&r.json());
    assert!(
        !w.iter()
            .any(|w| w.contains("absent from every orders file")),
        "{w:?}"
    );
    // A seller-fulfilled shipment row of an unknown order is still named.
    write(
        dir.path(),
        "confirm.txt",
        "order-id\tship-date\tcarrier-code\ttracking-number\n\
113-0000000-0000001\t2026-11-11\tUPS\t1Z999AA10123456784\n",
    );
    let r = audit_json("2026-11-20", &[dir.path()]);
    let w = warnings(&r.json());
    assert!(
        w.iter()
            .any(|w| w.starts_with("1 order in shipment files is absent from every orders file")),
        "{w:?}"
    );
}

/// All Orders exports carry no ship-by date: cancelled seller-fulfilled
/// orders then leave expired orders blind to Amazon's own cancellations.
#[test]
fn cancelled_orders_without_a_ship_by_date_are_named() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "all-orders.txt",
        "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\n\
111-0000000-0000001\t2026-11-10T10:00:00Z\tCancelled\tMerchant\n\
111-0000000-0000002\t2026-11-11T10:00:00Z\tCancelled\tMerchant\n\
111-0000000-0000003\t2026-11-11T10:00:00Z\tCancelled\tAmazon\n\
111-0000000-0000004\t2026-11-11T10:00:00Z\tShipped\tMerchant\n",
    );
    let r = audit_json("2026-11-20", &[dir.path()]);
    let w = warnings(&r.json());
    let note = w
        .iter()
        .find(|w| w.contains("Amazon's automatic cancellations"))
        .unwrap_or_else(|| panic!("{w:?}"));
    assert!(
        note.starts_with("2 cancelled seller-fulfilled orders"),
        "{note}"
    );
    assert!(
        note.contains("Order Report") && note.contains("--handling-days"),
        "{note}"
    );
    // With --handling-days they have a ship-by date: no warning.
    let r = run([
        "audit".as_ref(),
        "--json".as_ref(),
        "--as-of".as_ref(),
        "2026-11-20".as_ref(),
        "--handling-days".as_ref(),
        "2".as_ref(),
        dir.path().as_os_str(),
    ]);
    let w = warnings(&r.json());
    assert!(
        !w.iter()
            .any(|w| w.contains("Amazon's automatic cancellations")),
        "{w:?}"
    );
}

/// A metric without data because every order read is in its lag says so,
/// with the dates and the policy's numbers.
#[test]
fn a_metric_whose_orders_are_all_in_its_lag_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("order-id\tpurchase-date\tfulfillment-channel\n");
    for i in 0..13 {
        text.push_str(&format!(
            "111-0000000-{i:07}\t2020-02-{:02}\tMerchant\n",
            6 + i
        ));
    }
    write(dir.path(), "orders.txt", &text);
    let r = audit_json("2020-02-19", &[dir.path()]);
    let report = r.json();
    assert_eq!(
        metric(&report, "order_defect_rate", 60, Some("mfn"))["status"],
        "no_data"
    );
    let w = warnings(&report);
    assert!(
        w.contains(&"13 orders read, all placed after 2020-02-05; the order defect rate counts orders placed 14 to 73 days before the as-of day".to_string()),
        "{w:?}"
    );
    // One order inside the window: no such warning.
    text.push_str("111-0000001-0000000\t2020-01-10\tMerchant\n");
    write(dir.path(), "orders.txt", &text);
    let r = audit_json("2020-02-19", &[dir.path()]);
    let w = warnings(&r.json());
    assert!(!w.iter().any(|w| w.contains("all placed after")), "{w:?}");
}

/// "an orders report", "a shipments report": the article goes with the kind.
#[test]
fn articles_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", "order-id\tcarrier\n111-1\tUPS\n");
    let path = dir.path().join("x.txt");
    let r = run(["audit".as_ref(), "--orders".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("for an orders report"), "{}", r.stderr);
    let r = run(["audit".as_ref(), "--shipments".as_ref(), path.as_os_str()]);
    assert!(r.stderr.contains("for a shipments report"), "{}", r.stderr);
}

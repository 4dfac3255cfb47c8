//! Exports that are almost right read without editing (SPEC §15, issue 14):
//! `--map HEADER=COLUMN`, `--date-order`, and the India "Amazon Sale Report".
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::ffi::OsString;
use std::fs;
use std::path::PathBuf;

use common::*;

fn india() -> PathBuf {
    fixtures().join("india-sale-report")
}

fn args(extra: &[&str], path: PathBuf) -> Vec<OsString> {
    let mut a: Vec<OsString> = [
        "audit",
        "--json",
        "--as-of",
        "2022-05-10",
        "--marketplace",
        "IN",
    ]
    .iter()
    .map(Into::into)
    .collect();
    a.extend(extra.iter().map(Into::into));
    a.push(path.into());
    a
}

const MAPS: [&str; 6] = [
    "--map",
    "Date=purchase-date",
    "--map",
    "Status=order-status",
    "--map",
    "Fulfilment=fulfillment-channel",
];

fn warnings(report: &serde_json::Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_india_amazon_sale_report_reads_with_map_and_date_order() {
    let mut extra = vec!["--date-order", "mdy"];
    extra.extend(MAPS);
    let r = run(args(&extra, india()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    assert_eq!(
        inputs(&report),
        vec![("amazon-sale-report.csv".into(), "orders".into(), 12, 0)]
    );
    // Seller-fulfilled orders placed 05-04 … 05-10: 5, one cancelled.
    let cr = metric(&report, "pre_fulfillment_cancel_rate", 7, Some("mfn"));
    assert_eq!(
        (cr["defects"].as_u64(), cr["total"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(cr["items"], serde_json::json!(["406-7807733-3785945"]));
    // ODR window 2022-02-26 … 2022-04-26: two seller-fulfilled, one Amazon.
    let odr = metric(&report, "order_defect_rate", 60, Some("mfn"));
    assert_eq!(odr["total"], 2);
    let odr = metric(&report, "order_defect_rate", 60, Some("afn"));
    assert_eq!(odr["total"], 1);
    // Shipped statuses ("Shipped - Delivered to Buyer") are ship-confirmed:
    // expired orders has the 9 seller-fulfilled orders and no defect.
    let expired = metric(&report, "expired_orders", 30, Some("mfn"));
    assert_eq!(
        (expired["defects"].as_u64(), expired["total"].as_u64()),
        (Some(0), Some(9))
    );
    // The export has no ship-by date: said, not hidden.
    let w = warnings(&report);
    assert!(
        w.iter()
            .any(|w| w.contains("Amazon's automatic cancellations")),
        "{w:?}"
    );
    assert!(!w.iter().any(|w| w.contains("skipped")), "{w:?}");
}

#[test]
fn without_date_order_the_warning_names_the_order_that_reads_the_dates() {
    let r = run(args(&MAPS, india()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let w = warnings(&r.json());
    assert!(
        w.iter().any(|w| w.contains(
            "12 rows skipped because purchase-date is not a date in this marketplace's order (day/month/year); they read as month/day/year with --date-order mdy"
        )),
        "{w:?}"
    );
}

#[test]
fn an_unknown_map_column_is_a_usage_error_listing_the_columns() {
    let r = run(args(&["--map", "Date=purchase-day"], india()));
    assert_eq!(r.code, 3);
    assert!(r.stdout.is_empty());
    for part in [
        "'purchase-day' is not a column",
        "purchase-date",
        "order-status",
        "received-at",
    ] {
        assert!(r.stderr.contains(part), "{part}: {}", r.stderr);
    }
}

#[test]
fn numeric_dates_with_dashes_read_only_with_a_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("orders.txt");
    fs::write(
        &path,
        "order-id\tpurchase-date\n111-1\t30-04-22\n111-2\t01-05-22\n",
    )
    .unwrap();
    let r = run(args(&["--date-order", "dmy"], path.clone()));
    assert_eq!(
        inputs(&r.json()),
        vec![("orders.txt".into(), "orders".into(), 2, 0)]
    );
    let r = run(args(&[], path));
    assert_eq!(
        inputs(&r.json()),
        vec![("orders.txt".into(), "orders".into(), 2, 2)]
    );
    assert!(
        r.stderr.contains(
            "they are day/month/year dates written with '-', which --date-order dmy reads"
        ),
        "{}",
        r.stderr
    );
}

/// A buyer column mapped onto a read column is never quoted, whatever it holds.
#[test]
fn a_mapped_buyer_column_is_never_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("orders.txt");
    fs::write(
        &path,
        "order-id\trecipient-name\n111-1\tquillfeather\n111-2\tbrackenholt\n",
    )
    .unwrap();
    let r = run(args(&["--map", "Recipient Name=purchase-date"], path));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for text in [&r.stdout, &r.stderr] {
        assert!(
            !text.contains("quillfeather") && !text.contains("brackenholt"),
            "{text}"
        );
    }
    assert!(
        r.stderr.contains("(a value of a buyer column, not shown)"),
        "{}",
        r.stderr
    );
}

/// Without `--map` the India report is of no known kind: the error names the
/// closest kind, what it lacks, and the way out.
#[test]
fn an_unknown_file_names_the_closest_kind_and_what_it_lacks() {
    let r = run(args(&[], india().join("amazon-sale-report.csv")));
    assert_eq!(r.code, 3);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains(
            "amazon-sale-report.csv: not a report sellerhealth knows: closest is orders, which needs purchase-date; found index, order-id, date, status, "
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "; see `sellerhealth columns orders`, or name it with --map HEADER=purchase-date (perhaps --map date=purchase-date)"
        ),
        "{}",
        r.stderr
    );
}

/// `sellerhealth columns` prints the reader's own table: every kind, every
/// column and alias, required marks and a meaning for each.
#[test]
fn columns_lists_every_kind_and_column_from_the_readers_table() {
    use sellerhealth::ingest::header::Kind;
    let r = run(["columns"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for kind in Kind::DETECTION_ORDER {
        assert!(
            r.stdout.contains(&format!("{}: ", kind.as_str())),
            "{kind:?}: {}",
            r.stdout
        );
        for c in kind.columns() {
            assert!(!c.meaning.is_empty(), "{kind:?} {}", c.name());
            for name in c.names {
                assert!(r.stdout.contains(name), "{kind:?} {name}");
            }
            if c.required {
                assert!(
                    r.stdout.contains(&format!("  {} (required", c.name())),
                    "{kind:?} {}",
                    c.name()
                );
            }
        }
    }
    let r = run(["columns", "returns"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("returns: "), "{}", r.stdout);
    assert!(!r.stdout.contains("orders: "), "{}", r.stdout);
    let r = run(["columns", "invoices"]);
    assert_eq!(r.code, 3);
}

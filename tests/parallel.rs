//! Reading a file split across threads gives byte-identical reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::*;

fn report(paths: &[&Path], extra: &[&str]) -> String {
    let mut args: Vec<std::ffi::OsString> = vec![
        "audit".into(),
        "--json".into(),
        "--as-of".into(),
        "2026-11-20".into(),
    ];
    args.extend(extra.iter().map(Into::into));
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    let r = run(args);
    assert!(r.code == 0 || r.code == 3, "{}", r.stderr);
    format!("exit {}\n{}\n{}", r.code, r.stdout, r.stderr)
}

fn assert_same_whatever_the_threads(paths: &[&Path], extra: &[&str]) {
    let mut sequential_args = vec!["--sequential"];
    sequential_args.extend_from_slice(extra);
    let sequential = report(paths, &sequential_args);
    for threads in ["2", "3", "7"] {
        let mut args = vec!["--threads", threads, "--parallel-min-bytes", "1"];
        args.extend_from_slice(extra);
        assert_eq!(
            report(paths, &args),
            sequential,
            "{threads} threads on {paths:?}"
        );
    }
}

#[test]
fn fixtures_read_the_same_on_every_thread_count() {
    let f = fixtures();
    assert_same_whatever_the_threads(&[&f.join("demo")], &[]);
    assert_same_whatever_the_threads(&[&f.join("example-us").join("reports")], &[]);
    assert_same_whatever_the_threads(&[&f.join("malformed").join("duplicates")], &[]);
    assert_same_whatever_the_threads(&[&f.join("malformed").join("cells.txt")], &[]);
    assert_same_whatever_the_threads(
        &[&f.join("malformed").join("bad-values.txt")],
        &["--strict"],
    );
}

/// Many orders spread over many chunks: item rows of one order on both sides
/// of a chunk boundary, malformed rows (their line numbers must be the file's),
/// old orders before the memory cutoff, blank lines and repeated headers.
#[test]
fn a_large_generated_file_reads_the_same_on_every_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("orders.txt");
    let mut text = String::from(
        "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\tis-buyer-requested-cancellation\tproduct-name\n",
    );
    for i in 0..6000u64 {
        let day = 1 + i % 28;
        let month = [8, 9, 10, 11][(i / 7 % 4) as usize];
        let status = [
            "Shipped",
            "Cancelled",
            "Unshipped",
            "Pending",
            "Shipped - Delivered to Buyer",
        ][(i % 5) as usize];
        let channel = if i % 6 == 0 { "Amazon" } else { "Merchant" };
        let items = 1 + i % 3;
        for item in 0..items {
            // Conflicting values across item rows: the first one must win.
            let ship_by = if item == 0 {
                format!("2026-{month:02}-{:02}", day.min(27) + 1)
            } else {
                String::new()
            };
            let buyer = if i % 11 == 0 && item == 1 {
                "true"
            } else {
                "false"
            };
            writeln!(
                text,
                "111-0000000-{i:07}\t2026-{month:02}-{day:02}T{:02}:00:00Z\t{status}\t{channel}\t{ship_by}\t{buyer}\t\"Mug {item}",
                i % 24
            )
            .unwrap();
        }
        if i % 997 == 0 {
            writeln!(
                text,
                "111-0000000-{i:07}\tnot-a-date\tShipped\tMerchant\t\tfalse\tbad"
            )
            .unwrap();
        }
        if i % 1500 == 0 {
            text.push_str("\n\t\t\n");
            text.push_str("amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\tis-buyer-requested-cancellation\tproduct-name\n");
        }
    }
    std::fs::write(&path, &text).unwrap();
    let sequential = report(&[&path], &["--sequential"]);
    assert!(
        sequential.contains("orders.txt: 7 malformed rows skipped in all"),
        "{sequential}"
    );
    assert_same_whatever_the_threads(&[&path], &[]);
}

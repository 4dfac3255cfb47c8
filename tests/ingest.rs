//! Reading reports exactly as Amazon writes them (SPEC §2), on the binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;

const AS_OF: &str = "2026-11-20";

fn malformed(name: &str) -> PathBuf {
    fixtures().join("malformed").join(name)
}

fn one(path: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        "audit".into(),
        "--json".into(),
        "--as-of".into(),
        AS_OF.into(),
    ];
    args.extend(extra.iter().map(Into::into));
    args.push(path.as_os_str().to_owned());
    run(args)
}

const ORDERS_HEADER: &str =
    "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tproduct-name\n";

fn orders_text() -> String {
    format!(
        "{ORDERS_HEADER}111-0000000-0000001\t2026-11-15T10:00:00Z\tShipped\tMerchant\tMug\n\
         111-0000000-0000002\t2026-11-16T10:00:00Z\tCancelled\tMerchant\tCaf\u{e9}\n"
    )
}

#[test]
fn samples_are_recognised_unedited() {
    let dir = fixtures().join("samples");
    let cases = [
        (
            "GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING.littlesnaf-CustomOrderService.txt",
            "orders",
            4,
            0,
        ),
        // Rows that repeat the header are not data (concatenated downloads).
        (
            "GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING.airbyte-fixture.csv",
            "orders",
            0,
            0,
        ),
        (
            "GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL.airbyte-fixture.csv",
            "shipments",
            0,
            0,
        ),
        (
            "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE.airbyte-fixture.csv",
            "returns",
            0,
            0,
        ),
        // Synthetic rows: a real date, then the word `Rating`: malformed.
        (
            "GET_SELLER_FEEDBACK_DATA.airbyte-fixture.csv",
            "feedback",
            2,
            2,
        ),
    ];
    for (file, kind, rows, skipped) in cases {
        let r = one(&dir.join(file), &["-q"]);
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        let got = inputs(&r.json());
        assert_eq!(
            got,
            vec![(file.to_string(), kind.to_string(), rows, skipped)],
            "{file}"
        );
    }
}

#[test]
fn real_unshipped_orders_sample_is_read_in_full() {
    let path = fixtures()
        .join("samples")
        .join("GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING.littlesnaf-CustomOrderService.txt");
    let r = run([
        "audit",
        "--json",
        "--as-of",
        "2025-09-30",
        path.to_str().unwrap(),
    ]);
    let report = r.json();
    assert_eq!(inputs(&report)[0].2, 4);
    assert_eq!(inputs(&report)[0].3, 0);
    // Three orders (two rows share an id), all seller-fulfilled, unconfirmed past ship-by.
    let lsr = metric(&report, "late_shipment_rate", 10, None);
    assert_eq!(lsr["total"], 3);
    assert_eq!(lsr["defects"], 3);
    // Buyer data never reaches the output.
    for secret in ["customer1@", "John Doe", "111-111-1111", "123 Any St"] {
        assert!(
            !r.stdout.contains(secret) && !r.stderr.contains(secret),
            "{secret} leaked"
        );
    }
}

#[test]
fn gzip_is_read_by_magic_bytes_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("orders.txt");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(orders_text().as_bytes()).unwrap();
    std::fs::write(&path, gz.finish().unwrap()).unwrap();
    let r = one(&path, &[]);
    assert_eq!(
        inputs(&r.json()),
        vec![("orders.txt".into(), "orders".into(), 2, 0)]
    );
}

#[test]
fn truncated_gzip_is_an_error() {
    assert_error(
        &one(&malformed("truncated.txt.gz"), &[]),
        "truncated.txt.gz",
    );
}

#[test]
fn windows_1252_and_shift_jis_are_decoded() {
    let r = one(&malformed("windows-1252.txt"), &[]);
    assert_eq!(
        inputs(&r.json()),
        vec![("windows-1252.txt".into(), "orders".into(), 4, 0)]
    );
    let r = one(&malformed("shift-jis.txt"), &["--marketplace", "JP"]);
    assert_eq!(
        inputs(&r.json()),
        vec![("shift-jis.txt".into(), "orders".into(), 3, 0)]
    );
    assert_eq!(r.json()["timezone"], "Asia/Tokyo");
    let r = one(
        &malformed("shift-jis.txt"),
        &["--encoding", "shift_jis", "--marketplace", "JP"],
    );
    assert_eq!(inputs(&r.json())[0].3, 0);
    // Without --marketplace the currency (JPY) names the marketplace (SPEC
    // §12.1): the rows are read Japan's way, 26/11/19 included.
    let r = one(&malformed("shift-jis.txt"), &[]);
    assert_eq!(inputs(&r.json())[0].3, 0);
    assert_eq!(r.json()["marketplace"], "JP");
    assert_eq!(r.json()["timezone"], "Asia/Tokyo");
}

#[test]
fn utf16_and_bom_crlf() {
    let r = one(&malformed("utf16.txt"), &[]);
    assert_eq!(
        inputs(&r.json()),
        vec![("utf16.txt".into(), "orders".into(), 3, 0)]
    );
    let r = one(&malformed("bom-crlf.txt"), &[]);
    assert_eq!(
        inputs(&r.json()),
        vec![("bom-crlf.txt".into(), "orders".into(), 3, 0)]
    );
}

#[test]
fn quote_in_tab_delimited_file_is_an_ordinary_character() {
    let r = one(&malformed("quote-in-tsv.txt"), &[]);
    assert_eq!(
        inputs(&r.json()),
        vec![("quote-in-tsv.txt".into(), "orders".into(), 5, 0)]
    );
}

#[test]
fn unterminated_quote_in_csv_skips_the_rest_with_a_warning() {
    let r = one(&malformed("unterminated-quote.csv"), &[]);
    let report = r.json();
    assert_eq!(inputs(&report)[0].1, "messages");
    assert_eq!(inputs(&report)[0].2, 2);
    assert!(report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("unterminated-quote.csv:5")));
    let strict = one(&malformed("unterminated-quote.csv"), &["--strict"]);
    assert_error(&strict, "unterminated-quote.csv:5");
}

#[test]
fn translated_feedback_header_is_read_by_position() {
    let r = one(
        &malformed("translated-feedback.txt"),
        &["--marketplace", "DE"],
    );
    assert_eq!(
        inputs(&r.json()),
        vec![("translated-feedback.txt".into(), "feedback".into(), 4, 0)]
    );
    // Under US dates `20.10.26` is not a date: no kind can be told.
    assert_error(
        &one(&malformed("translated-feedback.txt"), &[]),
        "translated-feedback.txt",
    );
}

#[test]
fn template_lines_before_the_header_are_skipped() {
    let r = one(&malformed("template.txt"), &[]);
    assert_eq!(
        inputs(&r.json()),
        vec![("template.txt".into(), "shipments".into(), 3, 0)]
    );
}

#[test]
fn directory_with_a_stray_file() {
    let r = one(&malformed("stray-dir"), &[]);
    assert_eq!(r.code, 0);
    let report = r.json();
    assert_eq!(
        inputs(&report),
        vec![("all-orders.txt".into(), "orders".into(), 3, 0)]
    );
    assert!(report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("notes.txt")));
    assert!(r.stderr.contains("notes.txt"), "warnings go to stderr");
    assert!(!r.stdout.contains("picture.png"));
}

#[test]
fn directory_without_reports_is_an_error() {
    assert_error(&one(&malformed("no-reports-dir"), &[]), "no-reports-dir");
}

#[test]
fn standard_input() {
    let r = run_with_stdin(
        ["audit", "--json", "--as-of", AS_OF, "-"],
        orders_text().into_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(inputs(&r.json()), vec![("-".into(), "orders".into(), 2, 0)]);
    let cr = metric(&r.json(), "pre_fulfillment_cancel_rate", 7, None).clone();
    assert_eq!(
        (cr["defects"].as_u64(), cr["total"].as_u64()),
        (Some(1), Some(2))
    );
}

#[test]
fn forced_kind_and_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.txt");
    std::fs::write(&path, orders_text()).unwrap();
    let r = run([
        "audit",
        "--json",
        "--as-of",
        AS_OF,
        "--orders",
        path.to_str().unwrap(),
    ]);
    assert_eq!(inputs(&r.json())[0].1, "orders");
    let r = run([
        "audit",
        "--json",
        "--as-of",
        AS_OF,
        "--shipments",
        path.to_str().unwrap(),
    ]);
    assert_error(&r, "ship-date");
    assert!(r.stderr.contains("x.txt"));
}

#[test]
fn unknown_kind_named_vs_in_directory() {
    assert_error(
        &one(&malformed("unknown-header.txt"), &[]),
        "unknown-header.txt",
    );
    assert_error(&one(&malformed("binary.bin.txt"), &[]), "binary.bin.txt");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        malformed("unknown-header.txt"),
        dir.path().join("inventory.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("orders.txt"), orders_text()).unwrap();
    let r = one(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        inputs(&r.json()),
        vec![("orders.txt".into(), "orders".into(), 2, 0)]
    );
    assert!(r.stderr.contains("inventory.txt"));
}

#[test]
fn empty_and_header_only_files_are_not_errors() {
    let r = run([
        "audit",
        "--json",
        "--as-of",
        AS_OF,
        malformed("empty.txt").to_str().unwrap(),
    ]);
    // Not an error; under --check, health that cannot be told (tests/check.rs).
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    assert_eq!(
        inputs(&report),
        vec![("empty.txt".into(), "unknown".into(), 0, 0)]
    );
    assert_eq!(report["status"], "no_data");
    let r = one(&malformed("header-only.txt"), &[]);
    assert_eq!(
        inputs(&r.json()),
        vec![("header-only.txt".into(), "orders".into(), 0, 0)]
    );
    let r = one(&malformed("unknown-header-only.txt"), &[]);
    assert_eq!(r.code, 0);
    assert_eq!(inputs(&r.json())[0].1, "unknown");
    assert!(!r.json()["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn short_rows_padded_long_rows_malformed() {
    let r = one(&malformed("cells.txt"), &[]);
    let report = r.json();
    assert_eq!(
        inputs(&report),
        vec![("cells.txt".into(), "orders".into(), 5, 2)]
    );
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("cells.txt:4:")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("cells.txt:6:")),
        "{warnings:?}"
    );
    assert!(r.stderr.contains("cells.txt:4:"));
    assert_error(&one(&malformed("cells.txt"), &["--strict"]), "cells.txt:4");
}

#[test]
fn unparseable_values_are_skipped_rows() {
    let r = one(&malformed("bad-values.txt"), &[]);
    let report = r.json();
    assert_eq!(
        inputs(&report),
        vec![("bad-values.txt".into(), "orders".into(), 10, 7)]
    );
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.ends_with("bad-values.txt: 7 malformed rows skipped in all")),
        "{warnings:?}"
    );
    assert!(warnings
        .iter()
        .any(|w| w.contains("bad-values.txt:3: purchase-date 'yesterday' is not a date")));
    assert_error(
        &one(&malformed("bad-values.txt"), &["--strict"]),
        "bad-values.txt:3",
    );
    let cr = metric(&report, "pre_fulfillment_cancel_rate", 7, None);
    assert_eq!(
        (cr["defects"].as_u64(), cr["total"].as_u64()),
        (Some(1), Some(2))
    );
    let expired = metric(&report, "expired_orders", 30, None);
    assert_eq!(
        (expired["defects"].as_u64(), expired["total"].as_u64()),
        (Some(1), Some(2))
    );
}

#[test]
fn ratings_outside_one_to_five_and_responses_before_messages() {
    let r = one(&malformed("feedback-bad-rating.txt"), &[]);
    assert_eq!(inputs(&r.json())[0].3, 2);
    let r = one(&malformed("messages-bad.csv"), &[]);
    let report = r.json();
    assert_eq!(
        inputs(&report),
        vec![("messages-bad.csv".into(), "messages".into(), 5, 2)]
    );
    let rt = metric(&report, "response_time", 7, None);
    assert_eq!(
        (rt["defects"].as_u64(), rt["total"].as_u64()),
        (Some(1), Some(3))
    );
    assert!((rt["average_response_hours"].as_f64().unwrap() - 3.5).abs() < 1e-9);
}

#[test]
fn duplicates_and_orphans_match_their_expected_metrics() {
    for dir in ["duplicates", "orphans"] {
        let path = malformed(dir);
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.join("expected.json")).unwrap())
                .unwrap();
        let r = one(&path, &[]);
        assert_eq!(r.code, 0, "{dir}: {}", r.stderr);
        assert_matches_expected(&r.json(), &expected);
    }
    let r = one(&malformed("orphans"), &[]);
    assert!(r.json()["warnings"].as_array().unwrap().iter().any(|w| w
        .as_str()
        .unwrap()
        .starts_with("3 feedback, claim or return rows")));
}

#[test]
fn a_line_over_16_mib_is_a_malformed_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(orders_text().as_bytes()).unwrap();
    f.write_all(b"111-0000000-0000003\t2026-11-15T10:00:00Z\tShipped\tMerchant\t")
        .unwrap();
    f.write_all(&vec![b'x'; 17 << 20]).unwrap();
    f.write_all(b"\n111-0000000-0000004\t2026-11-15T10:00:00Z\tShipped\tMerchant\tok\n")
        .unwrap();
    drop(f);
    let r = one(&path, &[]);
    let report = r.json();
    assert_eq!(
        inputs(&report),
        vec![("big.txt".into(), "orders".into(), 4, 1)]
    );
    assert!(report["warnings"].as_array().unwrap().iter().any(|w| w
        .as_str()
        .unwrap()
        .contains("big.txt:4: row longer than 16 MiB")));
}

#[test]
fn missing_path_is_an_error() {
    assert_error(
        &one(Path::new("/no/such/report.txt"), &[]),
        "/no/such/report.txt",
    );
}

#[test]
fn merge_takes_the_first_value_in_argument_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    // Ship-by differs: the first file given wins.
    std::fs::write(
        &a,
        "order-id\tpurchase-date\tlatest-ship-date\n111-0000000-0000001\t2026-11-15\t2026-11-16\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "order-id\tpurchase-date\tlatest-ship-date\n111-0000000-0000001\t2026-11-15\t2026-11-25\n",
    )
    .unwrap();
    let late = |first: &Path, second: &Path| {
        let r = run([
            "audit",
            "--json",
            "--as-of",
            AS_OF,
            first.to_str().unwrap(),
            second.to_str().unwrap(),
        ]);
        metric(&r.json(), "late_shipment_rate", 10, None)["defects"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(late(&a, &b), 1, "due 11-16, never confirmed");
    assert_eq!(late(&b, &a), 0, "due 11-25: not in the window yet");
}

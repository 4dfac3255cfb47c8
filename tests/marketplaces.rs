//! Never mix marketplaces (SPEC §12.1): a North America export holding
//! Amazon.com, .ca and .com.mx orders (and multi-channel fulfilment orders)
//! is audited as one report per marketplace, each equal to the audit of that
//! marketplace's files alone (`fixtures/marketplaces/`, built by
//! `scripts/make_marketplaces.py` from the demo set).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{fixtures, run};
use serde_json::Value;

const AS_OF: [&str; 4] = ["--as-of", "2026-11-20", "--now", "2026-11-21T09:00"];

fn mixed() -> std::path::PathBuf {
    fixtures().join("marketplaces").join("mixed")
}

/// `audit` with the fixed as-of day and `args`.
fn audit(args: &[&str]) -> common::Run {
    let mut all = vec!["audit"];
    all.extend(AS_OF);
    all.extend(args);
    run(all)
}

/// What must not depend on what else was read: every figure and list.
fn figures(report: &Value) -> Vec<(&'static str, Value)> {
    [
        "marketplace",
        "timezone",
        "status",
        "metrics",
        "open_orders",
        "pending_messages",
        "claims_due",
    ]
    .into_iter()
    .map(|k| (k, report[k].clone()))
    .collect()
}

fn alone(folder: &std::path::Path) -> Value {
    let r = audit(&["--json", folder.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

#[test]
fn each_marketplace_of_a_mixed_export_equals_its_orders_alone() {
    let r = audit(&["--json", mixed().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reports = common::json_stream(&r.stdout);
    let codes: Vec<&str> = reports
        .iter()
        .map(|o| o["marketplace"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["US", "CA", "MX"], "in the order of SPEC §1");
    for o in &reports {
        assert!(o["account"].is_null(), "account is null outside --accounts");
    }
    let us = alone(&fixtures().join("demo"));
    let ca = alone(&fixtures().join("marketplaces").join("ca"));
    let mx = alone(&fixtures().join("marketplaces").join("mx"));
    for (mixed, alone) in reports.iter().zip([&us, &ca, &mx]) {
        assert_eq!(figures(mixed), figures(alone), "{}", mixed["marketplace"]);
    }
    assert_eq!(mx["timezone"], "America/Mexico_City");
    // Mixed into one set, the numbers would be the sum of all three.
    assert_ne!(figures(&ca), figures(&mx));
    // Canadian feedback is written day/month/year: read so, nothing skipped.
    assert!(!r.stderr.contains("row skipped"), "{}", r.stderr);
}

#[test]
fn non_amazon_orders_are_left_out_with_a_warning() {
    let r = audit(&["--json", mixed().to_str().unwrap()]);
    assert!(
        r.stderr.contains(
            "3 orders with sales channel Non-Amazon (multi-channel fulfilment) left out of every metric"
        ),
        "{}",
        r.stderr
    );
    // Their late, untracked shipments count nowhere: US equals the demo alone.
    let us = &common::json_stream(&r.stdout)[0];
    assert_eq!(figures(us), figures(&alone(&fixtures().join("demo"))));
    let items = serde_json::to_string(&us["metrics"]).unwrap();
    assert!(!items.contains("MCF-"), "{items}");
}

#[test]
fn marketplace_option_audits_one_and_counts_the_others() {
    let r = audit(&["--json", "--marketplace", "ca", mixed().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // One audit: one object, as before this feature.
    let report = r.json();
    assert_eq!(report["marketplace"], "CA");
    let ca = alone(&fixtures().join("marketplaces").join("ca"));
    // Every figure of CA's orders alone, but for the response time: the one
    // US message that names no order goes with the only marketplace audited.
    let without_messages = |r: &Value| {
        let mut f = figures(r);
        for (k, v) in &mut f {
            if *k == "metrics" {
                v.as_array_mut()
                    .unwrap()
                    .retain(|m| m["metric"] != "response_time");
            }
        }
        f
    };
    assert_eq!(without_messages(&report), without_messages(&ca));
    let total = |r: &Value| common::metric(r, "response_time", 90, None)["total"].as_u64();
    assert_eq!(total(&report).unwrap(), total(&ca).unwrap() + 1);
    assert!(
        r.stderr
            .contains("--marketplace CA: 97 orders of other marketplaces left out (US 61, MX 36)"),
        "{}",
        r.stderr
    );
}

#[test]
fn human_formats_print_a_summary_then_each_report() {
    let r = audit(&[mixed().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    assert!(out.starts_with("3 audits (marketplaces)"), "{out}");
    let summary: String = out.lines().take(8).collect::<Vec<_>>().join("\n");
    for row in [
        "│ US          ┆ BAD    ┆ Order defect rate (seller, 60 d) ┆ 16.13% ┆ 9       │",
        "│ MX          ┆ BAD    ┆ Order defect rate (seller, 60 d) ┆ 22.22% ┆ 6       │",
    ] {
        assert!(summary.contains(row), "{row} not in\n{summary}");
    }
    let us = out.find("== Marketplace US ==").unwrap();
    let ca = out.find("== Marketplace CA ==").unwrap();
    let mx = out.find("== Marketplace MX ==").unwrap();
    assert!(us < ca && ca < mx);
    let md = audit(&["--format", "markdown", mixed().to_str().unwrap()]).stdout;
    assert!(md.starts_with("# Summary: 3 audits"), "{md}");
    assert!(md.contains("| Marketplace | Status | Worst metric | Value | ACT NOW |"));
    assert!(md.contains("**Marketplace MX**"));
}

#[test]
fn csv_tells_the_audits_apart_by_column() {
    let r = audit(&["--format", "csv", mixed().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut rows = csv::Reader::from_reader(r.stdout.as_bytes());
    let header = rows.headers().unwrap().clone();
    let m = header.iter().position(|h| h == "marketplace").unwrap();
    let a = header.iter().position(|h| h == "account").unwrap();
    let mut per: Vec<(String, usize)> = Vec::new();
    for row in rows.records() {
        let row = row.unwrap();
        assert_eq!(&row[a], "");
        match per.last_mut() {
            Some((code, n)) if code == &row[m] => *n += 1,
            _ => per.push((row[m].to_string(), 1)),
        }
    }
    assert_eq!(
        per,
        [("US".into(), 11), ("CA".into(), 11), ("MX".into(), 11)]
    );
}

#[test]
fn check_exit_is_the_most_urgent_and_reasons_name_their_audit() {
    let r = audit(&["--check", "-q", mixed().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // A marketplace with no orders in the windows cannot be told healthy.
    let r = run([
        "audit",
        "--check",
        "--as-of",
        "2027-06-01",
        "--max-age",
        "off",
        mixed().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("sellerhealth: error: MX: "),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unknown_marketplace_code_is_a_usage_error() {
    let r = audit(&["--marketplace", "XX", mixed().to_str().unwrap()]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("'XX'"), "{}", r.stderr);
}

#[test]
fn a_trend_follows_one_marketplace() {
    let path = mixed();
    let r = run(["trend", "--as-of", "2026-11-20", path.to_str().unwrap()]);
    assert_eq!(r.code, 3, "{}", r.stdout);
    assert!(
        r.stderr.contains("3 marketplaces (US, CA, MX)") && r.stderr.contains("--marketplace"),
        "{}",
        r.stderr
    );
    let r = run([
        "trend",
        "--as-of",
        "2026-11-20",
        "--days",
        "3",
        "--format",
        "json",
        "--marketplace",
        "MX",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["marketplace"], "MX");
    assert_eq!(r.json()["timezone"], "America/Mexico_City");
}

#[test]
fn one_html_page_holds_every_audit_with_unique_ids() {
    let r = audit(&["--format", "html", "-q", mixed().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = &r.stdout;
    assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
    assert!(page.contains("<h1>Account health: 3 audits (marketplaces)</h1>"));
    for (n, code) in ["US", "CA", "MX"].iter().enumerate() {
        assert!(
            page.contains(&format!(
                "<article class=\"audit\" id=\"a{n}\" aria-label=\"Marketplace {code}\">"
            )),
            "no article for {code}"
        );
    }
    // Every id once, every in-page link to one of them.
    let ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "repeated ids");
    for link in page.split("href=\"#").skip(1) {
        let target = link.split('"').next().unwrap();
        assert!(ids.contains(&target), "#{target} goes nowhere");
    }
    // One audit: the page as it always was.
    let one = audit(&[
        "--format",
        "html",
        "--marketplace",
        "MX",
        mixed().to_str().unwrap(),
    ]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(one.stdout.contains("<section id=\"act-now\""));
    assert!(!one.stdout.contains("class=\"audit\""));
}

#[test]
fn history_keeps_each_marketplace_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite");
    let db = db.to_str().unwrap();
    for _ in 0..2 {
        let r = audit(&["--json", "--history", db, mixed().to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let listed = run(["history", "--history", db, "--format", "json"]).json();
    let mut markets: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["marketplace"].as_str().unwrap().to_string())
        .collect();
    markets.sort();
    assert_eq!(
        markets,
        ["CA", "MX", "US"],
        "one snapshot per marketplace and day"
    );
}

#[test]
fn reading_on_several_cores_gives_the_same_audits() {
    let path = mixed();
    let path = path.to_str().unwrap();
    let one = audit(&["--json", "--sequential", path]);
    let split = audit(&[
        "--json",
        "--threads",
        "3",
        "--parallel-min-bytes",
        "1",
        path,
    ]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let (one, split) = (
        common::json_stream(&one.stdout),
        common::json_stream(&split.stdout),
    );
    assert_eq!(one.len(), 3);
    for (a, b) in one.iter().zip(&split) {
        assert_eq!(figures(a), figures(b), "{}", a["marketplace"]);
    }
}

#[test]
fn the_currency_tells_the_marketplace_where_no_sales_channel_column_does() {
    let dir = tempfile::tempdir().unwrap();
    let with_currency = dir.path().join("orders.txt");
    std::fs::write(
        &with_currency,
        "order-id\tpurchase-date\tcurrency\n1\t2026-11-18T10:00:00Z\tGBP\n2\t2026-11-18T11:00:00Z\tGBP\n",
    )
    .unwrap();
    let r = audit(&["--json", with_currency.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["marketplace"], "UK");
    assert_eq!(r.json()["timezone"], "Europe/London");
    // A file with a sales-channel column: its empty cell leaves the order of
    // unknown marketplace (joining US), whatever the currency.
    let with_channel = dir.path().join("all-orders.txt");
    std::fs::write(
        &with_channel,
        "order-id\tpurchase-date\tsales-channel\tcurrency\n1\t2026-11-18T10:00:00Z\t\tGBP\n",
    )
    .unwrap();
    let r = audit(&["--json", with_channel.to_str().unwrap()]);
    assert_eq!(r.json()["marketplace"], "US");
}

//! Fit for a person (SPEC §9.5): the width of the terminal or COLUMNS, words
//! never broken, a healthy account in 40 lines, tips capped, --brief, ACT NOW
//! capped, thousands separators in human formats only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::*;
use sellerhealth::cli::{self, Parsed};
use sellerhealth::report::document::{Document, Tips};
use sellerhealth::report::RenderOptions;

fn demo() -> String {
    fixtures().join("demo").display().to_string()
}

fn at_80(args: &[&str]) -> Run {
    let out = bin().env("COLUMNS", "80").args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "{} columns: {line}",
            line.chars().count()
        );
    }
}

#[test]
fn columns_80_fits_every_line_table_included() {
    // The table was 105 columns wide on an 80-column terminal.
    let d = demo();
    for extra in [&[][..], &["--details"], &["--all-tips"], &["--brief"]] {
        let mut args = vec!["audit", "-q", "--as-of", "2026-11-20"];
        args.extend_from_slice(extra);
        args.push(&d);
        let r = at_80(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("┌"), "{extra:?}: the table is there");
        assert_fits(&r.stdout, 80);
    }
    // 100 columns when neither the terminal nor COLUMNS tells the width.
    let r = bin()
        .env_remove("COLUMNS")
        .args(["audit", "-q", "--as-of", "2026-11-20", &d])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&r.stdout).into_owned();
    assert_fits(&text, 100);
    assert!(text.contains("│ Order defect rate "), "{text}");
}

#[test]
fn words_are_never_broken() {
    let r = at_80(&["audit", "-q", "--as-of", "2026-11-20", &demo()]);
    let cells: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with('│'))
        .flat_map(|l| l.split(['│', '┆']))
        .flat_map(str::split_whitespace)
        .collect();
    for word in [
        "Pre-fulfillment",
        "cancel",
        "delivery",
        "2026-11-20",
        "2026-11-06",
        "tracking",
        "warning",
    ] {
        assert!(cells.contains(&word), "'{word}' broken in:\n{}", r.stdout);
    }
    for fragment in ["Pre-fulfill", "2026-11-", "fulfillme"] {
        assert!(!cells.contains(&fragment), "'{fragment}' in:\n{}", r.stdout);
    }
}

#[test]
fn a_healthy_account_fits_in_40_lines_at_80_columns() {
    let healthy = fixtures().join("healthy");
    let r = at_80(&[
        "audit",
        "--check",
        "--as-of",
        "2026-11-20",
        healthy.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "healthy: {}\n{}", r.stderr, r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(r.stdout.starts_with("Account health: good"), "{}", r.stdout);
    assert!(
        r.stdout.lines().count() <= 40,
        "{} lines:\n{}",
        r.stdout.lines().count(),
        r.stdout
    );
    assert_fits(&r.stdout, 80);
}

fn document_tips(args: &[&str], options: &RenderOptions) -> Vec<(String, usize, usize)> {
    let mut all = vec!["sellerhealth", "audit", "-q"];
    all.extend_from_slice(args);
    let Ok(Parsed::Audit(config)) = cli::parse(all) else {
        panic!("not an audit")
    };
    let report = sellerhealth::app::audit(&config).unwrap();
    let doc = Document::build(&report, options);
    doc.families
        .iter()
        .filter_map(|f| {
            let shown = match f.tips.as_ref()? {
                Tips::Earlier(e) => e.len(),
                Tips::New { new, also } => new.len() + also.len(),
            };
            let all = report
                .metrics
                .iter()
                .find(|m| m.metric.title() == f.title)
                .map_or(0, |m| m.tips.len());
            Some((f.title.to_string(), shown, all))
        })
        .collect()
}

#[test]
fn at_most_three_tips_per_metric_unless_all_tips() {
    // 27 generic tips (~120 lines) were shown on every run.
    let d = demo();
    let args = ["--as-of", "2026-11-20", d.as_str()];
    let capped = document_tips(&args, &RenderOptions::default());
    assert!(!capped.is_empty());
    for (title, shown, all) in &capped {
        assert_eq!(*shown, (*all).min(3), "{title}");
    }
    let every = document_tips(
        &args,
        &RenderOptions {
            all_tips: true,
            ..Default::default()
        },
    );
    for (title, shown, all) in &every {
        assert_eq!(shown, all, "{title}");
    }
    assert!(every.iter().any(|(_, _, all)| *all > 3));
    // The table says how to see the rest; the JSON keeps every tip.
    let r = at_80(&["audit", "-q", "--as-of", "2026-11-20", &d]);
    assert!(flat(&r.stdout).contains("add --all-tips"), "{}", r.stdout);
    let json = run(["audit", "--json", "-q", "--as-of", "2026-11-20", &d]).json();
    let odr = metric(&json, "order_defect_rate", 60, Some("mfn"));
    assert!(odr["tips"].as_array().unwrap().len() > 3);
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn brief_is_the_headline_act_now_counts_and_the_table() {
    let r = at_80(&["audit", "-q", "--brief", "--as-of", "2026-11-20", &demo()]);
    let text = flat(&r.stdout);
    assert!(r.stdout.starts_with("Account health: BAD"), "{}", r.stdout);
    assert!(
        text.contains("Act now: 2 orders already late, 1 claim to answer, 3 orders due to ship, 2 orders past Amazon's auto-cancel deadline, 2 buyer messages waiting for a reply."),
        "{text}"
    );
    assert!(r.stdout.contains("METRICS"));
    for absent in [
        "WHAT TO FIX",
        "What helps",
        "ACT NOW",
        "NOT MEASURED",
        "sellerhealth explain",
    ] {
        assert!(!r.stdout.contains(absent), "{absent}: {}", r.stdout);
    }
    assert!(r.stdout.trim_end().ends_with('┘'), "{}", r.stdout);
}

/// 4,910 seller-fulfilled orders due to ship.
fn many_open_orders(dir: &Path) -> String {
    let mut text = String::from(
        "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\n",
    );
    for i in 0..4910 {
        text.push_str(&format!(
            "111-{:07}-{:07}\t2026-11-19T10:00:00Z\tUnshipped\tMerchant\t2026-11-23\n",
            i, i
        ));
    }
    let path = dir.join("orders.txt");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn act_now_shows_ten_per_group_then_how_many_more() {
    // 4,910 ACT NOW lines were printed.
    let dir = tempfile::tempdir().unwrap();
    let path = many_open_orders(dir.path());
    for format in ["table", "markdown"] {
        let r = at_80(&[
            "audit",
            "-q",
            "--as-of",
            "2026-11-20",
            "--format",
            format,
            &path,
        ]);
        let entries = r.stdout.lines().filter(|l| l.contains("111-")).count();
        assert_eq!(entries, 10, "{format}:\n{}", r.stdout);
        let text = flat(&r.stdout);
        assert!(
            text.contains("…and 4,900 more (to see them all: add --details, or use --format json)"),
            "{format}: {text}"
        );
        // Counts of 1,000 or more are grouped in human formats.
        assert!(text.contains("4,910 order rows"), "{format}: {text}");
    }
    let details = at_80(&["audit", "-q", "--details", "--as-of", "2026-11-20", &path]);
    assert_eq!(
        details
            .stdout
            .lines()
            .filter(|l| l.contains("  - 111-"))
            .count(),
        4910
    );
    // JSON lists all and never groups; nor does CSV.
    let json = run(["audit", "--json", "-q", "--as-of", "2026-11-20", &path]);
    assert_eq!(json.json()["open_orders"].as_array().unwrap().len(), 4910);
    assert_eq!(json.json()["inputs"][0]["rows"], 4910);
    assert!(!json.stdout.contains("4,910"));
    let csv = run([
        "audit",
        "--format",
        "csv",
        "-q",
        "--as-of",
        "2026-11-20",
        &path,
    ]);
    assert!(!csv.stdout.contains("4,910") && !csv.stdout.contains("4,900"));
}

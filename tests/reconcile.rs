//! Amazon's Account Health report beside ours (SPEC §11): the real sample,
//! a hand-built report whose counts equal ours, the same with known
//! differences, and bad or foreign JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{json, Value};

const AS_OF: &str = "2026-11-20";

fn example() -> PathBuf {
    fixtures().join("example-us").join("reports")
}

fn sample() -> PathBuf {
    fixtures()
        .join("samples")
        .join("GET_V2_SELLER_PERFORMANCE_REPORT.airbyte-fixture.json")
}

/// Our own metric rows for the example set.
fn ours() -> Value {
    let run = audit_json(AS_OF, &[&example()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

fn row<'a>(report: &'a Value, metric: &str, channel: &str, days: u64) -> &'a Value {
    report["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == metric && m["channel"] == channel && m["window"]["days"] == days)
        .unwrap()
}

fn range(m: &Value) -> Value {
    json!({
        "reportingDateFrom": format!("{}T00:00:00Z", m["window"]["from"].as_str().unwrap()),
        "reportingDateTo": format!("{}T23:59:59Z", m["window"]["to"].as_str().unwrap()),
    })
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

/// An Amazon report with exactly our windows and counts.
fn amazon_like_ours(ours: &Value) -> Value {
    let odr = |channel| {
        let m = row(ours, "order_defect_rate", channel, 60);
        let c = &m["components"];
        json!({
            "reportingDateRange": range(m),
            "orderCount": m["total"],
            "orderWithDefects": {"count": m["defects"], "status": "GOOD"},
            "negativeFeedback": {"count": c["negative_feedback"]["defects"]},
            "claims": {"count": c["a_to_z_claims"]["defects"]},
            "chargebacks": {"count": c["chargebacks"]["defects"]},
            "status": "GOOD",
        })
    };
    let lsr = row(ours, "late_shipment_rate", "mfn", 30);
    let cr = row(ours, "pre_fulfillment_cancel_rate", "mfn", 7);
    let vtr = row(ours, "valid_tracking_rate", "mfn", 30);
    let otdr = row(ours, "on_time_delivery_rate", "mfn", 14);
    json!({
        "accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "status": "NORMAL"}],
        "performanceMetrics": [{
            "marketplaceId": "ATVPDKIKX0DER",
            "accountHealthRating": {"ahrStatus": "GREAT", "ahrScore": 900},
            "orderDefectRate": {"mfn": odr("mfn"), "afn": odr("afn")},
            "lateShipmentRate": {"reportingDateRange": range(lsr), "orderCount": lsr["total"],
                "lateShipmentCount": lsr["defects"], "status": "GOOD"},
            "preFulfillmentCancellationRate": {"reportingDateRange": range(cr),
                "orderCount": cr["total"], "cancellationCount": cr["defects"], "status": "GOOD"},
            "validTrackingRate": {"reportingDateRange": range(vtr), "shipmentCount": vtr["total"],
                "validTrackingCount": n(&vtr["total"]) - n(&vtr["defects"]), "status": "GOOD"},
            "onTimeDeliveryRate": {"reportingDateRange": range(otdr),
                "shipmentCountWithValidTracking": otdr["total"],
                "onTimeDeliveryCount": n(&otdr["total"]) - n(&otdr["defects"]), "status": "GOOD"},
            "listingPolicyViolations": {"defectsCount": 2, "status": "WARNED"},
        }]
    })
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec_pretty(v).unwrap()).unwrap();
    p
}

fn audit_with(amazon: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["audit", "--as-of", AS_OF];
    if !extra.contains(&"--format") {
        args.extend_from_slice(&["--format", "json"]);
    }
    args.extend_from_slice(extra);
    let ex = example();
    args.push(ex.to_str().unwrap());
    args.push("--performance");
    args.push(amazon.to_str().unwrap());
    run(args)
}

fn explanations(report: &Value) -> Vec<(String, Vec<String>)> {
    report["amazon"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                format!(
                    "{}/{}",
                    m["metric"].as_str().unwrap(),
                    m["channel"].as_str().unwrap()
                ),
                m["explanation"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_real_sample_is_read_and_shown_alone() {
    let out = run([
        "audit",
        "--format",
        "json",
        "--as-of",
        "2026-07-25",
        sample().to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.json();
    assert_eq!(r["inputs"][0]["kind"], "performance");
    let a = &r["amazon"];
    assert_eq!(a["account_status"], "NORMAL");
    assert_eq!(a["account_health_rating"]["score"], 1000.0);
    assert_eq!(a["account_health_rating"]["status"], "GREEN");
    assert_eq!(a["policy"][0]["name"], "listingPolicyViolations");
    let lsr = &a["metrics"][2];
    assert_eq!(lsr["metric"], "late_shipment_rate");
    assert_eq!(lsr["window"]["from"], "2026-07-01");
    assert_eq!(lsr["window"]["days"], 24);
    assert_eq!(lsr["amazon"]["defects"], 1);
    assert_eq!(lsr["amazon"]["total"], Value::Null);
    assert_eq!(lsr["difference"]["total"], Value::Null);
    // Amazon's verdict is the status, so cron can watch it.
    assert_eq!(r["status"], "good");
    let check = run_check(&[sample().to_str().unwrap()], "2026-07-25");
    assert_eq!(check, 0);
    let table = run(["audit", "--as-of", "2026-07-25", sample().to_str().unwrap()]);
    assert!(
        table.stdout.contains("AMAZON'S ACCOUNT HEALTH REPORT"),
        "{}",
        table.stdout
    );
    assert!(!table.stdout.contains("NOT MEASURED"), "{}", table.stdout);
}

fn run_check(paths: &[&str], as_of: &str) -> i32 {
    let mut args = vec!["audit", "--check", "-q", "--as-of", as_of];
    args.extend_from_slice(paths);
    run(args).code
}

#[test]
fn a_report_equal_to_ours_matches_on_every_metric() {
    let ours = ours();
    let dir = tempfile::tempdir().unwrap();
    let amazon = write(dir.path(), "amazon.json", &amazon_like_ours(&ours));
    let run = audit_with(&amazon, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = run.json();
    let all = explanations(&r);
    assert_eq!(all.len(), 6, "{all:?}");
    for (metric, why) in &all {
        assert_eq!(why, &vec!["matches".to_string()], "{metric}");
    }
    // Our own figures are unchanged by the comparison.
    assert_eq!(r["metrics"], ours["metrics"]);
    assert_eq!(r["status"], ours["status"]);
    let m = &r["amazon"]["metrics"][0];
    assert_eq!(m["difference"], json!({"defects": 0, "total": 0}));
    assert_eq!(m["ours"]["total"], m["amazon"]["total"]);
    assert!(m["components"]["negative_feedback"]["ours"].is_u64());
}

#[test]
fn known_differences_are_explained() {
    let ours = ours();
    let mut amazon = amazon_like_ours(&ours);
    let pm = &mut amazon["performanceMetrics"][0];
    // Two more orders with negative feedback.
    let mfn = &mut pm["orderDefectRate"]["mfn"];
    let nf = n(&mfn["negativeFeedback"]["count"]);
    mfn["negativeFeedback"]["count"] = json!(nf + 2);
    let d = n(&mfn["orderWithDefects"]["count"]);
    mfn["orderWithDefects"]["count"] = json!(d + 2);
    // One more late order.
    let lsr = &mut pm["lateShipmentRate"];
    let late = n(&lsr["lateShipmentCount"]);
    lsr["lateShipmentCount"] = json!(late + 1);
    // A window reaching before the data: the afn order defect window from June.
    pm["orderDefectRate"]["afn"]["reportingDateRange"]["reportingDateFrom"] =
        json!("2026-03-01T00:00:00Z");
    pm["orderDefectRate"]["afn"]["orderCount"] = json!(9999);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "amazon.json", &amazon);
    let run = audit_with(&path, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = run.json();
    let all = explanations(&r);
    let get = |k: &str| all.iter().find(|(m, _)| m == k).unwrap().1.join(" | ");
    let odr = get("order_defect_rate/mfn");
    assert_eq!(
        odr,
        format!(
            "Amazon counts {} orders with negative feedback, your feedback files {nf}: download \
             the latest feedback report (Performance > Feedback)",
            nf + 2
        )
    );
    let lsr = get("late_shipment_rate/mfn");
    assert_eq!(
        lsr,
        format!(
            "Amazon counts {} late shipments, your files {late}: check the shipping \
             confirmations of this window",
            late + 1
        )
    );
    let afn = get("order_defect_rate/afn");
    assert!(
        afn.starts_with("your orders files do not reach 2026-03-01 to "),
        "{afn}"
    );
    assert!(afn.contains("download the All Orders report"), "{afn}");
    assert_eq!(get("valid_tracking_rate/mfn"), "matches");
    assert_eq!(r["amazon"]["metrics"][0]["difference"]["defects"], 2);
}

#[test]
fn amazons_bad_makes_the_audit_bad() {
    let ours = ours();
    let mut amazon = amazon_like_ours(&ours);
    amazon["performanceMetrics"][0]["validTrackingRate"]["status"] = json!("BAD");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "amazon.json", &amazon);
    let run = audit_with(&path, &[]);
    let r = run.json();
    assert_eq!(r["status"], "bad");
    assert!(
        r["warnings"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("marks the valid tracking rate")),
        "{}",
        r["warnings"]
    );
    let code = run_check(
        &[example().to_str().unwrap(), path.to_str().unwrap()],
        AS_OF,
    );
    assert_eq!(code, 2);
}

#[test]
fn several_marketplaces_compare_the_audited_one() {
    let ours = ours();
    let mut amazon = amazon_like_ours(&ours);
    let mut ca = amazon["performanceMetrics"][0].clone();
    ca["marketplaceId"] = json!("A2EUQ1WTGCTBG2");
    ca["lateShipmentRate"]["lateShipmentCount"] = json!(999);
    amazon["performanceMetrics"]
        .as_array_mut()
        .unwrap()
        .insert(0, ca);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "amazon.json", &amazon);
    let r = audit_with(&path, &[]).json();
    assert_eq!(r["amazon"]["marketplace"], "US");
    assert!(explanations(&r)
        .iter()
        .all(|(_, w)| w == &vec!["matches".to_string()]));
    let warned = r["warnings"].to_string();
    assert!(warned.contains("1 other marketplace (CA)"), "{warned}");
    // Audited as CA, the CA entry is compared.
    let ca_run = audit_with(&path, &["--marketplace", "CA"]).json();
    assert_eq!(ca_run["amazon"]["marketplace"], "CA");
}

#[test]
fn malformed_json_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amazon.json");
    std::fs::write(&path, "{\n  \"performanceMetrics\": [\n    {,}\n  ]\n}\n").unwrap();
    let run = run(["audit", path.to_str().unwrap()]);
    assert_eq!(run.code, 3);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("amazon.json:3:6: not valid JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_that_is_not_amazons_is_skipped_in_folders_and_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(example()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let other = write(dir.path(), "settings.json", &json!({"theme": "dark"}));
    let run1 = audit_json(AS_OF, &[dir.path()]);
    assert_eq!(run1.code, 0, "{}", run1.stderr);
    let r = run1.json();
    assert!(r.get("amazon").is_none());
    assert!(!r["inputs"].to_string().contains("settings.json"));
    let run2 = run(["audit", other.to_str().unwrap()]);
    assert_eq!(run2.code, 3);
    assert!(
        run2.stderr.contains("not Amazon's Account Health report"),
        "{}",
        run2.stderr
    );
}

#[test]
fn a_stale_amazon_report_warns() {
    let run = run([
        "audit",
        "--format",
        "json",
        "--as-of",
        "2026-11-20",
        sample().to_str().unwrap(),
    ]);
    let r = run.json();
    let warned = r["warnings"].to_string();
    assert!(
        warned.contains("ends on 2026-07-24, 119 days before the as-of day"),
        "{warned}"
    );
}

#[test]
fn the_schema_describes_the_amazon_object() {
    let run = run(["schema"]);
    assert!(run.stdout.contains("\"AmazonSection\""));
    assert!(run.stdout.contains("\"explanation\""));
}

#[test]
fn hostile_amazon_figures_never_break_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "amazon.json",
        &json!({"performanceMetrics": [{
            "lateShipmentRate": {"reportingDateRange": {"reportingDateFrom": "2026-11-30T00:00:00Z",
                "reportingDateTo": "2026-11-01T00:00:00Z"}, "orderCount": 3, "lateShipmentCount": 9},
            "validTrackingRate": {"reportingDateRange": {"reportingDateFrom": "2026-11-01",
                "reportingDateTo": "2026-11-20"}, "shipmentCount": 2, "validTrackingCount": 7e300,
                "status": "<script>"},
            "preFulfillmentCancellationRate": {"reportingDateRange": {"reportingDateFrom": "x",
                "reportingDateTo": null}, "orderCount": -4, "cancellationCount": "lots"},
            "onTimeDeliveryRate": {"reportingDateRange": {"reportingDateFrom": "2026-11-01",
                "reportingDateTo": "2026-11-02"}, "shipmentCountWithValidTracking": 1,
                "onTimeDeliveryCount": 5},
            "orderDefectRate": {"mfn": {"reportingDateRange": {"reportingDateFrom": "0001-01-01",
                "reportingDateTo": "9999-12-31"}, "orderCount": 1, "orderWithDefects": {"count": 5}}}
        }]}),
    );
    for format in ["json", "table", "markdown", "csv", "html"] {
        let out = audit_with(&path, &["--format", format]);
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        if format == "html" {
            assert!(
                out.stdout.contains("&lt;script&gt;"),
                "Amazon's status shown, escaped"
            );
            assert!(
                !out.stdout.contains("<script"),
                "raw markup from Amazon's JSON"
            );
        }
    }
}

#[test]
fn the_amazon_section_fits_the_terminal_width() {
    let ex = example();
    let amazon = fixtures().join("amazon").join("account-health.json");
    let out = bin()
        .env("COLUMNS", "80")
        .args([
            "audit",
            "-q",
            "--as-of",
            AS_OF,
            ex.to_str().unwrap(),
            "--performance",
        ])
        .arg(&amazon)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("AMAZON'S ACCOUNT HEALTH REPORT"), "{text}");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
}

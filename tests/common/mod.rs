//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub fn bin() -> Command {
    let mut c = Command::cargo_bin("sellerhealth").unwrap();
    c.env_remove("NO_COLOR");
    // A history of the developer's own must not record the tests' runs.
    c.env_remove("SELLERHEALTH_HISTORY");
    c
}

/// Output of one run: exit code, stdout, stderr.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
}

pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    run_with_stdin(args, Vec::new())
}

pub fn run_with_stdin<I, S>(args: I, stdin: Vec<u8>) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = bin().args(args).write_stdin(stdin).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every JSON object of a stream (several audits in one run), in order.
pub fn json_stream(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map(|v| v.unwrap_or_else(|e| panic!("not a JSON stream ({e}): {text}")))
        .collect()
}

/// `audit --format json --as-of DAY` on the given paths.
pub fn audit_json(as_of: &str, paths: &[&Path]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        "audit".into(),
        "--format".into(),
        "json".into(),
        "--as-of".into(),
        as_of.into(),
    ];
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    run(args)
}

/// The metric entry for `metric` with a window of `days`, and channel when given.
pub fn metric<'a>(report: &'a Value, name: &str, days: u64, channel: Option<&str>) -> &'a Value {
    report["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["metric"] == name
                && m["window"]["days"] == days
                && channel.is_none_or(|c| m["channel"] == c)
        })
        .unwrap_or_else(|| panic!("no {name}/{days}"))
}

/// The inputs list as (file name, kind, rows, skipped_rows).
pub fn inputs(report: &Value) -> Vec<(String, String, u64, u64)> {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let path = PathBuf::from(i["path"].as_str().unwrap());
            (
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "-".into()),
                i["kind"].as_str().unwrap().to_string(),
                i["rows"].as_u64().unwrap(),
                i["skipped_rows"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Compares a report with an `expected.json` of the shape in shared/examples.
pub fn assert_matches_expected(report: &Value, expected: &Value) {
    assert_eq!(report["as_of"], expected["as_of"]);
    assert_eq!(report["timezone"], expected["timezone"]);
    assert_eq!(report["status"], expected["status"], "overall status");
    let got = report["metrics"].as_array().unwrap();
    let want = expected["metrics"].as_array().unwrap();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        let label = format!("{} {} {}", w["metric"], w["channel"], w["window"]["days"]);
        for field in [
            "metric", "channel", "window", "defects", "total", "status", "items",
        ] {
            assert_eq!(g[field], w[field], "{label}: {field}");
        }
        for field in ["clean_items_to_recover", "defects_to_breach"] {
            assert_eq!(g.get(field), w.get(field), "{label}: {field}");
        }
        if let Some(c) = w.get("components") {
            for part in ["negative_feedback", "a_to_z_claims", "chargebacks"] {
                assert_eq!(g["components"][part]["defects"], c[part], "{label}: {part}");
            }
        }
        if let Some(h) = w.get("average_response_hours") {
            match h.as_f64() {
                Some(h) => {
                    let got = g["average_response_hours"].as_f64().unwrap();
                    assert!((got - h).abs() < 1e-3, "{label}: average {got} vs {h}");
                }
                None => assert!(g["average_response_hours"].is_null()),
            }
        }
    }
    if let Some(open) = expected.get("open_orders") {
        let got: Vec<(&Value, &Value)> = report["open_orders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (&o["order_id"], &o["state"]))
            .collect();
        let want: Vec<(&Value, &Value)> = open
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (&o["order_id"], &o["state"]))
            .collect();
        assert_eq!(got, want, "open_orders");
    }
    if let Some(pending) = expected.get("pending_messages") {
        let got: Vec<&Value> = report["pending_messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["message_id"])
            .collect();
        let want: Vec<&Value> = pending.as_array().unwrap().iter().collect();
        assert_eq!(got, want, "pending_messages");
    }
}

/// An error: exit 3, nothing on stdout, one message naming `names` (SPEC §2.5).
pub fn assert_error(run: &Run, names: &str) {
    assert_eq!(
        run.code, 3,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    assert!(
        run.stderr.contains(names),
        "stderr should name {names}: {}",
        run.stderr
    );
    assert_eq!(
        run.stderr.trim_end().lines().count(),
        1,
        "one message: {}",
        run.stderr
    );
}

/// The names in a folder, sorted (to see that nothing was left behind).
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

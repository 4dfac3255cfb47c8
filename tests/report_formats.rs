//! The people-facing formats (table, markdown, csv), colour rules, `-o`,
//! `explain`, `schema` and the JSON report against its schema.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use sellerhealth::cli::{self, Parsed};
use sellerhealth::report::{self, Render, RenderOptions, Report};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> PathBuf {
    report_set(root().join("fixtures/example-us/reports"))
}

fn demo() -> PathBuf {
    report_set(root().join("fixtures/demo"))
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("sellerhealth").unwrap();
    c.env_remove("NO_COLOR").current_dir(root());
    c
}

/// The report of `audit ARGS…`, in process.
fn audit(args: &[&str]) -> Report {
    let mut all = vec!["sellerhealth", "audit"];
    all.extend_from_slice(args);
    match cli::parse(all) {
        Ok(Parsed::Audit(config)) => sellerhealth::app::audit(&config).unwrap(),
        Ok(_) => panic!("not an audit"),
        Err(e) => panic!("{e}"),
    }
}

fn audit_dir(dir: &Path) -> Report {
    audit(&["--as-of", "2026-11-20", "-q", dir.to_str().unwrap()])
}

fn render(r: &dyn Render, report: &Report, details: bool) -> String {
    r.render(
        report,
        &RenderOptions {
            details,
            color: false,
            width: None,
            ..Default::default()
        },
    )
}

/// Everything: `--details --all-tips` (the snapshots that keep the full text covered).
fn full(r: &dyn Render, report: &Report) -> String {
    r.render(
        report,
        &RenderOptions {
            details: true,
            all_tips: true,
            ..Default::default()
        },
    )
}

/// The text with every run of whitespace made one space (wrapping undone).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A report set that must be there: a snapshot of a missing set would
/// otherwise pass by comparing nothing.
fn report_set(dir: PathBuf) -> PathBuf {
    let files = std::fs::read_dir(&dir).map_or(0, |d| d.count());
    assert!(files > 0, "{}: fixture set missing or empty", dir.display());
    dir
}

// ---------------------------------------------------------------- snapshots

#[test]
fn example_table_snapshot() {
    let r = audit_dir(&example());
    insta::assert_snapshot!(
        "example_table",
        render(&report::table::TableFormat, &r, false)
    );
    insta::assert_snapshot!(
        "example_table_details",
        full(&report::table::TableFormat, &r)
    );
}

#[test]
fn example_markdown_snapshot() {
    let r = audit_dir(&example());
    insta::assert_snapshot!("example_markdown", full(&report::markdown::Markdown, &r));
}

#[test]
fn example_csv_snapshot() {
    let r = audit_dir(&example());
    insta::assert_snapshot!("example_csv", render(&report::csv::Csv, &r, false));
}

#[test]
fn demo_snapshots() {
    let r = audit_dir(&demo());
    insta::assert_snapshot!("demo_table_details", full(&report::table::TableFormat, &r));
    insta::assert_snapshot!("demo_markdown", full(&report::markdown::Markdown, &r));
    // The default: 3 tips per metric, ACT NOW capped, at 80 columns.
    insta::assert_snapshot!(
        "demo_table_80",
        report::table::TableFormat.render(
            &r,
            &RenderOptions {
                width: Some(80),
                ..Default::default()
            }
        )
    );
    insta::assert_snapshot!("demo_csv", render(&report::csv::Csv, &r, false));
    // The page lists the files as given: relative to the package root (the
    // tests' working folder), so the snapshot holds no machine's path. One
    // tag a line, so that a change shows as a readable diff (the page itself
    // has no line breaks between tags).
    let r = audit(&["--as-of", "2026-11-20", "-q", "fixtures/demo"]);
    let page = render(&html(), &r, true);
    insta::assert_snapshot!("demo_html_details", page.replace("><", ">\n<"));
}

/// The html renderer at the default `--warn-at`.
fn html() -> report::html::Html {
    report::html::Html::new(sellerhealth::policy::Ratio::new(3, 4))
}

// ---------------------------------------------------------------- table content

#[test]
fn table_tells_where_the_seller_stands_and_what_to_do() {
    let r = audit_dir(&example());
    let t = render(&report::table::TableFormat, &r, false);
    let first = t.lines().next().unwrap();
    let t = flat(&t);
    assert!(first.starts_with("Account health: BAD"), "{first}");
    assert!(t.contains("As of 2026-11-20"));
    assert!(t.contains("America/Los_Angeles"));
    assert!(t.contains("marketplace US"));
    // Act now comes before the table, the fixes after it.
    let act = t.find("ACT NOW").unwrap();
    let table = t.find("METRICS").unwrap();
    let fix = t.find("WHAT TO FIX").unwrap();
    assert!(act < table && table < fix);
    assert!(t.contains("confirm shipment by 2026-11-23 23:59"));
    assert!(t.contains("M000060: answer by 2026-11-21 02:58"));
    // Headroom in words, small samples noted.
    assert!(t.contains("154 more defect-free orders would bring it back under 1%."));
    assert!(t.contains("10 more replies within 24 hours would bring it back up to 90%."));
    assert!(t.contains("one defect moves this rate by more than 1 percentage point"));
    // Good metrics get no tips; each tip is written out once.
    assert!(!t.contains("Valid tracking rate: good"));
    let review = "Run this audit every week";
    assert!(t.matches(review).count() <= 1);
    let all = flat(&report::table::TableFormat.render(
        &r,
        &RenderOptions {
            all_tips: true,
            ..Default::default()
        },
    ));
    assert_eq!(all.matches(review).count(), 1);
    // Without --details, no reasons.
    assert!(!t.contains("negative feedback (2★)"));
}

#[test]
fn metrics_without_data_say_what_would_measure_them() {
    let messages = example().join("messages.csv");
    let r = audit(&["--as-of", "2026-11-20", "-q", messages.to_str().unwrap()]);
    for text in [
        flat(&render(&report::table::TableFormat, &r, false)),
        flat(&render(&report::markdown::Markdown, &r, false)),
    ] {
        assert!(text.contains("6 could not be measured"), "{text}");
        assert!(text.contains("Valid tracking rate: no package confirmed in the window"));
        assert!(text.contains("Response time under 24 hours: BAD"));
    }
}

#[test]
fn act_now_lists_orders_by_deadline() {
    let r = audit_dir(&example());
    let t = render(&report::table::TableFormat, &r, false);
    let due: Vec<&str> = t
        .lines()
        .filter_map(|l| l.split("confirm shipment by ").nth(1))
        .map(|rest| &rest[..16])
        .collect();
    assert!(due.len() >= 2, "{t}");
    let mut sorted = due.clone();
    sorted.sort_unstable();
    assert_eq!(due, sorted);
    let late = t.find("Orders already late").unwrap();
    let due_at = t.find("Orders due to ship").unwrap();
    assert!(late < due_at);
    assert!(t.contains("already late (ship-by was 2026-11-19 23:59)"));
}

#[test]
fn details_list_the_ids_behind_each_count_with_reasons() {
    let r = audit_dir(&example());
    for text in [
        render(&report::table::TableFormat, &r, true),
        render(&report::markdown::Markdown, &r, true),
    ] {
        for m in &r.metrics {
            for id in &m.items {
                assert!(text.contains(id.as_str()), "{id} missing");
            }
        }
        assert!(text.contains("negative feedback (2★)"));
        assert!(text.contains("due 2026-11-19 23:59"));
    }
}

#[test]
fn table_fits_a_narrow_terminal() {
    let r = audit_dir(&example());
    let t = report::table::TableFormat.render(
        &r,
        &RenderOptions {
            details: true,
            color: false,
            width: Some(80),
            ..Default::default()
        },
    );
    for line in t.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
}

#[test]
fn markdown_is_a_document_with_a_pipe_table() {
    let r = audit_dir(&example());
    let md = render(&report::markdown::Markdown, &r, false);
    assert!(md.starts_with("# Account health: BAD\n"));
    assert!(md.contains("\n## Act now\n"));
    assert!(md.contains("\n## Metrics\n"));
    assert!(md.contains("\n## What to fix\n"));
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    // Header plus one row per metric and window, all with the same number of cells.
    assert_eq!(rows.len(), 1 + r.metrics.len());
    for row in &rows {
        assert_eq!(row.matches(" | ").count(), 6, "{row}");
    }
    assert!(md.contains("\n1. Claims and chargebacks"));
}

#[test]
fn markdown_escapes_input_text() {
    let dir = tempfile::tempdir().unwrap();
    let orders = hostile_orders(dir.path(), &["111|2*x", "`tick`"]);
    let r = audit(&[
        "--as-of",
        "2026-11-20",
        "-q",
        "--orders",
        orders.to_str().unwrap(),
    ]);
    let md = render(&report::markdown::Markdown, &r, true);
    assert!(md.contains("`111|2*x`"), "{md}");
    assert!(md.contains("`` `tick` ``"), "{md}");
}

// ---------------------------------------------------------------- csv

#[test]
fn csv_has_a_header_and_one_row_per_metric_and_window() {
    let r = audit_dir(&example());
    let text = render(&report::csv::Csv, &r, false);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[..5],
        [
            "metric",
            "channel",
            "window_from",
            "window_to",
            "window_days"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), r.metrics.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // Columns follow the order of the JSON fields of a metric.
    let json = serde_json::to_string(&r.metrics[0]).unwrap();
    let keys = top_level_keys(&json);
    assert_eq!(keys[..3], ["metric", "channel", "window"]);
    // (A JSON field with no scalar form, such as a nested list, has no column.)
    let first_col = |k: &str| {
        header
            .iter()
            .position(|h| h == k || h.starts_with(&format!("{k}_")))
    };
    let positions: Vec<usize> = keys.iter().filter_map(|k| first_col(k)).collect();
    assert!(positions.len() >= 10, "{keys:?}");
    for k in [
        "metric", "window", "defects", "total", "rate", "target", "status", "items", "tips",
    ] {
        assert!(first_col(k).is_some(), "no column for {k}");
    }
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(positions, sorted, "{keys:?}");
    for (row, m) in rows.iter().zip(&r.metrics) {
        assert_eq!(&row[col("defects")], m.defects.to_string());
        assert_eq!(&row[col("total")], m.total.to_string());
        assert_eq!(&row[col("status")], report::contract::status_key(m.status));
        assert_eq!(&row[col("items")], m.items.join(" "));
        match m.rate {
            Some(rate) => assert_eq!(row[col("rate")].parse::<f64>().unwrap(), rate),
            None => assert_eq!(&row[col("rate")], ""),
        }
    }
}

/// The keys of a JSON object, in the order written.
fn top_level_keys(json: &str) -> Vec<String> {
    let (mut depth, mut keys) = (0, Vec::new());
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => s.push(c),
                    }
                }
                if depth == 1 && chars.peek() == Some(&':') {
                    keys.push(s);
                }
            }
            _ => {}
        }
    }
    keys
}

/// An orders file whose seller-cancelled orders carry the given ids, so they
/// are defects of the cancel rate.
fn hostile_orders(dir: &Path, ids: &[&str]) -> PathBuf {
    let mut s = String::from(
        "amazon-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t\
         is-buyer-requested-cancellation\n",
    );
    for id in ids {
        s.push_str(&format!(
            "{id}\t2026-11-18T10:00:00+00:00\t2026-11-18T11:00:00+00:00\tCancelled\tMerchant\tfalse\n"
        ));
    }
    s.push_str(
        "111-0000000-0000001\t2026-11-18T10:00:00+00:00\t2026-11-18T11:00:00+00:00\tShipped\tMerchant\tfalse\n",
    );
    let path = dir.join("orders.txt");
    std::fs::write(&path, s).unwrap();
    path
}

#[test]
fn csv_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"];
    // One id per file: each is then the only item of its cell.
    for id in hostile {
        let orders = hostile_orders(dir.path(), &[id]);
        let out = bin()
            .args(["audit", "--as-of", "2026-11-20", "-q", "--format", "csv"])
            .arg(&orders)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut seen = false;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "cell {cell:?} could run as a formula"
                );
                if cell.trim_start_matches('\'') == id {
                    assert_eq!(cell, format!("'{id}"));
                    seen = true;
                }
            }
        }
        assert!(seen, "{id} not in the csv:\n{text}");
    }
    // All at once: the joined cell is defused too.
    let orders = hostile_orders(dir.path(), &hostile);
    let r = audit(&[
        "--as-of",
        "2026-11-20",
        "-q",
        "--orders",
        orders.to_str().unwrap(),
    ]);
    let text = render(&report::csv::Csv, &r, false);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }
}

// ---------------------------------------------------------------- colour

fn table_stdout(args: &[&str], no_color: Option<&str>) -> String {
    let mut c = bin();
    c.args(["audit", "--as-of", "2026-11-20", "-q"]).args(args);
    c.arg(example());
    if let Some(v) = no_color {
        c.env("NO_COLOR", v);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn colour_follows_the_color_option() {
    let always = table_stdout(&["--color", "always"], None);
    assert!(
        always.contains("\u{1b}["),
        "--color always has ANSI escapes"
    );
    assert!(
        table_stdout(&["--color", "always"], Some("1")).contains("\u{1b}["),
        "always means always"
    );
    for (args, no_color) in [
        (&["--color", "never"][..], None),
        (&["--color", "auto"][..], None),
        (&[][..], None),
        (&["--color", "auto"][..], Some("1")),
    ] {
        let out = table_stdout(args, no_color);
        assert!(!out.contains('\u{1b}'), "{args:?} {no_color:?}");
    }
    // Colour never reaches the machine formats, markdown or html.
    for format in ["json", "csv", "markdown", "html"] {
        let out = table_stdout(&["--color", "always", "--format", format], None);
        assert!(!out.contains('\u{1b}'), "{format}");
    }
}

#[test]
fn warnings_go_to_stderr_not_stdout() {
    let out = bin()
        .args(["audit", "--as-of", "2026-11-20"])
        .arg(example())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("warning:"), "{stderr}");
    assert!(!stdout.contains("warning:"));
}

// ---------------------------------------------------------------- -o FILE

#[test]
fn output_file_is_written_whole_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["table", "markdown", "csv", "json", "html"] {
        let target = dir.path().join(format!("report.{format}"));
        let out = bin()
            .args(["audit", "--as-of", "2026-11-20", "-q", "--format", format])
            .arg(example())
            .arg("-o")
            .arg(&target)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(out.stdout.is_empty(), "-o prints nothing on stdout");
        let written = std::fs::read_to_string(&target).unwrap();
        let direct = table_stdout(&["--format", format, "--color", "never"], None);
        if format == "json" {
            assert_eq!(
                serde_json::from_str::<Value>(&written).unwrap(),
                serde_json::from_str::<Value>(&direct).unwrap()
            );
        } else {
            assert_eq!(written, direct, "{format}");
        }
        assert!(!written.contains('\u{1b}'), "auto colour is off for a file");
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "report.csv",
            "report.html",
            "report.json",
            "report.markdown",
            "report.table"
        ],
        "no temporary file left behind"
    );
}

// ---------------------------------------------------------------- explain, schema, man

#[test]
fn explain_lists_every_metric_and_explains_one() {
    let out = bin().arg("explain").output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    for id in [
        "order_defect_rate",
        "late_shipment_rate",
        "pre_fulfillment_cancel_rate",
        "valid_tracking_rate",
        "on_time_delivery_rate",
        "expired_orders",
        "response_time",
    ] {
        assert!(list.contains(id), "{id}");
    }
    let out = bin().args(["explain", "odr"]).output().unwrap();
    assert!(out.status.success());
    let odr = String::from_utf8(out.stdout).unwrap();
    assert!(odr.starts_with("Order defect rate"));
    assert!(odr.contains("target below 1%"), "{odr}");
    assert!(odr.contains("What helps:"));
    let out = bin().args(["explain", "nonsense"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
}

fn schema() -> Value {
    let out = bin().arg("schema").output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn schema_names_every_field_of_the_report() {
    let s = schema();
    assert_eq!(s["type"], "object");
    let props = s["properties"].as_object().unwrap();
    let report = serde_json::to_value(audit_dir(&example())).unwrap();
    for key in report.as_object().unwrap().keys() {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    for key in [
        "schema_version",
        "generator",
        "as_of",
        "timezone",
        "marketplace",
        "status",
        "inputs",
        "metrics",
        "warnings",
    ] {
        assert!(props.contains_key(key), "{key}");
    }
}

/// A small JSON Schema checker: `$ref`, `type`, `enum`, `const`, `required`,
/// `properties`, `items`, `anyOf`, `oneOf`, `minimum` — what schemars emits.
fn check(schema: &Value, root: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return check(&root["$defs"][name], root, v, at, errors);
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_u64() || v.is_i64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        });
        if !ok {
            errors.push(format!("{at}: {v} is not {types:?}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{at}: {v} not in {e:?}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errors.push(format!("{at}: {v} is not {c}"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if n < min {
            errors.push(format!("{at}: {n} < {min}"));
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = schema.get(key).and_then(Value::as_array) {
            let matching = alts
                .iter()
                .filter(|alt| {
                    let mut e = Vec::new();
                    check(alt, root, v, at, &mut e);
                    e.is_empty()
                })
                .count();
            if matching == 0 || (key == "oneOf" && matching > 1) {
                errors.push(format!("{at}: {v} matches {matching} of {key}"));
            }
        }
    }
    if let Some(obj) = v.as_object() {
        if let Some(req) = schema.get("required").and_then(Value::as_array) {
            for k in req.iter().filter_map(Value::as_str) {
                if !obj.contains_key(k) {
                    errors.push(format!("{at}: missing {k}"));
                }
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, val) in obj {
                match props.get(k) {
                    Some(p) => check(p, root, val, &format!("{at}.{k}"), errors),
                    None => errors.push(format!("{at}: {k} is not in the schema")),
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            check(items, root, x, &format!("{at}[{i}]"), errors);
        }
    }
}

#[test]
fn json_report_conforms_to_the_schema() {
    let s = schema();
    for dir in [example(), demo()] {
        let out = bin()
            .args(["audit", "--as-of", "2026-11-20", "-q", "--json"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut errors = Vec::new();
        check(&s, &s, &v, "$", &mut errors);
        assert!(errors.is_empty(), "{}: {errors:#?}", dir.display());

        // And the fields a consumer relies on, by hand.
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["as_of"], "2026-11-20");
        assert!(["good", "warning", "bad", "no_data"].contains(&v["status"].as_str().unwrap()));
        let metrics = v["metrics"].as_array().unwrap();
        assert_eq!(metrics.len(), 11);
        for m in metrics {
            assert!(m["window"]["days"].is_u64());
            assert!(m["defects"].as_u64().unwrap() <= m["total"].as_u64().unwrap());
            assert!(m["rate"].is_null() || m["rate"].is_f64());
            assert_eq!(
                m["items"].as_array().unwrap().len() as u64,
                m["defects"].as_u64().unwrap()
            );
        }
    }
}

#[test]
fn man_page_renders() {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(cli::Cli::command())
        .render(&mut out)
        .unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains(".TH sellerhealth"), "{page}");
    assert!(page.contains("audit"));
}

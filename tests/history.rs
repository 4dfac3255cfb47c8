//! The history (SPEC §10.3): snapshots in SQLite, `since`, `sellerhealth
//! history`, concurrent writers, migrations, and files that are not ours.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

fn demo() -> PathBuf {
    fixtures().join("demo")
}

/// `audit --history DB --as-of DAY [extra…] PATH`.
fn record(db: &Path, as_of: &str, extra: &[&str], input: &Path) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        "audit".into(),
        "-q".into(),
        "--history".into(),
        db.into(),
        "--as-of".into(),
        as_of.into(),
    ];
    args.extend(extra.iter().map(Into::into));
    args.push(input.into());
    run(args)
}

fn record_json(db: &Path, as_of: &str) -> Value {
    let r = record(db, as_of, &["--format", "json"], &demo());
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

/// `sellerhealth history --history DB --format json [extra…]`.
fn listing(db: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args: Vec<std::ffi::OsString> = vec![
        "history".into(),
        "--history".into(),
        db.into(),
        "--format".into(),
        "json".into(),
    ];
    args.extend(extra.iter().map(Into::into));
    let r = run(args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json().as_array().unwrap().clone()
}

fn days(snapshots: &[Value]) -> Vec<&str> {
    snapshots
        .iter()
        .map(|s| s["as_of"].as_str().unwrap())
        .collect()
}

#[test]
fn recording_the_same_day_again_replaces_its_snapshot_only() {
    let dir = tempfile::tempdir().unwrap();
    // The folder of FILE is created when missing.
    let db = dir.path().join("new/folder/history.sqlite");
    record_json(&db, "2026-11-13");
    record_json(&db, "2026-11-20");
    let first = listing(&db, &[]);
    assert_eq!(days(&first), ["2026-11-13", "2026-11-20"]);
    assert_eq!(first[1]["inputs"].as_array().unwrap().len(), 8);

    // The same account, marketplace and day, from one file this time.
    let r = record(
        &db,
        "2026-11-20",
        &["--format", "json"],
        &demo().join("all-orders.txt"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let again = listing(&db, &[]);
    assert_eq!(days(&again), ["2026-11-13", "2026-11-20"]);
    let inputs = again[1]["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 1, "{inputs:?}");
    assert_eq!(inputs[0]["kind"], "orders");
    assert_ne!(again[1]["recorded_at"], first[1]["recorded_at"]);
    // The other day is kept as it was.
    assert_eq!(again[0], first[0]);
}

#[test]
fn since_lists_exactly_the_rows_whose_status_or_defects_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite");
    // Without --history there is no `since` at all.
    let plain = audit_json("2026-11-20", &[&demo()]).json();
    assert!(plain.get("since").is_none());
    // The first snapshot has nothing earlier to compare with.
    assert_eq!(record_json(&db, "2026-11-13")["since"], Value::Null);

    let report = record_json(&db, "2026-11-20");
    let since = &report["since"];
    assert_eq!(since["as_of"], "2026-11-13");
    let changed: Vec<(&str, u64)> = since["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["metric"].as_str().unwrap(),
                c["window_days"].as_u64().unwrap(),
            )
        })
        .collect();
    // Unchanged: the order defect rate (5 defects, bad; 0, good). As of
    // 2026-11-13 the cancellation of 111-5849498-7643600 and the late reply
    // M0018 had not happened yet (SPEC §10.1): the cancel rate and the 90-day
    // response time change too.
    assert_eq!(
        changed,
        [
            ("late_shipment_rate", 10),
            ("late_shipment_rate", 30),
            ("pre_fulfillment_cancel_rate", 7),
            ("valid_tracking_rate", 30),
            ("on_time_delivery_rate", 14),
            ("expired_orders", 30),
            ("response_time", 7),
            ("response_time", 30),
            ("response_time", 90),
        ]
    );
    let otdr = &since["changes"][4];
    assert_eq!(otdr["channel"], "mfn");
    assert_eq!(
        otdr["before"],
        serde_json::json!({"defects": 1, "total": 7, "rate": 6.0 / 7.0, "status": "bad"})
    );
    assert_eq!(
        otdr["after"],
        serde_json::json!({"defects": 2, "total": 20, "rate": 0.9, "status": "warning"})
    );

    // People see the same changes, one line each.
    let table = record(&db, "2026-11-20", &[], &demo());
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table.stdout.contains("\nSINCE 2026-11-13\n"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("  - On-time delivery rate, 14 days: 85.71% → 90.00%, now warning\n"),
        "{}",
        table.stdout
    );
    assert!(table
        .stdout
        .contains("  - Late shipment rate, 30 days: 13.33% → 17.14%, still BAD\n"));
    assert!(!table.stdout.contains("Order defect rate, 60 days:"));
    let md = record(&db, "2026-11-20", &["--format", "markdown"], &demo());
    assert!(
        md.stdout.contains("\n## Since 2026-11-13\n\n- "),
        "{}",
        md.stdout
    );
    assert!(md
        .stdout
        .contains("- Response time (24 h), 7 days: 50.00% → 90.00%, now warning\n"));

    // Only earlier days count: 2026-11-13 recorded again has none.
    assert_eq!(record_json(&db, "2026-11-13")["since"], Value::Null);
}

#[test]
fn the_environment_variable_names_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite");
    let out = bin()
        .env("SELLERHEALTH_HISTORY", &db)
        .args(["audit", "-q", "--as-of", "2026-11-20", "--json"])
        .arg(demo())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["since"], Value::Null);
    let out = bin()
        .env("SELLERHEALTH_HISTORY", &db)
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn four_runs_recording_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared/history.sqlite");
    let exe = assert_cmd::cargo::cargo_bin("sellerhealth");
    let days = ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];
    // All four start before any ends, on a database none has created yet.
    let children: Vec<_> = days
        .iter()
        .map(|day| {
            std::process::Command::new(&exe)
                .env_remove("SELLERHEALTH_HISTORY")
                .args(["audit", "-q", "--json", "--as-of", day, "--history"])
                .arg(&db)
                .arg(demo())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = listing(&db, &[]);
    assert_eq!(self::days(&list), days);
    for s in &list {
        assert_eq!(s["metrics"].as_array().unwrap().len(), 11);
    }
}

/// A file that is not a usable history: the report is printed, then one
/// error naming the file (exit 3), and the file is byte for byte as it was.
fn refused(db: &Path, what: &str) {
    let before = std::fs::read(db).unwrap();
    let siblings = |p: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let files = siblings(db);
    for extra in [&[][..], &["--check"][..]] {
        let r = record(db, "2026-11-20", extra, &demo());
        assert_eq!(r.code, 3, "{what}: {}", r.stderr);
        assert!(
            r.stdout.starts_with("Account health: BAD"),
            "{what}: {}",
            r.stdout
        );
        assert!(!r.stdout.contains("SINCE"), "{what}");
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{what}: {}", r.stderr);
        assert!(
            lines[0].contains(&db.display().to_string()),
            "{what}: {}",
            r.stderr
        );
        assert!(lines[0].contains(what), "{what}: {}", r.stderr);
    }
    let r = record(db, "2026-11-20", &["--json"], &demo());
    assert_eq!(r.code, 3);
    assert!(r.json().get("since").is_none(), "{what}");
    assert_eq!(std::fs::read(db).unwrap(), before, "{what}: file changed");
    assert_eq!(siblings(db), files, "{what}: files left beside it");
    let r = run(["history".as_ref(), "--history".as_ref(), db.as_os_str()]);
    assert_eq!(r.code, 3, "{what}: {}", r.stdout);
    assert_eq!(std::fs::read(db).unwrap(), before, "{what}: file changed");
}

#[test]
fn a_foreign_damaged_or_newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();

    let foreign = dir.path().join("notes.sqlite");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me');")
        .unwrap();
    drop(conn);
    refused(
        &foreign,
        "not a sellerhealth history (it holds other tables: notes)",
    );

    let text = dir.path().join("text.sqlite");
    std::fs::write(&text, "order-id\tpurchase-date\n".repeat(200)).unwrap();
    refused(&text, "not an SQLite database");

    // A real history cut short after its first page.
    let damaged = dir.path().join("damaged.sqlite");
    let whole = dir.path().join("whole.sqlite");
    record_json(&whole, "2026-11-13");
    let bytes = std::fs::read(&whole).unwrap();
    let mut cut = bytes[..4096.min(bytes.len())].to_vec();
    cut.extend(std::iter::repeat_n(0xA5u8, 4096));
    std::fs::write(&damaged, cut).unwrap();
    refused(&damaged, "the history is damaged");

    // A history a newer sellerhealth wrote.
    let newer = dir.path().join("newer/history.sqlite");
    record_json(&newer, "2026-11-13");
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    refused(
        &newer,
        "schema version 99, newer than this sellerhealth knows (1)",
    );
}

/// Version 1 written out by hand, as a sellerhealth of that version would have.
const VERSION_1: &str = "
    CREATE TABLE snapshot (id INTEGER PRIMARY KEY, account TEXT, marketplace TEXT NOT NULL,
        as_of TEXT NOT NULL, recorded_at TEXT NOT NULL, generator TEXT NOT NULL,
        status TEXT NOT NULL);
    CREATE UNIQUE INDEX snapshot_key ON snapshot (ifnull(account, ''), marketplace, as_of);
    CREATE TABLE snapshot_input (snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
        ON DELETE CASCADE, position INTEGER NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL,
        rows INTEGER NOT NULL, last_day TEXT, PRIMARY KEY (snapshot_id, position));
    CREATE TABLE snapshot_metric (snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
        ON DELETE CASCADE, position INTEGER NOT NULL, metric TEXT NOT NULL,
        channel TEXT NOT NULL, window_from TEXT NOT NULL, window_to TEXT NOT NULL,
        window_days INTEGER NOT NULL, defects INTEGER NOT NULL, total INTEGER NOT NULL,
        rate REAL, status TEXT NOT NULL, PRIMARY KEY (snapshot_id, position));
    INSERT INTO snapshot VALUES (1, NULL, 'US', '2026-11-13', '2026-11-14T07:00:00.000Z',
        'sellerhealth 0.0.9', 'bad');
    INSERT INTO snapshot_input VALUES (1, 0, 'reports/orders.txt', 'orders', 120, NULL);
    INSERT INTO snapshot_metric VALUES (1, 0, 'late_shipment_rate', 'mfn', '2026-10-15',
        '2026-11-13', 30, 4, 30, 0.13333333333333333, 'bad');
    PRAGMA application_id = 1397254515;
    PRAGMA user_version = 1;
";

#[test]
fn older_databases_are_brought_up_to_date_and_keep_their_rows() {
    let dir = tempfile::tempdir().unwrap();

    // Version 0: an empty file, or an SQLite database with nothing in it.
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, "").unwrap();
    let blank = dir.path().join("blank.sqlite");
    rusqlite::Connection::open(&blank)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    for db in [&empty, &blank] {
        record_json(db, "2026-11-20");
        let conn = rusqlite::Connection::open(db).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!((version, mode.as_str()), (1, "wal"));
        assert_eq!(listing(db, &[]).len(), 1);
    }

    // Version 1 as written by an earlier sellerhealth, with its rows.
    let v1 = dir.path().join("v1.sqlite");
    rusqlite::Connection::open(&v1)
        .unwrap()
        .execute_batch(VERSION_1)
        .unwrap();
    let report = record_json(&v1, "2026-11-20");
    assert_eq!(report["since"]["as_of"], "2026-11-13");
    let changes = report["since"]["changes"].as_array().unwrap();
    let lsr = changes
        .iter()
        .find(|c| c["metric"] == "late_shipment_rate" && c["window_days"] == 30)
        .unwrap();
    assert_eq!(lsr["before"]["defects"], 4);
    assert_eq!(lsr["after"]["defects"], 6);
    // A row the earlier snapshot lacks is a change with nothing before it.
    let odr = changes
        .iter()
        .find(|c| c["metric"] == "order_defect_rate")
        .unwrap();
    assert_eq!(odr["before"], Value::Null);
    let list = listing(&v1, &[]);
    assert_eq!(days(&list), ["2026-11-13", "2026-11-20"]);
    assert_eq!(
        list[0],
        serde_json::json!({
            "account": null, "marketplace": "US", "as_of": "2026-11-13",
            "recorded_at": "2026-11-14T07:00:00.000Z", "generator": "sellerhealth 0.0.9",
            "status": "bad",
            "inputs": [{"path": "reports/orders.txt", "kind": "orders", "rows": 120, "last_day": null}],
            "metrics": [{"metric": "late_shipment_rate", "channel": "mfn",
                "window": {"from": "2026-10-15", "to": "2026-11-13", "days": 30},
                "defects": 4, "total": 30, "rate": 0.13333333333333333, "status": "bad"}]
        })
    );
}

#[test]
fn history_lists_snapshots_as_a_table_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite");
    // Recorded out of order: listed by as-of day.
    record_json(&db, "2026-11-20");
    record_json(&db, "2026-11-13");

    let list = listing(&db, &[]);
    assert_eq!(days(&list), ["2026-11-13", "2026-11-20"]);
    let mut keys: Vec<&str> = list[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "account",
            "as_of",
            "generator",
            "inputs",
            "marketplace",
            "metrics",
            "recorded_at",
            "status"
        ]
    );
    let m = &list[1]["metrics"][3];
    assert_eq!(
        m,
        &serde_json::json!({"metric": "late_shipment_rate", "channel": "mfn",
            "window": {"from": "2026-10-22", "to": "2026-11-20", "days": 30},
            "defects": 6, "total": 35, "rate": 6.0 / 35.0, "status": "bad"})
    );
    assert_eq!(list[1]["inputs"][0]["last_day"], Value::Null);
    assert_eq!(
        list[1]["generator"],
        format!("sellerhealth {}", env!("CARGO_PKG_VERSION"))
    );

    // Filters.
    let lsr = listing(&db, &["--metric", "lsr"]);
    assert_eq!(lsr.len(), 2);
    assert_eq!(lsr[0]["metrics"].as_array().unwrap().len(), 2);
    assert!(listing(&db, &["--marketplace", "de"]).is_empty());
    assert_eq!(listing(&db, &["--marketplace", "us"]).len(), 2);
    assert!(listing(&db, &["--account", "shop-a"]).is_empty());

    // Table: as-of day, recorded at, overall status, each metric's rate.
    let r = run(["history".as_ref(), "--history".as_ref(), db.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    for h in [
        "As of",
        "Recorded at",
        "Status",
        "odr 60d",
        "odr afn 60d",
        "lsr 30d",
        "rt 90d",
    ] {
        assert!(lines[1].contains(h), "{h}: {}", r.stdout);
    }
    let row_13 = lines.iter().position(|l| l.contains("2026-11-13")).unwrap();
    let row_20 = lines.iter().position(|l| l.contains("2026-11-20")).unwrap();
    assert!(row_13 < row_20);
    assert!(lines[row_20].contains(" BAD "));
    assert!(lines[row_20].contains("17.14%"));
    assert!(lines[row_13].contains("13.33%"));
    assert!(lines[row_13].contains(" UTC "));

    // CSV: one row per snapshot and metric row.
    let r = run([
        "history".as_ref(),
        "--history".as_ref(),
        db.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(r.code, 0);
    let rows: Vec<&str> = r.stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows[0],
        "account,marketplace,as_of,recorded_at,generator,status,metric,channel,\
         window_from,window_to,window_days,defects,total,rate,metric_status"
    );
    assert_eq!(rows.len(), 1 + 2 * 11);
    assert!(rows[1].starts_with(",US,2026-11-13,"));
    assert!(rows.iter().any(|r| r.ends_with(
        ",late_shipment_rate,mfn,2026-10-22,2026-11-20,30,6,35,0.17142857142857143,bad"
    )));

    // Its JSON Schema names the fields.
    let r = run(["schema", "history"]);
    assert_eq!(r.code, 0);
    let schema = r.json();
    assert_eq!(schema["type"], "array");
    let text = r.stdout;
    for field in ["recorded_at", "generator", "last_day", "window", "metrics"] {
        assert!(text.contains(&format!("\"{field}\"")), "{field}");
    }
}

#[test]
fn an_empty_history_lists_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite");
    std::fs::write(&db, "").unwrap();
    assert!(listing(&db, &[]).is_empty());
    let r = run(["history".as_ref(), "--history".as_ref(), db.as_os_str()]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "No snapshot in the history matches.\n")
    );
    // Listing sets nothing up.
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
}

#[test]
fn a_history_that_is_a_folder_or_cannot_be_opened_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // A folder.
    let r = record(dir.path(), "2026-11-20", &[], &demo());
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stdout.starts_with("Account health:"));
    assert!(
        r.stderr.contains("the history is a folder, not a file"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let r = run([
        "history".as_ref(),
        "--history".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("is a folder"), "{}", r.stderr);

    // Its folder cannot be made: a file stands in the way.
    let file = dir.path().join("plain.txt");
    std::fs::write(&file, "x").unwrap();
    let r = record(&file.join("history.sqlite"), "2026-11-20", &[], &demo());
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("cannot open the history"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1);

    // Listing never creates a history.
    let missing = dir.path().join("missing.sqlite");
    let r = run([
        "history".as_ref(),
        "--history".as_ref(),
        missing.as_os_str(),
    ]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
    assert!(!missing.exists());
    // Nor can it guess one.
    let r = run(["history"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("--history FILE"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn an_unreadable_history_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite");
    record_json(&db, "2026-11-13");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&db).is_ok() {
        // Root reads it anyway: nothing to test here.
        return;
    }
    let r = record(&db, "2026-11-20", &[], &demo());
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stdout.starts_with("Account health:"));
    assert!(r.stderr.contains("cannot open the history"), "{}", r.stderr);
}

//! The reader (issue 12, and the reader items of issue 14): exact on every
//! input and every read path, each byte read once, FIFOs and devices read
//! once, memory bounded, no input that hangs it or reads silently wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const AS_OF: &str = "2026-11-20";

fn audit(paths: &[&Path], extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        "audit".into(),
        "--json".into(),
        "--as-of".into(),
        AS_OF.into(),
    ];
    args.extend(extra.iter().map(Into::into));
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    run(args)
}

fn warnings(report: &Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

fn counts(report: &Value, name: &str, days: u64, channel: Option<&str>) -> (u64, u64) {
    let m = metric(report, name, days, channel);
    (m["defects"].as_u64().unwrap(), m["total"].as_u64().unwrap())
}

/// Writes `files` (name, bytes) into a new temporary directory.
fn files(list: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in list {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// What a run printed, for comparing read paths.
fn outcome(r: &Run) -> String {
    format!("exit {}\n{}\n{}", r.code, r.stdout, r.stderr)
}

/// The same report on one core and split across 2, 3 and 7 threads (every
/// file however small: `--parallel-min-bytes 0`).
fn assert_same_on_every_thread_count(paths: &[&Path], extra: &[&str]) -> Run {
    let one = audit(paths, &[&["--threads", "1"][..], extra].concat());
    for threads in ["2", "3", "7"] {
        let many = audit(
            paths,
            &[
                &["--threads", threads, "--parallel-min-bytes", "0"][..],
                extra,
            ]
            .concat(),
        );
        assert_eq!(
            outcome(&many),
            outcome(&one),
            "{threads} threads on {paths:?}"
        );
    }
    one
}

/// Runs the binary with a deadline: `None` when it had to be killed.
fn run_with_deadline<S: AsRef<std::ffi::OsStr>>(args: &[S], deadline: Duration) -> Option<Run> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sellerhealth"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drained as the child writes, so a long report cannot block it.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(Run {
                code: status.code().unwrap_or(-1),
                stdout: stdout.join().unwrap(),
                stderr: stderr.join().unwrap(),
            });
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

const ORDERS_HEADER: &str =
    "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\n";

// ---------------------------------------------------------------------------
// Exact: one identity per order on every path.
// ---------------------------------------------------------------------------

/// An id ending in a vertical tab (U+000B, white space to `str::trim`) is the
/// same order as the id without it, on one core and on several: a 100-order
/// file counts 100 orders, not 150.
#[test]
fn an_id_ending_in_a_vertical_tab_is_one_order_on_every_path() {
    let mut text = ORDERS_HEADER.to_string();
    for i in 0..100 {
        let id = format!("111-0000000-{i:07}");
        writeln!(text, "{id}\t2026-11-18T10:00:00Z\tUnshipped\tMerchant\t").unwrap();
        writeln!(
            text,
            "{id}\u{b}\t2026-11-18T10:00:00Z\tUnshipped\tMerchant\t"
        )
        .unwrap();
    }
    let dir = files(&[("orders.txt", text.as_bytes())]);
    let path = dir.path().join("orders.txt");
    let r = assert_same_on_every_thread_count(&[&path], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        counts(&r.json(), "pre_fulfillment_cancel_rate", 7, None),
        (0, 100)
    );
}

/// Ids holding invalid UTF-8 (after the first MiB, so replaced by U+FFFD)
/// are merged in file order on every path: the first non-empty ship-by wins.
#[test]
fn invalid_utf8_ids_merge_in_file_order_on_every_path() {
    // The first MiB is valid UTF-8 (a line before the header, then blank
    // lines), so the file is UTF-8 and the invalid bytes after it are replaced.
    let mut bytes = format!("{}\n{ORDERS_HEADER}", "x".repeat((1 << 20) - 200)).into_bytes();
    bytes.resize((1 << 20) + 10, b'\n');
    for i in 0..200u32 {
        // `O<i>\xFF` and `O<i>\u{FFFD}` are one id once replaced; the first row
        // of each order says it was due on the 16th, the second on the 19th.
        let a = format!("O{i}\u{fffd}\t2026-11-15T10:00:00Z\tUnshipped\tMerchant\t2026-11-19\n");
        let mut b = format!("O{i}").into_bytes();
        b.extend_from_slice(b"\xFF\t2026-11-15T10:00:00Z\tUnshipped\tMerchant\t2026-11-16\n");
        if i % 2 == 0 {
            bytes.extend_from_slice(&b);
            bytes.extend_from_slice(a.as_bytes());
        } else {
            bytes.extend_from_slice(a.as_bytes());
            bytes.extend_from_slice(&b);
        }
    }
    let dir = files(&[("orders.txt", &bytes)]);
    let path = dir.path().join("orders.txt");
    let r = assert_same_on_every_thread_count(&[&path], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Half of the orders were due on the 16th (late when E is past it), half on the 19th.
    let report = r.json();
    assert_eq!(counts(&report, "late_shipment_rate", 10, None), (200, 200));
    let open = report["open_orders"].as_array().unwrap();
    let due_16 = open
        .iter()
        .filter(|o| o["ship_by"].as_str().unwrap().starts_with("2026-11-16"))
        .count();
    assert_eq!((open.len(), due_16), (200, 100));
}

// ---------------------------------------------------------------------------
// FIFOs, devices and standard input: read once, never reopened.
// ---------------------------------------------------------------------------

/// A named FIFO is read once, on any number of threads (it used to be
/// reopened by the parallel reader, which then waited for a writer forever).
#[test]
fn a_named_fifo_is_read_once_and_never_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("orders.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    let mut text = ORDERS_HEADER.to_string();
    for i in 0..2000 {
        writeln!(
            text,
            "111-0000000-{i:07}\t2026-11-18T10:00:00Z\tShipped\tMerchant\t"
        )
        .unwrap();
    }
    for threads in ["1", "2"] {
        let writer = {
            let (fifo, text) = (fifo.clone(), text.clone());
            // Opening a FIFO for writing waits for the reader; a reader that
            // never comes leaves this thread blocked, which ends with the test.
            std::thread::spawn(move || {
                if let Ok(mut f) = fs::OpenOptions::new().write(true).open(&fifo) {
                    let _ = std::io::Write::write_all(&mut f, text.as_bytes());
                }
            })
        };
        let mut args: Vec<std::ffi::OsString> = [
            "audit",
            "--json",
            "--as-of",
            AS_OF,
            "--threads",
            threads,
            "--parallel-min-bytes",
            "0",
            "--orders",
        ]
        .iter()
        .map(Into::into)
        .collect();
        args.push(fifo.clone().into_os_string());
        let r = run_with_deadline(&args, Duration::from_secs(30))
            .unwrap_or_else(|| panic!("{threads} threads: still reading the FIFO after 30 s"));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(
            counts(&r.json(), "pre_fulfillment_cancel_rate", 7, None),
            (0, 2000)
        );
        writer.join().unwrap();
    }
}

/// `-` twice would read standard input twice (the second time empty).
#[test]
fn standard_input_named_twice_is_a_usage_error() {
    for args in [
        &["audit", "-", "-"][..],
        &["audit", "--orders", "-", "--feedback", "-"][..],
        &["audit", "-", "--orders", "-"][..],
    ] {
        let r = run_with_stdin(args, ORDERS_HEADER.as_bytes().to_vec());
        assert_eq!(r.code, 3, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(
            r.stderr.contains("standard input"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

// ---------------------------------------------------------------------------
// Line ends and lines that never end.
// ---------------------------------------------------------------------------

/// Old Mac exports end lines with CR alone: they read as lines, on every path.
#[test]
fn cr_only_line_endings_read_as_lines() {
    let mut text = ORDERS_HEADER.replace('\n', "\r");
    for i in 0..50 {
        write!(
            text,
            "111-0000000-{i:07}\t2026-11-18T10:00:00Z\t{}\tMerchant\t\r",
            if i % 5 == 0 { "Cancelled" } else { "Shipped" }
        )
        .unwrap();
    }
    let csv = text.replace('\t', ",");
    let dir = files(&[("mac.txt", text.as_bytes()), ("mac.csv", csv.as_bytes())]);
    for name in ["mac.txt", "mac.csv"] {
        let path = dir.path().join(name);
        let r = assert_same_on_every_thread_count(&[&path], &[]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let report = r.json();
        assert_eq!(
            inputs(&report),
            vec![(name.to_string(), "orders".to_string(), 50, 0)],
            "{name}"
        );
        assert_eq!(
            counts(&report, "pre_fulfillment_cancel_rate", 7, None),
            (10, 50)
        );
    }
}

/// A first line over 16 MiB, or no line break in the first 16 MiB, is not a
/// report: an input error, never a silently empty file.
#[test]
fn a_first_line_over_16_mib_is_an_input_error() {
    let long = "x".repeat((16 << 20) + 10);
    let with_break =
        format!("{long}\n{ORDERS_HEADER}111-0000000-0000001\t2026-11-18\tShipped\t\t\n");
    let dir = files(&[
        ("long-first-line.txt", with_break.as_bytes()),
        ("no-line-break.txt", long.as_bytes()),
    ]);
    for name in ["long-first-line.txt", "no-line-break.txt"] {
        let path = dir.path().join(name);
        for extra in [
            &[][..],
            &["--threads", "2", "--parallel-min-bytes", "0"][..],
        ] {
            let r = audit(&[&path], extra);
            assert_error(&r, name);
            assert!(
                r.stderr
                    .contains("not a report: line 1 is longer than 16 MiB"),
                "{name}: {}",
                r.stderr
            );
        }
        let r = audit(&[], &["--orders", path.to_str().unwrap()]);
        assert_error(&r, "line 1 is longer than 16 MiB");
    }
}

/// An endless input (`/dev/zero`, a character device) ends with that error, not a hang.
#[test]
fn dev_zero_ends_with_an_error() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    for forced in [None, Some("--orders")] {
        let mut args: Vec<&std::ffi::OsStr> = ["audit", "--json", "--as-of", AS_OF]
            .iter()
            .map(std::ffi::OsStr::new)
            .collect();
        args.extend(forced.map(std::ffi::OsStr::new));
        args.push(std::ffi::OsStr::new("/dev/zero"));
        let r = run_with_deadline(&args, Duration::from_secs(60))
            .unwrap_or_else(|| panic!("{forced:?}: /dev/zero still read after 60 s"));
        assert_error(&r, "/dev/zero: not a report: line 1 is longer than 16 MiB");
    }
}

/// An unterminated quote in a comma-delimited file larger than 16 MiB gives
/// the warning small files get: where the quote opened, and how many lines
/// were lost; with `--strict`, an error at that line.
#[test]
fn an_unterminated_quote_in_a_large_csv_is_named_with_the_lines_lost() {
    let header = "amazon-order-id,purchase-date,order-status,fulfillment-channel\n";
    let mut text = header.to_string();
    let row = |i: u32| format!("111-0000000-{i:07},2026-11-18T10:00:00Z,Shipped,Merchant\n");
    for i in 0..10 {
        text.push_str(&row(i));
    }
    // Line 12 opens a quote that never closes.
    text.push_str("111-0000000-9999999,2026-11-18T10:00:00Z,\"Shipped,Merchant\n");
    let mut lines = 12;
    let mut i = 10;
    while text.len() < (17 << 20) {
        text.push_str(&row(i));
        i += 1;
        lines += 1;
    }
    let lost = lines - 12 + 1;
    let small = format!("{header}{}\"open,x\n{}", row(1), row(2));
    let dir = files(&[
        ("big.csv", text.as_bytes()),
        ("small.csv", small.as_bytes()),
    ]);
    for (name, line, lost) in [("big.csv", 12, lost), ("small.csv", 3, 2)] {
        let path = dir.path().join(name);
        let r = assert_same_on_every_thread_count(&[&path], &[]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let want = format!(
            "{name}:{line}: a quote opened here never closes; the rest of the file ({lost} lines) is skipped"
        );
        let report = r.json();
        assert!(
            warnings(&report).iter().any(|w| w.ends_with(&want)),
            "{name}: {:?}",
            warnings(&report)
        );
        let r = audit(&[&path], &["--strict"]);
        assert_error(
            &r,
            &format!("{name}:{line}: a quote opened here never closes"),
        );
    }
}

// ---------------------------------------------------------------------------
// Bounded: time linear in the rows, memory in the items the windows need.
// ---------------------------------------------------------------------------

/// One order with 200,000 shipment rows (each its own package) takes about
/// as long as 200,000 orders of one row: it used to be quadratic (each row
/// searched the order's packages one by one: minutes).
#[test]
fn one_order_with_200000_shipment_rows_reads_in_linear_time() {
    let mut text = String::from("order-id\tship-date\tcarrier-code\ttracking-number\n");
    for i in 0..200_000u32 {
        writeln!(text, "111-0000000-0000001\t2026-11-18\tUPS\t1Z{i:016}").unwrap();
    }
    let dir = files(&[("ship.txt", text.as_bytes())]);
    let path = dir.path().join("ship.txt");
    let args: Vec<&std::ffi::OsStr> = [
        std::ffi::OsStr::new("audit"),
        "--json".as_ref(),
        "-q".as_ref(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
        path.as_os_str(),
    ]
    .to_vec();
    let r = run_with_deadline(&args, Duration::from_secs(60))
        .expect("200,000 shipment rows of one order still read after 60 s");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        counts(&r.json(), "valid_tracking_rate", 30, None).1,
        200_000
    );
}

/// Runs `sellerhealth ARGS` under a virtual memory limit of `mib` MiB (`sh`'s
/// `ulimit -v`); `None` where that cannot be done.
fn run_limited(mib: u64, args: &[&str]) -> Option<Run> {
    let sh = Path::new("/bin/sh");
    if !sh.exists() {
        return None;
    }
    let script = format!("ulimit -v {} && exec \"$0\" \"$@\"", mib * 1024);
    let out = Command::new(sh)
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_sellerhealth"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some(Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// The baseline: what a tiny audit on one thread needs, in MiB of address space.
const BASELINE_MIB: u64 = 48;

/// A header line of almost 16 MiB (millions of short columns) costs about
/// four times its size, not dozens (it used to abort under a limit).
#[test]
fn a_16_mib_header_costs_about_four_times_its_size() {
    let mut header = String::from("amazon-order-id\tpurchase-date\torder-status");
    while header.len() < (16 << 20) - 100 {
        header.push_str("\txyz");
    }
    let text = format!("{header}\n111-0000000-0000001\t2026-11-18T10:00:00Z\tCancelled\n");
    let dir = files(&[("wide.txt", text.as_bytes())]);
    let path = dir.path().join("wide.txt");
    let path = path.to_str().unwrap();
    let args = ["audit", "--json", "--as-of", AS_OF, "--threads", "1", path];
    let Some(r) = run_limited(BASELINE_MIB + 4 * 16, &args) else {
        return;
    };
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        counts(&r.json(), "pre_fulfillment_cancel_rate", 7, None),
        (1, 1)
    );
}

/// Messages older than every window are dropped while reading, id and all:
/// 400,000 messages of 2025 fit in the baseline and 16 MiB (they used to cost
/// about 57 MiB; 3 million, 428 MiB).
#[test]
fn old_messages_are_dropped_while_reading() {
    let mut text = String::from("message-id,order-id,received-at,responded-at\n");
    for i in 0..400_000u32 {
        let (month, day) = (1 + i % 9, 10 + i % 10);
        writeln!(
            text,
            "MSG-{i:09},111-{:07}-{i:07},2025-0{month}-{day}T10:00:00Z,2025-0{month}-{day}T12:00:00Z",
            i % 1000
        )
        .unwrap();
    }
    // One message inside the windows, answered late.
    text.push_str("NEW,,2026-11-18T10:00:00Z,2026-11-19T12:00:00Z\n");
    let dir = files(&[("messages.csv", text.as_bytes())]);
    let path = dir.path().join("messages.csv");
    let path = path.to_str().unwrap();
    let args = [
        "audit",
        "--json",
        "-q",
        "--as-of",
        AS_OF,
        "--threads",
        "1",
        path,
    ];
    let Some(r) = run_limited(BASELINE_MIB + 16, &args) else {
        return;
    };
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    assert_eq!(counts(&report, "response_time", 90, None), (1, 1));
    assert_eq!(inputs(&report)[0].2, 400_001);
}

/// The address space a tiny audit needs stays under [`BASELINE_MIB`] (so the
/// limit above measures the header, not the program).
#[test]
fn a_tiny_audit_fits_the_baseline() {
    let demo = fixtures().join("demo");
    let args = [
        "audit",
        "--json",
        "--as-of",
        AS_OF,
        "--threads",
        "1",
        demo.to_str().unwrap(),
    ];
    if let Some(r) = run_limited(BASELINE_MIB, &args) {
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
}

// ---------------------------------------------------------------------------
// Differential: one core and several read the same model from any file.
// ---------------------------------------------------------------------------

mod differential {
    use std::path::PathBuf;

    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};
    use sellerhealth::calendar::Calendar;
    use sellerhealth::ingest::header::Field;
    use sellerhealth::ingest::mapping::HeaderMapping;
    use sellerhealth::ingest::values::ValueParser;
    use sellerhealth::ingest::{read_input, InputSpec, Parallel, ReadOptions};
    use sellerhealth::marketplace::DateOrder;
    use sellerhealth::model::{Dimension, Model};

    const LA: chrono_tz::Tz = chrono_tz::America::Los_Angeles;
    /// 2026-10-01T00:00:00Z: orders placed before it and closed are kept by
    /// id only, messages received before it dropped.
    const CUTOFF: i64 = 1_790_812_800;

    const HEADERS: [&str; 9] = [
        "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\tis-buyer-requested-cancellation\tcancelled-by",
        // `Bought On` is read as purchase-date (`--map`); the dimension
        // columns are read for `--by`.
        "amazon-order-id\tBought On\torder-status\tsku\tship-state\tsales-channel\tasin",
        "order-id\tship-date\tcarrier-code\ttracking-number\tdelivered-at\tfulfillment-channel",
        "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email",
        "order-id\tclaim-type\tclaim-date\tclaim-status\treason",
        // Claims whose short rows are often open (no status): claims to answer.
        "order-id\tclaim-type\tclaim-status\tclaim-date\treason\tnote\tnote-2\tnote-3",
        "amazon-order-id,purchase-date,order-status,fulfillment-channel,latest-ship-date",
        "message-id\torder-id\treceived-at\tresponded-at",
        // Returns: an A-to-z claim dated by its return request.
        "order-id\treturn-request-date\ta-to-z-claim\treason",
    ];

    /// Order ids that are one order to the parser in several spellings.
    fn id() -> impl Strategy<Value = Vec<u8>> {
        let base = prop_oneof![
            (0u32..6).prop_map(|n| format!("111-0000000-000000{n}").into_bytes()),
            (0u32..4).prop_map(|n| format!("ORD-{n}").into_bytes()),
            (0u32..3).prop_map(|n| format!("O{n}\u{fffd}").into_bytes()),
            (0u32..3).prop_map(|n| {
                let mut b = format!("O{n}").into_bytes();
                b.push(0xFF);
                b
            }),
            Just(b"\"ORD-1\"".to_vec()),
            Just(Vec::new()),
        ];
        let pad = prop::sample::select(vec![
            "", "", "", " ", "\u{b}", "\u{c}", "\u{a0}", "\u{3000}", "\u{2028}", "\u{85}",
        ]);
        (pad.clone(), base, pad).prop_map(|(a, b, c)| [a.as_bytes(), &b, c.as_bytes()].concat())
    }

    fn day() -> impl Strategy<Value = String> {
        prop_oneof![
            (1u32..29).prop_map(|d| format!("2026-11-{d:02}T10:00:00Z")),
            (1u32..29).prop_map(|d| format!("2026-08-{d:02}")),
            Just("2026-10-01T00:00:00Z".to_string()),
            Just("yesterday".to_string()),
            Just(String::new()),
        ]
    }

    fn word() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "Shipped",
            "Cancelled",
            "Pending",
            "Merchant",
            "Amazon",
            "Drone",
            "true",
            "false",
            "seller",
            "amazon",
            "1",
            "2",
            "5",
            "7",
            "a-to-z",
            "chargeback",
            "granted",
            "denied",
            "UPS",
            "1Z999",
            "TBA1",
            "\"",
            "x\ty",
        ])
        .prop_map(String::from)
    }

    /// One line: an id, then cells (dates and words), joined by `sep`.
    fn line(sep: u8) -> impl Strategy<Value = Vec<u8>> {
        let cells = prop::collection::vec(prop_oneof![day(), word()], 0..8);
        (id(), cells, 0u8..5, day()).prop_map(move |(id, cells, shape, first)| {
            let mut l = Vec::new();
            // Feedback starts with its date; messages with their id.
            if shape == 0 {
                l.extend_from_slice(first.as_bytes());
                l.push(sep);
            }
            l.extend_from_slice(&id);
            for c in cells {
                l.push(sep);
                l.extend_from_slice(c.as_bytes());
            }
            l
        })
    }

    fn ending() -> impl Strategy<Value = &'static [u8]> {
        prop::sample::select(vec![&b"\n"[..], b"\n", b"\r\n", b"\r", b"\n\n", b"\r\r\n"])
    }

    /// A file: a header, rows with awkward ids and line ends; sometimes a
    /// first MiB of valid text (so later invalid bytes are replaced, not
    /// transcoded), a repeated header or a row over the header's width.
    fn file() -> impl Strategy<Value = Vec<u8>> {
        (
            0..HEADERS.len(),
            prop::collection::vec((line(b'\t'), line(b','), ending(), 0u8..20), 0..60),
            prop::bool::weighted(0.2),
            0u8..4,
        )
            .prop_map(|(h, rows, pad, bom)| {
                let header = HEADERS[h];
                let sep = if header.contains('\t') { b'\t' } else { b',' };
                let mut f = Vec::new();
                if bom == 0 {
                    f.extend_from_slice(b"\xEF\xBB\xBF");
                }
                if pad {
                    f.extend_from_slice(&vec![b'p'; (1 << 20) - 300]);
                    f.push(b'\n');
                }
                f.extend_from_slice(header.as_bytes());
                f.push(b'\n');
                if pad {
                    f.resize(f.len().max((1 << 20) + 8), b'\n');
                }
                for (tab, comma, end, extra) in rows {
                    match extra {
                        0 => f.extend_from_slice(header.as_bytes()),
                        1 => f.extend_from_slice(b"\t\t \t"),
                        _ => f.extend_from_slice(if sep == b'\t' { &tab } else { &comma }),
                    }
                    f.extend_from_slice(end);
                }
                f
            })
    }

    /// Everything a model holds, in a canonical order.
    fn dump(m: &Model) -> String {
        let name = |k| m.ids.name(k).into_owned();
        let mut orders: Vec<String> = m
            .orders
            .iter()
            .map(|(k, o)| format!("{:?} {o:?}", name(*k)))
            .collect();
        orders.sort();
        let mut dropped: Vec<String> = m
            .dropped
            .iter()
            .map(|(k, s)| format!("{:?} {s:?}", name(*k)))
            .collect();
        dropped.sort();
        // Each package's sorted row instants with their delivered-at and the
        // carriers first known at each instant: the as-of view (SPEC §10.1).
        let mut shipments: Vec<String> = m
            .shipments
            .iter()
            .map(|(k, s)| {
                let packages: Vec<String> = s
                    .packages
                    .iter()
                    .map(|p| {
                        format!(
                            "{:?} carrier {:?} confirmed {} delivered {:?} rows {:?} carriers {:?}",
                            p.tracking, p.carrier, p.confirmed, p.delivered, p.rows, p.carriers
                        )
                    })
                    .collect();
                format!(
                    "{:?} confirmed {} first {} deliver-by {:?} {:?} {packages:#?}",
                    name(*k),
                    s.confirmed,
                    s.first,
                    s.deliver_by,
                    s.channel,
                )
            })
            .collect();
        shipments.sort();
        // Since when each kind of defect is known: feedback, claim and
        // return-request dates (undated rows flagged).
        let mut complaints: Vec<String> = m
            .complaints
            .iter()
            .map(|(k, c)| {
                format!(
                    "{:?} rows {} rated-1 {:?} rated-2 {:?} a-to-z {:?} chargeback {:?}",
                    name(*k),
                    c.rows,
                    c.rated_1,
                    c.rated_2,
                    c.a_to_z,
                    c.chargeback
                )
            })
            .collect();
        complaints.sort();
        let mut open_claims: Vec<String> = m
            .open_claims
            .iter()
            .map(|c| format!("{:?} {:?} {:?}", name(c.order), c.kind, c.date))
            .collect();
        open_claims.sort();
        let mut values: Vec<String> = m
            .orders
            .iter()
            .flat_map(|(k, _)| {
                Dimension::ALL.into_iter().map(move |d| {
                    let mut v: Vec<&str> =
                        m.values.ids(d, k).map(|i| m.values.name(d, i)).collect();
                    v.sort_unstable();
                    format!("{:?} {d:?} {v:?}", name(*k))
                })
            })
            .collect();
        values.sort();
        format!(
            "orders {orders:#?}\ndropped {dropped:#?}\nshipments {shipments:#?}\ncomplaints {complaints:#?}\nopen claims {open_claims:#?}\nvalues {values:#?}\nmessages {:#?}\ndelivery {}",
            m.messages, m.has_delivery_column
        )
    }

    /// Reads the files in order, as the program does, into one model.
    fn read(paths: &[PathBuf], parallel: Parallel, strict: bool) -> String {
        let options = ReadOptions {
            values: ValueParser::new(Calendar::new(LA), DateOrder::MonthDayYear),
            markets: sellerhealth::ingest::Markets::uniform(ValueParser::new(
                Calendar::new(LA),
                DateOrder::MonthDayYear,
            )),
            fallback: encoding_rs::WINDOWS_1252,
            strict,
            dimensions: Dimension::ALL.into_iter().collect(),
            mapping: HeaderMapping::new([("bought-on".to_string(), Field::PurchaseDate)]),
        };
        let mut model = Model::with_cutoff(Some(CUTOFF));
        model.message_cutoff = Some(CUTOFF);
        let mut warnings = Vec::new();
        let mut out = String::new();
        for path in paths {
            let spec = InputSpec {
                path: path.clone(),
                forced: None,
                from_directory: false,
            };
            let summary = read_input(&spec, &options, parallel, &mut model, &mut warnings);
            out.push_str(&format!("{summary:?}\n"));
        }
        format!("{out}{warnings:#?}\n{}", dump(&model))
    }

    /// Open claims, `--by` values and `--map` headers go through the pieces
    /// as through one pass (the random files rarely make an open claim).
    #[test]
    fn open_claims_and_dimension_values_read_alike_in_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let mut orders = String::from(HEADERS[1]);
        let mut claims = String::from("order-id\tclaim-type\tclaim-date\tclaim-status\n");
        orders.push('\n');
        for i in 0..300 {
            let id = if i % 7 == 0 {
                format!("X-{i}")
            } else {
                format!("111-0000000-{:07}", i % 50)
            };
            let day = 1 + i % 28;
            orders.push_str(&format!(
                "{id}\t2026-{:02}-{day:02}\tShipped\tSKU-{}\tCA\t\tB0{}\n",
                9 + i % 3,
                i % 4,
                i % 3
            ));
            let (kind, status) = [
                ("a-to-z", ""),
                ("chargeback", "pending"),
                ("a-to-z", "denied"),
            ][i % 3];
            claims.push_str(&format!("{id}\t{kind}\t2026-11-{day:02}\t{status}\n"));
        }
        let paths = [dir.path().join("orders.txt"), dir.path().join("claims.txt")];
        std::fs::write(&paths[0], orders).unwrap();
        std::fs::write(&paths[1], claims).unwrap();
        let one = read(&paths, Parallel::NONE, false);
        assert!(one.contains("AToZ Some("), "{one}");
        assert!(one.contains("SKU-1"), "{one}");
        for threads in [1, 2, 3, 5] {
            let many = read(
                &paths,
                Parallel {
                    threads,
                    min_bytes: 0,
                },
                false,
            );
            assert_eq!(many, one, "{threads} threads");
        }
    }

    /// What the as-of view needs (SPEC §10.1) goes through the pieces as
    /// through one pass: each complaint's earliest feedback, claim and
    /// return-request date (undated rows flagged), and each package's rows
    /// (instant, delivered-at) and first-known carriers, rows out of order.
    #[test]
    fn dates_of_complaints_and_shipment_rows_read_alike_in_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let mut shipments = format!("{}\n", HEADERS[2]);
        let mut feedback = format!("{}\n", HEADERS[3]);
        let mut claims = format!("{}\n", HEADERS[4]);
        let mut returns = format!("{}\n", HEADERS[8]);
        for i in 0..400usize {
            let id = format!("111-0000000-{:07}", i % 37);
            let day = 1 + (i * 7) % 28;
            let carrier = ["", "UPS", "USPS", "", "DHL"][i % 5];
            let tracking = ["1Z1", "TBA2", ""][i % 3];
            let delivered = if i % 4 == 0 {
                String::new()
            } else {
                format!("2026-11-{:02}T18:00:00Z", 1 + (i * 11) % 28)
            };
            shipments.push_str(&format!(
                "{id}\t2026-11-{day:02}T{:02}:00:00Z\t{carrier}\t{tracking}\t{delivered}\tMFN\n",
                i % 24
            ));
            let rating = [1, 2, 5, 1, 2, 4][i % 6];
            let removed = if i % 9 == 0 { "removed" } else { "" };
            feedback.push_str(&format!(
                "2026-11-{day:02}\t{rating}\tbad\t{removed}\t{id}\t\n"
            ));
            let (kind, status) = [
                ("a-to-z", "granted"),
                ("chargeback", ""),
                ("a-to-z", "denied"),
            ][i % 3];
            let claim_date = if i % 5 == 0 {
                String::new()
            } else {
                format!("2026-11-{day:02}")
            };
            claims.push_str(&format!("{id}\t{kind}\t{claim_date}\t{status}\tnone\n"));
            let returned = ["", "yesterday", "2026-11-03", "2026-11-20", "2026-10-30"][i % 5];
            let claim = ["Y", "N"][i % 2];
            returns.push_str(&format!("{id}\t{returned}\t{claim}\tdamaged\n"));
        }
        let mut paths = Vec::new();
        for (name, text) in [
            ("shipments.txt", shipments),
            ("feedback.txt", feedback),
            ("claims.txt", claims),
            ("returns.txt", returns),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        let one = read(&paths, Parallel::NONE, false);
        // Dated and undated complaints, rows and carriers known over time.
        let undated = format!("Since({})", i64::MIN);
        assert!(one.matches("Since(179").count() > 30, "{one}");
        assert!(one.contains(&undated), "{one}");
        assert!(one.contains("carriers [(") && one.contains("), ("), "{one}");
        for threads in [1, 2, 3, 5] {
            let many = read(
                &paths,
                Parallel {
                    threads,
                    min_bytes: 0,
                },
                false,
            );
            assert_eq!(many, one, "{threads} threads");
        }
    }

    proptest! {
        #![proptest_config(Config {
            cases: 32,
            rng_seed: RngSeed::Fixed(0x12ead),
            failure_persistence: None,
            ..Config::default()
        })]

        /// Two files (the second merging into what the first read), row by
        /// row on one core, and in pieces of a few lines on 1, 2, 3 and 5 threads.
        #[test]
        fn one_core_and_several_read_the_same_model(a in file(), b in file(), strict in any::<bool>()) {
            let dir = tempfile::tempdir().unwrap();
            let paths = [dir.path().join("a.txt"), dir.path().join("b.txt")];
            std::fs::write(&paths[0], &a).unwrap();
            std::fs::write(&paths[1], &b).unwrap();
            let one = read(&paths, Parallel::NONE, strict);
            for threads in [1, 2, 3, 5] {
                let many = read(&paths, Parallel { threads, min_bytes: 0 }, strict);
                prop_assert_eq!(&many, &one, "{} threads", threads);
            }
        }
    }
}

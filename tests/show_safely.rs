//! Show safely (SPEC §15, issue 14): control characters and bidirectional
//! controls from input files reach no output raw, in any format; they are
//! shown escaped, so a message quotes what the file holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::ffi::OsString;
use std::fs;

use common::*;

const AS_OF: &str = "2026-11-20";

/// Orders whose ids carry a CSI sequence, an OSC 8 link, a C1 CSI, a bidi
/// override and an isolate; one row has a bad date holding an escape.
fn hostile_dir() -> tempfile::TempDir {
    let orders = "order-id\tpurchase-date\tlatest-ship-date\torder-status\n\
111-\u{1b}[31mRED\u{1b}[0m-1\t2026-11-15T10:00:00Z\t2026-11-16\tPending\n\
111-\u{1b}]8;;https://evil.example/\u{7}link\u{1b}]8;;\u{7}-2\t2026-11-15T10:00:00Z\t2026-11-16\tPending\n\
111-c1\u{9b}31m-3\t2026-11-15T10:00:00Z\t2026-11-16\tPending\n\
111-bidi\u{202e}cod.exe-4\t2026-11-15T10:00:00Z\t2026-11-16\tPending\n\
111-iso\u{2066}x\u{2069}-5\t2026-11-15T10:00:00Z\t2026-11-16\tPending\n\
111-6\tyester\u{1b}[2Jday\t2026-11-16\tPending\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("orders.txt"), orders).unwrap();
    dir
}

fn is_raw_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_no_raw_controls(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_raw_control(c)) {
        panic!("{what}: raw control {c:?} in:\n{text}");
    }
}

fn audit(dir: &std::path::Path, format: &str, details: bool) -> Run {
    let mut args: Vec<OsString> = vec![
        "audit".into(),
        "--as-of".into(),
        AS_OF.into(),
        "--color".into(),
        "never".into(),
        "--format".into(),
        format.into(),
    ];
    if details {
        args.push("--details".into());
    }
    args.push(dir.into());
    run(args)
}

#[test]
fn no_format_carries_raw_controls_and_each_shows_them_escaped() {
    let dir = hostile_dir();
    for format in ["table", "markdown", "csv", "json"] {
        for details in [false, true] {
            let r = audit(dir.path(), format, details);
            assert_eq!(r.code, 0, "{format}: {}", r.stderr);
            let label = format!("{format} details={details}");
            assert_no_raw_controls(&format!("{label} stdout"), &r.stdout);
            assert_no_raw_controls(&format!("{label} stderr"), &r.stderr);
            // The warning quotes the bad value escaped, not altered.
            assert!(
                r.stderr.contains(r"'yester\u{1b}[2Jday'"),
                "{label}: {}",
                r.stderr
            );
            let shows_ids = details || format == "csv" || format == "json";
            if !shows_ids {
                continue;
            }
            if format == "json" {
                for escaped in [
                    r"111-\u001b[31mRED\u001b[0m-1",
                    r"111-c1\u009b31m-3",
                    r"111-bidi\u202ecod.exe-4",
                    r"111-iso\u2066x\u2069-5",
                    r"\u001b]8;;https://evil.example/\u0007link",
                ] {
                    assert!(
                        r.stdout.contains(escaped),
                        "{label}: {escaped}\n{}",
                        r.stdout
                    );
                }
                // Still the ids exactly, once parsed.
                let report = r.json();
                let late = metric(&report, "late_shipment_rate", 10, None);
                assert!(late["items"]
                    .as_array()
                    .unwrap()
                    .contains(&serde_json::json!("111-c1\u{9b}31m-3")));
            } else {
                for escaped in [
                    r"111-\u{1b}[31mRED\u{1b}[0m-1",
                    r"111-c1\u{9b}31m-3",
                    r"111-bidi\u{202e}cod.exe-4",
                    r"111-iso\u{2066}x\u{2069}-5",
                    r"\u{1b}]8;;https://evil.example/\u{7}link",
                ] {
                    assert!(
                        r.stdout.contains(escaped),
                        "{label}: {escaped}\n{}",
                        r.stdout
                    );
                }
            }
        }
    }
}

#[test]
fn a_file_name_with_controls_is_shown_escaped_in_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes-\u{1b}[31m\u{9b}.txt");
    fs::write(&bad, "just\tsome\nnotes\there\n").unwrap();
    let r = run([OsString::from("audit"), bad.into()]);
    assert_eq!(r.code, 3);
    assert_no_raw_controls("error", &r.stderr);
    assert!(
        r.stderr.contains(r"notes-\u{1b}[31m\u{9b}.txt"),
        "{}",
        r.stderr
    );
}

/// Phone numbers and e-mail addresses in bad cells are masked in every
/// message; a long value is cut to 40 characters.
#[test]
fn phone_numbers_in_bad_cells_are_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(60);
    let orders = format!(
        "order-id\tpurchase-date\tlatest-ship-date\n\
111-0000000-0000001\t2026-11-10\t206-555-0143\n\
111-0000000-0000002\t(206) 555-0143\t2026-11-12\n\
111-0000000-0000003\t+1 206 555 0143\t2026-11-12\n\
111-0000000-0000004\t2026-11-10\tpat.buyer@mail.example\n\
111-0000000-0000005\t{long}\t2026-11-12\n\
111-0000000-0000006\t2026-11-10\t2026-11-12\n"
    );
    fs::write(dir.path().join("orders.txt"), orders).unwrap();
    for format in ["table", "markdown", "csv", "json"] {
        let r = audit(dir.path(), format, true);
        assert_eq!(r.code, 0, "{}", r.stderr);
        for text in [&r.stdout, &r.stderr] {
            for secret in ["555-0143", "555 0143", "pat.buyer", "mail.example"] {
                assert!(!text.contains(secret), "{format}: {secret} in:\n{text}");
            }
            assert!(
                !text.contains(&"x".repeat(41)),
                "{format}: not cut:\n{text}"
            );
        }
        assert!(
            r.stderr.contains(&format!("'{}…'", "x".repeat(40))),
            "{}",
            r.stderr
        );
    }
}

//! Writing the report (SPEC §9.4) and a closed standard output (SPEC §6).
//!
//! Every target that is not a regular file is made privately in a temporary
//! folder, except `/dev/null` itself, which is touched only after a canary
//! (a socket) has shown that such targets are refused: as root, a regression
//! would otherwise replace the machine's `/dev/null` with a regular file.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const AS_OF: &str = "2026-11-20";

fn demo() -> PathBuf {
    fixtures().join("demo")
}

fn exe() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sellerhealth"));
    c.env_remove("NO_COLOR").stdin(Stdio::null());
    c
}

/// Runs `cmd`, failing the test instead of hanging when it does not end
/// within a minute (opening a FIFO for writing would block forever).
fn run_timed(cmd: &mut Command) -> Run {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).map(|_| s)
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("sellerhealth did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap().unwrap(),
        stderr: err.join().unwrap().unwrap(),
    }
}

/// `audit --as-of AS_OF -q EXTRA… -o OUT demo`.
fn audit_to(out: impl AsRef<OsStr>, extra: &[&str]) -> Run {
    run_timed(
        exe()
            .args(["audit", "--as-of", AS_OF, "-q"])
            .args(extra)
            .arg("-o")
            .arg(out)
            .arg(demo()),
    )
}

/// `audit --as-of AS_OF -q EXTRA… demo` to standard output.
fn audit_stdout(extra: &[&str]) -> String {
    let r = run_timed(
        exe()
            .args(["audit", "--as-of", AS_OF, "-q"])
            .args(extra)
            .arg(demo()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

fn mkfifo(path: &Path) -> bool {
    let made = Command::new("mkfifo")
        .arg(path)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mkfifo is not available here");
    }
    made
}

/// A refusal: exit 3, nothing on standard output, one line naming `name`.
fn assert_refused(r: &Run, name: &str) {
    assert_error(r, name);
}

// ---------------------------------------------------------------------------
// Targets that are not regular files are refused and left as they were.
// ---------------------------------------------------------------------------

#[test]
fn a_fifo_is_refused_and_left_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report-fifo");
    if !mkfifo(&fifo) {
        return;
    }
    let r = audit_to(&fifo, &["--json"]);
    assert_refused(&r, "report-fifo");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(listing(dir.path()), ["report-fifo"], "no stray files");
    // Through --check too: health cannot be reported, so 3.
    let r = audit_to(&fifo, &["--check"]);
    assert_refused(&r, "report-fifo");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_character_device_is_refused_and_left_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let dev = dir.path().join("null");
    // A private copy of /dev/null (major 1, minor 3): needs root.
    let made = Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: cannot make a device node here (not root?)");
        return;
    }
    let before = fs::symlink_metadata(&dev).unwrap();
    let r = audit_to(&dev, &[]);
    assert_refused(&r, "null");
    let after = fs::symlink_metadata(&dev).unwrap();
    assert!(after.file_type().is_char_device(), "replaced by a file");
    assert_eq!(after.rdev(), before.rdev());
    assert_eq!(after.ino(), before.ino());
    assert_eq!(listing(dir.path()), ["null"], "no stray files");
}

#[test]
fn a_socket_is_refused_and_left_a_socket() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("report.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let r = audit_to(&sock, &[]);
    assert_refused(&r, "report.sock");
    assert!(fs::symlink_metadata(&sock).unwrap().file_type().is_socket());
    assert_eq!(listing(dir.path()), ["report.sock"], "no stray files");
}

#[test]
fn a_directory_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let taken = dir.path().join("reports.json");
    fs::create_dir(&taken).unwrap();
    fs::write(taken.join("keep.txt"), "keep").unwrap();
    for target in [taken.clone().into_os_string(), {
        let mut s = taken.clone().into_os_string();
        s.push("/");
        s
    }] {
        let r = audit_to(&target, &[]);
        assert_refused(&r, "reports.json");
        assert_eq!(listing(dir.path()), ["reports.json"]);
        assert_eq!(listing(&taken), ["keep.txt"]);
    }
}

#[test]
fn dev_null_is_refused_and_left_a_device() {
    let null = Path::new("/dev/null");
    let Ok(before) = fs::symlink_metadata(null) else {
        eprintln!("skipped: no /dev/null");
        return;
    };
    if !before.file_type().is_char_device() {
        eprintln!("skipped: /dev/null is not a character device here");
        return;
    }
    // Canary: a program that would replace a socket must not get near /dev/null.
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("canary.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let r = audit_to(&sock, &[]);
    assert!(
        r.code == 3 && fs::symlink_metadata(&sock).unwrap().file_type().is_socket(),
        "a socket was not refused (exit {}, {}); not risking /dev/null",
        r.code,
        r.stderr
    );
    let r = audit_to(null, &[]);
    assert_refused(&r, "/dev/null");
    let after = fs::symlink_metadata(null).unwrap();
    assert!(after.file_type().is_char_device(), "/dev/null was replaced");
    assert_eq!(after.rdev(), before.rdev());
    assert_eq!(after.ino(), before.ino());
}

// ---------------------------------------------------------------------------
// Symlinks are written through; the link stays a link.
// ---------------------------------------------------------------------------

#[test]
fn a_symlink_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    fs::create_dir(&a).unwrap();
    fs::create_dir(&b).unwrap();
    let real = b.join("real.txt");
    fs::write(&real, "old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    // A relative link in another folder, and a link to that link.
    let link = a.join("link.json");
    std::os::unix::fs::symlink("../b/real.txt", &link).unwrap();
    let chain = dir.path().join("chain.json");
    std::os::unix::fs::symlink(&link, &chain).unwrap();
    let json = audit_stdout(&["--json"]);
    for target in [&link, &chain] {
        fs::write(&real, "old").unwrap();
        let r = audit_to(target, &["--json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.is_empty());
        let got = fs::read_to_string(&real).unwrap();
        assert!(got == json, "{target:?}: the target holds {got:.300}");
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_link(&link).unwrap(), Path::new("../b/real.txt"));
        assert!(fs::symlink_metadata(&chain)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_link(&chain).unwrap(), link);
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o7777,
            0o640,
            "the target keeps its mode"
        );
        assert_eq!(listing(&a), ["link.json"], "nothing left beside the link");
        assert_eq!(listing(&b), ["real.txt"], "nothing left beside the target");
    }
}

#[test]
fn a_dangling_symlink_creates_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("latest.csv");
    std::os::unix::fs::symlink("report-2026-11-20.csv", &link).unwrap();
    let r = audit_to(&link, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let got = fs::read_to_string(dir.path().join("report-2026-11-20.csv")).unwrap();
    assert!(
        got == audit_stdout(&["--format", "csv"]),
        "written as csv, by the extension of the name given: {got:.300}"
    );
    assert_eq!(listing(dir.path()), ["latest.csv", "report-2026-11-20.csv"]);
}

#[test]
fn a_symlink_to_something_not_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("target.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let link = dir.path().join("report.txt");
    std::os::unix::fs::symlink(&sock, &link).unwrap();
    let r = audit_to(&link, &[]);
    assert_refused(&r, "report.txt");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::symlink_metadata(&sock).unwrap().file_type().is_socket());
    assert_eq!(listing(dir.path()), ["report.txt", "target.sock"]);
}

#[test]
fn a_symlink_to_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("all-orders.txt");
    fs::copy(demo().join("all-orders.txt"), &input).unwrap();
    let before = fs::read(&input).unwrap();
    let link = dir.path().join("out.txt");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let r = run_timed(
        exe()
            .args(["audit", "--as-of", AS_OF, "-q", "-o"])
            .arg(&link)
            .arg(&input),
    );
    assert_error(&r, "all-orders.txt");
    assert_eq!(
        fs::read(&input).unwrap(),
        before,
        "the input was overwritten"
    );
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

// ---------------------------------------------------------------------------
// Permissions, as shell redirection would give them.
// ---------------------------------------------------------------------------

/// Runs the audit under `umask MASK` (set by the shell, inherited by the program).
fn audit_under_umask(mask: &str, out: &Path) -> Run {
    run_timed(
        Command::new("sh")
            .args(["-c", "umask \"$1\" && shift && exec \"$@\"", "sh", mask])
            .arg(env!("CARGO_BIN_EXE_sellerhealth"))
            .args(["audit", "--as-of", AS_OF, "-q", "-o"])
            .arg(out)
            .arg(demo())
            .stdin(Stdio::null()),
    )
}

#[test]
fn a_new_file_gets_0666_less_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    for (mask, mode) in [
        ("022", 0o644),
        ("027", 0o640),
        ("002", 0o664),
        ("077", 0o600),
    ] {
        let out = dir.path().join(format!("new-{mask}.txt"));
        let r = audit_under_umask(mask, &out);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let got = fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
        assert_eq!(got, mode, "umask {mask}: {got:o}");
    }
}

#[test]
fn a_replaced_file_keeps_its_mode_and_owner() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o604, 0o600, 0o664, 0o444] {
        let out = dir.path().join(format!("old-{mode:o}.txt"));
        fs::write(&out, "old").unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(mode)).unwrap();
        let r = audit_under_umask("022", &out);
        // A read-only file is replaced too, as the rename needs only the folder.
        assert_eq!(r.code, 0, "{mode:o}: {}", r.stderr);
        assert_ne!(fs::read_to_string(&out).unwrap(), "old");
        let got = fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
        assert_eq!(got, mode, "kept {mode:o}, got {got:o}");
    }
    // As root, replacing someone else's file keeps its owner and group.
    let out = dir.path().join("theirs.txt");
    fs::write(&out, "old").unwrap();
    if fs::metadata(&out).unwrap().uid() != 0 {
        eprintln!("skipped the owner check: not root");
        return;
    }
    let chowned = Command::new("chown")
        .args(["65534:65534"])
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    if !chowned {
        eprintln!("skipped the owner check: chown failed");
        return;
    }
    let r = audit_under_umask("022", &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m = fs::metadata(&out).unwrap();
    assert_eq!((m.uid(), m.gid()), (65534, 65534));
}

// ---------------------------------------------------------------------------
// `-o -` and the format from the extension.
// ---------------------------------------------------------------------------

#[test]
fn dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--json"][..], &["--format", "csv"][..]] {
        let r = run_timed(
            exe()
                .current_dir(dir.path())
                .args(["audit", "--as-of", AS_OF, "-q", "-o", "-"])
                .args(extra)
                .arg(demo()),
        );
        assert_eq!(r.code, 0, "{extra:?}: {}", r.stderr);
        assert!(
            r.stdout == audit_stdout(extra),
            "{extra:?}: {:.300}",
            r.stdout
        );
        assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
    }
}

#[test]
fn the_extension_picks_the_format_unless_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let table = audit_stdout(&["--format", "table", "--color", "never"]);
    let json = audit_stdout(&["--format", "json"]);
    let csv = audit_stdout(&["--format", "csv"]);
    let markdown = audit_stdout(&["--format", "markdown"]);
    let html = audit_stdout(&["--format", "html"]);
    for (name, want) in [
        ("r.json", &json),
        ("R.JSON", &json),
        ("r.csv", &csv),
        ("r.md", &markdown),
        ("r.markdown", &markdown),
        ("r.html", &html),
        ("r.htm", &html),
        ("REPORT.HTML", &html),
        ("r.txt", &table),
        ("r.table", &table),
        ("report", &table),
        (".json", &table),
    ] {
        let out = dir.path().join(name);
        let r = audit_to(&out, &[]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let got = fs::read_to_string(&out).unwrap();
        assert!(&got == want, "{name}: not the expected format:\n{got:.300}");
        assert!(!got.contains('\u{1b}'), "{name}: coloured");
    }
    // --format and --json win over the extension.
    for (name, extra, want) in [
        ("given.json", &["--format", "csv"][..], &csv),
        ("given.md", &["--json"][..], &json),
        ("given.csv", &["--format", "table"][..], &table),
        ("given.html", &["--format", "markdown"][..], &markdown),
        ("given.txt", &["--format", "html"][..], &html),
    ] {
        let out = dir.path().join(name);
        let r = audit_to(&out, extra);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let got = fs::read_to_string(&out).unwrap();
        assert!(
            &got == want,
            "{name} {extra:?}: not the format given:\n{got:.300}"
        );
    }
}

#[test]
fn an_html_file_gets_a_whole_html_page() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["report.html", "report.htm", "REPORT.HTML"] {
        let out = dir.path().join(name);
        let r = audit_to(&out, &[]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{name}: -o prints nothing");
        let page = fs::read_to_string(&out).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}: {page:.200}");
        assert!(page.trim_end().ends_with("</html>"), "{name}");
    }
}

// ---------------------------------------------------------------------------
// A closed standard output keeps the exit code (SPEC §6).
// ---------------------------------------------------------------------------

/// The exit code of `audit ARGS` with standard output read in full.
fn code_with_open_stdout(args: &[OsString]) -> i32 {
    run_timed(exe().args(args)).code
}

/// The exit code when the reader closes standard output after `lines` lines.
fn code_with_closed_stdout(args: &[OsString], lines: usize) -> (i32, String) {
    let mut child = exe()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    if lines > 0 {
        let mut reader = BufReader::new(stdout);
        for _ in 0..lines {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
        }
    } else {
        drop(stdout);
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn args(list: &[&str], paths: &[&Path]) -> Vec<OsString> {
    let mut v: Vec<OsString> = list.iter().map(Into::into).collect();
    v.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    v
}

/// Many orders shipped late: bad, with a report far larger than a pipe's buffer.
fn big_orders(dir: &Path) -> PathBuf {
    let mut text = String::from("order-id\tpurchase-date\tlatest-ship-date\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "111-{i:07}-0000000\t2026-11-15T10:00:00Z\t2026-11-16\n"
        ));
    }
    let path = dir.join("orders.txt");
    fs::write(&path, text).unwrap();
    path
}

/// Response time alone, 1 late of 10 (exactly 90%): warning.
fn warning_messages(dir: &Path) -> PathBuf {
    let mut text = String::from("message-id,received-at,responded-at\n");
    for i in 0..9 {
        text.push_str(&format!("M{i},2026-11-16T10:00:00Z,2026-11-16T11:00:00Z\n"));
    }
    text.push_str("M9,2026-11-16T10:00:00Z,2026-11-18T11:00:00Z\n");
    let path = dir.join("messages.csv");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_closed_pipe_keeps_the_check_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo();
    let warning = warning_messages(dir.path());
    for (paths, expected) in [(&demo, 2), (&warning, 1)] {
        for format in ["table", "json", "csv", "markdown"] {
            for extra in [&[][..], &["-o", "-"][..]] {
                let mut a = args(
                    &[
                        "audit", "--check", "-q", "--as-of", AS_OF, "--format", format,
                    ],
                    &[paths],
                );
                a.extend(extra.iter().map(Into::into));
                let label = format!("{} {format} {extra:?}", paths.display());
                assert_eq!(code_with_open_stdout(&a), expected, "{label}");
                let (code, stderr) = code_with_closed_stdout(&a, 0);
                assert_eq!(code, expected, "{label}: {stderr}");
                assert!(stderr.is_empty(), "{label}: quietly: {stderr}");
            }
        }
    }
}

#[test]
fn reading_one_line_then_closing_keeps_the_check_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_orders(dir.path());
    for format in ["table", "json", "csv", "markdown"] {
        let a = args(
            &[
                "audit",
                "--check",
                "-q",
                "--details",
                "--as-of",
                AS_OF,
                "--format",
                format,
            ],
            &[&big],
        );
        let expected = code_with_open_stdout(&a);
        assert_eq!(expected, 2, "{format}: the big set is bad");
        let (code, stderr) = code_with_closed_stdout(&a, 1);
        assert_eq!(code, expected, "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: quietly: {stderr}");
    }
    // Without -q the warnings still reach standard error; the code holds.
    let a = args(&["audit", "--check", "--as-of", AS_OF], &[&big]);
    let (code, stderr) = code_with_closed_stdout(&a, 1);
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn pipestatus_of_check_into_head_is_the_health_code() {
    let has_bash = Command::new("bash")
        .args(["-c", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_bash {
        eprintln!("skipped: no bash");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let big = big_orders(dir.path());
    for input in [demo(), big] {
        let out = Command::new("bash")
            .args([
                "-c",
                "\"$0\" audit --check -q --details --as-of \"$1\" \"$2\" | head -1 >/dev/null; \
                 exit \"${PIPESTATUS[0]}\"",
            ])
            .arg(env!("CARGO_BIN_EXE_sellerhealth"))
            .arg(AS_OF)
            .arg(&input)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: {}",
            input.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

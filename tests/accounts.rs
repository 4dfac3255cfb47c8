//! Many seller accounts in one run (SPEC §12.2): `--accounts DIR` audits
//! each subfolder, prints a grid then the reports of accounts not good,
//! goes on past an account that fails, and exits with the most urgent code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{fixtures, run};

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// An agency's folder: a bad account, a healthy one with its own settings,
/// one whose settings are broken, one with no reports, and one without
/// buyer messages whose settings require the response time.
fn agency() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    copy_folder(&fixtures().join("demo"), &r.join("acme"));
    copy_folder(&fixtures().join("healthy"), &r.join("home-goods"));
    std::fs::write(
        r.join("home-goods").join("account.toml"),
        "name = \"Home Goods\"\ntz = \"America/New_York\"\nhandling-days = 1\nrequire = [\"odr\", \"lsr\"]\n",
    )
    .unwrap();
    copy_folder(&fixtures().join("healthy"), &r.join("broken"));
    std::fs::write(r.join("broken").join("account.toml"), "handling_days = 2\n").unwrap();
    std::fs::create_dir_all(r.join("empty")).unwrap();
    copy_folder(&fixtures().join("healthy"), &r.join("no-messages"));
    std::fs::remove_file(r.join("no-messages").join("messages.csv")).unwrap();
    // Under --check this account's own require fails it: no response time.
    std::fs::write(
        r.join("no-messages").join("account.toml"),
        "require = \"response_time\"\nmax-age = \"off\"\n",
    )
    .unwrap();
    root
}

fn accounts(dir: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "audit",
        "--as-of",
        "2026-11-20",
        "--now",
        "2026-11-21T09:00",
        "--accounts",
        dir.to_str().unwrap(),
    ];
    args.extend(extra);
    run(args)
}

#[test]
fn the_grid_comes_first_then_the_reports_of_accounts_not_good() {
    let dir = agency();
    let r = accounts(dir.path(), &[]);
    // An account that cannot be audited is an input error: 3.
    assert_eq!(r.code, 3, "{}", r.stderr);
    let out = &r.stdout;
    assert!(out.starts_with("5 audits (accounts)"), "{out}");
    let grid: Vec<&str> = out.lines().take_while(|l| !l.starts_with("==")).collect();
    let names: Vec<&str> = grid
        .iter()
        .filter(|l| l.starts_with('│') && !l.contains("Account"))
        .map(|l| l.split('┆').next().unwrap().trim_start_matches('│').trim())
        .filter(|name| !name.is_empty())
        .collect();
    assert_eq!(
        names,
        ["acme", "broken", "empty", "Home Goods", "no-messages"]
    );
    // Row by row, unwrapped, in the Markdown grid.
    let md = accounts(dir.path(), &["--format", "markdown"]).stdout;
    let row = |name: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("no row {name} in {md}"))
            .to_string()
    };
    assert!(
        row("acme").contains("| US | BAD | Order defect rate (seller, 60 d) | 16.13% | 9 |"),
        "{}",
        row("acme")
    );
    assert!(row("broken").contains("| error |") && row("broken").contains("handling\\_days"));
    assert!(row("empty").contains("no report files"), "{}", row("empty"));
    assert!(row("Home Goods").contains("| good |"));
    // Reports follow for accounts not good; never for a healthy one.
    assert!(out.contains("== Account acme, marketplace US =="));
    assert!(!out.contains("== Account Home Goods"), "{out}");
    // The broken account's error names the file and the key.
    assert!(
        r.stderr.contains("broken/account.toml") && r.stderr.contains("handling_days"),
        "{}",
        r.stderr
    );
    let full = accounts(dir.path(), &["--full"]);
    assert!(full
        .stdout
        .contains("== Account Home Goods, marketplace US =="));
}

#[test]
fn json_is_a_stream_of_one_object_per_account_and_marketplace() {
    let dir = agency();
    let r = accounts(dir.path(), &["--json"]);
    let objects = common::json_stream(&r.stdout);
    let accounts: Vec<&str> = objects
        .iter()
        .map(|o| o["account"].as_str().unwrap())
        .collect();
    assert_eq!(
        accounts,
        ["acme", "broken", "empty", "Home Goods", "no-messages"]
    );
    assert_eq!(objects[0]["marketplace"], "US");
    assert_eq!(objects[0]["status"], "bad");
    assert!(objects[1]["marketplace"].is_null());
    assert!(objects[1]["error"]
        .as_str()
        .unwrap()
        .contains("unknown field `handling_days`"));
    assert!(objects[2]["error"]
        .as_str()
        .unwrap()
        .contains("no report files"));
    // Per-account settings: Home Goods's zone is its own.
    assert_eq!(objects[3]["timezone"], "America/New_York");
    assert_eq!(objects[0]["timezone"], "America/Los_Angeles");
}

#[test]
fn check_exit_is_the_most_urgent_in_the_order_2_3_1_0() {
    let dir = agency();
    // bad (2) beats an error (3).
    assert_eq!(accounts(dir.path(), &["--check", "-q"]).code, 2);
    std::fs::remove_dir_all(dir.path().join("acme")).unwrap();
    // Now the errors are the most urgent.
    let r = accounts(dir.path(), &["--check", "-q"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    // no-messages fails --check by its own require; Home Goods, which
    // requires other metrics, passes.
    assert!(
        r.stderr.contains("sellerhealth: error: no-messages/US: ") && r.stderr.contains("response"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("Home Goods/US:"), "{}", r.stderr);
    for gone in ["broken", "empty", "no-messages"] {
        std::fs::remove_dir_all(dir.path().join(gone)).unwrap();
    }
    let r = accounts(dir.path(), &["--check"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, r.stdout);
}

#[test]
fn a_folder_without_account_folders_is_an_error() {
    let r = run([
        "audit",
        "--accounts",
        fixtures().join("healthy").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("holds no account folders"),
        "{}",
        r.stderr
    );
    let r = run([
        "audit",
        "--accounts",
        fixtures().to_str().unwrap(),
        fixtures().join("demo").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 3, "--accounts takes no other inputs");
}

#[test]
fn history_keeps_each_account_apart() {
    let dir = agency();
    let db = dir.path().join("history.sqlite");
    let r = accounts(dir.path(), &["-q", "--history", db.to_str().unwrap()]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let listed = run([
        "history",
        "--history",
        db.to_str().unwrap(),
        "--format",
        "json",
    ])
    .json();
    let mut accounts: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["account"].as_str().unwrap().to_string())
        .collect();
    accounts.sort();
    assert_eq!(accounts, ["Home Goods", "acme", "no-messages"]);
    let one = run([
        "history",
        "--history",
        db.to_str().unwrap(),
        "--account",
        "acme",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(one.as_array().unwrap().len(), 1);
}

#[test]
fn the_html_grid_shows_errors_in_words_and_the_reports_not_good() {
    let dir = agency();
    let r = accounts(dir.path(), &["--format", "html", "-q"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let page = &r.stdout;
    assert!(page.contains("<h1>Account health: 5 audits (accounts)</h1>"));
    assert!(page.contains(">error</span>"), "an error in words");
    assert!(page.contains("unknown field `handling_days`"));
    // Only the report of acme, the account not good, follows the grid.
    assert!(page.contains("aria-label=\"Account acme, marketplace US\""));
    assert!(!page.contains("aria-label=\"Account Home Goods"));
}

//! `--format html` (SPEC §14) without a browser: the page is self-contained
//! (no script, nothing fetched, a CSP that forbids every fetch), small, and
//! every input value that reaches it is escaped, checked with hostile values
//! in each such field and a scan of every tag and attribute of the page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use common::*;

const AS_OF: &str = "2026-11-20";

/// `audit --format html --as-of AS_OF -q EXTRA… PATHS…`: the page.
fn page(paths: &[&Path], extra: &[&str]) -> String {
    let mut args: Vec<OsString> = ["audit", "--format", "html", "--as-of", AS_OF, "-q"]
        .iter()
        .map(OsString::from)
        .collect();
    args.extend(extra.iter().map(OsString::from));
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    let r = run(args);
    assert!(r.code == 0 || r.code == 2, "{}", r.stderr);
    assert!(!r.stdout.is_empty());
    r.stdout
}

fn demo() -> PathBuf {
    fixtures().join("demo")
}

fn example() -> PathBuf {
    fixtures().join("example-us").join("reports")
}

// ---------------------------------------------------------------- a page scan

/// One tag of the page: its name (`/p` for a closing tag) and attributes.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "section",
    "article",
    "div",
    "p",
    "span",
    "h1",
    "h2",
    "h3",
    "h4",
    "details",
    "summary",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "ul",
    "ol",
    "li",
    "a",
    "figure",
    "figcaption",
    "svg",
    "rect",
    "line",
    "polyline",
];

const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "rel",
    "href",
    "class",
    "id",
    "aria-labelledby",
    "aria-hidden",
    "scope",
    "data-label",
    "role",
    "viewBox",
    "points",
    "preserveAspectRatio",
    "x",
    "y",
    "width",
    "height",
    "x1",
    "x2",
    "y1",
    "y2",
    "vector-effect",
    "value",
    "open",
];

/// Reads the page as a strict tokenizer would and fails on anything that
/// input could have smuggled in: a comment, a tag or attribute outside the
/// lists above, an unquoted or single-quoted attribute value, a `<` or `>`
/// in text, a second doctype or style element. Returns the tags.
fn scan(page: &str) -> Vec<Tag> {
    let rest = page
        .strip_prefix("<!DOCTYPE html>")
        .unwrap_or_else(|| panic!("no doctype first: {page:.100}"));
    let b = rest.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'>' => panic!("a bare '>' in text at {}", context(rest, i)),
            b'<' => {}
            _ => {
                i += 1;
                continue;
            }
        }
        i += 1;
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let name = &rest[start..i];
        assert!(
            ELEMENTS.contains(&name),
            "element {name:?} at {}",
            context(rest, start)
        );
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            match b.get(i) {
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) if !closing => {}
                other => panic!("{other:?} in a closing tag at {}", context(rest, i)),
            }
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                i += 1;
            }
            let attr = &rest[start..i];
            assert!(
                ATTRIBUTES.contains(&attr),
                "attribute {attr:?} at {}",
                context(rest, start)
            );
            let value = if b.get(i) == Some(&b'=') {
                assert_eq!(b.get(i + 1), Some(&b'"'), "at {}", context(rest, i));
                let from = i + 2;
                let len = rest[from..].find('"').expect("unterminated value");
                i = from + len + 1;
                rest[from..from + len].to_string()
            } else {
                String::new()
            };
            assert!(
                !value.contains(['<', '>']),
                "{attr}={value:?} at {}",
                context(rest, start)
            );
            attrs.push((attr.to_string(), value));
        }
        let name = if closing {
            format!("/{name}")
        } else {
            name.to_string()
        };
        if name == "style" {
            // The stylesheet is ours; skip to its end.
            let len = rest[i..].find("</style>").expect("unclosed style");
            assert!(!rest[i..i + len].contains('<'), "markup inside the style");
            i += len;
        }
        tags.push(Tag { name, attrs });
    }
    let count = |n: &str| tags.iter().filter(|t| t.name == n).count();
    assert_eq!(count("style"), 1, "one style element");
    assert_eq!(count("html"), 1);
    assert_eq!(count("body"), 1);
    tags
}

fn context(s: &str, at: usize) -> String {
    let mut from = at.saturating_sub(80);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 80).min(s.len());
    while !s.is_char_boundary(to) {
        to += 1;
    }
    format!("…{}…", &s[from..to])
}

/// What maud writes for a text: `&`, `<`, `>` and `"` as entities.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Nothing is fetched: every `href` is a fragment or the empty data icon,
/// no element has a source, the style loads nothing, and the CSP forbids
/// every fetch.
fn assert_self_contained(page: &str, tags: &[Tag]) {
    let lower = page.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script");
    for t in tags {
        for (attr, value) in &t.attrs {
            if attr == "href" {
                assert!(
                    value.starts_with('#') || value == "data:,",
                    "<{} href={value:?}> would fetch",
                    t.name
                );
            }
        }
    }
    assert!(!lower.contains("url("), "a URL in the style");
    assert!(!lower.contains("@import"));
    let csp: Vec<&Tag> = tags
        .iter()
        .filter(|t| {
            t.name == "meta"
                && t.attrs
                    .iter()
                    .any(|(a, v)| a == "http-equiv" && v == "Content-Security-Policy")
        })
        .collect();
    assert_eq!(csp.len(), 1, "one CSP meta");
    let policy = &csp[0].attrs.iter().find(|(a, _)| a == "content").unwrap().1;
    assert!(
        policy.starts_with("default-src &#39;none&#39;;")
            || policy.starts_with("default-src 'none';"),
        "{policy}"
    );
    for part in policy.split(';').map(str::trim) {
        assert!(
            part.starts_with("default-src 'none'")
                || part == "style-src 'unsafe-inline'"
                || part == "img-src data:"
                || part == "base-uri 'none'"
                || part == "form-action 'none'",
            "CSP allows more than inline style: {part}"
        );
    }
    // The policy comes before anything it governs.
    let csp_at = page.find("Content-Security-Policy").unwrap();
    assert!(csp_at < page.find("<style>").unwrap());
    assert!(csp_at < page.find("<link").unwrap());
}

// ---------------------------------------------------------------- the demo

#[test]
fn demo_and_example_pages_are_self_contained() {
    for dir in [demo(), example()] {
        for details in [&[][..], &["--details"][..]] {
            let p = page(&[&dir], details);
            let tags = scan(&p);
            assert_self_contained(&p, &tags);
            assert!(!p.contains("http://") && !p.contains("https://"), "a URL");
            assert!(p.contains("<html lang=\"en\">"));
        }
    }
}

#[test]
fn the_demo_page_is_under_300_kb() {
    for details in [&[][..], &["--details"][..]] {
        let p = page(&[&demo()], details);
        assert!(p.len() < 300 * 1024, "{} bytes with {details:?}", p.len());
    }
}

#[test]
fn the_page_is_accessible_in_structure() {
    let p = page(&[&demo()], &["--details"]);
    let tags = scan(&p);
    // Headings in order: one h1, and no level skipped.
    let mut last = 0;
    let mut h1 = 0;
    for t in &tags {
        if let Some(level) = t
            .name
            .strip_prefix('h')
            .and_then(|n| n.parse::<usize>().ok())
        {
            assert!(level <= last + 1, "h{level} after h{last}");
            last = level;
            h1 += usize::from(level == 1);
        }
    }
    assert_eq!(h1, 1);
    // Every header cell says what it heads.
    for t in tags.iter().filter(|t| t.name == "th") {
        assert!(
            t.attrs
                .iter()
                .any(|(a, v)| a == "scope" && (v == "col" || v == "row")),
            "{t:?}"
        );
    }
    // Every chart is an image with a title, and its numbers are also text.
    let charts = p.matches("<svg").count();
    assert_eq!(
        charts,
        p.matches("<svg class=\"bullet\" role=\"img\"").count()
            + p.matches("<svg role=\"img\"").count()
    );
    assert_eq!(charts, p.matches("<title>").count() - 1);
    assert_eq!(charts, p.matches("<figcaption>").count());
    assert!(charts >= 10, "{charts} charts");
    assert!(p.contains(
        "<figcaption>16.13% against a target under 1%; warning from 0.75%.</figcaption>"
    ));
    // Status in words, not only in colour.
    assert!(p.contains("<span class=\"badge s-bad\">BAD</span>"));
    assert!(p.contains("<span class=\"badge s-warning\">warning</span>"));
    assert!(p.contains("<span class=\"badge s-good\">good</span>"));
    // Scheme, print and width.
    assert!(p.contains("@media (prefers-color-scheme: dark)"));
    assert!(p.contains("@media print"));
    assert!(p.contains("size: A4"));
    assert!(p.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""));
}

#[test]
fn warn_at_moves_the_warning_band() {
    let p = page(&[&demo()], &["--warn-at", "0.5"]);
    assert!(p.contains("16.13% against a target under 1%; warning from 0.5%."));
    assert!(
        p.contains("warning at 97.5% or less"),
        "valid tracking at 95%"
    );
}

// ---------------------------------------------------------------- hostile input

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "x\"><img src=x onerror=alert(2)>",
    "y' onmouseover='alert(3)' z='",
    "</style><script>alert(4)</script>",
    "</title><svg onload=alert(5)>",
    "<!--c",
    "&lt;b&gt;&amp;",
];

/// The CSV form of a cell: quoted, quotes doubled.
fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Report files whose ids, tracking numbers and file names are hostile:
/// each hostile value is an open order (act now), a cancelled order and a
/// late shipment (`--details`), a package id with its tracking number, a
/// message waiting for a reply and one never answered; the files are named
/// with hostile text and one row is malformed (a warning naming its file).
fn hostile_reports(dir: &Path) -> Vec<PathBuf> {
    let mut orders = String::from(
        "order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t\
         is-buyer-requested-cancellation\tlatest-ship-date\n",
    );
    let mut ships = String::from(
        "order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method\n",
    );
    let mut messages =
        String::from("message-id,order-id,received-at,responded-at,no-response-needed\n");
    for (n, h) in HOSTILE.iter().enumerate() {
        // Unshipped, due after the as-of day: act now.
        orders.push_str(&format!(
            "open{h}\t2026-11-19T10:00:00+00:00\t2026-11-19T10:00:00+00:00\tUnshipped\tMerchant\tfalse\t2026-11-23\n"
        ));
        // Cancelled by the seller: a cancel-rate defect.
        orders.push_str(&format!(
            "cancel{h}\t2026-11-18T10:00:00+00:00\t2026-11-18T11:00:00+00:00\tCancelled\tMerchant\tfalse\t2026-11-19\n"
        ));
        // Shipped late with a malformed tracking number.
        orders.push_str(&format!(
            "late{h}\t2026-11-10T10:00:00+00:00\t2026-11-14T10:00:00+00:00\tShipped\tMerchant\tfalse\t2026-11-11\n"
        ));
        ships.push_str(&format!(
            "late{h}\t\t\t2026-11-14T10:00:00+00:00\tUPS\t\ttrack{h}\tGround\n"
        ));
        messages.push_str(&format!(
            "{},o{n},2026-11-20T20:00:00Z,,false\n",
            csv_cell(&format!("wait{h}"))
        ));
        messages.push_str(&format!(
            "{},o{n},2026-11-10T20:00:00Z,,false\n",
            csv_cell(&format!("never{h}"))
        ));
    }
    messages.push_str(&format!("{},o,not a date,,false\n", csv_cell(HOSTILE[0])));
    let files = [
        ("orders \"><img src=x onerror=alert(7)>.txt", orders),
        ("ship <script>alert(8)<script> ' onfocus='x'.txt", ships),
        ("messages <!-- &amp; 'q.csv", messages),
    ];
    files
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

#[test]
fn hostile_values_in_every_field_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let files = hostile_reports(dir.path());
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    // The JSON report shows the hostile values did reach the report.
    let json = audit_json(AS_OF, &paths).json();
    let id_of = |field: &str, key: &str| -> Vec<String> {
        json[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o[key].as_str().unwrap().to_string())
            .collect()
    };
    let open = id_of("open_orders", "order_id");
    let pending = id_of("pending_messages", "message_id");
    for h in HOSTILE {
        assert!(open.contains(&format!("open{h}")), "{open:?}");
        assert!(pending.contains(&format!("wait{h}")), "{pending:?}");
    }
    for details in [false, true] {
        let extra: &[&str] = if details { &["--details"] } else { &[] };
        let p = page(&paths, extra);
        let tags = scan(&p);
        assert_self_contained(&p, &tags);
        for t in &tags {
            for (attr, _) in &t.attrs {
                assert!(!attr.starts_with("on"), "{t:?}");
            }
        }
        let mut shown = vec![
            "open", // act now
            "wait", // act now
        ];
        if details {
            shown.extend(["cancel", "late", "never"]);
        }
        for h in HOSTILE {
            for prefix in &shown {
                let value = format!("{prefix}{h}");
                assert!(
                    p.contains(&escaped(&value)),
                    "{value:?} not shown (escaped) with details={details}"
                );
                if value.contains(['<', '>', '"', '&']) {
                    assert!(!p.contains(&value), "{value:?} unescaped");
                }
            }
        }
        if details {
            // Every item of every metric, the package ids (order id and
            // tracking number, as normalised) among them.
            let mut packages = 0;
            for m in json["metrics"].as_array().unwrap() {
                for item in m["items"].as_array().unwrap() {
                    let item = item.as_str().unwrap();
                    assert!(p.contains(&escaped(item)), "{item:?} not shown");
                    if item.contains(['<', '>', '"', '&']) {
                        assert!(!p.contains(item), "{item:?} unescaped");
                    }
                    packages += usize::from(item.contains(":TRACK"));
                }
            }
            assert!(packages >= HOSTILE.len(), "{packages} packages");
        }
        // File names, in the inputs list and in the reader's warning.
        for f in &files {
            let name = f.file_name().unwrap().to_str().unwrap();
            assert!(p.contains(&escaped(name)), "{name:?} not shown");
            assert!(!p.contains(name), "{name:?} unescaped");
        }
        assert!(p.contains("row skipped"), "the malformed row's warning");
        // Nothing closed the style or title early.
        assert_eq!(p.matches("</style>").count(), 1);
        assert_eq!(p.matches("</title>").count(), p.matches("<title>").count());
    }
}

#[test]
fn act_now_and_items_are_capped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut orders = String::from(
        "order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t\
         is-buyer-requested-cancellation\tlatest-ship-date\n",
    );
    for n in 0..1_203 {
        orders.push_str(&format!(
            "111-0000000-{n:07}\t2026-11-19T10:00:00+00:00\t2026-11-19T10:00:00+00:00\tUnshipped\tMerchant\tfalse\t2026-11-23\n"
        ));
        orders.push_str(&format!(
            "112-0000000-{n:07}\t2026-11-18T10:00:00+00:00\t2026-11-18T11:00:00+00:00\tCancelled\tMerchant\tfalse\t2026-11-19\n"
        ));
    }
    let path = dir.path().join("orders.txt");
    fs::write(&path, orders).unwrap();
    // Act now: 10 shown of 1,203, the rest counted (SPEC §9.1).
    let brief = page(&[&path], &[]);
    scan(&brief);
    assert_eq!(brief.matches("<li><code>111-0000000-").count(), 10);
    assert!(
        brief.contains("…and 1,193 more (to see them all: add --details, or use --format json)")
    );
    // With --details every entry is listed, and items are capped at 1,000.
    let p = page(&[&path], &["--details"]);
    scan(&p);
    assert_eq!(p.matches("<li><code>111-0000000-").count(), 1_203);
    assert_eq!(p.matches("<td><code>112-0000000-").count(), 1_000);
    assert!(p.contains("Showing the first 1,000 of 1,203;"));
}

#[test]
fn breakdown_pages_are_self_contained_and_escape_hostile_keys() {
    let breakdown = fixtures().join("breakdown");
    for dir in [example(), breakdown.clone()] {
        let p = page(&[&dir], &["--by", "sku,ship-state,carrier"]);
        let tags = scan(&p);
        assert_self_contained(&p, &tags);
        assert!(p.contains("Where the defects are (by SKU)"));
    }
    // A SKU and a carrier holding markup: shown as text, never as tags.
    let tmp = tempfile::tempdir().unwrap();
    for name in ["all-orders.txt", "shipments.txt"] {
        let text = std::fs::read_to_string(breakdown.join(name)).unwrap();
        let text = text
            .replace("SKU-MUG-01", "<script>alert(1)</script>")
            .replace("\tUPS\t", "\t<img src=x>\t");
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    let p = page(&[tmp.path()], &["--by", "sku,carrier"]);
    let tags = scan(&p);
    assert_self_contained(&p, &tags);
    assert!(p.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!p.contains("<script") && !p.contains("<img"));
}

#[test]
fn each_metric_row_has_a_30_day_trend_line_unless_no_trend() {
    let example = fixtures().join("example-us").join("reports");
    let p = page(&[&example], &[]);
    scan(&p);
    // One line per metric row with data on some day (the 11 rows of the report).
    assert_eq!(p.matches("<figure class=\"trend\">").count(), 11, "{p}");
    assert!(p.contains("30-day trend from 2026-10-22:"));
    // The response time (7 days) was good on the as-of day: the line ends at 100.00%.
    assert!(p.contains("100.00% on the as-of day"));
    let without = page(&[&example], &["--no-trend"]);
    assert_eq!(without.matches("<figure class=\"trend\">").count(), 0);
    // The JSON report is not changed by the page's trend lines.
    let a = run([
        "audit",
        "--json",
        "-q",
        "--as-of",
        AS_OF,
        example.to_str().unwrap(),
    ]);
    assert!(!a.stdout.contains("trend_lines"));
}

//! `--format html` (SPEC §14): the [`Document`] as one self-contained page to
//! open in a browser, print on A4 or forward — no script, no external
//! resource, a Content-Security-Policy that forbids every fetch, CSS inline
//! and each bullet chart an inline SVG with its numbers also written out.
//!
//! Every value that reaches the page goes through `maud`, which escapes it;
//! no markup is ever built by joining strings. The page says what the
//! Document says; the [`Report`] supplies the numbers the charts draw.
//!
//! The page is a sequence of sections (see [`page`]); trend lines, breakdown
//! bars, the Amazon comparison and the changes since the last snapshot have
//! marked places there, to fill once those features exist.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::amazon::AmazonBlock;
use super::contract::{input_kind_key, scope_key, status_key, Condition, MetricReport};
use super::document::{self, BreakdownBlock, Document, FamilySection, Group, Tips};
use super::metric_words::vocab;
use super::words::{self, clean, status_word};
use super::{Render, RenderOptions, Report};
use crate::metrics::status::Status;
use crate::policy::{MetricId, Ratio};
use crate::text::{grouped, percent, percent_number, plural, upper_first};

/// Items listed per metric window with `--details` (SPEC §14).
const ITEMS_CAP: usize = 1000;

/// No fetch of any kind: styles only from the page itself, images only as
/// `data:` (the empty icon that stops a browser asking for `/favicon.ico`).
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// `--format html`. The warning band of each chart depends on `--warn-at`,
/// which the report does not carry, so the renderer is given it.
pub struct Html {
    warn_at: Ratio,
}

impl Html {
    pub fn new(warn_at: Ratio) -> Html {
        Html { warn_at }
    }
}

impl Render for Html {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        let doc = Document::build(report, options);
        let mut out = page(&doc, report, self.warn_at, options.details).into_string();
        out.push('\n');
        out
    }
}

/// The whole page, section by section.
fn page(doc: &Document<'_>, report: &Report, warn_at: Ratio, details: bool) -> Markup {
    let h = &doc.headline;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="generator" content=(clean(&doc.generator));
                title {
                    "Account health: " (status_word(h.status)) " – as of " (clean(&report.as_of))
                    ", marketplace " (clean(&report.marketplace))
                }
                link rel="icon" href="data:,";
                style {
                    (PreEscaped(CSS))
                    @if report.metrics.iter().any(|m| m.breakdown.is_some()) {
                        (PreEscaped(BREAKDOWN_CSS))
                    }
                }
            }
            body {
                (headline(doc, report))
                main {
                    (act_now(&doc.act_now))
                    @if !doc.metrics.is_empty() {
                        (overview(doc, report))
                    }
                    @if let Some(a) = &doc.amazon {
                        (amazon(a))
                    }
                    // Issue 12 (trend): a section of 30-day trend lines, one
                    // per metric with its target line, goes here (`--no-trend`
                    // leaves it out).
                    @if !doc.metrics.is_empty() {
                        (cards(doc, report, warn_at, details))
                    }
                    @if let Some(since) = &doc.since {
                        section #since aria-labelledby="since-h" {
                            h2 #since-h { (since.title) }
                            ul {
                                @for line in &since.lines { li { (clean(line)) } }
                            }
                        }
                    }
                    (not_measured(&doc.not_measured))
                }
                footer {
                    p { (doc.footer) }
                    p { "Written by " (clean(&doc.generator)) "." }
                }
            }
        }
    }
}

/// Status, as-of day, zone, marketplace and inputs.
fn headline(doc: &Document<'_>, report: &Report) -> Markup {
    let h = &doc.headline;
    html! {
        header class=(format!("headline s-{}", status_key(h.status))) {
            h1 { "Account health: " (badge(h.status)) }
            p.summary { (upper_first(&h.summary)) "." }
            p { (h.scope) }
            details.inputs {
                summary { (h.inputs) }
                @if !report.inputs.is_empty() {
                    table {
                        caption.sr { "Files read" }
                        thead {
                            tr {
                                th scope="col" { "File" }
                                th scope="col" { "Kind" }
                                th scope="col" class="num" { "Rows" }
                                th scope="col" class="num" { "Skipped" }
                            }
                        }
                        tbody {
                            @for i in &report.inputs {
                                tr {
                                    td.file { code { (clean(&i.path)) } }
                                    td { (input_kind_key(i.kind)) }
                                    td.num data-label="Rows" { (grouped(i.rows)) }
                                    td.num data-label="Skipped" { (grouped(i.skipped_rows)) }
                                }
                            }
                        }
                    }
                }
                @if !report.warnings.is_empty() {
                    p { "Warnings while reading and measuring:" }
                    ul.warnings {
                        @for w in &report.warnings {
                            li { (clean(w)) }
                        }
                    }
                }
            }
        }
    }
}

/// The act-now groups, capped as the Document caps them (all with `--details`).
fn act_now(groups: &[Group]) -> Markup {
    if groups.is_empty() {
        return html! {};
    }
    html! {
        section #act-now aria-labelledby="act-now-h" {
            h2 #act-now-h { "Act now" }
            @for g in groups {
                h3 { (g.title) }
                ul.entries {
                    @for e in &g.entries {
                        li { code { (clean(&e.id)) } ": " (e.text) }
                    }
                }
                @if let Some(more) = &g.more {
                    p.more { (more) }
                }
            }
        }
    }
}

/// The metric table: one row per metric and window, each linking to its card.
fn overview(doc: &Document<'_>, report: &Report) -> Markup {
    html! {
        section #metrics aria-labelledby="metrics-h" {
            h2 #metrics-h { "Metrics" }
            table.overview {
                thead {
                    tr {
                        th scope="col" { "Metric" }
                        th scope="col" { "Fulfilled by" }
                        th scope="col" { "Window" }
                        th scope="col" class="num" { "Value" }
                        th scope="col" { "Target" }
                        th scope="col" { "Status" }
                        th scope="col" class="num" { "Defects" }
                    }
                }
                tbody {
                    @for (row, m) in doc.metrics.iter().zip(&report.metrics) {
                        tr {
                            th scope="row" { a href=(format!("#{}", anchor(m))) { (row.name) } }
                            td.by data-label="Fulfilled by" { (row.fulfilled_by) }
                            td.period data-label="Window" {
                                (row.window.days) " d to " (clean(&row.window.to))
                            }
                            td.num.value data-label="Value" { (row.value) }
                            td.target data-label="Target" { (row.target) }
                            td.status data-label="Status" { (badge(row.status)) }
                            td.num.defects data-label="Defects" {
                                (grouped(row.defects)) " of " (grouped(row.total))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One card per metric family, in report order.
fn cards(doc: &Document<'_>, report: &Report, warn_at: Ratio, details: bool) -> Markup {
    html! {
        section #by-metric aria-labelledby="by-metric-h" {
            h2 #by-metric-h { "Metric by metric" }
            div.cards {
                @for (metric, windows) in families(report) {
                    (card(metric, &windows, doc.families.iter().find(|f| f.title == metric.title()), warn_at, details))
                }
            }
        }
    }
}

/// The report's metrics grouped by family, in order.
fn families(report: &Report) -> Vec<(MetricId, Vec<&MetricReport>)> {
    let mut out: Vec<(MetricId, Vec<&MetricReport>)> = Vec::new();
    for m in &report.metrics {
        match out.last_mut() {
            Some((id, windows)) if *id == m.metric => windows.push(m),
            _ => out.push((m.metric, vec![m])),
        }
    }
    out
}

fn card(
    metric: MetricId,
    windows: &[&MetricReport],
    section: Option<&FamilySection>,
    warn_at: Ratio,
    details: bool,
) -> Markup {
    let status = windows
        .iter()
        .map(|m| m.status)
        .max()
        .unwrap_or(Status::NoData);
    let target = windows
        .first()
        .map(|m| words::target_sentence(m))
        .unwrap_or_default();
    html! {
        article class=(format!("card s-{}", status_key(status))) id=(metric.as_str()) {
            h3 { (metric.title()) " " (badge(status)) }
            p.target { "Target: " (target) }
            @for m in windows {
                (window(m, warn_at, details))
            }
            @for f in section.map_or(&[][..], |s| s.focus.as_slice()) {
                p.focus { (f) }
            }
            @if let Some(tips) = section.and_then(|s| s.tips.as_ref()) {
                (tips_block(tips))
            }
        }
    }
}

/// One window of a card: its chart, counts, headroom and forecast, and with
/// `--details` the items behind the count.
fn window(m: &MetricReport, warn_at: Ratio, details: bool) -> Markup {
    let label = words::window_label(m);
    let headroom = (m.status != Status::NoData)
        .then(|| words::headroom_sentence(m))
        .flatten();
    let small = (m.status != Status::Good)
        .then(|| words::small_sample_sentence(m))
        .flatten();
    html! {
        div.window id=(anchor(m)) {
            h4 { (label) " " (badge(m.status)) }
            (chart(m, &label, warn_at))
            p { (words::measure_sentence(m)) }
            @if let Some(h) = headroom { p { (h) } }
            @if let Some(s) = small { p.note { (s) } }
            @if let Some(f) = words::forecast_sentence(m) { p { (f) } }
            @for b in document::breakdown_blocks(m) { (breakdown(&b)) }
            @if details && !m.details.is_empty() { (items(m)) }
        }
    }
}

/// `Where the defects are (by SKU)`: each group with a bar of its share of
/// the defects (inline SVG), its key and its figures.
fn breakdown(b: &BreakdownBlock) -> Markup {
    html! {
        div.breakdown {
            p.breakdown-title { (b.title) }
            ul {
                @for r in &b.rows {
                    li {
                        svg.share role="img" viewBox="0 0 100 6" preserveAspectRatio="none" {
                            title { (format!("{}: {:.0}% of the defects", r.key, r.share * 100.0)) }
                            rect.bar x="0" y="0" width=(coord(r.share.clamp(0.0, 1.0) * 100.0)) height="6" {}
                        }
                        code { (r.key) } ": " (r.text)
                    }
                }
            }
        }
    }
}

/// A bullet chart: the bands of the target (good, warning, bad), the value as
/// a bar and the target as a line; its numbers in its title and beneath it.
fn chart(m: &MetricReport, label: &str, warn_at: Ratio) -> Markup {
    let Some(rate) = m.rate else {
        return html! {};
    };
    let t = m.target.value;
    let r = warn_at.as_f64();
    let (lo, hi, bands, band_words) = match m.target.condition {
        Condition::Below => {
            let hi = nice_ceil(rate.max(t) * 1.2).min(1.0);
            let warn = r * t;
            (
                0.0,
                hi,
                vec![(0.0, warn, "good"), (warn, t, "warning"), (t, hi, "bad")],
                format!("warning from {}", percent_number(warn)),
            )
        }
        Condition::AtLeast => {
            let warn = 1.0 - r * (1.0 - t);
            let low = rate.min(t);
            let lo = (((low - ((1.0 - low) / 2.0).max(0.025)) * 20.0).floor() / 20.0).max(0.0);
            (
                lo,
                1.0,
                vec![(lo, t, "bad"), (t, warn, "warning"), (warn, 1.0, "good")],
                format!("warning at {} or less", percent_number(warn)),
            )
        }
        Condition::Zero => {
            let hi = nice_ceil(rate.max(0.01) * 1.2).min(1.0);
            (
                0.0,
                hi,
                vec![(0.0, hi, "warning")],
                "any defect is a warning".to_string(),
            )
        }
    };
    let span = (hi - lo).max(f64::EPSILON);
    let x = |v: f64| ((v - lo) / span).clamp(0.0, 1.0) * 100.0;
    let value = percent(Some(rate));
    let summary = format!(
        "{value} against a target {}; {band_words}",
        target_phrase(m)
    );
    let title = format!(
        "{}, {label}: {summary}. Status: {}.",
        m.metric.title(),
        status_word(m.status)
    );
    html! {
        figure.chart {
            svg.bullet role="img" viewBox="0 0 100 14" preserveAspectRatio="none" {
                title { (title) }
                @for (from, to, class) in &bands {
                    @if x(*to) > x(*from) {
                        rect class=(format!("band-{class}")) x=(coord(x(*from))) y="0"
                            width=(coord(x(*to) - x(*from))) height="14" {}
                    }
                }
                rect.bar x="0" y="5" width=(coord(x(rate))) height="4" {}
                line.mark x1=(coord(x(t))) x2=(coord(x(t))) y1="1" y2="13"
                    vector-effect="non-scaling-stroke" {}
            }
            div.axis aria-hidden="true" {
                span { (percent_number(lo)) }
                span { (percent_number(hi)) }
            }
            figcaption { (upper_first(&summary)) "." }
        }
    }
}

/// `under 1%` / `of at least 95%` / `of none at all`, after "a target".
fn target_phrase(m: &MetricReport) -> String {
    let s = words::target_sentence(m);
    match m.target.condition {
        Condition::Below => s,
        Condition::AtLeast | Condition::Zero => format!("of {s}"),
    }
}

/// A coordinate of the chart's 0–100 box.
fn coord(v: f64) -> String {
    format!("{v:.2}")
}

/// The smallest 1, 2, 2.5 or 5 times a power of ten at or above `v` (> 0).
fn nice_ceil(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.01;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|c| *c >= v * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

/// The items of a window with `--details`, at most [`ITEMS_CAP`].
fn items(m: &MetricReport) -> Markup {
    let v = vocab(m.metric);
    let n = m.details.len() as u64;
    html! {
        details.items open {
            summary {
                "The " (plural(n, v.item.0, v.item.1)) " behind this count"
            }
            table {
                thead {
                    tr {
                        th scope="col" { (upper_first(v.item.0)) }
                        th scope="col" { "Why it counts" }
                    }
                }
                tbody {
                    @for d in m.details.iter().take(ITEMS_CAP) {
                        tr {
                            td { code { (clean(&d.id)) } }
                            td { (clean(&d.why)) }
                        }
                    }
                }
            }
            @if m.details.len() > ITEMS_CAP {
                p.more {
                    "Showing the first " (grouped(ITEMS_CAP as u64)) " of " (grouped(m.details.len() as u64))
                    "; the JSON report (--format json) lists every one in its items."
                }
            }
        }
    }
}

/// A family's tips, as the Document numbers them across the report.
fn tips_block(tips: &Tips) -> Markup {
    match tips {
        Tips::Earlier(earlier) => html! {
            p.tips-ref { "What helps: " (tip_links(earlier)) " above." }
        },
        Tips::New { new, also } => html! {
            details.tips {
                summary { "What helps (" (plural(new.len() as u64, "tip", "tips")) ")" }
                ol {
                    @for (n, tip) in new {
                        li id=(format!("tip-{n}")) value=(n) { (tip) }
                    }
                }
                @if !also.is_empty() {
                    p.tips-ref { "Also " (tip_links(also)) " above." }
                }
            }
        },
    }
}

/// `tip 3` / `tips 3, 7 and 12`, each number a link to its tip.
fn tip_links(ns: &[usize]) -> Markup {
    html! {
        @if ns.len() == 1 { "tip " } @else { "tips " }
        @for (i, n) in ns.iter().enumerate() {
            @if i > 0 {
                @if i + 1 == ns.len() { " and " } @else { ", " }
            }
            a href=(format!("#tip-{n}")) { (n) }
        }
    }
}

/// Amazon's Account Health report beside ours.
fn amazon(a: &AmazonBlock) -> Markup {
    html! {
        section #amazon aria-labelledby="amazon-h" {
            h2 #amazon-h { "Amazon's Account Health report" }
            p { (clean(&a.summary)) }
            table.overview {
                thead {
                    tr {
                        th scope="col" { "Metric" }
                        th scope="col" { "Fulfilled by" }
                        th scope="col" { "Amazon's window" }
                        th scope="col" class="num" { "Amazon" }
                        th scope="col" class="num" { "Ours" }
                        th scope="col" class="num" { "Difference" }
                    }
                }
                tbody {
                    @for r in &a.rows {
                        tr {
                            th scope="row" { (r.name) }
                            td data-label="Fulfilled by" { (r.fulfilled_by) }
                            td data-label="Amazon's window" { (clean(&r.window)) }
                            td.num data-label="Amazon" { (clean(&r.amazon)) }
                            td.num data-label="Ours" { (r.ours) }
                            td.num data-label="Difference" { (r.difference) }
                        }
                    }
                }
            }
            ul {
                @for e in &a.explanations { li { (clean(e)) } }
            }
            @if !a.policy.is_empty() {
                h3 { "Policy items with defects" }
                p { "Amazon's figures; sellerhealth cannot compute them." }
                ul {
                    @for p in &a.policy { li { (clean(p)) } }
                }
            }
        }
    }
}

fn not_measured(lines: &[String]) -> Markup {
    if lines.is_empty() {
        return html! {};
    }
    html! {
        section #not-measured aria-labelledby="not-measured-h" {
            h2 #not-measured-h { "Not measured" }
            ul {
                @for line in lines { li { (line) } }
            }
        }
    }
}

/// The status in words, coloured by its class.
fn badge(s: Status) -> Markup {
    html! {
        span class=(format!("badge s-{}", status_key(s))) { (status_word(s)) }
    }
}

/// The fragment id of a metric window (`late_shipment_rate-mfn-10`).
fn anchor(m: &MetricReport) -> String {
    format!(
        "{}-{}-{}",
        m.metric.as_str(),
        scope_key(m.channel),
        m.window.days
    )
}

/// The style of `--by` breakdowns (only on pages that have them).
const BREAKDOWN_CSS: &str = r#"
.breakdown-title { font-weight: 600; margin-bottom: 0; }
.breakdown ul { list-style: none; padding-left: 0; }
.breakdown li { margin: .3rem 0; }
.share { display: block; width: 100%; max-width: 16rem; height: .5rem; background: var(--bg); }
.focus { font-weight: 600; }
"#;

/// The page's style: light and dark schemes, 360–1920 px, A4 print.
const CSS: &str = r#"
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2125; --muted: #5a6169; --line: #d7dbe0; --card: #f7f8fa; --link: #0b57a4;
  --good: #17692f; --good-bg: #dcf2e3; --warning: #7a4f00; --warning-bg: #fff0c2;
  --bad: #b3261e; --bad-bg: #fde3e0; --no_data: #5a6169; --no_data-bg: #eceef1;
  --band-good: #cde9d5; --band-warning: #fae2a0; --band-bad: #f5c4be; --bar: #1d2125; --target: #1d2125;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171a; --fg: #e6e8eb; --muted: #a3a9b1; --line: #3a4047; --card: #1d2125; --link: #8cc4ff;
    --good: #6fd68b; --good-bg: #173524; --warning: #f2c651; --warning-bg: #3b3010;
    --bad: #ff8a7d; --bad-bg: #4a1b1a; --no_data: #a3a9b1; --no_data-bg: #2a2e33;
    --band-good: #21503a; --band-warning: #5f4b14; --band-bad: #663030; --bar: #f4f6f8; --target: #ffffff;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 76rem; padding: 1rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  background: var(--bg); color: var(--fg); overflow-wrap: break-word;
}
h1 { font-size: 1.6rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1rem 0 .4rem; }
h4 { font-size: 1rem; margin: .9rem 0 .3rem; }
p { margin: .35rem 0; }
a { color: var(--link); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }
ul, ol { padding-left: 1.4rem; margin: .35rem 0; }
li { margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
thead th { font-size: .85rem; color: var(--muted); font-weight: 600; border-bottom-width: 2px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.badge {
  display: inline-block; padding: 0 .55em; border-radius: 1em; border: 1px solid currentColor;
  font-size: .85em; font-weight: 700; line-height: 1.5; white-space: nowrap; vertical-align: .1em;
}
.badge.s-good { color: var(--good); background: var(--good-bg); }
.badge.s-warning { color: var(--warning); background: var(--warning-bg); }
.badge.s-bad { color: var(--bad); background: var(--bad-bg); }
.badge.s-no_data { color: var(--no_data); background: var(--no_data-bg); }
.headline { border-left: .5rem solid var(--line); padding: .75rem 1rem; border-radius: .5rem; background: var(--card); }
.headline.s-good { border-left-color: var(--good); }
.headline.s-warning { border-left-color: var(--warning); }
.headline.s-bad { border-left-color: var(--bad); }
.headline h1 .badge { font-size: 1.1rem; }
.summary { font-weight: 600; font-size: 1.05rem; }
details { margin: .4rem 0; }
summary { cursor: pointer; }
.inputs table { font-size: .9rem; }
.warnings { font-size: .9rem; color: var(--muted); }
.count { color: var(--muted); font-weight: 400; }
.more, .note { color: var(--muted); font-size: .92rem; }
.entries li { margin: .3rem 0; }
.overview th[scope="row"] { font-weight: 600; }
.overview td, .overview th { white-space: nowrap; }
.overview th[scope="row"] { white-space: normal; }
.cards { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr)); align-items: start; }
.card {
  min-width: 0; background: var(--card); border: 1px solid var(--line); border-left: .4rem solid var(--line);
  border-radius: .5rem; padding: .25rem 1rem .75rem;
}
.card.s-good { border-left-color: var(--good); }
.card.s-warning { border-left-color: var(--warning); }
.card.s-bad { border-left-color: var(--bad); }
.card .target { color: var(--muted); }
.window { border-top: 1px solid var(--line); margin-top: .6rem; }
.chart { margin: .4rem 0 .5rem; }
.bullet { display: block; width: 100%; height: 1.75rem; border-radius: .2rem; background: var(--bg); }
.band-good { fill: var(--band-good); }
.band-warning { fill: var(--band-warning); }
.band-bad { fill: var(--band-bad); }
.bar { fill: var(--bar); }
.mark { stroke: var(--target); stroke-width: 3px; }
.axis { display: flex; justify-content: space-between; font-size: .78rem; color: var(--muted); font-variant-numeric: tabular-nums; }
figcaption { font-size: .92rem; }
.items table { font-size: .9rem; background: var(--bg); }
.tips li { margin: .45rem 0; }
footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
@media screen and (max-width: 47.99rem) {
  body { padding: .75rem; }
  .overview thead, .inputs thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .inputs table, .inputs tbody { display: block; }
  .inputs tr { display: flex; flex-wrap: wrap; gap: 0 1rem; padding: .35rem 0; border-bottom: 1px solid var(--line); }
  .inputs td { border: 0; padding: 0; }
  .inputs td.file { flex-basis: 100%; }
  .inputs td.num::before { content: attr(data-label) " "; color: var(--muted); }
  .overview, .overview tbody { display: block; }
  .overview tr {
    display: grid; grid-template-columns: 1fr 1fr; gap: .15rem .75rem;
    grid-template-areas: "name name" "by window" "value target" "status defects";
    padding: .5rem 0; border-bottom: 1px solid var(--line);
  }
  .overview th[scope="row"] { grid-area: name; border: 0; padding: 0; }
  .overview td { display: flex; justify-content: space-between; gap: .5rem; border: 0; padding: 0; text-align: right; white-space: normal; }
  .overview td::before { content: attr(data-label); color: var(--muted); text-align: left; }
  .overview td.by { grid-area: by; justify-content: flex-start; }
  .overview td.period { grid-area: window; justify-content: flex-end; white-space: nowrap; }
  .overview td.period::before { content: none; }
  .overview td.value { grid-area: value; }
  .overview td.target { grid-area: target; }
  .overview td.status { grid-area: status; }
  .overview td.defects { grid-area: defects; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444b52; --line: #c4c9cf; --card: #ffffff; --link: #000000;
    --good: #17692f; --good-bg: #dcf2e3; --warning: #7a4f00; --warning-bg: #fff0c2;
    --bad: #b3261e; --bad-bg: #fde3e0; --no_data: #444b52; --no_data-bg: #eceef1;
    --band-good: #cde9d5; --band-warning: #fae2a0; --band-bad: #f5c4be; --bar: #000000; --target: #000000;
  }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { text-decoration: none; }
  .cards { display: block; }
  .card { margin: 0 0 .6rem; }
  .window, tr, li, figure { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; font-weight: 600; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scale_ends() {
        assert!((nice_ceil(0.012) - 0.02).abs() < 1e-12);
        assert!((nice_ceil(0.2) - 0.2).abs() < 1e-12);
        assert!((nice_ceil(0.436) - 0.5).abs() < 1e-12);
        assert!((nice_ceil(0.021) - 0.025).abs() < 1e-12);
        assert!((nice_ceil(0.0) - 0.01).abs() < 1e-12);
    }
}

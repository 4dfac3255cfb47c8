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

use super::contract::{input_kind_key, scope_key, status_key, MetricReport, TrendLine};
use super::document::{self, Document, FamilySection, Group, Tips};
use super::html_chart::{chart, trend_line};
use super::html_sections::{amazon, breakdown, items};
use super::words::{self, clean, status_word};
use super::{Render, RenderOptions, Report};
use crate::metrics::status::Status;
use crate::policy::{MetricId, Ratio};
use crate::text::{grouped, plural, upper_first};

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

/// Element ids of one report on a page: prefixed when a page holds several
/// reports (SPEC §12), so that every id and link stays unique.
pub(super) struct Ids(pub(super) String);

impl Ids {
    pub(super) fn of(&self, name: &str) -> String {
        format!("{}{name}", self.0)
    }

    fn link(&self, name: &str) -> String {
        format!("#{}{name}", self.0)
    }
}

/// The whole page, section by section.
fn page(doc: &Document<'_>, report: &Report, warn_at: Ratio, details: bool) -> Markup {
    let h = &doc.headline;
    let title = format!(
        "Account health: {} – as of {}, marketplace {}",
        status_word(h.status),
        clean(&report.as_of),
        clean(&report.marketplace)
    );
    let breakdown = report.metrics.iter().any(|m| m.breakdown.is_some());
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(&title, &doc.generator, breakdown))
            body {
                (report_body(doc, report, warn_at, details, &Ids(String::new())))
                (footer(doc))
            }
        }
    }
}

/// The `<head>`: the policy that forbids every fetch, the title and the style.
pub(super) fn head(title: &str, generator: &str, breakdown: bool) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta http-equiv="Content-Security-Policy" content=(CSP);
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="color-scheme" content="light dark";
            meta name="generator" content=(clean(generator));
            title { (title) }
            link rel="icon" href="data:,";
            style {
                (PreEscaped(CSS))
                @if breakdown {
                    (PreEscaped(BREAKDOWN_CSS))
                }
            }
        }
    }
}

pub(super) fn footer(doc: &Document<'_>) -> Markup {
    html! {
        footer {
            p { (doc.footer) }
            p { "Written by " (clean(&doc.generator)) "." }
        }
    }
}

/// One report: its headline, then its sections.
pub(super) fn report_body(
    doc: &Document<'_>,
    report: &Report,
    warn_at: Ratio,
    details: bool,
    ids: &Ids,
) -> Markup {
    html! {
        (headline(doc, report))
        main {
            (act_now(&doc.act_now, ids))
            @if !doc.metrics.is_empty() {
                (overview(doc, report, ids))
            }
            @if let Some(a) = &doc.amazon {
                (amazon(a, ids))
            }
            @if !doc.metrics.is_empty() {
                (cards(doc, report, warn_at, details, ids))
            }
            @if let Some(since) = &doc.since {
                section id=(ids.of("since")) aria-labelledby=(ids.of("since-h")) {
                    h2 id=(ids.of("since-h")) { (since.title) }
                    ul {
                        @for line in &since.lines { li { (clean(line)) } }
                    }
                }
            }
            (not_measured(&doc.not_measured, ids))
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
fn act_now(groups: &[Group], ids: &Ids) -> Markup {
    if groups.is_empty() {
        return html! {};
    }
    html! {
        section id=(ids.of("act-now")) aria-labelledby=(ids.of("act-now-h")) {
            h2 id=(ids.of("act-now-h")) { "Act now" }
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
fn overview(doc: &Document<'_>, report: &Report, ids: &Ids) -> Markup {
    html! {
        section id=(ids.of("metrics")) aria-labelledby=(ids.of("metrics-h")) {
            h2 id=(ids.of("metrics-h")) { "Metrics" }
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
                            th scope="row" { a href=(ids.link(&anchor(m))) { (row.name) } }
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
fn cards(doc: &Document<'_>, report: &Report, warn_at: Ratio, details: bool, ids: &Ids) -> Markup {
    html! {
        section id=(ids.of("by-metric")) aria-labelledby=(ids.of("by-metric-h")) {
            h2 id=(ids.of("by-metric-h")) { "Metric by metric" }
            div.cards {
                @for (metric, windows) in families(report) {
                    (card(metric, &windows, doc.families.iter().find(|f| f.title == metric.title()), &report.trend_lines, (warn_at, details), ids))
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
    trend: &[TrendLine],
    (warn_at, details): (Ratio, bool),
    ids: &Ids,
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
        article class=(format!("card s-{}", status_key(status))) id=(ids.of(metric.as_str())) {
            h3 { (metric.title()) " " (badge(status)) }
            p.target { "Target: " (target) }
            @for m in windows {
                (window(m, trend, (warn_at, details), ids))
            }
            @for f in section.map_or(&[][..], |s| s.focus.as_slice()) {
                p.focus { (f) }
            }
            @if let Some(tips) = section.and_then(|s| s.tips.as_ref()) {
                (tips_block(tips, ids))
            }
        }
    }
}

/// One window of a card: its chart, counts, headroom and forecast, and with
/// `--details` the items behind the count.
fn window(
    m: &MetricReport,
    trend: &[TrendLine],
    (warn_at, details): (Ratio, bool),
    ids: &Ids,
) -> Markup {
    let line = trend
        .iter()
        .find(|l| l.metric == m.metric && l.channel == m.channel && l.window_days == m.window.days);
    let label = words::window_label(m);
    let headroom = (m.status != Status::NoData)
        .then(|| words::headroom_sentence(m))
        .flatten();
    let small = (m.status != Status::Good)
        .then(|| words::small_sample_sentence(m))
        .flatten();
    html! {
        div.window id=(ids.of(&anchor(m))) {
            h4 { (label) " " (badge(m.status)) }
            (chart(m, &label, warn_at))
            @if let Some(line) = line { (trend_line(m, line, &label)) }
            p { (words::measure_sentence(m)) }
            @if let Some(h) = headroom { p { (h) } }
            @if let Some(s) = small { p.note { (s) } }
            @if let Some(f) = words::forecast_sentence(m) { p { (f) } }
            @for b in document::breakdown_blocks(m) { (breakdown(&b)) }
            @if details && !m.details.is_empty() { (items(m)) }
        }
    }
}

/// A family's tips, as the Document numbers them across the report.
fn tips_block(tips: &Tips, ids: &Ids) -> Markup {
    match tips {
        Tips::Earlier(earlier) => html! {
            p.tips-ref { "What helps: " (tip_links(earlier, ids)) " above." }
        },
        Tips::New { new, also } => html! {
            details.tips {
                summary { "What helps (" (plural(new.len() as u64, "tip", "tips")) ")" }
                ol {
                    @for (n, tip) in new {
                        li id=(ids.of(&format!("tip-{n}"))) value=(n) { (tip) }
                    }
                }
                @if !also.is_empty() {
                    p.tips-ref { "Also " (tip_links(also, ids)) " above." }
                }
            }
        },
    }
}

/// `tip 3` / `tips 3, 7 and 12`, each number a link to its tip.
fn tip_links(ns: &[usize], ids: &Ids) -> Markup {
    html! {
        @if ns.len() == 1 { "tip " } @else { "tips " }
        @for (i, n) in ns.iter().enumerate() {
            @if i > 0 {
                @if i + 1 == ns.len() { " and " } @else { ", " }
            }
            a href=(ids.link(&format!("tip-{n}"))) { (n) }
        }
    }
}

fn not_measured(lines: &[String], ids: &Ids) -> Markup {
    if lines.is_empty() {
        return html! {};
    }
    html! {
        section id=(ids.of("not-measured")) aria-labelledby=(ids.of("not-measured-h")) {
            h2 id=(ids.of("not-measured-h")) { "Not measured" }
            ul {
                @for line in lines { li { (line) } }
            }
        }
    }
}

/// The status in words, coloured by its class.
pub(super) fn badge(s: Status) -> Markup {
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
const CSS: &str = include_str!("html.css");

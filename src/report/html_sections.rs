//! Parts of the HTML page that stand on their own: a window's breakdown bars
//! and its items (`--details`), and the Amazon comparison section. Every value
//! goes through `maud`, as in [`super::html`].

use maud::{html, Markup};

use super::amazon::AmazonBlock;
use super::contract::MetricReport;
use super::document::BreakdownBlock;
use super::html::Ids;
use super::html_chart::coord;
use super::metric_words::vocab;
use super::words::clean;
use crate::text::{grouped, plural, upper_first};

/// Items listed per metric window with `--details` (SPEC §14).
const ITEMS_CAP: usize = 1000;

/// `Where the defects are (by SKU)`: each group with a bar of its share of
/// the defects (inline SVG), its key and its figures.
pub(super) fn breakdown(b: &BreakdownBlock) -> Markup {
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

/// The items of a window with `--details`, at most [`ITEMS_CAP`].
pub(super) fn items(m: &MetricReport) -> Markup {
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

/// Amazon's Account Health report beside ours.
pub(super) fn amazon(a: &AmazonBlock, ids: &Ids) -> Markup {
    html! {
        section id=(ids.of("amazon")) aria-labelledby=(ids.of("amazon-h")) {
            h2 id=(ids.of("amazon-h")) { "Amazon's Account Health report" }
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

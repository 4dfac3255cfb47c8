//! Several audits on one page (SPEC §12): the summary (with `--accounts`, the
//! grid) as a table, then each report shown in its own article, with every
//! element id prefixed so that ids and links stay unique. Every value still
//! goes through `maud`.

use maud::{html, DOCTYPE};

use super::document::Document;
use super::html::{badge, footer, head, report_body, Ids};
use super::summary::{cells, header, Line};
use super::words::clean;
use super::RenderOptions;
use crate::metrics::status::Status;
use crate::policy::Ratio;

/// The page of a run of several audits; `shown` says which reports follow
/// the summary (with `--accounts`, those not good unless `--full`).
pub fn render_many(
    lines: &[Line<'_>],
    grid: bool,
    shown: &dyn Fn(&Line<'_>) -> bool,
    warn_at: Ratio,
    options: &RenderOptions,
) -> String {
    let docs: Vec<Option<Document<'_>>> = lines
        .iter()
        .map(|l| {
            l.outcome
                .ok()
                .filter(|_| shown(l))
                .map(|r| Document::build(r, options))
        })
        .collect();
    let generator = lines.iter().find_map(|l| l.outcome.ok()).map_or_else(
        || format!("sellerhealth {}", env!("CARGO_PKG_VERSION")),
        |r| r.generator.clone(),
    );
    let breakdown = lines
        .iter()
        .filter_map(|l| l.outcome.ok())
        .any(|r| r.metrics.iter().any(|m| m.breakdown.is_some()));
    let what = if grid { "accounts" } else { "marketplaces" };
    let title = format!("Account health: {} audits ({what})", lines.len());
    let status_column = usize::from(grid) + 1;
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            (head(&title, &generator, breakdown))
            body {
                header.headline {
                    h1 { (title) }
                    p { "One line per audit below, then the report of each "
                        @if grid { "account that is not good." } @else { "marketplace." } }
                }
                main {
                    section #summary aria-labelledby="summary-h" {
                        h2 #summary-h { "Summary" }
                        table.overview.summary {
                            thead {
                                tr { @for h in header(grid) { th scope="col" { (h) } } }
                            }
                            tbody {
                                @for (n, line) in lines.iter().enumerate() {
                                    tr {
                                        @for (i, cell) in cells(line, grid, options).iter().enumerate() {
                                            @if i == 0 {
                                                th scope="row" {
                                                    @if docs.get(n).is_some_and(Option::is_some) {
                                                        a href=(format!("#a{n}")) { (cell) }
                                                    } @else { (cell) }
                                                }
                                            } @else if i == status_column {
                                                td data-label=(header(grid)[i]) {
                                                    @match line.outcome {
                                                        Ok(r) => (badge(r.status)),
                                                        Err(_) => (badge_error()),
                                                    }
                                                }
                                            } @else {
                                                td data-label=(header(grid)[i]) { (cell) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @for (n, (line, doc)) in lines.iter().zip(&docs).enumerate() {
                        @if let (Ok(report), Some(doc)) = (line.outcome, doc) {
                            article.audit id=(format!("a{n}")) aria-label=(line.title()) {
                                p.audit-title { strong { (clean(&line.title())) } }
                                (report_body(doc, report, warn_at, options.details, &Ids(format!("a{n}-"))))
                            }
                        }
                    }
                }
                @if let Some(doc) = docs.iter().flatten().next() {
                    (footer(doc))
                } @else {
                    footer { p { "Written by " (clean(&generator)) "." } }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// An account that could not be audited, in words as every status is.
fn badge_error() -> maud::Markup {
    html! { span class=(format!("badge s-{}", super::contract::status_key(Status::Bad))) { "error" } }
}

//! `--format csv`: one row per metric and window, for spreadsheets.
//!
//! The columns follow the JSON fields of a metric in order, nested objects
//! flattened with `_` (`window_from`, `target_value`, `components_…`,
//! `forecast_recovers_on`); lists are joined in one cell (items with a space,
//! tips with ` | `); the report's `as_of` ends each row. A cell that a
//! spreadsheet would read as a formula (starting with `=`, `+`, `-` or `@`, or
//! a tab or carriage return) is prefixed with `'`, so an id taken from an
//! input file can never run as one. Control characters in a cell are shown
//! escaped (`\u{1b}`), as in the other human formats (SPEC §15).
//!
//! With `--by`, a second table follows after one blank line (as a spreadsheet
//! shows two tables on one sheet): [`BREAKDOWN_COLUMNS`], one row per group
//! of every metric, window and dimension, in the JSON's order.
//!
//! Both tables end with `account` and `marketplace`: a run of several audits
//! (SPEC §12) prints one CSV whose rows tell them apart.

use super::contract::{condition_key, scope_key, status_key, MetricReport};
use super::{Render, RenderOptions, Report};
use crate::text::sanitize;

pub struct Csv;

/// The header, in the order of the JSON fields of a metric.
pub const COLUMNS: [&str; 27] = [
    "metric",
    "channel",
    "window_from",
    "window_to",
    "window_days",
    "defects",
    "total",
    "rate",
    "target_condition",
    "target_value",
    "status",
    "components_negative_feedback_defects",
    "components_negative_feedback_rate",
    "components_a_to_z_claims_defects",
    "components_a_to_z_claims_rate",
    "components_chargebacks_defects",
    "components_chargebacks_rate",
    "average_response_hours",
    "items",
    "tips",
    "clean_items_to_recover",
    "defects_to_breach",
    "small_sample",
    // The one scalar of `forecast`: the day a `bad` window is back within target.
    "forecast_recovers_on",
    // Not a JSON field of the metric: the report's as-of day, so that rows
    // from several runs can be pasted into one sheet.
    "as_of",
    // The report's account (empty outside --accounts) and marketplace: the
    // rows of several audits share one table (SPEC §12.1).
    "account",
    "marketplace",
];

/// The header of the breakdown table (`--by`): the metric's key columns, then
/// the group's fields as in JSON.
pub const BREAKDOWN_COLUMNS: [&str; 13] = [
    "metric",
    "channel",
    "window_from",
    "window_to",
    "window_days",
    "dimension",
    "key",
    "defects",
    "total",
    "rate",
    "share",
    "account",
    "marketplace",
];

impl Render for Csv {
    fn render(&self, report: &Report, _: &RenderOptions) -> String {
        render_many(&[report])
    }
}

/// Several audits (SPEC §12.1) as one CSV: the rows of every report under
/// one header, told apart by the `account` and `marketplace` columns; then,
/// when any has a breakdown, the breakdown table likewise.
pub fn render_many(reports: &[&Report]) -> String {
    let mut rows: Vec<Vec<String>> = vec![COLUMNS.iter().map(|c| c.to_string()).collect()];
    for report in reports {
        rows.extend(report.metrics.iter().map(|m| row(report, m)));
    }
    let mut out = table(rows);
    let broken_down = |r: &&&Report| r.metrics.iter().any(|m| m.breakdown.is_some());
    if reports.iter().any(|r| broken_down(&r)) {
        let mut rows: Vec<Vec<String>> =
            vec![BREAKDOWN_COLUMNS.iter().map(|c| c.to_string()).collect()];
        for report in reports {
            for m in &report.metrics {
                for (d, groups) in m.breakdown.iter().flat_map(|b| b.iter()) {
                    for g in groups {
                        rows.push(vec![
                            m.metric.as_str().to_string(),
                            scope_key(m.channel).to_string(),
                            m.window.from.clone(),
                            m.window.to.clone(),
                            m.window.days.to_string(),
                            d.name().to_string(),
                            g.key.clone().unwrap_or_default(),
                            g.defects.to_string(),
                            g.total.to_string(),
                            opt(g.rate, number),
                            opt(g.share, number),
                            report.account.clone().unwrap_or_default(),
                            report.marketplace.clone(),
                        ]);
                    }
                }
            }
        }
        out.push_str("\r\n");
        out.push_str(&table(rows));
    }
    out
}

/// Rows as CSV (CRLF), every cell defused.
fn table(rows: Vec<Vec<String>>) -> String {
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for r in rows {
            let cells: Vec<String> = r.iter().map(|c| defuse(&sanitize(c))).collect();
            if w.write_record(&cells).is_err() {
                break;
            }
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// A number as JSON writes it (`0.0`, `0.02040816326530612`).
fn number(v: f64) -> String {
    serde_json::to_string(&v).unwrap_or_default()
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> String) -> String {
    v.map(f).unwrap_or_default()
}

fn row(report: &Report, m: &MetricReport) -> Vec<String> {
    let c = m.components.as_ref();
    vec![
        m.metric.as_str().to_string(),
        scope_key(m.channel).to_string(),
        m.window.from.clone(),
        m.window.to.clone(),
        m.window.days.to_string(),
        m.defects.to_string(),
        m.total.to_string(),
        opt(m.rate, number),
        condition_key(m.target.condition).to_string(),
        number(m.target.value),
        status_key(m.status).to_string(),
        opt(c, |c| c.negative_feedback.defects.to_string()),
        opt(c.and_then(|c| c.negative_feedback.rate), number),
        opt(c, |c| c.a_to_z_claims.defects.to_string()),
        opt(c.and_then(|c| c.a_to_z_claims.rate), number),
        opt(c, |c| c.chargebacks.defects.to_string()),
        opt(c.and_then(|c| c.chargebacks.rate), number),
        opt(m.average_response_hours.flatten(), number),
        m.items.join(" "),
        m.tips.join(" | "),
        opt(m.clean_items_to_recover, |n| n.to_string()),
        opt(m.defects_to_breach, |n| n.to_string()),
        m.small_sample.to_string(),
        opt(
            m.forecast.as_ref().and_then(|f| f.recovers_on.clone()),
            |d| d,
        ),
        report.as_of.clone(),
        report.account.clone().unwrap_or_default(),
        report.marketplace.clone(),
    ]
}

/// Prefixes a cell a spreadsheet would evaluate with `'`.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_defused() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\t=x"] {
            assert!(defuse(s).starts_with('\''), "{s}");
        }
        assert_eq!(defuse("111-1"), "111-1");
        assert_eq!(defuse(""), "");
    }
}

//! The breakdown in words (SPEC §13): section titles, one line per group,
//! and the sentence that points a metric's tips at its worst group.

use super::contract::{Condition, GroupReport, MetricReport};
use super::metric_words::vocab;
use super::words::clean;
use crate::model::Dimension;
use crate::text::{percent, plural};

/// The dimension in running text (`SKU`, `carrier`).
pub fn dimension_label(d: Dimension) -> &'static str {
    match d {
        Dimension::Sku => "SKU",
        Dimension::Asin => "ASIN",
        Dimension::ShipServiceLevel => "ship-service level",
        Dimension::ShipState => "ship state",
        Dimension::ShipCountry => "ship country",
        Dimension::SalesChannel => "sales channel",
        Dimension::Carrier => "carrier",
    }
}

/// `Where the defects are (by SKU)`.
pub fn title(d: Dimension) -> String {
    format!("Where the defects are (by {})", dimension_label(d))
}

/// A group's key as shown (`(no SKU)` when unknown), safe to print.
pub fn key(d: Dimension, g: &GroupReport) -> String {
    match &g.key {
        Some(k) => clean(k),
        None => format!("(no {})", dimension_label(d)),
    }
}

/// The group's defect rate over the metric's: `6.1× the average`.
pub fn times_average(m: &MetricReport, g: &GroupReport) -> Option<f64> {
    if m.defects == 0 || m.total == 0 || g.total == 0 {
        return None;
    }
    let group = g.defects as f64 / g.total as f64;
    let whole = m.defects as f64 / m.total as f64;
    Some(group / whole)
}

/// `4 of 30 orders, 13.33%, 57% of the defects, 6.1× the average` (the
/// count is of defects, the rate the metric's own over the group).
pub fn line(m: &MetricReport, g: &GroupReport) -> String {
    let v = vocab(m.metric);
    let unit = if g.total == 1 { v.item.0 } else { v.item.1 };
    let rate = match m.target.condition {
        Condition::AtLeast => format!("{} {}", percent(g.rate), v.rate_is),
        _ => percent(g.rate),
    };
    let mut s = format!("{} of {} {unit}, {rate}", g.defects, g.total);
    if let Some(share) = g.share {
        s.push_str(&format!(", {:.0}% of the {}", share * 100.0, v.defect.1));
    }
    if let Some(x) = times_average(m, g) {
        s.push_str(&format!(", {x:.1}× the average"));
    }
    s
}

/// What to look at first in a group of this dimension.
fn where_to_look(d: Dimension) -> &'static str {
    match d {
        Dimension::Sku | Dimension::Asin => {
            "check its stock, its handling time and its listing before anything else"
        }
        Dimension::ShipServiceLevel => {
            "check that the handling and transit times you promise for it can be met"
        }
        Dimension::ShipState | Dimension::ShipCountry => {
            "check the carrier and service you use for that region"
        }
        Dimension::SalesChannel => "check the settings and stock of that channel",
        Dimension::Carrier => "check that carrier's pickups, scans and tracking numbers",
    }
}

/// The sentence beside a metric's tips that points at its worst group
/// (`3 of the 4 late shipments … are SKU-MUG-01, which has 4 of the 28
/// orders: …`), when that group holds at least two defects, a known value
/// and more of the defects than of the items.
pub fn focus(m: &MetricReport, d: Dimension, groups: &[GroupReport]) -> Option<String> {
    let g = groups.first()?;
    let k = g.key.as_deref()?;
    let concentrated =
        u128::from(g.defects) * u128::from(m.total) > u128::from(g.total) * u128::from(m.defects);
    if g.defects < 2 || !concentrated {
        return None;
    }
    let v = vocab(m.metric);
    Some(format!(
        "Start where the defects are: {} of the {} {} of {} – {} are {} {}, which has {} of the {}: {}.",
        g.defects,
        m.defects,
        v.defect.1,
        clean(&m.window.from),
        clean(&m.window.to),
        dimension_label(d),
        clean(k),
        plural(g.total, v.item.0, v.item.1),
        m.total,
        where_to_look(d)
    ))
}

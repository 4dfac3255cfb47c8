//! The bullet chart of the HTML report: a metric's value against its target
//! and warning band, as inline SVG with its numbers also in words.

use maud::{html, Markup};

use super::contract::{Condition, MetricReport, TrendLine};
use super::words::{self, status_word};
use crate::policy::Ratio;
use crate::text::{percent, percent_number, upper_first};

/// A bullet chart: the bands of the target (good, warning, bad), the value as
/// a bar and the target as a line; its numbers in its title and beneath it.
pub(super) fn chart(m: &MetricReport, label: &str, warn_at: Ratio) -> Markup {
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
pub(super) fn coord(v: f64) -> String {
    format!("{v:.2}")
}

/// The smallest 1, 2, 2.5 or 5 times a power of ten at or above `v` (> 0).
pub(super) fn nice_ceil(v: f64) -> f64 {
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

/// A metric row's rate over its last days as a line, with the target as a
/// dashed line; days without data leave a gap. Its numbers also in words.
pub(super) fn trend_line(m: &MetricReport, line: &TrendLine, label: &str) -> Markup {
    let rates: Vec<f64> = line.rates.iter().flatten().copied().collect();
    if rates.is_empty() {
        return html! {};
    }
    let t = m.target.value;
    let top = nice_ceil(rates.iter().copied().fold(t, f64::max) * 1.1).min(1.0);
    let bottom = match m.target.condition {
        // Rates that must stay high live near 100%: show the band that matters.
        Condition::AtLeast => (rates.iter().copied().fold(t, f64::min) - 0.05).max(0.0),
        _ => 0.0,
    };
    let span = (top - bottom).max(1e-9);
    let n = line.rates.len().max(2) - 1;
    let x = |i: usize| coord(i as f64 * 100.0 / n as f64);
    let y = |r: f64| coord(30.0 - (r - bottom) / span * 30.0);
    // One polyline per run of days with data.
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, r) in line.rates.iter().enumerate() {
        match r {
            Some(r) => {
                current.push_str(&format!("{},{} ", x(i), y(*r)));
            }
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    let first = line.rates.iter().flatten().next().copied();
    let last = line.rates.iter().rev().flatten().next().copied();
    let days = line.rates.len();
    let summary = format!(
        "{days}-day trend from {}: {} at first, {} on the as-of day; target {}",
        line.from,
        percent(first),
        percent(last),
        percent_number(t)
    );
    html! {
        figure.trend {
            svg role="img" viewBox="0 0 100 30" preserveAspectRatio="none" width="100%" height="48" {
                title { (label) ": " (summary) }
                line.target x1="0" x2="100" y1=(y(t)) y2=(y(t)) {}
                @for points in &runs {
                    polyline.rate points=(points.trim_end()) {}
                }
            }
            figcaption { (upper_first(&summary)) "." }
        }
    }
}

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

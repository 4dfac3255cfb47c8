//! `sellerhealth explain [METRIC]`: how each metric is computed and what
//! helps. Windows and targets are written from the policy table; the rest of
//! each explanation is `Prose` (SPEC §3–4 in plain language).

use anyhow::{bail, Result};

use crate::advice;
use crate::policy::{MetricId, MetricPolicy, PlacedBy, Target, DEFAULT_WARN_AT};
use crate::text::{and_list, percent_number, upper_first, wrap};

use super::metric_words::prose;
use super::words::unit_plural;

/// Lines are wrapped to this width.
const WIDTH: usize = 100;

/// Amazon's target in a few words (`below 1%`).
fn target_short(t: Target) -> String {
    match t {
        Target::Below(_) => format!("below {}", percent_number(t.value())),
        Target::AtLeast(_) => format!("at least {}", percent_number(t.value())),
        Target::Zero => "none".to_string(),
    }
}

fn day_list(p: &MetricPolicy) -> String {
    let days: Vec<String> = p.windows.iter().map(ToString::to_string).collect();
    format!("{} days", and_list(&days))
}

/// The windows in a few words (`60 days ending 14 days before the as-of day`).
fn windows_short(p: &MetricPolicy) -> String {
    if p.lag == 0 {
        format!("{} to the as-of day", day_list(p))
    } else {
        format!("{} ending {} days before the as-of day", day_list(p), p.lag)
    }
}

/// Which days a metric's windows cover and what places an item in them.
fn window_paragraph(p: &MetricPolicy, note: &str) -> String {
    let by = match p.placed_by {
        PlacedBy::PurchaseDay => "purchase day",
        PlacedBy::ShipByDay => "ship-by day",
        PlacedBy::ConfirmationDay => "confirmation day",
        PlacedBy::DeliverByDay => "deliver-by day",
        PlacedBy::ReceivedDay => "received day",
    };
    let span = match p.windows.len() {
        1 => format!(" over the {}", day_list(p)),
        n => format!(", in {n} windows: the {}", day_list(p)),
    };
    let (end, last) = if p.lag == 0 {
        ("ending on the as-of day".to_string(), "A".to_string())
    } else {
        (
            format!("ending {} days before the as-of day", p.lag),
            format!("A-{}", p.lag),
        )
    };
    let ranges: Vec<String> = p
        .windows
        .iter()
        .map(|w| format!("A-{} to {last}", p.lag + w - 1))
        .collect();
    format!(
        "{} by {by}{span} {end} (days {}, where A is --as-of, by default yesterday).{note}",
        upper_first(unit_plural(p.unit)),
        and_list(&ranges)
    )
}

/// Amazon's target and how the status is decided.
fn target_paragraph(p: &MetricPolicy, no_data: &str, note: &str) -> String {
    let warn = DEFAULT_WARN_AT;
    let default = format!("{}", warn.as_f64());
    let rule = match p.target {
        Target::Below(t) => {
            let t_ = percent_number(t.as_f64());
            format!(
                "Below {t_}. Bad when defects/total is {t_} or more; warning when it reaches \
                 R x {t_} (R = --warn-at, default {default}, so {}); good otherwise.",
                percent_number(t.as_f64() * warn.as_f64())
            )
        }
        Target::AtLeast(t) => {
            let t_ = percent_number(t.as_f64());
            let slack = 1.0 - t.as_f64();
            format!(
                "At least {t_}. Bad when (total - defects)/total is below {t_}; warning when \
                 defects/total reaches R x {} (R = --warn-at, default {default}, so {}); good \
                 otherwise.",
                percent_number(slack),
                percent_number(slack * warn.as_f64())
            )
        }
        Target::Zero => "None. Good with no defect, warning with any; this metric is never bad \
                         and --warn-at does not apply."
            .to_string(),
    };
    format!("{rule} No data when {no_data}.{note}")
}

pub fn explain_text(metric: Option<&str>) -> Result<String> {
    let Some(name) = metric else {
        let mut s = String::from(
            "The metrics Amazon judges sellers by, as sellerhealth computes them:\n\n",
        );
        s.push_str(&format!(
            "  {:<28} {:<8} {:<29} {:<13} {}\n",
            "METRIC", "ALIAS", "NAME", "TARGET", "WINDOW"
        ));
        for m in MetricId::ALL {
            let p = m.policy();
            s.push_str(&format!(
                "  {:<28} {:<8} {:<29} {:<13} {}\n",
                p.key,
                p.alias,
                p.name,
                target_short(p.target),
                windows_short(p)
            ));
        }
        s.push_str(
            "\nFor how one is computed and what improves it: sellerhealth explain METRIC \
             (e.g. sellerhealth explain odr). For checking these figures against Amazon's own \
             Account Health report: sellerhealth explain reconcile.\n",
        );
        return Ok(s);
    };
    if name.trim().eq_ignore_ascii_case("reconcile") {
        return Ok(reconcile_text());
    }
    let Some(m) = MetricId::parse(name) else {
        bail!(
            "unknown metric '{}'; run `sellerhealth explain` for the list",
            crate::text::sanitize(name)
        );
    };
    let p = m.policy();
    let e = prose(m);
    let mut s = wrap(
        &format!(
            "{} ({}, alias {}): target {}, over {}.",
            p.name,
            p.key,
            p.alias,
            target_short(p.target),
            windows_short(p)
        ),
        WIDTH,
        "",
        "",
    );
    s.push('\n');
    for (label, text) in [
        ("What", e.what.to_string()),
        ("Window", window_paragraph(p, e.window_note)),
        ("Counts", e.counts.to_string()),
        ("Target", target_paragraph(p, e.no_data, e.target_note)),
    ] {
        s.push_str(&format!("{label}:\n"));
        s.push_str(&wrap(&text, WIDTH, "  ", "  "));
        s.push('\n');
    }
    s.push_str("What helps:\n");
    for tip in advice::tips_for(m) {
        s.push_str(&wrap(tip, WIDTH, "  - ", "    "));
    }
    Ok(s)
}

/// `explain reconcile`: how to get Amazon's report and read a difference.
fn reconcile_text() -> String {
    let mut s = String::new();
    for (label, text) in [
        (
            "Checking our numbers against Amazon's",
            "Amazon publishes its own figures as the Account Health report, a JSON document. Give \
             it to the audit beside your reports (a .json file in the folder, or --performance \
             FILE) and the report gains a section comparing each metric Amazon reports with ours \
             computed over exactly Amazon's window, as known on the day that window implies (its \
             last day, plus the order defect rate's and on-time delivery's delay).",
        ),
        (
            "Getting the report",
            "With the Selling Partner API, request the report type \
             GET_V2_SELLER_PERFORMANCE_REPORT and save the document it returns; connectors that \
             sync Seller Central data (Airbyte and others) save the same JSON. Seller Central's \
             Account Health page shows the same figures but offers no download of them.",
        ),
        (
            "Reading a difference",
            "Each row gives Amazon's counts, ours and the difference (Amazon's minus ours), with \
             the causes found in the data: days of Amazon's window your files do not reach and \
             which report to download for them; an order defect component (negative feedback, \
             A-to-z claims, chargebacks) that Amazon counts more or less often than your files; \
             orders your files miss or hold beyond Amazon's count when they cover the window. \
             'matches' means every count Amazon gives equals ours. Where Amazon gives only a \
             rate, the rates are compared.",
        ),
        (
            "Amazon's verdict",
            "A metric Amazon marks BAD makes the audit's status bad (and --check exit 2) even \
             when ours is not. With Amazon's report as the only input, its statuses are the \
             audit's. Amazon's Account Health Rating, account status and policy items \
             (listing violations and the like) are shown as Amazon gives them: sellerhealth \
             cannot compute them from the order reports.",
        ),
    ] {
        s.push_str(&format!("{label}:\n"));
        s.push_str(&wrap(text, WIDTH, "  ", "  "));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_every_metric_with_its_target() {
        let s = explain_text(None).unwrap_or_default();
        for m in MetricId::ALL {
            assert!(s.contains(m.as_str()), "{}", m.as_str());
        }
        assert!(s.contains("below 1%"));
        assert!(s.contains("7, 30 and 90 days to the as-of day"));
        assert!(s.contains("60 days ending 14 days before the as-of day"));
    }

    #[test]
    fn one_metric_by_alias() {
        let s = explain_text(Some("lsr")).unwrap_or_default();
        assert!(
            s.starts_with("Late shipment rate (late_shipment_rate, alias lsr): target below 4%")
        );
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH), "{s}");
        assert!(explain_text(Some("nope")).is_err());
        let r = explain_text(Some("reconcile")).unwrap_or_default();
        assert!(r.contains("GET_V2_SELLER_PERFORMANCE_REPORT"), "{r}");
        assert!(r.lines().all(|l| l.chars().count() <= WIDTH), "{r}");
    }

    #[test]
    fn windows_and_targets_are_written_from_the_policy() {
        let odr = MetricId::OrderDefectRate.policy();
        assert_eq!(
            window_paragraph(odr, ""),
            "Orders by purchase day over the 60 days ending 14 days before the as-of day \
             (days A-73 to A-14, where A is --as-of, by default yesterday)."
        );
        let lsr = MetricId::LateShipmentRate.policy();
        assert!(window_paragraph(lsr, "").starts_with(
            "Orders by ship-by day, in 2 windows: the 10 and 30 days ending on the as-of day \
             (days A-9 to A and A-29 to A,"
        ));
        assert_eq!(
            target_paragraph(odr, "x", ""),
            "Below 1%. Bad when defects/total is 1% or more; warning when it reaches R x 1% \
             (R = --warn-at, default 0.75, so 0.75%); good otherwise. No data when x."
        );
        let vtr = MetricId::ValidTrackingRate.policy();
        assert!(target_paragraph(vtr, "x", "")
            .starts_with("At least 95%. Bad when (total - defects)/total is below 95%; warning when defects/total reaches R x 5% (R = --warn-at, default 0.75, so 3.75%)"));
        for m in MetricId::ALL {
            let e = prose(m);
            for text in [e.what, e.counts] {
                assert!(
                    !text.trim().is_empty() && !text.contains("  "),
                    "{}",
                    m.as_str()
                );
            }
        }
    }
}

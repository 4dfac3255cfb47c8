//! `sellerhealth explain [METRIC]`: how each metric is computed and what helps.

use anyhow::{bail, Result};

use crate::advice;
use crate::policy::{rule, MetricId, Target};
use crate::report::words::{percent_number, wrap};

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

/// The windows in a few words (`60 days, ending 14 days before the as-of day`).
fn windows_short(m: MetricId) -> String {
    let r = rule(m);
    let days: Vec<String> = r.windows.iter().map(ToString::to_string).collect();
    let days = match days.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last} days", rest.join(", ")),
        Some((last, _)) => format!("{last} days"),
        None => String::new(),
    };
    if r.lag == 0 {
        format!("{days} to the as-of day")
    } else {
        format!("{days} ending {} days before the as-of day", r.lag)
    }
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
            s.push_str(&format!(
                "  {:<28} {:<8} {:<29} {:<13} {}\n",
                m.as_str(),
                m.short(),
                m.title(),
                target_short(rule(m).target),
                windows_short(m)
            ));
        }
        s.push_str(
            "\nFor how one is computed and what improves it: sellerhealth explain METRIC \
             (e.g. sellerhealth explain odr).\n",
        );
        return Ok(s);
    };
    let Some(m) = MetricId::parse(name) else {
        bail!(
            "unknown metric '{}'; run `sellerhealth explain` for the list",
            crate::app::sanitize(name)
        );
    };
    let e = advice::explain(m);
    let mut s = wrap(
        &format!(
            "{} ({}, alias {}): target {}, over {}.",
            m.title(),
            m.as_str(),
            m.short(),
            target_short(rule(m).target),
            windows_short(m)
        ),
        WIDTH,
        "",
        "",
    );
    s.push('\n');
    for (label, text) in [
        ("What", e.what),
        ("Window", e.window),
        ("Counts", e.counts),
        ("Target", e.target),
    ] {
        s.push_str(&format!("{label}:\n"));
        s.push_str(&wrap(text, WIDTH, "  ", "  "));
        s.push('\n');
    }
    s.push_str("What helps:\n");
    for tip in advice::tips_for(m) {
        s.push_str(&wrap(tip, WIDTH, "  - ", "    "));
    }
    Ok(s)
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
    }
}

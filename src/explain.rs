//! `sellerhealth explain [METRIC]`.

use anyhow::{bail, Result};

use crate::advice;
use crate::policy::MetricId;

pub fn explain_text(metric: Option<&str>) -> Result<String> {
    let Some(name) = metric else {
        let mut s = String::from("Metrics (sellerhealth explain METRIC for details):\n");
        for m in MetricId::ALL {
            s.push_str(&format!(
                "  {:<28} {:<8} {}\n",
                m.as_str(),
                m.short(),
                m.title()
            ));
        }
        return Ok(s);
    };
    let Some(m) = MetricId::parse(name) else {
        bail!(
            "unknown metric '{}'; run `sellerhealth explain` for the list",
            crate::app::sanitize(name)
        );
    };
    let e = advice::explain(m);
    let mut s = format!("{} ({})\n\n", m.title(), m.as_str());
    for (label, text) in [
        ("What", e.what),
        ("Window", e.window),
        ("Counts", e.counts),
        ("Target", e.target),
    ] {
        s.push_str(&format!("{label}:\n  {text}\n\n"));
    }
    s.push_str("What helps:\n");
    for tip in advice::tips_for(m) {
        s.push_str(&format!("  - {tip}\n"));
    }
    Ok(s)
}

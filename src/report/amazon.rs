//! Amazon's Account Health report beside ours, in words and in the JSON
//! contract (SPEC §11.2): the rows of the comparison and the sentences that
//! explain each difference.

use super::build::shown_rate;
use super::contract::{
    AmazonFigureReport, AmazonMetricReport, AmazonSection, ComponentComparison,
    ComponentsComparison, DifferenceReport, HealthRatingReport, OurFigureReport, PolicyReport,
    WindowReport,
};
use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::marketplace::Marketplace;
use crate::metrics::status::status;
use crate::policy::{MetricId, Ratio};
use crate::reconcile::{AmazonNote, Cause, Compared, Component, Data, Reconciliation};
use crate::text::{percent, plural};

pub fn section(r: &Reconciliation, warn: Ratio, _cal: &Calendar) -> AmazonSection {
    AmazonSection {
        path: r.path.clone(),
        marketplace: r.marketplace.map(|m| m.code().to_string()),
        account_status: r.account_status.clone(),
        account_health_rating: r.health_rating.as_ref().map(|h| HealthRatingReport {
            score: h.score,
            status: h.status.clone(),
        }),
        metrics: r.metrics.iter().map(|c| metric(c, warn)).collect(),
        policy: r
            .policy
            .iter()
            .map(|p| PolicyReport {
                name: p.name.clone(),
                defects: p.defects,
                status: p.status.clone(),
            })
            .collect(),
    }
}

fn difference(amazon: Option<u64>, ours: Option<u64>) -> Option<i64> {
    let (a, o) = (i64::try_from(amazon?).ok()?, i64::try_from(ours?).ok()?);
    Some(a - o)
}

fn metric(c: &Compared, warn: Ratio) -> AmazonMetricReport {
    let target = c.metric.policy().target;
    let ours = c.ours.as_ref().map(|m| OurFigureReport {
        defects: m.defects,
        total: m.total,
        rate: shown_rate(target, m.defects, m.total),
        status: status(target, m.defects, m.total, warn),
    });
    let components = match (&c.ours, c.metric) {
        (Some(m), MetricId::OrderDefectRate) => m.components.map(|mine| ComponentsComparison {
            negative_feedback: ComponentComparison {
                amazon: c.amazon.negative_feedback,
                ours: mine.negative_feedback,
            },
            a_to_z_claims: ComponentComparison {
                amazon: c.amazon.claims,
                ours: mine.a_to_z_claims,
            },
            chargebacks: ComponentComparison {
                amazon: c.amazon.chargebacks,
                ours: mine.chargebacks,
            },
        }),
        _ => None,
    };
    AmazonMetricReport {
        metric: c.metric,
        channel: c.scope,
        window: c.window.map(WindowReport::from),
        amazon: AmazonFigureReport {
            defects: c.amazon.defects,
            total: c.amazon.total,
            // Amazon's rate, else the one its counts give.
            rate: c.amazon.rate.or_else(|| {
                c.amazon
                    .defects
                    .zip(c.amazon.total)
                    .filter(|(d, t)| d <= t)
                    .and_then(|(d, t)| shown_rate(target, d, t))
            }),
            status: c.amazon.status.clone(),
        },
        difference: DifferenceReport {
            defects: difference(c.amazon.defects, ours.as_ref().map(|o| o.defects)),
            total: difference(c.amazon.total, ours.as_ref().map(|o| o.total)),
        },
        explanation: c
            .causes
            .iter()
            .map(|cause| explain(c, cause, ours.as_ref()))
            .collect(),
        ours,
        components,
    }
}

/// The noun of a metric's items and defects, for the explanations.
fn nouns(metric: MetricId) -> (&'static str, &'static str, (&'static str, &'static str)) {
    match metric {
        MetricId::OrderDefectRate => (
            "order",
            "orders",
            ("order with a defect", "orders with a defect"),
        ),
        MetricId::LateShipmentRate => ("order", "orders", ("late shipment", "late shipments")),
        MetricId::PreFulfillmentCancelRate => {
            ("order", "orders", ("cancellation", "cancellations"))
        }
        MetricId::ValidTrackingRate => (
            "shipment",
            "shipments",
            (
                "shipment without valid tracking",
                "shipments without valid tracking",
            ),
        ),
        MetricId::OnTimeDeliveryRate => ("order", "orders", ("late delivery", "late deliveries")),
        MetricId::ExpiredOrders => ("order", "orders", ("expired order", "expired orders")),
        MetricId::ResponseTime => ("message", "messages", ("late reply", "late replies")),
    }
}

fn download(data: Data) -> &'static str {
    match data {
        Data::Orders => {
            "download the All Orders report (Reports > Fulfillment > All Orders) for those days"
        }
        Data::Shipments => "add the shipping confirmations of those days",
    }
}

fn data_files(data: Data) -> &'static str {
    match data {
        Data::Orders => "orders files",
        Data::Shipments => "shipment files",
    }
}

/// One cause in a sentence.
fn explain(c: &Compared, cause: &Cause, ours: Option<&OurFigureReport>) -> String {
    let (one, many, defects) = nouns(c.metric);
    match cause {
        Cause::Matches => "matches".to_string(),
        Cause::NoWindow => {
            "Amazon gives no reporting window, so ours cannot be computed over the same days"
                .to_string()
        }
        Cause::OnlyRate => format!(
            "Amazon gives only a rate ({}), no counts; ours over the same window is {}",
            percent(c.amazon.rate),
            percent(ours.and_then(|o| o.rate))
        ),
        Cause::Uncovered { from, to, data } => {
            let days = (*to - *from).num_days() + 1;
            format!(
                "your {} do not reach {from} to {to} ({}) of Amazon's window: {}",
                data_files(*data),
                plural(u64::try_from(days).unwrap_or(0), "day", "days"),
                download(*data)
            )
        }
        Cause::ComponentDiffers {
            component,
            amazon,
            ours,
        } => {
            let (what, files, fix) = match component {
                Component::NegativeFeedback => (
                    "with negative feedback",
                    "feedback files",
                    "download the latest feedback report (Performance > Feedback)",
                ),
                Component::AToZClaims => (
                    "with an A-to-z claim",
                    "claims and returns files",
                    "add the claims listed on the A-to-z Guarantee claims page",
                ),
                Component::Chargebacks => (
                    "with a chargeback",
                    "claims files",
                    "add the chargebacks listed on the chargeback claims page",
                ),
            };
            format!(
                "Amazon counts {} {what}, your {files} {amazon_vs}: {fix}",
                plural(*amazon, "order", "orders"),
                amazon_vs = ours
            )
        }
        Cause::MissingItems { count, data } => format!(
            "Amazon counts {} more in this window than your {} hold, although they cover it: \
             download a fresh report covering the window",
            plural(*count, one, many),
            data_files(*data),
        ),
        Cause::ExtraItems { count, data } => format!(
            "your {} hold {} more in this window than Amazon counts (orders of another \
             marketplace, or ones Amazon leaves out of this metric)",
            data_files(*data),
            plural(*count, one, many),
        ),
        Cause::DefectsDiffer { amazon, ours } => format!(
            "Amazon counts {}, your files {ours}: check the {} of this window",
            plural(*amazon, defects.0, defects.1),
            match c.metric {
                MetricId::LateShipmentRate | MetricId::ValidTrackingRate =>
                    "shipping confirmations",
                MetricId::OnTimeDeliveryRate => "delivery scans",
                _ => "orders",
            }
        ),
    }
}

/// A note about the Amazon reports read, as a warning.
pub fn note(n: &AmazonNote) -> String {
    match n {
        AmazonNote::OtherMarketplaces { path, ids } => format!(
            "{path}: Amazon's report also has {} ({}), left out: only the audited marketplace is compared",
            plural(ids.len() as u64, "other marketplace", "other marketplaces"),
            ids.iter()
                .map(|id| Marketplace::from_amazon_id(id).map_or(id.as_str(), |m| m.code()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        AmazonNote::NoEntry { path, marketplace } => format!(
            "{path}: Amazon's report has no figures for marketplace {}; nothing compared (audit with the --marketplace it covers)",
            marketplace.code()
        ),
    }
}

/// Amazon's `BAD` on a metric, which makes the overall status bad.
pub fn marks_bad(c: &Compared) -> String {
    let window = c
        .window
        .map(|w| format!(" ({} – {})", w.from, w.to))
        .unwrap_or_default();
    format!(
        "Amazon's Account Health report marks the {}{}{window} BAD, so the overall status is bad",
        c.metric.title().to_lowercase(),
        match c.scope {
            crate::policy::Scope::Afn => " of Amazon-fulfilled orders",
            _ => "",
        }
    )
}

/// Amazon's report ends long before the as-of day.
pub fn stale(path: &str, newest: NaiveDate, age_days: i64) -> String {
    format!(
        "{path}: Amazon's Account Health report ends on {newest}, {} before the as-of day; download a fresh one (Performance > Account Health, or the SP-API report GET_V2_SELLER_PERFORMANCE_REPORT)",
        plural(u64::try_from(age_days).unwrap_or(0), "day", "days")
    )
}

/// Amazon's report for people: a line about the account, one row per metric,
/// the explanations, and the policy items with defects.
pub struct AmazonBlock {
    pub summary: String,
    pub rows: Vec<AmazonRow>,
    pub explanations: Vec<String>,
    pub policy: Vec<String>,
}

pub struct AmazonRow {
    pub name: &'static str,
    pub fulfilled_by: &'static str,
    pub window: String,
    pub amazon: String,
    pub ours: String,
    pub difference: String,
}

fn value(rate: Option<f64>, defects: Option<u64>, total: Option<u64>) -> String {
    let counts = match (defects, total) {
        (Some(d), Some(t)) => format!(" ({d} of {t})"),
        (Some(d), None) => format!(" ({d})"),
        (None, Some(t)) => format!(" (? of {t})"),
        (None, None) => String::new(),
    };
    format!("{}{counts}", percent(rate))
}

fn signed(n: Option<i64>) -> String {
    match n {
        Some(n) if n > 0 => format!("+{n}"),
        Some(n) => n.to_string(),
        None => "–".to_string(),
    }
}

pub fn block(a: &AmazonSection) -> AmazonBlock {
    let mut summary = Vec::new();
    if let Some(h) = &a.account_health_rating {
        let score = h
            .score
            .map(|s| format!("{s}"))
            .unwrap_or_else(|| "–".to_string());
        match &h.status {
            Some(st) => summary.push(format!("Account Health Rating {score} ({st})")),
            None => summary.push(format!("Account Health Rating {score}")),
        }
    }
    if let Some(st) = &a.account_status {
        summary.push(format!("account status {st}"));
    }
    summary.push(format!("from {}", a.path));
    let mut summary = crate::text::upper_first(&summary.join("; "));
    summary.push('.');
    let label = |m: &AmazonMetricReport| {
        let channel = match m.channel {
            crate::policy::Scope::Afn => ", Amazon-fulfilled",
            _ => "",
        };
        let window = m
            .window
            .as_ref()
            .map(|w| format!("{} – {}", w.from, w.to))
            .unwrap_or_else(|| "no window".to_string());
        format!("{}{channel}, {window}", m.metric.title())
    };
    AmazonBlock {
        summary,
        rows: a
            .metrics
            .iter()
            .map(|m| AmazonRow {
                name: m.metric.policy().short_name,
                fulfilled_by: super::words::fulfilled_by(m.channel),
                window: m
                    .window
                    .as_ref()
                    .map(|w| format!("{} – {}", w.from, w.to))
                    .unwrap_or_else(|| "–".to_string()),
                amazon: format!(
                    "{}{}",
                    value(m.amazon.rate, m.amazon.defects, m.amazon.total),
                    m.amazon
                        .status
                        .as_ref()
                        .map(|s| format!(" {s}"))
                        .unwrap_or_default()
                ),
                ours: m.ours.as_ref().map_or_else(
                    || "–".to_string(),
                    |o| value(o.rate, Some(o.defects), Some(o.total)),
                ),
                difference: match (m.difference.defects, m.difference.total) {
                    (None, None) => "–".to_string(),
                    (d, t) => format!("{} defects, {} items", signed(d), signed(t)),
                },
            })
            .collect(),
        explanations: a
            .metrics
            .iter()
            .map(|m| format!("{}: {}.", label(m), m.explanation.join("; ")))
            .collect(),
        policy: a
            .policy
            .iter()
            .filter(|p| p.defects.is_some_and(|d| d > 0))
            .map(|p| {
                format!(
                    "{}: {}{}",
                    p.name,
                    plural(p.defects.unwrap_or(0), "defect", "defects"),
                    p.status
                        .as_ref()
                        .map(|s| format!(" ({s})"))
                        .unwrap_or_default()
                )
            })
            .collect(),
    }
}

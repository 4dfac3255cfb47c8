//! Builds the report from the facts of one audit: statuses, headroom,
//! forecasts and every sentence the JSON carries (tips, assumptions, warnings).

use chrono::NaiveDate;

use super::contract::{
    BreakdownReport, ComponentReport, ComponentsReport, Condition, DetailLine, ForecastDayReport,
    ForecastReport, GroupReport, InputReport, MetricReport, OpenOrderReport, PendingMessageReport,
    Report, TargetReport, WindowReport, SCHEMA_VERSION,
};
use super::words;
use crate::advice;
use crate::calendar::{Calendar, Window};
use crate::metrics::act_now::{OpenOrder, PendingMessage};
use crate::metrics::status::{headroom, status, Headroom, Status};
use crate::metrics::{forecast, Measured, Note};
use crate::model::{InputKind, InputSummary, ReadWarning};
use crate::policy::{MetricId, Ratio, Target};
use crate::reconcile::{AmazonNote, Reconciliation};

/// Everything one audit found, before it is judged and put into words.
pub struct Facts {
    pub as_of: NaiveDate,
    pub cal: Calendar,
    pub marketplace: String,
    pub warn_at: Ratio,
    pub inputs: Vec<InputSummary>,
    pub measured: Vec<Measured>,
    pub open_orders: Vec<OpenOrder>,
    pub pending_messages: Vec<PendingMessage>,
    /// What the reader skipped or repaired.
    pub read_warnings: Vec<ReadWarning>,
    /// What the metrics left out.
    pub notes: Vec<Note>,
    /// Amazon's Account Health report beside ours, when one was read.
    pub reconciliation: Option<Reconciliation>,
    pub amazon_notes: Vec<AmazonNote>,
    /// Data older than this many days before the as-of day is stale.
    pub max_age_days: Option<u32>,
}

/// The report of one audit.
pub fn report(f: Facts) -> Report {
    let cal = f.cal;
    let metrics: Vec<MetricReport> = f
        .measured
        .into_iter()
        .map(|m| metric_report(m, f.warn_at, &cal))
        .collect();
    let mut warnings: Vec<String> = f
        .read_warnings
        .iter()
        .map(words::read_warning)
        .chain(f.notes.iter().map(words::note))
        .chain(f.amazon_notes.iter().map(super::amazon::note))
        .collect();
    let mut status = overall(&metrics);
    let only_amazon =
        !f.inputs.is_empty() && f.inputs.iter().all(|i| i.kind == InputKind::Performance);
    let amazon = f.reconciliation.as_ref().map(|r| {
        let section = super::amazon::section(r, f.warn_at, &cal);
        let worst = r.metrics.iter().filter_map(|c| c.amazon_status).max();
        if only_amazon {
            // Amazon's figures alone: its verdict is the status.
            status = worst.unwrap_or(Status::NoData);
        } else if worst == Some(Status::Bad) && status != Status::Bad {
            status = Status::Bad;
        }
        for c in r
            .metrics
            .iter()
            .filter(|c| c.amazon_status == Some(Status::Bad))
        {
            warnings.push(super::amazon::marks_bad(c));
        }
        if let (Some(newest), Some(max_age)) = (r.newest_day, f.max_age_days) {
            let age = (f.as_of - newest).num_days();
            if age > i64::from(max_age) {
                warnings.push(super::amazon::stale(&r.path, newest, age));
            }
        }
        section
    });
    Report {
        schema_version: SCHEMA_VERSION,
        generator: format!("sellerhealth {}", env!("CARGO_PKG_VERSION")),
        as_of: f.as_of.to_string(),
        timezone: cal.tz().name().to_string(),
        marketplace: f.marketplace,
        status,
        inputs: f
            .inputs
            .into_iter()
            .map(|i| InputReport {
                path: i.path,
                kind: i.kind,
                rows: i.rows,
                skipped_rows: i.skipped_rows,
            })
            .collect(),
        metrics,
        since: None,
        open_orders: f
            .open_orders
            .iter()
            .map(|o| OpenOrderReport {
                order_id: o.order_id.clone(),
                state: o.state,
                ship_by: cal.rfc3339(o.ship_by),
                auto_cancel_at: cal.rfc3339(o.auto_cancel_at),
            })
            .collect(),
        pending_messages: f
            .pending_messages
            .iter()
            .map(|p| PendingMessageReport {
                message_id: p.message_id.clone(),
                answer_by: cal.rfc3339(p.answer_by),
            })
            .collect(),
        warnings: warnings.iter().map(|w| crate::text::sanitize(w)).collect(),
        amazon,
    }
}

fn fraction(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The rate as Amazon shows it for `target`.
pub(super) fn shown_rate(target: Target, defects: u64, total: u64) -> Option<f64> {
    match target {
        Target::AtLeast(_) => fraction(total.saturating_sub(defects), total),
        _ => fraction(defects, total),
    }
}

fn condition(target: Target) -> Condition {
    match target {
        Target::Below(_) => Condition::Below,
        Target::AtLeast(_) => Condition::AtLeast,
        Target::Zero => Condition::Zero,
    }
}

impl From<Window> for WindowReport {
    fn from(w: Window) -> Self {
        WindowReport {
            from: w.from.to_string(),
            to: w.to.to_string(),
            days: w.days,
        }
    }
}

fn forecast_report(m: &Measured, target: Target, now: Status, warn: Ratio) -> ForecastReport {
    let days: Vec<ForecastDayReport> = forecast::project(m)
        .into_iter()
        .map(|p| ForecastDayReport {
            date: p.date.to_string(),
            defects: p.defects,
            total: p.total,
            rate: shown_rate(target, p.defects, p.total),
            status: status(target, p.defects, p.total, warn),
        })
        .collect();
    let recovers_on = if now == Status::Bad {
        days.iter()
            .find(|d| d.status != Status::Bad)
            .map(|d| d.date.clone())
    } else {
        None
    };
    ForecastReport {
        assumption: words::forecast_assumption(m.metric.policy().unit, forecast::daily_volume(m)),
        days,
        recovers_on,
    }
}

/// Builds a metric's report from its measurement.
pub fn metric_report(m: Measured, warn: Ratio, cal: &Calendar) -> MetricReport {
    let target = m.metric.policy().target;
    let st = status(target, m.defects, m.total, warn);
    let forecast = match target {
        Target::Below(_) | Target::AtLeast(_) => Some(forecast_report(&m, target, st, warn)),
        Target::Zero => None,
    };
    let (clean, breach) = match headroom(target, m.defects, m.total, warn) {
        Some(Headroom::CleanItemsToRecover(n)) => (Some(n), None),
        Some(Headroom::DefectsToBreach(n)) => (None, Some(n)),
        None => (None, None),
    };
    let breakdown = (!m.breakdown.is_empty()).then(|| {
        let mut b = BreakdownReport::default();
        for d in &m.breakdown {
            let groups = d
                .groups
                .iter()
                .map(|g| GroupReport {
                    key: g.key.clone(),
                    defects: g.defects,
                    total: g.total,
                    rate: shown_rate(target, g.defects, g.total),
                    share: fraction(g.defects, m.defects),
                })
                .collect();
            b.set(d.dimension, groups);
        }
        b
    });
    let component = |d: u64| ComponentReport {
        defects: d,
        rate: fraction(d, m.total),
    };
    MetricReport {
        metric: m.metric,
        channel: m.scope,
        window: m.window.into(),
        defects: m.defects,
        total: m.total,
        rate: shown_rate(target, m.defects, m.total),
        target: TargetReport {
            condition: condition(target),
            value: target.value(),
        },
        status: st,
        components: m.components.map(|c| ComponentsReport {
            negative_feedback: component(c.negative_feedback),
            a_to_z_claims: component(c.a_to_z_claims),
            chargebacks: component(c.chargebacks),
        }),
        average_response_hours: m.average_response_hours,
        items: m.items.iter().map(|d| d.id.clone()).collect(),
        tips: tips(m.metric),
        clean_items_to_recover: clean,
        defects_to_breach: breach,
        small_sample: m.total > 0 && m.total < 100 && !matches!(target, Target::Zero),
        forecast,
        breakdown,
        details: m
            .items
            .iter()
            .map(|d| DetailLine {
                id: d.id.clone(),
                why: words::why(&d.why, cal),
            })
            .collect(),
    }
}

fn tips(metric: MetricId) -> Vec<String> {
    advice::tips_for(metric)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// The overall status: the worst metric status, or `no_data` when none has data.
pub fn overall(metrics: &[MetricReport]) -> Status {
    metrics
        .iter()
        .map(|m| m.status)
        .max()
        .unwrap_or(Status::NoData)
}

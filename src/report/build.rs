//! Builds the report from the facts of one audit: statuses, headroom,
//! forecasts and every sentence the JSON carries (tips, assumptions, warnings).

use chrono::NaiveDate;

use super::contract::{
    BreakdownReport, ClaimDueReport, ComponentReport, ComponentsReport, Condition, DetailLine,
    ForecastDayReport, ForecastReport, FreshnessReport, GroupReport, InputReport, MetricReport,
    OpenOrderReport, PendingMessageReport, Report, TargetReport, WindowReport, SCHEMA_VERSION,
};
use super::words;
use crate::advice;
use crate::calendar::{Calendar, Instant, Window};
use crate::metrics::act_now::{ClaimDue, OpenOrder, PendingMessage};
use crate::metrics::status::{headroom, status, Headroom, Status};
use crate::metrics::{forecast, Measured, Note};
use crate::model::{InputKind, InputSummary, ReadWarning};
use crate::policy::{MetricId, Ratio, Target};
use crate::reconcile::{AmazonNote, Reconciliation};

/// Everything one audit found, before it is judged and put into words.
pub struct Facts {
    pub as_of: NaiveDate,
    /// The instant ACT NOW is judged at.
    pub now: Instant,
    pub cal: Calendar,
    pub marketplace: String,
    pub warn_at: Ratio,
    /// `--max-age`: data older than this many days is stale (`None`: never).
    pub max_age: Option<u32>,
    pub inputs: Vec<InputSummary>,
    pub measured: Vec<Measured>,
    pub open_orders: Vec<OpenOrder>,
    pub pending_messages: Vec<PendingMessage>,
    pub claims_due: Vec<ClaimDue>,
    /// What the reader skipped or repaired.
    pub read_warnings: Vec<ReadWarning>,
    /// What the metrics left out.
    pub notes: Vec<Note>,
    /// Amazon's Account Health report beside ours, when one was read.
    pub reconciliation: Option<Reconciliation>,
    pub amazon_notes: Vec<AmazonNote>,
}

/// The report of one audit.
pub fn report(f: Facts) -> Report {
    let cal = f.cal;
    let metrics: Vec<MetricReport> = f
        .measured
        .into_iter()
        .map(|m| metric_report(m, f.warn_at, &cal))
        .collect();
    let freshness = freshness(&f.inputs, f.as_of, f.max_age, &cal);
    let mut warnings: Vec<String> = f
        .read_warnings
        .iter()
        .map(words::read_warning)
        .chain(f.notes.iter().map(words::note))
        .chain(f.amazon_notes.iter().map(super::amazon::note))
        .chain(
            freshness
                .1
                .map(|(newest, age)| words::stale(newest, age, f.as_of)),
        )
        .collect();
    let mut freshness = freshness.0;
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
        if let Some(newest) = r.newest_day {
            let age = (f.as_of - newest).num_days();
            let stale = f.max_age.is_some_and(|max| age > i64::from(max));
            if stale {
                warnings.push(super::amazon::stale(&r.path, newest, age));
            }
            if only_amazon {
                // Amazon's report is the data: its freshness is the audit's.
                freshness.newest_day = Some(newest.to_string());
                freshness.age_days = Some(age);
                freshness.stale = stale;
            }
        }
        section
    });
    Report {
        schema_version: SCHEMA_VERSION,
        generator: format!("sellerhealth {}", env!("CARGO_PKG_VERSION")),
        as_of: f.as_of.to_string(),
        now: cal.rfc3339(f.now),
        timezone: cal.tz().name().to_string(),
        account: None,
        marketplace: f.marketplace,
        status,
        inputs: f
            .inputs
            .into_iter()
            .map(|i| input_report(i, &cal))
            .collect(),
        freshness,
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
        claims_due: f
            .claims_due
            .iter()
            .map(|c| ClaimDueReport {
                order_id: c.order_id.clone(),
                kind: c.kind,
                claim_date: c.claim_day.map(|d| d.to_string()),
                respond_by: c.respond_by.map(|t| cal.rfc3339(t)),
                state: c.state,
            })
            .collect(),
        warnings: warnings.iter().map(|w| crate::text::sanitize(w)).collect(),
        amazon,
        trend_lines: Vec::new(),
        check: None,
    }
}

/// The freshness of the inputs (SPEC §9.2), and the newest day and age
/// when the data is stale.
fn freshness(
    inputs: &[InputSummary],
    as_of: NaiveDate,
    max_age: Option<u32>,
    cal: &Calendar,
) -> (FreshnessReport, Option<(NaiveDate, i64)>) {
    let newest = |core: bool| {
        inputs
            .iter()
            .filter(|i| !core || matches!(i.kind, InputKind::Orders | InputKind::Shipments))
            .filter_map(|i| i.events.last)
            .max()
    };
    let newest_day = newest(true)
        .or_else(|| newest(false))
        .map(|t| cal.day_of(t));
    let age_days = newest_day.map(|d| (as_of - d).num_days());
    let stale = match (age_days, max_age) {
        (Some(age), Some(max)) => age > i64::from(max),
        _ => false,
    };
    (
        FreshnessReport {
            newest_day: newest_day.map(|d| d.to_string()),
            age_days,
            max_age_days: max_age,
            stale,
        },
        newest_day.zip(age_days).filter(|_| stale),
    )
}

/// What was read from one file, as the JSON lists it.
pub(super) fn input_report(i: InputSummary, cal: &Calendar) -> InputReport {
    InputReport {
        path: i.path,
        kind: i.kind,
        rows: i.rows,
        skipped_rows: i.skipped_rows,
        first_day: i.events.first.map(|t| cal.day_of(t).to_string()),
        last_day: i.events.last.map(|t| cal.day_of(t).to_string()),
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
    // Recovered means back within target: a day with no data is not one.
    let recovers_on = if now == Status::Bad {
        days.iter()
            .find(|d| matches!(d.status, Status::Good | Status::Warning))
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

/// Why `--check` cannot tell the account's health from this report (SPEC
/// §9.3), one sentence each; empty when it can. A metric named in `require`
/// fails when every window and channel of it has no data.
pub fn check_reasons(report: &Report, require: &[MetricId]) -> Vec<String> {
    let mut out = Vec::new();
    if !report.inputs.iter().any(|i| i.kind != InputKind::Unknown) {
        out.push(words::CheckReason::NothingRecognised);
    }
    if report.inputs.iter().all(|i| i.rows == 0) {
        out.push(words::CheckReason::NoRows);
    }
    if report.status == Status::NoData {
        out.push(words::CheckReason::NoData);
    }
    if report.freshness.stale {
        out.push(words::CheckReason::Stale);
    }
    for &m in require {
        let measured = report
            .metrics
            .iter()
            .any(|r| r.metric == m && r.status != Status::NoData);
        if !measured && report.status != Status::NoData {
            out.push(words::CheckReason::Required(m));
        }
    }
    out.into_iter()
        .map(|r| words::check_reason(&r, report))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::add_days;
    use crate::metrics::Why;
    use crate::policy::Scope;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// ODR as of 2026-11-20 (window 2026-09-08 … 2026-11-06) with `orders`
    /// orders on the window's last day, `defects` of them defective.
    fn odr(orders: u64, defects: u64) -> Measured {
        let as_of = day("2026-11-20");
        let window = Window::ending(add_days(as_of, -14), 60);
        let mut m = Measured::new(MetricId::OrderDefectRate, Scope::Mfn, window, as_of);
        for i in 0..orders {
            let why = (i < defects).then_some(Why::Complaints {
                negative_feedback: None,
                a_to_z_claim: true,
                chargeback: false,
            });
            m.count_on(day("2026-11-06"), || format!("o{i}"), why);
        }
        m
    }

    #[test]
    fn recovery_is_never_a_day_without_data() {
        // One order, defective: when it leaves the window no clean order has
        // come in yet (⌊k·1/60⌋ = 0), so that day has no data; the first
        // clean order arrives 60 days after the window passed the as-of day.
        let r = metric_report(odr(1, 1), Ratio::new(3, 4), &Calendar::new(chrono_tz::UTC));
        let f = r.forecast.unwrap();
        let no_data = f.days.iter().find(|d| d.status == Status::NoData).unwrap();
        assert_eq!(no_data.date, "2027-01-19");
        assert_eq!(f.recovers_on.as_deref(), Some("2027-02-02"));
        let on = f.days.iter().find(|d| d.date == "2027-02-02").unwrap();
        assert_eq!((on.defects, on.total, on.status), (0, 1, Status::Good));
    }

    #[test]
    fn the_assumption_is_worded_for_people() {
        let cal = Calendar::new(chrono_tz::UTC);
        let w = Ratio::new(3, 4);
        let assumption = |orders, defects| {
            metric_report(odr(orders, defects), w, &cal)
                .forecast
                .unwrap()
                .assumption
        };
        let a = assumption(6, 1);
        assert!(a.contains("1 defect-free order every 10 days"), "{a}");
        assert!(!a.contains("0.1"), "{a}");
        let a = assumption(7, 1);
        assert!(a.contains("about 1 defect-free order every 9 days"), "{a}");
        let a = assumption(120, 1);
        assert!(a.contains(" 2 defect-free orders a day"), "{a}");
        assert!(!a.contains("about"), "{a}");
        let a = assumption(150, 1);
        assert!(a.contains("about 3 defect-free orders a day"), "{a}");
        let a = assumption(59, 1);
        assert!(a.contains("about 1 defect-free order a day"), "{a}");
    }
}

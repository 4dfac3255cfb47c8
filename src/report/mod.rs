//! The audit report (SPEC §5): one set of facts, several formats.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;
pub mod words;

use schemars::JsonSchema;
use serde::Serialize;

use crate::advice;
use crate::calendar::Window;
use crate::ingest::InputSummary;
use crate::metrics::act_now::{OpenOrder, OpenState, PendingMessage};
use crate::metrics::status::{headroom, status, Headroom, Status};
use crate::metrics::{forecast, Context, Defect, Measured};
use crate::policy::{rule, MetricId, Ratio, Scope, Target};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// Raised when the meaning of an existing field changes.
    pub schema_version: u32,
    /// The program and version that wrote the report (`sellerhealth 0.1.0`).
    pub generator: String,
    /// The last day included in every window (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub as_of: String,
    /// The IANA time zone in force.
    pub timezone: String,
    /// The marketplace code (`US`, `DE`, …).
    pub marketplace: String,
    /// The worst status of any metric; `no_data` when no metric has items.
    pub status: Status,
    /// Every file read, in the order read.
    pub inputs: Vec<InputSummary>,
    /// Every metric and window, in a fixed order, each always present.
    pub metrics: Vec<MetricReport>,
    /// Seller-fulfilled orders neither shipped nor cancelled, by order id.
    pub open_orders: Vec<OpenOrderReport>,
    /// Buyer messages still waiting for a first reply, by message id.
    pub pending_messages: Vec<PendingMessageReport>,
    /// What had to be skipped or left out while reading and measuring.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WindowReport {
    /// The first day of the window (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub from: String,
    /// The last day of the window (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub to: String,
    /// The window's length in days.
    pub days: u32,
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

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TargetReport {
    /// `below`: the rate must stay under `value`; `at_least`: it must reach `value`;
    /// `zero`: there should be no defect at all.
    #[schemars(extend("enum" = ["below", "at_least", "zero"]))]
    pub condition: &'static str,
    /// The limit as a fraction (0.01 = 1%).
    pub value: f64,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComponentReport {
    pub defects: u64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComponentsReport {
    pub negative_feedback: ComponentReport,
    pub a_to_z_claims: ComponentReport,
    pub chargebacks: ComponentReport,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MetricReport {
    pub metric: MetricId,
    pub channel: Scope,
    pub window: WindowReport,
    pub defects: u64,
    pub total: u64,
    /// As Amazon shows it: defects/total, or (total − defects)/total for `at_least` targets.
    pub rate: Option<f64>,
    pub target: TargetReport,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<ComponentsReport>,
    /// Response time only: mean hours to the first reply (null when nothing was answered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_response_hours: Option<Option<f64>>,
    /// One id per defect, sorted.
    pub items: Vec<String>,
    /// What helps this metric, most effective first.
    pub tips: Vec<String>,
    /// Bad now: this many more defect-free items would end the breach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clean_items_to_recover: Option<u64>,
    /// Not bad now: this many more defects among the same items would breach the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defects_to_breach: Option<u64>,
    /// One defect moves the rate by more than one percentage point.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub small_sample: bool,
    /// The metric day by day as its window slides past the as-of day, if no
    /// new defects come (`below` and `at_least` targets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<ForecastReport>,
    /// What makes each item a defect (table and markdown `--details`).
    #[serde(skip)]
    pub details: Vec<Defect>,
    #[serde(skip)]
    pub target_rule: Option<Target>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OpenOrderReport {
    pub order_id: String,
    pub state: OpenState,
    /// When shipment must be confirmed (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub ship_by: String,
    /// When Amazon cancels the order if shipment is still not confirmed (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub auto_cancel_at: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PendingMessageReport {
    pub message_id: String,
    /// When the 24 hours to answer run out (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub answer_by: String,
}

fn fraction(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Builds a metric's report from its measurement.
/// One projected day of a forecast.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ForecastDayReport {
    #[schemars(extend("format" = "date"))]
    pub date: String,
    pub defects: u64,
    pub total: u64,
    pub rate: Option<f64>,
    pub status: Status,
}

/// A recovery forecast.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ForecastReport {
    /// What the projection assumes, in words.
    pub assumption: String,
    pub days: Vec<ForecastDayReport>,
    /// The first coming day whose status is not `bad`; null when the metric is
    /// not `bad` now or does not recover within the horizon.
    #[schemars(extend("format" = "date"))]
    pub recovers_on: Option<String>,
}

/// The rate as Amazon shows it for `target`.
fn shown_rate(target: Target, defects: u64, total: u64) -> Option<f64> {
    match target {
        Target::AtLeast(_) => fraction(total - defects, total),
        _ => fraction(defects, total),
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
    let noun = match m.metric {
        MetricId::ValidTrackingRate => "packages",
        MetricId::ResponseTime => "messages",
        _ => "orders",
    };
    ForecastReport {
        assumption: format!(
            "{} already known keep the defects they have; each coming day adds {:.1} defect-free {noun} (the window's current daily average) and no new defects",
            capitalised(noun),
            forecast::daily_volume(m)
        ),
        days,
        recovers_on,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub fn metric_report(m: Measured, warn: Ratio) -> MetricReport {
    let target = rule(m.metric).target;
    let st = status(target, m.defects, m.total, warn);
    let forecast = match target {
        Target::Below(_) | Target::AtLeast(_) => Some(forecast_report(&m, target, st, warn)),
        Target::Zero => None,
    };
    let rate = match target {
        Target::AtLeast(_) => fraction(m.total - m.defects, m.total),
        _ => fraction(m.defects, m.total),
    };
    let (clean, breach) = match headroom(target, m.defects, m.total, warn) {
        Some(Headroom::CleanItemsToRecover(n)) => (Some(n), None),
        Some(Headroom::DefectsToBreach(n)) => (None, Some(n)),
        None => (None, None),
    };
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
        rate,
        target: TargetReport {
            condition: target.condition(),
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
        tips: advice::tips_for(m.metric)
            .into_iter()
            .map(str::to_string)
            .collect(),
        clean_items_to_recover: clean,
        defects_to_breach: breach,
        small_sample: m.total > 0 && m.total < 100 && !matches!(target, Target::Zero),
        forecast,
        details: m.items,
        target_rule: Some(target),
    }
}

/// The overall status: the worst metric status, or `no_data` when none has data.
pub fn overall(metrics: &[MetricReport]) -> Status {
    metrics
        .iter()
        .map(|m| m.status)
        .max()
        .unwrap_or(Status::NoData)
}

pub fn open_order_report(ctx: &Context<'_>, o: &OpenOrder) -> OpenOrderReport {
    OpenOrderReport {
        order_id: o.order_id.clone(),
        state: o.state,
        ship_by: ctx.cal.rfc3339(o.ship_by),
        auto_cancel_at: ctx.cal.rfc3339(o.auto_cancel_at),
    }
}

pub fn pending_message_report(ctx: &Context<'_>, p: &PendingMessage) -> PendingMessageReport {
    PendingMessageReport {
        message_id: p.message_id.clone(),
        answer_by: ctx.cal.rfc3339(p.answer_by),
    }
}

/// Options of the people-facing formats.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub details: bool,
    pub color: bool,
    /// The terminal's width in columns when writing to one; `None` otherwise.
    pub width: Option<u16>,
}

/// One output format.
pub trait Render {
    fn render(&self, report: &Report, options: &RenderOptions) -> String;
}

pub fn metric_status_word(s: Status) -> &'static str {
    match s {
        Status::Good => "good",
        Status::Warning => "warning",
        Status::Bad => "BAD",
        Status::NoData => "no data",
    }
}

/// A rate as a percentage for people (`0.73%`, `98.75%`).
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.2}%", r * 100.0),
        None => "–".to_string(),
    }
}

/// The target in words (`< 1%`, `≥ 95%`, `0`).
pub fn target_words(t: &TargetReport) -> String {
    let v = t.value * 100.0;
    let v = if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}%")
    } else {
        format!("{v}%")
    };
    match t.condition {
        "below" => format!("< {v}"),
        "at_least" => format!("≥ {v}"),
        _ => "0".to_string(),
    }
}

/// The channel in words.
pub fn channel_words(s: Scope) -> &'static str {
    match s {
        Scope::Mfn => "seller-fulfilled",
        Scope::Afn => "Amazon-fulfilled",
        Scope::All => "all",
    }
}

//! The JSON contract (SPEC §5): the report's types, serialised as they are by
//! `--format json` and described by `sellerhealth schema`. Serde lives here,
//! not on the internals of the layers below: enums of those layers get their
//! JSON names from the mirror definitions at the end of this file.

mod amazon;
mod names;

pub use amazon::{
    AmazonFigureReport, AmazonMetricReport, AmazonSection, ComponentComparison,
    ComponentsComparison, DifferenceReport, HealthRatingReport, OurFigureReport, PolicyReport,
};
pub use names::{input_kind_key, scope_key, status_key};
pub(in crate::report) use names::{
    ClaimKindDef, ClaimStateDef, InputKindDef, MetricIdDef, OpenStateDef, ScopeDef, StatusDef,
};

use schemars::JsonSchema;
use serde::Serialize;

use crate::metrics::act_now::{ClaimState, OpenState};
use crate::metrics::status::Status;
use crate::model::{ClaimType, Dimension, InputKind};
use crate::policy::{MetricId, Scope};

/// Raised when the meaning of an existing field changes.
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
    /// The instant at which `open_orders`, `pending_messages` and `claims_due`
    /// are judged (RFC 3339): `--now`, else the time of the run, or with
    /// `--as-of` the start of the day after it. Metrics are judged at the end
    /// of the as-of day whatever `now` is.
    #[schemars(extend("format" = "date-time"))]
    pub now: String,
    /// The IANA time zone in force.
    pub timezone: String,
    /// The seller account (`--accounts DIR`: its `account.toml` name, else its
    /// folder's name); null outside `--accounts`.
    pub account: Option<String>,
    /// The marketplace code (`US`, `DE`, …): every report covers the orders
    /// of one marketplace (SPEC §12.1).
    pub marketplace: String,
    /// The worst status of any metric; `no_data` when no metric has items.
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
    pub status: Status,
    /// Every file read, in the order given (orders files are read first).
    pub inputs: Vec<InputReport>,
    /// How recent the data is.
    pub freshness: FreshnessReport,
    /// Every metric and window, in a fixed order, each always present.
    pub metrics: Vec<MetricReport>,
    /// With `--history`: what changed since the latest earlier snapshot of the
    /// same account and marketplace; null when the history holds none. Absent
    /// without a history.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Option<SinceReport>>,
    /// Seller-fulfilled orders neither shipped nor cancelled, by order id.
    pub open_orders: Vec<OpenOrderReport>,
    /// Buyer messages still waiting for a first reply, by message id.
    pub pending_messages: Vec<PendingMessageReport>,
    /// A-to-z claims and chargebacks still open (status pending, open or
    /// empty) dated in the 60 days before `now`, or undated; by `respond_by`
    /// (undated last), then order id.
    pub claims_due: Vec<ClaimDueReport>,
    /// What had to be skipped or left out while reading and measuring.
    pub warnings: Vec<String>,
    /// With `--check` only: the exit code and, when it is 3, why the health
    /// cannot be told (one sentence per reason).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckReport>,
    /// Amazon's own Account Health report beside ours, when one was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amazon: Option<AmazonSection>,
    /// The HTML page's trend lines: each metric row's rate over the last
    /// days (not part of the JSON, which has `sellerhealth trend`).
    #[serde(skip)]
    #[schemars(skip)]
    pub trend_lines: Vec<TrendLine>,
}

/// The outcome of `--check` (SPEC §9.3).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CheckReport {
    /// The exit code: 0 good, 1 warning, 2 bad, 3 health cannot be told.
    pub code: u8,
    /// Why the health cannot be told; empty unless `code` is 3.
    pub reasons: Vec<String>,
}

/// What was read from one file.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InputReport {
    pub path: String,
    #[serde(with = "InputKindDef")]
    #[schemars(with = "InputKindDef")]
    pub kind: InputKind,
    /// Data rows read (blank lines and skipped header lines aside).
    pub rows: u64,
    pub skipped_rows: u64,
    /// The first day of any event in the file's rows (purchase, update,
    /// shipment, confirmation, delivery, feedback, claim, return, message
    /// received or answered; never a deadline); null when it has none.
    #[schemars(extend("format" = "date"))]
    pub first_day: Option<String>,
    /// The last day of any event in the file's rows; null when it has none.
    #[schemars(extend("format" = "date"))]
    pub last_day: Option<String>,
}

/// How recent the data is (SPEC §9.2).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FreshnessReport {
    /// The latest event day in the orders and shipments inputs (all inputs
    /// when those have none); null when no input has an event.
    #[schemars(extend("format" = "date"))]
    pub newest_day: Option<String>,
    /// `as_of` − `newest_day` in days (negative when the data runs past the
    /// as-of day); null without `newest_day`.
    pub age_days: Option<i64>,
    /// `--max-age` (default 7); null with `--max-age off`.
    pub max_age_days: Option<u32>,
    /// `age_days` > `max_age_days`: the reports are too old to tell the account's health today.
    pub stale: bool,
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

/// How a metric's value is held against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The rate must stay under the value.
    Below,
    /// The rate must reach the value.
    AtLeast,
    /// There should be no defect at all.
    Zero,
}

/// The condition's name in JSON and CSV.
pub fn condition_key(c: Condition) -> &'static str {
    match c {
        Condition::Below => "below",
        Condition::AtLeast => "at_least",
        Condition::Zero => "zero",
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TargetReport {
    /// `below`: the rate must stay under `value`; `at_least`: it must reach `value`;
    /// `zero`: there should be no defect at all.
    pub condition: Condition,
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
    #[serde(with = "MetricIdDef")]
    #[schemars(with = "MetricIdDef")]
    pub metric: MetricId,
    #[serde(with = "ScopeDef")]
    #[schemars(with = "ScopeDef")]
    pub channel: Scope,
    pub window: WindowReport,
    pub defects: u64,
    pub total: u64,
    /// As Amazon shows it: defects/total, or (total − defects)/total for `at_least` targets.
    pub rate: Option<f64>,
    pub target: TargetReport,
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
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
    /// With `--by`: the window's items by each dimension asked for that
    /// applies to the metric (SPEC §13).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<BreakdownReport>,
    /// Each item and what makes it a defect, in words (table and markdown `--details`).
    #[serde(skip)]
    pub details: Vec<DetailLine>,
}

/// A metric's items by dimension: each present dimension lists every group,
/// most defects first, then by key (the unknown group last among equals).
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct BreakdownReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<Vec<GroupReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asin: Option<Vec<GroupReport>>,
    #[serde(rename = "ship-service-level", skip_serializing_if = "Option::is_none")]
    pub ship_service_level: Option<Vec<GroupReport>>,
    #[serde(rename = "ship-state", skip_serializing_if = "Option::is_none")]
    pub ship_state: Option<Vec<GroupReport>>,
    #[serde(rename = "ship-country", skip_serializing_if = "Option::is_none")]
    pub ship_country: Option<Vec<GroupReport>>,
    #[serde(rename = "sales-channel", skip_serializing_if = "Option::is_none")]
    pub sales_channel: Option<Vec<GroupReport>>,
    /// The package's carrier (valid tracking: by package; on-time delivery: an
    /// order in the group of each carrier among its validly tracked packages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<Vec<GroupReport>>,
}

impl BreakdownReport {
    /// The groups of a dimension, when present.
    pub fn get(&self, d: Dimension) -> Option<&[GroupReport]> {
        self.slot(d).as_deref()
    }

    fn slot(&self, d: Dimension) -> &Option<Vec<GroupReport>> {
        match d {
            Dimension::Sku => &self.sku,
            Dimension::Asin => &self.asin,
            Dimension::ShipServiceLevel => &self.ship_service_level,
            Dimension::ShipState => &self.ship_state,
            Dimension::ShipCountry => &self.ship_country,
            Dimension::SalesChannel => &self.sales_channel,
            Dimension::Carrier => &self.carrier,
        }
    }

    pub fn set(&mut self, d: Dimension, groups: Vec<GroupReport>) {
        let slot = match d {
            Dimension::Sku => &mut self.sku,
            Dimension::Asin => &mut self.asin,
            Dimension::ShipServiceLevel => &mut self.ship_service_level,
            Dimension::ShipState => &mut self.ship_state,
            Dimension::ShipCountry => &mut self.ship_country,
            Dimension::SalesChannel => &mut self.sales_channel,
            Dimension::Carrier => &mut self.carrier,
        };
        *slot = Some(groups);
    }

    /// The present dimensions and their groups, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (Dimension, &[GroupReport])> {
        Dimension::ALL
            .into_iter()
            .filter_map(|d| self.get(d).map(|g| (d, g)))
    }
}

/// One group of a breakdown.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GroupReport {
    /// The dimension's value; null for items whose value is unknown.
    pub key: Option<String>,
    pub defects: u64,
    pub total: u64,
    /// The metric's rate over the group (as `rate`: for `at_least` targets (total − defects)/total).
    pub rate: Option<f64>,
    /// The group's defects / the metric's defects (null when the metric has none).
    pub share: Option<f64>,
}

/// One metric row's rate day by day, up to the as-of day.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLine {
    pub metric: MetricId,
    pub channel: Scope,
    pub window_days: u32,
    /// The first day of the line.
    pub from: String,
    /// One rate per day from `from` to the as-of day (`None`: no data).
    pub rates: Vec<Option<f64>>,
}

/// One defective item and why, for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLine {
    pub id: String,
    pub why: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OpenOrderReport {
    pub order_id: String,
    #[serde(with = "OpenStateDef")]
    #[schemars(with = "OpenStateDef")]
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

/// The metric rows that changed since an earlier snapshot (SPEC §10.3).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SinceReport {
    /// The as-of day of the snapshot compared with.
    #[schemars(extend("format" = "date"))]
    pub as_of: String,
    /// Rows whose status or defect count changed, in the order of `metrics`.
    pub changes: Vec<ChangeReport>,
}

/// One metric row that changed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeReport {
    #[serde(with = "MetricIdDef")]
    #[schemars(with = "MetricIdDef")]
    pub metric: MetricId,
    #[serde(with = "ScopeDef")]
    #[schemars(with = "ScopeDef")]
    pub channel: Scope,
    pub window_days: u32,
    /// The row in the earlier snapshot; null when that snapshot has no such row.
    pub before: Option<ChangeSideReport>,
    pub after: ChangeSideReport,
}

/// A metric row's figures on one side of a change.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeSideReport {
    pub defects: u64,
    pub total: u64,
    pub rate: Option<f64>,
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
    pub status: Status,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ClaimDueReport {
    pub order_id: String,
    #[serde(with = "ClaimKindDef")]
    #[schemars(with = "ClaimKindDef")]
    pub kind: ClaimType,
    /// The claim's day (`YYYY-MM-DD`); null when the claims file gives none.
    #[schemars(extend("format" = "date"))]
    pub claim_date: Option<String>,
    /// The project's deadline to answer (RFC 3339): the start of the claim
    /// day plus 72 hours for an A-to-z claim, plus 7 days for a chargeback
    /// (the earliest Amazon publishes); null without a claim date.
    #[schemars(extend("format" = "date-time"))]
    pub respond_by: Option<String>,
    #[serde(with = "ClaimStateDef")]
    #[schemars(with = "ClaimStateDef")]
    pub state: ClaimState,
}

/// One projected day of a forecast.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ForecastDayReport {
    #[schemars(extend("format" = "date"))]
    pub date: String,
    pub defects: u64,
    pub total: u64,
    pub rate: Option<f64>,
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
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

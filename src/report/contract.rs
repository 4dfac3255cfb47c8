//! The JSON contract (SPEC §5): the report's types, serialised as they are by
//! `--format json` and described by `sellerhealth schema`. Serde lives here,
//! not on the internals of the layers below: enums of those layers get their
//! JSON names from the mirror definitions at the end of this file.

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
    /// The marketplace code (`US`, `DE`, …).
    pub marketplace: String,
    /// The worst status of any metric; `no_data` when no metric has items.
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
    pub status: Status,
    /// Every file read, in the order read.
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
}

/// The outcome of `--check` (SPEC §9.3).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CheckReport {
    /// The exit code: 0 good, 1 warning, 2 bad, 3 health cannot be told.
    pub code: u8,
    /// Why the health cannot be told; empty unless `code` is 3.
    pub reasons: Vec<String>,
}

/// Amazon's Account Health report compared with our figures (SPEC §11.2).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AmazonSection {
    /// The performance report file.
    pub path: String,
    /// The marketplace of the entry compared (null: the report's only entry has no id).
    pub marketplace: Option<String>,
    /// Amazon's account status for the marketplace (`NORMAL`, …), as Amazon writes it.
    pub account_status: Option<String>,
    pub account_health_rating: Option<HealthRatingReport>,
    /// One row per metric Amazon reports.
    pub metrics: Vec<AmazonMetricReport>,
    /// Amazon's policy items (listing policy violations, …), which sellerhealth cannot compute.
    pub policy: Vec<PolicyReport>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HealthRatingReport {
    pub score: Option<f64>,
    /// As Amazon writes it (`GREEN`, …).
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PolicyReport {
    /// Amazon's name of the item (`listingPolicyViolations`).
    pub name: String,
    pub defects: Option<u64>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AmazonMetricReport {
    #[serde(with = "MetricIdDef")]
    #[schemars(with = "MetricIdDef")]
    pub metric: MetricId,
    #[serde(with = "ScopeDef")]
    #[schemars(with = "ScopeDef")]
    pub channel: Scope,
    /// Amazon's reporting window (null when Amazon gives none).
    pub window: Option<WindowReport>,
    pub amazon: AmazonFigureReport,
    /// Ours over exactly Amazon's window (null without a window).
    pub ours: Option<OurFigureReport>,
    /// Amazon's minus ours (null where Amazon gives no count).
    pub difference: DifferenceReport,
    /// Order defect rate only: each component on both sides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<ComponentsComparison>,
    /// Why the figures agree or differ, computed from the data.
    pub explanation: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AmazonFigureReport {
    pub defects: Option<u64>,
    pub total: Option<u64>,
    pub rate: Option<f64>,
    /// As Amazon writes it (`GOOD`, `BAD`, `NORMAL`, …).
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OurFigureReport {
    pub defects: u64,
    pub total: u64,
    pub rate: Option<f64>,
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
    pub status: Status,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DifferenceReport {
    pub defects: Option<i64>,
    pub total: Option<i64>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComponentComparison {
    pub amazon: Option<u64>,
    pub ours: u64,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComponentsComparison {
    pub negative_feedback: ComponentComparison,
    pub a_to_z_claims: ComponentComparison,
    pub chargebacks: ComponentComparison,
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

// JSON names of the enums of lower layers (serde's remote derive: the
// compiler checks that each mirror has exactly the variants of its type).

#[derive(Serialize, JsonSchema)]
#[serde(remote = "Status", rename_all = "snake_case")]
#[schemars(rename = "Status")]
enum StatusDef {
    NoData,
    Good,
    Warning,
    Bad,
}

/// The status's name in JSON and CSV (`no_data`, `good`, `warning`, `bad`).
pub fn status_key(s: Status) -> &'static str {
    match s {
        Status::NoData => "no_data",
        Status::Good => "good",
        Status::Warning => "warning",
        Status::Bad => "bad",
    }
}

#[derive(Serialize, JsonSchema)]
#[serde(remote = "OpenState", rename_all = "snake_case")]
#[schemars(rename = "OpenState")]
enum OpenStateDef {
    /// Ship-by still ahead.
    Due,
    /// Past ship-by: already counts as late.
    Late,
    /// Past the auto-cancel instant.
    Expired,
}

/// Which kind of claim.
#[derive(Serialize, JsonSchema)]
#[serde(remote = "ClaimType", rename_all = "snake_case")]
#[schemars(rename = "ClaimKind")]
enum ClaimKindDef {
    /// An A-to-z Guarantee claim.
    #[serde(rename = "a_to_z")]
    AToZ,
    /// A chargeback from the buyer's card issuer.
    Chargeback,
}

/// Where a claim stands at `now`.
#[derive(Serialize, JsonSchema)]
#[serde(remote = "ClaimState", rename_all = "snake_case")]
#[schemars(rename = "ClaimState")]
enum ClaimStateDef {
    /// `respond_by` is still ahead, or unknown.
    Due,
    /// `now` is past `respond_by`.
    Overdue,
}

/// The kind of an input as listed in the report (`unknown` for a header-only
/// file whose kind cannot be told).
#[derive(Serialize, JsonSchema)]
#[serde(remote = "InputKind", rename_all = "lowercase")]
#[schemars(rename = "InputKind")]
enum InputKindDef {
    Orders,
    Shipments,
    Feedback,
    Claims,
    Returns,
    Messages,
    Performance,
    Unknown,
}

/// The input kind's name in JSON (`orders`, …, `unknown`).
pub fn input_kind_key(k: InputKind) -> &'static str {
    match k {
        InputKind::Orders => "orders",
        InputKind::Shipments => "shipments",
        InputKind::Feedback => "feedback",
        InputKind::Claims => "claims",
        InputKind::Returns => "returns",
        InputKind::Messages => "messages",
        InputKind::Performance => "performance",
        InputKind::Unknown => "unknown",
    }
}

/// The metric families, in the order the report lists them (SPEC §5).
#[derive(Serialize, JsonSchema)]
#[serde(remote = "MetricId", rename_all = "snake_case")]
#[schemars(rename = "MetricId")]
enum MetricIdDef {
    OrderDefectRate,
    LateShipmentRate,
    PreFulfillmentCancelRate,
    ValidTrackingRate,
    OnTimeDeliveryRate,
    ExpiredOrders,
    ResponseTime,
}

/// The channel's name in JSON and CSV (`mfn`, `afn`, `all`).
pub fn scope_key(s: Scope) -> &'static str {
    match s {
        Scope::Mfn => "mfn",
        Scope::Afn => "afn",
        Scope::All => "all",
    }
}

/// Which orders a metric covers.
#[derive(Serialize, JsonSchema)]
#[serde(remote = "Scope", rename_all = "lowercase")]
#[schemars(rename = "Scope")]
enum ScopeDef {
    Mfn,
    Afn,
    All,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_agree_with_the_keys() {
        for m in MetricId::ALL {
            let json = serde_json::to_value(MetricReportKey(m)).unwrap_or_default();
            assert_eq!(json, serde_json::json!(m.as_str()));
        }
        for s in [Status::NoData, Status::Good, Status::Warning, Status::Bad] {
            let json = serde_json::to_value(StatusKey(s)).unwrap_or_default();
            assert_eq!(json, serde_json::json!(status_key(s)));
        }
        for c in [Condition::Below, Condition::AtLeast, Condition::Zero] {
            let json = serde_json::to_value(c).unwrap_or_default();
            assert_eq!(json, serde_json::json!(condition_key(c)));
        }
        for s in [Scope::Mfn, Scope::Afn, Scope::All] {
            let json = serde_json::to_value(ScopeKey(s)).unwrap_or_default();
            assert_eq!(json, serde_json::json!(scope_key(s)));
        }
        for k in [
            InputKind::Orders,
            InputKind::Shipments,
            InputKind::Feedback,
            InputKind::Claims,
            InputKind::Returns,
            InputKind::Messages,
            InputKind::Performance,
            InputKind::Unknown,
        ] {
            let json = serde_json::to_value(InputKindKey(k)).unwrap_or_default();
            assert_eq!(json, serde_json::json!(input_kind_key(k)));
        }
    }

    #[derive(Serialize)]
    struct MetricReportKey(#[serde(with = "MetricIdDef")] MetricId);
    #[derive(Serialize)]
    struct StatusKey(#[serde(with = "StatusDef")] Status);
    #[derive(Serialize)]
    struct ScopeKey(#[serde(with = "ScopeDef")] Scope);
    #[derive(Serialize)]
    struct InputKindKey(#[serde(with = "InputKindDef")] InputKind);
}

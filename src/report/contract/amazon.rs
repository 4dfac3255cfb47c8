//! The JSON form of the comparison with Amazon's Account Health report (SPEC §11.2).

use schemars::JsonSchema;
use serde::Serialize;

use super::names::{MetricIdDef, ScopeDef, StatusDef};
use super::WindowReport;
use crate::metrics::status::Status;
use crate::policy::{MetricId, Scope};

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

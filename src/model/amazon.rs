//! Amazon's own Account Health report (SP-API `GET_V2_SELLER_PERFORMANCE_REPORT`),
//! as read: every figure optional, enumerations kept as Amazon's text.

use chrono::NaiveDate;

/// One performance report file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AmazonReport {
    /// The file, as shown to the user.
    pub path: String,
    pub account_statuses: Vec<AccountStatus>,
    pub marketplaces: Vec<AmazonMetrics>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatus {
    pub marketplace_id: Option<String>,
    pub status: Option<String>,
}

/// The `performanceMetrics` entry of one marketplace.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AmazonMetrics {
    pub marketplace_id: Option<String>,
    pub order_defect_mfn: Option<AmazonFigure>,
    pub order_defect_afn: Option<AmazonFigure>,
    /// Late shipment rates (`lateShipmentRate` and each of `lateShipmentRateList`).
    pub late_shipment: Vec<AmazonFigure>,
    pub cancellation: Option<AmazonFigure>,
    pub valid_tracking: Option<AmazonFigure>,
    pub on_time_delivery: Option<AmazonFigure>,
    pub health_rating: Option<HealthRating>,
    /// Policy items (`listingPolicyViolations`, …) in the order found.
    pub policy: Vec<PolicyItem>,
}

/// One metric as Amazon reports it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AmazonFigure {
    /// The reporting window's first and last day (the date part of Amazon's instants).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Amazon's defect count (late shipments, cancellations, invalid tracking, late deliveries, …).
    pub defects: Option<u64>,
    /// Amazon's item count (orders, shipments).
    pub total: Option<u64>,
    pub rate: Option<f64>,
    pub status: Option<String>,
    pub target_value: Option<f64>,
    pub target_condition: Option<String>,
    /// Order defect rate only: orders with each kind of defect.
    pub negative_feedback: Option<u64>,
    pub claims: Option<u64>,
    pub chargebacks: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HealthRating {
    pub status: Option<String>,
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyItem {
    /// Amazon's key (`listingPolicyViolations`).
    pub name: String,
    pub defects: Option<u64>,
    pub status: Option<String>,
}

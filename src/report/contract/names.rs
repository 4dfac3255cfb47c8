//! The JSON names of lower layers' enums (serde's remote derive: the
//! compiler checks that each mirror has exactly the variants of its type), and
//! the same names as text for CSV and the history.

use schemars::JsonSchema;
use serde::Serialize;

use crate::metrics::act_now::{ClaimState, OpenState};
use crate::metrics::status::Status;
use crate::model::{ClaimType, InputKind};
use crate::policy::{MetricId, Scope};

// JSON names of the enums of lower layers (serde's remote derive: the
// compiler checks that each mirror has exactly the variants of its type).

#[derive(Serialize, JsonSchema)]
#[serde(remote = "Status", rename_all = "snake_case")]
#[schemars(rename = "Status")]
pub(in crate::report) enum StatusDef {
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
pub(in crate::report) enum OpenStateDef {
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
pub(in crate::report) enum ClaimKindDef {
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
pub(in crate::report) enum ClaimStateDef {
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
pub(in crate::report) enum InputKindDef {
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
pub(in crate::report) enum MetricIdDef {
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
pub(in crate::report) enum ScopeDef {
    Mfn,
    Afn,
    All,
}

#[cfg(test)]
mod tests {
    use super::super::{condition_key, Condition};
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

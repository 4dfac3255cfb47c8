//! Amazon's targets and windows, in one place (SPEC §3–4).

use serde::Serialize;

/// The metric families, in the order the report lists them (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricId {
    OrderDefectRate,
    LateShipmentRate,
    PreFulfillmentCancelRate,
    ValidTrackingRate,
    OnTimeDeliveryRate,
    ExpiredOrders,
    ResponseTime,
}

impl MetricId {
    pub const ALL: [MetricId; 7] = [
        MetricId::OrderDefectRate,
        MetricId::LateShipmentRate,
        MetricId::PreFulfillmentCancelRate,
        MetricId::ValidTrackingRate,
        MetricId::OnTimeDeliveryRate,
        MetricId::ExpiredOrders,
        MetricId::ResponseTime,
    ];

    /// The id used in JSON and on the command line (`order_defect_rate`).
    pub fn as_str(self) -> &'static str {
        match self {
            MetricId::OrderDefectRate => "order_defect_rate",
            MetricId::LateShipmentRate => "late_shipment_rate",
            MetricId::PreFulfillmentCancelRate => "pre_fulfillment_cancel_rate",
            MetricId::ValidTrackingRate => "valid_tracking_rate",
            MetricId::OnTimeDeliveryRate => "on_time_delivery_rate",
            MetricId::ExpiredOrders => "expired_orders",
            MetricId::ResponseTime => "response_time",
        }
    }

    /// The metric's name in words, as Seller Central shows it.
    pub fn title(self) -> &'static str {
        match self {
            MetricId::OrderDefectRate => "Order defect rate",
            MetricId::LateShipmentRate => "Late shipment rate",
            MetricId::PreFulfillmentCancelRate => "Pre-fulfillment cancel rate",
            MetricId::ValidTrackingRate => "Valid tracking rate",
            MetricId::OnTimeDeliveryRate => "On-time delivery rate",
            MetricId::ExpiredOrders => "Expired orders",
            MetricId::ResponseTime => "Response time under 24 hours",
        }
    }

    pub fn parse(s: &str) -> Option<MetricId> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        MetricId::ALL
            .into_iter()
            .find(|m| m.as_str() == s || m.short() == s)
    }

    /// A short alias accepted by `explain` (`odr`, `lsr`, …).
    pub fn short(self) -> &'static str {
        match self {
            MetricId::OrderDefectRate => "odr",
            MetricId::LateShipmentRate => "lsr",
            MetricId::PreFulfillmentCancelRate => "cr",
            MetricId::ValidTrackingRate => "vtr",
            MetricId::OnTimeDeliveryRate => "otdr",
            MetricId::ExpiredOrders => "expired",
            MetricId::ResponseTime => "rt",
        }
    }
}

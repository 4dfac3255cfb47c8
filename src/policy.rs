//! Amazon's targets and windows, in one place (SPEC §3–4).

use serde::Serialize;

/// The metric families, in the order the report lists them (SPEC §5).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema,
)]
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

/// An exact fraction, so statuses are decided on integers (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub num: u64,
    pub den: u64,
}

impl Ratio {
    pub const fn new(num: u64, den: u64) -> Ratio {
        Ratio { num, den }
    }

    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// A decimal such as `0.75` read exactly (`75/100`).
    pub fn parse_decimal(s: &str) -> Option<Ratio> {
        let s = s.trim();
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|c| c.is_ascii_digit())
            || !frac.bytes().all(|c| c.is_ascii_digit())
            || frac.len() > 9
            || int.len() > 9
        {
            return None;
        }
        let den = 10u64.pow(u32::try_from(frac.len()).ok()?);
        let int: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let frac: u64 = if frac.is_empty() {
            0
        } else {
            frac.parse().ok()?
        };
        Some(Ratio {
            num: int * den + frac,
            den,
        })
    }
}

/// Amazon's target for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// defects/total must stay below the value.
    Below(Ratio),
    /// (total − defects)/total must be at least the value.
    AtLeast(Ratio),
    /// No defects at all.
    Zero,
}

impl Target {
    pub fn condition(self) -> &'static str {
        match self {
            Target::Below(_) => "below",
            Target::AtLeast(_) => "at_least",
            Target::Zero => "zero",
        }
    }

    pub fn value(self) -> f64 {
        match self {
            Target::Below(r) | Target::AtLeast(r) => r.as_f64(),
            Target::Zero => 0.0,
        }
    }
}

/// Which orders a metric covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Mfn,
    Afn,
    All,
}

/// One metric's target, window length and lag before the as-of day.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub metric: MetricId,
    pub target: Target,
    /// Window lengths in days (several for late shipment and response time).
    pub windows: &'static [u32],
    /// Days between the window's last day and the as-of day.
    pub lag: u32,
}

pub const ODR_TARGET: Target = Target::Below(Ratio::new(1, 100));

/// The policy of SPEC §3–4.
pub fn rule(metric: MetricId) -> Rule {
    let (target, windows, lag): (Target, &'static [u32], u32) = match metric {
        MetricId::OrderDefectRate => (ODR_TARGET, &[60], 14),
        MetricId::LateShipmentRate => (Target::Below(Ratio::new(4, 100)), &[10, 30], 0),
        MetricId::PreFulfillmentCancelRate => (Target::Below(Ratio::new(25, 1000)), &[7], 0),
        MetricId::ValidTrackingRate => (Target::AtLeast(Ratio::new(95, 100)), &[30], 0),
        MetricId::OnTimeDeliveryRate => (Target::AtLeast(Ratio::new(90, 100)), &[14], 7),
        MetricId::ExpiredOrders => (Target::Zero, &[30], 0),
        MetricId::ResponseTime => (Target::AtLeast(Ratio::new(90, 100)), &[7, 30, 90], 0),
    };
    Rule {
        metric,
        target,
        windows,
        lag,
    }
}

/// Default share of a limit at which a metric turns `warning` (`--warn-at`).
pub const DEFAULT_WARN_AT: Ratio = Ratio::new(75, 100);
/// Business days after the ship-by day before Amazon cancels an unconfirmed order.
pub const AUTO_CANCEL_BUSINESS_DAYS: u32 = 7;
/// Hours within which a buyer message must be answered.
pub const RESPONSE_HOURS: i64 = 24;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(Ratio::parse_decimal("0.75"), Some(Ratio::new(75, 100)));
        assert_eq!(Ratio::parse_decimal("1"), Some(Ratio::new(1, 1)));
        assert_eq!(Ratio::parse_decimal(".5"), Some(Ratio::new(5, 10)));
        assert_eq!(Ratio::parse_decimal("abc"), None);
        assert_eq!(Ratio::parse_decimal("-0.5"), None);
        assert_eq!(Ratio::parse_decimal(""), None);
    }

    #[test]
    fn metric_ids_parse_from_names_and_aliases() {
        assert_eq!(
            MetricId::parse("order-defect-rate"),
            Some(MetricId::OrderDefectRate)
        );
        assert_eq!(MetricId::parse("VTR"), Some(MetricId::ValidTrackingRate));
        assert_eq!(MetricId::parse("nope"), None);
    }
}

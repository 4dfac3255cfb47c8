//! Amazon's rules for each metric, in one table (SPEC §3–4): its ids and
//! names, channels, windows and lag, target, the unit of its items and the
//! day that places them in a window, and the tips that help it. Metrics,
//! words, `explain`, the schema docs and the tests all read [`POLICY`]; no
//! window or target number is written anywhere else.

/// The metric families, in the order the report lists them (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// Every metric, in report order (the order of [`POLICY`]).
    pub const ALL: [MetricId; 7] = {
        let mut all = [MetricId::OrderDefectRate; 7];
        let mut i = 0;
        while i < POLICY.len() {
            all[i] = POLICY[i].id;
            i += 1;
        }
        all
    };

    /// The metric's entry in [`POLICY`].
    pub fn policy(self) -> &'static MetricPolicy {
        // `POLICY` is in `MetricId` order (checked by a test).
        &POLICY[self as usize]
    }

    /// The id used in JSON and on the command line (`order_defect_rate`).
    pub fn as_str(self) -> &'static str {
        self.policy().key
    }

    /// The metric's name in words, as Seller Central shows it.
    pub fn title(self) -> &'static str {
        self.policy().name
    }

    /// A short alias accepted on the command line (`odr`, `lsr`, …).
    pub fn short(self) -> &'static str {
        self.policy().alias
    }

    pub fn parse(s: &str) -> Option<MetricId> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        MetricId::ALL
            .into_iter()
            .find(|m| m.as_str() == s || m.short() == s)
    }
}

/// What a metric counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Order,
    Package,
    Message,
}

/// The day that places an item in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacedBy {
    PurchaseDay,
    ShipByDay,
    ConfirmationDay,
    DeliverByDay,
    ReceivedDay,
}

/// One metric's rules.
#[derive(Debug, Clone, Copy)]
pub struct MetricPolicy {
    pub id: MetricId,
    /// The id in JSON and on the command line.
    pub key: &'static str,
    /// A short alias (`odr`).
    pub alias: &'static str,
    /// The name as Seller Central shows it.
    pub name: &'static str,
    /// The name where a table column is narrow.
    pub short_name: &'static str,
    /// The channels measured, each with its own status.
    pub channels: &'static [Scope],
    /// Window lengths in days, each with its own status.
    pub windows: &'static [u32],
    /// Days between the window's last day and the as-of day.
    pub lag: u32,
    /// The target; the warning band follows from it (`metrics::status`): a
    /// share of the limit (`--warn-at`) for `Below` and `AtLeast`, any defect
    /// for `Zero`.
    pub target: Target,
    pub unit: Unit,
    pub placed_by: PlacedBy,
    /// The tips that help, by id (`advice::TIPS`), most effective first; each
    /// tip names the guidance points it is written from.
    pub tips: &'static [&'static str],
}

impl MetricPolicy {
    /// The longest window.
    pub fn longest_window(&self) -> u32 {
        self.windows.iter().copied().max().unwrap_or(1)
    }
}

const fn pct(num: u64, den: u64) -> Ratio {
    Ratio::new(num, den)
}

/// The policy of SPEC §3–4, in report order.
pub const POLICY: [MetricPolicy; 7] = [
    MetricPolicy {
        id: MetricId::OrderDefectRate,
        key: "order_defect_rate",
        alias: "odr",
        name: "Order defect rate",
        short_name: "Order defect rate",
        channels: &[Scope::Mfn, Scope::Afn],
        windows: &[60],
        lag: 14,
        target: Target::Below(pct(1, 100)),
        unit: Unit::Order,
        placed_by: PlacedBy::PurchaseDay,
        tips: &[
            "a-to-z-claims",
            "refund-before-claim",
            "reply-within-24h",
            "accurate-listing",
            "negative-feedback-causes",
            "keep-buyers-informed",
            "stock-and-ship-on-time",
            "pack-with-care",
            "courteous-replies",
            "phone-number",
            "cancel-early",
            "review-regularly",
        ],
    },
    MetricPolicy {
        id: MetricId::LateShipmentRate,
        key: "late_shipment_rate",
        alias: "lsr",
        name: "Late shipment rate",
        short_name: "Late shipment rate",
        channels: &[Scope::Mfn],
        windows: &[10, 30],
        lag: 0,
        target: Target::Below(pct(4, 100)),
        unit: Unit::Order,
        placed_by: PlacedBy::ShipByDay,
        tips: &[
            "confirm-by-ship-date",
            "manage-orders",
            "fix-late-causes",
            "realistic-handling-time",
            "buy-shipping",
            "stock-and-ship-on-time",
            "inventory-in-sync",
            "peak-season",
            "vacation",
            "review-regularly",
        ],
    },
    MetricPolicy {
        id: MetricId::PreFulfillmentCancelRate,
        key: "pre_fulfillment_cancel_rate",
        alias: "cr",
        name: "Pre-fulfillment cancel rate",
        short_name: "Pre-fulfillment cancel rate",
        channels: &[Scope::Mfn],
        windows: &[7],
        lag: 0,
        target: Target::Below(pct(25, 1000)),
        unit: Unit::Order,
        placed_by: PlacedBy::PurchaseDay,
        tips: &[
            "cancel-only-on-request",
            "inventory-in-sync",
            "check-prices",
            "stock-and-ship-on-time",
            "avoid-expiry",
            "keep-buyers-informed",
            "cancel-early",
            "peak-season",
            "vacation",
            "review-regularly",
        ],
    },
    MetricPolicy {
        id: MetricId::ValidTrackingRate,
        key: "valid_tracking_rate",
        alias: "vtr",
        name: "Valid tracking rate",
        short_name: "Valid tracking rate",
        channels: &[Scope::Mfn],
        windows: &[30],
        lag: 0,
        target: Target::AtLeast(pct(95, 100)),
        unit: Unit::Package,
        placed_by: PlacedBy::ConfirmationDay,
        tips: &[
            "valid-tracking",
            "buy-shipping",
            "confirm-by-ship-date",
            "review-regularly",
        ],
    },
    MetricPolicy {
        id: MetricId::OnTimeDeliveryRate,
        key: "on_time_delivery_rate",
        alias: "otdr",
        name: "On-time delivery rate",
        short_name: "On-time delivery rate",
        channels: &[Scope::Mfn],
        windows: &[14],
        lag: 7,
        target: Target::AtLeast(pct(90, 100)),
        unit: Unit::Order,
        placed_by: PlacedBy::DeliverByDay,
        tips: &[
            "transit-times",
            "valid-tracking",
            "buy-shipping",
            "realistic-handling-time",
            "stock-and-ship-on-time",
            "peak-season",
            "review-regularly",
        ],
    },
    MetricPolicy {
        id: MetricId::ExpiredOrders,
        key: "expired_orders",
        alias: "expired",
        name: "Expired orders",
        short_name: "Expired orders",
        channels: &[Scope::Mfn],
        windows: &[30],
        lag: 0,
        target: Target::Zero,
        unit: Unit::Order,
        placed_by: PlacedBy::PurchaseDay,
        tips: &[
            "avoid-expiry",
            "manage-orders",
            "confirm-by-ship-date",
            "vacation",
            "cancel-early",
            "inventory-in-sync",
            "peak-season",
            "review-regularly",
        ],
    },
    MetricPolicy {
        id: MetricId::ResponseTime,
        key: "response_time",
        alias: "rt",
        name: "Response time under 24 hours",
        short_name: "Response time (24 h)",
        channels: &[Scope::All],
        windows: &[7, 30, 90],
        lag: 0,
        target: Target::AtLeast(pct(90, 100)),
        unit: Unit::Message,
        placed_by: PlacedBy::ReceivedDay,
        tips: &[
            "reply-within-24h",
            "messages-reach-you",
            "courteous-replies",
            "no-response-needed",
            "review-regularly",
        ],
    },
];

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
    /// The limit as a fraction (0.01 = 1%); 0 for [`Target::Zero`].
    pub fn value(self) -> f64 {
        match self {
            Target::Below(r) | Target::AtLeast(r) => r.as_f64(),
            Target::Zero => 0.0,
        }
    }
}

/// Which orders a metric covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Mfn,
    Afn,
    All,
}

/// Default share of a limit at which a metric turns `warning` (`--warn-at`).
pub const DEFAULT_WARN_AT: Ratio = Ratio::new(75, 100);
/// Business days after the ship-by day before Amazon cancels an unconfirmed order.
pub const AUTO_CANCEL_BUSINESS_DAYS: u32 = 7;
/// Hours within which a buyer message must be answered.
pub const RESPONSE_HOURS: i64 = 24;
/// Open claims dated within this many days before now are listed to answer (SPEC §9.1).
pub const OPEN_CLAIM_DAYS: i64 = 60;
/// Hours from the start of an A-to-z claim's day to answer it: the project's
/// choice, the earliest deadline Amazon publishes (SPEC §9.1).
pub const A_TO_Z_RESPONSE_HOURS: i64 = 72;
/// Days from the start of a chargeback's day to answer it (the project's choice, as above).
pub const CHARGEBACK_RESPONSE_DAYS: i64 = 7;

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
    fn policy_is_in_metric_id_order_and_complete() {
        for (i, p) in POLICY.iter().enumerate() {
            assert_eq!(p.id as usize, i, "{}", p.key);
            assert_eq!(p.id.policy().key, p.key);
            assert!(!p.channels.is_empty() && !p.windows.is_empty(), "{}", p.key);
        }
        let keys: std::collections::BTreeSet<_> = POLICY.iter().map(|p| p.key).collect();
        let aliases: std::collections::BTreeSet<_> = POLICY.iter().map(|p| p.alias).collect();
        assert_eq!((keys.len(), aliases.len()), (POLICY.len(), POLICY.len()));
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

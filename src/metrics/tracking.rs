//! Valid tracking rate (SPEC §4).

use chrono::NaiveDate;

use super::{Context, Item, Measured, TrackingProblem, Why};
use crate::calendar::Instant;
use crate::model::{Channel, OrderKey, Package, Shipments};
use crate::policy::{MetricId, Scope};

/// Whether the packages of an order count: seller-fulfilled by its order,
/// else by the shipment rows' own channel.
pub fn counts(ctx: &Context<'_>, key: OrderKey, shipments: &Shipments) -> bool {
    let channel = ctx
        .model
        .orders
        .get(&key)
        .and_then(|o| o.channel())
        .or(shipments.channel);
    channel != Some(Channel::Afn)
}

/// One package as of the context's day: its confirmation day and, when
/// its tracking is not valid, why. `None` when it has no row before E.
pub fn item(
    ctx: &Context<'_>,
    package: &Package,
    wants: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, Option<Why>)> {
    let p = ctx.package(package)?;
    let day = ctx.day(p.confirmed);
    if !wants(day) {
        return None;
    }
    Some((
        day,
        invalid_reason_of(p.carrier, p.tracking).map(Why::Tracking),
    ))
}

/// The instants at which [`item`] can change for this package.
pub fn changes(package: &Package, out: &mut Vec<Instant>) {
    for (t, delivered) in &package.rows {
        out.push(*t);
        out.extend(*delivered);
    }
    out.extend(package.carriers.iter().map(|(t, _)| *t));
}

pub fn valid_tracking_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::ValidTrackingRate, days);
    let mut m = Measured::new(MetricId::ValidTrackingRate, scope, window, ctx.as_of);
    for (key, shipments) in &ctx.model.shipments {
        if !counts(ctx, *key, shipments) {
            continue;
        }
        for p in &shipments.packages {
            if let Some((day, why)) = item(ctx, p, |d| m.wants(d)) {
                m.count(ctx, day, Item::Package(*key, p), why);
            }
        }
    }
    m
}

pub fn is_valid(p: &Package) -> bool {
    invalid_reason(p).is_none()
}

pub fn invalid_reason(p: &Package) -> Option<TrackingProblem> {
    invalid_reason_of(p.carrier.as_deref(), &p.tracking)
}

/// Why a carrier and normalised tracking number are not valid tracking.
pub fn invalid_reason_of(carrier: Option<&str>, tracking: &str) -> Option<TrackingProblem> {
    let carrier = carrier.map(str::trim).unwrap_or("");
    if carrier.is_empty() {
        return Some(TrackingProblem::NoCarrier);
    }
    check_number(carrier, tracking).err()
}

const PLACEHOLDERS: [&str; 7] = ["N/A", "NA", "NONE", "NULL", "TBD", "UNKNOWN", "0"];

/// Checks a normalised tracking number against the carrier's format.
pub fn check_number(carrier: &str, n: &str) -> Result<(), TrackingProblem> {
    if n.is_empty() {
        return Err(TrackingProblem::NoNumber);
    }
    if PLACEHOLDERS.contains(&n) {
        return Err(TrackingProblem::Placeholder(n.into()));
    }
    let mut chars = n.chars();
    if let Some(first) = chars.next() {
        if chars.all(|c| c == first) {
            return Err(TrackingProblem::Repeated);
        }
    }
    if !(8..=40).contains(&n.len()) || !n.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return Err(TrackingProblem::Malformed);
    }
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    let letters = |s: &str| s.bytes().all(|c| c.is_ascii_alphabetic());
    let carrier_lc = carrier.to_ascii_lowercase();
    let ok = match carrier_lc.as_str() {
        "ups" => n.len() == 18 && n.starts_with("1Z"),
        "usps" => {
            ((20..=22).contains(&n.len()) && digits(n))
                || (n.len() == 13 && letters(&n[..2]) && digits(&n[2..11]) && letters(&n[11..]))
        }
        "fedex" => matches!(n.len(), 12 | 15 | 20 | 22) && digits(n),
        "amazon" | "amzl" | "amazon logistics" | "amazon shipping" => {
            n.len() == 15 && n.starts_with("TBA") && digits(&n[3..])
        }
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(TrackingProblem::NotCarrierFormat(carrier.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(carrier: Option<&str>, tracking: &str) -> Package {
        Package {
            tracking: tracking.into(),
            carrier: carrier.map(Into::into),
            confirmed: 0,
            delivered: None,
            rows: vec![(0, None)],
            carriers: Vec::new(),
        }
    }

    #[test]
    fn carrier_formats() {
        assert!(check_number("UPS", "1ZXLS2H0UDP5WCW3N8").is_ok());
        assert!(check_number("ups", "1ZXLS2H0UDP5WCW3N").is_err());
        assert!(check_number("UPS", "2ZXLS2H0UDP5WCW3N8").is_err());
        assert!(check_number("USPS", "94001118992234567890").is_ok());
        assert!(check_number("USPS", "9400111899223456789012").is_ok());
        assert!(check_number("USPS", "EA123456789US").is_ok());
        assert!(check_number("USPS", "E1123456789US").is_err());
        assert!(check_number("USPS", "940011189922345678").is_err());
        for n in [
            "123456789012",
            "123456789012345",
            "12345678901234567890",
            "1234567890123456789012",
        ] {
            assert!(check_number("FedEx", n).is_ok(), "{n}");
        }
        assert!(check_number("FEDEX", "1234567890123").is_err());
        assert!(check_number("Amazon", "TBA993563272951").is_ok());
        assert!(check_number("Amazon Logistics", "TBA99356327295").is_err());
        assert!(check_number("AMZL", "TBA993563272951").is_ok());
        assert!(check_number("Amazon Shipping", "TBX993563272951").is_err());
        // Other carriers: 8–40 letters and digits.
        assert!(check_number("DHL", "JD0140000123").is_ok());
        assert!(check_number("DHL", "1234567").is_err());
        assert!(check_number("DHL", &"A1".repeat(21)).is_err());
    }

    #[test]
    fn placeholders_and_repeats() {
        for n in ["N/A", "NA", "NONE", "NULL", "TBD", "UNKNOWN", "0"] {
            assert!(check_number("DHL", n).is_err(), "{n}");
        }
        assert!(check_number("DHL", "000000000000").is_err());
        assert!(check_number("FedEx", "111111111111").is_err());
    }

    #[test]
    fn missing_carrier_is_invalid() {
        assert!(!is_valid(&pkg(None, "1ZXLS2H0UDP5WCW3N8")));
        assert!(!is_valid(&pkg(Some("  "), "1ZXLS2H0UDP5WCW3N8")));
        assert!(is_valid(&pkg(Some(" UPS "), "1ZXLS2H0UDP5WCW3N8")));
        assert!(!is_valid(&pkg(Some("UPS"), "")));
    }
}

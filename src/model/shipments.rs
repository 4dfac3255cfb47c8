//! What the shipments files say of one order: its packages.

use super::Channel;
use crate::calendar::Instant;

/// A package: the shipment rows of one order with one normalised tracking number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Normalised (trimmed, upper-case, no spaces or `-`); empty when blank.
    pub tracking: Box<str>,
    pub carrier: Option<Box<str>>,
    /// The latest row instant (`confirmed-at`, else `ship-date`).
    pub confirmed: Instant,
    pub delivered: Option<Instant>,
}

impl Package {
    fn merge(&mut self, later: Package) {
        self.confirmed = self.confirmed.max(later.confirmed);
        if self.carrier.is_none() {
            self.carrier = later.carrier;
        }
        self.delivered = max_opt(self.delivered, later.delivered);
    }
}

/// All shipment rows of one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipments {
    /// The latest row instant among the order's shipment rows.
    pub confirmed: Instant,
    pub deliver_by: Option<Instant>,
    /// The rows' own channel (used when the order is not in any orders file).
    pub channel: Option<Channel>,
    pub packages: Vec<Package>,
}

impl Shipments {
    /// The shipments of one row: a single package.
    pub(super) fn of(row: ShipmentRow) -> Shipments {
        let package = Package {
            tracking: row.tracking,
            carrier: row.carrier,
            confirmed: row.instant,
            delivered: row.delivered,
        };
        Shipments {
            confirmed: row.instant,
            deliver_by: row.deliver_by,
            channel: row.channel,
            packages: vec![package],
        }
    }

    pub(super) fn merge(&mut self, later: Shipments) {
        self.confirmed = self.confirmed.max(later.confirmed);
        self.deliver_by = self.deliver_by.or(later.deliver_by);
        self.channel = self.channel.or(later.channel);
        for p in later.packages {
            match self.packages.iter_mut().find(|q| q.tracking == p.tracking) {
                Some(q) => q.merge(p),
                None => self.packages.push(p),
            }
        }
    }
}

/// One shipment row's values.
#[derive(Debug, Clone)]
pub struct ShipmentRow {
    pub instant: Instant,
    pub carrier: Option<Box<str>>,
    pub channel: Option<Channel>,
    pub tracking: Box<str>,
    pub delivered: Option<Instant>,
    pub deliver_by: Option<Instant>,
}

fn max_opt(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    #[test]
    fn packages_merge_by_tracking_number() {
        let mut m = Model::default();
        let ship = |instant, tracking: &str, carrier: Option<&str>| ShipmentRow {
            instant,
            carrier: carrier.map(Into::into),
            channel: None,
            tracking: tracking.into(),
            delivered: None,
            deliver_by: None,
        };
        m.add_shipment("A", ship(10, "1Z1", None));
        m.add_shipment("A", ship(30, "1Z1", Some("UPS")));
        m.add_shipment("A", ship(20, "TBA2", Some("Amazon")));
        let s = &m.shipments[&m.ids.find("A").unwrap()];
        assert_eq!(s.confirmed, 30);
        assert_eq!(s.packages.len(), 2);
        assert_eq!(s.packages[0].carrier.as_deref(), Some("UPS"));
        assert_eq!(s.packages[0].confirmed, 30);
    }
}

//! What the shipments files say of one order: its packages.

use super::Channel;
use crate::calendar::Instant;

/// A package: the shipment rows of one order with one normalised tracking number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Normalised (trimmed, upper-case, no spaces or `-`); empty when blank.
    pub tracking: Box<str>,
    /// The first non-empty carrier among its rows.
    pub carrier: Option<Box<str>>,
    /// The latest row instant (`confirmed-at`, else `ship-date`).
    pub confirmed: Instant,
    /// The latest `delivered-at` among its rows.
    pub delivered: Option<Instant>,
    /// Each row's instant and `delivered-at`, sorted: what was known at an
    /// earlier instant (SPEC §10.1).
    pub rows: Vec<(Instant, Option<Instant>)>,
    /// The rows with a carrier that was the first one known at some instant:
    /// in reading order, each earlier than every one before it. The package's
    /// carrier at E is the first of them whose row instant is before E.
    pub carriers: Vec<(Instant, Box<str>)>,
}

impl Package {
    fn merge(&mut self, later: Package) {
        self.confirmed = self.confirmed.max(later.confirmed);
        if self.carrier.is_none() {
            self.carrier = later.carrier;
        }
        self.delivered = max_opt(self.delivered, later.delivered);
        for row in later.rows {
            let at = self.rows.partition_point(|r| *r <= row);
            self.rows.insert(at, row);
        }
        for (t, c) in later.carriers {
            if self.carriers.last().is_none_or(|(first, _)| t < *first) {
                self.carriers.push((t, c));
            }
        }
    }

    /// The carrier as known before `e`: the first non-empty one among the
    /// rows whose instant is before `e`.
    pub fn carrier_before(&self, e: Instant) -> Option<&str> {
        self.carriers
            .iter()
            .find(|(t, _)| *t < e)
            .map(|(_, c)| c.as_ref())
    }
}

/// All shipment rows of one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipments {
    /// The latest row instant among the order's shipment rows.
    pub confirmed: Instant,
    /// The earliest row instant: the order is ship-confirmed from then on.
    pub first: Instant,
    pub deliver_by: Option<Instant>,
    /// The rows' own channel (used when the order is not in any orders file).
    pub channel: Option<Channel>,
    pub packages: Vec<Package>,
}

impl Shipments {
    /// The shipments of one row: a single package.
    pub(super) fn of(row: ShipmentRow) -> Shipments {
        let carriers = row
            .carrier
            .iter()
            .map(|c| (row.instant, c.clone()))
            .collect();
        let package = Package {
            tracking: row.tracking,
            carrier: row.carrier,
            confirmed: row.instant,
            delivered: row.delivered,
            rows: vec![(row.instant, row.delivered)],
            carriers,
        };
        Shipments {
            confirmed: row.instant,
            first: row.instant,
            deliver_by: row.deliver_by,
            channel: row.channel,
            packages: vec![package],
        }
    }

    pub(super) fn merge(&mut self, later: Shipments) {
        self.confirmed = self.confirmed.max(later.confirmed);
        self.first = self.first.min(later.first);
        self.deliver_by = self.deliver_by.or(later.deliver_by);
        self.channel = self.channel.or(later.channel);
        for p in later.packages {
            match self.packages.iter_mut().find(|q| q.tracking == p.tracking) {
                Some(q) => q.merge(p),
                None => self.packages.push(p),
            }
        }
    }

    /// The latest row instant before `e`, if any row is before it.
    pub fn confirmed_before(&self, e: Instant) -> Option<Instant> {
        self.packages
            .iter()
            .filter_map(|p| p.rows.iter().rev().map(|r| r.0).find(|t| *t < e))
            .max()
    }

    /// Every instant at which what is known of these shipments changes.
    pub fn changes(&self) -> impl Iterator<Item = Instant> + '_ {
        self.packages.iter().flat_map(|p| {
            p.rows
                .iter()
                .flat_map(|(t, d)| std::iter::once(*t).chain(*d))
                .chain(p.carriers.iter().map(|(t, _)| *t))
        })
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

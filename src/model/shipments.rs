//! What the shipments files say of one order: its packages.

use rustc_hash::FxHashMap;

use super::Channel;
use crate::calendar::Instant;

/// Past this many packages an order's packages are found by a hash index
/// rather than one by one, so that merging stays linear in the rows.
const INDEXED_FROM: usize = 16;

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
    fn of(row: ShipmentRow) -> Package {
        let carriers = row
            .carrier
            .iter()
            .map(|c| (row.instant, c.clone()))
            .collect();
        Package {
            tracking: row.tracking,
            carrier: row.carrier,
            confirmed: row.instant,
            delivered: row.delivered,
            rows: vec![(row.instant, row.delivered)],
            carriers,
        }
    }

    fn merge(&mut self, later: Package) {
        self.confirmed = self.confirmed.max(later.confirmed);
        if self.carrier.is_none() {
            self.carrier = later.carrier;
        }
        self.delivered = max_opt(self.delivered, later.delivered);
        // Both sorted: rows read in time order only append.
        match later.rows.first() {
            Some(first) if self.rows.last().is_none_or(|last| last <= first) => {
                self.rows.extend(later.rows);
            }
            Some(_) if later.rows.len() == 1 => {
                for row in later.rows {
                    let at = self.rows.partition_point(|r| *r <= row);
                    self.rows.insert(at, row);
                }
            }
            Some(_) => {
                self.rows.extend(later.rows);
                // Two sorted runs: merged in linear time.
                self.rows.sort();
            }
            None => {}
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
#[derive(Debug, Clone)]
pub struct Shipments {
    /// The latest row instant among the order's shipment rows.
    pub confirmed: Instant,
    /// The earliest row instant: the order is ship-confirmed from then on.
    pub first: Instant,
    pub deliver_by: Option<Instant>,
    /// The rows' own channel (used when the order is not in any orders file).
    pub channel: Option<Channel>,
    /// In the order their tracking numbers were first read.
    pub packages: Vec<Package>,
    /// Where each tracking number is in `packages`, once there are many.
    index: Option<Box<FxHashMap<Box<str>, usize>>>,
}

impl PartialEq for Shipments {
    fn eq(&self, other: &Self) -> bool {
        // The index follows from the packages.
        (
            self.confirmed,
            self.first,
            self.deliver_by,
            self.channel,
            &self.packages,
        ) == (
            other.confirmed,
            other.first,
            other.deliver_by,
            other.channel,
            &other.packages,
        )
    }
}

impl Eq for Shipments {}

impl Shipments {
    /// The shipments of one row: a single package.
    pub(super) fn of(row: ShipmentRow) -> Shipments {
        let (confirmed, deliver_by, channel) = (row.instant, row.deliver_by, row.channel);
        Shipments {
            confirmed,
            first: confirmed,
            deliver_by,
            channel,
            packages: vec![Package::of(row)],
            index: None,
        }
    }

    /// Adds a row read after the others.
    pub(super) fn add(&mut self, row: ShipmentRow) {
        self.confirmed = self.confirmed.max(row.instant);
        self.first = self.first.min(row.instant);
        self.deliver_by = self.deliver_by.or(row.deliver_by);
        self.channel = self.channel.or(row.channel);
        self.add_package(Package::of(row));
    }

    /// Merges the shipments of rows read after these.
    pub(super) fn merge(&mut self, later: Shipments) {
        self.confirmed = self.confirmed.max(later.confirmed);
        self.first = self.first.min(later.first);
        self.deliver_by = self.deliver_by.or(later.deliver_by);
        self.channel = self.channel.or(later.channel);
        for p in later.packages {
            self.add_package(p);
        }
    }

    /// The package with `p`'s tracking number takes `p` in, or `p` is a new one.
    fn add_package(&mut self, p: Package) {
        let found = match &self.index {
            Some(index) => index.get(&p.tracking).copied(),
            None => self.packages.iter().position(|q| q.tracking == p.tracking),
        };
        if let Some(q) = found.and_then(|i| self.packages.get_mut(i)) {
            q.merge(p);
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(p.tracking.clone(), self.packages.len());
        }
        self.packages.push(p);
        if self.index.is_none() && self.packages.len() > INDEXED_FROM {
            let index = self
                .packages
                .iter()
                .enumerate()
                .map(|(i, q)| (q.tracking.clone(), i))
                .collect();
            self.index = Some(Box::new(index));
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

    /// Many packages of one order: found by the index, in the order first read.
    #[test]
    fn many_packages_merge_the_same_as_few() {
        let ship = |instant, tracking: String| ShipmentRow {
            instant,
            carrier: None,
            channel: None,
            tracking: tracking.into(),
            delivered: None,
            deliver_by: None,
        };
        let mut m = Model::default();
        for round in 0..3 {
            for i in 0..100 {
                m.add_shipment("A", ship(round * 1000 + i, format!("T{}", i % 40)));
            }
        }
        let s = &m.shipments[&m.ids.find("A").unwrap()];
        assert_eq!(s.packages.len(), 40);
        let tracking: Vec<String> = s.packages.iter().map(|p| p.tracking.to_string()).collect();
        let want: Vec<String> = (0..40).map(|i| format!("T{i}")).collect();
        assert_eq!(tracking, want);
        assert_eq!(s.packages[19].confirmed, 2000 + 99);
        assert_eq!(s.packages[39].confirmed, 2000 + 79);
        assert_eq!(s.confirmed, 2099);
        // Merging whole sets of packages, as absorbing a worker's model does.
        let mut whole = Shipments::of(ship(0, "T0".into()));
        whole.merge(s.clone());
        assert_eq!(whole.packages.len(), 40);
        assert_eq!(&whole.packages[1..], &s.packages[1..]);
    }

    /// Rows merged in runs (a worker's model absorbed) keep the same sorted
    /// row instants, delivered-at and first-known carriers as rows added one
    /// by one (SPEC §10.1).
    #[test]
    fn merging_runs_of_rows_equals_adding_them_in_order() {
        let rows: Vec<ShipmentRow> = (0..30i64)
            .map(|i| {
                let carrier = ["", "UPS", "", "DHL", "USPS"][i as usize % 5];
                ShipmentRow {
                    instant: (i * 17) % 23,
                    carrier: (!carrier.is_empty()).then(|| carrier.into()),
                    channel: None,
                    tracking: ["1Z1", "", "TBA2"][i as usize % 3].into(),
                    delivered: (i % 4 != 0).then_some(100 + (i * 7) % 13),
                    deliver_by: None,
                }
            })
            .collect();
        let mut whole = Shipments::of(rows[0].clone());
        for r in &rows[1..] {
            whole.add(r.clone());
        }
        for cut in 1..rows.len() {
            let mut first = Shipments::of(rows[0].clone());
            for r in &rows[1..cut] {
                first.add(r.clone());
            }
            let mut later = Shipments::of(rows[cut].clone());
            for r in &rows[cut + 1..] {
                later.add(r.clone());
            }
            first.merge(later);
            assert_eq!(first, whole, "cut {cut}");
        }
        assert!(whole.packages.iter().all(|p| p.rows.is_sorted()));
        assert_eq!(whole.first, 0);
    }
}

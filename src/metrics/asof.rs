//! What was known at E (SPEC §10.1): one view of the model that audit,
//! trend and the reconciliation ask, so a look back at any day uses only
//! what had happened by the start of the day after it.
//!
//! Every answer here depends on E only through comparisons `t < E` with
//! instants the model holds; [`Context::changes`] lists those instants for
//! an order, so the trend knows on which days an item's state can change.

use super::Context;
use crate::calendar::Instant;
use crate::model::{CancelledBy, Message, Order, OrderKey, Package, StatusClass};

/// An order's ship confirmation as known at E.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// The latest of its shipment rows before E.
    At(Instant),
    /// `Shipped` with no shipment row at all: confirmed, at an unknown time.
    Unknown,
    /// Not ship-confirmed by E: no shipment row before E, and not `Shipped`
    /// without any row.
    No,
}

impl Confirmation {
    pub fn confirmed(self) -> bool {
        self != Confirmation::No
    }
}

/// A package as known at E: its rows before E.
#[derive(Debug, Clone, Copy)]
pub struct PackageAt<'m> {
    pub package: &'m Package,
    pub tracking: &'m str,
    pub carrier: Option<&'m str>,
    /// The latest row instant before E.
    pub confirmed: Instant,
    /// The latest `delivered-at` before E among those rows.
    pub delivered: Option<Instant>,
}

/// An order's complaints as known at E.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ComplaintsAt {
    /// The lowest rating (1 or 2) of negative feedback dated by A.
    pub negative_feedback: Option<u8>,
    pub a_to_z: bool,
    pub chargeback: bool,
}

impl ComplaintsAt {
    pub fn any(&self) -> bool {
        self.negative_feedback.is_some() || self.a_to_z || self.chargeback
    }
}

impl Context<'_> {
    /// An order exists once purchased: its purchase instant is before E.
    pub fn exists(&self, order: &Order) -> bool {
        order.purchase() < self.evaluation
    }

    /// Cancelled as of A: a cancelled status whose `last-updated-date` is
    /// before E, or that has none.
    pub fn cancelled(&self, order: &Order) -> bool {
        order.is_cancelled() && order.last_updated().is_none_or(|t| t < self.evaluation)
    }

    /// Who cancelled it, when it is cancelled as of A.
    pub fn cancelled_by(&self, order: &Order) -> Option<CancelledBy> {
        if self.cancelled(order) {
            order.cancelled_by()
        } else {
            None
        }
    }

    /// The order's ship confirmation as known at E.
    pub fn confirmation(&self, key: OrderKey, order: &Order) -> Confirmation {
        match self.model.shipments.get(&key) {
            Some(s) => s
                .confirmed_before(self.evaluation)
                .map_or(Confirmation::No, Confirmation::At),
            None if order.status() == StatusClass::Shipped => Confirmation::Unknown,
            None => Confirmation::No,
        }
    }

    /// Whether the order is ship-confirmed as of A.
    pub fn ship_confirmed(&self, key: OrderKey, order: &Order) -> bool {
        self.confirmation(key, order).confirmed()
    }

    /// The packages of an order known at E (with a row before E).
    pub fn packages(&self, key: OrderKey) -> impl Iterator<Item = PackageAt<'_>> + '_ {
        let e = self.evaluation;
        self.model
            .shipments
            .get(&key)
            .into_iter()
            .flat_map(|s| s.packages.iter())
            .filter_map(move |p| package_at(p, e))
    }

    /// One package as known at E: `None` when it has no row before E.
    pub fn package<'p>(&self, p: &'p Package) -> Option<PackageAt<'p>> {
        package_at(p, self.evaluation)
    }

    /// What the feedback and claims files say of the order as of A.
    pub fn complaints(&self, key: OrderKey) -> Option<ComplaintsAt> {
        let c = self.model.complaints.get(&key)?;
        let e = self.evaluation;
        let negative_feedback = if c.rated_1.before(e) {
            Some(1)
        } else if c.rated_2.before(e) {
            Some(2)
        } else {
            None
        };
        Some(ComplaintsAt {
            negative_feedback,
            a_to_z: c.a_to_z.before(e),
            chargeback: c.chargeback.before(e),
        })
    }

    /// Whether a message had been received by E.
    pub fn received(&self, msg: &Message) -> bool {
        msg.received < self.evaluation
    }

    /// The response to a message as known at E: none when at or after E.
    pub fn response(&self, msg: &Message) -> Option<Instant> {
        msg.responded.filter(|r| *r < self.evaluation)
    }

    /// Every instant of the model at which what is known of an order can
    /// change: purchase, last update, shipment rows, deliveries, carriers,
    /// feedback and claims. Rules add their own deadlines.
    pub fn changes(&self, key: OrderKey, order: &Order, out: &mut Vec<Instant>) {
        out.push(order.purchase());
        out.extend(order.last_updated());
        if let Some(s) = self.model.shipments.get(&key) {
            out.extend(s.changes());
        }
        if let Some(c) = self.model.complaints.get(&key) {
            out.extend(c.changes());
        }
    }
}

fn package_at(p: &Package, e: Instant) -> Option<PackageAt<'_>> {
    let known = p.rows.partition_point(|r| r.0 < e);
    let rows = p.rows.get(..known)?;
    let confirmed = rows.last()?.0;
    let delivered = rows.iter().filter_map(|r| r.1).filter(|d| *d < e).max();
    Some(PackageAt {
        package: p,
        tracking: &p.tracking,
        carrier: p.carrier_before(e),
        confirmed,
        delivered,
    })
}

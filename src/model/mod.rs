//! The merged model: orders by id, their shipments, feedback and claims, and
//! buyer messages (SPEC §2.3). One compact record per order, never row text.

mod amazon;
mod complaints;
mod dimensions;
mod ids;
mod inputs;
mod message;
mod order;
mod sharded;
mod shipments;
mod split;

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::calendar::Instant;

pub use amazon::{
    AccountStatus, AmazonFigure, AmazonMetrics, AmazonReport, HealthRating, PolicyItem,
};
pub use complaints::{ClaimType, Complaints, OpenClaim, Since};
pub use dimensions::{Dimension, Dimensions, OrderValues};
pub use ids::{identity, partition_of, OrderIds, OrderKey, OrderName};
pub use inputs::{EventSpan, InputKind, InputSummary, ReadWarning};
pub use message::Message;
pub use order::{CancelledBy, Channel, Dropped, Order, OrderMarket, OrderRow, StatusClass};
pub use sharded::Sharded;
pub use shipments::{Package, ShipmentRow, Shipments};

/// What one row read by a worker says of an order, ready to merge into the
/// model of the order's partition ([`Model::apply`]).
#[derive(Debug, Clone)]
pub enum OrderFact {
    Order(OrderName, Order),
    /// The `--by` values of the order row just before it (blank ones left out).
    Values(OrderName, Box<[(Dimension, Box<str>)]>),
    /// Boxed: order rows, the many, stay small in flight.
    Shipment(OrderName, Box<ShipmentRow>),
    /// Rating, removed, and since when it is known (its date).
    Feedback(OrderName, u8, bool, Since),
    /// Kind, whether it counts, and since when it is known (its date).
    Claim(OrderName, ClaimType, bool, Since),
    /// A claim not decided yet, and its date.
    OpenClaim(OrderName, ClaimType, Option<Instant>),
}

impl OrderFact {
    pub fn name(&self) -> &OrderName {
        match self {
            OrderFact::Order(n, _)
            | OrderFact::Values(n, _)
            | OrderFact::OpenClaim(n, _, _)
            | OrderFact::Shipment(n, _)
            | OrderFact::Feedback(n, _, _, _)
            | OrderFact::Claim(n, _, _, _) => n,
        }
    }
}

/// Everything the metrics need, merged.
#[derive(Debug, Default)]
pub struct Model {
    pub ids: OrderIds,
    pub orders: Sharded<Order>,
    /// Orders first seen shipped or cancelled with a purchase before this
    /// instant are in no window and cannot be open: they are remembered by id
    /// only (`dropped`, with the status seen), so memory grows with the orders
    /// in the windows, not with the history a file holds.
    pub cutoff: Option<Instant>,
    pub dropped: Sharded<Dropped>,
    pub shipments: FxHashMap<OrderKey, Shipments>,
    pub complaints: FxHashMap<OrderKey, Complaints>,
    /// Claims not yet decided, in the order read (duplicates possible).
    pub open_claims: Vec<OpenClaim>,
    pub messages: Vec<Message>,
    /// Messages received before this instant are in no window: they are
    /// dropped while reading, id and all.
    pub message_cutoff: Option<Instant>,
    /// Where each message id is in `messages`.
    message_index: FxHashMap<Box<str>, usize>,
    /// Whether any shipments file has a delivery column (on-time delivery has data).
    pub has_delivery_column: bool,
    /// Amazon's own Account Health reports read (`performance` inputs).
    pub amazon: Vec<AmazonReport>,
    /// The order dimensions' values of kept orders, read only for `--by` (SPEC §13).
    pub values: OrderValues,
}

impl Model {
    /// An empty model that keeps orders placed at or after `cutoff`.
    pub fn with_cutoff(cutoff: Option<Instant>) -> Model {
        Model {
            cutoff,
            ..Model::default()
        }
    }

    /// Merges an order row (SPEC §2.3). Its key when the order is kept
    /// (not remembered by id only).
    pub fn add_order(&mut self, id: &str, row: OrderRow) -> Option<OrderKey> {
        let key = self.ids.key(id);
        self.add_order_record(key, Order::of(&row))
    }

    /// Merges the record of one order row; `key` when the order is kept.
    pub fn add_order_record(&mut self, key: OrderKey, record: Order) -> Option<OrderKey> {
        let old_and_closed = self.cutoff.is_some_and(|c| record.purchase() < c)
            && record.status() >= StatusClass::Shipped;
        let seen = Dropped::of(&record);
        if let (Some(orders), Some(dropped)) = (self.orders.single_mut(), self.dropped.single_mut())
        {
            // One table each (reading one file on one core): a single probe.
            match orders.entry(key) {
                Entry::Occupied(mut o) => o.get_mut().merge(&record),
                Entry::Vacant(v) => {
                    if let Some(d) = dropped.get_mut(&key) {
                        d.merge(seen);
                        return None;
                    } else if old_and_closed {
                        dropped.insert(key, seen);
                        return None;
                    } else {
                        v.insert(record);
                    }
                }
            }
            return Some(key);
        }
        if let Some(o) = self.orders.get_mut(&key) {
            o.merge(&record);
        } else if let Some(d) = self.dropped.get_mut(&key) {
            d.merge(seen);
            return None;
        } else if old_and_closed {
            self.dropped.insert_new(key, seen);
            return None;
        } else {
            self.orders.insert_new(key, record);
        }
        Some(key)
    }

    /// Nothing read into it yet.
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
            && self.dropped.is_empty()
            && self.shipments.is_empty()
            && self.complaints.is_empty()
            && self.open_claims.is_empty()
            && self.messages.is_empty()
            && !self.has_delivery_column
            && self.values.is_empty()
    }

    /// Whether an orders file names this order (kept, or dropped by age).
    pub fn knows(&self, key: &OrderKey) -> bool {
        self.orders.contains_key(key) || self.dropped.contains_key(key)
    }

    pub fn add_shipment(&mut self, id: &str, row: ShipmentRow) {
        let key = self.ids.key(id);
        self.add_shipment_at(key, row);
    }

    pub fn add_shipment_at(&mut self, key: OrderKey, row: ShipmentRow) {
        match self.shipments.entry(key) {
            Entry::Occupied(mut s) => s.get_mut().add(row),
            Entry::Vacant(v) => {
                v.insert(Shipments::of(row));
            }
        }
    }

    /// A feedback row: its rating, whether it was removed, and its date.
    pub fn add_feedback(&mut self, id: &str, rating: u8, removed: bool, date: Option<Instant>) {
        let key = self.ids.key(id);
        self.add_feedback_at(key, rating, removed, Since::of(date));
    }

    pub fn add_feedback_at(&mut self, key: OrderKey, rating: u8, removed: bool, since: Since) {
        let c = self.complaints.entry(key).or_default();
        c.rows += 1;
        match rating {
            _ if removed => {}
            1 => c.rated_1 = c.rated_1.min(since),
            2 => c.rated_2 = c.rated_2.min(since),
            _ => {}
        }
    }

    /// A claim that counts (status and fraud already judged) or one that
    /// does not, with its date (`claim-date`, `return-request-date`) if any.
    pub fn add_claim(&mut self, id: &str, kind: ClaimType, counts: bool, date: Option<Instant>) {
        let key = self.ids.key(id);
        self.add_claim_at(key, kind, counts, Since::of(date));
    }

    pub fn add_claim_at(&mut self, key: OrderKey, kind: ClaimType, counts: bool, since: Since) {
        let c = self.complaints.entry(key).or_default();
        c.rows += 1;
        if counts {
            let slot = match kind {
                ClaimType::AToZ => &mut c.a_to_z,
                ClaimType::Chargeback => &mut c.chargeback,
            };
            *slot = (*slot).min(since);
        }
    }

    /// A claim whose status says it is not decided yet (pending, open, empty).
    pub fn add_open_claim(&mut self, id: &str, kind: ClaimType, date: Option<Instant>) {
        let order = self.ids.key(id);
        self.open_claims.push(OpenClaim { order, kind, date });
    }

    /// Adds what one row read by a worker says of an order.
    pub fn apply(&mut self, fact: OrderFact) {
        match fact {
            OrderFact::Order(name, record) => {
                let key = self.ids.key_of(&name);
                self.add_order_record(key, record);
            }
            OrderFact::Values(name, values) => {
                // Right after its order row: kept only when that row kept the order.
                let key = self.ids.key_of(&name);
                if self.orders.contains_key(&key) {
                    for (dim, value) in values.iter() {
                        self.values.add(*dim, key, value);
                    }
                }
            }
            OrderFact::Shipment(name, row) => {
                let key = self.ids.key_of(&name);
                self.add_shipment_at(key, *row);
            }
            OrderFact::Feedback(name, rating, removed, since) => {
                let key = self.ids.key_of(&name);
                self.add_feedback_at(key, rating, removed, since);
            }
            OrderFact::Claim(name, kind, counts, since) => {
                let key = self.ids.key_of(&name);
                self.add_claim_at(key, kind, counts, since);
            }
            OrderFact::OpenClaim(name, kind, date) => {
                let order = self.ids.key_of(&name);
                self.open_claims.push(OpenClaim { order, kind, date });
            }
        }
    }

    /// Adds a buyer message; one with the id of a message already read (an
    /// overlapping export) is the same message, its first values winning.
    /// A message received before [`Model::message_cutoff`] is dropped.
    pub fn add_message(&mut self, message: Message) {
        if self.message_cutoff.is_some_and(|c| message.received < c) {
            return;
        }
        match self.message_index.entry(message.id.clone()) {
            Entry::Occupied(i) => {
                if let Some(first) = self.messages.get_mut(*i.get()) {
                    first.responded = first.responded.or(message.responded);
                    first.order = first.order.take().or(message.order);
                    first.no_response_needed |= message.no_response_needed;
                }
            }
            Entry::Vacant(v) => {
                v.insert(self.messages.len());
                self.messages.push(message);
            }
        }
    }

    /// Merges a model whose orders this one cannot have (another worker's
    /// share of the same file): its order tables are taken as shards as they
    /// are, without a lookup per order.
    pub fn absorb_disjoint(&mut self, other: Model) {
        if self.is_empty() || !other.ids.all_packed() || !self.ids.all_packed() {
            // Interned ids are numbered per model: merge them the careful way.
            return self.absorb(other);
        }
        let Model {
            ids: _,
            orders,
            cutoff: _,
            dropped,
            shipments,
            complaints,
            open_claims,
            messages,
            message_cutoff: _,
            message_index: _,
            has_delivery_column,
            amazon,
            values,
        } = other;
        self.orders.append_disjoint(orders);
        self.values.append_disjoint(values);
        self.dropped.append_disjoint(dropped);
        self.shipments.extend(shipments);
        self.complaints.extend(complaints);
        self.open_claims.extend(open_claims);
        for m in messages {
            self.add_message(m);
        }
        self.has_delivery_column |= has_delivery_column;
        self.amazon.extend(amazon);
    }

    /// Merges a model built from rows read after this one's (a worker's share
    /// of a file read on several cores), as if its rows had been added to this
    /// one in order; except that of an order kept here which `other` remembers
    /// by id only (see [`Model::cutoff`]), only the status is taken.
    pub fn absorb(&mut self, other: Model) {
        if self.is_empty() {
            // Nothing to merge with: take the other model whole.
            let (cutoff, message_cutoff) = (self.cutoff, self.message_cutoff);
            let mut amazon = std::mem::take(&mut self.amazon);
            *self = other;
            self.cutoff = cutoff;
            self.message_cutoff = message_cutoff;
            amazon.append(&mut self.amazon);
            self.amazon = amazon;
            return;
        }
        let Model {
            ids,
            orders,
            cutoff: _,
            dropped,
            shipments,
            complaints,
            open_claims,
            messages,
            message_cutoff: _,
            message_index: _,
            has_delivery_column,
            amazon,
            values,
        } = other;
        self.values.absorb(&mut self.ids, &values, &ids);
        let orders = rekeyed(&mut self.ids, &ids, orders);
        let dropped = rekeyed(&mut self.ids, &ids, dropped);
        // Rows of the later model for an order dropped earlier stay dropped;
        // its dropped rows still rank the status of an order kept here.
        let mut orders = orders;
        orders.retain(|k, o| match self.dropped.get_mut(k) {
            Some(d) => {
                d.merge(Dropped::of(o));
                false
            }
            None => true,
        });
        let mut dropped = dropped;
        dropped.retain(|k, d| match self.orders.get_mut(k) {
            Some(o) => {
                o.rank(*d);
                false
            }
            None => true,
        });
        self.orders.absorb(orders, |mine, later| mine.merge(&later));
        self.dropped
            .absorb(dropped, |mine, later| mine.merge(later));
        for (k, s) in shipments {
            let k = self.ids.adopt(&ids, k);
            match self.shipments.entry(k) {
                Entry::Occupied(mut mine) => mine.get_mut().merge(s),
                Entry::Vacant(v) => {
                    v.insert(s);
                }
            }
        }
        for (k, c) in complaints {
            let k = self.ids.adopt(&ids, k);
            self.complaints.entry(k).or_default().merge(&c);
        }
        for c in open_claims {
            let order = self.ids.adopt(&ids, c.order);
            self.open_claims.push(OpenClaim { order, ..c });
        }
        for m in messages {
            self.add_message(m);
        }
        self.has_delivery_column |= has_delivery_column;
        self.amazon.extend(amazon);
    }
}

/// One map of `theirs`' keys in `this` id space; a single shard of packed
/// ids is taken as it is, without rehashing.
fn rekeyed<V>(this: &mut OrderIds, theirs: &OrderIds, map: Sharded<V>) -> FxHashMap<OrderKey, V> {
    let mut shards = map.into_shards();
    if theirs.all_packed() && shards.len() == 1 {
        return shards.pop().unwrap_or_default();
    }
    shards
        .into_iter()
        .flatten()
        .map(|(k, v)| (this.adopt(theirs, k), v))
        .collect()
}

#[cfg(test)]
mod tests;

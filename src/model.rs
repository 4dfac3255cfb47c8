//! The merged model: orders by id, their shipments, feedback and claims, and
//! buyer messages (SPEC §2.3). One compact record per order, never row text.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::calendar::Instant;

/// An order id packed into an integer: Amazon's `DDD-DDDDDDD-DDDDDDD` form as
/// its 17 digits, any other id as an index into an interner (top bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrderKey(u64);

const INTERNED: u64 = 1 << 63;

/// Interns order ids that do not have Amazon's numeric form.
#[derive(Debug, Default, Clone)]
pub struct OrderIds {
    index: FxHashMap<Box<str>, u64>,
    names: Vec<Box<str>>,
}

impl OrderIds {
    pub fn key(&mut self, id: &str) -> OrderKey {
        if let Some(packed) = pack(id) {
            return OrderKey(packed);
        }
        if let Some(&i) = self.index.get(id) {
            return OrderKey(INTERNED | i);
        }
        let i = self.names.len() as u64;
        self.names.push(id.into());
        self.index.insert(id.into(), i);
        OrderKey(INTERNED | i)
    }

    /// The key of an id already seen, without interning it.
    pub fn find(&self, id: &str) -> Option<OrderKey> {
        match pack(id) {
            Some(p) => Some(OrderKey(p)),
            None => self.index.get(id).map(|&i| OrderKey(INTERNED | i)),
        }
    }

    pub fn name(&self, key: OrderKey) -> Cow<'_, str> {
        if key.0 & INTERNED != 0 {
            let i = (key.0 & !INTERNED) as usize;
            Cow::Borrowed(self.names.get(i).map_or("", |s| s))
        } else {
            let n = key.0;
            Cow::Owned(format!(
                "{:03}-{:07}-{:07}",
                n / 100_000_000_000_000,
                (n / 10_000_000) % 10_000_000,
                n % 10_000_000
            ))
        }
    }
}

fn pack(id: &str) -> Option<u64> {
    let b = id.as_bytes();
    if b.len() != 19 || b[3] != b'-' || b[11] != b'-' {
        return None;
    }
    let mut n: u64 = 0;
    for (i, &c) in b.iter().enumerate() {
        if i == 3 || i == 11 {
            continue;
        }
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(c - b'0');
    }
    Some(n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Fulfilled by the seller (merchant-fulfilled network).
    Mfn,
    /// Fulfilled by Amazon.
    Afn,
}

/// `order-status` as far as the rules care: `Cancelled` beats `Shipped` beats the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum StatusClass {
    #[default]
    Absent,
    Other,
    Shipped,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelledBy {
    Buyer,
    Seller,
    Amazon,
}

/// One order merged from every row and file that names it.
#[derive(Debug, Clone, Default)]
pub struct Order {
    pub purchase: Instant,
    pub channel: Option<Channel>,
    pub status: StatusClass,
    pub ship_by: Option<Instant>,
    pub deliver_by: Option<Instant>,
    pub buyer_requested: bool,
    pub cancelled_by: Option<CancelledBy>,
    pub last_updated: Option<Instant>,
}

impl Order {
    pub fn is_cancelled(&self) -> bool {
        self.status == StatusClass::Cancelled || self.cancelled_by.is_some()
    }

    pub fn is_seller_fulfilled(&self) -> bool {
        self.channel != Some(Channel::Afn)
    }

    pub fn is_buyer_requested(&self) -> bool {
        self.buyer_requested || self.cancelled_by == Some(CancelledBy::Buyer)
    }
}

/// One order row's values, before merging.
#[derive(Debug, Clone, Default)]
pub struct OrderRow {
    pub purchase: Instant,
    pub channel: Option<Channel>,
    pub status: StatusClass,
    pub ship_by: Option<Instant>,
    pub deliver_by: Option<Instant>,
    pub buyer_requested: Option<bool>,
    pub cancelled_by: Option<CancelledBy>,
    pub last_updated: Option<Instant>,
}

/// A package: the shipment rows of one order with one normalised tracking number.
#[derive(Debug, Clone)]
pub struct Package {
    /// Normalised (trimmed, upper-case, no spaces or `-`); empty when blank.
    pub tracking: Box<str>,
    pub carrier: Option<Box<str>>,
    /// The latest row instant (`confirmed-at`, else `ship-date`).
    pub confirmed: Instant,
    pub delivered: Option<Instant>,
}

/// All shipment rows of one order.
#[derive(Debug, Clone)]
pub struct Shipments {
    /// The latest row instant among the order's shipment rows.
    pub confirmed: Instant,
    pub deliver_by: Option<Instant>,
    /// The rows' own channel (used when the order is not in any orders file).
    pub channel: Option<Channel>,
    pub packages: Vec<Package>,
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

/// What the feedback and claims files say of one order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Complaints {
    /// Lowest rating of feedback that is not removed (0: none).
    pub worst_rating: u8,
    pub negative_feedback: bool,
    pub a_to_z: bool,
    pub chargeback: bool,
    /// Rows that named this order (feedback, claims, returns).
    pub rows: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimType {
    AToZ,
    Chargeback,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub id: Box<str>,
    pub received: Instant,
    pub responded: Option<Instant>,
    pub no_response_needed: bool,
}

/// Everything the metrics need, merged.
#[derive(Debug, Default)]
pub struct Model {
    pub ids: OrderIds,
    pub orders: FxHashMap<OrderKey, Order>,
    pub shipments: FxHashMap<OrderKey, Shipments>,
    pub complaints: FxHashMap<OrderKey, Complaints>,
    pub messages: Vec<Message>,
    /// Whether any shipments file has a delivery column (on-time delivery has data).
    pub has_delivery_column: bool,
}

impl Model {
    /// Merges an order row: first non-empty value wins, `Cancelled` > `Shipped`
    /// > the rest, buyer-requested true from any source wins (SPEC §2.3).
    pub fn add_order(&mut self, id: &str, row: OrderRow) {
        let key = self.ids.key(id);
        match self.orders.get_mut(&key) {
            None => {
                self.orders.insert(
                    key,
                    Order {
                        purchase: row.purchase,
                        channel: row.channel,
                        status: row.status,
                        ship_by: row.ship_by,
                        deliver_by: row.deliver_by,
                        buyer_requested: row.buyer_requested == Some(true),
                        cancelled_by: row.cancelled_by,
                        last_updated: row.last_updated,
                    },
                );
            }
            Some(o) => merge_order(o, &row),
        }
    }

    pub fn add_shipment(&mut self, id: &str, row: ShipmentRow) {
        let key = self.ids.key(id);
        let entry = self.shipments.entry(key).or_insert_with(|| Shipments {
            confirmed: row.instant,
            deliver_by: None,
            channel: None,
            packages: Vec::new(),
        });
        entry.confirmed = entry.confirmed.max(row.instant);
        entry.deliver_by = entry.deliver_by.or(row.deliver_by);
        entry.channel = entry.channel.or(row.channel);
        match entry
            .packages
            .iter_mut()
            .find(|p| p.tracking == row.tracking)
        {
            Some(p) => {
                p.confirmed = p.confirmed.max(row.instant);
                if p.carrier.is_none() {
                    p.carrier = row.carrier;
                }
                p.delivered = max_opt(p.delivered, row.delivered);
            }
            None => entry.packages.push(Package {
                tracking: row.tracking,
                carrier: row.carrier,
                confirmed: row.instant,
                delivered: row.delivered,
            }),
        }
    }

    pub fn add_feedback(&mut self, id: &str, rating: u8, removed: bool) {
        let key = self.ids.key(id);
        let c = self.complaints.entry(key).or_default();
        c.rows += 1;
        if !removed {
            c.worst_rating = if c.worst_rating == 0 {
                rating
            } else {
                c.worst_rating.min(rating)
            };
            c.negative_feedback |= rating <= 2;
        }
    }

    /// A claim that counts (status and fraud already judged) or one that does not.
    pub fn add_claim(&mut self, id: &str, kind: ClaimType, counts: bool) {
        let key = self.ids.key(id);
        let c = self.complaints.entry(key).or_default();
        c.rows += 1;
        match kind {
            ClaimType::AToZ => c.a_to_z |= counts,
            ClaimType::Chargeback => c.chargeback |= counts,
        }
    }

    pub fn add_message(&mut self, message: Message) {
        self.messages.push(message);
    }

    /// Merges another model built from files given later (parallel reading).
    pub fn absorb(&mut self, other: Model) {
        let Model {
            ids,
            orders,
            shipments,
            complaints,
            messages,
            has_delivery_column,
        } = other;
        let rekey = |this: &mut OrderIds, k: OrderKey| {
            if k.0 & INTERNED != 0 {
                this.key(&ids.name(k))
            } else {
                k
            }
        };
        for (k, o) in orders {
            let k = rekey(&mut self.ids, k);
            match self.orders.get_mut(&k) {
                None => {
                    self.orders.insert(k, o);
                }
                Some(mine) => merge_order(
                    mine,
                    &OrderRow {
                        purchase: o.purchase,
                        channel: o.channel,
                        status: o.status,
                        ship_by: o.ship_by,
                        deliver_by: o.deliver_by,
                        buyer_requested: Some(o.buyer_requested),
                        cancelled_by: o.cancelled_by,
                        last_updated: o.last_updated,
                    },
                ),
            }
        }
        for (k, s) in shipments {
            let k = rekey(&mut self.ids, k);
            match self.shipments.get_mut(&k) {
                None => {
                    self.shipments.insert(k, s);
                }
                Some(mine) => {
                    mine.confirmed = mine.confirmed.max(s.confirmed);
                    mine.deliver_by = mine.deliver_by.or(s.deliver_by);
                    mine.channel = mine.channel.or(s.channel);
                    for p in s.packages {
                        match mine.packages.iter_mut().find(|q| q.tracking == p.tracking) {
                            Some(q) => {
                                q.confirmed = q.confirmed.max(p.confirmed);
                                if q.carrier.is_none() {
                                    q.carrier = p.carrier;
                                }
                                q.delivered = max_opt(q.delivered, p.delivered);
                            }
                            None => mine.packages.push(p),
                        }
                    }
                }
            }
        }
        for (k, c) in complaints {
            let k = rekey(&mut self.ids, k);
            let mine = self.complaints.entry(k).or_default();
            mine.rows += c.rows;
            mine.worst_rating = match (mine.worst_rating, c.worst_rating) {
                (0, r) | (r, 0) => r,
                (a, b) => a.min(b),
            };
            mine.negative_feedback |= c.negative_feedback;
            mine.a_to_z |= c.a_to_z;
            mine.chargeback |= c.chargeback;
        }
        self.messages.extend(messages);
        self.has_delivery_column |= has_delivery_column;
    }
}

fn merge_order(o: &mut Order, row: &OrderRow) {
    o.channel = o.channel.or(row.channel);
    if row.status > o.status {
        o.status = row.status;
    }
    o.ship_by = o.ship_by.or(row.ship_by);
    o.deliver_by = o.deliver_by.or(row.deliver_by);
    o.buyer_requested |= row.buyer_requested == Some(true);
    o.cancelled_by = o.cancelled_by.or(row.cancelled_by);
    o.last_updated = o.last_updated.or(row.last_updated);
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

    #[test]
    fn amazon_ids_pack_and_unpack() {
        let mut ids = OrderIds::default();
        let k = ids.key("111-0687106-4490606");
        assert_eq!(ids.name(k), "111-0687106-4490606");
        let z = ids.key("002-0000001-0000009");
        assert_eq!(ids.name(z), "002-0000001-0000009");
        let other = ids.key("ORDER-42");
        assert_eq!(ids.name(other), "ORDER-42");
        assert_eq!(ids.key("ORDER-42"), other);
        assert_ne!(other, k);
        assert_eq!(ids.find("ORDER-43"), None);
    }

    fn row(status: StatusClass) -> OrderRow {
        OrderRow {
            purchase: 100,
            status,
            ..OrderRow::default()
        }
    }

    #[test]
    fn merge_takes_first_non_empty_and_ranks_status() {
        let mut m = Model::default();
        m.add_order(
            "111-0000000-0000001",
            OrderRow {
                ship_by: None,
                ..row(StatusClass::Shipped)
            },
        );
        m.add_order(
            "111-0000000-0000001",
            OrderRow {
                ship_by: Some(5),
                channel: Some(Channel::Mfn),
                ..row(StatusClass::Other)
            },
        );
        m.add_order(
            "111-0000000-0000001",
            OrderRow {
                ship_by: Some(9),
                ..row(StatusClass::Absent)
            },
        );
        let o = &m.orders[&m.ids.find("111-0000000-0000001").unwrap()];
        assert_eq!(o.status, StatusClass::Shipped);
        assert_eq!(o.ship_by, Some(5));
        assert_eq!(o.channel, Some(Channel::Mfn));
        m.add_order("111-0000000-0000001", row(StatusClass::Cancelled));
        m.add_order("111-0000000-0000001", row(StatusClass::Shipped));
        let o = &m.orders[&m.ids.find("111-0000000-0000001").unwrap()];
        assert_eq!(o.status, StatusClass::Cancelled);
    }

    #[test]
    fn buyer_requested_true_wins() {
        let mut m = Model::default();
        m.add_order(
            "A",
            OrderRow {
                buyer_requested: Some(false),
                ..row(StatusClass::Cancelled)
            },
        );
        m.add_order(
            "A",
            OrderRow {
                buyer_requested: Some(true),
                ..row(StatusClass::Cancelled)
            },
        );
        m.add_order(
            "A",
            OrderRow {
                buyer_requested: Some(false),
                ..row(StatusClass::Cancelled)
            },
        );
        assert!(m.orders[&m.ids.find("A").unwrap()].buyer_requested);
    }

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

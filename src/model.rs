//! The merged model: orders by id, their shipments, feedback and claims, and
//! buyer messages (SPEC §2.3). One compact record per order, never row text.

use std::borrow::Cow;

use std::collections::hash_map::Entry;

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
        if let Some(packed) = pack(id.as_bytes()) {
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
        match pack(id.as_bytes()) {
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

/// Which of `parts` workers owns an order id: a fixed function of the id's
/// text, so every row of an order, in every file, goes to the same worker.
pub fn partition_of(id: &str, parts: usize) -> usize {
    partition_of_raw(id.as_bytes(), parts)
}

fn partition_of_raw(b: &[u8], parts: usize) -> usize {
    // The last eight bytes: Amazon ids end in seven digits that vary most.
    let tail = &b[b.len().saturating_sub(8)..];
    let folded = tail
        .iter()
        .fold(b.len() as u64, |x, &c| (x << 8) | u64::from(c));
    // The high bits of a multiplicative hash are well mixed.
    ((folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) % parts.max(1) as u64) as usize
}

/// Like [`partition_of`], from a cell's bytes (ASCII white space already
/// trimmed). With ASCII at both ends there is nothing more to trim and the
/// bytes are the id's text; otherwise the cell is trimmed as the parser does.
pub fn partition_of_bytes(cell: &[u8], parts: usize) -> usize {
    match (cell.first(), cell.last()) {
        (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => partition_of_raw(cell, parts),
        _ => partition_of(
            std::str::from_utf8(cell).map(str::trim).unwrap_or(""),
            parts,
        ),
    }
}

fn pack(b: &[u8]) -> Option<u64> {
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

/// An instant in 32 bits: seconds since [`STAMP_EPOCH`], `u32::MAX` for none.
/// Parsed dates lie in 2000–2099, which this covers with room to spare; it
/// keeps the per-order record at 20 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp(u32);

/// 1999-12-01T00:00:00Z: before any instant a parsed date can give.
const STAMP_EPOCH: Instant = 944_006_400;

impl Stamp {
    const NONE: Stamp = Stamp(u32::MAX);

    fn of(t: Option<Instant>) -> Stamp {
        match t.map(|t| u32::try_from(t - STAMP_EPOCH)) {
            Some(Ok(s)) if s != u32::MAX => Stamp(s),
            _ => Stamp::NONE,
        }
    }

    fn get(self) -> Option<Instant> {
        (self != Stamp::NONE).then(|| STAMP_EPOCH + Instant::from(self.0))
    }

    fn or(self, other: Stamp) -> Stamp {
        if self == Stamp::NONE {
            other
        } else {
            self
        }
    }
}

/// One order merged from every row and file that names it: a compact record
/// (20 bytes), never the row text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    purchase: Stamp,
    ship_by: Stamp,
    deliver_by: Stamp,
    last_updated: Stamp,
    channel: Option<Channel>,
    status: StatusClass,
    cancelled_by: Option<CancelledBy>,
    buyer_requested: bool,
}

impl Order {
    pub fn of(row: &OrderRow) -> Order {
        Order {
            purchase: Stamp::of(Some(row.purchase)),
            ship_by: Stamp::of(row.ship_by),
            deliver_by: Stamp::of(row.deliver_by),
            last_updated: Stamp::of(row.last_updated),
            channel: row.channel,
            status: row.status,
            cancelled_by: row.cancelled_by,
            buyer_requested: row.buyer_requested == Some(true),
        }
    }

    pub fn purchase(&self) -> Instant {
        self.purchase.get().unwrap_or(STAMP_EPOCH)
    }

    pub fn ship_by(&self) -> Option<Instant> {
        self.ship_by.get()
    }

    pub fn deliver_by(&self) -> Option<Instant> {
        self.deliver_by.get()
    }

    pub fn last_updated(&self) -> Option<Instant> {
        self.last_updated.get()
    }

    pub fn channel(&self) -> Option<Channel> {
        self.channel
    }

    pub fn status(&self) -> StatusClass {
        self.status
    }

    pub fn cancelled_by(&self) -> Option<CancelledBy> {
        self.cancelled_by
    }

    pub fn is_cancelled(&self) -> bool {
        self.status == StatusClass::Cancelled || self.cancelled_by.is_some()
    }

    pub fn is_seller_fulfilled(&self) -> bool {
        self.channel != Some(Channel::Afn)
    }

    pub fn is_buyer_requested(&self) -> bool {
        self.buyer_requested || self.cancelled_by == Some(CancelledBy::Buyer)
    }

    /// Merges a record read later: the first non-empty value wins, `Cancelled`
    /// > `Shipped` > the rest, buyer-requested true from any source wins (SPEC §2.3).
    fn merge(&mut self, later: &Order) {
        self.channel = self.channel.or(later.channel);
        if later.status > self.status {
            self.status = later.status;
        }
        self.ship_by = self.ship_by.or(later.ship_by);
        self.deliver_by = self.deliver_by.or(later.deliver_by);
        self.buyer_requested |= later.buyer_requested;
        self.cancelled_by = self.cancelled_by.or(later.cancelled_by);
        self.last_updated = self.last_updated.or(later.last_updated);
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
    fn merge(&mut self, later: Shipments) {
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

/// What the feedback and claims files say of one order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Complaints {
    /// Lowest rating of feedback that is not removed (0: none).
    pub worst_rating: u8,
    pub negative_feedback: bool,
    pub a_to_z: bool,
    pub chargeback: bool,
    /// Rows that named this order (feedback, claims, returns).
    pub rows: u32,
}

impl Complaints {
    fn merge(&mut self, later: &Complaints) {
        self.rows += later.rows;
        self.worst_rating = match (self.worst_rating, later.worst_rating) {
            (0, r) | (r, 0) => r,
            (a, b) => a.min(b),
        };
        self.negative_feedback |= later.negative_feedback;
        self.a_to_z |= later.a_to_z;
        self.chargeback |= later.chargeback;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimType {
    AToZ,
    Chargeback,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Box<str>,
    pub received: Instant,
    pub responded: Option<Instant>,
    pub no_response_needed: bool,
}

/// A map split in shards with disjoint keys: chunks read in parallel keep
/// their own tables, so merging them moves no entry and never rehashes (the
/// peak memory of a parallel read stays that of the orders themselves).
#[derive(Debug, Clone)]
pub struct Sharded<V> {
    shards: Vec<FxHashMap<OrderKey, V>>,
}

impl<V> Default for Sharded<V> {
    fn default() -> Self {
        Sharded {
            shards: vec![FxHashMap::default()],
        }
    }
}

impl<V> Sharded<V> {
    pub fn get(&self, key: &OrderKey) -> Option<&V> {
        self.shards.iter().find_map(|s| s.get(key))
    }

    pub fn get_mut(&mut self, key: &OrderKey) -> Option<&mut V> {
        self.shards.iter_mut().find_map(|s| s.get_mut(key))
    }

    pub fn contains_key(&self, key: &OrderKey) -> bool {
        self.shards.iter().any(|s| s.contains_key(key))
    }

    /// Inserts a key that is in no shard.
    fn insert_new(&mut self, key: OrderKey, value: V) {
        if let Some(last) = self.shards.last_mut() {
            last.insert(key, value);
        }
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(FxHashMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.shards.iter().all(FxHashMap::is_empty)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&OrderKey, &V)> {
        self.shards.iter().flat_map(|s| s.iter())
    }

    pub fn keys(&self) -> impl Iterator<Item = &OrderKey> {
        self.shards.iter().flat_map(|s| s.keys())
    }

    /// Adds a later map: `merge` folds each value whose key this map already
    /// has (and drops it from `later`); the rest becomes a new shard.
    fn absorb(&mut self, mut later: FxHashMap<OrderKey, V>, mut merge: impl FnMut(&mut V, V))
    where
        V: Copy,
    {
        later.retain(|key, v| match self.get_mut(key) {
            Some(mine) => {
                merge(mine, *v);
                false
            }
            None => true,
        });
        if !later.is_empty() {
            self.shards.push(later);
        }
    }
}

impl<'a, V> IntoIterator for &'a Sharded<V> {
    type Item = (&'a OrderKey, &'a V);
    type IntoIter = Box<dyn Iterator<Item = (&'a OrderKey, &'a V)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
impl<V> std::ops::Index<&OrderKey> for Sharded<V> {
    type Output = V;

    fn index(&self, key: &OrderKey) -> &V {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no such order"),
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
    pub dropped: Sharded<StatusClass>,
    pub shipments: FxHashMap<OrderKey, Shipments>,
    pub complaints: FxHashMap<OrderKey, Complaints>,
    pub messages: Vec<Message>,
    /// Where each message id is in `messages`.
    message_index: FxHashMap<Box<str>, usize>,
    /// Whether any shipments file has a delivery column (on-time delivery has data).
    pub has_delivery_column: bool,
}

impl Model {
    /// An empty model that keeps orders placed at or after `cutoff`.
    pub fn with_cutoff(cutoff: Option<Instant>) -> Model {
        Model {
            cutoff,
            ..Model::default()
        }
    }

    /// Merges an order row (SPEC §2.3).
    pub fn add_order(&mut self, id: &str, row: OrderRow) {
        let key = self.ids.key(id);
        let record = Order::of(&row);
        let old_and_closed =
            self.cutoff.is_some_and(|c| row.purchase < c) && row.status >= StatusClass::Shipped;
        if let ([orders], [dropped]) = (&mut self.orders.shards[..], &mut self.dropped.shards[..]) {
            // One table each (reading one file on one core): a single probe.
            match orders.entry(key) {
                Entry::Occupied(mut o) => o.get_mut().merge(&record),
                Entry::Vacant(v) => {
                    if let Some(status) = dropped.get_mut(&key) {
                        *status = (*status).max(row.status);
                    } else if old_and_closed {
                        dropped.insert(key, row.status);
                    } else {
                        v.insert(record);
                    }
                }
            }
            return;
        }
        if let Some(o) = self.orders.get_mut(&key) {
            o.merge(&record);
        } else if let Some(status) = self.dropped.get_mut(&key) {
            *status = (*status).max(row.status);
        } else if old_and_closed {
            self.dropped.insert_new(key, row.status);
        } else {
            self.orders.insert_new(key, record);
        }
    }

    /// Nothing read into it yet.
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
            && self.dropped.is_empty()
            && self.shipments.is_empty()
            && self.complaints.is_empty()
            && self.messages.is_empty()
            && !self.has_delivery_column
    }

    /// Whether an orders file names this order (kept, or dropped by age).
    pub fn knows(&self, key: &OrderKey) -> bool {
        self.orders.contains_key(key) || self.dropped.contains_key(key)
    }

    pub fn add_shipment(&mut self, id: &str, row: ShipmentRow) {
        let key = self.ids.key(id);
        let package = Package {
            tracking: row.tracking,
            carrier: row.carrier,
            confirmed: row.instant,
            delivered: row.delivered,
        };
        let later = Shipments {
            confirmed: row.instant,
            deliver_by: row.deliver_by,
            channel: row.channel,
            packages: vec![package],
        };
        match self.shipments.entry(key) {
            Entry::Occupied(mut s) => s.get_mut().merge(later),
            Entry::Vacant(v) => {
                v.insert(later);
            }
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

    /// Adds a buyer message; one with the id of a message already read (an
    /// overlapping export) is the same message, its first values winning.
    pub fn add_message(&mut self, message: Message) {
        match self.message_index.entry(message.id.clone()) {
            Entry::Occupied(i) => {
                if let Some(first) = self.messages.get_mut(*i.get()) {
                    first.responded = first.responded.or(message.responded);
                    first.no_response_needed |= message.no_response_needed;
                }
            }
            Entry::Vacant(v) => {
                v.insert(self.messages.len());
                self.messages.push(message);
            }
        }
    }

    /// Merges a model built from rows that come later (parallel reading), as
    /// if its rows had been added to this one in order.
    /// Merges a model whose orders this one cannot have (another worker's
    /// share of the same file): its order tables are taken as shards as they
    /// are, without a lookup per order.
    pub fn absorb_disjoint(&mut self, other: Model) {
        if self.is_empty() || !other.ids.names.is_empty() || !self.ids.names.is_empty() {
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
            messages,
            message_index: _,
            has_delivery_column,
        } = other;
        self.orders
            .shards
            .extend(orders.shards.into_iter().filter(|s| !s.is_empty()));
        self.dropped
            .shards
            .extend(dropped.shards.into_iter().filter(|s| !s.is_empty()));
        self.shipments.extend(shipments);
        self.complaints.extend(complaints);
        for m in messages {
            self.add_message(m);
        }
        self.has_delivery_column |= has_delivery_column;
    }

    pub fn absorb(&mut self, other: Model) {
        if self.is_empty() {
            // Nothing to merge with: take the other model whole.
            let cutoff = self.cutoff;
            *self = other;
            self.cutoff = cutoff;
            return;
        }
        let Model {
            ids,
            orders,
            cutoff: _,
            dropped,
            shipments,
            complaints,
            messages,
            message_index: _,
            has_delivery_column,
        } = other;
        let rekey = |this: &mut OrderIds, k: OrderKey| {
            if k.0 & INTERNED != 0 {
                this.key(&ids.name(k))
            } else {
                k
            }
        };
        let rekey = &rekey;
        let orders = rekeyed(&mut self.ids, &ids, orders);
        let dropped = rekeyed(&mut self.ids, &ids, dropped);
        // Rows of a later chunk for an order dropped earlier stay dropped; a
        // later chunk's dropped rows still rank the status of a kept order.
        let mut orders = orders;
        orders.retain(|k, o| match self.dropped.get_mut(k) {
            Some(status) => {
                *status = (*status).max(o.status);
                false
            }
            None => true,
        });
        let mut dropped = dropped;
        dropped.retain(|k, status| match self.orders.get_mut(k) {
            Some(o) => {
                o.status = o.status.max(*status);
                false
            }
            None => true,
        });
        self.orders.absorb(orders, |mine, later| mine.merge(&later));
        self.dropped
            .absorb(dropped, |mine, later| *mine = (*mine).max(later));
        for (k, s) in shipments {
            let k = rekey(&mut self.ids, k);
            match self.shipments.entry(k) {
                Entry::Occupied(mut mine) => mine.get_mut().merge(s),
                Entry::Vacant(v) => {
                    v.insert(s);
                }
            }
        }
        for (k, c) in complaints {
            let k = rekey(&mut self.ids, k);
            self.complaints.entry(k).or_default().merge(&c);
        }
        for m in messages {
            self.add_message(m);
        }
        self.has_delivery_column |= has_delivery_column;
    }
}

/// One map of `theirs`' keys in `this` id space; a single shard of packed
/// ids is taken as it is, without rehashing.
fn rekeyed<V>(this: &mut OrderIds, theirs: &OrderIds, map: Sharded<V>) -> FxHashMap<OrderKey, V> {
    let mut shards = map.shards;
    if theirs.names.is_empty() && shards.len() == 1 {
        return shards.pop().unwrap_or_default();
    }
    shards
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            let k = if k.0 & INTERNED != 0 {
                this.key(&theirs.name(k))
            } else {
                k
            };
            (k, v)
        })
        .collect()
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

    #[test]
    fn partition_agrees_between_bytes_and_text() {
        for id in [
            "111-0687106-4490606",
            "ORDER-42",
            "x",
            "\u{a0}111-0687106-4490606\u{a0}",
            "caf\u{e9}",
        ] {
            for parts in [2, 3, 7] {
                let trimmed = id.trim();
                assert_eq!(
                    partition_of_bytes(id.as_bytes().trim_ascii(), parts),
                    partition_of(trimmed, parts),
                    "{id:?}"
                );
                assert!(partition_of(trimmed, parts) < parts);
            }
        }
        // Both workers get a share of Amazon ids.
        let owners: std::collections::BTreeSet<usize> = (0..100)
            .map(|i| partition_of(&format!("111-0000000-{i:07}"), 2))
            .collect();
        assert_eq!(owners.len(), 2);
    }

    #[test]
    fn order_record_is_compact() {
        assert!(
            std::mem::size_of::<Order>() <= 20,
            "{}",
            std::mem::size_of::<Order>()
        );
    }

    #[test]
    fn stamps_round_trip() {
        for t in [946_684_800, 1_790_000_000, 4_102_444_799] {
            assert_eq!(Stamp::of(Some(t)).get(), Some(t));
        }
        assert_eq!(Stamp::of(None).get(), None);
    }

    fn row(status: StatusClass) -> OrderRow {
        OrderRow {
            purchase: 1_790_000_000,
            status,
            ..OrderRow::default()
        }
    }

    const T: Instant = 1_790_000_000;

    #[test]
    fn merge_takes_first_non_empty_and_ranks_status() {
        let mut m = Model::default();
        let id = "111-0000000-0000001";
        m.add_order(
            id,
            OrderRow {
                ship_by: None,
                ..row(StatusClass::Shipped)
            },
        );
        m.add_order(
            id,
            OrderRow {
                ship_by: Some(T + 5),
                channel: Some(Channel::Mfn),
                ..row(StatusClass::Other)
            },
        );
        m.add_order(
            id,
            OrderRow {
                ship_by: Some(T + 9),
                ..row(StatusClass::Absent)
            },
        );
        let o = m.orders[&m.ids.find(id).unwrap()];
        assert_eq!(o.status(), StatusClass::Shipped);
        assert_eq!(o.ship_by(), Some(T + 5));
        assert_eq!(o.channel(), Some(Channel::Mfn));
        m.add_order(id, row(StatusClass::Cancelled));
        m.add_order(id, row(StatusClass::Shipped));
        assert_eq!(
            m.orders[&m.ids.find(id).unwrap()].status(),
            StatusClass::Cancelled
        );
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
        assert!(m.orders[&m.ids.find("A").unwrap()].is_buyer_requested());
    }

    #[test]
    fn closed_orders_before_the_cutoff_are_remembered_by_id_only() {
        let mut m = Model::with_cutoff(Some(T));
        m.add_order(
            "OLD",
            OrderRow {
                purchase: T - 1,
                ..row(StatusClass::Shipped)
            },
        );
        m.add_order("OLD", row(StatusClass::Cancelled));
        m.add_order("NEW", row(StatusClass::Shipped));
        m.add_order(
            "NEW",
            OrderRow {
                purchase: T - 1,
                ..row(StatusClass::Cancelled)
            },
        );
        // Old but never shipped: it may still be an open order.
        m.add_order(
            "OPEN",
            OrderRow {
                purchase: T - 1,
                ..row(StatusClass::Other)
            },
        );
        assert_eq!(m.orders.len(), 2);
        let old = m.ids.find("OLD").unwrap();
        assert!(m.knows(&old) && !m.orders.contains_key(&old));
        assert_eq!(
            m.orders[&m.ids.find("NEW").unwrap()].status(),
            StatusClass::Cancelled
        );
    }

    #[test]
    fn absorb_equals_reading_in_order() {
        let rows: Vec<(&str, OrderRow)> = vec![
            (
                "A",
                OrderRow {
                    ship_by: Some(T + 1),
                    ..row(StatusClass::Other)
                },
            ),
            (
                "B",
                OrderRow {
                    purchase: T - 10,
                    ..row(StatusClass::Other)
                },
            ),
            (
                "A",
                OrderRow {
                    ship_by: Some(T + 2),
                    ..row(StatusClass::Shipped)
                },
            ),
            ("B", row(StatusClass::Cancelled)),
            ("111-0000000-0000003", row(StatusClass::Other)),
            ("C", row(StatusClass::Other)),
            (
                "D",
                OrderRow {
                    purchase: T - 10,
                    ..row(StatusClass::Other)
                },
            ),
            (
                "D",
                OrderRow {
                    purchase: T - 10,
                    ..row(StatusClass::Cancelled)
                },
            ),
            (
                "E",
                OrderRow {
                    purchase: T - 10,
                    ..row(StatusClass::Shipped)
                },
            ),
            (
                "E",
                OrderRow {
                    purchase: T - 10,
                    ..row(StatusClass::Cancelled)
                },
            ),
            (
                "E",
                OrderRow {
                    purchase: T - 10,
                    ..row(StatusClass::Other)
                },
            ),
        ];
        let mut whole = Model::with_cutoff(Some(T));
        for (id, r) in rows.clone() {
            whole.add_order(id, r);
        }
        for cut in 0..=rows.len() {
            let mut first = Model::with_cutoff(Some(T));
            let mut second = Model::with_cutoff(Some(T));
            for (id, r) in rows[..cut].iter().cloned() {
                first.add_order(id, r);
            }
            for (id, r) in rows[cut..].iter().cloned() {
                second.add_order(id, r);
            }
            first.absorb(second);
            assert_eq!(first.orders.len(), whole.orders.len(), "cut {cut}");
            for (k, o) in &whole.orders {
                let name = whole.ids.name(*k);
                assert_eq!(
                    first.orders.get(&first.ids.find(&name).unwrap()),
                    Some(o),
                    "cut {cut}: {name}"
                );
            }
            assert_eq!(first.dropped.len(), whole.dropped.len(), "cut {cut}");
        }
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

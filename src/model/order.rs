//! One order's record, merged from every row that names it, and the values
//! of one order row before merging.

use crate::calendar::Instant;
use crate::marketplace::{Marketplace, SalesChannel};

/// Which marketplace an order belongs to (SPEC §12.1): from its
/// `sales-channel`, else its `currency`, else unknown; or not an Amazon
/// order at all (`Non-Amazon`, multi-channel fulfilment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OrderMarket {
    #[default]
    Unknown,
    Amazon(Marketplace),
    NonAmazon,
}

impl OrderMarket {
    /// From the row's `sales-channel` and `currency` cells.
    pub fn of(sales_channel: &str, currency: &str) -> OrderMarket {
        match SalesChannel::parse(sales_channel) {
            Some(SalesChannel::Amazon(m)) => OrderMarket::Amazon(m),
            Some(SalesChannel::NonAmazon) => OrderMarket::NonAmazon,
            None => {
                Marketplace::of_currency(currency).map_or(OrderMarket::Unknown, OrderMarket::Amazon)
            }
        }
    }

    /// The marketplace, when known.
    pub fn marketplace(self) -> Option<Marketplace> {
        match self {
            OrderMarket::Amazon(m) => Some(m),
            _ => None,
        }
    }

    /// In 7 bits, beside the buyer-requested flag (the record stays 20 bytes).
    fn bits(self) -> u8 {
        match self {
            OrderMarket::Unknown => 0,
            // At most 23 marketplaces: 1..=23.
            OrderMarket::Amazon(m) => (m.index() + 1) as u8,
            OrderMarket::NonAmazon => MARKET_BITS,
        }
    }

    fn from_bits(bits: u8) -> OrderMarket {
        match bits & MARKET_BITS {
            0 => OrderMarket::Unknown,
            MARKET_BITS => OrderMarket::NonAmazon,
            n => Marketplace::ALL
                .get(usize::from(n) - 1)
                .map_or(OrderMarket::Unknown, |&m| OrderMarket::Amazon(m)),
        }
    }
}

/// The low 7 bits of [`Order::flags`]: the order's marketplace.
const MARKET_BITS: u8 = 0x7f;
/// The high bit of [`Order::flags`]: a buyer-requested cancellation.
const BUYER_REQUESTED: u8 = 0x80;

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
    /// [`BUYER_REQUESTED`] and the [`OrderMarket`] in [`MARKET_BITS`].
    flags: u8,
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
            flags: row.market.bits()
                | if row.buyer_requested == Some(true) {
                    BUYER_REQUESTED
                } else {
                    0
                },
        }
    }

    /// The order's marketplace, from the first row that tells it.
    pub fn market(&self) -> OrderMarket {
        OrderMarket::from_bits(self.flags)
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
        self.flags & BUYER_REQUESTED != 0 || self.cancelled_by == Some(CancelledBy::Buyer)
    }

    /// Merges a record read later: the first non-empty value wins, `Cancelled`
    /// > `Shipped` > the rest, buyer-requested true from any source wins (SPEC §2.3).
    pub(super) fn merge(&mut self, later: &Order) {
        self.channel = self.channel.or(later.channel);
        if later.status > self.status {
            self.status = later.status;
        }
        self.ship_by = self.ship_by.or(later.ship_by);
        self.deliver_by = self.deliver_by.or(later.deliver_by);
        self.flags |= later.flags & BUYER_REQUESTED;
        if self.flags & MARKET_BITS == 0 {
            self.flags |= later.flags & MARKET_BITS;
        }
        self.cancelled_by = self.cancelled_by.or(later.cancelled_by);
        self.last_updated = self.last_updated.or(later.last_updated);
    }

    /// Ranks in what is known of an order remembered by id only (see
    /// [`super::Model::cutoff`]): its status, and its marketplace when this
    /// record has none.
    pub(super) fn rank(&mut self, d: Dropped) {
        self.status = self.status.max(d.status);
        if self.flags & MARKET_BITS == 0 {
            self.flags |= d.market.bits();
        }
    }
}

/// What is kept of an old order remembered by id only (see
/// [`super::Model::cutoff`]): its status, ranked across rows, and its
/// marketplace, so that a buyer message naming it still finds its audit
/// (SPEC §12.1). Two bytes: the entry is no larger than the status alone was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    pub status: StatusClass,
    pub market: OrderMarket,
}

impl Dropped {
    pub fn of(order: &Order) -> Dropped {
        Dropped {
            status: order.status(),
            market: order.market(),
        }
    }

    /// A later row: the higher status, the first marketplace known.
    pub fn merge(&mut self, later: Dropped) {
        self.status = self.status.max(later.status);
        if self.market == OrderMarket::Unknown {
            self.market = later.market;
        }
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
    pub market: OrderMarket,
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::Model;

    #[test]
    fn order_record_is_compact() {
        assert!(
            std::mem::size_of::<Order>() <= 20,
            "{}",
            std::mem::size_of::<Order>()
        );
    }

    #[test]
    fn market_round_trips_beside_the_buyer_flag_and_the_first_known_wins() {
        for m in Marketplace::ALL
            .into_iter()
            .map(OrderMarket::Amazon)
            .chain([OrderMarket::Unknown, OrderMarket::NonAmazon])
        {
            for requested in [None, Some(true)] {
                let o = Order::of(&OrderRow {
                    market: m,
                    buyer_requested: requested,
                    ..row(StatusClass::Other)
                });
                assert_eq!(o.market(), m);
                assert_eq!(o.is_buyer_requested(), requested == Some(true));
            }
        }
        let mut m = Model::default();
        let id = "111-0000000-0000009";
        m.add_order(id, row(StatusClass::Other));
        let ca = OrderMarket::Amazon(Marketplace::Ca);
        m.add_order(
            id,
            OrderRow {
                market: ca,
                ..row(StatusClass::Other)
            },
        );
        let mx = OrderMarket::Amazon(Marketplace::Mx);
        m.add_order(
            id,
            OrderRow {
                market: mx,
                ..row(StatusClass::Other)
            },
        );
        assert_eq!(m.orders[&m.ids.find(id).unwrap()].market(), ca);
    }

    #[test]
    fn a_market_comes_from_the_sales_channel_else_the_currency() {
        let of = OrderMarket::of;
        assert_eq!(of("Amazon.ca", "USD"), OrderMarket::Amazon(Marketplace::Ca));
        assert_eq!(of("", "MXN"), OrderMarket::Amazon(Marketplace::Mx));
        assert_eq!(of("", "USD"), OrderMarket::Unknown);
        assert_eq!(of("Non-Amazon", "USD"), OrderMarket::NonAmazon);
        assert_eq!(of("somewhere", "GBP"), OrderMarket::Amazon(Marketplace::Uk));
    }

    #[test]
    fn an_order_remembered_by_id_only_is_two_bytes() {
        assert_eq!(std::mem::size_of::<Dropped>(), 2);
        assert_eq!(std::mem::size_of::<(super::super::OrderKey, Dropped)>(), 16);
    }

    #[test]
    fn stamps_round_trip() {
        for t in [946_684_800, 1_790_000_000, 4_102_444_799] {
            assert_eq!(Stamp::of(Some(t)).get(), Some(t));
        }
        assert_eq!(Stamp::of(None).get(), None);
    }

    /// An order row placed at [`T`] with `status` (the model's tests use it too).
    pub(in crate::model) fn row(status: StatusClass) -> OrderRow {
        OrderRow {
            purchase: 1_790_000_000,
            status,
            ..OrderRow::default()
        }
    }

    pub(in crate::model) const T: Instant = 1_790_000_000;

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
}

//! Breakdown dimensions (SPEC §13) and the values of the order dimensions,
//! kept only when `--by` asks for them: each value string is interned once
//! per dimension, and each order holds a `u32` per dimension in a side table
//! (the order record itself does not grow).

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::{OrderIds, OrderKey, Sharded};

/// What defects can be broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Sku,
    Asin,
    ShipServiceLevel,
    ShipState,
    ShipCountry,
    SalesChannel,
    /// The package's carrier (shipments), as valid tracking reads it.
    Carrier,
}

impl Dimension {
    /// Every dimension, in the order reports list them.
    pub const ALL: [Dimension; 7] = [
        Dimension::Sku,
        Dimension::Asin,
        Dimension::ShipServiceLevel,
        Dimension::ShipState,
        Dimension::ShipCountry,
        Dimension::SalesChannel,
        Dimension::Carrier,
    ];

    /// The name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Sku => "sku",
            Dimension::Asin => "asin",
            Dimension::ShipServiceLevel => "ship-service-level",
            Dimension::ShipState => "ship-state",
            Dimension::ShipCountry => "ship-country",
            Dimension::SalesChannel => "sales-channel",
            Dimension::Carrier => "carrier",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        Dimension::ALL.into_iter().find(|d| d.name() == s)
    }

    /// Read from the orders files (every dimension but the carrier).
    pub fn of_orders(self) -> bool {
        self != Dimension::Carrier
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The slot of an order dimension in [`OrderValues`].
    fn column(self) -> usize {
        self as usize
    }
}

/// A set of dimensions (`--by`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dimensions(u8);

impl Dimensions {
    pub const NONE: Dimensions = Dimensions(0);

    pub fn with(self, d: Dimension) -> Dimensions {
        Dimensions(self.0 | d.bit())
    }

    pub fn contains(self, d: Dimension) -> bool {
        self.0 & d.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The dimensions in the set, in [`Dimension::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Dimension> {
        Dimension::ALL
            .into_iter()
            .filter(move |d| self.contains(*d))
    }

    /// Whether any order dimension is asked for (the reader then reads its columns).
    pub fn any_of_orders(self) -> bool {
        self.iter().any(Dimension::of_orders)
    }
}

impl FromIterator<Dimension> for Dimensions {
    fn from_iter<I: IntoIterator<Item = Dimension>>(iter: I) -> Self {
        iter.into_iter().fold(Dimensions::NONE, Dimensions::with)
    }
}

/// An order's values of one dimension: a value id, or (top bit set) the
/// head of a chain of several in [`Column::chain`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot(u32);

const MULTI: u32 = 1 << 31;
const END: u32 = u32::MAX;

/// One order dimension: its interned values and each order's.
#[derive(Debug, Default, Clone)]
struct Column {
    index: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    by_order: Sharded<Slot>,
    /// Values of orders with several: (value, next link or [`END`]).
    chain: Vec<(u32, u32)>,
}

impl Column {
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(&i) = self.index.get(value) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(value.into());
        self.index.insert(value.into(), i);
        i
    }

    fn add(&mut self, key: OrderKey, value: &str) {
        let value = self.intern(value);
        let Column {
            by_order, chain, ..
        } = self;
        if let Some(one) = by_order.single_mut() {
            match one.entry(key) {
                Entry::Occupied(mut o) => {
                    let slot = extend(chain, *o.get(), value);
                    *o.get_mut() = slot;
                }
                Entry::Vacant(v) => {
                    v.insert(Slot(value));
                }
            }
            return;
        }
        match by_order.get_mut(&key) {
            Some(slot) => *slot = extend(chain, *slot, value),
            None => by_order.insert_new(key, Slot(value)),
        }
    }

    /// The value ids of a slot.
    fn ids(&self, slot: Slot) -> SlotIds<'_> {
        if slot.0 & MULTI == 0 {
            SlotIds {
                one: Some(slot.0),
                chain: &self.chain,
                next: END,
            }
        } else {
            chain_ids(&self.chain, slot.0 & !MULTI)
        }
    }
}

/// `slot` with `value` added (unchanged when it holds it already).
fn extend(chain: &mut Vec<(u32, u32)>, slot: Slot, value: u32) -> Slot {
    if slot.0 & MULTI == 0 {
        if slot.0 == value {
            return slot;
        }
        let first = chain.len() as u32;
        chain.push((slot.0, END));
        chain.push((value, first));
        return Slot(MULTI | (first + 1));
    }
    if chain_ids(chain, slot.0 & !MULTI).any(|v| v == value) {
        return slot;
    }
    let head = chain.len() as u32;
    chain.push((value, slot.0 & !MULTI));
    Slot(MULTI | head)
}

fn chain_ids(chain: &[(u32, u32)], head: u32) -> SlotIds<'_> {
    SlotIds {
        one: None,
        chain,
        next: head,
    }
}

/// The value ids of one order in one dimension.
struct SlotIds<'a> {
    one: Option<u32>,
    chain: &'a [(u32, u32)],
    next: u32,
}

impl Iterator for SlotIds<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if let Some(v) = self.one.take() {
            return Some(v);
        }
        let &(v, next) = self.chain.get(self.next as usize)?;
        self.next = next;
        Some(v)
    }
}

/// The order dimensions' values of every order (empty without `--by`).
#[derive(Debug, Default, Clone)]
pub struct OrderValues {
    columns: [Option<Box<Column>>; 6],
}

impl OrderValues {
    /// Whether nothing was kept.
    pub fn is_empty(&self) -> bool {
        self.columns.iter().all(Option::is_none)
    }

    /// Adds a value of an order dimension to an order (blank values are unknown: not kept).
    pub fn add(&mut self, dim: Dimension, key: OrderKey, value: &str) {
        let value = value.trim();
        if value.is_empty() || !dim.of_orders() {
            return;
        }
        self.columns[dim.column()]
            .get_or_insert_with(Box::default)
            .add(key, value);
    }

    /// The value ids of an order in a dimension, in no particular order;
    /// none when its value is unknown.
    pub fn ids(&self, dim: Dimension, key: &OrderKey) -> impl Iterator<Item = u32> + '_ {
        let column = self.columns.get(dim.column()).and_then(Option::as_deref);
        let slot = column.and_then(|c| c.by_order.get(key).copied());
        let ids = match (column, slot) {
            (Some(c), Some(s)) => Some(c.ids(s)),
            _ => None,
        };
        ids.into_iter().flatten()
    }

    /// The text of a value id of a dimension.
    pub fn name(&self, dim: Dimension, id: u32) -> &str {
        self.columns
            .get(dim.column())
            .and_then(Option::as_deref)
            .and_then(|c| c.names.get(id as usize))
            .map_or("", |s| s)
    }

    /// Takes the values of a model whose orders this one cannot have (and
    /// whose keys mean the same): value ids are renumbered into this
    /// model's, the tables taken as shards.
    pub(super) fn append_disjoint(&mut self, other: OrderValues) {
        for (mine, theirs) in self.columns.iter_mut().zip(other.columns) {
            let Some(mut theirs) = theirs else { continue };
            let Some(mine) = mine.as_deref_mut() else {
                *mine = Some(theirs);
                continue;
            };
            let renumber: Vec<u32> = theirs.names.iter().map(|n| mine.intern(n)).collect();
            let new_id = |v: u32| renumber.get(v as usize).copied().unwrap_or(v);
            let offset = mine.chain.len() as u32;
            for slot in theirs.by_order.values_mut() {
                *slot = if slot.0 & MULTI == 0 {
                    Slot(new_id(slot.0))
                } else {
                    Slot(MULTI | ((slot.0 & !MULTI) + offset))
                };
            }
            mine.chain.extend(
                theirs
                    .chain
                    .iter()
                    .map(|&(v, next)| (new_id(v), if next == END { END } else { next + offset })),
            );
            mine.by_order.append_disjoint(theirs.by_order);
        }
    }

    /// Each value of each order: (dimension, order, value text).
    pub(super) fn each(&self, mut f: impl FnMut(Dimension, OrderKey, &str)) {
        for (column, dim) in self.columns.iter().zip(Dimension::ALL) {
            let Some(column) = column else { continue };
            for (key, slot) in &column.by_order {
                for v in column.ids(*slot) {
                    f(dim, *key, column.names.get(v as usize).map_or("", |s| s));
                }
            }
        }
    }

    /// Adds the values of another model's orders (`theirs`: its ids), order by order.
    pub(super) fn absorb(&mut self, ids: &mut OrderIds, other: &OrderValues, theirs: &OrderIds) {
        for (i, column) in other.columns.iter().enumerate() {
            let Some(column) = column else { continue };
            let Some(&dim) = Dimension::ALL.get(i) else {
                continue;
            };
            for (key, slot) in &column.by_order {
                let key = ids.adopt(theirs, *key);
                for v in column.ids(*slot) {
                    let name = column.names.get(v as usize).map_or("", |s| s);
                    self.add(dim, key, name);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(v: &OrderValues, dim: Dimension, key: OrderKey) -> Vec<String> {
        let mut out: Vec<String> = v.ids(dim, &key).map(|i| v.name(dim, i).into()).collect();
        out.sort();
        out
    }

    #[test]
    fn dimensions_parse_and_iterate_in_report_order() {
        assert_eq!(Dimension::parse("SKU"), Some(Dimension::Sku));
        assert_eq!(
            Dimension::parse("ship_service_level"),
            Some(Dimension::ShipServiceLevel)
        );
        assert_eq!(Dimension::parse("colour"), None);
        let set: Dimensions = [Dimension::Carrier, Dimension::Sku].into_iter().collect();
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Dimension::Sku, Dimension::Carrier]
        );
        assert!(set.any_of_orders());
        assert!(!Dimensions::NONE.with(Dimension::Carrier).any_of_orders());
        for d in Dimension::ALL {
            assert_eq!(Dimension::parse(d.name()), Some(d));
        }
    }

    #[test]
    fn values_are_interned_and_orders_keep_each_once() {
        let mut ids = OrderIds::default();
        let (a, b) = (ids.key("A"), ids.key("B"));
        let mut v = OrderValues::default();
        assert!(v.is_empty());
        v.add(Dimension::Sku, a, "MUG");
        v.add(Dimension::Sku, a, " MUG ");
        v.add(Dimension::Sku, a, "CUP");
        v.add(Dimension::Sku, a, "MUG");
        v.add(Dimension::Sku, a, "BOWL");
        v.add(Dimension::Sku, b, "MUG");
        v.add(Dimension::Sku, b, "   ");
        assert_eq!(sorted(&v, Dimension::Sku, a), ["BOWL", "CUP", "MUG"]);
        assert_eq!(sorted(&v, Dimension::Sku, b), ["MUG"]);
        assert!(sorted(&v, Dimension::Asin, a).is_empty());
        let column = v.columns[0].as_deref().unwrap();
        assert_eq!(column.names.len(), 3);
    }

    #[test]
    fn disjoint_and_careful_merges_keep_every_value() {
        let mut ids = OrderIds::default();
        let keys: Vec<OrderKey> = (1..=4)
            .map(|i| ids.key(&format!("111-0000000-000000{i}")))
            .collect();
        let mut one = OrderValues::default();
        one.add(Dimension::Sku, keys[0], "MUG");
        one.add(Dimension::Sku, keys[0], "CUP");
        one.add(Dimension::Sku, keys[1], "CUP");
        let mut two = OrderValues::default();
        two.add(Dimension::Sku, keys[2], "PLATE");
        two.add(Dimension::Sku, keys[3], "CUP");
        two.add(Dimension::Sku, keys[3], "PLATE");
        two.add(Dimension::ShipState, keys[3], "CA");
        let mut careful = one.clone();
        careful.absorb(&mut ids.clone(), &two, &ids);
        one.append_disjoint(two);
        for merged in [&one, &careful] {
            assert_eq!(sorted(merged, Dimension::Sku, keys[0]), ["CUP", "MUG"]);
            assert_eq!(sorted(merged, Dimension::Sku, keys[1]), ["CUP"]);
            assert_eq!(sorted(merged, Dimension::Sku, keys[2]), ["PLATE"]);
            assert_eq!(sorted(merged, Dimension::Sku, keys[3]), ["CUP", "PLATE"]);
            assert_eq!(sorted(merged, Dimension::ShipState, keys[3]), ["CA"]);
        }
    }
}

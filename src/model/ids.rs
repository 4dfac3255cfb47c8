//! Order ids as compact keys, and which worker owns an id when a file is read
//! on several cores.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

/// An order id packed into an integer: Amazon's `DDD-DDDDDDD-DDDDDDD` form as
/// its 17 digits, any other id as an index into an interner (top bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrderKey(u64);

const INTERNED: u64 = 1 << 63;

impl OrderKey {
    /// Whether the key is an index into its model's [`OrderIds`] (and so means
    /// nothing in another model's).
    fn is_interned(self) -> bool {
        self.0 & INTERNED != 0
    }
}

/// Interns order ids that do not have Amazon's numeric form.
#[derive(Debug, Default, Clone)]
pub struct OrderIds {
    index: FxHashMap<Box<str>, u64>,
    names: Vec<Box<str>>,
}

impl OrderIds {
    pub fn key(&mut self, id: &str) -> OrderKey {
        let id = identity(id);
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

    /// The key of a name read by a worker.
    pub fn key_of(&mut self, name: &OrderName) -> OrderKey {
        match name {
            OrderName::Packed(key) => *key,
            OrderName::Text(text) => self.key(text),
        }
    }

    /// Which of `parts` partitions holds the order of `key` (as
    /// [`partition_of`] its id).
    pub fn partition(&self, key: OrderKey, parts: usize) -> usize {
        if key.is_interned() {
            spread(text_hash(&self.name(key)), parts)
        } else {
            spread(key.0, parts)
        }
    }

    /// The key of an id already seen, without interning it (a buyer message
    /// finding its order's marketplace; tests looking orders up).
    pub fn find(&self, id: &str) -> Option<OrderKey> {
        let id = identity(id);
        match pack(id.as_bytes()) {
            Some(p) => Some(OrderKey(p)),
            None => self.index.get(id).map(|&i| OrderKey(INTERNED | i)),
        }
    }

    pub fn name(&self, key: OrderKey) -> Cow<'_, str> {
        if key.is_interned() {
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

    /// Whether every id seen so far had Amazon's numeric form: keys then
    /// mean the same in every model.
    pub(super) fn all_packed(&self) -> bool {
        self.names.is_empty()
    }

    /// The key in this id space of `key`, a key of `theirs`.
    pub(super) fn adopt(&mut self, theirs: &OrderIds, key: OrderKey) -> OrderKey {
        if key.is_interned() {
            self.key(&theirs.name(key))
        } else {
            key
        }
    }
}

/// An order's identity: the id text with surrounding white space trimmed
/// (`str::trim`, Unicode white space), the same trim the row parser gives
/// every cell. Every path (keys, partitions, merging) goes through this one
/// function, so an id is one order however and wherever it is read.
pub fn identity(id: &str) -> &str {
    id.trim()
}

/// An order id read by a worker, before a model gives it a key: packed when
/// it has Amazon's numeric form, else its text (both after [`identity`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrderName {
    Packed(OrderKey),
    Text(Box<str>),
}

impl OrderName {
    pub fn of(id: &str) -> OrderName {
        let id = identity(id);
        match pack(id.as_bytes()) {
            Some(n) => OrderName::Packed(OrderKey(n)),
            None => OrderName::Text(id.into()),
        }
    }

    /// Which of `parts` partitions holds the order (see [`partition_of`]).
    pub fn partition(&self, parts: usize) -> usize {
        match self {
            OrderName::Packed(key) => spread(key.0, parts),
            OrderName::Text(text) => spread(text_hash(text), parts),
        }
    }
}

/// Which of `parts` partitions holds an order id: a fixed function of its
/// [`identity`], so every row of an order, in every file and every chunk,
/// goes to the same partition.
pub fn partition_of(id: &str, parts: usize) -> usize {
    OrderName::of(id).partition(parts)
}

fn text_hash(text: &str) -> u64 {
    text.bytes().fold(text.len() as u64, |h, b| {
        (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517C_C1B7_2722_0A95)
    })
}

/// The high bits of a multiplicative hash are well mixed.
fn spread(x: u64, parts: usize) -> usize {
    ((x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) % parts.max(1) as u64) as usize
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
    fn one_identity_for_keys_and_partitions() {
        let mut ids = OrderIds::default();
        for (a, b) in [
            ("111-0687106-4490606", "111-0687106-4490606\u{b}"),
            ("111-0687106-4490606", "\u{a0}111-0687106-4490606\u{3000}"),
            ("ORDER-42", " ORDER-42\u{b}\u{c}"),
            ("caf\u{e9}", "caf\u{e9}\u{2028}"),
        ] {
            assert_eq!(ids.key(a), ids.key(b), "{b:?}");
            assert_eq!(OrderName::of(a), OrderName::of(b), "{b:?}");
            for parts in [2, 3, 7] {
                assert_eq!(partition_of(a, parts), partition_of(b, parts), "{b:?}");
                let key = ids.key(b);
                assert_eq!(ids.partition(key, parts), partition_of(a, parts), "{b:?}");
                assert!(partition_of(a, parts) < parts);
            }
        }
        // Both partitions get a share of Amazon ids and of other ids.
        for form in ["111-0000000-", "X"] {
            let owners: std::collections::BTreeSet<usize> = (0..100)
                .map(|i| partition_of(&format!("{form}{i:07}"), 2))
                .collect();
            assert_eq!(owners.len(), 2, "{form}");
        }
    }
}

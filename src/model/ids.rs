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

    /// The key of an id already seen, without interning it (tests look orders
    /// up by id; the reader only ever interns).
    #[cfg(test)]
    pub(crate) fn find(&self, id: &str) -> Option<OrderKey> {
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
}

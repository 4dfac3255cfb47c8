//! A map from order key to value that parallel reading can merge cheaply.

use rustc_hash::FxHashMap;

use super::OrderKey;

/// A map split in shards with disjoint keys: workers reading in parallel keep
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
    pub(super) fn insert_new(&mut self, key: OrderKey, value: V) {
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

    pub(super) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.shards.iter_mut().flat_map(|s| s.values_mut())
    }

    /// The table, when there is just one (a file read on one core).
    pub(super) fn single_mut(&mut self) -> Option<&mut FxHashMap<OrderKey, V>> {
        match &mut self.shards[..] {
            [only] => Some(only),
            _ => None,
        }
    }

    /// Takes the shards of a map whose keys this one cannot have, as they are.
    pub(super) fn append_disjoint(&mut self, other: Sharded<V>) {
        self.shards
            .extend(other.shards.into_iter().filter(|s| !s.is_empty()));
    }

    pub(super) fn into_shards(self) -> Vec<FxHashMap<OrderKey, V>> {
        self.shards
    }

    /// Adds a later map: `merge` folds each value whose key this map already
    /// has (and drops it from `later`); the rest becomes a new shard.
    pub(super) fn absorb(
        &mut self,
        mut later: FxHashMap<OrderKey, V>,
        mut merge: impl FnMut(&mut V, V),
    ) where
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

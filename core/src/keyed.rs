//! Values by key: the hash table of every index a reader, the scorer, the disclosure pass or a
//! renderer builds (a measure by id, a column by name, the first row of a duplicate). Batch
//! scoring (`scoring/batch.rs`), a loop over millions of rows that the dashboard's module does
//! not carry, keeps `std::collections::HashMap`.
//!
//! [`Keyed`] keeps its entries in a `Vec`, in the order they were first inserted, and finds
//! them through a `hashbrown::HashTable` of positions. The table is reached only through
//! [`Slots`], which is not generic: its lookup and its growth are compiled once for the whole
//! crate, however many key and value types there are. A `std::collections::HashMap` compiles
//! its table once for each key and value type, which in the dashboard's WebAssembly module cost
//! about 19 KB (docs/benchmarks.md, "WebAssembly bundle size"). Iteration follows insertion
//! order, so nothing that walks a `Keyed` can vary from run to run.

use std::borrow::Borrow;
use std::hash::{BuildHasher, Hash, Hasher};

/// How keys are hashed. Where the standard library has randomness, its `RandomState`
/// (SipHash-1-3 with keys drawn for the process), so that a crafted file cannot make every key
/// collide. In wasm32-unknown-unknown it has none: `RandomState` keys SipHash with two
/// allocation addresses, the same from run to run, so it protects nothing there, and its hash
/// was compiled into each key type and its start into each table made. [`Fnv`] instead: one
/// `write`, compiled once.
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
type State = std::hash::RandomState;
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
type State = FnvState;

/// Makes [`Fnv`] hashers.
#[derive(Clone, Copy, Default)]
#[cfg_attr(
    not(all(target_family = "wasm", target_os = "unknown")),
    allow(dead_code)
)]
struct FnvState;

impl BuildHasher for FnvState {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// FNV-1a over 64 bits (Fowler, Noll and Vo), its result mixed so that the low 32 bits, all
/// that the table uses on a 32-bit target, depend on every byte.
struct Fnv(u64);

impl Hasher for Fnv {
    #[inline(never)]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        let h = self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 32)
    }
}

/// Positions in an entry list, by hash: the table every [`Keyed`] uses, not generic.
#[derive(Clone, Default)]
struct Slots {
    /// Positions into the entries (and `hashes`).
    table: hashbrown::HashTable<usize>,
    /// Each entry's hash, by position: what the table grows by.
    hashes: Vec<u64>,
}

impl Slots {
    /// The position of the entry with this hash for which `same` holds.
    #[inline(never)]
    fn find(&self, hash: u64, same: &dyn Fn(usize) -> bool) -> Option<usize> {
        self.table.find(hash, |&i| same(i)).copied()
    }

    /// Records the next entry, with this hash.
    #[inline(never)]
    fn push(&mut self, hash: u64) {
        let position = self.hashes.len();
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table
            .insert_unique(hash, position, |&i| hashes.get(i).copied().unwrap_or(0));
    }
}

/// Values by key, in insertion order (see the module's doc).
#[derive(Clone)]
pub(crate) struct Keyed<K, V> {
    slots: Slots,
    entries: Vec<(K, V)>,
    state: State,
}

impl<K, V> Default for Keyed<K, V> {
    fn default() -> Self {
        Keyed {
            slots: Slots::default(),
            entries: Vec::new(),
            state: State::default(),
        }
    }
}

impl<K: Hash + Eq, V> Keyed<K, V> {
    /// An empty table.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// The position of `key`'s entry, and the key's hash.
    fn position<Q>(&self, key: &Q) -> (Option<usize>, u64)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.state.hash_one(key);
        let entries = &self.entries;
        let found = self.slots.find(hash, &|i| {
            entries.get(i).is_some_and(|(k, _)| k.borrow() == key)
        });
        (found, hash)
    }

    /// The value for `key`.
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let i = self.position(key).0?;
        self.entries.get(i).map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub(crate) fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.position(key).0.is_some()
    }

    /// The value for `key`, made by `make` and inserted when there is none: the first value
    /// given for a key stays.
    pub(crate) fn or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.position(&key) {
            (Some(i), _) => i,
            (None, hash) => self.append(hash, key, make()),
        };
        // `i` is a position the table gave, or the entry just pushed.
        &mut self.entries[i].1
    }

    /// The value for `key`, `value` inserted when there is none: the first value given stays.
    pub(crate) fn or_insert(&mut self, key: K, value: V) -> &mut V {
        self.or_insert_with(key, || value)
    }

    /// Sets `key`'s value, and gives the one it replaced.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.position(&key) {
            (Some(i), _) => self
                .entries
                .get_mut(i)
                .map(|(_, v)| std::mem::replace(v, value)),
            (None, hash) => {
                self.append(hash, key, value);
                None
            }
        }
    }

    /// Adds an entry whose key is not in the table yet, and gives its position.
    fn append(&mut self, hash: u64, key: K, value: V) -> usize {
        self.slots.push(hash);
        self.entries.push((key, value));
        self.entries.len() - 1
    }

    /// The entries, in the order their keys were first inserted.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: std::fmt::Debug, V: std::fmt::Debug> std::fmt::Debug for Keyed<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

/// As `HashMap`'s: the same keys with the same values, whatever the order.
impl<K: Hash + Eq, V: PartialEq> PartialEq for Keyed<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Hash + Eq, V> FromIterator<(K, V)> for Keyed<K, V> {
    /// As `HashMap`'s: a later value for a key replaces an earlier one.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut out = Keyed::new();
        for (k, v) in items {
            out.insert(k, v);
        }
        out
    }
}

/// Keys alone: a [`Keyed`] without values.
#[derive(Clone)]
pub(crate) struct KeyedSet<K>(Keyed<K, ()>);

impl<K> Default for KeyedSet<K> {
    fn default() -> Self {
        KeyedSet(Keyed::default())
    }
}

impl<K: Hash + Eq> KeyedSet<K> {
    /// An empty set.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds `key`: `true` when it was not there before.
    pub(crate) fn insert(&mut self, key: K) -> bool {
        self.0.insert(key, ()).is_none()
    }

    /// Whether `key` is in the set.
    pub(crate) fn contains<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.contains_key(key)
    }
}

impl<K: Hash + Eq> FromIterator<K> for KeyedSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(items: I) -> Self {
        let mut out = KeyedSet::new();
        for k in items {
            out.insert(k);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// FNV-1a's published test vectors (Fowler, Noll and Vo, "FNV hash" test suite: "" and
    /// "a" and "foobar" in 64 bits), before the final mix.
    #[test]
    fn fnv_is_fnv_1a() {
        for (text, want) in [
            ("", 0xcbf2_9ce4_8422_2325_u64),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            let mut h = FnvState.build_hasher();
            h.write(text.as_bytes());
            assert_eq!(h.0, want, "{text}");
        }
        // The mix keeps the low half apart for keys that differ in one byte.
        let low = |t: &str| FnvState.hash_one(t) as u32;
        assert_ne!(low("m1"), low("m2"));
    }

    #[test]
    fn the_first_value_given_stays_and_insert_replaces() {
        let mut k: Keyed<String, u32> = Keyed::new();
        assert_eq!(*k.or_insert("a".into(), 1), 1);
        assert_eq!(*k.or_insert("a".into(), 2), 1);
        assert_eq!(k.insert("a".into(), 3), Some(1));
        assert_eq!(k.insert("b".into(), 4), None);
        assert_eq!(k.get("a"), Some(&3));
        assert_eq!(k.get("c"), None);
        assert!(k.contains_key("b"));
        let order: Vec<(&String, &u32)> = k.iter().collect();
        assert_eq!(order, [(&"a".to_string(), &3), (&"b".to_string(), &4)]);
        let mut s: KeyedSet<&str> = KeyedSet::new();
        assert!(s.insert("x"));
        assert!(!s.insert("x"));
        assert!(s.contains("x") && !s.contains("y"));
    }

    proptest! {
        /// Any sequence of inserts and first-wins inserts leaves the same values as a
        /// `HashMap` given the same operations, with the keys in first-insertion order.
        #[test]
        fn agrees_with_the_standard_hash_map(ops in proptest::collection::vec((0u8..40, any::<u16>(), any::<bool>()), 0..400)) {
            let mut ours: Keyed<u8, u16> = Keyed::new();
            let mut std_map: HashMap<u8, u16> = HashMap::new();
            let mut first_seen: Vec<u8> = Vec::new();
            for (key, value, replace) in ops {
                if !first_seen.contains(&key) {
                    first_seen.push(key);
                }
                if replace {
                    prop_assert_eq!(ours.insert(key, value), std_map.insert(key, value));
                } else {
                    prop_assert_eq!(*ours.or_insert(key, value), *std_map.entry(key).or_insert(value));
                }
            }
            for key in 0u8..40 {
                prop_assert_eq!(ours.get(&key), std_map.get(&key));
            }
            let keys: Vec<u8> = ours.iter().map(|(k, _)| *k).collect();
            prop_assert_eq!(keys, first_seen);
        }
    }
}

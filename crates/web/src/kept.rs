//! Values kept for a moment: a busy dashboard costs one read of its figures per two seconds,
//! a much-read article one rendering; any write through this process makes them stale at once
//! (other instances' writes show within the two seconds), as with the lists' totals.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const FRESH_FOR: Duration = Duration::from_secs(2);
const MAX_KEPT: usize = 1000;

/// A value with the write generation and the moment it was read.
type Entry<T> = (u64, Instant, Arc<T>);

/// Values by key.
pub struct Kept<T>(Mutex<HashMap<String, Entry<T>>>);

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept(Mutex::default())
    }
}

impl<T> Kept<T> {
    /// The value read under `generation`, if no write came since and it is fresh.
    pub fn get(&self, key: &str, generation: u64) -> Option<Arc<T>> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key)
            .filter(|(g, at, _)| *g == generation && at.elapsed() < FRESH_FOR)
            .map(|(_, _, v)| v.clone())
    }

    /// Keeps a value read under `generation` (taken before the read began).
    pub fn put(&self, key: String, generation: u64, value: Arc<T>) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // Filters make many keys; stale ones are dropped rather than kept forever.
        if map.len() >= MAX_KEPT {
            map.retain(|_, (_, at, _)| at.elapsed() < FRESH_FOR);
        }
        map.insert(key, (generation, Instant::now(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_makes_a_kept_value_stale() {
        let kept = Kept::default();
        kept.put("41".into(), 7, Arc::new(1));
        assert_eq!(kept.get("41", 7).as_deref(), Some(&1));
        assert_eq!(kept.get("41", 8), None, "a write came since");
        assert_eq!(kept.get("40", 7), None);
    }
}

//! Token buckets: one per key, so one phone flooding votes or one address trying codes is
//! refused (429) without slowing anybody else.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

pub struct Buckets<K> {
    burst: f64,
    per_second: f64,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

/// Votes per participant: a burst of 30, then 5 a second.
pub type VoteLimiter = Buckets<i64>;
/// Wrong join codes per address: 10, then one every 5 seconds.
pub type MissLimiter = Buckets<IpAddr>;

pub fn code_misses() -> MissLimiter {
    Buckets::new(10.0, 0.2)
}

/// Public lookups (certificate codes, tickets, registrations) per address: a burst of 60 (a
/// room of people behind one office router verifying at once), then one a second, far too
/// slow to guess an 80-bit code.
pub type PublicLimiter = Buckets<IpAddr>;

impl Default for Buckets<i64> {
    fn default() -> Self {
        Self::new(30.0, 5.0)
    }
}

impl Default for Buckets<IpAddr> {
    fn default() -> Self {
        Self::new(60.0, 1.0)
    }
}

impl<K: Hash + Eq> Buckets<K> {
    pub fn new(burst: f64, per_second: f64) -> Self {
        Self {
            burst,
            per_second,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `allow` would let the key through now, without using a token.
    pub fn has_room(&self, key: K) -> bool {
        let Ok(buckets) = self.buckets.lock() else {
            return true;
        };
        buckets.get(&key).is_none_or(|(tokens, at)| {
            *tokens + Instant::now().duration_since(*at).as_secs_f64() * self.per_second >= 1.0
        })
    }

    pub fn allow(&self, key: K) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return true;
        };
        let now = Instant::now();
        let (burst, rate) = (self.burst, self.per_second);
        if buckets.len() > 100_000 {
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = buckets.entry(key).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_stopped_for_that_participant_only() {
        let limiter = VoteLimiter::default();
        let allowed = (0..100).filter(|_| limiter.allow(1)).count();
        assert!((30..=32).contains(&allowed), "{allowed}");
        assert!(limiter.allow(2), "another participant is not slowed");
    }

    #[test]
    fn one_address_guessing_codes_is_stopped() {
        let limiter = PublicLimiter::default();
        let a: IpAddr = [10, 0, 0, 1].into();
        let allowed = (0..100).filter(|_| limiter.allow(a)).count();
        assert!((60..=61).contains(&allowed), "{allowed}");
        assert!(limiter.allow([10, 0, 0, 2].into()));
    }
}

//! Votes per participant: a token bucket each, so one phone flooding the server is refused
//! (429) without slowing anybody else.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// A burst of this many votes, then this many per second.
const BURST: f64 = 30.0;
const PER_SECOND: f64 = 5.0;

#[derive(Default)]
pub struct VoteLimiter {
    buckets: Mutex<HashMap<i64, (f64, Instant)>>,
}

impl VoteLimiter {
    pub fn allow(&self, participant: i64) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return true;
        };
        let now = Instant::now();
        if buckets.len() > 100_000 {
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * PER_SECOND < BURST
            });
        }
        let (tokens, at) = buckets.entry(participant).or_insert((BURST, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * PER_SECOND).min(BURST);
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
}

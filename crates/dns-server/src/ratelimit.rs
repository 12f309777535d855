//! Per-token rate limiting: a token bucket of N requests per second with a burst of N.
//!
//! It is off unless `serve --rate-limit N` is given, and exists so that clients (the
//! dashboard above all) can be tested against a real 429 with `Retry-After`. The buckets are
//! kept in memory and keyed by token, so a restart forgives everyone, which is fine for a
//! reference server.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::error::ApiError;

/// The buckets of every token that has made a request.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    buckets: Mutex<HashMap<i64, Bucket>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    /// Requests the token may still make at once; refills continuously.
    available: f64,
    updated: Instant,
}

impl RateLimiter {
    /// `per_second` must be at least 1.
    pub fn new(per_second: u32) -> Self {
        RateLimiter { per_second: f64::from(per_second.max(1)), buckets: Mutex::default() }
    }

    /// Spends one request of token `key`'s budget, or says when to try again.
    pub fn spend(&self, key: i64) -> Result<(), ApiError> {
        self.spend_at(key, Instant::now()).map_err(|wait| ApiError::RateLimited {
            // Retry-After counts whole seconds; rounding up never sends a client back early.
            retry_after: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
        })
    }

    fn spend_at(&self, key: i64, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let bucket =
            buckets.entry(key).or_insert(Bucket { available: self.per_second, updated: now });

        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.available = (bucket.available + elapsed * self.per_second).min(self.per_second);
        bucket.updated = now;

        if bucket.available >= 1.0 {
            bucket.available -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.available) / self.per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_n_passes_then_the_next_waits() {
        let limiter = RateLimiter::new(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.spend_at(1, start), Ok(()));
        }
        let wait = limiter.spend_at(1, start).expect_err("the fourth request is over budget");
        assert!(wait > Duration::ZERO && wait <= Duration::from_millis(334), "{wait:?}");
    }

    #[test]
    fn budgets_refill_with_time_and_are_per_token() {
        let limiter = RateLimiter::new(2);
        let start = Instant::now();
        assert!(limiter.spend_at(7, start).is_ok());
        assert!(limiter.spend_at(7, start).is_ok());
        assert!(limiter.spend_at(7, start).is_err());
        assert!(limiter.spend_at(8, start).is_ok(), "another token has its own bucket");
        assert!(limiter.spend_at(7, start + Duration::from_millis(500)).is_ok());
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        let limiter = RateLimiter::new(1);
        assert!(limiter.spend(1).is_ok());
        match limiter.spend(1) {
            Err(ApiError::RateLimited { retry_after }) => assert_eq!(retry_after, 1),
            other => panic!("expected a 429, got {other:?}"),
        }
    }
}

//! Hybrid logical clocks: one total order of every change made on every computer.
//!
//! A [`Stamp`] is the wall clock in milliseconds, a counter for changes within one
//! millisecond (or made while the wall clock is behind a stamp already seen), and the device
//! that made it. Stamps compare in that order, so two changes never tie, and a change made
//! after seeing another always has the larger stamp whatever the two computers' clocks say
//! (Kulkarni et al., "Logical Physical Clocks", 2014). Last-writer-wins merges compare stamps.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A computer's id: random, made once when the computer first opens the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DeviceId(pub u128);

impl DeviceId {
    /// A fresh random id.
    pub fn random() -> Self {
        DeviceId(rand::random())
    }
}

impl fmt::Display for DeviceId {
    /// The first eight hex digits: enough to tell a person's few computers apart in a message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", (self.0 >> 96) as u32)
    }
}

/// When and where a change was made, in the one order every computer agrees on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// Milliseconds since 1970 (the hybrid clock's physical part; never behind any stamp seen).
    pub wall_ms: i64,
    /// Orders changes that share `wall_ms`.
    pub counter: u32,
    /// The computer that made the change: breaks the last tie.
    pub device: DeviceId,
}

/// One computer's clock.
#[derive(Debug, Clone)]
pub struct Clock {
    device: DeviceId,
    wall_ms: i64,
    counter: u32,
}

impl Clock {
    /// A clock for `device` that has seen nothing yet.
    pub fn new(device: DeviceId) -> Self {
        Clock { device, wall_ms: i64::MIN, counter: 0 }
    }

    /// The device this clock stamps for.
    pub fn device(&self) -> DeviceId {
        self.device
    }

    /// A stamp for a new local change, later than every stamp made or seen so far, given the
    /// wall clock now. A wall clock that went backwards (or lags a stamp seen from another
    /// computer) only advances the counter.
    pub fn tick(&mut self, now_ms: i64) -> Stamp {
        if now_ms > self.wall_ms {
            self.wall_ms = now_ms;
            self.counter = 0;
        } else {
            // u32::MAX changes within one millisecond cannot happen on one computer; if the
            // counter ever ran out, moving the wall part on by one keeps the order strict.
            match self.counter.checked_add(1) {
                Some(c) => self.counter = c,
                None => {
                    self.wall_ms += 1;
                    self.counter = 0;
                }
            }
        }
        Stamp { wall_ms: self.wall_ms, counter: self.counter, device: self.device }
    }

    /// Takes note of a stamp made elsewhere, so that every later local stamp is larger.
    pub fn observe(&mut self, seen: Stamp) {
        if (seen.wall_ms, seen.counter) > (self.wall_ms, self.counter) {
            self.wall_ms = seen.wall_ms;
            self.counter = seen.counter;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_only_go_forward_even_when_the_wall_clock_goes_back() {
        let mut c = Clock::new(DeviceId(1));
        let a = c.tick(1_000);
        let b = c.tick(1_000);
        let d = c.tick(900);
        assert!(a < b && b < d, "{a:?} {b:?} {d:?}");
        assert_eq!((d.wall_ms, d.counter), (1_000, 2));
        assert_eq!(c.tick(1_001), Stamp { wall_ms: 1_001, counter: 0, device: DeviceId(1) });
    }

    #[test]
    fn a_change_made_after_seeing_another_is_later_whatever_the_clocks_say() {
        let mut ahead = Clock::new(DeviceId(2));
        let mut behind = Clock::new(DeviceId(1));
        let seen = ahead.tick(50_000);
        behind.observe(seen);
        let next = behind.tick(10_000);
        assert!(next > seen);
        assert_eq!(next.device, DeviceId(1));
    }

    #[test]
    fn equal_times_are_ordered_by_device() {
        let a = Clock::new(DeviceId(1)).tick(5);
        let b = Clock::new(DeviceId(2)).tick(5);
        assert!(a < b);
        assert_eq!(DeviceId(0xdead_beef_u128 << 96).to_string(), "deadbeef");
    }
}

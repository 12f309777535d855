//! The DNS dashboard.

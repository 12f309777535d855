//! Rules across the records of one zone: what a record may not stand beside.

use crate::{Field, RecordData};

/// How the API answers a violation: 409 `conflict` or 400 `validation_error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// 409: the change breaks a zone rule (CNAME at the apex or beside other data, data below
    /// a delegation).
    Conflict,
    /// 400: the same type, name and value are already in the zone.
    Duplicate,
}

/// A zone rule that a candidate record would break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneViolation {
    pub kind: ViolationKind,
    pub field: Field,
    pub message: String,
}

/// Checks `candidate` against the zone's other records. When a record is being replaced,
/// `existing` must not contain its old version.
pub fn check_zone_rules(existing: &[RecordData], candidate: &RecordData) -> Result<(), ZoneViolation> {
    let _ = (existing, candidate);
    Ok(())
}

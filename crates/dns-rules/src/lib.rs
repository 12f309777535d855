//! The rules of DNS that the dashboard and the reference server must agree on.
//!
//! Both sides compile this crate: the browser to check a form as the person types, the server
//! to decide what it stores. Keeping one copy of each rule is what makes "the form said it was
//! fine" and "the server accepted it" the same statement.
//!
//! The crate parses raw input into validated values ([`DomainName`], [`RecordData`]) rather than
//! checking strings and passing them on, so code that holds a `RecordData` knows it is in
//! stored form. Every failure is a [`RuleError`] naming the request [`Field`] at fault, which is
//! what lets the dashboard put a message under the right input.

pub mod api;
mod error;
pub mod import;
mod lookalike;
mod name;
mod record;
mod txt;
mod zone;
pub mod zonefile;
pub mod zoneread;

pub use error::{Field, Fragment, RuleArg, RuleError, fill_message, fragment};
pub use lookalike::check_lookalikes;
pub use name::{DomainName, OwnerName, to_unicode_display};
pub use record::{Priority, RecordData, RecordInput, RecordType, Ttl, validate_record};
pub use txt::{txt_from_input, txt_to_zone_strings, txt_zone_strings};
pub use zone::{ViolationKind, ZoneViolation, check_zone_integrity, check_zone_rules};

//! Records: the form that creates and edits them, and its state; what the record table shows
//! of them (filter and sort) and which of them are chosen.

mod draft;
mod form;
pub mod query;
mod remembered;
pub mod selection;
mod ttl;

pub use draft::{Advice, CAA_TAGS, DEFAULT_PRIORITY, DEFAULT_SRV_WEIGHT, Draft, changes, saved_as};
pub use form::RecordForm;
pub use remembered::{LAST_TYPE_KEY, remember_type, remembered_type};
pub use ttl::{TTL_PRESETS, Unit, ttl_in_words, ttl_parts};

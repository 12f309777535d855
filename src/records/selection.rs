//! Which records of the table are chosen for a bulk action, and how clicks change that.
//!
//! A plain type, so the rules (a shift-click takes the range from the last click, select-all
//! means every record the filter shows) are tested without a page.

use std::collections::HashSet;

/// The chosen records, by uuid, and the last one clicked without shift.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    chosen: HashSet<String>,
    anchor: Option<String>,
}

impl Selection {
    pub fn contains(&self, uuid: &str) -> bool {
        self.chosen.contains(uuid)
    }

    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// A click on the box of `uuid`, which turns it over. With shift, every record between
    /// the last click and this one in `shown` (the table's order) takes the clicked box's new
    /// state, as in a file manager; without a last click it is a plain click.
    pub fn click(&mut self, uuid: &str, shift: bool, shown: &[String]) {
        let on = !self.contains(uuid);
        let here = shown.iter().position(|u| u == uuid);
        let from = self.anchor.as_ref().and_then(|anchor| shown.iter().position(|u| u == anchor));

        match (shift, from, here) {
            (true, Some(from), Some(here)) => {
                let (low, high) = (from.min(here), from.max(here));
                for uuid in &shown[low..=high] {
                    self.set(uuid, on);
                }
            }
            _ => self.set(uuid, on),
        }
        self.anchor = Some(uuid.to_owned());
    }

    /// Chooses every record in `shown`, or, when all of them are chosen already, none of them.
    pub fn toggle_all(&mut self, shown: &[String]) {
        let all = !shown.is_empty() && shown.iter().all(|u| self.contains(u));
        for uuid in shown {
            self.set(uuid, !all);
        }
    }

    /// How many of `shown` are chosen.
    pub fn count_in(&self, shown: &[String]) -> usize {
        shown.iter().filter(|u| self.contains(u)).count()
    }

    /// Forgets records that are no longer there.
    pub fn retain(&mut self, exists: impl Fn(&str) -> bool) {
        self.chosen.retain(|u| exists(u));
        if self.anchor.as_deref().is_some_and(|a| !exists(a)) {
            self.anchor = None;
        }
    }

    pub fn clear(&mut self) {
        self.chosen.clear();
        self.anchor = None;
    }

    fn set(&mut self, uuid: &str, on: bool) {
        if on {
            self.chosen.insert(uuid.to_owned());
        } else {
            self.chosen.remove(uuid);
        }
    }
}

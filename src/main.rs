//! The browser entry point that Trunk builds.
//!
//! The same module serves the dashboard's own page and the pages that embed it: it starts the
//! dashboard by itself only on its own page (whose `<html>` is marked `dns-dashboard`); a
//! host page calls the mount API instead.

fn main() {
    if dns_dashboard::is_own_page() {
        dns_dashboard::start();
    }
}

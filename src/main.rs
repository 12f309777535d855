//! The browser entry point that Trunk builds.

fn main() {
    dns_dashboard::start();
}

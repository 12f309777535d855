//! `dns-server`: see `dns-server --help`, or the crate's `cli` module.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> =
        std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned()).collect();
    dns_server::cli::main(&args)
}

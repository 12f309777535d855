//! The command line: `serve`, and `token create` / `token revoke`.
//!
//! Scripts and tests outside the code drive the server through these verbs, so their shape
//! is part of the contract and does not change. The few flags are read by hand rather than
//! with an argument-parsing crate, which keeps the build small. Any mistake on the command
//! line prints the usage text to stderr and exits with status 2; a failure while running
//! (a port in use, an unwritable directory) exits with status 1.

use std::collections::HashMap;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dns_rules::DomainName;
use dns_rules::api::Permission;
use tracing_subscriber::EnvFilter;

use crate::auth::{generate_token, parse_permissions, permissions_to_text, token_hash};
use crate::clock::now_rfc3339;
use crate::{AppState, CommandTemplate, Settings, TemplateError, app, parse_origin, store};

pub const USAGE: &str = "\
Usage:
  dns-server serve --data-dir DIR [--listen ADDR] [--dashboard DIR]
                   [--nameservers NS,NS] [--hostmaster NAME] [--rate-limit N]
                   [--reload-command CMD] [--reconfig-command CMD]
                   [--cors-origin ORIGIN]... [--demo-pages DIR]
  dns-server token create --data-dir DIR --account NAME --permissions LIST
  dns-server token revoke --data-dir DIR        (reads the token from stdin)

serve         Serves the API under /api/v1/ and the dashboard at /.
  --listen      address and port, default 127.0.0.1:8080; port 0 picks a free one.
                Prints `listening on http://ADDR` on stdout once bound.
  --data-dir    holds dns.sqlite3, zones/<domain>.zone and zones/named-zones.conf (the
                zone list for BIND9's named.conf); created if missing.
  --dashboard   the built dashboard, default dist.
  --nameservers the provider's name servers, default ns1.vps.org,ns2.vps.org.
  --hostmaster  the SOA mailbox, default hostmaster.vps.org.
  --rate-limit  requests per second per token (burst N); off by default.
  --reload-command
                run after a zone's file changed, {zone} replaced by its domain, e.g.
                'rndc -c /etc/bind/rndc.conf reload {zone}'; none by default.
  --reconfig-command
                run after zones were created or deleted, before the new zone's reload, e.g.
                'rndc -c /etc/bind/rndc.conf reconfig'; none by default.
                Both are split on whitespace and run without a shell, one at a time in the
                order of the changes, after the change is saved; a failure is logged.
  --cors-origin lets pages of ORIGIN (https://app.example.com) call the API from a browser
                and load the dashboard's files; give it once per origin. None by default:
                then no answer carries a CORS header.
  --demo-pages  serves the .html, .js and .css files of DIR at /demo/<file>, without the
                dashboard's Content-Security-Policy; none by default.
                The log level comes from RUST_LOG, default info.
token create  Creates the account if it is new and prints a new token, alone, on stdout.
  --permissions comma-separated: dns:list, dns:create, dns:update, dns:delete; dns:* is all.
token revoke  Revokes the token given on stdin; requests with it get 401 invalid_token.
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Serve { listen: String, settings: Settings },
    TokenCreate { data_dir: PathBuf, account: String, permissions: Vec<Permission> },
    TokenRevoke { data_dir: PathBuf },
    Help,
}

/// A mistake on the command line, said in one sentence.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Runs the command line `args` (without the program name) and says how it went.
pub fn main(args: &[String]) -> ExitCode {
    let command = match parse(args) {
        Ok(command) => command,
        Err(UsageError(message)) => {
            eprintln!("dns-server: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let outcome = match command {
        Command::Help => {
            print!("{USAGE}");
            Ok(())
        }
        Command::Serve { listen, settings } => serve(&listen, &settings),
        Command::TokenCreate { data_dir, account, permissions } => {
            create_token(&data_dir, &account, &permissions)
        }
        Command::TokenRevoke { data_dir } => revoke_token(&data_dir),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dns-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `args` into a [`Command`].
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] => Err(usage("a command is required: serve or token")),
        ["-h" | "--help" | "help", ..] => Ok(Command::Help),
        // `serve --help`, `token create -h`: help wherever it is asked for.
        [.., "-h" | "--help"] => Ok(Command::Help),
        ["serve", rest @ ..] => parse_serve(rest),
        ["token", "create", rest @ ..] => parse_token_create(rest),
        ["token", "revoke", rest @ ..] => {
            let mut flags = Flags::read(rest, &["data-dir"])?;
            Ok(Command::TokenRevoke { data_dir: flags.required("data-dir")?.into() })
        }
        ["token", ..] => Err(usage("token needs a verb: create or revoke")),
        [other, ..] => Err(usage(&format!("unknown command {other:?}"))),
    }
}

fn parse_serve(args: &[&str]) -> Result<Command, UsageError> {
    let names = [
        "listen",
        "data-dir",
        "dashboard",
        "nameservers",
        "hostmaster",
        "rate-limit",
        "reload-command",
        "reconfig-command",
        "cors-origin",
        "demo-pages",
    ];
    let mut flags = Flags::read(args, &names)?;

    let mut settings = Settings::new(flags.required("data-dir")?);
    settings.dashboard = Some(flags.take("dashboard").unwrap_or_else(|| "dist".into()).into());
    if let Some(list) = flags.take("nameservers") {
        settings.nameservers = list
            .split(',')
            .map(|name| host_name("--nameservers", name))
            .collect::<Result<_, _>>()?;
    }
    if let Some(name) = flags.take("hostmaster") {
        settings.hostmaster = host_name("--hostmaster", &name)?;
    }
    if let Some(text) = flags.take("rate-limit") {
        let limit = text.parse::<u32>().ok().filter(|n| *n >= 1);
        settings.rate_limit = Some(limit.ok_or_else(|| {
            usage(&format!("--rate-limit takes a whole number of requests from 1, not {text:?}"))
        })?);
    }
    if let Some(text) = flags.take("reload-command") {
        let template = CommandTemplate::for_zone(&text);
        settings.reload_command = Some(template.map_err(|e| command_error("reload", &e))?);
    }
    if let Some(text) = flags.take("reconfig-command") {
        let template = CommandTemplate::for_all_zones(&text);
        settings.reconfig_command = Some(template.map_err(|e| command_error("reconfig", &e))?);
    }

    for text in flags.take_all("cors-origin") {
        let origin = parse_origin(&text).map_err(|e| usage(&format!("--cors-origin: {e}")))?;
        if !settings.cors_origins.contains(&origin) {
            settings.cors_origins.push(origin);
        }
    }
    settings.demo_pages = flags.take("demo-pages").map(PathBuf::from);

    let listen = flags.take("listen").unwrap_or_else(|| "127.0.0.1:8080".to_string());
    Ok(Command::Serve { listen, settings })
}

fn parse_token_create(args: &[&str]) -> Result<Command, UsageError> {
    let mut flags = Flags::read(args, &["data-dir", "account", "permissions"])?;
    let data_dir = flags.required("data-dir")?.into();

    let account = flags.required("account")?.trim().to_string();
    if account.is_empty() || account.chars().count() > 64 || account.contains(char::is_control) {
        return Err(usage("--account takes a name of 1 to 64 printable characters"));
    }

    let list = flags.required("permissions")?;
    let permissions = parse_permissions(&list).map_err(|entry| {
        usage(&format!(
            "unknown permission {entry:?}; use dns:list, dns:create, dns:update, dns:delete \
             or dns:*"
        ))
    })?;
    Ok(Command::TokenCreate { data_dir, account, permissions })
}

/// A provider name (name server or hostmaster) as zone files need it.
fn host_name(flag: &str, text: &str) -> Result<String, UsageError> {
    DomainName::parse(text)
        .map(|name| name.as_str().to_string())
        .map_err(|error| usage(&format!("{flag}: {text:?} is not a host name: {}", error.message)))
}

fn command_error(kind: &str, error: &TemplateError) -> UsageError {
    usage(&format!("--{kind}-command: {error}"))
}

fn usage(message: &str) -> UsageError {
    UsageError(message.to_string())
}

/// Flags that may be given more than once, each time adding a value.
const REPEATABLE: [&str; 1] = ["cors-origin"];

/// `--name value` and `--name=value` flags, each allowed once unless [`REPEATABLE`].
struct Flags(HashMap<String, Vec<String>>);

impl Flags {
    fn read(args: &[&str], known: &[&str]) -> Result<Flags, UsageError> {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let Some(flag) = arg.strip_prefix("--") else {
                return Err(usage(&format!("unexpected argument {arg:?}")));
            };
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name, value.to_string()),
                None => {
                    let value =
                        rest.next().ok_or_else(|| usage(&format!("--{flag} needs a value")))?;
                    (flag, value.to_string())
                }
            };
            if !known.contains(&name) {
                return Err(usage(&format!("unknown flag --{name}")));
            }
            let given = values.entry(name.to_string()).or_default();
            if !given.is_empty() && !REPEATABLE.contains(&name) {
                return Err(usage(&format!("--{name} is given twice")));
            }
            given.push(value);
        }
        Ok(Flags(values))
    }

    fn take(&mut self, name: &str) -> Option<String> {
        self.0.remove(name).and_then(|values| values.into_iter().next())
    }

    fn take_all(&mut self, name: &str) -> Vec<String> {
        self.0.remove(name).unwrap_or_default()
    }

    fn required(&mut self, name: &str) -> Result<String, UsageError> {
        self.take(name)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| usage(&format!("--{name} is required")))
    }
}

/// `serve`: opens the data, binds, says where, and serves until Ctrl-C or SIGTERM.
fn serve(listen: &str, settings: &Settings) -> Result<(), String> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .init();

    let state = AppState::open(settings).map_err(|e| format!("cannot open the data: {e}"))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let address = listener.local_addr().map_err(|e| format!("cannot listen: {e}"))?;

        // Tests and scripts wait for this line to learn the port, so it goes out at once.
        let mut stdout = io::stdout();
        let _ = writeln!(stdout, "listening on http://{address}");
        let _ = stdout.flush();

        let app = app(state.with_public_host(&address.to_string()));
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| format!("serving failed: {e}"))
    })
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// `token create`: prints the new token alone on stdout, so `$(dns-server token create …)`
/// captures exactly the token.
fn create_token(data_dir: &Path, account: &str, permissions: &[Permission]) -> Result<(), String> {
    let token = issue_token(data_dir, account, permissions)?;
    println!("{token}");
    Ok(())
}

/// Makes a token for `account` (created if new) with `permissions` in the database under
/// `data_dir`, and returns it; only its hash is stored.
pub fn issue_token(
    data_dir: &Path,
    account: &str,
    permissions: &[Permission],
) -> Result<String, String> {
    let mut connection = open_database(data_dir)?;
    let token = generate_token().map_err(|e| format!("no randomness from the OS: {e}"))?;

    let stored = (|| -> rusqlite::Result<()> {
        let tx = connection.transaction()?;
        let now = now_rfc3339();
        let account_id = store::ensure_account(&tx, account, &now)?;
        let hash = token_hash(&token);
        store::insert_token(&tx, account_id, &hash, &permissions_to_text(permissions), &now)?;
        tx.commit()
    })();
    stored.map_err(|e| format!("cannot store the token: {e}"))?;
    Ok(token)
}

/// `token revoke`: the token comes on stdin, so it never shows in a process list.
fn revoke_token(data_dir: &Path) -> Result<(), String> {
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read stdin: {e}"))?;
    let token = line.trim();
    if token.is_empty() {
        return Err("give the token to revoke on stdin".to_string());
    }

    let connection = open_database(data_dir)?;
    let revoked = store::revoke_token(&connection, &token_hash(token), &now_rfc3339())
        .map_err(|e| format!("cannot revoke the token: {e}"))?;
    if revoked { Ok(()) } else { Err("no such active token".to_string()) }
}

fn open_database(data_dir: &Path) -> Result<rusqlite::Connection, String> {
    let settings = Settings::new(data_dir);
    std::fs::create_dir_all(&settings.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", settings.data_dir.display()))?;
    let path = settings.database_path();
    store::open_connection(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    fn error(line: &str) -> String {
        match parse(&args(line)) {
            Err(UsageError(message)) => message,
            Ok(command) => panic!("{line:?} parsed as {command:?}"),
        }
    }

    #[test]
    fn help_is_given_wherever_it_is_asked_for() {
        for line in ["--help", "help", "serve --help", "token create -h", "serve --data-dir d -h"] {
            assert!(matches!(parse(&args(line)), Ok(Command::Help)), "{line:?}");
        }
        assert!(error("serve --data-dir").contains("data-dir"));
    }

    #[test]
    fn serve_reads_every_flag_in_both_spellings() {
        let line = "serve --listen=127.0.0.1:0 --data-dir d --dashboard ui \
                    --nameservers NS1.Example.net.,ns2.example.net --hostmaster hm.example.net \
                    --rate-limit 5";
        let mut words = args(line);
        words.extend(["--reload-command", "rndc -c r.conf reload {zone}"].map(String::from));
        words.push("--reconfig-command=rndc  -c r.conf reconfig".to_string());
        words.extend(
            ["--cors-origin", "https://App.example", "--cors-origin=http://127.0.0.1:9000/"]
                .map(String::from),
        );
        words.extend(
            ["--cors-origin", "https://app.example:443", "--demo-pages", "demo"].map(String::from),
        );
        let Ok(Command::Serve { listen, settings }) = parse(&words) else {
            panic!("serve did not parse");
        };
        assert_eq!(listen, "127.0.0.1:0");
        assert_eq!(settings.data_dir, PathBuf::from("d"));
        assert_eq!(settings.dashboard, Some(PathBuf::from("ui")));
        assert_eq!(settings.nameservers, ["ns1.example.net", "ns2.example.net"]);
        assert_eq!(settings.hostmaster, "hm.example.net");
        assert_eq!(settings.rate_limit, Some(5));
        let reload = settings.reload_command.expect("a reload command");
        assert_eq!(reload.argv(Some("a.example")), ["rndc", "-c", "r.conf", "reload", "a.example"]);
        let reconfig = settings.reconfig_command.expect("a reconfig command");
        assert_eq!(reconfig.argv(None), ["rndc", "-c", "r.conf", "reconfig"]);
        assert_eq!(settings.cors_origins, ["https://app.example", "http://127.0.0.1:9000"]);
        assert_eq!(settings.demo_pages, Some(PathBuf::from("demo")));
    }

    #[test]
    fn serve_defaults() {
        let Ok(Command::Serve { listen, settings }) = parse(&args("serve --data-dir d")) else {
            panic!("serve did not parse");
        };
        assert_eq!(listen, "127.0.0.1:8080");
        assert_eq!(settings.dashboard, Some(PathBuf::from("dist")));
        assert_eq!(settings.nameservers, ["ns1.vps.org", "ns2.vps.org"]);
        assert_eq!(settings.hostmaster, "hostmaster.vps.org");
        assert_eq!(settings.rate_limit, None);
        assert_eq!(settings.reload_command, None);
        assert_eq!(settings.reconfig_command, None);
        assert!(settings.cors_origins.is_empty());
        assert_eq!(settings.demo_pages, None);
    }

    #[test]
    fn token_create_reads_permissions() {
        let line = "token create --data-dir d --account demo --permissions dns:*";
        let Ok(Command::TokenCreate { account, permissions, .. }) = parse(&args(line)) else {
            panic!("token create did not parse");
        };
        assert_eq!(account, "demo");
        assert_eq!(permissions, Permission::ALL.to_vec());
    }

    #[test]
    fn mistakes_are_usage_errors_that_say_what_is_wrong() {
        let cases = [
            ("", "a command is required"),
            ("launch", "unknown command"),
            ("serve", "--data-dir is required"),
            ("serve --data-dir", "--data-dir needs a value"),
            ("serve --data-dir d --port 1", "unknown flag --port"),
            ("serve --data-dir d --data-dir e", "given twice"),
            ("serve --data-dir d extra", "unexpected argument"),
            ("serve --data-dir d --rate-limit 0", "--rate-limit"),
            ("serve --data-dir d --rate-limit x", "--rate-limit"),
            ("serve --data-dir d --nameservers ns1..x", "--nameservers"),
            ("serve --data-dir d --reload-command=", "--reload-command: the command is empty"),
            ("serve --data-dir d --reconfig-command=", "--reconfig-command: the command is"),
            ("serve --data-dir d --reconfig-command=x{zone}", "cannot name {zone}"),
            ("serve --data-dir d --cors-origin *", "--cors-origin: \"*\" is not an origin"),
            ("serve --data-dir d --cors-origin https://a.example/app", "no path"),
            ("serve --data-dir d --demo-pages a --demo-pages b", "--demo-pages is given twice"),
            ("token", "create or revoke"),
            ("token create --data-dir d --permissions dns:list", "--account is required"),
            ("token create --data-dir d --account a", "--permissions is required"),
            ("token create --data-dir d --account a --permissions dns:admin", "dns:admin"),
            ("token create --data-dir d --account a --permissions dns:list,", "unknown"),
        ];
        for (line, expected) in cases {
            let message = error(line);
            assert!(message.contains(expected), "{line:?} said {message:?}");
        }
    }
}

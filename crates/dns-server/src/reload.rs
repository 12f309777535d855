//! Telling a name server that a zone file or the zone list changed: `--reload-command` and
//! `--reconfig-command`.
//!
//! The zone files are the hand-over to the name server, but BIND9 does not watch them: it
//! loads a zone's file again when told to (`rndc reload <zone>`), and reads the list of zones
//! again when told to (`rndc reconfig`). The provider says how to tell it with two command
//! templates; this module runs them.
//!
//! The commands run on one background thread, in the order the changes were committed, after
//! the commit. A change is therefore never held up or undone by a slow or missing name server:
//! the database and the zone files are the truth, and the HTTP response says what they hold.
//! One thread keeps the commands in order, so a new zone's reconfig comes before its reload
//! and the last reload of a zone comes after its last change. Each command may take
//! [`COMMAND_TIMEOUT`] before it is killed, so one that hangs cannot stall the rest for long.
//!
//! A command is split on whitespace and run without a shell, and `{zone}` is replaced inside
//! a word after the split, so a domain can never become a second argument or shell syntax.

use std::fmt;
use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// How long one command may run before it is killed.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

/// What a [`CommandTemplate`] puts the zone's domain in place of.
const ZONE_PLACEHOLDER: &str = "{zone}";

/// How often a running command is checked for having finished.
const POLL_INTERVAL: Duration = Duration::from_millis(2);

/// A command line to run, split into words, with `{zone}` standing for a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandTemplate {
    words: Vec<String>,
}

/// Why a command template cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// The text holds no word at all.
    Empty,
    /// The template names `{zone}` where no zone is meant (the reconfig command).
    UnexpectedZone,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Empty => f.write_str("the command is empty"),
            TemplateError::UnexpectedZone => {
                f.write_str("this command concerns every zone, so it cannot name {zone}")
            }
        }
    }
}

impl std::error::Error for TemplateError {}

impl CommandTemplate {
    /// A command run for one zone; `{zone}` anywhere in it becomes the zone's domain.
    pub fn for_zone(text: &str) -> Result<Self, TemplateError> {
        let words: Vec<String> = text.split_whitespace().map(String::from).collect();
        if words.is_empty() {
            return Err(TemplateError::Empty);
        }
        Ok(CommandTemplate { words })
    }

    /// A command run for all zones at once, which therefore cannot name `{zone}`.
    pub fn for_all_zones(text: &str) -> Result<Self, TemplateError> {
        let template = CommandTemplate::for_zone(text)?;
        if template.words.iter().any(|word| word.contains(ZONE_PLACEHOLDER)) {
            return Err(TemplateError::UnexpectedZone);
        }
        Ok(template)
    }

    /// The program and its arguments, with `{zone}` replaced by `zone` when one is given.
    pub fn argv(&self, zone: Option<&str>) -> Vec<String> {
        self.words
            .iter()
            .map(|word| match zone {
                Some(zone) => word.replace(ZONE_PLACEHOLDER, zone),
                None => word.clone(),
            })
            .collect()
    }
}

/// What the name server must be told.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Signal {
    /// The zone list changed: zones were added or removed.
    Reconfig,
    /// The file of this zone changed.
    Reload(String),
}

/// The sending end of the command thread. Cloning is cheap; with no commands configured it
/// does nothing and no thread runs.
#[derive(Clone, Debug)]
pub struct Reloader {
    queue: Option<Sender<Signal>>,
}

impl Reloader {
    /// Starts the command thread if either command is given.
    pub fn start(
        reload: Option<CommandTemplate>,
        reconfig: Option<CommandTemplate>,
    ) -> std::io::Result<Self> {
        if reload.is_none() && reconfig.is_none() {
            return Ok(Reloader { queue: None });
        }

        let (queue, signals) = mpsc::channel();
        let commands = Commands { reload, reconfig };
        thread::Builder::new()
            .name("reload-commands".to_string())
            .spawn(move || commands.serve(&signals))?;
        Ok(Reloader { queue: Some(queue) })
    }

    /// The file of zone `domain` changed (call after the change is committed).
    pub fn zone_changed(&self, domain: &str) {
        self.send(Signal::Reload(domain.to_string()));
    }

    /// Zones were added or removed (call after the change is committed, and before the new
    /// zone's [`Reloader::zone_changed`]).
    pub fn zone_list_changed(&self) {
        self.send(Signal::Reconfig);
    }

    fn send(&self, signal: Signal) {
        // The thread only stops when every sender is gone, so a send cannot fail while
        // `self` lives; should it, the name server merely misses one change.
        if let Some(queue) = &self.queue {
            let _ = queue.send(signal);
        }
    }
}

/// The two templates, owned by the command thread.
struct Commands {
    reload: Option<CommandTemplate>,
    reconfig: Option<CommandTemplate>,
}

impl Commands {
    /// Runs the commands for every signal until the server stops.
    fn serve(&self, signals: &Receiver<Signal>) {
        while let Ok(first) = signals.recv() {
            // Signals that came in while the last command ran are taken together. Of two
            // equal signals in a row the first adds nothing: the second's change is already
            // on disk, so one run after both sees it.
            let mut batch = vec![first];
            batch.extend(signals.try_iter());
            batch.dedup();

            for signal in &batch {
                self.run(signal);
            }
        }
    }

    fn run(&self, signal: &Signal) {
        let (template, zone, kind) = match signal {
            Signal::Reconfig => (&self.reconfig, None, "reconfig"),
            Signal::Reload(domain) => (&self.reload, Some(domain.as_str()), "reload"),
        };
        let Some(template) = template else { return };

        let started = Instant::now();
        let argv = template.argv(zone);
        let zone = zone.unwrap_or("-");
        match run_command(&argv, COMMAND_TIMEOUT) {
            Ok(()) => {
                let elapsed_ms = started.elapsed().as_millis();
                tracing::debug!(kind, zone, elapsed_ms, "name server command done");
            }
            Err(failure) => {
                let program = argv.first().map_or("", String::as_str);
                tracing::warn!(kind, zone, program, %failure, "name server command failed");
            }
        }
    }
}

/// How a command went wrong.
#[derive(Debug)]
pub enum CommandFailure {
    /// It could not be started (no such program, not executable).
    Start(std::io::Error),
    /// It ran and exited unsuccessfully; `stderr` is the first line it wrote there.
    Exit { status: ExitStatus, stderr: String },
    /// It was still running after the timeout and was killed.
    TimedOut(Duration),
}

impl fmt::Display for CommandFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandFailure::Start(error) => write!(f, "cannot start it: {error}"),
            CommandFailure::Exit { status, stderr } if stderr.is_empty() => {
                write!(f, "{status}, nothing on stderr")
            }
            CommandFailure::Exit { status, stderr } => write!(f, "{status}: {stderr}"),
            CommandFailure::TimedOut(limit) => {
                write!(f, "still running after {} s, killed", limit.as_secs())
            }
        }
    }
}

impl std::error::Error for CommandFailure {}

/// Runs `argv` without a shell and waits up to `timeout` for it to succeed.
fn run_command(argv: &[String], timeout: Duration) -> Result<(), CommandFailure> {
    let (program, arguments) = argv
        .split_first()
        .ok_or_else(|| CommandFailure::Start(std::io::Error::other("an empty command line")))?;
    let mut child = Command::new(program)
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(CommandFailure::Start)?;

    // stderr is read on its own thread, so a command that writes a lot cannot block on a
    // full pipe while this one waits for it to exit.
    let reader = child.stderr.take().map(|mut stderr| {
        thread::spawn(move || {
            let mut text = Vec::new();
            let _ = stderr.read_to_end(&mut text);
            text
        })
    });

    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(POLL_INTERVAL),
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let stderr = reader.and_then(|reader| reader.join().ok()).unwrap_or_default();

    match status {
        None => Err(CommandFailure::TimedOut(timeout)),
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(CommandFailure::Exit { status, stderr: first_line(&stderr) }),
    }
}

/// The first non-empty line of `text`, trimmed, as text.
fn first_line(text: &[u8]) -> String {
    String::from_utf8_lossy(text)
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|word| word.to_string()).collect()
    }

    #[test]
    fn a_template_splits_on_whitespace_and_puts_the_zone_inside_words() {
        let template = CommandTemplate::for_zone("  rndc -c /etc/rndc.conf\treload {zone}  ")
            .expect("a template");
        assert_eq!(
            template.argv(Some("example.com")),
            words(&["rndc", "-c", "/etc/rndc.conf", "reload", "example.com"])
        );

        let template = CommandTemplate::for_zone("notify --zone={zone}.").expect("a template");
        assert_eq!(template.argv(Some("a.example")), words(&["notify", "--zone=a.example."]));
    }

    #[test]
    fn templates_that_cannot_be_used_are_refused() {
        assert_eq!(CommandTemplate::for_zone(" \t "), Err(TemplateError::Empty));
        assert_eq!(CommandTemplate::for_all_zones(""), Err(TemplateError::Empty));
        assert_eq!(
            CommandTemplate::for_all_zones("rndc reload {zone}"),
            Err(TemplateError::UnexpectedZone)
        );
        assert!(CommandTemplate::for_all_zones("rndc reconfig").is_ok());
    }

    #[test]
    fn a_zone_with_shell_syntax_stays_one_argument() {
        let template = CommandTemplate::for_zone("printf %s {zone}").expect("a template");
        let argv = template.argv(Some("$(touch x); y"));
        assert_eq!(argv, words(&["printf", "%s", "$(touch x); y"]));
    }

    #[test]
    fn a_successful_command_is_ok() {
        assert!(run_command(&words(&["true"]), COMMAND_TIMEOUT).is_ok());
    }

    #[test]
    fn a_failing_command_reports_its_status_and_first_line_of_stderr() {
        let script = "echo >&2; echo >&2 '  rndc: connection refused  '; echo >&2 more; exit 3";
        let argv = words(&["sh", "-c", script]);
        match run_command(&argv, COMMAND_TIMEOUT) {
            Err(CommandFailure::Exit { status, stderr }) => {
                assert_eq!(status.code(), Some(3));
                assert_eq!(stderr, "rndc: connection refused");
            }
            other => panic!("expected an exit failure, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_program_is_a_start_failure() {
        let argv = words(&["/nonexistent/rndc", "reload"]);
        assert!(matches!(run_command(&argv, COMMAND_TIMEOUT), Err(CommandFailure::Start(_))));
    }

    #[test]
    fn a_command_that_hangs_is_killed_at_the_timeout() {
        let started = Instant::now();
        let outcome = run_command(&words(&["sleep", "30"]), Duration::from_millis(200));
        assert!(matches!(outcome, Err(CommandFailure::TimedOut(_))), "{outcome:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn signals_run_in_the_order_they_were_sent() {
        use std::os::unix::fs::PermissionsExt;

        let dir = tempfile::tempdir().expect("a temporary directory");
        let log = dir.path().join("log");
        let script = dir.path().join("record");
        let text = format!("#!/bin/sh\necho \"$*\" >> '{}'\n", log.display());
        std::fs::write(&script, text).expect("the script is written");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("the script is executable");

        let program = script.display();
        let reload = CommandTemplate::for_zone(&format!("{program} reload {{zone}}"));
        let reconfig = CommandTemplate::for_all_zones(&format!("{program} reconfig"));
        let reloader = Reloader::start(reload.ok(), reconfig.ok()).expect("the thread starts");
        reloader.zone_list_changed();
        reloader.zone_changed("a.example");
        reloader.zone_changed("b.example");
        reloader.zone_list_changed();

        let expected = "reconfig\nreload a.example\nreload b.example\nreconfig\n";
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = String::new();
        while Instant::now() < deadline {
            seen = std::fs::read_to_string(&log).unwrap_or_default();
            if seen.len() >= expected.len() {
                break;
            }
            thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(seen, expected);
    }
}

//! A real BIND9 `named`, started on free loopback ports to serve the zones a test server
//! writes, and asked with `dig` what it serves.
//!
//! A zone file that `named-checkzone` accepts can still be served differently from what the
//! API says, or not reloaded after a change; only the name server itself shows what a
//! resolver would get. So each test that needs one starts its own `named`, configured as a
//! provider would configure theirs (see the server's README): the server's zone list
//! included, `check-names primary warn`, and an rndc key on a control port of its own.
//!
//! `named` runs in the foreground (`-g`) in a temporary directory, and is killed when the
//! [`Named`] is dropped. As root it keeps running as root without `-u`, which is what a test
//! needs: its files are root's too. It sends no NOTIFY and does no recursion, so it never
//! sends a packet beyond 127.0.0.1.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How long `named` may take to answer after it is started.
const STARTUP: Duration = Duration::from_secs(30);

/// How often a condition on `named`'s answers is checked again.
const POLL: Duration = Duration::from_millis(20);

/// How many times `named` is started on new ports when a port turns out to be taken.
const ATTEMPTS: usize = 5;

/// Ports handed out by this process, never handed out again, so that parallel tests
/// cannot pick the same one between finding it free and `named` binding it.
static TAKEN_PORTS: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());

/// Tells apart the `named` processes of one test run, through their `version` string.
static INSTANCES: AtomicU64 = AtomicU64::new(0);

/// A running `named`, killed when dropped.
pub struct Named {
    child: Child,
    port: u16,
    rndc: PathBuf,
    rndc_conf: PathBuf,
    log: PathBuf,
    /// Holds the configuration and the log; dropped after the child is killed, which
    /// `Drop` does first.
    _dir: tempfile::TempDir,
}

/// One `dig` answer: the response code, whether it is authoritative, and its answer section.
#[derive(Clone, Debug)]
pub struct Lookup {
    /// `NOERROR`, `NXDOMAIN`, `REFUSED`, ….
    pub status: String,
    /// Whether the AA flag is set.
    pub authoritative: bool,
    pub answers: Vec<Answer>,
}

/// One record of an answer section, as `dig` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub name: String,
    pub ttl: u32,
    pub record_type: String,
    pub data: String,
}

impl Lookup {
    /// The data of every answer, sorted, as `dig +short` would print it.
    pub fn data(&self) -> Vec<String> {
        let mut data: Vec<String> = self.answers.iter().map(|a| a.data.clone()).collect();
        data.sort();
        data
    }
}

impl Named {
    /// Starts `named` serving the zones listed in `zone_list`, a file that must exist (the
    /// server's `zones/named-zones.conf`), and waits until it answers.
    pub fn start(zone_list: &Path) -> Named {
        let named = tool("named");
        let rndc = tool("rndc");
        let dir = tempfile::tempdir().expect("a temporary directory for named");
        assert!(
            !dir.path().display().to_string().contains(char::is_whitespace),
            "the temporary directory {} has whitespace, which the reload command cannot hold",
            dir.path().display()
        );
        let key = make_key(dir.path());

        let mut failures = Vec::new();
        for _ in 0..ATTEMPTS {
            let port = free_port();
            let control_port = free_port();
            let number = INSTANCES.fetch_add(1, Ordering::Relaxed);
            let instance = format!("e2e-{}-{number}", std::process::id());
            let conf = Conf { dir: dir.path(), key: &key, port, control_port, zone_list, instance };
            let (conf_path, rndc_conf) = conf.write();

            let log = dir.path().join("named.log");
            let log_file = File::create(&log).expect("named's log file");
            let mut child = Command::new(&named)
                .args(["-g", "-n", "1", "-c"])
                .arg(&conf_path)
                .stdin(Stdio::null())
                .stdout(log_file.try_clone().expect("the log file twice"))
                .stderr(log_file)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", named.display()));

            let control = Control { rndc: rndc.clone(), conf: rndc_conf, port };
            match control.wait_until_ready(&mut child, &log, &conf.instance) {
                Ok(()) => {
                    let Control { rndc, conf: rndc_conf, port } = control;
                    return Named { child, port, rndc, rndc_conf, log, _dir: dir };
                }
                Err(reason) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let text = fs::read_to_string(&log).unwrap_or_default();
                    failures.push(format!("{reason}\n{text}"));
                }
            }
        }
        panic!("named did not start in {ATTEMPTS} attempts:\n{}", failures.join("\n---\n"));
    }

    /// The port `named` answers queries on, UDP and TCP, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's `--reload-command` for this `named`.
    pub fn reload_command(&self) -> String {
        format!("{} -c {} reload {{zone}}", self.rndc.display(), self.rndc_conf.display())
    }

    /// The server's `--reconfig-command` for this `named`.
    pub fn reconfig_command(&self) -> String {
        format!("{} -c {} reconfig", self.rndc.display(), self.rndc_conf.display())
    }

    /// What `named` logged so far.
    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_else(|e| format!("(no log: {e})"))
    }

    /// The data `named` answers for `name` and `record_type`, sorted; empty for no answer.
    pub fn query(&self, name: &str, record_type: &str) -> Vec<String> {
        self.lookup(name, record_type).data()
    }

    /// Asks `named` for `name` and `record_type`, without recursion; panics if `dig` gets
    /// no answer at all.
    pub fn lookup(&self, name: &str, record_type: &str) -> Lookup {
        self.try_lookup(name, record_type, "IN").unwrap_or_else(|reason| {
            panic!("dig {name} {record_type} failed: {reason}\nnamed's log:\n{}", self.log())
        })
    }

    /// Waits up to `timeout` until `named` answers exactly `expected` (in any order) for
    /// `name` and `record_type`; returns how long that took.
    pub fn wait_for_answer(
        &self,
        name: &str,
        record_type: &str,
        expected: &[&str],
        timeout: Duration,
    ) -> Duration {
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        let what = format!("{name} {record_type} to be {expected:?}");
        let (_, elapsed) =
            self.wait_for(name, record_type, timeout, &what, |lookup| lookup.data() == expected);
        elapsed
    }

    /// Waits up to `timeout` until `done` holds for `named`'s answer to `name` and
    /// `record_type`; returns that answer and how long it took. `what` names the wait in
    /// the panic that ends it.
    pub fn wait_for(
        &self,
        name: &str,
        record_type: &str,
        timeout: Duration,
        what: &str,
        done: impl Fn(&Lookup) -> bool,
    ) -> (Lookup, Duration) {
        let started = Instant::now();
        loop {
            let lookup = self.lookup(name, record_type);
            if done(&lookup) {
                return (lookup, started.elapsed());
            }
            if started.elapsed() > timeout {
                panic!(
                    "waited {timeout:?} for {what}; named last answered {lookup:?}\n\
                     named's log:\n{}",
                    self.log()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Every record `named` serves for `zone`, by a zone transfer (AXFR): the SOA first and
    /// last, as a transfer sends it. Panics if the transfer fails.
    pub fn transfer(&self, zone: &str) -> Vec<Answer> {
        let output = Command::new(tool("dig"))
            .args(["+time=2", "+tries=2", "+noall", "+answer"])
            .args(["@127.0.0.1", "-p", &self.port.to_string(), "-t", "AXFR", "-q", zone])
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run dig: {e}"));
        let text = String::from_utf8_lossy(&output.stdout);
        let answers: Vec<Answer> = text
            .lines()
            .filter(|line| !line.starts_with(';') && !line.trim().is_empty())
            .filter_map(parse_answer)
            .collect();
        assert!(
            answers.first().is_some_and(|a| a.record_type == "SOA"),
            "the transfer of {zone} failed: {text}\nnamed's log:\n{}",
            self.log()
        );
        answers
    }

    fn try_lookup(&self, name: &str, record_type: &str, class: &str) -> Result<Lookup, String> {
        dig(self.port, name, record_type, class)
    }
}

impl Drop for Named {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How to reach a `named` that is starting.
struct Control {
    rndc: PathBuf,
    conf: PathBuf,
    port: u16,
}

impl Control {
    /// Polls until this very `named` answers queries and rndc commands.
    fn wait_until_ready(
        &self,
        child: &mut Child,
        log: &Path,
        instance: &str,
    ) -> Result<(), String> {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!("named exited: {status}"));
            }
            // A taken port does not stop named, which would then answer nothing, or let
            // another process answer in its place.
            if fs::read_to_string(log).unwrap_or_default().contains("address in use") {
                return Err("a port was taken".to_string());
            }

            // Its `version` string shows that the answer comes from this named, and rndc
            // status with its own key that the control channel is its own.
            let version = format!("\"{instance}\"");
            let ours = dig(self.port, "version.bind", "TXT", "CH")
                .is_ok_and(|lookup| lookup.answers.iter().any(|answer| answer.data == version));
            if ours && self.rndc(&["status"]).is_ok() {
                return Ok(());
            }

            if started.elapsed() > STARTUP {
                return Err(format!("named did not answer within {STARTUP:?}"));
            }
            thread::sleep(POLL);
        }
    }

    /// Runs `rndc` against this `named`; its stderr when it fails.
    fn rndc(&self, args: &[&str]) -> Result<(), String> {
        let output = Command::new(&self.rndc)
            .arg("-c")
            .arg(&self.conf)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run rndc: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }
}

/// Asks the `named` on `port` with `dig`, without recursion; an error when no response came.
fn dig(port: u16, name: &str, record_type: &str, class: &str) -> Result<Lookup, String> {
    let output = Command::new(tool("dig"))
        .args(["+norecurse", "+time=1", "+tries=2", "+noall", "+comments", "+answer"])
        .args(["@127.0.0.1", "-p", &port.to_string(), "-c", class, "-t", record_type])
        .args(["-q", name])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run dig: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    parse_dig(&text).ok_or_else(|| format!("no response ({})", text.trim()))
}

/// What goes into `named.conf` and `rndc.conf`.
struct Conf<'a> {
    dir: &'a Path,
    key: &'a str,
    port: u16,
    control_port: u16,
    zone_list: &'a Path,
    instance: String,
}

impl Conf<'_> {
    /// Writes `named.conf`, `rndc.key` and `rndc.conf` into the directory; returns the paths
    /// of `named.conf` and `rndc.conf`.
    fn write(&self) -> (PathBuf, PathBuf) {
        let dir = self.dir.display();
        let key_path = self.dir.join("rndc.key");
        fs::write(&key_path, self.key).expect("rndc.key is written");

        let named_conf = format!(
            "include \"{key}\";\n\
             options {{\n\
             \tdirectory \"{dir}\";\n\
             \tlisten-on port {port} {{ 127.0.0.1; }};\n\
             \tlisten-on-v6 {{ none; }};\n\
             \trecursion no;\n\
             \tnotify no;\n\
             \tallow-transfer {{ 127.0.0.1; }};\n\
             \tcheck-names primary warn;\n\
             \tdnssec-validation no;\n\
             \tpid-file \"{dir}/named.pid\";\n\
             \tsession-keyfile \"{dir}/session.key\";\n\
             \tmanaged-keys-directory \"{dir}\";\n\
             \tversion \"{instance}\";\n\
             }};\n\
             controls {{\n\
             \tinet 127.0.0.1 port {control} allow {{ 127.0.0.1; }} keys {{ \"e2e-rndc\"; }};\n\
             }};\n\
             include \"{zone_list}\";\n",
            key = key_path.display(),
            port = self.port,
            control = self.control_port,
            instance = self.instance,
            zone_list = self.zone_list.display(),
        );
        let conf_path = self.dir.join("named.conf");
        fs::write(&conf_path, named_conf).expect("named.conf is written");

        let rndc_conf = format!(
            "include \"{key}\";\n\
             options {{ default-key \"e2e-rndc\"; default-server 127.0.0.1; \
             default-port {control}; }};\n",
            key = key_path.display(),
            control = self.control_port,
        );
        let rndc_path = self.dir.join("rndc.conf");
        fs::write(&rndc_path, rndc_conf).expect("rndc.conf is written");
        (conf_path, rndc_path)
    }
}

/// A new rndc key statement, made by BIND's own `tsig-keygen`.
fn make_key(dir: &Path) -> String {
    let output = Command::new(tool("tsig-keygen"))
        .args(["-a", "hmac-sha256", "e2e-rndc"])
        .current_dir(dir)
        .output()
        .expect("tsig-keygen runs");
    assert!(
        output.status.success(),
        "tsig-keygen failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A loopback port free for UDP and TCP just now, and not handed out before in this process.
fn free_port() -> u16 {
    loop {
        let udp = UdpSocket::bind("127.0.0.1:0").expect("a UDP socket on 127.0.0.1");
        let port = udp.local_addr().expect("the socket's address").port();
        if TcpListener::bind(("127.0.0.1", port)).is_err() {
            continue;
        }
        if TAKEN_PORTS.lock().unwrap_or_else(PoisonError::into_inner).insert(port) {
            return port;
        }
    }
}

/// A BIND tool on `PATH`, or in `/usr/sbin` or `/usr/bin` (often not on a user's `PATH`).
fn tool(name: &str) -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).map(|dir| dir.join(name)).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain(["/usr/sbin", "/usr/bin"].map(|dir| Path::new(dir).join(name)))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!("{name} is missing: install bind9 and bind9-dnsutils, or run scripts/setup test")
        })
}

/// Reads `dig +noall +comments +answer` output; `None` when it holds no response.
fn parse_dig(text: &str) -> Option<Lookup> {
    let header = text.lines().find(|line| line.contains("->>HEADER<<-"))?;
    let status = header.split("status: ").nth(1)?.split(',').next()?.trim().to_string();
    let flags = text.lines().find_map(|line| line.strip_prefix(";; flags:"))?;
    let authoritative = flags.split(';').next()?.split_whitespace().any(|flag| flag == "aa");

    let answers = text
        .lines()
        .filter(|line| !line.starts_with(';') && !line.trim().is_empty())
        .filter_map(parse_answer)
        .collect();
    Some(Lookup { status, authoritative, answers })
}

/// `name TTL CLASS TYPE data…`, keeping the data's own spacing.
fn parse_answer(line: &str) -> Option<Answer> {
    let mut rest = line.trim();
    let mut fields = Vec::new();
    for _ in 0..4 {
        let end = rest.find(char::is_whitespace)?;
        fields.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    Some(Answer {
        name: fields[0].to_string(),
        ttl: fields[1].parse().ok()?,
        record_type: fields[3].to_string(),
        data: rest.to_string(),
    })
}

/// The text of a TXT answer's data (`"a" "b\"c"`): its strings unquoted and joined, as the
/// record's value was given. `\"`, `\\` and `\DDD` are read back.
pub fn txt_text(data: &str) -> String {
    let mut text = Vec::new();
    let mut bytes = data.bytes().peekable();
    let mut quoted = false;
    while let Some(byte) = bytes.next() {
        match byte {
            b'"' => quoted = !quoted,
            b'\\' if quoted => {
                let digits: Vec<u8> =
                    std::iter::from_fn(|| bytes.next_if(u8::is_ascii_digit)).take(3).collect();
                if digits.len() == 3 {
                    let number = digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
                    text.push(u8::try_from(number).unwrap_or(b'?'));
                } else if let Some(next) = bytes.next() {
                    text.extend_from_slice(&digits);
                    text.push(next);
                }
            }
            _ if quoted => text.push(byte),
            _ => {}
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_digs_answer() {
        let text = ";; Got answer:\n\
            ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 5\n\
            ;; flags: qr aa; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n\
            \n\
            a.example.\t\t300\tIN\tTXT\t\"two  spaces\" \"x\"\n";
        let lookup = parse_dig(text).expect("a response");
        assert_eq!(lookup.status, "NOERROR");
        assert!(lookup.authoritative);
        assert_eq!(lookup.answers[0].ttl, 300);
        assert_eq!(lookup.answers[0].record_type, "TXT");
        assert_eq!(lookup.answers[0].data, "\"two  spaces\" \"x\"");
    }

    #[test]
    fn reads_a_refusal_without_answers() {
        let text = ";; ->>HEADER<<- opcode: QUERY, status: REFUSED, id: 5\n\
            ;; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n";
        let lookup = parse_dig(text).expect("a response");
        assert_eq!(lookup.status, "REFUSED");
        assert!(!lookup.authoritative);
        assert!(lookup.answers.is_empty());
        assert!(parse_dig(";; communications error: timed out\n").is_none());
    }

    #[test]
    fn reads_txt_strings_back() {
        assert_eq!(txt_text(r#""v=DKIM1; " "k=rsa""#), "v=DKIM1; k=rsa");
        assert_eq!(txt_text(r#""say \"hi\" \\ \195\169""#), "say \"hi\" \\ é");
    }
}

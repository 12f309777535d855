//! The server's zone files served for real: each test starts BIND9's `named` on loopback
//! ports, configured as the server's README tells a provider (the zone list included,
//! `check-names primary warn`, rndc), and a server whose `--reload-command` and
//! `--reconfig-command` drive it. Every change made through the API must then be what
//! `named` answers, within [`PATIENCE`].

use std::thread;
use std::time::{Duration, Instant};

use e2e::named::{Lookup, txt_text};
use e2e::{Named, TestServer, ZONE_LIST_FILE, check_zone_file};
use serde_json::{Value, json};

/// How long a change may take to be served. It takes milliseconds; the margin is for a
/// machine busy with other tests.
const PATIENCE: Duration = Duration::from_secs(10);

const ZONE: &str = "example.com";

/// A server wired to its own `named`, a token of account `alice`, and zone [`ZONE`], served.
fn served_zone() -> (TestServer, Named, String) {
    let (server, named) = TestServer::start_with_named(&[]);
    let token = server.token("alice", "dns:*");
    server.create_zone(&token, ZONE);
    let serial = file_serial(&server);
    named.wait_for(ZONE, "SOA", PATIENCE, "the new zone's SOA", |lookup| {
        lookup.authoritative && soa_serial(lookup) == Some(serial)
    });
    (server, named, token)
}

fn uuid_of(value: &Value) -> String {
    value["uuid"].as_str().unwrap_or_else(|| panic!("no uuid in {value}")).to_string()
}

/// The SOA serial in the zone file of [`ZONE`].
fn file_serial(server: &TestServer) -> u64 {
    let text = server.zone_file(ZONE);
    let soa = text.lines().find(|line| line.contains(" SOA ")).expect("an SOA line");
    let numbers = soa.split('(').nth(1).expect("the SOA's numbers in parentheses");
    numbers.split_whitespace().next().and_then(|s| s.parse().ok()).expect("a serial")
}

/// The serial of the SOA in `lookup`'s answer, if it has one.
fn soa_serial(lookup: &Lookup) -> Option<u64> {
    let soa = lookup.answers.iter().find(|answer| answer.record_type == "SOA")?;
    soa.data.split_whitespace().nth(2)?.parse().ok()
}

/// Waits until `named` serves the zone file's current serial; returns how long it took.
fn wait_for_file_serial(server: &TestServer, named: &Named) -> Duration {
    let serial = file_serial(server);
    let what = format!("{ZONE} to be served with serial {serial}");
    named.wait_for(ZONE, "SOA", PATIENCE, &what, |lookup| soa_serial(lookup) == Some(serial)).1
}

fn patch(server: &TestServer, token: &str, record: &Value, body: &Value) -> Value {
    let path = format!("/dns-records/{}/", uuid_of(record));
    let response = server.call("PATCH", &path, Some(token), Some(body));
    response.assert_status(200);
    response.json()
}

#[test]
fn a_created_zone_is_served_with_the_serial_of_its_file() {
    let (server, named) = TestServer::start_with_named(&[]);
    let token = server.token("alice", "dns:*");
    assert_eq!(named.lookup(ZONE, "SOA").status, "REFUSED", "named knew the zone already");

    let started = Instant::now();
    server.create_zone(&token, ZONE);
    let serial = file_serial(&server);
    let (lookup, elapsed) = named.wait_for(ZONE, "SOA", PATIENCE, "the zone's SOA", |lookup| {
        lookup.status == "NOERROR" && lookup.authoritative
    });
    eprintln!("a new zone was served {elapsed:?} after it was made ({:?} in all)", {
        started.elapsed()
    });

    assert_eq!(soa_serial(&lookup), Some(serial), "served {lookup:?}");
    assert_eq!(named.query(ZONE, "NS"), ["ns1.vps.org.", "ns2.vps.org."]);
    check_zone_file(&server.zone_file_path(ZONE));
}

#[test]
fn every_kind_of_record_is_served_as_created() {
    let (server, named, token) = served_zone();
    let dkim =
        format!("v=DKIM1; k=rsa; p={}", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9));
    let records = [
        json!({"record_type": "A", "name": "www", "value": "192.0.2.10"}),
        json!({"record_type": "MX", "name": "@", "value": "mail.example.com", "priority": 10}),
        json!({"record_type": "TXT", "name": "@", "value": "say \"hello\" to the world"}),
        json!({"record_type": "TXT", "name": "sel._domainkey", "value": dkim}),
        json!({"record_type": "SRV", "name": "_sip._tcp", "value": "5 5060 sip.example.com",
               "priority": 20}),
        json!({"record_type": "CAA", "name": "@", "value": "0 issue \"letsencrypt.org\""}),
        json!({"record_type": "TXT", "name": "_dmarc", "value": "v=DMARC1; p=none"}),
        // An underscore in an A record's owner is what `check-names primary warn` is for.
        json!({"record_type": "A", "name": "_internal", "value": "192.0.2.20"}),
    ];
    let started = Instant::now();
    for record in &records {
        server.create_record(&token, ZONE, record);
    }
    let elapsed = wait_for_file_serial(&server, &named);
    eprintln!("{} records were served {elapsed:?} after the last ({:?} in all)", records.len(), {
        started.elapsed()
    });

    assert_eq!(named.query("www.example.com", "A"), ["192.0.2.10"]);
    assert_eq!(named.query(ZONE, "MX"), ["10 mail.example.com."]);
    assert_eq!(named.query("_sip._tcp.example.com", "SRV"), ["20 5 5060 sip.example.com."]);
    assert_eq!(named.query(ZONE, "CAA"), ["0 issue \"letsencrypt.org\""]);
    assert_eq!(named.query("_internal.example.com", "A"), ["192.0.2.20"]);

    let text_of = |name: &str| -> Vec<String> {
        named.query(name, "TXT").iter().map(|data| txt_text(data)).collect()
    };
    assert_eq!(text_of(ZONE), ["say \"hello\" to the world"]);
    assert_eq!(text_of("sel._domainkey.example.com"), [dkim.as_str()]);
    assert_eq!(text_of("_dmarc.example.com"), ["v=DMARC1; p=none"]);
    check_zone_file(&server.zone_file_path(ZONE));
}

#[test]
fn a_changed_ttl_is_served() {
    let (server, named, token) = served_zone();
    let record = server.create_record(
        &token,
        ZONE,
        &json!({"record_type": "A", "name": "www", "value": "192.0.2.10", "ttl": 300}),
    );
    let ttl_of = |lookup: &Lookup| lookup.answers.first().map(|answer| answer.ttl);
    named.wait_for("www.example.com", "A", PATIENCE, "TTL 300", |l| ttl_of(l) == Some(300));

    patch(&server, &token, &record, &json!({"ttl": 7200}));

    let (lookup, _) =
        named.wait_for("www.example.com", "A", PATIENCE, "TTL 7200", |l| ttl_of(l) == Some(7200));
    assert_eq!(lookup.data(), ["192.0.2.10"]);
}

#[test]
fn a_deleted_record_is_no_longer_served() {
    let (server, named, token) = served_zone();
    let a = |name: &str, value: &str| json!({"record_type": "A", "name": name, "value": value});
    let www = server.create_record(&token, ZONE, &a("www", "192.0.2.10"));
    server.create_record(&token, ZONE, &json!({"record_type": "TXT", "name": "www", "value": "x"}));
    let old = server.create_record(&token, ZONE, &a("old", "192.0.2.11"));
    named.wait_for_answer("www.example.com", "A", &["192.0.2.10"], PATIENCE);
    named.wait_for_answer("old.example.com", "A", &["192.0.2.11"], PATIENCE);

    for record in [&www, &old] {
        let path = format!("/dns-records/{}/", uuid_of(record));
        server.call("DELETE", &path, Some(&token), None).assert_status(204);
    }
    wait_for_file_serial(&server, &named);

    // `www` keeps its TXT record: the name exists with no A record (NODATA).
    let www = named.lookup("www.example.com", "A");
    assert_eq!((www.status.as_str(), www.authoritative, www.answers.len()), ("NOERROR", true, 0));
    assert_eq!(named.query("www.example.com", "TXT"), ["\"x\""]);
    // `old` had only its A record: the name is gone.
    let old = named.lookup("old.example.com", "A");
    assert_eq!((old.status.as_str(), old.authoritative), ("NXDOMAIN", true), "{old:?}");
}

#[test]
fn a_deleted_zone_is_refused() {
    let (server, named, token) = served_zone();
    let uuid = server.zone_uuid(&token, ZONE);

    let path = format!("/dns-zones/{uuid}/");
    server.call("DELETE", &path, Some(&token), None).assert_status(204);

    named.wait_for(ZONE, "SOA", PATIENCE, "the deleted zone to be refused", |lookup| {
        lookup.status == "REFUSED" && !lookup.authoritative
    });
    let list = std::fs::read_to_string(server.data_dir().join("zones").join(ZONE_LIST_FILE))
        .expect("the zone list is there");
    assert!(!list.contains(ZONE), "the zone list still names {ZONE}:\n{list}");
    assert!(!server.zone_file_path(ZONE).exists(), "the zone file is still there");
}

#[test]
fn changes_within_one_second_are_all_served() {
    let (server, named, token) = served_zone();
    let a = |name: &str, value: &str| json!({"record_type": "A", "name": name, "value": value});

    // Changes back to back: each rewrites the file and asks for a reload while the last
    // reload may still be under way.
    let started = Instant::now();
    let record = server.create_record(&token, ZONE, &a("www", "192.0.2.1"));
    patch(&server, &token, &record, &json!({"value": "192.0.2.2"}));
    server.create_record(&token, ZONE, &a("second", "192.0.2.3"));
    let elapsed = started.elapsed();
    named.wait_for_answer("www.example.com", "A", &["192.0.2.2"], PATIENCE);
    named.wait_for_answer("second.example.com", "A", &["192.0.2.3"], PATIENCE);
    wait_for_file_serial(&server, &named);
    eprintln!("three changes took {elapsed:?}, and were all served");

    // A change made as soon as the last one is served: named has just loaded a file with
    // the last tick's time, and must still see the new file as newer.
    for round in 10..20 {
        let value = format!("192.0.2.{round}");
        patch(&server, &token, &record, &json!({ "value": value }));
        named.wait_for_answer("www.example.com", "A", &[&value], PATIENCE);
    }
    wait_for_file_serial(&server, &named);

    // Many changes at once from several clients: writes and reloads interleave, reloads
    // asked for while one runs are taken together, and the last state must be served.
    let records: Vec<Value> = (0..6)
        .map(|n| server.create_record(&token, ZONE, &a(&format!("host{n}"), "192.0.2.1")))
        .collect();
    thread::scope(|scope| {
        for record in &records {
            let (server, token) = (&server, &token);
            scope.spawn(move || {
                for round in 2..12 {
                    patch(server, token, record, &json!({ "value": format!("192.0.2.{round}") }));
                }
            });
        }
    });
    for n in 0..6 {
        named.wait_for_answer(&format!("host{n}.example.com"), "A", &["192.0.2.11"], PATIENCE);
    }
    wait_for_file_serial(&server, &named);
}

#[test]
fn a_second_zone_is_served_beside_the_first() {
    // The zone list is rewritten whole and named reconfigured: the first zone must stay.
    let (server, named, token) = served_zone();
    server.create_record(
        &token,
        ZONE,
        &json!({"record_type": "A", "name": "www", "value": "192.0.2.5"}),
    );
    named.wait_for_answer("www.example.com", "A", &["192.0.2.5"], PATIENCE);

    let second = server.create_zone(&token, "example.org");
    named.wait_for("example.org", "SOA", PATIENCE, "the second zone", |l| l.authoritative);
    assert_eq!(second["domain"], "example.org");
    named.wait_for_answer("www.example.com", "A", &["192.0.2.5"], PATIENCE);
}

#[test]
fn the_server_keeps_working_when_the_reload_command_fails() {
    let server = TestServer::start_with(&[
        "--reload-command",
        "/bin/false reload {zone}",
        "--reconfig-command",
        "/nonexistent/rndc reconfig",
    ]);
    let token = server.token("alice", "dns:*");

    server.create_zone(&token, ZONE);
    let record = server.create_record(
        &token,
        ZONE,
        &json!({"record_type": "A", "name": "www", "value": "192.0.2.99"}),
    );
    patch(&server, &token, &record, &json!({"ttl": 600}));
    server.call("GET", "/dns-zones/", Some(&token), None).assert_status(200);
    check_zone_file(&server.zone_file_path(ZONE));

    // Each failure is logged as a warning with its exit status or why it did not start.
    let started = Instant::now();
    let wanted = ["exit status: 1", "cannot start it", "zone=\"example.com\"", "kind=\"reconfig\""];
    let logs = loop {
        let logs = server.logs();
        let warnings: Vec<&str> = logs.lines().filter(|line| line.contains("WARN")).collect();
        if wanted.iter().all(|text| warnings.iter().any(|line| line.contains(text))) {
            break logs;
        }
        assert!(started.elapsed() < PATIENCE, "the failures were not logged as wanted:\n{logs}");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(!logs.contains("192.0.2.99"), "a record value reached the log:\n{logs}");
    assert!(!logs.contains(&token), "the token reached the log");
}

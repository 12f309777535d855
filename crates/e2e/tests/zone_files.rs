//! Zone files in and out through the dashboard, in Chromium, against the real server and a
//! real `named` serving its zones: import with a preview, export, a zone started from a
//! pasted file, and the `dig` command shown for a record.

use std::time::Duration;

use e2e::named::txt_text;
use e2e::webdriver::Browser;
use e2e::{Named, TestServer};

const ZONE: &str = "example.com";

/// How long a change may take to reach `named`.
const SERVED: Duration = Duration::from_secs(10);

/// A file as another host exports it: 20 records, one of them twice, and two bad lines.
const IMPORTED: &str = r#"; example.com, exported elsewhere
$ORIGIN example.com.
$TTL 1h
@       IN SOA ns1.other.example. admin.example.com. (
                2024010101 ; serial
                7200 3600 1209600 300 )
@       IN NS  ns1.other.example.
@       IN NS  ns2.other.example.
@               A     192.0.2.1
@               AAAA  2001:db8::1
www     300  IN A     192.0.2.2
www             AAAA  2001:db8::2
blog            CNAME www
shop    IN 600  CNAME shops.example.net.
@               MX 10 mail
@               MX 20 mail2.example.net.
mail            A     192.0.2.3
@               TXT   "v=spf1 mx -all"
_dmarc          TXT   "v=DMARC1; p=reject; rua=mailto:dmarc@example.com" ; not a comment
sel._domainkey  TXT   ( "v=DKIM1; k=rsa; "
                        "p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" )
_sip._tcp       SRV   10 5 5060 sip
sip             A     192.0.2.4
@               CAA   0 issue "letsencrypt.org"
@               CAA   0 iodef "mailto:security@example.com"
dev             NS    ns1.dev-host.example.net.
*.apps          A     192.0.2.5
ftp.example.com. A    192.0.2.6
                TXT   "served by \"ftp\""
www     300  IN A     192.0.2.2
bad             A     192.0.2.300
mx2             MX    mail.example.com.
"#;

/// What `named` must answer after the import: name, type, and the data as `dig` prints it.
const SERVED_RECORDS: [(&str, &str, &str); 19] = [
    ("example.com", "A", "192.0.2.1"),
    ("example.com", "AAAA", "2001:db8::1"),
    ("www.example.com", "A", "192.0.2.2"),
    ("www.example.com", "AAAA", "2001:db8::2"),
    ("blog.example.com", "CNAME", "www.example.com."),
    ("shop.example.com", "CNAME", "shops.example.net."),
    ("example.com", "MX", "10 mail.example.com."),
    ("example.com", "MX", "20 mail2.example.net."),
    ("mail.example.com", "A", "192.0.2.3"),
    ("_dmarc.example.com", "TXT", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"),
    (
        "sel._domainkey.example.com",
        "TXT",
        "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
    ),
    ("_sip._tcp.example.com", "SRV", "10 5 5060 sip.example.com."),
    ("sip.example.com", "A", "192.0.2.4"),
    ("example.com", "CAA", "0 issue \"letsencrypt.org\""),
    ("example.com", "CAA", "0 iodef \"mailto:security@example.com\""),
    ("x.apps.example.com", "A", "192.0.2.5"),
    ("ftp.example.com", "A", "192.0.2.6"),
    ("ftp.example.com", "TXT", "served by \"ftp\""),
    ("example.com", "TXT", "v=spf1 mx -all"),
];

/// The 1-based number of the first line of `file` that starts with `start`.
fn line_of(file: &str, start: &str) -> usize {
    let index = file.lines().position(|line| line.starts_with(start));
    index.unwrap_or_else(|| panic!("no line starts with {start:?}")) + 1
}

/// Opens the dashboard and saves `token` on the token page.
fn sign_in(browser: &Browser, server: &TestServer, token: &str) {
    browser.goto(&format!("{}/", server.base_url()));
    let input = browser.wait_for("#token-input");
    browser.type_text(&input, token);
    browser.click(&browser.wait_for("form button[type='submit']"));
    browser.wait_for("#new-zone-domain");
}

/// Puts `text` into a text area at once, as a paste does, and lets the page see the input.
fn paste(browser: &Browser, css: &str, text: &str) {
    let area = browser.wait_for(css);
    let script = "arguments[0].value = arguments[1]; \
                  arguments[0].dispatchEvent(new Event('input', { bubbles: true }));";
    browser.execute(script, serde_json::json!([area.as_arg(), text]));
}

/// Whether `named` answers `data` among the answers for `name` and `record_type`.
fn wait_served(named: &Named, name: &str, record_type: &str, data: &str) {
    let what = format!("{name} {record_type} {data}");
    named.wait_for(name, record_type, SERVED, &what, |lookup| {
        lookup.authoritative
            && lookup.answers.iter().any(|answer| {
                let shown =
                    if record_type == "TXT" { txt_text(&answer.data) } else { answer.data.clone() };
                shown == data
            })
    });
}

#[test]
fn a_zone_file_is_previewed_then_imported_record_by_record_and_served() {
    let (server, named) = TestServer::start_with_named(&[]);
    let token = server.token("alice", "dns:*");
    let uuid = server.create_zone(&token, ZONE)["uuid"].as_str().unwrap_or_default().to_owned();
    let browser = Browser::start();
    sign_in(&browser, &server, &token);
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));

    // The file goes in; nothing is written before the preview.
    browser.click(&browser.wait_for_text("button", "Import zone file"));
    paste(&browser, "#import-text", IMPORTED);
    browser.click(&browser.wait_for_text("button", "Preview import"));
    let summary = browser.wait_for(".import-summary");
    assert_eq!(
        browser.text(&summary),
        "20 new, 0 already in the zone, 1 repeated in the file, 0 in conflict, 3 skipped, \
         2 could not be read."
    );
    assert_eq!(record_count(&server, &token, &uuid), 0, "nothing is written before applying");

    // The repeated line names the first; each bad line is listed with its number and why.
    let www = line_of(IMPORTED, "www     300");
    let lines: Vec<&str> = IMPORTED.lines().collect();
    let repeat = lines.iter().rposition(|line| line.starts_with("www     300")).unwrap_or(0) + 1;
    let repeated = browser.wait_for(&format!(".verdict-repeated[data-line='{repeat}']"));
    assert!(browser.text(&repeated).contains(&format!("Repeats line {www}")));
    let bad = browser.text(
        &browser
            .wait_for(&format!(".import-unreadable li[data-line='{}']", line_of(IMPORTED, "bad "))),
    );
    assert!(bad.contains("192.0.2.300"), "{bad}");
    let mx = browser.text(
        &browser
            .wait_for(&format!(".import-unreadable li[data-line='{}']", line_of(IMPORTED, "mx2 "))),
    );
    assert!(mx.contains("mail.example.com."), "{mx}");
    let soa = line_of(IMPORTED, "@       IN SOA");
    let soa = browser.text(&browser.wait_for(&format!(".import-provider li[data-line='{soa}']")));
    assert!(soa.contains("SOA"), "{soa}");
    assert_eq!(browser.find_all(".import-records tbody tr").len(), 21);

    // Applying creates the 20 chosen records and says so.
    browser.click(&browser.wait_for_text("button", "Create 20 records"));
    browser.wait_for_text(".import-result", "Created 20 of 20 records.");
    assert_eq!(browser.find_all(".import-outcomes .outcome-created").len(), 20);
    assert_eq!(browser.find_all("tr[data-record]").len(), 20);

    assert_eq!(record_count(&server, &token, &uuid), 20);
    e2e::check_zone_file(&server.zone_file_path(ZONE));

    // named serves every one of them: the delegation as a referral, the rest as answers.
    for (name, record_type, data) in SERVED_RECORDS {
        wait_served(&named, name, record_type, data);
    }
    let transfer = named.transfer(ZONE);
    assert!(
        transfer.iter().any(|a| a.name == "dev.example.com."
            && a.record_type == "NS"
            && a.data == "ns1.dev-host.example.net."),
        "{transfer:?}"
    );
    // Besides the 20: the SOA, which opens and closes a transfer, and the provider's 2 NS.
    assert_eq!(transfer.len(), 20 + 4, "{transfer:#?}");
}

/// How many records the API holds for the zone `uuid`.
fn record_count(server: &TestServer, token: &str, uuid: &str) -> usize {
    let path = format!("/dns-zones/{uuid}/records/");
    let response = server.call("GET", &path, Some(token), None);
    response.assert_status(200);
    let body = response.json();
    let list = body.get("results").unwrap_or(&body);
    list.as_array().map_or(0, Vec::len)
}

/// Every record type, with text that zone-file syntax would read differently if it were
/// written carelessly.
const EVERY_TYPE: [&str; 10] = [
    r#"{"record_type": "A", "name": "@", "value": "192.0.2.1"}"#,
    r#"{"record_type": "AAAA", "name": "www", "value": "2001:DB8:0:0::1", "ttl": 300}"#,
    r#"{"record_type": "CNAME", "name": "blog", "value": "www.example.com"}"#,
    r#"{"record_type": "MX", "name": "@", "value": "mail.example.net", "priority": 0}"#,
    r#"{"record_type": "NS", "name": "dev", "value": "ns1.example.net"}"#,
    r#"{"record_type": "SRV", "name": "_sip._tcp", "value": "5 5060 sip.example.net",
        "priority": 10}"#,
    r#"{"record_type": "SRV", "name": "_imap._tcp", "value": "0 0 .", "priority": 0}"#,
    r#"{"record_type": "CAA", "name": "@", "value": "0 issue \"letsencrypt.org\""}"#,
    r#"{"record_type": "TXT", "name": "_note",
        "value": "a \"quoted\" word; a (paren) and \\ back ☃"}"#,
    r#"{"record_type": "TXT", "name": "@", "value": "\"v=spf1 -all\""}"#,
];

/// The record lines of an exported file: everything after the provider's lines, sorted.
fn record_lines(file: &str) -> Vec<String> {
    let mut lines: Vec<String> = file
        .lines()
        .filter(|line| !line.starts_with([';', '$']))
        .filter(|line| !line.contains(" SOA ") && !line.contains(" IN NS ns1.vps.org."))
        .filter(|line| !line.contains(" IN NS ns2.vps.org."))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn an_exported_zone_imported_into_an_empty_zone_exports_the_same() {
    let server = TestServer::start();
    let token = server.token("alice", "dns:*");
    server.create_zone(&token, ZONE);
    for body in EVERY_TYPE {
        let body: serde_json::Value = serde_json::from_str(body).expect(body);
        server.create_record(&token, ZONE, &body);
    }
    let browser = Browser::start();
    sign_in(&browser, &server, &token);

    // Export: the file the browser saves loads in named-checkzone as it is.
    let uuid = server.zone_uuid(&token, ZONE);
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));
    browser.wait_for_text(".count", "10 records");
    browser.click(&browser.wait_for_text("button", "Export"));
    let exported = browser.take_download("example.com.zone");
    let saved = tempfile::tempdir().expect("a directory for the export");
    let path = saved.path().join("example.com.zone");
    std::fs::write(&path, &exported).expect("the export is saved");
    e2e::check_zone_file(&path);
    assert_eq!(record_lines(&exported).len(), 10, "{exported}");

    // Into an empty zone of the same name, through the upload input.
    server.call("DELETE", &format!("/dns-zones/{uuid}/"), Some(&token), None).assert_status(204);
    let uuid = server.create_zone(&token, ZONE)["uuid"].as_str().unwrap_or_default().to_owned();
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));
    browser.click(&browser.wait_for_text("button", "Import zone file"));
    browser.type_text(&browser.wait_for("#import-upload"), &path.display().to_string());
    browser.wait_until("the uploaded file in the text area", || {
        let area = browser.wait_for("#import-text");
        browser.property(&area, "value").contains("$ORIGIN example.com.").then_some(())
    });
    browser.click(&browser.wait_for_text("button", "Preview import"));
    browser.wait_for_text(".import-summary", "10 new, 0 already in the zone");
    browser.click(&browser.wait_for_text("button", "Create 10 records"));
    browser.wait_for_text(".import-result", "Created 10 of 10 records.");

    // Exported again: the same records, line for line.
    browser.click(&browser.wait_for_text("button", "Close"));
    browser.click(&browser.wait_for_text("button", "Export"));
    let again = browser.take_download("example.com.zone");
    assert_eq!(record_lines(&again), record_lines(&exported));
}

#[test]
fn a_zone_created_from_a_pasted_file_opens_with_its_preview() {
    let server = TestServer::start();
    let token = server.token("alice", "dns:*");
    let browser = Browser::start();
    sign_in(&browser, &server, &token);

    // The domain comes from the file's $ORIGIN when none was typed.
    browser.click(&browser.wait_for_text("summary", "Start from a zone file"));
    let file = "$ORIGIN shop.example.\n@ 300 IN A 192.0.2.10\nwww CNAME @\n";
    paste(&browser, "#new-zone-file", file);
    let domain = browser.wait_for("#new-zone-domain");
    assert_eq!(browser.property(&domain, "value"), "shop.example");
    browser.click(&browser.wait_for_text("button", "Create zone"));

    browser.wait_for_text("h1", "shop.example");
    browser.wait_for_text(".import-summary", "2 new, 0 already in the zone");
    assert_eq!(browser.find_all("tr[data-record]").len(), 0, "nothing before applying");
    browser.click(&browser.wait_for_text("button", "Create 2 records"));
    browser.wait_for_text(".import-result", "Created 2 of 2 records.");
    assert_eq!(browser.find_all("tr[data-record]").len(), 2);
    let zone_file = server.zone_file("shop.example");
    // No TTL on the second line and no $TTL: the last one given holds (RFC 1035 §5.1).
    assert!(zone_file.contains("www 300 IN CNAME shop.example."), "{zone_file}");
}

#[test]
fn each_record_offers_a_dig_command_that_named_answers() {
    // The dashboard names the server's own name servers, which the server puts in its page.
    let (server, named) =
        TestServer::start_with_named(&["--nameservers", "ns1.example.net,ns2.example.net"]);
    let token = server.token("alice", "dns:*");
    server.create_zone(&token, ZONE);
    let body = serde_json::json!({"record_type": "MX", "name": "@", "value": "mail.example.net",
        "priority": 10});
    server.create_record(&token, ZONE, &body);
    let body = serde_json::json!({"record_type": "A", "name": "*.apps", "value": "192.0.2.7"});
    server.create_record(&token, ZONE, &body);
    let browser = Browser::start();
    sign_in(&browser, &server, &token);
    let uuid = server.zone_uuid(&token, ZONE);
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));

    browser.wait_for_text(".count", "2 records");
    let digs = browser.find_all("tr[data-record] td.actions button:last-child");
    assert_eq!(digs.len(), 2);
    for button in &digs {
        browser.click(button);
    }
    let commands = browser.wait_until("both dig commands", || {
        let shown: Vec<String> =
            browser.find_all("code.dig").iter().map(|c| browser.text(c)).collect();
        (shown.len() == 2).then_some(shown)
    });

    for (expected, answer) in [
        ("dig @ns1.example.net example.com. MX +norecurse", "10 mail.example.net."),
        ("dig @ns1.example.net '*.apps.example.com.' A +norecurse", "192.0.2.7"),
    ] {
        assert!(commands.iter().any(|c| c == expected), "{expected} in {commands:?}");

        // The command, run against the test's named instead of the provider's, is answered.
        let local =
            expected.replace("@ns1.example.net", &format!("@127.0.0.1 -p {}", named.port()));
        let output = std::process::Command::new("sh")
            .args(["-c", &format!("{local} +short")])
            .output()
            .expect("dig runs");
        let printed = String::from_utf8_lossy(&output.stdout);
        assert!(printed.lines().any(|line| line == answer), "{local}: {printed}");
    }
}

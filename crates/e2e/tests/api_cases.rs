//! Every case of `shared/cases/records.json`, against the real server over HTTP.
//!
//! Each case gets a fresh server and zone: the zone is created, the case's `before` records
//! are added, then its `request` is sent (or its `patch` applied to the last `before`
//! record). The answer must have the expected status and `field`; an accepted record must
//! show the expected stored fields both in the answer and when read back, must survive being
//! saved again unchanged, and the zone file must pass `named-checkzone` after every case.
//! A refused request must leave the zone as it was.
//!
//! One test per case, named after it, so a failure names the case; `every_case_has_a_test`
//! makes sure a case added to the file gets its test.

use std::collections::BTreeSet;

use e2e::{TestServer, check_zone_file};
use serde_json::{Map, Value, json};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/cases/records.json");

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(CASES).unwrap_or_else(|e| {
        panic!("{CASES} is missing ({e}): the cases live in shared/ beside the repository")
    });
    let cases: Value = serde_json::from_str(&text).expect("records.json is JSON");
    cases.as_array().expect("records.json is an array of cases").clone()
}

fn case(id: &str) -> Value {
    cases()
        .into_iter()
        .find(|case| case["id"] == id)
        .unwrap_or_else(|| panic!("records.json has no case {id:?}"))
}

/// Runs case `id` on a fresh server, panicking with the case and the answer on any miss.
fn check(id: &str) {
    let case = case(id);
    let expect = &case["expect"];
    let server = TestServer::start();
    let token = server.token("cases", "dns:*");

    let zone_name = case["zone"].as_str().expect("a case names its zone");
    let zone = server.create_zone(&token, zone_name);
    let zone_uuid = zone["uuid"].as_str().expect("a zone has a uuid").to_string();
    let domain = zone["domain"].as_str().expect("a zone has a domain").to_string();
    if let Some(stored_as) = case.get("zone_stored_as") {
        assert_eq!(zone["domain"], *stored_as, "{id}: the zone's stored domain");
        let listed = server.call("GET", "/dns-zones/", Some(&token), None).json();
        assert_eq!(listed[0]["domain"], *stored_as, "{id}: the listed domain");
    }

    let records_path = format!("/dns-zones/{zone_uuid}/records/");
    let mut last_before = None;
    for before in case["before"].as_array().into_iter().flatten() {
        let response = server.call("POST", &records_path, Some(&token), Some(before));
        assert_eq!(response.status, 201, "{id}: before record {before}: {}", response.text());
        last_before = Some(response.json());
    }
    let count_before = case["before"].as_array().map_or(0, Vec::len);

    let response = if let Some(request) = case.get("request") {
        server.call("POST", &records_path, Some(&token), Some(request))
    } else {
        let patch = case.get("patch").expect("a case has a request or a patch");
        let target = last_before.as_ref().expect("a patch case has a before record");
        let path = format!("/dns-records/{}/", target["uuid"].as_str().expect("uuid"));
        server.call("PATCH", &path, Some(&token), Some(patch))
    };

    let status = expect["status"].as_u64().expect("a case expects a status");
    assert_eq!(u64::from(response.status), status, "{id}: status; answer: {}", response.text());
    let body = response.json();

    if status >= 400 {
        let code = if status == 409 { "conflict" } else { "validation_error" };
        response.assert_error(response.status, code);
        if let Some(field) = expect.get("field") {
            assert_eq!(body["field"], *field, "{id}: the field at fault; answer: {body}");
        }
        let records = server.call("GET", &records_path, Some(&token), None).json();
        assert_eq!(
            records.as_array().map(Vec::len),
            Some(count_before),
            "{id}: a refused request stores nothing: {records}"
        );
    } else {
        let stored = expect["stored"].as_object().cloned().unwrap_or_default();
        assert_fields(id, "the answer", &body, &stored);
        assert_eq!(body["zone"], zone_uuid.as_str(), "{id}: the record names its zone");

        let record_path = format!("/dns-records/{}/", body["uuid"].as_str().expect("uuid"));
        let read_back = server.call("GET", &record_path, Some(&token), None);
        read_back.assert_status(200);
        assert_fields(id, "a fresh GET", &read_back.json(), &stored);

        // Saving the record again as it was read must change nothing: no added quotes, no
        // name made relative twice, no lost priority.
        let again = json!({
            "record_type": body["record_type"],
            "name": body["name"],
            "value": body["value"],
            "ttl": body["ttl"],
            "priority": body["priority"],
        });
        let saved = server.call("PUT", &record_path, Some(&token), Some(&again));
        assert_eq!(saved.status, 200, "{id}: saving it again: {}", saved.text());
        for field in ["record_type", "name", "value", "ttl", "priority"] {
            assert_eq!(saved.json()[field], body[field], "{id}: {field} after saving again");
        }
    }

    check_zone_file(&server.zone_file_path(&domain));
}

fn assert_fields(id: &str, source: &str, record: &Value, expected: &Map<String, Value>) {
    for (field, value) in expected {
        assert_eq!(record[field], *value, "{id}: {field} in {source}: {record}");
    }
}

macro_rules! case_tests {
    ($($test:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($id);
            }
        )*

        const TESTED: &[&str] = &[$($id),*];
    };
}

case_tests! {
    txt_quoted_once => "txt-quoted-once",
    txt_dkim_long => "txt-dkim-long",
    txt_dmarc_semicolons => "txt-dmarc-semicolons",
    txt_spaces_kept => "txt-spaces-kept",
    caa_curly_quotes => "caa-curly-quotes",
    spf_en_dash => "spf-en-dash",
    idn_zone => "idn-zone",
    apex_at => "apex-at",
    fqdn_name_made_relative => "fqdn-name-made-relative",
    name_outside_zone => "name-outside-zone",
    underscore_cname => "underscore-cname",
    cname_target_absolute => "cname-target-absolute",
    srv_no_service => "srv-no-service",
    mx_priority_zero => "mx-priority-zero",
    mx_priority_missing => "mx-priority-missing",
    caa_single_quotes => "caa-single-quotes",
    cname_at_apex => "cname-at-apex",
    cname_beside_a => "cname-beside-a",
    aaaa_canonical => "aaaa-canonical",
    patch_keeps_ttl => "patch-keeps-ttl",
    duplicate_record => "duplicate-record",
    priority_on_a => "priority-on-a",
    ttl_too_small => "ttl-too-small",
}

#[test]
fn every_case_has_a_test() {
    let in_file: BTreeSet<String> = cases()
        .iter()
        .map(|case| case["id"].as_str().expect("a case has an id").to_string())
        .collect();
    let tested: BTreeSet<String> = TESTED.iter().map(|id| id.to_string()).collect();
    let untested: Vec<_> = in_file.difference(&tested).collect();
    let stale: Vec<_> = tested.difference(&in_file).collect();
    assert!(untested.is_empty(), "cases without a test: {untested:?}");
    assert!(stale.is_empty(), "tests of cases no longer in the file: {stale:?}");
}

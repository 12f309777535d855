//! The points of `shared/api-contract.md` beyond the record rules, each pinned against the
//! real server over HTTP: authentication, permissions, accounts, paths, pagination, ETags,
//! limits, error shapes, deployment, the command line and the log.

use std::collections::BTreeSet;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use e2e::client::send;
use e2e::{TestServer, check_zone_file, server_binary};
use serde_json::{Value, json};

/// A server and an all-powerful token of account `alice`.
fn server_and_token() -> (TestServer, String) {
    let server = TestServer::start();
    let token = server.token("alice", "dns:*");
    (server, token)
}

fn uuid_of(value: &Value) -> String {
    value["uuid"].as_str().unwrap_or_else(|| panic!("no uuid in {value}")).to_string()
}

fn a_record(name: &str, address: &str) -> Value {
    json!({"record_type": "A", "name": name, "value": address})
}

/// The SOA serial of a zone file.
fn serial(zone_file: &str) -> u64 {
    let soa = zone_file.lines().find(|line| line.contains(" SOA ")).expect("an SOA line");
    let after = soa.split('(').nth(1).expect("the SOA's numbers in parentheses");
    after.split_whitespace().next().and_then(|s| s.parse().ok()).expect("a serial")
}

// Authentication and permissions.

#[test]
fn a_request_without_authorization_is_401_not_authenticated() {
    let server = TestServer::start();
    for (method, path) in
        [("GET", "/dns-zones/"), ("POST", "/dns-zones/"), ("GET", "/dns-records/")]
    {
        let response = server.call(method, path, None, Some(&json!({"domain": "a.example"})));
        response.assert_error(401, "not_authenticated");
        assert_eq!(response.header("www-authenticate"), Some("Bearer"));
    }
}

#[test]
fn malformed_unknown_and_revoked_tokens_are_401_invalid_token() {
    let (server, token) = server_and_token();
    let url = server.api_url("/dns-zones/");
    let unknown = format!("vps_{}", "0".repeat(48));
    let headers = [
        "Bearer abc123".to_string(),
        "Bearer ".to_string(),
        "Bearer vps_has space".to_string(),
        format!("Bearer {unknown}"),
        format!("Token {token}"),
        format!("Basic {token}"),
        token.clone(),
    ];
    for header in &headers {
        let response = send("GET", &url, &[("Authorization", header)], None);
        response.assert_error(401, "invalid_token");
    }

    server.call("GET", "/dns-zones/", Some(&token), None).assert_status(200);
    server.revoke(&token);
    server.call("GET", "/dns-zones/", Some(&token), None).assert_error(401, "invalid_token");
}

#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let (server, token) = server_and_token();
    let header = format!("bearer {token}");
    send("GET", &server.api_url("/dns-zones/"), &[("Authorization", &header)], None)
        .assert_status(200);
}

#[test]
fn each_permission_is_required_and_named_in_the_403() {
    let (server, admin) = server_and_token();
    let zone = server.create_zone(&admin, "perm.example");
    let zone_path = format!("/dns-zones/{}/", uuid_of(&zone));
    let records_path = format!("/dns-zones/{}/records/", uuid_of(&zone));
    let record = server.create_record(&admin, "perm.example", &a_record("www", "192.0.2.1"));
    let record_path = format!("/dns-records/{}/", uuid_of(&record));
    let body = a_record("www", "192.0.2.2");

    let needs: [(&str, &str, &str); 11] = [
        ("dns:list", "GET", "/dns-zones/"),
        ("dns:list", "GET", &zone_path),
        ("dns:list", "GET", &records_path),
        ("dns:list", "GET", "/dns-records/"),
        ("dns:list", "GET", &record_path),
        ("dns:create", "POST", "/dns-zones/"),
        ("dns:create", "POST", &records_path),
        ("dns:update", "PUT", &record_path),
        ("dns:update", "PATCH", &record_path),
        ("dns:delete", "DELETE", &record_path),
        ("dns:delete", "DELETE", &zone_path),
    ];
    let all = ["dns:list", "dns:create", "dns:update", "dns:delete"];
    for permission in all {
        // A token of the same account with every permission but this one.
        let others: Vec<&str> = all.iter().copied().filter(|p| *p != permission).collect();
        let token = server.token("alice", &others.join(","));
        for (needed, method, path) in needs.iter().filter(|(needed, ..)| *needed == permission) {
            let response = server.call(method, path, Some(&token), Some(&body));
            let error = response.assert_error(403, "permission_denied");
            let detail = error["detail"].as_str().unwrap_or_default();
            assert!(detail.contains(needed), "{method} {path}: {detail}");
        }
    }

    // Nothing was changed by the refused requests.
    let zone_now = server.call("GET", &zone_path, Some(&admin), None);
    zone_now.assert_status(200);
    assert_eq!(zone_now.json()["records"][0]["value"], "192.0.2.1");
}

#[test]
fn permission_is_checked_before_the_body_or_the_resource() {
    let (server, _) = server_and_token();
    let reader = server.token("alice", "dns:list");
    let url = server.api_url("/dns-zones/");
    let header = format!("Bearer {reader}");
    let response = send("POST", &url, &[("Authorization", &header)], Some(b"not json"));
    response.assert_error(403, "permission_denied");
    let missing = "/dns-records/00000000-0000-4000-8000-000000000000/";
    server.call("DELETE", missing, Some(&reader), None).assert_error(403, "permission_denied");
}

// Accounts.

#[test]
fn another_accounts_zones_and_records_are_404_and_never_listed() {
    let (server, alice) = server_and_token();
    let bob = server.token("bob", "dns:*");
    let zone = server.create_zone(&alice, "alice.example");
    let record = server.create_record(&alice, "alice.example", &a_record("www", "192.0.2.1"));
    let zone_path = format!("/dns-zones/{}/", uuid_of(&zone));
    let records_path = format!("/dns-zones/{}/records/", uuid_of(&zone));
    let record_path = format!("/dns-records/{}/", uuid_of(&record));

    let attempts = [
        ("GET", zone_path.as_str()),
        ("DELETE", &zone_path),
        ("GET", &records_path),
        ("POST", &records_path),
        ("GET", &record_path),
        ("PUT", &record_path),
        ("PATCH", &record_path),
        ("DELETE", &record_path),
    ];
    for (method, path) in attempts {
        let response = server.call(method, path, Some(&bob), Some(&a_record("x", "192.0.2.9")));
        response.assert_error(404, "not_found");
    }

    for path in [
        "/dns-zones/".to_string(),
        "/dns-zones/?domain=alice.example".to_string(),
        "/dns-records/".to_string(),
        format!("/dns-records/?zone={}", uuid_of(&zone)),
    ] {
        let listed = server.call("GET", &path, Some(&bob), None);
        listed.assert_status(200);
        assert_eq!(listed.json(), json!([]), "{path}");
    }

    // Alice's data is untouched.
    let detail = server.call("GET", &zone_path, Some(&alice), None).json();
    assert_eq!(detail["record_count"], 1);
}

#[test]
fn a_domain_is_hosted_once_across_all_accounts() {
    let (server, alice) = server_and_token();
    let bob = server.token("bob", "dns:*");
    server.create_zone(&alice, "shared.example");
    server.create_zone(&alice, "bücher.example");

    for (token, domain) in [
        (&alice, "shared.example"),
        (&bob, "shared.example"),
        (&bob, "SHARED.Example."),
        (&bob, "xn--bcher-kva.example"),
        (&bob, "BÜCHER.example"),
    ] {
        let response =
            server.call("POST", "/dns-zones/", Some(token), Some(&json!({"domain": domain})));
        let error = response.assert_error(400, "zone_exists");
        assert_eq!(error["field"], "domain", "{domain}");
    }
}

// Zones.

#[test]
fn a_zone_is_created_lower_case_with_empty_records_and_listed_with_its_count() {
    let (server, token) = server_and_token();
    let created = server.call(
        "POST",
        "/dns-zones/",
        Some(&token),
        Some(&json!({"domain": "  Example.COM. "})),
    );
    created.assert_status(201);
    let zone = created.json();
    assert_eq!(zone["domain"], "example.com");
    assert_eq!(zone["records"], json!([]));
    assert_eq!(zone["record_count"], 0);
    assert!(created.header("etag").is_some(), "a created zone has an ETag");
    let created_at = zone["created_at"].as_str().expect("created_at");
    assert_eq!(created_at.len(), "2024-01-15T10:30:00Z".len(), "{created_at}");
    assert!(created_at.ends_with('Z') && created_at.as_bytes()[10] == b'T', "{created_at}");
    assert!(uuid_of(&zone).len() == 36, "{zone}");

    server.create_record(&token, "example.com", &a_record("www", "192.0.2.1"));
    server.create_record(&token, "example.com", &a_record("@", "192.0.2.2"));
    let list = server.call("GET", "/dns-zones/", Some(&token), None).json();
    assert_eq!(list[0]["record_count"], 2);
    assert!(list[0].get("records").is_none(), "the list carries no records: {list}");
    check_zone_file(&server.zone_file_path("example.com"));
}

#[test]
fn invalid_domains_are_validation_errors_on_domain() {
    let (server, token) = server_and_token();
    for body in [
        json!({"domain": "localhost"}),
        json!({"domain": "-bad.example"}),
        json!({"domain": "a..example"}),
        json!({"domain": "exa mple.com"}),
        json!({"domain": ""}),
        json!({"domain": 42}),
        json!({"domain": null}),
        json!({}),
        json!({"domain": format!("{}.example", "a".repeat(64))}),
    ] {
        let response = server.call("POST", "/dns-zones/", Some(&token), Some(&body));
        let error = response.assert_error(400, "validation_error");
        assert_eq!(error["field"], "domain", "{body}");
    }
    assert_eq!(server.call("GET", "/dns-zones/", Some(&token), None).json(), json!([]));
}

#[test]
fn zones_are_listed_by_domain_and_filtered_exactly_without_case() {
    let (server, token) = server_and_token();
    for domain in ["charlie.example", "alpha.example", "bücher.example", "alpha.example.net"] {
        server.create_zone(&token, domain);
    }
    let list = server.call("GET", "/dns-zones/", Some(&token), None).json();
    let domains: Vec<&str> =
        list.as_array().into_iter().flatten().filter_map(|z| z["domain"].as_str()).collect();
    assert_eq!(
        domains,
        ["alpha.example", "alpha.example.net", "charlie.example", "xn--bcher-kva.example"]
    );

    let filtered = |query: &str| {
        let response =
            server.call("GET", &format!("/dns-zones/?domain={query}"), Some(&token), None);
        response.assert_status(200);
        response.json().as_array().cloned().unwrap_or_default()
    };
    assert_eq!(filtered("alpha.example").len(), 1);
    assert_eq!(filtered("ALPHA.Example.")[0]["domain"], "alpha.example");
    assert_eq!(filtered("b%C3%BCcher.example")[0]["domain"], "xn--bcher-kva.example");
    assert_eq!(filtered("xn--bcher-kva.example").len(), 1);
    assert!(filtered("alpha").is_empty(), "no prefix match");
    assert!(filtered("example").is_empty());
    assert!(filtered("not%20a%20domain").is_empty());
    assert_eq!(filtered("").len(), 4, "an empty filter is no filter");
}

#[test]
fn the_zone_detail_carries_its_records_in_created_order() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "order.example");
    for (name, address) in [("zz", "192.0.2.3"), ("aa", "192.0.2.1"), ("mm", "192.0.2.2")] {
        server.create_record(&token, "order.example", &a_record(name, address));
    }
    let detail = server.call("GET", &format!("/dns-zones/{}/", uuid_of(&zone)), Some(&token), None);
    detail.assert_status(200);
    let names: Vec<Value> = detail.json()["records"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["name"].clone())
        .collect();
    assert_eq!(names, [json!("zz"), json!("aa"), json!("mm")]);
    assert_eq!(detail.json()["record_count"], 3);
}

#[test]
fn deleting_a_zone_removes_its_records_and_its_zone_file() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "gone.example");
    let record = server.create_record(&token, "gone.example", &a_record("www", "192.0.2.1"));
    assert!(server.zone_file_path("gone.example").exists());

    let zone_path = format!("/dns-zones/{}/", uuid_of(&zone));
    let deleted = server.call("DELETE", &zone_path, Some(&token), None);
    deleted.assert_status(204);
    assert!(deleted.body.is_empty(), "204 has no body");

    server.call("GET", &zone_path, Some(&token), None).assert_error(404, "not_found");
    let record_path = format!("/dns-records/{}/", uuid_of(&record));
    server.call("GET", &record_path, Some(&token), None).assert_error(404, "not_found");
    assert_eq!(server.call("GET", "/dns-records/", Some(&token), None).json(), json!([]));
    assert!(!server.zone_file_path("gone.example").exists(), "the zone file is deleted");
    server.call("DELETE", &zone_path, Some(&token), None).assert_error(404, "not_found");

    // The domain is free again.
    server.create_zone(&token, "gone.example");
    check_zone_file(&server.zone_file_path("gone.example"));
}

// Records.

#[test]
fn records_are_listed_across_zones_and_filtered_by_zone_and_type() {
    let (server, token) = server_and_token();
    let one = server.create_zone(&token, "one.example");
    server.create_zone(&token, "two.example");
    server.create_record(&token, "one.example", &a_record("www", "192.0.2.1"));
    server.create_record(
        &token,
        "one.example",
        &json!({"record_type": "MX", "name": "@", "value": "mail.one.example", "priority": 10}),
    );
    server.create_record(&token, "two.example", &a_record("www", "192.0.2.2"));

    let count = |query: &str| {
        let response = server.call("GET", &format!("/dns-records/{query}"), Some(&token), None);
        response.assert_status(200);
        response.json().as_array().map_or(0, Vec::len)
    };
    assert_eq!(count(""), 3);
    assert_eq!(count(&format!("?zone={}", uuid_of(&one))), 2);
    assert_eq!(count("?record_type=A"), 2);
    assert_eq!(count("?record_type=mx"), 1);
    assert_eq!(count(&format!("?zone={}&record_type=A", uuid_of(&one))), 1);
    assert_eq!(count("?zone=00000000-0000-4000-8000-000000000000"), 0);
    assert_eq!(count("?zone=&record_type="), 3, "empty filters are no filters");

    let bad_type = server.call("GET", "/dns-records/?record_type=SPF", Some(&token), None);
    assert_eq!(bad_type.assert_error(400, "validation_error")["field"], "record_type");
    let bad_zone = server.call("GET", "/dns-records/?zone=nope", Some(&token), None);
    assert_eq!(bad_zone.assert_error(400, "validation_error")["field"], "zone");
}

#[test]
fn a_record_has_every_documented_field() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "fields.example");
    let record = server.create_record(&token, "fields.example", &a_record("www", "192.0.2.1"));
    let keys: BTreeSet<&str> =
        record.as_object().into_iter().flatten().map(|(k, _)| k.as_str()).collect();
    let expected = [
        "created_at",
        "name",
        "priority",
        "record_type",
        "ttl",
        "updated_at",
        "uuid",
        "value",
        "zone",
    ];
    assert_eq!(keys, BTreeSet::from(expected));
    assert_eq!(record["zone"], uuid_of(&zone).as_str());
    assert_eq!(record["ttl"], 3600, "the default TTL");
    assert_eq!(record["priority"], Value::Null);
}

#[test]
fn put_requires_type_name_and_value_and_defaults_the_rest() {
    let (server, token) = server_and_token();
    server.create_zone(&token, "put.example");
    let record = server.create_record(
        &token,
        "put.example",
        &json!({"record_type": "MX", "name": "@", "value": "mx.put.example", "ttl": 600, "priority": 5}),
    );
    let path = format!("/dns-records/{}/", uuid_of(&record));

    for missing in ["record_type", "name", "value"] {
        let mut body =
            json!({"record_type": "MX", "name": "@", "value": "mx.put.example", "priority": 5});
        body.as_object_mut().map(|object| object.remove(missing));
        let response = server.call("PUT", &path, Some(&token), Some(&body));
        assert_eq!(response.assert_error(400, "validation_error")["field"], missing);
    }

    // A PUT gives every field: an absent TTL is the default, an absent priority is none.
    let replaced = server.call("PUT", &path, Some(&token), Some(&a_record("@", "192.0.2.7")));
    replaced.assert_status(200);
    let replaced = replaced.json();
    assert_eq!(replaced["record_type"], "A");
    assert_eq!(replaced["ttl"], 3600);
    assert_eq!(replaced["priority"], Value::Null);
    assert_eq!(replaced["uuid"], record["uuid"]);
    assert_eq!(replaced["created_at"], record["created_at"]);

    // An MX without its priority is refused on priority, even in a PUT.
    let mx = json!({"record_type": "MX", "name": "@", "value": "mx.put.example"});
    let response = server.call("PUT", &path, Some(&token), Some(&mx));
    assert_eq!(response.assert_error(400, "validation_error")["field"], "priority");
    check_zone_file(&server.zone_file_path("put.example"));
}

#[test]
fn patch_changes_only_the_given_fields_and_checks_the_result_in_full() {
    let (server, token) = server_and_token();
    server.create_zone(&token, "patch.example");
    let mx = server.create_record(
        &token,
        "patch.example",
        &json!({"record_type": "MX", "name": "@", "value": "mx1.patch.example", "priority": 10, "ttl": 900}),
    );
    let path = format!("/dns-records/{}/", uuid_of(&mx));

    let patched =
        server.call("PATCH", &path, Some(&token), Some(&json!({"value": "mx2.patch.example."})));
    patched.assert_status(200);
    let patched = patched.json();
    assert_eq!(patched["value"], "mx2.patch.example");
    assert_eq!(patched["priority"], 10, "the priority is kept");
    assert_eq!(patched["ttl"], 900, "the TTL is kept");

    // null clears the priority, which an MX cannot do without.
    let cleared = server.call("PATCH", &path, Some(&token), Some(&json!({"priority": null})));
    assert_eq!(cleared.assert_error(400, "validation_error")["field"], "priority");

    // Turning it into an A record needs the priority cleared in the same request.
    let to_a = json!({"record_type": "A", "value": "192.0.2.5"});
    let refused = server.call("PATCH", &path, Some(&token), Some(&to_a));
    assert_eq!(refused.assert_error(400, "validation_error")["field"], "priority");
    let to_a = json!({"record_type": "A", "value": "192.0.2.5", "priority": null});
    let changed = server.call("PATCH", &path, Some(&token), Some(&to_a));
    changed.assert_status(200);
    assert_eq!(changed.json()["priority"], Value::Null);
    assert_eq!(changed.json()["ttl"], 900);

    // An empty patch changes nothing and is fine.
    let unchanged = server.call("PATCH", &path, Some(&token), Some(&json!({})));
    unchanged.assert_status(200);
    assert_eq!(unchanged.json()["value"], "192.0.2.5");
    check_zone_file(&server.zone_file_path("patch.example"));
}

#[test]
fn a_patch_that_would_break_a_zone_rule_is_409_and_changes_nothing() {
    let (server, token) = server_and_token();
    server.create_zone(&token, "rules.example");
    server.create_record(&token, "rules.example", &a_record("www", "192.0.2.1"));
    let cname = server.create_record(
        &token,
        "rules.example",
        &json!({"record_type": "CNAME", "name": "shop", "value": "shops.example.net"}),
    );
    let path = format!("/dns-records/{}/", uuid_of(&cname));
    let response = server.call("PATCH", &path, Some(&token), Some(&json!({"name": "www"})));
    assert_eq!(response.assert_error(409, "conflict")["field"], "name");
    let now = server.call("GET", &path, Some(&token), None).json();
    assert_eq!(now["name"], "shop");

    // Replacing a record by itself is no duplicate.
    let same = json!({"record_type": "CNAME", "name": "shop", "value": "shops.example.net"});
    server.call("PUT", &path, Some(&token), Some(&same)).assert_status(200);
}

#[test]
fn deleting_a_record_is_204_and_it_is_gone() {
    let (server, token) = server_and_token();
    server.create_zone(&token, "del.example");
    let record = server.create_record(&token, "del.example", &a_record("www", "192.0.2.1"));
    let path = format!("/dns-records/{}/", uuid_of(&record));
    let response = server.call("DELETE", &path, Some(&token), None);
    response.assert_status(204);
    assert!(response.body.is_empty());
    server.call("GET", &path, Some(&token), None).assert_error(404, "not_found");
    server.call("DELETE", &path, Some(&token), None).assert_error(404, "not_found");
    assert!(!server.zone_file("del.example").contains("192.0.2.1"));
}

// Paths.

#[test]
fn every_path_works_with_and_without_the_final_slash() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "slash.example");
    let zone_uuid = uuid_of(&zone);

    for slash in ["/", ""] {
        let zones = server.call("GET", &format!("/dns-zones{slash}"), Some(&token), None);
        zones.assert_status(200);
        let zone_path = format!("/dns-zones/{zone_uuid}{slash}");
        server.call("GET", &zone_path, Some(&token), None).assert_status(200);
        let records_path = format!("/dns-zones/{zone_uuid}/records{slash}");
        server.call("GET", &records_path, Some(&token), None).assert_status(200);
        let address = if slash.is_empty() { "192.0.2.2" } else { "192.0.2.1" };
        let created =
            server.call("POST", &records_path, Some(&token), Some(&a_record("w", address)));
        created.assert_status(201);
        server.call("GET", &format!("/dns-records{slash}"), Some(&token), None).assert_status(200);

        let record_path = format!("/dns-records/{}{slash}", uuid_of(&created.json()));
        server.call("GET", &record_path, Some(&token), None).assert_status(200);
        server
            .call("PATCH", &record_path, Some(&token), Some(&json!({"ttl": 600})))
            .assert_status(200);
        server
            .call("PUT", &record_path, Some(&token), Some(&a_record("w", address)))
            .assert_status(200);
        server.call("DELETE", &record_path, Some(&token), None).assert_status(204);
    }

    let other = server.create_zone(&token, "slash2.example");
    server
        .call("DELETE", &format!("/dns-zones/{}", uuid_of(&other)), Some(&token), None)
        .assert_status(204);
    server
        .call("POST", "/dns-zones", Some(&token), Some(&json!({"domain": "slash3.example"})))
        .assert_status(201);
}

#[test]
fn unknown_ids_and_ids_that_are_no_uuid_are_json_404s() {
    let (server, token) = server_and_token();
    for path in [
        "/dns-zones/00000000-0000-4000-8000-000000000000/",
        "/dns-zones/not-a-uuid/",
        "/dns-zones/not-a-uuid/records/",
        "/dns-zones/%ZZ/",
        "/dns-records/12345/",
        "/dns-records/00000000-0000-4000-8000-000000000000/",
        "/dns-records/' OR 1=1 --/",
    ] {
        let path = path.replace(' ', "%20");
        server.call("GET", &path, Some(&token), None).assert_error(404, "not_found");
    }
    let patch = server.call("PATCH", "/dns-records/xyz/", Some(&token), Some(&json!({"ttl": 60})));
    patch.assert_error(404, "not_found");
}

#[test]
fn unknown_api_paths_and_methods_answer_in_json() {
    let (server, token) = server_and_token();
    for path in
        ["/api/v1/", "/api/v1/nothing/", "/api/v2/dns-zones/", "/api", "/api/v1/dns-zones/x/y/z/"]
    {
        let response = send("GET", &format!("{}{path}", server.base_url()), &[], None);
        response.assert_error(404, "not_found");
    }
    let response = server.call("PUT", "/dns-zones/", Some(&token), Some(&json!({})));
    response.assert_error(405, "method_not_allowed");
}

// Pagination.

#[test]
fn lists_are_paged_on_request_and_next_leads_through_every_page() {
    let (server, token) = server_and_token();
    let mut expected = Vec::new();
    for n in 0..5 {
        let domain = format!("page{n}.example");
        server.create_zone(&token, &domain);
        expected.push(domain);
    }

    let plain = server.call("GET", "/dns-zones/", Some(&token), None).json();
    assert!(plain.is_array(), "without page parameters the list is an array: {plain}");

    let first = server.call("GET", "/dns-zones/?page_size=2", Some(&token), None);
    first.assert_status(200);
    let first = first.json();
    assert_eq!(first["count"], 5);
    assert_eq!(first["previous"], Value::Null);
    assert_eq!(first["results"].as_array().map(Vec::len), Some(2));

    // Follow `next`, an absolute URL, to the end.
    let header = format!("Bearer {token}");
    let mut seen = Vec::new();
    let mut page = first;
    let mut pages = 1;
    loop {
        for zone in page["results"].as_array().into_iter().flatten() {
            seen.push(zone["domain"].as_str().unwrap_or_default().to_string());
        }
        let Some(next) = page["next"].as_str() else { break };
        assert!(next.starts_with(server.base_url()), "next is absolute: {next}");
        assert!(next.contains("page_size=2"), "next keeps the page size: {next}");
        let response = send("GET", next, &[("Authorization", &header)], None);
        response.assert_status(200);
        page = response.json();
        pages += 1;
        assert!(page["previous"].as_str().is_some(), "a later page has previous: {page}");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);

    // `previous` leads back.
    let previous = page["previous"].as_str().expect("the last page has previous").to_string();
    let back = send("GET", &previous, &[("Authorization", &header)], None).json();
    assert_eq!(back["results"][0]["domain"], "page2.example");
}

#[test]
fn page_edge_cases_follow_the_documented_choices() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "edges.example");
    for n in 1..=3 {
        server.create_record(
            &token,
            "edges.example",
            &a_record(&format!("h{n}"), &format!("192.0.2.{n}")),
        );
    }
    let records = format!("/dns-zones/{}/records/", uuid_of(&zone));
    let get = |query: &str| server.call("GET", &format!("{records}{query}"), Some(&token), None);

    // Only `page`: the default size holds everything.
    let whole = get("?page=1").json();
    assert_eq!(whole["count"], 3);
    assert_eq!(whole["next"], Value::Null);
    assert_eq!(whole["results"].as_array().map(Vec::len), Some(3));

    let last = get("?page_size=2&page=last").json();
    assert_eq!(last["results"][0]["name"], "h3");

    get("?page=3&page_size=2").assert_error(404, "not_found");
    for bad in ["?page=0", "?page=-1", "?page=abc", "?page=1.5", "?page="] {
        let response = get(bad);
        assert_eq!(response.assert_error(400, "validation_error")["field"], "page", "{bad}");
    }
    for bad in ["?page_size=0", "?page_size=abc", "?page_size=-3"] {
        let response = get(bad);
        assert_eq!(response.assert_error(400, "validation_error")["field"], "page_size", "{bad}");
    }

    // Sizes over the cap are capped, and an empty list has one empty page.
    assert_eq!(get("?page_size=100000").json()["results"].as_array().map(Vec::len), Some(3));
    let empty = server.call("GET", "/dns-zones/?domain=none.example&page=1", Some(&token), None);
    assert_eq!(empty.json(), json!({"count": 0, "next": null, "previous": null, "results": []}));

    // The record list across zones pages the same way, and filters survive in the links.
    let paged =
        server.call("GET", "/dns-records/?record_type=A&page_size=1", Some(&token), None).json();
    assert_eq!(paged["count"], 3);
    let next = paged["next"].as_str().expect("a next page");
    assert!(next.contains("record_type=A") && next.contains("page=2"), "{next}");
}

// ETags and If-Match.

#[test]
fn records_carry_an_etag_and_a_stale_if_match_is_412() {
    let (server, token) = server_and_token();
    server.create_zone(&token, "etag.example");
    let created = server.call(
        "POST",
        &format!("/dns-zones/{}/records/", server.zone_uuid(&token, "etag.example")),
        Some(&token),
        Some(&a_record("www", "192.0.2.1")),
    );
    created.assert_status(201);
    let created_tag = created.header("etag").expect("a created record has an ETag").to_string();
    let path = format!("/dns-records/{}/", uuid_of(&created.json()));
    let url = server.api_url(&path);
    let auth = format!("Bearer {token}");

    let read = server.call("GET", &path, Some(&token), None);
    assert_eq!(read.header("etag"), Some(created_tag.as_str()));

    // A PATCH with the current tag works and moves the tag on.
    let patch = br#"{"ttl": 600}"#;
    let ok =
        send("PATCH", &url, &[("Authorization", &auth), ("If-Match", &created_tag)], Some(patch));
    ok.assert_status(200);
    let new_tag = ok.header("etag").expect("an updated record has an ETag").to_string();
    assert_ne!(new_tag, created_tag);

    // The old tag is now stale for every write.
    let stale = [("Authorization", auth.as_str()), ("If-Match", created_tag.as_str())];
    let put = br#"{"record_type": "A", "name": "www", "value": "192.0.2.9"}"#;
    send("PATCH", &url, &stale, Some(br#"{"ttl": 900}"#)).assert_error(412, "precondition_failed");
    send("PUT", &url, &stale, Some(put)).assert_error(412, "precondition_failed");
    send("DELETE", &url, &stale, None).assert_error(412, "precondition_failed");
    let now = server.call("GET", &path, Some(&token), None).json();
    assert_eq!(now["ttl"], 600, "nothing stale was applied");
    assert_eq!(now["value"], "192.0.2.1");

    // `*` and a list holding the current tag match.
    let star = [("Authorization", auth.as_str()), ("If-Match", "*")];
    send("PUT", &url, &star, Some(put)).assert_status(200);
    let current = server.call("GET", &path, Some(&token), None);
    let tag = current.header("etag").expect("etag").to_string();
    let list = format!("\"nope\", {tag}");
    send("DELETE", &url, &[("Authorization", &auth), ("If-Match", &list)], None).assert_status(204);
}

#[test]
fn zones_carry_an_etag_that_changes_with_their_records() {
    let (server, token) = server_and_token();
    let created =
        server.call("POST", "/dns-zones/", Some(&token), Some(&json!({"domain": "z.example"})));
    let first_tag = created.header("etag").expect("a created zone has an ETag").to_string();
    let path = format!("/dns-zones/{}/", uuid_of(&created.json()));
    assert_eq!(
        server.call("GET", &path, Some(&token), None).header("etag"),
        Some(first_tag.as_str())
    );

    server.create_record(&token, "z.example", &a_record("www", "192.0.2.1"));
    let detail = server.call("GET", &path, Some(&token), None);
    let second_tag = detail.header("etag").expect("etag").to_string();
    assert_ne!(first_tag, second_tag, "the zone's ETag changes with its records");

    let url = server.api_url(&path);
    let auth = format!("Bearer {token}");
    send("DELETE", &url, &[("Authorization", &auth), ("If-Match", &first_tag)], None)
        .assert_error(412, "precondition_failed");
    assert!(server.zone_file_path("z.example").exists());
    send("DELETE", &url, &[("Authorization", &auth), ("If-Match", &second_tag)], None)
        .assert_status(204);
}

// Bodies and limits.

#[test]
fn bodies_that_are_not_a_json_object_are_malformed_json() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "json.example");
    let record = server.create_record(&token, "json.example", &a_record("www", "192.0.2.1"));
    let auth = format!("Bearer {token}");
    let targets = [
        ("POST", server.api_url("/dns-zones/")),
        ("POST", server.api_url(&format!("/dns-zones/{}/records/", uuid_of(&zone)))),
        ("PUT", server.api_url(&format!("/dns-records/{}/", uuid_of(&record)))),
        ("PATCH", server.api_url(&format!("/dns-records/{}/", uuid_of(&record)))),
    ];
    let bodies: [&[u8]; 8] =
        [b"", b"{", b"not json", b"[1, 2]", b"\"text\"", b"42", b"null", b"{\"a\": 1} trailing"];
    for (method, url) in &targets {
        for body in bodies {
            let response = send(method, url, &[("Authorization", &auth)], Some(body));
            let error = response.assert_error(400, "malformed_json");
            assert!(error.get("field").is_none(), "{error}");
        }
    }
}

#[test]
fn a_field_of_the_wrong_type_is_a_validation_error_on_that_field() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "types.example");
    let path = format!("/dns-zones/{}/records/", uuid_of(&zone));
    let cases = [
        (json!({"record_type": "A", "name": "w", "value": "192.0.2.1", "ttl": "abc"}), "ttl"),
        (json!({"record_type": "A", "name": "w", "value": "192.0.2.1", "ttl": "3600"}), "ttl"),
        (json!({"record_type": "A", "name": "w", "value": "192.0.2.1", "ttl": 3600.5}), "ttl"),
        (json!({"record_type": "A", "name": "w", "value": "192.0.2.1", "ttl": 1e30}), "ttl"),
        (
            json!({"record_type": "MX", "name": "@", "value": "mx.example.net", "priority": "1"}),
            "priority",
        ),
        (
            json!({"record_type": "MX", "name": "@", "value": "mx.example.net", "priority": -1}),
            "priority",
        ),
        (
            json!({"record_type": "MX", "name": "@", "value": "mx.example.net", "priority": 65536}),
            "priority",
        ),
        (json!({"record_type": 1, "name": "w", "value": "192.0.2.1"}), "record_type"),
        (json!({"record_type": "A", "name": ["w"], "value": "192.0.2.1"}), "name"),
        (json!({"record_type": "A", "name": "w", "value": {"ip": "192.0.2.1"}}), "value"),
        (json!({"record_type": "A", "name": "w", "value": null}), "value"),
        (json!({"record_type": "SPF", "name": "w", "value": "v=spf1 -all"}), "record_type"),
        (json!({"record_type": "A", "name": "w", "value": "192.0.2.1", "ttl": 604801}), "ttl"),
    ];
    for (body, field) in cases {
        let response = server.call("POST", &path, Some(&token), Some(&body));
        assert_eq!(response.assert_error(400, "validation_error")["field"], field, "{body}");
    }
    assert_eq!(server.call("GET", &path, Some(&token), None).json(), json!([]));
}

#[test]
fn a_body_over_the_limit_is_413_payload_too_large() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "big.example");
    let auth = format!("Bearer {token}");
    let text = "x".repeat(100 * 1024);
    let body = json!({"record_type": "TXT", "name": "big", "value": text}).to_string();
    let url = server.api_url(&format!("/dns-zones/{}/records/", uuid_of(&zone)));
    let response = send("POST", &url, &[("Authorization", &auth)], Some(body.as_bytes()));
    response.assert_error(413, "payload_too_large");

    // Under the limit, an over-long TXT is the rules' business: a validation error.
    let body = json!({"record_type": "TXT", "name": "big", "value": "x".repeat(5000)});
    let response = server.call(
        "POST",
        &format!("/dns-zones/{}/records/", uuid_of(&zone)),
        Some(&token),
        Some(&body),
    );
    assert_eq!(response.assert_error(400, "validation_error")["field"], "value");
}

#[test]
fn the_rate_limit_answers_429_with_retry_after_per_token() {
    let server = TestServer::start_with(&["--rate-limit", "2"]);
    let token = server.token("alice", "dns:*");
    let other = server.token("bob", "dns:*");

    let mut limited = None;
    for _ in 0..10 {
        let response = server.call("GET", "/dns-zones/", Some(&token), None);
        if response.status == 429 {
            limited = Some(response);
            break;
        }
        response.assert_status(200);
    }
    let limited = limited.expect("ten quick requests exceed 2 per second");
    limited.assert_error(429, "rate_limited");
    let retry_after: u64 = limited
        .header("retry-after")
        .and_then(|value| value.parse().ok())
        .expect("a 429 says Retry-After in seconds");
    assert!((1..=2).contains(&retry_after), "Retry-After {retry_after}");

    // Another token has its own budget, and after waiting the first may go on.
    server.call("GET", "/dns-zones/", Some(&other), None).assert_status(200);
    thread::sleep(Duration::from_secs(retry_after));
    server.call("GET", "/dns-zones/", Some(&token), None).assert_status(200);
}

#[test]
fn without_rate_limit_many_quick_requests_all_pass() {
    let (server, token) = server_and_token();
    for _ in 0..30 {
        server.call("GET", "/dns-zones/", Some(&token), None).assert_status(200);
    }
}

// Deployment.

#[test]
fn the_serial_rises_on_every_change_and_the_zone_file_follows() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "serial.example");
    let mut serials = vec![serial(&server.zone_file("serial.example"))];
    let mut note = |server: &TestServer| {
        serials.push(serial(&server.zone_file("serial.example")));
        check_zone_file(&server.zone_file_path("serial.example"));
    };

    let record = server.create_record(&token, "serial.example", &a_record("www", "192.0.2.1"));
    note(&server);
    let path = format!("/dns-records/{}/", uuid_of(&record));
    server.call("PATCH", &path, Some(&token), Some(&json!({"ttl": 600}))).assert_status(200);
    note(&server);
    server.call("PUT", &path, Some(&token), Some(&a_record("www", "192.0.2.2"))).assert_status(200);
    note(&server);
    server.create_record(
        &token,
        "serial.example",
        &json!({"record_type": "TXT", "name": "@", "value": "v=spf1 -all"}),
    );
    note(&server);
    server.call("DELETE", &path, Some(&token), None).assert_status(204);
    note(&server);

    assert!(serials.windows(2).all(|pair| pair[0] < pair[1]), "serials rise: {serials:?}");
    let today_prefix = serials[0] / 100;
    assert!(today_prefix > 20_240_000, "a date serial (YYYYMMDDnn): {serials:?}");

    // A refused change does not touch the file.
    let before = server.zone_file("serial.example");
    let bad = server.call(
        "POST",
        &format!("/dns-zones/{}/records/", uuid_of(&zone)),
        Some(&token),
        Some(&a_record("www", "999.0.2.1")),
    );
    bad.assert_error(400, "validation_error");
    assert_eq!(server.zone_file("serial.example"), before);

    let file = server.zone_file("serial.example");
    assert!(file.contains("ns1.vps.org.") && file.contains("ns2.vps.org."), "{file}");
    assert!(file.contains("hostmaster.vps.org."), "{file}");
    assert!(!file.contains("192.0.2.2"), "the deleted record is gone:\n{file}");
    assert!(file.contains("\"v=spf1 -all\""), "{file}");
}

#[test]
fn a_zone_with_every_record_type_passes_named_checkzone() {
    let (server, token) = server_and_token();
    server.create_zone(&token, "all.example");
    let records = [
        json!({"record_type": "A", "name": "@", "value": "192.0.2.1"}),
        json!({"record_type": "AAAA", "name": "@", "value": "2001:db8::1"}),
        json!({"record_type": "A", "name": "ns1", "value": "192.0.2.53"}),
        json!({"record_type": "NS", "name": "@", "value": "ns1.all.example"}),
        json!({"record_type": "CNAME", "name": "www", "value": "all.example."}),
        json!({"record_type": "MX", "name": "@", "value": "mail.example.net", "priority": 10}),
        json!({"record_type": "TXT", "name": "@", "value": "v=spf1 mx -all"}),
        json!({"record_type": "TXT", "name": "quote", "value": "say \"hi\"; back\\slash"}),
        json!({"record_type": "TXT", "name": "long", "value": "y".repeat(600)}),
        json!({"record_type": "TXT", "name": "unicode", "value": "héllo wörld ✓"}),
        json!({"record_type": "SRV", "name": "_sip._tcp", "value": "5 5060 sip.example.net", "priority": 10}),
        json!({"record_type": "CAA", "name": "@", "value": "0 issue \"letsencrypt.org\""}),
        json!({"record_type": "NS", "name": "sub", "value": "ns.example.net"}),
        json!({"record_type": "A", "name": "*.dev", "value": "192.0.2.80"}),
        json!({"record_type": "TXT", "name": "_dmarc", "value": "v=DMARC1; p=none"}),
    ];
    for record in &records {
        server.create_record(&token, "all.example", record);
        check_zone_file(&server.zone_file_path("all.example"));
    }
    let file = server.zone_file("all.example");
    assert!(file.contains("all.example."), "{file}");
}

#[test]
fn a_zone_never_loses_the_address_of_its_own_name_server() {
    let (server, token) = server_and_token();
    server.create_zone(&token, "glue.example");
    let address = server.create_record(&token, "glue.example", &a_record("ns1", "192.0.2.53"));
    server.create_record(
        &token,
        "glue.example",
        &json!({"record_type": "NS", "name": "@", "value": "ns1.glue.example"}),
    );
    let path = format!("/dns-records/{}/", uuid_of(&address));
    let response = server.call("DELETE", &path, Some(&token), None);
    response.assert_error(409, "conflict");
    check_zone_file(&server.zone_file_path("glue.example"));
}

#[test]
#[should_panic(expected = "named-checkzone refused")]
fn check_zone_file_refuses_a_broken_zone() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("broken.example.zone");
    std::fs::write(&path, "$ORIGIN broken.example.\n@ 3600 IN A 192.0.2.1\n").expect("written");
    check_zone_file(&path);
}

// The command line.

#[test]
fn token_create_prints_the_token_alone() {
    let server = TestServer::start();
    let output = server.run(&[
        "token",
        "create",
        "--account",
        "cli",
        "--permissions",
        "dns:list,dns:create",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let token = stdout.strip_suffix('\n').expect("one line");
    assert!(!token.contains('\n'), "{stdout:?}");
    let secret = token.strip_prefix("vps_").expect("vps_ prefix");
    assert!(secret.len() >= 32 && secret.bytes().all(|b| b.is_ascii_alphanumeric()), "{token}");

    // The token works at once against the running server, with just its permissions.
    server.call("GET", "/dns-zones/", Some(token), None).assert_status(200);
    server
        .call("POST", "/dns-zones/", Some(token), Some(&json!({"domain": "cli.example"})))
        .assert_status(201);
    let zone = server.zone_uuid(token, "cli.example");
    server
        .call("DELETE", &format!("/dns-zones/{zone}/"), Some(token), None)
        .assert_error(403, "permission_denied");

    // The database keeps only a hash.
    let database = std::fs::read(server.data_dir().join("dns.sqlite3")).expect("the database");
    let wal = std::fs::read(server.data_dir().join("dns.sqlite3-wal")).unwrap_or_default();
    for bytes in [database, wal] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the secret is not stored"
        );
    }
}

#[test]
fn command_line_mistakes_exit_2_with_usage_on_stderr() {
    let binary = server_binary();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let mistakes: [&[&str]; 6] = [
        &[],
        &["serve"],
        &["serve", "--data-dir", data, "--bogus", "1"],
        &["serve", "--data-dir", data, "--rate-limit", "zero"],
        &["token", "create", "--data-dir", data, "--account", "a", "--permissions", "dns:admin"],
        &["token", "create", "--data-dir", data, "--permissions", "dns:*"],
    ];
    for args in mistakes {
        let output = Command::new(&binary).args(args).output().expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?} printed on stdout");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("Usage:"), "{args:?}: {stderr}");
    }
    let help = Command::new(&binary).arg("--help").output().expect("the binary runs");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("token create"));
}

#[test]
fn a_busy_port_is_a_clear_failure() {
    let server = TestServer::start();
    let address = server.base_url().trim_start_matches("http://").to_string();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = Command::new(server_binary())
        .args(["serve", "--listen", &address, "--data-dir"])
        .arg(dir.path())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot listen"));
}

// The log.

#[test]
fn each_request_logs_one_line_without_token_ids_or_values() {
    let (server, token) = server_and_token();
    let zone = server.create_zone(&token, "log.example");
    let secret_value = "192.0.2.123";
    let record =
        server.create_record(&token, "log.example", &a_record("secret-name", secret_value));
    let record_path = format!("/dns-records/{}/", uuid_of(&record));
    server.call("GET", &record_path, Some(&token), None).assert_status(200);
    server.call("GET", "/dns-zones/", None, None).assert_status(401);
    server.call("GET", "/dns-zones/", Some("vps_wrongwrongwrong"), None).assert_status(401);
    // create_record made two requests (the zone look-up and the POST): six in all.
    let expected_requests = 6;

    let deadline = Instant::now() + Duration::from_secs(5);
    let logs = loop {
        let logs = server.logs();
        let lines = logs.lines().filter(|line| line.contains(" request ")).count();
        if lines >= expected_requests || Instant::now() > deadline {
            break logs;
        }
        thread::sleep(Duration::from_millis(50));
    };

    let lines: Vec<&str> = logs.lines().filter(|line| line.contains(" request ")).collect();
    assert_eq!(lines.len(), expected_requests, "one line per request:\n{logs}");
    for line in &lines {
        for part in ["method=", "route=", "status=", "duration_ms="] {
            assert!(line.contains(part), "{part} in {line}");
        }
    }
    assert!(
        lines.iter().any(|l| l.contains("/api/v1/dns-records/{uuid}/") && l.contains("status=200"))
    );
    assert!(lines.iter().any(|l| l.contains("status=401")));

    for secret in [
        token.as_str(),
        "vps_wrongwrongwrong",
        secret_value,
        "secret-name",
        &uuid_of(&zone),
        &uuid_of(&record),
    ] {
        assert!(!logs.contains(secret), "the log shows {secret}:\n{logs}");
    }
    assert!(!logs.contains("ERROR"), "no client mistake is logged as an error:\n{logs}");
}

// The dashboard.

#[test]
fn the_dashboard_is_served_at_the_root_and_for_deep_links() {
    let server = TestServer::start();
    let root = send("GET", &format!("{}/", server.base_url()), &[], None);
    root.assert_status(200);
    assert!(root.header("content-type").unwrap_or_default().starts_with("text/html"));

    let deep = send(
        "GET",
        &format!("{}/zones/00000000-0000-4000-8000-000000000000", server.base_url()),
        &[],
        None,
    );
    if root.text().contains("not built") {
        assert!(root.text().contains("scripts/run"), "{}", root.text());
    } else {
        deep.assert_status(200);
        assert_eq!(deep.text(), root.text(), "a deep link gets the app's index.html");
    }
}

#[test]
fn without_a_built_dashboard_the_root_says_how_to_build_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("no-dist");
    let server = TestServer::start_with(&["--dashboard", missing.to_str().expect("UTF-8")]);
    let root = send("GET", &format!("{}/", server.base_url()), &[], None);
    root.assert_status(200);
    assert!(
        root.text().contains("not built") && root.text().contains("scripts/run"),
        "{}",
        root.text()
    );
    send("GET", &server.api_url("/nothing"), &[], None).assert_error(404, "not_found");
}

/// A domain of `octets` octets: labels of 63 `a`s, then a shorter one, ending in `.example`.
fn long_domain(octets: usize) -> String {
    let mut labels = Vec::new();
    let mut room = octets - ".example".len();
    while room > 0 {
        let take = if room <= 63 { room } else { (room - 2).min(62) };
        labels.push("a".repeat(take));
        room -= take + usize::from(room > take);
    }
    let domain = format!("{}.example", labels.join("."));
    assert_eq!(domain.len(), octets, "{domain}");
    domain
}

#[test]
fn the_longest_domains_are_refused_at_the_domain_input_never_a_500() {
    let (server, token) = server_and_token();

    let fits = long_domain(250);
    server.create_zone(&token, &fits);
    e2e::check_zone_file(&server.zone_file_path(&fits));

    let too_long = long_domain(253);
    let body = serde_json::json!({ "domain": too_long });
    let response = server.call("POST", "/dns-zones/", Some(&token), Some(&body));
    let error = response.assert_error(400, "validation_error");
    assert_eq!(error["field"], "domain");
    assert!(error["detail"].as_str().unwrap_or_default().contains("250 octets"), "{error}");
}

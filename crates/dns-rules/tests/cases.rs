//! The shared real-world cases (`shared/cases/records.json`), decided by the rules alone.
//!
//! Each case is a request against a zone with the answer the API must give. The server turns
//! a rule's verdict into that answer: a [`RuleError`] is 400 on its field, a conflict 409, a
//! duplicate 400. Running the cases here, without a server, shows that the verdicts are right
//! before any HTTP is involved; the server's own tests run the same file over HTTP.
//!
//! The file sits beside the repository, in the shared folder. A missing file fails the test:
//! passing without the cases would claim something that was never checked.

use std::collections::HashSet;

use dns_rules::{
    DomainName, Field, RecordData, RecordInput, RuleError, ViolationKind, check_zone_rules,
    validate_record,
};
use serde_json::{Map, Value};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/cases/records.json");

/// What the API would answer: a status, the field at fault, and the stored record.
#[derive(Debug)]
struct Answer {
    status: u64,
    field: Option<Field>,
    stored: Option<RecordData>,
}

impl Answer {
    fn refused(error: RuleError) -> Answer {
        Answer { status: 400, field: Some(error.field), stored: None }
    }
}

#[test]
fn every_shared_record_case_is_decided_as_expected() {
    let text = std::fs::read_to_string(CASES).unwrap_or_else(|error| {
        panic!(
            "cannot read the shared cases at {CASES}: {error}. The shared folder must sit \
             beside the repository, as /work/shared does beside /work/main."
        )
    });
    let cases: Vec<Value> = serde_json::from_str(&text).expect("records.json is a JSON array");
    assert!(!cases.is_empty(), "records.json holds no cases");

    let mut ids = HashSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        let case = case.as_object().expect("each case is a JSON object");
        let id = text_of(case, "id");
        assert!(ids.insert(id.to_string()), "case id {id} appears twice");
        if let Err(failure) = run_case(case) {
            failures.push(format!("{id}: {failure}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

fn run_case(case: &Map<String, Value>) -> Result<(), String> {
    let known = ["id", "zone", "request", "patch", "before", "expect", "note", "zone_stored_as"];
    if let Some(key) = case.keys().find(|key| !known.contains(&key.as_str())) {
        return Err(format!("unknown key {key}: teach this test what it means"));
    }

    let zone_input = text_of(case, "zone");
    let zone = match DomainName::parse(zone_input) {
        Ok(zone) => zone,
        // Without the `idna` feature a Unicode zone is refused with a hint to convert it,
        // which is the documented behaviour of the browser build; the case itself is then
        // decided only by the build with IDN support.
        Err(error) if cfg!(not(feature = "idna")) && !zone_input.is_ascii() => {
            return if error.field == Field::Domain && error.message.contains("xn--") {
                Ok(())
            } else {
                Err(format!("a Unicode zone without idna gave {error}"))
            };
        }
        Err(error) => return Err(format!("zone {zone_input} refused: {error}")),
    };
    if let Some(stored_as) = case.get("zone_stored_as") {
        let want = stored_as.as_str().ok_or("zone_stored_as is not a string")?;
        if zone.as_str() != want {
            return Err(format!("zone stored as {}, expected {want}", zone.as_str()));
        }
    }

    let mut existing = Vec::new();
    for before in case.get("before").and_then(Value::as_array).into_iter().flatten() {
        let before = before.as_object().ok_or("a before record is not an object")?;
        let input = input_from(before, None)?;
        let record = validate_record(&zone, &input)
            .map_err(|error| format!("before record refused: {error}"))?;
        existing.push(record);
    }

    let answer = match (case.get("request"), case.get("patch")) {
        (Some(request), None) => {
            let request = request.as_object().ok_or("request is not an object")?;
            decide(&zone, &existing, &input_from(request, None)?, 201)
        }
        (None, Some(patch)) => {
            // A patch changes the last record of `before` and keeps every field it omits.
            let patch = patch.as_object().ok_or("patch is not an object")?;
            let old = existing.pop().ok_or("a patch case needs a before record")?;
            let input = input_from(patch, Some(&old))?;
            decide(&zone, &existing, &input, 200)
        }
        _ => return Err("a case needs exactly one of request and patch".to_string()),
    };

    let expect = case.get("expect").and_then(Value::as_object).ok_or("expect is missing")?;
    compare(expect, &answer)
}

/// Applies the per-record rules and then the zone rules, as the server does.
fn decide(zone: &DomainName, existing: &[RecordData], input: &RecordInput, ok: u64) -> Answer {
    let record = match validate_record(zone, input) {
        Ok(record) => record,
        Err(error) => return Answer::refused(error),
    };
    match check_zone_rules(existing, &record) {
        Ok(()) => Answer { status: ok, field: None, stored: Some(record) },
        Err(violation) => {
            let status = match violation.kind {
                ViolationKind::Conflict => 409,
                ViolationKind::Duplicate => 400,
            };
            Answer { status, field: Some(violation.field), stored: None }
        }
    }
}

fn compare(expect: &Map<String, Value>, answer: &Answer) -> Result<(), String> {
    let status = expect.get("status").and_then(Value::as_u64).ok_or("expect.status missing")?;
    if answer.status != status {
        return Err(format!("expected status {status}, got {answer:?}"));
    }

    if let Some(field) = expect.get("field") {
        let field = field.as_str().and_then(Field::from_hint).ok_or("unknown expect.field")?;
        if answer.field != Some(field) {
            return Err(format!("expected field {}, got {answer:?}", field.as_str()));
        }
    }

    let Some(stored) = expect.get("stored").and_then(Value::as_object) else {
        return Ok(());
    };
    let record = answer.stored.as_ref().ok_or("a stored record was expected")?;
    for (key, want) in stored {
        let got = match key.as_str() {
            "name" => Value::from(record.name.as_str()),
            "value" => Value::from(record.value.as_str()),
            "ttl" => Value::from(record.ttl.seconds()),
            "priority" => record.priority.map_or(Value::Null, Value::from),
            "record_type" => Value::from(record.record_type.as_str()),
            other => return Err(format!("unknown stored key {other}")),
        };
        if &got != want {
            return Err(format!("stored {key} is {got}, expected {want}"));
        }
    }
    Ok(())
}

/// A record input from a JSON object, with the fields of `base` where the object omits them.
fn input_from<'a>(
    object: &'a Map<String, Value>,
    base: Option<&'a RecordData>,
) -> Result<RecordInput<'a>, String> {
    let known = ["record_type", "name", "value", "ttl", "priority"];
    if let Some(key) = object.keys().find(|key| !known.contains(&key.as_str())) {
        return Err(format!("unknown record key {key}"));
    }

    let text = |key: &str, from_base: Option<&'a str>| -> Result<&'a str, String> {
        match object.get(key) {
            Some(value) => value.as_str().ok_or(format!("{key} is not a string")),
            None => from_base.ok_or(format!("{key} is missing")),
        }
    };
    let number = |key: &str, from_base: Option<i64>| -> Result<Option<i64>, String> {
        match object.get(key) {
            Some(Value::Null) => Ok(None),
            Some(value) => value.as_i64().map(Some).ok_or(format!("{key} is not an integer")),
            None => Ok(from_base),
        }
    };

    Ok(RecordInput {
        record_type: text("record_type", base.map(|r| r.record_type.as_str()))?,
        name: text("name", base.map(|r| r.name.as_str()))?,
        value: text("value", base.map(|r| r.value.as_str()))?,
        ttl: number("ttl", base.map(|r| i64::from(r.ttl.seconds())))?,
        priority: number("priority", base.and_then(|r| r.priority.map(i64::from)))?,
    })
}

fn text_of<'a>(object: &'a Map<String, Value>, key: &str) -> &'a str {
    object.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("case without {key}"))
}

#[test]
fn a_patch_that_names_no_ttl_keeps_the_stored_one() {
    let zone = DomainName::parse("example.com").expect("domain");
    let before = RecordInput {
        record_type: "A",
        name: "home",
        value: "192.0.2.30",
        ttl: Some(7200),
        priority: None,
    };
    let old = validate_record(&zone, &before).expect("valid");
    let mut patch = Map::new();
    patch.insert("value".to_string(), Value::from("192.0.2.31"));
    let input = input_from(&patch, Some(&old)).expect("merged");
    let answer = decide(&zone, &[], &input, 200);
    let stored = answer.stored.expect("accepted");
    assert_eq!((stored.value.as_str(), stored.ttl.seconds()), ("192.0.2.31", 7200));
}

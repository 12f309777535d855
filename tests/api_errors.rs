//! Reading the API's answers: every shape of shared/cases/client.md becomes the error the
//! pages act on.

mod support;

use dns_dashboard::api::ApiError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const JSON: Option<&str> = Some("application/json");

#[wasm_bindgen_test]
fn invalid_token_is_unauthorized() {
    let error = ApiError::from_response(
        401,
        JSON,
        None,
        r#"{"detail": "Invalid token", "error_code": "invalid_token"}"#,
    );
    assert_eq!(error, ApiError::Unauthorized { detail: "Invalid token".into() });
}

#[wasm_bindgen_test]
fn missing_permission_names_the_permission() {
    let error = ApiError::from_response(
        403,
        JSON,
        None,
        r#"{"detail": "Token lacks dns:create permission", "error_code": "permission_denied"}"#,
    );
    let ApiError::Forbidden { permission, .. } = &error else { panic!("{error:?}") };
    assert_eq!(permission.as_deref(), Some("dns:create"));
    assert!(error.message().contains("dns:create"));
}

#[wasm_bindgen_test]
fn field_hint_lands_on_its_field() {
    let error = ApiError::from_response(
        400,
        JSON,
        None,
        r#"{"detail": "MX records require a priority value",
            "error_code": "validation_error", "field": "priority"}"#,
    );
    let ApiError::Rejected(rejection) = error else { panic!("not a rejection") };
    assert_eq!(rejection.message_for("priority"), Some("MX records require a priority value"));
    assert!(rejection.general.is_empty());
}

#[wasm_bindgen_test]
fn detail_without_field_is_general() {
    let error = ApiError::from_response(
        409,
        JSON,
        None,
        r#"{"detail": "A CNAME must stand alone", "error_code": "conflict"}"#,
    );
    let ApiError::Rejected(rejection) = error else { panic!("not a rejection") };
    assert_eq!(rejection.general, vec!["A CNAME must stand alone".to_owned()]);
}

#[wasm_bindgen_test]
fn html_502_is_a_server_error_with_its_status() {
    let error = ApiError::from_response(502, Some("text/html"), None, "<html>Bad gateway</html>");
    assert_eq!(error, ApiError::Server { status: 502, detail: None });
    assert!(error.message().contains("502"));
    assert!(error.is_retryable());
}

#[wasm_bindgen_test]
fn json_claimed_but_not_json_is_still_a_server_error() {
    let error = ApiError::from_response(500, JSON, None, "<html>oops</html>");
    assert_eq!(error, ApiError::Server { status: 500, detail: None });
}

#[wasm_bindgen_test]
fn rate_limited_reads_retry_after() {
    let error = ApiError::from_response(429, JSON, Some("2"), r#"{"detail": "Slow down"}"#);
    assert_eq!(error, ApiError::RateLimited { retry_after: Some(2) });
}

//! Reading the API's answers: every shape of shared/cases/client.md becomes the error the
//! pages act on, told in the language asked for.

mod support;

use dns_dashboard::api::ApiError;
use dns_dashboard::i18n::{I18n, Lang};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn invalid_token_is_unauthorized() {
    let error = ApiError::from_response(
        401,
        None,
        r#"{"detail": "Invalid token", "error_code": "invalid_token"}"#,
    );
    assert_eq!(error, ApiError::Unauthorized { detail: "Invalid token".into() });
}

/// Case missing-permission.
#[wasm_bindgen_test]
fn missing_permission_names_the_permission() {
    let error = ApiError::from_response(
        403,
        None,
        r#"{"detail": "Token lacks dns:create permission", "error_code": "permission_denied"}"#,
    );
    let ApiError::Forbidden { permission, .. } = &error else { panic!("{error:?}") };
    assert_eq!(permission.as_deref(), Some("dns:create"));
    assert!(error.message().contains("dns:create"));
    assert!(error.message_in(Lang::Sq).contains("dns:create"));
    assert!(error.message_in(Lang::Sq).contains("leja"), "{}", error.message_in(Lang::Sq));
}

/// Case field-hint.
#[wasm_bindgen_test]
fn field_hint_lands_on_its_field() {
    let error = ApiError::from_response(
        400,
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
        None,
        r#"{"detail": "A CNAME must stand alone", "error_code": "conflict"}"#,
    );
    let ApiError::Rejected(rejection) = error else { panic!("not a rejection") };
    assert_eq!(rejection.general, vec!["A CNAME must stand alone".to_owned()]);
}

/// Case html-502.
#[wasm_bindgen_test]
fn html_502_is_a_server_error_with_its_status() {
    let error = ApiError::from_response(502, None, "<html>Bad gateway</html>");
    assert_eq!(error, ApiError::Server { status: 502, detail: None });
    assert!(error.message().contains("502"));
    assert!(error.message_in(Lang::Sq).starts_with("Serveri u përgjigj me 502"));
    assert!(error.is_retryable());
}

#[wasm_bindgen_test]
fn json_claimed_but_not_json_is_still_a_server_error() {
    let error = ApiError::from_response(500, None, "<html>oops</html>");
    assert_eq!(error, ApiError::Server { status: 500, detail: None });
}

/// Neighbour of field-hint: the API's JSON labelled as plain text by something on the way.
#[wasm_bindgen_test]
fn a_json_error_labelled_as_text_is_still_read() {
    let body = r#"{"detail": "MX records require a priority value", "field": "priority"}"#;
    let error = ApiError::from_response(400, None, body);
    let ApiError::Rejected(rejection) = error else { panic!("not a rejection: {error:?}") };
    assert_eq!(rejection.message_for("priority"), Some("MX records require a priority value"));
}

#[wasm_bindgen_test]
fn rate_limited_reads_retry_after() {
    let error = ApiError::from_response(429, Some("2"), r#"{"detail": "Slow down"}"#);
    assert_eq!(error, ApiError::RateLimited { retry_after: Some(2) });
}

/// Case drf-field-map.
#[wasm_bindgen_test]
fn a_drf_field_map_keeps_each_message_with_its_field() {
    let error = ApiError::from_response(
        400,
        None,
        r#"{"priority": ["This field is required."], "value": ["Enter a valid hostname."]}"#,
    );
    let ApiError::Rejected(rejection) = error else { panic!("not a rejection") };
    assert_eq!(rejection.message_for("priority"), Some("This field is required."));
    assert_eq!(rejection.message_for("value"), Some("Enter a valid hostname."));
}

/// Case network-down: the browser's own words are not shown, in either language.
#[wasm_bindgen_test]
fn network_down_says_what_to_do_without_the_browsers_words() {
    let error = ApiError::Network { message: "TypeError: Failed to fetch".into() };
    assert!(error.is_retryable());
    for lang in Lang::ALL {
        let message = error.message_in(lang);
        assert!(!message.contains("TypeError"), "{message}");
        assert!(!message.is_empty());
    }
    assert_ne!(error.message_in(Lang::En), error.message_in(Lang::Sq));
}

#[wasm_bindgen_test]
fn an_answer_without_words_is_told_by_the_dashboard() {
    let refused = ApiError::from_response(401, None, "<html></html>");
    assert_eq!(refused, ApiError::Unauthorized { detail: String::new() });
    assert!(refused.message_in(Lang::En).contains("Enter a valid API token"));
    assert!(refused.message_in(Lang::Sq).contains("token të vlefshëm"));

    let empty = ApiError::from_response(400, None, "{}");
    let ApiError::Rejected(rejection) = &empty else { panic!("{empty:?}") };
    assert!(rejection.general.is_empty() && rejection.fields.is_empty());
    assert_eq!(empty.message_in(Lang::En), "The server refused the request (400).");
    assert_eq!(empty.message_in(Lang::Sq), "Serveri e refuzoi kërkesën (400).");
}

#[wasm_bindgen_test]
fn the_apis_own_detail_is_shown_as_sent() {
    let error = ApiError::from_response(
        409,
        None,
        r#"{"detail": "A CNAME must stand alone", "error_code": "conflict"}"#,
    );
    assert_eq!(error.message_in(Lang::Sq), "A CNAME must stand alone");
    let server = ApiError::from_response(500, None, r#"{"detail": "database is locked"}"#);
    assert_eq!(server.message_in(Lang::Sq), "Serveri u përgjigj me 500: database is locked");
}

/// A task started with `spawn_local` sees no context; its messages follow the dashboard's
/// language all the same.
#[wasm_bindgen_test]
fn message_reads_the_language_in_context_or_else_the_dashboards() {
    let error = ApiError::RateLimited { retry_after: None };
    let _dashboard = I18n::fixed(Lang::Sq);
    assert_eq!(error.message(), error.message_in(Lang::Sq), "no context: the dashboard's");
    let _dashboard = I18n::fixed(Lang::En);
    assert_eq!(error.message(), error.message_in(Lang::En), "no context: the dashboard's");

    let owner = Owner::new();
    owner.with(|| {
        provide_context(I18n::fixed(Lang::Sq));
        assert_eq!(error.message(), error.message_in(Lang::Sq));
        assert_eq!(error.to_string(), error.message_in(Lang::Sq));
    });
}

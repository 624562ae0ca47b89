//! The example crate's generated API, checked against its own specs.

use ci_errors_runtime::Code;
use http_api_errors_example::{sdk, v1, v2, v2_successor};

#[test]
fn snake_case_codes_become_camel_case_variants() {
    assert_eq!(v1::ApiError::InvalidAmount.as_str(), "invalid_amount");
    assert_eq!(
        "card_declined".parse::<v1::ApiError>(),
        Ok(v1::ApiError::CardDeclined)
    );
    assert_eq!(v1::ApiError::ALL.len(), 7);
}

#[test]
fn one_code_two_statuses_and_descriptions_as_plain_text() {
    assert_eq!(
        v1::ApiError::PaymentNotFound.statuses().collect::<Vec<_>>(),
        [404, 409]
    );
    assert_eq!(
        v1::ApiError::InvalidCurrency.description(400),
        Some("The currency is not an ISO 4217 code.")
    );
    assert_eq!(
        v1::ApiError::RateLimited.row(429).unwrap().section,
        Some("Request errors")
    );
    assert_eq!(v1::ApiError::Maintenance.row(503).unwrap().reason, "");
}

#[test]
fn the_extra_header_word_reads_v2() {
    assert_eq!(v2::ApiError::Card3dsRequired.as_str(), "card.3ds-required");
    assert_eq!(
        v2::ApiError::for_status(429).collect::<Vec<_>>(),
        [v2::ApiError::LimitsRate, v2::ApiError::LimitsDaily]
    );
    assert!(v2::ApiError::CardExpired
        .row(402)
        .unwrap()
        .is_client_error());
    assert_eq!(v2::ApiError::all_rows().count(), 5);
}

#[test]
fn unknown_codes_are_kept_and_modules_do_not_mix() {
    // One runtime `Code` for both modules, typed by the module's enum.
    assert_eq!(
        Code::<v2::ApiError>::from("limits.monthly"),
        Code::Unknown("limits.monthly".into())
    );
    assert_eq!(
        Code::<v1::ApiError>::from("rate_limited"),
        v1::ApiError::RateLimited
    );
    assert!("card_declined".parse::<v2::ApiError>().is_err());
    assert_eq!(
        v2_successor(v1::ApiError::RateLimited),
        Some(v2::ApiError::LimitsRate)
    );
    assert_eq!(v2_successor(v1::ApiError::Internal), None);
}

#[test]
fn sdk_codes_have_no_status_but_a_value_a_remedy_and_a_category() {
    use sdk::{ApiError, Lang};
    let expired = ApiError::SessionExpired;
    assert_eq!(expired.as_str(), "Session.Expired");
    assert_eq!(expired.statuses().count(), 0);
    assert_eq!(expired.row(200), None);
    // One code in two sections: both rows, each with its section and texts.
    let sections: Vec<_> = expired.rows().map(|r| r.section).collect();
    assert_eq!(sections, [Some("Session errors"), Some("Network errors")]);
    assert!(expired
        .rows()
        .all(|r| r.status.is_none() && r.class().is_none()));
    assert_eq!(expired.describe(Lang::En), "The session has expired.");
    assert_eq!(expired.remedy(Lang::En), Some("Sign in again."));
    assert_eq!(
        expired.rows().nth(1).unwrap().remedy(),
        Some("Sign in, then resend.")
    );
    assert_eq!(expired.value(), Some(-1001));
    assert_eq!(ApiError::from_value(-2001), Some(ApiError::NetworkTimeout));
    assert_eq!(ApiError::from_value(-9999), None);
    assert_eq!(expired.category(), Some("Session"));
    // A code the SDK does not list still has its category.
    assert_eq!(
        Code::<ApiError>::from("Session.Unlisted").category(),
        Some("Session")
    );
    assert_eq!(v1::ApiError::CardDeclined.category(), None);
    assert_eq!(v1::ApiError::CardDeclined.value(), None);
}

/// The checked-in `generated/api_errors.rs` is what the specs give; with
/// `CI_ERRORS_CODEGEN_UPDATE=1` this test rewrites it instead.
#[test]
fn checked_in_generated_code_is_up_to_date() {
    let builder = ci_errors_codegen::Builder::from_manifest(env!("CARGO_MANIFEST_DIR")).unwrap();
    if let Err(stale) = builder.check_checked_in() {
        panic!("{stale}");
    }
}

/// A spec without a body of its own still gets the runtime's typed error,
/// with one feature: API 3.0 JSON errors read into the runtime's
/// `ErrorDocument`, ids from the settings' header, retry from the settings' class.
#[cfg(feature = "http")]
#[test]
fn a_body_less_spec_gets_the_typed_error_with_one_feature() {
    use sdk::{ApiError, ServiceError};
    let json = r#"{"Response":{"Error":{"Code":"Session.Expired","Message":"Sign in."}}}"#;
    let response = http::Response::builder()
        .status(200)
        .header("x-request-id", "h-1")
        .body(json)
        .unwrap();
    let err = ServiceError::from_response(&response);
    assert_eq!(
        err.typed_code(),
        Some(&Code::Known(ApiError::SessionExpired))
    );
    assert_eq!(err.message(), Some("Sign in."));
    assert_eq!(err.request_id(), Some("h-1"));
    assert_eq!(err.spec_description(), Some("The session has expired."));
    assert!(err.is_retryable(), "a transient code by the settings");
    // The same body from its bytes alone, as the module's named document.
    let sdk::ResponseBody::Parsed(doc) = sdk::ResponseBody::read(json.as_bytes()) else {
        panic!("an API 3.0 error is a document")
    };
    let doc: sdk::ErrorDocument = doc;
    assert_eq!(doc.code, Code::Known(ApiError::SessionExpired));
    assert_eq!(doc.message.as_deref(), Some("Sign in."));
    assert_eq!(
        ApiError::SessionExpired.retry_class(),
        Some(ci_errors_runtime::retry::RetryClass::Transient)
    );
    let xml = "<Error><Code>Network.Timeout</Code></Error>";
    let err =
        ServiceError::from_response(&http::Response::builder().status(200).body(xml).unwrap());
    assert_eq!(
        err.typed_code(),
        Some(&Code::Known(ApiError::NetworkTimeout))
    );
    assert!(!err.is_retryable());
}

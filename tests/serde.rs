//! Feature `serde`: codes as their code strings.
#![cfg(feature = "serde")]

use ci_errors::xml::ExtraElement;
use ci_errors::{Code, ErrorCode, ErrorResponse};

#[test]
fn error_code_serializes_as_its_string() {
    for &code in ErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
    }
    let unlisted = unlisted();
    let err = serde_json::from_str::<ErrorCode>(&format!("\"{unlisted}\"")).unwrap_err();
    assert!(err.to_string().contains(&unlisted), "{err}");
}

/// A code the spec does not list, whatever it lists.
fn unlisted() -> String {
    let mut code = String::from("Other");
    while ErrorCode::from_code(&code).is_some() {
        code.push('X');
    }
    code
}

#[test]
fn code_accepts_any_string() {
    for &code in ErrorCode::ALL {
        assert_eq!(
            serde_json::from_str::<Code>(&format!("\"{code}\"")).unwrap(),
            Code::Known(code)
        );
    }
    let unlisted = unlisted();
    assert_eq!(
        serde_json::from_str::<Code>(&format!("\"{unlisted}\"")).unwrap(),
        Code::Unknown(unlisted.clone())
    );
    assert_eq!(
        serde_json::to_string(&Code::Unknown(unlisted.clone())).unwrap(),
        format!("\"{unlisted}\"")
    );
}

#[test]
fn error_response_round_trips_through_json() {
    let code = ErrorCode::ALL[0];
    let mut r = ErrorResponse::new(code);
    r.message = Some("No.".into());
    r.extra.push(ExtraElement::new("Resource", "/b/k").unwrap());
    let json = serde_json::to_value(&r).unwrap();
    // Field names are the Rust fields' (snake_case), a documented choice.
    assert_eq!(json["code"], code.as_str());
    assert_eq!(json["message"], "No.");
    assert_eq!(json["request_id"], serde_json::Value::Null);
    assert_eq!(serde_json::from_value::<ErrorResponse>(json).unwrap(), r);
}

/// A deserialized unknown element is checked as a read one is: it cannot
/// carry markup that `to_xml` would write raw.
#[test]
fn a_deserialized_extra_element_cannot_inject_markup() {
    let good = ExtraElement::new("Resource", "/b/k").unwrap();
    let json = serde_json::to_value(&good).unwrap();
    assert_eq!(
        serde_json::from_value::<ExtraElement>(json.clone()).unwrap(),
        good
    );
    let mut forged = json.clone();
    forged["xml"] = "<Resource>/b/k</Resource></Error><Evil/>".into();
    assert!(serde_json::from_value::<ExtraElement>(forged).is_err());
    let mut renamed = json;
    renamed["name"] = "Other".into();
    assert!(serde_json::from_value::<ExtraElement>(renamed).is_err());
}

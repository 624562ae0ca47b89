//! Status cells: `NNN` or `NNN Reason`, and the standard reason phrases they are checked against.

/// A status cell that is not `NNN` or `NNN Reason` with 100 ≤ NNN ≤ 599.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusError {
    /// The cell is empty.
    Empty,
    /// The cell does not start with a number (`N/A`, a description in the wrong column).
    NotANumber,
    /// The number, as written, is outside 100–599.
    OutOfRange(String),
}

/// Parses a status cell's plain text into the status and the reason as written (`""` when absent).
pub fn parse_status(text: &str) -> Result<(u16, &str), StatusError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StatusError::Empty);
    }
    let (number, reason) = match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim_start()),
        None => (text, ""),
    };
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StatusError::NotANumber);
    }
    // More than three digits is out of range whatever the value.
    match number.parse::<u16>() {
        Ok(status @ 100..=599) if number.len() == 3 => Ok((status, reason)),
        _ => Err(StatusError::OutOfRange(number.to_owned())),
    }
}

/// The standard reason phrases of `status` (IANA registry; older names kept), or `&[]` if unregistered.
pub fn standard_reasons(status: u16) -> &'static [&'static str] {
    match status {
        100 => &["Continue"],
        101 => &["Switching Protocols"],
        102 => &["Processing"],
        103 => &["Early Hints"],
        200 => &["OK"],
        201 => &["Created"],
        202 => &["Accepted"],
        203 => &["Non-Authoritative Information"],
        204 => &["No Content"],
        205 => &["Reset Content"],
        206 => &["Partial Content"],
        207 => &["Multi-Status"],
        208 => &["Already Reported"],
        226 => &["IM Used"],
        300 => &["Multiple Choices"],
        301 => &["Moved Permanently"],
        302 => &["Found", "Moved Temporarily"],
        303 => &["See Other"],
        304 => &["Not Modified"],
        305 => &["Use Proxy"],
        307 => &["Temporary Redirect"],
        308 => &["Permanent Redirect"],
        400 => &["Bad Request"],
        401 => &["Unauthorized"],
        402 => &["Payment Required"],
        403 => &["Forbidden"],
        404 => &["Not Found"],
        405 => &["Method Not Allowed"],
        406 => &["Not Acceptable"],
        407 => &["Proxy Authentication Required"],
        408 => &["Request Timeout", "Request Time-out"],
        409 => &["Conflict"],
        410 => &["Gone"],
        411 => &["Length Required"],
        412 => &["Precondition Failed"],
        413 => &[
            "Content Too Large",
            "Payload Too Large",
            "Request Entity Too Large",
        ],
        414 => &[
            "URI Too Long",
            "Request-URI Too Long",
            "Request-URI Too Large",
        ],
        415 => &["Unsupported Media Type"],
        416 => &["Range Not Satisfiable", "Requested Range Not Satisfiable"],
        417 => &["Expectation Failed"],
        418 => &["I'm a teapot", "I'm a Teapot"],
        421 => &["Misdirected Request"],
        422 => &["Unprocessable Content", "Unprocessable Entity"],
        423 => &["Locked"],
        424 => &["Failed Dependency"],
        425 => &["Too Early"],
        426 => &["Upgrade Required"],
        428 => &["Precondition Required"],
        429 => &["Too Many Requests"],
        431 => &["Request Header Fields Too Large"],
        451 => &["Unavailable For Legal Reasons"],
        500 => &["Internal Server Error"],
        501 => &["Not Implemented"],
        502 => &["Bad Gateway"],
        503 => &["Service Unavailable"],
        504 => &["Gateway Timeout", "Gateway Time-out"],
        505 => &["HTTP Version Not Supported"],
        506 => &["Variant Also Negotiates"],
        507 => &["Insufficient Storage"],
        508 => &["Loop Detected"],
        510 => &["Not Extended"],
        511 => &["Network Authentication Required"],
        _ => &[],
    }
}

/// Whether `reason` is a standard phrase of `status` (case-insensitive). An
/// unregistered status has nothing to compare with, so any reason is accepted.
pub fn is_standard_reason(status: u16, reason: &str) -> bool {
    let known = standard_reasons(status);
    known.is_empty() || known.iter().any(|r| r.eq_ignore_ascii_case(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_number_and_reason() {
        assert_eq!(parse_status("404"), Ok((404, "")));
        assert_eq!(
            parse_status("500 Internal Server"),
            Ok((500, "Internal Server"))
        );
        assert_eq!(parse_status(" 100 Continue "), Ok((100, "Continue")));
        assert_eq!(parse_status("599"), Ok((599, "")));
    }

    #[test]
    fn refuses_non_numbers_and_out_of_range() {
        assert_eq!(parse_status(""), Err(StatusError::Empty));
        assert_eq!(parse_status("N/A"), Err(StatusError::NotANumber));
        assert_eq!(parse_status("4O4 Not Found"), Err(StatusError::NotANumber));
        assert_eq!(parse_status("404Not"), Err(StatusError::NotANumber));
        assert_eq!(parse_status("-404"), Err(StatusError::NotANumber));
        assert_eq!(
            parse_status("99"),
            Err(StatusError::OutOfRange("99".into()))
        );
        assert_eq!(
            parse_status("600 X"),
            Err(StatusError::OutOfRange("600".into()))
        );
        assert_eq!(
            parse_status("99999999999999999999999"),
            Err(StatusError::OutOfRange("99999999999999999999999".into()))
        );
    }

    #[test]
    fn standard_reasons_accept_old_names_and_flag_others() {
        assert!(is_standard_reason(413, "Payload Too Large"));
        assert!(is_standard_reason(500, "internal server error"));
        assert!(!is_standard_reason(500, "Internal Server"));
        assert!(is_standard_reason(599, "Anything"));
    }
}

//! Status cells, and the standard reason phrases they are checked against.
//!
//! A cell holds one status or several. Each is written `NNN`, `NNN Reason`,
//! `NNN (Reason)` or `Reason (NNN)` (brackets ASCII or full-width; `HTTP 404`,
//! `404 - Reason` and `400—Bad Request` are read too); several
//! are separated by commas, slashes, semicolons, line breaks, `or` or `或`.
//! A separator followed only by words belongs to a reason phrase instead.

use crate::pipeline::layout::vocabulary::fold_width;

/// A status cell, or one part of it, that is not a status with 100 ≤ NNN ≤ 599.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusError {
    /// The cell is empty.
    Empty,
    /// The text has no status number (`N/A`, a description in the wrong column).
    NotANumber,
    /// The number, as written, is outside 100–599.
    OutOfRange(String),
}

/// One status found in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusPart<'a> {
    /// The part as written, trimmed.
    pub text: &'a str,
    /// Byte offset of the number (or of the part, when it has none) in the cell text.
    pub offset: usize,
    /// The status and its reason as written (`""` when absent), or why the part is not one.
    pub parsed: Result<(u16, &'a str), StatusError>,
}

/// Whether a status cell says the row has no status: `N/A`, `-`, `—`,
/// `无`, `なし`, `없음` and the like (an empty cell is not one: it is a
/// status left out).
pub(crate) fn is_no_status(text: &str) -> bool {
    let folded: String = text
        .trim()
        .chars()
        .map(crate::pipeline::layout::vocabulary::fold_width)
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        folded.as_str(),
        "n/a"
            | "na"
            | "-"
            | "--"
            | "—"
            | "–"
            | "——"
            | "无"
            | "無"
            | "なし"
            | "없음"
            | "none"
            | "null"
    )
}

/// Parses a cell's plain text into its statuses, in order. An empty cell
/// gives one [`StatusError::Empty`] part; empty parts between separators are dropped.
pub fn parse_statuses(text: &str) -> Vec<StatusPart<'_>> {
    let mut parts = Vec::new();
    for (start, part) in join_reason_words(text, split_parts(text)) {
        let trimmed = part.trim_start();
        let start = start + (part.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        let (parsed, number_at) = parse_one(trimmed);
        parts.push(StatusPart {
            text: trimmed,
            offset: start + number_at,
            parsed,
        });
    }
    if parts.is_empty() {
        parts.push(StatusPart {
            text: text.trim(),
            offset: 0,
            parsed: Err(StatusError::Empty),
        });
    }
    parts
}

/// Parses a cell that must hold exactly one status: `NNN`, `NNN Reason`,
/// `NNN (Reason)` or `Reason (NNN)`.
#[cfg(test)]
fn parse_status(text: &str) -> Result<(u16, &str), StatusError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StatusError::Empty);
    }
    parse_one(text).0
}

/// Splits a status cell at its separators: punctuation, as
/// `split_punctuation` does, and the words `or` and `或`.
fn split_parts(text: &str) -> Vec<(usize, &str)> {
    split_listing(text, true)
}

/// Splits a listing at `,` `;` `/` `、` (and their full-width forms) and
/// line breaks; a slash between letters (`N/A`) is not a separator. Code
/// cells are listed so: the words `or` and `或` would cut phrases such as
/// `Access or refresh denied`.
pub(crate) fn split_punctuation(text: &str) -> Vec<(usize, &str)> {
    split_listing(text, false)
}

/// Gives each part, untrimmed, with its byte offset; `words` splits at
/// `or` and `或` too.
fn split_listing(text: &str, words: bool) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let between_letters = || {
            text[..i].ends_with(char::is_alphabetic)
                && text[i + c.len_utf8()..].starts_with(char::is_alphabetic)
        };
        let width = if matches!(fold_width(c), ',' | ';' | '\n' | '、')
            || (words && c == '或')
            || (fold_width(c) == '/' && !between_letters())
        {
            c.len_utf8()
        } else if words
            && (c == 'o' || c == 'O')
            && text
                .get(i..i + 2)
                .is_some_and(|w| w.eq_ignore_ascii_case("or"))
            && text[..i].ends_with(char::is_whitespace)
            && text[i + 2..].starts_with(char::is_whitespace)
        {
            2
        } else {
            continue;
        };
        parts.push((start, &text[start..i]));
        start = i + width;
        if width == 2 {
            chars.next();
        }
    }
    parts.push((start, &text[start..]));
    parts
}

/// Joins a part made only of words (letters and spaces) to the part before
/// it, or to the one after it when it comes first: such a part is a reason
/// phrase that happens to hold a separator (`100 Or Aa`, `Not Found, Gone
/// (410)`), not a status of its own. Other parts without a number (`N/A`)
/// stay apart, so they are refused on their own.
fn join_reason_words<'a>(text: &'a str, parts: Vec<(usize, &'a str)>) -> Vec<(usize, &'a str)> {
    let is_words = |part: &str| {
        !part.trim().is_empty() && part.chars().all(|c| c.is_alphabetic() || c.is_whitespace())
    };
    let mut joined: Vec<(usize, usize)> = Vec::new();
    // Leading word parts, waiting for the part they belong to.
    let mut leading: Option<usize> = None;
    for (start, part) in parts {
        let end = start + part.len();
        if is_words(part) {
            match joined.last_mut() {
                Some(last) => last.1 = end,
                None => {
                    leading.get_or_insert(start);
                }
            }
        } else if part.trim().is_empty() {
            // Dropped by the caller; a joined part may span it.
            continue;
        } else {
            joined.push((leading.take().unwrap_or(start), end));
        }
    }
    if let Some(start) = leading {
        joined.push((start, text.len()));
    }
    joined.into_iter().map(|(s, e)| (s, &text[s..e])).collect()
}

/// Parses one trimmed, non-empty part; gives the offset of its number too.
fn parse_one(part: &str) -> (Result<(u16, &str), StatusError>, usize) {
    // `HTTP 404`: the protocol's name before the number says nothing more.
    let skipped = match part.get(..5) {
        Some(head) if head.eq_ignore_ascii_case("http ") => {
            part.len() - part[5..].trim_start().len()
        }
        _ => 0,
    };
    let text = &part[skipped..];
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        // `NNN`, `NNN Reason`, `NNN (Reason)`, `NNN - Reason`, `NNN: Reason`.
        let rest = &text[digits..];
        // What follows a mark right after the number (`:` or a dash).
        let after_mark = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        let reason = match unbracket(rest.trim()) {
            Some(inner) => inner,
            None if rest.is_empty() || rest.starts_with(char::is_whitespace) => rest
                .trim()
                .trim_start_matches(['-', '–', '—', ':', '：'])
                .trim_start(),
            // `404: Reason`, `400—Bad Request`: a dash needs words after it (`404-1` is no status).
            None if rest.starts_with([':', '：'])
                || (rest.starts_with(['-', '–', '—'])
                    && after_mark.trim_start().starts_with(char::is_alphabetic)) =>
            {
                after_mark.trim()
            }
            None => return (Err(StatusError::NotANumber), skipped),
        };
        return (in_range(&text[..digits]).map(|s| (s, reason)), skipped);
    }
    if skipped > 0 {
        return (Err(StatusError::NotANumber), 0);
    }
    // `Reason (NNN)`.
    let Some(open) = text.rfind(['(', '（']) else {
        return (Err(StatusError::NotANumber), 0);
    };
    let inner = match unbracket(&text[open..]) {
        Some(inner) if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) => inner,
        _ => return (Err(StatusError::NotANumber), 0),
    };
    let number_at = open + text[open..].find(inner).unwrap_or(0);
    let reason = text[..open].trim();
    (in_range(inner).map(|s| (s, reason)), number_at)
}

/// The text inside `(…)` or `（…）` when `text` is exactly that, trimmed.
fn unbracket(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('(').or_else(|| text.strip_prefix('（'))?;
    let inner = inner
        .strip_suffix(')')
        .or_else(|| inner.strip_suffix('）'))?;
    Some(inner.trim())
}

/// The status a digit string names, if it is three digits from 100 to 599.
fn in_range(number: &str) -> Result<u16, StatusError> {
    // More than three digits is out of range whatever the value.
    match number.parse::<u16>() {
        Ok(status @ 100..=599) if number.len() == 3 => Ok(status),
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
    fn every_standard_reason_is_known_and_others_are_not() {
        for (status, reason) in [
            (400, "Bad Request"),
            (402, "Payment Required"),
            (404, "Not Found"),
            (409, "Conflict"),
            (429, "Too Many Requests"),
            (503, "Service Unavailable"),
        ] {
            assert!(is_standard_reason(status, reason), "{status} {reason}");
        }
        assert!(!is_standard_reason(402, "Not Found"));
        // Every status IANA registers has its reason.
        let registered = [
            100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
        ]
        .into_iter()
        .chain(300..=308)
        .filter(|&s| s != 306)
        .chain((400..=418).filter(|&s| s != 418))
        .chain([421, 422, 423, 424, 425, 426, 428, 429, 431, 451])
        .chain(500..=508)
        .chain([510, 511]);
        for status in registered {
            assert!(!standard_reasons(status).is_empty(), "{status}");
        }
        assert!(!is_standard_reason(500, "Internal Server"));
    }

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
    fn parses_bracketed_reason_on_either_side() {
        assert_eq!(parse_status("Conflict (409)"), Ok((409, "Conflict")));
        assert_eq!(parse_status("Bad Request（400）"), Ok((400, "Bad Request")));
        assert_eq!(parse_status("409（Conflict）"), Ok((409, "Conflict")));
        assert_eq!(parse_status("409 (Conflict)"), Ok((409, "Conflict")));
        assert_eq!(parse_status("409 - Conflict"), Ok((409, "Conflict")));
        assert_eq!(parse_status("409: Conflict"), Ok((409, "Conflict")));
        assert_eq!(parse_status("400—Bad Request"), Ok((400, "Bad Request")));
        assert_eq!(parse_status("400-Bad Request"), Ok((400, "Bad Request")));
        assert_eq!(parse_status("404-1"), Err(StatusError::NotANumber));
        assert_eq!(parse_status("HTTP 409 Conflict"), Ok((409, "Conflict")));
        assert_eq!(parse_status("HTTP Conflict"), Err(StatusError::NotANumber));
        assert_eq!(parse_status("Conflict (4O9)"), Err(StatusError::NotANumber));
        assert_eq!(
            parse_status("Odd (999)"),
            Err(StatusError::OutOfRange("999".into()))
        );
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

    type Parsed<'a> = (Result<(u16, &'a str), StatusError>, usize);

    fn statuses(text: &str) -> Vec<Parsed<'_>> {
        parse_statuses(text)
            .into_iter()
            .map(|p| (p.parsed, p.offset))
            .collect()
    }

    #[test]
    fn several_statuses_give_each_number_and_its_offset() {
        assert_eq!(
            statuses("400, 412"),
            [(Ok((400, "")), 0), (Ok((412, "")), 5)]
        );
        assert_eq!(
            statuses("403/404"),
            [(Ok((403, "")), 0), (Ok((404, "")), 4)]
        );
        assert_eq!(
            statuses("400 Bad Request or 413 Payload Too Large"),
            [
                (Ok((400, "Bad Request")), 0),
                (Ok((413, "Payload Too Large")), 19)
            ]
        );
        // `或` is three bytes.
        assert_eq!(
            statuses("401或403"),
            [(Ok((401, "")), 0), (Ok((403, "")), 6)]
        );
        assert_eq!(
            statuses("Conflict (409)，Gone (410)"),
            [(Ok((409, "Conflict")), 10), (Ok((410, "Gone")), 23)]
        );
        assert_eq!(
            statuses("400 Bad Request\n403 Forbidden"),
            [(Ok((400, "Bad Request")), 0), (Ok((403, "Forbidden")), 16)]
        );
    }

    #[test]
    fn a_bad_part_is_reported_alone_and_words_containing_or_do_not_split() {
        let parts = parse_statuses("400, N/A");
        assert_eq!(parts[0].parsed, Ok((400, "")));
        assert_eq!(parts[1].parsed, Err(StatusError::NotANumber));
        assert_eq!(parts[1].text, "N/A");
        assert_eq!(parts[1].offset, 5);
        assert_eq!(
            statuses("403 Forbidden for Orders"),
            [(Ok((403, "Forbidden for Orders")), 0)]
        );
        assert_eq!(statuses(" , "), [(Err(StatusError::Empty), 0)]);
        // An `o` before a character of several bytes is no `or`.
        assert_eq!(statuses("400 o中"), [(Ok((400, "o中")), 0)]);
        assert_eq!(parse_statuses("400 or N/A")[1].text, "N/A");
    }

    #[test]
    fn a_separator_inside_a_reason_phrase_does_not_split() {
        assert_eq!(statuses("100 Or Aa"), [(Ok((100, "Or Aa")), 0)]);
        assert_eq!(
            statuses("404 Not Found, Gone"),
            [(Ok((404, "Not Found, Gone")), 0)]
        );
        assert_eq!(
            statuses("Not Found or Gone (410), 412"),
            [(Ok((410, "Not Found or Gone")), 19), (Ok((412, "")), 25)]
        );
        assert_eq!(
            statuses("400 Bad Request / Invalid, 413 或 Too Large"),
            [
                (Ok((400, "Bad Request / Invalid")), 0),
                (Ok((413, "或 Too Large")), 27)
            ]
        );
        assert_eq!(statuses("Gone"), [(Err(StatusError::NotANumber), 0)]);
        assert_eq!(statuses(""), [(Err(StatusError::Empty), 0)]);
    }

    #[test]
    fn every_reason_the_http_crate_knows_is_standard() {
        let mut known = 0;
        for status in 100..=599 {
            let reason = http::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason());
            if let Some(reason) = reason {
                known += 1;
                // `http` writes `Non Authoritative`; the registry, `Non-Authoritative`.
                let fold = |r: &str| r.replace('-', " ").to_ascii_lowercase();
                assert!(
                    standard_reasons(status)
                        .iter()
                        .any(|r| fold(r) == fold(reason)),
                    "{status} {reason}"
                );
            }
        }
        assert!(known > 50, "{known}");
    }

    #[test]
    fn standard_reasons_accept_old_names_and_flag_others() {
        assert!(is_standard_reason(413, "Payload Too Large"));
        assert!(is_standard_reason(500, "internal server error"));
        assert!(!is_standard_reason(500, "Internal Server"));
        assert!(is_standard_reason(599, "Anything"));
    }
}

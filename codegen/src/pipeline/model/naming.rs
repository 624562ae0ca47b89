//! Rust names derived from spec text. Every name returned is a valid,
//! lint-clean identifier, and the same text always gives the same name.

/// Names a derived UpperCamelCase name could hit that a variant cannot have:
/// the keyword `Self`, and `ALL`, the generated enum's associated constant.
pub(crate) const RESERVED_VARIANTS: &[&str] = &["Self", "ALL"];

/// Keywords that cannot be raw identifiers either.
const NON_RAW_KEYWORDS: &[&str] = &["self", "super", "crate", "_"];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// The enum variant for `code`.
///
/// A code that is already an UpperCamelCase identifier (ASCII letters and
/// digits, starting with a capital) is its own name. Otherwise the code is
/// split into words at every other ASCII character, each word gets a capital
/// first letter (a word in capitals is lowered after it: `ERR_ROOM_ID` is
/// `ErrRoomId`), non-ASCII characters become `U` and their hex code point, a
/// leading digit gets `_` in front, and `Self` and `ALL` (the enum's own
/// constant) become `SelfCode` and `ALLCode`. A negative
/// number starts with `Minus` (`-103` is `Minus103`, `103` is `_103`).
pub fn variant_name(code: &str) -> String {
    if let Some(digits) = code.strip_prefix('-') {
        if digits.starts_with(|c: char| c.is_ascii_digit()) {
            return format!("Minus{}", variant_name(digits).trim_start_matches('_'));
        }
    }
    let is_camel = code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.chars().all(|c| c.is_ascii_alphanumeric());
    let mut name = if is_camel {
        code.to_owned()
    } else {
        let mut name = String::new();
        for word in split_words(code) {
            // A word in capitals is a word, not an acronym run on:
            // `ERR_ROOM_ID` gives `ErrRoomId`, as Rust names it. (A code
            // point's `U` and hex digits are not a word of the code.)
            let code_point = word.starts_with('U')
                && word.len() > 4
                && word[1..].bytes().all(|b| b.is_ascii_hexdigit())
                && code.contains(|c: char| !c.is_ascii());
            let shout = !code_point
                && word.chars().filter(char::is_ascii_alphabetic).count() > 1
                && !word.chars().any(|c| c.is_ascii_lowercase());
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                name.push(first.to_ascii_uppercase());
                if shout {
                    name.extend(chars.map(|c| c.to_ascii_lowercase()));
                } else {
                    name.extend(chars);
                }
            }
        }
        name
    };
    if name.is_empty() {
        name.push_str("Empty");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if RESERVED_VARIANTS.contains(&name.as_str()) {
        name.push_str("Code");
    }
    name
}

/// The snake_case struct field for XML node `node` (`RequestId` → `request_id`).
///
/// Keywords get a trailing `_` (`type` → `type_`), so the name works
/// everywhere without raw-identifier syntax.
pub fn field_name(node: &str) -> String {
    let mut name = String::new();
    for word in split_words(node) {
        let chars: Vec<char> = word.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let boundary = i > 0
                && c.is_ascii_uppercase()
                && (chars[i - 1].is_ascii_lowercase()
                    || chars[i - 1].is_ascii_digit()
                    || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())
                        && chars[i - 1].is_ascii_uppercase());
            if (boundary || i == 0) && !name.is_empty() {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        }
    }
    if name.is_empty() {
        name.push_str("empty");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) || NON_RAW_KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Splits at ASCII characters that are not letters or digits; non-ASCII
/// characters become `U{hex}` words of their own.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if !c.is_ascii() {
                words.push(format!("U{:04X}", c as u32));
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether `name` is a plain identifier (what [`variant_name`] and [`field_name`] promise).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
        && !KEYWORDS.contains(&name)
        && !NON_RAW_KEYWORDS.contains(&name)
        && name != "Self"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_codes_are_their_own_names() {
        assert_eq!(variant_name("AccessDenied"), "AccessDenied");
        assert_eq!(variant_name("CIRoleNotExist"), "CIRoleNotExist");
    }

    #[test]
    fn other_codes_get_valid_names() {
        assert_eq!(
            variant_name("InvalidParameter.BucketName"),
            "InvalidParameterBucketName"
        );
        assert_eq!(variant_name("Request has expired"), "RequestHasExpired");
        assert_eq!(variant_name("3rdPartyFailure"), "_3rdPartyFailure");
        assert_eq!(variant_name("Self"), "SelfCode");
        assert_eq!(variant_name("self"), "SelfCode");
        assert_eq!(variant_name("invalid-arg_x"), "InvalidArgX");
        assert_eq!(variant_name("错误"), "U9519U8BEF");
        assert_eq!(variant_name("Café"), "CafU00E9");
        assert_eq!(variant_name("--"), "Empty");
        // Words in capitals are words: Rust's UpperCamelCase.
        assert_eq!(variant_name("ERR_ROOM_ID"), "ErrRoomId");
        assert_eq!(
            variant_name("ERR_SERVER_CENTER_INVALID_ROOMID"),
            "ErrServerCenterInvalidRoomid"
        );
        assert_eq!(
            variant_name("FailedOperation.HTTP_TIMEOUT"),
            "FailedOperationHttpTimeout"
        );
        assert_eq!(variant_name("kTXLiteAVError_Fail"), "KTXLiteAVErrorFail");
        assert_eq!(variant_name("ERR_2FA"), "Err2fa");
        assert_eq!(variant_name("X_Y"), "XY");
        for code in ["a.b", "9", "Self", "ß", "_", "-x-", "Type", "r#x"] {
            assert!(is_identifier(&variant_name(code)), "{code}");
        }
    }

    #[test]
    fn identifiers_are_plain_and_not_keywords() {
        for name in ["A", "_a", "a1", "ErrRoomId", "r#x".trim_start_matches("r#")] {
            assert!(is_identifier(name), "{name}");
        }
        for name in [
            "", "_", "1a", "a-b", "a b", "é", "fn", "self", "Self", "crate", "a.b",
        ] {
            assert!(!is_identifier(name), "{name:?}");
        }
    }

    #[test]
    fn fields_are_snake_case() {
        assert_eq!(field_name("RequestId"), "request_id");
        assert_eq!(field_name("TraceId"), "trace_id");
        assert_eq!(field_name("HTTPStatus"), "http_status");
        assert_eq!(field_name("Type"), "type_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("Host-Id"), "host_id");
        assert_eq!(field_name("V2Key"), "v2_key");
        for node in ["a.b", "9", "Self", "ß", "_", "Type", "crate"] {
            assert!(is_identifier(&field_name(node)), "{node}");
        }
    }
}

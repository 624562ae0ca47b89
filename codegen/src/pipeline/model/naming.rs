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
/// digits, starting with a capital, with a small letter unless it has one
/// letter at most) is its own name. Otherwise (`TIMEOUT` too) the code is
/// split into words at every other ASCII character, each word gets a capital
/// first letter (a word in capitals is lowered after it: `ERR_ROOM_ID` is
/// `ErrRoomId`), non-ASCII characters become `U` and their hex code point, a
/// leading digit gets `_` in front, and `Self` and `ALL` (the enum's own
/// constant) become `SelfCode` and `ALLCode` (`ALL` as a code is `All`; a
/// chosen or spelled name can still be `ALL`). A negative
/// number starts with `Minus` (`-103` is `Minus103`, `103` is `_103`).
pub fn variant_name(code: &str) -> String {
    if let Some(digits) = code.strip_prefix('-') {
        if digits.starts_with(|c: char| c.is_ascii_digit()) {
            return format!("Minus{}", variant_name(digits).trim_start_matches('_'));
        }
    }
    // Capitals only (`TIMEOUT`) are a word in capitals, not UpperCamelCase.
    let letters = code.chars().filter(char::is_ascii_alphabetic).count();
    let is_camel = code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.chars().all(|c| c.is_ascii_alphanumeric())
        && (letters < 2 || code.chars().any(|c| c.is_ascii_lowercase()));
    let name = if is_camel {
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
    finish(name)
}

/// A derived name made a valid variant: `Empty` for nothing, `_` before a
/// leading digit, `Code` after a reserved name.
fn finish(mut name: String) -> String {
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

/// [`variant_name`] with every separator spelled as a word and the letters
/// kept as written: the name of a code whose derived name another code has
/// too (`InvalidParameter.Conflict` beside `InvalidParameterConflict` is
/// `InvalidParameterDotConflict`; `ERR_A` beside `ErrA` is `ERRUnderscoreA`).
pub fn spelled_name(code: &str) -> String {
    let mut name = String::new();
    let mut word_start = true;
    for c in code.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(if word_start {
                c.to_ascii_uppercase()
            } else {
                c
            });
            word_start = false;
            continue;
        }
        match c {
            '.' => name.push_str("Dot"),
            '_' => name.push_str("Underscore"),
            '-' => name.push_str("Hyphen"),
            ' ' => name.push_str("Space"),
            '/' => name.push_str("Slash"),
            ':' => name.push_str("Colon"),
            _ => name.push_str(&format!("U{:04X}", c as u32)),
        }
        word_start = true;
    }
    finish(name)
}

/// One code to name: its text, the name it would take on its own, and
/// whether the settings chose that name (`names = { … }`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wanted<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub chosen: bool,
    /// The name when its own collides: [`spelled_name`] of the code, or of
    /// the name with the code after it (a numeric code named by a column).
    pub spelled: &'a str,
}

/// How a code came by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Naming {
    /// The name it would take on its own.
    Own,
    /// Its spelled name: another code would take the same name, and that
    /// one was chosen by the settings or is its own code (`ErrA` for `ErrA`).
    Spelled { with: Vec<usize>, more: usize },
    /// Still colliding after spelling: a number after it, in the order of
    /// the codes' texts (the first keeps the name). Refused unless lenient.
    Numbered { with: Vec<usize>, more: usize },
}

/// How many of the other codes a naming names (the rest are counted): a
/// group of thousands of codes alike must not cost their square.
const NAMED_OTHERS: usize = 3;

/// The first [`NAMED_OTHERS`] codes of `group` other than `i`, and how many
/// more there are.
fn others(group: &[usize], i: usize) -> (Vec<usize>, usize) {
    let with: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&j| j != i)
        .take(NAMED_OTHERS)
        .collect();
    let more = group.len() - 1 - with.len();
    (with, more)
}

/// Names every code from the set of codes alone, whatever their order: a
/// code keeps the name it would take on its own unless another code would
/// take it too. Then the one the settings chose, or else the one whose text
/// is that name, keeps it, and the others take their spelled names. Names
/// that still collide are numbered in the order of the codes' texts.
pub(crate) fn assign(codes: &[Wanted<'_>]) -> Vec<(String, Naming)> {
    use std::collections::HashMap;
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, want) in codes.iter().enumerate() {
        by_name.entry(want.name).or_default().push(i);
    }
    let mut names: Vec<(String, Naming)> = codes
        .iter()
        .map(|w| (w.name.to_owned(), Naming::Own))
        .collect();
    for group in by_name.values().filter(|g| g.len() > 1) {
        let rank = |&i: &usize| {
            let w = &codes[i];
            if w.chosen {
                0
            } else if w.code == w.name {
                1
            } else {
                2
            }
        };
        let best = group.iter().map(rank).min().unwrap_or(2);
        let keepers: Vec<usize> = group.iter().copied().filter(|i| rank(i) == best).collect();
        let keeper = (best < 2 && keepers.len() == 1).then(|| keepers[0]);
        for &i in group {
            if Some(i) != keeper {
                let (with, more) = others(group, i);
                names[i] = (codes[i].spelled.to_owned(), Naming::Spelled { with, more });
            }
        }
    }
    // Spelled names that meet another name: numbered, by the codes' texts.
    let mut by_final: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (name, _)) in names.iter().enumerate() {
        by_final.entry(name.clone()).or_default().push(i);
    }
    let mut taken: std::collections::HashSet<String> = by_final.keys().cloned().collect();
    let mut groups: Vec<Vec<usize>> = by_final.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for mut group in groups {
        // A code's own (or chosen) name stays with it; the others are numbered.
        group.sort_by_key(|&i| (names[i].1 != Naming::Own, codes[i].code));
        let base = names[group[0]].0.clone();
        let mut n = 2;
        for &i in &group[1..] {
            while taken.contains(&format!("{base}{n}")) {
                n += 1;
            }
            let name = format!("{base}{n}");
            taken.insert(name.clone());
            let (with, more) = others(&group, i);
            names[i] = (name, Naming::Numbered { with, more });
        }
    }
    names
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
        // One letter is no word in capitals; two are.
        assert_eq!(variant_name("A"), "A");
        assert_eq!(variant_name("X1"), "X1");
        assert_eq!(variant_name("AB"), "Ab");
        assert_eq!(variant_name("A1B"), "A1b");
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
        // A word in capitals beside a code point is still a word; the code
        // point's hex digits are not.
        assert_eq!(variant_name("UPPER_错"), "UpperU9519");
        // Capitals only are a word, as Rust (and clippy's
        // `upper_case_acronyms`) would have it.
        assert_eq!(variant_name("UNDO"), "Undo");
        assert_eq!(variant_name("ERR404"), "Err404");
        assert_eq!(variant_name("A1"), "A1");
        for code in ["a.b", "9", "Self", "ß", "_", "-x-", "Type", "r#x"] {
            assert!(is_identifier(&variant_name(code)), "{code}");
        }
    }

    fn wanted<'a>(code: &'a str, name: &'a str, spelled: &'a str) -> Wanted<'a> {
        Wanted {
            code,
            name,
            chosen: false,
            spelled,
        }
    }

    #[test]
    fn colliding_codes_are_named_from_their_own_text_in_any_order() {
        assert_eq!(
            spelled_name("InvalidParameter.Conflict"),
            "InvalidParameterDotConflict"
        );
        assert_eq!(spelled_name("ERR_A"), "ERRUnderscoreA");
        assert_eq!(
            spelled_name("a-b c/d:e+f"),
            "AHyphenBSpaceCSlashDColonEU002BF"
        );
        assert_eq!(spelled_name("1.x"), "_1DotX");
        let codes = [
            ("InvalidParameter.Conflict", "InvalidParameterConflict"),
            ("InvalidParameterConflict", "InvalidParameterConflict"),
            ("Other", "Other"),
        ];
        let spelled: Vec<String> = codes.iter().map(|(c, _)| spelled_name(c)).collect();
        let mut orders = vec![vec![0, 1, 2], vec![1, 0, 2], vec![2, 1, 0]];
        let mut seen = Vec::new();
        for order in orders.drain(..) {
            let wanted: Vec<Wanted> = order
                .iter()
                .map(|&i| wanted(codes[i].0, codes[i].1, &spelled[i]))
                .collect();
            let mut named: Vec<(&str, String)> = assign(&wanted)
                .into_iter()
                .zip(&order)
                .map(|((name, _), &i)| (codes[i].0, name))
                .collect();
            named.sort();
            seen.push(named);
        }
        assert_eq!(
            seen[0],
            [
                (
                    "InvalidParameter.Conflict",
                    "InvalidParameterDotConflict".to_owned()
                ),
                (
                    "InvalidParameterConflict",
                    "InvalidParameterConflict".to_owned()
                ),
                ("Other", "Other".to_owned()),
            ]
        );
        assert!(seen.iter().all(|s| *s == seen[0]));
    }

    #[test]
    fn a_chosen_name_wins_and_names_that_still_meet_are_numbered_by_code() {
        let chosen = Wanted {
            chosen: true,
            ..wanted("x.y", "Kept", "XDotY")
        };
        let named = assign(&[wanted("Kept", "Kept", "Kept"), chosen]);
        assert_eq!(named[1], ("Kept".to_owned(), Naming::Own));
        assert_eq!(named[0].0, "Kept2");
        assert!(matches!(named[0].1, Naming::Numbered { .. }));
        // Two derived names alike, spelled alike too: numbered by code text.
        for order in [[0, 1], [1, 0]] {
            let codes = [wanted("a.b", "AB", "ADotB"), wanted("A.b", "AB", "ADotB")];
            let named = assign(&[codes[order[0]], codes[order[1]]]);
            let of = |code: &str| {
                let at = order.iter().position(|&i| codes[i].code == code).unwrap();
                named[at].0.clone()
            };
            assert_eq!(of("A.b"), "ADotB");
            assert_eq!(of("a.b"), "ADotB2");
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

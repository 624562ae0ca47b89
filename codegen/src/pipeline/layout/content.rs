//! Column roles from what the cells hold, where header words do not decide:
//! as a reader tells a table of codes from a table of parameters. A column
//! of distinct code-shaped cells (identifiers with a code's marks, dotted
//! names) beside prose is the code column; numbers alone are not taken for
//! codes by their look (a numbered list looks the same: their header must
//! say they are codes), but beside a symbolic code they are its values; the
//! longest prose column is the description. Tables of parameters, fields,
//! settings and the like are never read this way.

use crate::pipeline::layout::status::parse_statuses;
use crate::pipeline::layout::vocabulary::{normalize, Column, Vocabulary};
use crate::pipeline::layout::{holds_only_integers, holds_statuses, parse_integer, written};
use crate::pipeline::read::{Cell, Row, Table};
use crate::pipeline::source::SourceFile;

/// Columns found by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// The code column.
    pub code: usize,
    /// A column of HTTP statuses known by their form (`404 Not Found`).
    pub status: Option<usize>,
    /// A numeric value beside a symbolic code.
    pub value: Option<usize>,
    /// The description: the longest prose column.
    pub description: Option<usize>,
}

/// Header words of tables that describe parameters, fields or settings,
/// whose first column of identifiers is not a column of codes.
const NOT_CODES: &[&str] = &[
    "required",
    "mandatory",
    "是否必选",
    "必选",
    "必填",
    "是否必填",
    "必須",
    "필수",
    "parameter",
    "parameters",
    "param",
    "参数",
    "参数名",
    "参数名称",
    "パラメータ",
    "매개변수",
    "파라미터",
    "field",
    "字段",
    "字段名",
    "フィールド",
    "필드",
    "default",
    "默认值",
    "既定値",
    "기본값",
    "type",
    "类型",
    "タイプ",
    "型",
    "유형",
    "타입",
    "header",
    "请求头",
    "option",
    "选项",
    "setting",
    "配置项",
    "key",
    "property",
    "属性",
    "attribute",
    "variable",
    "变量",
    "环境变量",
    "environmentvariable",
    "command",
    "命令",
    "flag",
    "method",
    "方法",
    "function",
    "函数",
    "api",
    "接口",
    "event",
    "事件",
    "class",
    "类名",
    "macro",
    "宏",
    "file",
    "文件",
    "path",
    "路径",
    "url",
    "endpoint",
];

/// Whether the table's headers name it a table of parameters, fields or
/// settings: a header that is one of [`NOT_CODES`], or that ends in a word
/// for types (`Enumeration Types`, `枚举类型`), which lists types, not codes.
pub(crate) fn describes_something_else(headers: &[&str], vocab: &Vocabulary) -> bool {
    let words: Vec<String> = NOT_CODES.iter().map(|w| normalize(w)).collect();
    headers.iter().any(|h| {
        let h = normalize(h);
        words.contains(&h)
            || ["types", "类型", "型"]
                .iter()
                .any(|t| h.len() > t.len() && h.ends_with(t))
    }) || vocab.find(Column::NodeName, headers).is_some()
}

/// Words that put a table among errors, in its section's title, the
/// document's title, its own headers, or its codes (compared in lower case,
/// as parts of words).
const ERROR_WORDS: &[&str] = &[
    "error",
    "err_",
    "fail",
    "exception",
    "invalid",
    "denied",
    "timeout",
    "warning",
    "错误",
    "錯誤",
    "异常",
    "異常",
    "失败",
    "返回码",
    "状态码",
    "警告",
    "エラー",
    "오류",
    "에러",
];

/// Language words a header may tag a description with, and their tags.
const LANGUAGES: &[(&str, &[&str])] = &[
    ("en", &["english", "英文", "英语", "英語", "영어", "영문"]),
    (
        "zh",
        &["chinese", "中文", "汉语", "简体中文", "中国語", "중국어"],
    ),
    ("ja", &["japanese", "日文", "日语", "日本語", "일본어"]),
    ("ko", &["korean", "韩文", "韩语", "韓国語", "한국어"]),
];

/// The language a description header names (`英文描述`, `Description
/// (English)`, `English`): its tag, when the header is a language word,
/// alone or with a description word.
pub(crate) fn description_language(header: &str, vocab: &Vocabulary) -> Option<&'static str> {
    let whole = normalize(header);
    LANGUAGES.iter().find_map(|(tag, words)| {
        words.iter().find_map(|word| {
            let word = normalize(word);
            let rest = whole
                .strip_prefix(word.as_str())
                .or_else(|| whole.strip_suffix(word.as_str()))?;
            (rest.is_empty() || vocab.matches(Column::Description, rest)).then_some(*tag)
        })
    })
}

/// Whether `text` has an error word.
fn mentions_errors(text: &str) -> bool {
    let lower = text.to_lowercase();
    ERROR_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether the table stands among errors, as a reader sees it: its section
/// or the document is about errors, its headers say so, or most of its
/// codes do (`ERR_TIMEOUT`, `InvalidParameter`). A table of constants on a
/// page about something else is not one.
pub(crate) fn among_errors(src: &SourceFile, table: &Table, headers: &[&str], code: usize) -> bool {
    // The page's title stands at its top: looking further would cost every
    // table a pass over the whole document.
    let title = src
        .text()
        .lines()
        .take(64)
        .find_map(|l| l.strip_prefix("# ").or_else(|| l.strip_prefix("title:")));
    let codes: Vec<&str> = written(&table.rows, code)
        .map(|c| c.text.as_str())
        .collect();
    let marked = codes.iter().filter(|c| mentions_errors(c)).count();
    table.section_title().is_some_and(mentions_errors)
        || title.is_some_and(mentions_errors)
        || headers.iter().any(|h| mentions_errors(h))
        || marked * 2 >= codes.len().max(1)
}

/// The code, value and description columns of a table whose headers name
/// no code column, when its cells show them and it stands among errors;
/// `None` when it does not.
pub(crate) fn find(
    src: &SourceFile,
    table: &Table,
    headers: &[&str],
    vocab: &Vocabulary,
) -> Option<Found> {
    if describes_something_else(headers, vocab) || table.rows.len() < 2 {
        return None;
    }
    let rows = table.rows.as_slice();
    let width = headers.len();
    // Numbers alone are not taken for codes by their look: a numbered list
    // or a table of constants looks the same. Beside a symbolic code they
    // are its values, even where they repeat.
    let code = symbolic_code_column(rows, width)?;
    if !among_errors(src, table, headers, code) {
        return None;
    }
    let value = (0..width).find(|&i| i != code && holds_only_integers(rows, i));
    let status = (0..width).find(|&i| i != code && Some(i) != value && statuses_by_form(rows, i));
    let description = longest_prose(rows, width, &[Some(code), value, status]);
    // A column of codes alone is a list, not a table of errors.
    description.map(|description| Found {
        code,
        status,
        value,
        description: Some(description),
    })
}

/// Whether every written cell of column `index` is an HTTP status known by
/// its form, a number with its reason (`404 Not Found`, `Conflict (409)`),
/// or says there is none, and one is a status. Bare numbers are not taken
/// for statuses: a value column looks the same.
fn statuses_by_form(rows: &[Row], index: usize) -> bool {
    holds_statuses(rows, index, |c| {
        let text = c.lines.join("\n");
        let parts = parse_statuses(&text);
        !parts.is_empty()
            && parts
                .iter()
                .all(|p| matches!(p.parsed, Ok((_, reason)) if !reason.is_empty()))
    })
}

/// A code column of a table whose code column holds numbers that repeat,
/// beside a column of distinct code-shaped names (`4000 |
/// InvalidParameter.AttachmentFull`): the name, which is then the code and
/// the number its value. `None` when the table is not so.
pub(crate) fn symbolic_beside_numbers(
    rows: &[Row],
    width: usize,
    code: usize,
    taken: &[usize],
) -> Option<usize> {
    if !holds_only_integers(rows, code) || distinct(rows, code) {
        return None;
    }
    (0..width)
        .filter(|i| *i != code && !taken.contains(i))
        .find(|&i| is_code_column(rows, i) && !holds_only_integers(rows, i))
}

/// The first column of distinct symbolic codes, if any.
pub(crate) fn symbolic_code_column(rows: &[Row], width: usize) -> Option<usize> {
    symbolic_code_column_except(rows, width, &[])
}

/// [`symbolic_code_column`] among the columns other than `taken`.
pub(crate) fn symbolic_code_column_except(
    rows: &[Row],
    width: usize,
    taken: &[usize],
) -> Option<usize> {
    (0..width)
        .filter(|i| !taken.contains(i))
        .find(|&i| is_code_column(rows, i) && !holds_only_integers(rows, i))
}

/// [`longest_prose`] among the columns other than `taken`.
pub(crate) fn longest_prose_except(rows: &[Row], width: usize, taken: &[usize]) -> Option<usize> {
    let taken: Vec<Option<usize>> = taken.iter().copied().map(Some).collect();
    longest_prose(rows, width, &taken)
}

/// Whether column `index` holds a distinct code-shaped cell on every row.
pub(crate) fn is_code_column(rows: &[Row], index: usize) -> bool {
    let cells: Vec<&str> = written(rows, index).map(|c| c.text.as_str()).collect();
    rows.len() >= 2
        && cells.len() == rows.len()
        && cells.iter().all(|c| code_shaped(c))
        && distinct(rows, index)
}

/// Whether no two written cells of column `index` are the same.
fn distinct(rows: &[Row], index: usize) -> bool {
    let mut seen = std::collections::HashSet::new();
    written(rows, index).all(|c| seen.insert(c.text.as_str()))
}

/// Whether `text` has a code's form: an integer (decimal or hexadecimal),
/// or an identifier (ASCII letters, digits, `_`, `.`, `-`, `:`) that is
/// marked as a code: a capital inside it (`InvalidParameter`, `kTXError`),
/// an `_` or a `.` (`ERR_TIMEOUT`, `FailedOperation.Busy`), or capitals only.
pub(crate) fn code_shaped(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 256 {
        return false;
    }
    if parse_integer(t).is_some() {
        return true;
    }
    let bytes = t.as_bytes();
    let identifier = bytes
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || b"_.-:".contains(b))
        && (bytes[0].is_ascii_alphabetic() || bytes[0] == b'_');
    if !identifier {
        return false;
    }
    let inner_capital =
        bytes[1..].iter().any(u8::is_ascii_uppercase) && bytes.iter().any(u8::is_ascii_lowercase);
    let separated = t.contains(['_', '.']);
    let letters: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(u8::is_ascii_alphabetic)
        .collect();
    let capitals = letters.len() >= 2 && letters.iter().all(u8::is_ascii_uppercase);
    inner_capital || separated || capitals
}

/// Whether a cell reads as prose: words with spaces, or letters outside ASCII.
fn prose(text: &str) -> bool {
    let t = text.trim();
    t.contains(char::is_whitespace) || t.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// The column, other than `taken`, whose cells are mostly prose, with the
/// longest text on average.
fn longest_prose(rows: &[Row], width: usize, taken: &[Option<usize>]) -> Option<usize> {
    (0..width)
        .filter(|i| !taken.contains(&Some(*i)))
        .filter_map(|i| {
            let cells: Vec<&Cell> = written(rows, i).collect();
            let prose_cells = cells.iter().filter(|c| prose(&c.text)).count();
            (!cells.is_empty() && prose_cells * 2 >= cells.len())
                .then(|| {
                    let total: usize = cells.iter().map(|c| c.text.chars().count()).sum();
                    (total / cells.len(), std::cmp::Reverse(i))
                })
                .map(|key| (key, i))
        })
        .max()
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::{code_shaped, prose};

    #[test]
    fn codes_have_a_code_s_marks() {
        for code in [
            "InvalidParameter",
            "FailedOperation.Busy",
            "ERR_TIMEOUT",
            "kTXLiteAVError_Fail",
            "-1001",
            "0x1000",
            "AUTH",
            "InvalidParameterValue.x-cos-acl",
        ] {
            assert!(code_shaped(code), "{code}");
        }
        for not in [
            "Bucket",
            "name",
            "a b",
            "错误",
            "",
            "x-cos-acl",
            "Hello world",
            "9abc",
        ] {
            assert!(!code_shaped(not), "{not}");
        }
    }

    #[test]
    fn a_code_is_at_most_256_bytes() {
        let code = |len: usize| format!("E_{}", "X".repeat(len - 2));
        assert!(code_shaped(&code(256)));
        assert!(!code_shaped(&code(257)));
    }

    #[test]
    fn prose_is_words_or_letters_outside_ascii() {
        for text in ["Gone away.", "已删除", "삭제됨"] {
            assert!(prose(text), "{text}");
        }
        for text in ["Gone", "NoSuchKey", "4000", ""] {
            assert!(!prose(text), "{text}");
        }
    }
}

//! Which header words mark which column. Headers are matched by rule, not
//! by list: case, spaces, punctuation and full-width forms are ignored, and a
//! bilingual header such as `错误码（Error Code）` matches when either part
//! does. A user may add words of their own.

/// A column the model reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// Error tables: the error code.
    Code,
    /// Error tables: the HTTP status (`NNN`, `NNN Reason`, `Reason (NNN)`, several per cell).
    Status,
    /// Error tables and field tables: the description. Where a table has no
    /// description or explanation, its cause or returned message stands in.
    Description,
    /// Error tables: what to do about the error (`Action`, `Solution`, `处理措施`).
    Remedy,
    /// Error tables: why the error happens (`Cause`, `错误原因`), kept beside the description.
    Cause,
    /// Error tables: the message the service returns (`Error Message`, `错误信息`).
    Message,
    /// Error tables: a symbolic name beside a numeric code (`name`, `Key`, `错误码名称`).
    Name,
    /// Error tables: a numeric value beside a symbolic code (`Value`, `getCode`, `错误码值`).
    Value,
    /// Field tables: the node name.
    NodeName,
    /// Field tables: the node type.
    Type,
    /// Field tables: the parent node.
    Parent,
}

/// Header words for each [`Column`], compared with full-width forms folded to ASCII, in lower case, letters and digits only (`HTTP_Status-Code` is `httpstatuscode`).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// `(column, normalized word)`, in order of preference within a column.
    words: Vec<(Column, String)>,
}

/// The built-in words, most preferred first: where two headers of one table
/// match a column, the one matching the earlier word wins. Descriptions are
/// ranked by what they say, whatever the language: a description or an
/// explanation (`描述`, `说明`) before a cause, and a cause before the message
/// the service returns (`Error Message`, `错误信息`).
const BUILT_IN: &[(Column, &[&str])] = &[
    (
        Column::Code,
        &[
            "error code",
            "code",
            "error",
            "error name",
            "error codes",
            "err code",
            "s3 error code",
            "错误码",
            "错误代码",
            "错误编码",
            "错误名称",
            "错误码名称",
            "返回码",
            "错误",
            "异常码",
            "异常代码",
            "エラーコード",
            "오류 코드",
            "에러 코드",
            "代码",
            "コード",
            "코드",
        ],
    ),
    (
        Column::Status,
        &[
            "http status code",
            "http status",
            "status code",
            "status",
            "http code",
            "http response code",
            "http status codes",
            "http error code",
            "http response status",
            "http",
            "http 响应状态码",
            "响应码",
            "http 状态码",
            "状态码",
            "http 状态",
            "http 返回码",
            "http 响应码",
            "http 错误码",
            "响应状态码",
            "返回状态码",
            "httpステータスコード",
            "ステータスコード",
            "httpステータス",
            "http 상태 코드",
            "상태 코드",
        ],
    ),
    (
        Column::Description,
        &[
            "description",
            "error description",
            "描述",
            "错误描述",
            "描述信息",
            "説明",
            "설명",
            "explanation",
            "说明",
            "错误说明",
            "error code description",
            "错误码说明",
            "错误码描述",
            "场景说明",
            "描述和可能原因",
            "meaning",
            "含义",
            "含义说明",
            "错误含义",
            "错误码含义",
            "释义",
            "意味",
            "意味の説明",
            "의미",
            "details",
            "detail",
            "summary",
            "错误原因",
            "原因",
            "可能原因",
            "cause",
            "error message",
            "message",
            "user message",
            "error info",
            "错误信息",
            "错误消息",
            "错误提示",
            "提示信息",
            "信息",
            "エラーメッセージ",
            "오류 메시지",
        ],
    ),
    (
        Column::Remedy,
        &[
            "action",
            "solution",
            "suggestion",
            "suggestions",
            "resolution",
            "remedy",
            "how to fix",
            "recommended action",
            "handling",
            "处理措施",
            "解决方法",
            "处理方法",
            "解决方案",
            "解决办法",
            "处理建议",
            "建议",
            "修复建议",
            "原因及建议方案",
            "原因及解决方法",
            "建议方案",
            "対処方法",
            "対処法",
            "対応方法",
            "해결 방법",
            "조치 방법",
            "해결 방안",
        ],
    ),
    (
        Column::Cause,
        &[
            "cause",
            "possible cause",
            "错误原因",
            "原因",
            "可能原因",
            "原因说明",
            "触发场景",
            "典型触发场景",
            "エラー原因",
            "원인",
        ],
    ),
    (
        Column::Message,
        &[
            "error message",
            "message",
            "user message",
            "error info",
            "错误信息",
            "错误消息",
            "错误提示",
            "提示信息",
            "信息",
            "エラーメッセージ",
            "오류 메시지",
        ],
    ),
    (
        Column::Name,
        &[
            "name",
            "identifier",
            "error name",
            "code name",
            "error code name",
            "key",
            "名称",
            "名字",
            "标识符",
            "错误名称",
            "错误码名称",
            "枚举",
            "枚举值",
            "错误枚举值",
            "常量",
            "エラー名",
            "오류 이름",
        ],
    ),
    (
        Column::Value,
        &[
            "value",
            "code value",
            "error code value",
            "getcode",
            "值",
            "错误码值",
            "数值",
            "错误值",
            "エラーコード値",
            "値",
            "오류 코드 값",
            "에러 코드 값",
            "값",
        ],
    ),
    (
        Column::NodeName,
        &["node name", "节点名称", "要素名称", "요소 이름"],
    ),
    (Column::Type, &["type", "类型", "タイプ", "유형"]),
    (Column::Parent, &["parent node", "父节点"]),
];

impl Default for Vocabulary {
    fn default() -> Self {
        let words = BUILT_IN
            .iter()
            .flat_map(|(column, words)| words.iter().map(|w| (*column, normalize(w))))
            .collect();
        Vocabulary { words }
    }
}

impl Vocabulary {
    /// Adds a header word for `column`, preferred after the built-in ones.
    pub fn add(&mut self, column: Column, word: &str) {
        self.words.push((column, normalize(word)));
    }

    /// How well header text `header` marks `column`: `None` when it does not;
    /// lower is better. The whole header matching any column beats a part of
    /// it matching, so `HTTP 错误码` is a status, not a code.
    fn rank(&self, column: Column, header: &str) -> Option<(u8, usize)> {
        let rank_of = |text: &str| {
            self.words
                .iter()
                .filter(|(c, _)| *c == column)
                .position(|(_, word)| *word == text)
        };
        let whole = normalize(header);
        if let Some(rank) = rank_of(&whole) {
            return Some((0, rank));
        }
        if self.words.iter().any(|(_, word)| *word == whole) {
            return None;
        }
        parts(header)
            .iter()
            .filter_map(|part| rank_of(&normalize(part)))
            .min()
            .map(|rank| (1, rank))
    }

    /// Whether header text `header` marks `column`.
    pub fn matches(&self, column: Column, header: &str) -> bool {
        self.rank(column, header).is_some()
    }

    /// Index of the header cell that best marks `column` (the leftmost among equals).
    pub fn find(&self, column: Column, headers: &[&str]) -> Option<usize> {
        self.ranked(column, headers).first().copied()
    }

    /// Indexes of every header cell that marks `column`, the best first.
    pub fn ranked(&self, column: Column, headers: &[&str]) -> Vec<usize> {
        let mut found: Vec<_> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| self.rank(column, h).map(|rank| (rank, i)))
            .collect();
        found.sort();
        found.into_iter().map(|(_, i)| i).collect()
    }
}

/// How header text is compared: full-width forms folded to ASCII, lower
/// case, and only letters and digits kept (`HTTP_Status-Code` = `httpstatuscode`).
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folds a full-width ASCII form (`（`, `Ｃ`, `１`) to its ASCII character.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The parts of a bilingual header: the text outside and inside brackets,
/// either side of a slash, and each run of one script (CJK or not).
fn parts(header: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for piece in header.split(|c: char| {
        matches!(
            fold_width(c),
            '(' | ')' | '[' | ']' | '/' | '|' | '【' | '】' | '〔' | '〕'
        )
    }) {
        let mut run = String::new();
        let mut run_cjk = None;
        for c in piece.chars() {
            if !c.is_alphanumeric() {
                run.push(c);
                continue;
            }
            let cjk = is_cjk(c);
            if run_cjk.is_some_and(|r| r != cjk) {
                parts.push(std::mem::take(&mut run));
            }
            run_cjk = Some(cjk);
            run.push(c);
        }
        parts.push(run);
        parts.push(piece.to_owned());
    }
    parts.retain(|p| !normalize(p).is_empty());
    parts
}

/// Han, kana and hangul: the scripts that sit beside Latin in bilingual headers.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x1100..=0x11FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_space_and_punctuation_are_ignored() {
        let v = Vocabulary::default();
        assert!(v.matches(Column::Status, "HTTP  Status\tCode"));
        assert!(v.matches(Column::Status, "HTTPStatus"));
        assert!(v.matches(Column::Status, "HTTP 状态码"));
        assert!(v.matches(Column::Status, "http_status_code"));
        assert!(v.matches(Column::Code, "ErrorCode"));
        assert!(v.matches(Column::Code, "Error-Code:"));
        assert!(v.matches(Column::Code, "错误代码"));
        assert!(v.matches(Column::Description, "错误信息"));
        assert!(v.matches(Column::Description, "错误码说明"));
        assert!(!v.matches(Column::Code, "错误码说明"));
        assert!(v.matches(Column::Status, "HTTP"));
        assert!(v.matches(Column::Status, "响应码"));
        assert!(v.matches(Column::Code, "错误"));
        assert!(v.matches(Column::Code, "错误码名称"));
        assert!(v.matches(Column::Status, "HTTPステータス"));
        assert!(!v.matches(Column::Status, "gRPCステータス名"));
        assert!(v.matches(Column::Description, "Summary"));
        assert!(!v.matches(Column::Status, "HTTP Method"));
        assert!(!v.matches(Column::Status, "Node Name"));
        assert!(!v.matches(Column::Code, "Codes and more"));
    }

    #[test]
    fn full_width_forms_fold() {
        let v = Vocabulary::default();
        assert!(v.matches(Column::Status, "ＨＴＴＰ　状态码"));
        assert_eq!(
            normalize("错误码（Ｅｒｒｏｒ　Ｃｏｄｅ）"),
            "错误码errorcode"
        );
    }

    #[test]
    fn a_bilingual_header_matches_by_either_part() {
        let v = Vocabulary::default();
        assert!(v.matches(Column::Code, "错误码（Error Code）"));
        assert!(v.matches(Column::Code, "Fehlercode (错误码)"));
        assert!(v.matches(Column::Status, "HTTP Status Code / HTTP 状态码"));
        assert!(v.matches(Column::Description, "描述 Description"));
        assert!(v.matches(Column::NodeName, "Node Name (Keyword)"));
        assert!(v.matches(Column::NodeName, "节点名称（关键字）"));
    }

    #[test]
    fn a_whole_match_beats_a_part_match() {
        let v = Vocabulary::default();
        // `错误码` alone is a code, but the whole header is a status word.
        assert!(v.matches(Column::Status, "HTTP 错误码"));
        assert!(!v.matches(Column::Code, "HTTP 错误码"));
    }

    #[test]
    fn the_preferred_word_wins_within_a_table() {
        let v = Vocabulary::default();
        let headers = ["错误码", "错误信息", "描述", "HTTP状态码"];
        assert_eq!(v.find(Column::Description, &headers), Some(2));
        assert_eq!(v.find(Column::Code, &headers), Some(0));
        assert_eq!(v.find(Column::Status, &headers), Some(3));
        let headers = ["错误码", "Error Message", "说明", "处理措施"];
        assert_eq!(v.find(Column::Description, &headers), Some(2));
        let headers = ["Error Code", "Message", "Message"];
        assert_eq!(v.find(Column::Description, &headers), Some(1));
    }

    #[test]
    fn user_words_are_added() {
        let mut v = Vocabulary::default();
        assert!(!v.matches(Column::Code, "Fehlercode"));
        v.add(Column::Code, "  FehlerCode ");
        assert!(v.matches(Column::Code, "fehler-code"));
    }
}

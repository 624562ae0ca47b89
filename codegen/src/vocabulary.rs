//! Which header words mark which column. Built in for the languages Tencent
//! publishes in; a user may add words of their own.

use crate::markdown::collapse;

/// A column the model reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// Error tables: the error code.
    Code,
    /// Error tables: the HTTP status (`NNN` or `NNN Reason`).
    Status,
    /// Error tables and field tables: the description.
    Description,
    /// Field tables: the node name. Matched as a prefix (`Node Name (Keyword)`).
    NodeName,
    /// Field tables: the node type.
    Type,
    /// Field tables: the parent node.
    Parent,
}

/// Header words for each [`Column`], compared after [`normalize`].
#[derive(Debug, Clone)]
pub struct Vocabulary {
    words: Vec<(Column, String)>,
}

const BUILT_IN: &[(Column, &[&str])] = &[
    (
        Column::Code,
        &[
            "error code",
            "code",
            "error",
            "错误码",
            "エラーコード",
            "오류 코드",
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
            "http 状态码",
            "http状态码",
            "状态码",
            "httpステータスコード",
            "http ステータスコード",
            "http 상태 코드",
            "http상태코드",
            "상태 코드",
        ],
    ),
    (
        Column::Description,
        &[
            "description",
            "message",
            "error message",
            "error description",
            "meaning",
            "描述",
            "错误描述",
            "说明",
            "説明",
            "설명",
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
    /// Adds a header word for `column`.
    pub fn add(&mut self, column: Column, word: &str) {
        self.words.push((column, normalize(word)));
    }

    /// Whether header text `header` marks `column`.
    pub fn matches(&self, column: Column, header: &str) -> bool {
        let header = normalize(header);
        self.words.iter().any(|(c, word)| {
            *c == column
                && if column == Column::NodeName {
                    header.starts_with(word.as_str())
                } else {
                    header == *word
                }
        })
    }

    /// Index of the first header cell that marks `column`.
    pub fn find(&self, column: Column, headers: &[&str]) -> Option<usize> {
        headers.iter().position(|h| self.matches(column, h))
    }
}

/// Lower case, white space collapsed: how header text is compared.
pub fn normalize(text: &str) -> String {
    collapse(&text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_compare_case_and_space_insensitively() {
        let v = Vocabulary::default();
        assert!(v.matches(Column::Status, "HTTP  Status\tCode"));
        assert!(v.matches(Column::Status, "HTTP 状态码"));
        assert!(v.matches(Column::Code, "错误码"));
        assert!(v.matches(Column::NodeName, "Node Name (Keyword)"));
        assert!(!v.matches(Column::Code, "Error Codes"));
        assert!(!v.matches(Column::Status, "Node Name"));
    }

    #[test]
    fn user_words_are_added() {
        let mut v = Vocabulary::default();
        assert!(!v.matches(Column::Code, "Fehlercode"));
        v.add(Column::Code, "  FehlerCode ");
        assert!(v.matches(Column::Code, "fehlercode"));
    }
}

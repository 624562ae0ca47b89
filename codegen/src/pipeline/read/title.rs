//! Section titles as readers see them in any format: caption labels
//! (`表 3`, `Table 2.`) are dropped, and a short line with no closing
//! punctuation reads as a title.

/// Byte length of a table caption label that `text` opens with, such as
/// `表 3`, `表3-1：`, `Table 2.` or `Tab. 4:`; `0` when it has none.
pub(crate) fn caption_label_len(text: &str) -> usize {
    const WORDS: &[&str] = &["table", "tab.", "表格", "表", "표"];
    let Some(word) = WORDS.iter().find(|w| {
        text.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
    }) else {
        return 0;
    };
    let rest = &text[word.len()..];
    let number = rest.trim_start();
    let digits = number.len()
        - number
            .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
            .len();
    if !number[..digits].starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    let after = &number[digits..];
    // The label must end here: at the end, a space or a colon, not inside a word.
    let after_colon = after.strip_prefix([':', '：']).unwrap_or(after);
    if !after_colon.is_empty()
        && after_colon.len() == after.len()
        && !after.starts_with(char::is_whitespace)
    {
        return 0;
    }
    let label_end = text.len() - after_colon.len();
    label_end + (after_colon.len() - after_colon.trim_start().len())
}

/// A section title without the caption label it opens with; the label
/// alone when nothing follows it.
pub(crate) fn without_caption_label(text: String) -> String {
    let len = caption_label_len(&text);
    if len == 0 || len == text.len() {
        return text;
    }
    text[len..].trim().to_owned()
}

/// Whether a paragraph reads as a title rather than a sentence or a note:
/// one short line with a letter in it, no colon and no closing punctuation
/// (`3XX Type Error`, not `The codes are listed below:` or `Note: see below`).
pub(crate) fn is_title_like(text: &str) -> bool {
    const MAX_CHARS: usize = 50;
    let text = text.trim();
    !text.is_empty()
        && !text.contains('\n')
        && text.chars().count() <= MAX_CHARS
        && text.chars().any(char::is_alphabetic)
        && !text.contains([':', '：'])
        && !text.ends_with([
            '.', ':', ';', ',', '!', '?', '。', '：', '；', '，', '！', '？', '…',
        ])
}

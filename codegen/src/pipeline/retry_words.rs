//! Retry classes proposed from the spec's own words, for `init` to write as
//! settings that a user reviews: a code whose name or text speaks of rate
//! limits or request frequency is throttling; one that asks to try again
//! later, or says the service is busy, unavailable or failed inside, is
//! transient. In every edition's language the vendor publishes.

use crate::pipeline::model::Model;

/// Words of throttling, lowercase: rate limits and request frequency.
const THROTTLING: &[&str] = &[
    "rate limit",
    "ratelimit",
    "too many requests",
    "toomanyrequests",
    "frequency",
    "too frequent",
    "throttl",
    "slowdown",
    "slow down",
    "requestlimitexceeded",
    "request limit",
    "频率",
    "频繁",
    "限频",
    "限流",
    "请求过多",
    "請求過多",
    "頻度",
    "頻繁",
    "レート制限",
    "リクエストが多すぎ",
    "빈도",
    "요청이 너무 많",
    "속도 제한",
];

/// Words of a transient failure, lowercase: try again later, busy,
/// unavailable, an internal error, a timeout.
const TRANSIENT: &[&str] = &[
    "try again later",
    "retry later",
    "try later",
    "please retry",
    "temporarily unavailable",
    "serviceunavailable",
    "service unavailable",
    "internalerror",
    "internal error",
    "server busy",
    "serverbusy",
    "service busy",
    "system busy",
    "timed out",
    "timeout",
    "稍后重试",
    "稍后再试",
    "请重试",
    "繁忙",
    "内部错误",
    "暂不可用",
    "超时",
    "しばらくしてから",
    "再試行",
    "内部エラー",
    "タイムアウト",
    "잠시 후",
    "다시 시도",
    "재시도",
    "내부 오류",
    "시간 초과",
];

/// Words that say not to retry, which outweigh the others.
const NEVER: &[&str] = &["do not retry", "don't retry", "不要重试", "请勿重试"];

/// The codes of `model` whose own name or texts (in any edition) speak of
/// throttling, and those that speak of a transient failure; each code once,
/// in the enum's order, throttling first when both.
pub fn propose(model: &Model) -> (Vec<String>, Vec<String>) {
    let mut throttling = Vec::new();
    let mut transient = Vec::new();
    for code in &model.codes {
        let mut said = code.code.to_lowercase();
        for row in model.rows_of(code) {
            for texts in [&row.description, &row.remedy, &row.cause, &row.message] {
                for text in texts.each() {
                    said.push('\n');
                    said.push_str(&text.plain.to_lowercase());
                }
            }
        }
        let says = |words: &[&str]| words.iter().any(|w| said.contains(w));
        if says(NEVER) {
            continue;
        }
        if says(THROTTLING) {
            throttling.push(code.code.clone());
        } else if says(TRANSIENT) {
            transient.push(code.code.clone());
        }
    }
    (throttling, transient)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::model::{build, ReadOptions};
    use crate::pipeline::read::read_tables;
    use crate::pipeline::source::SourceFile;

    #[test]
    fn codes_are_classed_by_their_words_in_any_language() {
        let spec = "| Error Code | Description |\n| --- | --- |\n\
            | RequestLimitExceeded | The number of requests exceeds the limit. |\n\
            | InternalError | Internal error. |\n\
            | Busy | 服务繁忙，请稍后重试。 |\n\
            | Often | 請求の頻度が高すぎます。 |\n\
            | BadParam | Check the parameter and try again. |\n\
            | Never | Failed; do not retry, try again later is wrong. |\n";
        let src = SourceFile::new("r.md", spec);
        let (model, _) = build(&src, &read_tables(&src), &ReadOptions::default()).unwrap();
        let (throttling, transient) = propose(&model);
        assert_eq!(throttling, ["RequestLimitExceeded", "Often"]);
        assert_eq!(transient, ["InternalError", "Busy"]);
    }
}

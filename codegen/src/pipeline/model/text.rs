//! A text of the spec (a description) in one edition and in all of them.

/// A cell's text in one edition: plain, for look-ups and messages, and as
/// markdown, for doc comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// Plain text, as a reader sees it.
    pub plain: String,
    /// The markdown as written.
    pub markdown: String,
}

impl Text {
    /// A text from its plain and markdown forms.
    pub fn new(plain: impl Into<String>, markdown: impl Into<String>) -> Self {
        Text {
            plain: plain.into(),
            markdown: markdown.into(),
        }
    }

    /// The text, or an empty one when it only says there is none (`-`, `无`, `N/A`).
    pub(crate) fn or_none(self) -> Self {
        if super::is_none_word(&self.plain) {
            Text::default()
        } else {
            self
        }
    }
}

/// A text in every edition, the primary first, in [`Model::languages`](super::Model::languages)
/// order; an edition that lacks it has `None`, and the primary text stands in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    primary: Text,
    translations: Vec<Option<Text>>,
}

impl Texts {
    /// A text known in the primary edition only, so far.
    pub fn new(primary: Text) -> Self {
        Texts {
            primary,
            translations: Vec::new(),
        }
    }

    /// Adds the next edition's text, or `None` where it lacks it.
    pub fn push(&mut self, translation: Option<Text>) {
        self.translations.push(translation);
    }

    /// Gives edition `index` (0 the primary, then the translations in
    /// order) the text `text`, where that edition has none written; pads
    /// the editions before it with `None`. Whether it was given.
    pub(crate) fn fill(&mut self, index: usize, text: Text) -> bool {
        if index == 0 {
            if !self.primary.plain.is_empty() {
                return false;
            }
            self.primary = text;
            return true;
        }
        self.pad(index);
        match &mut self.translations[index - 1] {
            Some(written) if !written.plain.is_empty() => false,
            slot => {
                *slot = Some(text);
                true
            }
        }
    }

    /// Pads the translations with `None` up to edition `index`.
    pub(crate) fn pad(&mut self, index: usize) {
        while self.translations.len() < index {
            self.translations.push(None);
        }
    }

    /// The primary edition's text.
    pub fn primary(&self) -> &Text {
        &self.primary
    }

    /// The text of each translation as written, `None` where it lacks it.
    pub fn translations(&self) -> impl Iterator<Item = Option<&Text>> {
        self.translations.iter().map(Option::as_ref)
    }

    /// The text in every edition, the primary first, standing in where one lacks it.
    pub fn each(&self) -> impl Iterator<Item = &Text> {
        std::iter::once(&self.primary).chain(
            self.translations
                .iter()
                .map(|t| t.as_ref().unwrap_or(&self.primary)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_gives_an_edition_a_text_only_where_it_has_none() {
        let mut texts = Texts::new(Text::new("", ""));
        assert!(texts.fill(0, Text::new("primary", "primary")));
        assert!(!texts.fill(0, Text::new("again", "again")));
        texts.push(Some(Text::new("written", "written")));
        assert!(!texts.fill(1, Text::new("column", "column")));
        assert!(texts.fill(3, Text::new("third", "third")));
        let plain: Vec<Option<&str>> = texts
            .translations()
            .map(|t| t.map(|t| t.plain.as_str()))
            .collect();
        assert_eq!(plain, [Some("written"), None, Some("third")]);
        assert_eq!(texts.primary().plain, "primary");
    }

    #[test]
    fn the_primary_stands_in_for_a_missing_translation() {
        let mut texts = Texts::new(Text::new("en", "*en*"));
        texts.push(None);
        texts.push(Some(Text::new("中文", "**中文**")));
        let plain: Vec<&str> = texts.each().map(|t| t.plain.as_str()).collect();
        assert_eq!(plain, ["en", "en", "中文"]);
        let written: Vec<Option<&str>> = texts
            .translations()
            .map(|t| t.map(|t| t.markdown.as_str()))
            .collect();
        assert_eq!(written, [None, Some("**中文**")]);
    }
}

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
/// order, as each edition writes it: `None` where an edition lacks the row.
/// No edition stands in for another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    editions: Vec<Option<Text>>,
}

/// What an edition that lacks a text shows: nothing.
static EMPTY: Text = Text {
    plain: String::new(),
    markdown: String::new(),
};

impl Default for Texts {
    fn default() -> Self {
        Texts::new(Text::default())
    }
}

impl Texts {
    /// A text known in the primary edition only, so far.
    pub fn new(primary: Text) -> Self {
        Texts {
            editions: vec![Some(primary)],
        }
    }

    /// A text the first `index` editions lack, written in edition `index`
    /// (a row only a translation lists).
    pub(crate) fn only_in(index: usize, text: Text) -> Self {
        let mut editions = vec![None; index];
        editions.push(Some(text));
        Texts { editions }
    }

    /// Adds the next edition's text, or `None` where it lacks it.
    pub fn push(&mut self, translation: Option<Text>) {
        self.editions.push(translation);
    }

    /// Gives edition `index` (0 the primary, then the translations in
    /// order) the text `text`, where that edition has none written; pads
    /// the editions before it with `None`. Whether it was given.
    pub(crate) fn fill(&mut self, index: usize, text: Text) -> bool {
        self.pad(index + 1);
        match &mut self.editions[index] {
            Some(written) if !written.plain.is_empty() => false,
            slot => {
                *slot = Some(text);
                true
            }
        }
    }

    /// Pads with `None` up to `editions` editions.
    pub(crate) fn pad(&mut self, editions: usize) {
        while self.editions.len() < editions {
            self.editions.push(None);
        }
    }

    /// The primary edition's text (empty where it lacks the row).
    pub fn primary(&self) -> &Text {
        self.get(0)
    }

    /// The text of edition `index`, empty where that edition lacks it.
    pub fn get(&self, index: usize) -> &Text {
        self.editions
            .get(index)
            .and_then(Option::as_ref)
            .unwrap_or(&EMPTY)
    }

    /// The text of each translation as written, `None` where it lacks it.
    pub fn translations(&self) -> impl Iterator<Item = Option<&Text>> {
        self.editions.iter().skip(1).map(Option::as_ref)
    }

    /// The text in every edition, the primary first, empty where one lacks it.
    pub fn each(&self) -> impl Iterator<Item = &Text> {
        self.editions.iter().map(|t| t.as_ref().unwrap_or(&EMPTY))
    }

    /// The first edition's text that says something, for docs of a row the
    /// primary edition lacks; with its edition's index.
    pub fn first_written(&self) -> Option<(usize, &Text)> {
        self.editions
            .iter()
            .enumerate()
            .find_map(|(i, t)| t.as_ref().filter(|t| !t.plain.is_empty()).map(|t| (i, t)))
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
        assert_eq!(texts.first_written().map(|(i, _)| i), Some(0));
        assert_eq!(
            Texts::only_in(2, Text::new("x", "x"))
                .first_written()
                .map(|(i, _)| i),
            Some(2)
        );
        let plain: Vec<Option<&str>> = texts
            .translations()
            .map(|t| t.map(|t| t.plain.as_str()))
            .collect();
        assert_eq!(plain, [Some("written"), None, Some("third")]);
        assert_eq!(texts.primary().plain, "primary");
    }

    #[test]
    fn no_edition_stands_in_for_another() {
        let mut texts = Texts::new(Text::new("en", "*en*"));
        texts.push(None);
        texts.push(Some(Text::new("中文", "**中文**")));
        let plain: Vec<&str> = texts.each().map(|t| t.plain.as_str()).collect();
        assert_eq!(plain, ["en", "", "中文"]);
        let zh_only = Texts::only_in(1, Text::new("中文", "中文"));
        assert_eq!(zh_only.primary().plain, "");
        assert_eq!(zh_only.get(1).plain, "中文");
        let written: Vec<Option<&str>> = texts
            .translations()
            .map(|t| t.map(|t| t.markdown.as_str()))
            .collect();
        assert_eq!(written, [None, Some("**中文**")]);
    }
}

//! A spec in every edition: the document, its translations (the same
//! document in other languages), and the module it is emitted into.

use crate::pipeline::fingerprint::input_line;
use crate::pipeline::source::SourceFile;

/// A spec already in memory, in every edition: the primary document, its
/// translations, and optionally the module it is emitted into.
#[derive(Debug, Clone)]
pub struct SpecText {
    primary: SourceFile,
    translations: Vec<(String, SourceFile)>,
    module: Option<String>,
    /// The fingerprint line of each file as given (before a byte-order mark is dropped).
    inputs: Vec<String>,
}

impl SpecText {
    /// A spec named `name` (as diagnostics should show it) with markdown `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let (name, text) = (name.into(), text.into());
        SpecText {
            inputs: vec![input_line(&name, &text)],
            primary: SourceFile::new(name, text),
            translations: Vec::new(),
            module: None,
        }
    }

    /// Emits this spec into module `module`.
    pub fn in_module(mut self, module: impl Into<String>) -> Self {
        self.module = Some(module.into());
        self
    }

    /// Adds the same document in language `lang`, named `name`.
    pub fn with_translation(
        mut self,
        lang: impl Into<String>,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        let (name, text) = (name.into(), text.into());
        self.inputs.push(input_line(&name, &text));
        self.translations
            .push((lang.into(), SourceFile::new(name, text)));
        self
    }

    /// The name of the primary edition, as diagnostics show it.
    pub fn name(&self) -> &str {
        self.primary.name()
    }

    /// The primary edition.
    pub fn primary(&self) -> &SourceFile {
        &self.primary
    }

    /// The translations: language tag and document, in the order given.
    pub fn translations(&self) -> &[(String, SourceFile)] {
        &self.translations
    }

    /// The module to emit into, or `None` for the top level.
    pub fn module(&self) -> Option<&str> {
        self.module.as_deref()
    }

    /// Every edition's document, the primary first.
    pub fn sources(&self) -> impl Iterator<Item = &SourceFile> {
        std::iter::once(&self.primary).chain(self.translations.iter().map(|(_, s)| s))
    }

    /// The fingerprint line of each file, the primary first.
    pub(crate) fn inputs(&self) -> &[String] {
        &self.inputs
    }
}

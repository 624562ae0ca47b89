//! The streaming reader and writer behind a generated `ErrorResponse`.
//!
//! Built on `quick-xml`'s borrowing reader: one pass over the body, no
//! tree, one `String` per element kept. Any generated body (this crate's, or
//! one generated for another spec) uses this module as its runtime.

use std::borrow::Cow;
use std::fmt;

use quick_xml::errors::{Error as QxError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

/// Bounds on what [`read_document`] accepts, so a hostile body costs little.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest body accepted, in bytes (default 64 KiB).
    pub max_body_bytes: usize,
    /// Deepest element nesting accepted, the root being depth 1 (default 16).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 64 * 1024,
            max_depth: 16,
        }
    }
}

impl Limits {
    /// Refuses an element at nesting `depth` (the root is 1) beyond the limit.
    fn check_depth(&self, depth: usize, offset: usize) -> Result<(), XmlError> {
        if depth > self.max_depth {
            Err(XmlError::new(
                XmlErrorKind::TooDeep {
                    limit: self.max_depth,
                },
                offset,
            ))
        } else {
            Ok(())
        }
    }

    /// These limits with a different body size limit.
    pub const fn with_max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// These limits with a different nesting limit.
    pub const fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }
}

/// What is wrong with a body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlErrorKind {
    /// Nothing but white space (or only a declaration).
    Empty,
    /// The body ends before its root element closes.
    Truncated,
    /// Larger than [`Limits::max_body_bytes`].
    TooLarge {
        /// The limit in force.
        limit: usize,
    },
    /// Nested deeper than [`Limits::max_depth`].
    TooDeep {
        /// The limit in force.
        limit: usize,
    },
    /// An HTML page, typically from a proxy or load balancer.
    Html,
    /// Not UTF-8.
    NotUtf8,
    /// Not well-formed XML.
    Syntax(String),
    /// The root element is not the expected one.
    WrongRoot {
        /// The root expected.
        expected: String,
        /// The root found.
        found: String,
    },
    /// A required element is absent.
    Missing(String),
    /// An element appears twice.
    Repeated(String),
    /// An element inside a text-only element.
    UnexpectedElement {
        /// The text element.
        inside: String,
        /// The element found in it.
        found: String,
    },
    /// Text directly inside the root, or outside it.
    UnexpectedText,
    /// Markup after the root element closed.
    TrailingContent,
}

/// A body that is not an acceptable error document: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    kind: XmlErrorKind,
    offset: usize,
}

impl XmlError {
    /// An error of `kind` at byte `offset` of the body.
    pub fn new(kind: XmlErrorKind, offset: usize) -> Self {
        XmlError { kind, offset }
    }

    /// A required `element` is absent; `offset` is where the root closed.
    #[doc(hidden)]
    pub fn missing(element: &str, offset: usize) -> Self {
        Self::new(XmlErrorKind::Missing(element.to_owned()), offset)
    }

    /// What is wrong.
    pub fn kind(&self) -> &XmlErrorKind {
        &self.kind
    }

    /// Byte offset in the body (a byte-order mark counts).
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            XmlErrorKind::Empty => f.write_str("empty body")?,
            XmlErrorKind::Truncated => {
                f.write_str("truncated body: the root element never closes")?
            }
            XmlErrorKind::TooLarge { limit } => {
                write!(f, "body larger than the limit of {limit} bytes")?
            }
            XmlErrorKind::TooDeep { limit } => {
                write!(f, "elements nested deeper than the limit of {limit}")?
            }
            XmlErrorKind::Html => f.write_str("an HTML page, not an XML error document")?,
            XmlErrorKind::NotUtf8 => f.write_str("body is not UTF-8")?,
            XmlErrorKind::Syntax(message) => write!(f, "malformed XML: {message}")?,
            XmlErrorKind::WrongRoot { expected, found } => {
                write!(f, "root element is <{found}>, expected <{expected}>")?
            }
            XmlErrorKind::Missing(element) => write!(f, "missing <{element}>")?,
            XmlErrorKind::Repeated(element) => write!(f, "<{element}> appears twice")?,
            XmlErrorKind::UnexpectedElement { inside, found } => write!(
                f,
                "unexpected <{found}> inside <{inside}>, which holds text"
            )?,
            XmlErrorKind::UnexpectedText => f.write_str("text outside any child element")?,
            XmlErrorKind::TrailingContent => f.write_str("content after the root element")?,
        }
        write!(f, " (at byte {})", self.offset)
    }
}

impl std::error::Error for XmlError {}

/// An element the spec does not describe, kept exactly as it was sent.
///
/// With the `serde` feature, a deserialized one is checked as a read one is:
/// its `xml` must be one well-formed element named `name`, whose text is
/// `text` (so that `to_xml` cannot be made to write other markup).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawExtra"))]
pub struct ExtraElement {
    name: String,
    xml: String,
    text: Option<String>,
}

/// An [`ExtraElement`] as serialized, before it is checked.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawExtra {
    name: String,
    xml: String,
    text: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawExtra> for ExtraElement {
    type Error = String;

    fn try_from(raw: RawExtra) -> Result<Self, String> {
        let refuse = || format!("`xml` is not one element `{}` with its text", raw.name);
        // Read it back inside a root, as a body's child is read.
        let wrapped = format!("<R>{}</R>", raw.xml);
        let mut children = Vec::new();
        read_document(wrapped.as_bytes(), "R", &Limits::default(), |child| {
            children.push(ExtraElement {
                name: child.name.to_owned(),
                xml: child.outer.to_owned(),
                text: child.nested.is_none().then(|| child.text.into_owned()),
            });
            Ok(())
        })
        .map_err(|_| refuse())?;
        match children.as_slice() {
            [one] if one.name == raw.name && one.xml == raw.xml && one.text == raw.text => {
                Ok(one.clone())
            }
            _ => Err(refuse()),
        }
    }
}

impl ExtraElement {
    /// An element `<name>text</name>`; `None` if `name` is not an XML name.
    pub fn new(name: &str, text: &str) -> Option<Self> {
        if !is_xml_name(name) {
            return None;
        }
        let mut xml = String::new();
        write_element(&mut xml, name, text);
        Some(ExtraElement {
            name: name.to_owned(),
            xml,
            text: Some(text.to_owned()),
        })
    }

    /// The element's name as sent, prefix included.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its text, unescaped, when it holds no child elements.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The whole element as sent, attributes and children included.
    pub fn xml(&self) -> &str {
        &self.xml
    }
}

/// One child element of the root, handed to the visitor of [`read_document`].
#[derive(Debug)]
#[doc(hidden)]
pub struct Child<'a> {
    name: &'a str,
    offset: usize,
    outer: &'a str,
    text: Cow<'a, str>,
    nested: Option<(&'a str, usize)>,
}

impl<'a> Child<'a> {
    /// The element's name without namespace prefix.
    pub fn local_name(&self) -> &'a str {
        self.name.rsplit(':').next().unwrap_or(self.name)
    }

    /// Byte offset of the element's start tag.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Puts the element's text in `slot`; refuses a second occurrence and child elements.
    pub fn store(self, slot: &mut Option<String>) -> Result<(), XmlError> {
        self.store_with(slot, Cow::into_owned)
    }

    /// Like [`Child::store`], converting the text with `convert` (which gets it
    /// borrowed from the body where possible, so a look-up need not allocate).
    pub fn store_with<T>(
        self,
        slot: &mut Option<T>,
        convert: impl FnOnce(Cow<'a, str>) -> T,
    ) -> Result<(), XmlError> {
        if slot.is_some() {
            return Err(XmlError::new(
                XmlErrorKind::Repeated(self.local_name().to_owned()),
                self.offset,
            ));
        }
        if let Some((found, offset)) = self.nested {
            return Err(XmlError::new(
                XmlErrorKind::UnexpectedElement {
                    inside: self.local_name().to_owned(),
                    found: found.to_owned(),
                },
                offset,
            ));
        }
        *slot = Some(convert(self.text));
        Ok(())
    }

    /// Keeps an element the spec does not describe; refuses a second one of the same name.
    pub fn keep_in(self, extras: &mut Extras) -> Result<(), XmlError> {
        if !extras.names.insert(self.name.to_owned()) {
            return Err(XmlError::new(
                XmlErrorKind::Repeated(self.name.to_owned()),
                self.offset,
            ));
        }
        extras.list.push(ExtraElement {
            name: self.name.to_owned(),
            xml: self.outer.to_owned(),
            text: self.nested.is_none().then(|| self.text.into_owned()),
        });
        Ok(())
    }

    /// Keeps an unknown element in `extra`, refusing a repeat; the check is a
    /// scan, so a body read this way costs the square of its unknown
    /// elements: generated code uses [`Child::keep_in`].
    pub fn keep(self, extra: &mut Vec<ExtraElement>) -> Result<(), XmlError> {
        if extra.iter().any(|e| e.name == self.name) {
            return Err(XmlError::new(
                XmlErrorKind::Repeated(self.name.to_owned()),
                self.offset,
            ));
        }
        extra.push(ExtraElement {
            name: self.name.to_owned(),
            xml: self.outer.to_owned(),
            text: self.nested.is_none().then(|| self.text.into_owned()),
        });
        Ok(())
    }
}

/// The unknown elements of a body being read, in document order, each name
/// once (a set of the names keeps the check for repeats linear). For
/// generated code.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Extras {
    list: Vec<ExtraElement>,
    names: std::collections::HashSet<String>,
}

impl Extras {
    /// No elements yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The elements, in document order.
    pub fn into_vec(self) -> Vec<ExtraElement> {
        self.list
    }
}

/// Reads a document whose root is `root` (compared without namespace
/// prefix), calling `visit` once per child element in document order.
/// Returns the offset where the root closed. For generated code.
#[doc(hidden)]
pub fn read_document<F>(
    body: &[u8],
    root: &str,
    limits: &Limits,
    mut visit: F,
) -> Result<usize, XmlError>
where
    F: FnMut(Child<'_>) -> Result<(), XmlError>,
{
    let (full, base) = document_text(body, limits)?;
    let text = &full[base..];
    // quick-xml checks that end tags match (it keeps its own stack of names either way).
    let mut reader = Reader::from_str(full);
    let at = |pos: u64| base + pos as usize;
    let mut seen_root = false;
    let mut root_end = 0;
    loop {
        let (start, event) = next_event(&mut reader, base, text.len())?;
        match event {
            Event::Start(_) | Event::Empty(_) if seen_root => {
                return Err(XmlError::new(XmlErrorKind::TrailingContent, at(start)));
            }
            Event::Start(e) => {
                check_root(&e, root, at(start))?;
                seen_root = true;
                // After the root, only white space, comments and processing instructions may follow.
                root_end = read_children(&mut reader, text, base, limits, &mut visit)?;
            }
            Event::Empty(e) => {
                check_root(&e, root, at(start))?;
                seen_root = true;
                root_end = at(reader.buffer_position());
            }
            Event::Text(t) if t.trim_ascii().is_empty() => {}
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                return Err(if seen_root {
                    XmlError::new(XmlErrorKind::TrailingContent, at(start))
                } else if looks_like_html(text) {
                    XmlError::new(XmlErrorKind::Html, at(start))
                } else {
                    XmlError::new(XmlErrorKind::UnexpectedText, at(start))
                });
            }
            Event::DocType(d) => {
                if d.trim_start()
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("html"))
                {
                    return Err(XmlError::new(XmlErrorKind::Html, at(start)));
                }
            }
            Event::End(_) => {
                return Err(XmlError::new(XmlErrorKind::TrailingContent, at(start)));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => {
                return if seen_root {
                    Ok(root_end)
                } else {
                    Err(XmlError::new(XmlErrorKind::Empty, at(start)))
                };
            }
        }
    }
}

/// The body as text, within the size limit and not empty, with where its
/// text starts after one leading byte-order mark.
fn document_text<'b>(body: &'b [u8], limits: &Limits) -> Result<(&'b str, usize), XmlError> {
    if body.len() > limits.max_body_bytes {
        return Err(XmlError::new(
            XmlErrorKind::TooLarge {
                limit: limits.max_body_bytes,
            },
            limits.max_body_bytes,
        ));
    }
    let full = std::str::from_utf8(body)
        .map_err(|e| XmlError::new(XmlErrorKind::NotUtf8, e.valid_up_to()))?;
    // quick-xml drops one leading byte-order mark and counts its positions
    // from after it: `text` is what those positions index, `base` where it
    // starts in the body. One mark only: a second is text before the root.
    let base = if full.starts_with('\u{feff}') { 3 } else { 0 };
    if full[base..].trim().is_empty() {
        return Err(XmlError::new(XmlErrorKind::Empty, base));
    }
    Ok((full, base))
}

fn check_root(start: &BytesStart<'_>, root: &str, offset: usize) -> Result<(), XmlError> {
    let found = start.local_name();
    let found: &str = found.as_ref();
    if found == root {
        Ok(())
    } else if found.eq_ignore_ascii_case("html") {
        Err(XmlError::new(XmlErrorKind::Html, offset))
    } else {
        Err(XmlError::new(
            XmlErrorKind::WrongRoot {
                expected: root.to_owned(),
                found: AsRef::<str>::as_ref(&start.name()).to_owned(),
            },
            offset,
        ))
    }
}

/// Whether the start of a body that is not XML looks like an HTML page.
fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    // The first 512 bytes, cut on a character boundary.
    let end = (0..=head.len().min(512))
        .rev()
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(0);
    let head = head[..end].to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// Reads the root's children up to and including the root's end tag.
fn read_children<'t, F>(
    reader: &mut Reader<&'t [u8]>,
    text: &'t str,
    base: usize,
    limits: &Limits,
    visit: &mut F,
) -> Result<usize, XmlError>
where
    F: FnMut(Child<'_>) -> Result<(), XmlError>,
{
    let at = |pos: u64| base + pos as usize;
    loop {
        let (start, event) = next_event(reader, base, text.len())?;
        match event {
            Event::End(_) => return Ok(at(reader.buffer_position())),
            Event::Start(_) => {
                limits.check_depth(2, at(start))?;
                let name = tag_name(text, start as usize);
                let child = read_child(reader, text, base, limits, name, start as usize)?;
                visit(child)?;
            }
            Event::Empty(_) => {
                limits.check_depth(2, at(start))?;
                let name = tag_name(text, start as usize);
                visit(Child {
                    name,
                    offset: at(start),
                    outer: &text[start as usize..reader.buffer_position() as usize],
                    text: Cow::Borrowed(""),
                    nested: None,
                })?;
            }
            Event::Text(t) if t.trim_ascii().is_empty() => {}
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                return Err(XmlError::new(XmlErrorKind::UnexpectedText, at(start)));
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Decl(_) | Event::DocType(_) => {
                return Err(XmlError::new(
                    XmlErrorKind::Syntax("declaration inside the root element".into()),
                    at(start),
                ));
            }
            Event::Eof => return Err(XmlError::new(XmlErrorKind::Truncated, base + text.len())),
        }
    }
}

/// The name of the tag that starts at byte `start` of `text` (`<name ...>`).
fn tag_name(text: &str, start: usize) -> &str {
    let tag = text.get(start + 1..).unwrap_or("");
    let end = tag
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(tag.len());
    &tag[..end]
}

/// Reads one child (its start tag already read) through its end tag.
fn read_child<'t>(
    reader: &mut Reader<&'t [u8]>,
    text: &'t str,
    base: usize,
    limits: &Limits,
    name: &'t str,
    start: usize,
) -> Result<Child<'t>, XmlError> {
    let at = |pos: u64| base + pos as usize;
    let mut content = Content { text, read: None };
    let mut nested: Option<(&'t str, usize)> = None;
    let mut depth = 2usize;
    loop {
        let (pos, event) = next_event(reader, base, text.len())?;
        match event {
            Event::Start(_) => {
                depth += 1;
                limits.check_depth(depth, at(pos))?;
                nested.get_or_insert((tag_name(text, pos as usize), at(pos)));
            }
            Event::Empty(_) => {
                limits.check_depth(depth + 1, at(pos))?;
                nested.get_or_insert((tag_name(text, pos as usize), at(pos)));
            }
            Event::End(_) => {
                depth -= 1;
                if depth == 1 {
                    let end = reader.buffer_position() as usize;
                    return Ok(Child {
                        name,
                        offset: at(start as u64),
                        outer: &text[start..end],
                        text: content.read.unwrap_or(Cow::Borrowed("")),
                        nested,
                    });
                }
            }
            Event::Text(t) if nested.is_none() => {
                content.push_borrowed(t.xml10_content(), reader.buffer_position() as usize);
            }
            Event::CData(c) if nested.is_none() => {
                content.push_borrowed(c.xml10_content(), reader.buffer_position() as usize);
            }
            Event::GeneralRef(r) if nested.is_none() => {
                let mut utf8 = [0u8; 4];
                let piece = reference_text(&r, &mut utf8).ok_or_else(|| {
                    XmlError::new(
                        XmlErrorKind::Syntax(format!("unknown entity `&{};`", &*r)),
                        at(pos),
                    )
                })?;
                content.push(piece, reader.buffer_position() as usize);
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {}
            Event::Comment(_) | Event::PI(_) => {}
            Event::Decl(_) | Event::DocType(_) => {
                return Err(XmlError::new(
                    XmlErrorKind::Syntax("declaration inside an element".into()),
                    at(pos),
                ));
            }
            Event::Eof => return Err(XmlError::new(XmlErrorKind::Truncated, base + text.len())),
        }
    }
}

/// A child's text as it arrives in pieces (text, CDATA, references). A lone
/// piece of the body stays borrowed. Once the text must be owned, it is
/// sized once: the distance to the next `</` bounds what is left, as
/// references only shrink.
struct Content<'t> {
    /// The whole document, which positions index.
    text: &'t str,
    /// The text read so far.
    read: Option<Cow<'t, str>>,
}

impl<'t> Content<'t> {
    fn owned(text: &str, first: &str, piece: &str, at: usize) -> Cow<'t, str> {
        let rest = text[at..].find("</").unwrap_or(0);
        let mut owned = String::with_capacity(first.len() + piece.len() + rest);
        owned.push_str(first);
        owned.push_str(piece);
        Cow::Owned(owned)
    }

    /// Appends a piece that does not borrow from the body (a resolved reference).
    fn push(&mut self, piece: &str, at: usize) {
        let text = self.text;
        match &mut self.read {
            None => self.read = Some(Self::owned(text, "", piece, at)),
            Some(Cow::Borrowed(first)) => self.read = Some(Self::owned(text, first, piece, at)),
            Some(Cow::Owned(existing)) => existing.push_str(piece),
        }
    }

    /// Appends a piece of the body, kept borrowed when it is the first.
    fn push_borrowed(&mut self, piece: Cow<'t, str>, at: usize) {
        if self.read.is_none() {
            self.read = Some(piece);
        } else {
            self.push(&piece, at);
        }
    }
}

/// The text a reference stands for, written into `utf8` for a character.
fn reference_text<'a>(reference: &BytesRef<'_>, utf8: &'a mut [u8; 4]) -> Option<&'a str> {
    Some(match resolve_reference(reference)? {
        Resolved::Entity(text) => text,
        Resolved::Char(c) => &*c.encode_utf8(utf8),
    })
}

/// A resolved reference, without allocating.
enum Resolved {
    Entity(&'static str),
    Char(char),
}

/// Resolves `&name;` or `&#N;`. `&#0;` is accepted because [`XmlWriter`]
/// writes NUL that way, so that every string round-trips.
fn resolve_reference(r: &BytesRef<'_>) -> Option<Resolved> {
    if let Some(num) = r.strip_prefix('#') {
        if num == "0" || num.eq_ignore_ascii_case("x0") {
            return Some(Resolved::Char('\0'));
        }
        return r.resolve_char_ref().ok().flatten().map(Resolved::Char);
    }
    quick_xml::escape::resolve_predefined_entity(r).map(Resolved::Entity)
}

/// The next event and the position it starts at, errors located in the body.
fn next_event<'t>(
    reader: &mut Reader<&'t [u8]>,
    base: usize,
    len: usize,
) -> Result<(u64, Event<'t>), XmlError> {
    let start = reader.buffer_position();
    match reader.read_event() {
        Ok(event) => Ok((start, event)),
        Err(e) => Err(syntax(
            e,
            base + reader.error_position() as usize,
            base + len,
        )),
    }
}

fn syntax(error: QxError, offset: usize, len: usize) -> XmlError {
    let truncated = matches!(
        &error,
        QxError::Syntax(
            SyntaxError::UnclosedTag
                | SyntaxError::UnclosedComment
                | SyntaxError::UnclosedCData
                | SyntaxError::UnclosedDoctype
                | SyntaxError::UnclosedPI
                | SyntaxError::UnclosedXmlDecl
                | SyntaxError::UnclosedSingleQuotedAttributeValue
                | SyntaxError::UnclosedDoubleQuotedAttributeValue
        ) | QxError::IllFormed(IllFormedError::MissingEndTag(_))
    );
    if truncated {
        XmlError::new(XmlErrorKind::Truncated, len)
    } else {
        XmlError::new(XmlErrorKind::Syntax(error.to_string()), offset)
    }
}

/// Writes an error document: declaration, root, one child per line.
#[derive(Debug)]
#[doc(hidden)]
pub struct XmlWriter {
    out: String,
    root: String,
    /// Local names written so far: a kept element named like one is left out.
    written: std::collections::HashSet<String>,
}

impl XmlWriter {
    /// Starts a document with root `root`.
    pub fn new(root: &str) -> Self {
        let mut out = String::with_capacity(256);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
        out.push_str(root);
        out.push_str(">\n");
        XmlWriter {
            out,
            root: root.to_owned(),
            written: std::collections::HashSet::new(),
        }
    }

    /// Writes `<name>value</name>`, escaped.
    pub fn element(&mut self, name: &str, value: &str) {
        self.written.insert(local_name(name).to_owned());
        self.out.push('\t');
        write_element(&mut self.out, name, value);
        self.out.push('\n');
    }

    /// Writes kept elements exactly as they were read. One named like an
    /// element already written (a known field, or an earlier kept element,
    /// prefixes aside) is left out: the document must read back, and a
    /// reader refuses a repeated element.
    pub fn extra(&mut self, elements: &[ExtraElement]) {
        for element in elements {
            if !self.written.insert(local_name(&element.name).to_owned()) {
                continue;
            }
            self.out.push('\t');
            self.out.push_str(&element.xml);
            self.out.push('\n');
        }
    }

    /// Closes the root and returns the document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</");
        self.out.push_str(&self.root);
        self.out.push_str(">\n");
        self.out
    }
}

/// A name without its namespace prefix, as the reader compares names.
fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

fn write_element(out: &mut String, name: &str, value: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape_text(out, value);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Escapes markup characters, and writes `\r` and other control characters as
/// character references so that a reader gets them back unchanged.
fn escape_text(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("&#{};", c as u32));
            }
            c => out.push(c),
        }
    }
}

/// Whether `name` can be an element name.
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

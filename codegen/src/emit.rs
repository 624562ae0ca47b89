//! Step 3: validated model → tokens. Produces the error-code enum, its rows
//! and look-ups, the `Code` wrapper and, when the spec has field tables, the
//! typed XML error body.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::{Body, CodeEntry, ErrorRow, Model, EXTRA_FIELD};
use crate::naming::is_identifier;

/// What to emit and under which names.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// Name of the error-code enum (default `ErrorCode`).
    pub enum_name: String,
    /// Emit the XML error body (when the spec describes one).
    pub xml_body: bool,
    /// Path of the module that provides the XML reader and writer used by the body.
    pub xml_runtime: String,
    /// Spec name shown in docs.
    pub spec_name: String,
    /// Cargo feature under which the body derives `serde` traits (none by default).
    pub serde_feature: Option<String>,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            enum_name: "ErrorCode".to_owned(),
            xml_body: true,
            xml_runtime: "::ci_errors::xml".to_owned(),
            spec_name: "the spec".to_owned(),
            serde_feature: None,
        }
    }
}

/// An emitter error: a name or path that is not valid Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError(pub String);

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EmitError {}

fn ident(name: &str) -> Result<Ident, EmitError> {
    if is_identifier(name) {
        Ok(Ident::new(name, Span::call_site()))
    } else {
        Err(EmitError(format!(
            "`{name}` is not a valid Rust identifier"
        )))
    }
}

/// One `#[doc]` attribute per line, so that prettyplease prints `///` lines.
fn doc(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote!(#[doc = #line])
        })
        .collect()
}

fn status_text(row: &ErrorRow) -> String {
    if row.reason.is_empty() {
        row.status.to_string()
    } else {
        format!("{} {}", row.status, row.reason)
    }
}

fn where_text(row: &ErrorRow) -> String {
    match &row.section {
        Some(section) => format!("`{}`, in *{}*", status_text(row), section),
        None => format!("`{}`", status_text(row)),
    }
}

fn variant_doc(model: &Model, entry: &CodeEntry) -> String {
    let rows: Vec<&ErrorRow> = entry.rows.iter().map(|&i| &model.errors[i]).collect();
    if let [row] = rows.as_slice() {
        let mut text = String::new();
        if !row.description_markdown.is_empty() {
            text.push_str(&row.description_markdown);
            text.push_str("\n\n");
        }
        text.push_str(&format!("`{}`: {}.", entry.code, where_text(row)));
        text
    } else {
        let mut text = format!("`{}`, returned with {} statuses:\n", entry.code, rows.len());
        for row in rows {
            text.push_str(&format!("\n- {}", where_text(row)));
            if !row.description_markdown.is_empty() {
                text.push_str(&format!(": {}", row.description_markdown));
            }
        }
        text
    }
}

/// Emits all items for `model`.
pub fn emit(model: &Model, options: &EmitOptions) -> Result<TokenStream, EmitError> {
    let mut tokens = codes(model, options)?;
    if options.xml_body {
        if let Some(body) = &model.body {
            tokens.extend(xml_body(body, options)?);
        }
    }
    Ok(tokens)
}

fn codes(model: &Model, options: &EmitOptions) -> Result<TokenStream, EmitError> {
    let name = ident(&options.enum_name)?;
    let parse_error = ident(&format!("Parse{}Error", options.enum_name))?;
    let variants: Vec<Ident> = model
        .codes
        .iter()
        .map(|c| ident(&c.variant))
        .collect::<Result<_, _>>()?;
    let code_strs: Vec<&str> = model.codes.iter().map(|c| c.code.as_str()).collect();

    let variant_defs = model.codes.iter().zip(&variants).map(|(entry, v)| {
        let doc = doc(&variant_doc(model, entry));
        quote! { #doc #v, }
    });
    let statuses = model.codes.iter().zip(&variants).map(|(entry, v)| {
        let list = entry
            .rows
            .iter()
            .map(|&i| Literal::u16_unsuffixed(model.errors[i].status));
        quote! { Self::#v => &[#(#list),*], }
    });
    let rows = model.codes.iter().zip(&variants).map(|(entry, v)| {
        let list = entry.rows.iter().map(|&i| {
            let r = &model.errors[i];
            let (status, reason, text, md) = (
                Literal::u16_unsuffixed(r.status),
                &r.reason,
                &r.description,
                &r.description_markdown,
            );
            let section = match &r.section {
                Some(s) => quote!(Some(#s)),
                None => quote!(None),
            };
            quote! {
                ErrorRow {
                    code: Self::#v,
                    status: #status,
                    reason: #reason,
                    description: #text,
                    description_markdown: #md,
                    section: #section,
                }
            }
        });
        quote! { Self::#v => &[#(#list),*], }
    });
    // Every row in spec order, as references into the per-code tables.
    let mut seen_per_code = vec![0usize; model.codes.len()];
    let code_index: BTreeMap<&str, usize> = model
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_str(), i))
        .collect();
    let all_rows = model.errors.iter().map(|r| {
        let i = code_index[r.code.as_str()];
        let n = Literal::usize_unsuffixed(seen_per_code[i]);
        seen_per_code[i] += 1;
        let v = &variants[i];
        quote!(&#name::#v.rows()[#n])
    });
    // Reverse look-up: status → distinct codes, in order of first appearance.
    let mut by_status: BTreeMap<u16, Vec<&Ident>> = BTreeMap::new();
    let mut listed = std::collections::HashSet::new();
    for (index, (entry, v)) in model.codes.iter().zip(&variants).enumerate() {
        for &i in &entry.rows {
            let status = model.errors[i].status;
            if listed.insert((status, index)) {
                by_status.entry(status).or_default().push(v);
            }
        }
    }
    let for_status = by_status.iter().map(|(status, list)| {
        let status = Literal::u16_unsuffixed(*status);
        quote! { #status => &[#(Self::#list),*], }
    });
    // `from_code`: dispatch on length, then on distinguishing bytes, then one full compare.
    let mut by_len: BTreeMap<usize, Vec<(&[u8], &Ident)>> = BTreeMap::new();
    for (c, v) in code_strs.iter().zip(&variants) {
        by_len.entry(c.len()).or_default().push((c.as_bytes(), v));
    }
    let len_arms = by_len.iter().map(|(len, list)| {
        let len = Literal::usize_unsuffixed(*len);
        let body = dispatch(list, 0);
        quote! {
            #len => {
                let Ok(bytes) = <&[u8; #len]>::try_from(bytes) else { return None };
                #body
            }
        }
    });
    let enum_doc = doc(&format!(
        "An error code from {}: one variant per distinct code, in order of first appearance.\n\n\
         Parse one with [`str::parse`] or [`{name}::from_code`]; codes a server may send that the \
         spec does not list are kept by [`Code`].",
        options.spec_name
    ));

    Ok(quote! {
        #enum_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        pub enum #name {
            #(#variant_defs)*
        }

        impl #name {
            /// Every code, in order of first appearance in the spec.
            pub const ALL: &'static [#name] = &[#(Self::#variants),*];

            /// The code exactly as the spec writes it.
            #[inline]
            pub const fn as_str(&self) -> &'static str {
                match self {
                    #(Self::#variants => #code_strs,)*
                }
            }

            /// Every HTTP status the spec gives this code, in spec order.
            pub const fn statuses(&self) -> &'static [u16] {
                match self {
                    #(#statuses)*
                }
            }

            /// The spec's rows for this code, one per status, in spec order.
            pub const fn rows(&self) -> &'static [ErrorRow] {
                match self {
                    #(#rows)*
                }
            }

            /// The row for this code with `status`, if the spec has one.
            pub fn row(&self, status: u16) -> Option<&'static ErrorRow> {
                self.rows().iter().find(|row| row.status == status)
            }

            /// The plain-text description of this code with `status`.
            pub fn description(&self, status: u16) -> Option<&'static str> {
                self.row(status).map(|row| row.description)
            }

            /// The codes the spec lists with `status`, in spec order.
            pub const fn for_status(status: u16) -> &'static [#name] {
                match status {
                    #(#for_status)*
                    _ => &[],
                }
            }

            /// Looks a code up: exact and case-sensitive, as servers send it.
            ///
            /// A decision tree on the length and a few distinguishing bytes, then
            /// one full comparison: a miss costs about what a hit does.
            #[inline]
            pub fn from_code(code: &str) -> Option<Self> {
                let bytes = code.as_bytes();
                match bytes.len() {
                    #(#len_arms)*
                    _ => None,
                }
            }
        }

        impl ::core::fmt::Display for #name {
            /// Writes [`Self::as_str`], so that `to_string().parse()` round-trips.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = #parse_error;

            #[inline]
            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Self::from_code(code).ok_or_else(|| #parse_error::new(code))
            }
        }

        impl ::core::convert::TryFrom<&str> for #name {
            type Error = #parse_error;

            fn try_from(code: &str) -> Result<Self, Self::Error> {
                code.parse()
            }
        }

        /// A string that is not one of the spec's codes; keeps the string.
        ///
        /// Short strings are kept inline, so a failed parse of a typical code does not allocate.
        #[derive(Clone)]
        pub struct #parse_error {
            rejected: RejectedCode,
        }

        #[derive(Clone)]
        enum RejectedCode {
            Inline { len: u8, bytes: [u8; 46] },
            Heap(::std::boxed::Box<str>),
        }

        impl #parse_error {
            #[inline]
            fn new(code: &str) -> Self {
                let rejected = match u8::try_from(code.len()) {
                    Ok(len) if code.len() <= 46 => {
                        let mut bytes = [0u8; 46];
                        bytes[..code.len()].copy_from_slice(code.as_bytes());
                        RejectedCode::Inline { len, bytes }
                    }
                    _ => RejectedCode::Heap(code.into()),
                };
                #parse_error { rejected }
            }

            /// The string that was rejected.
            pub fn rejected(&self) -> &str {
                match &self.rejected {
                    // Always a whole `&str` copied in, so always UTF-8.
                    RejectedCode::Inline { len, bytes } => {
                        ::core::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
                    }
                    RejectedCode::Heap(code) => code,
                }
            }
        }

        impl ::core::fmt::Debug for #parse_error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!(#parse_error)).field("rejected", &self.rejected()).finish()
            }
        }

        impl PartialEq for #parse_error {
            fn eq(&self, other: &Self) -> bool {
                self.rejected() == other.rejected()
            }
        }

        impl Eq for #parse_error {}

        impl ::core::hash::Hash for #parse_error {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                self.rejected().hash(state);
            }
        }

        impl ::core::fmt::Display for #parse_error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "unknown error code `{}`", self.rejected())
            }
        }

        impl ::std::error::Error for #parse_error {}

        /// One row of the spec's error tables.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct ErrorRow {
            /// The code.
            pub code: #name,
            /// The HTTP status.
            pub status: u16,
            /// The reason phrase as the spec writes it (`""` when absent); may differ from the standard one.
            pub reason: &'static str,
            /// The description as plain text.
            pub description: &'static str,
            /// The description as the spec's markdown.
            pub description_markdown: &'static str,
            /// The heading or bold line the row's table stands under.
            pub section: Option<&'static str>,
        }

        impl ErrorRow {
            /// The class of the row's status.
            pub const fn class(&self) -> StatusClass {
                StatusClass::of(self.status)
            }

            /// Whether the status is 3xx: the body tells where to go, and so does `Location`.
            pub const fn is_redirect(&self) -> bool {
                matches!(self.class(), StatusClass::Redirection)
            }

            /// Whether the status is 4xx: the request must change before it is sent again.
            pub const fn is_client_error(&self) -> bool {
                matches!(self.class(), StatusClass::ClientError)
            }

            /// Whether the status is 5xx.
            pub const fn is_server_error(&self) -> bool {
                matches!(self.class(), StatusClass::ServerError)
            }
        }

        /// Every row of the spec's error tables, in spec order.
        pub static ROWS: &[&ErrorRow] = &[#(#all_rows),*];

        /// The class of an HTTP status, by its first digit.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum StatusClass {
            /// 1xx.
            Informational,
            /// 2xx.
            Success,
            /// 3xx.
            Redirection,
            /// 4xx.
            ClientError,
            /// 5xx.
            ServerError,
        }

        impl StatusClass {
            /// The class of `status`; anything below 200 is informational and
            /// anything from 500 up a server error.
            pub const fn of(status: u16) -> Self {
                match status {
                    0..=199 => Self::Informational,
                    200..=299 => Self::Success,
                    300..=399 => Self::Redirection,
                    400..=499 => Self::ClientError,
                    _ => Self::ServerError,
                }
            }
        }

        /// Any code a server may send: one the spec lists, or one it does not,
        /// kept as sent so that nothing is lost.
        ///
        /// Build it with `From`, which picks [`Code::Known`] whenever the spec
        /// lists the string.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            /// A code the spec lists.
            Known(#name),
            /// A code the spec does not list, exactly as sent.
            Unknown(::std::string::String),
        }

        impl Code {
            /// The code as sent.
            pub fn as_str(&self) -> &str {
                match self {
                    Code::Known(code) => code.as_str(),
                    Code::Unknown(code) => code,
                }
            }

            /// The spec's code, if the spec lists it.
            pub fn known(&self) -> Option<#name> {
                match self {
                    Code::Known(code) => Some(*code),
                    Code::Unknown(_) => None,
                }
            }
        }

        impl From<&str> for Code {
            fn from(code: &str) -> Self {
                #name::from_code(code).map_or_else(|| Code::Unknown(code.into()), Code::Known)
            }
        }

        impl From<::std::string::String> for Code {
            fn from(code: ::std::string::String) -> Self {
                #name::from_code(&code).map_or(Code::Unknown(code), Code::Known)
            }
        }

        impl From<#name> for Code {
            fn from(code: #name) -> Self {
                Code::Known(code)
            }
        }

        impl PartialEq<#name> for Code {
            fn eq(&self, other: &#name) -> bool {
                self.known() == Some(*other)
            }
        }

        impl ::core::str::FromStr for Code {
            type Err = ::core::convert::Infallible;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Ok(Code::from(code))
            }
        }

        impl ::core::fmt::Display for Code {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }
    })
}

/// How deep the byte tree goes before the rest is compared one by one; keeps
/// generation linear in the spec's size for any set of codes.
const MAX_DISPATCH_DEPTH: usize = 4;

/// A decision tree over codes of one length: branch on the byte position
/// that splits the candidates most, until one is left; then compare in full.
fn dispatch(candidates: &[(&[u8], &Ident)], depth: usize) -> TokenStream {
    if let [(code, variant)] = candidates {
        let code = proc_macro2::Literal::byte_string(code);
        return quote!(if *bytes == *#code { Some(Self::#variant) } else { None });
    }
    if depth == MAX_DISPATCH_DEPTH {
        let arms = candidates.iter().map(|(code, variant)| {
            let code = proc_macro2::Literal::byte_string(code);
            quote!(#code => Some(Self::#variant),)
        });
        return quote!(match bytes { #(#arms)* _ => None });
    }
    let len = candidates[0].0.len();
    // Most distinct bytes wins; ties go to the earliest position, for determinism.
    let position = (0..len)
        .max_by_key(|&i| {
            let distinct: std::collections::BTreeSet<u8> =
                candidates.iter().map(|(c, _)| c[i]).collect();
            (distinct.len(), std::cmp::Reverse(i))
        })
        .unwrap_or(0);
    let mut groups: BTreeMap<u8, Vec<(&[u8], &Ident)>> = BTreeMap::new();
    for &(code, variant) in candidates {
        groups
            .entry(code[position])
            .or_default()
            .push((code, variant));
    }
    let arms = groups.iter().map(|(byte, group)| {
        let byte = Literal::byte_character(*byte);
        let body = dispatch(group, depth + 1);
        quote!(#byte => #body,)
    });
    let position = Literal::usize_unsuffixed(position);
    quote! {
        match bytes[#position] {
            #(#arms)*
            _ => None,
        }
    }
}

fn runtime_path(path: &str) -> Result<syn::Path, EmitError> {
    syn::parse_str(path).map_err(|e| EmitError(format!("XML runtime path `{path}`: {e}")))
}

fn xml_body(body: &Body, options: &EmitOptions) -> Result<TokenStream, EmitError> {
    let rt = runtime_path(&options.xml_runtime)?;
    let root = &body.root;
    let code_element = &body.code_element;
    let extra = ident(EXTRA_FIELD)?;
    let fields: Vec<Ident> = body
        .fields
        .iter()
        .map(|f| ident(&f.field))
        .collect::<Result<_, _>>()?;
    let elements: Vec<&str> = body.fields.iter().map(|f| f.element.as_str()).collect();
    let field_docs = body.fields.iter().map(|f| {
        doc(&format!(
            "`<{}>`{}",
            f.element,
            if f.description_markdown.is_empty() {
                String::new()
            } else {
                format!(": {}", f.description_markdown)
            }
        ))
    });
    let code_doc = doc(&format!(
        "`<{code_element}>`: {}",
        if body.code_description.is_empty() {
            "the error code"
        } else {
            &body.code_description
        }
    ));
    let struct_doc = doc(&format!(
        "The `<{root}>` document a failed request returns{}.\n\n\
         Generated from the field tables of {}: one field per node, in spec order.",
        if body.root_description.is_empty() {
            String::new()
        } else {
            format!(" ({})", body.root_description)
        },
        options.spec_name
    ));
    let message_field = fields
        .iter()
        .find(|f| *f == "message")
        .map(|m| quote!(if let Some(message) = &self.#m { write!(f, ": {message}")?; }));
    let detail_fields: Vec<&Ident> = fields.iter().filter(|f| *f != "message").collect();
    let detail_elements: Vec<&str> = fields
        .iter()
        .zip(&elements)
        .filter(|(f, _)| *f != "message")
        .map(|(_, e)| *e)
        .collect();

    let serde_derive = match &options.serde_feature {
        Some(feature) => quote! {
            #[cfg_attr(feature = #feature, derive(::serde::Serialize, ::serde::Deserialize))]
        },
        None => quote!(),
    };
    let from_row_body = match fields.iter().find(|f| *f == "message") {
        Some(m) => quote! {
            let mut body = Self::new(row.code);
            body.#m = Some(row.description.into());
            body
        },
        None => quote!(Self::new(row.code)),
    };
    let from_xml_doc = doc(&format!(
        "Parses a body with the default [limits]({}::Limits).",
        options.xml_runtime.trim_start_matches("::")
    ));
    let details = if detail_fields.is_empty() {
        quote!()
    } else {
        quote! {
            let mut open = false;
            #(
                if let Some(value) = &self.#detail_fields {
                    f.write_str(if open { ", " } else { " (" })?;
                    f.write_str(#detail_elements)?;
                    write!(f, ": {value}")?;
                    open = true;
                }
            )*
            if open {
                f.write_str(")")?;
            }
        }
    };

    Ok(quote! {
        #struct_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        #serde_derive
        #[allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        pub struct ErrorResponse {
            #code_doc
            pub code: Code,
            #(
                #field_docs
                pub #fields: Option<::std::string::String>,
            )*
            /// Elements the spec does not describe, in document order, kept so that nothing is lost.
            pub #extra: ::std::vec::Vec<#rt::ExtraElement>,
        }

        impl ErrorResponse {
            /// The root element's name.
            pub const ROOT: &'static str = #root;

            /// A body with `code` and nothing else.
            pub fn new(code: impl Into<Code>) -> Self {
                ErrorResponse {
                    code: code.into(),
                    #(#fields: None,)*
                    #extra: ::std::vec::Vec::new(),
                }
            }

            /// The body a server sends for `row`: its code, and its description as the message.
            pub fn from_row(row: &ErrorRow) -> Self {
                #from_row_body
            }

            #from_xml_doc
            pub fn from_xml(body: &[u8]) -> Result<Self, #rt::XmlError> {
                Self::from_xml_with(body, &#rt::Limits::default())
            }

            /// Parses a body within `limits`.
            pub fn from_xml_with(body: &[u8], limits: &#rt::Limits) -> Result<Self, #rt::XmlError> {
                let mut code: Option<Code> = None;
                #(let mut #fields: Option<::std::string::String> = None;)*
                let mut #extra = ::std::vec::Vec::new();
                let end = #rt::read_document(body, #root, limits, |child| {
                    match child.local_name() {
                        #code_element => child.store_with(&mut code, |text| Code::from(&*text)),
                        #(#elements => child.store(&mut #fields),)*
                        _ => child.keep(&mut #extra),
                    }
                })?;
                let code = code.ok_or_else(|| #rt::XmlError::missing(#code_element, end))?;
                Ok(ErrorResponse {
                    code,
                    #(#fields,)*
                    #extra,
                })
            }

            /// Writes the body in the spec's shape: declaration, root, children in spec order, escaped.
            pub fn to_xml(&self) -> ::std::string::String {
                let mut out = #rt::XmlWriter::new(#root);
                out.element(#code_element, self.code.as_str());
                #(
                    if let Some(value) = &self.#fields {
                        out.element(#elements, value);
                    }
                )*
                out.extra(&self.#extra);
                out.finish()
            }

            /// The spec's row for this body's code with `status`.
            pub fn row(&self, status: u16) -> Option<&'static ErrorRow> {
                self.code.known().and_then(|code| code.row(status))
            }
        }

        impl ::core::fmt::Display for ErrorResponse {
            /// `Code: message (RequestId: …, TraceId: …)`, leaving out what is absent.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code.as_str())?;
                #message_field
                #details
                Ok(())
            }
        }

        impl ::std::error::Error for ErrorResponse {}
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes of one length that differ in one position each split one at a
    /// time; the tree must stop at its depth cap and still find every code.
    #[test]
    fn dispatch_depth_is_capped() {
        let codes: Vec<Vec<u8>> = (0..12)
            .map(|i| {
                let mut c = vec![b'a'; 12];
                c[i] = b'x';
                c
            })
            .collect();
        let idents: Vec<Ident> = (0..12).map(|i| ident(&format!("C{i}")).unwrap()).collect();
        let candidates: Vec<(&[u8], &Ident)> =
            codes.iter().map(Vec::as_slice).zip(&idents).collect();
        let tokens = dispatch(&candidates, 0).to_string();
        assert_eq!(tokens.matches("match bytes [").count(), MAX_DISPATCH_DEPTH);
        for i in &idents {
            assert!(tokens.contains(&format!("Self :: {i}")), "{i} missing");
        }
    }
}

//! Step 3: validated model → tokens, one submodule per generated item.
//!
//! Only what the spec decides is emitted: the code enum with its docs
//! (`code_enum`), its rows and look-up table (`table`) and the
//! XML body (`body`). Everything else lives in the runtime crate
//! (`ci-errors-runtime`), which generated code names through
//! [`EmitOptions::runtime`].

mod body;
mod code_enum;
pub(crate) mod format;
mod reserved;
mod table;

use std::fmt;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::pipeline::model::naming::{is_identifier, variant_name};
use crate::pipeline::model::Model;

/// What to emit and under which names.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EmitOptions {
    /// Name of the error-code enum (default `ErrorCode`).
    pub enum_name: String,
    /// Emit the XML error body (when the spec describes one).
    pub xml_body: bool,
    /// Path of the runtime crate generated code uses (default `::ci_errors_runtime`).
    pub runtime: String,
    /// Spec name shown in docs.
    pub spec_name: String,
    /// Cargo feature under which the enum and body implement `serde` traits (none by default).
    pub serde_feature: Option<String>,
    /// The path users name the generated items by (such as `ci_errors` or
    /// `my_crate::v1`); when set, the enum's and body's docs get runnable examples.
    pub doc_path: Option<String>,
    /// Cargo feature under which the body implements the runtime's
    /// `http::ErrorBody`, for the typed `ServiceError` (none by default).
    pub http_feature: Option<String>,
    /// Cargo feature under which the body implements the runtime's
    /// `body::ErrorBody` and `ResponseBody` reads bodies from bytes (the
    /// `http_feature` turns them on too; none by default).
    pub body_feature: Option<String>,
    /// Response headers that carry the request id when the body lacks it.
    pub request_id_headers: Vec<String>,
    /// Response headers that carry the trace id when the body lacks it.
    pub trace_id_headers: Vec<String>,
    /// Codes whose retry class is throttling.
    pub throttling: Vec<String>,
    /// Codes whose retry class is transient.
    pub transient: Vec<String>,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            enum_name: "ErrorCode".to_owned(),
            xml_body: true,
            runtime: "::ci_errors_runtime".to_owned(),
            spec_name: "the spec".to_owned(),
            serde_feature: None,
            doc_path: None,
            http_feature: None,
            body_feature: None,
            request_id_headers: Vec::new(),
            trace_id_headers: Vec::new(),
            throttling: Vec::new(),
            transient: Vec::new(),
        }
    }
}

/// A name or path in the options that is not valid Rust, or that the
/// generated code cannot use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmitError {
    /// A name that is not a Rust identifier.
    Identifier(String),
    /// A name the generated code cannot take: an enum named like a type the
    /// generated code uses by name (`ErrorResponse`, `Lang`, `Option`, …), or
    /// a variant named like the enum's own items (`ALL`).
    Reserved {
        /// The name.
        name: String,
        /// What it is the name of (`enum-name`, a variant from `names`).
        what: String,
    },
    /// Two editions whose language tags give one `Lang` variant (`zh-cn`,
    /// `zh_cn`), or a translation tagged like the primary edition.
    SameLanguage {
        /// The first tag.
        first: String,
        /// The tag that repeats it.
        second: String,
    },
    /// A runtime path that is not a Rust path.
    RuntimePath {
        /// The path as given.
        path: String,
        /// What `syn` said.
        reason: String,
    },
    /// A model without codes (the reader refuses such a spec; a model built
    /// by hand may still have none).
    NoCodes,
    /// More editions than the generated table can mark a code as listed in.
    TooManyEditions(usize),
    /// A code the settings name (in `retry`) that no spec lists (checked by
    /// the pipeline across every spec of the settings).
    UnknownCode {
        /// The setting.
        setting: String,
        /// The code.
        code: String,
    },
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmitError::Identifier(name) => write!(f, "`{name}` is not a valid Rust identifier"),
            EmitError::NoCodes => f.write_str("the model has no codes, so there is no enum to emit"),
            EmitError::TooManyEditions(n) => write!(
                f,
                "the spec has {n} editions; the generated code marks which list a code in 64 bits, so at most {MAX_EDITIONS}"
            ),
            EmitError::UnknownCode { setting, code } => write!(
                f,
                "`{setting}` names `{code}`, which no spec lists: remove it or add the code to a spec"
            ),
            EmitError::RuntimePath { path, reason } => {
                write!(f, "runtime path `{path}`: {reason}")
            }
            EmitError::Reserved { name, what } => write!(
                f,
                "{what} `{name}` is a name the generated code uses itself; choose another"
            ),
            EmitError::SameLanguage { first, second } => write!(
                f,
                "language tags `{first}` and `{second}` both become `Lang::{}`; give each edition a tag of its own",
                variant_name(first)
            ),
        }
    }
}

impl std::error::Error for EmitError {}

/// The names every part of the emitted code refers to.
pub(crate) struct Names {
    /// The code enum.
    pub code_enum: Ident,
    /// The runtime crate's path.
    pub rt: syn::Path,
    /// The enum's variants, in the model's code order.
    pub variants: Vec<Ident>,
    /// The `Lang` variants, in the model's language order.
    pub langs: Vec<Ident>,
}

/// The enum name the reference emission takes: a name no spec or setting
/// gives (it is not UpperCamelCase), so that every other name in it is one
/// the generated code uses itself.
const PROBE_ENUM: &str = "__CiErrorsProbe";

/// The module that holds the generated items: included into a crate's
/// root, they would otherwise see its items (`pub type Result<T> = …`, a
/// `CODES` of its own) instead of the prelude and each other.
const ITEMS_MODULE: &str = "__ci_errors_generated";

/// The most editions a spec may have: the generated table marks which
/// editions list a code in a `u64`.
pub(crate) const MAX_EDITIONS: usize = 64;

impl Names {
    fn new(model: &Model, options: &EmitOptions) -> Result<Self, EmitError> {
        if model.codes.is_empty() {
            return Err(EmitError::NoCodes);
        }
        if model.languages.len() > MAX_EDITIONS {
            return Err(EmitError::TooManyEditions(model.languages.len()));
        }
        if let Some(code) = model.codes.iter().find(|c| {
            crate::pipeline::model::naming::RESERVED_VARIANTS.contains(&c.variant.as_str())
        }) {
            return Err(EmitError::Reserved {
                name: code.variant.clone(),
                what: format!("the variant name of `{}`", code.code),
            });
        }
        for (i, tag) in model.languages.iter().enumerate() {
            // Tags are compared as BCP 47 does (case and `-`/`_` aside), and by variant.
            let same = |t: &String| {
                variant_name(t) == variant_name(tag)
                    || t.to_ascii_lowercase().replace('_', "-")
                        == tag.to_ascii_lowercase().replace('_', "-")
            };
            if let Some(first) = model.languages[..i].iter().find(|t| same(t)) {
                return Err(EmitError::SameLanguage {
                    first: first.clone(),
                    second: tag.clone(),
                });
            }
        }
        Ok(Names {
            code_enum: ident(&options.enum_name)?,
            rt: syn::parse_str(&options.runtime).map_err(|e| EmitError::RuntimePath {
                path: options.runtime.clone(),
                reason: e.to_string(),
            })?,
            variants: model
                .codes
                .iter()
                .map(|c| ident(&c.variant))
                .collect::<Result<_, _>>()?,
            langs: model
                .languages
                .iter()
                .map(|tag| ident(&variant_name(tag)))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// Emits all items for `model`, in a module of their own re-exported
/// where the file is included.
pub fn emit(model: &Model, options: &EmitOptions) -> Result<TokenStream, EmitError> {
    let names = Names::new(model, options)?;
    reserved::check(model, options, &names)?;
    let items = items(model, options, &names)?;
    let module = Ident::new(ITEMS_MODULE, proc_macro2::Span::call_site());
    Ok(quote! {
        // A module of their own: see `ITEMS_MODULE`.
        mod #module {
            #items
        }
        pub use self::#module::*;
    })
}

/// The generated items: the enum, the tables, the body, `ServiceError`.
fn items(model: &Model, options: &EmitOptions, names: &Names) -> Result<TokenStream, EmitError> {
    let mut tokens = code_enum::emit(model, options, names);
    tokens.extend(table::emit(model, options, names));
    let body = model.body.as_ref().filter(|_| options.xml_body);
    if let Some(body) = body {
        tokens.extend(body::emit(body, &model.languages, options, names)?);
    }
    tokens.extend(service_error(body.is_some(), options, names));
    tokens.extend(reexports(options, names));
    Ok(tokens)
}

/// The runtime's types a user of the generated items names, so that the
/// generated crate alone is enough: `Code` for this enum, descriptions,
/// retry advice, and the kinds of an unread body. Re-exported by glob, an
/// item of the crate's own by the same name wins.
fn reexports(options: &EmitOptions, names: &Names) -> TokenStream {
    let Names {
        code_enum: name,
        rt,
        ..
    } = names;
    let body_kind = body_cfg(options).map(|cfg| {
        quote! {
            #cfg
            pub use #rt::body::BodyKind;
        }
    });
    quote! {
        /// Any code a server may send: a variant of the enum, or a code the spec
        /// does not list, kept as sent (`Code::Known`, `Code::Unknown`).
        pub type Code = #rt::Code<#name>;

        pub use #rt::{Description, ParseCodeError, StatusClass};
        pub use #rt::retry::{Retry, RetryClass};
        #body_kind
    }
}

/// The `cfg` under which the body types are there: the body feature or the
/// `http` one, whichever the settings name (`None`: neither).
pub(crate) fn body_cfg(options: &EmitOptions) -> Option<TokenStream> {
    let features: Vec<&String> = [&options.body_feature, &options.http_feature]
        .into_iter()
        .flatten()
        .collect();
    match features.as_slice() {
        [] => None,
        [one] => Some(quote!(#[cfg(feature = #one)])),
        many => Some(quote!(#[cfg(any(#(feature = #many),*))])),
    }
}

/// `ServiceError`, the runtime's typed error for this spec, under the
/// configured feature: over the generated body, or over the runtime's
/// `ErrorDocument` when the spec describes none.
fn service_error(has_body: bool, options: &EmitOptions, names: &Names) -> TokenStream {
    let Some(body_cfg) = body_cfg(options) else {
        return quote!();
    };
    let Names {
        code_enum: name,
        rt,
        ..
    } = names;
    let body = if has_body {
        quote!(ErrorResponse)
    } else {
        quote!(#rt::body::ErrorDocument<#name>)
    };
    let service_error = options.http_feature.as_ref().map(|feature| {
        quote! {
            /// A failed request, typed: status, body, the spec's row, retry advice
            /// (the runtime's `http::ServiceError` for this spec).
            #[cfg(feature = #feature)]
            pub type ServiceError = #rt::http::ServiceError<#body>;
        }
    });
    // Without a body of its own, the runtime's document is this spec's body: named here.
    let document = (!has_body).then(|| {
        quote! {
            /// The error document of this spec's codes (`Code`, `Message`,
            /// `RequestId`, `TraceId`), as XML or API 3.0 JSON.
            #body_cfg
            pub type ErrorDocument = #rt::body::ErrorDocument<#name>;
        }
    });
    quote! {
        /// The body of a failed response, read from its bytes by
        /// `ResponseBody::read` (no `http` crate needed): an error document,
        /// XML or JSON, or what else it was.
        #body_cfg
        pub type ResponseBody = #rt::body::Body<#body>;

        #document
        #service_error
    }
}

pub(crate) fn ident(name: &str) -> Result<Ident, EmitError> {
    if is_identifier(name) {
        Ok(Ident::new(name, Span::call_site()))
    } else {
        Err(EmitError::Identifier(name.to_owned()))
    }
}

/// One `#[doc]` attribute per line, so that prettyplease prints `///` lines.
/// Control characters and text-direction controls, which would reach the
/// `///` comment raw (rustc refuses direction controls in comments), are
/// shown escaped.
pub(crate) fn doc(text: &str) -> TokenStream {
    crate::pipeline::diagnostic::visible(text)
        .lines()
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

/// Each translation of `texts` that is written, as markdown paragraphs
/// after the primary's: `\n\n*zh:* {label}…`, in [`Model::languages`] order.
pub(crate) fn translations_markdown(
    languages: &[String],
    texts: &crate::pipeline::model::Texts,
    label: &str,
) -> String {
    let mut text = String::new();
    let translations = languages.iter().skip(1).zip(texts.translations());
    for (lang, t) in translations.filter_map(|(lang, t)| Some((lang, t?))) {
        if !t.markdown.is_empty() {
            text.push_str(&format!("\n\n*{lang}:* {label}{}", t.markdown));
        }
    }
    text
}

/// The lints a vendor's markdown in doc comments may trip.
pub(crate) fn allow_vendor_markdown() -> TokenStream {
    quote!(#[allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)])
}

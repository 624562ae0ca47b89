//! The typed XML error body: one field per text node of the field tables.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{
    allow_vendor_markdown, doc, ident, translations_markdown, EmitError, EmitOptions, Names,
};
use crate::pipeline::model::{Body, FieldRole, Texts, CODE_FIELD, EXTRA_FIELD};

/// `` `<Element>`: description `` for a field's doc, then each translation's
/// description (as written; none where the edition lacks the node).
fn element_doc(element: &str, texts: &Texts, fallback: &str, languages: &[String]) -> TokenStream {
    let description = texts.primary().markdown.as_str();
    let description = if description.is_empty() {
        fallback
    } else {
        description
    };
    let mut text = if description.is_empty() {
        format!("`<{element}>`")
    } else {
        format!("`<{element}>`: {description}")
    };
    text.push_str(&translations_markdown(languages, texts, ""));
    doc(&text)
}

/// The struct, its constructors, reader, writer and `Display`.
pub(crate) fn emit(
    body: &Body,
    languages: &[String],
    options: &EmitOptions,
    names: &Names,
) -> Result<TokenStream, EmitError> {
    let Names {
        code_enum: name,
        rt,
        ..
    } = names;
    let root = &body.root;
    let code_element = &body.code_element;
    let code = ident(CODE_FIELD)?;
    let extra = ident(EXTRA_FIELD)?;
    let fields: Vec<Ident> = body
        .fields
        .iter()
        .map(|f| ident(&f.field))
        .collect::<Result<_, _>>()?;
    let elements: Vec<&str> = body.fields.iter().map(|f| f.element.as_str()).collect();
    // The reader's locals are the fields' names behind a prefix no parameter
    // or local of its own has, so that no node name (`Body`, `End`) shadows them.
    let local = |field: &str| ident(&format!("field_{field}"));
    let locals: Vec<Ident> = body
        .fields
        .iter()
        .map(|f| local(&f.field))
        .collect::<Result<_, _>>()?;
    let (code_local, extra_local) = (local(CODE_FIELD)?, local(EXTRA_FIELD)?);
    let field_docs = body
        .fields
        .iter()
        .map(|f| element_doc(&f.element, &f.description, "", languages));
    let code_doc = element_doc(
        code_element,
        &body.code_description,
        "the error code",
        languages,
    );
    let struct_doc = doc(&format!(
        "The `<{root}>` document a failed request returns{}.\n\n\
         Generated from the field tables of {}: one field per node, in spec order.",
        if body.root_description.markdown.is_empty() {
            String::new()
        } else {
            format!(" ({})", body.root_description.markdown)
        },
        options.spec_name
    ));
    let serde_derive = match &options.serde_feature {
        Some(feature) => quote! {
            #[cfg_attr(feature = #feature, derive(::serde::Serialize, ::serde::Deserialize))]
        },
        None => quote!(),
    };
    let from_row = from_row(body, names)?;
    let http = http_impl(body, options, names)?;
    let display = display(body)?;
    let from_xml_doc = doc(&format!(
        "Parses a body with the default [limits]({}::xml::Limits).",
        options.runtime.trim_start_matches("::")
    ));
    let allow = allow_vendor_markdown();
    let example = match (&options.doc_path, names.variants.first()) {
        (Some(path), Some(first)) => doc(&format!(
            "\n```\nuse {path}::{{ErrorResponse, {name}}};\n\n\
             let body = ErrorResponse::new({name}::{first});\n\
             let xml = body.to_xml();\n\
             assert_eq!(ErrorResponse::from_xml(xml.as_bytes())?, body);\n\
             # Ok::<(), {rt}::xml::XmlError>(())\n```",
            rt = options.runtime.trim_start_matches("::"),
        )),
        _ => quote!(),
    };
    let serde_doc = match &options.serde_feature {
        Some(feature) => doc(&format!(
            "\nWith the `{feature}` feature it is `Serialize`/`Deserialize`, with the Rust field \
             names (snake_case, such as `request_id`) as keys and the code as its string."
        )),
        None => quote!(),
    };

    Ok(quote! {
        #struct_doc
        #serde_doc
        #example
        #[derive(Debug, Clone, PartialEq, Eq)]
        #serde_derive
        #allow
        pub struct ErrorResponse {
            #code_doc
            pub #code: #rt::Code<#name>,
            #(
                #field_docs
                pub #fields: Option<::std::string::String>,
            )*
            /// Elements the spec does not describe, in document order, kept so that nothing is lost.
            pub #extra: ::std::vec::Vec<#rt::xml::ExtraElement>,
        }

        impl ErrorResponse {
            /// The root element's name.
            pub const ROOT: &'static str = #root;

            /// A body with `code` and nothing else.
            pub fn new(code: impl Into<#rt::Code<#name>>) -> Self {
                ErrorResponse {
                    #code: code.into(),
                    #(#fields: None,)*
                    #extra: ::std::vec::Vec::new(),
                }
            }

            #from_row

            #from_xml_doc
            pub fn from_xml(body: &[u8]) -> Result<Self, #rt::xml::XmlError> {
                Self::from_xml_with(body, &#rt::xml::Limits::default())
            }

            /// Parses a body within `limits`.
            pub fn from_xml_with(body: &[u8], limits: &#rt::xml::Limits) -> Result<Self, #rt::xml::XmlError> {
                let mut #code_local: Option<#rt::Code<#name>> = None;
                #(let mut #locals: Option<::std::string::String> = None;)*
                let mut #extra_local = #rt::xml::Extras::new();
                let end = #rt::xml::read_document(body, #root, limits, |child| {
                    match child.local_name() {
                        #code_element => child.store_with(&mut #code_local, |text| #rt::Code::from(&*text)),
                        #(#elements => child.store(&mut #locals),)*
                        _ => child.keep_in(&mut #extra_local),
                    }
                })?;
                Ok(ErrorResponse {
                    #code: #code_local.ok_or_else(|| #rt::xml::XmlError::missing(#code_element, end))?,
                    #(#fields: #locals,)*
                    #extra: #extra_local.into_vec(),
                })
            }

            /// Writes the body in the spec's shape: declaration, root, children in spec order, escaped.
            pub fn to_xml(&self) -> ::std::string::String {
                let mut out = #rt::xml::XmlWriter::new(#root);
                out.element(#code_element, self.#code.as_str());
                #(
                    if let Some(value) = &self.#fields {
                        out.element(#elements, value);
                    }
                )*
                out.extra(&self.#extra);
                out.finish()
            }

            /// The spec's row for this body's code with `status`.
            pub fn row(&self, status: u16) -> Option<#rt::Row<#name>> {
                self.#code.known().and_then(|code| code.row(status))
            }
        }

        #display

        impl ::std::error::Error for ErrorResponse {}

        #http
    })
}

/// `ErrorBody` for the runtime's typed `http::ServiceError`, under the
/// configured feature: the message, request id and trace id are the fields
/// named so (`Message`, `RequestId`, `TraceId`), when the body has them.
fn http_impl(body: &Body, options: &EmitOptions, names: &Names) -> Result<TokenStream, EmitError> {
    let Some(body_cfg) = super::body_cfg(options) else {
        return Ok(quote!());
    };
    let Names {
        code_enum: name,
        rt,
        ..
    } = names;
    // The message is the field in that role; the ids, the fields named so.
    let named = |name: &str| body.fields.iter().find(|f| f.field == name);
    let field = |found: Option<&crate::pipeline::model::BodyField>| {
        found.map(|f| ident(&f.field)).transpose()
    };
    let getter = |f: &Option<proc_macro2::Ident>| match f {
        Some(f) => quote!(self.#f.as_deref()),
        None => quote!(None),
    };
    let setter = |f: &Option<proc_macro2::Ident>, value: proc_macro2::TokenStream| match f {
        Some(f) => quote!(body.#f = #value;),
        None => quote!(let _ = #value;),
    };
    let (message, request_id, trace_id) = (
        field(body.message())?,
        field(named("request_id"))?,
        field(named("trace_id"))?,
    );
    let (get_message, get_request_id, get_trace_id) =
        (getter(&message), getter(&request_id), getter(&trace_id));
    let set = [
        setter(&message, quote!(message)),
        setter(&request_id, quote!(request_id)),
        setter(&trace_id, quote!(trace_id)),
    ];
    let mutable = if message.is_some() || request_id.is_some() || trace_id.is_some() {
        quote!(mut)
    } else {
        quote!()
    };
    let code = ident(CODE_FIELD)?;
    Ok(quote! {
        #body_cfg
        impl #rt::body::ErrorBody for ErrorResponse {
            type Code = #name;
            const REQUEST_ID_HEADERS: &'static [&'static str] = <#name as #rt::CodeEnum>::REQUEST_ID_HEADERS;
            const TRACE_ID_HEADERS: &'static [&'static str] = <#name as #rt::CodeEnum>::TRACE_ID_HEADERS;

            fn from_xml_with(body: &[u8], limits: &#rt::xml::Limits) -> Result<Self, #rt::xml::XmlError> {
                Self::from_xml_with(body, limits)
            }

            fn to_xml(&self) -> ::std::string::String {
                Self::to_xml(self)
            }

            fn from_fields(
                code: #rt::Code<#name>,
                message: Option<::std::string::String>,
                request_id: Option<::std::string::String>,
                trace_id: Option<::std::string::String>,
            ) -> Self {
                let #mutable body = Self::new(code);
                #(#set)*
                body
            }

            fn code(&self) -> &#rt::Code<#name> {
                &self.#code
            }

            fn message(&self) -> Option<&str> {
                #get_message
            }

            fn request_id(&self) -> Option<&str> {
                #get_request_id
            }

            fn trace_id(&self) -> Option<&str> {
                #get_trace_id
            }
        }
    })
}

/// `from_row`: the body a server sends for a row; its description is the message, when there is one.
fn from_row(body: &Body, names: &Names) -> Result<TokenStream, EmitError> {
    let Names {
        code_enum: name,
        rt,
        ..
    } = names;
    let build = match body.message() {
        Some(m) => {
            let m = ident(&m.field)?;
            quote! {
                let mut body = Self::new(row.code);
                body.#m = Some(row.description.into());
                body
            }
        }
        None => quote!(Self::new(row.code)),
    };
    Ok(quote! {
        /// The body a server sends for `row`: its code, and its description as the message.
        pub fn from_row(row: &#rt::Row<#name>) -> Self {
            #build
        }
    })
}

/// `Display`: `Code: message (RequestId: …, TraceId: …)`, leaving out what is absent.
fn display(body: &Body) -> Result<TokenStream, EmitError> {
    let code = ident(CODE_FIELD)?;
    let message = match body.message() {
        Some(m) => {
            let m = ident(&m.field)?;
            quote!(if let Some(message) = &self.#m { write!(f, ": {message}")?; })
        }
        None => quote!(),
    };
    let details: Vec<_> = body
        .fields
        .iter()
        .filter(|f| f.role == FieldRole::Detail)
        .collect();
    let detail_fields: Vec<Ident> = details
        .iter()
        .map(|f| ident(&f.field))
        .collect::<Result<_, _>>()?;
    let detail_elements = details.iter().map(|f| f.element.as_str());
    let details = if details.is_empty() {
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
        impl ::core::fmt::Display for ErrorResponse {
            /// `Code: message (RequestId: …, TraceId: …)`, leaving out what is absent.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.#code.as_str())?;
                #message
                #details
                Ok(())
            }
        }
    })
}

//! The code enum: its variants with their docs, the methods that read the
//! table, and the trait impls that delegate to the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::{allow_vendor_markdown, doc, translations_markdown, EmitOptions, Names};
use crate::pipeline::model::{CodeEntry, ErrorRow, Model};

/// `NNN` or `NNN Reason`, whichever form the spec wrote the status in.
fn status_text(status: u16, row: &ErrorRow) -> String {
    if row.reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {}", row.reason)
    }
}

/// Where a row stands: `` `404 Not Found`, in *Section* ``, or for a row
/// without a status ``in *Section*`` (`None` when it has neither).
fn where_text(row: &ErrorRow) -> Option<String> {
    match (row.status, &row.section) {
        (Some(status), Some(section)) => {
            Some(format!("`{}`, in *{section}*", status_text(status, row)))
        }
        (Some(status), None) => Some(format!("`{}`", status_text(status, row))),
        (None, Some(section)) => Some(format!("in *{section}*")),
        (None, None) => None,
    }
}

/// A row's description in every language, the primary first, each
/// translation tagged: `English (zh: 中文)`; then its remedy the same way;
/// empty when there is neither.
fn descriptions(model: &Model, row: &ErrorRow) -> String {
    let mut text = in_every_edition(model, &row.description, "");
    let remedy = in_every_edition(model, &row.remedy, "**Remedy:** ");
    if !remedy.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&remedy);
    }
    text
}

/// A text in every edition as markdown paragraphs, the primary first,
/// each translation tagged, each after `label`; empty when there is none.
fn in_every_edition(model: &Model, texts: &crate::pipeline::model::Texts, label: &str) -> String {
    let primary = &texts.primary().markdown;
    let mut text = if primary.is_empty() {
        String::new()
    } else {
        format!("{label}{primary}")
    };
    text.push_str(&translations_markdown(&model.languages, texts, label));
    text
}

/// A variant's doc: its description(s), status(es) and section(s); then
/// its value, where it has one apart from its code, and the editions that
/// lack it.
fn variant_doc(model: &Model, entry: &CodeEntry) -> String {
    let mut text = rows_doc(model, entry);
    if let Some(value) = entry.value.filter(|v| v.to_string() != entry.code) {
        text.push_str(&format!("\n\nValue: `{value}`."));
    }
    let lacking: Vec<String> = (0..model.languages.len())
        .filter(|e| !model.rows_of(entry).any(|row| row.listed_in.contains(e)))
        .map(|e| format!("`{}`", model.languages[e]))
        .collect();
    if !lacking.is_empty() {
        let editions = if lacking.len() == 1 {
            "edition"
        } else {
            "editions"
        };
        text.push_str(&format!(
            "\n\nNot in the {} {editions}.",
            lacking.join(", ")
        ));
    }
    text
}

/// The rows part of a variant's doc.
fn rows_doc(model: &Model, entry: &CodeEntry) -> String {
    let rows: Vec<&ErrorRow> = model.rows_of(entry).collect();
    if let [row] = rows.as_slice() {
        let mut text = descriptions(model, row);
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        match where_text(row) {
            Some(at) => text.push_str(&format!("`{}`: {at}.", entry.code)),
            None => text.push_str(&format!("`{}`.", entry.code)),
        }
        text
    } else {
        let mut text = format!("`{}`, returned with {} rows:\n", entry.code, rows.len());
        for row in rows {
            let at = where_text(row).unwrap_or_else(|| format!("`{}`", entry.code));
            text.push_str(&format!("\n- {at}"));
            let described = descriptions(model, row).replace("\n\n", "\n  ");
            if !described.is_empty() {
                text.push_str(&format!(": {described}"));
            }
        }
        text
    }
}

/// The enum, its inherent methods and its trait impls.
pub(crate) fn emit(model: &Model, options: &EmitOptions, names: &Names) -> TokenStream {
    let Names {
        code_enum: name,
        rt,
        variants,
        ..
    } = names;
    let last = &variants[variants.len() - 1];
    let (request_headers, trace_headers) = (&options.request_id_headers, &options.trace_id_headers);
    let variant_defs = model.codes.iter().zip(variants).map(|(entry, v)| {
        let doc = doc(&variant_doc(model, entry));
        quote! { #doc #v, }
    });
    let enum_doc = doc(&format!(
        "An error code from {}: one variant per distinct code, in order of first appearance.\n\n\
         Parse one with [`str::parse`] or [`{name}::from_code`]; a code a server may send that \
         the spec does not list is kept by the runtime's `Code`.",
        options.spec_name
    ));
    let allow = allow_vendor_markdown();
    let serde = serde_impls(options, names);
    let example = example(model, options, names);
    quote! {
        #enum_doc
        #example
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        // Not in the docs: rustdoc would show every variant's index
        // (`= 3`) as if it were the code's value.
        #[cfg_attr(not(doc), repr(u32))]
        #allow
        pub enum #name {
            #(#variant_defs)*
        }

        // The table has one entry per variant: `from_index` relies on it.
        const _: () = assert!(CODES.len() == #name::#last as usize + 1);

        impl #name {
            /// Every code, in order of first appearance in the spec.
            pub const ALL: &'static [Self] = &{
                // Not a variant by name: the first code may change with the spec,
                // and this line would then be one more hunk of the diff.
                let Some(first) = Self::from_index(0) else {
                    panic!("a generated enum has at least one code")
                };
                let mut all = [first; CODES.len()];
                let mut i = 0;
                while i < all.len() {
                    if let Some(code) = Self::from_index(i) {
                        all[i] = code;
                    }
                    i += 1;
                }
                all
            };

            /// The variant whose discriminant is `index`. Not a `match` and
            /// not a table of variants: rustc looks each variant path up
            /// among all the variants, which at 10,000 codes costs seconds.
            #[allow(unsafe_code)]
            const fn from_index(index: usize) -> Option<Self> {
                if index < CODES.len() {
                    // A comment the formatter writes back (`quote!` drops comments).
                    __safety_comment!("SAFETY: the enum is `repr(u32)` with implicit");
                    __safety_comment!("discriminants, so exactly 0..CODES.len() (asserted");
                    __safety_comment!("above) are its values, and `index` is one of them.");
                    let code = unsafe { ::core::mem::transmute::<u32, Self>(index as u32) };
                    Some(code)
                } else {
                    None
                }
            }

            /// The code exactly as the spec writes it.
            #[inline]
            pub const fn as_str(&self) -> &'static str {
                CODES[*self as usize].name
            }

            /// Whether the edition `lang` lists this code: editions drift, and
            /// a code one lacks has no text in it.
            pub const fn is_listed_in(&self, lang: Lang) -> bool {
                CODES[*self as usize].listed_in >> lang as u32 & 1 == 1
            }

            /// The editions that list this code, the primary first.
            pub fn editions(&self) -> impl Iterator<Item = Lang> + 'static {
                let code = *self;
                Lang::ALL.iter().copied().filter(move |&lang| code.is_listed_in(lang))
            }

            /// Every HTTP status the spec gives this code, once each, in spec
            /// order (none for a code the spec lists without one).
            pub fn statuses(&self) -> #rt::Statuses<Self> {
                #rt::distinct_statuses(self.rows())
            }

            /// The spec's rows for this code, in spec order.
            pub fn rows(&self) -> #rt::Rows<Self> {
                let at = *self as usize;
                let (start, end) = (ROW_STARTS[at], ROW_STARTS[at + 1]);
                #rt::Rows::new(*self, start as usize..end as usize, |code, i| {
                    Some(ROWS.get(i)?.view(code, LANG_TAGS))
                })
            }

            /// Every row of the spec, code by code in the enum's order.
            pub fn all_rows() -> impl Iterator<Item = #rt::Row<Self>> {
                Self::ALL.iter().flat_map(Self::rows)
            }

            /// The row for this code with `status`, if the spec has one (the first, if it has several).
            pub fn row(&self, status: u16) -> Option<#rt::Row<Self>> {
                self.rows().find(|row| row.status == Some(status))
            }

            /// The description of this code in the edition `lang`, whatever its
            /// status: its first row's (for a code without a status, the only way in).
            pub fn describe(&self, lang: Lang) -> &'static str {
                self.rows().next().and_then(|row| row.description_in(lang)).unwrap_or("")
            }

            /// What to do about this code, in the edition `lang`, from its first
            /// row that says (`None` when the spec gives no remedy).
            pub fn remedy(&self, lang: Lang) -> Option<&'static str> {
                self.rows().find_map(|row| row.remedy_in(lang))
            }

            /// The code's numeric value: the code itself when it is a number,
            /// or the spec's value column beside a symbolic code.
            pub const fn value(&self) -> Option<i64> {
                CODES[*self as usize].value
            }

            /// The code's retry class, when the settings give it one
            /// (`retry = { throttling = […], transient = […] }`).
            pub const fn retry_class(&self) -> Option<#rt::retry::RetryClass> {
                CODES[*self as usize].retry
            }

            /// Retry advice for this code: for its first row (its status, if
            /// it has one) and its retry class, under the runtime's
            /// `retry` policy.
            pub fn retry(&self) -> #rt::retry::Retry {
                let status = self.rows().next().and_then(|row| row.status);
                #rt::retry::advice(status, self.retry_class())
            }

            /// The code whose numeric value is `value`, if the spec lists one
            /// (the first, if several share it).
            pub fn from_value(value: i64) -> Option<Self> {
                Self::ALL.iter().copied().find(|code| code.value() == Some(value))
            }

            /// The category of a dotted code, its first segment
            /// (`InvalidParameter` for `InvalidParameter.ValueTooLarge`).
            pub fn category(&self) -> Option<&'static str> {
                #rt::category_of(self.as_str())
            }

            /// The plain-text description of this code with `status`, in the primary language
            /// (from the first such row, if the spec lists the pair more than once).
            pub fn description(&self, status: u16) -> Option<&'static str> {
                self.row(status).map(|row| row.description)
            }

            /// [`Self::description`] in the edition `lang`.
            pub fn description_in(&self, lang: Lang, status: u16) -> Option<&'static str> {
                self.row(status)?.description_in(lang)
            }

            /// The distinct codes the spec lists with `status`, in the enum's order.
            pub fn for_status(status: u16) -> impl Iterator<Item = Self> {
                Self::ALL.iter().copied().filter(move |code| code.row(status).is_some())
            }

            /// Looks a code up: exact and case-sensitive, as servers send it.
            #[inline]
            pub fn from_code(code: &str) -> Option<Self> {
                INDEX.find(CODES, code).and_then(Self::from_index)
            }
        }

        impl #rt::CodeEnum for #name {
            type Lang = Lang;

            const REQUEST_ID_HEADERS: &'static [&'static str] = &[#(#request_headers),*];
            const TRACE_ID_HEADERS: &'static [&'static str] = &[#(#trace_headers),*];

            const ALL: &'static [Self] = Self::ALL;

            fn from_code(code: &str) -> Option<Self> {
                Self::from_code(code)
            }

            fn as_str(&self) -> &'static str {
                Self::as_str(self)
            }

            fn rows(&self) -> #rt::Rows<Self> {
                Self::rows(self)
            }

            fn retry_class(&self) -> Option<#rt::retry::RetryClass> {
                Self::retry_class(self)
            }
        }

        impl ::core::fmt::Debug for #name {
            /// The variant's name, from the table: a derived `Debug` is a `match`
            /// of one arm per code, the largest cost of a big enum's build.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(CODES[*self as usize].variant)
            }
        }

        impl ::core::fmt::Display for #name {
            /// Writes [`Self::as_str`], so that `to_string().parse()` round-trips.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = #rt::ParseCodeError;

            #[inline]
            fn from_str(code: &str) -> Result<Self, #rt::ParseCodeError> {
                Self::from_code(code).ok_or_else(|| #rt::ParseCodeError::new(code))
            }
        }

        impl ::core::convert::TryFrom<&str> for #name {
            type Error = #rt::ParseCodeError;

            fn try_from(code: &str) -> Result<Self, #rt::ParseCodeError> {
                code.parse()
            }
        }

        #serde
    }
}

/// A runnable example on the spec's first code, when the docs' path is known.
fn example(model: &Model, options: &EmitOptions, names: &Names) -> TokenStream {
    let (Some(path), Some(first)) = (&options.doc_path, model.codes.first()) else {
        return quote!();
    };
    let name = &names.code_enum;
    let rt = options.runtime.trim_start_matches("::");
    let statuses: Vec<String> = model
        .statuses_of(first)
        .iter()
        .map(u16::to_string)
        .collect();
    let code = first.code.replace('\\', "\\\\").replace('"', "\\\"");
    // A string the spec does not list, whatever codes it has.
    let mut unlisted = String::from("not a listed code");
    while model.codes.iter().any(|c| c.code == unlisted) {
        unlisted.push('!');
    }
    // An empty array literal's type is not inferred when other crates add
    // `PartialEq` impls for `u16` (such as `http`): say it without one.
    let statuses = if statuses.is_empty() {
        "assert_eq!(code.statuses().count(), 0);".to_owned()
    } else {
        format!(
            "assert_eq!(code.statuses().collect::<Vec<u16>>(), [{}]);",
            statuses.join(", ")
        )
    };
    doc(&format!(
        "\n```\nuse {path}::{name};\n\n\
         let code: {name} = \"{code}\".parse()?;\n\
         assert_eq!(code, {name}::{variant});\n\
         assert_eq!(code.as_str(), \"{code}\");\n\
         {statuses}\n\
         assert!({name}::from_code(\"{unlisted}\").is_none());\n\
         # Ok::<(), {rt}::ParseCodeError>(())\n```",
        variant = first.variant,
    ))
}

/// `Serialize`/`Deserialize` as the code string, under the configured feature.
fn serde_impls(options: &EmitOptions, names: &Names) -> TokenStream {
    let Some(feature) = &options.serde_feature else {
        return quote!();
    };
    let Names {
        code_enum: name,
        rt,
        ..
    } = names;
    quote! {
        #[cfg(feature = #feature)]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #rt::serde_impls::serialize(self, serializer)
            }
        }

        #[cfg(feature = #feature)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #rt::serde_impls::deserialize(deserializer)
            }
        }
    }
}

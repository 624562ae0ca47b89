//! The data: the editions (`Lang`), one table entry per code, and one flat
//! table of rows, code by code. One code's data stands together, so a spec
//! edit changes one place here.
//!
//! The shape is chosen for rustc: the row table holds no code and no nested
//! slice (texts are inline arrays, a row's code is where it stands), and
//! every offset is computed by rustc from the per-code row counts, so a new
//! code shifts nothing. At 10,000 rows this builds in a fraction of the time
//! of per-code row slices with the code in every row.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{allow_vendor_markdown, Names};
use ci_errors_runtime::texts::{self, TextKind};

use crate::pipeline::model::{ErrorRow, Model, Texts};

/// `Lang`, the per-code table `CODES`, the row table `ROWS`, where each
/// code's rows start, and the look-up index.
pub(crate) fn emit(model: &Model, options: &super::EmitOptions, names: &Names) -> TokenStream {
    let Names { rt, variants, .. } = names;
    let entries = model.codes.iter().zip(variants).map(|(entry, v)| {
        let code = &entry.code;
        let variant_name = v.to_string();
        let rows = Literal::u32_unsuffixed(entry.rows.len() as u32);
        let value = match entry.value {
            Some(v) => {
                let v = Literal::i64_unsuffixed(v);
                quote!(Some(#v))
            }
            None => quote!(None),
        };
        let retry = if options.throttling.contains(code) {
            quote!(Some(#rt::retry::RetryClass::Throttling))
        } else if options.transient.contains(code) {
            quote!(Some(#rt::retry::RetryClass::Transient))
        } else {
            quote!(None)
        };
        // Bit `i`: edition `i` lists the code (in one of its rows at least).
        let listed = model
            .rows_of(entry)
            .fold(0u64, |mask, row| mask | row.listed_mask());
        let listed = Literal::u64_unsuffixed(listed);
        quote! {
            #rt::CodeInfo { variant: #variant_name, name: #code, rows: #rows, value: #value, retry: #retry, listed_in: #listed },
        }
    });
    let remedies = model
        .errors
        .iter()
        .any(|row| row.remedy.each().any(|t| !t.plain.is_empty()));
    let texts = texts::len(model.languages.len(), remedies);
    let texts = Literal::usize_unsuffixed(texts);
    let rows = model
        .codes
        .iter()
        .flat_map(|entry| model.rows_of(entry))
        .map(|row| row_tokens(model, names, row, remedies));
    let lang = lang(model, names);
    let tags = &model.languages;
    let allow = allow_vendor_markdown();
    quote! {
        #lang

        /// One entry per code, in the enum's order (the enum's discriminant is
        /// the index). A `static`: rustc evaluates it once, where a `const`
        /// is evaluated again at each use.
        static CODES: &[#rt::CodeInfo] = &[
            #(#entries)*
        ];

        /// Every row, code by code in the enum's order, each code's in spec order.
        #allow
        static ROWS: &[#rt::RowData<#texts>] = &[
            #(#rows)*
        ];

        /// Where each code's rows start in `ROWS`, and where the last ends.
        static ROW_STARTS: [u32; CODES.len() + 1] = #rt::row_starts(CODES);

        /// The editions' tags, the primary first.
        static LANG_TAGS: &[&str] = &[#(#tags),*];

        /// The look-up table of `from_code`, built on first use.
        static INDEX: #rt::CodeIndex = #rt::CodeIndex::new();
    }
}

/// One `RowData`: its status, reason and section, then plain and markdown
/// text per edition, descriptions then (when the spec has any) remedies.
fn row_tokens(model: &Model, names: &Names, row: &ErrorRow, remedies: bool) -> TokenStream {
    let rt = &names.rt;
    let section = match &row.section {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    // The runtime reads the array by the same contract: slot by slot.
    let editions = model.languages.len();
    let mut texts = vec![""; texts::len(editions, remedies)];
    let kinds: &[(TextKind, &Texts)] = if remedies {
        &[
            (TextKind::Description, &row.description),
            (TextKind::Remedy, &row.remedy),
        ]
    } else {
        &[(TextKind::Description, &row.description)]
    };
    for (kind, each) in kinds {
        for (edition, text) in each.each().take(editions).enumerate() {
            let at = texts::plain(*kind, edition, editions);
            texts[at] = text.plain.as_str();
            texts[at + 1] = text.markdown.as_str();
        }
    }
    let status = match row.status {
        Some(status) => {
            let status = Literal::u16_unsuffixed(status);
            quote!(Some(#status))
        }
        None => quote!(None),
    };
    let reason = &row.reason;
    quote! {
        #rt::RowData { status: #status, reason: #reason, section: #section, texts: [#(#texts),*] },
    }
}

/// The `Lang` enum: one variant per edition, the primary first.
fn lang(model: &Model, names: &Names) -> TokenStream {
    let variants = &names.langs;
    let rt = &names.rt;
    let tags = &model.languages;
    let docs = tags.iter().enumerate().map(|(i, tag)| {
        let text = if i == 0 {
            format!(" `{tag}`: the primary edition.")
        } else {
            format!(" `{tag}`: a translation.")
        };
        quote!(#[doc = #text])
    });
    quote! {
        /// The editions of the spec: the language of each description a row
        /// carries. Non-exhaustive: a translation added to the settings is a
        /// new variant, not a breaking change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Lang {
            #(#docs #variants,)*
        }

        impl Lang {
            /// Every edition, the primary first.
            pub const ALL: &'static [Lang] = &[#(Lang::#variants),*];

            /// The edition's language tag, such as `en`.
            pub const fn tag(self) -> &'static str {
                match self {
                    #(Lang::#variants => #tags,)*
                }
            }
        }

        impl #rt::Edition for Lang {
            fn index(self) -> usize {
                self as usize
            }

            fn tag(self) -> &'static str {
                Lang::tag(self)
            }
        }
    }
}

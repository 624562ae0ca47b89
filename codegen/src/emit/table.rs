//! The data: the editions (`Lang`), one table entry per code with its rows,
//! and every row in spec order. One code's data stands together, so a spec
//! edit changes one place here.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{allow_vendor_markdown, Names};
use crate::model::{ErrorRow, Model};

/// `Lang`, the per-code table `CODES` and the spec-order `ROWS`.
pub(crate) fn emit(model: &Model, names: &Names) -> TokenStream {
    let Names {
        code_enum: name,
        rt,
        variants,
        ..
    } = names;
    let entries = model.codes.iter().zip(variants).map(|(entry, v)| {
        let code = &entry.code;
        let variant_name = v.to_string();
        let statuses = model
            .statuses_of(entry)
            .into_iter()
            .map(Literal::u16_unsuffixed);
        let rows = model
            .rows_of(entry)
            .map(|row| row_tokens(model, names, v, row));
        let value = entry.value.map(|v| {
            let v = Literal::i64_unsuffixed(v);
            quote!(.with_value(#v))
        });
        quote! {
            #rt::CodeInfo::new(#variant_name, #code, &[#(#statuses),*], &[#(#rows),*])#value,
        }
    });
    let all_rows = model.spec_order().map(|(code, nth, _)| {
        let v = &variants[code];
        let nth = Literal::usize_unsuffixed(nth);
        quote!(&#name::#v.rows()[#nth])
    });
    let lang = lang(model, names);
    let allow = allow_vendor_markdown();
    quote! {
        #lang

        /// One entry per code, in the enum's order (the enum's discriminant is
        /// the index). A `static`: rustc evaluates it once, where a `const`
        /// is evaluated again at each use (a third of the build at 10,000 codes).
        #allow
        static CODES: &[#rt::CodeInfo<#name>] = &[
            #(#entries)*
        ];

        /// Every row of the spec's error tables, in spec order.
        pub static ROWS: &[&#rt::Row<#name>] = &[#(#all_rows),*];
    }
}

fn row_tokens(
    model: &Model,
    names: &Names,
    variant: &proc_macro2::Ident,
    row: &ErrorRow,
) -> TokenStream {
    let Names {
        code_enum: name,
        rt,
        ..
    } = names;
    let reason = &row.reason;
    let section = match &row.section {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    let texts = |texts: &crate::model::Texts| {
        let each = model.languages.iter().zip(texts.each()).map(|(lang, t)| {
            let (text, md) = (&t.plain, &t.markdown);
            quote!(#rt::Description::new(#lang, #text, #md))
        });
        quote!(&[#(#each),*])
    };
    let descriptions = texts(&row.description);
    let remedies = row.remedy.each().any(|t| !t.plain.is_empty()).then(|| {
        let remedies = texts(&row.remedy);
        quote!(.with_remedies(#remedies))
    });
    let new = match row.status {
        Some(status) => {
            let status = Literal::u16_unsuffixed(status);
            quote!(#rt::Row::new(#name::#variant, #status, #reason, #section, #descriptions))
        }
        None => quote!(#rt::Row::without_status(#name::#variant, #section, #descriptions)),
    };
    quote!(#new #remedies)
}

/// The `Lang` enum: one variant per edition, the primary first.
fn lang(model: &Model, names: &Names) -> TokenStream {
    let variants = &names.langs;
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
        /// The editions of the spec: the language of each description a row carries.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    }
}

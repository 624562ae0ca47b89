//! `from_code`: one `match` over the codes' bytes, one arm per code in the
//! enum's order, so a new code is one new line. rustc compiles byte-string
//! patterns into a decision tree on the length and the bytes, so a miss costs
//! about what a hit does.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Names;
use crate::model::Model;

/// The inherent `from_code`.
pub(crate) fn emit(model: &Model, names: &Names) -> TokenStream {
    let Names {
        code_enum: name,
        variants,
        ..
    } = names;
    let arms = model.codes.iter().zip(variants).map(|(entry, v)| {
        let bytes = Literal::byte_string(entry.code.as_bytes());
        quote!(#bytes => Some(Self::#v),)
    });
    quote! {
        impl #name {
            /// Looks a code up: exact and case-sensitive, as servers send it.
            #[inline]
            pub fn from_code(code: &str) -> Option<Self> {
                match code.as_bytes() {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }
}

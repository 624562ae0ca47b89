//! Names the generated code uses itself, derived from what it emits rather
//! than listed by hand: the items are emitted once more for a one-code
//! model under a probe enum name, and the names found there are the ones an
//! enum or a variant cannot take.
//!
//! - The enum cannot be named like anything the items name unqualified (a
//!   type such as `Option`, `Lang` or `u16`, a trait such as `Iterator`, a
//!   static such as `CODES`): inside their module it would shadow it.
//! - A variant cannot be named like an item of the enum's own `impl`
//!   (`as_str`, `ALL`): `ErrorCode::as_str` would name two things.

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};

use super::{items, EmitError, EmitOptions, Names, PROBE_ENUM};
use crate::pipeline::model::{CodeEntry, Model};

/// Refuses an enum name or a variant name that the generated code uses itself.
pub(super) fn check(model: &Model, options: &EmitOptions, names: &Names) -> Result<(), EmitError> {
    let Some(first) = model.codes.first() else {
        return Ok(());
    };
    // One code, with its rows; the same editions and body: the same templates.
    let reference = Model {
        errors: model.rows_of(first).cloned().collect(),
        fields: Vec::new(),
        codes: vec![CodeEntry {
            rows: (0..first.rows.len()).collect(),
            ..first.clone()
        }],
        body: model.body.clone(),
        languages: model.languages.clone(),
        tables: Vec::new(),
    };
    // Retry classes only change table entries (paths, qualified): kept.
    let probe_options = EmitOptions {
        enum_name: PROBE_ENUM.to_owned(),
        ..options.clone()
    };
    let probe_names = Names::new(&reference, &probe_options)?;
    let tokens = items(&reference, &probe_options, &probe_names)?;

    // The spec's own names in the reference are not the code's.
    let mut own: BTreeSet<String> = names.langs.iter().map(ToString::to_string).collect();
    own.extend(probe_names.variants.iter().map(ToString::to_string));
    own.extend(
        model
            .body
            .iter()
            .flat_map(|b| b.fields.iter().map(|f| f.field.clone())),
    );
    let enum_name = &options.enum_name;
    if !own.contains(enum_name) && unqualified(tokens.clone()).contains(enum_name) {
        return Err(EmitError::Reserved {
            name: enum_name.clone(),
            what: "enum-name".into(),
        });
    }
    let inherent = inherent_items(tokens);
    if let Some(code) = model.codes.iter().find(|c| inherent.contains(&c.variant)) {
        return Err(EmitError::Reserved {
            name: code.variant.clone(),
            what: format!(
                "the variant name of `{}` (a method or constant of the enum)",
                code.code
            ),
        });
    }
    Ok(())
}

/// Names used as the first segment of a path (not after `::` or `.`),
/// in every group.
fn unqualified(tokens: TokenStream) -> BTreeSet<String> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut found = BTreeSet::new();
    let punct = |at: Option<usize>| match at.and_then(|i| tokens.get(i)) {
        Some(TokenTree::Punct(p)) => Some(p.as_char()),
        _ => None,
    };
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => found.extend(unqualified(group.stream())),
            TokenTree::Ident(ident) => {
                let path =
                    punct(i.checked_sub(1)) == Some(':') && punct(i.checked_sub(2)) == Some(':');
                let field = punct(i.checked_sub(1)) == Some('.');
                if !path && !field {
                    found.insert(ident.to_string());
                }
            }
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
    found
}

/// The names of the functions and constants in `impl <probe enum> { … }`.
fn inherent_items(tokens: TokenStream) -> BTreeSet<String> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut found = BTreeSet::new();
    for window in tokens.windows(3) {
        let [TokenTree::Ident(keyword), TokenTree::Ident(name), TokenTree::Group(body)] = window
        else {
            continue;
        };
        if keyword != "impl" || name != PROBE_ENUM {
            continue;
        }
        let items: Vec<TokenTree> = body.stream().into_iter().collect();
        for pair in items.windows(2) {
            if let [TokenTree::Ident(kind), TokenTree::Ident(item)] = pair {
                if kind == "fn" || kind == "const" {
                    found.insert(item.to_string());
                }
            }
        }
    }
    found
}

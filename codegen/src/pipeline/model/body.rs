//! The XML error body from field tables: each node row read, then one root
//! container with text children under it, one of them `Code`. In lenient mode
//! an unusable body is left out with a warning.

use std::collections::HashMap;

use super::{
    cell_text, is_none_word, Body, BodyField, FieldRole, FieldRow, NodeType, Texts, Validator,
    CODE_FIELD, EXTRA_FIELD,
};
use crate::pipeline::diagnostic::Diagnostic;
use crate::pipeline::layout::FieldTable;
use crate::pipeline::model::naming::field_name;
use crate::pipeline::read::Row;

/// What lenient mode leaves out when the field tables do not describe a usable body.
const BODY_SKIPPED: &str = "the XML body";
/// The element of the body that carries the error code.
const CODE_ELEMENT: &str = "Code";
/// The element of the body that carries the message.
const MESSAGE_ELEMENT: &str = "Message";

impl Validator<'_> {
    /// One node of a field table.
    pub(super) fn field_row(&mut self, t: &FieldTable<'_>, row: &Row) -> Option<FieldRow> {
        let name = row.cell(t.name).map_or("", |c| c.text.as_str());
        let type_name = row.cell(t.ty).map_or("", |c| c.text.as_str());
        if name.is_empty() {
            self.reject(Diagnostic::error(
                self.src,
                row.cell_span(self.src, t.name),
                "empty node name cell",
            ));
            return None;
        }
        let node_type = if type_name.eq_ignore_ascii_case("string") {
            NodeType::String
        } else if type_name.eq_ignore_ascii_case("container") {
            NodeType::Container
        } else {
            self.reject(
                Diagnostic::error(
                    self.src,
                    row.cell_span(self.src, t.ty),
                    format!("unsupported node type `{type_name}` for node `{name}`"),
                )
                .with_label("expected `string` or `Container`"),
            );
            return None;
        };
        let parent = t
            .parent
            .and_then(|i| row.cell(i))
            .map(|c| c.text.as_str())
            .filter(|p| !is_none_word(p))
            .map(str::to_owned);
        Some(FieldRow {
            name: name.to_owned(),
            parent,
            description: cell_text(row, t.description),
            type_name: type_name.to_owned(),
            node_type,
            line: row.line,
        })
    }

    /// Derives the XML body from every field row.
    pub(super) fn body(&mut self, fields: &[FieldRow]) -> Option<Body> {
        if fields.is_empty() {
            return None;
        }
        let (root, ok) = self.body_root(fields)?;
        let mut code = None;
        let mut body_fields: Vec<BodyField> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for f in fields.iter().filter(|f| f.parent.is_some()) {
            let Some(field) = self.body_child(f, root, &mut seen) else {
                continue;
            };
            if f.name == CODE_ELEMENT {
                code = Some(f);
            } else {
                body_fields.push(BodyField {
                    role: if f.name == MESSAGE_ELEMENT {
                        FieldRole::Message
                    } else {
                        FieldRole::Detail
                    },
                    element: f.name.clone(),
                    field,
                    description: Texts::new(f.description.clone()),
                });
            }
        }
        let Some(code) = code else {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(root.line),
                    format!(
                        "the body `{}` has no `{CODE_ELEMENT}` node of type `string`",
                        root.name
                    ),
                ),
                BODY_SKIPPED,
            );
            return None;
        };
        ok.then(|| Body {
            root: root.name.clone(),
            root_description: root.description.clone(),
            code_element: code.name.clone(),
            code_description: Texts::new(code.description.clone()),
            fields: body_fields,
        })
    }

    /// The root node, and whether it is usable (one root, a container).
    fn body_root<'f>(&mut self, fields: &'f [FieldRow]) -> Option<(&'f FieldRow, bool)> {
        let roots: Vec<&FieldRow> = fields.iter().filter(|f| f.parent.is_none()).collect();
        let Some(root) = roots.first().copied() else {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(fields[0].line),
                    "the field tables have no root node",
                )
                .with_note("the root (such as `Error`) has parent `None` and type `Container`"),
                BODY_SKIPPED,
            );
            return None;
        };
        let mut ok = self.xml_name(root, BODY_SKIPPED);
        for extra in roots.iter().skip(1) {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(extra.line),
                    format!("second root node `{}`", extra.name),
                )
                .with_note(format!(
                    "the root is `{}`, at line {}",
                    root.name, root.line
                )),
                BODY_SKIPPED,
            );
            ok = false;
        }
        if root.node_type != NodeType::Container {
            self.reject_skipping(
                Diagnostic::error(
                    self.src,
                    self.src.line_range(root.line),
                    format!("root node `{}` must be a `Container`", root.name),
                ),
                BODY_SKIPPED,
            );
            ok = false;
        }
        Some((root, ok))
    }

    /// Whether a node's name is one the body can read and write back: an XML
    /// name without a namespace prefix. Refused otherwise.
    fn xml_name(&mut self, f: &FieldRow, skipped: &str) -> bool {
        let mut chars = f.name.chars();
        let plain = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if plain {
            return true;
        }
        let why = if f.name.contains(':') {
            "a prefixed name (`ns:Name`) is not supported: the body reads and writes names without prefixes"
        } else {
            "an XML name starts with a letter or `_` and holds letters, digits, `_`, `-` and `.`"
        };
        self.reject_skipping(
            Diagnostic::error(
                self.src,
                self.src.line_range(f.line),
                format!("node `{}` is not an XML element name", f.name),
            )
            .with_note(why),
            skipped,
        );
        false
    }

    /// The Rust field name of a child of the root, or `None` (refused) when
    /// it is nested, not text, or its name is taken or reserved.
    fn body_child(
        &mut self,
        f: &FieldRow,
        root: &FieldRow,
        seen: &mut HashMap<String, usize>,
    ) -> Option<String> {
        let span = self.src.line_range(f.line);
        if !self.xml_name(f, "this row") {
            return None;
        }
        if f.parent.as_deref() != Some(root.name.as_str()) {
            self.reject(Diagnostic::error(
                self.src,
                span,
                format!(
                    "node `{}` is under `{}`; only children of the root `{}` are supported",
                    f.name,
                    f.parent.as_deref().unwrap_or_default(),
                    root.name
                ),
            ));
            return None;
        }
        if f.node_type != NodeType::String {
            self.reject(
                Diagnostic::error(
                    self.src,
                    span,
                    format!("nested container `{}` is not supported", f.name),
                )
                .with_note("children of the root must be `string` nodes"),
            );
            return None;
        }
        let field = if f.name == CODE_ELEMENT {
            CODE_FIELD.to_owned()
        } else {
            field_name(&f.name)
        };
        if let Some(first) = seen.get(&field) {
            self.reject(
                Diagnostic::error(
                    self.src,
                    span,
                    format!(
                        "node `{}` becomes field `{field}`, which is already taken",
                        f.name
                    ),
                )
                .with_note(format!("first taken at {}:{first}", self.src.name())),
            );
            return None;
        }
        if field == EXTRA_FIELD || (field == CODE_FIELD && f.name != CODE_ELEMENT) {
            self.reject(Diagnostic::error(
                self.src,
                span,
                format!(
                    "node `{}` would become field `{field}`, which the body reserves",
                    f.name
                ),
            ));
            return None;
        }
        seen.insert(field.clone(), f.line);
        Some(field)
    }
}

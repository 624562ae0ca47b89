//! `serde` support (feature `serde`): codes serialize as their code string.
//! Generated enums call [`serialize`] and [`deserialize`] from their own impls.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::{Code, CodeEnum};

/// Serializes a listed code as its string.
pub fn serialize<C: CodeEnum, S: Serializer>(code: &C, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(code.as_str())
}

/// Deserializes a listed code from its string; any other string is an error.
pub fn deserialize<'de, C: CodeEnum, D: Deserializer<'de>>(deserializer: D) -> Result<C, D::Error> {
    struct CodeVisitor<C>(PhantomData<C>);
    impl<C: CodeEnum> Visitor<'_> for CodeVisitor<C> {
        type Value = C;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code listed in the spec")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<C, E> {
            C::from_code(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
    deserializer.deserialize_str(CodeVisitor(PhantomData))
}

impl<C: CodeEnum> Serialize for Code<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de, C: CodeEnum> Deserialize<'de> for Code<C> {
    /// Any string: a listed code becomes [`Code::Known`], anything else [`Code::Unknown`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Code::from)
    }
}

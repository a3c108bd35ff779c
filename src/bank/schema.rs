//! The JSON Schema of the bank format, for editors (`quiz schema`).
//!
//! [`Bank`](super::Bank) and [`Question`](super::Question) derive theirs; the
//! values that YAML lets an author write in two shapes (a choice as text or a map,
//! an answer as a letter or a list, an `rfc` or a `url` reference) describe
//! themselves here. Scalars that the loader reads as text whatever their YAML type
//! (a choice `1024`, a section `10.10`) accept numbers too, so editors do not
//! flag what `quiz check` accepts.

use super::{Choice, Reference, Spanned};
use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use std::borrow::Cow;

/// The schema, as editors read it (draft-07, which yaml-language-server supports).
/// `allowed`: the codes a question's `allow` may name (`quiz check`'s question
/// warnings), which the model does not know: the checks are a layer above it.
pub fn json_schema(allowed: &[&str]) -> serde_json::Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<super::Bank>();
    let mut value = schema.to_value();
    if let Some(items) = value.pointer_mut("/definitions/Question/properties/allow/items") {
        items["enum"] = serde_json::json!(allowed);
    }
    value
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

fn scalar(description: &str) -> Schema {
    json_schema!({ "type": ["string", "number", "boolean"], "description": description })
}

pub(super) fn id(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "number"],
        "pattern": "^[A-Za-z0-9._-]+$",
        "description": "A stable id: letters, digits, `.`, `_` and `-`, unique across the banks of a run."
    })
}

pub(super) fn choices(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "minItems": 2,
        "maxItems": 26,
        "items": generator.subschema_for::<Choice>(),
        "description": "2 to 26 choices, lettered A, B, C… in file order."
    })
}

pub(super) fn answer(_: &mut SchemaGenerator) -> Schema {
    let letter = json_schema!({ "type": "string", "pattern": "^[A-Za-z]$" });
    json_schema!({
        "anyOf": [
            letter.clone(),
            { "type": "array", "items": letter, "minItems": 1, "uniqueItems": true }
        ]
    })
}

/// The codes `allow` may name: every warning of `quiz check`'s registry, filled
/// in by [`json_schema`].
pub(super) fn allow(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string" },
        "uniqueItems": true
    })
}

pub(super) fn tags(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "items": { "type": ["string", "number"] } })
}

impl JsonSchema for Choice {
    fn schema_name() -> Cow<'static, str> {
        "Choice".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A choice: its text, or a map with the text, feedback and pinning.",
            "anyOf": [
                scalar("The choice's text."),
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["text"],
                    "properties": {
                        "text": scalar("The choice's text."),
                        "why": { "type": "string", "description": "Feedback on this choice, shown after answering." },
                        "pin": { "type": "boolean", "description": "Keep this choice in place when choices are shuffled (for \"None of these\")." }
                    }
                }
            ]
        })
    }
}

impl JsonSchema for Reference {
    fn schema_name() -> Cow<'static, str> {
        "Reference".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let title =
            json_schema!({ "type": "string", "description": "What the reader will find there." });
        json_schema!({
            "description": "Where the answer is settled: an RFC (and section), or a web page.",
            "anyOf": [
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["rfc"],
                    "properties": {
                        "rfc": { "type": "integer", "minimum": 1, "description": "The RFC's number, such as 5246." },
                        "section": {
                            "type": ["string", "number"],
                            "description": "A section such as 7.4.1.3, or an appendix such as B.4; kept as written (10.10 stays 10.10)."
                        },
                        "title": title.clone()
                    }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["url"],
                    "properties": {
                        "url": { "type": "string", "pattern": "^https?://", "description": "An http:// or https:// address." },
                        "title": title
                    }
                }
            ]
        })
    }
}

//! The JSON Schema of the bank format, for editors (`quiz schema`).
//!
//! [`Bank`](super::Bank) derives its own; a question is described here by hand,
//! as one branch per kind (`oneOf`), each with the keys every question has and
//! those its kind owns (each kind describes its own: [`super::kind::Read`]). The
//! values that YAML lets an author write in two shapes (a choice as text or a
//! map, an answer as a letter or a list, an `rfc` or a `url` reference) describe
//! themselves. Scalars that the loader reads as text whatever their YAML type (a
//! choice `1024`, a section `10.10`) accept numbers too, so editors do not flag
//! what `quiz check` accepts.

use super::kind::Kind;
use super::{Question, Reference, Spanned};
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
    if let Some(items) = value.pointer_mut("/definitions/Allow/items") {
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

/// What every question has, whatever its kind.
fn common(generator: &mut SchemaGenerator) -> serde_json::Map<String, serde_json::Value> {
    let reference = generator.subschema_for::<Reference>().to_value();
    let allow = generator.subschema_for::<Allow>().to_value();
    let properties = serde_json::json!({
        "id": {
            "type": ["string", "number"],
            "pattern": "^[A-Za-z0-9._-]+$",
            "description": "A stable id: letters, digits, `.`, `_` and `-`, unique across the banks of a run. Keep it when you reword the question: the history follows it."
        },
        "question": {
            "type": "string",
            "minLength": 1,
            "description": "The stem, standing on its own."
        },
        "exhibit": {
            "type": ["string", "null"],
            "description": "Preformatted text shown verbatim under the stem, never re-wrapped: router output, a packet dump, a config file. Write it as a literal block (`|`)."
        },
        "image": {
            "type": ["string", "null"],
            "pattern": "\\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ss][Vv][Gg]|[Ww][Ee][Bb][Pp])$",
            "description": "A picture shown with the question (a topology diagram, a screenshot): a PNG, JPEG, SVG or WebP file, its path relative to the bank file's folder."
        },
        "alt": {
            "type": ["string", "null"],
            "description": "What the picture shows, in words: read out by screen readers, and shown by the terminal fronts in its place."
        },
        "explanation": {
            "type": ["string", "null"],
            "description": "Why the right answer is right and the tempting ones wrong; shown after answering."
        },
        "references": {
            "type": "array",
            "items": reference,
            "description": "Where the answer is settled: RFC sections or web pages."
        },
        "tags": {
            "type": "array",
            "items": { "type": ["string", "number"] },
            "description": "Topic tags, for `--tag` and the breakdown by tag."
        },
        "allow": allow
    });
    match properties {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

impl JsonSchema for Question {
    fn schema_name() -> Cow<'static, str> {
        "Question".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let branches: Vec<serde_json::Value> = Kind::ALL
            .iter()
            .map(|&kind| {
                let mut properties = common(generator);
                let (own, required) = kind.schema();
                if let serde_json::Value::Object(own) = own {
                    properties.extend(own);
                }
                let mut needed = vec!["id", "question"];
                // A question without `kind` is a choice question.
                if kind == Kind::Choice {
                    properties.insert(
                        "kind".into(),
                        serde_json::json!({ "enum": ["choice"], "description": "The kind of question; `choice` when absent." }),
                    );
                } else {
                    properties.insert(
                        "kind".into(),
                        serde_json::json!({ "const": kind.name(), "description": "The kind of question." }),
                    );
                    needed.push("kind");
                }
                needed.extend(required);
                serde_json::json!({
                    "title": format!("{} question", kind.name()),
                    "description": kind.describe(),
                    "type": "object",
                    "additionalProperties": false,
                    "properties": properties,
                    "required": needed,
                })
            })
            .collect();
        json_schema!({
            "description": "One question: the keys every question has, and those of its kind (`kind`, a choice question when absent).",
            "oneOf": branches
        })
    }
}

/// The codes `allow` may name: every warning of `quiz check`'s registry, filled
/// in by [`json_schema`].
struct Allow;

impl JsonSchema for Allow {
    fn schema_name() -> Cow<'static, str> {
        "Allow".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": { "type": "string" },
            "uniqueItems": true,
            "description": "Warning codes silenced for this question alone (`allow: [negative-stem]`); write the reason in a comment beside it."
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

//! The JSON Schema of the blueprint format, for editors (`quiz schema --blueprint`).
//!
//! [`Blueprint`](super::Blueprint) derives it; the values that the loader reads
//! from more than one shape (a tag list or one tag, a weight as `25` or `"25%"`)
//! describe themselves here.

use schemars::{Schema, SchemaGenerator, generate::SchemaSettings, json_schema};

/// The schema, as editors read it (draft-07, which yaml-language-server supports).
pub fn json_schema() -> serde_json::Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<super::Blueprint>();
    let mut value = schema.to_value();
    // `pass_mark` and `scale` both say how to pass: one or the other.
    if let Some(root) = value.as_object_mut() {
        root.insert(
            "not".to_owned(),
            serde_json::json!({ "required": ["pass_mark", "scale"] }),
        );
    }
    value
}

pub(super) fn duration(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": "^\\s*([0-9]+\\s*[hms]\\s*)+$",
        "description": "The time limit, such as 90m, 45s or 1h30m."
    })
}

pub(super) fn scoring(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "enum": ["strict", "partial"],
        "description": "How multiple-answer items score: `strict` (default), the point only for exactly the correct set; `partial`, max(0, (right − wrong) / correct)."
    })
}

pub(super) fn banks(_: &mut SchemaGenerator) -> Schema {
    let path = json_schema!({ "type": "string", "minLength": 1 });
    json_schema!({
        "anyOf": [path.clone(), { "type": "array", "items": path, "minItems": 1 }],
        "description": "Bank files or folders, relative to this file [default: the built-in bank]."
    })
}

pub(super) fn name(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "number"],
        "minLength": 1,
        "description": "The domain's name, as the results show it."
    })
}

pub(super) fn tags(_: &mut SchemaGenerator) -> Schema {
    let tag = json_schema!({ "type": ["string", "number"] });
    json_schema!({
        "anyOf": [tag.clone(), { "type": "array", "items": tag, "minItems": 1 }],
        "description": "Questions with any of these tags belong to the domain."
    })
}

pub(super) fn pass_mark(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "number", "minimum": 0, "maximum": 100 },
            { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%?$" }
        ]
    })
}

pub(super) fn weight(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "number", "exclusiveMinimum": 0, "maximum": 100 },
            { "type": "string", "pattern": "^\\s*[0-9]*(\\.[0-9]{1,3})?\\s*%?$" }
        ],
        "description": "The domain's share of the questions, in percent (up to three decimals); the weights add up to 100."
    })
}

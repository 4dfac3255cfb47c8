//! `sellerhealth schema`: the JSON Schema of the audit report, generated from
//! the same serde types that `--format json` serialises, so it cannot drift.

use crate::report::Report;

/// The schema of `T` as a JSON value, with a title and a description.
pub fn schema_of<T: schemars::JsonSchema>(title: &str, description: &str) -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = serde_json::to_value(generator.into_root_schema_for::<T>())
        .unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new()));
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "title".to_string(),
            serde_json::Value::String(title.to_string()),
        );
        obj.insert(
            "description".to_string(),
            serde_json::Value::String(description.to_string()),
        );
    }
    schema
}

/// The schema as a JSON value.
pub fn schema() -> serde_json::Value {
    schema_of::<Report>(
        "sellerhealth audit report",
        &format!(
            "The output of `sellerhealth audit --format json` (schema_version {}, {} {}).",
            crate::report::SCHEMA_VERSION,
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION")
        ),
    )
}

/// A schema, pretty-printed.
pub fn pretty(schema: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// The schema, pretty-printed, for `sellerhealth schema`.
pub fn schema_text() -> String {
    pretty(&schema())
}

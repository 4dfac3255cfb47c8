//! `sellerhealth schema`: the JSON Schema of the audit report.

pub fn schema_text() -> String {
    String::from("{}\n")
}

//! `--format json`: the machine contract, one pretty-printed object (SPEC §5),
//! with every control character escaped (SPEC §15).

use super::{Render, RenderOptions, Report};

pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report, _: &RenderOptions) -> String {
        // serde_json escapes C0 controls only: C1 and bidirectional controls
        // are escaped too (SPEC §15).
        let mut s = crate::text::escape_json_controls(
            &serde_json::to_string_pretty(report)
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
        );
        s.push('\n');
        s
    }
}

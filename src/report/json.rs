//! `--format json`: the machine contract, one pretty-printed object (SPEC §5).

use super::{Render, RenderOptions, Report};

pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report, _: &RenderOptions) -> String {
        let mut s = serde_json::to_string_pretty(report)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}

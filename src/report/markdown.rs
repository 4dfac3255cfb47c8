//! `--format markdown`: the report as a document to share.

use super::{Render, RenderOptions, Report};

pub struct Markdown;

impl Render for Markdown {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        super::table::TableFormat.render(report, options)
    }
}

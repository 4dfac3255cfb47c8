//! `--format csv`: one row per metric and window.

use super::{Render, RenderOptions, Report};

pub struct Csv;

impl Render for Csv {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        super::table::TableFormat.render(report, options)
    }
}

//! The report (SPEC §5): the facts of an audit judged and put into words once
//! ([`build`]), the JSON contract ([`contract`]), the people-facing layout
//! ([`document`]) and one renderer per format. All prose lives in this layer.

pub mod amazon;
pub mod breakdown_words;
pub mod build;
pub mod contract;
pub mod csv;
pub mod document;
pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
pub mod metric_words;
pub mod schema;
pub mod table;
pub mod words;

pub use contract::{MetricReport, Report, SCHEMA_VERSION};

/// Options of the people-facing formats.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub details: bool,
    pub color: bool,
    /// The terminal's width in columns when writing to one; `None` otherwise.
    pub width: Option<u16>,
}

/// One output format: a renderer of the report.
pub trait Render {
    fn render(&self, report: &Report, options: &RenderOptions) -> String;
}

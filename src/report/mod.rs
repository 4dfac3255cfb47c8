//! The report (SPEC §5): the facts of an audit judged and put into words once
//! ([`build`]), the JSON contract ([`contract`]), the people-facing layout
//! ([`document`]) and one renderer per format. All prose lives in this layer.

pub mod amazon;
pub mod breakdown_words;
pub mod build;
pub mod columns;
pub mod contract;
pub mod csv;
pub mod document;
pub mod explain;
pub mod html;
mod html_chart;
pub mod html_many;
mod html_sections;
pub mod json;
pub mod markdown;
pub mod metric_words;
mod notes_words;
pub mod schema;
pub mod summary;
pub mod table;
pub mod trend;
pub mod words;

pub use contract::{MetricReport, Report, SCHEMA_VERSION};

/// Options of the people-facing formats.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub details: bool,
    pub color: bool,
    /// The width to fit, in columns (the terminal's, or `COLUMNS`); `None`:
    /// [`DEFAULT_WIDTH`].
    pub width: Option<u16>,
    /// Every tip that fits a metric, not only the first [`SHOWN_TIPS`].
    pub all_tips: bool,
    /// Only the headline, the ACT NOW counts and the metric table.
    pub brief: bool,
}

/// The width when neither the terminal nor `COLUMNS` tells it.
pub const DEFAULT_WIDTH: u16 = 100;
/// Tips shown per metric family that is not good, unless `--all-tips`.
pub const SHOWN_TIPS: usize = 3;
/// Entries shown per ACT NOW group in the people-facing formats, unless `--details`.
pub const SHOWN_ACT_NOW: usize = 10;

/// One output format: a renderer of the report.
pub trait Render {
    fn render(&self, report: &Report, options: &RenderOptions) -> String;
}

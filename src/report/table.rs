//! `--format table` (default): for people at a terminal.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Color, Table};

use super::{
    channel_words, metric_status_word, percent, target_words, Render, RenderOptions, Report,
};
use crate::metrics::status::Status;

pub struct TableFormat;

impl Render for TableFormat {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        if !options.color {
            t.force_no_tty();
        }
        t.set_header(vec![
            "Metric",
            "Channel",
            "Window",
            "Value",
            "Target",
            "Status",
            "Defects / total",
        ]);
        for m in &report.metrics {
            let status = Cell::new(metric_status_word(m.status));
            let status = if options.color {
                match m.status {
                    Status::Good => status.fg(Color::Green),
                    Status::Warning => status.fg(Color::Yellow),
                    Status::Bad => status.fg(Color::Red),
                    Status::NoData => status,
                }
            } else {
                status
            };
            t.add_row(vec![
                Cell::new(m.metric.title()),
                Cell::new(channel_words(m.channel)),
                Cell::new(format!(
                    "{} – {} ({} d)",
                    m.window.from, m.window.to, m.window.days
                )),
                Cell::new(percent(m.rate)),
                Cell::new(target_words(&m.target)),
                status,
                Cell::new(format!("{} / {}", m.defects, m.total)),
            ]);
        }
        format!("{t}\n")
    }
}

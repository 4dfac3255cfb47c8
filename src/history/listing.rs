//! `sellerhealth history`: the snapshots as a table, JSON or CSV.

use chrono::DateTime;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ContentArrangement, Table};

use super::snapshot::{parse_status, Snapshot, SnapshotMetric};
use crate::policy::MetricId;
use crate::report::csv::defuse;
use crate::report::words::{clean, status_word};
use crate::text::percent;

/// The list as JSON: an array of snapshots, oldest first.
pub fn json(snapshots: &[Snapshot]) -> String {
    let mut s = serde_json::to_string_pretty(snapshots).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}

/// The header of the CSV list: the snapshot's fields, then the metric row's.
pub const CSV_COLUMNS: [&str; 15] = [
    "account",
    "marketplace",
    "as_of",
    "recorded_at",
    "generator",
    "status",
    "metric",
    "channel",
    "window_from",
    "window_to",
    "window_days",
    "defects",
    "total",
    "rate",
    // The metric row's status (`status` is the snapshot's overall status).
    "metric_status",
];

/// The list as CSV: one row per snapshot and metric row.
pub fn csv(snapshots: &[Snapshot]) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![CSV_COLUMNS.iter().map(|c| c.to_string()).collect()];
    for s in snapshots {
        for m in &s.metrics {
            rows.push(vec![
                s.account.clone().unwrap_or_default(),
                s.marketplace.clone(),
                s.as_of.clone(),
                s.recorded_at.clone(),
                s.generator.clone(),
                s.status.clone(),
                m.metric.clone(),
                m.channel.clone(),
                m.window.from.clone(),
                m.window.to.clone(),
                m.window.days.to_string(),
                m.defects.to_string(),
                m.total.to_string(),
                m.rate
                    .map(|r| serde_json::to_string(&r).unwrap_or_default())
                    .unwrap_or_default(),
                m.status.clone(),
            ]);
        }
    }
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| defuse(c)).collect();
        if w.write_record(&cells).is_err() {
            break;
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A metric row's column: the metric, its channel and its window's length.
#[derive(PartialEq, Eq, Clone)]
struct Column {
    metric: String,
    channel: String,
    days: u32,
}

impl Column {
    fn of(m: &SnapshotMetric) -> Column {
        Column {
            metric: m.metric.clone(),
            channel: m.channel.clone(),
            days: m.window.days,
        }
    }

    /// `lsr 30d`, `odr afn 60d` (the channel when it is not the usual one).
    fn header(&self) -> String {
        let name = MetricId::parse(&self.metric)
            .map_or_else(|| clean(&self.metric), |m| m.short().to_string());
        match self.channel.as_str() {
            "mfn" | "all" => format!("{name} {}d", self.days),
            other => format!("{name} {} {}d", clean(other), self.days),
        }
    }
}

/// The list as a table: one row per snapshot with its as-of day, when it was
/// recorded, its overall status and each metric's rate; `width` is the
/// terminal's when writing to one.
pub fn table(snapshots: &[Snapshot], width: Option<u16>) -> String {
    if snapshots.is_empty() {
        return "No snapshot in the history matches.\n".to_string();
    }
    let mut columns: Vec<Column> = Vec::new();
    for m in snapshots.iter().flat_map(|s| &s.metrics) {
        let c = Column::of(m);
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    let accounts = snapshots.iter().any(|s| s.account.is_some());
    let marketplaces = snapshots
        .iter()
        .any(|s| s.marketplace != snapshots[0].marketplace);
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.force_no_tty();
    if let Some(w) = width {
        t.set_width(w);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    let mut header = vec!["As of".to_string()];
    if accounts {
        header.push("Account".to_string());
    }
    if marketplaces {
        header.push("Marketplace".to_string());
    }
    header.push("Recorded at".to_string());
    header.push("Status".to_string());
    header.extend(columns.iter().map(Column::header));
    t.set_header(header);
    for s in snapshots {
        let mut row = vec![Cell::new(&s.as_of)];
        if accounts {
            row.push(Cell::new(clean(s.account.as_deref().unwrap_or("–"))));
        }
        if marketplaces {
            row.push(Cell::new(clean(&s.marketplace)));
        }
        row.push(Cell::new(recorded(&s.recorded_at)));
        row.push(Cell::new(status(&s.status)));
        for c in &columns {
            let value = s
                .metrics
                .iter()
                .find(|m| Column::of(m) == *c)
                .map_or_else(String::new, |m| percent(m.rate));
            row.push(Cell::new(value).set_alignment(CellAlignment::Right));
        }
        t.add_row(row);
    }
    format!("{t}\n")
}

fn status(key: &str) -> String {
    parse_status(key).map_or_else(|| clean(key), |s| status_word(s).to_string())
}

/// `2026-11-21T08:00:12.345Z` → `2026-11-21 08:00 UTC`.
fn recorded(rfc3339: &str) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%d %H:%M UTC")
            .to_string(),
        Err(_) => clean(rfc3339),
    }
}

/// The JSON Schema of `sellerhealth history --format json`.
pub fn schema() -> serde_json::Value {
    crate::report::schema::schema_of::<Vec<Snapshot>>(
        "sellerhealth history",
        &format!(
            "The output of `sellerhealth history --format json`: the snapshots, oldest first ({} {}).",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION")
        ),
    )
}

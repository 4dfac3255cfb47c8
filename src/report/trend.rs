//! `sellerhealth trend` (SPEC §10.2): the JSON contract of a trend, built from
//! the facts of `metrics::trend`, and its table, markdown and CSV forms.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::build::shown_rate;
use super::contract::{
    scope_key, status_key, InputReport, MetricIdDef, ScopeDef, StatusDef, WindowReport,
    SCHEMA_VERSION,
};
use super::words::fulfilled_by;
use crate::metrics::status::{status, Status};
use crate::metrics::trend::Series;
use crate::model::InputSummary;
use crate::policy::{MetricId, Ratio, Scope};
use crate::text::percent;

/// The output of `sellerhealth trend --format json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TrendReport {
    /// Raised when the meaning of an existing field changes.
    pub schema_version: u32,
    /// The program and version that wrote the trend.
    pub generator: String,
    /// The IANA time zone in force.
    pub timezone: String,
    /// The marketplace code (`US`, `DE`, …).
    pub marketplace: String,
    /// The first day of the trend (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub from: String,
    /// The last day of the trend: the as-of day (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub to: String,
    /// Every file read, in the order read.
    pub inputs: Vec<InputReport>,
    /// What had to be skipped while reading.
    pub warnings: Vec<String>,
    /// One per day, oldest first: what `audit --as-of DAY` gives that day.
    pub days: Vec<TrendDay>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TrendDay {
    #[schemars(extend("format" = "date"))]
    pub date: String,
    /// The worst status of that day's metrics; `no_data` when none has items.
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
    pub status: Status,
    /// Every metric, channel and window, in the audit's order.
    pub metrics: Vec<TrendMetric>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TrendMetric {
    #[serde(with = "MetricIdDef")]
    #[schemars(with = "MetricIdDef")]
    pub metric: MetricId,
    #[serde(with = "ScopeDef")]
    #[schemars(with = "ScopeDef")]
    pub channel: Scope,
    pub window: WindowReport,
    pub defects: u64,
    pub total: u64,
    /// As Amazon shows it, as in the audit report; null without items.
    pub rate: Option<f64>,
    #[serde(with = "StatusDef")]
    #[schemars(with = "StatusDef")]
    pub status: Status,
    /// False when the window starts before the first day covered by the
    /// inputs this metric reads: the rate may look better than it was.
    pub complete: bool,
}

/// The first day covered by each family of inputs (orders, shipments,
/// messages); `None` when there is no such input.
#[derive(Debug, Clone, Copy, Default)]
pub struct Coverage {
    pub orders: Option<NaiveDate>,
    pub shipments: Option<NaiveDate>,
    pub messages: Option<NaiveDate>,
}

impl Coverage {
    fn first_day(&self, metric: MetricId) -> Option<NaiveDate> {
        match metric {
            MetricId::ValidTrackingRate => self.shipments,
            MetricId::ResponseTime => self.messages,
            MetricId::OnTimeDeliveryRate => self.orders.max(self.shipments),
            _ => self.orders,
        }
    }
}

/// What a trend is built from.
pub struct TrendFacts {
    pub cal: crate::calendar::Calendar,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub timezone: String,
    pub marketplace: String,
    pub warn_at: Ratio,
    pub inputs: Vec<InputSummary>,
    pub warnings: Vec<String>,
    pub series: Vec<Series>,
    pub coverage: Coverage,
}

pub fn build(f: TrendFacts) -> TrendReport {
    let cal = f.cal;
    let n = f.series.first().map_or(0, |s| s.points.len());
    let days = (0..n)
        .map(|i| {
            let metrics: Vec<TrendMetric> = f
                .series
                .iter()
                .filter_map(|s| {
                    let p = s.points.get(i)?;
                    let target = s.metric.policy().target;
                    let first = f.coverage.first_day(s.metric);
                    Some(TrendMetric {
                        metric: s.metric,
                        channel: s.scope,
                        window: WindowReport {
                            from: p.window.from.to_string(),
                            to: p.window.to.to_string(),
                            days: p.window.days,
                        },
                        defects: p.defects,
                        total: p.total,
                        rate: shown_rate(target, p.defects, p.total),
                        status: status(target, p.defects, p.total, f.warn_at),
                        complete: first.is_some_and(|d| d <= p.window.from),
                    })
                })
                .collect();
            let day = crate::calendar::add_days(f.from, i as i64);
            TrendDay {
                date: day.to_string(),
                status: metrics
                    .iter()
                    .map(|m| m.status)
                    .max()
                    .unwrap_or(Status::NoData),
                metrics,
            }
        })
        .collect();
    TrendReport {
        schema_version: SCHEMA_VERSION,
        generator: format!("sellerhealth {}", env!("CARGO_PKG_VERSION")),
        timezone: f.timezone,
        marketplace: f.marketplace,
        from: f.from.to_string(),
        to: f.to.to_string(),
        inputs: f
            .inputs
            .into_iter()
            .map(|i| super::build::input_report(i, &cal))
            .collect(),
        warnings: f.warnings,
        days,
    }
}

/// The status of the last day (`--check`).
pub fn last_status(t: &TrendReport) -> Status {
    t.days.last().map_or(Status::NoData, |d| d.status)
}

/// One row of the people's table: a metric, channel and window over the days.
struct Summary {
    metric: MetricId,
    scope: Scope,
    days: u32,
    first: Option<f64>,
    last: Option<f64>,
    lowest: Option<f64>,
    highest: Option<f64>,
    bad: usize,
    warning: usize,
    spark: String,
    incomplete: usize,
}

fn summaries(t: &TrendReport) -> Vec<Summary> {
    let Some(first_day) = t.days.first() else {
        return Vec::new();
    };
    (0..first_day.metrics.len())
        .map(|k| {
            let cells: Vec<&TrendMetric> = t.days.iter().filter_map(|d| d.metrics.get(k)).collect();
            let rates: Vec<Option<f64>> = cells.iter().map(|m| m.rate).collect();
            let known = rates.iter().flatten().copied();
            let lowest = known.clone().reduce(f64::min);
            let highest = known.reduce(f64::max);
            let m0 = &first_day.metrics[k];
            Summary {
                metric: m0.metric,
                scope: m0.channel,
                days: m0.window.days,
                first: rates.first().copied().flatten(),
                last: rates.last().copied().flatten(),
                lowest,
                highest,
                bad: cells.iter().filter(|m| m.status == Status::Bad).count(),
                warning: cells.iter().filter(|m| m.status == Status::Warning).count(),
                spark: sparkline(&rates, lowest, highest),
                incomplete: cells.iter().filter(|m| !m.complete).count(),
            }
        })
        .collect()
}

/// `▁▂▃▄▅▆▇█` from the lowest to the highest rate of the row, `·` without data.
pub fn sparkline(rates: &[Option<f64>], lowest: Option<f64>, highest: Option<f64>) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = (lowest.unwrap_or(0.0), highest.unwrap_or(0.0));
    rates
        .iter()
        .map(|r| match r {
            None => '·',
            Some(_) if hi <= lo => BARS[3],
            Some(r) => {
                let i = ((r - lo) / (hi - lo) * 7.0).round().clamp(0.0, 7.0) as usize;
                BARS[i]
            }
        })
        .collect()
}

/// The change from the first to the last value, in percentage points.
fn change(s: &Summary) -> String {
    match (s.first, s.last) {
        (Some(a), Some(b)) => format!("{:+.2} pp", (b - a) * 100.0),
        _ => "–".to_string(),
    }
}

fn cells(s: &Summary) -> Vec<String> {
    let window = if s.incomplete > 0 {
        format!("{} d*", s.days)
    } else {
        format!("{} d", s.days)
    };
    vec![
        s.metric.policy().short_name.to_string(),
        fulfilled_by(s.scope).to_string(),
        window,
        percent(s.first),
        percent(s.last),
        change(s),
        format!("{} – {}", percent(s.lowest), percent(s.highest)),
        s.bad.to_string(),
        s.warning.to_string(),
        s.spark.clone(),
    ]
}

const HEADER: [&str; 10] = [
    "Metric",
    "Fulfilled by",
    "Window",
    "First",
    "Last",
    "Change",
    "Range",
    "Days bad",
    "Days warning",
    "Rate by day",
];

fn heading(t: &TrendReport) -> String {
    format!(
        "Trend from {} to {} ({} days), {}, marketplace {}: each day as `audit --as-of` that day gives it.",
        t.from,
        t.to,
        t.days.len(),
        t.timezone,
        t.marketplace
    )
}

fn footnote(rows: &[Summary]) -> Option<String> {
    rows.iter().any(|s| s.incomplete > 0).then(|| {
        "* On some days this window starts before the first day the inputs cover: \
         those days count fewer items than Amazon would (complete = false in JSON and CSV)."
            .to_string()
    })
}

/// The table for people.
pub fn table(t: &TrendReport, width: Option<u16>) -> String {
    let rows = summaries(t);
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header(HEADER.to_vec());
    if let Some(w) = width {
        table.set_width(w);
    }
    for s in &rows {
        table.add_row(cells(s));
    }
    let mut out = format!("{}\n{table}\n", heading(t));
    if let Some(n) = footnote(&rows) {
        out.push_str(&n);
        out.push('\n');
    }
    for w in &t.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    out
}

/// The same as a Markdown document.
pub fn markdown(t: &TrendReport) -> String {
    let rows = summaries(t);
    let mut out = format!("# Account health trend\n\n{}\n\n", heading(t));
    out.push_str(&format!("| {} |\n", HEADER.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(HEADER.len())));
    for s in &rows {
        let c: Vec<String> = cells(s).iter().map(|c| c.replace('|', "\\|")).collect();
        out.push_str(&format!("| {} |\n", c.join(" | ")));
    }
    if let Some(n) = footnote(&rows) {
        out.push_str(&format!("\n{}\n", n.replacen('*', "\\*", 1)));
    }
    if !t.warnings.is_empty() {
        out.push_str("\n## Warnings\n\n");
        for w in &t.warnings {
            out.push_str(&format!("- {}\n", w.replace('|', "\\|")));
        }
    }
    out
}

pub const CSV_COLUMNS: [&str; 9] = [
    "date",
    "metric",
    "channel",
    "window_days",
    "defects",
    "total",
    "rate",
    "status",
    "complete",
];

/// One row per day, metric and window.
pub fn csv(t: &TrendReport) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(CSV_COLUMNS);
    for d in &t.days {
        for m in &d.metrics {
            let _ = w.write_record([
                d.date.clone(),
                m.metric.as_str().to_string(),
                scope_key(m.channel).to_string(),
                m.window.days.to_string(),
                m.defects.to_string(),
                m.total.to_string(),
                m.rate
                    .map(|r| serde_json::to_string(&r).unwrap_or_default())
                    .unwrap_or_default(),
                status_key(m.status).to_string(),
                m.complete.to_string(),
            ]);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Pretty JSON with a final newline.
pub fn json(t: &TrendReport) -> String {
    let mut s = serde_json::to_string_pretty(t).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON Schema of `trend --format json`.
pub fn schema_text() -> String {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = serde_json::to_value(generator.into_root_schema_for::<TrendReport>())
        .unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new()));
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("title".into(), "sellerhealth trend".into());
        obj.insert(
            "description".into(),
            format!(
                "The output of `sellerhealth trend --format json` (schema_version {SCHEMA_VERSION})."
            )
            .into(),
        );
    }
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The HTML page's trend lines: each series as its rate day by day.
pub fn lines(series: &[Series], from: NaiveDate) -> Vec<super::contract::TrendLine> {
    series
        .iter()
        .map(|s| {
            let target = s.metric.policy().target;
            super::contract::TrendLine {
                metric: s.metric,
                channel: s.scope,
                window_days: s.days,
                from: from.to_string(),
                rates: s
                    .points
                    .iter()
                    .map(|p| super::build::shown_rate(target, p.defects, p.total))
                    .collect(),
            }
        })
        .collect()
}

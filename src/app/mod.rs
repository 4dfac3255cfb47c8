//! Running a command: audit, explain, schema, completions; exit codes (SPEC §6).

mod audit;
mod progress;
mod read;

pub use audit::{audit, audits, most_urgent, Audited};

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;

use crate::calendar::{add_days, Calendar};
use crate::cli::{
    self, AuditConfig, Format, HistoryConfig, ListFormat, Parsed, SchemaOf, TrendDays,
};
use crate::history::{self, Store};
use crate::ingest::header::Kind;
use crate::metrics::{self, status::Status};
use crate::model::{InputKind, InputSummary};
use crate::report;
use crate::report::trend::TrendReport;
use crate::text::sanitize;
use read::{read_inputs, Read};

/// The exit codes, one source of truth (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// The audit ran (with `--check`: good).
    Ok = 0,
    /// `--check`: overall status warning.
    Warning = 1,
    /// `--check`: a metric breaches Amazon's target.
    Bad = 2,
    /// Nothing was audited: bad usage or an input error; with `--check`
    /// also health that cannot be told (SPEC §9.3).
    Error = 3,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

/// The whole program: parses `args`, runs, maps errors to exit codes.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let parsed = match cli::parse(args) {
        Ok(p) => p,
        Err(e) => {
            use clap::error::ErrorKind;
            let code = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Exit::Ok,
                _ => Exit::Error,
            };
            // clap prints help to stdout and errors to stderr; when that
            // stream is closed the code is still the one of the outcome.
            let text = e.render().to_string();
            if code == Exit::Error && text.starts_with("error: ") {
                // One message style (SPEC §9.5): `sellerhealth: error: …`.
                let _ = write!(io::stderr().lock(), "sellerhealth: {text}");
            } else {
                let _ = e.print();
            }
            return code.into();
        }
    };
    match run(parsed) {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("sellerhealth: error: {}", sanitize(&format!("{e:#}")));
            Exit::Error.into()
        }
    }
}

pub fn run(parsed: Parsed) -> Result<Exit> {
    match parsed {
        Parsed::Audit(config) => audit::run_audit(&config),
        Parsed::Explain(metric) => {
            write_stdout(&crate::report::explain::explain_text(metric.as_deref())?)?;
            Ok(Exit::Ok)
        }
        Parsed::Columns(kind) => {
            write_stdout(&columns_text(kind))?;
            Ok(Exit::Ok)
        }
        Parsed::Schema(SchemaOf::Audit) => {
            write_stdout(&crate::report::schema::schema_text())?;
            Ok(Exit::Ok)
        }
        Parsed::Schema(SchemaOf::Trend) => {
            write_stdout(&report::trend::schema_text())?;
            Ok(Exit::Ok)
        }
        Parsed::Trend(config, days) => run_trend(&config, days),
        Parsed::Schema(SchemaOf::History) => {
            write_stdout(&crate::report::schema::pretty(&history::listing::schema()))?;
            Ok(Exit::Ok)
        }
        Parsed::History(config) => run_history(&config),
        Parsed::Completions(shell) => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cli::Cli::command(), "sellerhealth", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))?;
            Ok(Exit::Ok)
        }
    }
}

/// `sellerhealth history`: the snapshots, oldest first.
fn run_history(config: &HistoryConfig) -> Result<Exit> {
    let store = Store::open_existing(&config.path)?;
    let snapshots = store.list(&history::Filter {
        account: config.account.clone(),
        marketplace: config.marketplace.clone(),
        metric: config.metric.map(|m| m.as_str().to_string()),
    })?;
    let text = match config.format {
        ListFormat::Json => history::listing::json(&snapshots),
        ListFormat::Csv => history::listing::csv(&snapshots),
        ListFormat::Table => {
            let width = if io::stdout().is_terminal() {
                comfy_table::Table::new().width()
            } else {
                None
            };
            history::listing::table(&snapshots, width)
        }
    };
    write_stdout(&text)?;
    Ok(Exit::Ok)
}

/// `sellerhealth columns [KIND]`: the reader's own column table, in words.
pub fn columns_text(kind: Option<Kind>) -> String {
    use crate::report::columns::{ColumnDoc, KindColumns};
    const SHOWN: [Kind; 6] = [
        Kind::Orders,
        Kind::Shipments,
        Kind::Feedback,
        Kind::Claims,
        Kind::Returns,
        Kind::Messages,
    ];
    let kinds: Vec<KindColumns> = SHOWN
        .into_iter()
        .filter(|k| kind.is_none_or(|only| only == *k))
        .map(|k| KindColumns {
            kind: k.as_str(),
            columns: k
                .columns()
                .iter()
                .map(|c| ColumnDoc {
                    names: c.names,
                    required: c.required,
                    meaning: c.meaning,
                })
                .collect(),
        })
        .collect();
    crate::report::columns::columns_text(&kinds)
}

/// A closed standard output is not an error: the run keeps its exit code.
fn write_stdout(s: &str) -> Result<()> {
    crate::output::write_stdout(s.as_bytes())?;
    Ok(())
}

/// The as-of day: `--as-of`, else yesterday in the zone in force.
fn as_of_day(config: &AuditConfig) -> chrono::NaiveDate {
    config
        .as_of
        .unwrap_or_else(|| add_days(Utc::now().with_timezone(&config.tz).date_naive(), -1))
}

/// The longest trend, in days (SPEC §10.2).
pub const MAX_TREND_DAYS: i64 = 400;

/// Reads every input once and measures every metric on every day of the trend.
pub fn trend(config: &AuditConfig, days: TrendDays) -> Result<TrendReport> {
    let to = as_of_day(config);
    let from = match days {
        TrendDays::Last(n) => add_days(to, 1 - i64::from(n)),
        TrendDays::From(from) => {
            if from > to {
                anyhow::bail!(
                    "error: --from {from} is after the as-of day {to}: a trend runs from --from up to the as-of day"
                );
            }
            if (to - from).num_days() >= MAX_TREND_DAYS {
                anyhow::bail!(
                    "error: --from {from} is more than {MAX_TREND_DAYS} days before the as-of day {to}"
                );
            }
            from
        }
    };
    let Read {
        models,
        inputs,
        warnings,
    } = read_inputs(config, from)?;
    // A trend follows one marketplace (SPEC §12.1: never mixed).
    if models.len() > 1 {
        let codes: Vec<&str> = models.iter().map(|(m, _)| m.code()).collect();
        anyhow::bail!(
            "error: the orders hold {} marketplaces ({}); a trend follows one: choose it with --marketplace CODE",
            models.len(),
            codes.join(", ")
        );
    }
    let Some((marketplace, model)) = models.into_iter().next() else {
        anyhow::bail!("error: nothing to follow");
    };
    // The marketplace's own zone (its days), unless --tz.
    let cal = audit::zone_of(config, marketplace);
    let to = config
        .as_of
        .unwrap_or_else(|| add_days(Utc::now().with_timezone(&cal.tz()).date_naive(), -1));
    let from = match days {
        TrendDays::Last(n) => add_days(to, 1 - i64::from(n)),
        TrendDays::From(from) => from,
    };
    let series = metrics::trend::trend(&model, cal, from, to, config.handling_days);
    let coverage = coverage(&inputs, cal);
    Ok(report::trend::build(report::trend::TrendFacts {
        cal,
        from,
        to,
        timezone: cal.tz().name().to_string(),
        marketplace: marketplace.code().to_string(),
        warn_at: config.warn_at,
        inputs,
        warnings: warnings
            .iter()
            .map(|w| sanitize(&report::words::read_warning(w)))
            .collect(),
        series,
        coverage,
    }))
}

/// The first day any window counts buyer messages on (by the day received).
pub(super) fn earliest_received_day(as_of: chrono::NaiveDate) -> chrono::NaiveDate {
    use crate::policy::{PlacedBy, POLICY};
    let reach = POLICY
        .iter()
        .filter(|p| p.placed_by == PlacedBy::ReceivedDay)
        .map(|p| i64::from(p.lag + p.longest_window()) - 1)
        .max()
        .unwrap_or(0);
    add_days(as_of, -reach)
}

/// The first event day of the orders, shipments and messages inputs read.
fn coverage(inputs: &[InputSummary], cal: Calendar) -> report::trend::Coverage {
    let first = |kind: InputKind| {
        inputs
            .iter()
            .filter(|i| i.kind == kind)
            .filter_map(|i| i.events.first)
            .min()
            .map(|t| cal.day_of(t))
    };
    report::trend::Coverage {
        orders: first(InputKind::Orders),
        shipments: first(InputKind::Shipments),
        messages: first(InputKind::Messages),
    }
}

fn run_trend(config: &AuditConfig, days: TrendDays) -> Result<Exit> {
    if let Some(path) = &config.output {
        crate::output::check(path)?;
    }
    if config.format == Format::Html {
        anyhow::bail!("error: trend has no html format (use table, markdown, csv or json)");
    }
    let t = trend(config, days)?;
    if !config.quiet {
        let mut err = io::stderr().lock();
        for w in &t.warnings {
            let _ = writeln!(err, "warning: {w}");
        }
    }
    let width = if config.output.is_none() && io::stdout().is_terminal() {
        comfy_table::Table::new().width()
    } else {
        None
    };
    let text = match config.format {
        Format::Json => report::trend::json(&t),
        Format::Csv => report::trend::csv(&t),
        Format::Markdown => report::trend::markdown(&t),
        Format::Table | Format::Html => report::trend::table(&t, width),
    };
    match &config.output {
        Some(path) => crate::output::write_file(path, text.as_bytes())?,
        None => write_stdout(&text)?,
    }
    Ok(if config.check {
        match report::trend::last_status(&t) {
            Status::Good | Status::NoData => Exit::Ok,
            Status::Warning => Exit::Warning,
            Status::Bad => Exit::Bad,
        }
    } else {
        Exit::Ok
    })
}

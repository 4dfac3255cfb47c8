//! Running a command: audit, explain, schema, completions; exit codes (SPEC §6).

mod progress;
mod read;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;

use crate::calendar::{add_days, Calendar};
use crate::cli::{
    self, AuditConfig, ColorChoice, Format, HistoryConfig, ListFormat, Parsed, SchemaOf, TrendDays,
};
use crate::history::{self, HistoryError, Snapshot, Store};
use crate::ingest::header::Kind;
use crate::ingest::InputError;
use crate::metrics::{self, act_now, status::Status, Context};
use crate::model::{InputKind, InputSummary};
use crate::reconcile;
use crate::report::trend::TrendReport;
use crate::report::{self, Render, RenderOptions, Report};
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
        Parsed::Audit(config) => run_audit(&config),
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

/// Reads every input, computes every metric and builds the report.
pub fn audit(config: &AuditConfig) -> Result<Report, InputError> {
    let cal = Calendar::new(config.tz);
    let as_of = as_of_day(config);
    // The HTML page draws each metric's last days as a line (SPEC §14): the
    // orders those days' windows need are kept too.
    let trend_from = (config.format == Format::Html && !config.no_trend)
        .then(|| add_days(as_of, 1 - HTML_TREND_DAYS));
    let Read {
        model,
        inputs,
        warnings,
    } = read_inputs(config, trend_from.unwrap_or(as_of))?;
    let (reconciliation, amazon_notes) =
        reconcile::with_amazon(&model, cal, config.handling_days, config.marketplace);
    let mut ctx = Context::new(&model, cal, as_of, config.handling_days);
    ctx.threads = config.threads;
    ctx.by = config.by;
    // ACT NOW is judged at --now; else at the current time, unless an as-of
    // day was given: then at E, so that the audit is reproducible (SPEC §9.1).
    ctx.now = match (config.now, config.as_of) {
        (Some(now), _) => now,
        (None, Some(_)) => ctx.evaluation,
        (None, None) => Utc::now().timestamp(),
    };
    let trend_lines = trend_from.map(|from| {
        let series = metrics::trend::trend(&model, cal, from, as_of, config.handling_days);
        report::trend::lines(&series, from)
    });
    let mut report = report::build::report(report::build::Facts {
        as_of,
        now: ctx.now,
        cal,
        marketplace: config.marketplace.code().to_string(),
        warn_at: config.warn_at,
        max_age: config.max_age,
        inputs,
        measured: metrics::measure_all(&ctx),
        open_orders: act_now::open_orders(&ctx),
        pending_messages: act_now::pending_messages(&ctx),
        claims_due: act_now::claims_due(&ctx),
        read_warnings: warnings,
        notes: metrics::notes(&ctx),
        reconciliation,
        amazon_notes,
    });
    report.trend_lines = trend_lines.unwrap_or_default();
    Ok(report)
}

/// Days of each metric's trend line on the HTML page.
const HTML_TREND_DAYS: i64 = 30;

/// The longest trend, in days (SPEC §10.2).
pub const MAX_TREND_DAYS: i64 = 400;

/// Reads every input once and measures every metric on every day of the trend.
pub fn trend(config: &AuditConfig, days: TrendDays) -> Result<TrendReport> {
    let cal = Calendar::new(config.tz);
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
        model,
        inputs,
        warnings,
    } = read_inputs(config, from)?;
    let series = metrics::trend::trend(&model, cal, from, to, config.handling_days);
    let coverage = coverage(&inputs, cal);
    Ok(report::trend::build(report::trend::TrendFacts {
        cal,
        from,
        to,
        timezone: cal.tz().name().to_string(),
        marketplace: config.marketplace.code().to_string(),
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

fn run_audit(config: &AuditConfig) -> Result<Exit> {
    if let Some(path) = &config.output {
        // Refuse a device, FIFO or folder before reading any input.
        crate::output::check(path)?;
    }
    let mut report = audit(config)?;
    // The history is opened once the audit has run; when it cannot be used,
    // the report is still printed, then its error (exit 3).
    let store = config.history.as_deref().map(|path| {
        let store = Store::open(path)?;
        report.since = Some(
            // Accounts come later (SPEC §12.2): for now every audit has none.
            store
                .latest_before(None, &report.marketplace, &report.as_of)?
                .map(|earlier| history::since(&earlier, &report.metrics)),
        );
        Ok::<Store, HistoryError>(store)
    });
    if !config.quiet {
        let mut err = io::stderr().lock();
        for w in &report.warnings {
            let _ = writeln!(err, "sellerhealth: warning: {w}");
        }
    }
    let exit = if config.check {
        // Health that cannot be told is never healthy (SPEC §9.3): exit 3,
        // with its reasons on standard error even under -q.
        let reasons = report::build::check_reasons(&report, &config.require);
        let exit = if !reasons.is_empty() {
            Exit::Error
        } else {
            match report.status {
                Status::Good | Status::NoData => Exit::Ok,
                Status::Warning => Exit::Warning,
                Status::Bad => Exit::Bad,
            }
        };
        let mut err = io::stderr().lock();
        for r in &reasons {
            let _ = writeln!(err, "sellerhealth: error: {r}");
        }
        report.check = Some(report::contract::CheckReport {
            code: exit as u8,
            reasons,
        });
        exit
    } else {
        Exit::Ok
    };
    let color = match config.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            config.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // The terminal's width, else COLUMNS, else 100 (SPEC §9.5).
    let terminal = if config.output.is_none() && io::stdout().is_terminal() {
        comfy_table::Table::new().width()
    } else {
        None
    };
    let width = terminal.or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c > 0)
    });
    let options = RenderOptions {
        details: config.details,
        color,
        width,
        all_tips: config.all_tips,
        brief: config.brief,
    };
    let renderer: Box<dyn Render> = match config.format {
        Format::Json => Box::new(report::json::Json),
        Format::Table => Box::new(report::table::TableFormat),
        Format::Csv => Box::new(report::csv::Csv),
        Format::Markdown => Box::new(report::markdown::Markdown),
        Format::Html => Box::new(report::html::Html::new(config.warn_at)),
    };
    let text = renderer.render(&report, &options);
    match &config.output {
        Some(path) => crate::output::write_file(path, text.as_bytes())?,
        None => write_stdout(&text)?,
    }
    // Recorded once the report is out; a history that could not be opened
    // is the run's one error.
    if let Some(opened) = store {
        let mut store = opened?;
        store.record(&Snapshot::of(&report, None, history::now_utc()))?;
    }
    Ok(exit)
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

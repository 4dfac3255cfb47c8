//! Running a command: audit, explain, schema, completions; exit codes (SPEC §6).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;

use crate::calendar::{add_days, Calendar};
use crate::cli::{self, AuditConfig, ColorChoice, Format, Parsed};
use crate::ingest::values::ValueParser;
use crate::ingest::{self, InputError, ReadOptions};
use crate::metrics::{self, act_now, status::Status, Context};
use crate::model::Model;
use crate::report::{self, Render, RenderOptions, Report};
use crate::text::sanitize;

/// The exit codes, one source of truth (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// The audit ran (with `--check`: good or no data).
    Ok = 0,
    /// `--check`: overall status warning.
    Warning = 1,
    /// `--check`: a metric breaches Amazon's target.
    Bad = 2,
    /// Nothing was audited: bad usage or an input error.
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
            let _ = e.print();
            return code.into();
        }
    };
    match run(parsed) {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("sellerhealth: {}", sanitize(&format!("{e:#}")));
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
        Parsed::Schema => {
            write_stdout(&crate::report::schema::schema_text())?;
            Ok(Exit::Ok)
        }
        Parsed::Completions(shell) => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cli::Cli::command(), "sellerhealth", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))?;
            Ok(Exit::Ok)
        }
    }
}

/// A closed standard output is not an error: the run keeps its exit code.
fn write_stdout(s: &str) -> Result<()> {
    crate::output::write_stdout(s.as_bytes())?;
    Ok(())
}

/// Reads every input, computes every metric and builds the report.
pub fn audit(config: &AuditConfig) -> Result<Report, InputError> {
    let cal = Calendar::new(config.tz);
    let as_of = config
        .as_of
        .unwrap_or_else(|| add_days(Utc::now().with_timezone(&config.tz).date_naive(), -1));
    let options = ReadOptions {
        values: ValueParser::new(cal, config.marketplace.date_order()),
        fallback: config
            .encoding
            .unwrap_or_else(|| config.marketplace.fallback_encoding()),
        strict: config.strict,
    };
    let mut warnings = Vec::new();
    let specs = ingest::expand(&config.inputs, &mut warnings)?;
    // `-o` must never replace an input with the report.
    if let Some(out) = config
        .output
        .as_ref()
        .and_then(|o| std::fs::canonicalize(o).ok())
    {
        if specs
            .iter()
            .any(|s| std::fs::canonicalize(&s.path).is_ok_and(|p| p == out))
        {
            return Err(InputError::Other {
                path: crate::ingest::display_path(&out),
                reason:
                    "is one of the inputs; the report would replace it (choose another -o file)"
                        .to_string(),
            });
        }
    }
    if specs.is_empty() {
        let names: Vec<String> = config
            .inputs
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        return Err(InputError::Other {
            path: names.join(", "),
            reason: "no report files to audit".to_string(),
        });
    }
    let cutoff = cal.start_of(metrics::earliest_purchase_day(as_of, config.handling_days));
    let mut model = Model::with_cutoff(Some(cutoff));
    // Messages received before every window that counts them are dropped.
    model.message_cutoff = Some(cal.start_of(earliest_received_day(as_of)));
    let mut inputs = Vec::new();
    let parallel = ingest::Parallel {
        threads: config.threads,
        min_bytes: config.parallel_min_bytes,
    };
    let progress = Progress::start(&specs, config.quiet);
    for spec in &specs {
        progress.reading(spec);
        if let Some(summary) =
            ingest::read_input(spec, &options, parallel, &mut model, &mut warnings)?
        {
            inputs.push(summary);
        }
        progress.read(spec);
    }
    drop(progress);
    let mut ctx = Context::new(&model, cal, as_of, config.handling_days);
    ctx.threads = config.threads;
    Ok(report::build::report(report::build::Facts {
        as_of,
        cal,
        marketplace: config.marketplace.code().to_string(),
        warn_at: config.warn_at,
        inputs,
        measured: metrics::measure_all(&ctx),
        open_orders: act_now::open_orders(&ctx),
        pending_messages: act_now::pending_messages(&ctx),
        read_warnings: warnings,
        notes: metrics::notes(&ctx),
    }))
}

/// The first day any window counts buyer messages on (by the day received).
fn earliest_received_day(as_of: chrono::NaiveDate) -> chrono::NaiveDate {
    use crate::policy::{PlacedBy, POLICY};
    let reach = POLICY
        .iter()
        .filter(|p| p.placed_by == PlacedBy::ReceivedDay)
        .map(|p| i64::from(p.lag + p.longest_window()) - 1)
        .max()
        .unwrap_or(0);
    add_days(as_of, -reach)
}

/// Inputs larger than this in total get a progress bar (on a terminal only).
const PROGRESS_MIN_BYTES: u64 = 50 * 1024 * 1024;

/// A progress bar on standard error while large inputs are read, file by file.
/// Nothing at all unless standard error is a terminal, the inputs exceed
/// [`PROGRESS_MIN_BYTES`] and `--quiet` is off; cleared when dropped.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn start(specs: &[ingest::InputSpec], quiet: bool) -> Progress {
        let none = Progress { bar: None };
        if quiet || !io::stderr().is_terminal() {
            return none;
        }
        let total: u64 = specs.iter().map(Self::size).sum();
        if total <= PROGRESS_MIN_BYTES {
            return none;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} reading {wide_msg} {bytes}/{total_bytes} [{bar:30}] {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        bar.enable_steady_tick(std::time::Duration::from_millis(150));
        Progress { bar: Some(bar) }
    }

    /// The size on disk (compressed for `.gz`; 0 for standard input).
    fn size(spec: &ingest::InputSpec) -> u64 {
        std::fs::metadata(&spec.path).map_or(0, |m| m.len())
    }

    fn reading(&self, spec: &ingest::InputSpec) {
        if let Some(bar) = &self.bar {
            bar.set_message(sanitize(&spec.path.display().to_string()));
        }
    }

    fn read(&self, spec: &ingest::InputSpec) {
        if let Some(bar) = &self.bar {
            bar.inc(Self::size(spec));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn run_audit(config: &AuditConfig) -> Result<Exit> {
    if let Some(path) = &config.output {
        // Refuse a device, FIFO or folder before reading any input.
        crate::output::check(path)?;
    }
    let report = audit(config)?;
    if !config.quiet {
        let mut err = io::stderr().lock();
        for w in &report.warnings {
            let _ = writeln!(err, "warning: {w}");
        }
    }
    let color = match config.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            config.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = if config.output.is_none() && io::stdout().is_terminal() {
        comfy_table::Table::new().width()
    } else {
        None
    };
    let options = RenderOptions {
        details: config.details,
        color,
        width,
    };
    let renderer: Box<dyn Render> = match config.format {
        Format::Json => Box::new(report::json::Json),
        Format::Table => Box::new(report::table::TableFormat),
        Format::Csv => Box::new(report::csv::Csv),
        Format::Markdown => Box::new(report::markdown::Markdown),
    };
    let text = renderer.render(&report, &options);
    match &config.output {
        Some(path) => crate::output::write_file(path, text.as_bytes())?,
        None => write_stdout(&text)?,
    }
    Ok(if config.check {
        match report.status {
            Status::Good | Status::NoData => Exit::Ok,
            Status::Warning => Exit::Warning,
            Status::Bad => Exit::Bad,
        }
    } else {
        Exit::Ok
    })
}

//! `audit`: one run, one or many audits (SPEC §12): each marketplace found
//! among the orders, of each account of `--accounts DIR`; each audit is the
//! same pipeline, and the run prints them and combines their exit codes once.

use std::io::{self, IsTerminal, Write};

use anyhow::Result;
use chrono::Utc;

use super::read::{read_inputs, Read};
use super::{as_of_day, write_stdout, Exit};
use crate::accounts::{self, Account};
use crate::calendar::{add_days, Calendar};
use crate::cli::{AuditConfig, ColorChoice, Format};
use crate::history::{self, HistoryError, Snapshot, Store};
use crate::ingest::InputError;
use crate::marketplace::Marketplace;
use crate::metrics::{self, act_now, status::Status, Context};
use crate::model::{InputSummary, Model, ReadWarning};
use crate::policy::MetricId;
use crate::reconcile;
use crate::report::summary::{self, Line};
use crate::report::{self, Render, RenderOptions, Report};

/// Days of each metric's trend line on the HTML page.
const HTML_TREND_DAYS: i64 = 30;

/// One audit of a run: its account (with `--accounts`) and its report, or
/// why the account could not be audited.
pub struct Audited {
    pub account: Option<String>,
    pub outcome: Result<Report, String>,
    /// `--require` (or the account's `require`): metrics that must have
    /// data under `--check`.
    pub require: Vec<MetricId>,
}

/// Reads every input once and builds one report per marketplace found (SPEC
/// §12.1), in the order of SPEC §1.
pub fn audits(config: &AuditConfig) -> Result<Vec<Report>, InputError> {
    let html_trend = config.format == Format::Html && !config.no_trend;
    let first_day = if html_trend {
        add_days(as_of_day(config), 1 - HTML_TREND_DAYS)
    } else {
        as_of_day(config)
    };
    let Read {
        models,
        inputs,
        warnings,
    } = read_inputs(config, first_day)?;
    Ok(models
        .into_iter()
        .map(|(marketplace, model)| {
            audit_model(config, marketplace, &model, &inputs, &warnings, html_trend)
        })
        .collect())
}

/// The report of the first audit (of the only one, for the inputs of one
/// marketplace).
pub fn audit(config: &AuditConfig) -> Result<Report, InputError> {
    let mut reports = audits(config)?;
    Ok(reports.swap_remove(0))
}

/// The zone of one marketplace's audit: `--tz`, else the marketplace's.
pub(super) fn zone_of(config: &AuditConfig, marketplace: Marketplace) -> Calendar {
    Calendar::new(config.tz_given.unwrap_or_else(|| marketplace.timezone()))
}

/// Computes every metric of one marketplace's model and builds its report.
fn audit_model(
    config: &AuditConfig,
    marketplace: Marketplace,
    model: &Model,
    inputs: &[InputSummary],
    warnings: &[ReadWarning],
    html_trend: bool,
) -> Report {
    let cal = zone_of(config, marketplace);
    let as_of = config
        .as_of
        .unwrap_or_else(|| add_days(Utc::now().with_timezone(&cal.tz()).date_naive(), -1));
    let (reconciliation, amazon_notes) =
        reconcile::with_amazon(model, cal, config.handling_days, marketplace);
    let mut ctx = Context::new(model, cal, as_of, config.handling_days);
    ctx.threads = config.threads;
    ctx.by = config.by;
    // ACT NOW is judged at --now; else at the current time, unless an as-of
    // day was given: then at E, so that the audit is reproducible (SPEC §9.1).
    ctx.now = match (config.now, config.as_of) {
        (Some(now), _) => now,
        (None, Some(_)) => ctx.evaluation,
        (None, None) => Utc::now().timestamp(),
    };
    let trend_lines = html_trend.then(|| {
        let from = add_days(as_of, 1 - HTML_TREND_DAYS);
        let series = metrics::trend::trend(model, cal, from, as_of, config.handling_days);
        report::trend::lines(&series, from)
    });
    let mut report = report::build::report(report::build::Facts {
        as_of,
        now: ctx.now,
        cal,
        marketplace: marketplace.code().to_string(),
        warn_at: config.warn_at,
        max_age: config.max_age,
        inputs: inputs.to_vec(),
        measured: metrics::measure_all(&ctx),
        open_orders: act_now::open_orders(&ctx),
        pending_messages: act_now::pending_messages(&ctx),
        claims_due: act_now::claims_due(&ctx),
        read_warnings: warnings.to_vec(),
        notes: metrics::notes(&ctx),
        reconciliation,
        amazon_notes,
    });
    report.trend_lines = trend_lines.unwrap_or_default();
    report
}

/// `audit`: the inputs named, or each account of `--accounts DIR`.
pub(super) fn run_audit(config: &AuditConfig) -> Result<Exit> {
    if let Some(path) = &config.output {
        // Refuse a device, FIFO or folder before reading any input.
        crate::output::check(path)?;
    }
    if let Some(dir) = &config.accounts {
        let accounts = accounts::discover(dir)?;
        let audited = audit_accounts(config, accounts);
        return finish(config, audited, true);
    }
    let audited = audits(config)?
        .into_iter()
        .map(|r| Audited {
            account: None,
            outcome: Ok(r),
            require: config.require.clone(),
        })
        .collect();
    finish(config, audited, false)
}

/// Every account audited, on as many threads as `--threads` allows, in name
/// order; an account that fails gives its error and the others go on.
fn audit_accounts(config: &AuditConfig, accounts: Vec<Account>) -> Vec<Audited> {
    let workers = config.threads.clamp(1, accounts.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Vec<Audited>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(account) = accounts.get(i) else {
                            break;
                        };
                        done.push((i, audit_account(config, account, workers)));
                    }
                    done
                })
            })
            .collect();
        let mut all: Vec<(usize, Vec<Audited>)> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        all.sort_by_key(|(i, _)| *i);
        results = all.into_iter().map(|(_, a)| a).collect();
    });
    results.into_iter().flatten().collect()
}

/// One account's audits (one per marketplace), or its error.
fn audit_account(config: &AuditConfig, account: &Account, workers: usize) -> Vec<Audited> {
    let failed = |error: String| {
        vec![Audited {
            account: Some(account.name.clone()),
            outcome: Err(error),
            require: Vec::new(),
        }]
    };
    let settings = match &account.settings {
        Ok(s) => s,
        Err(e) => return failed(e.clone()),
    };
    let mut own = config.clone();
    own.accounts = None;
    own.inputs = vec![(account.folder.clone(), None)];
    // The progress of one account among several would interleave.
    own.quiet = true;
    own.threads = (config.threads / workers).max(1);
    if let Some(m) = settings.marketplace {
        own.marketplace = Some(m);
    }
    if let Some(tz) = settings.tz {
        own.tz_given = Some(tz);
    }
    own.tz = own
        .tz_given
        .unwrap_or_else(|| own.marketplace.unwrap_or(Marketplace::Us).timezone());
    if let Some(days) = settings.handling_days {
        own.handling_days = Some(days);
    }
    if let Some(age) = settings.max_age {
        own.max_age = age;
    }
    if let Some(require) = &settings.require {
        own.require.clone_from(require);
    }
    match audits(&own) {
        Ok(reports) => reports
            .into_iter()
            .map(|mut r| {
                r.account = Some(account.name.clone());
                Audited {
                    account: Some(account.name.clone()),
                    outcome: Ok(r),
                    require: own.require.clone(),
                }
            })
            .collect(),
        Err(e) => failed(crate::text::sanitize(&e.to_string())),
    }
}

/// The most urgent of two exit codes, in the order 2, 3, 1, 0 (SPEC §6).
pub fn most_urgent(a: Exit, b: Exit) -> Exit {
    let rank = |e: Exit| match e {
        Exit::Bad => 3,
        Exit::Error => 2,
        Exit::Warning => 1,
        Exit::Ok => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Records, judges, prints and writes the audits of one run.
fn finish(config: &AuditConfig, mut audited: Vec<Audited>, grid: bool) -> Result<Exit> {
    let several = grid || audited.len() > 1;
    // The history is opened once the audits have run; when it cannot be
    // used, the reports are still printed, then its error (exit 3).
    let store = config.history.as_deref().map(|path| {
        let store = Store::open(path)?;
        for a in &mut audited {
            if let Ok(report) = &mut a.outcome {
                report.since = Some(
                    store
                        .latest_before(a.account.as_deref(), &report.marketplace, &report.as_of)?
                        .map(|earlier| history::since(&earlier, &report.metrics)),
                );
            }
        }
        Ok::<Store, HistoryError>(store)
    });
    let mut err = io::stderr().lock();
    if !config.quiet {
        for w in shared_warnings(&audited, several) {
            let _ = writeln!(err, "sellerhealth: warning: {w}");
        }
    }
    let mut exit = Exit::Ok;
    for a in &mut audited {
        let prefix = if several {
            format!("{}: ", summary_name(a))
        } else {
            String::new()
        };
        let this = match &mut a.outcome {
            Err(e) => {
                let _ = writeln!(err, "sellerhealth: error: {prefix}{e}");
                Exit::Error
            }
            Ok(report) if config.check => {
                // Health that cannot be told is never healthy (SPEC §9.3):
                // exit 3, with its reasons on standard error even under -q.
                let reasons = report::build::check_reasons(report, &a.require);
                let code = if !reasons.is_empty() {
                    Exit::Error
                } else {
                    match report.status {
                        Status::Good | Status::NoData => Exit::Ok,
                        Status::Warning => Exit::Warning,
                        Status::Bad => Exit::Bad,
                    }
                };
                for r in &reasons {
                    let _ = writeln!(err, "sellerhealth: error: {prefix}{r}");
                }
                report.check = Some(report::contract::CheckReport {
                    code: code as u8,
                    reasons,
                });
                code
            }
            Ok(_) => Exit::Ok,
        };
        exit = most_urgent(exit, this);
    }
    drop(err);
    let options = render_options(config);
    let text = render(config, &audited, grid, &options);
    match &config.output {
        Some(path) => crate::output::write_file(path, text.as_bytes())?,
        None => write_stdout(&text)?,
    }
    // Recorded once the reports are out; a history that could not be opened
    // is the run's one error.
    if let Some(opened) = store {
        let mut store = opened?;
        for a in &audited {
            if let Ok(report) = &a.outcome {
                store.record(&Snapshot::of(report, a.account.clone(), history::now_utc()))?;
            }
        }
    }
    Ok(exit)
}

/// `acme/US`, `US` or `acme`: how one audit is named in messages.
fn summary_name(a: &Audited) -> String {
    let marketplace = a.outcome.as_ref().map(|r| r.marketplace.as_str()).ok();
    match (&a.account, marketplace) {
        (Some(account), Some(m)) => format!("{account}/{m}"),
        (Some(account), None) => account.clone(),
        (None, Some(m)) => m.to_string(),
        (None, None) => String::new(),
    }
}

/// Each warning once: one every audit has as it is, the others named by
/// their audit.
fn shared_warnings(audited: &[Audited], several: bool) -> Vec<String> {
    let reports: Vec<(&Audited, &Report)> = audited
        .iter()
        .filter_map(|a| a.outcome.as_ref().ok().map(|r| (a, r)))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (a, r) in &reports {
        for w in &r.warnings {
            let everywhere = reports.iter().all(|(_, o)| o.warnings.contains(w));
            let line = if everywhere || !several {
                w.clone()
            } else {
                format!("{}: {w}", summary_name(a))
            };
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

fn render_options(config: &AuditConfig) -> RenderOptions {
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
    RenderOptions {
        details: config.details,
        color,
        width,
        all_tips: config.all_tips,
        brief: config.brief,
    }
}

/// The output of the run: one report as it always was; several as a
/// stream of JSON objects, one CSV, or a summary (a grid with `--accounts`)
/// followed by the reports (with `--accounts`, of those not good unless
/// `--full`).
fn render(
    config: &AuditConfig,
    audited: &[Audited],
    grid: bool,
    options: &RenderOptions,
) -> String {
    let renderer: Box<dyn Render> = match config.format {
        Format::Json => Box::new(report::json::Json),
        Format::Table => Box::new(report::table::TableFormat),
        Format::Csv => Box::new(report::csv::Csv),
        Format::Markdown => Box::new(report::markdown::Markdown),
        Format::Html => Box::new(report::html::Html::new(config.warn_at)),
    };
    if let [Audited {
        account: None,
        outcome: Ok(report),
        ..
    }] = audited
    {
        if !grid {
            return renderer.render(report, options);
        }
    }
    let reports: Vec<&Report> = audited
        .iter()
        .filter_map(|a| a.outcome.as_ref().ok())
        .collect();
    match config.format {
        Format::Json => audited
            .iter()
            .map(|a| match &a.outcome {
                Ok(r) => renderer.render(r, options),
                Err(e) => summary::json_error(a.account.as_deref(), e),
            })
            .collect(),
        Format::Csv => report::csv::render_many(&reports),
        Format::Table | Format::Markdown | Format::Html => {
            let lines: Vec<Line<'_>> = audited
                .iter()
                .map(|a| Line {
                    account: a.account.as_deref(),
                    outcome: a.outcome.as_ref().map_err(String::as_str),
                })
                .collect();
            // With --accounts, the reports of accounts not good (all with --full).
            let shown = |line: &Line<'_>| {
                !grid || config.full || line.outcome.is_ok_and(|r| r.status != Status::Good)
            };
            if config.format == Format::Html {
                return report::html_many::render_many(
                    &lines,
                    grid,
                    &shown,
                    config.warn_at,
                    options,
                );
            }
            let markdown = config.format == Format::Markdown;
            let mut out = if markdown {
                summary::markdown(&lines, grid, options)
            } else {
                summary::table(&lines, grid, options)
            };
            for line in lines.iter().filter(|l| shown(l)) {
                let Ok(report) = line.outcome else { continue };
                if markdown {
                    out.push_str(&format!("\n---\n\n**{}**\n\n", line.title()));
                } else {
                    out.push_str(&format!("\n== {} ==\n\n", line.title()));
                }
                out.push_str(&renderer.render(report, options));
            }
            out
        }
    }
}

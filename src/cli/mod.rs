//! The command line (SPEC §1), resolved once into a plain [`AuditConfig`]:
//! nothing past this module touches clap.

mod format;
mod history;
mod inputs;

use inputs::ordered_inputs;

pub use format::{format_for_path, Format};
mod values;

use history::{history_path, HISTORY_EXAMPLES};
pub use history::{HistoryArgs, HistoryConfig, ListFormat, HISTORY_ENV};

use values::{
    parse_day, parse_dimension, parse_encoding, parse_max_age, parse_now, parse_require, parse_tz,
    parse_warn_at,
};
pub use values::{MaxAge, NowArg, Required};

use std::path::PathBuf;

use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::calendar::{Calendar, Instant};
use crate::ingest::header::{Field, Kind};
use crate::marketplace::{DateOrder, Marketplace};
use crate::model::{Dimension, Dimensions};
use crate::policy::{MetricId, Ratio};

const AUDIT_EXAMPLES: &str = "\
Examples:
  sellerhealth audit ~/Downloads/amazon-reports/
  sellerhealth audit --as-of 2026-11-20 --details orders.txt shipments.txt feedback.txt
  sellerhealth audit --check -q reports/ || notify-send 'Account health needs attention'
  sellerhealth audit --format json reports/ | jq '.metrics[] | select(.status == \"bad\")'
  sellerhealth audit --marketplace DE --orders bestellungen.txt --feedback bewertungen.txt
  sellerhealth audit --accounts ~/clients/ --check";

/// Audits Amazon seller account health from the reports you download from Seller Central.
///
/// Reads orders, shipments, feedback, returns, claims and buyer-message reports, computes
/// the metrics Amazon judges sellers by (order defect rate, late shipment rate, cancel rate,
/// valid tracking, on-time delivery, expired orders, response time) and prints each against
/// Amazon's target with what to do about it. Works offline; never modifies its inputs.
#[derive(Debug, Parser)]
#[command(
    name = "sellerhealth",
    version,
    propagate_version = true,
    after_help = "Start with: sellerhealth audit --help"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit report files or directories and print each metric against Amazon's target.
    #[command(after_help = AUDIT_EXAMPLES)]
    Audit(Box<AuditArgs>),
    /// Every metric on every day up to the as-of day, as `audit --as-of DAY` gives it, reading the inputs once.
    #[command(after_help = TREND_EXAMPLES)]
    Trend(Box<TrendArgs>),
    /// Explain how a metric is computed and what improves it.
    #[command(
        after_help = "Examples:\n  sellerhealth explain\n  sellerhealth explain order_defect_rate\n  sellerhealth explain lsr"
    )]
    Explain {
        /// The metric (e.g. `order_defect_rate`, or `odr`); without it, the list of metrics.
        metric: Option<String>,
    },
    /// List the audits recorded with `audit --history FILE`, oldest first.
    #[command(after_help = HISTORY_EXAMPLES)]
    History(HistoryArgs),
    /// List the columns of each kind of report: names, aliases, required marks and meanings.
    #[command(
        after_help = "Examples:\n  sellerhealth columns\n  sellerhealth columns orders\n  sellerhealth audit --map 'Order Date=purchase-date' export.csv"
    )]
    Columns {
        /// Only this kind.
        #[arg(value_parser = ["orders", "shipments", "feedback", "claims", "returns", "messages"])]
        kind: Option<String>,
    },
    /// Print the JSON Schema of `audit --format json` (or of `history` or `trend --format json`).
    #[command(
        after_help = "Example:\n  sellerhealth schema > sellerhealth-report.schema.json\n  sellerhealth audit --json reports/ | check-jsonschema --schemafile sellerhealth-report.schema.json -\n  sellerhealth schema history"
    )]
    Schema {
        /// Which output: `audit` (the report), `history` (the list of snapshots) or `trend`.
        #[arg(value_enum, default_value = "audit", value_name = "OUTPUT")]
        of: SchemaOf,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  sellerhealth completions bash > ~/.local/share/bash-completion/completions/sellerhealth"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

const TREND_EXAMPLES: &str = "\
Examples:
  sellerhealth trend reports/
  sellerhealth trend --days 90 --as-of 2026-11-20 reports/
  sellerhealth trend --from 2026-10-01 --format csv reports/ > trend.csv";

/// `trend`: the input options of `audit`, and which days.
#[derive(Debug, Args)]
pub struct TrendArgs {
    #[command(flatten)]
    pub audit: AuditArgs,
    /// Days up to the as-of day, 1–400 [default: 30].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=400), conflicts_with = "from")]
    pub days: Option<u32>,
    /// The first day of the trend, YYYY-MM-DD (at most 400 days before the as-of day).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub from: Option<NaiveDate>,
}

/// Which days a trend covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendDays {
    Last(u32),
    From(NaiveDate),
}

/// Whose JSON Schema `sellerhealth schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaOf {
    Audit,
    History,
    Trend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Report files or directories (a directory adds its .txt/.tsv/.csv/.tab/.json files, gzipped or not); `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read FILE as an orders report, whatever its header suggests (repeatable).
    #[arg(long, value_name = "FILE")]
    pub orders: Vec<PathBuf>,
    /// Read FILE as a shipments report (repeatable).
    #[arg(long, value_name = "FILE")]
    pub shipments: Vec<PathBuf>,
    /// Read FILE as a feedback report (repeatable).
    #[arg(long, value_name = "FILE")]
    pub feedback: Vec<PathBuf>,
    /// Read FILE as a claims file (repeatable).
    #[arg(long, value_name = "FILE")]
    pub claims: Vec<PathBuf>,
    /// Read FILE as a buyer-messages file (repeatable).
    #[arg(long, value_name = "FILE")]
    pub messages: Vec<PathBuf>,
    /// Read FILE as Amazon's Account Health report (JSON, GET_V2_SELLER_PERFORMANCE_REPORT) and compare our figures with Amazon's (repeatable).
    #[arg(long, value_name = "FILE")]
    pub performance: Vec<PathBuf>,
    /// The last day included in every window, YYYY-MM-DD [default: yesterday in the time zone in force].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// The instant at which ACT NOW is judged (open orders, messages, claims): RFC 3339, or
    /// YYYY-MM-DDTHH:MM in the time zone in force [default: the current time; with --as-of, the
    /// start of the day after it].
    #[arg(long, value_name = "INSTANT", value_parser = parse_now)]
    pub now: Option<NowArg>,
    /// Data whose newest order or shipment is more than DAYS before the as-of day is stale (a
    /// warning; exit 3 with --check); `off`: never.
    #[arg(
        long,
        value_name = "DAYS|off",
        default_value = "7",
        allow_hyphen_values = true,
        value_parser = parse_max_age
    )]
    pub max_age: MaxAge,
    /// Audit only this marketplace's orders (and those of no known marketplace); it also sets the time zone, the date order of numeric dates and the fallback encoding [default: each marketplace found among the orders separately, else US].
    #[arg(long, value_enum, ignore_case = true, value_name = "CODE")]
    pub marketplace: Option<Marketplace>,
    /// IANA time zone overriding the marketplace's (e.g. UTC, Europe/Berlin).
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    pub tz: Option<Tz>,
    /// Read the column headed HEADER as the canonical COLUMN in every input, before the kind is detected (repeatable; see `sellerhealth columns`).
    #[arg(long = "map", value_name = "HEADER=COLUMN", value_parser = crate::ingest::mapping::parse_pair)]
    pub map: Vec<(String, Field)>,
    /// Order of day, month and year in numeric dates, overriding the marketplace's; such dates may then also use `-` (04-30-22).
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrder>,
    /// For orders without a ship-by date: ship by the end of the N-th business day after purchase.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=60))]
    pub handling_days: Option<u32>,
    /// Output format [default: table, or by the extension of the -o file: .json, .csv, .md, .html].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// In table, markdown and html output, list the orders and messages behind each defect count.
    #[arg(long)]
    pub details: bool,
    /// Show every tip that fits a metric (default: the 3 most relevant per metric not good).
    #[arg(long)]
    pub all_tips: bool,
    /// Print only the headline, the ACT NOW counts and the metric table.
    #[arg(long)]
    pub brief: bool,
    /// In html output, leave out each metric's 30-day trend line.
    #[arg(long)]
    pub no_trend: bool,
    /// Exit 0 when healthy, 1 on a warning, 2 when a metric breaches Amazon's target, 3 when health cannot be told (no data, stale data, nothing recognised).
    #[arg(long)]
    pub check: bool,
    /// Break each metric's defects down by DIM: sku, asin, ship-service-level, ship-state, ship-country, sales-channel, carrier (repeatable, or a comma list).
    #[arg(long, value_name = "DIM", value_delimiter = ',', value_parser = parse_dimension)]
    pub by: Vec<Dimension>,
    /// With --check: exit 3 when one of these metrics (ids or aliases, comma-separated, or `all`) has no data.
    #[arg(
        long,
        value_name = "METRIC[,METRIC…]|all",
        requires = "check",
        value_parser = parse_require
    )]
    pub require: Option<Required>,
    /// Share of a limit at which a metric turns `warning` (0 < R <= 1).
    #[arg(long, value_name = "R", default_value = "0.75", value_parser = parse_warn_at)]
    pub warn_at: Ratio,
    /// Treat a malformed row as an error instead of skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Encoding of input that is not UTF-8 (e.g. windows-1252, shift_jis).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// When to colour the table.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Write the report to FILE (atomically; through a symlink; only a regular file) instead of standard output; `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No warnings on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    /// Record the audit in the SQLite history FILE (created when missing) and show what changed since the latest earlier snapshot [default: $SELLERHEALTH_HISTORY].
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Audit each subfolder of DIR as one seller account (optional account.toml in each: name, marketplace, tz, handling-days, max-age, require); prints a grid, then the reports of accounts not good.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["paths", "orders", "shipments", "feedback", "claims", "messages", "performance"])]
    pub accounts: Option<PathBuf>,
    /// With --accounts: the full report of every account, not only of those not good.
    #[arg(long, requires = "accounts")]
    pub full: bool,
    /// Read files one by one on one core (the default splits large files across cores).
    #[arg(long, hide = true)]
    pub sequential: bool,
    /// Threads reading large files and computing the metrics [default: the cores available]; the report never depends on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
    /// Split files of at least this many bytes across threads (for tests and benchmarks).
    #[arg(long, hide = true, value_name = "BYTES")]
    pub parallel_min_bytes: Option<u64>,
}

/// Everything `audit` needs, resolved.
#[derive(Debug, Clone)]
pub struct AuditConfig {
    /// Inputs in the order given on the command line, with forced kinds.
    pub inputs: Vec<(PathBuf, Option<Kind>)>,
    pub as_of: Option<NaiveDate>,
    /// `--now`, resolved in the zone in force (`None`: see [`AuditConfig::now`]).
    pub now: Option<Instant>,
    /// `--max-age`: days before data is stale; `None` (`off`): never.
    pub max_age: Option<u32>,
    /// `--marketplace`: audit only this one; `None`: each one found (SPEC §12.1).
    pub marketplace: Option<Marketplace>,
    /// The zone of `--tz`, else of `--marketplace`, else US's: the zone of
    /// dates given on the command line and of rows of no known marketplace.
    pub tz: Tz,
    /// `--tz`: one zone for every marketplace.
    pub tz_given: Option<Tz>,
    pub handling_days: Option<u32>,
    /// `--map HEADER=COLUMN`, in command-line order (HEADER normalised).
    pub mapping: Vec<(String, Field)>,
    /// `--date-order`: overrides the marketplace's order of numeric dates.
    pub date_order: Option<DateOrder>,
    /// `--format`/`--json`, else by the `-o` file's extension, else table.
    pub format: Format,
    pub details: bool,
    pub all_tips: bool,
    pub brief: bool,
    /// `--no-trend`: no trend lines on the HTML page.
    pub no_trend: bool,
    pub check: bool,
    /// `--by`: what each metric's defects are broken down by (SPEC §13).
    pub by: Dimensions,
    /// `--require`: metrics that must have data under `--check`.
    pub require: Vec<MetricId>,
    pub warn_at: Ratio,
    pub strict: bool,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub color: ColorChoice,
    /// The `-o` file; `None` is standard output (also for `-o -`).
    pub output: Option<PathBuf>,
    pub quiet: bool,
    /// The history to record into (`--history`, else `$SELLERHEALTH_HISTORY`).
    pub history: Option<PathBuf>,
    /// Reading threads for large plain files (1: one core).
    pub threads: usize,
    /// Smallest file split across threads.
    pub parallel_min_bytes: u64,
    /// `--accounts DIR`: each subfolder one seller account (SPEC §12.2).
    pub accounts: Option<PathBuf>,
    /// `--full`: every account's report after the grid.
    pub full: bool,
}

/// The parsed command.
pub enum Parsed {
    Audit(Box<AuditConfig>),
    Trend(Box<AuditConfig>, TrendDays),
    Explain(Option<String>),
    History(HistoryConfig),
    /// `columns [KIND]`: every kind, or one.
    Columns(Option<Kind>),
    Schema(SchemaOf),
    Completions(clap_complete::Shell),
}

/// Parses arguments; clap's error (help, version or usage) is returned as is.
pub fn parse<I, T>(args: I) -> Result<Parsed, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let matches = Cli::command().try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    Ok(match cli.command {
        Command::Audit(a) => {
            let sub = matches.subcommand_matches("audit").ok_or_else(|| {
                clap::Error::raw(
                    clap::error::ErrorKind::MissingSubcommand,
                    "missing audit arguments",
                )
            })?;
            Parsed::Audit(Box::new(audit_config(sub, *a, "audit")?))
        }
        Command::Trend(t) => {
            let sub = matches.subcommand_matches("trend").ok_or_else(|| {
                clap::Error::raw(
                    clap::error::ErrorKind::MissingSubcommand,
                    "missing trend arguments",
                )
            })?;
            let t = *t;
            let days = match (t.from, t.days) {
                (Some(from), _) => TrendDays::From(from),
                (None, days) => TrendDays::Last(days.unwrap_or(30)),
            };
            let mut config = audit_config(sub, t.audit, "trend")?;
            // A trend records nothing: the history holds audits.
            config.history = None;
            Parsed::Trend(Box::new(config), days)
        }
        Command::Explain { metric } => Parsed::Explain(metric),
        Command::History(h) => Parsed::History(HistoryConfig {
            path: history_path(h.history).ok_or_else(|| {
                let mut cmd = Cli::command();
                clap::Error::raw(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    format!("no history file: give --history FILE or set {HISTORY_ENV}\n"),
                )
                .with_cmd(
                    &cmd.find_subcommand_mut("history")
                        .cloned()
                        .unwrap_or_default(),
                )
            })?,
            account: h.account,
            marketplace: h.marketplace.map(|m| m.code().to_string()),
            metric: h.metric,
            format: h.format,
        }),
        Command::Columns { kind } => Parsed::Columns(kind.as_deref().and_then(Kind::parse)),
        Command::Schema { of } => Parsed::Schema(of),
        Command::Completions { shell } => Parsed::Completions(shell),
    })
}

/// The input options of `audit` (and `trend`), resolved.
fn audit_config(sub: &ArgMatches, a: AuditArgs, command: &str) -> Result<AuditConfig, clap::Error> {
    let inputs = ordered_inputs(sub, &a);
    if inputs.iter().filter(|(p, _)| p.as_os_str() == "-").count() > 1 {
        // Standard input can be read only once (SPEC §15).
        return Err(usage_error(
            command,
            clap::error::ErrorKind::ArgumentConflict,
            "standard input (-) is named more than once; it can be read only once",
        ));
    }
    if a.accounts.is_some() && command == "trend" {
        return Err(usage_error(
            command,
            clap::error::ErrorKind::ArgumentConflict,
            "a trend follows one account: name its folder instead of --accounts DIR",
        ));
    }
    if inputs.is_empty() && a.accounts.is_none() {
        return Err(usage_error(
            command,
            clap::error::ErrorKind::MissingRequiredArgument,
            "no report given: name files or directories (or use --orders FILE …)",
        ));
    }
    // `-o -` is standard output (SPEC §9.4).
    let output = a.output.filter(|p| p.as_os_str() != "-");
    let format = match (a.json, a.format, &output) {
        (true, _, _) => Format::Json,
        (false, Some(format), _) => format,
        (false, None, Some(path)) => format_for_path(path),
        (false, None, None) => Format::Table,
    };
    let tz =
        a.tz.unwrap_or_else(|| a.marketplace.unwrap_or(Marketplace::Us).timezone());
    Ok(AuditConfig {
        inputs,
        as_of: a.as_of,
        now: a.now.map(|n| match n {
            NowArg::Instant(t) => t,
            NowArg::Local(naive) => Calendar::new(tz).local(naive),
        }),
        max_age: a.max_age.0,
        marketplace: a.marketplace,
        tz,
        tz_given: a.tz,
        handling_days: a.handling_days,
        mapping: a.map,
        date_order: a.date_order,
        format,
        details: a.details,
        all_tips: a.all_tips,
        brief: a.brief,
        no_trend: a.no_trend,
        check: a.check,
        by: a.by.iter().copied().collect(),
        require: a.require.map(|r| r.0).unwrap_or_default(),
        warn_at: a.warn_at,
        strict: a.strict,
        encoding: a.encoding,
        color: a.color,
        output,
        quiet: a.quiet,
        history: history_path(a.history),
        threads: if a.sequential {
            1
        } else {
            a.threads.map_or_else(
                || std::thread::available_parallelism().map_or(1, usize::from),
                usize::from,
            )
        },
        parallel_min_bytes: a
            .parallel_min_bytes
            .unwrap_or(crate::ingest::PARALLEL_MIN_BYTES),
        accounts: a.accounts,
        full: a.full,
    })
}

/// A usage error of `command`, printed with its usage line (exit 3).
fn usage_error(command: &str, kind: clap::error::ErrorKind, message: &str) -> clap::Error {
    let mut cmd = Cli::command();
    clap::Error::raw(kind, format!("{message}\n")).with_cmd(
        &cmd.find_subcommand_mut(command)
            .cloned()
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests;

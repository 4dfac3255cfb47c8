//! The command line (SPEC §1), resolved once into a plain [`AuditConfig`]:
//! nothing past this module touches clap.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::ingest::header::Kind;
use crate::marketplace::Marketplace;
use crate::policy::Ratio;

const AUDIT_EXAMPLES: &str = "\
Examples:
  sellerhealth audit ~/Downloads/amazon-reports/
  sellerhealth audit --as-of 2026-11-20 --details orders.txt shipments.txt feedback.txt
  sellerhealth audit --check -q reports/ || notify-send 'Account health needs attention'
  sellerhealth audit --format json reports/ | jq '.metrics[] | select(.status == \"bad\")'
  sellerhealth audit --marketplace DE --orders bestellungen.txt --feedback bewertungen.txt";

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
    /// Explain how a metric is computed and what improves it.
    #[command(
        after_help = "Examples:\n  sellerhealth explain\n  sellerhealth explain order_defect_rate\n  sellerhealth explain lsr"
    )]
    Explain {
        /// The metric (e.g. `order_defect_rate`, or `odr`); without it, the list of metrics.
        metric: Option<String>,
    },
    /// Print the JSON Schema of `audit --format json`.
    #[command(
        after_help = "Example:\n  sellerhealth schema > sellerhealth-report.schema.json\n  sellerhealth audit --json reports/ | check-jsonschema --schemafile sellerhealth-report.schema.json -"
    )]
    Schema,
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  sellerhealth completions bash > ~/.local/share/bash-completion/completions/sellerhealth"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Report files or directories (a directory adds its .txt/.tsv/.csv/.tab files, gzipped or not); `-` reads standard input.
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
    /// The last day included in every window, YYYY-MM-DD [default: yesterday in the time zone in force].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// Marketplace: sets the time zone, the date order of numeric dates and the fallback encoding.
    #[arg(
        long,
        value_enum,
        default_value = "US",
        ignore_case = true,
        value_name = "CODE"
    )]
    pub marketplace: Marketplace,
    /// IANA time zone overriding the marketplace's (e.g. UTC, Europe/Berlin).
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    pub tz: Option<Tz>,
    /// For orders without a ship-by date: ship by the end of the N-th business day after purchase.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=60))]
    pub handling_days: Option<u32>,
    /// Output format [default: table, or by the extension of the -o file: .json, .csv, .md].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// In table and markdown output, list the orders and messages behind each defect count.
    #[arg(long)]
    pub details: bool,
    /// Exit 0 when healthy, 1 on a warning, 2 when a metric breaches Amazon's target.
    #[arg(long)]
    pub check: bool,
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

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}

fn parse_tz(s: &str) -> Result<Tz, String> {
    s.parse::<Tz>()
        .map_err(|_| format!("'{s}' is not an IANA time zone name (e.g. UTC, America/New_York)"))
}

fn parse_warn_at(s: &str) -> Result<Ratio, String> {
    match Ratio::parse_decimal(s) {
        Some(r) if r.num > 0 && r.num <= r.den => Ok(r),
        _ => Err(format!(
            "'{s}' is not a decimal with 0 < R <= 1 (e.g. 0.75)"
        )),
    }
}

fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(s.trim().as_bytes())
        .ok_or_else(|| format!("'{s}' is not an encoding label"))
}

/// Everything `audit` needs, resolved.
#[derive(Debug, Clone)]
pub struct AuditConfig {
    /// Inputs in the order given on the command line, with forced kinds.
    pub inputs: Vec<(PathBuf, Option<Kind>)>,
    pub as_of: Option<NaiveDate>,
    pub marketplace: Marketplace,
    pub tz: Tz,
    pub handling_days: Option<u32>,
    /// `--format`/`--json`, else by the `-o` file's extension, else table.
    pub format: Format,
    pub details: bool,
    pub check: bool,
    pub warn_at: Ratio,
    pub strict: bool,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub color: ColorChoice,
    /// The `-o` file; `None` is standard output (also for `-o -`).
    pub output: Option<PathBuf>,
    pub quiet: bool,
    /// Reading threads for large plain files (1: one core).
    pub threads: usize,
    /// Smallest file split across threads.
    pub parallel_min_bytes: u64,
}

/// The parsed command.
pub enum Parsed {
    Audit(Box<AuditConfig>),
    Explain(Option<String>),
    Schema,
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
            let inputs = ordered_inputs(sub, &a);
            if inputs.iter().filter(|(p, _)| p.as_os_str() == "-").count() > 1 {
                // Standard input can be read only once (SPEC §15).
                return Err(audit_usage_error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "standard input (-) is named more than once; it can be read only once",
                ));
            }
            if inputs.is_empty() {
                return Err(audit_usage_error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "no report given: name files or directories (or use --orders FILE …)",
                ));
            }
            // `-o -` is standard output (SPEC §9.4).
            let output = a.output.filter(|p| p.as_os_str() != "-");
            let format = match (a.json, a.format, &output) {
                (true, _, _) => Format::Json,
                (false, Some(format), _) => format,
                (false, None, Some(path)) => format_for_path(path)
                    .map_err(|msg| audit_usage_error(clap::error::ErrorKind::InvalidValue, &msg))?,
                (false, None, None) => Format::Table,
            };
            Parsed::Audit(Box::new(AuditConfig {
                inputs,
                as_of: a.as_of,
                marketplace: a.marketplace,
                tz: a.tz.unwrap_or_else(|| a.marketplace.timezone()),
                handling_days: a.handling_days,
                format,
                details: a.details,
                check: a.check,
                warn_at: a.warn_at,
                strict: a.strict,
                encoding: a.encoding,
                color: a.color,
                output,
                quiet: a.quiet,
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
            }))
        }
        Command::Explain { metric } => Parsed::Explain(metric),
        Command::Schema => Parsed::Schema,
        Command::Completions { shell } => Parsed::Completions(shell),
    })
}

/// A usage error of `audit`, printed with its usage line (exit 3).
fn audit_usage_error(kind: clap::error::ErrorKind, message: &str) -> clap::Error {
    let mut cmd = Cli::command();
    clap::Error::raw(kind, format!("{message}\n")).with_cmd(
        &cmd.find_subcommand_mut("audit")
            .cloned()
            .unwrap_or_default(),
    )
}

/// Positional paths and `--orders FILE`-style inputs, in command-line order
/// (the first non-empty value of a field wins, so the order matters).
fn ordered_inputs(m: &ArgMatches, a: &AuditArgs) -> Vec<(PathBuf, Option<Kind>)> {
    let groups: [(&str, &Vec<PathBuf>, Option<Kind>); 6] = [
        ("paths", &a.paths, None),
        ("orders", &a.orders, Some(Kind::Orders)),
        ("shipments", &a.shipments, Some(Kind::Shipments)),
        ("feedback", &a.feedback, Some(Kind::Feedback)),
        ("claims", &a.claims, Some(Kind::Claims)),
        ("messages", &a.messages, Some(Kind::Messages)),
    ];
    let mut all: Vec<(usize, PathBuf, Option<Kind>)> = Vec::new();
    for (id, values, kind) in groups {
        let indices: Vec<usize> = m.indices_of(id).map(|i| i.collect()).unwrap_or_default();
        for (n, path) in values.iter().enumerate() {
            let index = indices.get(n).copied().unwrap_or(usize::MAX);
            all.push((index, path.clone(), kind));
        }
    }
    all.sort_by_key(|(i, _, _)| *i);
    all.into_iter().map(|(_, p, k)| (p, k)).collect()
}

/// The format `-o FILE` asks for when neither `--format` nor `--json` is
/// given: by FILE's extension, in any letter case. `Err` holds the usage
/// message for an extension whose format does not exist (yet): HTML.
pub fn format_for_path(path: &Path) -> Result<Format, String> {
    let ext = path
        .extension()
        .and_then(OsStr::to_str)
        .map(str::to_ascii_lowercase);
    Ok(match ext.as_deref() {
        Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some("md" | "markdown") => Format::Markdown,
        // SPEC §9.4 maps these to html, which is not implemented yet: a
        // table in a file named .html would be worse than a clear refusal.
        Some("html" | "htm") => {
            return Err(format!(
                "HTML output is not available yet, so '-o {}' cannot be written by its extension; \
                 give --format table, json, csv or markdown, or another file name",
                crate::text::sanitize(&path.display().to_string())
            ))
        }
        _ => Format::Table,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audit(args: &[&str]) -> AuditConfig {
        let mut all = vec!["sellerhealth", "audit"];
        all.extend_from_slice(args);
        match parse(all) {
            Ok(Parsed::Audit(c)) => *c,
            Ok(_) => panic!("not audit"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn inputs_keep_command_line_order() {
        let c = audit(&["b.txt", "--orders", "o.txt", "a.txt", "--feedback", "f.txt"]);
        let got: Vec<(String, Option<Kind>)> = c
            .inputs
            .iter()
            .map(|(p, k)| (p.display().to_string(), *k))
            .collect();
        assert_eq!(
            got,
            vec![
                ("b.txt".into(), None),
                ("o.txt".into(), Some(Kind::Orders)),
                ("a.txt".into(), None),
                ("f.txt".into(), Some(Kind::Feedback))
            ]
        );
    }

    #[test]
    fn marketplace_sets_zone_unless_tz_given() {
        assert_eq!(
            audit(&["x", "--marketplace", "de"]).tz,
            chrono_tz::Europe::Berlin
        );
        assert_eq!(
            audit(&["x", "--marketplace", "JP", "--tz", "UTC"]).tz,
            chrono_tz::UTC
        );
        assert_eq!(audit(&["x"]).tz, chrono_tz::America::Los_Angeles);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            vec!["sellerhealth", "audit", "x", "--as-of", "not-a-date"],
            vec!["sellerhealth", "audit", "x", "--warn-at", "0"],
            vec!["sellerhealth", "audit", "x", "--warn-at", "1.5"],
            vec!["sellerhealth", "audit", "x", "--tz", "Mars/Olympus"],
            vec!["sellerhealth", "audit", "x", "--marketplace", "XX"],
            vec!["sellerhealth", "audit", "x", "--encoding", "klingon"],
            vec!["sellerhealth", "audit"],
        ] {
            assert!(parse(args.clone()).is_err(), "{args:?}");
        }
        assert_eq!(audit(&["x", "--warn-at", "1"]).warn_at, Ratio::new(1, 1));
        assert_eq!(audit(&["x", "--json"]).format, Format::Json);
    }

    #[test]
    fn output_dash_is_standard_output_and_the_extension_picks_the_format() {
        let c = audit(&["x", "-o", "-"]);
        assert_eq!((c.output, c.format), (None, Format::Table));
        assert_eq!(audit(&["x", "-o", "-", "--json"]).format, Format::Json);
        let c = audit(&["x", "-o", "out/report.json"]);
        assert_eq!(c.output, Some(PathBuf::from("out/report.json")));
        assert_eq!(c.format, Format::Json);
        assert_eq!(audit(&["x", "-o", "r.csv"]).format, Format::Csv);
        assert_eq!(audit(&["x", "-o", "r.md"]).format, Format::Markdown);
        assert_eq!(audit(&["x", "-o", "r.txt"]).format, Format::Table);
        assert_eq!(audit(&["x"]).format, Format::Table);
        // Given explicitly, the format wins over the extension.
        assert_eq!(
            audit(&["x", "-o", "r.json", "--format", "csv"]).format,
            Format::Csv
        );
        assert_eq!(audit(&["x", "-o", "r.csv", "--json"]).format, Format::Json);
        assert_eq!(
            audit(&["x", "-o", "r.html", "--format", "markdown"]).format,
            Format::Markdown
        );
        // No HTML yet: a usage error rather than a table in a .html file.
        for name in ["r.html", "r.htm"] {
            match parse(["sellerhealth", "audit", "x", "-o", name]) {
                Err(e) => assert!(
                    e.to_string().contains("HTML output is not available yet"),
                    "{e}"
                ),
                Ok(_) => panic!("{name}: accepted"),
            }
        }
    }

    #[test]
    fn the_extension_picks_the_format() {
        for (name, format) in [
            ("report.json", Format::Json),
            ("REPORT.Json", Format::Json),
            ("dir/report.csv", Format::Csv),
            ("report.CSV", Format::Csv),
            ("report.md", Format::Markdown),
            ("report.markdown", Format::Markdown),
            ("report.txt", Format::Table),
            ("report.table", Format::Table),
            ("report", Format::Table),
            ("report.json.txt", Format::Table),
            ("report.txt.json", Format::Json),
            ("reports.d/report", Format::Table),
            (".json", Format::Table),
            ("report.", Format::Table),
        ] {
            assert_eq!(format_for_path(Path::new(name)), Ok(format), "{name}");
        }
    }

    #[test]
    fn html_by_extension_is_refused_until_it_exists() {
        for name in ["report.html", "report.htm", "Report.HTML"] {
            let err = format_for_path(Path::new(name)).unwrap_err();
            assert!(err.contains("HTML output is not available yet"), "{err}");
            assert!(err.contains(name), "{err}");
            assert!(!err.contains('\n'), "one line: {err}");
        }
    }
}

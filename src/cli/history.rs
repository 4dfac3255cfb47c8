//! `sellerhealth history` and `--history`: the command line of the history.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::values::parse_metric;
use crate::marketplace::Marketplace;
use crate::policy::MetricId;

/// The formats of `sellerhealth history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

pub(super) const HISTORY_EXAMPLES: &str = "\
Examples:
  sellerhealth audit --history ~/.local/share/sellerhealth/history.sqlite reports/
  sellerhealth history --history ~/.local/share/sellerhealth/history.sqlite
  SELLERHEALTH_HISTORY=history.sqlite sellerhealth history --metric lsr --format csv";

/// The variable that names the history file when `--history` is not given.
pub const HISTORY_ENV: &str = "SELLERHEALTH_HISTORY";

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The history file [default: $SELLERHEALTH_HISTORY].
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Only the snapshots of this account.
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Only the snapshots of this marketplace.
    #[arg(long, value_enum, ignore_case = true, value_name = "CODE")]
    pub marketplace: Option<Marketplace>,
    /// Only this metric's rows (e.g. `late_shipment_rate`, or `lsr`).
    #[arg(long, value_name = "ID", value_parser = parse_metric)]
    pub metric: Option<MetricId>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table", value_name = "FORMAT")]
    pub format: ListFormat,
}

/// What `sellerhealth history` lists, resolved.
#[derive(Debug, Clone)]
pub struct HistoryConfig {
    /// `--history`, else `$SELLERHEALTH_HISTORY`.
    pub path: PathBuf,
    pub account: Option<String>,
    /// A marketplace code (`US`).
    pub marketplace: Option<String>,
    pub metric: Option<MetricId>,
    pub format: ListFormat,
}

/// `--history FILE`, else the variable [`HISTORY_ENV`] when set and not empty.
pub(super) fn history_path(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        std::env::var_os(HISTORY_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

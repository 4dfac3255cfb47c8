//! What was read from each input file, and what the reader had to skip:
//! facts handed up by `ingest`, put into words by the report.

use crate::calendar::Instant;
use crate::marketplace::DateOrder;

/// The kind of an input as listed in the report (`Unknown` for a header-only
/// file whose kind cannot be told).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Orders,
    Shipments,
    Feedback,
    Claims,
    Returns,
    Messages,
    /// Amazon's Account Health report (JSON).
    Performance,
    Unknown,
}

/// What was read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSummary {
    pub path: String,
    pub kind: InputKind,
    /// Data rows read (blank lines and skipped header lines aside).
    pub rows: u64,
    pub skipped_rows: u64,
    /// The first and last instant of any event in the rows read (SPEC §9.2).
    pub events: EventSpan,
}

/// The earliest and latest event instants of a file's rows: purchases,
/// updates, shipments, confirmations, deliveries, feedback, claims, returns,
/// messages received and answered; never deadlines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventSpan {
    pub first: Option<Instant>,
    pub last: Option<Instant>,
}

impl EventSpan {
    #[inline]
    pub fn see(&mut self, t: Instant) {
        self.first = Some(self.first.map_or(t, |f| f.min(t)));
        self.last = Some(self.last.map_or(t, |l| l.max(t)));
    }

    #[inline]
    pub fn see_opt(&mut self, t: Option<Instant>) {
        if let Some(t) = t {
            self.see(t);
        }
    }

    /// Both spans in one.
    pub fn merge(&mut self, other: EventSpan) {
        self.see_opt(other.first);
        self.see_opt(other.last);
    }
}

/// Something the reader skipped or repaired, with where. Paths are as shown
/// to the user (`<stdin>` for standard input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadWarning {
    /// A directory with no file of a report extension.
    NoReportFiles { dir: String },
    /// A lone header line whose columns match no kind.
    HeaderOnlyUnknownKind { path: String },
    /// A file found in a directory whose kind is unknown.
    UnknownKindSkipped { path: String },
    /// A malformed row; `reason` is the message of its row error.
    RowSkipped {
        path: String,
        line: u64,
        reason: String,
    },
    /// More malformed rows than are listed one by one.
    RowsSkippedInAll { path: String, rows: u64 },
    /// A comma-delimited quote opened on `line` never closes: the rest of
    /// the file, `lines_lost` lines from `line` on, was skipped.
    UnterminatedQuote {
        path: String,
        line: u64,
        lines_lost: u64,
    },
    /// Invalid UTF-8 after the first MiB, replaced in `rows` rows from `line` on.
    InvalidUtf8Replaced { path: String, line: u64, rows: u64 },
    /// Most rows have a `column` value that is not a date in the
    /// marketplace's order but reads in `order` (`--date-order`).
    DateOrder {
        path: String,
        column: &'static str,
        rows: u64,
        order: DateOrder,
        marketplace_order: DateOrder,
    },
    /// Orders whose sales channel is `Non-Amazon` (multi-channel
    /// fulfilment): left out of every metric, with their rows (SPEC §12.1).
    NonAmazonOrders { orders: u64 },
    /// `--marketplace`: orders of other marketplaces left out, per marketplace.
    OtherMarketplaces {
        audited: &'static str,
        left_out: Vec<(&'static str, u64)>,
    },
}

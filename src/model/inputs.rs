//! What was read from each input file, and what the reader had to skip:
//! facts handed up by `ingest`, put into words by the report.

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
}

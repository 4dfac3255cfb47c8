//! What reading the rows of a file gave, and the warnings that come of it.

use super::SHOWN_ROW_WARNINGS;
use crate::model::{EventSpan, ReadWarning};

/// What reading the rows of one file (or one worker's share of it) gave.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) rows: u64,
    pub(super) skipped: u64,
    /// The first few skipped rows: (line counted from where the reader
    /// started, reason).
    pub(super) first_skips: Vec<(u64, String)>,
    /// A comma-delimited quote that never closes: its line, counted the same way.
    pub(super) unterminated: Option<u64>,
    /// Rows in which invalid UTF-8 was replaced, and the first one's line.
    pub(super) replaced_rows: u64,
    pub(super) first_replaced: Option<u64>,
    /// The first and last event of the rows read (SPEC §9.2).
    pub(super) events: EventSpan,
}

impl Tally {
    /// Adds another worker's tally over the same lines.
    pub(super) fn merge(&mut self, other: Tally) {
        self.rows += other.rows;
        self.skipped += other.skipped;
        self.events.merge(other.events);
        self.first_skips.extend(other.first_skips);
        self.first_skips.sort_by_key(|(line, _)| *line);
        self.first_skips.truncate(SHOWN_ROW_WARNINGS as usize);
        self.unterminated = match (self.unterminated, other.unterminated) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.replaced_rows += other.replaced_rows;
        self.first_replaced = match (self.first_replaced, other.first_replaced) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// Turns line numbers counted from the first data line into the file's.
    pub(super) fn shift_lines(&mut self, offset: u64) {
        for (line, _) in &mut self.first_skips {
            *line += offset;
        }
        self.unterminated = self.unterminated.map(|l| l + offset);
        self.first_replaced = self.first_replaced.map(|l| l + offset);
    }

    /// With `--strict`: the first malformed row, as an absolute line.
    pub(super) fn first_error(&self) -> Option<(u64, String)> {
        let skip = self.first_skips.first().cloned();
        let open = self.unterminated.map(|l| (l, UNTERMINATED.to_string()));
        [skip, open].into_iter().flatten().min_by_key(|(l, _)| *l)
    }

    pub(super) fn warn(&self, shown: &str, warnings: &mut Vec<ReadWarning>) {
        let path = || shown.to_string();
        for (line, reason) in &self.first_skips {
            warnings.push(ReadWarning::RowSkipped {
                path: path(),
                line: *line,
                reason: reason.clone(),
            });
        }
        if self.skipped > SHOWN_ROW_WARNINGS {
            warnings.push(ReadWarning::RowsSkippedInAll {
                path: path(),
                rows: self.skipped,
            });
        }
        if let Some(line) = self.unterminated {
            warnings.push(ReadWarning::UnterminatedQuote { path: path(), line });
        }
        if self.replaced_rows > 0 {
            warnings.push(ReadWarning::InvalidUtf8Replaced {
                path: path(),
                line: self.first_replaced.unwrap_or(0),
                rows: self.replaced_rows,
            });
        }
    }
}

const UNTERMINATED: &str = "a quote opened here never closes; the rest of the file is skipped";

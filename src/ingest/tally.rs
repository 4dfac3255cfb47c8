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
    /// A comma-delimited quote that never closes: its line, counted the same
    /// way, and the lines lost from it to the end.
    pub(super) unterminated: Option<(u64, u64)>,
    /// Lines read, from where the reader started (to the end, unless a
    /// strict read stopped early).
    pub(super) lines: u64,
    /// Rows in which invalid UTF-8 was replaced, and the first one's line.
    pub(super) replaced_rows: u64,
    pub(super) first_replaced: Option<u64>,
    /// The first and last event of the rows read (SPEC §9.2).
    pub(super) events: EventSpan,
}

impl Tally {
    /// Adds the tally of the lines that follow these (the next piece of a
    /// file read in pieces), its line numbers already the file's.
    pub(super) fn then(&mut self, later: Tally) {
        self.rows += later.rows;
        self.skipped += later.skipped;
        self.events.merge(later.events);
        let room = (SHOWN_ROW_WARNINGS as usize).saturating_sub(self.first_skips.len());
        self.first_skips
            .extend(later.first_skips.into_iter().take(room));
        self.unterminated = self.unterminated.or(later.unterminated);
        self.replaced_rows += later.replaced_rows;
        self.first_replaced = self.first_replaced.or(later.first_replaced);
    }

    /// Turns line numbers counted from the start of a piece into the file's.
    pub(super) fn shift_lines(&mut self, offset: u64) {
        for (line, _) in &mut self.first_skips {
            *line += offset;
        }
        self.unterminated = self.unterminated.map(|(l, lost)| (l + offset, lost));
        self.first_replaced = self.first_replaced.map(|l| l + offset);
    }

    /// With `--strict`: the first malformed row, as an absolute line.
    pub(super) fn first_error(&self) -> Option<(u64, String)> {
        let skip = self.first_skips.first().cloned();
        let open = self.unterminated.map(|(l, lost)| {
            let lines = if lost == 1 { "line" } else { "lines" };
            (
                l,
                format!("a quote opened here never closes; the rest of the file ({lost} {lines}) is skipped"),
            )
        });
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
        if let Some((line, lines_lost)) = self.unterminated {
            warnings.push(ReadWarning::UnterminatedQuote {
                path: path(),
                line,
                lines_lost,
            });
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

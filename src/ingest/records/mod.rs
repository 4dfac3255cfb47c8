//! Splitting a UTF-8 byte stream into lines and rows (SPEC §2.1).
//!
//! Tab-delimited rows are split on tabs with no quoting at all; comma-delimited
//! rows follow RFC 4180 (a quoted field may span lines). Memory per row is
//! bounded by [`MAX_RECORD_BYTES`]. The csv crate is not used here because it
//! can neither bound a record's size nor report an unterminated quote.

mod lines;
mod reader;
mod rfc4180;
mod tabs;

use memchr::memchr;

pub use lines::Lines;
pub use reader::{Event, Partition, Row, RowReader};
use rfc4180::{split_csv_line, CsvState};
use tabs::split_tabs;

/// A row (record) longer than this is malformed (SPEC §2.1).
pub const MAX_RECORD_BYTES: usize = 16 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    Comma,
}

impl Delimiter {
    /// Tab if the line contains a tab, else comma.
    pub fn of_line(line: &[u8]) -> Delimiter {
        if memchr(b'\t', line).is_some() {
            Delimiter::Tab
        } else {
            Delimiter::Comma
        }
    }
}

/// Splits a single line by its own delimiter rule, for header detection.
pub fn split_line(line: &[u8]) -> (Delimiter, Vec<String>) {
    let delimiter = Delimiter::of_line(line);
    let text = String::from_utf8_lossy(line);
    let bytes = text.as_bytes();
    let mut bounds = Vec::new();
    let mut out = Vec::new();
    let cells = match delimiter {
        Delimiter::Tab => {
            split_tabs(bytes, &mut bounds);
            bounds
                .iter()
                .map(|&(a, b)| String::from_utf8_lossy(&bytes[a..b]).trim().to_string())
                .collect()
        }
        Delimiter::Comma => {
            let mut state = CsvState::default();
            split_csv_line(bytes, &mut out, &mut bounds, &mut state);
            if state.in_quotes {
                bounds.push((state.field_start, out.len()));
            }
            bounds
                .iter()
                .map(|&(a, b)| String::from_utf8_lossy(&out[a..b]).trim().to_string())
                .collect()
        }
    };
    (delimiter, cells)
}

/// Reading test input through a [`RowReader`].
#[cfg(test)]
mod testkit {
    use std::io::Cursor;

    use super::*;

    pub(super) fn rows(input: &str, delimiter: Delimiter) -> Vec<Result<Vec<String>, Event>> {
        let mut r = RowReader::new(
            Lines::new(Cursor::new(input.as_bytes().to_vec())),
            delimiter,
        );
        let mut out = Vec::new();
        loop {
            match r.next_row().unwrap() {
                Event::Row { .. } => {
                    out.push(Ok(r.row().cells().iter().map(|s| s.to_string()).collect()))
                }
                Event::End => break,
                Event::Blank => {}
                other => out.push(Err(other)),
            }
        }
        out
    }

    pub(super) fn ok(cells: &[&str]) -> Result<Vec<String>, Event> {
        Ok(cells.iter().map(|s| s.to_string()).collect())
    }
}

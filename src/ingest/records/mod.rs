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

pub use lines::{line_start_at_or_after, Lines};
pub use reader::{Event, Row, RowReader};

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

/// The cells of one line split by its own delimiter rule, for header
/// detection: split as they are walked, so that a line of millions of cells
/// costs no more than its text.
#[derive(Debug, Clone)]
pub struct Cells<'a> {
    pub delimiter: Delimiter,
    text: std::borrow::Cow<'a, str>,
}

impl<'a> Cells<'a> {
    /// Each cell, unquoted (comma-delimited) and trimmed.
    pub fn iter(&self) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + Clone + '_ {
        let tab = (self.delimiter == Delimiter::Tab).then(|| self.text.split('\t'));
        let comma = (self.delimiter == Delimiter::Comma).then(|| CsvCells {
            rest: Some(self.text.as_bytes()),
        });
        let tab = tab
            .into_iter()
            .flatten()
            .map(|c| std::borrow::Cow::Borrowed(c.trim()));
        let comma = comma.into_iter().flatten().map(|c| {
            let trimmed = c.trim();
            if trimmed.len() == c.len() {
                std::borrow::Cow::Owned(c)
            } else {
                std::borrow::Cow::Owned(trimmed.to_string())
            }
        });
        tab.chain(comma)
    }

    /// How many cells the line has.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Splits a single line by its own delimiter rule, for header detection.
pub fn split_line(line: &[u8]) -> Cells<'_> {
    Cells {
        delimiter: Delimiter::of_line(line),
        text: String::from_utf8_lossy(line),
    }
}

/// The cells of one comma-delimited line, one at a time, by the rules of
/// [`split_csv_line`] (a quote still open at the end runs to the end).
#[derive(Debug, Clone)]
struct CsvCells<'a> {
    rest: Option<&'a [u8]>,
}

impl Iterator for CsvCells<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let line = self.rest?;
        let mut out = Vec::new();
        let mut in_quotes = false;
        let mut at_field_start = true;
        let mut i = 0;
        while i < line.len() {
            let c = line[i];
            if in_quotes {
                if c == b'"' {
                    if line.get(i + 1) == Some(&b'"') {
                        out.push(b'"');
                        i += 2;
                        continue;
                    }
                    in_quotes = false;
                } else {
                    out.push(c);
                }
            } else if c == b',' {
                self.rest = Some(&line[i + 1..]);
                return Some(String::from_utf8_lossy(&out).into_owned());
            } else if c == b'"' && at_field_start {
                in_quotes = true;
                at_field_start = false;
            } else {
                out.push(c);
                if !c.is_ascii_whitespace() {
                    at_field_start = false;
                }
            }
            i += 1;
        }
        self.rest = None;
        Some(String::from_utf8_lossy(&out).into_owned())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Header cells split one at a time are the cells a whole-line split gives.
    #[test]
    fn header_cells_are_the_rows_cells() {
        for line in [
            "a,\"b,c\",\"say \"\"hi\"\"\", d ,",
            " \"x\" y,\"open, never closed",
            "",
            ",",
            "order-id\tpurchase-date\t \"q\" \t",
            "caf\u{e9},\u{3000}x\u{3000}",
        ] {
            let got: Vec<String> = split_line(line.as_bytes())
                .iter()
                .map(|c| c.into_owned())
                .collect();
            let bytes = line.as_bytes();
            let (mut out, mut bounds) = (Vec::new(), Vec::new());
            let want: Vec<String> = if Delimiter::of_line(bytes) == Delimiter::Tab {
                line.split('\t').map(|c| c.trim().to_string()).collect()
            } else {
                let mut state = rfc4180::CsvState::default();
                rfc4180::split_csv_line(bytes, &mut out, &mut bounds, &mut state);
                if state.in_quotes {
                    bounds.push((state.field_start, out.len()));
                }
                bounds
                    .iter()
                    .map(|&(a, b)| String::from_utf8_lossy(&out[a..b]).trim().to_string())
                    .collect()
            };
            assert_eq!(got, want, "{line:?}");
        }
    }
}

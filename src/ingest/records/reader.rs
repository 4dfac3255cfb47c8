//! Rows from lines: one row per line for tab-delimited files, RFC 4180
//! records (which may span lines) for comma-delimited ones (SPEC §2.1).

use std::io::{self, Read};

use super::lines::{Found, Lines};
use super::rfc4180::{split_csv_line, CsvState};
use super::tabs::{split_tabs, SparseSplit};
use super::{Delimiter, MAX_RECORD_BYTES};

/// What [`RowReader::next_row`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A row is ready ([`RowReader::row`]); it starts on `line`.
    Row {
        line: u64,
    },
    /// A blank line (nothing but white space and delimiters): ignored.
    Blank,
    /// A row over [`MAX_RECORD_BYTES`], skipped.
    TooLong {
        line: u64,
    },
    /// A comma-delimited quote opened on `line` never closes: the rest of the
    /// file, `lost` lines from `line` on, is skipped.
    Unterminated {
        line: u64,
        lost: u64,
    },
    End,
}

/// Where the current row's bytes are.
#[derive(Debug, Clone, Copy)]
enum Held {
    /// In the line buffer, untouched (tab-delimited rows).
    Buffer(usize, usize),
    /// Unquoted into `bytes` (comma-delimited rows).
    Bytes,
}

/// Reads rows of one delimiter. Tab-delimited rows are split where they lie
/// in the line buffer; comma-delimited ones are unquoted into a buffer of
/// their own.
pub struct RowReader<R: Read> {
    lines: Lines<R>,
    delimiter: Delimiter,
    held: Held,
    bytes: Vec<u8>,
    bounds: Vec<(usize, usize)>,
    text: String,
    /// Rows in which invalid UTF-8 was replaced.
    pub replaced_rows: u64,
    pub first_replaced_line: Option<u64>,
    line: u64,
    /// The columns the reader's user looks at.
    needed: Vec<usize>,
    /// For tab-delimited rows: split only the needed columns.
    sparse: Option<SparseSplit>,
    /// Cells in the current row.
    count: usize,
}

impl<R: Read> RowReader<R> {
    pub fn new(lines: Lines<R>, delimiter: Delimiter) -> Self {
        RowReader {
            lines,
            delimiter,
            held: Held::Bytes,
            bytes: Vec::new(),
            bounds: Vec::new(),
            text: String::new(),
            replaced_rows: 0,
            first_replaced_line: None,
            line: 0,
            needed: Vec::new(),
            sparse: None,
            count: 0,
        }
    }

    /// Only these columns need valid UTF-8; invalid bytes elsewhere are never read.
    pub fn only_columns(mut self, columns: Vec<usize>) -> Self {
        if self.delimiter == Delimiter::Tab && !columns.is_empty() {
            self.sparse = Some(SparseSplit::new(&columns));
        }
        self.needed = columns;
        self
    }

    /// Lines read so far (the line count of the input once it has ended).
    pub fn line_count(&self) -> u64 {
        self.lines.line_count()
    }

    pub fn next_row(&mut self) -> io::Result<Event> {
        let (number, start, end) = match self.lines.next_found(false)? {
            None => return Ok(Event::End),
            Some(Found::TooLong { number }) => return Ok(Event::TooLong { line: number }),
            Some(Found::Line { number, start, end }) => (number, start, end),
        };
        self.line = number;
        let line = &self.lines.buf[start..end];
        if is_blank(line) {
            return Ok(Event::Blank);
        }
        match self.delimiter {
            Delimiter::Tab => {
                self.count = match &self.sparse {
                    Some(plan) => plan.split(line, &mut self.bounds),
                    None => {
                        self.bounds.clear();
                        split_tabs(line, &mut self.bounds);
                        self.bounds.len()
                    }
                };
                self.held = Held::Buffer(start, end);
            }
            Delimiter::Comma => {
                self.bounds.clear();
                self.bytes.clear();
                self.held = Held::Bytes;
                let mut state = CsvState::default();
                split_csv_line(line, &mut self.bytes, &mut self.bounds, &mut state);
                while state.in_quotes {
                    match self.lines.next_found(false)? {
                        None => return Ok(self.unterminated(number)),
                        Some(Found::TooLong { .. }) => return Ok(Event::TooLong { line: number }),
                        Some(Found::Line { start, end, .. }) => {
                            if self.bytes.len() + (end - start) > MAX_RECORD_BYTES {
                                return self.skip_record(number, state);
                            }
                            self.bytes.push(b'\n');
                            split_csv_line(
                                &self.lines.buf[start..end],
                                &mut self.bytes,
                                &mut self.bounds,
                                &mut state,
                            );
                        }
                    }
                }
            }
        }
        Ok(Event::Row { line: number })
    }

    /// A quote opened on `line` has not closed by the end of the input.
    fn unterminated(&self, line: u64) -> Event {
        Event::Unterminated {
            line,
            lost: self.lines.line_count().saturating_sub(line) + 1,
        }
    }

    /// A comma-delimited record that started on `line` has grown past
    /// [`MAX_RECORD_BYTES`] inside a quote: its lines are passed (following
    /// the quotes, holding nothing) to where it ends, and it is too long; or
    /// the quote never closes, and the rest of the file is lost with it.
    fn skip_record(&mut self, line: u64, mut state: CsvState) -> io::Result<Event> {
        self.bytes.clear();
        self.bounds.clear();
        while state.in_quotes {
            match self.lines.next_found(false)? {
                None => return Ok(self.unterminated(line)),
                // An over-long line inside the quote: where it ends is unknown.
                Some(Found::TooLong { .. }) => break,
                Some(Found::Line { start, end, .. }) => {
                    split_csv_line(
                        &self.lines.buf[start..end],
                        &mut self.bytes,
                        &mut self.bounds,
                        &mut state,
                    );
                    self.bytes.clear();
                    self.bounds.clear();
                }
            }
        }
        Ok(Event::TooLong { line })
    }

    /// The row read by the last [`Event::Row`]; invalid UTF-8 in it is
    /// replaced by U+FFFD (and counted).
    pub fn row(&mut self) -> Row<'_> {
        let bytes = match self.held {
            Held::Buffer(s, e) => &self.lines.buf[s..e],
            Held::Bytes => &self.bytes[..],
        };
        // One validation of the whole row, then a copy of it: cells are then
        // sliced from a `str` without checking each again.
        self.text.clear();
        let count = match std::str::from_utf8(bytes) {
            Ok(valid) => {
                self.text.push_str(valid);
                match (self.delimiter, &self.sparse) {
                    (Delimiter::Tab, Some(_)) => self.count,
                    _ => self.bounds.len(),
                }
            }
            Err(_) => {
                self.replaced_rows += 1;
                self.first_replaced_line.get_or_insert(self.line);
                // Replacement changes byte offsets: convert cell by cell and
                // move each bound to its cell's new place.
                for bound in self.bounds.iter_mut() {
                    let start = self.text.len();
                    self.text.push_str(&String::from_utf8_lossy(
                        bytes.get(bound.0..bound.1).unwrap_or(&[]),
                    ));
                    *bound = (start, self.text.len());
                }
                match (self.delimiter, &self.sparse) {
                    (Delimiter::Tab, Some(_)) => self.count,
                    _ => self.bounds.len(),
                }
            }
        };
        Row {
            text: &self.text,
            bounds: &self.bounds,
            count,
        }
    }
}

/// The cells of one row, trimmed.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    text: &'a str,
    /// Where each cell lies (only the needed ones when split sparsely).
    bounds: &'a [(usize, usize)],
    /// How many cells the row has.
    count: usize,
}

impl<'a> Row<'a> {
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Cell `i`, trimmed; empty when the row is shorter (short rows are padded).
    pub fn cell(&self, i: usize) -> &'a str {
        match self.bounds.get(i) {
            Some(&(a, b)) => trim(self.text.get(a..b).unwrap_or("")),
            None => "",
        }
    }

    #[cfg(test)]
    pub fn cells(&self) -> Vec<&'a str> {
        (0..self.len()).map(|i| self.cell(i)).collect()
    }
}

/// `str::trim`, with a fast path for the usual cell that has nothing to trim.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&f), Some(&l)) if f > b' ' && f < 0x80 && l > b' ' && l < 0x80 => s,
        _ => s.trim(),
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|c| matches!(c, b' ' | b'\t' | b',' | b'\r' | b'\x0b' | b'\x0c'))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::super::testkit::{ok, rows};
    use super::*;

    #[test]
    fn crlf_and_blank_lines() {
        let got = rows("a\tb\r\n\r\n  \n\t\t\nc\td\r\n", Delimiter::Tab);
        assert_eq!(got, vec![ok(&["a", "b"]), ok(&["c", "d"])]);
    }

    #[test]
    fn csv_row_line_is_its_first_line() {
        let mut r = RowReader::new(
            Lines::new(Cursor::new(b"\"a\nb\",c\nd,e\n".to_vec())),
            Delimiter::Comma,
        );
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 1 });
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 3 });
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let mut r = RowReader::new(
            Lines::new(Cursor::new(b"caf\xE9\tb\n".to_vec())),
            Delimiter::Tab,
        );
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 1 });
        assert_eq!(r.row().cells(), vec!["caf\u{FFFD}", "b"]);
        assert_eq!(r.replaced_rows, 1);
    }
}

//! Splitting a UTF-8 byte stream into lines and rows (SPEC §2.1).
//!
//! Tab-delimited rows are split on tabs with no quoting at all; comma-delimited
//! rows follow RFC 4180 (a quoted field may span lines). Memory per row is
//! bounded by [`MAX_RECORD_BYTES`]. The csv crate is not used here because it
//! can neither bound a record's size nor report an unterminated quote.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};

use memchr::{memchr, memchr_iter};

/// A row (record) longer than this is malformed (SPEC §2.1).
pub const MAX_RECORD_BYTES: usize = 16 << 20;
const BUFFER_BYTES: usize = 256 * 1024;

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

/// One physical line: its number (1-based) and whether it was cut for length.
struct LineInfo {
    number: u64,
    too_long: bool,
}

/// Reads LF or CRLF lines, at most [`MAX_RECORD_BYTES`] kept per line.
pub struct Lines<R: Read> {
    inner: BufReader<R>,
    number: u64,
    /// Lines read ahead (header detection) and handed out again.
    pending: VecDeque<(u64, Vec<u8>, bool)>,
}

impl<R: Read> Lines<R> {
    pub fn new(inner: R) -> Self {
        Lines {
            inner: BufReader::with_capacity(BUFFER_BYTES, inner),
            number: 0,
            pending: VecDeque::new(),
        }
    }

    fn next_into(&mut self, out: &mut Vec<u8>) -> io::Result<Option<LineInfo>> {
        out.clear();
        if let Some((number, bytes, too_long)) = self.pending.pop_front() {
            out.extend_from_slice(&bytes);
            return Ok(Some(LineInfo { number, too_long }));
        }
        self.read_physical(out)
    }

    fn read_physical(&mut self, out: &mut Vec<u8>) -> io::Result<Option<LineInfo>> {
        out.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                if !any {
                    return Ok(None);
                }
                break;
            }
            any = true;
            let (take, done) = match memchr(b'\n', available) {
                Some(i) => (i, true),
                None => (available.len(), false),
            };
            if !too_long {
                if out.len() + take > MAX_RECORD_BYTES {
                    too_long = true;
                    out.clear();
                } else {
                    out.extend_from_slice(&available[..take]);
                }
            }
            self.inner.consume(if done { take + 1 } else { take });
            if done {
                break;
            }
        }
        if out.last() == Some(&b'\r') {
            out.pop();
        }
        self.number += 1;
        Ok(Some(LineInfo {
            number: self.number,
            too_long,
        }))
    }

    /// Reads up to `n` lines ahead; they are returned again by later reads.
    pub fn peek_lines(&mut self, n: usize) -> io::Result<Vec<(u64, Vec<u8>)>> {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        for _ in 0..n {
            match self.read_physical(&mut buf)? {
                Some(info) => {
                    let bytes = if info.too_long {
                        Vec::new()
                    } else {
                        buf.clone()
                    };
                    out.push((info.number, bytes.clone()));
                    self.pending.push_back((info.number, bytes, info.too_long));
                }
                None => break,
            }
        }
        Ok(out)
    }

    /// Drops the pending lines up to and including line `number`.
    pub fn skip_through(&mut self, number: u64) {
        while self.pending.front().is_some_and(|p| p.0 <= number) {
            self.pending.pop_front();
        }
    }
}

/// What [`RowReader::next_row`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A row is in the buffer; it starts on `line`.
    Row {
        line: u64,
    },
    /// A blank line (nothing but white space and delimiters): ignored.
    Blank,
    /// A row over [`MAX_RECORD_BYTES`], skipped.
    TooLong {
        line: u64,
    },
    /// A comma-delimited quote opened on `line` never closes: the rest of the file is skipped.
    Unterminated {
        line: u64,
    },
    End,
}

/// Reads rows of one delimiter into a reusable buffer.
pub struct RowReader<R: Read> {
    pub lines: Lines<R>,
    delimiter: Delimiter,
    line: Vec<u8>,
    bytes: Vec<u8>,
    bounds: Vec<(usize, usize)>,
    text: String,
    /// Rows in which invalid UTF-8 was replaced.
    pub replaced_rows: u64,
    pub first_replaced_line: Option<u64>,
}

impl<R: Read> RowReader<R> {
    pub fn new(lines: Lines<R>, delimiter: Delimiter) -> Self {
        RowReader {
            lines,
            delimiter,
            line: Vec::new(),
            bytes: Vec::new(),
            bounds: Vec::new(),
            text: String::new(),
            replaced_rows: 0,
            first_replaced_line: None,
        }
    }

    pub fn next_row(&mut self) -> io::Result<Event> {
        let Some(info) = self.lines.next_into(&mut self.line)? else {
            return Ok(Event::End);
        };
        if info.too_long {
            return Ok(Event::TooLong { line: info.number });
        }
        if is_blank(&self.line) {
            return Ok(Event::Blank);
        }
        self.bytes.clear();
        self.bounds.clear();
        match self.delimiter {
            Delimiter::Tab => {
                std::mem::swap(&mut self.bytes, &mut self.line);
                split_tabs(&self.bytes, &mut self.bounds);
            }
            Delimiter::Comma => {
                let mut state = CsvState::default();
                let mut line = std::mem::take(&mut self.line);
                loop {
                    split_csv_line(&line, &mut self.bytes, &mut self.bounds, &mut state);
                    if !state.in_quotes {
                        break;
                    }
                    match self.lines.next_into(&mut line)? {
                        None => {
                            self.line = line;
                            return Ok(Event::Unterminated { line: info.number });
                        }
                        Some(next) => {
                            if next.too_long || self.bytes.len() + line.len() > MAX_RECORD_BYTES {
                                // Give up on this row; the next line starts afresh.
                                self.line = line;
                                return Ok(Event::TooLong { line: info.number });
                            }
                            self.bytes.push(b'\n');
                        }
                    }
                }
                self.line = line;
            }
        }
        self.text.clear();
        match std::str::from_utf8(&self.bytes) {
            Ok(s) => self.text.push_str(s),
            Err(_) => {
                self.replaced_rows += 1;
                self.first_replaced_line.get_or_insert(info.number);
                self.text.push_str(&String::from_utf8_lossy(&self.bytes));
                // Replacement changes byte offsets: split the text again.
                self.bounds.clear();
                let text = self.text.as_bytes();
                match self.delimiter {
                    Delimiter::Tab => split_tabs(text, &mut self.bounds),
                    Delimiter::Comma => {
                        // Quotes were already removed; commas inside fields are
                        // rare enough in a broken row to accept the re-split.
                        let mut unused = Vec::new();
                        split_csv_line(
                            text,
                            &mut unused,
                            &mut self.bounds,
                            &mut CsvState::default(),
                        );
                    }
                }
            }
        }
        Ok(Event::Row { line: info.number })
    }

    /// The row read by the last [`Event::Row`].
    pub fn row(&self) -> Row<'_> {
        Row {
            text: &self.text,
            bounds: &self.bounds,
        }
    }
}

/// The cells of one row, trimmed.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    text: &'a str,
    bounds: &'a [(usize, usize)],
}

impl<'a> Row<'a> {
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// Cell `i`, trimmed; empty when the row is shorter (short rows are padded).
    pub fn cell(&self, i: usize) -> &'a str {
        match self.bounds.get(i) {
            Some(&(a, b)) => self.text.get(a..b).unwrap_or("").trim(),
            None => "",
        }
    }

    pub fn cells(&self) -> Vec<&'a str> {
        (0..self.len()).map(|i| self.cell(i)).collect()
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|c| matches!(c, b' ' | b'\t' | b',' | b'\r' | b'\x0b' | b'\x0c'))
}

fn split_tabs(line: &[u8], bounds: &mut Vec<(usize, usize)>) {
    let mut start = 0;
    for i in memchr_iter(b'\t', line) {
        bounds.push((start, i));
        start = i + 1;
    }
    bounds.push((start, line.len()));
}

#[derive(Default)]
struct CsvState {
    in_quotes: bool,
    field_start: usize,
    at_field_start: bool,
    started: bool,
}

/// Splits one physical line of RFC 4180 text, unquoting into `out`. When a
/// quoted field is still open at the end, `state.in_quotes` stays set and the
/// next line continues it.
fn split_csv_line(
    line: &[u8],
    out: &mut Vec<u8>,
    bounds: &mut Vec<(usize, usize)>,
    state: &mut CsvState,
) {
    if !state.started {
        state.started = true;
        state.at_field_start = true;
        state.field_start = out.len();
    }
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        if state.in_quotes {
            if c == b'"' {
                if line.get(i + 1) == Some(&b'"') {
                    out.push(b'"');
                    i += 2;
                    continue;
                }
                state.in_quotes = false;
            } else {
                out.push(c);
            }
        } else if c == b',' {
            bounds.push((state.field_start, out.len()));
            state.field_start = out.len();
            state.at_field_start = true;
        } else if c == b'"' && state.at_field_start {
            state.in_quotes = true;
            state.at_field_start = false;
        } else {
            out.push(c);
            if !c.is_ascii_whitespace() {
                state.at_field_start = false;
            }
        }
        i += 1;
    }
    if !state.in_quotes {
        bounds.push((state.field_start, out.len()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn rows(input: &str, delimiter: Delimiter) -> Vec<Result<Vec<String>, Event>> {
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

    fn ok(cells: &[&str]) -> Result<Vec<String>, Event> {
        Ok(cells.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn tabs_have_no_quoting() {
        let got = rows(
            "a\t\"Deluxe\" Mug, 11 oz\tc\nd\t\"open\te\n",
            Delimiter::Tab,
        );
        assert_eq!(
            got,
            vec![
                ok(&["a", "\"Deluxe\" Mug, 11 oz", "c"]),
                ok(&["d", "\"open", "e"])
            ]
        );
    }

    #[test]
    fn crlf_and_blank_lines() {
        let got = rows("a\tb\r\n\r\n  \n\t\t\nc\td\r\n", Delimiter::Tab);
        assert_eq!(got, vec![ok(&["a", "b"]), ok(&["c", "d"])]);
    }

    #[test]
    fn csv_quotes_follow_rfc4180() {
        let got = rows(
            "a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\ny,z",
            Delimiter::Comma,
        );
        assert_eq!(
            got,
            vec![
                ok(&["a", "b,c", "say \"hi\""]),
                ok(&["multi\nline", "x"]),
                ok(&["y", "z"])
            ]
        );
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
    fn unterminated_quote_skips_the_rest() {
        let got = rows("a,b\n\"open,c\nd,e\nf,g\n", Delimiter::Comma);
        assert_eq!(
            got,
            vec![ok(&["a", "b"]), Err(Event::Unterminated { line: 2 })]
        );
    }

    #[test]
    fn overlong_line_is_reported_and_reading_goes_on() {
        let mut input = "a\tb\n".to_string();
        input.push_str(&"x".repeat(MAX_RECORD_BYTES + 10));
        input.push_str("\nc\td\n");
        let got = rows(&input, Delimiter::Tab);
        assert_eq!(
            got,
            vec![
                ok(&["a", "b"]),
                Err(Event::TooLong { line: 2 }),
                ok(&["c", "d"])
            ]
        );
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

    #[test]
    fn peeked_lines_are_read_again() {
        let mut lines = Lines::new(Cursor::new(b"h1\nh2\nrow\n".to_vec()));
        let peeked = lines.peek_lines(10).unwrap();
        assert_eq!(peeked.len(), 3);
        lines.skip_through(2);
        let mut r = RowReader::new(lines, Delimiter::Tab);
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 3 });
        assert_eq!(r.row().cell(0), "row");
        assert_eq!(r.next_row().unwrap(), Event::End);
    }
}
